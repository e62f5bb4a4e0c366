"""Lines in reading order -> paragraphs, headings, list items and tables (RawBlocks).

Shared by every reader: PDF lines carry geometry (gaps, short last lines, fonts); text and
DOCX lines carry explicit kinds and blank-line gaps instead.
"""
from __future__ import annotations

import re
from typing import Iterable, Optional, Sequence

from sla_check.ingest.model import Line, PageContent, RawBlock, RawTable
from sla_check.ingest.sections import is_contents_entry, starts_clause, starts_list_item
from sla_check.ingest.textnorm import Dehyphenator

_ENDS_SENTENCE = re.compile(r"[.:;!?]['\")\]]?$")
_OPENS_LIST = re.compile(r"(?:[,;:]|\b(?:and|or))$")
_NUMBER_MARKER = re.compile(r"^\(\d{1,3}\)")  # "(30)" after "thirty" is a number, not an item
_WORD_CHAR = re.compile(r"[^\W_]")


def _opens_new(line: Line, prev: Line, block: RawBlock) -> bool:
    if line.kind is not None or block.kind in ("heading", "title") or line.gap_before:
        return True
    if is_contents_entry(prev.text):  # each entry of a table of contents is a line of its own
        return True
    closed = bool(_ENDS_SENTENCE.search(prev.text))
    if closed and prev.x0 and line.x0 < prev.x0 - 2 and (starts_list_item(block.text) or starts_clause(block.text)):
        return True  # text back at the margin after a numbered item's hanging indent: the list is over
    if starts_list_item(line.text) and (closed or prev.ends_short or _OPENS_LIST.search(prev.text) or not _NUMBER_MARKER.match(line.text)):
        return True
    if starts_clause(line.text) and (closed or prev.ends_short or block.lines == 1 and prev.bold):
        return True
    if prev.bold and line.bold and not prev.run_in and prev.size == line.size and not closed and block.lines < 3:
        return False  # a heading wrapped onto a second line
    if prev.ends_short and (closed or line.text[:1].isupper() or line.text[:1].isdigit()):
        return True
    if prev.size and line.size and abs(prev.size - line.size) > 0.6:
        return True
    if prev.bold and not line.bold and block.lines == 1 and not prev.run_in:
        return True  # body text under a bold heading line (a run-in title's line runs on)
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


def _column_of(x: float, starts: Sequence[float]) -> int:
    return min(range(len(starts)), key=lambda k: abs(starts[k] - x))


def _cell_column(x: float, starts: Sequence[float]) -> int:
    return max((k for k in range(len(starts)) if starts[k] <= x + 2), default=0)


def _starts(lines: Sequence[Line]) -> list[float]:
    """Where the columns start: the cell starts of a line split into the most cells; among
    several such lines, the one whose starts most other lines share (a header set over the
    middle of a wide column must not move that column's edge), then a row below the first
    line (a header is often centred over its column)."""
    most = max(len(l.cells or [l.text]) for l in lines)
    candidates = [(k, l) for k, l in enumerate(lines) if len(l.cells or [l.text]) == most]
    edges = [x for l in lines for x in (l.cell_x or [l.x0])]

    def shared(l: Line) -> int:
        return sum(1 for s in l.cell_x or [l.x0] for x in edges if abs(x - s) < 3)

    best = max(candidates, key=lambda kl: (shared(kl[1]), kl[0] > 0))[1]  # the first of equals
    starts = sorted(best.cell_x or [best.x0])
    if best is lines[0] and len(lines) > 2:
        _left_of_centred_header(starts, lines[1:])
    return starts


def _left_of_centred_header(starts: list[float], body: Sequence[Line]) -> None:
    """A header centred over its columns starts each name right of the column's left-aligned
    cells; rows whose cells are set only a little apart keep them in one split cell ("Sun-Thu,
    8 AM-5 PM Included in all"), so their words were placed by the header's starts. Move a
    column's start left to the x where every row has a word after words of the column before,
    and where at least one row's cell starts (a wide gap precedes it: no word inside a cell)."""
    rows = [l for l in body if l.words]
    if len(rows) < 2 or len(rows) < len(body):
        return
    cell_starts = [x for l in body for x in (l.cell_x or [])[1:]]
    for j in range(1, len(starts)):
        lo, hi = starts[j - 1] + 2, starts[j] - 2
        for s in sorted(x for x in cell_starts if lo < x < hi):
            if all(any(abs(x - s) <= 2 for _, x in l.words or ()) and any(starts[j - 1] - 40 <= x < s - 5 for _, x in l.words or ())
                   for l in rows):
                starts[j] = s
                break


