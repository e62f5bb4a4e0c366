"""Tables a saved web page gives one cell per line.

A browser's text of an HTML table often puts every cell on a line of its own (blank lines between
them or not), or ends each cell with a pipe ("Low |" / "Within 2 days |"): the row breaks are lost.
The rows come back from the levels: a run of short column names, then groups of exactly as many
cells, each group opening with a level's name ("Severity 1", "Critical", "P2"). A run whose groups do
not all open with a level is not a table, so running text with short lines stays text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from sla_check.ingest.glued import header as glued_header

_MAX_COLUMNS = 8
_HEADER_WORDS = 6
_CELL_CHARS = 400
_MAX_UNNAMED = 4  # columns a row may hold beyond the names of its header


@dataclass(frozen=True)
class CellTable:
    """A table found in lines [start, end) of a page: its header and rows of cells."""

    start: int
    end: int
    header: list[str]
    rows: list[list[str]]


def _level(cell: str) -> bool:
    """A cell that is a level's label ("Severity 2 (S2)", "Critical"), not a row typed whole on a line."""
    from sla_check.normalize import find_durations, severity_level

    words = len(_ALIAS.sub(" ", cell).split())  # an alias in brackets ("1 - Critical (Code Red)") is no sentence
    return len(cell) <= 40 and words <= 5 and severity_level(cell) is not None and not find_durations(cell)


_ALIAS = re.compile(r"\([^()]{0,30}\)")


def _header_like(cell: str) -> bool:
    """A column name: a few words, no figure, not a sentence or a label with its value."""
    from sla_check.normalize import find_durations

    return 0 < len(cell) <= 60 and len(cell.split()) <= _HEADER_WORDS and any(ch.isalpha() for ch in cell) \
        and not _FIGURE.search(cell) and not find_durations(cell) \
        and not cell.endswith((".", ":", ";")) and not _level(cell)


#: a figure standing alone ("4", "99.9", "2 |"), not one inside a name ("24x7 Support", "Tier2")
_FIGURE = re.compile(r"(?<![\w/])\d+(?:[.,]\d+)?(?![\w/])")


_BULLET = re.compile(r"^(?:[*•‣◦▪-]|\d{1,2}[.)])\s")


def _pipe_cells(line: str) -> int:
    s = line.strip()
    return len([c for c in s.strip("|").split("|") if c.strip()]) if "|" in s else 0


def _cells(lines: list[str]) -> list[tuple[str, int]]:
    """The page's cells with the line each ends on: one per non-blank line, or, in a run of lines that
    end with a pipe, the text between pipes (a cell may then wrap onto a line of its own)."""
    out: list[tuple[str, int]] = []
    pending = ""
    counts = [_pipe_cells(s) for s in lines]
    filled = [k for k, s in enumerate(lines) if s.strip()]
    for n, i in enumerate(filled):
        s = lines[i].strip()
        if n and filled[n - 1] != i - 1 and pending:
            out.append((pending, filled[n - 1]))
            pending = ""
        prev = lines[filled[n - 1]].strip() if n else ""
        if "|" not in s and (pending or prev.endswith("|")) and _closed_ahead(lines, i):
            # inside a run of pipe-closed cells, a line with no pipe (a list item too) is part of the cell
            # the next pipe closes ("Complete outage, as follows:" / "- call us by phone" / "|")
            pending = f"{pending} {s}".strip()
            continue
        near = [counts[filled[m]] for m in (n - 1, n + 1) if 0 <= m < len(filled)]
        if _BULLET.match(s) or (counts[i] >= 2 and counts[i] in near):
            # a list item, or a whole row of a table typed one row per line: not a cell of its own
            pending = ""
            out.append(("", i))
            continue
        if s == "|" and pending:
            out.append((pending, i))
            pending = ""
            continue
        if not any(ch.isalnum() for ch in s):  # a lone pipe or a "|---|---|" rule between rows: no cell
            continue
        if s.endswith("|") and not s.startswith("|"):
            parts = [p.strip() for p in f"{pending} {s}".split("|")[:-1]]
            out.extend((p, i) for p in parts if p)
            pending = ""
            continue
        if pending:
            out.append((pending, i - 1))
        nxt = lines[i + 1].strip() if i + 1 < len(lines) else ""
        if nxt == "|":
            pending = s  # a cell whose closing pipe is on the next line ("Response Time" / "|")
            continue
        pending = ""
        names = glued_header(s)  # column names a page ran together on one line ("Severity levelTarget time")
        if names:
            out.extend((name, i) for name in names)
        else:
            out.append((s, i))
    if pending:
        out.append((pending, len(lines) - 1))
    return out


_CELL_LINES = 8  # lines one pipe-closed cell may run over


