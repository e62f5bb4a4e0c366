"""PDF readers behind one small interface: each yields PageContent (lines + tables) per page.

- "pdfplumber" (the reference): pdfplumber parses every page for glyphs and tables.
- "pdfium" / "auto" (fast): pypdfium2 gives the glyphs and vector paths; on pages whose paths
  form a grid, pdfplumber's own TableFinder recovers the table structure from that geometry
  (ingest/pdfium_tables.py), so no page is parsed twice and pdfminer never runs.

Both hand glyph boxes to layout.order_page, so the two engines yield the same blocks.
"""
from __future__ import annotations

import ctypes
import itertools
import logging
import math
import re
import struct
from collections import deque
from concurrent.futures import Future
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Optional, Protocol, Sequence

from sla_check.errors import IngestError
from sla_check.ingest import ocr
from sla_check.ingest.layout import order_page, stream_marks
from sla_check.ingest.model import BBox, Char, PageContent, RawTable
from sla_check.ingest.pdfium_tables import find_tables, path_edges, table_rows, unseen, white
from sla_check.ingest.textnorm import clean
from sla_check.ingest.turn import Turn, page_turn
from sla_check.models import ReadWarning

log = logging.getLogger(__name__)

BOLD_HINTS = ("bold", "black", "heavy", "semibold", "demi")


class PageSource(Protocol):
    """What the assembler needs from a PDF reader."""

    engine: str
    page_count: int
    ocr: "OcrLog"

    def pages(self) -> Iterator[PageContent]: ...

    def close(self) -> None: ...


def _encrypted(password: Optional[str]) -> IngestError:
    if password:
        return IngestError("encrypted", "the PDF is password-protected and the password given is wrong; try --password again")
    return IngestError("encrypted", "the PDF is password-protected; give its password with --password")


def _corrupt(detail: str) -> IngestError:
    return IngestError("corrupt", f"the PDF is damaged and cannot be read ({detail})")


def check_trailer(path: Path) -> int:
    """A PDF cut short loses its end-of-file marker; readers may silently return fewer pages.
    Returns how many bytes follow the marker when they are more than its usual 4 KB window.

    Bytes after the last marker (padding, a signature block, junk from a mail gateway) are
    common and harmless: the marker is looked for in the whole file, not only its end.
    """
    import mmap

    size = path.stat().st_size
    with open(path, "rb") as fh:
        fh.seek(max(0, size - 4096))
        if b"%%EOF" in fh.read():
            return 0
        with mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as mm:
            at = mm.rfind(b"%%EOF")
            if at >= 0:
                return size - at - 5
    raise IngestError("corrupt", "the PDF is truncated or damaged (its end-of-file marker is missing)")


def _page_failed(number: int, e: BaseException) -> ReadWarning:
    return ReadWarning("page_unreadable", f"page {number} could not be parsed ({type(e).__name__}); its text is missing",
                       number)


# ------------------------------------------------------------------------- tables


def _table_ok(rows: list[list[Optional[str]]]) -> bool:
    """A real table has two or more columns with text, not a box drawn round a paragraph."""
    if not rows:
        return False
    width = max(len(r) for r in rows)
    filled_cols = sum(1 for j in range(width) if any(j < len(r) and (r[j] or "").strip() for r in rows))
    return filled_cols >= 2


def _cell(text: Optional[str]) -> Optional[str]:
    """Clean each line of a cell; keep the line breaks for the assembler to join (it knows the words)."""
    if text is None:
        return None
    return "\n".join(filter(None, (clean(line) for line in text.split("\n"))))


def _on_page(bbox: Any, size: Optional[tuple[float, float]], slack: float = 5.0) -> bool:
    """A table lies on its page; a "table" reaching far past the page's edges is a background
    or clipping rectangle whose lines happen to cross the text (it would swallow the page)."""
    if size is None:
        return True
    x0, top, x1, bottom = (float(v) for v in bbox)
    return x0 >= -slack and top >= -slack and x1 <= size[0] + slack and bottom <= size[1] + slack