def _header_lines(above: Sequence[Line | RawTable], run: list[Line]) -> list[Line]:
    """The header row of a borderless table set apart from its rows by more space than the rows
    are from each other (so it did not join the run): one or two lines just above, split at wide
    gaps into cells that fall into distinct columns of the table, holding no figures, while the
    table's first row does. An empty corner cell is simply a column the header leaves blank."""
    if not run or not any(ch.isdigit() for ch in run[0].text):
        return []
    starts = _starts(run)
    found: list[Line] = []
    below = run[0]
    for item in reversed(above[-2:]):
        if not isinstance(item, Line) or item.kind is not None or item.column != below.column \
                or any(ch.isdigit() for ch in item.text) or _ENDS_SENTENCE.search(item.text):
            break
        if not 0 < below.baseline - item.baseline <= 5 * max(item.size, 1.0):
            break
        if item.cells and len(item.cells) >= 2:
            cols = [_cell_column(x, starts) for x in item.cell_x or []]
            if len(set(cols)) != len(cols) or max(cols) == 0:
                break
        elif not _aligned_words(item, starts):
            break
        found.insert(0, item)
        below = item
    return found


def _upper_header_line(above: Sequence[Line | RawTable], run: list[Line]) -> Optional[Line]:
    """The first line of a header set over two lines, where that line names only some columns
    ("Severity" over "Level | Time to Respond | Escalation Time"): right above the run's
    header row, in the same type, as close as wrapped lines are, no figures, no sentence,
    every word at the start of one of the table's columns or run on after one."""
    if not above or len(run) < 2 or any(ch.isdigit() for ch in run[0].text) or not any(ch.isdigit() for ch in run[1].text):
        return None
    line = above[-1]
    first = run[0]
    if not isinstance(line, Line) or line.kind is not None or line.column != first.column or line.cells \
            or any(ch.isdigit() for ch in line.text) or _ENDS_SENTENCE.search(line.text) or line.bold != first.bold \
            or abs(line.size - first.size) > 0.6 or not 0 < first.baseline - line.baseline <= 1.5 * max(first.size, 1.0):
        return None
    starts = _starts(run)
    return line if any(abs(line.x0 - x) <= 3 for x in starts) and len(line.text.split()) <= 4 else None


def _prefix_header(table: RawTable, upper: Line, starts: Sequence[float]) -> None:
    """Put the header's upper line in front of the cells below it, column by column."""
    head = list(table.rows[0])
    parts = upper.words or [(upper.text, upper.x0)]
    above: dict[int, str] = {}
    for text, x in parts:
        j = _cell_column(x, starts)
        above[j] = f"{above.get(j, '')} {text}".strip()
    for j, text in above.items():
        if j < len(head):
            head[j] = f"{text} {head[j] or ''}".strip()
    table.rows[0] = head
    table.bbox = (min(table.bbox[0], upper.x0), upper.top, max(table.bbox[2], upper.x1), table.bbox[3])


def _aligned_words(line: Line, starts: Sequence[float]) -> bool:
    """A line not split at wide gaps whose words still fall into two or more of the table's
    columns, each column's first word starting where the column does: a header set too tightly
    for its gaps to show ("Priority Level Response Target Resolution Target")."""
    if not line.words or len(starts) < 2:
        return False
    firsts: dict[int, float] = {}
    for _, x in line.words:
        firsts.setdefault(_cell_column(x, starts), x)
    return len(firsts) >= 2 and all(abs(x - starts[j]) <= 3 for j, x in firsts.items())


def _two_clusters(pitches: Sequence[float]) -> bool:
    """Line pitches that fall into two distinct groups, each seen at least twice and nothing in
    between ("10.1 10.1 12.0 10.1 12.0"): wrapped lines inside rows and a little padding between
    rows, too close (under 25%) to tell apart by the ratio alone but too regular to be chance."""
    low, high = min(pitches), max(pitches)
    if high - low < 1.0 or high < low * 1.1:
        return False
    near_low = sum(1 for p in pitches if p <= low + 0.4)
    near_high = sum(1 for p in pitches if p >= high - 0.4)
    return near_low >= 2 and near_high >= 2 and near_low + near_high == len(pitches)


