"""Chronic-failure termination: the customer may terminate for repeated service-level failure.

Needs, in one sentence or a sentence and the one before it in the same block: a right to
terminate that is not negated, a repetition cue ("three consecutive months", "any three months
in a rolling six-month period", "on three or more occasions", "chronic"), and a service-level
cue (availability, service levels, fails to meet ...) in the sentence or its section heading
(rules/lexicons/termination.yml). A single outright failure also gives the exit when the sentence
says which measure failed and gives the customer the right ("If Availability is below 95% in any
month, the Customer may terminate"; "failure to meet the Service Levels is a material breach
entitling the Customer to terminate"). "Terminate for convenience on 30 days' notice" and "fails to
pay for two consecutive months" have no service-level cue. A condition may stand in the item
before the right ("If availability is missed in three months of any six:" / "the Customer may
terminate ...").
"""
from __future__ import annotations

import logging
import re

from spacy.tokens import Span

from sla_check.extract import Context, Sentence
from sla_check.extractors import _sequences
from sla_check.extractors import _support as sup
from sla_check.models import Flag, Terms
from sla_check.normalize import lexicon
from sla_check.ruleset import per_ruleset
from sla_check.vocabulary import listed_re

log = logging.getLogger(__name__)

FAMILY = "termination"


def _terminate(s: Sentence):
    for t in s.matches(FAMILY, "TERMINATE"):
        lo, hi = sup.clause_bounds(s, t)
        if any(lo <= x.start < hi for x in s.matches(FAMILY, "TERM_NOT")):
            continue
        if sup.negated(s, t, window=4) and not any(t.start - 6 <= f.start < t.start for f in s.matches(FAMILY, "TERM_FREE")):
            continue  # "may, without penalty, terminate" is a right, not its denial
        if _providers_right(s, t):
            continue  # "we may terminate if you do not pay for two consecutive months"
        return t
    return None


def _repeat_and_scope(ctx: Context, s: Sentence) -> bool:
    if not s.matches(FAMILY, "REPEAT"):
        return False
    failure = sup.without(s.matches(FAMILY, "FAILURE"), s.matches(sup.COMMON, "NEG_IGNORE"))
    return bool(failure or s.matches(sup.COMMON, "SCOPE")) or bool(_heading_scope().search(sup.section_title(ctx, s.block_index)))


def _single_failure(s: Sentence, t: Span) -> bool:
    """An outright service-level failure and the customer's right to terminate for it, in one sentence."""
    if not s.matches(FAMILY, "SL_FAIL") or not _failure_scope().search(s.text):
        return False
    words, reach = _right_words()
    doc = t.doc
    return any(tok.lower_ in words for tok in doc[max(s.span.start, t.start - reach):t.start])


def _failure_scope() -> re.Pattern[str]:
    return listed_re("termination", "failure_scope")


@per_ruleset
def _right_words() -> tuple[frozenset[str], int]:
    lx = lexicon("termination")
    return frozenset(str(w).lower() for w in lx.get("right_words") or []), int(lx.get("right_reach") or 0)


def _providers_right(s: Sentence, t: Span) -> bool:
    """Whether the right to terminate is the provider's: a provider role, and no customer role, in the
    few words before the cue ("we may terminate") or just after it ("may be terminated by us")."""
    doc = t.doc
    words = {tok.lower_ for tok in doc[max(s.span.start, t.start - 5):t.start]}
    if t.text.lower().endswith("ed"):
        words |= {tok.lower_ for tok in doc[t.end:min(s.span.end, t.end + 3)]}
    provider, customer = sup.one_word_roles()
    return bool(words & provider) and not words & customer


def _heading_scope() -> re.Pattern[str]:
    return listed_re("termination", "heading_scope")


#: how many sentences back, in the same section, a repeated-failure condition may be stated
#: ("A Circuit with four or more Outages in 60 days is a Chronic Circuit. ... the Customer may
#: terminate that Circuit.")
_REACH = 3
_BACK_REF = re.compile(r"\b(?:that|such|affected|relevant|impacted|in\s+(?:that|which|this|such)\s+(?:case|event))\b", re.IGNORECASE)


def _chronic_heading() -> re.Pattern[str]:
    """A section heading that names the condition itself ("Chronic Failure", "Repeated Outages")."""
    return listed_re("termination", "chronic_words")


def _condition_before(ctx: Context, n: int) -> bool:
    s = ctx.sentences[n]
    key = sup.section_key(ctx, s.block_index)
    for j in range(n - 1, max(-1, n - 1 - _REACH), -1):
        prev = ctx.sentences[j]
        if sup.section_key(ctx, prev.block_index) != key and prev.block_index != s.block_index:
            break
        if _repeat_and_scope(ctx, prev):
            # across blocks the termination sentence must point back at the failing service, or the
            # condition opens as one ("If availability is missed in three consecutive months:" / "then ...")
            return prev.block_index == s.block_index or bool(_BACK_REF.search(s.text)) or bool(listed_re("qualifiers", "condition_openers", before=r"^\W*(?:\(?[a-z0-9]{1,3}[.)]\s*)?").match(prev.text))
    return False


#: how many items after "may terminate this Agreement if:" its conditions may run
_ITEMS = 8


def _condition_after(ctx: Context, n: int) -> bool:
    """ "The Customer may terminate this Agreement if:" then items, one of which is a repeated
    service-level failure ("(b) availability falls below 99% in two consecutive months")."""
    s = ctx.sentences[n]
    if not listed_re("qualifiers", "condition_openers", before="(?::|", after=r")[\W_]*$").search(s.text):
        return False
    key = sup.section_key(ctx, s.block_index)
    for nxt in ctx.sentences[n + 1:n + 1 + _ITEMS]:
        if nxt.block.kind == "heading" or sup.section_key(ctx, nxt.block_index) != key and nxt.block.kind != "list_item":
            break
        if nxt.block_index != s.block_index and nxt.block.kind != "list_item" and not sup.enumerated(nxt.text):
            break  # the list has ended
        if _repeat_and_scope(ctx, nxt):
            return True
    return False


@per_ruleset
def _reference() -> re.Pattern[str]:
    lx = lexicon("termination")
    words, targets = ("|".join(re.escape(str(w)) for w in sorted(lx.get(k) or [], key=len, reverse=True)) or "(?!)"
                      for k in ("reference_words", "reference_targets"))
    return re.compile(r"\b(?:%s)\s+(?:the\s+)?(?:%s)\b" % (words, targets), re.IGNORECASE)


def collect(ctx: Context, terms: Terms) -> None:
    _sequences.ensure(ctx, FAMILY, sup.COMMON)
    for n, s in ctx.numbered_with(FAMILY, "TERMINATE"):  # _terminate finds nothing elsewhere
        if sup.in_example(ctx, n):
            continue
        t = _terminate(s)
        if t is not None:
            if _repeat_and_scope(ctx, s) or _single_failure(s, t) or _condition_before(ctx, n) or \
                    _condition_after(ctx, n) or _chronic_heading().search(sup.section_title(ctx, s.block_index)):
                by_reference = bool(_reference().search(s.text))
                if not terms.chronic_failure_termination.value:
                    terms.chronic_failure_termination = Flag(True, sup.evidence(s, t))
                if not by_reference:
                    # a right stated "in accordance with paragraph 7" gives way to paragraph 7 itself
                    terms.chronic_failure_termination = Flag(True, sup.evidence(s, t))
                    return