def raw_tables(found: Iterator[tuple[Any, list[list[Optional[str]]]]], size: Optional[tuple[float, float]] = None) -> list[RawTable]:
    """(bbox, rows) from a table finder -> RawTables, each cell line cleaned (the assembler joins
    the lines); with the page's (width, height), tables reaching off the page are left out."""
    out = []
    for bbox, extracted in found:
        if not _on_page(bbox, size):
            continue
        rows = [[_cell(c) for c in row] for row in extracted]
        rows = [r for r in rows if any(c for c in r)]
        if _table_ok(rows):
            out.append(RawTable(rows=rows, bbox=tuple(float(v) for v in bbox)))  # type: ignore[arg-type]
    return out


def _unseen_boxes(page: Any) -> set[int]:
    """ids of a pdfplumber page's rectangles filled white without an outline that
    pdfium_tables.unseen finds draw nothing: no table rules."""
    rects = page.rects
    blank = [r for r in rects if r.get("fill") and not r.get("stroke") and white(r.get("non_stroking_color"))]
    if not blank:
        return set()
    ids = {id(r) for r in blank}
    shown = [(o["x0"], o["top"], o["x1"], o["bottom"]) for o in itertools.chain(page.lines, rects, page.curves) if id(o) not in ids]
    hidden = unseen([(r["x0"], r["top"], r["x1"], r["bottom"]) for r in blank], shown)
    return {id(r) for r, h in zip(blank, hidden) if h}


def plumber_tables(page: Any) -> list[RawTable]:
    """Ruled tables on a pdfplumber page."""
    return raw_tables(((t.bbox, table_rows(t)) for t in page.find_tables()), (float(page.width), float(page.height)))


def _open_plumber(path: Path, password: Optional[str]) -> Any:
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    try:
        return pdfplumber.open(path, password=password or "")
    except Exception as e:  # pdfminer raises many types for damaged files
        inner = e.args[0] if e.args and isinstance(e.args[0], BaseException) else e
        if isinstance(inner, PDFPasswordIncorrect) or "password" in type(inner).__name__.lower():
            raise _encrypted(password) from e
        raise _corrupt(type(inner).__name__) from e


# ------------------------------------------------------------------------- pdfplumber engine


_WINANSI_BULLETS = {127, 129, 141, 143, 144, 157}  # PDF spec: unused WinAnsi codes show a bullet


def _glyph(text: str) -> str:
    """pdfminer writes "(cid:N)" for codes it cannot map; resolve the simple-font cases like pdfium."""
    if not text.startswith("(cid:"):
        return text
    try:
        code = int(text[5:-1])
    except ValueError:
        return ""
    if code in _WINANSI_BULLETS:
        return "\u2022"
    return bytes([code]).decode("cp1252", "ignore") if 32 <= code < 256 else ""


