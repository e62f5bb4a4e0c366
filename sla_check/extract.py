"""Document -> Terms. Runs the spaCy pipeline over every block, then the interpreters.

One spaCy Doc per block (paragraph, list item or table row), so every sentence knows its
page and section without offset arithmetic, and no Doc comes near spaCy's max_length.
"""
from __future__ import annotations

import importlib
import weakref
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Iterator, Optional

import numpy
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span

from sla_check.components.span_lists import Kept, keeping, spans_of
from sla_check.models import Block, Document, Evidence, Table, Terms
from sla_check.nlp import rules_of
from sla_check.normalize import clear_text_caches
from sla_check.ruleset import using

#: interpreter modules under sla_check.extractors, run in this order
EXTRACTORS: tuple[str, ...] = (
    "uptime",
    "response_times",
    "support_hours",
    "exclusions",
    "credits",
    "maintenance",
    "monitoring",
    "termination",
    "governance",
    "parties",
    "service_kind",
    "mentions",
    "carve_outs",
)


#: keys of the per-Doc caches kept in Doc.user_data (a Doc is one block; see doc_text, token_positions)
_TEXT_KEY = "sla_check.text"
_TOKENS_KEY = "sla_check.tokens"


def doc_text(doc: Doc, source: Optional[str] = None) -> str:
    """The Doc's text, found once: Doc.text rebuilds it from every token on each access.

    `source` is the string the Doc was made from (its block's text): spaCy's tokenizer loses
    nothing, so that is the Doc's text; it is taken when its length and end tokens agree."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        if source is not None and len(doc) and _same_text(doc, source):
            text = source
        else:
            text = doc.text
        doc.user_data[_TEXT_KEY] = text
    return text


def _same_text(doc: Doc, source: str) -> bool:
    first, last = doc[0], doc[-1]
    return len(source) == last.idx + len(last.text_with_ws) and source.startswith(first.text) and \
        source.startswith(last.text, last.idx)


def token_positions(doc: Doc, orth: str) -> list[int]:
    """Indices of the tokens whose text is exactly `orth` (";", ","), read once per Doc from its
    ORTH column: indexing a Doc builds a Token object per access."""
    key = f"{_TOKENS_KEY}:{orth}"
    found = doc.user_data.get(key)
    if found is None:
        found = doc.user_data[key] = numpy.flatnonzero(doc.to_array(ORTH) == get_string_id(orth)).tolist() if len(doc) else []
    return found


def spans_within(doc: Doc, family: str, start: int, end: int) -> list[Span]:
    """doc.spans[family] inside tokens [start, end), in the group's order (a new list).

    The slow way, for a Sentence outside a Context; a Context hands every sentence its spans
    at once (Context._index)."""
    group = spans_of(None, doc, family)
    if not group:
        return []
    if start <= 0 and end >= len(doc):
        return list(group)
    return [s for s in group if start <= s.start < end and s.end <= end]


#: the answer of a sentence without spans of a family: shared, never written to
_NO_SPANS: dict[Optional[str], list[Span]] = {}
#: sentences_with's answer for a label no sentence has: shared, never written to
_NO_SENTENCES: list["Sentence"] = []


@dataclass
class Sentence:
    """One sentence (or table row) with the block it came from."""

    span: Span
    block: Block
    block_index: int
    #: rule spans inside this sentence, per family and then per label (None: every label);
    #: extractors ask for the same family often. Filled for every sentence at once by the
    #: Context (Context._index); a sentence outside one reads its Doc (spans_within).
    _in_span: dict[str, dict[Optional[str], list[Span]]] = field(default_factory=dict, repr=False, compare=False)
    #: a weak reference: a strong one would make every Context a reference cycle, so a
    #: document's Docs and Spans would wait for Python's cyclic GC instead of being freed at
    #: once (measured: ~13,000 objects a document, and the full collections they cause)
    _ctx: Optional["weakref.ReferenceType[Context]"] = field(default=None, repr=False, compare=False)

    @cached_property
    def text(self) -> str:
        """Cached, and sliced from the Doc's text: Span.text rebuilds the string token by token."""
        span = self.span
        return doc_text(span.doc, self.block.text)[span.start_char:span.end_char] if len(span) else span.text

    @property
    def doc(self) -> Doc:
        return self.span.doc

    @property
    def doc_text(self) -> str:
        """The whole Doc's text (its block's), found once: Doc.text rebuilds it token by token."""
        return doc_text(self.span.doc, self.block.text)

    def evidence(self, rule: Optional[str] = None) -> Evidence:
        page = self.block.page_at(self.span.start_char)
        return Evidence(page=page, section=self.block.section, text=self.text.strip(), rule=rule)

    def matches(self, family: str, label: Optional[str] = None) -> list[Span]:
        """Rule spans of `family` (optionally one label) inside this sentence (a new list)."""
        found = self._found(family, label)
        return list(found) if found else []

    def _found(self, family: str, label: Optional[str]) -> Optional[list[Span]]:
        """The spans `matches` copies (shared: never change the list), or None for none."""
        by_label = self._in_span.get(family)
        if by_label is None:
            ctx = self._ctx() if self._ctx is not None else None
            if ctx is not None:
                ctx._index(family)
                by_label = self._in_span.get(family)
            if by_label is None:  # not one of its Context's sentences
                span = self.span
                by_label = self._in_span[family] = _by_label(spans_within(span.doc, family, span.start, span.end))
        return by_label.get(label)


