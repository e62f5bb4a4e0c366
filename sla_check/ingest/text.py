"""Plain text and Markdown: blank-line paragraphs, '#' headings, bullets, pipe tables.

Form feeds are page breaks; otherwise the whole file is page 1.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Optional

from sla_check.errors import IngestError
from sla_check.ingest import asciidoc, html_tables, rst
from sla_check.ingest.assemble import assemble
from sla_check.ingest.blocks import build_blocks
from sla_check.ingest.cell_lines import cell_tables
from sla_check.ingest.glued import glued_table
from sla_check.ingest.guard import long_word_warning, split_long_words
from sla_check.ingest.model import Line, MarkupTable, PageContent, RawTable
from sla_check.ingest.sections import BULLET, NUMBER_LIST
from sla_check.ingest.textnorm import clean
from sla_check.models import Document
from sla_check.vocabulary import listed_re

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_SETEXT = re.compile(r"^(=+|-+)\s*$")
_SEPARATOR = re.compile(r"^[|+]?\s*:?[-=]{2,}:?\s*([|+]\s*:?[-=]{2,}:?\s*)*[|+]?\s*$")  # |---|---| or ----+----
_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_CODE = re.compile(r"`([^`]*)`")


def decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "utf-16") if data[:2] in (b"\xff\xfe", b"\xfe\xff") else ("utf-8-sig", "cp1252", "latin-1"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise IngestError("unsupported_format", "the text file's encoding could not be read")


_TAG = re.compile(r"</?(?:br|p|div|span|ul|ol|li|b|i|u|em|strong|sup|sub|small|font|a)\b[^<>]{0,300}>", re.I)
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")


_ATTRIBUTE = re.compile(r"(\w)=([\"\u201c\u201d])")


def _inline(text: str) -> str:
    """Markdown and inline HTML to plain text: links, emphasis, code, tags ("<br>", "<li>") and escapes ("\\*")."""
    text = _LINK.sub(r"\1", text)
    text = _EMPHASIS.sub(r"\2", text)
    if "<" in text:
        text = re.sub(r"\s{2,}", " ", _TAG.sub(" ", text)).strip()
    if "\\" in text:
        text = _ESCAPE.sub(r"\1", text)
    if "=" in text:
        # markup a page kept as text ('[box title="Severity 2 (...)"]'): the quoted value starts a word
        text = _ATTRIBUTE.sub(r"\1= \2", text)
    from sla_check.normalize import unglue_times  # the time units are rule data

    return unglue_times(clean(_CODE.sub(r"\1", text)))


def _cells(line: str) -> list[str]:
    s = line.strip()
    if s.startswith("|"):
        s = s[1:]
    if s.endswith("|") and not s.endswith("\\|"):
        s = s[:-1]
    return [_inline(c) for c in s.split("|")]


def _is_row(line: str) -> bool:
    s = line.strip()
    return "|" in s and len([c for c in _cells(s) if c]) >= 2


def _wrapped_row(lines: list[str], i: int, width: int) -> Optional[tuple[list[str], int]]:
    """A table row a web page's text spread over several lines ("| Critical |", "2 hours |", "8-24 hours |",
    "Site down", "|"): from a line opening with a pipe that holds fewer cells than the header, the lines
    that follow up to a full row. (cells, index of the next line), or None when no full row is reached."""
    text = lines[i].strip()
    if width < 3 or not text.startswith("|") or len(_cells(text)) >= width:
        return None
    k = i + 1
    while k < len(lines) and len(_cells(text)) < width:
        nxt = lines[k].strip()
        if not nxt or (nxt.startswith("|") and nxt != "|"):
            break
        text = f"{text} {nxt}"
        k += 1
    if k < len(lines) and lines[k].strip() == "|":
        k += 1  # the pipe closing the last cell, on its own line
    cells = _cells(text)
    return (cells, k) if len(cells) == width else None


_GLUED_HEADER = 100  # characters: a header whose cells ran together is short (checked on every line)
_STREAM_LINES = 400  # lines one pipe-ended table is read over (a longer one goes on as a table of its own)
_CELL_LINES = 8  # a pipe-ended cell or a cell opened on a line of its own spans at most this many lines


def _pipe_ended_table(lines: list[str], i: int) -> tuple[Optional[list[list[str]]], int]:
    """A table a web page's text saved with a pipe closing each cell and no pipe opening a row, its rows
    broken over lines wherever a cell was long ("Severity Level |" / "Definitions | Response Time | Fix |",
    "Severity 2 | Service down | 8 hours |" / "24-72 hours |"): the lines read as one stream of cells, a
    row ending at a line end once it holds as many cells as the widest line. A line with no closing pipe
    runs on into the next; a line with no pipe at all opens a cell only while a row is unfinished.
    (rows, index of the next line), or (None, end of the lines looked at) when every row already sits on a
    line of its own: a start further down those lines is declined too, so they need no second look."""
    first = lines[i].strip()
    if first.startswith("|") or not first.endswith("|") or "\\|" in first:
        return None, i
    end = i
    while end < min(len(lines), i + _STREAM_LINES) and lines[end].strip() and "\\|" not in lines[end]:
        end += 1
    end = _next_header(lines, i, end)
    counts = [lines[k].count("|") - lines[k].strip().startswith("|") for k in range(i, end)]
    width = max(counts)
    if width < 2 or not any(n == 1 or not lines[k].rstrip().endswith("|") for k, n in zip(range(i, end), counts)):
        return None, end  # every line a row of its own (or tables of other widths stacked): the row reader's
    rows: list[list[str]] = []
    row: list[str] = []
    pending: list[str] = []  # the open cell's text, over lines
    spans = False  # whether some row took more than one line
    k = start = i
    while k < end:
        text = lines[k].strip()
        if "|" not in text and not pending:
            # a cell opened on a line of its own: only inside an unfinished row, closed by a pipe soon after
            if not row or not any("|" in lines[j] for j in range(k + 1, min(end, k + _CELL_LINES))):
                break
        elif not pending and _SEPARATOR.match(text):
            k += 1  # a '---|---|' line under the header: no line of the row after it
            start = k if not row else start
            continue
        if not pending and text.startswith("|") and text != "|":
            text = text[1:]
        pieces = text.split("|")
        for piece in pieces[:-1]:
            row.append(_inline(" ".join(pending + [piece.strip()]).strip()))
            pending = []
        if pieces[-1].strip():
            pending.append(pieces[-1].strip())
            if len(pending) > _CELL_LINES:
                break
        k += 1
        if not pending and len(row) >= width:
            spans = spans or k - start > 1
            rows.append(row[:width])
            row, start = [], k
    if pending:
        row.append(_inline(" ".join(pending)))
    if row:
        spans = True
        rows.append(row + [""] * (width - len(row)))
    if not spans or len(rows) < 2:
        return None, i
    return rows, k


def _next_header(lines: list[str], i: int, end: int) -> int:
    """Where a second table stacked under the one opening at line i starts, before `end`: the header
    line over a later '---|---' separator (a saved page puts tables one under another with no blank
    line; the first table's own separator is the one right under its header)."""
    for k in range(i + 2, end):
        text = lines[k].strip()
        if "|" in text and _SEPARATOR.match(text):
            return k - 1
    return end


def _pipe_opened_rows(lines: list[str], i: int) -> Optional[tuple[list[list[str]], int]]:
    """A table a web page's text saved with a pipe opening each row and closing each cell, its cells
    after the first on lines of their own ("| Critical |" / "Every 4 hours until fixed. |"): a row runs
    from a line opening with a pipe up to the next one, through lines that each close a cell. Rows of
    one width (2+), at least one of them over several lines; else None and the row reader reads them."""
    rows: list[list[str]] = []
    spans = False
    k = i
    while k < len(lines):
        first = lines[k].strip()
        if not (first.startswith("|") and first.endswith("|") and len(first) > 1) or _SEPARATOR.match(first):
            break
        group = [first]
        k += 1
        while k < len(lines) and len(group) <= _CELL_LINES:
            s = lines[k].strip()
            if not s or s.startswith("|") and s != "|" or not s.endswith("|"):
                break
            group.append(s)
            k += 1
        cells = _cells(" ".join(group))
        if rows and len(cells) != len(rows[0]):
            k -= len(group)
            break
        spans = spans or len(group) > 1
        rows.append(cells)
    if len(rows) < 2 or len(rows[0]) < 2 or not spans:
        return None
    return rows, k


_RULE = re.compile(r"[-=_*~#]{3,}")
_WIDE = re.compile(r"\S(?:.*?\S)?(?=\s{2,}|\s*$)")


def _spaced_cells(line: str) -> list[str]:
    return [_inline(m.group(0)) for m in _WIDE.finditer(line.rstrip())]


def _starts(line: str) -> list[int]:
    return [m.start() for m in _WIDE.finditer(line.rstrip())]


_SENTENCE_GAP = re.compile(r"[.!?][\"')\u201d]?\s{2,}[\"(\u201c]?[A-Z]")


def _listed_sentences(line: str) -> bool:
    """A list item, or sentences set two spaces apart: short items of a list ("* Level 1 - Answer
    within 1 hour.  Give a fix ...") may line up by chance, but they are not a table's rows."""
    text = line.strip()
    return bool(BULLET.match(text)) or len(_SENTENCE_GAP.findall(text)) == len(_starts(line)) - 1


def _aligned_run(lines: list[str], i: int) -> int:
    """Lines laid out in columns with runs of spaces (no pipes): how many from line i form a table.

    Every line must have the same number (2+) of cells starting at the same columns, so prose
    with two spaces after a full stop does not qualify.
    """
    first = _starts(lines[i])
    if len(first) < 2 or "|" in lines[i] or _listed_sentences(lines[i]):
        return 0
    n = 1
    while i + n < len(lines) and lines[i + n].strip() and "|" not in lines[i + n] and not _listed_sentences(lines[i + n]):
        starts = _starts(lines[i + n])
        if len(starts) != len(first) or any(abs(a - b) > 1 for a, b in zip(starts, first)):
            break
        n += 1
    return n if n >= 2 else 0


def _names(row: list[str]) -> Optional[int]:
    """How many names a header row holds when they fill its first cells and only empty cells follow
    (a web table's text pads every row to the table's width), else None."""
    n = sum(1 for c in row if c)
    return n if all(row[:n]) else None


def _join_sub_header(rows: list[list[str]]) -> list[list[str]]:
    """A web table's header over two rows, saved as text: group names spanning columns over the names
    of those columns, the corner cell and the single columns spanning both rows, so the second row lost
    its first cell and starts under the corner ("Priority | Response Time | Resolution Time | |" over
    "Business Hours | After-Hours | |", rows of four cells). From the widths alone: one group takes the
    k names of the second row when (names above - 1) + k is the rows' width; the group is the first
    column after the corner (a time split by the hours it runs in comes first). The two rows become one
    header ("Response Time After-Hours"). Several groups (plans over their kinds) are left as read,
    for the reader of plan columns, as is any other shape."""
    if len(rows) < 3:
        return rows
    top, sub, width = rows[0], rows[1], len(rows[0])
    n, k = _names(top), _names(sub)
    if n is None or k is None or n < 2 or k < 2 or n >= width or k >= width:
        return rows
    if any(ch.isdigit() for ch in "".join(sub)) or any(sum(1 for c in r if c) <= n for r in rows[2:]):
        return rows  # the second row holds figures, or the rows below fill no more columns than the header
    if n - 1 + k != width:
        return rows
    header = [top[0]] + [f"{top[1]} {name}" for name in sub[:k]] + top[2:n]
    return [header] + rows[2:]


def _tab_cells(line: str) -> int:
    """Cells of a line split at tabs (empty cells kept), 0 when it is no such row: no tab, a tab that
    only indents it, or no two cells with text."""
    text = line.strip("\n\r ")
    if "\t" not in text or text.startswith("\t") or "|" in text:
        return 0
    cells = text.split("\t")
    return len(cells) if sum(1 for c in cells if c.strip()) >= 2 else 0


def _tab_run(lines: list[str], i: int) -> int:
    """How many lines from line i are rows of a tab-separated table: two or more in a row, each with
    the same number of tab-separated cells."""
    width = _tab_cells(lines[i])
    if not width:
        return 0
    n = 1
    while i + n < len(lines) and _tab_cells(lines[i + n]) == width:
        n += 1
    return n if n >= 2 else 0


def _bare_table(rows: list[list[str]]) -> RawTable:
    """Rows with no separator line: a first row holding only its first cell is the table's caption
    ("Severities and SLA | | |"), and a header is a row with no digits over rows that have them."""
    caption = None
    if len(rows) > 2 and rows[0][0] and not any(rows[0][1:]):
        caption, rows = rows[0][0], rows[1:]
    has_header = not any(ch.isdigit() for ch in "".join(rows[0])) and any(ch.isdigit() for r in rows[1:] for ch in "".join(r))
    if has_header:
        rows = _join_sub_header(rows)
    return RawTable(rows=rows, has_header=has_header, caption=caption)  # type: ignore[arg-type]


def _markup_tables(lines: list[str]) -> dict[int, MarkupTable]:
    """The AsciiDoc, reStructuredText and HTML tables of a page's lines by their first line (see
    sla_check.ingest.asciidoc, .rst and .html_tables)."""
    found: dict[int, MarkupTable] = {}
    k = 0
    while k < len(lines):
        head = lines[k].lstrip()[:2]
        table: Optional[MarkupTable] = None
        if head == "|=":
            table = asciidoc.read_table(lines, k)
        elif head in ("+-", "==") and lines[k][:1] in "+=":
            table = rst.read_table(lines, k)
        elif "<" in lines[k] and "table" in lines[k].lower():
            table = html_tables.read_table(lines, k)
        if table is not None:
            found[table.start] = table
            k = table.end
            continue
        k += 1
    return found


def _page_items(text: str, number: int, markdown: bool = False) -> PageContent:
    lines = text.split("\n")
    items: list[Line | RawTable] = []
    gap = True
    i = declined = 0  # declined: lines up to here the pipe-ended reader has looked at and left alone
    by_start = {t.start: t for t in cell_tables(lines)}  # a web table saved one cell per line
    adoc = _markup_tables(lines)  # AsciiDoc, reStructuredText and HTML tables
    while i < len(lines):
        raw = lines[i].rstrip()
        s = raw.strip()
        if not s:
            gap, i = True, i + 1
            continue
        if i in adoc:
            found = adoc[i]
            items.append(RawTable(rows=[[None if c is None else _inline(c) for c in row] for row in found.rows],
                                  has_header=found.has_header))
            gap, i = True, found.end
            continue
        if i in by_start:
            table = by_start[i]
            width = len(table.header)
            items.append(RawTable(rows=[table.header] + [r + [""] * (width - len(r)) for r in table.rows],  # type: ignore[arg-type]
                                  has_header=True))
            gap, i = True, table.end
            continue
        if i >= declined:
            streamed, declined = _pipe_ended_table(lines, i)
            if streamed is not None:
                items.append(_bare_table(streamed))
                gap, i = True, declined
                continue
        opened = _pipe_opened_rows(lines, i)
        if opened is not None:
            items.append(_bare_table(opened[0]))
            gap, i = True, opened[1]
            continue
        if _RULE.fullmatch(s):  # a horizontal rule
            gap, i = True, i + 1
            continue
        glued = glued_table(lines, i) if len(s) <= _GLUED_HEADER and "|" not in s else None
        if glued is not None:  # cells a page's text ran together ("Priority LevelResponse Time" / "Critical1 hour")
            items.append(RawTable(rows=[[_inline(c) for c in row] for row in glued[0]], has_header=True))
            gap, i = True, glued[1]
            continue
        tabbed = _tab_run(lines, i) if "\t" in raw else 0
        if tabbed:  # columns a page's text (or a spreadsheet) kept apart with tabs
            rows = [[_inline(c) for c in lines[k].strip("\n\r ").split("\t")] for k in range(i, i + tabbed)]
            first, rest = "".join(rows[0]), "".join("".join(r) for r in rows[1:])
            has_header = not any(ch.isdigit() for ch in first) and any(ch.isdigit() for ch in rest)
            items.append(RawTable(rows=rows, has_header=has_header))  # type: ignore[arg-type]
            gap, i = True, i + tabbed
            continue
        aligned = _aligned_run(lines, i)
        if aligned:
            rows = [_spaced_cells(lines[k]) for k in range(i, i + aligned)]
            first, rest = "".join(rows[0]), "".join("".join(r) for r in rows[1:])
            has_header = not any(ch.isdigit() for ch in first) and any(ch.isdigit() for ch in rest)
            items.append(RawTable(rows=rows, has_header=has_header))  # type: ignore[arg-type]
            gap, i = True, i + aligned
            continue
        if _is_row(s):
            rows, has_header = [], False
            while i < len(lines):
                if _SEPARATOR.match(lines[i].strip() or "x"):
                    if has_header and len(rows) >= 3:
                        # a second table stacked right under the first: its header is the row just read
                        rows.pop()
                        i -= 1
                        break
                    has_header = has_header or len(rows) == 1
                    i += 1
                    continue
                wrapped = _wrapped_row(lines, i, len(rows[0])) if has_header and rows else None
                if wrapped is not None:
                    row, i = wrapped
                    rows.append(row)
                    continue
                if not _is_row(lines[i]):
                    break
                rows.append(_cells(lines[i]))
                i += 1
            if not rows:  # separators only (a pipe-only line before '|---|'): no table, nothing to keep
                gap = True
                continue
            width = max(len(r) for r in rows)
            rows = [r + [""] * (width - len(r)) for r in rows]
            if not has_header and len(rows) > 1:  # bare rows: a header has no digits, the rows below do
                has_header = not any(ch.isdigit() for ch in "".join(rows[0])) and any(ch.isdigit() for r in rows[1:] for ch in "".join(r))
            if has_header:
                rows = _join_sub_header(rows)
            items.append(RawTable(rows=rows, has_header=has_header))  # type: ignore[arg-type]
            gap = True
            continue
        nxt = lines[i + 1].strip() if i + 1 < len(lines) else ""
        m = _HEADING.match(s)
        if m:
            items.append(Line(_inline(m.group(2)), gap_before=True, kind="heading", level=len(m.group(1))))
            gap, i = True, i + 1
            continue
        if nxt and _SETEXT.match(nxt) and gap and not _is_row(s):
            items.append(Line(_inline(s), gap_before=True, kind="heading", level=1 if nxt[0] == "=" else 2))
            gap, i = True, i + 2
            continue
        kind = None
        text_ = s
        if BULLET.match(s):
            kind = "list_item"
        elif NUMBER_LIST.match(s) and (
            len(raw) - len(raw.lstrip()) > 0 or NUMBER_LIST.match(nxt) or (not gap and NUMBER_LIST.match(lines[i - 1].strip()))
        ):
            # indented, or one of a run of numbered lines with no blank line between: a list,
            # not clause headings ("1. Scheduled maintenance" / "2. Upgrades" on consecutive lines)
            kind = "list_item"
        items.append(Line(_inline(text_), gap_before=gap, kind=kind))
        gap, i = False, i + 1
    if not markdown:  # in Markdown a single line break is a soft wrap: the lines are one paragraph
        _mark_line_ends(items)
    return PageContent(number=number, items=items)


_ENDS_LINE = re.compile(r"^[A-Z0-9][^\s,;.]*(?:\s+[^\s,;.]+){0,7}(?<=[\w)])$")
_WIDEST_WRAP = 132  # columns: hard-wrapped text (e-mail, RFC style, terminals) stays well within this
_CAPTION_LINE = re.compile(r"^[A-Z][^\d.;:!?]{0,50}$")


def _row_like(line: Line) -> bool:
    """A line typed as one row of a table: short, with a time that something other than "within" leads
    ("Priority 1 15 minutes 4 hours", "Urgent 8 business hours 80%"; not a bare "15 minutes" cell)."""
    from sla_check.normalize import find_durations

    text = line.text
    if line.kind is not None or len(text) > 200:
        return False
    found = find_durations(text)
    return bool(found) and not _only_a_lead(text[:found[0].start])


def _names_columns(text: str) -> bool:
    """A header line's words: a few column names, no figure and no sentence ("Priority Level Description
    Target Resolution")."""
    return len(text.split()) <= 8 and not any(ch.isdigit() or ch in ".:;,?!" for ch in text)


def _opens_with_a_level(text: str) -> bool:
    """A row typed as a line whose cells before its first time name a level ("High 4 Hours", "P2 - Major
    2 hours"), not a sentence about times."""
    from sla_check.normalize import find_durations, severity_level

    found = find_durations(text)
    label = text[:found[0].start].strip(" -:|\u2013") if found else ""
    return 0 < len(label.split()) <= 4 and severity_level(label) is not None


def _only_a_lead(text: str) -> bool:
    """Nothing but marks and a word that leads a time ("within", "up to": lexicons/durations.yml `leads`)."""
    return bool(listed_re("durations", "leads", r"^\W*(?:", r"\W*)?$").match(text))


def _mark_line_ends(items: list[Line | RawTable]) -> None:
    """Where a writer's line break ends a block in plain text, as a PDF's short last line does:

    - rows of a table typed one per line with no blank line between them ("Urgent 8 business hours
      80%" then "High 16 business hours 80%"), and the header line just above them, are lines of
      their own;
    - in text that is not hard-wrapped, a line under a list item that opens a new sentence is not
      the item's continuation ("- Critical = 1 hour" then "Critical Support (24/7/365)").
    Text is hard-wrapped when its lines stop near one margin and a line break often falls inside a
    sentence, before a lower-case word."""
    lines = [item for item in items if isinstance(item, Line) and item.kind != "heading"]
    if len(lines) < 2:
        return
    lengths = sorted(len(line.text) for line in lines)
    margin = lengths[int(0.9 * (len(lengths) - 1))]
    pairs = [(a, b) for a, b in zip(items, items[1:]) if isinstance(a, Line) and isinstance(b, Line)
             and not b.gap_before and b.kind is None]
    inside = sum(1 for _, b in pairs if b.text[:1].islower())
    wrapped = margin <= _WIDEST_WRAP and inside >= max(1, 0.1 * len(pairs))
    if not wrapped:
        for a, b in pairs:
            if a.kind == "list_item" and b.text[:1].isupper():
                a.ends_short = True
            elif a.kind is None and _ENDS_LINE.search(a.text) and _opens_with_level(b.text):
                # lines are whole paragraphs here: a short title ("Response Time Tiers") ends its block
                # when the next line opens with a level's label ("Critical (business down): ...")
                a.ends_short = True
        for before, caption, opener in zip(items, items[1:], items[2:]):
            # a short caption right above a list ("Technology Services" over "- P1 - 4 hours") is its own line
            if isinstance(before, Line) and isinstance(caption, Line) and isinstance(opener, Line) and not caption.gap_before \
                    and caption.kind is None and opener.kind == "list_item" and not opener.gap_before \
                    and _CAPTION_LINE.match(caption.text):
                before.ends_short = True
    _mark_level_lines(items)
    _mark_label_values(items)
    run: list[Line] = []
    for k, item in enumerate(items + [None]):  # type: ignore[operator]
        if isinstance(item, Line) and _row_like(item) and (not run or not item.gap_before):
            run.append(item)
            continue
        if len(run) >= 2:
            for line in run:
                line.ends_short = True
                # a row that opens with its level ("Urgent 4 Hours", "1 Critical 4 hours") holds cells: no heading or clause
                line.typed_row = _opens_with_a_level(line.text)
            first = items.index(run[0])
            above = items[first - 1] if first > 0 else None
            if isinstance(above, Line) and not run[0].gap_before:
                above.ends_short = True  # the header line of the rows
                above.heads_rows = above.kind is None and not _row_like(above)
                prior = items[first - 2] if first > 1 else None
                if above.heads_rows and not above.gap_before and isinstance(prior, Line) and _names_columns(above.text) \
                        and not (prior.gap_before and _CAPTION_LINE.match(prior.text)):
                    # the header opens a block of its own, off the text above it (a table's caption keeps it)
                    prior.ends_short = True
        run = [item] if isinstance(item, Line) and _row_like(item) else []


_LABEL_LINE = re.compile(r"^[A-Z][A-Za-z&/'()\- ]{2,40}$")


def _mark_label_values(items: list[Line | RawTable]) -> None:
    """A web page's fields saved as a label line over a value line ("Response time" / "4hrs"): the pair is a
    block of its own, so a run of such fields does not run together into one paragraph whose times no
    longer sit beside their labels."""
    from sla_check.normalize import find_durations

    for k in range(len(items) - 1):
        label, value = items[k], items[k + 1]
        if not (isinstance(label, Line) and isinstance(value, Line)) or label.kind is not None or value.kind is not None \
                or value.gap_before or not _LABEL_LINE.match(label.text.strip()) or len(label.text.split()) > 6:
            continue
        text = value.text.strip()
        if len(text.split()) > 6 or not _opens_with_a_figure(text) or not find_durations(text):
            continue
        if _in_list_item(items, k):
            continue  # an item's own fields ("- P1 ..." then "First response" / "15 minutes") stay with it
        before = items[k - 1] if k > 0 else None
        if isinstance(before, Line) and not label.gap_before:
            before.ends_short = True
        value.ends_short = True


def _opens_with_a_figure(text: str) -> bool:
    """A value line: a figure first, or after a word that leads a time ("within 4 hours")."""
    return bool(listed_re("durations", "leads", r"^\W*(?:", r"\s+)?\d").match(text))


def _in_list_item(items: list[Line | RawTable], k: int) -> bool:
    """Whether the line at k continues a list item above it (no blank line between them)."""
    for j in range(k, max(-1, k - 20), -1):
        item = items[j]
        if not isinstance(item, Line):
            return False
        if item.kind == "list_item":
            return True
        if item.gap_before:
            return False
    return False


_FIELD_OPENER = re.compile(r"^[A-Z][A-Za-z]*(?: [A-Za-z]+){0,2}:\s+\S")
_LEVEL_LINE = re.compile(r"^[\w()/ .+-]{1,25}$")


_LEAD_LABEL = re.compile(r"^([A-Z][\w ()/-]{0,40}?)\s*:")


def _opens_with_level(text: str) -> bool:
    """A line that opens with a level's label and a colon ("High (major impact): ...")."""
    from sla_check.normalize import severity_level

    m = _LEAD_LABEL.match(text)
    if m is None:
        return False
    return severity_level(re.sub(r"\([^)]*\)", " ", m.group(1))) is not None


def _mark_level_lines(items: list[Line | RawTable]) -> None:
    """Lines a writer set apart that a wrapped paragraph would swallow: a level's own short line between
    two statements ("... guidelines:" / "1-Critical" / "- All users are down"), and a field that opens with
    its label after a finished sentence ("... for availability." / "Response Time: 4 hours")."""
    from sla_check.normalize import severity_level

    lines = [item if isinstance(item, Line) else None for item in items]
    for k in range(0, len(lines) - 1):
        line, after = lines[k], lines[k + 1]
        if line is not None and after is not None and _titles_a_level(lines[k - 1] if k else None, line, after):
            line.ends_short = True
        if k == 0:
            continue
        before = lines[k - 1]
        if before is None or line is None or line.kind is not None or line.gap_before:
            continue
        text = line.text.strip()
        if before.text.rstrip().endswith((".", ":")) and _FIELD_OPENER.match(text):
            before.ends_short = True
        if after is None or not _LEVEL_LINE.match(text) or len(text.split()) > 3 or severity_level(text) is None:
            continue
        # a level's line over a short description that introduces a list ("Whole office cannot work:" /
        # "- mail is down"), as a web table saved one cell per line has it, is a caption even right
        # under the table's header cells, which end in no punctuation
        introduces = k + 2 < len(lines) and _introduces_list(after, lines[k + 2])
        if introduces or (before.text.rstrip().endswith((".", ":", ";"))
                          and (after.kind == "list_item" or _FIELD_OPENER.match(after.text))):
            before.ends_short = line.ends_short = True


def _titles_a_level(before: Optional[Line], line: Line, after: Line) -> bool:
    """A level's title on a line of its own that opens a block ("High Priority" after a blank line or
    a list), with the level's description starting on the next line: the title is a line of its own,
    so the level stays a label and does not run into the description's sentence."""
    from sla_check.normalize import severity_level

    text = line.text.strip()
    if line.kind is not None or after.kind is not None or after.gap_before or not after.text[:1].isupper() \
            or len(after.text.split()) < 4:  # a description is a sentence, not a second title ("Enhanced Support")
        return False
    if not _LEVEL_LINE.match(text) or len(text.split()) > 3 or severity_level(text) is None:
        return False
    return line.gap_before or (before is not None and before.kind == "list_item")


def _introduces_list(line: Line, following: Optional[Line]) -> bool:
    """A short line of its own ending in a colon with a list item right under it."""
    text = line.text.rstrip()
    return line.kind is None and not line.gap_before and text.endswith(":") and len(text.split()) <= 12 \
        and following is not None and following.kind == "list_item" and not following.gap_before


#: a Markdown front-matter block: "---" on the first line, "key: value" lines, "---" again
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n((?:[ \t]*(?:[\w.-]+[ \t]*:.*|-[ \t].*|#.*|)\n){1,80}?)---[ \t]*\n")
_FM_TITLE = re.compile(r"^title[ \t]*:[ \t]*(.+?)[ \t]*$", re.MULTILINE)


def _front_matter(text: str) -> tuple[str, str]:
    """Markdown front matter (site metadata, not contract text) split off: its title, which
    names the document the way a title page does ("title: Support policy"), and the rest."""
    m = _FRONT_MATTER.match(text)
    if m is None:
        return "", text
    title = _FM_TITLE.search(m.group(1))
    return (title.group(1).strip().strip("'\"").strip() if title else ""), text[m.end():]


def read_text(path: Path) -> Document:
    return text_document(decode(path.read_bytes()), str(path))


def read_html(path: Path) -> Document:
    """A saved web page, through its Markdown (html_page.py)."""
    from sla_check.ingest.html_page import page_markdown

    return text_document(page_markdown(path.read_bytes()), str(path), fmt="html")


def text_document(text: str, name: str, fmt: str = "text") -> Document:
    """A Document from plain text or Markdown (`fmt` html: a web page written as Markdown);
    form feeds separate pages."""
    title, text = _front_matter(text.replace("\r\n", "\n").replace("\r", "\n"))
    text, split = split_long_words(text)  # before the line patterns below, which a huge token would slow
    chunks = text.split("\f")
    markdown = fmt == "html" or name.lower().endswith((".md", ".markdown"))
    pages = [_page_items(chunk, n + 1, markdown) for n, chunk in enumerate(chunks)]
    if title:  # the document's own title, as a DOCX Title style gives it: not a section
        pages[0].items.insert(0, Line(_inline(title), gap_before=True, kind="title"))
    if not any(p.items for p in pages):
        raise IngestError("empty", "the file has no text (only blank lines)")
    doc = assemble(name, fmt, fmt, len(pages), build_blocks(pages))
    if split:
        doc.warnings.insert(0, long_word_warning(split))
    return doc
