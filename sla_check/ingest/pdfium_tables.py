"""Ruled tables from what pypdfium2 already read, found by pdfplumber's own table finder.

pdfplumber's lattice finder needs only edges (ruled lines, rectangle sides) and glyph boxes.
Parsing a page with pdfplumber to get them costs ~220 ms (pdfminer plus per-char objects);
pypdfium2 gives the same geometry for a few ms. So the fast engine hands pdfplumber's
`TableFinder` a small page-like object built from pypdfium2's paths and the glyphs the reader
has already collected: the same algorithm and settings, without a second parse of the page.
(Checked on every fixture and benchmark page: the same tables as a pdfplumber parse;
tests/test_ingest_fixtures.py compares the two engines.)
"""
from __future__ import annotations

import ctypes
from typing import Any, Callable, Iterator, Optional, Sequence, Union

from sla_check.ingest.layout import SPACE_GAP, stream_marks
from sla_check.ingest.model import Char

#: glyphs, or a function from table boxes to the glyphs inside them (read only when needed)
GlyphSource = Union[Sequence[Char], Callable[[list[tuple[float, float, float, float]]], Sequence[Char]]]

_RULE = 2.5  # a path thinner than this (pt) is a ruled line, not a box

#: how Table.extract splits a cell's glyphs into words: at a gap wider than SPACE_GAP x the glyph's
#: size, as layout splits the page's lines. pdfplumber's default is a fixed 3 pt, which runs the
#: words of a cell together ("4Hours") when the PDF draws no space glyphs and sets a word gap of
#: 2-3 pt (a 10 pt font's space is 2.5-2.8 pt).
CELL_TEXT: dict[str, Any] = {"x_tolerance_ratio": SPACE_GAP}


def edge(x0: float, x1: float, top: float, bottom: float, orientation: str, kind: str) -> dict[str, Any]:
    """One edge as pdfplumber's table finder takes it (top-down points); OCR makes them from scanned rules too."""
    return {"x0": x0, "x1": x1, "top": top, "bottom": bottom, "doctop": top, "width": x1 - x0,
            "height": bottom - top, "orientation": orientation, "object_type": kind}


Box = tuple[float, float, float, float]

#: an affine map (a, b, c, d, e, f) as PDF writes it: x' = a x + c y + e, y' = b x + d y + f
Affine = tuple[float, float, float, float, float, float]


def _then(inner: Affine, outer: Optional[Affine]) -> Affine:
    """`inner` followed by `outer` (a form drawn inside another form)."""
    if outer is None:
        return inner
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _mapped(box: Box, m: Affine) -> Box:
    """The bounds (left, bottom, right, top) of a box after an affine map."""
    x0, y0, x1, y1 = box
    a, b, c, d, e, f = m
    xs = [a * x + c * y + e for x in (x0, x1) for y in (y0, y1)]
    ys = [b * x + d * y + f for x in (x0, x1) for y in (y0, y1)]
    return min(xs), min(ys), max(xs), max(ys)


def _path_objects(page: Any, form: Any = None, level: int = 0, max_depth: int = 15,
                  placed: Optional[Affine] = None) -> Iterator[tuple[Any, Optional[Affine]]]:
    """Raw handles of the page's path objects, nested forms included, in page.get_objects' order,
    each with the map from its form's space to the page (None on the page itself).

    pdfium gives a path's bounds in the space of the form (XObject) that holds it; a form is
    placed on the page by its own matrix (often a scale and a shift, as when a document was
    printed to fit a sheet), so a table drawn inside one is only where the text is once that
    matrix is applied. page.get_objects builds a helper object for every page object, text runs
    included (most of a prose page's objects), only for most of them to be filtered out; asking
    pdfium for each object's type first skips that.
    """
    import pypdfium2.raw as pdfium_c
    from pypdfium2 import PdfiumError

    if form is None:
        parent, count, get = page.raw, pdfium_c.FPDFPage_CountObjects, pdfium_c.FPDFPage_GetObject
    else:
        parent, count, get = form, pdfium_c.FPDFFormObj_CountObjects, pdfium_c.FPDFFormObj_GetObject
    n = count(parent)
    if n < 0:
        raise PdfiumError("Failed to get number of pageobjects.")
    for i in range(n):
        obj = get(parent, i)
        if not obj:
            raise PdfiumError("Failed to get pageobject.")
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
            yield obj, placed
        elif kind == pdfium_c.FPDF_PAGEOBJ_FORM and level < max_depth - 1:
            m = pdfium_c.FS_MATRIX()
            inner: Optional[Affine] = placed
            if pdfium_c.FPDFPageObj_GetMatrix(obj, m):
                own = (m.a, m.b, m.c, m.d, m.e, m.f)
                if own != (1.0, 0.0, 0.0, 1.0, 0.0, 0.0) or placed is not None:
                    inner = _then(own, placed)
            yield from _path_objects(page, obj, level + 1, max_depth, inner)
        elif kind == pdfium_c.FPDF_PAGEOBJ_UNKNOWN:
            raise PdfiumError("Failed to determine pageobject type.")


