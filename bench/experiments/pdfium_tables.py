"""Experiment: ruled tables without a pdfplumber parse.

pdfplumber's lattice table finder needs only edges (ruled lines and rectangle sides) and
chars with boxes. pypdfium2 gives both for ~1/50 of the cost of pdfplumber parsing the page
(pdfminer interpretation + per-char objects). So: build those from pypdfium2 and hand them to
pdfplumber's own TableFinder through a minimal page-like object -- the same algorithm and
settings, without pdfminer.

    python bench/experiments/pdfium_tables.py              # 20 corpus SLAs
    python bench/experiments/pdfium_tables.py fixtures/contracts/*.pdf
    python bench/experiments/pdfium_tables.py --ingest [FILES]   # whole load_document, both ways

Compares, on every page where sla_check's has_grid() fires: the tables found (count, bbox
within 2 pt, cell texts after whitespace normalisation) and the time per page of both ways.
Not used by sla-check; evidence for a possible change in sla_check/ingest/pdf.py.
"""
from __future__ import annotations

import glob
import re
import sys
import time
from pathlib import Path
from typing import Any, Optional

import pdfplumber
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pdfplumber.table import TableFinder

HERE = Path(__file__).resolve().parent


class PdfiumPage:
    """Just enough of pdfplumber.Page for TableFinder and Table.extract: edges, chars, bbox."""

    def __init__(self, page: Any, textpage: Any) -> None:
        width, height = float(page.get_width()), float(page.get_height())
        left, bottom, _, top = page.get_mediabox()
        self.bbox = (0.0, 0.0, width, height)
        self.width, self.height = width, height
        self.edges = self._edges(page, top, left)
        self._textpage, self._mb = textpage, (top, left)
        self._chars_cache: Optional[list[dict[str, Any]]] = None

    def find_tables(self, table_settings: Optional[dict] = None) -> list[Any]:
        """pdfplumber.Page.find_tables, so sla_check's plumber_tables() accepts this object."""
        return TableFinder(self, table_settings).tables  # type: ignore[arg-type]

    @property
    def chars(self) -> list[dict[str, Any]]:
        """Built on first use: only pages where the finder found a table pay for char dicts
        (in sla_check's ingest the pdfium chars exist already and could be reused)."""
        if self._chars_cache is None:
            self._chars_cache = self._chars(self._textpage, *self._mb)
        return self._chars_cache

    @staticmethod
    def _edges(page: Any, mb_top: float, mb_left: float) -> list[dict[str, Any]]:
        edges: list[dict[str, Any]] = []
        for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH]):
            try:
                x0, y0, x1, y1 = obj.get_bounds()
            except Exception:
                continue
            x0, x1 = x0 - mb_left, x1 - mb_left
            top, bottom = mb_top - y1, mb_top - y0
            w, h = x1 - x0, bottom - top
            if h <= 2.5 and w > 0:  # a horizontal rule
                mid = (top + bottom) / 2
                edges.append(_edge(x0, x1, mid, mid, "h", "line"))
            elif w <= 2.5 and h > 0:  # a vertical rule
                mid = (x0 + x1) / 2
                edges.append(_edge(mid, mid, top, bottom, "v", "line"))
            else:  # a rectangle: its four sides, as pdfplumber's rect_to_edges does
                edges += [_edge(x0, x1, top, top, "h", "rect_edge"), _edge(x0, x1, bottom, bottom, "h", "rect_edge"),
                          _edge(x0, x0, top, bottom, "v", "rect_edge"), _edge(x1, x1, top, bottom, "v", "rect_edge")]
        return edges

    @staticmethod
    def _chars(textpage: Any, mb_top: float, mb_left: float) -> list[dict[str, Any]]:
        n = textpage.count_chars()
        text = textpage.get_text_range()
        same = len(text) == n
        out = []
        for k in range(n):
            ch = text[k] if same else chr(pdfium_c.FPDFText_GetUnicode(textpage, k))
            if ch in "\r\n\x00\ufffe\uffff" or (ch == " " and pdfium_c.FPDFText_IsGenerated(textpage, k)):
                continue
            l, b, r, t = textpage.get_charbox(k, loose=True)
            top, bottom = mb_top - t, mb_top - b
            out.append({"text": ch, "x0": l - mb_left, "x1": r - mb_left, "top": top, "bottom": bottom,
                        "doctop": top, "upright": True, "width": r - l, "height": bottom - top,
                        "size": bottom - top, "y0": b, "y1": t})
        return out


