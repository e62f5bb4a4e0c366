"""OCR for PDF pages without a usable text layer: Tesseract, page by page, into the same layout.

A page image is rendered with pypdfium2, straightened, and its ruled lines are found and
erased (they would be misread as "|" and "_"). Tesseract (`tesseract` on the PATH, run as a
subprocess: nothing is downloaded, its language data comes with the system package) reads
the rest and returns words with boxes and confidences (hOCR). The words become the same
glyph boxes a text page gives `layout.order_page`, and the ruled lines become the edges
pdfplumber's table finder uses on text pages, so sections, tables and citations come out
the same way. Chosen over RapidOCR by measurement: see README "Scanned PDFs" and bench/.

Pages are recognised in parallel: the next page is rendered while Tesseract processes run
on earlier ones, at most `workers` pages in flight, so memory stays bounded on long scans.
"""
from __future__ import annotations

import functools
import html
import io
import logging
import os
import re
import shutil
import subprocess
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Optional

from sla_check.ingest.model import Char, PageContent

log = logging.getLogger(__name__)

DPI = 300  # render resolution: README "Scanned PDFs" (at 200 dpi a table column and a two-column layout were lost)
LANGUAGE = "eng"
PAGE_TIMEOUT = 300.0  # seconds for Tesseract on one page
LOW_CONFIDENCE = 0.80  # mean word confidence under this: findings resting on the page get a review note
MIN_PAGE_CHARS = 20  # a page whose text layer has fewer letters and digits than this has none
READABLE_SHARE = 0.5  # ... and so has one where fewer than this share of its glyphs are letters or digits
RULE_PT = 28.0  # a dark run at least this long (points) is a ruled line, not a stroke of a letter
HOW_TO_ENABLE = "install Tesseract (e.g. `sudo apt-get install tesseract-ocr`; see the README) and run again"


# ------------------------------------------------------------------------ engine


@functools.lru_cache(maxsize=1)
def engine() -> Optional[str]:
    """Path of a Tesseract that can read English, or None (then OCR is unavailable)."""
    exe = shutil.which("tesseract")
    if exe is None:
        return None
    try:
        out = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    langs = {line.strip() for line in (out.stdout + out.stderr).splitlines()}
    return exe if LANGUAGE in langs else None


def available() -> bool:
    return engine() is not None


# ------------------------------------------------------------------------ which pages


def unusable_text(text: str) -> bool:
    """True when a page's text layer gives nothing to read: (almost) no letters or digits, or
    mostly other glyphs (private-use codes, U+FFFD, boxes, controls), as with fonts that
    carry no Unicode mapping. Real text is mostly letters and digits, tables included."""
    # counted in C, not a Python loop per glyph (this runs on every page): an ASCII page's
    # bytes with the non-alphanumerics deleted, other pages by the regex engine (\w is
    # str.isalnum() plus "_"; private-use codes are not alphanumeric). Rules typed as characters
    # ("-----", "=====", dot leaders) are drawing, not glyphs to read: they are left out of the
    # glyphs shown, which only matters when the page is not plainly readable without them.
    if text.isascii():
        raw = text.encode("ascii")
        readable = len(raw.translate(None, _ASCII_NOT_ALNUM))
        if readable >= MIN_PAGE_CHARS and readable >= READABLE_SHARE * len(raw.translate(None, _ASCII_SPACE)):
            return False
    else:
        readable = len(_NOT_ALNUM.sub("", text))
    shown = len(_SPACE_OR_RULE.sub("", text))
    return readable < MIN_PAGE_CHARS or readable < READABLE_SHARE * shown


_SPACE_OR_RULE = re.compile(r"\s+|([-=_.*~])\1{2,}")
_NOT_ALNUM = re.compile(r"[\W_]+")
_ASCII_SPACE = bytes(c for c in range(128) if chr(c).isspace())
_ASCII_NOT_ALNUM = bytes(c for c in range(128) if not chr(c).isalnum())