class PlumberSource:
    """pdfplumber for text and tables on every page (the reference engine)."""

    engine = "pdfplumber"

    def __init__(self, path: Path, password: Optional[str] = None, ocr: bool = False) -> None:
        self.warnings: list[ReadWarning] = []
        self.pdf = _open_plumber(path, password)
        self.path, self.password = path, password
        self.ocr = OcrLog(enabled=ocr)
        try:
            self.page_count = len(self.pdf.pages)
        except Exception as e:
            self.pdf.close()
            raise _corrupt(type(e).__name__) from e

    def _recognise(self, i: int, width: float, height: float) -> PageContent:
        """OCR of one page (one at a time: this is the reference engine, not the fast one)."""
        import pypdfium2 as pdfium

        recogniser = self.ocr.recogniser()
        if recogniser is None:
            return PageContent(i + 1, width, height)
        doc = pdfium.PdfDocument(str(self.path), password=self.password)
        try:
            page = doc[i]
            try:
                future = recogniser.submit(ocr.prepare(page, i + 1))
            finally:
                page.close()
            return self.ocr.resolve(future)
        finally:
            recogniser.close()
            doc.close()

    def pages(self) -> Iterator[PageContent]:
        for i in range(self.page_count):
            try:
                page = self.pdf.pages[i]
                raw = page.chars
                if self.ocr.needed("".join(_glyph(c["text"]) for c in raw), i + 1, lambda: bool(page.images)):
                    content = self._recognise(i, float(page.width), float(page.height))
                    page.close()
                    yield content
                    continue
                chars = [Char(_glyph(c["text"]), c["x0"], c["top"], c["x1"], c["bottom"], k) for k, c in enumerate(raw)]
                marks = stream_marks(chars)
                # footnote marks glued to words: the table finder reads cells without them;
                # white boxes on white paper draw no rules
                dropped = {id(raw[k]) for k in marks} | _unseen_boxes(page)
                tables = plumber_tables(page.filter(lambda o: id(o) not in dropped) if dropped else page)
            except MemoryError:
                raise
            except Exception as e:  # one bad page: reported, and the others are still read
                log.debug("page %d failed", i + 1, exc_info=True)
                self.warnings.append(_page_failed(i + 1, e))
                yield PageContent(number=i + 1)
                continue
            height, mb_top = page.height, page.mediabox[1]

            def fontinfo(k: int, raw: list[dict[str, Any]] = raw) -> tuple[float, bool, float]:
                c = raw[k]
                name = str(c.get("fontname", "")).lower()
                baseline = height - c["matrix"][5] + mb_top if c.get("matrix") else c["bottom"]
                return float(c.get("size", 0.0)), any(h in name for h in BOLD_HINTS), baseline

            content = order_page(i + 1, float(page.width), float(page.height), chars, tables, fontinfo)
            page.close()
            yield content

    def close(self) -> None:
        self.pdf.close()


# ------------------------------------------------------------------------- pdfium engine


def has_grid(edges: list[dict[str, Any]]) -> bool:
    """Do the page's ruled edges form cells? (from pdfium_tables.path_edges, top-down coordinates)

    A rule under a running header or above a footer is one horizontal line; a table needs
    vertical edges too (lines or rectangle sides) and horizontal ones at two or more heights.
    """
    horizontal: set[int] = set()
    vertical = 0
    for e in edges:
        if e["orientation"] == "h" and e["width"] >= 4:
            horizontal.add(round(e["top"]))
        elif e["orientation"] == "v" and e["height"] >= 4:
            vertical += 1
        if vertical >= 2 and len(horizontal) >= 2:
            return True
    return False



_SOFT_HYPHENS = {0xFFFE: "-", 0x02: "-"}  # pdfium reports a line-end hyphen as a soft hyphen; layout decides
_SKIPPED = "\r\n\x00\uffff"
_SPACE_GLYPHS = " \u00a0\u2002\u2003\u2009"  # a space, or a no-break / en / em / thin space, the PDF draws
_WORD = re.compile(r"[^\s\x00\uffff]+")
#: where two words may touch in pdfium's text with no space between them: a capital after a
#: small letter, figure or closing mark ("ofSupport", "Definitions"), or a letter after a figure
#: ("2.11.1monitor", a clause number run into its text)
_SEAM = re.compile(r"(?<=[a-z0-9.,;:)\]\"'\u201d\u2019])[A-Z]|(?<=[0-9])[a-z]")
_BOX = struct.Struct("4f")