def _edge(x0: float, x1: float, top: float, bottom: float, orientation: str, kind: str) -> dict[str, Any]:
    return {"x0": x0, "x1": x1, "top": top, "bottom": bottom, "doctop": top, "width": x1 - x0,
            "height": bottom - top, "orientation": orientation, "object_type": kind}


def pdfium_tables(page: Any, textpage: Any, timing: Optional[dict[str, float]] = None) -> list[tuple[tuple[float, ...], list[list[Optional[str]]]]]:
    t0 = time.perf_counter()
    fake = PdfiumPage(page, textpage)
    finder = TableFinder(fake)  # type: ignore[arg-type]  # default settings: lines/lines
    tables = finder.tables
    if not tables:
        return []
    t1 = time.perf_counter()
    chars = fake.chars  # the ingest has these already: timed apart
    t2 = time.perf_counter()
    # Table.extract scans page.chars once per row: give it only the chars inside the tables
    boxes = [t.bbox for t in tables]
    fake._chars_cache = [c for c in chars if any(b[0] <= (c["x0"] + c["x1"]) / 2 < b[2] and b[1] <= (c["top"] + c["bottom"]) / 2 < b[3] for b in boxes)]
    out = [(t.bbox, t.extract()) for t in tables]
    t3 = time.perf_counter()
    if timing is not None:
        timing["tables"] += (t1 - t0) + (t3 - t2)
        timing["chars"] += t2 - t1
    return out


def plumber_tables(ppage: Any) -> list[tuple[tuple[float, ...], list[list[Optional[str]]]]]:
    return [(t.bbox, t.extract()) for t in ppage.find_tables()]


def norm(rows: list[list[Optional[str]]]) -> list[list[str]]:
    return [[re.sub(r"\s+", " ", c or "").strip() for c in row] for row in rows]


def same(a: list, b: list) -> bool:
    if len(a) != len(b):
        return False
    for (ba, ra), (bb, rb) in zip(sorted(a), sorted(b)):
        if any(abs(x - y) > 2 for x, y in zip(ba, bb)) or norm(ra) != norm(rb):
            return False
    return True


