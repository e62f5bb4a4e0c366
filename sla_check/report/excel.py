"""The review workbook (openpyxl): Summary, Findings, Terms, Compare, Downtime, Checklist, Files.

Results are added one at a time, in input order, as the batch produces them; only the
small per-contract values the Summary, Compare and Downtime sheets need at the end are
kept (the Summary is written worst contract first once every result is in). Contract
text is untrusted, so every text cell goes through `write_text()`, which can never
produce a formula, a link or an illegal XML character. Spreadsheet applications do not
grow rows a file gives them, so every row written through `_write_row()` gets the height
its wrapped text needs (report/layout.py). Styles are named styles and conditional
formats (per-cell ad-hoc styling is the slow part of openpyxl), and the file is saved
with fixed timestamps so the same inputs give the same bytes.
"""
from __future__ import annotations

import datetime as dt
import io
import logging
import math
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Optional, Sequence

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.chart import BarChart, Reference
from openpyxl.drawing.spreadsheet_drawing import AnchorMarker, TwoCellAnchor
from openpyxl.formatting.rule import CellIsRule, FormulaRule
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.dimensions import RowDimension
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from sla_check.ingest.ocr import LOW_CONFIDENCE
from sla_check.checktypes import REGISTRY, SEVERITIES
from sla_check.models import Evidence, FileResult, Finding, TimeCommitment
from sla_check.money import format_percent, headline_uptime, max_credit_percent
from sla_check.report import atomic_output, error_reason, format_uptime, headline, term_rows
from sla_check.report.layout import (
    FONT_NAME,
    FONT_PT,
    ONE_LINE_PT,
    cell_lines,
    count_lines,
    height_for,
    needed_width,
    width_for,
)
from sla_check.report.words import Words, load_words, time_words

log = logging.getLogger(__name__)

DECISIONS = ("Accept", "Negotiate", "Reject", "N/A")
EXCEL_MAX_CELL = 32767
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# colours: Excel's own "good / neutral / bad" palette, readable when printed
RED, AMBER, GREEN, BLUE, GREY = "FFC7CE", "FFEB9C", "C6EFCE", "DDEBF7", "EDEDED"
_FONT = {RED: "9C0006", AMBER: "9C5700", GREEN: "006100", BLUE: "1F4E78", GREY: "404040"}
RATING_FILL = {"Red": RED, "Amber": AMBER, "Green": GREEN}
NOT_RATED = "Failed"  # the Summary's rating of a file that could not be reviewed
STATUS_FILL = {"gap": RED, "weak": AMBER, "ok": GREEN, "review": BLUE, "n/a": GREY, "error": RED, "skipped": GREY}
SEVERITY_FILL = {"high": RED, "medium": AMBER, "low": GREY}
#: bars of the Summary chart, one per severity (strong colours: the chart is read from afar)
SEVERITY_BAR = {"high": "C00000", "medium": "F4B183", "low": "BFBFBF"}
#: named styles whose text wraps (their rows get the height the text needs)
WRAP_STYLES = {"sla_wrap", "sla_header", "sla_wrap_bold", "sla_link"}
#: an unwrapped column is widened to its longest value, up to this
MAX_UNWRAPPED_WIDTH = 80.0


# --------------------------------------------------------------------------- safe cells


#: what XML 1.0 cannot hold beyond openpyxl's control characters: lone surrogates (a file
#: name that is not valid UTF-8 arrives with them) and the non-characters U+FFFE / U+FFFF
_NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")
#: what either substitution below would change, as one character class (openpyxl's own
#: pattern is an alternation of three classes, which the regex engine scans far slower)
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean_text(value: str) -> str:
    """Make any string XML-safe and cap it at Excel's limit: control characters (PDFs produce
    form feeds) are dropped; surrogates and U+FFFE/U+FFFF become U+FFFD, so a file name that
    was not valid UTF-8 stays recognisable."""
    if _UNSAFE.search(value) is not None:  # rare: one scan for both kinds decides most cells
        value = _NOT_XML.sub("\ufffd", ILLEGAL_CHARACTERS_RE.sub("", value))
    if len(value) > EXCEL_MAX_CELL:
        value = value[: EXCEL_MAX_CELL - 1] + "…"
    return value


def write_text(ws: Worksheet, row: int, column: int, value: Any, style: Optional[str] = None) -> Any:
    """Write one cell. Text is always stored as text: "=HYPERLINK(...)" stays a string.

    Numbers and booleans are written as such; None leaves the cell empty.
    """
    cell = ws.cell(row=row, column=column)
    if isinstance(value, str):
        # stored as is: clean_text() already made it what openpyxl's value setter checks for
        # (XML-safe, within Excel's length), and the setter's own scan is a third of a cell's cost
        cell._value = clean_text(value)
        cell.data_type = "s"  # never "f" (formula) or "e" (error), whatever it starts with
    elif isinstance(value, bool) or value is None:
        cell.value = None if value is None else ("yes" if value else "no")
    elif isinstance(value, (int, float)):
        cell.value = value
    else:
        cell.value = clean_text(str(value))
        cell.data_type = "s"
    if style:
        _apply_style(cell, style)
    return cell


def _apply_style(cell: Any, name: str) -> None:
    """cell.style = name, without openpyxl's per-assignment lookup of the named style (the
    slow part of styled writes): the style's array is looked up once per workbook and copied."""
    cache = _style_cache(cell.parent.parent)
    array = cache.get(name)
    if array is None:
        cell.style = name
        cache[name] = StyleArray(cell._style)
    else:
        cell._style = StyleArray(array)  # what copy.copy(array) gives, without its dispatch


def _style_cache(wb: Workbook) -> dict[str, StyleArray]:
    """Named style -> its style array, filled by _apply_style (one per workbook)."""
    cache: dict[str, StyleArray] = wb.__dict__.setdefault("_sla_style_cache", {})
    return cache


# --------------------------------------------------------------------------- sheet layout


@dataclass(frozen=True)
class Col:
    header: str
    width: float
    style: str = "sla_cell"  # named style of the data cells
    hidden: bool = False


def _font(**kw: Any) -> Font:
    """The workbook font, named in every style: a style without a name falls back to the
    application's default font, whose widths the row heights were not measured for."""
    kw.setdefault("size", FONT_PT)
    return Font(name=FONT_NAME, **kw)


_ROW_RULE = Border(bottom=Side(style="thin", color="A6A6A6"))


def _styles(wb: Workbook) -> None:
    thin = Side(style="thin", color="A6A6A6")
    top = Alignment(vertical="top")
    wrap = Alignment(vertical="top", wrap_text=True)
    named = [
        NamedStyle("sla_header", font=_font(bold=True, color="FFFFFF"), fill=PatternFill("solid", fgColor="305496"),
                   alignment=Alignment(vertical="center", wrap_text=True), border=Border(bottom=thin)),
        NamedStyle("sla_cell", font=_font(), alignment=top),
        NamedStyle("sla_wrap", font=_font(), alignment=wrap),
        NamedStyle("sla_wrap_bold", font=_font(bold=True), alignment=wrap),
        # centred: a page number flush right ran into the section beside it ("6" + "6.4" read "66.4")
        NamedStyle("sla_int", font=_font(), alignment=Alignment(vertical="top", horizontal="center"), number_format="0"),
        NamedStyle("sla_num", font=_font(), alignment=top, number_format="0.0##"),
        # a percentage as written: 25 and 12.5, never "25.0"
        NamedStyle("sla_pct", font=_font(), alignment=top, number_format="General"),
        NamedStyle("sla_money", font=_font(), alignment=top, number_format="#,##0.00"),
        NamedStyle("sla_link", alignment=wrap, font=_font(color="0563C1", underline="single")),
        NamedStyle("sla_key", font=_font(bold=True), alignment=top),
        NamedStyle("sla_title", font=_font(bold=True, size=14, color="1F3864"), alignment=Alignment(vertical="center")),
        # wraps like the value it replaces: a long best value ("4 hours (clock not stated)") ran into the next column
        NamedStyle("sla_best", font=_font(bold=True, color=_FONT[GREEN]), fill=PatternFill("solid", fgColor=GREEN), alignment=wrap),
    ]
    for colour_name, colour in (("red", RED), ("amber", AMBER), ("green", GREEN)):
        named.append(NamedStyle(f"sla_{colour_name}", font=_font(bold=True, color=_FONT[colour]),
                                fill=PatternFill("solid", fgColor=colour), alignment=top))
    for style in named:
        wb.add_named_style(style)