def glyph_boxes(raw_tp: Any, text: str, n: int, mb_top: float, indices: Optional[Iterable[int]] = None) -> list[Char]:
    """Every glyph (or those at `indices`) with its box: what the table finder splits into cells."""
    import pypdfium2.raw as pdfium_c

    same = len(text) == n
    rect = pdfium_c.FS_RECTF()
    loose_box = pdfium_c.FPDFText_GetLooseCharBox
    chars: list[Char] = []
    append = chars.append
    for k in range(n) if indices is None else indices:
        ch = text[k] if same else chr(pdfium_c.FPDFText_GetUnicode(raw_tp, k))
        if ch in "\ufffe\x02":
            ch = "-"
        elif ch in _SKIPPED:
            continue
        elif ch.isspace() and pdfium_c.FPDFText_IsGenerated(raw_tp, k):
            continue  # pdfium's guessed spaces: layout infers spaces itself
        if not loose_box(raw_tp, k, rect):
            continue
        append(Char(ch, rect.left, mb_top - rect.top, rect.right, mb_top - rect.bottom, k))
    return chars


def word_boxes(raw_tp: Any, text: str, mb_top: float) -> list[Char]:
    """Words (runs of glyphs between spaces and line ends) with their boxes, plus real spaces.

    Layout only needs where words start and end, so asking pdfium for two glyph boxes per word
    instead of one per glyph cuts the reading cost about threefold. A word whose first and
    last glyphs don't share a line (pdfium joined two runs) falls back to glyph by glyph.
    A space glyph is kept only where it decides something: between words set so tight that
    the gap alone would not split them, and only if the PDF has it (not one pdfium guessed).
    Some PDFs set the words of a line apart by a gap and no space glyph, a gap narrower than
    pdfium's guess of a space: pdfium then runs them into one word ("Hours ofSupport", "2.11.1monitor"),
    which no phrase or clause number matches. Words with a seam where two words may touch
    are read glyph by glyph, so that layout splits them where the gap is a word space.
    """
    loose_box, is_generated, handle = _fast_text_calls(raw_tp)
    rect = _RECT
    ref = ctypes.byref(rect)
    box = _BOX.unpack_from  # FS_RECTF: left, top, right, bottom (PDF y-up)
    text = text.translate(_SOFT_HYPHENS)
    units: list[Char] = []
    append = units.append
    prev_x1 = prev_mid = None
    seams = [m.start() for m in _SEAM.finditer(text)]
    seams.append(len(text) + 1)
    s = 0  # the next seam at or after the current word
    for m in _WORD.finditer(text):
        a, b = m.span()
        while seams[s] < a:
            s += 1
        if seams[s] < b:  # with the space glyph before it, if the PDF draws one (glyph_boxes drops guessed ones)
            start = a - 1 if a and text[a - 1] in _SPACE_GLYPHS else a
            glyphs = glyph_boxes(raw_tp, text, len(text), mb_top, range(start, b))
            units.extend(glyphs)
            prev_x1, prev_mid = (glyphs[-1].x1, glyphs[-1].top + glyphs[-1].bottom) if glyphs else (None, None)
            continue
        if not loose_box(handle, a, ref):
            units.extend(glyph_boxes(raw_tp, text, len(text), mb_top, range(a, b)))
            prev_x1 = None
            continue
        x0, y_top, x1, y_bottom = box(rect)
        if b - a > 1:
            if not loose_box(handle, b - 1, ref):
                units.extend(glyph_boxes(raw_tp, text, len(text), mb_top, range(a, b)))
                prev_x1 = None
                continue
            _, y_top1, x1, y_bottom1 = box(rect)
            h = y_top - y_bottom
            if y_top1 - y_bottom1 > h:
                h = y_top1 - y_bottom1
            h0, h1 = y_top - y_bottom, y_top1 - y_bottom1
            if abs((y_top + y_bottom) - (y_top1 + y_bottom1)) > 0.9 * (h if h > 1.0 else 1.0) or x1 < x0 \
                    or y_bottom1 - y_bottom > 0.2 * h0 and h1 < 0.85 * h0 or y_bottom - y_bottom1 > 0.2 * h1 and h0 < 0.85 * h1:
                # (or one end set smaller and raised, a footnote mark glued to the word: glyph by
                # glyph, so that layout can leave the mark out)
                units.extend(glyph_boxes(raw_tp, text, len(text), mb_top, range(a, b)))
                prev_x1 = None
                continue
            if y_top1 > y_top:
                y_top = y_top1
            if y_bottom1 < y_bottom:
                y_bottom = y_bottom1
        top, bottom = mb_top - y_top, mb_top - y_bottom
        h = bottom - top
        if (prev_x1 is not None and text[a - 1] in _SPACE_GLYPHS and x0 - prev_x1 <= _TIGHT * h
                and abs(top + bottom - prev_mid) < h):
            if not is_generated(handle, a - 1):
                if loose_box(handle, a - 1, ref):
                    sx0, st, sx1, sb = box(rect)
                    append(Char(" ", sx0, mb_top - st, sx1, mb_top - sb, a - 1))
            elif x0 - prev_x1 >= _GUESSED * h:
                # a space pdfium guessed over a visible gap: in large type the font's line box
                # (h) is much taller than the type, so the gap is under layout's share of h
                append(Char(" ", prev_x1, top, x0, bottom, a - 1))
        append(Char(m.group(), x0, top, x1, bottom, a))
        prev_x1, prev_mid = x1, top + bottom
    return units


