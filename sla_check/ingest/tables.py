"""Tables: continuation across page breaks, filled-down merged cells, titles, row blocks."""
from __future__ import annotations

import re
from typing import Optional, Sequence

from sla_check.ingest.model import RawBlock, RawTable
from sla_check.models import Table


def _norm(row: Sequence[Optional[str]]) -> tuple[str, ...]:
    return tuple(re.sub(r"\s+", " ", (c or "")).strip().lower() for c in row)


_DIGIT = re.compile(r"\d")


def take_caption(table: RawTable) -> None:
    """A first row holding one cell that spans the table (the other cells merged into it) over a
    row of column names is the table's caption, not its header: "Table 1: Standard Plan Targets"
    over "Severity | Response | Resolution". Taken off into `caption`, the names become the header.

    The row below must name columns (two or more cells, no figures), so a spanning group label
    over rows of data stays a row. Done before tables are joined across pages, whose repeated
    header is then the column names.
    """
    rows = table.rows
    if not table.has_header or len(rows) < 3 or len(rows[0]) < 2:
        return
    filled = [j for j, c in enumerate(rows[0]) if (c or "").strip()]
    rest = [c for j, c in enumerate(rows[0]) if j not in filled]
    if len(filled) != 1 or not (all(c is None for c in rest) or len(rows[0]) >= 3 and not any(rest)):
        return
    names = [c for c in rows[1] if (c or "").strip()]
    if len(names) < 2 or any(_DIGIT.search(c or "") for c in rows[1]):
        return
    table.caption = re.sub(r"\s+", " ", rows[0][filled[0]] or "").strip()
    table.rows = rows[1:]
    table.row_pages = table.row_pages[1:]


def join_header_rows(table: RawTable) -> None:
    """A header over two ruled rows: one group name spanning several columns ("Target Time" over
    "Response | Resolution"), the corner cell spanning both rows ("Priority"). The second row read
    as the first row of data, under a header whose columns named no kind. The two rows become one
    header, each column named by the group above it and its own name ("Target Time Resolution").
    A header naming two or more plans over their kinds is left as it is, for the reader of plan
    columns to keep each plan as the scope of its columns."""
    rows = table.rows
    if not table.has_header or len(rows) < 3 or len(rows[0]) < 3 or len(rows[1]) != len(rows[0]):
        return
    top, names = rows[0], rows[1]
    groups = [j for j in range(1, len(top)) if (top[j] or "").strip()]
    if len(groups) != 1:
        return
    g = groups[0]
    span = g + 1
    while span < len(top) and top[span] is None:
        span += 1
    if span == g + 1 or names[0] not in (None, "") or any(_DIGIT.search(c or "") for c in names):
        return
    if sum(1 for c in names if (c or "").strip()) < 2:
        return
    group = re.sub(r"\s+", " ", top[g] or "").strip()
    header: list[Optional[str]] = []
    for j, (upper, lower) in enumerate(zip(top, names)):
        above = group if g <= j < span else (upper or "")
        header.append(" ".join(p for p in (above.strip(), (lower or "").strip()) if p))
    table.rows = [header] + rows[2:]
    table.row_pages = table.row_pages[:1] + table.row_pages[2:]


def join_split_header(blocks: list[RawBlock], gap: float = 24.0, slack: float = 3.0) -> list[RawBlock]:
    """A one- or two-row ruled table right above another of as many columns and the same width
    is that table's header drawn as a box of its own (a header bar set a few points apart):
    one table, so the names head the rows instead of the first row of figures."""
    out: list[RawBlock] = []
    for b in blocks:
        prev = out[-1] if out else None
        if (
            b.kind == "table" and b.table is not None and prev is not None and prev.kind == "table"
            and prev.table is not None and prev.page == b.page and len(prev.pages) <= 1 and len(prev.table.rows) <= 2
            and len(prev.table.rows[0]) == len(b.table.rows[0])
            and sum(1 for c in prev.table.rows[-1] if (c or "").strip()) >= 2
            and abs(prev.table.bbox[0] - b.table.bbox[0]) <= slack and abs(prev.table.bbox[2] - b.table.bbox[2]) <= slack
            and 0 <= b.table.bbox[1] - prev.table.bbox[3] <= gap
        ):
            up, low = prev.table, b.table
            pages = (up.row_pages or [prev.page] * len(up.rows)) + (low.row_pages or [b.page] * len(low.rows))
            prev.table = RawTable(rows=up.rows + low.rows, bbox=(up.bbox[0], up.bbox[1], low.bbox[2], low.bbox[3]),
                                  has_header=True, row_pages=pages)
            continue
        out.append(b)
    return out


def merge_continued(blocks: list[RawBlock]) -> list[RawBlock]:
    """A table that starts a page and continues the table that ended the previous page
    (repeated header row, or the same number of columns) becomes one table; so does one that
    starts an original page printed mid-sheet right after the table that ended the last."""
    out: list[RawBlock] = []
    for b in blocks:
        prev = out[-1] if out else None
        if (
            b.kind == "table" and b.table is not None and prev is not None and prev.kind == "table"
            and prev.table is not None
            and (b.page == prev.pages[-1] + 1 or b.table.after_break and b.page == prev.pages[-1])
            and len(b.table.rows[0]) == len(prev.table.rows[0])
        ):
            rows, pages = b.table.rows, b.table.row_pages
            if prev.table.has_header and _norm(rows[0]) == _norm(prev.table.rows[0]):
                rows, pages = rows[1:], pages[1:]
            prev.table = RawTable(rows=prev.table.rows + rows, bbox=prev.table.bbox,
                                  has_header=prev.table.has_header, row_pages=prev.table.row_pages + pages)
            prev.pages = prev.pages + (b.page,) if b.page != prev.pages[-1] else prev.pages
            continue
        out.append(b)
    return out


def fill_down(rows: list[list[Optional[str]]]) -> list[tuple[str, ...]]:
    """Blank first-column cells (merged down) take the label of the row above."""
    out: list[tuple[str, ...]] = []
    for row in rows:
        cells = [c or "" for c in row]
        if out and not cells[0] and any(cells[1:]):
            cells[0] = out[-1][0]
        out.append(tuple(cells))
    return out


def row_text(cells: Sequence[str], header: Sequence[str]) -> str:
    """ "Priority 1 | Response time: 15 minutes | Resolution time: 4 hours" """
    parts = []
    for j, cell in enumerate(cells):
        if not cell:
            continue
        name = header[j] if j < len(header) else ""
        parts.append(f"{name}: {cell}" if j > 0 and name else cell)
    return " | ".join(parts)


def to_table(raw: RawTable, page: int, pages: tuple[int, ...], title: Optional[str]) -> Table:
    """A Table; a lone row is a row of content, not a header over nothing (the same table read
    from text has no header either)."""
    rows = fill_down(raw.rows)
    if raw.has_header and len(rows) > 1:
        header, body = rows[0], rows[1:]
    else:
        header, body = (), rows
    return Table(page=page, header=header, rows=tuple(body), title=title, pages=pages or (page,))


