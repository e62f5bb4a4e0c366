"""A rule component whose patterns live as data in rules/patterns/<family>.jsonl.

Patterns use spaCy's SpanRuler format, one JSON object per line:
    {"label": "UPTIME_PCT", "pattern": [{"LIKE_NUM": true}, {"TEXT": "%"}], "id": "uptime.pct"}
A string pattern is a phrase (matched on LOWER); a list is a token pattern (Matcher).
Matches go to doc.spans[family] as Spans whose `label_` is the label and `id_` the rule id,
so every extracted value can say which rule found it.

We use Matcher/PhraseMatcher directly rather than SpanRuler: same data format, but
~1.5x faster (see ../shared/design/performance-facts.md).
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable, Optional

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from sla_check.errors import RulesError
from sla_check.ruleset import check_keys, default_rules_dir, read_jsonl

_PATTERN_KEYS = {"label", "pattern", "id", "comment"}


def pattern_file(rules_dir: Optional[str], family: str) -> Path:
    return Path(rules_dir or default_rules_dir()) / "patterns" / f"{family}.jsonl"


def load_patterns(path: Path) -> list[tuple[int, dict[str, Any]]]:
    """Read and validate a pattern file: keys, types, and spaCy's own pattern validation."""
    if not path.is_file():
        raise RulesError(path, None, "pattern file not found")
    out = []
    for lineno, obj in read_jsonl(path):
        where = f"line {lineno}"
        check_keys(obj, _PATTERN_KEYS, {"label", "pattern"}, path, where)
        if not isinstance(obj["label"], str) or not obj["label"]:
            raise RulesError(path, where, "'label' must be a non-empty string")
        pattern = obj["pattern"]
        if isinstance(pattern, str):
            if not pattern.strip():
                raise RulesError(path, where, "phrase pattern is empty")
        elif isinstance(pattern, list):
            if not pattern or not all(isinstance(t, dict) for t in pattern):
                raise RulesError(path, where, "token pattern must be a non-empty list of objects")
        else:
            raise RulesError(path, where, "'pattern' must be a string (phrase) or a list (token pattern)")
        out.append((lineno, obj))
    return out


class RuleMatcher:
    """Runs one family's token and phrase patterns and stores matches in doc.spans[family]."""

    def __init__(self, nlp: Language, name: str, family: str, rules_dir: Optional[str], greedy: bool) -> None:
        self.name = name
        self.family = family
        self.greedy = greedy
        self.matcher = Matcher(nlp.vocab, validate=True)
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._has_tokens = self._has_phrases = False
        path = pattern_file(rules_dir, family)
        for lineno, obj in load_patterns(path):
            self.add(nlp, obj, path, lineno)

    def add(self, nlp: Language, obj: dict[str, Any], path: Path | str = "<patterns>", lineno: int = 0) -> None:
        label = obj["label"]
        key = f"{label}\t{obj.get('id') or label}"
        pattern = obj["pattern"]
        try:
            if isinstance(pattern, str):
                self.phrases.add(key, [nlp.make_doc(pattern)])
                self._has_phrases = True
            else:
                self.matcher.add(key, [pattern])
                self._has_tokens = True
        except Exception as e:  # spaCy raises MatchPatternError / ValueError with details
            raise RulesError(path, f"line {lineno}", f"invalid pattern: {e}") from e

    def _matches(self, doc: Doc) -> Iterable[Span]:
        raw = []
        if self._has_tokens:
            raw.extend(self.matcher(doc))
        if self._has_phrases:
            raw.extend(self.phrases(doc))
        strings = doc.vocab.strings
        for match_id, start, end in raw:
            label, rule_id = strings[match_id].split("\t", 1)
            yield Span(doc, start, end, label=label, span_id=rule_id)

    def __call__(self, doc: Doc) -> Doc:
        spans = list(self._matches(doc))
        if self.greedy:
            # keep the longest non-overlapping match per label
            by_label: dict[str, list[Span]] = {}
            for s in spans:
                by_label.setdefault(s.label_, []).append(s)
            spans = [s for group in by_label.values() for s in filter_spans(group)]
        spans.sort(key=lambda s: (s.start, s.end, s.label_))
        doc.spans[self.family] = spans
        return doc


@Language.factory(
    "sla_rule_matcher",
    assigns=["doc.spans"],
    default_config={"family": "", "rules_dir": None, "greedy": True},
)
def make_rule_matcher(nlp: Language, name: str, family: str, rules_dir: Optional[str], greedy: bool) -> RuleMatcher:
    if not family:
        raise ValueError("sla_rule_matcher needs a 'family' (the rules/patterns/<family>.jsonl to load)")
    return RuleMatcher(nlp, name, family, rules_dir, greedy)