def has_image(page: Any) -> bool:
    """Does the page draw any image (a scan does; a blank page does not need OCR)?"""
    import pypdfium2.raw as pdfium_c

    for _ in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=3):
        return True
    return False


# ------------------------------------------------------------------------ image preparation


@dataclass
class Prepared:
    """One page ready for Tesseract: the cleaned image (PGM bytes) and what was found on it."""

    number: int
    width: float  # page size, points
    height: float
    scale: float  # pixels per point
    image: bytes
    edges: list[dict[str, Any]] = field(default_factory=list)


def _skew(gray: Any) -> float:
    """Degrees the text lines are turned by: the angle that makes the row ink profile sharpest."""
    import numpy as np
    from PIL import Image

    small = gray.reduce(4) if gray.width > 1200 else gray
    ink = Image.fromarray((np.asarray(small) < 140).astype(np.uint8) * 255)
    best, best_score = 0.0, -1.0
    for tenth in range(-25, 26):
        angle = tenth / 10
        rows = np.asarray(ink.rotate(angle, resample=Image.Resampling.NEAREST), dtype=np.float32).sum(axis=1)
        score = float(np.square(np.diff(rows)).sum())
        if score > best_score:
            best, best_score = angle, score
    return best


def _runs(dark: Any, min_len: int) -> list[tuple[int, int, int]]:
    """(row, start, end) of every horizontal run of dark pixels at least `min_len` long."""
    import numpy as np

    padded = np.zeros((dark.shape[0], dark.shape[1] + 2), dtype=np.int8)
    padded[:, 1:-1] = dark
    steps = np.diff(padded, axis=1)
    rows_s, cols_s = np.nonzero(steps == 1)
    rows_e, cols_e = np.nonzero(steps == -1)  # same order: one end per start, row by row
    long = (cols_e - cols_s) >= min_len
    return list(zip(rows_s[long].tolist(), cols_s[long].tolist(), cols_e[long].tolist()))


def _segments(runs: list[tuple[int, int, int]]) -> list[tuple[int, int, int, int]]:
    """Runs in neighbouring rows that overlap -> one ruled line (first row, last row, x0, x1)."""
    out: list[list[int]] = []
    for row, a, b in runs:
        for seg in out:
            if row - seg[1] <= 2 and a < seg[3] and b > seg[2]:
                seg[1], seg[2], seg[3] = row, min(seg[2], a), max(seg[3], b)
                break
        else:
            out.append([row, row, a, b])
    return [(s[0], s[1], s[2], s[3]) for s in out]


def _bridged(dark: Any) -> Any:
    """Ink with one-pixel wobbles across, and gaps of up to three pixels along, filled: a ruled
    line scanned in black and white comes out jagged and broken."""
    import numpy as np

    thick = dark.copy()
    thick[1:] |= dark[:-1]
    thick[:-1] |= dark[1:]
    left, right = np.zeros_like(thick), np.zeros_like(thick)
    left[:, 2:], right[:, :-2] = thick[:, :-2], thick[:, 2:]
    return thick | (left & right)


def _rules(dark: Any, scale: float) -> list[tuple[int, int, int, int]]:
    """Horizontal ruled lines: long runs of ink, thin (a line of text is as tall as its letters)."""
    min_len = max(8, int(RULE_PT * scale))
    thin = max(3, int(2.5 * scale))
    return [seg for seg in _segments(_runs(_bridged(dark), min_len)) if seg[1] - seg[0] < thin]


def find_rules(pixels: Any, scale: float) -> tuple[list[dict[str, Any]], Any]:
    """Ruled lines on a page image -> (table finder edges in points, mask of their pixels)."""
    import numpy as np

    from sla_check.ingest.pdfium_tables import edge

    dark = pixels < 128
    mask = np.zeros_like(dark)
    edges: list[dict[str, Any]] = []
    for r0, r1, a, b in _rules(dark, scale):
        mask[max(0, r0 - 1):r1 + 2, a:b] = True
        mid = (r0 + r1 + 1) / 2 / scale
        edges.append(edge(a / scale, b / scale, mid, mid, "h", "line"))
    for c0, c1, a, b in _rules(dark.T, scale):
        mask[a:b, max(0, c0 - 1):c1 + 2] = True
        mid = (c0 + c1 + 1) / 2 / scale
        edges.append(edge(mid, mid, a / scale, b / scale, "v", "line"))
    return edges, mask


