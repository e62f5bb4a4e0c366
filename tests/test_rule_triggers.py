"""The rule component's shortcuts (trigger-filtered token matchers, one phrase matcher for
all families) give exactly what running every family's own Matcher and PhraseMatcher on
every doc gives: same spans, same labels and rule ids, same order."""
from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any, Optional

import pytest
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from sla_check.vocabulary import generated_patterns
from sla_check.components.rule_matcher import (
    load_patterns,
    longest_matches,
    pattern_file,
    pattern_max_len,
    pattern_triggers,
)
from sla_check.ingest import load_document
from sla_check.nlp import build_nlp, pattern_families
from sla_check.ruleset import default_rules_dir

ROOT = Path(__file__).resolve().parent.parent


# --------------------------------------------------------------------------- trigger derivation


def triggers(pattern: list[dict[str, Any]]) -> list[tuple[str, set[str]]]:
    return [(attr, set(values)) for attr, values in pattern_triggers(pattern)]


def test_required_tokens_give_triggers_optional_ones_do_not():
    pattern = [
        {"LOWER": "may"},
        {"LOWER": {"IN": ["or", "and"]}, "OP": "?"},
        {"LOWER": "not", "OP": "*"},
        {"LOWER": "never", "OP": "!"},
        {"LOWER": "x", "OP": "{0,3}"},
        {"LOWER": "y", "OP": "{,2}"},
        {"LOWER": "z", "OP": "{2}"},
        {"LOWER": "w", "OP": "{1,}"},
        {"LOWER": {"IN": ["extend", "delay"]}, "OP": "+"},
        {"OP": "?"},
        {},
    ]
    assert triggers(pattern) == [("LOWER", {"may"}), ("LOWER", {"z"}), ("LOWER", {"w"}), ("LOWER", {"extend", "delay"})]


def test_case_and_attribute_of_each_trigger():
    # ORTH and TEXT are case-sensitive and kept as written; attribute keys are case-insensitive in spaCy
    assert triggers([{"ORTH": "Credit"}]) == [("ORTH", {"Credit"})]
    assert triggers([{"TEXT": {"IN": ["SLA", "Sla"]}}]) == [("ORTH", {"SLA", "Sla"})]
    assert triggers([{"lower": "uptime"}]) == [("LOWER", {"uptime"})]
    assert triggers([{"LOWER": {"in": ["a", "b"]}}]) == [("LOWER", {"a", "b"})]
    # both conditions of one token are necessary
    assert triggers([{"LOWER": "x", "ORTH": "X"}]) == [("LOWER", {"x"}), ("ORTH", {"X"})]


def test_longest_match_a_pattern_can_give():
    assert pattern_max_len([{"LOWER": "a"}, {"OP": "?"}, {"LOWER": "b", "OP": "{1,3}"}, {"LOWER": "c", "OP": "!"}]) == 6
    assert pattern_max_len([{"LOWER": "a"}, {"LOWER": "b", "OP": "{2}"}]) == 3
    for op in ("*", "+", "{2,}"):
        assert pattern_max_len([{"LOWER": "a"}, {"LOWER": "b", "OP": op}]) is None


@pytest.mark.parametrize("token", [
    {"LOWER": {"NOT_IN": ["a"]}},
    {"LOWER": {"!=": "a"}},
    {"LOWER": {"REGEX": "^up"}},
    {"LOWER": {"REGEX": {"IN": ["^up"]}}},
    {"LOWER": {"FUZZY": "uptime"}},
    {"NORM": "uptime"},
    {"LIKE_NUM": True},
    {"SHAPE": "dd"},
    {"IS_DIGIT": True},
    {"TEXT": {"IN": ["a", 1]}},
    {},
])
def test_tokens_without_a_literal_condition_give_no_trigger(token):
    assert pattern_triggers([token]) == []


# --------------------------------------------------------------------------- reference


class Reference:
    """The plain way: every family's Matcher and PhraseMatcher on every doc (the code the
    rule component replaced), kept here as the oracle."""

    def __init__(self, nlp: Language, rules_dir: Optional[str], greedy: bool = True) -> None:
        self.greedy = greedy
        self.families = []
        for family in pattern_families(rules_dir):
            matcher = Matcher(nlp.vocab)
            phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
            objs = [obj for _, obj in load_patterns(pattern_file(rules_dir, family))]
            for obj in objs + generated_patterns(rules_dir, family):  # the lexicon-built phrases too
                key = f"{obj['label']}\t{obj.get('id') or obj['label']}"
                if isinstance(obj["pattern"], str):
                    phrases.add(key, [nlp.make_doc(obj["pattern"])])
                else:
                    matcher.add(key, [obj["pattern"]])
            self.families.append((family, matcher, phrases))

    def __call__(self, doc: Doc) -> dict[str, list[tuple[int, int, str, str]]]:
        out = {}
        strings = doc.vocab.strings
        for family, matcher, phrases in self.families:
            raw = (list(matcher(doc)) if len(matcher) else []) + list(phrases(doc))
            spans = []
            for match_id, start, end in raw:
                label, rule_id = strings[match_id].split("\t", 1)
                spans.append(_Span(start, end, label, rule_id))
            if self.greedy:
                by_label: dict[str, list[_Span]] = {}
                for s in spans:
                    by_label.setdefault(s.label_, []).append(s)
                spans = [s for group in by_label.values() for s in filter_spans(group)]
            spans.sort(key=lambda s: (s.start, s.end, s.label_))
            out[family] = [(s.start, s.end, s.label_, s.id_) for s in spans]
        return out