def _borderless(lines: list[Line], header: Sequence[Line] = ()) -> RawTable:
    """Lines split at wide gaps -> a table; cells placed by x, wrapped cell lines merged.

    A row whose cells wrap takes several lines; those lines sit closer together than the
    rows do, so when the run has two distinct line spacings the tighter one joins lines.
    `header` lines (see _header_lines) become the first row, placed by the same columns.
    """
    starts = _starts(lines)
    pitches = [b.baseline - (a.last_baseline or a.baseline) for a, b in zip(lines, lines[1:])]
    # a bold first line over lines that are not is the header: the padding under it says nothing
    # about how the rows below are spaced (two rows under a padded header were read as one wrapped row)
    padded_header = len(lines) > 2 and lines[0].bold and not any(l.bold for l in lines[1:])
    spacing = pitches[1:] if padded_header else pitches
    tight = min(spacing) if spacing else 0.0
    # wider spacing only at the ends of a longer run (a footer or note line after the last row)
    # separates no rows: the rows are the evenly spaced lines between
    ends_only = len(spacing) >= 3 and max(spacing[1:-1]) <= tight * 1.1
    two_spacings = bool(spacing) and not ends_only and (max(spacing) > tight * 1.25 or _two_clusters(spacing))
    rows: list[list[str]] = []
    row_bold: list[bool] = []  # every line of the row is set in bold
    for k, line in enumerate(lines):
        cells = line.cells or [line.text]
        xs = line.cell_x or [line.x0]
        placed = [""] * len(starts)
        if len(cells) == len(starts) > 1:  # one cell per column: in order (cells set centred start anywhere)
            placed = list(cells)
        elif line.words:  # word by word: a narrow gap between two cells still splits them
            for word, x in line.words:
                j = max((k for k in range(len(starts)) if starts[k] <= x + 2), default=0)
                placed[j] = f"{placed[j]} {word}".strip()
        else:
            for text, x in zip(cells, xs):
                j = _column_of(x, starts)
                placed[j] = f"{placed[j]} {text}".strip()
        continuation = k > (1 if padded_header else 0) and not line.last_baseline and (
            (two_spacings and pitches[k - 1] <= tight * 1.1) or (len(cells) == 1 and _column_of(xs[0], starts) > 0)
        )
        if continuation and rows:
            rows[-1] = [f"{a}\n{b}" if a and b else a or b for a, b in zip(rows[-1], placed)]
            row_bold[-1] = row_bold[-1] and line.bold
        else:
            rows.append(placed)
            row_bold.append(line.bold)
    if not header and _stacked_header(rows):
        # header words typed over two lines, the corner blank on the upper one ("INITIAL" over
        # "RESPONSE"): one header row, column by column
        rows[:2] = [[f"{a} {b}".strip() for a, b in zip(rows[0], rows[1])]]
        row_bold[:2] = [row_bold[0] and row_bold[1]]
    if header:
        top = [""] * len(starts)
        for line in header:
            parts = line.words or list(zip(line.cells or [], line.cell_x or []))
            for text, x in parts:
                j = _cell_column(x, starts)
                top[j] = f"{top[j]} {text}".strip()
        rows.insert(0, top)
        lines = list(header) + lines
    first = "".join(rows[0])
    rest = "".join(c for r in rows[1:] for c in r)
    # a header holds no figures where the rows do, or is set in bold over rows that are not
    # ("Uptime < 99%" over "10% of the fee")
    has_header = bool(header) or not any(ch.isdigit() for ch in first) and any(ch.isdigit() for ch in rest) \
        or len(rows) > 1 and row_bold[0] and not any(row_bold[1:])
    bbox = (min(l.x0 for l in lines), lines[0].top, max(l.x1 for l in lines), lines[-1].bottom)
    return RawTable(rows=rows, bbox=bbox, has_header=has_header)  # type: ignore[arg-type]


def _stacked_header(rows: Sequence[Sequence[str]]) -> bool:
    """The first two rows are one header typed over two lines: the upper names two columns or
    more but leaves the corner above the labels blank, the lower names the labels' column too,
    neither holds a figure, and the row below them does."""
    if len(rows) < 3 or rows[0][0] or not rows[1][0] or sum(1 for c in rows[0] if c) < 2:
        return False
    if any(ch.isdigit() for row in rows[:2] for c in row for ch in c) or not any(ch.isdigit() for c in rows[2] for ch in c):
        return False
    return all(len(c.split()) <= 4 and not c.rstrip().endswith(":") for row in rows[:2] for c in row)


#: a clause number or list marker set apart from its text by a hanging indent ("1.1", "(a)", "2.", "A.",
#: "(3)", "4)", "II."), or a bullet: a symbol, a private-use glyph of a symbol font, a lone "o" or "."
_HANGING_MARKER = re.compile(
    r"^(?:\d{1,3}(?:\.\d{1,3})+\.?|\d{1,3}\.|[a-z]\.|[ivxlc]{1,6}\.|\([a-z]{1,2}\)|[a-z]\)|\([ivxlc]{1,6}\)|\(\d{1,3}\)|\d{1,3}\)"
    r"|[\u2022\u00b7\u25aa\u25cf\u25a0\u2023\u2043\uf000-\uf0ff\-\u2013*.o])$",
    re.IGNORECASE,
)
_BARE_NUMBER = re.compile(r"^\d{1,3}$")  # "4 | FEES.": a clause number without its full stop
_SUB_NUMBER = re.compile(r"^\d{1,3}(?:\.\d{1,3})+\.?$")


