"""Chronic-failure termination: the customer may terminate for repeated service-level failure.

Needs, in one sentence or a sentence and the one before it in the same block: a right to
terminate that is not negated, a repetition cue ("three consecutive months", "any three months
in a rolling six-month period", "on three or more occasions", "chronic"), and a service-level
cue (availability, service levels, fails to meet ...). "Terminate for convenience on 30 days'
notice" and "fails to pay for two consecutive months" have no service-level cue.
"""
from __future__ import annotations

import logging
import re

from sla_check.extract import Context, Sentence
from sla_check.extractors import _sequences
from sla_check.extractors import _support as sup
from sla_check.models import Flag, Terms

log = logging.getLogger(__name__)

FAMILY = "termination"


def _terminate(s: Sentence):
    for t in s.matches(FAMILY, "TERMINATE"):
        lo, hi = sup.clause_bounds(s, t)
        if any(lo <= x.start < hi for x in s.matches(FAMILY, "TERM_NOT")):
            continue
        if sup.negated(s, t, window=4):
            continue
        return t
    return None


def _repeat_and_scope(s: Sentence) -> bool:
    failure = sup.without(s.matches(FAMILY, "FAILURE"), s.matches(sup.COMMON, "NEG_IGNORE"))
    return bool(s.matches(FAMILY, "REPEAT")) and bool(failure or s.matches(sup.COMMON, "SCOPE"))


#: how many sentences back, in the same section, a repeated-failure condition may be stated
#: ("A Circuit with four or more Outages in 60 days is a Chronic Circuit. ... the Customer may
#: terminate that Circuit.")
_REACH = 3
#: a section heading that names the condition itself ("Chronic Failure", "Repeated Outages")
_BACK_REF = re.compile(r"\b(?:that|such|affected|relevant|impacted|in\s+(?:that|which|this|such)\s+(?:case|event))\b", re.IGNORECASE)
_CHRONIC_HEADING = re.compile(r"\b(?:chronic|repeated|repetitive|persistent|recurring|recurrent)\b", re.IGNORECASE)


def _condition_before(ctx: Context, n: int) -> bool:
    s = ctx.sentences[n]
    key = sup.section_key(ctx, s.block_index)
    for j in range(n - 1, max(-1, n - 1 - _REACH), -1):
        prev = ctx.sentences[j]
        if sup.section_key(ctx, prev.block_index) != key and prev.block_index != s.block_index:
            break
        if _repeat_and_scope(prev):
            # across blocks the termination sentence must point back at the failing service
            return prev.block_index == s.block_index or bool(_BACK_REF.search(s.text))
    return False


def collect(ctx: Context, terms: Terms) -> None:
    _sequences.ensure(ctx, FAMILY, sup.COMMON)
    for n, s in ctx.numbered_with(FAMILY, "TERMINATE"):  # _terminate finds nothing elsewhere
        if sup.in_example(ctx, n):
            continue
        t = _terminate(s)
        if t is not None:
            if _repeat_and_scope(s) or _condition_before(ctx, n) or \
                    _CHRONIC_HEADING.search(sup.section_title(ctx, s.block_index)):
                terms.chronic_failure_termination = Flag(True, sup.evidence(s, t))
                return