#: running header and footer of every printed page: the workbook's file name and the sheet,
#: and "Page 2 of 7" (codes of the spreadsheet's header language, not text)
PAGE_HEADER = ("&F", "&A")
PAGE_FOOTER = "Page &P of &N"


def _print_setup(ws: Worksheet, title_rows: Optional[str] = None, one_page: bool = False, gridlines: bool = True) -> None:
    """Landscape A4, as wide as the page, header rows repeated on every page, the file name,
    the sheet and the page number in the margins; printed gridlines separate the rows of a
    sheet that is one table (a page with a chart draws its own lines)."""
    if title_rows:
        ws.print_title_rows = title_rows
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 1 if one_page else 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.page_margins.header = ws.page_margins.footer = 0.25
    ws.oddHeader.left.text, ws.oddHeader.right.text = PAGE_HEADER
    ws.oddFooter.right.text = PAGE_FOOTER
    ws.print_options.gridLines = gridlines


def _print_columns(ws: Worksheet, ncols: int, header_row: int = 1) -> None:
    """Print only the first `ncols` columns (what a reader needs on paper, at a legible size);
    the columns right of them stay on screen for working in the sheet."""
    last = max(ws.max_row, header_row + 1)
    ws.print_area = f"A1:{get_column_letter(ncols)}{last}"


def _header(ws: Worksheet, row: int, cols: Sequence[Col], first_col: int = 1) -> None:
    """The header row: every label fully visible (its height from the longest wrapped label)."""
    lines = 1
    for i, c in enumerate(cols, start=first_col):
        write_text(ws, row, i, c.header, "sla_header")
        letter = get_column_letter(i)
        # a word wider than its column is not broken by every application: the column fits it
        width = max([c.width] + [width_for(word, bold=True) for word in c.header.split()])
        ws.column_dimensions[letter].width = width
        if c.hidden:
            ws.column_dimensions[letter].hidden = True
        lines = max(lines, cell_lines(c.header, width, wrap=True, bold=True))
    set_height(ws, row, height_for(lines))


def _sheet(wb: Workbook, title: str, cols: Sequence[Col], first: bool = False, header_row: int = 1) -> Worksheet:
    ws = wb.active if first else wb.create_sheet()
    ws.title = title
    if cols:
        _header(ws, header_row, cols)
    ws.freeze_panes = f"A{header_row + 1}"
    _print_setup(ws, f"{header_row}:{header_row}")
    ws.sheet_view.zoomScale = 100
    return ws


def _fit(ws: Worksheet) -> dict[int, float]:
    """Width each unwrapped column needs so far (kept on the sheet, applied by `_finish`)."""
    fit: dict[int, float] = ws.__dict__.setdefault("_sla_fit", {})
    return fit


def _finish(ws: Worksheet, ncols: int, header_row: int = 1) -> None:
    """The filter over the table, and unwrapped columns widened to their longest value."""
    last = max(ws.max_row, header_row + 1)
    ws.auto_filter.ref = f"A{header_row}:{get_column_letter(ncols)}{last}"
    for column, width in _fit(ws).items():
        dim = ws.column_dimensions[get_column_letter(column)]
        if width > (dim.width or 0):
            dim.width = min(width, MAX_UNWRAPPED_WIDTH)


def _colour_rules(ws: Worksheet, column: int, colours: dict[str, str], first_row: int = 2) -> None:
    """Colour a status/severity column by value with conditional formats (no per-cell styling)."""
    letter = get_column_letter(column)
    ref = f"{letter}{first_row}:{letter}{max(ws.max_row, first_row)}"
    for value, colour in colours.items():
        ws.conditional_formatting.add(ref, CellIsRule(operator="equal", formula=[f'"{value}"'],
                                                      fill=PatternFill("solid", bgColor=colour),
                                                      font=Font(color=_FONT[colour])))


def _cell_lines(ws: Worksheet, column: int, value: Any, style: str, width: Optional[float] = None) -> int:
    """Lines a written value takes; an unwrapped one records the width it needs instead."""
    if value is None:
        return 1
    if width is None:
        width = ws.column_dimensions[get_column_letter(column)].width or 8.43
    if style in WRAP_STYLES:
        return cell_lines(value, width, wrap=True, bold=style == "sla_wrap_bold")
    fit = _fit(ws)
    need = needed_width(value, "#,##0.00" if style == "sla_money" else None)
    if need > fit.get(column, 0.0):
        fit[column] = need
    return cell_lines(value, width, wrap=False)


def _write_row(ws: Worksheet, row: int, cols: Sequence[Col], values: Sequence[Any], first_col: int = 1) -> None:
    """Write a table row and give it the height its tallest wrapped cell needs."""
    lines = 1
    arrays = _style_cache(ws.parent)
    for i, (c, v) in enumerate(zip(cols, values), start=first_col):
        if v is None:  # an empty cell is not created at all: a third of a styled write's cost
            continue
        array = arrays.get(c.style)
        if isinstance(v, str) and array is not None:
            # write_text() and _apply_style() for the common case (text in a known style), inlined:
            # most of a workbook's cells come through here
            cell = ws.cell(row=row, column=i)
            cell._value = v = clean_text(v)
            cell.data_type = "s"
            cell._style = StyleArray(array)
            if c.style in WRAP_STYLES:
                n = count_lines(v, c.width, c.style == "sla_wrap_bold")  # cell_lines() of wrapped text
            else:
                n = _cell_lines(ws, i, v, c.style, c.width)
        else:
            cell = write_text(ws, row, i, v, c.style)
            n = _cell_lines(ws, i, cell.value, c.style, c.width)
        if n > lines:
            lines = n
    if lines > 1:
        set_height(ws, row, height_for(lines))


class _FittedRow(RowDimension):
    """A row with the height its text needs, not marked as set by hand: LibreOffice draws the
    height as given, and Excel, which draws Calibri with wider line spacing, fits the row to its
    text when it opens the file (a row marked custom it would leave short and cut the text)."""

    @property
    def customHeight(self) -> bool:
        return False


def set_height(ws: Worksheet, row: int, height: float) -> None:
    """Give a row without merged cells its height (the row's other settings kept). A row with a
    cell merged across columns keeps a custom height: Excel's fitting ignores merged cells."""
    old = ws.row_dimensions.get(row)
    ws.row_dimensions[row] = _FittedRow(ws, index=row, ht=height, hidden=bool(old and old.hidden),
                                        outlineLevel=old.outlineLevel if old else 0,
                                        collapsed=bool(old and old.collapsed))


def fit_row(ws: Worksheet, row: int, merged_widths: Optional[dict[int, float]] = None) -> float:
    """Set a row's height from the cells already in it (for rows not written by `_write_row`);
    `merged_widths` gives the width of a cell merged across columns. Returns the height."""
    lines = 1
    for cell in ws[row]:
        if cell.value is None:
            continue
        width = (merged_widths or {}).get(cell.column)
        style = cell.style if cell.alignment is None or not cell.alignment.wrap_text else "sla_wrap"
        if style == "sla_wrap" and cell.font is not None and cell.font.b:
            style = "sla_wrap_bold"
        lines = max(lines, _cell_lines(ws, cell.column, cell.value, style, width))
    height = height_for(lines)
    if lines > 1:
        if merged_widths:
            ws.row_dimensions[row].height = height
        else:
            set_height(ws, row, height)
    return height


