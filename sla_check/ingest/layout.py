"""PDF page geometry shared by both engines: glyphs -> lines -> reading order.

Both readers hand over the same thing (glyph boxes in top-down coordinates plus tables
from pdfplumber), so the pdfium and pdfplumber engines produce the same blocks.
"""
from __future__ import annotations

import itertools
import operator
import re
import statistics
from collections import Counter
from functools import lru_cache
from typing import Callable, Optional, Sequence

from sla_check.ingest.model import Char, Line, PageContent, RawTable
from sla_check.ingest.textnorm import clean

#: (size, bold, baseline) of the glyph with a reader's char index
FontInfo = Callable[[int], tuple[float, bool, float]]

SPACE_GAP = 0.15  # a gap wider than this x glyph height between glyphs is a word space
CELL_GAP = 1.5  # a gap wider than this x font size separates cells of a borderless table
ROW_TOL = 0.45  # glyphs whose mid-heights differ by less than this x height share a row


def _inside(c: Char, bbox: tuple[float, float, float, float]) -> bool:
    mx, my = (c.x0 + c.x1) / 2, (c.top + c.bottom) / 2
    return bbox[0] - 1 <= mx <= bbox[2] + 1 and bbox[1] - 1 <= my <= bbox[3] + 1


_X0 = operator.attrgetter("x0")


def build_rows(chars: Sequence[Char], tables: Sequence[RawTable] = ()) -> list[list[Char]]:
    """Cluster glyphs into visual rows (sorted by x), leaving out text inside tables."""
    glyphs = [c for c in chars if c.text and c.text not in "\r\n" and c.x1 >= c.x0]
    if tables:
        glyphs = [c for c in glyphs if not any(_inside(c, t.bbox) for t in tables)]
    keyed = sorted([((c.top + c.bottom) * 0.5, c.x0, i) for i, c in enumerate(glyphs)])
    rows: list[list[Char]] = []
    current: list[Char] = []
    ref = limit = 0.0
    for mid, _, i in keyed:
        c = glyphs[i]
        h = c.bottom - c.top
        if current and abs(mid - ref) <= ROW_TOL * (h if h > limit else limit):
            current.append(c)
            continue
        if current:
            rows.append(current)
        current, ref, limit = [c], mid, (h if h > 1.0 else 1.0)
    if current:
        rows.append(current)
    out = []
    for row in rows:
        row.sort(key=_X0)
        if any(not c.text.isspace() for c in row):
            out.append(row)
    return out


_MARKS = frozenset("*\u2020\u2021")  # footnote marks besides figures: asterisk, dagger, double dagger


def _is_mark(text: str) -> bool:
    return len(text) <= 2 and (text.isdigit() or all(ch in _MARKS for ch in text))