_WHITE = 0.98  # a colour component this light (0-1) is paper white


def white(color: Any) -> bool:
    """Is a fill colour paper white? Gray (1 value), RGB (3) or CMYK (4, all ink near zero);
    anything else (a pattern, no colour given) counts as ink."""
    if isinstance(color, (int, float)):
        color = (color,)
    if not isinstance(color, (tuple, list)) or not color or not all(isinstance(v, (int, float)) for v in color):
        return False
    if len(color) == 4:
        return all(v <= 1 - _WHITE for v in color)
    return len(color) in (1, 3) and all(v >= _WHITE for v in color)


def unseen(blank: Sequence[Box], shown: Sequence[Box], slack: float = 2.0) -> list[bool]:
    """Which white boxes (filled white, no outline) draw nothing that matters: on white paper a
    white box draws no rule, and a producer that shades each paragraph white would otherwise
    join the text after a table into it. White boxes within the reach of the page's visible
    paths (ruled lines, outlines, inked fills) stay: there they are the cells of a table whose
    rules are drawn only in part, or white cells on a dark ground."""
    bands: list[list[float]] = []  # [x0, top, x1, bottom] of visible paths that overlap vertically
    for x0, top, x1, bottom in sorted(shown, key=lambda b: b[1]):
        if bands and top <= bands[-1][3] + slack:
            band = bands[-1]
            band[0], band[2], band[3] = min(band[0], x0), max(band[2], x1), max(band[3], bottom)
        else:
            bands.append([x0, top, x1, bottom])
    return [not any(i[0] - slack <= b[0] and i[1] - slack <= b[1] and b[2] <= i[2] + slack and b[3] <= i[3] + slack
                    for i in bands) for b in blank]


def path_edges(page: Any, mb_top: float, mb_left: float) -> list[dict[str, Any]]:
    """Edges of every vector path on the page, in pdfplumber's top-down coordinates; boxes
    filled white with no outline are left out when nothing inked lies under them (unseen)."""
    import pypdfium2.raw as pdfium_c

    edges: list[dict[str, Any]] = []
    blank: list[Box] = []
    shown: list[Box] = []
    left, bottom_, right, top_ = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    fill_mode, stroked = ctypes.c_int(), ctypes.c_int()
    r, g, b, a = ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint()
    for obj, placed in _path_objects(page):
        if not pdfium_c.FPDFPageObj_GetBounds(obj, left, bottom_, right, top_):
            continue
        x0, y0, x1, y1 = left.value, bottom_.value, right.value, top_.value
        if placed is not None:
            x0, y0, x1, y1 = _mapped((x0, y0, x1, y1), placed)
        x0, x1 = x0 - mb_left, x1 - mb_left
        top, bottom = mb_top - y1, mb_top - y0
        w, h = x1 - x0, bottom - top
        if h <= _RULE and w > 0:
            mid = (top + bottom) / 2
            edges.append(edge(x0, x1, mid, mid, "h", "line"))
        elif w <= _RULE and h > 0:
            mid = (x0 + x1) / 2
            edges.append(edge(mid, mid, top, bottom, "v", "line"))
        else:  # a rectangle: its four sides, as pdfplumber's rect_to_edges does
            if pdfium_c.FPDFPath_GetDrawMode(obj, fill_mode, stroked) and fill_mode.value and not stroked.value and \
                    pdfium_c.FPDFPageObj_GetFillColor(obj, r, g, b, a) and white((r.value / 255, g.value / 255, b.value / 255)):
                blank.append((x0, top, x1, bottom))
                continue
            edges += _box_edges(x0, top, x1, bottom)
        shown.append((x0, top, x1, bottom))
    for box, hidden in zip(blank, unseen(blank, shown)):
        if not hidden:
            edges += _box_edges(*box)
    return edges


def _box_edges(x0: float, top: float, x1: float, bottom: float) -> list[dict[str, Any]]:
    return [edge(x0, x1, top, top, "h", "rect_edge"), edge(x0, x1, bottom, bottom, "h", "rect_edge"),
            edge(x0, x0, top, bottom, "v", "rect_edge"), edge(x1, x1, top, bottom, "v", "rect_edge")]


