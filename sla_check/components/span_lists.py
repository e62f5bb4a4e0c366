"""The Span objects of a Doc's span groups, kept as they were made and handed out again.

Iterating a SpanGroup builds a new Span object for every item, each time (spaCy's Span
constructor also builds Tokens to find its character offsets): reading every family's groups
once per document was ~5% of a review. The rule matcher and the sequence matcher make those
Span objects anyway, so while a Context is built they keep them in a dict the Context owns
(`Kept`, by id of the Doc) and readers take them from there while the group is the one they
were kept for.

Nothing is stored on the Doc: Spans there would make each Doc a reference cycle and its
user_data unserialisable (Doc.to_bytes); the Context holds its Docs, so their ids stay theirs.
"""
from __future__ import annotations

import contextlib
from typing import Any, Iterator, Optional, Sequence

from spacy.tokens import Doc, Span, SpanGroup

#: id(doc) -> family -> (the group, the Span objects it was made from)
Kept = dict[int, dict[str, tuple[SpanGroup, list[Span]]]]


def keep(kept: Optional[Kept], doc: Doc, family: str, spans: list[Span]) -> None:
    """Set doc.spans[family] to `spans` (in that order), keeping the Span objects in `kept`."""
    group = SpanGroup(doc, name=family, spans=spans)
    doc.spans.data[family] = group  # SpanGroups is a UserDict: set the group without its checks
    if kept is not None and spans:
        kept.setdefault(id(doc), {})[family] = (group, spans)


def spans_of(kept: Optional[Kept], doc: Doc, family: str) -> Sequence[Span]:
    """doc.spans[family] as Spans, in the group's order (do not change the sequence): the kept
    objects when the group is still the one they were kept for, else read from the group."""
    group = doc.spans.data.get(family)  # SpanGroups is a UserDict: its own get() is Python code
    if not group:
        return ()
    found = kept.get(id(doc), {}).get(family) if kept else None
    if found is not None and found[0] is group and len(group) == len(found[1]):
        return found[1]
    return list(group)


@contextlib.contextmanager
def keeping(nlp: Any) -> Iterator[Kept]:
    """While the block runs, the rule matchers of `nlp` keep the Spans they make in the dict
    yielded (components with a `kept_spans` attribute; outside the block they keep nothing)."""
    kept: Kept = {}
    matchers = [pipe for _, pipe in nlp.pipeline if hasattr(pipe, "kept_spans")]
    for matcher in matchers:
        matcher.kept_spans = kept
    try:
        yield kept
    finally:
        for matcher in matchers:
            matcher.kept_spans = None
