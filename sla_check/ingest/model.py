"""Intermediate shapes inside ingestion: what a reader yields before blocks and sections exist.

Every reader (pdfium, pdfplumber, DOCX, text) reduces a file to these, so the
post-processing (headers/footers, hyphenation, paragraphs, sections, tables) is written once.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple, Optional, Sequence

BBox = tuple[float, float, float, float]  # x0, top, x1, bottom (top-down page coordinates)


class Char(NamedTuple):
    """One glyph in top-down page coordinates (y grows downwards, like pdfplumber).

    A NamedTuple, not a dataclass: pages have thousands of glyphs and this is the hot path.
    """

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    index: int = -1  # type: ignore[assignment]  # (shadows tuple.index) position in the reader's own char list (to look up font details)


@dataclass
class Line:
    """A run of text on one baseline (within one column)."""

    text: str
    x0: float = 0.0
    x1: float = 0.0
    top: float = 0.0
    bottom: float = 0.0
    size: float = 0.0  # font size of the first glyph
    bold: bool = False
    run_in: bool = False  # opens in bold but ends in regular type: a run-in title ("1.1 Fees. The ..."), not a heading
    gap_before: bool = False  # a blank line / clear vertical space precedes it
    ends_short: bool = False  # stops well before the column's right edge (a paragraph's last line)
    baseline: float = 0.0
    column: int = 0  # 0 full width / single column, 1 left, 2 right
    cells: Optional[list[str]] = None  # text split at wide gaps (a row of a borderless table)
    cell_x: Optional[list[float]] = None  # where each of those cells starts
    words: Optional[list[tuple[str, float]]] = None  # (word, left x) for lines that may be table rows
    kind: Optional[str] = None  # set by structured readers: heading | list_item
    level: Optional[int] = None  # heading level from Markdown '#' or a DOCX style
    after_break: bool = False  # follows a page number printed mid-page (an original page's end)
    heads_rows: bool = False  # the column-header line of a table typed as text lines (not a heading)
    typed_row: bool = False  # a row of a table typed as a text line, opening with its level (not a heading or clause)
    last_baseline: float = 0.0  # a row joined from several lines (cells set vertically centred): its last line's


@dataclass
class RawTable:
    """Rows as read (first row is the header); cells may be None for merged cells."""

    rows: list[list[Optional[str]]]
    bbox: BBox = (0.0, 0.0, 0.0, 0.0)
    has_header: bool = True
    row_pages: list[int] = field(default_factory=list)  # page of each row (tables can span pages)
    caption: Optional[str] = None  # a first row spanning the table ("Table 2: Premium Plan Targets"), taken off
    after_break: bool = False  # opens right after a page number printed mid-sheet (an original page's start)


@dataclass(frozen=True)
class MarkupTable:
    """A table written as markup in a text page (AsciiDoc, reStructuredText, HTML): lines [start, end)
    of the page hold it; rows of cells (None: covered by a spanning cell), the first the header if has_header."""

    start: int
    end: int
    rows: Sequence[Sequence[Optional[str]]]
    has_header: bool


@dataclass
class PageContent:
    """One page: its lines and tables in reading order (`items`), plus its size."""

    number: int  # 1-based
    width: float = 0.0
    height: float = 0.0
    items: list[Line | RawTable] = field(default_factory=list)


@dataclass
class RawBlock:
    """A paragraph, heading, list item or table before sections are assigned."""

    text: str
    page: int
    kind: str = "para"  # para | heading | list_item | table
    level: Optional[int] = None
    table: Optional[RawTable] = None
    pages: tuple[int, ...] = ()  # for tables: every page
    lines: int = 1
    bold: bool = False
    size: float = 0.0
    heading_hint: bool = False  # reader's own evidence (font) that this is a heading
    heads_rows: bool = False  # a table's column-header line typed as text: names columns, not a section
    typed_row: bool = False  # a table's row typed as a text line ("Urgent 1 Hour", "1 Critical 4 hours"): cells, not a section
    page_breaks: list[tuple[int, int]] = field(default_factory=list)  # (offset, page) continuations