def _closed_ahead(lines: list[str], i: int) -> bool:
    """Whether the first line with a pipe after line i, within a few lines and before a blank one,
    closes a cell: a lone pipe, or text ending in a pipe that opens with none."""
    for k in range(i + 1, min(len(lines), i + 1 + _CELL_LINES)):
        s = lines[k].strip()
        if not s:
            return False
        if "|" in s:
            return s == "|" or (s.endswith("|") and not s.startswith("|"))
    return False


def _timed_columns(row: list[tuple[str, int]]) -> frozenset[int]:
    from sla_check.normalize import find_durations

    return frozenset(j for j, (c, _) in enumerate(row) if j and find_durations(c))


def _value_like(cell: str) -> bool:
    """A cell where a time stands that the reader cannot read as one ("24bhs", "N/A", "-"), not text."""
    return len(cell) <= 4 or (any(ch.isdigit() for ch in cell) and len(cell.split()) <= 4)


def _row_label(cell: str) -> bool:
    """A row's opening cell that names a kind of request rather than a level ("New User Setup",
    "Scheduled Maintenance"): a few capitalised words, no figure, no sentence."""
    return _header_like(cell) and len(cell.split()) <= 4 and cell[:1].isupper()


_FIRST_NUMBERS = ("0", "1")  # a ladder numbered from 0 or 1


def _names_levels(name: str, number: str) -> bool:
    """Whether a column name says its numbers are levels: "Priority" over "1" reads as "Priority 1"."""
    from sla_check.normalize import severity_level

    return severity_level(f"{name} {number}") is not None


def _opens_row(cell: str, base: Optional[int], n: int) -> bool:
    """A row's first cell: a level's label, or in a table whose levels are numbers only (base: the first
    row's number), the number of row n: the rows count up ("1", "2", "3"; any other figure is a value)."""
    if base is None:
        return _level(cell)
    return cell == str(base + n)


def _rows_from(cells: list[tuple[str, int]], p: int, width: int) -> int:
    """How many rows of `width` cells start at cell p: each opens with a level (or, between levels, a
    short request-type label) and has its times in the time columns of the first row or to their right
    (a column the first row left as text, "Determined by the event"); a cell that wrapped onto a second
    line shifts the rest, and stops the run. The run ends on its last row that opens with a level."""
    n = last_level = 0
    first: frozenset[int] = frozenset()
    base = int(cells[p][0]) if cells[p][0] in _FIRST_NUMBERS else None  # levels numbered only ("1", "2", ...)
    while p + width <= len(cells) and (_opens_row(cells[p][0], base, n) or (n and base is None and _row_label(cells[p][0]))) \
            and all(len(c) <= _CELL_CHARS for c, _ in cells[p:p + width]) \
            and not any(len(c.split()) == 1 and _level(c) for c, _ in cells[p + 1:p + width]):  # a level one cell on: rows misread
        timed = _timed_columns(cells[p:p + width])
        if n == 0:
            first = timed
            if not first:
                break
        if not all(j >= min(first) for j in timed) or not all(j in timed or _value_like(cells[p + j][0]) for j in first):
            break  # its times elsewhere, or a longer text where the times stand: not the same columns
        n += 1
        if _level(cells[p][0]) or base is not None:
            last_level = n
        p += width
    return last_level


def cell_tables(lines: list[str]) -> list[CellTable]:
    """The one-cell-per-line tables of a page's lines, in order; none overlap."""
    if sum(1 for s in lines if s.strip()) < 6:
        return []
    cells = _cells(lines)
    found: list[CellTable] = []
    p = 0
    while p < len(cells):
        opens_rows = p >= 2 and (_level(cells[p][0]) or cells[p][0] in _FIRST_NUMBERS) and _header_like(cells[p - 1][0])
        shape = _shape_at(cells, p, found[-1].end if found else 0) if opens_rows else None
        if shape is None:
            p += 1
            continue
        rows, named, extra = shape
        spanned = _spanned_at(cells, p, found[-1].end if found else 0, rows)
        if spanned is not None:
            table, p = spanned
            found.append(table)
            continue
        # a first column name that shares its line with text before it is no clean start: no table
        if not (p - named > 0 and cells[p - named - 1][1] == cells[p - named][1]):
            found.append(_with_short_last_row(_table_at(cells, p, shape), cells, p + rows * (named + extra)))
        p += rows * (named + extra)
    return found


def _with_short_last_row(table: CellTable, cells: list[tuple[str, int]], q: int) -> CellTable:
    """The table with the page's last cells from cell q as one more row, padded, when they are a row a
    few empty cells short: they open with a level, hold a time where the rows above do, and nothing
    follows them on the page (a saved page drops the lines of empty cells, and at its end no later row
    can be shifted by that)."""
    rest = cells[q:]
    width = len(table.header)
    first = _timed_columns([(c, 0) for c in table.rows[0]])
    if not 2 <= len(rest) < width or not _level(rest[0][0]) or not first \
            or any(len(c) > _CELL_CHARS or (len(c.split()) == 1 and _level(c)) for c, _ in rest[1:]):
        return table
    timed = _timed_columns(rest)
    if not timed or min(timed) != min(first):
        return table
    row = [c for c, _ in rest] + [""] * (width - len(rest))
    return CellTable(start=table.start, end=rest[-1][1] + 1, header=table.header, rows=table.rows + [row])


