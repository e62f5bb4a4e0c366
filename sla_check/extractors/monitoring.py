"""Proactive monitoring: a promise to watch the service and alert or act, not measurement.

True for "monitors the infrastructure 24x7 and alerts on-call engineers", "proactive
monitoring", a staffed NOC that monitors ...; false for "availability is measured by the
Provider's monitoring system", "continuously monitors availability and provides monthly reports"
(measurement for reporting), "Customer is responsible for monitoring", "does not monitor",
"monitoring tools not operated by the Provider", and a NOC that only opens tickets.
"""
from __future__ import annotations

import logging
from typing import Optional

from spacy.tokens import Span

from sla_check.extract import Context, Sentence
from sla_check.extractors import _sequences
from sla_check.extractors import _support as sup
from sla_check.normalize import lexicon
from sla_check.models import Flag, Terms

log = logging.getLogger(__name__)

FAMILY = "monitoring"


def _proactive(s: Sentence) -> Optional[Span]:
    """The monitoring cue that makes `s` a proactive-monitoring promise, or None."""
    if s.matches(FAMILY, "CUST_MONITOR") or s.matches(sup.COMMON, "CUSTOMER_RESP"):
        return None
    for cue in s.matches(FAMILY, "PROACTIVE_PHRASE") + s.matches(FAMILY, "MONITOR"):
        if sup.negated(s, cue, window=8):
            continue
        lo, hi = sup.clause_bounds(s, cue)
        near = [x for x in s.matches(FAMILY) if lo <= x.start < hi]
        if any(x.label_ == "NOT_OURS" for x in near):
            continue  # "monitoring tools not operated by us", "your own monitoring"
        if cue.label_ == "PROACTIVE_PHRASE":
            return cue
        # a staffed operations centre that monitors is proactive; one that only takes calls is not
        proactive = any(x.label_ in ("PROACTIVE", "OPS_CENTRE") for x in near)
        alert = any(x.label_ == "ALERT" and not sup.negated(s, x, window=6) for x in near)
        measure = any(x.label_ == "MEASURE" for x in near)
        if alert and (proactive or not measure):
            return cue
        # "continuously monitors availability and provides monthly reports": measurement for reporting
        reports = any(x.label_ == "REPORTS" for x in near)
        if proactive and not measure and not reports:
            return cue
    return None


def collect(ctx: Context, terms: Terms) -> None:
    _sequences.ensure(ctx, FAMILY, sup.COMMON)
    for n, s in ctx.numbered_with(FAMILY, "PROACTIVE_PHRASE", "MONITOR"):  # _proactive's only cues
        if sup.in_example(ctx, n) or s.block.kind == "heading":
            continue
        cue = _proactive(s)
        if cue is not None:
            # the commitment under a monitoring heading outranks an overview bullet (rules/lexicons/sections.yml)
            home = any(str(w).lower() in sup.section_title(ctx, s.block_index)
                       for w in (lexicon("sections").get("flag_sections") or {}).get("proactive_monitoring") or [])
            if not terms.proactive_monitoring.value or home:
                terms.proactive_monitoring = Flag(True, sup.evidence(s, cue))
            if home:
                return