def _font_reader(raw_tp: Any, mb_top: float, turn: Optional[Turn] = None) -> Callable[[int], tuple[float, bool, float]]:
    """(size, bold, baseline) of the glyph at an index: asked once per line (the baseline on the
    page as shown when it is turned).

    The size is the one printed on the page: pdfium reports the font's nominal size (the
    "Tf" operand), and many PDFs set it to 1 and scale text with the text matrix (or set 16
    and shrink it), so the nominal size is scaled by the glyph's matrix, as pdfplumber does.
    """
    import pypdfium2.raw as pdfium_c

    _fast_text_calls(raw_tp)
    size_of, font_of, origin_of, matrix_of = _CALLS[2:]
    handle = ctypes.cast(raw_tp, ctypes.c_void_p).value or 0
    buf = ctypes.create_string_buffer(128)
    flags = ctypes.c_int(0)
    x, y = ctypes.c_double(0), ctypes.c_double(0)
    m = pdfium_c.FS_MATRIX()
    flags_ref, x_ref, y_ref, m_ref = ctypes.byref(flags), ctypes.byref(x), ctypes.byref(y), ctypes.byref(m)
    bold_fonts: dict[bytes, bool] = {}  # a page uses a few fonts for all its lines

    def fontinfo(k: int) -> tuple[float, bool, float]:
        size = size_of(handle, k)
        if matrix_of(handle, k, m_ref):
            size *= math.hypot(m.c, m.d)  # the matrix's vertical scale
        font_of(handle, k, buf, 128, flags_ref)
        raw_name = buf.value
        bold = bold_fonts.get(raw_name)
        if bold is None:
            name = raw_name.decode("latin-1", "replace").lower()
            bold = bold_fonts[raw_name] = any(h in name for h in BOLD_HINTS)
        origin_of(handle, k, x_ref, y_ref)
        if turn is not None:
            return float(size), bold, turn.point(x.value, mb_top - y.value)[1]
        return float(size), bold, mb_top - y.value

    return fontinfo


_RECT: Any = None
_CALLS: Any = None
_GUESSED = 0.1  # x glyph height: a gap this wide with a space pdfium guessed in it is a word space
_TIGHT = 0.2  # x glyph height: a gap narrower than this might not split words by itself (layout's is 0.15)