def _hanging_clauses(split: list[Line]) -> bool:
    """Numbered clauses typeset with a hanging indent ("1.1" | wrapped text) look like a
    two-column borderless table; they are paragraphs, each starting with its number.

    A bare number ("4 | FEES.") is a clause number only beside clauses numbered "4.1" or
    items lettered "a)", or before text long enough to be a clause: a run of bare numbers
    before short cells ("1 | 30 minutes") is a severity table."""
    if not all(len(l.cells or ()) == 2 for l in split):
        return False
    firsts = [l.cells[0] for l in split]  # type: ignore[index]
    bare = [f for f in firsts if _BARE_NUMBER.match(f)]
    if not all(_HANGING_MARKER.match(f) or _BARE_NUMBER.match(f) for f in firsts):
        return False
    if not bare:
        return True
    texts = [l.cells[1] for l in split]  # type: ignore[index]
    return any(_SUB_NUMBER.match(f) for f in firsts) or len(bare) < len(firsts) or sum(len(t) for t in texts) / len(texts) > 60


def _clauses_before(run: list[Line]) -> int:
    """How many lines at the start of a run are hanging-indent clauses (two or more, with
    their wrapped lines) followed by lines of another kind: 0 when there are none or when
    the whole run is clauses (the caller's check)."""
    k = 0
    while k < len(run) and (not run[k].cells or len(run[k].cells or ()) < 2 or _hanging_clauses([run[k]])):
        k += 1
    if k == len(run):
        return 0
    split = [l for l in run[:k] if l.cells and len(l.cells) >= 2]
    return k if len(split) >= 2 and _hanging_clauses(split) else 0


_HEADER_LINES = 3  # the most lines a typed header is set on


def _without_rules(table: RawTable) -> RawTable:
    """Rules typed as characters ("--------" under each header word) are drawing, not cell
    text: dropped from the cells, and a row left empty goes. The lines above a typed rule
    are the header, however many lines it is typed on ("INITIAL" over "RESPONSE"): they
    become one header row, column by column."""
    keep = []
    rule_at = None
    for k, row in enumerate(table.rows):
        cleaned = ["\n".join(p for p in (c or "").split("\n") if _WORD_CHAR.search(p)) for c in row]
        if any(cleaned):
            keep.append(k)
            table.rows[k] = cleaned  # type: ignore[assignment]
        elif rule_at is None and any((c or "").strip() for c in row):
            rule_at = k
    above = [k for k in keep if rule_at is not None and k < rule_at]
    cells_above = [c or "" for k in above for c in table.rows[k]]
    # (a form's labels over a signature line, "Distributor:" over "By: ____", are no header)
    if 1 < len(above) <= _HEADER_LINES and not any(c.rstrip().endswith(":") or any(ch.isdigit() for ch in c) for c in cells_above):
        table.rows[above[0]] = [" ".join(p for p in (table.rows[k][j] or "" for k in above) if p)
                                for j in range(len(table.rows[above[0]]))]
        keep = [k for k in keep if k not in above[1:]]
        table.has_header = True
    if len(keep) < len(table.rows):
        table.rows = [table.rows[k] for k in keep]
        table.row_pages = [table.row_pages[k] for k in keep if k < len(table.row_pages)]
    return table


def _fits_run(line: Line, run: list[Line]) -> bool:
    """Can this line extend a run of borderless-table lines?"""
    if line.kind is not None:
        return False
    if not run:
        return bool(line.cells and len(line.cells) >= 2) and not starts_list_item(line.text)
    if starts_list_item(line.text) and line.x0 <= min(l.x0 for l in run) + 3:
        return False  # a list item at the table's left edge: the list after the table
    # (a bullet or "(3)" right of the first column is a line of a cell: the run goes on)
    last = run[-1]
    below = line.baseline - (last.last_baseline or last.baseline)
    if line.column != last.column or below > 3 * max(line.size, 1.0) or line.gap_before and not line.cells:
        return False
    if line.cells and len(line.cells) >= 2:
        return True
    starts = [x for l in run for x in (l.cell_x or [])]
    return any(abs(line.x0 - x) < 3 for x in starts) and below < 1.6 * max(line.size, 1.0)


def _half_line_below(upper: Line, lower: Line) -> bool:
    """`lower` sits about half a line under `upper`: closer than lines of text are set."""
    size = max(upper.size, lower.size, 1.0)
    return upper.column == lower.column and 0.25 * size <= lower.baseline - upper.baseline <= 0.8 * size


def _clear_of(part: Line, row: Line) -> bool:
    """No word of `row` (a line of cells) reaches into the horizontal span of `part` (one cell's line)."""
    reach = 0.55 * max(row.size, 1.0)  # a word's width, roughly, from its length
    return all(x + len(w) * reach < part.x0 - 2 or x > part.x1 + 2 for w, x in row.words or zip(row.cells or [], row.cell_x or []))