#: A4 landscape less the margins of `_print_setup`, in points and in LibreOffice's pixels
_PAGE_HEIGHT_PT = (8.27 - 1.2) * 72
_PAGE_WIDTH_PX = (11.69 - 0.8) * 96


def _print_scale(printed_width: float) -> float:
    """The scale `_print_setup` prints at: the sheet shrunk to the page's width, never enlarged."""
    return min(1.0, _PAGE_WIDTH_PX / (7.4 * printed_width))


def _splits_chart(ws: Worksheet, first_row: int, chart_cm: float, printed_width: float) -> bool:
    """Whether a chart starting at `first_row` would cross a page break (rows above it as
    tall as set, the sheet scaled to the page's width as `_print_setup` asks)."""
    scale = _print_scale(printed_width)
    above = sum(ws.row_dimensions[r].height or ONE_LINE_PT for r in range(1, first_row)) * scale
    page = _PAGE_HEIGHT_PT
    return above % page + chart_cm / 2.54 * 72 * scale > page


def _chart_cm_per_page(ws: Worksheet, header_row: int, printed_width: float) -> float:
    """The tallest chart (cm, unscaled) one printed page holds under the header row that repeats
    on every page: a taller one is cut by the page break and the header prints over its top."""
    scale = _print_scale(printed_width)
    header_pt = (ws.row_dimensions[header_row].height or ONE_LINE_PT) + 2 * ONE_LINE_PT  # + a spare row's room
    return (_PAGE_HEIGHT_PT / scale - header_pt) / 72 * 2.54


#: the Downtime chart: cm per bar (a file name's line) and for its title and axis
_CHART_BAR_CM = 0.6
_CHART_FRAME_CM = 3.0


def short_name(path: str) -> str:
    """The file name a buyer recognises (the full path is on the Files sheet)."""
    return Path(path).name or str(path)


# --------------------------------------------------------------------------- columns

#: the Summary: a title, the chart and the legend above the table (rows before SUMMARY_HEADER_ROW)
SUMMARY_HEADER_ROW = 17  # rows 3..15 hold the chart and the legend, row 16 the "Problems" band
PROBLEMS_BAND = "Problems (missing or weak), by severity"
SUMMARY = [
    Col("Contract", 19, "sla_wrap_bold"), Col("Provider", 14, "sla_wrap"), Col("Rating", 7), Col("Score", 6, "sla_int"),
    Col("High", 5, "sla_int"), Col("Medium", 7, "sla_int"), Col("Low", 5, "sla_int"),
    Col("To review", 7, "sla_int"), Col("Two worst problems", 38, "sla_wrap"),
    Col("Uptime (lowest target)", 17, "sla_wrap"), Col("P1 response (slowest)", 15, "sla_wrap"),
    Col("P1 resolution (slowest)", 15, "sla_wrap"), Col("Support hours", 11, "sla_wrap"), Col("Credit cap", 8, "sla_wrap"),
    Col("Service kind", 12, "sla_wrap"), Col("Findings", 12, "sla_link"), Col("Status", 14, "sla_wrap"),
    Col("File (full path)", 50, "sla_wrap", hidden=True),
]
_S = {c.header: i for i, c in enumerate(SUMMARY, start=1)}  # column numbers by header
#: printed: the contract, its rating, problems and headline terms (the rest is for the screen)
SUMMARY_PRINTED = _S["Credit cap"]
LEGEND_KEY_COL = _S["Uptime (lowest target)"]  # the legend sits right of the chart
LEGEND_TEXT_COLS = (_S["P1 response (slowest)"], SUMMARY_PRINTED)  # merged across these, within the print

#: the printed review first (contract, check, verdict, why, what to ask, the clause and where it
#: is), then the team's working columns and the check's background, on screen only
FINDINGS = [
    Col("Contract", 15, "sla_wrap"), Col("Check", 15, "sla_wrap"), Col("Status", 7), Col("Severity", 8),
    Col("Finding", 36, "sla_wrap"), Col("Ask the vendor", 30, "sla_wrap"), Col("Evidence (contract text)", 42, "sla_wrap"),
    Col("Page", 5, "sla_int"), Col("Section", 12, "sla_wrap"),
    Col("Decision", 11), Col("Owner", 12), Col("Notes", 24, "sla_wrap"),
    Col("Scenario", 44, "sla_wrap"), Col("Question", 44, "sla_wrap"), Col("Check id", 18),
]
_F = {c.header: i for i, c in enumerate(FINDINGS, start=1)}
FINDINGS_PRINTED = _F["Section"]
TERMS = [
    Col("Contract", 15, "sla_wrap"), Col("Term", 24, "sla_wrap"), Col("Value", 28, "sla_wrap"),
    Col("Source text", 56, "sla_wrap"), Col("Page", 5, "sla_int"), Col("Section", 18, "sla_wrap"), Col("Rule", 22),
]
TERMS_PRINTED = 6  # the extraction rule that found a term is for the screen
#: the Downtime sheet: hours always; money only when the buyer gave a cost per hour
DOWNTIME_HEADER_ROW = 3
DOWNTIME_HOURS = [
    Col("File", 24, "sla_wrap"), Col("Uptime target", 22, "sla_wrap"), Col("Allowed downtime (h/month)", 11, "sla_num"),
    Col("Allowed in one bad month (h)", 11, "sla_num"), Col("Allowed downtime (h/year)", 11, "sla_num"),
    Col("Credit cap %", 8, "sla_pct"),
]
DOWNTIME_MONEY = [
    Col("Cost per hour (yours)", 11, "sla_money"), Col("Currency", 8), Col("Downtime cost / month", 12, "sla_money"),
    Col("Downtime cost / year", 12, "sla_money"), Col("Monthly fee", 11, "sla_money"),
    Col("Most credits pay / month", 12, "sla_money"), Col("Not covered / month", 12, "sla_money"),
]
DOWNTIME_NOTE = Col("Note", 60, "sla_wrap")
DOWNTIME_NOTE_NARROW = Col("Note", 36, "sla_wrap")
DOWNTIME = DOWNTIME_HOURS + DOWNTIME_MONEY + [DOWNTIME_NOTE]
FILES = [
    Col("File", 34, "sla_wrap"), Col("Format", 7), Col("Pages", 6, "sla_int"), Col("Status", 8),
    Col("Error code", 13), Col("Reason", 40, "sla_wrap"), Col("Warnings", 44, "sla_wrap"), Col("OCR", 26, "sla_wrap"),
    Col("SHA-256", 20),
]
FILES_PRINTED = 8  # the checksum is for the screen
#: the Checklist's printed columns (the check's id first), in this order, with their widths
CHECKLIST_PRINTED = ("Check", "Title", "Severity", "Scenario", "Question", "Thresholds")
CHECKLIST_WIDTHS = {"Check": 18.0, "Title": 20.0, "Severity": 9.0, "Scenario": 34.0, "Question": 34.0,
                    "Thresholds": 26.0, "Recommendation": 40.0}

Rank = Callable[[Any], Optional[float]]


def _high(v: Any) -> Optional[float]:
    return float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else None


def _low(v: Any) -> Optional[float]:
    h = _high(v)
    return -h if h is not None else None


def _ranked(order: dict[Any, float]) -> Rank:
    return lambda v: order.get(v)


_YES = _ranked({True: 1.0, False: 0.0})
_NO = _ranked({False: 1.0, True: 0.0})


def _elapsed(t: TimeCommitment) -> float:
    """Minutes on the wall clock: a business-hours time stops at night and at weekends."""
    return t.minutes * _business_factor() if t.basis == "business" else t.minutes


