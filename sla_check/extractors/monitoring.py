"""Proactive monitoring: a promise to watch the service and alert or act, not measurement.

True for "monitors the infrastructure 24x7 and alerts on-call engineers", "proactive
monitoring", a staffed NOC that monitors ...; false for "availability is measured by the
Provider's monitoring system", "continuously monitors availability and provides monthly reports"
(measurement for reporting), "Customer is responsible for monitoring", "does not monitor",
"monitoring tools not operated by the Provider", and a NOC that only opens tickets.
"""
from __future__ import annotations

import logging
import re
from typing import Optional

from spacy.tokens import Span

from sla_check.extract import Context, Sentence
from sla_check.extractors import _sequences
from sla_check.extractors import _support as sup
from sla_check.normalize import lexicon
from sla_check.ruleset import per_ruleset
from sla_check.models import Flag, Terms

log = logging.getLogger(__name__)

FAMILY = "monitoring"


def _customers_list(ctx: Context, s: Sentence) -> bool:
    """Whether `s` is an item of a list that a lead-in or heading gives the customer as its duties."""
    if s.block.kind != "list_item" and not sup.enumerated(s.text):
        return False
    blocks = ctx.document.blocks
    i = s.block_index
    while i > 0 and blocks[i].kind == "list_item":
        i -= 1
    lead = blocks[i].text + " " + sup.section_title(ctx, s.block_index)
    duty, customer = _duty()
    return bool(duty.search(lead) and customer.search(lead))


@per_ruleset
def _duty() -> tuple[re.Pattern[str], re.Pattern[str]]:
    words = sorted((str(w) for w in lexicon("monitoring").get("duty_words") or []), key=len, reverse=True)
    return re.compile(r"\b(?:%s)\b" % "|".join(re.escape(w) for w in words) or "(?!)", re.IGNORECASE), _marks()[1]


def _proactive(ctx: Context, s: Sentence) -> Optional[Span]:
    """The monitoring cue that makes `s` a proactive-monitoring promise, or None."""
    customers = s.matches(FAMILY, "CUST_MONITOR") + s.matches(sup.COMMON, "CUSTOMER_RESP")
    for cue in s.matches(FAMILY, "PROACTIVE_PHRASE") + s.matches(FAMILY, "MONITOR"):
        if sup.negated(s, cue, window=8):
            continue
        lo, hi = sup.clause_bounds(s, cue)
        if any(lo <= x.start < hi for x in customers):
            continue  # the customer's own monitoring; another ";" clause may still state the provider's
        if _customer_monitors(s, cue, lo, hi) or sup.assisted(s, cue):
            continue  # ... or the customer's own monitoring the vendor helps set up
        near = [x for x in s.matches(FAMILY) if lo <= x.start < hi]
        if any(x.label_ == "NOT_OURS" for x in near):
            continue  # "monitoring tools not operated by us", "your own monitoring"
        if any(x.label_ == "CHANNEL" and cue.start - 8 <= x.start <= cue.end + 3 and not _means(s, x) for x in near):
            continue  # "the support mailbox is monitored 24x7": a way to reach people, not the service watched
        if _customers_list(ctx, s):
            continue  # an item under "You are responsible for:" is the customer's duty
        if _watches_something_else(s, cue, lo) or _customers_duty(s, cue, lo):
            continue  # "monitor usage to enforce fair use"; "the Customer shall provide 24x7 monitoring"
        if _optional().search(s.text[max(0, cue.start_char - s.span.start_char - 80):
                                      cue.end_char - s.span.start_char + 80]):
            continue  # "24/7 monitoring is available as a paid add-on": offered for a price, not promised
        if cue.label_ == "PROACTIVE_PHRASE":
            return cue
        # a staffed operations centre that monitors is proactive; one that only takes calls is not
        proactive = any(x.label_ in ("PROACTIVE", "OPS_CENTRE") for x in near)
        alert = any(x.label_ == "ALERT" and not sup.negated(s, x, window=6) and not _tool_name(x)
                    and not _inside_other_cue(s, x) for x in near)
        measure = any(x.label_ == "MEASURE" for x in near)
        if alert and (proactive or not measure):
            return cue
        # "continuously monitors availability and provides monthly reports": measurement for reporting
        # ("before you report it": the customer's report, not the provider's reporting)
        reports = any(x.label_ == "REPORTS" and not _customer_reports(s, x) for x in near)
        if proactive and not measure and not reports:
            return cue
    return None


