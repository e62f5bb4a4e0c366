"""Pure converters from contract wording to the normalised values of terms.md.

Numbers in words ("fifteen (15)", "ninety-nine point nine"), percentages, durations in
minutes with a basis hint, severity levels, measurement periods and clock basis. The
vocabularies are data in rules/lexicons/*.yml, loaded once per process; the functions here
only say how to combine them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterator, Optional, Sequence

from sla_check.ruleset import ON_SWITCH, active, load_rules, per_ruleset

# --------------------------------------------------------------------------- lexicons


def lexicon(name: str, rules_dir: Optional[str] = None) -> Any:
    """rules/lexicons/<name>.yml of `rules_dir`, else of the rule set in force; parsed once."""
    return (load_rules(rules_dir) if rules_dir else active()).lexicon(name)


#: entries kept by the per-text caches below: the interpreters ask about the same sentence and
#: cell text many times (each family, each candidate value); the values are immutable
_TEXT_CACHE = 8192
_TEXT_CACHED: list[Any] = []


def per_document_cache(func: Any) -> Any:
    """A per-text cache that `clear_text_caches` empties between documents: one contract's
    sentences are asked about again and again, another contract's almost never (and a
    benchmark of look-alike documents must not look faster than real contracts would)."""
    cached = lru_cache(maxsize=_TEXT_CACHE)(func)
    _TEXT_CACHED.append(cached)
    return cached


def clear_text_caches() -> None:
    for cached in _TEXT_CACHED:
        cached.cache_clear()


ON_SWITCH.append(clear_text_caches)  # their answers depend on the words of the rules in force


@per_document_cache
def _norm_space(text: str) -> str:
    text = text.replace("\u00a0", " ").replace("\u2011", "-").replace("\u2010", "-")
    text = text.replace("\u2013", "-").replace("\u2014", "-").replace("\u2019", "'")
    text = text.replace("\u00d7", "x")  # "24×7" is written with a multiplication sign as often as with an x
    return re.sub(r"\s+", " ", text).strip()


#: at most this many opening words for LowerCasePattern's `in` pre-check
_MAX_STARTS = 8


class LowerCasePattern:
    """A case-insensitive pattern of lower-case ASCII cue words, searched without IGNORECASE.

    The regex engine runs about twice as fast without IGNORECASE. On lower-cased text the
    answers are the same, except where the text holds "ı" or "ſ" (the only lower-case letters
    IGNORECASE folds onto ASCII ones); lower-casing any other text keeps its length, its word
    boundaries and what each letter matches, except for "İ". Text holding one of those three
    goes to the IGNORECASE pattern, and so does every text for a pattern with anything but
    lower-case ASCII. The methods say which text they take: *_lower ones take text the caller
    has lower-cased (matches index it), occurs_in takes text of any case.
    """

    __slots__ = ("exact", "fast", "starts")

    def __init__(self, pattern: str) -> None:
        self.exact = re.compile(pattern, re.IGNORECASE)
        plain = pattern.replace("(?P<", "(")  # named groups are the one upper-case syntax allowed
        self.fast = re.compile(pattern) if plain.isascii() and plain == plain.lower() else self.exact
        #: words one of which every match of `fast` opens with, where they are few and not tiny:
        #: most sentences then hold none, and `in` tests say so faster than the regex engine
        #: (many or short words, e.g. "on", pass most text and only add to the search)
        starts = _literal_starts(pattern) if self.fast is not self.exact else None
        self.starts = starts if starts and len(starts) <= _MAX_STARTS and min(map(len, starts)) >= 3 else None

    def _for(self, low: str) -> re.Pattern[str]:
        return self.exact if "\u0131" in low or "\u017f" in low else self.fast

    def search_lower(self, low: str) -> Optional[re.Match[str]]:
        return self._for(low).search(low)

    def finditer_lower(self, low: str) -> Iterator[re.Match[str]]:
        return self._for(low).finditer(low)

    def occurs_in(self, text: str) -> bool:
        """Whether an IGNORECASE search of `text` would find the pattern."""
        if self.fast is self.exact or "\u0130" in text or "\u0131" in text or "\u017f" in text:
            return self.exact.search(text) is not None
        low = text.lower()
        if self.starts is not None and not any(word in low for word in self.starts):
            return False
        return self.fast.search(low) is not None


def _literal_starts(pattern: str) -> Optional[tuple[str, ...]]:
    """Literal strings one of which every match of `pattern` begins with (after leading \\b or ^),
    read from the pattern's text; None where some match may begin otherwise or where the
    pattern uses syntax this reader does not follow (it only ever answers for what it parses)."""
    try:
        starts, rest = _starts_of_branches(pattern, 0)
    except _Unsure:
        return None
    return tuple(sorted(starts)) if starts and rest == len(pattern) else None


class _Unsure(Exception):
    """The pattern may match text that opens with none of the words found so far."""


#: characters that mean something in a pattern outside a class (anything else is itself)
_SPECIAL = set(".^$*+?{}[]\\|()")
_QUANTIFIERS = ("*", "+", "?", "{")


def _starts_of_branches(p: str, i: int) -> tuple[set[str], int]:
    """Starts of the alternatives from p[i] to the ")" closing their group (or the end):
    the union of each alternative's, and where the group ends."""
    out: set[str] = set()
    while True:
        found, i = _starts_of_sequence(p, i)
        out |= found
        if i < len(p) and p[i] == "|":
            i += 1
            continue
        return out, i


