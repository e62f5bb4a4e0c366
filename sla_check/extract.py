"""Document -> Terms. Runs the spaCy pipeline over every block, then the interpreters.

One spaCy Doc per block (paragraph, list item or table row), so every sentence knows its
page and section without offset arithmetic, and no Doc comes near spaCy's max_length.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Iterator, Optional

from spacy.language import Language
from spacy.tokens import Doc, Span

from sla_check.models import Block, Document, Evidence, Table, Terms

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
)


@dataclass
class Sentence:
    """One sentence (or table row) with the block it came from."""

    span: Span
    block: Block
    block_index: int
    #: rule spans inside this sentence, per family (extractors ask for the same family often)
    _in_span: dict[str, list[Span]] = field(default_factory=dict, repr=False, compare=False)

    @cached_property
    def text(self) -> str:
        """Cached: Span.text rebuilds the string token by token on every access."""
        return self.span.text

    @property
    def doc(self) -> Doc:
        return self.span.doc

    def evidence(self, rule: Optional[str] = None) -> Evidence:
        page = self.block.page_at(self.span.start_char)
        return Evidence(page=page, section=self.block.section, text=self.text.strip(), rule=rule)

    def matches(self, family: str, label: Optional[str] = None) -> list[Span]:
        """Rule spans of `family` (optionally one label) inside this sentence."""
        found = self._in_span.get(family)
        if found is None:
            spans = self.doc.spans[family] if family in self.doc.spans else []
            found = [s for s in spans if s.start >= self.span.start and s.end <= self.span.end]
            self._in_span[family] = found
        return [s for s in found if s.label_ == label] if label is not None else list(found)


@dataclass
class Context:
    document: Document
    docs: list[Doc]
    sentences: list[Sentence] = field(default_factory=list)
    #: values one extractor derives and another reuses (e.g. the document's support hours)
    cache: dict[str, Any] = field(default_factory=dict)

    def table_of(self, sentence: Sentence) -> Optional[Table]:
        """The Table a table-row sentence belongs to, if any."""
        tid = sentence.block.table_id
        if tid is None or not (0 <= tid < len(self.document.tables)):
            return None
        return self.document.tables[tid]

    def with_matches(self, family: str, label: Optional[str] = None) -> Iterator[tuple[Sentence, list[Span]]]:
        for sentence in self.sentences:
            found = sentence.matches(family, label)
            if found:
                yield sentence, found


def build_context(document: Document, nlp: Language) -> Context:
    docs = list(nlp.pipe(b.text for b in document.blocks))
    ctx = Context(document=document, docs=docs)
    for i, (block, doc) in enumerate(zip(document.blocks, docs)):
        sents = list(doc.sents) if doc.has_annotation("SENT_START") else [doc[:]]
        text = block.text  # == doc.text: a slice of it is the sentence's text, without a Token per word
        for sent in sents:
            sent_text = text[sent.start_char:sent.end_char]
            if sent_text.strip():
                sentence = Sentence(span=sent, block=block, block_index=i)
                sentence.__dict__["text"] = sent_text  # primes the cached_property Sentence.text
                ctx.sentences.append(sentence)
    return ctx


def extract_terms(document: Document, nlp: Language) -> Terms:
    """All terms of one document, each value with its evidence."""
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