class PdfiumPage:
    """Just enough of pdfplumber.Page for TableFinder and Table.extract: bbox, edges, chars."""

    def __init__(self, width: float, height: float, edges: list[dict[str, Any]], glyphs: GlyphSource) -> None:
        self.bbox = (0.0, 0.0, width, height)
        self.width, self.height = width, height
        self.edges = edges
        self._glyphs = glyphs
        self.chars: list[dict[str, Any]] = []

    def use_chars_inside(self, boxes: list[tuple[float, float, float, float]]) -> None:
        """Table.extract scans page.chars once per row: give it only the glyphs in the tables."""
        out = []
        glyphs = self._glyphs(boxes) if callable(self._glyphs) else self._glyphs
        marks = stream_marks(glyphs)
        if marks:  # footnote marks glued to a cell's words: not cell text
            glyphs = [c for k, c in enumerate(glyphs) if k not in marks]
        for c in on_their_line(glyphs):
            cx, cy = (c.x0 + c.x1) / 2, (c.top + c.bottom) / 2
            if any(b[0] <= cx < b[2] and b[1] <= cy < b[3] for b in boxes):
                h = c.bottom - c.top
                out.append({"text": c.text, "x0": c.x0, "x1": c.x1, "top": c.top, "bottom": c.bottom,
                            "doctop": c.top, "upright": True, "width": c.x1 - c.x0, "height": h, "size": h,
                            "y0": self.height - c.bottom, "y1": self.height - c.top})
        self.chars = out


def _shrunk(c: Char, n: Char) -> bool:
    """Is `c` a letter set inside the line box of its neighbour `n` but shorter (a ligature part)?"""
    h = n.bottom - n.top
    return c.text.isalpha() and not n.text.isspace() and h > 0 and c.bottom - c.top < 0.9 * h \
        and c.top >= n.top - 0.05 * h and c.bottom <= n.bottom + 0.05 * h \
        and (abs(c.x0 - n.x1) < 0.3 * h or abs(n.x0 - c.x1) < 0.3 * h)


def on_their_line(glyphs: Sequence[Char]) -> list[Char]:
    """Glyphs with the letters pdfium split out of a ligature given the line box of the letters
    beside them. pdfium reports "fi" drawn as one glyph (as Google Docs and Word write it) as an
    "f" and an "i", each with the tight box of the ink (baseline to the glyph's top) where other
    letters get the font's full line box; the tops differ by more than the cell reader's line
    tolerance, so the two letters were read as a line of their own after the cell's text
    ("traf c ow. fi fl" for "traffic flow.")."""
    out = list(glyphs)
    for order in (range(1, len(out)), range(len(out) - 2, -1, -1)):
        for k in order:
            n = out[k - 1] if order.step == 1 else out[k + 1]
            c = out[k]
            if _shrunk(c, n):
                out[k] = Char(c.text, c.x0, n.top, c.x1, n.bottom, c.index)
    return out


def find_tables(width: float, height: float, edges: list[dict[str, Any]], chars: GlyphSource,
                settings: Optional[dict[str, Any]] = None) -> list[tuple[tuple[float, float, float, float], list[list[Optional[str]]]]]:
    """(bbox, rows) for every ruled table on a page, by pdfplumber's TableFinder.

    The finder works on the edges alone; `chars` (the glyphs, or a function giving the glyphs
    inside the tables it found) are only read to fill the cells.
    """
    from pdfplumber.table import TableFinder

    fake = PdfiumPage(width, height, edges, chars)
    tables = TableFinder(fake, settings).tables  # type: ignore[arg-type]
    if not tables:
        return []
    fake.use_chars_inside([t.bbox for t in tables])
    return [(tuple(float(v) for v in t.bbox), table_rows(t)) for t in tables]  # type: ignore[misc]


def table_rows(table: Any) -> list[list[Optional[str]]]:
    """The cell texts of a pdfplumber Table, its header spread over the columns when the header
    row is one shaded box (see `_spread_header`)."""
    rows: list[list[Optional[str]]] = table.extract(**CELL_TEXT)
    if len(rows) >= 2:
        spread = _spread_header(table)
        if spread is not None:
            rows[0] = spread
    if len(rows) in (1, 2):
        split = _unruled_rows(table, len(rows) - 1)
        if split is not None:
            rows[len(rows) - 1:] = split
    return rows


def _chars_in(table: Any, box: tuple[float, float, float, float]) -> list[dict[str, Any]]:
    """The page's glyphs whose centre lies inside a cell box."""
    x0, top, x1, bottom = box
    return [c for c in table.page.chars
            if x0 <= (c["x0"] + c["x1"]) / 2 < x1 and top <= (c["top"] + c["bottom"]) / 2 < bottom]