def _lone_cell(item: Line | RawTable | None, x0: float) -> bool:
    """A line holding one cell's text only, starting at `x0` (a wrapped cell's line): words, not a
    rule typed as dashes, nor a list item or clause of its own."""
    return isinstance(item, Line) and item.kind is None and not item.cells and abs(item.x0 - x0) <= 3 \
        and bool(_WORD_CHAR.search(item.text)) and not starts_list_item(item.text) and not starts_clause(item.text)


_MAX_HALF = 6  # lines of a centred cell above its line of cells (13 lines in all)


def _centred_row(items: list[Line | RawTable], k: int) -> int:
    """A borderless row whose one long cell wraps over several lines while its other cells are set
    vertically centred reads as the cell's upper lines alone, a line of cells, then as many lower
    lines alone: with an odd number of lines the cells share the middle line's baseline (and that
    line's words), with an even number they sit half a line between the two middle lines, clear of
    the cell. How many upper lines start at items[k] (0: not that shape).

    The cell's lines sit exactly as far apart as wrapped lines do, the upper half as many lines as
    the lower, and the row is set off from the line before it by more than that (padding between
    rows), so the last line of a top-aligned wrapped row above is never taken. The even shape with
    one line above and below is _join_centred's own."""
    first = items[k]
    if not isinstance(first, Line) or first.cells or first.kind is not None or k + 2 >= len(items):
        return 0
    nxt, before = items[k + 1], items[k - 1] if k > 0 else None
    if isinstance(nxt, Line) and isinstance(before, Line) and before.column == first.column \
            and first.baseline - (before.last_baseline or before.baseline) <= 1.2 * (nxt.baseline - first.baseline):
        return 0  # no further from the line before than the cell's lines are apart: no row padding (cheap, first)
    if not _lone_cell(first, first.x0):
        return 0
    x0, up = first.x0, 1
    while k + up < len(items) and _lone_cell(items[k + up], x0):
        up += 1
        if up > _MAX_HALF:  # a paragraph, not a cell: stop counting (keeps a page's lines linear)
            return 0
    if k + 2 * up >= len(items):
        return 0
    row = items[k + up]
    if not isinstance(row, Line) or row.kind is not None or not row.cells or len(row.cells) < 2 \
            or _HANGING_MARKER.match(row.cells[0]) or starts_clause(row.text) and not _BARE_NUMBER.match(row.cells[0]) \
            or not all(_lone_cell(items[k + up + 1 + j], x0) for j in range(up)):
        return 0
    upper = [ln for ln in items[k:k + up] if isinstance(ln, Line)]
    lower = [ln for ln in items[k + up + 1:k + 2 * up + 1] if isinstance(ln, Line)]
    cell = [*upper, *lower]
    pitch = upper[1].baseline - upper[0].baseline if up > 1 else lower[0].baseline - row.baseline
    if pitch <= 0 or any(abs(ln.size - row.size) > 1.5 for ln in cell):
        return 0
    middle = any(abs(x - x0) <= 3 for x in row.cell_x or [])
    if middle:
        base = [ln.baseline for ln in (*upper, row, *lower)]
    else:  # half a line down from the last upper line, half a line up to the first lower one
        if up < 2 or not _clear_of(upper[-1], row) or abs(2 * (row.baseline - upper[-1].baseline) - pitch) > 0.2 * pitch:
            return 0
        base = [ln.baseline for ln in cell]
    pitches = [b - a for a, b in zip(base, base[1:])]
    if any(abs(p - pitch) > 0.1 * pitch for p in pitches):
        return 0
    return up


def _join_row(items: list[Line | RawTable], k: int, up: int) -> Line:
    """The row of _centred_row as one line of cells. Its words stay in reading order (the upper
    lines, the line of cells, the lower lines), so placing them by column keeps each cell's text
    in order; its cells are the line of cells' own with the long cell's lines added."""
    upper = [ln for ln in items[k:k + up] if isinstance(ln, Line)]
    row = items[k + up]
    lower = [ln for ln in items[k + up + 1:k + 2 * up + 1] if isinstance(ln, Line)]
    assert isinstance(row, Line) and row.cells is not None and row.cell_x is not None
    x0 = upper[0].x0
    above, below = " ".join(ln.text for ln in upper), " ".join(ln.text for ln in lower)
    j = next((j for j, x in enumerate(row.cell_x) if abs(x - x0) <= 3), None)
    if j is None:
        placed = sorted([(x0, f"{above} {below}"), *zip(row.cell_x, row.cells)])
        cells, cell_x = [t for _, t in placed], [x for x, _ in placed]
    else:
        cells, cell_x = list(row.cells), list(row.cell_x)
        cells[j] = f"{above} {cells[j]} {below}"
    words = [w for ln in (*upper, row, *lower) for w in (ln.words or list(zip(ln.cells or [ln.text], ln.cell_x or [ln.x0])))]
    every = [*upper, row, *lower]
    return Line(text=" ".join(cells), x0=min(ln.x0 for ln in every), x1=max(ln.x1 for ln in every),
                top=upper[0].top, bottom=lower[-1].bottom, size=row.size, bold=row.bold,
                gap_before=upper[0].gap_before, baseline=upper[0].baseline, column=row.column,
                cells=cells, cell_x=cell_x, words=words, last_baseline=lower[-1].baseline)


