"""Exclusions from the availability / service-level commitment, by terms.md category.

An exclusion is a category cue (rules/patterns/exclusions.jsonl, label = category id) inside an
exclusion context about the service commitment:
- a sentence with an exclusion cue ("does not apply to", "shall not be included in Downtime",
  "excluding") and a scope cue (availability, downtime, SLA, service credits ...) in the
  sentence, the sentence before it in the same block, or the section heading;
- the lettered items "(a) ... ; (b) ..." and bullets that follow such a lead-in;
- the items of an "Exclusions" section.
A clause that says the opposite ("will count as Downtime") contributes nothing. Items of an
exclusion list that match no category are `other`.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Optional

from spacy.tokens import Span

from sla_check.ruleset import per_ruleset
from sla_check.extract import Context, Sentence
from sla_check.extractors import _sequences
from sla_check.extractors import _support as sup
from sla_check.models import Block, Exclusion, Terms
from sla_check.normalize import find_percents, lexicon, per_document_cache
from sla_check.vocabulary import word_re

log = logging.getLogger(__name__)

FAMILY = "exclusions"
_UPTIME = "uptime"  # its METRIC cues ("available", "Monthly Uptime") scope an exclusion as SCOPE does


@dataclass(frozen=True)
class _Lexicon:
    categories: tuple[str, ...]
    heading_cues: tuple[str, ...]
    heading_rejects: tuple[str, ...]
    heading_scope: tuple[str, ...]
    example_re: re.Pattern[str]
    absorbs: dict[str, tuple[str, ...]]
    scoped_contexts: frozenset[str]
    support_scope: frozenset[str]
    support_openers: frozenset[str]


@per_ruleset
def _lexicon() -> _Lexicon:
    lx = lexicon("exclusions")
    return _Lexicon(
        tuple(lx["categories"]),
        tuple(str(x).lower() for x in lx.get("heading_cues", [])),
        tuple(str(x).lower() for x in lx.get("heading_rejects", [])),
        tuple(str(x).lower() for x in lx.get("heading_scope", [])),
        re.compile(word_re(tuple(str(w) for w in lx.get("example_words", ["including"]))), re.IGNORECASE),
        {str(k): tuple(v) for k, v in (lx.get("absorbs") or {}).items()},
        frozenset(str(x).lower() for x in lx.get("scoped_contexts") or []),
        frozenset(str(x).lower() for x in lx.get("support_scope_words") or []),
        frozenset(str(x).lower() for x in lx.get("support_scope_openers") or []),
    )


def _support_scope_item(text: str) -> bool:
    """An item that names work support will not do ("Debugging client code"), not an excluded event."""
    lx = _lexicon()
    words = re.findall(r"[^\W\d_]+", sup.ENUM_START.sub("", text, count=1).lower())[:3]
    while words and words[0] in lx.support_openers:
        words = words[1:]
    return bool(words) and words[0] in lx.support_scope


@per_document_cache  # the same few section titles are asked of every sentence under them
def _heading_is_exclusions(title: str) -> bool:
    lx = _lexicon()
    return any(c in title for c in lx.heading_cues) and not any(r in title for r in lx.heading_rejects)


_CLAUSE_NUMBER = re.compile(r"^\s*(\d{1,2}(?:\.\d{1,3})+)\b")


def _parent_is_exclusions(ctx: Context, title: str) -> bool:
    """A numbered sub-heading under an exclusions heading ("7 Exclusions" > "7.2 Upstream carriers"):
    the passage is one of the exclusions, though its own heading only names it."""
    m = _CLAUSE_NUMBER.match(title)
    if not m:
        return False
    titles = ctx.cache.get("exclusions.numbered_headings")
    if titles is None:
        blocks = ctx.document.blocks
        titles = {}
        for sec in ctx.document.sections:
            if sec.number and 0 <= sec.block_index < len(blocks) and blocks[sec.block_index].kind == "heading":
                titles.setdefault(sec.number.rstrip("."), sec.title.lower())
        ctx.cache["exclusions.numbered_headings"] = titles
    number = m.group(1)
    while "." in number:
        number = number.rsplit(".", 1)[0]
        parent = titles.get(number)
        if parent is not None:
            return _heading_is_exclusions(parent)
    return False


def _column_is_exclusions(block: Block) -> bool:
    """A table row under a first column headed "Exclusion" / "Excluded event": each row is one."""
    header = block.header or ()
    return block.kind == "table_row" and bool(header) and _heading_is_exclusions(header[0].lower())


def _heading_has_scope(title: str) -> bool:
    lx = _lexicon()
    return any(c in title for c in lx.heading_scope) and not any(r in title for r in lx.heading_rejects)


def _contexts(s: Sentence) -> list:
    return sup.without(s.matches(FAMILY, "CONTEXT"), s.matches(FAMILY, "NOT_CONTEXT"))


def _categories(s: Sentence, start_char: int = 0) -> list[tuple[str, Span]]:
    """(category, span) of the category cues in `s` from `start_char` on, clause by clause.

    A ";"-clause that says the item counts ("will count as Downtime") without its own
    exclusion cue is skipped.
    """
    cats = set(_lexicon().categories)
    ignore = s.matches(FAMILY, "IGNORE")
    contexts = _contexts(s)
    counts = s.matches(FAMILY, "COUNTS")
    not_customer = s.matches(FAMILY, "NOT_CUSTOMER")  # "your broadband provider" is a third party
    not_scheduled = s.matches(FAMILY, "NOT_SCHEDULED")
    network = s.matches(FAMILY, "NETWORK_OUTSIDE_PROVIDER")
    out = []
    for span in sup.without(s.matches(FAMILY), ignore):
        cat = span.label_.lower()
        if cat not in cats or sup.char_offset(s, span) < start_char:
            continue
        if cat == "customer_caused" and any(sup.overlaps(span, n) for n in not_customer):
            continue
        if ".generic" in span.id_ and any(sup.overlaps(span, n) for n in not_scheduled):
            continue  # "emergency maintenance" is not scheduled maintenance
        if cat == "force_majeure" and any(sup.overlaps(span, n) for n in network):
            continue  # "network interruptions outside our reasonable control" name the network, not force majeure
        lo, hi = sup.clause_bounds(s, span)
        if any(lo <= c.start < hi for c in counts) and not any(lo <= c.start < hi for c in contexts):
            continue
        out.append((cat, span))
    return out


def _absorb(s: Sentence, inside: list, a: int, b: int) -> list:
    """Drop categories that are only examples of an earlier head ("third party, including internet")."""
    lx = _lexicon()
    m = lx.example_re.search(s.text, a, b)
    if not m:
        return inside
    heads = {c for c, sp in inside if sup.char_offset(s, sp) < m.start()}
    dropped = {x for h in heads for x in lx.absorbs.get(h, ())}
    return [(c, sp) for c, sp in inside if not (c in dropped and c not in heads and sup.char_offset(s, sp) >= m.start())]


def _opens_with_example(s: Sentence) -> bool:
    """An item that is a worked example ("For example, ...", "Example: ...") rather than an
    exclusion that names examples of its kind ("Factors beyond our control, e.g. ...")."""
    lead = len(s.text) - len(sup.ENUM_START.sub("", s.text, count=1))
    return any(sup.char_offset(s, c) - lead <= 12 for c in s.matches(sup.COMMON, "EXAMPLE"))


#: a lead-in ends with a colon, perhaps followed by markup ("... each of the following: >")
_LEAD_END = re.compile(r":[\s>*_\"'”’)\]]*$")
#: a sentence longer than this is not an item of an inline list ("... circumstances: A. B. C.")
_ITEM_WORDS = 40
#: a paragraph longer than this is not an unmarked item of the list a colon lead-in opens
_PARA_ITEM_WORDS = 30


def _unmarked_item(block: Block, lead: Block) -> bool:
    """A short paragraph of the lead-in's section that lost its bullet (PDFs drop bullet glyphs,
    plain text writes one item a line): "Availability excludes the following:" then "Scheduled
    maintenance." on a line of its own. A paragraph that opens a list of its own ends the list."""
    return (block.kind == "para" and block.section == lead.section and not _ends_lead(block.text)
            and len(block.text.split()) <= _PARA_ITEM_WORDS)