def _by_label(spans: list[Span]) -> dict[Optional[str], list[Span]]:
    """`spans` under None and under each label (in their order): every label asked of a
    sentence is then one dict lookup, and a label it lacks is simply absent."""
    if not spans:
        return _NO_SPANS
    out: dict[Optional[str], list[Span]] = {None: spans}
    for span in spans:
        out.setdefault(span.label_, []).append(span)
    return out


@dataclass
class Context:
    document: Document
    docs: list[Doc]
    sentences: list[Sentence] = field(default_factory=list)
    #: values one extractor derives and another reuses (e.g. the document's support hours)
    cache: dict[str, Any] = field(default_factory=dict)
    #: the Span objects the matchers made for the docs' groups (components/span_lists.py)
    kept: Kept = field(default_factory=dict, repr=False, compare=False)
    #: per family indexed (_index), its sentences with spans under each label (None: any label),
    #: in document order: sentences_with answers from it; emptied by forget()
    _having: dict[str, dict[Optional[str], list[Sentence]]] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        ref = weakref.ref(self)
        for sentence in self.sentences:
            sentence._ctx = ref

    def table_of(self, sentence: Sentence) -> Optional[Table]:
        """The Table a table-row sentence belongs to, if any."""
        tid = sentence.block.table_id
        if tid is None or not (0 <= tid < len(self.document.tables)):
            return None
        return self.document.tables[tid]

    def with_matches(self, family: str, label: Optional[str] = None) -> Iterator[tuple[Sentence, list[Span]]]:
        for sentence in self.sentences_with(family, label):
            yield sentence, sentence.matches(family, label)

    def sentences_with(self, family: str, label: Optional[str] = None) -> list[Sentence]:
        """The sentences with spans of `family` (and `label`), in document order: a loop that
        only acts on those skips the rest without asking each (do not change the list)."""
        by_label = self._having.get(family)
        if by_label is None:
            self._index(family)
            by_label = self._having[family]
        return by_label.get(label, _NO_SENTENCES)

    def numbered_with(self, family: str, *labels: str) -> list[tuple[int, Sentence]]:
        """(position in `sentences`, sentence) of the sentences with spans of `family` under any
        of `labels` (every label if none), in document order: for loops that need the position."""
        at = self.__dict__.get("_positions")
        if at is None or len(at) != len(self.sentences):
            at = self.__dict__["_positions"] = {id(s): n for n, s in enumerate(self.sentences)}
        found = {id(s): s for label in (labels or (None,)) for s in self.sentences_with(family, label)}
        return sorted(((at[k], s) for k, s in found.items()), key=lambda p: p[0])

    def forget(self, family: str) -> None:
        """Drop what was read of `family`'s spans: call after changing doc.spans[family]."""
        for sentence in self.sentences:
            sentence._in_span.pop(family, None)
        self._having.pop(family, None)

    def _index(self, family: str) -> None:
        """Give every sentence its spans of `family`, reading each Doc's SpanGroup once (each
        read of a group item builds a new Span) instead of once per sentence asking; sentences
        without any share _NO_SPANS. Spans keep their group's order. Also lists, per label, the
        sentences with spans of it (sentences_with): one pass here instead of one pass over every
        sentence per label asked."""
        for sentence in self.sentences:
            sentence._in_span[family] = _NO_SPANS
        kept = self.kept
        for doc, sents, bounds, starts in self._layout():
            group = spans_of(kept, doc, family)
            if not group:
                continue
            n = len(doc)
            if len(bounds) == 1 and bounds[0][0] <= 0 and bounds[0][1] >= n:
                # a block of one sentence (a heading, a list item, a table row): all of its spans
                sents[0]._in_span[family] = _by_label(list(group))
                continue
            found: dict[int, list[Span]] = {}
            for span in group:
                first, last = span.start, span.end
                k = bisect_right(starts, first) - 1
                if k < 0:
                    continue
                start, end = bounds[k]
                if (start <= 0 and end >= n) or (first < end and last <= end):  # as spans_within
                    found.setdefault(k, []).append(span)
            for k, spans in found.items():
                sents[k]._in_span[family] = _by_label(spans)
        having: dict[Optional[str], list[Sentence]] = {}
        for sentence in self.sentences:
            by_label = sentence._in_span[family]
            if by_label:
                for label in by_label:
                    having.setdefault(label, []).append(sentence)
        self._having[family] = having

    def _layout(self) -> list[tuple[Doc, list[Sentence], list[tuple[int, int]], list[int]]]:
        """Per Doc: its sentences by start token, their token bounds and starts (for _index);
        found once per Context, again only if sentences were added."""
        cached = self.__dict__.get("_layout_cache")
        if cached is not None and cached[0] == len(self.sentences):
            return cached[1]
        by_doc: dict[int, list[Sentence]] = {}
        for sentence in self.sentences:
            by_doc.setdefault(id(sentence.span.doc), []).append(sentence)
        layout = []
        for sents in by_doc.values():
            sents.sort(key=lambda s: s.span.start)
            bounds = [(s.span.start, s.span.end) for s in sents]
            layout.append((sents[0].span.doc, sents, bounds, [b[0] for b in bounds]))
        self.__dict__["_layout_cache"] = (len(self.sentences), layout)
        return layout


