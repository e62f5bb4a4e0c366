"""Phrase lists from a lexicon turned into one case-insensitive, word-bounded regex each."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable


@lru_cache(maxsize=64)
def _compile(phrases: tuple[str, ...]) -> re.Pattern[str]:
    # longest first, so "managed hosting" wins over "hosting"; spaces match any run of spaces or hyphens
    parts = sorted({p.strip().lower() for p in phrases if p and p.strip()}, key=len, reverse=True)
    body = "|".join(r"[\s-]+".join(re.escape(w) for w in p.split()) for p in parts) or r"(?!x)x"
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.IGNORECASE)


def cue_regex(phrases: Iterable[str]) -> re.Pattern[str]:
    """One regex matching any of `phrases` as whole words, case-insensitively."""
    return _compile(tuple(str(p) for p in phrases))
