"""How much room a cell's text needs: lines for a column width, and a row's height.

Spreadsheet applications do not grow a row that a file gives a height (or none) when the
file is opened, so wrapped text overlaps the rows below unless the writer sets the height.
The estimate wraps words greedily with the advance widths of the workbook font (Calibri
11, whose metrics Carlito shares) and leaves a margin, so it errs on the tall side.
"""
from __future__ import annotations

import math
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
DIGIT_PX = 7  # the maximum digit width Excel sizes columns by (Calibri 11)
PADDING_PX = 5  # cell padding and gridline
SAFETY = 1.02  # text is drawn a little wider than its advance widths on some screens (hinting)
BOLD = 1.04  # Calibri Bold is about 3% wider
LINE_PT = 15.0  # Excel's row height for one line of Calibri 11 (LibreOffice needs 13.4)
MAX_ROW_PT = 409.0  # the largest row height a spreadsheet accepts


def text_px(text: str, bold: bool = False) -> float:
    """Width of one line of `text` in pixels at the workbook font."""
    return _units(text) / 2048 * EM_PX * SAFETY * (BOLD if bold else 1.0)


@lru_cache(maxsize=65536)
def _units(word: str) -> int:
    """Advance width in font units (cached: the same words recur in every contract's findings)."""
    return sum(map(_ADVANCE.get, word, repeat(_DEFAULT_ADVANCE)))


def column_px(width: float) -> float:
    """Room for text in a column of `width` (Excel's unit: digits of the default font)."""
    return max(1.0, width * DIGIT_PX - PADDING_PX)


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
        for word in paragraph.split(" "):
            w = _units(word) / 2048 * EM_PX * SAFETY * scale  # text_px(word, bold), inlined
            if used and used + space + w <= room:
                used += space + w
                continue
            if used:
                lines += 1
            if w <= room:
                used = w
                continue
            # a word longer than the line breaks wherever the line is full
            used = 0.0
            for ch in word:
                c = text_px(ch, bold)
                if used and used + c > room:
                    lines += 1
                    used = 0.0
                used += c
    return max(1, lines)


def height_for(lines: int) -> float:
    """Row height in points for `lines` lines of text (capped at the largest row allowed)."""
    return min(MAX_ROW_PT, LINE_PT * max(1, lines))


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
