"""Governance and commercial terms buyers check: definitions, escalation, account management,
reporting, reviews, charges for out-of-scope work, rate card, change control, growth, backup,
recovery objectives, and the provider's right to change the SLA on its own.

Each flag is a cue from rules/patterns/governance.jsonl in a sentence that is not an example,
with no negation before the cue in its clause ("does not include a named account manager") and,
for backup, not placed on the customer ("you remain responsible for backing up").
"""
from __future__ import annotations

import logging
import re
from typing import Optional

from spacy.tokens import Span

from sla_check.extract import Context, Sentence
from sla_check.extractors import _sequences
from sla_check.extractors import _support as sup
from sla_check.extractors._cues import cue_regex
from sla_check.models import Block, Flag, Terms, Value
from sla_check.normalize import is_severity_label, lexicon, severity_level
from sla_check.ruleset import per_ruleset
from sla_check.vocabulary import listed, severity, word_re

log = logging.getLogger(__name__)

FAMILY = "governance"

#: simple flags: Terms field -> pattern label
_FLAGS = {
    "downtime_defined": "DOWNTIME_DEF",
    "escalation_path": "ESCALATION",
    "account_manager": "ACCOUNT_MANAGER",
    "service_reporting": "REPORTING",
    "service_reviews": "REVIEWS",
    "rate_card": "RATE_CARD",
    "change_process": "CHANGE_PROCESS",
    "capacity_growth": "CAPACITY",
}

_MONEY_RATE = re.compile(r"(?:[£$€]\s?\d[\d,.]*|(?:gbp|usd|eur)\s?\d[\d,.]*|\d[\d,.]*\s*(?:pounds|gbp|usd|eur|dollars|euros))\s*(?:\+\s*vat\s*)?"
                         r"(?:per|an|/|a)\s*(?:hour|hr|day|man-day|person-day)", re.IGNORECASE)


def _positive(s: Sentence, label: str) -> Optional[Span]:
    for cue in s.matches(FAMILY, label):
        if not sup.negated(s, cue, window=14) and not (label == "CAPACITY" and _hyphen_compound_end(cue)):
            return cue
    return None


def _hyphen_compound_end(cue: Span) -> bool:
    """The cue ends inside a hyphenated word: "additional on-site visits" ends on "site" of
    "on-site" (a place of work), so it does not name more sites."""
    return len(cue) >= 3 and cue[-2].text in ("-", "\u2010", "\u2011") and cue[-2].whitespace_ == "" and cue[-3].whitespace_ == ""


def _provider_backup(ctx: Context, s: Sentence) -> Optional[Span]:
    """A backup the provider takes: not negated anywhere in the sentence, not the customer's job,
    not the customer's own backup software, not in a customer-responsibilities section."""
    # "one backup server", "backup power": a spare machine or line, not a copy of the data
    spare = [(e.start, e.end) for e in s.matches(FAMILY, "BACKUP_EQUIPMENT")]
    cues = [c for c in s.matches(FAMILY, "BACKUP") if not any(a <= c.start < b for a, b in spare)]
    if not cues or s.block.kind == "heading" or s.matches(sup.COMMON, "CUSTOMER_RESP") or s.matches(FAMILY, "BACKUP_OPTIONAL"):
        return None
    if any(sup.negated(s, c, window=8) for c in cues) or _customer_section(ctx, s):
        return None
    if _CUSTOMER_SUBJECT.match(s.text):  # "Your server backs up each night to a drive your staff change"
        return None
    cues = [c for c in cues if not sup.assisted(s, c)]  # "advising the customer on configuring backups"
    for c in cues:
        before = s.doc[max(s.span.start, c.start - 3):c.start].text.lower()
        if not re.search(r"\b(?:customer|client|your|school|practice)(?:'s|’s)?\s*$", before):
            return c
    return None