class _Span:
    def __init__(self, start: int, end: int, label: str, rule_id: str) -> None:
        self.start, self.end, self.label_, self.id_ = start, end, label, rule_id


def spans_of(doc: Doc) -> dict[str, list[tuple[int, int, str, str]]]:
    return {k: [(s.start, s.end, s.label_, s.id_) for s in v] for k, v in doc.spans.items()}


#: same-label phrases with different rule ids on the same words (the order decides which
#: rule id survives), token patterns that run and that are skipped, case variants
TRICKY = [
    "Support is available Monday - Friday, 9 am to 5 pm; Mon - Fri otherwise.",
    "We can not promise a fix. The parties will review service performance quarterly.",
    "Credits are credited monthly. Emergency maintenance and unplanned maintenance are excluded.",
    "Upstream providers and an upstream provider are third parties. Change control applies.",
    "Penalty-free termination without penalty; penalties for early termination.",
    "Outages outside of our network, or beyond the provider's networks, are excluded.",
    "Repeat failures: multiple service level failures let you terminate.",
    "Tickets must be logged before 3pm. Replacements will be completed within 4 hours.",
    "MAY EXTEND RESPONSE. Force Majeure may delay or extend the response.",
    "",
    "   ",
]


def corpus_texts() -> list[str]:
    texts = list(TRICKY)
    for path in sorted((ROOT / "fixtures" / "contracts").iterdir())[:40]:
        if path.suffix.lower() in {".txt", ".md", ".docx", ".pdf"}:
            try:
                texts.extend(b.text for b in load_document(path).blocks)
            except Exception:  # an unreadable fixture is another test's business
                continue
    return texts


@pytest.fixture(scope="module")
def texts() -> list[str]:
    return corpus_texts()


def test_pipeline_gives_what_every_matcher_on_every_doc_gives(nlp, texts):
    reference = Reference(nlp, None)
    assert len(texts) > 100
    for text in texts:
        doc = nlp(text)
        assert spans_of(doc) == reference(doc), text


def test_same_order_without_the_longest_match_filter(nlp, texts):
    """greedy=False keeps every match in the order found: the strictest comparison."""
    plain = build_nlp()
    plain.remove_pipe("rules")
    plain.add_pipe("sla_rules", name="rules", config={"families": pattern_families(), "greedy": False})
    reference = Reference(plain, None, greedy=False)
    ties = 0
    for text in texts:
        doc = plain(text)
        got = spans_of(doc)
        assert got == reference(doc), text
        ties += sum(a[:3] == b[:3] for spans in got.values() for a, b in zip(spans, spans[1:]))
    assert ties > 0  # the texts hold same-label matches with different rule ids on the same words


def test_family_matcher_is_skipped_without_its_trigger(nlp):
    rules = nlp.get_pipe("rules")
    credits = next(f for f in rules.families if f.name == "credits")
    calls = []
    original = credits.matcher

    class Spy:
        def __call__(self, doc):  # type: ignore[no-untyped-def]
            calls.append(doc.text)
            return original(doc)

    credits.matcher = Spy()
    try:
        nlp("Availability will be 99.9% in each month.")
        assert calls == []
        nlp("Termination is without penalty.")
        assert calls == ["Termination is without penalty."]
    finally:
        credits.matcher = original


def _copy_rules(tmp_path: Path) -> Path:
    target = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), target, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    return target