def prepare(page: Any, number: int, dpi: Optional[int] = None) -> Prepared:
    """Render, straighten and de-rule one page (the caller closes the page)."""
    import numpy as np
    from PIL import Image

    scale = (dpi or DPI) / 72
    bitmap = page.render(scale=scale, grayscale=True)
    try:
        gray = bitmap.to_pil().convert("L")
    finally:
        bitmap.close()
    angle = _skew(gray)
    if angle:
        gray = gray.rotate(angle, resample=Image.Resampling.BILINEAR, fillcolor=255)
    pixels = np.asarray(gray)
    edges, mask = find_rules(pixels, scale)
    if edges:
        pixels = pixels.copy()
        pixels[mask] = 255
    buf = io.BytesIO()
    Image.fromarray(pixels).save(buf, "PPM")  # uncompressed greyscale: nothing to encode or decode
    return Prepared(number, float(page.get_width()), float(page.get_height()), scale, buf.getvalue(), edges)


# ------------------------------------------------------------------------ recognition


@dataclass(frozen=True)
class Word:
    text: str
    x0: float  # points, top-down
    top: float
    x1: float
    bottom: float
    line: int  # index into OcrPage.lines
    confidence: float  # 0-1


@dataclass(frozen=True)
class OcrLine:
    top: float
    bottom: float
    size: float  # font size estimate (points)


@dataclass
class OcrPage:
    number: int
    width: float
    height: float
    words: list[Word]
    lines: list[OcrLine]
    edges: list[dict[str, Any]]
    error: Optional[str] = None  # why Tesseract gave nothing for the page

    @property
    def confidence(self) -> Optional[float]:
        return sum(w.confidence for w in self.words) / len(self.words) if self.words else None


_SPAN = re.compile(
    r"<span class='(ocr_line|ocr_header|ocr_caption|ocr_textfloat)'[^>]*?title=\"([^\"]*)\"[^>]*>()"  # a line: its title only
    r"|<span class='(ocrx_word)'[^>]*?title='([^']*)'[^>]*>(.*?)</span>",  # a word: title and text
    re.S,
)
_TAG = re.compile(r"<[^>]+>")


def _title_field(title: str, name: str) -> list[float]:
    m = re.search(rf"\b{name} ([^;]+)", title)
    return [float(v) for v in m.group(1).split()] if m else []


def parse_hocr(hocr: str, prepared: Prepared) -> OcrPage:
    """Tesseract's hOCR -> words and lines in page points."""
    s = prepared.scale
    words: list[Word] = []
    lines: list[OcrLine] = []
    for m in _SPAN.finditer(hocr):
        kind, title, inner = (m.group(1), m.group(2), "") if m.group(1) else (m.group(4), m.group(5), m.group(6))
        box = _title_field(title, "bbox")
        if len(box) != 4:
            continue
        x0, top, x1, bottom = (v / s for v in box)
        if kind != "ocrx_word":
            size = (_title_field(title, "x_size") or [(bottom - top) * s])[0] / s
            lines.append(OcrLine(top, bottom, size))
            continue
        text = html.unescape(_TAG.sub("", inner)).strip()
        if not text or not lines:
            continue
        conf = (_title_field(title, "x_wconf") or [0.0])[0] / 100
        words.append(Word(text, x0, top, x1, bottom, len(lines) - 1, conf))
    return OcrPage(prepared.number, prepared.width, prepared.height, words, lines, prepared.edges)