def _fast_text_calls(raw_tp: Any) -> tuple[Any, Any, int]:
    """pdfium's per-glyph calls with plain pointer arguments.

    pypdfium2's bindings type every argument as a pointer class, which costs ~1 us per call
    in conversions; words are looked up thousands of times a page.
    """
    global _RECT, _CALLS
    if _CALLS is None:
        import pypdfium2.raw as pdfium_c

        def plain(func: Any, restype: Any, *argtypes: Any) -> Any:
            """The same C function at the same address, called through a prototype of plain types."""
            address = ctypes.cast(func, ctypes.c_void_p).value
            if not address:
                raise RuntimeError("pdfium function not loaded")
            return ctypes.CFUNCTYPE(restype, *argtypes)(address)

        ptr, idx = ctypes.c_void_p, ctypes.c_int
        box = plain(pdfium_c.FPDFText_GetLooseCharBox, ctypes.c_int, ptr, idx, ptr)
        gen = plain(pdfium_c.FPDFText_IsGenerated, ctypes.c_int, ptr, idx)
        size = plain(pdfium_c.FPDFText_GetFontSize, ctypes.c_double, ptr, idx)
        font = plain(pdfium_c.FPDFText_GetFontInfo, ctypes.c_ulong, ptr, idx, ptr, ctypes.c_ulong, ptr)
        origin = plain(pdfium_c.FPDFText_GetCharOrigin, ctypes.c_int, ptr, idx, ptr, ptr)
        matrix = plain(pdfium_c.FPDFText_GetMatrix, ctypes.c_int, ptr, idx, ptr)
        _RECT, _CALLS = pdfium_c.FS_RECTF(), (box, gen, size, font, origin, matrix)
    handle = ctypes.cast(raw_tp, ctypes.c_void_p).value or 0
    return _CALLS[0], _CALLS[1], handle


def table_glyphs(raw_tp: Any, text: str, mb_top: float, units: list[Char], boxes: list[BBox]) -> list[Char]:
    """Glyph boxes of the words inside the tables (and the spaces before them), nothing else.

    The table finder needs single glyphs to split cell text; the rest of the page is laid out
    from word boxes, so only the tables' few hundred glyphs are asked for one by one.
    """
    starts = {u.index for u in units if _inside_any(u, boxes)}
    indices: list[int] = []
    prev_end = 0
    for m in _WORD.finditer(text):
        a, b = m.span()
        if a in starts:
            indices.extend(range(prev_end, b))
        prev_end = b
    return glyph_boxes(raw_tp, text, len(text), mb_top, indices)


def _inside_any(c: Char, boxes: list[BBox], pad: float = 2.0) -> bool:
    mx, my = (c.x0 + c.x1) / 2, (c.top + c.bottom) / 2
    return any(b[0] - pad <= mx <= b[2] + pad and b[1] - pad <= my <= b[3] + pad for b in boxes)


def _turned(turn: Turn, chars: list[Char], edges: list[dict[str, Any]], glyphs_inside: Callable[[list[BBox]], Sequence[Char]]
            ) -> tuple[list[Char], list[dict[str, Any]], Callable[[list[BBox]], Sequence[Char]]]:
    """Glyphs, paths and the table finder's glyph source of a turned page, as the page is shown
    (the finder's table boxes are turned back to look the glyphs up on the page as drawn)."""
    back = turn.inverse()

    def inside(boxes: list[BBox]) -> Sequence[Char]:
        return [turn.char(c) for c in glyphs_inside([back.box(*b) for b in boxes])]

    return [turn.char(c) for c in chars], [turn.edge(e) for e in edges], inside