def _time(kind: str, level: int) -> Callable[[FileResult], Any]:
    """The fastest stated time of this kind and level, compared by elapsed time ("1 business day"
    is slower than "8 hours") and shown in words on its own clock."""
    def get(r: FileResult) -> Any:
        found = [t for t in r.terms.response_times if t.kind == kind and t.severity_level == level] if r.terms else []
        return min(found, key=_elapsed) if found else None
    return get


def _time_rank(v: Any) -> Optional[float]:
    return -_elapsed(v) if isinstance(v, TimeCommitment) else None


def _exp(name: str) -> Callable[[FileResult], Any]:
    return lambda r: getattr(r.exposure, name, None) if r.exposure else None


def _rating(name: str) -> Callable[[FileResult], Any]:
    return lambda r: getattr(r.rating, name, None) if r.rating else None


# (label, value getter, rank: higher rank = better for the buyer; None = not compared)
COMPARE_ROWS: list[tuple[str, Callable[[FileResult], Any], Optional[Rank]]] = [
    ("Rating", _rating("colour"), _ranked({"Green": 3, "Amber": 2, "Red": 1})),
    ("Score (0-100)", _rating("score"), _high),
    ("Provider", lambda r: r.terms.parties.provider if r.terms else None, None),
    ("Uptime %", lambda r: headline(r.terms)["uptime_percent"], _high),
    ("Uptime measured per", lambda r: headline(r.terms)["uptime_period"], _ranked({"month": 3, "quarter": 2, "year": 1})),
    ("P1 response", _time("response", 1), _time_rank),
    ("P1 resolution", _time("resolution", 1), _time_rank),
    ("P2 response", _time("response", 2), _time_rank),
    ("P2 resolution", _time("resolution", 2), _time_rank),
    ("Support hours", lambda r: r.terms.support_hours.value if r.terms else None,
     _ranked({"24x7": 3, "mixed": 2, "business_hours": 1})),
    ("Service credits", lambda r: r.terms.service_credits.present if r.terms else None, _YES),
    ("Credit cap %", lambda r: r.terms.service_credits.max_credit_percent if r.terms else None, _high),
    ("Claim window (days)", lambda r: r.terms.service_credits.claim_window_days if r.terms else None, _high),
    ("Credits are the sole remedy", lambda r: r.terms.service_credits.sole_remedy
     if r.terms and r.terms.service_credits.present else None, _NO),
    ("Credits applied automatically", lambda r: r.terms.service_credits.automatic if r.terms else None, _YES),
    ("Maintenance notice (h)", lambda r: r.terms.maintenance_notice_hours.value if r.terms else None, _high),
    ("Exclusion categories", lambda r: len({e.category for e in r.terms.exclusions}) if r.terms else None, _low),
    ("Proactive monitoring", lambda r: r.terms.proactive_monitoring.value if r.terms else None, _YES),
    ("Exit for chronic failure", lambda r: r.terms.chronic_failure_termination.value if r.terms else None, _YES),
    ("High problems", _rating("problems_high"), _low),
    ("Medium problems", _rating("problems_medium"), _low),
    ("Low problems", _rating("problems_low"), _low),
    ("Allowed downtime (min/month)", _exp("allowed_minutes_month"), _low),
    ("Downtime cost / year", _exp("cost_year"), _low),
    ("Credits back / month", _exp("credit_back_month"), _high),
]
#: Compare shows these values in words (the rank still uses the code)
_COMPARE_WORDS = {"Support hours", "Uptime measured per"}
#: terms a contract may leave out: Compare says "Not stated" rather than leave a blank a buyer could
#: read as "not looked at"; the credit details say "No credits" where there are none
_STATED_ROWS = frozenset({"Uptime %", "Uptime measured per", "P1 response", "P1 resolution", "P2 response",
                          "P2 resolution", "Support hours", "Maintenance notice (h)"})
_CREDIT_DETAIL_ROWS = frozenset({"Credit cap %", "Claim window (days)", "Credits are the sole remedy",
                                 "Credits applied automatically"})
#: rows of figures: their "Not stated" sits at the right, as the figures do, so that it cannot run
#: into a figure in the next column ("99.5Not stated")
_FIGURE_ROWS = frozenset({"Uptime %", "Credit cap %", "Claim window (days)", "Maintenance notice (h)",
                          "Allowed downtime (min/month)"})
#: rows that follow from the uptime target: a contract without one says so there, not "Not stated"
#: (and no blank where the allowed downtime would be: there is no limit)
_UPTIME_ROWS = frozenset({"Uptime %", "Uptime measured per", "Allowed downtime (min/month)"})
_RIGHT_WRAP = Alignment(horizontal="right", vertical="top", wrap_text=True)
#: rows about the SLA's own terms: a contract with no SLA (no uptime target and no response
#: times) is never marked best on them (its zero exclusions are not a virtue)
_SLA_TERM_ROWS = frozenset(label for label, _, _ in COMPARE_ROWS) - {
    "Rating", "Score (0-100)", "High problems", "Medium problems", "Low problems"}


# --------------------------------------------------------------------------- run information


@dataclass
class RunInfo:
    """What the Checklist sheet records so a reviewer can reproduce and audit the run."""

    version: str
    run_date: dt.datetime  # naive UTC
    profile: str = "standard"
    options: dict[str, Any] = field(default_factory=dict)
    rules_hash: str = ""
    inputs: list[str] = field(default_factory=list)
    checks: list[dict[str, Any]] = field(default_factory=list)  # one row per check, from the checker
    rating_formula: str = ""
    thresholds: list[dict[str, Any]] = field(default_factory=list)  # the profile's thresholds, from the checker
    rating_bands: dict[str, Any] = field(default_factory=dict)  # red_below, green_from ... (the Summary's legend)


def _evidence_cells(evidence: Sequence[Evidence]) -> tuple[str, Optional[int], Optional[str]]:
    if not evidence:
        return "", None, None
    if len(evidence) == 1:
        e = evidence[0]
        return e.text, e.page, e.section
    parts = [f"[p. {e.page}{', ' + e.section if e.section else ''}] {e.text}" for e in evidence]
    return "\n".join(parts), evidence[0].page, evidence[0].section


def _status_text(r: FileResult) -> str:
    if r.status == "ok":
        return "reviewed"
    code = r.error.code if r.error else "error"
    return f"not reviewed ({code}): {error_reason(r)}"


def _bands(run: RunInfo) -> dict[str, Any]:
    """The rating's bands for the legend: the run's, else the bundled rules'."""
    if run.rating_bands:
        return run.rating_bands
    from sla_check.checklist import load_rating

    r = load_rating()
    return {"red_below": r.red_below, "green_from": r.green_from, "red_if_high_gaps": r.red_if_high_gaps,
            "green_max_high_gaps": r.green_max_high_gaps}


def _business_factor() -> float:
    """Elapsed minutes per business-clock minute: the time checks' own default, so the Summary
    says "about N hours elapsed" exactly as the findings do."""
    return float(REGISTRY["time_commitment"].params["business_factor"].default)


def _slowest_p1(r: FileResult, kind: str, factor: float) -> Optional[TimeCommitment]:
    """The slowest P1 time of a kind (what the buyer can count on, as the checks judge it)."""
    found = [t for t in (r.terms.response_times if r.terms else []) if t.kind == kind and t.severity_level == 1]
    if not found:
        return None
    return max(found, key=lambda t: t.minutes * (factor if t.basis == "business" else 1.0))


@dataclass
class _SummaryRow:
    """One Summary row, kept until every result is in (the table is sorted worst first)."""

    order: int
    key: tuple[Any, ...]
    values: list[Any]
    colour: Optional[str]
    first_finding: Optional[int]
    link_text: str
    worst: list[str]
    ask: str = ""  # what to ask the vendor about the worst problem


