"""Rule components whose patterns live as data in rules/patterns/<family>.jsonl.

Patterns use spaCy's SpanRuler format, one JSON object per line:
    {"label": "UPTIME_PCT", "pattern": [{"LIKE_NUM": true}, {"TEXT": "%"}], "id": "uptime.pct"}
A string pattern is a phrase (matched on LOWER); a list is a token pattern (Matcher).
Matches go to doc.spans[family] as Spans whose `label_` is the label and `id_` the rule id,
so every extracted value can say which rule found it.

We use Matcher/PhraseMatcher directly rather than SpanRuler: same data format, but
~1.5x faster (see ../shared/design/performance-facts.md). Two further savings, both
lossless by construction (the output is the same as running every matcher on every doc):

* Triggers. spaCy's Matcher costs per token of the doc whatever the patterns (it makes a
  Token object per position and calls a Python predicate for every IN list), so a family's
  Matcher runs only on docs that contain, for some pattern of the family, a value every
  required token of that pattern can take. The values are read off the pattern itself
  (`pattern_triggers`): a pattern whose required tokens name no literal value always runs.
* One PhraseMatcher for every family (phrases cost per call, not per pattern); its matches
  are dispatched to the families in the order each family's own PhraseMatcher would give.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple, Optional, Sequence

from spacy.attrs import LOWER, ORTH
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from sla_check.errors import RulesError
from sla_check.ruleset import check_keys, default_rules_dir, read_jsonl

_PATTERN_KEYS = {"label", "pattern", "id", "comment"}

#: token attributes a trigger can be read from, by their (upper-cased) pattern key
_TRIGGER_ATTRS = {"LOWER": LOWER, "ORTH": ORTH, "TEXT": ORTH}

#: one required token's condition: the token's `attr` value is one of `values` (string hashes)
Trigger = tuple[int, frozenset[int]]


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


# --------------------------------------------------------------------------- triggers


def _is_required(token: dict[str, Any]) -> bool:
    """Whether every match of the pattern consumes this token at least once.

    Mirrors spaCy's operator parsing: no OP, "1" and "+" require it; "{n}", "{n,m}", "{n,}"
    with n >= 1 require it; "?", "*", "!" (never matches a token) and "{,m}" do not.
    """
    ops = [v for k, v in token.items() if isinstance(k, str) and k.upper() == "OP"]
    if not ops:
        return True
    op = ops[-1]
    if not isinstance(op, str):
        return False
    if op in ("1", "+"):
        return True
    if op.startswith("{") and op.endswith("}"):
        low = op[1:-1].split(",", 1)[0].strip()
        return low.isdecimal() and int(low) >= 1
    return False


def token_triggers(token: dict[str, Any]) -> list[tuple[str, frozenset[str]]]:
    """The literal conditions one token spec puts on a token: (attribute, allowed strings).

    Only exact comparisons on LOWER and ORTH/TEXT count: a string value, or an IN list of
    strings. Values are kept as written (spaCy compares them as written, so {"LOWER": "Foo"}
    can never match, and neither can its trigger). NOT_IN, REGEX, FUZZY, NORM, LIKE_NUM,
    SHAPE, extensions... put no literal condition and give nothing.
    """
    out = []
    for key, value in token.items():
        if not isinstance(key, str) or key.upper() not in _TRIGGER_ATTRS:
            continue
        attr = "ORTH" if key.upper() == "TEXT" else key.upper()
        if isinstance(value, str):
            out.append((attr, frozenset([value])))
        elif isinstance(value, dict):
            for op, values in value.items():
                if isinstance(op, str) and op.upper() == "IN" and isinstance(values, list) \
                        and all(isinstance(v, str) for v in values):
                    out.append((attr, frozenset(values)))
    return out


def pattern_triggers(pattern: Sequence[dict[str, Any]]) -> list[tuple[str, frozenset[str]]]:
    """Conditions every match of a token pattern meets: for each, some token of the matched
    text has `attr` among the strings. Empty: the pattern gives no trigger and always runs."""
    return [t for token in pattern if _is_required(token) for t in token_triggers(token)]


class _Match(NamedTuple):
    """A match before it becomes a Span (spacy.util.filter_spans reads .start and .end)."""

    start: int
    end: int
    label: str
    key: int
    label_hash: int
    id_hash: int


class _Family:
    """One family's token patterns (its own Matcher) and its share of the phrase patterns."""

    def __init__(self, name: str, greedy: bool, matcher: Matcher) -> None:
        self.name = name
        self.greedy = greedy
        self.matcher = matcher
        self.has_tokens = False
        #: per token pattern, its triggers as (attr id, string hashes); None: always run
        self.token_triggers: list[Optional[tuple[Trigger, ...]]] = []
        #: matcher key hash -> (label, label hash, rule id hash)
        self.keys: dict[int, tuple[str, int, int]] = {}
        #: phrase token tuple (LOWER hashes) -> {phrase key hash: rank}, for tuples that
        #: carry several keys of this family: the order the family's own PhraseMatcher gives
        self.tie_rank: dict[tuple[int, ...], dict[int, int]] = {}

    def may_match(self, values: Any) -> bool:
        """Whether some token pattern of the family can match a doc with these attr values."""
        for triggers in self.token_triggers:
            if triggers is None or all(not allowed.isdisjoint(values(attr)) for attr, allowed in triggers):
                return True
        return False


