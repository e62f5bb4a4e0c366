"""Lines in reading order -> paragraphs, headings, list items and tables (RawBlocks).

Shared by every reader: PDF lines carry geometry (gaps, short last lines, fonts); text and
DOCX lines carry explicit kinds and blank-line gaps instead.
"""
from __future__ import annotations

import re
from typing import Iterable, Optional, Sequence

from sla_check.ingest.model import Line, PageContent, RawBlock, RawTable
from sla_check.ingest.sections import starts_clause, starts_list_item
from sla_check.ingest.textnorm import Dehyphenator

_ENDS_SENTENCE = re.compile(r"[.:;!?]['\")\]]?$")


def _opens_new(line: Line, prev: Line, block: RawBlock) -> bool:
    if line.kind is not None or block.kind == "heading" or line.gap_before:
        return True
    if starts_list_item(line.text):
        return True
    closed = bool(_ENDS_SENTENCE.search(prev.text))
    if starts_clause(line.text) and (closed or prev.ends_short or block.lines == 1 and prev.bold):
        return True
    if prev.ends_short and (closed or line.text[:1].isupper() or line.text[:1].isdigit()):
        return True
    if prev.size and line.size and abs(prev.size - line.size) > 0.6:
        return True
    if prev.bold and not line.bold and block.lines == 1:
        return True
    return line.bold and not prev.bold and closed


def _continues_across_pages(block: RawBlock, line: Line) -> bool:
    """A paragraph cut by a page break: no sentence end before, lowercase after."""
    return (
        block.kind in ("para", "list_item")
        and line.kind is None
        and not _ENDS_SENTENCE.search(block.text)
        and line.text[:1].islower()
        and not starts_list_item(line.text)
    )


def _borderless(lines: list[Line]) -> RawTable:
    """Consecutive lines split at wide gaps -> a table; cells placed by their x position."""
    widest = max(lines, key=lambda l: len(l.cells or []))
    starts = widest.cell_x or []
    rows: list[list[Optional[str]]] = []
    for line in lines:
        row: list[Optional[str]] = [""] * len(starts)
        for text, x in zip(line.cells or [], line.cell_x or []):
            j = min(range(len(starts)), key=lambda k: abs(starts[k] - x))
            row[j] = f"{row[j]} {text}".strip() if row[j] else text
        rows.append(row)
    first = "".join(c or "" for c in rows[0])
    rest = "".join(c or "" for r in rows[1:] for c in r)
    has_header = not any(ch.isdigit() for ch in first) and any(ch.isdigit() for ch in rest)
    x0 = min(l.x0 for l in lines)
    return RawTable(rows=rows, bbox=(x0, lines[0].top, max(l.x1 for l in lines), lines[-1].bottom), has_header=has_header)


def _group_borderless(items: list[Line | RawTable]) -> list[Line | RawTable]:
    """Runs of two or more gap-split lines in one column become borderless tables."""
    out: list[Line | RawTable] = []
    run: list[Line] = []

    def flush() -> None:
        if len(run) >= 2 and len({len(l.cells or []) for l in run} - {1}) >= 1:
            out.append(_borderless(run))
        else:
            out.extend(run)
        run.clear()

    for item in items:
        if isinstance(item, Line) and item.cells and len(item.cells) >= 2 and item.kind is None and (
            not run or (item.column == run[-1].column and not starts_list_item(item.text))
        ):
            run.append(item)
            continue
        flush()
        out.append(item)
    flush()
    return out


def build_blocks(pages: Sequence[PageContent], dehyphenator: Optional[Dehyphenator] = None) -> list[RawBlock]:
    """Join wrapped lines into paragraphs; split at headings, clauses and list items."""
    if dehyphenator is None:
        dehyphenator = Dehyphenator(_texts(pages))
    out: list[RawBlock] = []
    block: Optional[RawBlock] = None
    prev: Optional[Line] = None
    for page in pages:
        first = True
        for item in _group_borderless(page.items):
            if isinstance(item, RawTable):
                block, prev = None, None
                if len(item.row_pages) != len(item.rows):
                    item.row_pages = [page.number] * len(item.rows)
                out.append(RawBlock(text="", page=page.number, kind="table", table=item, pages=(page.number,)))
                continue
            line = item
            if block is not None and prev is not None:
                same = _continues_across_pages(block, line) if first else not _opens_new(line, prev, block)
                if same:
                    block.text = dehyphenator.join(block.text, line.text)
                    block.lines += 1
                    prev, first = line, False
                    continue
            block = RawBlock(
                text=line.text,
                page=page.number,
                kind=line.kind or "para",
                level=line.level,
                bold=line.bold,
                size=line.size,
                heading_hint=line.kind == "heading",
            )
            out.append(block)
            prev, first = line, False
    return [b for b in out if b.kind == "table" or b.text.strip()]


def _texts(pages: Iterable[PageContent]) -> Iterable[str]:
    for page in pages:
        for item in page.items:
            if isinstance(item, Line):
                yield item.text
