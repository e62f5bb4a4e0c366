"""The shortcuts the interpreters take for speed give the same answers as the slow ways they
replace: per-Doc span indexes, token positions, text slices, the cheap pre-checks in front of
the duration and percentage patterns, and the per-text caches."""
from __future__ import annotations

from pathlib import Path

import pytest
from spacy.tokens import Span

from sla_check.extract import Sentence, build_context, token_positions
from sla_check.extractors import _sequences
from sla_check.extractors._support import clause_bounds
from sla_check.ingest import load_document
from sla_check.normalize import (
    _duration_hint,
    _percent_hint,
    find_durations,
    find_percents,
    severity_level,
)

CONTRACTS = Path(__file__).resolve().parent.parent / "fixtures" / "contracts"
#: fixture contracts of each format (PDF with tables, plain text, Markdown, Word)
SAMPLES = [p for suffix in (".pdf", ".txt", ".md", ".docx") for p in sorted(CONTRACTS.glob(f"*{suffix}"))[:3]]


@pytest.fixture(scope="module")
def contexts(nlp):
    out = []
    for path in SAMPLES:
        ctx = build_context(load_document(path), nlp)
        _sequences.ensure(ctx, *_sequences.sequence_families())  # the sequence spans join doc.spans too
        out.append(ctx)
    return out


def _naive_matches(sentence: Sentence, family: str, label=None) -> list[Span]:
    doc = sentence.doc
    spans = doc.spans[family] if family in doc.spans else []
    found = [s for s in spans if s.start >= sentence.span.start and s.end <= sentence.span.end]
    return [s for s in found if label is None or s.label_ == label]


def _key(spans: list[Span]) -> list[tuple[int, int, str, str]]:
    return [(s.start, s.end, s.label_, s.id_) for s in spans]


def test_sentence_matches_equal_a_scan_of_the_span_group(contexts):
    checked = 0
    for ctx in contexts:
        for sentence in ctx.sentences:
            for family in sentence.doc.spans:
                expected = _naive_matches(sentence, family)
                assert _key(sentence.matches(family)) == _key(expected)
                for label in {s.label_ for s in expected}:
                    assert _key(sentence.matches(family, label)) == _key(_naive_matches(sentence, family, label))
                checked += bool(expected)
    assert checked > 50


def test_sentence_text_is_the_span_text(contexts):
    for ctx in contexts:
        for sentence in ctx.sentences:
            assert sentence.text == sentence.span.text


def test_token_positions_and_clause_bounds(contexts):
    clauses = 0
    for ctx in contexts:
        for doc in ctx.docs:
            assert token_positions(doc, ";") == [t.i for t in doc if t.text == ";"]
        for sentence in ctx.sentences:
            doc, sent = sentence.doc, sentence.span
            for i in range(sent.start, sent.end, 3):
                span = doc[i:i + 1]
                start, end = sent.start, sent.end
                for j in range(span.start - 1, sent.start - 1, -1):  # the token-by-token walk it replaces
                    if doc[j].text == ";":
                        start = j + 1
                        break
                for j in range(span.end, sent.end):
                    if doc[j].text == ";":
                        end = j
                        break
                assert clause_bounds(sentence, span) == (start, end)
                clauses += (start, end) != (sent.start, sent.end)
    assert clauses > 0


def test_duration_and_percent_pre_checks_hold_for_every_value_found(contexts):
    """The pre-checks skip text without a digit, unit word, phrase or percent sign: every value
    found must contain what they look for, else they would hide it."""
    durations = percents = 0
    for ctx in contexts:
        for sentence in ctx.sentences:
            for f in find_durations(sentence.text):
                assert _duration_hint().search(f.text), f.text
                durations += 1
            for f in find_percents(sentence.text):
                assert _percent_hint().search(f.text), f.text
                percents += 1
    assert durations > 50 and percents > 10


@pytest.mark.parametrize("text, minutes", [
    ("respond within half-hour", 30.0),
    ("updates daily", 1440.0),
    ("a response the next business morning", 480.0),
    ("restore within 4h", 240.0),
    ("within one Business Day", 480.0),
    ("no time stated here", None),
])
def test_durations_behind_the_pre_check(text, minutes):
    found = find_durations(text)
    assert (found[0].value if found else None) == minutes