def ocr_note(r: FileResult) -> Optional[str]:
    """Which pages were read by OCR and how confidently, and which scanned pages were left
    unread (the Files sheet's OCR column)."""
    notes = []
    if r.ocr_confidence:
        pages = ", ".join(str(p) for p in r.ocr_pages)
        notes.append(f"pages {pages} read by OCR; mean confidence {r.ocr_mean_confidence:.0%}")
        low = [str(p) for p in r.ocr_pages if r.ocr_confidence[p] < LOW_CONFIDENCE]
        if low:
            notes.append(f"low on page(s) {', '.join(low)}: check findings citing them")
    if r.unread_pages:
        notes.append(f"page(s) {', '.join(str(p) for p in r.unread_pages)} are scans and were not read "
                     f"(OCR off or not installed)")
    return "; ".join(notes) or None


# --------------------------------------------------------------------------- the workbook

_RATING_ORDER = ("Red", "Amber", "Green")  # worst first


def _rules_dir(run: RunInfo) -> Optional[str]:
    chosen = run.options.get("rules")
    return None if not chosen or chosen == "bundled" else str(chosen)


def _check_names(checks: Sequence[dict[str, Any]]) -> tuple[dict[str, str], dict[str, int]]:
    """Check id -> a few words naming it, and -> its place in the checklist (run.checks rows
    carry either the checker's keys or the workbook's column labels)."""
    names: dict[str, str] = {}
    order: dict[str, int] = {}
    for i, c in enumerate(checks):
        cid = c.get("check_id") or c.get("Check")
        if not cid:
            continue
        order[str(cid)] = i
        name = c.get("title") or c.get("Title") or c.get("topic") or c.get("Topic")
        if name:
            names[str(cid)] = str(name)
    return names, order


