"""Human-readable dump of what ingestion read (`sla-check show FILE`)."""
from __future__ import annotations

from typing import Optional

from sla_check.models import Document


def describe(document: Document, page: Optional[int] = None) -> str:
    """Pages, sections, tables and blocks with their page/section/kind."""
    out: list[str] = []
    pages_note = ""
    if document.format == "docx":
        pages_note = " (estimated from page breaks saved in the file)"
    out.append(f"File:     {document.path}")
    out.append(f"Format:   {document.format}  engine: {document.engine}")
    out.append(f"Pages:    {document.pages}{pages_note}")
    out.append(f"Blocks:   {len(document.blocks)}   Sections: {len(document.sections)}   Tables: {len(document.tables)}")
    if document.ocr_confidence:
        read = ", ".join(f"{p} ({c:.0%})" for p, c in sorted(document.ocr_confidence.items()))
        out.append(f"OCR:      page (confidence) {read}")
    if document.unread_pages:
        out.append(f"Unread:   pages {', '.join(map(str, document.unread_pages))} are scans (OCR off or not installed)")
    if page is not None:
        out.append(f"Showing page {page} only")
    out.append("")
    sections = [s for s in document.sections if page is None or s.page == page]
    out.append(f"Sections ({len(sections)}):")
    for s in sections:
        number = f"{s.number}  " if s.number else ""
        out.append(f"  p{s.page:<4} {number}{s.title}")
    out.append("")
    tables = [(i, t) for i, t in enumerate(document.tables) if page is None or page in (t.pages or (t.page,))]
    out.append(f"Tables ({len(tables)}):")
    for i, t in tables:
        span = ", ".join(str(p) for p in (t.pages or (t.page,)))
        out.append(f"  table {i}  page(s) {span}  {len(t.rows)} rows" + (f"  title: {t.title}" if t.title else ""))
        if t.header:
            out.append("    header: " + " | ".join(t.header))
        for row in t.rows:
            out.append("    row:    " + " | ".join(row))
    out.append("")
    out.append("Blocks:")
    for i, b in enumerate(document.blocks):
        if page is not None and b.page != page:
            continue
        where = f"p{b.page} \u00a7{b.section}" if b.section else f"p{b.page}"
        extra = f" t{b.table_id}" if b.table_id is not None else ""
        out.append(f"  [{i}] {where} {b.kind}{extra}: {b.text}")
    return "\n".join(out)