_CUSTOMER_SUBJECT = re.compile(r"\s*(?:\d+(?:\.\d+)*\s+)?(?:your|the\s+(?:customer|client|buyer)(?:'s|’s))\s+\w+\s+(?:backs?\s+up|is\s+backed)",
                               re.IGNORECASE)


#: how many words after a party its verb may come ("the Customer will promptly send")
_ACTOR_REACH = 4


def _customers_report(s: Sentence, cue: Span) -> bool:
    """A report the customer gives the vendor ("The customer shall send us monthly usage reports",
    "reports provided by the client"): the customer is the first party its clause names, with a duty or
    giving verb before the report, or the report is given "by" the customer (lexicons/parties.yml)."""
    provider, customer = sup.one_word_roles()
    verbs = _giving_verbs()
    lo, hi = sup.clause_bounds(s, cue)
    head = [t.lower_ for t in s.doc[lo:cue.start]]
    # the first party named as an actor (a possessive "your" names whose things, not who acts)
    at = next((i for i, w in enumerate(head) if w in provider or (w in customer and w != "your")), None)
    if at is not None and head[at] in customer:
        after = " ".join(head[at + 1:at + 1 + _ACTOR_REACH])  # its verb follows it closely
        if verbs.search(after) and not _receiving_words().search(after):
            return True
    tail = [t.lower_ for t in s.doc[cue.end:min(hi, cue.end + 5)]]
    return "by" in tail and any(w in customer for w in tail[tail.index("by") + 1:])


@per_ruleset
def _receiving_words() -> re.Pattern[str]:
    return cue_regex([str(w) for w in lexicon("parties").get("receiving_words") or []])


@per_ruleset
def _giving_verbs() -> re.Pattern[str]:
    lx = lexicon("parties")
    return cue_regex([str(w) for w in (lx.get("duty_verbs") or []) + (lx.get("giving_verbs") or [])])


def _home(ctx: Context, s: Sentence, field: str) -> bool:
    """Whether the sentence sits under a heading about `field` (rules/lexicons/sections.yml).
    Asked for every sentence and flag: each block's answers are found once (kept on the Context)."""
    known: dict[int, frozenset[str]] = ctx.cache.setdefault("governance.home", {})
    fields = known.get(s.block_index)
    if fields is None:
        title = sup.section_title(ctx, s.block_index)
        sections = lexicon("sections").get("flag_sections") or {}
        fields = known[s.block_index] = frozenset(
            f for f, words in sections.items() if any(str(w).lower() in title for w in words or ()))
    return field in fields


def _bare_change_request(text: str, cue: str) -> bool:
    """ "change requests" in a sentence that says nothing of how one is made or priced: a ticket
    type or the buyer's consent to the vendor's change, not a process for extra work."""
    words = lexicon("findings").get("change_process") or {}
    if cue.lower() not in {str(w).lower() for w in words.get("bare_cues") or []}:
        return False
    made = [str(w) for w in words.get("made_or_priced") or []]
    signs = [w for w in made if not w[0].isalnum()]  # currency signs: no word boundary around them
    return not (cue_regex([w for w in made if w[0].isalnum()]).search(text) or any(c in text for c in signs))


def _more_decisive(field: str, text: str, current: Flag) -> bool:
    """A clause with one of the field's decisive words (rules/lexicons/findings.yml) after one
    without: "the SDM is your point of contact for escalation" over "an SDM helps with onboarding"."""
    words = (lexicon("findings").get("decisive_words") or {}).get(field)
    if not words:
        return False
    said = cue_regex(words)
    return bool(said.search(text)) and not (current.evidence is not None and said.search(current.evidence.text))


def _customer_section(ctx: Context, s: Sentence) -> bool:
    title = sup.section_title(ctx, s.block_index)
    if not re.search(r"responsibilit|obligation|dependenc", title):
        return False
    return not re.search(r"\b(?:provider|supplier|contractor|vendor|our|we)\b", title)


