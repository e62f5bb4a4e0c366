"""How much room a cell's text needs: lines for a column width, and a row's height.

Spreadsheet applications do not grow a row that a file gives a height (or none) when the
file is opened, so wrapped text overlaps the rows below unless the writer sets the height.
The estimate wraps words greedily (and after hyphens) with the advance widths of the
workbook font (Calibri 11, whose metrics Carlito shares), in the column geometry and line
pitch LibreOffice renders: measured on its PDF of 1,300 real cells at five widths, it gives
the rendered line count for 97% of them and one line more for the rest, never fewer.
Excel draws the same font with wider line spacing: the workbook leaves table rows unmarked
as custom heights so Excel fits them itself when it opens the file (report/excel.py).
"""
from __future__ import annotations

import math
import re
from functools import lru_cache
from itertools import repeat
from typing import Any, Optional

#: advance widths of Calibri/Carlito in 1/2048 em, grouped by width (the font's own table)
_WIDTHS: dict[int, str] = {
    452: "'", 463: " ", 470: "il", 490: "j", 511: ",", 517: ".", 516: "I", 548: ":;", 621: "()", 625: "f",
    627: "-", 628: "[]", 653: "J", 667: "!", 686: "t", 714: "r", 791: "/", 801: "s", 809: "z", 821: '"',
    861: "L", 866: "c", 887: "x", 925: "v", 927: "y", 931: "k", 941: "FS", 943: "|", 949: "?", 959: "Z",
    964: "g", 981: "a", 998: "TY", 1000: "E", 1019: "e", 1020: "#*+=_<>", 1038: "0123456789£$€",
    1058: "P", 1063: "X", 1064: "K", 1076: "bdhnpqu", 1080: "o", 1092: "C", 1112: "R", 1114: "B",
    1162: "V", 1185: "A", 1260: "D", 1276: "H", 1292: "G", 1314: "U", 1322: "N", 1356: "O", 1378: "Q",
    1397: "&", 1464: "w%", 1636: "m", 1751: "M", 1822: "W", 1831: "@",
}
_ADVANCE = {ch: w for w, chars in _WIDTHS.items() for ch in chars}
_DEFAULT_ADVANCE = 1100  # letters outside the table (accents, other scripts): a wide-ish letter
_WIDEST = max(max(_ADVANCE.values()), _DEFAULT_ADVANCE)
_NARROWEST = min(min(_ADVANCE.values()), _DEFAULT_ADVANCE)

FONT_NAME = "Calibri"
FONT_PT = 11.0
EM_PX = FONT_PT * 96 / 72  # Calibri 11 at 96 dpi
DIGIT_PX = 7  # the maximum digit width Excel sizes columns by (Calibri 11): unwrapped columns
PADDING_PX = 5  # Excel's cell padding and gridline
#: LibreOffice draws a column of `width` 7.40 px per unit (measured on its PDF; Excel: 7 px
#: + 5 of padding) and leaves WRAP_PADDING_PX of it to the cell's margins
WRAP_DIGIT_PX = 7.40
WRAP_PADDING_PX = 2.5
SAFETY = 1.006  # the least that made no measured cell wrap to more lines than estimated
BOLD = 1.03  # Carlito Bold's advance widths run about 3% wider (measured the same way)
LINE_PT = 11.15  # line pitch of wrapped Calibri 11 as LibreOffice draws it (its PDF)
ROW_PAD_PT = 3.5  # above the first line and below the last: less cuts the descenders
ONE_LINE_PT = 15.0  # a row's default height, kept for one line (unwrapped cells beside it)
MAX_ROW_PT = 409.0  # the largest row height a spreadsheet accepts
#: a line may break after a hyphen inside a word ("atlas-|master-|schedule.pdf")
_HYPHEN = re.compile(r"(?<=-)(?=[^-])")
#: ...but never at a space before closing punctuation ("named .pdf", "up to 4 hours )")
_GLUED = re.compile(r" (?=[.,;:!?/)\]}])")
_BREAK = re.compile(r" (?![.,;:!?/)\]}])")


def words(paragraph: str) -> list[str]:
    """The pieces a line may break between (Unicode line breaking, as far as cells need it)."""
    return _BREAK.split(paragraph) if _GLUED.search(paragraph) else paragraph.split(" ")


