"""Character-level clean-up shared by every reader: ligatures, odd spaces and quotes, hyphens."""
from __future__ import annotations

import re
from typing import Any, Iterable, Optional

from sla_check.ruleset import active, load_rules, load_yaml

_TRANSLATE = {
    # ligatures (PDF fonts often emit these as single glyphs)
    "\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
    "\ufb05": "st", "\ufb06": "st",
    # quotes
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u00ab": '"', "\u00bb": '"',
    # hyphen look-alikes (keep the em dash, which separates clauses)
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2212": "-",
    # spaces
    "\u00a0": " ", "\u2002": " ", "\u2003": " ", "\u2004": " ", "\u2005": " ", "\u2006": " ",
    "\u2007": " ", "\u2008": " ", "\u2009": " ", "\u200a": " ", "\u202f": " ", "\u205f": " ",
    "\u3000": " ", "\t": " ",
    # invisible
    "\u00ad": "", "\u200b": "", "\u200c": "", "\u200d": "", "\ufeff": "", "\u2060": "",
    # bullets to one glyph
    "\u25cf": "\u2022", "\u25aa": "\u2022", "\u25a0": "\u2022", "\u2023": "\u2022", "\u2043": "\u2022",
    "\uf0b7": "\u2022", "\uf0a7": "\u2022",
}
_TABLE = str.maketrans(_TRANSLATE)
_SPACES = re.compile(r"[ ]{2,}")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def clean(text: str) -> str:
    """Normalise one line or cell: ligatures, quotes, spaces; no control characters."""
    text = _CONTROL.sub(" ", text.translate(_TABLE))
    return _SPACES.sub(" ", text).strip()


def lexicon(rules_dir: str | None = None) -> dict[str, Any]:
    """rules/lexicons/ingest.yml of the rules in force, loaded once."""
    rules = load_rules(rules_dir) if rules_dir else active()

    def build() -> dict[str, Any]:
        data = load_yaml(rules.root / "lexicons" / "ingest.yml") or {}
        return {k: (set(v) if isinstance(v, list) else v) for k, v in data.items()}
    return rules.derived("ingest", build)


_HYPHEN_END = re.compile(r"([A-Za-z][A-Za-z-]*)-$")
_WORD_START = re.compile(r"^([A-Za-z]+)")
_SHORT_WORDS = {"a", "an", "as", "at", "be", "by", "do", "go", "if", "in", "is", "it", "me", "my", "no", "of", "on", "or", "so", "to", "up", "us", "we"}
_WORDS = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")


class Dehyphenator:
    """Decides whether "avail-" + "ability" is one word split by a line break or a compound.

    Evidence in order: the document itself (the joined or hyphenated form used elsewhere),
    the continuation being a word ending ("-ing"), a known compound start ("third-"),
    otherwise a lowercase continuation means a split word.
    """

    def __init__(self, corpus: Iterable[str] = ()) -> None:
        self._corpus: Optional[list[str]] = list(corpus)
        self._words: set[str] = set()
        lex = lexicon()
        self.compound_starts = lex.get("hyphen_compound_starts", set())
        self.suffixes = lex.get("hyphen_suffixes", set())

    @property
    def words(self) -> set[str]:
        """Every word of the document, lower-cased: collected on first use (many documents
        have no line-end hyphen or wrapped cell to decide)."""
        if self._corpus is not None:
            for text in self._corpus:
                self._words.update(w.lower() for w in _WORDS.findall(text))
            self._corpus = None
        return self._words

    def join(self, left: str, right: str) -> str:
        """Join two consecutive lines of one paragraph."""
        left, right = left.rstrip(), right.lstrip()
        if not left:
            return right
        if not right:
            return left
        if left.endswith("-") and len(left) > 1 and left[-2].isalnum() and right[0].isalnum():
            m = _HYPHEN_END.search(left)
            w = _WORD_START.match(right)
            if m and w and self._split_word(m.group(1).split("-")[-1], w.group(1)):
                return left[:-1] + right
            return left + right  # "24-" + "hour", "third-" + "party"
        return left + " " + right

    def join_cell(self, left: str, right: str) -> str:
        """Join two lines of a table cell: a narrow column may break a word without a hyphen."""
        left, right = left.rstrip(), right.lstrip()
        a, b = re.search(r"([A-Za-z]+)$", left), _WORD_START.match(right)
        if a and b and right[0].islower():
            head, tail = a.group(1).lower(), b.group(1).lower()
            if head + tail in self.words and (head not in self.words or tail not in self.words):
                return left + right
            if len(tail) <= 2 and len(head) >= 3 and tail == right.split()[0].lower() and tail not in _SHORT_WORDS:
                return left + right  # "Respons" + "e": a fragment, not a word
        return self.join(left, right)

    def _split_word(self, head: str, tail: str) -> bool:
        if not tail[0].islower():
            return False  # "Microsoft-\nAzure", "P1-\nCritical"
        joined, hyphenated = (head + tail).lower(), f"{head}-{tail}".lower()
        if joined in self.words and hyphenated not in self.words:
            return True
        if hyphenated in self.words and joined not in self.words:
            return False
        if tail.lower() in self.suffixes:
            return True
        return head.lower() not in self.compound_starts
