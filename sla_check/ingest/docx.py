"""DOCX via python-docx: paragraphs and tables in document order, headings from styles,
the text as Word shows it (docx_xml.py: content controls, tracked changes accepted, clause
numbers Word generates), and rows typed with tabs as tables.

Pages are estimated from the page breaks Word saved (explicit breaks and the
last-rendered breaks); describe() says so.
"""
from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any, Optional, cast

from sla_check.errors import IngestError
from sla_check.ingest.assemble import assemble
from sla_check.ingest.blocks import build_blocks
from sla_check.ingest.docx_xml import (
    W, Numbering, block_elements, cell_text, has_tracked_changes, paragraph_text, text_boxes,
)
from sla_check.ingest.model import Line, PageContent, RawTable
from sla_check.ingest.textnorm import clean
from sla_check.models import Document, ReadWarning

#: a paragraph split by tabs into more cells than this is prose with tab stops, not a table row
_MAX_TAB_CELLS = 8
_HEADING_STYLE = re.compile(r"^(?:heading|berschrift|titre)\s*(\d)$", re.I)


def _page_breaks(element: Any) -> int:
    n = 0
    for el in element.iter(f"{W}br", f"{W}lastRenderedPageBreak"):
        if el.tag == f"{W}lastRenderedPageBreak" or el.get(f"{W}type") == "page":
            n += 1
    return n


def _heading_level(paragraph: Any) -> Optional[int]:
    try:
        name = paragraph.style.name if paragraph.style is not None else ""
    except Exception:
        name = ""
    m = _HEADING_STYLE.match(name or "")
    if m:
        return int(m.group(1))
    return None


def _is_title(paragraph: Any) -> bool:
    try:
        name = paragraph.style.name if paragraph.style is not None else ""
    except Exception:
        name = ""
    return (name or "").lower() in ("title", "subtitle")


def _is_list(paragraph: Any) -> bool:
    ppr = paragraph._p.pPr
    if ppr is not None and ppr.numPr is not None:
        return True
    name = (paragraph.style.name or "") if paragraph.style is not None else ""
    return name.lower().startswith("list")


def _bold(paragraph: Any) -> bool:
    runs = [r for r in paragraph.runs if r.text.strip()]
    return bool(runs) and all(r.bold for r in runs)


def read_docx(path: Path) -> Document:
    try:
        import docx
        from docx.text.paragraph import Paragraph

        document = docx.Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError) as e:
        raise IngestError("corrupt", f"the Word document is damaged and cannot be read ({type(e).__name__})") from e
    except Exception as e:  # lxml / python-docx errors on damaged parts
        raise IngestError("corrupt", f"the Word document is damaged and cannot be read ({type(e).__name__})") from e
    numbering = Numbering.read(document)
    pages: list[PageContent] = [PageContent(number=1)]
    tabbed: list[list[str]] = []  # consecutive tab-aligned paragraphs: rows of a table typed with tabs

    def flush_tabbed() -> None:
        if len(tabbed) >= 2:
            width = max(len(r) for r in tabbed)
            pages[-1].items.append(RawTable(rows=[cast("list[Optional[str]]", r + [""] * (width - len(r))) for r in tabbed]))
        else:
            for cells in tabbed:
                pages[-1].items.append(Line(" ".join(cells), gap_before=True))
        tabbed.clear()

    def add_paragraph(el: Any) -> None:
        p = Paragraph(el, document)
        number, listed = numbering.label(el)
        raw = paragraph_text(el)
        level = _heading_level(p)
        # a paragraph Word numbers ("2.1", "(a)") is a clause, as if its number were typed; bullets are items
        kind = "title" if _is_title(p) else "heading" if level else None if number else \
            ("list_item" if listed or _is_list(p) else None)
        cells = [clean(c) for c in raw.split("\t")]
        if kind is None and number is None and len([c for c in cells if c]) >= 2 and len(cells) <= _MAX_TAB_CELLS:
            tabbed.append([c for c in cells if c])
            return
        flush_tabbed()
        text = clean(raw.replace("\n", " "))
        if text:
            if number:  # the clause number Word draws before the text
                text = f"{number} {text}"
            pages[-1].items.append(Line(text, gap_before=True, kind=kind, level=level, bold=_bold(p)))

    body = document.element.body
    for child in block_elements(body):
        if child.tag == f"{W}p":
            add_paragraph(child)
            for box in text_boxes(child):
                add_paragraph(box)
            for _ in range(_page_breaks(child)):
                flush_tabbed()
                pages.append(PageContent(number=len(pages) + 1))
        else:
            flush_tabbed()
            table = _table(child, document)
            if table is not None:
                pages[-1].items.append(table)
    flush_tabbed()
    while len(pages) > 1 and not pages[-1].items:
        pages.pop()
    if not any(p.items for p in pages):
        raise IngestError("empty", "the Word document has no text")
    doc = assemble(str(path), "docx", "docx", len(pages), build_blocks(pages))
    if has_tracked_changes(body):
        doc.warnings.append(ReadWarning("tracked_changes", "the Word document has tracked changes: it was read as "
                                        "if all of them were accepted (insertions kept, deletions left out)"))
    return doc


def _table(element: Any, document: Any) -> Optional[RawTable]:
    """A Word table's rows; a cell merged across grid columns is read once."""
    from docx.table import Table as DocxTable

    rows = []
    for row in DocxTable(element, document).rows:
        cells, last = [], None
        for cell in row.cells:
            if last is not None and cell._tc is last:
                continue  # a horizontally merged cell is returned once per grid column
            last = cell._tc
            cells.append(clean(cell_text(cell._tc).replace("\n", " ")))
        rows.append(cells)
    rows = [r for r in rows if any(r)]
    if not rows:
        return None
    width = max(len(r) for r in rows)
    return RawTable(rows=[cast("list[Optional[str]]", r + [""] * (width - len(r))) for r in rows])