class ReviewWorkbook:
    """Build the workbook one FileResult at a time, then `save()` it atomically."""

    def __init__(self, run: RunInfo) -> None:
        self.run = run
        self.words: Words = load_words(_rules_dir(run))
        self._names, self._check_order = _check_names(run.checks)
        self._factor = _business_factor()
        wb = Workbook()
        _styles(wb)
        self.wb = wb
        self.summary = wb.active
        self.summary.title = "Summary"  # written at the end, worst contract first
        self.findings = _sheet(wb, "Findings", FINDINGS)
        self.terms = _sheet(wb, "Terms", TERMS)
        self.compare = wb.create_sheet("Compare")
        self.downtime = wb.create_sheet("Downtime")  # written at the end: money columns only with a cost
        self.checklist = wb.create_sheet("Checklist")
        self.files = _sheet(wb, "Files", FILES)
        self._compare_ranks: list[list[Optional[float]]] = [[] for _ in COMPARE_ROWS]
        self._compare_lines: dict[int, int] = {}
        self._compare_filled: set[int] = set()  # Compare rows with a value for some contract
        self._seen_checks: dict[str, dict[str, Any]] = {}
        self._summary_rows: list[_SummaryRow] = []
        self._downtime_rows: list[tuple[str, Any]] = []
        self.counts = {"ok": 0, "error": 0, "skipped": 0}
        self._skipped_names: list[str] = []  # entries found in folders and not read, named on the Summary
        # next free row per sheet (openpyxl's ws.max_row scans every cell: quadratic if used per row)
        self._next = {name: 2 for name in ("Findings", "Terms", "Files")}

    def _take(self, sheet: str) -> int:
        row = self._next[sheet]
        self._next[sheet] = row + 1
        return row

    def _name(self, check_id: str) -> str:
        return self._names.get(check_id) or check_id.replace("-", " ").replace("_", " ").capitalize()

    # -- per result
    def add(self, r: FileResult) -> None:
        """One result on every sheet it belongs to; a result that cannot be written is still
        listed on the Files sheet, and never costs the workbook the other files."""
        try:
            self._add(r)
        except Exception as e:  # noqa: BLE001 - one bad row must not lose the batch's workbook
            log.exception("could not write %r to the workbook", r.file)
            _write_row(self.files, self._take("Files"), FILES, [
                r.file, None, None, "error", "internal",
                f"the report could not show this file's results ({type(e).__name__}: {e})", None,
            ])

    def _add(self, r: FileResult) -> None:
        self.counts["ok" if r.status == "ok" else "error"] += 1
        self._add_file(r)
        first_finding = self._next["Findings"] if r.status == "ok" and r.findings else None
        if r.status == "ok":
            self._add_findings(r)
            self._add_terms(r)
            self._add_compare(r)
            if r.exposure is not None:
                self._downtime_rows.append((r.file, r.exposure))
        self._keep_summary(r, first_finding)

    def add_skipped(self, path: str | Path, reason: str, code: Optional[str] = None) -> None:
        """An entry found in a folder but not reviewed (an unsupported type, hidden, a broken
        link...): listed with its code and reason, not counted as failed."""
        self.counts["skipped"] += 1
        self._skipped_names.append(short_name(str(path)))
        _write_row(self.files, self._take("Files"), FILES, [str(path), Path(path).suffix.lstrip(".").lower(), None, "skipped", code, reason])

    def _problem_key(self, f: Finding) -> tuple[int, int, int]:
        order = self.words.findings_order
        sev = SEVERITIES.index(f.severity) if f.severity in SEVERITIES else len(SEVERITIES)
        rank = order.index(f.status) if f.status in order else len(order)
        return (0 if f.status in self.words.problem_statuses else 1 + rank, sev, rank)

    def _add_findings(self, r: FileResult) -> None:
        """Problems first (gap and weak by severity), then review, then ok and n/a folded away."""
        ws, folded = self.findings, self.words.folded_statuses
        name = short_name(r.file)
        first = self._next["Findings"]
        for f in sorted(r.findings or [], key=self._problem_key):
            self._seen_checks.setdefault(f.check_id, {"Check": f.check_id, "Scenario": f.scenario,
                                                      "Question": f.question, "Severity": f.severity})
            text, page, section = _evidence_cells(f.evidence)
            row = self._take("Findings")
            _write_row(ws, row, FINDINGS, [
                name, self._name(f.check_id), f.status, f.severity, f.explanation, f.recommendation,
                text, page, section, None, None, None, f.scenario, f.question, f.check_id,
            ])
            if f.status in folded:
                dim = ws.row_dimensions[row]
                dim.outlineLevel = 1
                dim.hidden = True
                if row > first and not ws.row_dimensions[row - 1].hidden:
                    ws.row_dimensions[row - 1].collapsed = True  # the row whose button opens the fold

    def _keep_summary(self, r: FileResult, first_finding: Optional[int]) -> None:
        name = short_name(r.file)
        if r.status != "ok" or r.terms is None:
            # why, in the wide column a reader looks at; the error code is on the Files sheet
            values: list[Any] = [None] * len(SUMMARY)
            values[0], values[-1], values[_S["Status"] - 1] = name, r.file, "not reviewed"
            values[_S["Rating"] - 1] = NOT_RATED  # in the column a reader scans, in grey: no verdict at all
            values[_S["Two worst problems"] - 1] = f"Could not be reviewed: {error_reason(r) or 'error'}"
            self._summary_rows.append(_SummaryRow(len(self._summary_rows), (1,), values, None, None, "", []))
            return
        w, terms, findings = self.words, r.terms, r.findings or []
        problems = sorted((f for f in findings if f.status in w.problem_statuses),
                          key=lambda f: self._problem_key(f) + (self._check_order.get(f.check_id, 999),))
        counts = [sum(1 for f in problems if f.severity == s) for s in SEVERITIES]
        review = sum(1 for f in findings if f.status == "review")
        worst = [f"{self._name(f.check_id)}: {w.status_words.get(f.status, f.status)} ({f.severity})" for f in problems[:2]]
        up = headline_uptime(terms)
        if up is None:
            uptime = w.absent["no_uptime"]
        else:
            uptime = format_uptime(up) + (f"; lowest of {len(terms.uptime)} targets" if len(terms.uptime) > 1 else "")
        times = []
        for kind in ("response", "resolution"):
            t = _slowest_p1(r, kind, self._factor)
            times.append(time_words(t.minutes, t.basis, self._factor) if t else w.absent["not_stated"])
        credits = terms.service_credits
        cap = max_credit_percent(terms)
        cap_text = w.absent["no_credits"] if not credits.present else (
            format_percent(cap) if cap is not None else w.absent["not_stated"])
        rating = r.rating
        colour = rating.colour if rating else None
        values = [
            name, terms.parties.provider or w.absent["not_read"], colour, rating.score if rating else None, *counts, review,
            "\n".join(f"{i}. {text}" for i, text in enumerate(worst, start=1)) or "None",
            uptime, *times, w.support(terms.support_hours.value) or w.absent["not_stated"], cap_text,
            w.code(terms.service_kind.value) if terms.service_kind.value else w.absent["not_read"],
            None, _status_text(r), r.file,
        ]
        n = len(problems)
        link = f"{n} problem{'' if n == 1 else 's'}" if n else "No problems"
        rank = _RATING_ORDER.index(colour) if colour in _RATING_ORDER else len(_RATING_ORDER)
        key = (0, rank, rating.score if rating else 100, -counts[0], -n)
        ask = problems[0].recommendation if problems else ""
        self._summary_rows.append(_SummaryRow(len(self._summary_rows), key, values, colour, first_finding, link, worst, ask))

    def _add_terms(self, r: FileResult) -> None:
        """Each stated term in plain words; the same term quoted twice (a qualifier found on the
        term and on its clause) is listed once."""
        ws, w = self.terms, self.words
        name = short_name(r.file)
        seen: set[tuple[Any, ...]] = set()
        for t in term_rows(r.terms):
            e = t.evidence
            label, value = w.field(t.field), w.value(t.field, t.value)
            key = (label, str(value), e.text if e else None, e.page if e else None)
            if key in seen:
                continue
            seen.add(key)
            _write_row(ws, self._take("Terms"), TERMS, [
                name, label, value, e.text if e else None, e.page if e else None,
                e.section if e else None, e.rule if e else None,
            ])

    def _add_compare(self, r: FileResult) -> None:
        ws = self.compare
        col = len(self._compare_ranks[0]) + 2
        name = short_name(r.file)
        write_text(ws, 1, col, name, "sla_header")
        width = min(40.0, max([18.0] + [width_for(w, bold=True) for w in name.split()]))
        ws.column_dimensions[get_column_letter(col)].width = width
        self._compare_lines[0] = max(self._compare_lines.get(0, 1), cell_lines(name, width, True, bold=True))
        no_sla = r.terms is None or not (r.terms.uptime or r.terms.response_times)
        for i, (label, get, rank) in enumerate(COMPARE_ROWS):
            value = get(r)
            shown = self.words.support(value) if label in _COMPARE_WORDS and isinstance(value, str) else \
                time_words(value.minutes, value.basis, self._factor) if isinstance(value, TimeCommitment) else value
            if value is None and r.terms is not None:
                absent = self.words.absent
                if label == "Provider":
                    shown = absent["not_read"]
                elif label in _UPTIME_ROWS and not r.terms.uptime:
                    shown = absent["no_uptime"]
                elif label in _STATED_ROWS:
                    shown = absent["not_stated"]
                elif label in _CREDIT_DETAIL_ROWS:
                    shown = absent["not_stated"] if r.terms.service_credits.present else absent["no_credits"]
            cell = write_text(ws, i + 2, col, shown, "sla_wrap")
            if value is None and shown is not None and label in _FIGURE_ROWS:
                cell.alignment = _RIGHT_WRAP
            if shown is not None:  # a row every contract leaves out still says so ("Not stated")
                self._compare_filled.add(i)
            self._compare_lines[i + 1] = max(self._compare_lines.get(i + 1, 1), _cell_lines(ws, col, cell.value, "sla_wrap", width))
            # exclusions carve time out of an uptime target: without one, none is no virtue either
            compared = rank is not None and value is not None and not (no_sla and label in _SLA_TERM_ROWS) \
                and not (label == "Exclusion categories" and r.terms is not None and not r.terms.uptime)
            self._compare_ranks[i].append(rank(value) if compared and rank is not None else None)

    def _add_file(self, r: FileResult) -> None:
        ws = self.files
        _write_row(ws, self._take("Files"), FILES, [
            r.file, r.format or Path(r.file).suffix.lstrip(".").lower(), r.pages or None,
            r.status, r.error.code if r.error else None, error_reason(r) or None,
            "\n".join(f"[{w.code}{f', p. {w.page}' if w.page else ''}] {w.message}" for w in r.warnings) or None,
            ocr_note(r), r.sha256 or None,
        ])

    # -- finishing
    def _finish_summary(self) -> None:
        """Title, the riskiest contract in one line, the chart and the legend, then the table worst first."""
        ws, w, top = self.summary, self.words, SUMMARY_HEADER_ROW
        rows = sorted(self._summary_rows, key=lambda s: (s.key, s.order))
        write_text(ws, 1, 1, w.summary_title, "sla_title")
        ws.row_dimensions[1].height = 24
        reviewed = [s for s in rows if s.key[0] == 0]
        if reviewed:
            s = reviewed[0]
            who = s.values[0] + (f" ({s.values[1]})" if s.values[1] else "")
            why = "; ".join(s.worst) or "no problems found"
            text = f"Most exposed: {who}, rated {s.colour}, score {s.values[3]}. Worst problems: {why}."
            if s.ask:
                # "Ask first: Ask for ..." says ask twice: a recommendation that opens with the verb continues it
                verb = re.match(r"ask\s+", s.ask, re.IGNORECASE)
                text += f" Ask first {s.ask[verb.end():]}" if verb else f" Ask first: {s.ask}"
            failed = [r.values[0] for r in rows if r.key[0] != 0]
            if failed:
                text += (f"\nNot reviewed ({len(failed)}, so not rated; reasons below and on the Files sheet): "
                         + ", ".join(failed) + ".")
            if self._skipped_names:  # a contract in a format we cannot read is named here too, not only on Files
                text += (f"\nSkipped ({len(self._skipped_names)}, not read; reasons on the Files sheet): "
                         + ", ".join(self._skipped_names) + ".")
            write_text(ws, 2, 1, text, "sla_wrap_bold")
            ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=SUMMARY_PRINTED)
            fit_row(ws, 2, {1: sum(c.width for c in SUMMARY[:SUMMARY_PRINTED])})
        _header(ws, top, SUMMARY)
        band = (_S["High"], _S["Low"])
        write_text(ws, top - 1, band[0], PROBLEMS_BAND, "sla_header")
        ws.merge_cells(start_row=top - 1, start_column=band[0], end_row=top - 1, end_column=band[1])
        fit_row(ws, top - 1, {band[0]: sum(SUMMARY[c - 1].width for c in range(band[0], band[1] + 1))})
        for i, s in enumerate(rows):
            row = top + 1 + i
            _write_row(ws, row, SUMMARY, s.values)
            if s.colour in RATING_FILL:
                _apply_style(ws.cell(row=row, column=_S["Rating"]), f"sla_{s.colour.lower()}")
            if s.first_finding is not None:
                link = write_text(ws, row, _S["Findings"], s.link_text, "sla_link")
                link.hyperlink = Hyperlink(ref=link.coordinate, location=f"'Findings'!A{s.first_finding}",
                                           tooltip="Go to this contract's findings")
        # a rule under each contract's row: printed gridlines would also rule the empty cells beside the chart
        for row in range(top + 1, top + 1 + len(rows)):
            for col in range(1, len(SUMMARY) + 1):
                ws.cell(row=row, column=col).border = _ROW_RULE
        self._summary_legend()
        self._summary_chart(len(reviewed))
        _finish(ws, len(SUMMARY), header_row=top)
        _colour_rules(ws, _S["Rating"], {**{k: RATING_FILL[k] for k in _RATING_ORDER}, NOT_RATED: GREY}, first_row=top + 1)
        _print_setup(ws, f"{top - 1}:{top}", gridlines=False)
        _print_columns(ws, SUMMARY_PRINTED, header_row=top)
        ws.sheet_view.zoomScale = 90

    def _summary_legend(self) -> None:
        ws, w = self.summary, self.words
        key_col, (first, last) = LEGEND_KEY_COL, LEGEND_TEXT_COLS
        width = sum(SUMMARY[c - 1].width for c in range(first, last + 1))
        bands = _bands(self.run)
        bands["green_high_gaps"] = w.gaps_allowed(int(bands["green_max_high_gaps"]))
        write_text(ws, 3, key_col, "How to read this page", "sla_key")
        entries = [(k, text.format(**bands)) for k, text in w.legend] + [("", w.summary_note)]
        for row, (key, text) in enumerate(entries, start=4):
            style = f"sla_{key.lower()}" if key in RATING_FILL else "sla_key"
            if key:
                write_text(ws, row, key_col, key, style)
            write_text(ws, row, first, text, "sla_wrap")
            ws.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)
            fit_row(ws, row, {first: width})

    def _summary_chart(self, n: int) -> None:
        if n == 0:
            return
        ws, top = self.summary, SUMMARY_HEADER_ROW
        chart = BarChart()
        chart.type = "col"
        chart.grouping = "stacked"
        chart.overlap = 100
        chart.title = "Problems by contract, worst first (missing or weak terms, by severity)"
        chart.y_axis.title = "problems"
        chart.x_axis.delete = False
        chart.y_axis.delete = False
        chart.add_data(Reference(ws, min_col=_S["High"], max_col=_S["Low"], min_row=top, max_row=top + n),
                       titles_from_data=True)
        chart.set_categories(Reference(ws, min_col=1, min_row=top + 1, max_row=top + n))
        for series, severity in zip(chart.series, SEVERITIES):
            series.graphicalProperties.solidFill = SEVERITY_BAR[severity]
            series.graphicalProperties.line.solidFill = SEVERITY_BAR[severity]
        chart.legend.position = "t"
        ws.add_chart(chart)
        # anchored to cells (A3 to the legend, down to the "Problems" band): it covers that
        # block whatever size an application gives the rows and columns, and never the table
        chart.anchor = TwoCellAnchor(_from=AnchorMarker(col=0, row=2), to=AnchorMarker(col=LEGEND_KEY_COL - 1, row=top - 2))

    def _finish_compare(self) -> None:
        ws = self.compare
        write_text(ws, 1, 1, "Term", "sla_header")
        ws.column_dimensions["A"].width = 30
        for i, (label, _get, _rank) in enumerate(COMPARE_ROWS):
            write_text(ws, i + 2, 1, label, "sla_key")
            if i not in self._compare_filled:
                ws.row_dimensions[i + 2].hidden = True  # e.g. money rows when no cost was given
            ranks = self._compare_ranks[i]
            known = [x for x in ranks if x is not None]
            if len(known) < 2 or len(set(known)) < 2:
                continue  # nothing to choose between
            best = max(known)
            for j, x in enumerate(ranks):
                if x == best:
                    cell = ws.cell(row=i + 2, column=j + 2)
                    _apply_style(cell, "sla_best")
                    if isinstance(cell.value, str):  # bold is wider: the row may need another line
                        width = ws.column_dimensions[get_column_letter(j + 2)].width or 8.43
                        self._compare_lines[i + 1] = max(self._compare_lines.get(i + 1, 1),
                                                         cell_lines(cell.value, width, wrap=True, bold=True))
        for i, lines in self._compare_lines.items():
            if lines > 1:
                set_height(ws, i + 1, height_for(lines))
        ws.freeze_panes = "B2"
        ws.print_title_cols = "A:A"
        _print_setup(ws, "1:1")
        contracts = len(self._compare_ranks[0]) if self._compare_ranks else 0
        if contracts > 8:  # one page tall, as many wide as it takes, the terms repeated on each: still readable
            ws.page_setup.fitToWidth = 0
            ws.page_setup.fitToHeight = 1
        if contracts == 0:
            return  # every file failed: nothing to compare or colour
        last_col = get_column_letter(contracts + 1)
        for value in _RATING_ORDER:
            ws.conditional_formatting.add(f"B2:{last_col}2", CellIsRule(operator="equal", formula=[f'"{value}"'],
                                                                        fill=PatternFill("solid", bgColor=RATING_FILL[value])))

    def _finish_downtime(self) -> None:
        """Hours the uptime targets allow, worst first; money only when the buyer gave a cost per hour."""
        ws, top = self.downtime, DOWNTIME_HEADER_ROW
        exposures = [e for _f, e in self._downtime_rows]
        costed = [e for e in exposures if e.cost_per_hour is not None]
        # with money the note is narrower: fourteen columns must still print legibly on one page's width
        cols = DOWNTIME_HOURS + (DOWNTIME_MONEY + [DOWNTIME_NOTE_NARROW] if costed else [DOWNTIME_NOTE])
        write_text(ws, 1, 1, "Downtime each uptime target allows without the vendor owing anything", "sla_title")
        ws.row_dimensions[1].height = 24
        if costed:
            from sla_check.money import format_money

            e0 = costed[0]
            assumption = (f"Money at {format_money(e0.cost_per_hour, e0.currency)} per hour of downtime: your figure "
                          "(--downtime-cost), not the contract's. Within the target the vendor owes nothing, so all "
                          "of it is yours; credits are paid only when the target is missed.")
        else:
            assumption = ("In hours. No cost per hour of downtime was given, so nothing is put in money "
                          "(give --downtime-cost, and --monthly-fee for the credits, to see it).")
        write_text(ws, 2, 1, assumption, "sla_key")
        _header(ws, top, cols)

        def order(item: tuple[str, Any]) -> tuple[int, float]:
            e = item[1]
            return (0, 0.0) if e.allowed_minutes_month is None else (1, -e.allowed_minutes_month)

        rows = sorted(self._downtime_rows, key=order)
        no_target = sum(1 for _f, e in rows if e.allowed_minutes_month is None)
        for i, (file, e) in enumerate(rows):
            month_h = round(e.allowed_minutes_month / 60, 2) if e.allowed_minutes_month is not None else None
            year_h = round(e.allowed_minutes_year / 60, 1) if e.allowed_minutes_year is not None else None
            months = {"month": 1, "quarter": 3, "year": 12}.get(e.period or "")
            bad_month = round(month_h * months, 2) if month_h is not None and months else None
            if e.uptime_percent is None:
                target = f"{self.words.absent['no_uptime']}: no limit on downtime"
            else:
                target = f"{format_percent(e.uptime_percent)} " + {"month": "per month", "quarter": "per quarter",
                                                                    "year": "per year"}.get(e.period or "", "(period not stated)")
            values: list[Any] = [short_name(file), target, month_h, bad_month, year_h, e.max_credit_percent]
            if costed:
                values += [e.cost_per_hour, e.currency, e.cost_month, e.cost_year, e.monthly_fee,
                           e.credit_back_month, e.uncovered_month]
            _write_row(ws, top + 1 + i, cols, values + [e.note or None])
        ws.freeze_panes = f"A{top + 1}"
        # the chart below the table would be crossed by printed gridlines: each row gets its own rule
        _print_setup(ws, f"{top}:{top}", gridlines=False)
        for row in range(top + 1, top + 1 + len(rows)):
            for col in range(1, len(cols) + 1):
                ws.cell(row=row, column=col).border = _ROW_RULE
        _finish(ws, len(cols), header_row=top)
        with_target = len(rows) - no_target
        if with_target < 1:
            return
        first = top + 1 + no_target
        printed_width = sum(c.width for c in cols)
        # one bar per target, as many as one page holds: the targets that allow the most downtime
        # (the rows are sorted so), the rest are in the table above
        fits = max(1, int((_chart_cm_per_page(ws, top, printed_width) - _CHART_FRAME_CM) / _CHART_BAR_CM))
        drawn = min(with_target, fits)
        notes = [f"{no_target} contract{'s' if no_target != 1 else ''} with no target: no limit, not drawn"] if no_target else []
        if drawn < with_target:
            notes.insert(0, f"the {drawn} that allow the most; all {with_target} are in the table")
        chart = BarChart()
        chart.type = "bar"
        chart.title = "Hours of downtime a month each target allows" + (f" ({'; '.join(notes)})" if notes else "")
        chart.y_axis.title = "hours / month"
        chart.x_axis.delete = False
        chart.y_axis.delete = False
        chart.legend = None
        chart.add_data(Reference(ws, min_col=3, min_row=first, max_row=first + drawn - 1), titles_from_data=False)
        chart.set_categories(Reference(ws, min_col=1, min_row=first, max_row=first + drawn - 1))
        chart.height = max(7.5, _CHART_BAR_CM * drawn + _CHART_FRAME_CM)
        chart.width = 18
        # below the table, inside the printed width (beside it, it made the page twice as wide)
        below = top + len(rows) + 2
        ws.add_chart(chart, f"A{below}")
        rows_under = math.ceil(chart.height / (ONE_LINE_PT * 2.54 / 72)) + 1  # cm of chart in default rows
        ws.print_area = f"A1:{get_column_letter(len(cols))}{below + rows_under}"
        if _splits_chart(ws, below, chart.height, printed_width):
            ws.row_breaks.append(Break(id=below - 1))  # a chart cut by a page break is unreadable

    def _finish_checklist(self) -> None:
        """The checks and thresholds used (a frozen, filterable table), then the run's details below it."""
        ws, run = self.checklist, self.run
        checks = run.checks or list(self._seen_checks.values())
        keys: list[str] = []
        for c in checks:
            keys.extend(k for k in c if k not in keys)
        keys = keys or ["Check", "Scenario", "Question", "Severity"]
        # what a reader of the printout needs first, in this order; the rest after it, on screen
        keys = [k for k in CHECKLIST_PRINTED if k in keys] + [k for k in keys if k not in CHECKLIST_PRINTED]
        widths = [CHECKLIST_WIDTHS.get(str(k), 24.0) for k in keys]
        for j, w in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(j)].width = w
        _header(ws, 1, [Col(str(k), widths[j]) for j, k in enumerate(keys)])
        for i, c in enumerate(checks, start=2):
            for j, k in enumerate(keys, start=1):
                v = c.get(k)
                write_text(ws, i, j, _plain(v) if isinstance(v, (list, tuple, dict)) else v, "sla_wrap")
            fit_row(ws, i)
        last_check = max(ws.max_row, 2)
        info: list[tuple[str, Any]] = [
            ("sla-check version", run.version),
            ("Run date (UTC)", run.run_date.strftime("%Y-%m-%d %H:%M:%S")),
            ("Profile", run.profile),
            ("Rules hash", run.rules_hash),
            ("Options", "; ".join(f"{k}={v}" for k, v in run.options.items())),
            ("Inputs", "\n".join(run.inputs)),
            ("Files", f"{self.counts['ok']} reviewed, {self.counts['error']} could not be reviewed, "
                      f"{self.counts['skipped']} skipped"),
            ("Rating", run.rating_formula),
        ]
        for t in run.thresholds:
            text = f"{_plain(t.get('value'))}" + (f" ({t['description']})" if t.get("description") else "")
            info.append((f"Threshold: {t.get('threshold')}", text))
        top = last_check + 2
        printed = max(2, sum(1 for k in keys if k in CHECKLIST_PRINTED))
        merged = {2: sum(widths[1:printed])}  # a value spans the printed columns right of its name
        write_text(ws, top, 1, "Run", "sla_header")
        write_text(ws, top, 2, "Value", "sla_header")
        for i, (k, v) in enumerate(info, start=top + 1):
            write_text(ws, i, 1, k, "sla_wrap_bold")
            write_text(ws, i, 2, v, "sla_wrap")
            if printed > 2:
                ws.merge_cells(start_row=i, start_column=2, end_row=i, end_column=printed)
            fit_row(ws, i, merged)
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = f"A1:{get_column_letter(len(keys))}{last_check}"
        _print_setup(ws, "1:1")
        _print_columns(ws, printed)

    def _finish_findings(self) -> None:
        ws = self.findings
        last = max(ws.max_row, 2)
        dv = DataValidation(type="list", formula1='"' + ",".join(DECISIONS) + '"', allow_blank=True,
                            showErrorMessage=True, errorTitle="Decision",
                            error="Choose Accept, Negotiate, Reject or N/A.",
                            promptTitle="Decision", prompt="Accept / Negotiate / Reject / N/A", showInputMessage=True)
        decision = get_column_letter(_F["Decision"])
        dv.add(f"{decision}2:{decision}{last}")
        ws.add_data_validation(dv)
        _colour_rules(ws, _F["Status"], {k: STATUS_FILL[k] for k in ("gap", "weak", "review", "ok", "n/a")})
        # severity is coloured only where the finding is a problem: a "high" check that passed is not red
        status, severity = get_column_letter(_F["Status"]), get_column_letter(_F["Severity"])
        problem = "OR(" + ",".join(f'${status}2="{s}"' for s in sorted(self.words.problem_statuses)) + ")"
        for value, colour in SEVERITY_FILL.items():
            ws.conditional_formatting.add(f"{severity}2:{severity}{last}", FormulaRule(
                formula=[f'AND({problem},${severity}2="{value}")'], fill=PatternFill("solid", bgColor=colour),
                font=Font(color=_FONT[colour])))
        ws.sheet_properties.outlinePr.summaryBelow = False  # the fold opens from the row above it
        _finish(ws, len(FINDINGS))
        _print_columns(ws, FINDINGS_PRINTED)

    def finish(self) -> Workbook:
        """Apply what needs every row (filters, drop-downs, highlights, charts)."""
        self._finish_summary()
        self._finish_findings()
        _finish(self.terms, len(TERMS))
        _print_columns(self.terms, TERMS_PRINTED)
        self._finish_compare()
        self._finish_downtime()
        self._finish_checklist()
        _finish(self.files, len(FILES))
        _print_columns(self.files, FILES_PRINTED)
        _colour_rules(self.files, 4, {k: STATUS_FILL[k] for k in ("ok", "error", "skipped")})
        props = self.wb.properties
        props.creator = f"sla-check {self.run.version}"
        props.title = "SLA review"
        props.created = props.modified = self.run.run_date
        return self.wb

    def save(self, path: str | Path) -> None:
        """Write to a temporary file beside `path`, then rename it into place."""
        self.finish()
        save_workbook_deterministic(self.wb, path, self.run.run_date)


def _plain(v: Any) -> str:
    if isinstance(v, dict):
        return "; ".join(f"{k}: {_plain(x)}" for k, x in v.items())
    if isinstance(v, (list, tuple)):
        return ", ".join(_plain(x) for x in v)
    return str(v)


def save_workbook_deterministic(wb: Workbook, path: str | Path, when: dt.datetime) -> None:
    """Save `wb` so the same content gives the same bytes: fixed document and zip timestamps.

    openpyxl's save_workbook() stamps "modified" with the current time and the zip entries
    with file times; writing through ExcelWriter into memory and re-packing avoids both.
    """
    buf = io.BytesIO()  # stored, not compressed: the re-pack below compresses once
    ExcelWriter(wb, zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED, allowZip64=True)).save()
    stamp = max(when, dt.datetime(1980, 1, 1)).timetuple()[:6]
    with atomic_output(path) as fh, zipfile.ZipFile(buf) as src, \
            zipfile.ZipFile(fh, "w", zipfile.ZIP_DEFLATED, allowZip64=True, compresslevel=1) as dst:  # 3x faster than 6, 25% larger
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, src.read(info.filename))
