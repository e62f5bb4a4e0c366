"""reStructuredText tables in a text file: grid tables ("+----+----+" borders, "| cell |" lines, a
"+====+" line under the header) and simple tables ("=====  =====" borders, columns where the border's
runs of "=" are). Documentation sites publish support policies this way; read line by line, the
borders became rows of their own and a cell over two lines became two rows.

Columns come from the border lines, so a cell's text is cut where the table's own ruling puts it, and
a cell that runs over several lines is one cell: in a grid table the lines between two borders are one
row; in a simple table a line whose first column is blank continues the row above it.
"""
from __future__ import annotations

import re
from typing import Optional

from sla_check.ingest.model import MarkupTable

_GRID_BORDER = re.compile(r"^\+(?:[-=]+\+){2,}\s*$")
_SIMPLE_BORDER = re.compile(r"^=+(?: +=+)+\s*$")
_MAX_LINES = 2000


def _cut(line: str, edges: list[tuple[int, int]]) -> list[str]:
    return [line[a:b].strip() for a, b in edges]


def _grid(lines: list[str], i: int) -> Optional[MarkupTable]:
    border = lines[i].rstrip()
    plus = [k for k, ch in enumerate(border) if ch == "+"]
    edges = [(a + 1, b) for a, b in zip(plus, plus[1:])]
    rows: list[list[str]] = []
    cell_lines: list[list[str]] = [[] for _ in edges]
    header_rows = 0
    k = i + 1
    end = None
    while k < min(len(lines), i + _MAX_LINES):
        line = lines[k].rstrip()
        if _GRID_BORDER.match(line) and len(line) == len(border):
            if any(cell_lines):
                rows.append([" ".join(c) for c in cell_lines])
            cell_lines = [[] for _ in edges]
            if "=" in line:
                header_rows = len(rows)
            end = k + 1
            k += 1
            continue
        if not (line.startswith("|") and len(line) >= len(border) - 1 and all(line[p] == "|" for p in plus if p < len(line))):
            break
        for j, text in enumerate(_cut(line, edges)):
            if text:
                cell_lines[j].append(text)
        k += 1
    if end is None or not rows:
        return None
    if header_rows > 1:  # a header over several rows: one name per column
        rows = [[" ".join(c for c in col if c) for col in zip(*rows[:header_rows])]] + rows[header_rows:]
    return MarkupTable(start=i, end=end, rows=rows, has_header=header_rows > 0 and len(rows) > 1)


def _simple(lines: list[str], i: int) -> Optional[MarkupTable]:
    border = lines[i].rstrip()
    edges = [(m.start(), m.end()) for m in re.finditer(r"=+", border)]
    edges = [(a, edges[j + 1][0] if j + 1 < len(edges) else 10**6) for j, (a, _) in enumerate(edges)]
    borders = [i]
    body: list[tuple[int, str]] = []
    k = i + 1
    while k < min(len(lines), i + _MAX_LINES):
        line = lines[k].rstrip()
        if not line.strip():
            break
        if _SIMPLE_BORDER.match(line):
            borders.append(k)
        else:
            body.append((k, line))
        k += 1
    if len(borders) < 2 or not body:
        return None
    last = borders[-1]
    header_end = borders[1] if len(borders) >= 3 else None
    rows: list[list[str]] = []
    header: list[str] = []
    for k, line in body:
        if k > last:
            return None  # text after the closing border: not a table this reader knows
        cells = _cut(line, edges)
        if header_end is not None and k < header_end:
            header = [f"{h} {c}".strip() for h, c in zip(header, cells)] if header else cells
            continue
        if rows and not cells[0]:
            rows[-1] = [f"{a} {b}".strip() for a, b in zip(rows[-1], cells)]  # a continuation line
        else:
            rows.append(cells)
    if not rows:
        return None
    return MarkupTable(start=i, end=last + 1, rows=([header] if header else []) + rows, has_header=bool(header))


def read_table(lines: list[str], i: int) -> Optional[MarkupTable]:
    """The reStructuredText table whose top border is line i, or None."""
    line = lines[i].rstrip()
    if _GRID_BORDER.match(line):
        return _grid(lines, i)
    if _SIMPLE_BORDER.match(line):
        return _simple(lines, i)
    return None