def _forward_only(cue: Span) -> bool:
    """An exclusion cue that governs only the words after it ("except for", "with the exception of",
    "excluding"), as rules/lexicons/exclusions.yml `forward_cues` lists them."""
    text = cue.text.lower()
    return any(text.startswith(w) for w in _forward_cues())


@per_ruleset
def _forward_cues() -> tuple[str, ...]:
    return tuple(str(w).lower() for w in lexicon("exclusions").get("forward_cues") or ())


def _states_a_level(text: str) -> bool:
    """An item that states an availability level ("First six months after launch: 98.8%") is a
    target listed near the exclusions, not an excluded event."""
    floor = float(lexicon("uptime").get("floor_percent", 80.0))
    return any(p.value >= floor for p in find_percents(text))


def _ends_lead(text: str) -> bool:
    return bool(_LEAD_END.search(text))


def _scoped(s: Sentence) -> bool:
    """The sentence names the commitment: the shared scope cues, or the exclusions family's own
    ("performance standards", "time to repair", "support services")."""
    return sup.has(s, sup.COMMON, "SCOPE") or bool(s.matches(FAMILY, "SCOPE"))


def _has_scope(ctx: Context, i: int, s: Sentence) -> bool:
    if _scoped(s):
        return True
    if s.matches(_UPTIME, "METRIC") and _ends_lead(s.text) and any("following" in c.text.lower() for c in _contexts(s)):
        return True  # "available around the clock, subject to the following restrictions:" lists exclusions
    scoped = _lexicon().scoped_contexts
    if any(c.text.lower() in scoped for c in _contexts(s)):
        return True  # "Excluded Event means ..." names the commitment it excludes from
    # "we are not responsible for problems caused by ..." names the service failure generically
    if sup.has(s, sup.COMMON, "SCOPE_FAULT") and any(c.id_.startswith("exclusions.context.not_liable") for c in _contexts(s)):
        return True
    if i > 0:
        prev = ctx.sentences[i - 1]
        if prev.block_index == s.block_index and _scoped(prev):
            return True
    return _heading_has_scope(sup.section_title(ctx, s.block_index))