def test_cached_results_are_copies():
    first = find_durations("within 4 hours and 2 days")
    first.clear()
    assert len(find_durations("within 4 hours and 2 days")) == 2
    pct = find_percents("99.9% uptime")
    pct.append(pct[0])
    assert len(find_percents("99.9% uptime")) == 1


def test_severity_level_with_and_without_a_ladder():
    assert severity_level("Critical incidents") == 1
    assert severity_level("Normal", ["Urgent", "High", "Normal"]) == 3
    assert severity_level("Normal", ("Urgent", "High", "Normal")) == 3
    assert severity_level("Normal", []) == severity_level("Normal")


def test_lower_case_pattern_agrees_with_ignorecase():
    import re

    from sla_check.normalize import LowerCasePattern

    words = r"(?<![\w])(?:business hours|24x7|sla|(?P<month>monthly))(?![\w])"
    fast = LowerCasePattern(words)
    assert fast.fast is not fast.exact  # lower-case ASCII words: the plain pattern is used
    slow = re.compile(words, re.IGNORECASE)
    for text in ["our business hours are 9-5", "24x7 support", "the sla applies", "billed monthly",
                 "no cue here", "the \u017fla applies", "bu\u017fine\u017f\u017f hours"]:
        low = text.lower()
        got, want = fast.search_lower(low), slow.search(low)
        assert (got and got.span()) == (want and want.span()), text
        assert [m.span() for m in fast.finditer_lower(low)] == [m.span() for m in slow.finditer(low)]
        assert fast.occurs_in(text) == bool(slow.search(text)), text
    for text in ["BUSINESS HOURS", "Our Business Hours", "\u0130t is 24X7", "S\u0130LA"]:
        assert fast.occurs_in(text) == bool(slow.search(text)), text
    assert LowerCasePattern(r"\bSLA\b").fast is LowerCasePattern(r"\bSLA\b").exact  # upper case: IGNORECASE kept


@pytest.mark.parametrize("pattern, starts", [
    (r"\b(?:service credits?|credit)\b", ("credit", "service credit")),
    (r"\bscheduled maintenance\b", ("scheduled maintenance",)),
    (r"\b(?:the )?service\b", None),  # an optional opening word: a match may begin anywhere
    (r"\b(?:p1|priority 1|)\b", None),  # an empty alternative
    (r"\d+ hours", None),  # a class, not words
    (r"(?i)\bservice\b", None),  # its own flags: left to the plain search
    (r"\b(?:abc|abd)x", ("abc", "abd")),
    (r"(?P<kind>response|resolution)s?\b", ("resolution", "response")),  # a named group is a group
    (r"\b(?:priority|severity)?\s*1\b", None),  # an optional group may be absent
    (r"(?:p|sev)+1", None),  # a repeated group too
    (r"(?=sla)\w+", None),  # a look-ahead is not read
    (r"\bout[- ]of[- ]hours\b|\bafter hours\b", ("after hours", "out")),
    (r"\bon\-call\b", ("on-call",)),  # an escaped sign is itself
    (r"\bp\d", ("p",)),  # a class escape ends the words
    (r"x|(?:y|z)w|[qr]", ("q", "r", "x", "y", "z")),
])
def test_lower_case_pattern_reads_the_words_every_match_opens_with(pattern, starts):
    from sla_check.normalize import _literal_starts

    assert _literal_starts(pattern) == starts


@pytest.mark.parametrize("text", [
    "Service Credits are the sole remedy.", "A CREDIT of 5%", "The service is available.",
    "Priority 1 incidents", "no match here at all", "Scheduled Maintenance windows", "credi t",
    "Out-of-hours Response times", "after hours resolutions", "an outage after Hours",
])
@pytest.mark.parametrize("pattern", [
    r"\b(?:service credits?|credit)\b", r"\bscheduled maintenance\b", r"\b(?:the )?service\b",
    r"\b(?:p1|priority 1)\b", r"\bsole (?:and exclusive )?remedy\b",
    r"\bout[- ]of[- ]hours\b|\bafter hours\b", r"(?P<kind>response|resolution)s?\b",
])
def test_lower_case_pattern_answers_as_an_ignorecase_search(pattern, text):
    """The 'in' pre-check only ever skips searches that could not match."""
    import re

    from sla_check.normalize import LowerCasePattern

    assert LowerCasePattern(pattern).occurs_in(text) == (re.search(pattern, text, re.IGNORECASE) is not None)