def _definition_row(s: Sentence) -> bool:
    """A definitions-table row whose first cell is "Downtime" / "Unavailability"."""
    cells = s.block.cells or ()
    return bool(cells) and (cells[0] or "").strip().strip('"“”').lower() in _downtime_terms()


@per_ruleset
def _downtime_terms() -> frozenset[str]:
    """The names of downtime a contract defines (lexicons/exclusions.yml downtime_terms)."""
    return frozenset(listed("exclusions", "downtime_terms"))


#: a level's own definition: "P1 - Critical: the whole office cannot work", "(a) Sev A: the
#: Platform is unavailable", '"Priority 1 Fault" means ...', "Priority 1 applies where ...",
#: "Urgent = your forms are down", "A Priority 1 incident is one in which ..."
_LEVEL_DEFINED = re.compile(r"^\s*(?:\d+(?:\.\d+)+\s+)?(?:\(?[a-z0-9]{1,3}[.)]\s+)?(?:an?\s+)?[\"“]?(?P<label>[^:=\"”]{1,40}?)[\"”]?\s*(?::|=|\bmeans\b|\bapplies\s+(?:where|when|to)\b"
                            r"|\b(?:is|are)\s+(?:one|those|any\s+\w+|an?\s+\w+)?\s*(?:in\s+which|where|when)\b)",
                            re.IGNORECASE)


@per_ruleset
def _definition_header() -> re.Pattern[str]:
    """A table column that holds the levels' definitions (severity.yml definition_headers)."""
    return re.compile(word_re(severity().definition_headers), re.IGNORECASE)


def _only_level_words(label: str) -> bool:
    """A level's name and nothing else ("P1 - Critical", "Priority 1 Fault", "Sev A"), not a term
    that merely contains one ("Emergency Maintenance", "Support Request")."""
    words = _level_words()
    tokens = re.findall(r"[a-z]+|\d+", label.lower())
    level = severity_level(label.strip())
    return bool(tokens) and level is not None and level <= 4 and \
        all(t in words or t.isdigit() or len(t) == 1 for t in tokens)


@per_ruleset
def _level_words() -> frozenset[str]:
    """The words of the severity lexicon's level names, prefixes, ordinals and label nouns (read
    once per rule set: asked for every sentence that opens like a level's definition)."""
    lx = lexicon("severity")
    words = set()
    for name in list(lx.get("names") or {}) + list(lx.get("prefixes") or []) + list(lx.get("ordinals") or {}):
        words.update(str(name).lower().split())
    words.update(str(w).lower() for w in lx.get("label_nouns") or [])
    return frozenset(words)


def _severity_defined(ctx: Context, terms: Terms) -> Optional[Flag]:
    """Where the contract says what makes an incident P1, P2 ...: a level followed by its
    definition, or a priority table with a definition column (or labels that carry one,
    "Critical - product unavailable for your organisation"). Levels named only beside their
    times ("Priority 1 calls within 4 hours, Priority 2 ...") are not definitions."""
    for s in ctx.sentences:
        cells = s.block.cells or ()
        if s.block.kind == "table_row" and cells and (is_severity_label(cells[0] or "") or _numbered_level(s.block)):
            header = " ".join(s.block.header or ())
            label, _, rest = (cells[0] or "").partition(" - ")
            if _definition_header().search(header) or len(rest.split()) >= 2 or ":" in (cells[0] or ""):
                return Flag(True, sup.evidence(s, rule="governance.severity_table"))
            continue
        m = _LEVEL_DEFINED.match(s.text)
        if m and _only_level_words(m.group("label")) and len(s.text) - m.end() > 15:
            return Flag(True, sup.evidence(s, rule="governance.severity_defined"))
    return None


