"""The spaCy pipeline: a blank English tokenizer, a contract-aware sentence splitter, and one
rule matcher per rules/patterns/*.jsonl file (the family is the file's stem).

Adding a pattern family is adding a file: no Python changes. Every pattern file is read and
validated while the pipeline is built, so a bad rule fails before any document is opened,
with an error that names the file and line.
"""
from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Optional

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Token

from sla_check.components import rule_matcher as _rule_matcher  # noqa: F401  (registers the factory)
from sla_check.errors import RulesError
from sla_check.ruleset import default_rules_dir, load_yaml

log = logging.getLogger(__name__)

SENTENCIZER = "sla_sentencizer"

#: defaults; rules/lexicons/sentences.yml overrides them when present
_ABBREVIATIONS = frozenset(
    """e.g i.e eg ie no nos cl cls sch para paras approx inc ltd co corp vs v art arts sec secs pp p
    mr mrs ms dr st ref refs fig figs nr tel ext jan feb mar apr jun jul aug sep sept oct nov dec
    u.s u.k viz cf al resp incl excl dept est""".split()
)
_ENUM_RE = re.compile(r"^(?:[a-z]{1,2}|[ivx]{1,5}|\d{1,2})$", re.IGNORECASE)
_BULLETS = frozenset({"-", "•", "*", "·", "–", "—", "▪", "○", "●", "◦", "o"})


def _load_abbreviations(rules_dir: Optional[str]) -> frozenset[str]:
    path = Path(rules_dir or default_rules_dir()) / "lexicons" / "sentences.yml"
    if not path.is_file():
        return _ABBREVIATIONS
    data = load_yaml(path) or {}
    words = data.get("abbreviations") if isinstance(data, dict) else None
    if not isinstance(words, list):
        raise RulesError(path, None, "'abbreviations' must be a list of words")
    return frozenset(str(w).lower().rstrip(".") for w in words)


def _is_enumerator(doc: Doc, i: int) -> bool:
    """Whether tokens from i start a lettered/numbered item: "(b)", "b)", "(iv)"."""
    if i < len(doc) and doc[i].text == "(" and i + 2 < len(doc) and doc[i + 2].text == ")":
        return bool(_ENUM_RE.match(doc[i + 1].text))
    if i + 1 < len(doc) and doc[i + 1].text == ")":
        return bool(_ENUM_RE.match(doc[i].text)) and len(doc[i].text) <= 4
    return False


def _next_word(doc: Doc, i: int) -> Optional[Token]:
    while i < len(doc) and doc[i].is_space:
        i += 1
    return doc[i] if i < len(doc) else None


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

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if n == 0:
            return doc
        starts = [False] * n
        starts[0] = True
        if any(t.text == "|" for t in doc):
            self._apply(doc, starts)
            return doc
        for i, tok in enumerate(doc):
            if i + 1 >= n:
                break
            text = tok.text
            if text in {".", "!", "?"} or (text.endswith(".") and len(text) > 1 and not tok.like_num
                                            and text.lower().rstrip(".") not in self.abbreviations
                                            and text.count(".") == 1):
                if text == "." and i > 0 and doc[i - 1].lower_.rstrip(".") in self.abbreviations \
                        and not doc[i - 1].whitespace_:
                    continue
                nxt = _next_word(doc, i + 1)
                if nxt is None:
                    continue
                if nxt.is_title or nxt.is_upper or nxt.like_num or nxt.text in {"(", "\"", "“", "'", "‘", "["} \
                        or nxt.text in _BULLETS:
                    starts[nxt.i] = True
            elif text == ";":
                j = i + 1
                while j < n and (doc[j].is_space or doc[j].lower_ in {"and", "or"}):
                    j += 1
                if j < n and _is_enumerator(doc, j):
                    starts[j] = True
            elif tok.is_space and "\n" in text:
                nxt = _next_word(doc, i + 1)
                prev = doc[i - 1] if i > 0 else None
                if nxt is None:
                    continue
                if nxt.text in _BULLETS or _is_enumerator(doc, nxt.i) or (
                    prev is not None and prev.text in {".", ":", ";", "!", "?"}
                ):
                    starts[nxt.i] = True
        self._apply(doc, starts)
        return doc

    @staticmethod
    def _apply(doc: Doc, starts: list[bool]) -> None:
        for tok, start in zip(doc, starts):
            tok.is_sent_start = start


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
    """spacy.blank("en") + sentence splitter + one rule matcher per pattern file.

    Raises RulesError (file and line) when a pattern file is invalid. Build it once per
    process (sla_check.pipeline.get_nlp caches it): building costs far more than one page.
    """
    rules = str(rules_dir) if rules_dir else None
    nlp = spacy.blank("en")
    nlp.add_pipe(SENTENCIZER, config={"rules_dir": rules})
    for family in pattern_families(rules):
        nlp.add_pipe("sla_rule_matcher", name=f"rules_{family}", config={"family": family, "rules_dir": rules})
    log.debug("built pipeline %s", nlp.pipe_names)
    return nlp