def test_doc_text_takes_the_source_only_when_it_is_the_docs_text(nlp):
    from sla_check.extract import doc_text

    doc = nlp("Severity 1:  respond within 15 minutes;  resolve in 4 hours. ")
    assert doc_text(doc, "Severity 1:  respond within 15 minutes;  resolve in 4 hours. ") == doc.text
    other = nlp("Severity 1:  respond within 15 minutes;  resolve in 4 hours. ")
    assert doc_text(other, "something else entirely") == other.text
    shifted = nlp("P1 within 4 hours")
    assert doc_text(shifted, "P1 within 4 hourz") == "P1 within 4 hours"


def _same_matches(scanner, text: str) -> None:
    got = [(m.span(), m.groupdict()) for m in scanner.finditer(text)]
    want = [(m.span(), m.groupdict()) for m in scanner.exact.finditer(text)]
    assert got == want, text


def test_caseless_scanners_give_the_exact_patterns_matches(contexts):
    from sla_check.normalize import _duration_re, _once_re, _percent_re

    scanners = (_duration_re(), _once_re(), _percent_re())
    assert all(s.loose is not None for s in scanners)
    texts = [s.text for ctx in contexts for s in ctx.sentences]
    texts += ["Respond within 4 UK Business Hours, 2 EST business days and one (1) Calendar Day",
              "NINETY-NINE POINT NINE PERCENT (99.9%) EVERY HOUR", "Twenty-Four (24) hours a day, 7 DAYS A WEEK",
              "within 4 hrs. or 15m; next business day; half-hour", "\u0130n 4 hours \u017feven days 99 percent"]
    for text in texts:
        for variant in (text, text.upper(), text.title()):
            for scanner in scanners:
                _same_matches(scanner, variant)


def _check_against_scan(ctx) -> int:
    """Every sentence's indexed answer and every sentences_with list equal a naive scan."""
    checked = 0
    families = {f for doc in ctx.docs for f in doc.spans}
    for family in families:
        labels = {s.label_ for doc in ctx.docs if family in doc.spans for s in doc.spans[family]}
        for label in [None, *sorted(labels)]:
            want = [s for s in ctx.sentences if _naive_matches(s, family, label)]
            assert ctx.sentences_with(family, label) == want, (family, label)
            for sentence in ctx.sentences:
                assert _key(sentence.matches(family, label)) == _key(_naive_matches(sentence, family, label))
            checked += len(want)
        picked = sorted(labels)[::2]
        assert ctx.numbered_with(family, *picked) == [
            (n, s) for n, s in enumerate(ctx.sentences) if any(_naive_matches(s, family, label) for label in picked)]
        assert ctx.numbered_with(family) == [(n, s) for n, s in enumerate(ctx.sentences) if _naive_matches(s, family)]
    return checked


def test_context_index_equals_a_scan_before_and_after_sequences(nlp):
    """The per-Context index (read once per family) answers as a per-sentence scan would, and is
    read again after _sequences.ensure adds spans to the groups."""
    added = 0
    for path in SAMPLES:
        ctx = build_context(load_document(path), nlp)
        assert all(s._ctx() is ctx for s in ctx.sentences)
        assert _check_against_scan(ctx) > 0
        before = {f: sum(len(g) for g in (d.spans.get(f) or [] for d in ctx.docs)) for f in _sequences.sequence_families()}
        _sequences.ensure(ctx, *_sequences.sequence_families())
        after = {f: sum(len(g) for g in (d.spans.get(f) or [] for d in ctx.docs)) for f in before}
        added += sum(after[f] != before[f] for f in before)
        _check_against_scan(ctx)
    assert added > 0  # the sequences changed some group, so the second check saw new spans


def test_a_sentence_outside_a_context_reads_its_doc(contexts):
    ctx = contexts[0]
    for s in ctx.sentences[:40]:
        loose = Sentence(span=s.span, block=s.block, block_index=s.block_index)
        for family in s.doc.spans:
            assert _key(loose.matches(family)) == _key(s.matches(family)) == _key(_naive_matches(s, family))


