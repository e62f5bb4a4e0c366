"""The Span objects of a Doc's span groups, kept as they were made and handed out again.

Iterating a SpanGroup builds a new Span object for every item, each time (spaCy's Span
constructor also builds Tokens to find its character offsets): reading every family's groups
once per document was ~5% of a review. The rule matcher and the sequence matcher make those
Span objects anyway, so they keep them beside the group (in Doc.user_data) and readers take
them from there while the group is the one they were kept for.

The kept Spans reference their Doc, so a Doc holding them is a reference cycle: forget() is
called when a document's extraction ends, so its Docs are freed by reference counting alone.
"""
from __future__ import annotations

from typing import Iterable, Sequence

from spacy.tokens import Doc, Span, SpanGroup

_KEY = "sla_check.span_lists"


def keep(doc: Doc, family: str, spans: list[Span]) -> SpanGroup:
    """Set doc.spans[family] to `spans` (in that order) and keep the Span objects for spans_of."""
    group = SpanGroup(doc, name=family, spans=spans)
    doc.spans.data[family] = group  # SpanGroups is a UserDict: set the group without its checks
    doc.user_data.setdefault(_KEY, {})[family] = (group, spans)
    return group


def spans_of(doc: Doc, family: str) -> Sequence[Span]:
    """doc.spans[family] as Spans, in the group's order (do not change the sequence): the kept
    objects when the group is still the one they were kept for, else read from the group."""
    group = doc.spans.get(family)
    if not group:
        return ()
    kept = doc.user_data.get(_KEY)
    found = kept.get(family) if kept else None
    if found is not None and found[0] is group and len(group) == len(found[1]):
        return found[1]
    return list(group)


def forget(docs: Iterable[Doc]) -> None:
    """Drop the kept Spans of `docs` (which breaks each Doc's reference cycle through them)."""
    for doc in docs:
        doc.user_data.pop(_KEY, None)