class RuleMatcher:
    """Runs the token and phrase patterns of one or more families; doc.spans[family] gets
    each family's matches (longest per label when greedy), whether or not there are any."""

    def __init__(self, nlp: Language, name: str, families: Sequence[str], rules_dir: Optional[str],
                 greedy: bool) -> None:
        self.name = name
        self.vocab = nlp.vocab
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._has_phrases = False
        #: combined phrase key hash -> (family, label, label hash, rule id hash)
        self._phrase_keys: dict[int, tuple[_Family, str, int, int]] = {}
        self.families: list[_Family] = []
        for family in families:
            fam = _Family(family, greedy, Matcher(nlp.vocab, validate=True))
            self.families.append(fam)
            path = pattern_file(rules_dir, family)
            phrase_lines: list[tuple[str, tuple[int, ...], Doc]] = []
            for lineno, obj in load_patterns(path):
                self._add(nlp, fam, obj, path, lineno, phrase_lines)
            self._rank_ties(fam, phrase_lines)

    @property
    def family_names(self) -> list[str]:
        return [f.name for f in self.families]

    def _add(self, nlp: Language, fam: _Family, obj: dict[str, Any], path: Path, lineno: int,
             phrase_lines: list[tuple[str, tuple[int, ...], Doc]]) -> None:
        strings = nlp.vocab.strings
        label = obj["label"]
        rule_id = obj.get("id") or label
        key = f"{label}\t{rule_id}"
        pattern = obj["pattern"]
        try:
            if isinstance(pattern, str):
                pdoc = nlp.make_doc(pattern)
                combined = f"{fam.name}\t{key}"
                self.phrases.add(combined, [pdoc])
                self._phrase_keys[strings.add(combined)] = (fam, label, strings.add(label), strings.add(rule_id))
                self._has_phrases = True
                phrase_lines.append((key, tuple(pdoc.to_array(LOWER).tolist()), pdoc))
            else:
                fam.matcher.add(key, [pattern])
                fam.keys[strings.add(key)] = (label, strings.add(label), strings.add(rule_id))
                fam.has_tokens = True
                triggers = tuple((_TRIGGER_ATTRS[attr], frozenset(strings.add(v) for v in values))
                                 for attr, values in pattern_triggers(pattern))
                fam.token_triggers.append(triggers or None)
        except Exception as e:  # spaCy raises MatchPatternError / ValueError with details
            raise RulesError(path, f"line {lineno}", f"invalid pattern: {e}") from e

    def _rank_ties(self, fam: _Family, lines: list[tuple[str, tuple[int, ...], Doc]]) -> None:
        """When phrases of one family with different keys have the same tokens, a
        PhraseMatcher reports them in the order of its trie node's hash map. Rebuild that node
        alone, with the same keys added in the same order, to learn the order the family's
        own PhraseMatcher would have given."""
        by_tokens: dict[tuple[int, ...], list[tuple[str, Doc]]] = {}
        for key, tokens, pdoc in lines:
            if tokens:
                by_tokens.setdefault(tokens, []).append((key, pdoc))
        strings = self.vocab.strings
        for tokens, entries in by_tokens.items():
            if len({k for k, _ in entries}) < 2:
                continue
            node = PhraseMatcher(self.vocab, attr="LOWER")
            for key, pdoc in entries:
                node.add(key, [pdoc])
            order = [m for m, s, e in node(entries[0][1]) if s == 0 and e == len(tokens)]
            fam.tie_rank[tokens] = {strings.add(f"{fam.name}\t{strings[m]}"): i for i, m in enumerate(order)}

    def __call__(self, doc: Doc) -> Doc:
        arrays: dict[int, frozenset[int]] = {}

        def values(attr: int) -> frozenset[int]:
            found = arrays.get(attr)
            if found is None:
                found = arrays[attr] = frozenset(doc.to_array(attr).tolist()) if len(doc) else frozenset()
            return found

        raw: dict[str, list[_Match]] = {f.name: [] for f in self.families}
        for fam in self.families:
            if fam.has_tokens and len(doc) and fam.may_match(values):
                keys = fam.keys
                found = raw[fam.name]
                for k, start, end in fam.matcher(doc):
                    label, label_hash, id_hash = keys[k]
                    found.append(_Match(start, end, label, k, label_hash, id_hash))
        if self._has_phrases:
            self._add_phrases(doc, raw)
        for fam in self.families:
            doc.spans[fam.name] = self._spans(doc, fam, raw[fam.name])
        return doc

    def _add_phrases(self, doc: Doc, raw: dict[str, list[_Match]]) -> None:
        """Phrase matches come sorted by (start, end), after the family's token matches.
        Matches of one family on the same tokens are re-ordered as that family's own
        PhraseMatcher would have them (it matters for which rule id survives filter_spans)."""
        keys = self._phrase_keys
        per_family: dict[str, list[_Match]] = {}
        tied: set[tuple[str, int, int]] = set()
        for k, start, end in self.phrases(doc):
            fam, label, label_hash, id_hash = keys[k]
            group = per_family.setdefault(fam.name, [])
            if group and group[-1].start == start and group[-1].end == end:
                tied.add((fam.name, start, end))
            group.append(_Match(start, end, label, k, label_hash, id_hash))
        if tied:
            lowers = doc.to_array(LOWER).tolist()
            by_name = {f.name: f for f in self.families}
            for name, start, end in tied:
                rank = by_name[name].tie_rank.get(tuple(lowers[start:end]), {})
                group = per_family[name]
                idx = [i for i, m in enumerate(group) if m.start == start and m.end == end]
                ordered = sorted((group[i] for i in idx), key=lambda m: rank.get(m.key, 0))
                for i, m in zip(idx, ordered):
                    group[i] = m
        for name, group in per_family.items():
            raw[name].extend(group)

    def _spans(self, doc: Doc, fam: _Family, found: list[_Match]) -> list[Span]:
        if fam.greedy and found:
            # keep the longest non-overlapping match per label
            by_label: dict[str, list[_Match]] = {}
            for m in found:
                by_label.setdefault(m.label, []).append(m)
            found = [m for group in by_label.values() for m in filter_spans(group)]
        found.sort(key=lambda m: (m.start, m.end, m.label))
        return [Span(doc, m.start, m.end, label=m.label_hash, span_id=m.id_hash) for m in found]


@Language.factory(
    "sla_rules",
    assigns=["doc.spans"],
    default_config={"families": [], "rules_dir": None, "greedy": True},
)
def make_rules(nlp: Language, name: str, families: list[str], rules_dir: Optional[str], greedy: bool) -> RuleMatcher:
    """Every family in one component: one phrase pass per doc, triggered token matchers."""
    return RuleMatcher(nlp, name, families, rules_dir, greedy)


@Language.factory(
    "sla_rule_matcher",
    assigns=["doc.spans"],
    default_config={"family": "", "rules_dir": None, "greedy": True},
)
def make_rule_matcher(nlp: Language, name: str, family: str, rules_dir: Optional[str], greedy: bool) -> RuleMatcher:
    """One family alone (the pipeline uses "sla_rules"; this stays for custom pipelines)."""
    if not family:
        raise ValueError("sla_rule_matcher needs a 'family' (the rules/patterns/<family>.jsonl to load)")
    return RuleMatcher(nlp, name, [family], rules_dir, greedy)