def _numbered_level(block: Block) -> bool:
    """A row whose first cell is a bare level number ("1", "2") under a column headed by a level word
    ("Severity", "Priority": lexicons/severity.yml `headers`): the row names that level."""
    cell = (block.cells[0] or "").strip() if block.cells else ""
    head = " ".join((block.header[0] or "").lower().split()) if block.header else ""
    lx = lexicon("severity")
    return cell.isdigit() and 0 < int(cell) <= int(lx.get("highest") or 5) \
        and head in {str(w).lower() for w in lx.get("headers") or []}


def _duration_after(s: Sentence, cue: Span) -> Optional[float]:
    """The duration a recovery objective names: after its cue ("RPO of 4 hours"), or just before
    a cue in brackets ("within 8 hours (our recovery time objective)")."""
    at = sup.char_offset(s, cue)
    if re.search(r"\((?:our|the|its)?\s*$", s.text[max(0, at - 8):at], re.I):
        for d in sup.durations(s.text):
            if 0 <= at - d.end <= 25 and sup.unit_of(d) in ("minute", "hour", "day", "week"):
                return d.value if d.basis != "business" else sup.duration_days(d) * 1440.0 if sup.unit_of(d) == "day" else d.value
    for d in sup.durations(s.text):
        if d.start >= at and d.start - at < 80 and sup.unit_of(d) in ("minute", "hour", "day", "week"):
            return d.value if d.basis != "business" else sup.duration_days(d) * 1440.0 if sup.unit_of(d) == "day" else d.value
    return None


def _change_notice_days(s: Sentence) -> Optional[float]:
    if not s.matches(FAMILY, "NOTICE"):
        return None
    for d in sup.durations(s.text):
        if sup.unit_of(d) in ("day", "week", "month"):
            return sup.duration_days(d)
    return None


def _text_flags(s: Sentence, found: dict[str, Flag]) -> None:
    """The flags read from a sentence's text and cells, without its cues."""
    if "downtime_defined" not in found and _definition_row(s):
        found["downtime_defined"] = Flag(True, sup.evidence(s, rule="governance.downtime_defined.table"))
    if "rate_card" not in found and _MONEY_RATE.search(s.text) and not s.matches("credits", "CREDIT"):
        found["rate_card"] = Flag(True, sup.evidence(s, rule="governance.rate_card.money_per_hour"))