def check_ingest(files: list[str]) -> None:
    """sla_check's load_document as it is, and with PdfiumSource._tables reading tables from
    pdfium (PdfiumPage) instead of a pdfplumber parse: same Document? how much faster?"""
    import sla_check.ingest.pdf as pdf_mod
    from sla_check.ingest import load_document

    original = pdf_mod.PdfiumSource._tables
    current: dict[str, Any] = {}

    def pdfium_tables_for(self: Any, index: int) -> Any:
        return pdf_mod.plumber_tables(PdfiumPage(current["page"], current["textpage"]))

    # the ingest calls _tables(i) while page i and its textpage are open: capture them
    real_get = pdfium.PdfDocument.__getitem__
    real_textpage = pdfium.PdfPage.get_textpage

    def get_page(self: Any, i: int) -> Any:
        current["page"] = real_get(self, i)
        return current["page"]

    def get_textpage(self: Any, *a: Any, **kw: Any) -> Any:
        current["textpage"] = real_textpage(self, *a, **kw)
        return current["textpage"]

    def load_all(mode: str) -> tuple[float, list[str], int]:
        pdf_mod.PdfiumSource._tables = original if mode == "pdfplumber" else pdfium_tables_for
        out, pages = [], 0
        t = time.process_time()
        for f in files:
            try:
                doc = load_document(f)
            except Exception as e:  # bad fixtures: compare the error
                out.append(f"{type(e).__name__}: {e}")
                continue
            pages += doc.pages
            out.append(repr((doc.blocks, doc.tables)))
        return time.process_time() - t, out, pages

    pdfium.PdfDocument.__getitem__ = get_page  # type: ignore[method-assign]
    pdfium.PdfPage.get_textpage = get_textpage  # type: ignore[method-assign]
    try:
        load_all("pdfium")  # warm-up
        t_a, a, pages = load_all("pdfplumber")
        t_b, b, _ = load_all("pdfium")
    finally:
        pdf_mod.PdfiumSource._tables = original
        pdfium.PdfDocument.__getitem__ = real_get  # type: ignore[method-assign]
        pdfium.PdfPage.get_textpage = real_textpage  # type: ignore[method-assign]
    same = sum(x == y for x, y in zip(a, b))
    print(f"load_document on {len(files)} files ({pages} pages): identical blocks and tables for {same}/{len(files)}")
    print(f"  CPU ms/page: tables by pdfplumber {1000 * t_a / pages:.1f}; tables from pdfium {1000 * t_b / pages:.1f} "
          f"({t_a / t_b:.2f}x)")
    for f, x, y in zip(files, a, b):
        if x != y:
            print(f"  differs: {f}")


def main() -> None:
    from sla_check.ingest.pdf import has_grid

    if sys.argv[1:2] == ["--ingest"]:
        files = sys.argv[2:] or sorted(glob.glob(str(HERE.parent / "corpus" / "docs" / "sla-*.pdf")))[:20]
        check_ingest(files)
        return

    files = sys.argv[1:] or sorted(glob.glob(str(HERE.parent / "corpus" / "docs" / "sla-*.pdf")))[:20]
    pages = agree = 0
    t_pdfium = t_plumber = 0.0
    diffs = []
    timing = {"tables": 0.0, "chars": 0.0}
    for f in files:
        doc = pdfium.PdfDocument(f)
        plumb = pdfplumber.open(f)
        try:
            for i in range(len(doc)):
                page = doc[i]
                if not has_grid(page):
                    page.close()
                    continue
                t = time.perf_counter()
                textpage = page.get_textpage()
                mine = pdfium_tables(page, textpage, timing)
                t_pdfium += time.perf_counter() - t
                textpage.close()
                page.close()
                t = time.perf_counter()
                ppage = plumb.pages[i]
                ref = plumber_tables(ppage)
                ppage.close()
                t_plumber += time.perf_counter() - t
                pages += 1
                if same(mine, ref):
                    agree += 1
                else:
                    diffs.append((f, i + 1, [norm(r) for _, r in mine], [norm(r) for _, r in ref]))
        finally:
            plumb.close()
            doc.close()
    print(f"{len(files)} files, {pages} grid pages: identical tables on {agree}")
    if pages:
        print(f"pdfplumber find_tables+extract: {1000 * t_plumber / pages:.1f} ms/page; "
              f"pypdfium2 edges+chars -> pdfplumber TableFinder: {1000 * t_pdfium / pages:.1f} ms/page "
              f"({t_plumber / max(t_pdfium, 1e-9):.1f}x faster; the pdfium figure includes its char extraction, "
              f"which the ingest already does for the text)")
        print(f"  of which building char dicts (the ingest has its chars already): {1000 * timing['chars'] / pages:.1f} ms/page; "
              f"edges + TableFinder + extract: {1000 * timing['tables'] / pages:.1f} ms/page "
              f"({t_plumber / max(timing['tables'], 1e-9):.0f}x less than pdfplumber)")
    for f, p, mine, ref in diffs[:5]:
        print(f"DIFF {f} page {p}\n  pdfium: {mine}\n  plumber: {ref}")


if __name__ == "__main__":
    main()
