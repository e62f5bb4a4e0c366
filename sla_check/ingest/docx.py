"""DOCX via python-docx: paragraphs and tables in document order, headings from styles.

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
from sla_check.ingest.model import Line, PageContent, RawTable
from sla_check.ingest.textnorm import clean
from sla_check.models import Document

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
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
        from docx.table import Table as DocxTable
        from docx.text.paragraph import Paragraph

        document = docx.Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError) as e:
        raise IngestError("corrupt", f"the Word document is damaged and cannot be read ({type(e).__name__})") from e
    except Exception as e:  # lxml / python-docx errors on damaged parts
        raise IngestError("corrupt", f"the Word document is damaged and cannot be read ({type(e).__name__})") from e
    pages: list[PageContent] = [PageContent(number=1)]
    body = document.element.body
    for child in body.iterchildren():
        if child.tag == f"{W}p":
            p = Paragraph(child, document)
            text = clean(p.text.replace("\n", " "))
            breaks = _page_breaks(child)
            if text:
                level = _heading_level(p)
                kind = "title" if _is_title(p) else "heading" if level else ("list_item" if _is_list(p) else None)
                pages[-1].items.append(Line(text, gap_before=True, kind=kind, level=level, bold=_bold(p)))
            for _ in range(breaks):
                pages.append(PageContent(number=len(pages) + 1))
        elif child.tag == f"{W}tbl":
            t = DocxTable(child, document)
            rows = []
            for row in t.rows:
                cells, last = [], None
                for cell in row.cells:
                    if last is not None and cell._tc is last:
                        continue  # a horizontally merged cell is returned once per grid column
                    last = cell._tc
                    cells.append(clean(cell.text.replace("\n", " ")))
                rows.append(cells)
            rows = [r for r in rows if any(r)]
            if rows:
                width = max(len(r) for r in rows)
                padded = [cast("list[Optional[str]]", r + [""] * (width - len(r))) for r in rows]
                pages[-1].items.append(RawTable(rows=padded))
    while len(pages) > 1 and not pages[-1].items:
        pages.pop()
    if not any(p.items for p in pages):
        raise IngestError("empty", "the Word document has no text")
    return assemble(str(path), "docx", "docx", len(pages), build_blocks(pages))