_MEANS = frozenset(("by", "via", "through", "over", "using"))


def _means(s: Sentence, x: Span) -> bool:
    """ "we notify you by email when our monitoring detects ...": the channel is how the alert travels,
    not the thing watched (the word before it is a preposition of means)."""
    return x.start > s.span.start and s.doc[x.start - 1].lower_ in _MEANS


@per_ruleset
def _unwatched() -> tuple[frozenset[str], int]:
    lx = lexicon("monitoring")
    return frozenset(str(w).lower() for w in lx.get("unwatched_objects") or []), int(lx.get("object_reach") or 0)


def _recipient_leads() -> frozenset[str]:
    return frozenset(str(w).lower() for w in lexicon("monitoring").get("alert_recipient_leads") or [])


def _watches_something_else(s: Sentence, cue: Span, lo: int) -> bool:
    """The cue watches processes, usage, quality or tickets, not the service: one of `unwatched_objects` in
    the few words after it (up to a comma or stop), or before it when passive ("use ... may be monitored")."""
    words, reach = _unwatched()
    doc = s.doc
    after = []
    alerting = any(x.label_ == "ALERT" and cue.start <= x.start < cue.end for x in s.matches(FAMILY))
    recipients = _recipient_leads() if alerting else frozenset()
    for tok in doc[cue.end:min(s.span.end, cue.end + reach)]:
        if tok.is_punct or tok.lower_ in recipients:
            break  # "alerts to our staff": the staff are told, not watched
        after.append(tok.lower_)
    before = [t.lower_ for t in doc[max(lo, cue.start - reach):cue.start]] if cue.text.lower().endswith("ed") else []
    return bool(words.intersection(after) or words.intersection(before))


def _customers_duty(s: Sentence, cue: Span, lo: int) -> bool:
    """ "The Customer shall provide 24x7 monitoring of its equipment": a customer and a duty before the cue
    in its clause, and no provider before it."""
    provider, customer = _party_words()
    head = s.doc[lo:cue.start]
    if not any(t.lower_ in customer for t in head) or any(t.lower_ in provider for t in head):
        return False
    return bool(_duty()[0].search(head.text))


@per_ruleset
def _optional() -> re.Pattern[str]:
    """Words that make monitoring an extra one may buy (rules/lexicons/monitoring.yml `optional_words`)."""
    words = sorted((str(w) for w in lexicon("monitoring").get("optional_words") or []), key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:%s)(?!\w)" % ("|".join(re.escape(w) for w in words) or "(?!)"), re.IGNORECASE)


@per_ruleset
def _tool_nouns() -> frozenset[str]:
    return frozenset(str(w).lower() for w in lexicon("monitoring").get("tool_nouns") or [])


def _tool_name(x: Span) -> bool:
    """ "intrusion detection system": an alert word naming a product in a feature list, not an act."""
    nxt = x.doc[x.end] if x.end < len(x.doc) else None
    return nxt is not None and nxt.lower_ in _tool_nouns()


@per_ruleset
def _marks() -> tuple[frozenset[str], re.Pattern[str]]:
    """The "yes" marks of a matrix cell, and the customer's role words (a column that is the customer's)."""
    marks = frozenset(str(m).lower() for m in lexicon("monitoring").get("yes_marks") or [])
    roles = sorted((str(r) for r in lexicon("parties").get("customer_roles") or []), key=len, reverse=True)
    return marks, re.compile(r"\b(?:%s)\b" % "|".join(re.escape(r) for r in roles), re.IGNORECASE)