def recognise(prepared: Prepared) -> OcrPage:
    """Run Tesseract on one prepared page (safe to call from several threads at once)."""
    exe = engine()
    if exe is None:
        raise RuntimeError("Tesseract is not available")
    env = dict(os.environ, OMP_THREAD_LIMIT="1")  # one core per page: pages run in parallel instead
    cmd = [exe, "stdin", "stdout", "-l", LANGUAGE, "--psm", "3", "--dpi", str(round(prepared.scale * 72)), "hocr"]
    proc = subprocess.run(cmd, input=prepared.image, capture_output=True, timeout=PAGE_TIMEOUT, env=env, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"Tesseract failed on page {prepared.number}: {proc.stderr.decode(errors='replace').strip()[:200]}")
    return parse_hocr(proc.stdout.decode("utf-8", errors="replace"), prepared)


def _recognise_or_fail(prepared: Prepared) -> OcrPage:
    """A page Tesseract fails on (or times out on) is reported and left unread; the rest go on."""
    try:
        return recognise(prepared)
    except (RuntimeError, OSError, subprocess.SubprocessError) as e:
        return OcrPage(prepared.number, prepared.width, prepared.height, [], [], [], error=str(e) or type(e).__name__)


#: Tesseract processes one reader may run at once (None: one per core); a batch of N worker
#: processes gives each its share of the cores, so N workers OCR-ing never run N x cores
_page_threads: Optional[int] = None


def share_cores(processes: int) -> None:
    """Called in each of `processes` worker processes: OCR there uses its share of the cores."""
    global _page_threads
    _page_threads = max(1, (os.cpu_count() or 1) // max(1, processes))


class Recogniser:
    """Pages handed in one at a time, recognised by up to `workers` Tesseract processes at once."""

    def __init__(self, workers: Optional[int] = None) -> None:
        self.workers = max(1, workers or _page_threads or os.cpu_count() or 1)
        self.pool: Optional[ThreadPoolExecutor] = None

    def submit(self, prepared: Prepared) -> Future[OcrPage]:
        if self.pool is None:
            self.pool = ThreadPoolExecutor(self.workers, thread_name_prefix="sla-check-ocr")
        return self.pool.submit(_recognise_or_fail, prepared)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None


# ------------------------------------------------------------------------ into the layout


def _body_sizes(lines: list[OcrLine]) -> list[float]:
    """Font size per line, with sizes near the page's most common one snapped to it: the
    estimate varies a little from line to line, which layout would read as a font change."""
    if not lines:
        return []
    rounded = [round(l.size * 2) / 2 for l in lines]
    body = max(set(rounded), key=rounded.count)
    return [body if abs(r - body) <= 0.12 * body else r for r in rounded]


def page_content(page: OcrPage) -> PageContent:
    """Recognised words -> the page's lines and tables, exactly as a text page is laid out."""
    from sla_check.ingest.layout import order_page
    from sla_check.ingest.pdf import has_grid, raw_tables
    from sla_check.ingest.pdfium_tables import find_tables

    sizes = _body_sizes(page.lines)
    units: list[Char] = []  # one per word, plus the space between two words of a line
    glyphs: list[Char] = []  # one per character, for the table finder to split cells
    prev: Optional[Word] = None
    for k, w in enumerate(page.words):
        line = page.lines[w.line]
        top, bottom = line.top, line.bottom  # a line's words share its height: one row in layout
        if prev is not None and prev.line == w.line and w.x0 > prev.x1:
            space = Char(" ", prev.x1, top, w.x0, bottom, k)
            units.append(space)
            glyphs.append(space)
        units.append(Char(w.text, w.x0, top, w.x1, bottom, k))
        step = (w.x1 - w.x0) / len(w.text)
        glyphs.extend(Char(c, w.x0 + i * step, top, w.x0 + (i + 1) * step, bottom, k) for i, c in enumerate(w.text))
        prev = w

    def fontinfo(k: int) -> tuple[float, bool, float]:
        w = page.words[k]
        return sizes[w.line], False, page.lines[w.line].bottom

    tables = raw_tables(iter(find_tables(page.width, page.height, page.edges, glyphs))) if has_grid(page.edges) else []
    return order_page(page.number, page.width, page.height, units, tables, fontinfo)