def _spanned_rows(cells: list[tuple[str, int]], p: int, width: int) -> list[tuple[str, int]]:
    """(group label, first cell) of each row of `width` cells from cell p, where a label may stand
    before a row's level: the label of a column whose cells span several rows (a request type over
    its levels, "Incident" over "Critical", "High"), which a page's text gives once, before the first
    row of its group. The rows keep their times in the columns of the first row."""
    out: list[tuple[str, int]] = []
    label, q = cells[p - 1][0], p
    first: frozenset[int] = frozenset()
    while q + width <= len(cells):
        if out and not _level(cells[q][0]) and _row_label(cells[q][0]) and q + 1 + width <= len(cells) \
                and _level(cells[q + 1][0]):
            label, q = cells[q][0], q + 1  # the next group's label
        if not _level(cells[q][0]) or any(len(c) > _CELL_CHARS for c, _ in cells[q:q + width]) \
                or any(len(c.split()) == 1 and _level(c) for c, _ in cells[q + 1:q + width]):
            break
        timed = _timed_columns(cells[q:q + width])
        if not out:
            first = timed
            if not first:
                break
        if not all(j >= min(first) for j in timed) or not all(j in timed or _value_like(cells[q + j][0]) for j in first):
            break
        out.append((label, q))
        q += width
    return out


def _spanned_at(cells: list[tuple[str, int]], p: int, since: int, plain_rows: int) -> Optional[tuple[CellTable, int]]:
    """A table whose first column spans rows (see _spanned_rows) with rows from cell p: its column
    names, then the first group's label, then the rows one cell short of the names. Taken only when
    a second group's label shows the shape and it reads more rows than the table without it
    (plain_rows); (the table, the cell after it) or None."""
    if p < 1 or _level(cells[p - 1][0]) or not _row_label(cells[p - 1][0]):
        return None
    best: Optional[tuple[list[tuple[str, int]], int]] = None
    for named in range(3, _MAX_COLUMNS + 1):
        start = p - 1 - named
        if start < 0 or not all(_header_like(c) for c, _ in cells[start:p - 1]) or cells[start][1] < since:
            break
        rows = _spanned_rows(cells, p, named - 1)
        if len({label for label, _ in rows}) >= 2 and len(rows) > plain_rows and (best is None or len(rows) > len(best[0])):
            best = (rows, named)
    if best is None:
        return None
    rows, named = best
    width = named - 1
    header = [c for c, _ in cells[p - 1 - named:p - 1]]
    body = [[label] + [c for c, _ in cells[q:q + width]] for label, q in rows]
    last = rows[-1][1] + width - 1
    table = CellTable(start=cells[p - 1 - named][1], end=cells[last][1] + 1, header=header, rows=body)
    return table, last + 1


def _shape_at(cells: list[tuple[str, int]], p: int, since: int) -> Optional[tuple[int, int, int]]:
    """(rows, named columns, unnamed columns) of the largest table whose rows start at cell p, under
    column names on line `since` or later (the end of the table before it)."""
    best: Optional[tuple[int, int, int]] = None
    for width in range(2, _MAX_COLUMNS + 1):
        if p - width < 0 or not _header_like(cells[p - width][0]) or cells[p - width][1] < since:
            break
        if cells[p][0] in _FIRST_NUMBERS and not _names_levels(cells[p - width][0], cells[p][0]):
            continue  # number-only rows under a first column that does not name levels ("SLA"): no table
        for extra in range(_MAX_UNNAMED + 1):
            # a header cell a page's text lost (a blank column name) or one name over two cells
            # ("Priority | Issue" over "1 | Critical" and its description): the rows are wider
            rows = _rows_from(cells, p, width + extra)
            if rows >= 2:
                if best is None or rows * (width + extra) >= best[0] * (best[1] + best[2]):
                    best = (rows, width, extra)
                break
    return best


def _table_at(cells: list[tuple[str, int]], p: int, shape: tuple[int, int, int]) -> CellTable:
    """The table of `shape` (see _shape_at) whose rows start at cell p."""
    rows, named, extra = shape
    width = named + extra
    body = [[c for c, _ in cells[p + r * width:p + (r + 1) * width]] for r in range(rows)]
    names = [c for c, _ in cells[p - named:p]]
    # unnamed columns stand between the level's and the first timed one (a level's description is the
    # column a page leaves unnamed), the rest at the end: the names after the level's name the times
    lead = min(extra, max(0, min(_timed_columns(cells[p:p + width])) - 1))
    header = names[:1] + [""] * lead + names[1:] + [""] * (extra - lead)
    return CellTable(start=cells[p - named][1], end=cells[p + rows * width - 1][1] + 1, header=header, rows=body)

