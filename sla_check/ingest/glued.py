"""Tables whose cells a saved page's text ran together with no space or pipe between them.

A browser's text of some HTML tables joins each row's cells end to start: the header reads
"Priority LevelDescriptionResponse Time" and a row "CriticalService is down for all usersWithin 1 hour"
or "Urgent1 business day5 business days". The cell breaks are still visible where one cell's last
letter meets the next cell's capital or figure with no space between them. A header line with such
joins, and the lines under it that each split into exactly as many cells (a time or a percentage among
them), are read back as a table; a line that splits otherwise ends it, and a header with no such row
under it is left as text.
"""
from __future__ import annotations

import re
from typing import Optional

#: a lower-case letter (or a closing bracket, full stop or per cent sign) run into a capital: "LevelDescription"
_CAPITAL_JOIN = re.compile(r"(?<=[a-z).%])(?=[A-Z][a-z'\u2019])|(?<=[a-z])(?=[A-Z]{2,}\b)")
#: a figure run into a capital ("1Major"), a percentage run into a figure ("99.0%3")
_FIGURE_JOIN = re.compile(r"(?<=\d)(?=[A-Z][a-z])|(?<=%)(?=\d)")
#: a word run into a percentage ("Services100.00%")
_PERCENT_JOIN = re.compile(r"(?<=[A-Za-z])(?=\d+(?:\.\d+)?%)")
#: a figure with a word run on after it ("2 hoursup"), tried for a time's end
_FIGURE_WORD = re.compile(r"\d\s?([a-z]{3,})")
#: a full stop after a word, with a lower-case letter straight after it ("business.up")
_STOP_JOIN = re.compile(r"(?<=[a-z)])\.(?=[a-z])")
#: at most three lower-case words before a time ("up to ", "within ", "")
_LEAD_WORDS = re.compile(r"(?:[a-z]+ ){0,3}")
_NOT_HEADER = re.compile(r"[\d|\t;:!?,]")  # figures, pipes, tabs or sentence marks: no glued header
_MAX_NAMES = 8
_MAX_ROWS = 60
_MAX_HEADER = 100
_MAX_ROW = 400  # a row's cells are short; a longer line is a paragraph (or a whole page run together)


def _inserted(original: str, spaced: str) -> list[int]:
    """Where `spaced` (the original with spaces inserted) put a space: indexes into the original."""
    out: list[int] = []
    j = 0
    for k, ch in enumerate(spaced):
        if j < len(original) and ch == original[j]:
            j += 1
        elif ch == " ":
            out.append(j)
    return out


def _cut(text: str, points: list[int]) -> list[str]:
    edges = [0] + sorted(set(p for p in points if 0 < p < len(text))) + [len(text)]
    return [text[a:b].strip() for a, b in zip(edges, edges[1:])]


def split_cells(text: str) -> list[str]:
    """A glued row's cells: at a letter run into a capital, a figure run into a capital, a word run
    into a time (the time units are rule data, so `unglue_times` finds those) or a percentage."""
    from sla_check.normalize import unglue_times

    points = [m.start() for m in _CAPITAL_JOIN.finditer(text)]
    points += [m.start() for m in _FIGURE_JOIN.finditer(text)]
    points += [m.start() for m in _PERCENT_JOIN.finditer(text)]
    points += _inserted(text, unglue_times(text))
    ends = _time_ends(text)
    points += ends + _sentence_ends(text, ends)
    return [c for c in _cut(text, points) if c]


def _time_ends(text: str) -> list[int]:
    """Where a time's unit runs into the lower-case word of the next cell ("2 hoursup to 8 hours"):
    the longest head of the word that completes a duration ends the cell."""
    from sla_check.normalize import find_durations

    out: list[int] = []
    for m in _FIGURE_WORD.finditer(text):
        word = m.group(1)
        if any(f.end == m.end() - m.start() for f in find_durations(m.group(0) + " ")):
            continue  # the whole word is the unit: nothing run on
        for cut in range(len(word) - 1, 1, -1):
            head = text[m.start():m.start(1) + cut] + " "
            if any(f.end == len(head) - 1 for f in find_durations(head)):
                out.append(m.start(1) + cut)
                break
    return out


def _sentence_ends(text: str, time_ends: list[int]) -> list[int]:
    """Where a description's closing full stop runs into a time cell that opens with lower-case lead
    words ("... its business.up to 2 hours"): only when a time follows within a few such words."""
    from sla_check.normalize import find_durations

    out: list[int] = []
    for m in _STOP_JOIN.finditer(text):
        p = m.end()
        if not re.search(r"(?:^|[\s:;,(])[^\s.@/]*$", text[:m.start()]):
            continue  # a later part of a dotted name ("help.example.org"), no sentence's end
        window = "".join(f"{ch} " if p + k + 1 in time_ends else ch for k, ch in enumerate(text[p:p + 40]))
        found = find_durations(window)
        if found and _LEAD_WORDS.fullmatch(window[:found[0].start]):
            out.append(p)
    return out


def header(text: str) -> Optional[list[str]]:
    """A glued header line's column names, or None: no figures, no sentence, two or more names of a
    few words each, at least one of them run into the next."""
    if len(text) > _MAX_HEADER or not _CAPITAL_JOIN.search(text) or _NOT_HEADER.search(text) or text.endswith("."):
        return None  # (the join first: most lines have none, and this runs on every line)
    names = [n for n in _cut(text, [m.start() for m in _CAPITAL_JOIN.finditer(text)]) if n]
    if not 2 <= len(names) <= _MAX_NAMES or any(len(n.split()) > 5 for n in names):
        return None
    return names


def _has_value(cells: list[str]) -> bool:
    from sla_check.normalize import find_durations

    return any(find_durations(c) or re.search(r"\d%", c) for c in cells)


def glued_table(lines: list[str], i: int) -> Optional[tuple[list[list[str]], int]]:
    """(header and rows, index of the line after the table) when line i is a glued header with rows
    under it, else None."""
    names = header(lines[i].strip())
    if names is None:
        return None
    rows = [names]
    k = i + 1
    while k < len(lines) and len(rows) <= _MAX_ROWS:
        text = lines[k].strip()
        if not text or "|" in text or "\t" in text or len(text) > _MAX_ROW:
            break
        cells = split_cells(text)
        if len(cells) != len(names) or not _has_value(cells):
            break
        rows.append(cells)
        k += 1
    if len(rows) < 2:
        return None
    return rows, k