def test_forget_reads_a_replaced_group_again(nlp):
    ctx = build_context(load_document(SAMPLES[0]), nlp)
    sentence = next(s for s in ctx.sentences if len(s.span) > 3)
    assert ctx.sentences_with("test_family") == []
    doc = sentence.doc
    doc.spans["test_family"] = [Span(doc, sentence.span.start, sentence.span.start + 2, label="X")]
    ctx.forget("test_family")
    assert ctx.sentences_with("test_family", "X") == [sentence]
    assert [s for s, _ in ctx.with_matches("test_family")] == [sentence]
    assert _key(sentence.matches("test_family", "X")) == [(sentence.span.start, sentence.span.start + 2, "X", "")]
    # a caller may change the list it gets without changing the next answer
    sentence.matches("test_family").clear()
    assert len(sentence.matches("test_family")) == 1
    other = next(s for s in ctx.sentences if s is not sentence)
    assert other.matches("test_family") == [] and other.matches("test_family", "X") == []


def test_text_caches_last_one_document(nlp):
    """The per-text caches are emptied for each document: one contract's answers are never
    reused for another (nor make a batch of look-alike documents seem faster)."""
    from sla_check.extract import extract_terms
    from sla_check.models import Document
    from sla_check.normalize import _TEXT_CACHED

    extract_terms(load_document(SAMPLES[0]), nlp)
    assert sum(f.cache_info().currsize for f in _TEXT_CACHED) > 0
    extract_terms(Document(path="empty.txt", format="text", pages=1), nlp)
    assert [f.__name__ for f in _TEXT_CACHED if f.cache_info().currsize] == []


def test_extraction_leaves_no_reference_cycles(nlp, monkeypatch):
    """A document's spaCy Docs and sentences are freed when extraction ends, by reference
    counting alone: a cycle would leave ~13,000 objects a document to Python's cyclic
    collector, whose full collections then walk every live object again."""
    import gc
    import weakref

    import sla_check.extract as extract_mod

    refs: list[weakref.ref] = []
    original = extract_mod.build_context

    def recording(document, nlp_):
        ctx = original(document, nlp_)
        refs.extend(weakref.ref(d) for d in ctx.docs)
        refs.extend(weakref.ref(s) for s in ctx.sentences[:50])
        refs.append(weakref.ref(ctx))
        return ctx

    monkeypatch.setattr(extract_mod, "build_context", recording)
    document = load_document(SAMPLES[0])
    gc.collect()
    gc.disable()
    try:
        terms = extract_mod.extract_terms(document, nlp)
        assert terms.uptime or terms.response_times  # the extraction ran on a real contract
        assert len(refs) > 10
        alive = [r() for r in refs if r() is not None]
        assert not alive, f"{len(alive)} objects wait for the cyclic GC, e.g. {type(alive[0]).__name__}"
    finally:
        gc.enable()


def test_kept_spans_are_the_groups_own_and_docs_stay_plain(nlp, contexts):
    """The Context hands out the Span objects the matchers made (components/span_lists.py): the
    same spans, in the same order, as reading each group; a group replaced after they were kept
    is read again; and nothing is left on the Docs (they still serialise)."""
    from spacy.tokens import SpanGroup

    from sla_check.components.span_lists import spans_of

    compared = 0
    for ctx in contexts:
        assert ctx.kept  # the matchers kept what they made
        for doc in ctx.docs:
            for family in doc.spans:
                kept = spans_of(ctx.kept, doc, family)
                assert [(s.start, s.end, s.label_, s.id_) for s in kept] == \
                    [(s.start, s.end, s.label_, s.id_) for s in doc.spans[family]]
                compared += len(kept)
            assert not any("span" in str(k) for k in doc.user_data)
    assert compared > 100
    ctx = build_context(load_document(SAMPLES[0]), nlp)  # (its own: the shared contexts stay as made)
    doc = next(d for d in ctx.docs if any(len(g) for g in d.spans.values()))
    family = next(f for f, g in doc.spans.items() if len(g))
    doc.spans.data[family] = SpanGroup(doc, name=family, spans=list(doc.spans[family])[:1])
    assert len(spans_of(ctx.kept, doc, family)) == 1  # the new group, not the kept list
    doc.to_bytes()
    nlp("Availability is 99.9% each month; service credits apply.").to_bytes()