def _alternative_end(p: str, i: int) -> int:
    """Index of the "|" or ")" that ends the alternative p[i] is in (or the end of `p`)."""
    depth = 0
    while i < len(p):
        c = p[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            i = _class_end(p, i)
            continue
        if c == "(":
            depth += 1
        elif c in "|)" and depth == 0:
            return i
        elif c == ")":
            depth -= 1
        i += 1
    return i


def _class_end(p: str, i: int) -> int:
    """Index just after the character class opening at p[i]."""
    j = i + 1
    if j < len(p) and p[j] == "^":
        j += 1
    if j < len(p) and p[j] == "]":
        j += 1
    while j < len(p) and p[j] != "]":
        j += 2 if p[j] == "\\" else 1
    if j >= len(p):
        raise _Unsure
    return j + 1


def _starts_of_sequence(p: str, i: int) -> tuple[set[str], int]:
    """Starts of one alternative from p[i]: its opening literal run, else its opening group's
    or class's starts; returns them and the index of the "|" or ")" that ends the alternative."""
    while p.startswith(("\\b", "^"), i):  # zero-width assertions before the first character
        i += 2 if p[i] == "\\" else 1
    word = ""
    while i < len(p):
        c = p[i]
        if c == "\\":
            if i + 1 >= len(p) or p[i + 1].isalnum():
                break  # \\d, \\w, \\s, a back-reference...: not a literal
            char, nxt = p[i + 1], i + 2
        elif c in _SPECIAL:
            break
        else:
            char, nxt = c, i + 1
        if p.startswith(_QUANTIFIERS, nxt):
            break  # "credits?": the quantified character is not certain to be there
        word += char
        i = nxt
    if word:
        return {word}, _alternative_end(p, i)
    if i >= len(p) or p[i] in "|)":
        raise _Unsure  # an empty alternative matches anywhere
    if p[i] == "(":
        inner = i + 1
        if p.startswith("?:", inner):
            inner += 2
        elif p.startswith("?P<", inner):
            inner = p.index(">", inner) + 1
        elif p.startswith("?", inner):
            raise _Unsure  # look-around, flags, comments, conditionals
        found, close = _starts_of_branches(p, inner)
        if close >= len(p) or p[close] != ")" or p.startswith(_QUANTIFIERS, close + 1):
            raise _Unsure  # an optional or repeated group may be absent
        return found, _alternative_end(p, close + 1)
    if p[i] == "[":
        end = _class_end(p, i)
        body = p[i + 1:end - 1]
        if p.startswith(_QUANTIFIERS, end) or not body or body[0] == "^" or "\\" in body or "-" in body[1:-1]:
            raise _Unsure
        return set(body), _alternative_end(p, end)
    raise _Unsure


#: the letters whose lower-casing changes the text's length or which IGNORECASE folds onto ASCII
_FOLD_TRAPS = ("\u0130", "\u0131", "\u017f")


class CaselessScanner:
    """finditer of an IGNORECASE pattern, about twice as fast on long text.

    `loose` is a pattern without IGNORECASE that matches the lower-cased text wherever the
    exact pattern matches the text (the same pattern in lower case, with any case-sensitive
    part widened to lower case). Its matches show where a match can start; the exact pattern
    is tried there only, and the matches are the exact pattern's own, the ones finditer gives.
    Text holding one of _FOLD_TRAPS is scanned with the exact pattern alone."""

    __slots__ = ("exact", "loose")

    def __init__(self, exact: re.Pattern[str], loose: str) -> None:
        self.exact = exact
        plain = loose.replace("(?P<", "(")
        # beyond ASCII only characters without case ("½"): lower-casing the text leaves them alone
        caseless = all(c.isascii() or c.lower() == c == c.upper() for c in plain)
        self.loose = re.compile(loose) if caseless and plain == plain.lower() else None

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        if self.loose is None or any(c in text for c in _FOLD_TRAPS):
            yield from self.exact.finditer(text)
            return
        low = text.lower()
        pos = 0
        while True:
            candidate = self.loose.search(low, pos)
            if candidate is None:
                return
            at = candidate.start()
            m = self.exact.match(text, at)
            if m is None:
                pos = at + 1
                continue
            yield m
            pos = m.end() if m.end() > at else at + 1


# --------------------------------------------------------------------------- numbers


@dataclass(frozen=True)
class _NumberWords:
    units: dict[str, float]
    tens: dict[str, float]
    scales: dict[str, float]
    fractions: dict[str, float]
    standalone: dict[str, float]
    vulgar: dict[str, float]

    @property
    def all_words(self) -> set[str]:
        return set(self.units) | set(self.tens) | set(self.scales) | set(self.fractions) | set(self.standalone)


@per_ruleset
def _number_words() -> _NumberWords:
    lx = lexicon("numbers")

    def section(key: str) -> dict[str, float]:
        return {str(k).lower(): float(v) for k, v in (lx.get(key) or {}).items() if v is not None}

    return _NumberWords(section("units"), section("tens"), section("scales"), section("fractions"), section("standalone"),
                        section("vulgar_fractions"))


@per_ruleset
def _number_word_re() -> str:
    """A regex fragment matching a run of number words: "twenty-four", "ninety nine point nine"."""
    nw = _number_words()
    words = sorted((w for w in nw.all_words if w not in {"a", "an"}), key=len, reverse=True)
    word = r"(?:%s)" % "|".join(re.escape(w) for w in words)
    digit_word = r"(?:%s)" % "|".join(re.escape(w) for w in sorted(nw.units, key=len, reverse=True) if w not in {"a", "an"})
    return (
        rf"(?:(?:an?|one)\s+and\s+an?\s+half|{word}(?:(?:\s+|-|\s+and\s+|\s+and\s+an?\s+){word})*"
        rf"(?:\s+point(?:\s+{digit_word})+)?)"
    )


def words_to_number(text: str) -> Optional[float]:
    """ "twenty-four" -> 24, "ninety-nine point nine" -> 99.9, "one and a half" -> 1.5."""
    nw = _number_words()
    tokens = re.split(r"[\s\-]+", _norm_space(text).lower())
    tokens = [t for t in tokens if t]
    if not tokens:
        return None
    total = 0.0
    current = 0.0
    seen = False
    decimals: Optional[str] = None
    fraction = 0.0
    for i, tok in enumerate(tokens):
        if decimals is not None:
            if tok in nw.units and nw.units[tok] < 10 and tok not in {"a", "an"}:
                decimals += str(int(nw.units[tok]))
                continue
            return None
        if tok == "point":
            decimals = ""
            continue
        if tok == "and":
            continue
        if tok in {"a", "an"}:
            nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
            if nxt in nw.scales or nxt in nw.fractions:
                if nxt in nw.fractions:
                    continue  # "a half": the fraction carries the value
                current = max(current, 1.0)
                seen = True
                continue
            if len(tokens) == 1:
                return None
            continue
        if tok in nw.units:
            current += nw.units[tok]
        elif tok in nw.tens:
            current += nw.tens[tok]
        elif tok in nw.scales:
            current = max(current, 1.0) * nw.scales[tok]
            if nw.scales[tok] >= 1000:
                total += current
                current = 0.0
        elif tok in nw.fractions:
            fraction += nw.fractions[tok]
        elif tok in nw.standalone:
            current += nw.standalone[tok]
        else:
            return None
        seen = True
    if not seen and not fraction:
        return None
    value = total + current + fraction
    if decimals:
        value = float(f"{int(total + current)}.{decimals}")
    return value


_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"


@per_ruleset
def _number_re() -> re.Pattern[str]:
    """A number as contracts write it: digits, words, or words with digits in brackets."""
    w = _number_word_re()
    return re.compile(
        rf"(?<![\w.])(?:(?P<w1>{w})\s*\(\s*(?P<d1>{_DIGITS})\s*%?\s*\)|(?P<d2>{_DIGITS})|(?P<w2>{w}))(?![\w])",
        re.IGNORECASE,
    )


def _number_from_match(m: re.Match[str]) -> Optional[float]:
    groups = m.groupdict()
    d = groups.get("d1") or groups.get("d2") or groups.get("d3") or groups.get("d4")
    if d:
        return float(d.replace(",", ""))
    return words_to_number(m.group("w2") or m.group("w1") or "")


def _vulgar_number(text: str) -> float:
    """ "½" -> 0.5, "1½" -> 1.5, "2 ¼" -> 2.25: digits, then one fraction character."""
    whole = text[:-1].strip()
    return (float(whole) if whole else 0.0) + _number_words().vulgar[text[-1]]


def parse_number(text: str) -> Optional[float]:
    """The first number in `text`: "15" -> 15, "fifteen (15)" -> 15, "twenty-four" -> 24."""
    text = _norm_space(text)
    for m in _number_re().finditer(text):
        value = _number_from_match(m)
        if value is not None:
            return value
    return None


# --------------------------------------------------------------------------- percent

@per_ruleset
def _percent_words() -> str:
    """numbers.yml percent_words as one alternation; a space in a word matches any run of spaces or
    none ("per cent", "percent")."""
    from sla_check.vocabulary import listed

    words = sorted(listed("numbers", "percent_words"), key=len, reverse=True)
    return "|".join(r"\s*".join(re.escape(part) for part in w.split()) for w in words)


def percent_suffix() -> str:
    """The sign or word after a number that makes it a percentage ("99.9%", "ninety per cent", "5 pct"),
    as a regular expression, with no word boundary before it ("99percent")."""
    return r"\s*(?:%|(?:" + _percent_words() + r")\b)"


@per_ruleset
def _percent_re() -> CaselessScanner:
    w = _number_word_re()
    suffix = percent_suffix()
    pattern = (
        # "ninety (90) days" is a number written twice, not a percentage: the brackets need a
        # percent word or sign with them ("ninety percent (90%)", "ninety (90%)", "ninety (90) per cent")
        rf"(?<![\w.])(?:(?P<w1>{w})(?:{suffix}\s*\(\s*(?P<d1>{_DIGITS})\s*%?\s*\)"
        rf"|\s*\(\s*(?P<d3>{_DIGITS})\s*%\s*\)|\s*\(\s*(?P<d4>{_DIGITS})\s*\){suffix})"
        rf"|(?P<d2>{_DIGITS}){suffix}"
        rf"|(?P<w2>{w}){suffix})"
    )
    return CaselessScanner(re.compile(pattern, re.IGNORECASE), pattern)


@dataclass(frozen=True)
class Found:
    """A value found in text, with the character span it came from."""

    value: float
    start: int
    end: int
    text: str
    basis: str = "unspecified"


def find_percents(text: str) -> list[Found]:
    """Every percentage in `text`, in order, with its character span."""
    return list(_find_percents(text))


@per_ruleset
def _percent_hint() -> re.Pattern[str]:
    """Every percentage holds one of these: its sign or word ("%", "per cent", "pct") or a bracketed number."""
    return re.compile(r"[%(]|" + _percent_words(), re.IGNORECASE)


@per_document_cache
def _find_percents(text: str) -> tuple[Found, ...]:
    if not _percent_hint().search(text):
        return ()  # the full pattern tries every number word at every position: skip text it cannot match
    out = []
    for m in _percent_re().finditer(text):
        value = _number_from_match(m)
        if value is not None and 0 <= value <= 100:
            out.append(Found(value, m.start(), m.end(), m.group(0)))
    return tuple(out)


def parse_percent(text: str) -> Optional[float]:
    """ "99.9%", "99.9 per cent", "ninety-nine point nine percent (99.9%)" -> 99.9."""
    found = find_percents(_norm_space(text))
    return found[0].value if found else None


# --------------------------------------------------------------------------- durations


@dataclass(frozen=True)
class _DurationLexicon:
    unit_minutes: dict[str, float]
    business_day: float
    business_week: float
    business_words: tuple[str, ...]
    calendar_words: tuple[str, ...]
    phrases: tuple[tuple[str, float, str], ...]


@per_ruleset
def _durations() -> _DurationLexicon:
    lx = lexicon("durations")
    units: dict[str, float] = {}
    for entry in lx["units"]:
        for word in entry["words"]:
            units[str(word).lower()] = float(entry["minutes"])
    phrases = tuple(
        (str(p["phrase"]).lower(), float(p["minutes"]), str(p.get("basis", "unspecified"))) for p in lx.get("phrases", [])
    )
    return _DurationLexicon(
        unit_minutes=units,
        business_day=float(lx.get("business_day_minutes", 480)),
        business_week=float(lx.get("business_week_minutes", 2400)),
        business_words=tuple(str(w).lower() for w in lx.get("business_words", [])),
        calendar_words=tuple(str(w).lower() for w in lx.get("calendar_words", [])),
        phrases=tuple(sorted(phrases, key=lambda p: len(p[0]), reverse=True)),
    )


def unit_minutes() -> dict[str, float]:
    """Each time unit word of lexicons/durations.yml (lower case) and its length in minutes."""
    return _durations().unit_minutes


def frequency_cell(text: str) -> Optional[float]:
    """Minutes of a cell that is only a frequency word ("Weekly", "Monthly."), else None."""
    key = _norm_space(text).strip(" .;*").lower()
    for entry in lexicon("durations").get("frequency_cells") or []:
        if str(entry["phrase"]).lower() == key:
            return float(entry["minutes"])
    return None


@per_ruleset
def _duration_re() -> CaselessScanner:
    lx = _durations()
    w = _number_word_re()
    units = "|".join(re.escape(u) for u in sorted(lx.unit_minutes, key=len, reverse=True))
    qual = "|".join(re.escape(q) for q in sorted(lx.business_words + lx.calendar_words, key=len, reverse=True))
    phrases = "|".join(re.escape(p[0]) for p in lx.phrases)
    vulgar = "".join(re.escape(ch) for ch in _number_words().vulgar) or "(?!)"
    # "within (15) business days": the digits in brackets without the number word before them (after a
    # word, so a list item's "(3) Hours of cover" is not read as three hours)
    number = (rf"(?:(?P<vf>(?:\d+\s?)?[{vulgar}])|(?P<w1>{w})\s*\(\s*(?P<d1>{_DIGITS})\s*\)|(?P<d2>{_DIGITS})"
              rf"|(?<=[a-z] )\(\s*(?P<d3>{_DIGITS})\s*\)|(?P<w2>{w}|an?))")

    def pattern(abbreviation: str) -> str:  # a zone or region abbreviation before the clock word: "4 UK business hours"
        return (
            rf"(?<![\w.])(?:(?P<phrase>{phrases})"
            rf"|{number}(?:\s*-\s*|\s*)(?:\(\s*(?:\d+(?:\.\d+)?|{w})\s*\)\s*)?"  # "15 (15) days", "15 (fifteen) days"
            rf"(?:(?:{abbreviation}|local|normal|standard|full|clear)\s+(?=(?:{qual})[\s\-]))?"
            rf"(?:(?P<qual>{qual})[\s\-]+)?(?P<unit>{units})(?:'s|s'|')?"
            rf"(?:\s+(?P<post>and\s+an?\s+half|and\s+(?P<pd>\d+)\s*(?:minutes?|mins?)))?)(?![\w])"
        )

    # the abbreviation is upper case in the text, so lower case in the lower-cased text
    return CaselessScanner(re.compile(pattern("(?-i:[A-Z]{2,4})"), re.IGNORECASE), pattern("[a-z]{2,4}"))


def _basis_of_qual(qual: Optional[str]) -> str:
    if not qual:
        return "unspecified"
    q = qual.lower()
    lx = _durations()
    if q in lx.calendar_words:
        return "calendar"
    return "business"


@per_ruleset
def _once_re() -> CaselessScanner:
    """ "once each Business Day", "every hour": one unit, as an update frequency."""
    lx = _durations()
    units = "|".join(re.escape(u) for u in sorted(lx.unit_minutes, key=len, reverse=True) if len(u) > 2)
    qual = "|".join(re.escape(q) for q in sorted(lx.business_words + lx.calendar_words, key=len, reverse=True))
    pattern = rf"(?<![\w])(?:once\s+(?:each|every|per|a|an)|every)\s+(?:(?P<qual>{qual})[\s\-]+)?(?P<unit>{units})(?![\w])"
    return CaselessScanner(re.compile(pattern, re.IGNORECASE), pattern)


#: a clause number of two or more levels ("3.1", "4.2.1")
_CLAUSE_NUMBER = re.compile(r"^\d{1,2}(?:\.\d{1,2})+$")


#: after "<n> Support Hours" at a line's start: the heading joins a second topic in Title Case and runs
#: to the line's end ("3 Support Hours and Response Times", "5 Service Hours & Availability"); a cell
#: such as "4 Business Hours" or "1 Working Day Turnaround Time" does not
_HEADING_GOES_ON = re.compile(r"[ \t]+(?:and|&)(?:[ \t]+[A-Z][\w'’/-]*)+[ \t]*(?:\n|$)")


def _clause_heading(text: str, m: re.Match[str]) -> bool:
    """ "3.1 Support Hours": a clause number before a heading that names a defined unit of time (a
    qualifier and a unit both in Title Case), with no lead word before it ("within 3.1 Support
    Hours" stays a time) - a heading run into its clause, not a duration. A number of one level
    is a clause number only where it opens the line and a heading on hours joins a second topic
    ("3 Support Hours and Response Times"): "4 Business Hours" alone in a cell is a time."""
    qual, unit, digits = m.group("qual"), m.group("unit"), m.group("d2")
    if not (qual and digits and qual[:1].isupper() and unit[:1].isupper()):
        return False
    if not _CLAUSE_NUMBER.match(digits):
        line_start = text.rfind("\n", 0, m.start()) + 1
        if not (digits.isdigit() and len(digits) <= 2 and unit.lower() == "hours"
                and not text[line_start:m.start()].strip() and _HEADING_GOES_ON.match(text, m.end())):
            return False
    from sla_check.vocabulary import listed_re

    before = text[max(0, m.start() - 30):m.start()]
    return not listed_re("durations", "leads", r"\b(?:", r")\s*$").search(before)


def find_durations(text: str) -> list[Found]:
    """Every duration in `text` with minutes and a basis hint ("4 business hours" -> 240, business)."""
    return list(_find_durations(text))


@per_ruleset
def _duration_hint() -> re.Pattern[str]:
    """What every duration find_durations keeps holds: a unit word of two letters or more, or
    a fixed phrase, or a one-letter unit right after digits ("4h", "15 m", "2 (two) d": such a
    unit is kept only there). The words are cut to those no other one contains ("hours" holds
    "hour"), so the pattern stays a short alternation."""
    lx = _durations()
    words = {u.lower() for u in lx.unit_minutes if len(u) > 1} | {p[0] for p in lx.phrases}
    minimal = sorted(w for w in words if not any(o != w and o in w for o in words))
    letters = "".join(sorted({u.lower() for u in lx.unit_minutes if len(u) == 1}))
    one_letter = rf"\d[\s\d().\-]*[{re.escape(letters)}]" if letters else "(?!)"
    return re.compile(r"%s|%s" % (one_letter, "|".join(re.escape(w) for w in minimal)), re.IGNORECASE)


@per_document_cache
def _find_durations(text: str) -> tuple[Found, ...]:
    if not _duration_hint().search(text):
        return ()  # the full patterns try every number word at every position: skip text they cannot match
    lx = _durations()
    out: list[Found] = []
    for m in _once_re().finditer(text):
        unit = m.group("unit").lower()
        b = _basis_of_qual(m.group("qual"))
        per_unit = lx.business_day if b == "business" and unit.startswith("day") else lx.unit_minutes[unit]
        out.append(Found(per_unit, m.start(), m.end(), m.group(0), b))
    for m in _duration_re().finditer(text):
        if m.group("phrase"):
            key = m.group("phrase").lower()
            for phrase, minutes, basis in lx.phrases:
                if phrase == key:
                    out.append(Found(minutes, m.start(), m.end(), m.group(0), basis))
                    break
            continue
        unit = m.group("unit").lower()
        if _clause_heading(text, m):
            continue
        raw_num = m.group("w2") or ""
        if raw_num.lower() in {"a", "an"}:
            number: Optional[float] = 1.0
        elif m.group("vf"):
            number = _vulgar_number(m.group("vf"))
        else:
            number = _number_from_match(m)
        if number is None:
            continue
        # a bare one-letter unit needs digits right before it ("15m", "4h"), not words
        if len(unit) == 1 and not (m.group("d2") and not m.group("qual")):
            continue
        extra_minutes = 0.0
        if m.group("post"):
            if "half" in m.group("post").lower():
                number += 0.5  # "two and a half hours"
            else:
                extra_minutes = float(m.group("pd"))  # "1 hour and 30 minutes"
        basis = _basis_of_qual(m.group("qual"))
        per_unit = lx.unit_minutes[unit]
        if basis == "business" and unit in {"day", "days", "d"}:
            per_unit = lx.business_day
        elif basis == "business" and unit in {"week", "weeks", "wk", "wks"}:
            per_unit = lx.business_week
        out.append(Found(round(number * per_unit + extra_minutes, 4), m.start(), m.end(), m.group(0), basis))
    out.sort(key=lambda f: f.start)
    kept: list[Found] = []
    for f in out:  # drop overlaps ("every hour" vs a number-led match inside it)
        if kept and f.start < kept[-1].end:
            continue
        kept.append(f)
    return tuple(kept)


_LETTER_DIGIT = re.compile(r"[A-Za-z]\d")
#: a word of three letters or more run into a figure with words after it ("Critical1 hour", "day5 days")
_GLUED_FIGURE = re.compile(r"(?<=[A-Za-z]{3})(?=\d+(?:[.,]\d+)?\s*[A-Za-z])")


def unglue_times(text: str) -> str:
    """Table text whose cell breaks were lost ("Critical1 hour", "Urgent1 business day5 business days"):
    a word run into the time after it is set apart ("Critical 1 hour", "... day 5 business days"), so
    each time reads whole and beside its level. Only a figure that opens a time is split off ("Tier2",
    "ISO27001 audit" stay)."""
    if not _LETTER_DIGIT.search(text):
        return text
    for m in reversed(list(_GLUED_FIGURE.finditer(text))):  # from the end: a later time is already apart
        c = m.start()
        if any(f.start == 0 for f in find_durations(text[c:c + 40])):
            text = f"{text[:c]} {text[c:]}"
    return text


def parse_duration(text: str) -> Optional[tuple[float, str]]:
    """(minutes, basis_hint) of the first duration: "4 business hours" -> (240, "business").

    basis_hint is "business" for business/working units and phrases (NBD = 480 minutes),
    "calendar" for calendar/clock units, otherwise "unspecified".
    """
    found = find_durations(_norm_space(text))
    if not found:
        return None
    return found[0].value, found[0].basis


# --------------------------------------------------------------------------- severity


@per_ruleset
def _severity_lexicon() -> tuple[dict[str, int], re.Pattern[str], dict[str, int], re.Pattern[str]]:
    """Level names, the prefix + number/letter/word pattern, rank words, and a prefix + digit at the
    start of a longer label ("Severity 2 incidents"), all from rules/lexicons/severity.yml."""
    from sla_check.vocabulary import severity

    vocab = severity()
    ranks = vocab.rank_words()
    prefixes = vocab.prefix_re()
    words = "|".join(re.escape(o) for o in sorted(ranks, key=len, reverse=True))
    letters = "abcdefghi"[:vocab.highest]
    pattern = re.compile(
        rf"^(?:{prefixes})\s*[-_.:#]?\s*(?:(?P<num>\d)|(?P<letter>[{letters}])|(?P<ord>{words}))$", re.IGNORECASE
    )
    spoken = "|".join(re.escape(p) for p in sorted(set(vocab.prefixes) - set(vocab.label_only), key=len, reverse=True))
    leading = re.compile(rf"^(?:{spoken})\s*[-_.:#]?\s*(\d)\b")
    return vocab.names, pattern, ranks, leading


@per_ruleset
def _label_noun_re() -> re.Pattern[str]:
    """The nouns a level's name carries ("Priority 1 Fault", "Class 1 Errors"): `label_nouns` in
    lexicons/severity.yml, besides "request(s) for service"."""
    from sla_check.vocabulary import severity

    nouns = [n for n in severity().label_nouns if n not in ("priority", "severity")]
    return re.compile(r"\b(" + "|".join(re.escape(n) for n in sorted(nouns, key=len, reverse=True))
                      + r"|requests? for service)\b")


def _clean_label(label: str) -> str:
    text = _norm_space(label).lower()
    text = re.sub(r"[()\[\]\"'*:#]+", " ", text)
    text = _label_noun_re().sub(" ", text)
    return re.sub(r"\s+", " ", text).strip(" -.")


def severity_level(label: Optional[str], ladder: Optional[Sequence[str]] = None) -> Optional[int]:
    """1 = most severe. "P1", "Priority 1", "Sev A", "Critical", "Urgent" -> 1; "High" -> 2 ...

    `ladder`, when given, is the document's own ordered list of level names (most severe
    first); a label found in it takes its rank there instead of the generic mapping.
    """
    if not label:
        return None
    return _severity_level(label, tuple(ladder) if ladder else None)


@per_document_cache
def _severity_level(label: str, ladder: Optional[tuple[str, ...]]) -> Optional[int]:
    text = _clean_label(label)
    if not text:
        return None
    if ladder:
        cleaned = [_clean_label(x) for x in ladder]
        for i, name in enumerate(cleaned):
            if name and name == text:
                return i + 1
        for i, name in enumerate(cleaned):
            if name and re.search(rf"\b{re.escape(name)}\b", text):
                return i + 1
    # "2. Urgent", "4) Informational": the document numbers its own named levels ("1. Maintenance" is a clause)
    numbered = re.match(r"^([1-9])\s*[.)]\s+(?=[a-z])", text)
    if numbered and any(rx.search(text[numbered.end():]) for rx, _ in _level_names()):
        return int(numbered.group(1))
    if re.search(r"\brequests\b", text):  # "Urgent requests": the plural noun is not the level "request"
        level = _severity_level(re.sub(r"\brequests\b", " ", text), ladder)
        if level is not None:
            return level
    names, pattern, ordinals, leading = _severity_lexicon()
    # numbered / lettered forms first: "P1", "Priority 1 - Critical", "Severity Level 2"
    for part in re.split(r"\s*(?:[-/|,(]|\s-\s)\s*", text) + [text]:
        part = part.strip()
        if not part:
            continue
        m = pattern.match(part)
        if m is None:
            m = pattern.match(part.split(" ", 2)[0] + (" " + part.split(" ", 2)[1] if " " in part else ""))
        if m:
            if m.group("num"):
                n = int(m.group("num"))
                return n if n >= 1 else None
            if m.group("letter"):
                return "abcdefghi".index(m.group("letter").lower()) + 1
            if m.group("ord"):
                return ordinals[m.group("ord").lower()]
    m = leading.match(text)
    if m:
        return int(m.group(1)) or None
    for rx, level in _level_names():
        if rx.search(text):
            return level
    return None


@per_ruleset
def _level_names() -> tuple[tuple[re.Pattern[str], int], ...]:
    """The lexicon's level names as word patterns, longest name first (the first that matches wins)."""
    names = _severity_lexicon()[0]
    return tuple((re.compile(rf"\b{re.escape(name)}\b"), names[name]) for name in sorted(names, key=len, reverse=True))


def is_severity_label(text: str) -> bool:
    """Whether `text` names a severity level on its own (a table's first cell, say)."""
    return severity_level(text) is not None


# --------------------------------------------------------------------------- period & basis


@per_ruleset
def _period_re() -> LowerCasePattern:
    """One alternation, a named group per period; at one position the longer, earlier-listed
    cue wins (year before quarter before month)."""
    lx = lexicon("periods")
    groups = []
    for name in ("year", "quarter", "month", "week"):
        cues = sorted((str(c).lower() for c in lx.get(name) or []), key=len, reverse=True)
        if cues:
            groups.append(f"(?P<{name}>%s)" % "|".join(re.escape(c) for c in cues))
    return LowerCasePattern(r"(?<![\w])(?:%s)" % "|".join(groups))


def period_cues(text: str, weeks: bool = False) -> list[tuple[int, str]]:
    """(offset, period) of every period cue in `text`, for choosing the one nearest a value.
    `weeks=True` keeps week cues too ("any 7 day period"), which are no spec value but stop a
    farther month cue from being taken for the level beside them."""
    return [c for c in _period_cues(text) if weeks or c[1] != "week"]


@per_document_cache
def _period_cues(text: str) -> tuple[tuple[int, str], ...]:
    text = _norm_space(text).lower()
    charge = _billing_after()
    idioms = [m.span() for m in _period_idioms().finditer(text)] if "month" in text or "year" in text else []
    return tuple((m.start(), m.lastgroup) for m in _period_re().finditer_lower(text)
                 if m.lastgroup and not charge.match(text, m.end())
                 and not any(a <= m.start() < b for a, b in idioms))


@per_ruleset
def _period_idioms() -> re.Pattern[str]:
    """Period words in a phrase that measures nothing ("month after month", "a month-to-month plan")."""
    words = sorted((str(w).lower() for w in lexicon("periods").get("not_periods") or []), key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:%s)(?!\w)" % ("|".join(re.escape(w).replace(r"\ ", r"[\s-]+") for w in words) or "(?!)"))


@per_ruleset
def _billing_after() -> re.Pattern[str]:
    """What makes a period cue the period of a charge ("monthly service charge"), read at the cue's end."""
    lx = lexicon("periods")
    mods, nouns = ("|".join(re.escape(str(w).lower()) for w in sorted(lx.get(k) or [], key=len, reverse=True)) or "(?!)"
                   for k in ("billing_modifiers", "billing_nouns"))
    return re.compile(r"(?:'s)?\s+(?:(?:%s)\s+){0,2}(?:%s)\b" % (mods, nouns))


def period(text: str) -> str:
    """month | quarter | year | unspecified, from the wording around a target.

    "Monthly Uptime Percentage", "in any calendar month" -> month; "measured quarterly" ->
    quarter; "per annum", "rolling twelve months" -> year. The earliest cue wins; weeks
    are not a spec value and are skipped.
    """
    cues = period_cues(text)
    return cues[0][1] if cues else "unspecified"


@per_ruleset
def _basis_cues() -> dict[str, list[LowerCasePattern]]:
    from sla_check.vocabulary import basis_words

    words = basis_words()
    out: dict[str, list[LowerCasePattern]] = {}
    for key in ("calendar", "business", "defined", "outside_hours", "negators"):
        listed = words.for_basis.get(key) or words.lists.get(key) or ()
        cues = sorted(listed, key=len, reverse=True)
        out[key] = [LowerCasePattern(r"(?<![\w])(?:%s)(?![\w])" % "|".join(re.escape(c) for c in cues))] if cues else []
    return out


@per_document_cache
def collapse_number_words(text: str) -> str:
    """ "twenty-four (24) hours a day" -> "24 hours a day": keep the digits of a doubled number."""
    if "(" not in text:  # no bracketed digits, nothing to collapse: skip the long word alternation
        return text
    w = _number_word_re()
    return re.sub(rf"(?<![\w])(?:{w})\s*\(\s*({_DIGITS})\s*\)", r"\1", text, flags=re.IGNORECASE)


_LABEL_WORDS = 10  # at most this many words: a heading, table label or cell rather than a sentence


@per_document_cache
def basis(text: str, defined_hours: Optional[str] = None) -> str:
    """calendar | business | unspecified, from cues such as "24x7" or "business hours".

    `defined_hours` is what the document's own "Support Hours" mean ("calendar" or
    "business"), used when the text only refers to them by name.
    """
    text = collapse_number_words(_norm_space(text)).lower()
    cues = _basis_cues()
    if len(text.split()) <= _LABEL_WORDS and any(rx.search_lower(text) for rx in cues["outside_hours"]):
        # a heading, label or cell for "after hours" / "non-business hours" names the clock beyond the
        # business day; in prose the same words usually say what happens instead ("logged at the
        # start of the next working day", "charged at the out-of-hours rate"), so they decide nothing
        return "calendar"
    cal = any(rx.search_lower(text) for rx in cues["calendar"])
    bus = any(rx.search_lower(text) for rx in cues["business"])
    if cal and not bus:
        return "calendar"
    if bus and not cal:
        return "business"
    if cal and bus:
        # "clock hours, not working hours": a clock the text denies is no cue; left with one, it decides
        denied = _without_denied_clock(text, cues["negators"])
        if denied != text:
            return basis(denied, defined_hours)
        # "24x7 ... business hours" both present: leave it to the caller's context
        return "unspecified"
    if defined_hours in ("calendar", "business") and any(rx.search_lower(text) for rx in cues["defined"]):
        return defined_hours
    return "unspecified"


def _without_denied_clock(text: str, negators: list[LowerCasePattern]) -> str:
    """`text` without what a negator denies, up to the end of its clause ("..., not working hours.")."""
    for rx in negators:
        m = rx.search_lower(text)
        if m:
            end = re.compile(r"[.;,:()]|$").search(text, m.end())
            return text[:m.start()] + (text[end.start():] if end else "")
    return text


@per_document_cache
def has_basis_cue(text: str, which: str) -> bool:
    """Whether `text` holds a `which` ("calendar" | "business" | "defined") cue."""
    text = collapse_number_words(_norm_space(text)).lower()
    return any(rx.search_lower(text) for rx in _basis_cues()[which])


def normalise_text(text: str) -> str:
    """Whitespace and dash/quote variants folded, for matching cue phrases."""
    return _norm_space(text)
