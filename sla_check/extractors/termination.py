"""Chronic-failure termination: the customer may terminate for repeated service-level failure.

Needs, in one sentence or a sentence and the one before it in the same block: a right to
terminate that is not negated, a repetition cue ("three consecutive months", "any three months
in a rolling six-month period", "on three or more occasions", "chronic"), and a service-level
cue (availability, service levels, fails to meet ...). "Terminate for convenience on 30 days'
notice" and "fails to pay for two consecutive months" have no service-level cue.
"""
from __future__ import annotations

import logging
from typing import Optional

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


def collect(ctx: Context, terms: Terms) -> None:
    _sequences.ensure(ctx, FAMILY, sup.COMMON)
    prev: Optional[Sentence] = None
    for n, s in enumerate(ctx.sentences):
        if sup.in_example(ctx, n):
            prev = s
            continue
        t = _terminate(s)
        if t is not None:
            same = prev is not None and prev.block_index == s.block_index
            if _repeat_and_scope(s) or (same and prev is not None and _repeat_and_scope(prev)):
                terms.chronic_failure_termination = Flag(True, sup.evidence(s, t))
                return
        prev = s
