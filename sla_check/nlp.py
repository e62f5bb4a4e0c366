"""The spaCy pipeline: a blank English tokenizer, a contract-aware sentence splitter, and a
rule component that runs every rules/patterns/*.jsonl file (the family is the file's stem).

Adding a pattern family is adding a file: no Python changes. Every pattern file is read and
validated while the pipeline is built, so a bad rule fails before any document is opened,
with an error that names the file and line.
"""
from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any, Optional

import numpy
import spacy
from spacy.attrs import ORTH, SENT_START
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc

from sla_check.components import rule_matcher as _rule_matcher  # noqa: F401  (registers the factory)
from sla_check.errors import RulesError
from sla_check.ruleset import default_rules_dir, load_yaml

log = logging.getLogger(__name__)

SENTENCIZER = "sla_sentencizer"
#: the one rule component: every rules/patterns/<family>.jsonl, into doc.spans[family]
RULES = "rules"

#: defaults; rules/lexicons/sentences.yml overrides them when present
_ABBREVIATIONS = frozenset(
    """e.g i.e eg ie no nos cl cls sch para paras approx inc ltd co corp vs v art arts sec secs pp p
    mr mrs ms dr st ref refs fig figs nr tel ext jan feb mar apr jun jul aug sep sept oct nov dec
    u.s u.k viz cf al resp incl excl dept est""".split()
)
_ENUM_RE = re.compile(r"^(?:[a-z]{1,2}|[ivx]{1,5}|\d{1,2})$", re.IGNORECASE)
_BULLETS = frozenset({"-", "•", "*", "·", "–", "—", "▪", "○", "●", "◦", "o"})
_OPENERS = frozenset({"(", "\"", "“", "'", "‘", "["})


def _load_abbreviations(rules_dir: Optional[str]) -> frozenset[str]:
    path = Path(rules_dir or default_rules_dir()) / "lexicons" / "sentences.yml"
    if not path.is_file():
        return _ABBREVIATIONS
    data = load_yaml(path) or {}
    words = data.get("abbreviations") if isinstance(data, dict) else None
    if not isinstance(words, list):
        raise RulesError(path, None, "'abbreviations' must be a list of words")
    return frozenset(str(w).lower().rstrip(".") for w in words)


def _is_enumerator(words: list[str], i: int) -> bool:
    """Whether tokens from i start a lettered/numbered item: "(b)", "b)", "(iv)"."""
    if i + 2 < len(words) and words[i] == "(" and words[i + 2] == ")":
        return bool(_ENUM_RE.match(words[i + 1]))
    if i + 1 < len(words) and words[i + 1] == ")":
        return bool(_ENUM_RE.match(words[i])) and len(words[i]) <= 4
    return False


def _next_word(words: list[str], i: int) -> Optional[int]:
    while i < len(words) and words[i].isspace():
        i += 1
    return i if i < len(words) else None


_BAR = get_string_id("|")
#: a token can end a sentence or start a list item only if it holds one of these
_SPLIT_CHARS = ".!?;\n"


class _Words:
    """words[i] of a doc, looked up from its ORTH hashes on first use."""

    __slots__ = ("_strings", "_orths", "_seen")

    def __init__(self, strings: Any, orths: list[int]) -> None:
        self._strings = strings
        self._orths = orths
        self._seen: dict[int, str] = {}

    def __len__(self) -> int:
        return len(self._orths)

    def __getitem__(self, i: int) -> str:
        if i < 0:
            i += len(self._orths)
        word = self._seen.get(i)
        if word is None:
            word = self._seen[i] = self._strings[self._orths[i]]
        return word


