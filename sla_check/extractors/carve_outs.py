"""Carve-outs stated in a sentence of their own against the commitments it names: "Target Fix
times do not apply where the fix depends on a third party", "The RTO applies provided that ...".

They are recorded in Terms.qualifiers for the carve-outs check, not put on each commitment:
the commitments keep their own sentence's qualifiers (qualifiers.py), so a carve-out from one
clause does not weaken another. Cue phrases live in rules/patterns/qualifiers.jsonl.
"""
from __future__ import annotations

from sla_check.extract import Context
from sla_check.extractors.qualifiers import FAMILY, commitment_cues, record
from sla_check.models import Qualifier, Terms

KINDS = ("carve_out", "workaround")


def collect(ctx: Context, terms: Terms) -> None:
    for _, sentence in ctx.numbered_with(FAMILY, *KINDS):
        if sentence.block.kind in ("table_row", "heading"):
            continue
        spans = [sp for sp in sentence.matches(FAMILY) if sp.label_ in KINDS]
        cues = commitment_cues(sentence.text, spans, sentence.span.start_char)
        if cues:
            quals = tuple(dict.fromkeys(Qualifier(sp.label_, sp.text) for sp in cues))
            record(terms, "service_levels", quals, sentence.evidence("qualifier.carve_out.sentence"))