def _spanned_label(items: list[Line | RawTable], k: int) -> bool:
    """items[k + 1] is a row label spanning two borderless rows and set vertically centred on them:
    one cell alone, midway between the line of cells items[k] and the next (closer to each than a
    line's height and a quarter), clear of both, the two lines of cells alike (as many cells,
    starting at the same places). Read line by line the three sat closer than rows do and became
    one row of doubled cells."""
    a = items[k]
    if k + 2 >= len(items) or not isinstance(a, Line) or not a.cells:
        return False
    label, b = items[k + 1], items[k + 2]
    if not (isinstance(label, Line) and isinstance(b, Line)) \
            or a.kind is not None or b.kind is not None or not _lone_cell(label, label.x0):
        return False
    if not b.cells or len(a.cells) < 2 or len(a.cells) != len(b.cells) \
            or any(abs(x - y) > 3 for x, y in zip(a.cell_x or [], b.cell_x or [])):
        return False
    size = max(a.size, label.size, b.size, 1.0)
    above, below = label.baseline - a.baseline, b.baseline - label.baseline
    return a.column == label.column == b.column and 0.25 * size <= above <= 1.25 * size \
        and abs(above - below) <= 0.2 * size and _clear_of(label, a) and _clear_of(label, b)


def _with_label(row: Line, label: Line) -> Line:
    """The line of cells `row` with the spanned `label` as a cell of its own, in place by x."""
    placed = sorted([(label.x0, label.text), *zip(row.cell_x or [], row.cells or [])])
    words = sorted([*(label.words or [(label.text, label.x0)]), *(row.words or zip(row.cells or [], row.cell_x or []))],
                   key=lambda w: w[1])
    return Line(text=" ".join(t for _, t in placed), x0=min(row.x0, label.x0), x1=max(row.x1, label.x1),
                top=row.top, bottom=row.bottom, size=row.size, bold=row.bold, gap_before=row.gap_before,
                baseline=row.baseline, column=row.column, cells=[t for _, t in placed],
                cell_x=[x for x, _ in placed], words=words, last_baseline=row.last_baseline)


def _label_on_wrapped_row(items: list[Line | RawTable], k: int) -> bool:
    """items[k + 1] is a row label set vertically centred beside the other cells of its row, which
    wrap onto a second line (items[k + 2]): one cell alone, left of every cell of the line items[k],
    midway between it and the next line, whose text starts where cells of items[k] start. The
    three lines are one row when they sit closer than the rows around them (_one_wrapped_row)."""
    if k + 2 >= len(items):
        return False
    a, label, b = items[k], items[k + 1], items[k + 2]
    if not (isinstance(a, Line) and isinstance(label, Line) and isinstance(b, Line)) or a.kind is not None \
            or b.kind is not None or not a.cells or len(a.cells) < 2 or not a.cell_x or not _lone_cell(label, label.x0):
        return False
    if label.x1 > a.cell_x[0] - 2 or a.column != label.column or b.column != a.column:
        return False
    starts = b.cell_x or [b.x0]
    if not all(any(abs(x - y) <= 3 for y in a.cell_x) for x in starts) or not _clear_of(label, b):
        return False
    size = max(a.size, label.size, b.size, 1.0)
    above, below = label.baseline - a.baseline, b.baseline - label.baseline
    return 0.25 * size <= above <= 1.25 * size and abs(above - below) <= 0.2 * size and _one_wrapped_row(items, k)


_LABEL_LINES = 2  # the most lines a row's label runs on above the line that holds its other cells