def collect(ctx: Context, terms: Terms) -> None:
    _sequences.ensure(ctx, FAMILY, sup.COMMON)
    found: dict[str, Exclusion] = {}

    def add(cat: str, s: Sentence, rule: Optional[str]) -> None:
        if cat not in found:
            found[cat] = Exclusion(category=cat, evidence=s.evidence(rule))

    lead_block: Optional[int] = None  # block of the last exclusion lead-in
    lead_lists = False  # whether that lead-in introduces the list items that follow it
    lead_colon = False  # whether it ends with a colon, so short paragraphs after it are its items too
    list_checked = -1  # blocks after the lead-in up to here are all list items
    inline_block: Optional[int] = None  # a paragraph whose lead-in runs its items on as sentences
    for i, s in enumerate(ctx.sentences):
        block = s.block
        text = s.text
        title = sup.section_title(ctx, s.block_index)
        first_in_block = i == 0 or ctx.sentences[i - 1].block_index != s.block_index
        # a list item is its first sentence; what follows in the bullet only explains it
        is_item = sup.enumerated(text) or (block.kind == "list_item" and first_in_block)
        # does an earlier lead-in cover this sentence?
        carried = False
        if lead_block is not None:
            if s.block_index == lead_block and sup.enumerated(text):
                carried = True
            elif lead_lists and s.block_index > lead_block and (
                    block.kind == "list_item" or (lead_colon and _unmarked_item(block, ctx.document.blocks[lead_block]))):
                # only list items between the lead-in and here (each block is looked at once)
                blocks = ctx.document.blocks
                while list_checked < s.block_index - 1:
                    list_checked += 1
                    between = blocks[list_checked]
                    if between.kind != "list_item" and not (lead_colon and _unmarked_item(between, blocks[lead_block])):
                        lead_lists = False
                        break
                carried = lead_lists
        if inline_block == s.block_index and not first_in_block and not carried:
            # "... except in the following circumstances: A. B. C." run together in one paragraph
            if len(text.split()) <= _ITEM_WORDS and not _ends_lead(text):
                carried = True
            else:
                inline_block = None
        under_heading = (_heading_is_exclusions(title) or _column_is_exclusions(block)
                         or _parent_is_exclusions(ctx, title)) and block.kind != "heading"
        own = bool(_contexts(s)) and _has_scope(ctx, i, s)
        if own and block.kind == "para":
            cue = min(sup.char_offset(s, c) for c in _contexts(s))
            inline_block = s.block_index if ":" in text[cue:] else inline_block
        if own and (not carried or _ends_lead(text)):
            # an item of a running list ("..., except where the failure is ours;") keeps the list going
            lead_block = list_checked = s.block_index
            lead_lists = _ends_lead(text) or bool(sup.ENUM_INSIDE.search(text))
            lead_colon = _ends_lead(text) and block.kind != "list_item"
        if not (own or carried or under_heading):
            continue
        if not own and (_opens_with_example(s) or _support_scope_item(text)):
            continue
        # split "lead-in: (a) item; (b) item" so each lettered item is judged on its own
        marks = [m.start() for m in sup.ENUM_INSIDE.finditer(text)]
        if marks and (own or len(marks) > 1):
            segments = [(0, marks[0], False)] + [
                (a, b, True) for a, b in zip(marks, marks[1:] + [len(text)])
            ]
        else:
            segments = [(0, len(text), (carried or under_heading) and is_item)]
        cats = _categories(s)
        if own and not (carried or under_heading):
            # a cue governs its own ";"-clause and what follows it, not clauses before it
            first = min(sup.clause_bounds(s, c)[0] for c in _contexts(s))
            if all(_forward_only(c) for c in _contexts(s)):
                # "accessible to the internet 99.95% of the time, with the exception of maintenance":
                # a preposition-like cue excludes only what follows it
                first = max(first, min(c.start for c in _contexts(s)))
            cats = [(c, sp) for c, sp in cats if sp.start >= first]
        for a, b, item in segments:
            inside = _absorb(s, [(c, sp) for c, sp in cats if a <= sup.char_offset(s, sp) < b], a, b)
            for cat, span in inside:
                add(cat, s, span.id_)
            lead_in = _ends_lead(s.text[a:b])  # "(b) errors: (i) ..." introduces sub-items
            wordless = not re.search(r"[^\W\d_]{3,}", s.text[a:b])  # a stray "1." split off a merged list
            if item and not inside and not lead_in and not wordless and (own or carried or (under_heading and is_item)) \
                    and not _states_a_level(s.text[a:b]):
                add("other", s, "exclusions.other.uncategorised_item")
    _by_definition(ctx, found)
    order = {c: n for n, c in enumerate(_lexicon().categories)}
    terms.exclusions.extend(sorted(found.values(), key=lambda e: order.get(e.category, 99)))