class ContractSentencizer:
    """Splits contract text into sentences.

    Splits after ".", "!" and "?" when a new sentence plausibly starts, but not after
    abbreviations ("e.g.", "No.", "cl."), inside clause numbers or decimals ("4.2", "99.9"),
    nor before a bracketed enumerator that continues a list. Lettered sub-items
    ("...; (b) ...; and (c) ...") become sentences of their own. A table row (cells joined
    by " | ") is always one sentence.
    """

    def __init__(self, abbreviations: frozenset[str]) -> None:
        self.abbreviations = abbreviations
        #: token text hash -> whether the rules below can split at it (has ".!?;" or a newline)
        self._splits_at: dict[int, bool] = {}

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if n == 0:
            return doc
        # work on string hashes, and on the text of only the few tokens the rules look at:
        # creating a Token or a str per position costs more than the rules
        strings = doc.vocab.strings
        orths = doc.to_array(ORTH).tolist()
        starts = [False] * n
        starts[0] = True
        if _BAR not in orths:
            splits_at = self._splits_at
            for h in set(orths).difference(splits_at):
                text = strings[h]
                splits_at[h] = any(c in text for c in _SPLIT_CHARS)
            candidates = [i for i in range(n - 1) if splits_at[orths[i]]]
            if candidates:
                self._mark(doc, _Words(strings, orths), starts, candidates)  # type: ignore[arg-type]
        doc.from_array([SENT_START], numpy.array([1 if s else -1 for s in starts], dtype="int64").astype("uint64").reshape(n, 1))  # type: ignore[arg-type]
        return doc

    def _mark(self, doc: Doc, words: list[str], starts: list[bool], candidates: list[int]) -> None:
        """Sets starts[j] for the sentences that begin after tokens `candidates` (the tokens
        but the last that hold ".", "!", "?", ";" or a newline: the others never split)."""
        n = len(words)
        for i in candidates:
            text = words[i]
            if text in {".", "!", "?"} or (len(text) > 1 and text.endswith(".") and text.count(".") == 1
                                            and not text[0].isdigit()
                                            and text.lower().rstrip(".") not in self.abbreviations):
                if text == "." and i > 0 and words[i - 1].lower().rstrip(".") in self.abbreviations \
                        and not doc[i - 1].whitespace_:
                    continue
                j = _next_word(words, i + 1)
                if j is None:
                    continue
                nxt = words[j]
                if nxt.istitle() or nxt.isupper() or nxt[0].isdigit() or nxt in _OPENERS or nxt in _BULLETS:
                    starts[j] = True
            elif text == ";":
                j = i + 1
                while j < n and (words[j].isspace() or words[j].lower() in {"and", "or"}):
                    j += 1
                if j < n and _is_enumerator(words, j):
                    starts[j] = True
            elif "\n" in text and text.isspace():
                j = _next_word(words, i + 1)
                if j is None:
                    continue
                prev = words[i - 1] if i > 0 else ""
                if words[j] in _BULLETS or _is_enumerator(words, j) or prev in {".", ":", ";", "!", "?"}:
                    starts[j] = True


@Language.factory(SENTENCIZER, assigns=["token.is_sent_start"], default_config={"rules_dir": None})
def make_sentencizer(nlp: Language, name: str, rules_dir: Optional[str]) -> ContractSentencizer:
    return ContractSentencizer(_load_abbreviations(rules_dir))


def pattern_families(rules_dir: Optional[str] = None) -> list[str]:
    """The stems of rules/patterns/*.jsonl, in a stable order."""
    folder = Path(rules_dir or default_rules_dir()) / "patterns"
    if not folder.is_dir():
        raise RulesError(folder, None, "patterns folder not found")
    return sorted(p.stem for p in folder.glob("*.jsonl"))


def build_nlp(rules_dir: Optional[str] = None) -> Language:
    """spacy.blank("en") + sentence splitter + the rule component (every pattern file).

    Raises RulesError (file and line) when a pattern file is invalid. Build it once per
    process (sla_check.pipeline.get_nlp caches it): building costs far more than one page.
    """
    rules = str(rules_dir) if rules_dir else None
    nlp = spacy.blank("en")
    nlp.add_pipe(SENTENCIZER, config={"rules_dir": rules})
    nlp.add_pipe("sla_rules", name=RULES, config={"families": pattern_families(rules), "rules_dir": rules})
    log.debug("built pipeline %s", nlp.pipe_names)
    return nlp


def rules_of(nlp: Language) -> Optional[str]:
    """The rules folder a pipeline was built from (None: the bundled one)."""
    if RULES not in nlp.pipe_names:
        return None
    return nlp.get_pipe_config(RULES).get("rules_dir") or None
