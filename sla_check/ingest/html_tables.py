"""HTML tables left as markup in a Markdown or text file (Markdown passes raw HTML through, and pages
saved as Markdown keep the tables a converter could not turn into pipes).

Cells come from <td>/<th>. A cell spanning rows (rowspan) fills the rows below: where a level or a
request type spans its rows, each row keeps it. A cell spanning columns (colspan) leaves its further
columns empty (None, as a merged cell of a PDF table). A header over several rows (<thead>, or the
leading rows of <th> cells) becomes one row, each column named by the names above it ("Response"
over "Office hours" gives "Response Office hours"). The first row is the header when it is made of
<th> cells or sits in <thead>.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Optional

from sla_check.ingest.model import MarkupTable

_OPEN = re.compile(r"<table\b", re.I)
_CLOSE = re.compile(r"</table\s*>", re.I)
_MAX_LINES = 2000
_MAX_SPAN = 50


@dataclass
class _Cell:
    text: list[str] = field(default_factory=list)
    header: bool = False
    colspan: int = 1
    rowspan: int = 1


def _span(value: Optional[str]) -> int:
    try:
        return max(1, min(_MAX_SPAN, int((value or "1").strip())))
    except ValueError:
        return 1


class _Reader(HTMLParser):
    """Rows of cells of the outermost table (a table inside a cell is read as that cell's text)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[_Cell]] = []
        self.head_rows = 0
        self.depth = 0
        self.in_head = False
        self.cell: Optional[_Cell] = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, Optional[str]]]) -> None:
        if tag == "table":
            self.depth += 1
        if self.depth != 1:
            return
        if tag == "thead":
            self.in_head = True
        elif tag == "tr":
            self.rows.append([])
            if self.in_head:
                self.head_rows = len(self.rows)
        elif tag in ("td", "th") and self.rows:
            a = dict(attrs)
            self.cell = _Cell(header=tag == "th", colspan=_span(a.get("colspan")), rowspan=_span(a.get("rowspan")))
            self.rows[-1].append(self.cell)
        elif tag in ("br", "p", "li", "div") and self.cell is not None:
            self.cell.text.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self.depth -= 1
        if self.depth != 1:
            return
        if tag == "thead":
            self.in_head = False
        elif tag in ("td", "th"):
            self.cell = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None and self.depth >= 1:
            self.cell.text.append(data)


def _header_rows(rows: list[list[_Cell]], head_rows: int) -> int:
    """Rows of the header: those in <thead>, else the leading rows made of <th> cells only."""
    if head_rows:
        return head_rows
    n = 0
    while n < len(rows) and rows[n] and all(c.header for c in rows[n]):
        n += 1
    return n


def _joined_header(rows: list[list[_Cell]], n: int) -> list[str]:
    """A header over n rows as one row: each column named by the names above it, top down ("Response
    Office hours" under a "Response" spanning two columns); a name spanning rows counts once."""
    names: dict[int, list[str]] = {}
    below: set[tuple[int, int]] = set()
    for r in range(n):
        col = 0
        for cell in rows[r]:
            while (r, col) in below:
                col += 1
            text = re.sub(r"\s+", " ", "".join(cell.text)).strip()
            for c in range(cell.colspan):
                if text:
                    names.setdefault(col + c, []).append(text)
                for d in range(1, cell.rowspan):
                    below.add((r + d, col + c))
            col += cell.colspan
    width = max(names, default=-1) + 1
    return [" ".join(names.get(j, [])) for j in range(width)]


def _grid(rows: list[list[_Cell]], head_rows: int) -> list[list[Optional[str]]]:
    """The cells laid out on a grid, spans resolved (see the module's docstring); a header over
    several rows is joined into one."""
    n = _header_rows(rows, head_rows)
    if n >= 2:
        body = _grid(rows[n:], 0)
        header: list[Optional[str]] = list(_joined_header(rows, n))
        width = max([len(header)] + [len(r) for r in body])
        return [header + [""] * (width - len(header))] + [r + [""] * (width - len(r)) for r in body]
    grid: list[list[Optional[str]]] = []
    below: dict[tuple[int, int], Optional[str]] = {}  # (row, column) a rowspan above covers
    for r, row in enumerate(rows):
        out: list[Optional[str]] = []
        col = 0
        cells = iter(row)
        while True:
            if (r, col) in below:
                out.append(below.pop((r, col)))
                col += 1
                continue
            cell = next(cells, None)
            if cell is None:
                break
            text = re.sub(r"\s+", " ", "".join(cell.text)).strip()
            for c in range(cell.colspan):
                value = text if c == 0 else None
                out.append(value)
                for d in range(1, cell.rowspan):
                    below[(r + d, col + c)] = value
            col += cell.colspan
        while (r, col) in below:  # spans reaching past the cells this row gave
            out.append(below.pop((r, col)))
            col += 1
        grid.append(out)
    width = max((len(r) for r in grid), default=0)
    return [r + [""] * (width - len(r)) for r in grid if any(c for c in r)]


def read_table(lines: list[str], i: int) -> Optional[MarkupTable]:
    """The HTML table that opens on line i, or None (not closed within reach, or no cells)."""
    if not _OPEN.search(lines[i]):
        return None
    depth = 0
    end = None
    for k in range(i, min(len(lines), i + _MAX_LINES)):
        depth += len(_OPEN.findall(lines[k])) - len(_CLOSE.findall(lines[k]))
        if depth <= 0:
            end = k
            break
    if end is None:
        return None
    reader = _Reader()
    text = "\n".join(lines[i:end + 1])
    reader.feed(text[_OPEN.search(text).start():])  # type: ignore[union-attr]
    reader.close()
    if not reader.rows:
        return None
    grid = _grid(reader.rows, reader.head_rows)
    if not grid or max(len(r) for r in grid) < 2:
        return None
    first = reader.rows[0]
    has_header = (reader.head_rows > 0 or bool(first) and all(c.header for c in first)) and len(grid) > 1
    return MarkupTable(start=i, end=end + 1, rows=grid, has_header=has_header)
