"""RawBlocks -> models.Document: sections assigned, tables expanded into row blocks."""
from __future__ import annotations

import re
from typing import Optional, Sequence

from sla_check.ingest.guard import tame_blocks
from sla_check.ingest.model import RawBlock
from sla_check.ingest.sections import assign
from sla_check.ingest.textnorm import Dehyphenator
from sla_check.ingest.tables import join_header_rows, join_split_header, merge_continued, row_text, take_caption, to_table
from sla_check.models import Block, Document, Section

_CAPTION = re.compile(r"^(table|figure)\s+\d", re.I)


def _title(blocks: Sequence[RawBlock], kinds: Sequence[str], i: int) -> Optional[str]:
    """The table's own caption row, or the heading or caption line just above table i (same or previous page)."""
    own = blocks[i].table
    if own is not None and own.caption:
        return own.caption
    if i == 0:
        return None
    prev = blocks[i - 1]
    if prev.kind == "table":
        return None
    text = prev.text.strip()
    short = prev.lines <= 2 and len(text.split()) <= 15 and not text.endswith((".", ";"))
    if kinds[i - 1] == "heading" or _CAPTION.match(text) or (kinds[i - 1] == "para" and short):
        return text
    return None


def _join_cells(raw: list[RawBlock]) -> None:
    """Multi-line cells -> one line, joining words a narrow column broke (using the document's words)."""
    corpus = [b.text for b in raw if b.kind != "table"]
    corpus += [c for b in raw if b.table is not None for r in b.table.rows for c in r if c and "\n" not in c]
    dh = Dehyphenator(corpus)
    for b in raw:
        if b.table is None:
            continue
        for r in b.table.rows:
            for j, c in enumerate(r):
                if c and "\n" in c:
                    lines = c.split("\n")
                    text = lines[0]
                    for line in lines[1:]:
                        text = dh.join_cell(text, line)
                    r[j] = text


def assemble(path: str, fmt: str, engine: str, pages: int, raw: list[RawBlock]) -> Document:
    raw = join_split_header(raw)
    for b in raw:
        if b.table is not None:
            take_caption(b.table)
            join_header_rows(b.table)
    raw = merge_continued(raw)
    _join_cells(raw)
    decided = assign(raw)
    doc = Document(path=path, format=fmt, pages=pages, engine=engine)
    kinds = [d.kind for d in decided]
    for i, (rb, d) in enumerate(zip(raw, decided)):
        if d.starts is not None:
            number, title = d.starts
            doc.sections.append(Section(number=number, title=title, page=rb.page, block_index=len(doc.blocks)))
        if rb.kind != "table" or rb.table is None:
            text = rb.text.strip()
            lead = len(rb.text) - len(rb.text.lstrip())
            breaks = tuple((max(0, o - lead), p) for o, p in rb.page_breaks)
            doc.blocks.append(Block(text=text, page=rb.page, section=d.section, kind=d.kind, page_breaks=breaks))
            continue
        raw_rows = rb.table.rows
        table = to_table(rb.table, rb.page, rb.pages, _title(raw, kinds, i))
        table_id = len(doc.tables)
        doc.tables.append(table)
        row_pages = rb.table.row_pages[1:] if rb.table.has_header else rb.table.row_pages
        for cells, page in zip(table.rows, row_pages or [rb.page] * len(raw_rows)):
            text = row_text(cells, table.header)
            if text:
                doc.blocks.append(Block(text=text, page=page, section=d.section, kind="table_row",
                                        table_id=table_id, cells=cells, header=table.header or None))
        if not table.rows and table.header:  # a one-row table: keep its text
            doc.blocks.append(Block(text=" | ".join(c for c in table.header if c), page=rb.page, section=d.section,
                                    kind="table_row", table_id=table_id, cells=table.header, header=None))
    doc.blocks, doc.warnings = tame_blocks(doc.blocks)  # nothing spaCy would choke on
    return doc