def _matrix_row(ctx: Context, s: Sentence) -> bool:
    """A row of a responsibility or feature matrix that gives monitoring to the provider or a plan:
    "VM health monitoring | Provider: Y | Customer: N", or any row marked Y under a Monitoring heading."""
    block = s.block
    if block.kind != "table_row" or not block.cells or not block.header or len(block.cells) < 2:
        return False
    label = block.cells[0]
    cue = any(m.label_ in ("MONITOR", "PROACTIVE_PHRASE") and m.start_char - s.span.start_char < len(label) + 2
              for m in s.matches(FAMILY))
    if not cue and not _home(ctx, s):
        return False
    if s.matches(FAMILY, "CUST_MONITOR") or s.matches(FAMILY, "NOT_OURS") \
            or any(sup.assisted(s, m) for m in s.matches(FAMILY, "MONITOR")):
        return False  # ... nor a row of help the vendor gives with the customer's own monitoring
    marks, customer = _marks()
    return any(cell.strip().lower() in marks and not customer.search(head or "")
               for cell, head in zip(block.cells[1:], block.header[1:]))


def _home(ctx: Context, s: Sentence) -> bool:
    """Whether `s` sits under a monitoring heading (rules/lexicons/sections.yml)."""
    title = sup.section_title(ctx, s.block_index)
    return any(str(w).lower() in title
               for w in (lexicon("sections").get("flag_sections") or {}).get("proactive_monitoring") or [])


def _bare_item(s: Sentence) -> bool:
    """A list item of a few words only: a feature's name in a list, not a commitment."""
    return s.block.kind == "list_item" and len(re.findall(r"[^\W\d_]+", s.text)) < 5


def collect(ctx: Context, terms: Terms) -> None:
    _sequences.ensure(ctx, FAMILY, sup.COMMON)
    bare = False  # the evidence kept so far is a bare list item
    for n, s in ctx.numbered_with(FAMILY, "PROACTIVE_PHRASE", "MONITOR"):  # _proactive's only cues
        if sup.in_example(ctx, n) or s.block.kind == "heading":
            continue
        cue = _proactive(ctx, s)
        if cue is not None:
            # the commitment under a monitoring heading outranks an overview bullet (rules/lexicons/sections.yml),
            # and a sentence that says what is watched outranks a feature's bare name in a list ("- Protective monitoring")
            home = _home(ctx, s)
            if not terms.proactive_monitoring.value or home or (bare and not _bare_item(s)):
                terms.proactive_monitoring = Flag(True, sup.evidence(s, cue))
                bare = _bare_item(s)
            if home:
                return
    if terms.proactive_monitoring.value:
        return
    for s in ctx.sentences:
        if _matrix_row(ctx, s):
            terms.proactive_monitoring = Flag(True, sup.evidence(s, None, "monitoring.matrix_row"))
            return
    for n, s in ctx.numbered_with(FAMILY, "MONITOR"):
        if not sup.in_example(ctx, n) and s.block.kind != "heading" and _offered(ctx, s):
            terms.proactive_monitoring = Flag(True, sup.evidence(s, None, "monitoring.offered"))
            return
    for n, s in ctx.numbered_with(FAMILY, "ALERT"):
        cue = _alert_under_heading(ctx, s)
        if cue is not None and not sup.in_example(ctx, n):
            terms.proactive_monitoring = Flag(True, sup.evidence(s, cue))
            return


def _alert_under_heading(ctx: Context, s: Sentence) -> Optional[Span]:
    """Under a "Monitoring" heading the items need not say "monitor" again: "Alerts go to our on-call
    engineers" there is the monitoring's promise to act. Not the customer's, not negated, not a tool's name."""
    if s.block.kind == "heading" or not _home(ctx, s) or _customers_list(ctx, s):
        return None
    if s.matches(FAMILY, "CUST_MONITOR") or s.matches(FAMILY, "NOT_OURS") or s.matches(sup.COMMON, "CUSTOMER_RESP"):
        return None
    return next((x for x in s.matches(FAMILY, "ALERT") if not sup.negated(s, x, window=6) and not _tool_name(x)
                 and not _customer_acts(s, x) and not _inside_other_cue(s, x)), None)