@per_ruleset
def _definition_re() -> tuple[re.Pattern[str], tuple[str, ...], re.Pattern[str], tuple[str, ...]]:
    lx = lexicon("exclusions")
    verbs = word_re(tuple(str(v) for v in lx.get("definition_verbs", ["means"])))
    head = re.compile(r"^\W*(?P<term>[^\W\d][\w ’'-]{0,60}?)[\"”’']?\s+%s(?P<rest>.*)$" % verbs,
                      re.IGNORECASE | re.DOTALL)
    unplanned = re.compile(word_re(tuple(str(w) for w in lx.get("unplanned_words", []))), re.IGNORECASE)
    return (head, tuple(str(w).lower() for w in lx.get("downtime_terms", [])), unplanned,
            tuple(str(w).lower() for w in lx.get("maintenance_terms", [])))


def _by_definition(ctx: Context, found: dict[str, Exclusion]) -> None:
    """Exclusions a definition makes: a Downtime/Outage defined as only *unplanned* interruptions
    leaves scheduled maintenance out; when the excluded "Maintenance" is defined to take in
    emergency maintenance, emergency maintenance is excluded too."""
    head, downtime_terms, unplanned, maint_terms = _definition_re()
    scheduled = found.get("scheduled_maintenance")
    generic_maint = scheduled is not None and scheduled.evidence is not None and ".generic" in (scheduled.evidence.rule or "")
    for s in ctx.sentences:
        if "scheduled_maintenance" in found and ("emergency_maintenance" in found or not generic_maint):
            return
        m = head.match(s.text)
        if not m:
            continue
        term = m.group("term").lower().strip()
        rest = m.group("rest")
        if "scheduled_maintenance" not in found and any(re.search(r"\b%s\b" % re.escape(w), term) for w in downtime_terms):
            u = unplanned.search(rest)
            if u and u.start() <= 40 and "maintenance" not in term:
                found["scheduled_maintenance"] = Exclusion(
                    category="scheduled_maintenance", evidence=s.evidence("exclusions.scheduled_maintenance.downtime_defined_unplanned"))
                continue
        if generic_maint and "emergency_maintenance" not in found and term in maint_terms:
            for span in s.matches(FAMILY, "EMERGENCY_MAINTENANCE"):
                if not sup.negated(s, span, window=4):
                    found["emergency_maintenance"] = Exclusion(
                        category="emergency_maintenance", evidence=s.evidence("exclusions.emergency_maintenance.in_maintenance_definition"))
                    break