def _labels_above_row(items: list[Line | RawTable], k: int) -> int:
    """How many lines from items[k] on are a row's label wrapped above the line that holds the
    row's other cells (set at the bottom of the row, as a typewritten filing sets them:
    "Severity 1 - the system is" over "down, no workaround   1 hour   4 hours"): lines of one
    cell inside the first column, set tight above that line and well apart from the line of
    as many cells above them (the header or the row before), the label running on into the
    line in lower case. 0 when there are none."""
    prev = items[k - 1] if k > 0 else None
    if not isinstance(prev, Line) or not prev.cells or len(prev.cells) < 2 or prev.kind is not None:
        return 0
    n = 0
    while n < _LABEL_LINES and k + n < len(items):
        label = items[k + n]
        if not isinstance(label, Line) or label.kind is not None or (label.cells and len(label.cells) > 1) \
                or label.text.rstrip().endswith(":"):
            break
        n += 1
    if not n or k + n >= len(items):
        return 0
    row = items[k + n]
    if not isinstance(row, Line) or row.kind is not None or not row.cells or len(row.cells) != len(prev.cells) \
            or not row.cell_x or row.gap_before or abs(row.cell_x[0] - row.x0) > 1 or not row.cells[0][:1].islower() \
            or not any(ch.isdigit() for c in row.cells[1:] for ch in c):
        # (the label's last line runs on in lower case, and the other cells hold figures: a heading
        # over a contents line, or a form's lines, are no label)
        return 0
    lines = [ln for ln in items[k:k + n + 1] if isinstance(ln, Line)]
    size = max(max(ln.size for ln in lines), 1.0)
    inner = 0.0
    for upper, lower in zip(lines, lines[1:]):
        inner = max(inner, lower.baseline - upper.baseline)
        if lower.column != upper.column or lower.baseline - upper.baseline > 1.3 * size:
            return 0
    if lines[0].baseline - (prev.last_baseline or prev.baseline) < 1.5 * inner:
        return 0  # rows set apart by space, or none is: a label line right under a row's cells ends that row
    if any(abs(ln.x0 - row.x0) > 3 or ln.x1 > row.cell_x[1] - 2 for ln in lines[:-1]):
        return 0
    return n


def _one_wrapped_row(items: list[Line | RawTable], k: int) -> bool:
    """The two lines of cells around a centred label (see _spanned_label) are one row wrapped over
    two lines, not two rows: they sit closer together than each sits to the line of the table
    beside it (the padding between rows), so the label is centred on one row's wrapped cells."""
    a, b = items[k], items[k + 2]
    assert isinstance(a, Line) and isinstance(b, Line)
    inner = b.baseline - a.baseline
    outer = []
    before = items[k - 1] if k > 0 else None
    after = items[k + 3] if k + 3 < len(items) else None
    if isinstance(before, Line) and before.column == a.column and before.kind is None:
        outer.append(a.baseline - (before.last_baseline or before.baseline))
    if isinstance(after, Line) and after.column == b.column and after.kind is None and (after.cells or after.x0 <= a.x0 + 3):
        outer.append(after.baseline - b.baseline)
    return bool(outer) and inner > 0 and min(outer) > 1.1 * inner


def _joined_lines(parts: Sequence[Line]) -> Line:
    """Lines of one row (top to bottom) as one line of cells: each column's texts joined in order."""
    columns: list[tuple[float, list[str]]] = []
    for ln in parts:
        for x, text in zip(ln.cell_x or [ln.x0], ln.cells or [ln.text]):
            col = next((c for c in columns if abs(c[0] - x) <= 3), None)
            if col is None:
                columns.append((x, [text]))
            else:
                col[1].append(text)
    columns.sort(key=lambda c: c[0])
    words = [w for ln in parts for w in (ln.words or list(zip(ln.cells or [ln.text], ln.cell_x or [ln.x0])))]
    cells = [" ".join(texts) for _, texts in columns]
    first, last = parts[0], parts[-1]
    return Line(text=" ".join(cells), x0=min(ln.x0 for ln in parts), x1=max(ln.x1 for ln in parts),
                top=min(ln.top for ln in parts), bottom=max(ln.bottom for ln in parts), size=first.size,
                bold=all(ln.bold for ln in parts), gap_before=first.gap_before, baseline=first.baseline,
                column=first.column, cells=cells, cell_x=[x for x, _ in columns], words=words,
                last_baseline=last.last_baseline or last.baseline)