def build_context(document: Document, nlp: Language) -> Context:
    with keeping(nlp) as kept:
        docs = list(nlp.pipe(b.text for b in document.blocks))
    sentences: list[Sentence] = []
    for i, (block, doc) in enumerate(zip(document.blocks, docs)):
        sents = list(doc.sents) if doc.has_annotation("SENT_START") else [doc[:]]
        text = block.text  # == doc.text: a slice of it is the sentence's text, without a Token per word
        for sent in sents:
            sent_text = text[sent.start_char:sent.end_char]
            if sent_text.strip():
                sentence = Sentence(span=sent, block=block, block_index=i)
                sentence.__dict__["text"] = sent_text  # primes the cached_property Sentence.text
                sentences.append(sentence)
    return Context(document=document, docs=docs, sentences=sentences, kept=kept)


def extract_terms(document: Document, nlp: Language) -> Terms:
    """All terms of one document, each value with its evidence, read with the rules the
    pipeline was built from (its lexicons and sequences too, not only its patterns)."""
    with using(rules_of(nlp)):
        return _extract_terms(document, nlp)


def _extract_terms(document: Document, nlp: Language) -> Terms:
    clear_text_caches()
    ctx = build_context(document, nlp)
    terms = Terms()
    for name in EXTRACTORS:
        try:
            module: Any = importlib.import_module(f"sla_check.extractors.{name}")
        except ModuleNotFoundError as e:
            if e.name == f"sla_check.extractors.{name}":
                continue  # not written yet
            raise
        module.collect(ctx, terms)
    return terms
