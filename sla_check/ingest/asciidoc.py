"""AsciiDoc tables in a text or Markdown file: a `|===` line opens and closes the table, each cell
starts with a pipe ("| Critical", "a| text", "2+| spans"), and a cell runs on over the lines after
it until the next pipe. Documentation sites publish support policies this way; read as plain text,
the level and its times would be separate paragraphs with nothing tying them together.

The column count comes from the `[cols="1,3"]` line above the table, else from the cells on its first
line, else from the cells before its first blank line (a row typed one cell per line). The first row
is a header when the attribute line says so (`options="header"`, `%header`) or, as AsciiDoc reads it,
when the first line holds the whole first row and a blank line follows it.
"""
from __future__ import annotations

import re
from typing import Optional

from sla_check.ingest.model import MarkupTable

DELIMITER = re.compile(r"^\|={3,}\s*$")
_ATTRIBUTES = re.compile(r"^\[(?P<body>[^\]]*)\]\s*$")
_COLS = re.compile(r"\bcols\s*=\s*\"?(?P<spec>[^\",\]]+(?:,[^\",\]]+)*)\"?")
#: a cell's start: a pipe at the line's start or after a space, with an optional cell spec before it
#: ("2+|", "a|", "^.^|"); an escaped pipe ("\|") is text
_CELL = re.compile(r"(?:^|(?<=\s))(?:\d*(?:\.\d+)?[+*])?[<^>]?(?:\.[<^>])?[adehlmsv]?(?<!\\)\|")
_MAX_LINES = 2000  # a table left open runs at most this far before the lines are read as text


def _column_count(spec: str) -> int:
    """Columns a `cols` value names: "1,3" -> 2, "3*" -> 3, "2*,1" -> 3, "4" -> 4."""
    parts = [p.strip() for p in spec.split(",") if p.strip()]
    if len(parts) == 1 and parts[0].isdigit():
        return int(parts[0])
    total = 0
    for p in parts:
        m = re.match(r"^(\d+)\*", p)
        total += int(m.group(1)) if m else 1
    return total


def _split(line: str) -> tuple[str, list[str]]:
    """(text before the first cell start, cells started on this line)."""
    starts = list(_CELL.finditer(line))
    if not starts:
        return line, []
    head = line[:starts[0].start()]
    cells = [line[m.end():(starts[k + 1].start() if k + 1 < len(starts) else len(line))] for k, m in enumerate(starts)]
    return head, cells


def read_table(lines: list[str], i: int) -> Optional[MarkupTable]:
    """The AsciiDoc table whose `|===` line is line i, or None (no closing line, or no cells)."""
    if not DELIMITER.match(lines[i].strip()):
        return None
    close = next((k for k in range(i + 1, min(len(lines), i + _MAX_LINES)) if DELIMITER.match(lines[k].strip())), None)
    if close is None:
        return None
    attrs = ""
    start = i
    if i > 0:
        m = _ATTRIBUTES.match(lines[i - 1].strip())
        if m:
            attrs, start = m.group("body"), i - 1
    cells: list[list[str]] = []  # each cell's lines
    first_line_cells = 0
    before_blank: Optional[int] = None  # cells before the first blank line
    first_row_line: Optional[int] = None
    for k in range(i + 1, close):
        raw = lines[k].strip()
        if not raw:
            if cells and before_blank is None:
                before_blank = len(cells)
            continue
        head, started = _split(raw)
        if head.strip() and cells:
            cells[-1].append(head.strip())
        for c in started:
            cells.append([c.strip()] if c.strip() else [])
        if started and first_row_line is None:
            first_row_line, first_line_cells = k, len(started)
    if not cells:
        return None
    cols = _COLS.search(attrs)
    if cols:
        width = _column_count(cols.group("spec"))
    elif first_line_cells > 1:
        width = first_line_cells
    else:
        width = before_blank or len(cells)
    width = max(1, width)
    texts = [" ".join(c) for c in cells]
    rows = [texts[r:r + width] for r in range(0, len(texts), width)]
    rows[-1] += [""] * (width - len(rows[-1]))
    implicit = first_row_line is not None and first_line_cells == width and first_row_line + 1 < close \
        and not lines[first_row_line + 1].strip()
    has_header = bool(re.search(r"\bheader\b", attrs)) or implicit
    if re.search(r"\bnoheader\b", attrs):
        has_header = False
    return MarkupTable(start=start, end=close + 1, rows=rows, has_header=has_header and len(rows) > 1)