def _lines_in(table: Any, box: tuple[float, float, float, float]) -> list[tuple[float, float, str]]:
    """(top, height, text) of each text line inside a cell box, top to bottom."""
    from pdfplumber.utils import extract_words

    lines: list[list[dict[str, Any]]] = []
    for w in sorted(extract_words(_chars_in(table, box), **CELL_TEXT), key=lambda w: (w["top"], w["x0"])):
        if lines and w["top"] - lines[-1][0]["top"] < 0.5 * (w["bottom"] - w["top"]):
            lines[-1].append(w)
        else:
            lines.append([w])
    return [(ws[0]["top"], ws[0]["bottom"] - ws[0]["top"], " ".join(w["text"] for w in sorted(ws, key=lambda w: w["x0"])))
            for ws in lines]


def _unruled_rows(table: Any, k: int) -> Optional[list[list[Optional[str]]]]:
    """A table ruled between its columns but not between its rows reads as one row whose cells
    hold every row's text ("Priority 1 Priority 2 | 15 minutes 1 hour"). When every column with
    text starts a line at the same heights, two or more times, each such height starts a row;
    the lines in between (a cell wrapping) stay with the row above. A row of wrapped cells whose
    columns do not all start lines together is left whole."""
    cells = table.rows[k].cells
    if len(cells) < 2 or any(c is None for c in cells):
        return None
    per_column = [_lines_in(table, c) for c in cells]
    filled = [lines for lines in per_column if lines]
    if len(filled) < 2 or max(len(lines) for lines in filled) < 2:
        return None
    heights = sorted(h for lines in filled for _, h, _ in lines)
    tol = 0.5 * heights[len(heights) // 2]
    tops = sorted(t for lines in filled for t, _, _ in lines)
    groups: list[list[float]] = []
    for t in tops:
        if groups and t - groups[-1][0] < tol:
            groups[-1].append(t)
        else:
            groups.append([t])

    def everywhere(group: list[float]) -> bool:
        return all(any(abs(t - group[0]) < tol for t, _, _ in lines) for lines in filled)

    starts = [g[0] for g in groups if everywhere(g)]
    if len(starts) < 2 or starts[0] != groups[0][0]:
        return None
    labels = [text for t, _, text in filled[0] if any(abs(t - s) < tol for s in starts[1:])]
    if any(text[:1].islower() for text in labels):
        return None  # lines running on in lower case: columns of running text in a box, not rows
    out: list[list[list[str]]] = [[[] for _ in cells] for _ in starts]
    for j, lines in enumerate(per_column):
        for t, _, text in lines:
            row = max(i for i, s in enumerate(starts) if s <= t + tol)
            out[row][j].append(text)
    return [["\n".join(parts) for parts in row] for row in out]


def _spread_header(table: Any) -> Optional[list[Optional[str]]]:
    """A header row drawn as one filled box without inner rules over ruled rows reads as one cell
    holding every column name ("Severity Acknowledge Restore"). Its words are put back under the
    columns of the row below when each word lies inside one column and the names are set apart by
    wide gaps; a caption running across the columns (words a space apart) stays one cell."""
    from pdfplumber.utils import extract_words

    first, below = table.rows[0].cells, table.rows[1].cells
    if first[0] is None or any(c is not None for c in first[1:]) or len(below) < 2 or any(c is None for c in below):
        return None
    words = extract_words(_chars_in(table, first[0]), **CELL_TEXT)
    if not words:
        return None
    columns = [(c[0] - 1.0, c[2] + 1.0) for c in below]
    lines: list[list[tuple[int, dict[str, Any]]]] = []
    for w in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        j = next((k for k, (a, b) in enumerate(columns) if a <= w["x0"] and w["x1"] <= b), None)
        if j is None:
            return None  # a word across a column's edge: one text over the table, not column names
        if lines and abs(lines[-1][0][1]["top"] - w["top"]) < 0.5 * (w["bottom"] - w["top"]):
            k, prev = lines[-1][-1]
            if k != j and w["x0"] - prev["x1"] < w["bottom"] - w["top"]:
                return None  # the next column's name only a space away: a caption running on
            lines[-1].append((j, w))
        else:
            lines.append([(j, w)])
    texts: list[list[str]] = [[] for _ in columns]
    for line in lines:
        for j in range(len(columns)):
            part = " ".join(w["text"] for k, w in line if k == j)
            if part:
                texts[j].append(part)
    if sum(1 for t in texts if t) < 2:
        return None
    return ["\n".join(t) for t in texts]