class PdfiumSource:
    """pypdfium2 for text and paths; pdfplumber's table finder only on pages with a grid of ruled lines."""

    engine = "pdfium"

    def __init__(self, path: Path, password: Optional[str] = None, ocr: bool = False) -> None:
        import pypdfium2 as pdfium
        import pypdfium2.raw as pdfium_c

        self.path, self.password = path, password
        self.table_pages: list[int] = []
        self.warnings: list[ReadWarning] = []
        self.ocr = OcrLog(enabled=ocr)
        try:
            self.pdf = pdfium.PdfDocument(str(path), password=password)
        except pdfium.PdfiumError as e:
            if getattr(e, "err_code", None) in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
                raise _encrypted(password) from e
            raise _corrupt(str(e).split("(PDFium: ")[-1].rstrip(").") or "unreadable") from e
        self.page_count = len(self.pdf)
        if not pdfium_c.FPDF_DocumentHasValidCrossReferenceTable(self.pdf.raw):
            self.warnings.append(ReadWarning(
                "repaired", "the PDF's index of its contents (cross-reference table) is damaged and was rebuilt: "
                            "pages or text may be missing; check the original"))

    def pages(self) -> Iterator[PageContent]:
        """Pages in order; pages that need OCR are recognised in parallel while later pages are read."""
        recogniser = self.ocr.recogniser()
        pending: deque[PageContent | Future[Any]] = deque()
        try:
            for i in range(self.page_count):
                pending.append(self._page(i, recogniser))
                while pending and (isinstance(pending[0], PageContent) or recogniser is None
                                   or sum(isinstance(p, Future) for p in pending) >= recogniser.workers):
                    yield self.ocr.resolve(pending.popleft())
            while pending:
                yield self.ocr.resolve(pending.popleft())
        finally:
            if recogniser is not None:
                recogniser.close()

    def _page(self, i: int, recogniser: Any) -> PageContent | Future[Any]:
        """One page read from its text layer, or (a future of) its OCR when it has no usable one."""
        try:
            page = self.pdf[i]
            textpage = page.get_textpage()
        except MemoryError:
            raise
        except Exception as e:  # one bad page: reported, and the others are still read
            self.warnings.append(_page_failed(i + 1, e))
            return PageContent(number=i + 1)
        try:
            mb = page.get_mediabox()
            width, height = float(page.get_width()), float(page.get_height())
            mb_top = mb[3]
            n = textpage.count_chars()
            text = textpage.get_text_range()
            if self.ocr.needed(text, i + 1, lambda: ocr.has_image(page)):
                if recogniser is None:
                    return PageContent(i + 1, width, height)
                return recogniser.submit(ocr.prepare(page, i + 1))
            edges = path_edges(page, mb_top, mb[0])  # the page's vector paths, read once
            grid = has_grid(edges)
            raw_tp = textpage.raw
            if len(text) != n:  # pdfium's text and glyph lists disagree: read glyph by glyph
                chars = glyph_boxes(raw_tp, text, n, mb_top)
                def glyphs_inside(boxes: list[BBox], chars: list[Char] = chars) -> Sequence[Char]:
                    return chars
            else:
                chars = word_boxes(raw_tp, text, mb_top)
                def glyphs_inside(boxes: list[BBox], chars: list[Char] = chars) -> Sequence[Char]:  # noqa: F811
                    return table_glyphs(raw_tp, text, mb_top, chars, boxes)
            turn = page_turn(page.get_rotation(), mb)
            finder: Callable[[list[BBox]], Sequence[Char]] = glyphs_inside
            if turn is not None:  # boxes as the page is shown (width and height are already its shown size)
                chars, edges, finder = _turned(turn, chars, edges, glyphs_inside)
            tables = raw_tables(iter(find_tables(width, height, edges, finder)), (width, height)) if grid else []
            if grid:
                self.table_pages.append(i + 1)

            fontinfo = _font_reader(raw_tp, mb_top, turn)

            content = order_page(i + 1, width, height, chars, tables, fontinfo)
        except (IngestError, MemoryError):
            raise
        except Exception as e:  # one bad page: reported, and the others are still read
            log.debug("page %d failed", i + 1, exc_info=True)
            self.warnings.append(_page_failed(i + 1, e))
            content = PageContent(number=i + 1)
        finally:
            textpage.close()
            page.close()
        return content

    def close(self) -> None:
        self.pdf.close()