def test_added_pattern_file_matches_with_the_filter_on(tmp_path, monkeypatch):
    from sla_check import labels

    # the families' labels, as the interpreters that read them would declare them
    monkeypatch.setitem(labels.READS, "extra", frozenset({"RPO", "CASED", "NUM", "ANY_NUM", "DUP"}))
    monkeypatch.setitem(labels.READS, "extra2", frozenset({"NOT"}))
    rules = _copy_rules(tmp_path)
    filler = " ".join(["word"] * 30)
    lines = [
        {"label": "RPO", "pattern": [{"LOWER": "recovery"}, {"LOWER": "point", "OP": "?"}, {"LOWER": {"IN": ["objective", "target"]}}], "id": "x.rpo"},
        {"label": "CASED", "pattern": [{"ORTH": "RTO"}], "id": "x.rto"},
        {"label": "NUM", "pattern": [{"LIKE_NUM": True}, {"LOWER": "hours"}], "id": "x.hours"},
        {"label": "ANY_NUM", "pattern": [{"LIKE_NUM": True}, {"ORTH": "%", "OP": "?"}], "id": "x.num"},
        {"label": "DUP", "pattern": "recovery point", "id": "x.dup.a"},
        {"label": "DUP", "pattern": "Recovery Point", "id": "x.dup.b"},
    ]
    (rules / "patterns" / "extra.jsonl").write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    # a family whose token matcher runs on windows around "recovery" ("!" takes a token too)
    negation = {"label": "NOT", "pattern": [{"LOWER": "recovery"}] + [{"LOWER": "time", "OP": "!"}] * 4 + [{"LOWER": "goal"}]}
    (rules / "patterns" / "extra2.jsonl").write_text(json.dumps(negation) + "\n", encoding="utf-8")
    nlp = build_nlp(str(rules))
    reference = Reference(nlp, str(rules))

    doc = nlp("The recovery point objective is 4 hours; the RTO is 99 %. The rto is not cased right.")
    found = {(s.label_, s.text) for s in doc.spans["extra"]}
    assert ("RPO", "recovery point objective") in found
    assert ("CASED", "RTO") in found and ("CASED", "rto") not in found
    assert ("NUM", "4 hours") in found and ("ANY_NUM", "99 %") in found
    assert sum(label == "DUP" for label, _ in found) == 1
    negated = nlp(f"{filler} recovery a b c d goal {filler}")
    assert [s.text for s in negated.spans["extra2"]] == ["recovery a b c d goal"]
    windows = [f"recovery objective {filler} recovery point target {filler} recovery recovery point",
               f"{filler} recovery point objective", "recovery point objective recovery target recovery",
               f"{filler} recovery a b c d goal {filler}"]
    for text in [doc.text, "Recovery target: twelve hours.", "Nothing here.", "rto RTO Rto", *windows]:
        d = nlp(text)
        assert spans_of(d) == reference(d), text


def test_longest_matches_is_spacys_filter_spans(nlp):
    """The tuple version of the longest-match filter keeps what spaCy's filter_spans keeps."""
    import random

    rng = random.Random(7)
    doc = nlp.make_doc(" ".join(["word"] * 40))
    for _ in range(300):
        matches = []
        for _ in range(rng.randint(1, 12)):
            start = rng.randint(0, 38)
            end = rng.randint(start + 1, min(40, start + 5))
            matches.append((start, end, "L", len(matches), 0, 0))
        if rng.random() < 0.5:  # in start order, as phrase matches come: often none overlaps
            matches = sorted(matches)[::2]
        spans = [Span(doc, m[0], m[1], label=f"m{m[3]}") for m in matches]  # duplicates too: which one is kept counts
        assert [f"m{m[3]}" for m in longest_matches(matches)] == [s.label_ for s in filter_spans(spans)]


def test_sentencizer_scanning_only_split_tokens_equals_scanning_every_token(nlp, texts):
    """The sentence splitter looks only at tokens holding ".!?;" or a newline; looking at
    every token (what it did before) must split the same."""
    from spacy.attrs import ORTH

    splitter = nlp.get_pipe("sla_sentencizer")
    for text in texts:
        doc = nlp(text)
        n = len(doc)
        if n == 0:
            continue
        words = [doc.vocab.strings[h] for h in doc.to_array(ORTH).tolist()]
        starts = [True] + [False] * (n - 1)
        if "|" not in words:
            splitter._mark(doc, words, starts, list(range(n - 1)))
        assert [t.is_sent_start for t in doc] == starts, text


def test_matcher_windows_come_from_the_patterns_that_can_match(tmp_path, monkeypatch):
    """A long pattern whose words are absent widens no window; each window sits around the
    rarest trigger of a pattern that can match, and the matches stay the plain way's."""
    from sla_check import labels

    monkeypatch.setitem(labels.READS, "extra3", frozenset({"LONG", "SHORT"}))
    rules = _copy_rules(tmp_path)
    lines = [
        {"label": "LONG", "pattern": [{"LOWER": "sole"}, {"OP": "{0,20}"}, {"LOWER": "remedy"}], "id": "x.long"},
        {"label": "SHORT", "pattern": [{"LOWER": "the"}, {"LOWER": "penalty"}], "id": "x.short"},
    ]
    (rules / "patterns" / "extra3.jsonl").write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    nlp = build_nlp(str(rules))
    reference = Reference(nlp, str(rules))
    family = next(f for f in nlp.get_pipe("rules").families if f.name == "extra3")
    seen: list[int] = []
    original = family.matcher

    class Spy:
        def __call__(self, doc):  # type: ignore[no-untyped-def]
            seen.append(len(doc))
            return original(doc)

    family.matcher = Spy()
    filler = " ".join(["the word"] * 20)
    try:
        doc = nlp(f"{filler} the penalty {filler} the penalty applies {filler}")
        # two windows of the short pattern's own width (2 tokens + 1 either side of "penalty"),
        # not one per "the", and not the long pattern's width: "sole" is not in the text
        assert seen == [7, 7]
        assert [s.text for s in doc.spans["extra3"]] == ["the penalty", "the penalty"]
        assert spans_of(doc) == reference(doc)
        seen.clear()
        doc = nlp(f"{filler} the sole and exclusive remedy {filler} the penalty {filler}")
        assert max(seen) > 7  # the long pattern can match now: its window is its own width
        assert spans_of(doc) == reference(doc)
    finally:
        family.matcher = original