def text_px(text: str, bold: bool = False) -> float:
    """Width of one line of `text` in pixels at the workbook font."""
    return _units(text) / 2048 * EM_PX * SAFETY * (BOLD if bold else 1.0)


@lru_cache(maxsize=65536)
def _units(word: str) -> int:
    """Advance width in font units (cached: the same words recur in every contract's findings)."""
    return sum(map(_ADVANCE.get, word, repeat(_DEFAULT_ADVANCE)))


def column_px(width: float) -> float:
    """Room for wrapped text in a column of `width` (Excel's unit: digits of the default font)."""
    return max(1.0, width * WRAP_DIGIT_PX - WRAP_PADDING_PX)


@lru_cache(maxsize=8192)  # file names, labels, statuses and page numbers recur row after row
def width_for(text: str, bold: bool = False) -> float:
    """The column width a single line of `text` needs without wrapping."""
    longest = max((text_px(line, bold) for line in text.split("\n")), default=0.0)
    return math.ceil((longest + PADDING_PX) / DIGIT_PX * 10) / 10


@lru_cache(maxsize=16384)  # a check's scenario, question and advice recur in every contract
def count_lines(text: str, width: float, bold: bool = False) -> int:
    """Lines `text` takes when wrapped at word boundaries in a column of `width`."""
    room = column_px(width)
    scale = BOLD if bold else 1.0
    space = text_px(" ", bold)
    lines = 0
    for paragraph in text.split("\n"):
        lines += 1
        # fits on one line: sure if every letter could be the widest one, out of the question if
        # every letter could be the narrowest one and still not fit, else measured (text_px's
        # float operations on more units never give less)
        n = len(paragraph)
        if n * _WIDEST / 2048 * EM_PX * SAFETY * scale <= room:
            continue
        if n * _NARROWEST / 2048 * EM_PX * SAFETY * scale <= room and text_px(paragraph, bold) <= room:
            continue
        used = 0.0
        for word in words(paragraph):
            if "-" in word[1:-1]:
                parts = _HYPHEN.split(word)
                first = True
                for part in parts:
                    w = _units(part) / 2048 * EM_PX * SAFETY * scale
                    gap = space if first and used else 0.0
                    first = False
                    if used and used + gap + w <= room:
                        used += gap + w
                        continue
                    lines, used = _place(part, w, room, bold, lines + (1 if used else 0))
                continue
            w = _units(word) / 2048 * EM_PX * SAFETY * scale  # text_px(word, bold), inlined
            if used and used + space + w <= room:
                used += space + w
                continue
            lines, used = _place(word, w, room, bold, lines + (1 if used else 0))
    return max(1, lines)


def _place(word: str, w: float, room: float, bold: bool, lines: int) -> tuple[int, float]:
    """Start a line with `word` (of width `w`): (lines so far, room used on the last line).
    A word longer than the line breaks wherever the line is full."""
    if w <= room:
        return lines, w
    used = 0.0
    for ch in word:
        c = text_px(ch, bold)
        if used and used + c > room:
            lines += 1
            used = 0.0
        used += c
    return lines, used


def height_for(lines: int) -> float:
    """Row height in points for `lines` lines of wrapped text (one line keeps the default
    height; capped at the largest row allowed)."""
    if lines <= 1:
        return ONE_LINE_PT
    return min(MAX_ROW_PT, round(LINE_PT * lines + ROW_PAD_PT, 2))


def cell_lines(value: Any, width: float, wrap: bool, bold: bool = False) -> int:
    """Lines a cell's value takes: wrapped text by its column width, anything else one line
    per explicit line break."""
    if value is None:
        return 1
    text = value if isinstance(value, str) else str(value)
    if not wrap:
        return text.count("\n") + 1
    return count_lines(text, width, bold)


def needed_width(value: Any, number_format: Optional[str] = None) -> float:
    """The column width an unwrapped value needs (numbers as their format shows them)."""
    if value is None:
        return 0.0
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        text = f"{value:,.2f}" if number_format and "," in number_format else f"{value:g}"
        return width_for(text)
    return width_for(str(value))