class OcrLog:
    """Which pages of one PDF needed OCR, which were recognised, and how confidently."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled and ocr.available()
        self.refused = not enabled  # --no-ocr
        self.needed_pages: list[int] = []
        self.confidence: dict[int, float] = {}  # page -> mean word confidence (0-1), recognised pages

    def needed(self, text: str, number: int, has_image: Callable[[], bool]) -> bool:
        """No usable text layer, and something drawn to read (an image, or text in broken fonts)."""
        if not ocr.unusable_text(text) or not (text.strip() or has_image()):
            return False
        self.needed_pages.append(number)
        return True

    def recogniser(self) -> Optional[ocr.Recogniser]:
        return ocr.Recogniser() if self.enabled else None

    def resolve(self, item: PageContent | Future[Any]) -> PageContent:
        if isinstance(item, PageContent):
            return item
        recognised = item.result()
        if recognised.error:
            log.warning("OCR failed on page %d: %s", recognised.number, recognised.error)
        else:
            self.confidence[recognised.number] = recognised.confidence or 0.0
        return ocr.page_content(recognised)


def open_pdf(path: Path, engine: str = "auto", password: Optional[str] = None, ocr: bool = False) -> PageSource:
    """Open with the chosen engine; bad files raise IngestError with the spec's code."""
    trailing = check_trailer(path)
    source: PlumberSource | PdfiumSource
    if engine == "pdfplumber":
        source = PlumberSource(path, password, ocr)
    elif engine in ("auto", "pdfium"):
        source = PdfiumSource(path, password, ocr)
    else:
        raise ValueError(f"unknown engine {engine!r}")
    if trailing:  # what pdfium calls a repair is it looking past the padding for the index
        source.warnings = [w for w in source.warnings if w.code != "repaired"] + [ReadWarning(
            "trailing_data", f"{trailing} bytes after the PDF's end-of-file marker were ignored")]
    return source


def read_pdf(path: Path, engine: str = "auto", password: Optional[str] = None, max_pages: int = 2000,
             ocr: bool = False) -> tuple[Any, int]:
    """(Document, number of non-space characters read, OCR'd pages included): the caller
    decides whether that is too little to call the file readable."""
    from sla_check.ingest.assemble import assemble
    from sla_check.ingest.blocks import build_blocks
    from sla_check.ingest.layout import annotate_spacing, remove_running_lines
    from sla_check.ingest.model import Line

    source = open_pdf(path, engine, password, ocr)
    try:
        if source.page_count == 0:
            raise IngestError("corrupt", "the PDF has no pages")
        if source.page_count > max_pages:
            raise IngestError("too_large", f"the PDF has {source.page_count} pages, over the {max_pages}-page limit (see --max-pages)")
        pages = list(source.pages())
    finally:
        source.close()
    warnings: list[ReadWarning] = list(getattr(source, "warnings", []))
    if warnings and len([w for w in warnings if w.code == "page_unreadable"]) == len(pages):
        raise _corrupt("no page could be parsed")
    per_page = [
        sum(len(item.text.replace(" ", "")) if isinstance(item, Line) else sum(len(c or "") for r in item.rows for c in r)
            for item in page.items)
        for page in pages
    ]
    chars = sum(per_page)
    failed = {w.page for w in warnings}
    if chars:  # a page without text among pages with text: a scanned insert, or text that failed to decode
        warnings += [ReadWarning("page_no_text", f"page {n} has no text layer (an image, a scan or a blank page): "
                                                 "anything written on it was not read", n)
                     for n, c in enumerate(per_page, start=1) if c == 0 and n not in failed]
    removed = remove_running_lines(pages)
    annotate_spacing(pages)
    log.debug("%s: %d pages, %d running header/footer lines removed", path, len(pages), removed)
    doc = assemble(str(path), "pdf", source.engine, len(pages), build_blocks(pages))
    doc.warnings.extend(warnings)
    doc.ocr_confidence = dict(source.ocr.confidence)
    doc.unread_pages = [p for p in source.ocr.needed_pages if p not in source.ocr.confidence]
    if doc.ocr_confidence:
        doc.engine += "+ocr"
    return doc, chars