def without_superscripts(row: Sequence[Char]) -> Sequence[Char]:
    """A row without its footnote marks: figures or asterisks/daggers set smaller and raised
    ("4 hours\u00b9" drawn as a small "1" above the line). Glued to the word before, a mark made
    "hours1", which no reader of durations takes for "hours"; at the start of a footnote it made the
    note a numbered clause. Raised: its bottom above the row's usual bottom by a fifth of the usual
    glyph height; smaller: under 0.85 of that height (glyph boxes are the font's, so a plain "1" is
    as tall as the letters beside it); and touching the word before it, or just before its note."""
    if not any(_is_mark(c.text) for c in row):
        return row
    inked = [c for c in row if not c.text.isspace()]
    bottoms = sorted(c.bottom for c in inked)
    heights = sorted(c.bottom - c.top for c in inked)
    base, h = bottoms[len(bottoms) // 2], heights[len(heights) // 2]
    marks = set()
    for k, c in enumerate(inked):
        if not _is_mark(c.text) or c.bottom >= base - 0.2 * h or c.bottom - c.top >= 0.85 * h:
            continue
        before = inked[k - 1] if k else None
        after = inked[k + 1] if k + 1 < len(inked) else None
        # glued to the word it marks, or opening a note set right after it: a small raised figure
        # standing apart (alone in a cell) is a value set in smaller type, and stays
        if before is not None and not _is_mark(before.text) and c.x0 - before.x1 < SPACE_GAP * h \
                or after is not None and not _is_mark(after.text) and after.x0 - c.x1 < 0.5 * h:
            marks.add(id(c))
    return [c for c in row if id(c) not in marks] if marks else row


def _raised_small(c: Char, ref: Char) -> bool:
    h = ref.bottom - ref.top
    return c.bottom < ref.bottom - 0.2 * h and c.bottom - c.top < 0.85 * h and c.top < ref.bottom and c.bottom > ref.top


def stream_marks(chars: Sequence[Char]) -> set[int]:
    """Positions in `chars` (glyphs in the order the page draws them) of footnote marks, judged as
    without_superscripts judges them but against the glyph drawn just before or after (the word the
    mark is glued to, or the note it opens): for table cells, whose text the table finder reads
    from the glyphs themselves. A run of mark glyphs ("12") goes together."""
    out: set[int] = set()
    n = len(chars)
    k = 0
    while k < n:
        if not _is_mark(chars[k].text):
            k += 1
            continue
        j = k
        while j + 1 < n and _is_mark(chars[j + 1].text) and chars[j + 1].x0 - chars[j].x1 < SPACE_GAP * (chars[j].bottom - chars[j].top) + 0.5:
            j += 1
        run = chars[k:j + 1]
        before = chars[k - 1] if k > 0 else None
        after = next((chars[m] for m in range(j + 1, min(j + 3, n)) if not chars[m].text.isspace()), None)
        glued = before is not None and not before.text.isspace() and not _is_mark(before.text) \
            and run[0].x0 - before.x1 < SPACE_GAP * (before.bottom - before.top) and all(_raised_small(c, before) for c in run)
        opens = after is not None and not _is_mark(after.text) and 0 <= after.x0 - run[-1].x1 < 0.5 * (after.bottom - after.top) \
            and all(_raised_small(c, after) for c in run)
        if glued or opens:
            out.update(range(k, j + 1))
        k = j + 1
    return out


def row_words(row: Sequence[Char]) -> list[tuple[str, float]]:
    """Glyphs of one row -> words with their left x, split at spaces and word gaps (footnote marks
    left out: see without_superscripts)."""
    row = without_superscripts(row)
    texts: list[str] = []
    starts: list[float] = []
    current: list[str] = []
    start = 0.0
    prev: Optional[Char] = None
    heights = sorted([c.bottom - c.top for c in row if not c.text.isspace()])
    h = heights[len(heights) // 2] if heights else 10.0
    gap = SPACE_GAP * h
    for c in row:
        if c.text.isspace():
            if current:
                texts.append("".join(current))
                starts.append(start)
                current = []
            continue
        if prev is not None:
            if c.text == prev.text and abs(c.x0 - prev.x0) < 0.5 and abs(c.top - prev.top) < 0.5:
                continue  # glyph drawn twice (fake bold)
            if current and c.x0 - prev.x1 > gap:
                texts.append("".join(current))
                starts.append(start)
                current = []
        if not current:
            start = c.x0
        current.append(c.text)
        prev = c
    if current:
        texts.append("".join(current))
        starts.append(start)
    joined = "".join(texts)
    if joined.isascii() and joined.isprintable() and all(texts):
        return list(zip(texts, starts))  # nothing to clean or drop (almost every row): one check for the row
    return [(w, x) for w, x in ((w if w.isascii() and w.isprintable() else clean(w), x) for w, x in zip(texts, starts)) if w]


def row_text(row: Sequence[Char]) -> str:
    """Glyphs of one row to text, inserting spaces at word gaps."""
    return " ".join([w for w, _ in row_words(row)])


def _glyph_spans(row: Sequence[Char]) -> list[tuple[float, float]]:
    """Inked x-intervals of a row: touching glyphs merged into words (fewer spans to scan)."""
    spans: list[tuple[float, float]] = []
    start: float = 0.0
    end: Optional[float] = None
    for c in row:
        if c.text.isspace():
            continue
        if end is not None and c.x0 - end < 0.5:
            if c.x1 > end:
                end = c.x1
        else:
            if end is not None:
                spans.append((start, end))
            start, end = c.x0, c.x1
    if end is not None:
        spans.append((start, end))
    return spans


def _strip_counts(spans: Sequence[Sequence[tuple[float, float]]], lo: int, hi: int) -> list[int]:
    """How many inked spans cover each whole x from lo to hi (one pass per span)."""
    steps = [0] * (hi - lo + 2)  # +1 where a span starts, -1 after it ends
    for row_spans in spans:
        for x0, x1 in row_spans:
            a, b = int(x0), int(x1)
            if a < lo:
                a = lo
            if b > hi:
                b = hi
            if a <= b:
                steps[a - lo] += 1
                steps[b - lo + 1] -= 1
    return list(itertools.accumulate(steps[:-1]))


def _widest_strip(counts: list[int], max_allow: int, width: int = 10) -> Optional[tuple[int, int]]:
    """The first longest run of x with at most `allow` rows crossing, for the smallest allow
    (up to max_allow) that gives a run of `width` or more; None if none does.

    The smallest such allow is the least, over all windows of `width` x, of the window's
    largest count, so it is found directly instead of trying allow = 0, 1, 2, ... in turn.
    """
    if len(counts) < width:
        return None
    allow = min(max(counts[i:i + width]) for i in range(len(counts) - width + 1))
    if allow > max_allow:
        return None
    best: Optional[tuple[int, int]] = None
    start = None
    for i, n in enumerate(counts + [allow + 1]):
        if n <= allow:
            start = i if start is None else start
        elif start is not None:
            if best is None or i - start > best[1] - best[0]:
                best = (start, i)
            start = None
    return best


TABLE_GAP = 12.0  # points: a gap this wide inside one side of a row is between cells, not words


def _cell_starts(side: Sequence[tuple[float, float]], height: float) -> list[float]:
    """Where the cells after wide gaps start on one side of a row. A gap after a part narrower
    than two glyph heights at the row's start is a list marker's ("1.", a bullet), not a cell's."""
    starts = []
    for a, b in zip(side, side[1:]):
        if b[0] - a[1] > TABLE_GAP and a[1] - side[0][0] >= 2 * height:
            starts.append(b[0])
    return starts


def _table_rows(
    spans: Sequence[Sequence[tuple[float, float]]], left_edge: float, right_edge: float, heights: Sequence[float] = ()
) -> bool:
    """Rows with text on both sides of the strip that are split again at wide gaps on either side,
    in most such rows (three at least): a borderless table whose wide text column wraps beside
    narrow columns of figures, not two columns of text (whose lines hold only word gaps).

    A row whose label cell is empty (the label set on another line, vertically centred, or a
    wrapped cell's second line) is no cut itself, but its left part starts where the cut rows'
    cells start after their gaps: it counts with them, so a three-column table whose third column
    sits past the middle is not taken for two columns of text."""
    both = cut = 0
    cell_x: list[float] = []
    uncut_starts: list[float] = []
    for k, row_spans in enumerate(spans):
        right = [s for s in row_spans if s[0] >= right_edge]
        left = [s for s in row_spans if s[1] <= left_edge]
        if not right or not left:
            continue
        both += 1
        if any(b[0] - a[1] > TABLE_GAP for side in (left, right) for a, b in zip(side, side[1:])):
            cut += 1
            if k < len(heights):
                cell_x.extend(_cell_starts(left, heights[k]))
        else:
            uncut_starts.append(left[0][0])
    aligned = sum(1 for x in uncut_starts if any(abs(x - c) <= 2.0 for c in cell_x))
    return cut >= 3 and cut + aligned > both / 2


def find_gutter(
    rows: Sequence[Sequence[Char]], width: float, spans: Optional[Sequence[Sequence[tuple[float, float]]]] = None
) -> Optional[tuple[float, float]]:
    """A vertical strip near the middle with (almost) no text: the gap between two columns.

    Required: most rows avoid the strip, several rows sit on each side, the left column's
    lines run up to the strip (wrapped text, not a short label column) and the right
    column's lines start at one x. `spans` (each row's _glyph_spans) may be passed in when
    the caller has them already.
    """
    if len(rows) < 6 or width <= 0:
        return None
    if spans is None:
        spans = [_glyph_spans(r) for r in rows]
    lo, hi = int(width * 0.3), int(width * 0.7)
    best = _widest_strip(_strip_counts(spans, lo, hi), max(1, int(len(rows) * 0.2)))  # fewest rows crossing first
    if best is None:
        return None
    g0, g1 = lo + best[0], lo + best[1]
    left_edge, right_edge = g0 + 1, g1 - 1
    lefts: list[float] = []  # per row on the left or on both sides: where its left part ends
    rights: list[float] = []  # per row on the right or on both sides: where its right part starts
    left_x0s: list[float] = []
    right_x1s: list[float] = []
    for row_spans in spans:
        ends_left = [x1 for _, x1 in row_spans if x1 <= left_edge]
        starts_right = [x0 for x0, _ in row_spans if x0 >= right_edge]
        if not ends_left and not starts_right:
            continue
        all_left = len(ends_left) == len(row_spans)
        all_right = len(starts_right) == len(row_spans)
        if all_left or (ends_left and starts_right):
            lefts.append(max(ends_left))
            left_x0s.append(min(x0 for x0, _ in row_spans))
        if all_right or (ends_left and starts_right):
            rights.append(min(starts_right))
            right_x1s.append(max(x1 for _, x1 in row_spans))
    if len(lefts) < 3 or len(rights) < 3:
        return None
    heights = [max(c.bottom - c.top for c in row) for row in rows]
    if _table_rows(spans, left_edge, right_edge, heights):
        return None
    left_x0 = min(left_x0s)
    right_x1 = max(right_x1s)
    left_w, right_w = max(lefts) - left_x0, right_x1 - min(rights)
    if left_w < 0.6 * right_w or right_w < 0.6 * left_w:
        return None  # a narrow label column beside wide text is a layout of rows, not columns
    if sorted(lefts)[len(lefts) // 2] - left_x0 < 0.5 * left_w:
        return None
    starts = Counter(round(x / 2) for x in rights)  # a column has few left edges (text, bullets, indents)
    edges = [b for b, _ in starts.most_common(3)]  # within a bin of them: OCR'd boxes wobble by a point or two
    if sum(n for b, n in starts.items() if any(abs(b - e) <= 1 for e in edges)) < len(rights) * 0.7:
        return None
    return float(g0), float(g1)


_BAND_ROWS = 3  # rows of a table set across both columns: its header and two rows at least


def _table_band(spans: Sequence[Sequence[tuple[float, float]]], g0: float, g1: float) -> set[int]:
    """Rows of a borderless table set across both columns of a two-column page: three rows or more
    in a row with text on both sides of the gutter, the right side split again at wide gaps into
    two cells or more. Two columns of text have one left edge on the right side; a small table in
    the left column beside running text too. Each such row is read whole, not cut at the gutter."""
    def in_table(row_spans: Sequence[tuple[float, float]]) -> bool:
        right = [sp for sp in row_spans if sp[0] >= g1 - 1]
        if not right or not any(sp[1] <= g0 + 1 for sp in row_spans):
            return False
        return sum(1 for a, b in zip(right, right[1:]) if b[0] - a[1] > TABLE_GAP) >= 1

    found: set[int] = set()
    k = 0
    while k < len(spans):
        j = k
        while j < len(spans) and in_table(spans[j]):
            j += 1
        if j - k >= _BAND_ROWS:
            found.update(range(k, j))
        k = max(j, k + 1)
    return found


def _make_line(row: Sequence[Char], fontinfo: FontInfo, column: int) -> Optional[Line]:
    glyphs = [c for c in row if not c.text.isspace()]
    if not glyphs:
        return None
    words = row_words(row)
    text = " ".join([w for w, _ in words])
    if not text:
        return None
    size, bold, baseline = fontinfo(glyphs[0].index)
    last = next((c for c in reversed(glyphs) if any(ch.isalnum() for ch in c.text)), glyphs[-1])
    run_in = bold and last is not glyphs[0] and not fontinfo(last.index)[1]
    cells = cell_x = None
    if size:
        limit = CELL_GAP * size
        cuts = [k for k in range(1, len(glyphs)) if glyphs[k].x0 - glyphs[k - 1].x1 > limit]
        if cuts:
            bounds = [0] + cuts + [len(glyphs)]
            parts = [glyphs[a:b] for a, b in zip(bounds, bounds[1:])]
            cells = [row_text([c for c in row if part[0].x0 <= c.x0 <= part[-1].x0]) for part in parts]
            cell_x = [part[0].x0 for part in parts]
    return Line(
        text=text,
        x0=glyphs[0].x0,
        x1=max([c.x1 for c in glyphs]),
        top=min([c.top for c in glyphs]),
        bottom=max([c.bottom for c in glyphs]),
        size=round(size, 1),
        bold=bold,
        run_in=run_in,
        baseline=baseline,
        column=column,
        cells=cells,
        cell_x=cell_x,
        words=words if cells or len(words) < 12 else None,
    )


def order_page(
    number: int,
    width: float,
    height: float,
    chars: Sequence[Char],
    tables: Sequence[RawTable],
    fontinfo: FontInfo,
) -> PageContent:
    """One page's lines and tables in reading order, two-column pages column by column."""
    rows = build_rows(chars, tables)
    spans = [_glyph_spans(row) for row in rows] if len(rows) >= 6 else []
    gutter = find_gutter(rows, width, spans)
    # (band key, column, y, item): spanning items close a band
    entries: list[tuple[float, Line | RawTable]] = []
    if gutter is None:
        for row in rows:
            line = _make_line(row, fontinfo, 0)
            if line:
                entries.append((line.top, line))
        for t in tables:
            entries.append((t.bbox[1], t))
        entries.sort(key=lambda e: e[0])
        return PageContent(number, width, height, [item for _, item in entries])
    g0, g1 = gutter
    mid = (g0 + g1) / 2
    spanning: list[tuple[float, Line | RawTable]] = []
    columns: list[tuple[float, int, Line | RawTable]] = []
    across = _table_band(spans, g0, g1)
    for k, (row, row_spans) in enumerate(zip(rows, spans)):
        if k in across or any(x0 < g1 - 1 and x1 > g0 + 1 for x0, x1 in row_spans):
            line = _make_line(row, fontinfo, 0)
            if line:
                spanning.append((line.top, line))
            continue
        for col, part in ((1, [c for c in row if c.x1 <= mid]), (2, [c for c in row if c.x1 > mid])):
            line = _make_line(part, fontinfo, col) if part else None
            if line:
                columns.append((line.top, col, line))
    for t in tables:
        if t.bbox[0] < g0 and t.bbox[2] > g1:
            spanning.append((t.bbox[1], t))
        else:
            columns.append((t.bbox[1], 1 if t.bbox[2] <= mid + 1 else 2, t))
    spanning.sort(key=lambda e: e[0])
    items: list[Line | RawTable] = []
    edges = [float("-inf")] + [y for y, _ in spanning] + [float("inf")]
    for i in range(len(edges) - 1):
        band = [e for e in columns if edges[i] <= e[0] < edges[i + 1]]
        band.sort(key=lambda e: (e[1], e[0]))
        items.extend(item for _, _, item in band)
        if i < len(spanning):
            items.append(spanning[i][1])
    return PageContent(number, width, height, items)


# ---------------------------------------------------------------- running headers / footers

_PAGE_NUMBER = re.compile(
    r"^(?:page\s*#+(?:\s*(?:of|/)\s*#+)?|[-\u2013\u2014]\s*#+\s*[-\u2013\u2014]|#+(?:\s*(?:of|/)\s*#+)?|[ivxlc]+|p\.?\s*#+)$"
)


_DIGITS = re.compile(r"\d+")
#: a page number as part of a label: "D-4" (an exhibit's pages), "ii" (front matter)
_PAGE_LABEL = re.compile(r"(?<![\w-])(?:[a-z]{1,2}-#|[ivxlc]{2,6})(?![\w-])")


@lru_cache(maxsize=4096)  # a page's edge lines are shaped several times each, and recur page after page
def _shape(text: str) -> str:
    return " ".join(_PAGE_LABEL.sub("#", _DIGITS.sub("#", text.lower())).split())


def _key(text: str) -> str:
    """Short lines match with their numbers masked ("Page 3"), long ones only verbatim."""
    return _shape(text) if len(text.split()) <= 10 else text


_SENTENCE_END = re.compile(r"[.;:!?]['\")]?$")


def _footer_label(text: str) -> bool:
    """Text that can anchor a running footer or header: words, not a sentence nor a bare page number."""
    return bool(re.search(r"[A-Za-z]{2}", text)) and not _SENTENCE_END.search(text) and not _PAGE_NUMBER.match(_shape(text))


def _isolated(lines: Sequence[Line], i: int, j: int) -> bool:
    """Are lines i..j (one page number, or two: one ending an original page and one heading
    the next) set apart from the text above and below: by a line's height on both sides,
    or on one side (three times that for a lone number) when in plain type no larger than
    the neighbour (a number heading an original page sits right above its first line; a
    chapter number set large above its title is no page number)?"""
    first, last = lines[i], lines[j]
    h = max(max(l.size or l.bottom - l.top for l in lines[i:j + 1]), 1.0)  # the type size: both engines agree on it
    above = first.top - lines[i - 1].bottom if i else 1e9
    below = lines[j + 1].top - last.bottom if j + 1 < len(lines) else 1e9
    if min(above, below) >= h:
        return True
    near = lines[i - 1] if above < below else lines[j + 1]
    plain = not any(l.bold or l.size > near.size + 0.5 for l in lines[i:j + 1])
    return max(above, below) >= (h if j > i else 3 * h) and min(above, below) >= 0 and plain


def _groups(lines: Sequence[Line]) -> list[int]:
    """A group number per line: lines closer than 1.5 line heights share one (a footer of
    several lines is one group, the body text above it another)."""
    out, g = [], 0
    for k, l in enumerate(lines):
        if k and l.top - lines[k - 1].bottom > 1.5 * max(l.bottom - l.top, 1.0):
            g += 1
        out.append(g)
    return out


_PART_PAGES = 3  # consecutive pages that make a numbered footer of one part of a document


def _by_page_number(lines: Sequence[Line], k: int) -> bool:
    """The line just above or below line k, within three line heights, is a page number on a
    line of its own."""
    near = 3 * max(lines[k].bottom - lines[k].top, lines[k].size, 1.0)
    return any(0 <= j < len(lines) and bool(_PAGE_NUMBER.match(_shape(lines[j].text)))
               and max(lines[j].top - lines[k].bottom, lines[k].top - lines[j].bottom) <= near for j in (k - 1, k + 1))


def remove_running_lines(pages: list[PageContent], zone: float = 0.1, depth: int = 4) -> int:
    """Drop page furniture and return how many lines went.

    - lines repeated at the top or bottom of most pages, and page numbers there (the top
      and bottom `zone` of the page);
    - a footer or header that sits above that zone (a filing set several original pages on
      one sheet, or a short page): among the first or last `depth` lines of most pages, in
      a group of lines with one whose number changes from page to page and that is a label,
      not a sentence ("Page 2 of 22", "Proprietary D-4"); a sentence repeated verbatim
      mid-page is kept;
    - a page number on a line of its own anywhere on the page, set apart by white space
      above and below ("13", "- 4 -", "Page 3 of 36"). The line after it may continue
      the paragraph before it, as across a page break (Line.after_break);
    - a long line printed word for word on a third of the pages or more, anywhere (a
      legend such as "Confidential treatment has been requested for portions of ...").
    """
    edge_lines: list[list[tuple[Line, bool]]] = []  # per page: (line, inside the zone)
    ordered: list[list[Line]] = []
    for page in pages:
        lines = sorted((i for i in page.items if isinstance(i, Line)), key=lambda l: l.top)
        ordered.append(lines)
        h = page.height or 1.0
        picked = {id(l): l for l in lines[:depth] + lines[-depth:]}
        edge_lines.append([(l, l.top < h * zone or l.bottom > h * (1 - zone)) for l in picked.values()])
    seen: Counter[str] = Counter()  # zone lines: verbatim when long
    near_edge: Counter[str] = Counter()  # the first and last `depth` lines, verbatim
    shapes: Counter[str] = Counter()  # edge lines, numbers masked
    texts: dict[str, set[str]] = {}
    run: dict[str, tuple[int, int]] = {}  # shape -> (last page index, length of the run ending there)
    longest: Counter[str] = Counter()  # shape -> most consecutive pages it sits at an edge of
    for n, page_edge in enumerate(edge_lines):
        seen.update({_key(l.text) for l, inside in page_edge if inside})
        near_edge.update({_key(l.text) for l, _ in page_edge})
        page_shapes = {_shape(l.text): l.text for l, _ in page_edge}
        shapes.update(page_shapes.keys())
        for key, text in page_shapes.items():
            texts.setdefault(key, set()).add(text)
            last, length = run.get(key, (-2, 0))
            run[key] = (n, length + 1 if last == n - 1 else 1)
            longest[key] = max(longest[key], run[key][1])
    threshold = max(2, (len(pages) + 1) // 2)
    # a footer can run through one part only (an exhibit numbered "D-1", "D-2"...): three pages
    # in a row are enough when its number changes on each
    frequent = {key for key in shapes if shapes[key] >= threshold or longest[key] >= _PART_PAGES}
    numbered = {key for key, variants in texts.items() if len(variants) > 1 and key in frequent}
    notices = _notices(ordered)  # a notice printed mid-page on many pages (a filing's confidentiality legend)
    notice_pages = max(4, (len(pages) + 2) // 3)
    verbatim: Counter[str] = Counter()  # pages that print each line word for word (notices' short lines, floating footers)
    for lines in ordered:
        verbatim.update({l.text for l in lines})
    removed = 0
    proven: set[str] = set()  # footers found beside a page number mid-sheet
    for page, lines, edges in zip(pages, ordered, edge_lines):
        drop: set[int] = set()
        group_of = {id(l): g for l, g in zip(lines, _groups(lines))} if numbered else {}
        numbered_groups = {group_of[id(l)] for l, _ in edges if numbered and _shape(l.text) in numbered and _footer_label(l.text)}
        at_line = {id(l): k for k, l in enumerate(lines)}
        for l, inside in edges:
            shape = _shape(l.text)
            if inside and (_PAGE_NUMBER.match(shape) or (len(pages) >= 2 and seen[_key(l.text)] >= threshold)):
                drop.add(id(l))
            elif len(pages) >= 3 and near_edge[_key(l.text)] >= threshold and _by_page_number(lines, at_line[id(l)]):
                drop.add(id(l))  # a footer set above the zone, on the line next to the page number
            elif numbered_groups and len(pages) >= 3 and shape in frequent and group_of[id(l)] in numbered_groups:
                drop.add(id(l))
        if drop and len(pages) >= 3:
            # the next original page's running title right below a dropped footer (or the
            # last one's right above a dropped header), mid-sheet: the same label on most pages
            for l, _ in edges:
                k = at_line[id(l)]
                shape = _shape(l.text)
                if id(l) not in drop and shapes[shape] >= threshold and len(texts[shape]) == 1 and _footer_label(l.text) and (
                        k > 0 and id(lines[k - 1]) in drop or k + 1 < len(lines) and id(lines[k + 1]) in drop):
                    drop.add(id(l))
        legend = {id(l) for l in lines if notices and id(l) not in drop and notices[_notice_key(l.text)] >= notice_pages}
        if legend:
            _with_short_lines(legend, lines, lambda l: verbatim[l.text] >= notice_pages)
            for k, l in enumerate(lines[:-1]):
                if id(l) in legend and id(lines[k + 1]) not in legend:
                    lines[k + 1].after_break = True
            drop |= legend
            lines = [l for l in lines if id(l) not in legend]
        width = page.width or 1.0
        numbers = [l.x1 - l.x0 < 0.25 * width and bool(_PAGE_NUMBER.match(_shape(l.text))) for l in lines]
        k = 0
        while k < len(lines):
            if not numbers[k]:
                k += 1
                continue
            l = lines[k]
            close = k + 1 < len(lines) and numbers[k + 1] and lines[k + 1].top - l.bottom < (l.size or l.bottom - l.top)
            j = k + 1 if close else k
            if _isolated(lines, k, j):
                drop.update(id(l) for l in lines[k:j + 1])
                footer = _floating_furniture(lines, k, j, lambda l: verbatim[l.text] >= notice_pages)
                drop.update(id(l) for l in footer)
                proven.update(l.text for l in footer)
                after = j + 1
                while after < len(lines) and id(lines[after]) in drop:
                    after += 1
                if after < len(lines):
                    lines[after].after_break = True
            k = j + 1
        if drop:
            page.items = [i for i in page.items if id(i) not in drop]
            removed += len(drop)
    if proven:  # the same footer where its page number went to the next sheet (or came from the last)
        for page in pages:
            kept = [i for i in page.items if not (isinstance(i, Line) and i.text in proven)]
            removed += len(page.items) - len(kept)
            page.items = kept
    return removed


_FURNITURE_LINES = 3  # the most lines a footer or header of an original page holds


def _floating_furniture(lines: Sequence[Line], k: int, j: int, repeated: Callable[[Line], bool]) -> list[Line]:
    """The footer above a page number printed mid-sheet (lines k..j), and the next original
    page's header below it: a filing that sets several original pages on one sheet prints
    them mid-page, where the edge rules do not look. A group of up to three lines set tight
    against the number, each printed word for word on many pages ("Software License  Acme
    Corp." over "Maintenance Agreement  CONFIDENTIAL"). Left in,
    such a footer splits a table running over the original page break in two."""
    out: list[Line] = []
    for step, edge in ((-1, k), (1, j)):
        group: list[Line] = []
        near = lines[edge]
        n = edge + step
        while 0 <= n < len(lines) and len(group) < _FURNITURE_LINES:
            l = lines[n]
            h = max(l.size, l.bottom - l.top, 1.0)
            gap = near.top - l.bottom if step < 0 else l.top - near.bottom
            if gap > (3 if near is lines[edge] else 1.5) * h or not (repeated(l) and _has_word(l.text)):
                break
            group.append(l)
            near = l
            n += step
        out += group
    return out


def _with_short_lines(legend: set[int], lines: Sequence[Line], repeated: Callable[[Line], bool]) -> None:
    """Add to a notice the lines set tight against it that are too short to count as one on
    their own ("been filed separately with the Commission." ending a legend of four lines)
    but are printed word for word on as many pages."""
    grown = True
    while grown:
        grown = False
        for k, l in enumerate(lines):
            if id(l) in legend or not repeated(l):
                continue
            h = max(l.size, l.bottom - l.top, 1.0)
            for j in (k - 1, k + 1):
                if 0 <= j < len(lines) and id(lines[j]) in legend and max(lines[j].top - l.bottom, l.top - lines[j].bottom) < h:
                    legend.add(id(l))
                    grown = True
                    break


_NOTICE_WORDS = 10  # a line repeated word for word this long is a notice, not a clause's wrapped line


def _notice_key(text: str) -> str:
    """A line as a notice printed on many pages: word for word, without a page number run into it."""
    if text.count(" ") < _NOTICE_WORDS - 1:
        return ""  # too short to be one (most lines of a page)
    words = text.split()
    if words[0].isdigit() and len(words[0]) <= 4:
        words = words[1:]
    if words and words[-1].isdigit() and len(words[-1]) <= 4:
        words = words[:-1]
    return " ".join(words) if len(words) >= _NOTICE_WORDS else ""


def _notices(ordered: Sequence[Sequence[Line]]) -> Counter[str]:
    """How many pages print each long line word for word, for lines printed at different
    heights on different pages: a legend that ends each original page of a filing set
    several pages to a sheet floats with the text (one always at the same place is part of
    the page's design, and is left to the header and footer rules)."""
    counts: Counter[str] = Counter()
    tops: dict[str, list[float]] = {}
    for lines in ordered:
        keys: dict[str, Line] = {}
        for l in lines:
            k = _notice_key(l.text)
            if k:
                keys.setdefault(k, l)
        counts.update(keys.keys())
        for k, l in keys.items():
            tops.setdefault(k, []).append(l.top)
    for k, ys in tops.items():
        if len(ys) < 4 or max(ys) - min(ys) < 20:  # (notices need four pages at least)
            del counts[k]
    return counts


# ---------------------------------------------------------------- spacing between lines


_WORD_CHAR = re.compile(r"[^\W_]")


def _has_word(text: str) -> bool:
    return bool(_WORD_CHAR.search(text))


def _text_edges(lines: Sequence[Line]) -> dict[int, tuple[float, float]]:
    """Each column's left and right text edge, set by its body-size lines. The right edge is
    where the longest line ends, unless a few lines (a tenth at most) stick out far past a
    margin that three lines or more reach: one line run past the margin (a long reference, a
    line the producer set wider) must not make every other line of the page look short."""
    sizes = Counter(l.size for l in lines)
    body_size = sizes.most_common(1)[0][0] if sizes else 0.0
    columns: dict[int, list[Line]] = {}
    for l in lines:
        if _has_word(l.text):  # a rule typed as dashes or dots ("-----") is no text edge
            columns.setdefault(l.column, []).append(l)
    edges = {}
    for column, found in columns.items():
        body = [l for l in found if l.size == body_size] or found[:1]  # body-size lines set the edges
        x0 = min(l.x0 for l in body)
        rights = sorted((l.x1 for l in body), reverse=True)
        k = 0  # lines that stick out by a tenth of the width past a margin other lines reach are no edge
        while k < len(rights) // 10 and rights[k] - rights[k + 1] > 0.1 * (rights[k + 1] - x0) and \
                sum(1 for x in rights if rights[k + 1] - 0.03 * (rights[k + 1] - x0) <= x <= rights[k + 1]) >= 3:
            k += 1
        edges[column] = (x0, rights[k])
    return edges


def annotate_spacing(pages: Sequence[PageContent]) -> None:
    """Mark lines after a clear vertical gap and lines that stop short of the column edge."""
    ratios = []
    for page in pages:
        prev: Optional[Line] = None
        for item in page.items:
            if isinstance(item, Line) and prev is not None and prev.column == item.column and item.size and prev.size == item.size:
                pitch = item.baseline - prev.baseline
                if 0 < pitch < 3 * item.size:
                    ratios.append(pitch / item.size)
            prev = item if isinstance(item, Line) else None
    body = statistics.median(ratios) if ratios else 1.2
    for page in pages:
        lines = [i for i in page.items if isinstance(i, Line)]
        edges = _text_edges(lines)
        prev = None
        for item in page.items:
            if not isinstance(item, Line):
                prev = None
                continue
            x0, x1 = edges.get(item.column, (item.x0, item.x1))  # a column of rules only
            item.ends_short = item.x1 < x1 - 0.2 * max(x1 - x0, 1.0)
            if prev is not None and prev.column == item.column:
                pitch = item.baseline - prev.baseline
                size = max(prev.size, item.size, 1.0)
                item.gap_before = pitch > body * size * 1.3 + 0.5 or pitch < 0
            prev = item