def collect(ctx: Context, terms: Terms) -> None:
    _sequences.ensure(ctx, FAMILY, sup.COMMON)
    found: dict[str, Flag] = {}
    rpo: Optional[Value] = None
    rto: Optional[Value] = None
    unilateral: Optional[int] = None  # index of the sentence
    weak_report: Optional[Flag] = None  # a report cue without a period or a verb of giving
    at_home: set[str] = set()  # flags found under a heading about them (rules/lexicons/sections.yml)
    for n, s in enumerate(ctx.sentences):
        if sup.in_example(ctx, n):
            continue
        if not s.matches(FAMILY):  # no cue of this family (most sentences): only its text can tell
            _text_flags(s, found)
            continue
        for field, label in _FLAGS.items():
            if not s.matches(FAMILY, label):
                continue  # no cue of this flag here: nothing below sets it (the tests before are for cues)
            if field in found and (field in at_home or not _home(ctx, s, field)) \
                    and not _more_decisive(field, s.text, found[field]):
                continue
            cue = _positive(s, label)
            if field == "change_process" and cue is not None and _bare_change_request(s.text, cue.text):
                # "by Change Request under the change control procedure": a fuller cue may follow
                cue = next((c for c in s.matches(FAMILY, label) if not _bare_change_request(s.text, c.text)
                            and not sup.negated(s, c, window=14)), None)
                if cue is None:
                    continue
            if field == "service_reporting" and cue is not None and _customers_report(s, cue):
                cue = None  # the customer's reports to the vendor (usage, audit), not service reporting
            if field == "service_reporting" and cue is not None and s.block.kind != "heading":
                # a regular report ("a monthly service report") decides; "is reported in" or a
                # one-off incident report only if nothing better is found
                if not (s.matches(FAMILY, "PERIODIC") and s.matches(FAMILY, "REPORT_VERB")):
                    weak_report = weak_report or Flag(True, sup.evidence(s, cue))
                    continue
            # "more than 10 users" in a priority table row is a severity, not growth
            if cue is not None and s.block.kind != "heading" and not (field == "capacity_growth" and s.block.kind == "table_row"):
                found[field] = Flag(True, sup.evidence(s, cue))
                if _home(ctx, s, field):
                    at_home.add(field)
        if "service_reviews" not in found:
            meet = _positive(s, "MEET")
            if meet is not None and any(0 < r.start - meet.end <= 16 for r in s.matches(FAMILY, "TO_REVIEW")):
                found["service_reviews"] = Flag(True, sup.evidence(s, meet))
        _text_flags(s, found)
        if "out_of_scope_charges" not in found and not sup.defines_term(s.text):
            # a fee definition ("'Monthly Fee' means ..., excluding professional services") charges nothing
            oos = _positive(s, "OOS")
            charge = _positive(s, "CHARGE")
            if oos is not None and charge is not None:
                found["out_of_scope_charges"] = Flag(True, sup.evidence(s, oos))
                # the clause that charges the extra work at stated rates is the rate card that decides
                rate = _positive(s, "RATE_CARD")
                if rate is not None or _MONEY_RATE.search(s.text):
                    found["rate_card"] = Flag(True, sup.evidence(s, rate or oos))
        if "service_reporting" not in found:
            word = _positive(s, "REPORT_WORD")
            if word is not None and not _customers_report(s, word) and s.matches(FAMILY, "PERIODIC") and s.matches(FAMILY, "REPORT_VERB") and s.block.kind != "heading":
                found["service_reporting"] = Flag(True, sup.evidence(s, word))
        if "backup" not in found or ("backup" not in at_home and _home(ctx, s, "backup")):
            cue = _provider_backup(ctx, s)
            if cue is not None:
                found["backup"] = Flag(True, sup.evidence(s, cue))
                if _home(ctx, s, "backup"):
                    at_home.add("backup")
        for label in ("RPO", "RTO"):
            current = rpo if label == "RPO" else rto
            if current is not None:
                continue
            for cue in s.matches(FAMILY, label):
                minutes = _duration_after(s, cue)
                if minutes is not None:
                    value = Value(int(minutes) if float(minutes).is_integer() else minutes, sup.evidence(s, cue))
                    if label == "RPO":
                        rpo = value
                    else:
                        rto = value
                    break
        if unilateral is None and s.matches(FAMILY, "UNILATERAL") and not s.matches(FAMILY, "BILATERAL") \
                and s.block.kind != "heading":
            # a marker ("from time to time", "by posting", "may amend this SLA") on a clause about changing the terms
            clause = [c for c in s.matches(FAMILY, "CHANGE_CLAUSE") if not sup.negated(s, c, window=3)]
            marker = s.matches(FAMILY, "UNILATERAL")[0]
            if clause or marker.id_.startswith("governance.unilateral.may_amend"):
                unilateral = n
                found["unilateral_changes"] = Flag(True, sup.evidence(s, marker))
    if "service_reporting" not in found and weak_report is not None:
        found["service_reporting"] = weak_report
    sev = _severity_defined(ctx, terms)
    if sev is not None:
        found["severity_levels_defined"] = sev
    for field, flag in found.items():
        setattr(terms, field, flag)
    if rpo is not None:
        terms.rpo_minutes = rpo
    if rto is not None:
        terms.rto_minutes = rto
    if unilateral is not None:
        # notice of changes: in the same sentence or the next one of the same block
        for s in ctx.sentences[unilateral:unilateral + 2]:
            if s.block_index != ctx.sentences[unilateral].block_index:
                break
            days = _change_notice_days(s)
            if days is not None:
                terms.change_notice_days = Value(int(round(days)), sup.evidence(s, rule="governance.change_notice"))
                break