def _inside_other_cue(s: Sentence, x: Span) -> bool:
    """An alert word inside a longer cue of another kind ("page" in "status page") is that cue's word."""
    return any(o.start <= x.start and x.end <= o.end and (o.end - o.start) > (x.end - x.start)
               for o in s.matches(FAMILY) if o.label_ != x.label_)


def _customer_monitors(s: Sentence, cue: Span, lo: int, hi: int) -> bool:
    """ "Customers are encouraged to monitor their own applications": the verb "monitor" with the
    customer before it and no provider anywhere in the clause ("your servers are monitored by our NOC"
    and "we monitor your servers" stay the provider's)."""
    if cue.text.lower() not in ("monitor", "monitors"):
        return False
    provider, customer = _party_words()
    doc = s.doc
    # the customer as the actor: not its things ("the customer's routers", "your servers")
    actors = {t.lower_ for t in doc[lo:cue.start] if t.lower_ != "your"
              and not (t.i + 1 < len(doc) and doc[t.i + 1].lower_ in ("'s", "’s", "'", "’"))}
    clause = {t.lower_ for t in doc[lo:hi]}
    return bool(actors & customer) and not clause & provider


@per_ruleset
def _party_words() -> tuple[frozenset[str], frozenset[str]]:
    """`one_word_roles`, the customer's also in the plural ("customers", "clients")."""
    provider, customer = sup.one_word_roles()
    return provider, customer | {w + "s" for w in customer if w.isalpha() and not w.endswith("s")}


def _customer_reports(s: Sentence, cue: Span) -> bool:
    """ "before you report it": the customer is the subject just before the report word (not "your
    backups are reported", where the customer only owns the thing)."""
    customer = _party_words()[1] - {"your", "yours"}
    doc = s.doc
    return any(t.lower_ in customer and not (t.i + 1 < len(doc) and doc[t.i + 1].lower_ in ("'s", "’s"))
               for t in doc[max(s.span.start, cue.start - 3):cue.start])


def _customer_acts(s: Sentence, cue: Span) -> bool:
    """ "You can subscribe to alerts on the status page": the customer, not the provider, is the one
    acting before the alert word in its clause."""
    lo, _ = sup.clause_bounds(s, cue)
    customer = _party_words()[1]  # "Customers may use ...": plural roles too
    return any(t.lower_ in customer for t in s.doc[lo:cue.start])


@per_ruleset
def _offer_words() -> tuple[re.Pattern[str], re.Pattern[str]]:
    lx = lexicon("monitoring")

    def alt(key: str) -> str:
        return "|".join(re.escape(str(w)) for w in sorted(lx.get(key) or [], key=len, reverse=True)) or "(?!)"
    return (re.compile(r"\b(?:%s)[\s-]+monitoring\b" % alt("watched_things"), re.IGNORECASE),
            re.compile(r"\b(?:%s)\b" % alt("offer_words"), re.IGNORECASE))


def _offered(ctx: Context, s: Sentence) -> bool:
    """ "Included: server monitoring, patching, backups": monitoring of a named thing that the service
    offers, in the sentence or in its list's lead-in; not the customer's duty, not negated."""
    watched, offer = _offer_words()
    m = watched.search(s.text)
    if m is None or s.matches(FAMILY, "CUST_MONITOR") or s.matches(FAMILY, "NOT_OURS") or _customers_list(ctx, s):
        return False
    cue = next((c for c in s.matches(FAMILY, "MONITOR") if sup.char_offset(s, c) >= m.start()), None)
    if cue is None or sup.negated(s, cue, window=8) or s.matches(FAMILY, "MEASURE") or sup.assisted(s, cue):
        return False
    lead = s.text
    if s.block.kind == "list_item" or sup.enumerated(s.text):
        blocks = ctx.document.blocks
        i = s.block_index
        while i > 0 and blocks[i].kind == "list_item":
            i -= 1
        lead += " " + blocks[i].text
    return bool(offer.search(lead))
