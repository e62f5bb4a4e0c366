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
  When every pattern that can match the doc has a bounded length, the Matcher runs only on
  windows around the words of each such pattern's rarest trigger in the doc, its own
  `pattern_max_len` + 1 tokens either side (a long pattern that cannot match widens nothing).
* One PhraseMatcher for every family (phrases cost per call, not per pattern); its matches
  are dispatched to the families in the order each family's own PhraseMatcher would give.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any, Callable, Optional, Sequence

from spacy.attrs import LOWER, ORTH
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span, SpanGroup

from sla_check.components.span_lists import Kept
from sla_check.components.span_lists import keep as keep_spans
from sla_check.errors import RulesError
from sla_check.labels import check_label
from sla_check.ruleset import check_keys, default_rules_dir, is_bundled, read_jsonl
from sla_check.vocabulary import generated_patterns

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
    with n >= 1 require it; "?", "*", "{,m}" do not, nor does "!" (it takes a token that does
    NOT meet the spec, so the spec's values are no trigger).
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


def pattern_max_len(pattern: Sequence[dict[str, Any]]) -> Optional[int]:
    """The most tokens a match of the pattern can span; None when unbounded ("*", "+", "{n,}")
    or when an operator is not understood."""
    total = 0
    for token in pattern:
        ops = [v for k, v in token.items() if isinstance(k, str) and k.upper() == "OP"]
        op = ops[-1] if ops else "1"
        if op in ("1", "?", "!"):  # "!" takes one token that does not match the spec
            total += 1
        elif isinstance(op, str) and op.startswith("{") and op.endswith("}"):
            high = op[1:-1].split(",")[-1].strip()
            if not high.isdecimal():
                return None
            total += int(high)
        else:
            return None
    return total


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


#: a match before it becomes a Span: (start, end, label, match key, label hash, rule id hash)
_Match = tuple[int, int, str, int, int, int]


def longest_matches(matches: Sequence[_Match]) -> list[_Match]:
    """spacy.util.filter_spans (spaCy 3.8) on match tuples: the longest first, then the
    earliest, dropping any that overlaps one kept (Spans would cost ~3 us each to make)."""
    prev_end = -1
    for m in matches:
        if m[0] < prev_end:
            break
        prev_end = m[1]
    else:
        return list(matches)  # in start order and none overlaps: filter_spans keeps them all
    ordered = sorted(matches, key=lambda m: (m[1] - m[0], -m[0]), reverse=True)
    kept = []
    seen: set[int] = set()
    for m in ordered:
        if m[0] not in seen and m[1] - 1 not in seen:
            kept.append(m)
            seen.update(range(m[0], m[1]))
    kept.sort(key=lambda m: m[0])
    return kept


class _Family:
    """One family's token patterns (its own Matcher) and its share of the phrase patterns."""

    def __init__(self, name: str, greedy: bool, matcher: Matcher) -> None:
        self.name = name
        self.greedy = greedy
        self.matcher = matcher
        self.has_tokens = False
        #: per token pattern, its triggers as (attr id, string hashes); empty: always run
        self.token_triggers: list[tuple[Trigger, ...]] = []
        #: matcher key hash -> (label, label hash, rule id hash)
        self.keys: dict[int, tuple[str, int, int]] = {}
        #: phrase token tuple (LOWER hashes) -> {phrase key hash: rank}, for tuples that
        #: carry several keys of this family: the order the family's own PhraseMatcher gives
        self.tie_rank: dict[tuple[int, ...], dict[int, int]] = {}
        #: cheap first test: per attr, the union of one trigger of every pattern
        self.gate: dict[int, frozenset[int]] = {}
        #: per token pattern, the index of its trigger that goes into the gate
        self.gate_choice: list[int] = []
        #: per token pattern, the most tokens a match spans (None: unbounded)
        self.max_lens: list[Optional[int]] = []
        self.always = False

    def seal(self) -> None:
        """Build the gate once every pattern is in."""
        gate: dict[int, set[int]] = {}
        for triggers, choice in zip(self.token_triggers, self.gate_choice):
            if not triggers:
                self.always = True
                continue
            attr, allowed = triggers[choice]
            gate.setdefault(attr, set()).update(allowed)
        self.gate = {attr: frozenset(v) for attr, v in gate.items()}
    def live(self, values: Callable[[int], frozenset[int]]) -> list[int]:
        """The token patterns that can match a doc with these attr values (not for an `always`
        family): every trigger of theirs has a value in the doc. The gate first: most docs hold
        no gate word of the family at all."""
        if all(allowed.isdisjoint(values(attr)) for attr, allowed in self.gate.items()):
            return []
        return [k for k, triggers in enumerate(self.token_triggers)
                if all(not allowed.isdisjoint(values(attr)) for attr, allowed in triggers)]


class RuleMatcher:
    """Runs the token and phrase patterns of one or more families; doc.spans[family] gets
    each family's matches (longest per label when greedy), whether or not there are any."""

    def __init__(self, nlp: Language, name: str, families: Sequence[str], rules_dir: Optional[str],
                 greedy: bool, validate: Optional[bool] = None) -> None:
        self.name = name
        #: where the Span objects made for each doc's groups are kept, while a Context is built
        #: (components/span_lists.py: keeping); None: nowhere
        self.kept_spans: Optional[Kept] = None
        if validate is None:
            # spaCy's schema check of every pattern costs about a second per process; the
            # bundled rules are checked by the test suite, any other rules folder every time
            validate = not is_bundled(rules_dir)
        self.vocab = nlp.vocab
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._has_phrases = False
        #: combined phrase key hash -> (family index, label, label hash, rule id hash)
        self._phrase_keys: dict[int, tuple[int, str, int, int]] = {}
        #: phrase key hashes that share their words with another key of their family
        self._tie_keys: set[int] = set()
        self.families: list[_Family] = []
        for family in families:
            fam = _Family(family, greedy, Matcher(nlp.vocab, validate=validate))
            self.families.append(fam)
            path = pattern_file(rules_dir, family)
            phrase_lines: list[tuple[str, tuple[int, ...], Doc]] = []
            for lineno, obj in load_patterns(path):
                check_label(family, obj["label"], path, f"line {lineno}", rules_dir)
                self._add(nlp, fam, obj, path, lineno, phrase_lines)
            for obj in generated_patterns(rules_dir, family):  # built from the lexicons (vocabulary.py)
                self._add(nlp, fam, obj, path, 0, phrase_lines)
            self._rank_ties(fam, phrase_lines)
            fam.seal()
        self._token_families = [(i, f) for i, f in enumerate(self.families) if f.has_tokens]
        #: every token family's gate in one: a doc that misses it needs no Matcher at all
        self._always = any(f.always for _, f in self._token_families)
        gate: dict[int, set[int]] = {}
        for _, f in self._token_families:
            for attr, allowed in f.gate.items():
                gate.setdefault(attr, set()).update(allowed)
        self._gate = {attr: frozenset(v) for attr, v in gate.items()}

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
                self._phrase_keys[strings.add(combined)] = (
                    len(self.families) - 1, label, strings.add(label), strings.add(rule_id))
                self._has_phrases = True
                phrase_lines.append((key, tuple(pdoc.to_array(LOWER).tolist()), pdoc))
            else:
                fam.matcher.add(key, [pattern])
                fam.keys[strings.add(key)] = (label, strings.add(label), strings.add(rule_id))
                fam.has_tokens = True
                fam.max_lens.append(pattern_max_len(pattern))
                triggers = pattern_triggers(pattern)
                fam.token_triggers.append(tuple(
                    (_TRIGGER_ATTRS[attr], frozenset(strings.add(v) for v in values)) for attr, values in triggers))
                # the gate takes one trigger per pattern: the one whose shortest word is
                # longest, as a guess at the rarest ("penalty" rather than "no", "may")
                fam.gate_choice.append(max(range(len(triggers)), key=lambda i: min(map(len, triggers[i][1]), default=0))
                                       if triggers else -1)
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
            rank = {strings.add(f"{fam.name}\t{strings[m]}"): i for i, m in enumerate(order)}
            fam.tie_rank[tokens] = rank
            self._tie_keys.update(rank)

    def __call__(self, doc: Doc) -> Doc:
        families = self.families
        raw: list[list[_Match]] = [[] for _ in families]
        if len(doc):
            arrays: dict[int, frozenset[int]] = {}

            def values(attr: int) -> frozenset[int]:
                found = arrays.get(attr)
                if found is None:
                    found = arrays[attr] = frozenset(doc.to_array(attr).tolist())
                return found

            if self._token_families and (self._always or not all(
                    allowed.isdisjoint(values(attr)) for attr, allowed in self._gate.items())):
                self._run_token_matchers(doc, values, raw)
            if self._has_phrases:
                self._add_phrases(doc, raw)
        groups = doc.spans.data  # SpanGroups is a UserDict: set the groups without its checks
        for fam, found in zip(families, raw):
            if found:
                if fam.greedy and len(found) > 1:
                    # keep the longest non-overlapping match per label
                    by_label: dict[str, list[_Match]] = {}
                    for m in found:
                        by_label.setdefault(m[2], []).append(m)
                    if len(by_label) < len(found):
                        found = [m for group in by_label.values()
                                 for m in (group if len(group) == 1 else longest_matches(group))]
                found.sort(key=_START_END_LABEL)
                keep_spans(self.kept_spans, doc, fam.name, [Span(doc, m[0], m[1], label=m[4], span_id=m[5]) for m in found])
            else:
                groups[fam.name] = SpanGroup(doc, name=fam.name, spans=[])
        return doc

    def _run_token_matchers(self, doc: Doc, values: Callable[[int], frozenset[int]],
                            raw: list[list[_Match]]) -> None:
        columns: dict[int, list[int]] = {}
        counts: dict[int, Counter[int]] = {}
        for i, fam in self._token_families:
            if fam.always:
                windows = [(0, len(doc))]
            else:
                live = fam.live(values)
                if not live:
                    continue
                windows = self._windows(doc, fam, live, columns, counts)
            keys = fam.keys
            found = raw[i]
            for lo, hi in windows:
                part = fam.matcher(doc[lo:hi]) if (lo, hi) != (0, len(doc)) else fam.matcher(doc)
                for k, start, end in part:
                    label, label_hash, id_hash = keys[k]
                    found.append((start + lo, end + lo, label, k, label_hash, id_hash))

    @staticmethod
    def _windows(doc: Doc, fam: _Family, live: list[int],
                 columns: dict[int, list[int]], counts: dict[int, Counter[int]]) -> list[tuple[int, int]]:
        """Disjoint token ranges, in order, that hold every match of the family's patterns.

        Only the patterns that can match this doc (`_Family.live`) get ranges, each around the
        words of its trigger that is rarest in this doc, as wide as its own longest match:
        every match holds such a word and spans at most max_len tokens, so the Matcher run on
        [p - margin, p + margin] (margin = max_len + 1: the states that end a match see the
        same next token) around each of them finds the same matches, in the same order, as on
        the whole doc. A pattern that cannot match here needs no range, however long it is."""
        n = len(doc)
        margins: dict[int, dict[int, int]] = {}  # attr -> word -> widest margin of a pattern it anchors
        for k in live:
            max_len = fam.max_lens[k]
            if max_len is None:
                return [(0, n)]
            best: Optional[tuple[int, int, frozenset[int]]] = None
            for attr, allowed in fam.token_triggers[k]:
                count = counts.get(attr)
                if count is None:
                    column = columns.get(attr)
                    if column is None:
                        column = columns[attr] = doc.to_array(attr).tolist()
                    count = counts[attr] = Counter(column)
                hits = sum(count[h] for h in allowed.intersection(count))
                if best is None or hits < best[0]:
                    best = (hits, attr, allowed)
            assert best is not None  # a live pattern without triggers makes the family `always`
            _, attr, allowed = best
            by_word = margins.setdefault(attr, {})
            for h in allowed.intersection(counts[attr]):
                if by_word.get(h, -1) < max_len + 1:
                    by_word[h] = max_len + 1
        spans: list[tuple[int, int]] = []
        for attr, by_word in margins.items():
            column = columns[attr]
            spans.extend((max(0, p - by_word[h]), min(n, p + by_word[h] + 1))
                         for p, h in enumerate(column) if h in by_word)
        spans.sort()
        out: list[tuple[int, int]] = []
        for lo, hi in spans:
            if out and lo <= out[-1][1]:
                if hi > out[-1][1]:
                    out[-1] = (out[-1][0], hi)
            else:
                out.append((lo, hi))
        return out

    def _add_phrases(self, doc: Doc, raw: list[list[_Match]]) -> None:
        """Phrase matches come sorted by (start, end), after the family's token matches.
        Matches of one family on the same tokens are re-ordered as that family's own
        PhraseMatcher would have them (it decides which rule id survives the longest-match
        filter)."""
        keys = self._phrase_keys
        tie_keys = self._tie_keys
        maybe_tied: list[tuple[int, int, int]] = []
        for k, start, end in self.phrases(doc):
            fi, label, label_hash, id_hash = keys[k]
            raw[fi].append((start, end, label, k, label_hash, id_hash))
            if k in tie_keys:
                maybe_tied.append((fi, start, end))
        if len(maybe_tied) < 2 or len(set(maybe_tied)) == len(maybe_tied):
            return
        lowers = doc.to_array(LOWER).tolist()
        for fi, start, end in set(maybe_tied):
            if maybe_tied.count((fi, start, end)) < 2:
                continue
            rank = self.families[fi].tie_rank.get(tuple(lowers[start:end]), {})
            group = raw[fi]
            idx = [i for i, m in enumerate(group) if m[0] == start and m[1] == end and m[3] in keys]
            ordered = sorted((group[i] for i in idx), key=lambda m: rank.get(m[3], 0))
            for i, m in zip(idx, ordered):
                group[i] = m


def _START_END_LABEL(m: _Match) -> tuple[int, int, str]:
    return m[0], m[1], m[2]


@Language.factory(
    "sla_rules",
    assigns=["doc.spans"],
    default_config={"families": [], "rules_dir": None, "greedy": True, "validate": None},
)
def make_rules(nlp: Language, name: str, families: list[str], rules_dir: Optional[str], greedy: bool,
               validate: Optional[bool]) -> RuleMatcher:
    """Every family in one component: one phrase pass per doc, triggered token matchers.

    validate: spaCy's schema check of every token pattern (None: only for rules other than
    the bundled ones)."""
    return RuleMatcher(nlp, name, families, rules_dir, greedy, validate)


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
