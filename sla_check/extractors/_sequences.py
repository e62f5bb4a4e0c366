"""Gapped cue sequences ("beyond ... reasonable control", "may ... amend ... this SLA"), run in
Python from rare anchor tokens instead of spaCy's Matcher.

spaCy's Matcher pays for every token of every document: a pattern that opens with "is", "may"
or "your", or that holds optional any-token gaps, keeps many partial matches alive and made
the exclusions and governance matchers ~10x slower than their phrase patterns (bench/
matcher_speed.py). These patterns live in rules/sequences/<family>.jsonl, in the same SpanRuler
format as rules/patterns/*.jsonl but limited to what this interpreter understands:

    {"label": "FORCE_MAJEURE", "id": "exclusions.force_majeure.beyond_reasonable_control",
     "pattern": [{"LOWER": {"IN": ["beyond", "outside"]}}, {"OP": "{0,4}"},
                 {"LOWER": "reasonable"}, {"LOWER": "control"}]}

token keys: LOWER or ORTH (a string or {"IN": [...]}), LIKE_NUM (true/false), or {} for any token; OP: absent, "?",
"*", "+" or "{n,m}" / "{0,m}" / "{n}". The first token must be required and name its words:
one pass over the document's word hashes finds where a pattern can start, and only there
is the rest of the pattern tried.
Matches are added to doc.spans[family] and, as the rule matcher does, only the longest
non-overlapping match per label is kept. Semantics are spaCy's: every (start, end) the
pattern can match is a match.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

from spacy.attrs import LIKE_NUM, LOWER, ORTH
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from sla_check.components.span_lists import Kept, spans_of
from sla_check.components.span_lists import keep as keep_spans
from sla_check.errors import RulesError
from sla_check.labels import check_label
from sla_check.ruleset import active, check_keys, load_rules, read_jsonl

log = logging.getLogger(__name__)

_KEYS = {"label", "pattern", "id", "comment"}
_TOKEN_KEYS = {"LOWER", "ORTH", "LIKE_NUM", "OP"}
_REPEAT = re.compile(r"^\{(\d*)(?:(,)(\d*))?\}$")
_UNBOUNDED = 50  # "*" / "+" reach at most this many tokens


@dataclass(frozen=True)
class _Tok:
    attr: int  # column in the (LOWER, ORTH, LIKE_NUM) array; -1 = any token
    values: frozenset[int]  # string hashes (LIKE_NUM: {1} or {0})
    lo: int
    hi: int


@dataclass(frozen=True, eq=False)  # identity hash: sets and caches of sequences stay cheap
class Sequence:
    label: str
    rule_id: str
    tokens: tuple[_Tok, ...]
    #: tokens every match contains: a block without one of their words cannot match
    required: tuple[_Tok, ...] = ()


def _repeat(op: Optional[str], path: Path, where: str) -> tuple[int, int]:
    if op is None:
        return 1, 1
    if op == "?":
        return 0, 1
    if op == "*":
        return 0, _UNBOUNDED
    if op == "+":
        return 1, _UNBOUNDED
    m = _REPEAT.match(op)
    if not m:
        raise RulesError(path, where, f"unsupported OP {op!r}")
    lo = int(m.group(1) or 0)
    hi = (int(m.group(3)) if m.group(3) else _UNBOUNDED) if m.group(2) else lo
    if hi < lo:
        raise RulesError(path, where, f"bad OP {op!r}")
    return lo, hi


def _compile_token(spec: Any, path: Path, where: str) -> _Tok:
    if not isinstance(spec, dict):
        raise RulesError(path, where, "each token must be an object")
    unknown = set(spec) - _TOKEN_KEYS
    if unknown:
        raise RulesError(path, where, f"unsupported token key(s) {sorted(unknown)}; allowed: {sorted(_TOKEN_KEYS)}")
    lo, hi = _repeat(spec.get("OP"), path, where)
    attrs = [k for k in ("LOWER", "ORTH", "LIKE_NUM") if k in spec]
    if len(attrs) > 1:
        raise RulesError(path, where, "a token may use one of LOWER, ORTH or LIKE_NUM")
    if not attrs:
        return _Tok(-1, frozenset(), lo, hi)
    if attrs[0] == "LIKE_NUM":
        if not isinstance(spec["LIKE_NUM"], bool):
            raise RulesError(path, where, "LIKE_NUM must be true or false")
        return _Tok(2, frozenset({int(spec["LIKE_NUM"])}), lo, hi)
    value = spec[attrs[0]]
    words = value["IN"] if isinstance(value, dict) and set(value) == {"IN"} else [value]
    if not words or not all(isinstance(w, str) for w in words):
        raise RulesError(path, where, f"{attrs[0]} must be a string or {{\"IN\": [strings]}}")
    if attrs[0] == "LOWER":
        words = [w.lower() for w in words]
    return _Tok(0 if attrs[0] == "LOWER" else 1, frozenset(get_string_id(w) for w in words), lo, hi)


def load_sequences(path: Path, rules_dir: Optional[str] = None) -> tuple[Sequence, ...]:
    """Read and validate one rules/sequences/<family>.jsonl (an absent file is no sequences)."""
    if not path.is_file():
        return ()
    out = []
    for lineno, obj in read_jsonl(path):
        where = f"line {lineno}"
        check_keys(obj, _KEYS, {"label", "pattern", "id"}, path, where)
        pattern = obj["pattern"]
        if not isinstance(pattern, list) or not pattern:
            raise RulesError(path, where, "'pattern' must be a non-empty list of token objects")
        tokens = tuple(_compile_token(t, path, where) for t in pattern)
        if tokens[0].attr < 0 or tokens[0].lo < 1:
            raise RulesError(path, where, "the first token must be required and name its words (LOWER/ORTH)")
        required = tuple(t for t in tokens[1:] if t.lo >= 1 and t.attr >= 0)
        check_label(path.stem, obj["label"], path, where, rules_dir)
        out.append(Sequence(str(obj["label"]), str(obj["id"]), tokens, required))
    return tuple(out)


def sequences(family: str, rules_dir: Optional[str] = None) -> tuple[Sequence, ...]:
    rules = load_rules(rules_dir) if rules_dir else active()
    return rules.derived(("sequences", family),
                         lambda: load_sequences(rules.root / "sequences" / f"{family}.jsonl", str(rules.root)))


def _ends(tokens: tuple[_Tok, ...], cols: tuple[list[int], ...], start: int, skip: int = 0) -> set[int]:
    """Every end position of the pattern matched from token `start` (spaCy's all-matches semantics).

    `skip` = 1 when the caller already knows the first token (one word) matched at `start`."""
    n = len(cols[0])
    positions: set[int] = {start + skip}
    for tok in tokens[skip:] if skip else tokens:
        attr, lo, hi = tok.attr, tok.lo, tok.hi
        if lo == hi == 1:  # one required token, the usual case
            if attr < 0:
                nxt = {p + 1 for p in positions if p < n}
            else:
                col, values = cols[attr], tok.values
                nxt = {p + 1 for p in positions if p < n and col[p] in values}
        elif attr < 0:  # an any-token gap: every length from lo to hi that fits, no word to test
            nxt = set()
            for p in positions:
                nxt.update(range(p + lo, min(p + hi, n) + 1))
        else:
            col, values = cols[attr], tok.values
            nxt = set()
            for p in positions:
                if lo == 0:
                    nxt.add(p)
                k = 0
                while k < hi and p + k < n and col[p + k] in values:
                    k += 1
                    if k >= lo:
                        nxt.add(p + k)
        if not nxt:
            return nxt
        positions = nxt
    return {e for e in positions if e > start}


_Table = tuple[dict[int, list[tuple[int, Sequence]]], ...]


def _anchors(groups: tuple[tuple[Sequence, ...], ...]) -> _Table:
    """First-token value -> (group index, sequence) opening with it, for LOWER, ORTH and LIKE_NUM."""
    by: _Table = ({}, {}, {})
    for g, seqs in enumerate(groups):
        for seq in seqs:
            first = seq.tokens[0]
            for h in first.values:
                by[first.attr].setdefault(h, []).append((g, seq))
    return by


def _match_groups(doc: Doc, groups: tuple[tuple[Sequence, ...], ...], tables: _Table) -> list[list[Span]]:
    """The matches of each group of sequences in `doc`, in one pass over its tokens."""
    out: list[list[Span]] = [[] for _ in groups]
    if len(doc) == 0:
        return out
    arr = doc.to_array([LOWER, ORTH, LIKE_NUM])
    cols = (arr[:, 0].tolist(), arr[:, 1].tolist(), arr[:, 2].tolist())
    sets = tuple(set(col) for col in cols)
    possible: dict[int, bool] = {}  # id(seq) -> every required word occurs in the block
    for attr, table in enumerate(tables):
        # the anchor words in the block, each with only its sequences whose other required words
        # occur too (most anchors are common words; most of their sequences cannot match here)
        live: dict[int, list[tuple[int, Sequence]]] = {}
        for h in table.keys() & sets[attr] if table else ():
            for g, seq in table[h]:
                ok = possible.get(id(seq))
                if ok is None:
                    ok = possible[id(seq)] = not any(tok.values.isdisjoint(sets[tok.attr]) for tok in seq.required)
                if ok:
                    live.setdefault(h, []).append((g, seq))
        if not live:
            continue
        col = cols[attr]
        for start in [i for i, h in enumerate(col) if h in live]:
            for g, seq in live[col[start]]:
                first = seq.tokens[0]
                for end in sorted(_ends(seq.tokens, cols, start, 1 if first.lo == first.hi == 1 else 0)):
                    out[g].append(Span(doc, start, end, label=seq.label, span_id=seq.rule_id))
    return out


def match(doc: Doc, seqs: tuple[Sequence, ...]) -> list[Span]:
    """All matches of `seqs` in `doc`, as labelled Spans with the rule id."""
    return _match_groups(doc, (seqs,), _anchors((seqs,)))[0]


def add_to_doc(doc: Doc, family: str, found: list[Span], kept: Optional[Kept] = None) -> None:
    """Merge sequence matches into doc.spans[family], longest per label as the rule matcher does
    (`kept`: a Context's kept Spans, components/span_lists.py)."""
    if not found:
        return
    existing = list(spans_of(kept, doc, family))
    labels = {s.label_ for s in found}
    merged = [s for s in existing if s.label_ not in labels]
    for label in labels:
        merged.extend(filter_spans([s for s in found + existing if s.label_ == label]))  # token matches first, as in RuleMatcher
    merged.sort(key=lambda s: (s.start, s.end, s.label_))
    keep_spans(kept, doc, family, merged)


def sequence_families(rules_dir: Optional[str] = None) -> tuple[str, ...]:
    """The stems of rules/sequences/*.jsonl."""
    rules = load_rules(rules_dir) if rules_dir else active()
    folder = rules.root / "sequences"
    return rules.derived("sequence_families", lambda: tuple(sorted(p.stem for p in folder.glob("*.jsonl"))) if folder.is_dir() else ())


def ensure(ctx: Any, *families: str) -> None:
    """Run the sequences over every doc of `ctx` once, before any rule lookups of `families`.

    All sequence families are run in that one pass (the token columns are read once per doc);
    `families` only names the ones the caller needs, which must be among them or have no file.
    """
    done = ctx.cache.setdefault("_sequences_done", set())
    if all(f in done for f in families):
        return
    todo = [(f, sequences(f)) for f in sequence_families() if f not in done]
    done.update(f for f, _ in todo)
    done.update(families)
    todo = [(f, seqs) for f, seqs in todo if seqs]
    if not todo:
        return
    groups = tuple(seqs for _, seqs in todo)
    tables = _anchors(groups)
    for doc in ctx.docs:
        for (family, _), found in zip(todo, _match_groups(doc, groups, tables)):
            add_to_doc(doc, family, found, getattr(ctx, "kept", None))
    for family, _ in todo:
        ctx.forget(family)  # the groups changed: sentences read them again