def _join_centred(items: list[Line | RawTable]) -> list[Line | RawTable]:
    """A borderless row (or header) with one cell wrapped onto two lines while its other cells are
    set vertically centred reads as three lines half a line apart: "Priority 1 -", "30 minutes
    4 hours", "Critical", or "Target Resolution", "Severity   Response", "Time". A one-cell line
    with a line of cells half a line below it, clear of its span, and optionally that cell's next
    line half a line further down at the same left edge, is one row: the cell's lines joined in
    their column."""
    out: list[Line | RawTable] = []
    k = 0
    while k < len(items):
        up = _centred_row(items, k)
        if up:
            out.append(_join_row(items, k, up))
            k += 2 * up + 1
            continue
        if _label_on_wrapped_row(items, k):
            out.append(_joined_lines([ln for ln in items[k:k + 3] if isinstance(ln, Line)]))
            k += 3
            continue
        up = _labels_above_row(items, k)
        if up:
            out.append(_joined_lines([ln for ln in items[k:k + up + 1] if isinstance(ln, Line)]))
            k += up + 1
            continue
        if _spanned_label(items, k):
            row, label = items[k], items[k + 1]
            assert isinstance(row, Line) and isinstance(label, Line)
            out.append(_with_label(row, label))
            k += 2  # the second row stays as it is, under the first (its label is filled down)
            continue
        a = items[k]
        b = items[k + 1] if k + 1 < len(items) else None
        if (isinstance(a, Line) and isinstance(b, Line) and a.kind is None and b.kind is None and not a.cells
                and b.cells and abs(a.size - b.size) <= 1.5 and _half_line_below(a, b) and _clear_of(a, b)):
            c = items[k + 2] if k + 2 < len(items) else None
            part = [a]
            if (isinstance(c, Line) and c.kind is None and not c.cells and abs(c.x0 - a.x0) <= 3
                    and _half_line_below(b, c) and _clear_of(c, b)):
                part.append(c)
            joined = " ".join(l.text for l in part)
            placed = sorted([(a.x0, joined), *zip(b.cell_x or [], b.cells)])
            words = sorted([w for l in part for w in (l.words or [(l.text, l.x0)])]
                           + list(b.words or zip(b.cells, b.cell_x or [])), key=lambda w: w[1])
            out.append(Line(text=" ".join(t for _, t in placed), x0=min(a.x0, b.x0), x1=max(b.x1, a.x1),
                            top=min(a.top, b.top), bottom=max(l.bottom for l in (*part, b)), size=b.size,
                            bold=a.bold and b.bold, gap_before=a.gap_before, baseline=a.baseline, column=a.column,
                            cells=[t for _, t in placed], cell_x=[x for x, _ in placed], words=words,
                            last_baseline=part[-1].baseline if len(part) > 1 else b.baseline))
            k += 1 + len(part)
            continue
        out.append(a)
        k += 1
    return out


def _row_after_break(line: Line, table: Optional[RawTable]) -> bool:
    """A lone row that opens an original page printed mid-sheet, right after a borderless
    table with as many columns: the table's last row, run over the page break."""
    return table is not None and line.after_break and bool(table.rows) and len(line.cells or ()) == len(table.rows[0]) >= 2


def _group_borderless(items: list[Line | RawTable]) -> list[Line | RawTable]:
    """Runs of two or more lines split at wide gaps (one column) become borderless tables."""
    items = _join_centred(items)
    out: list[Line | RawTable] = []
    run: list[Line] = []
    last: list[Line] = []  # the lines of the table flushed last (a two-line header forms a run of its own)
    made: list[RawTable] = []  # that table

    def flush() -> None:
        cut = _clauses_before(run)
        if cut:  # numbered clauses, then a table or signature block right below them
            out.extend(run[:cut])
            del run[:cut]
        split = [l for l in run if l.cells and len(l.cells) >= 2]
        if len(split) >= 2 and not _hanging_clauses(split):
            previous = out[-1] if out else None
            header = _header_lines(last, run) if made and previous is made[0] and len(last) <= 2 else []
            if len(header) == len(last) and header:
                out.pop()
            else:
                header = _header_lines(out, run)  # type: ignore[arg-type]
                del out[len(out) - len(header):]
            upper = None if header else _upper_header_line(out, run)
            table = _borderless(run, header)
            table.after_break = (header[0] if header else run[0]).after_break
            if upper is not None and table.has_header:
                out.pop()
                _prefix_header(table, upper, _starts(run))
            out.append(_without_rules(table))
            last[:], made[:] = run, [out[-1]]  # type: ignore[list-item]
        elif len(run) == 1 and _row_after_break(run[0], made[0] if made and out and out[-1] is made[0] else None):
            table = made[0]
            table.rows.append(list(run[0].cells or ()))
            table.bbox = (min(table.bbox[0], run[0].x0), table.bbox[1], max(table.bbox[2], run[0].x1), run[0].bottom)
        else:
            out.extend(run)
            last.clear()
        run.clear()

    for item in items:
        if isinstance(item, Line) and _fits_run(item, run):
            run.append(item)
            continue
        flush()
        if isinstance(item, Line) and _fits_run(item, run):
            run.append(item)
        else:
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
                same = _continues_across_pages(block, line) if first or line.after_break else not _opens_new(line, prev, block)
                if same:
                    block.text = dehyphenator.join(block.text, line.text)
                    if first and page.number != (block.page_breaks[-1][1] if block.page_breaks else block.page):
                        block.page_breaks.append((len(block.text) - len(line.text.strip()), page.number))
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
                heads_rows=line.heads_rows,
                typed_row=line.typed_row,
            )
            out.append(block)
            prev, first = line, False
    return [b for b in out if b.kind == "table" or b.text.strip()]


def _texts(pages: Iterable[PageContent]) -> Iterable[str]:
    for page in pages:
        for item in page.items:
            if isinstance(item, Line):
                yield item.text
