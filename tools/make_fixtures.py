"""Deterministic generator for the sla-check fixture corpus.

Reads ``tools/fixture_src/*.md`` (readable contracts), ``tools/fixture_src/diff/*.md`` (versions
of one SLA, for ``sla-check diff``) and ``tools/fixture_src/bad/*.md`` (deliberately unreadable
inputs) and writes ``fixtures/contracts/NAME.<fmt>``, ``fixtures/diff/NAME.<fmt>`` and
``fixtures/bad/NAME.<ext>``. Every run produces the same bytes (reportlab ``invariant=1``,
fixed metadata, fixed zip timestamps), so the generated files can be committed and users never
need reportlab or pikepdf.

Usage::

    /work/venv/bin/python tools/make_fixtures.py            # everything
    /work/venv/bin/python tools/make_fixtures.py acme-msp   # only sources whose id matches
    /work/venv/bin/python tools/make_fixtures.py --out DIR SRC.md   # one source into DIR

Source format: see the module docstring of ``parse_source`` and tools/fixture_src/README.md.
"""
from __future__ import annotations

import argparse
import datetime as _dt
import html
import io
import re
import sys
import textwrap
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
import make_scans  # noqa: E402  (scanned copies of some fixtures: fixtures/scanned/)

# reportlab reads rl_config.invariant at import time in some modules (pdfencrypt), so set it
# before anything from reportlab.platypus is imported.
from reportlab import rl_config

rl_config.invariant = 1

from reportlab.lib import colors  # noqa: E402
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT  # noqa: E402
from reportlab.lib.pagesizes import A4, letter  # noqa: E402
from reportlab.lib.styles import ParagraphStyle  # noqa: E402
from reportlab.lib.units import cm  # noqa: E402
from reportlab.platypus import (  # noqa: E402
    BaseDocTemplate,
    Flowable,
    Frame,
    FrameBreak,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

ROOT = Path(__file__).resolve().parent.parent
SRC_DIR = ROOT / "tools" / "fixture_src"
BAD_SRC_DIR = SRC_DIR / "bad"
CONTRACTS_OUT = ROOT / "fixtures" / "contracts"
BAD_OUT = ROOT / "fixtures" / "bad"
# versions of one SLA for `sla-check diff` (pairs and their *.diff.yml truths: fixtures/diff/README.md)
DIFF_SRC_DIR = SRC_DIR / "diff"
DIFF_OUT = ROOT / "fixtures" / "diff"

FIXED_DATE = _dt.datetime(2024, 1, 15, 9, 0, 0)
ZIP_DATE = (2024, 1, 15, 9, 0, 0)
AUTHOR = "sla-check fixture generator"

# --------------------------------------------------------------------------------------------
# Source model
# --------------------------------------------------------------------------------------------


@dataclass
class Heading:
    level: int
    text: str


@dataclass
class Para:
    text: str


@dataclass
class Bullet:
    text: str
    label: str | None = None  # "1." for an item of a numbered list (PDF only); None: a bullet


@dataclass
class TableBlock:
    rows: list[list[str]]
    style: str = "ruled"
    title: str | None = None
    flags: frozenset[str] = frozenset()


@dataclass
class PageBreakBlock:
    pass


Block = Heading | Para | Bullet | TableBlock | PageBreakBlock


@dataclass
class Source:
    path: Path
    meta: dict
    blocks: list[Block] = field(default_factory=list)

    @property
    def id(self) -> str:
        return str(self.meta["id"])

    @property
    def fmt(self) -> str:
        return str(self.meta.get("format", "pdf")).lower()

    @property
    def layout(self) -> dict:
        return dict(self.meta.get("layout") or {})


_DIRECTIVE = re.compile(r"^\{table\s*:\s*(?P<body>[^}]*)\}\s*$", re.I)
_SEPARATOR = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_HEADING = re.compile(r"^(#{1,4})\s+(.*\S)\s*$")
_BULLET = re.compile(r"^\s*[-*]\s+(.*)$")
# with ``numbered_lists: true`` in the front matter: "1. text" lines are items of a numbered list
# (as Markdown means them), drawn with their number hanging like a bullet
_NUMBERED = re.compile(r"^\s*(\d{1,3}[.)])\s+(.*)$")
_PAGEBREAK = "<<<pagebreak>>>"


def _split_row(line: str) -> list[str]:
    s = line.strip()
    if s.startswith("|"):
        s = s[1:]
    if s.endswith("|"):
        s = s[:-1]
    return [c.strip() for c in s.split("|")]


TABLE_STYLES = {"ruled", "borderless", "header-rule"}
# split: start low on a page and continue on the next (PDF); middle: cells set vertically
# centred in their row, as word processors often do (PDF)
TABLE_FLAGS = {"split", "middle"}


def _parse_directive(body: str) -> tuple[str, str | None, frozenset[str]]:
    """``ruled`` | ``borderless`` | ``header-rule``, optional flags (``split``, ``middle``), optionally
    ``, title: Text`` last (the title may contain commas)."""
    style, title, flags = "ruled", None, set()
    m = re.search(r"(?:^|,)\s*title\s*:", body, re.I)
    if m:
        title = body[m.end():].strip().strip('"')
        body = body[: m.start()]
    for part in (p.strip() for p in body.split(",")):
        if part.lower() in TABLE_FLAGS:
            flags.add(part.lower())
        elif part.lower() in TABLE_STYLES:
            style = part.lower()
        elif part:
            raise ValueError(f"unknown table style or flag {part!r}")
    return style, title, frozenset(flags)


def parse_source(path: Path) -> Source:
    """Parse a fixture source: YAML front matter between ``---`` lines, then a small
    Markdown subset (headings, paragraphs, ``- `` bullets, pipe tables with an optional
    ``{table: ...}`` directive, ``<<<pagebreak>>>``)."""
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---"):
        raise ValueError(f"{path}: missing front matter")
    _, fm, body = text.split("---", 2)
    meta = yaml.safe_load(fm) or {}
    if "id" not in meta:
        raise ValueError(f"{path}: front matter needs id")
    return parse_body(body, path, meta)


def parse_body(body: str, path: Path, meta: dict) -> Source:
    """The Markdown subset of a source without its front matter (tools/corpus.py renders
    real SLA texts through this after reducing them to the subset)."""
    src = Source(path=path, meta=meta)
    lines = body.splitlines()
    para: list[str] = []
    pending_directive: tuple[str, str | None, frozenset[str]] | None = None

    def flush() -> None:
        if para:
            src.blocks.append(Para(" ".join(p.strip() for p in para)))
            para.clear()

    i = 0
    while i < len(lines):
        raw = lines[i]
        line = raw.rstrip()
        stripped = line.strip()
        if not stripped:
            flush()
            i += 1
            continue
        if stripped == _PAGEBREAK:
            flush()
            src.blocks.append(PageBreakBlock())
            i += 1
            continue
        m = _DIRECTIVE.match(stripped)
        if m:
            flush()
            pending_directive = _parse_directive(m.group("body"))
            i += 1
            continue
        if stripped.startswith("|"):
            flush()
            rows: list[list[str]] = []
            while i < len(lines) and lines[i].strip().startswith("|"):
                row_line = lines[i].strip()
                if not _SEPARATOR.match(row_line):
                    rows.append(_split_row(row_line))
                i += 1
            width = max(len(r) for r in rows)
            rows = [r + [""] * (width - len(r)) for r in rows]
            style, title, flags = pending_directive or ("ruled", None, frozenset())
            src.blocks.append(TableBlock(rows=rows, style=style, title=title, flags=flags))
            pending_directive = None
            continue
        m = _HEADING.match(line)
        if m:
            flush()
            src.blocks.append(Heading(len(m.group(1)), m.group(2)))
            i += 1
            continue
        m = _BULLET.match(line)
        n = _NUMBERED.match(line) if meta.get("numbered_lists") else None
        if m or n:
            flush()
            src.blocks.append(Bullet(n.group(2).strip(), n.group(1)) if n else Bullet(m.group(1).strip()))
            i += 1
            # continuation lines of a bullet are indented
            while i < len(lines) and lines[i].startswith("  ") and lines[i].strip() \
                    and not _BULLET.match(lines[i]) and not (n and _NUMBERED.match(lines[i])):
                src.blocks[-1].text += " " + lines[i].strip()
                i += 1
            continue
        para.append(stripped)
        i += 1
    flush()
    return src


# --------------------------------------------------------------------------------------------
# Inline text
# --------------------------------------------------------------------------------------------

_BOLD = re.compile(r"\*\*(.+?)\*\*")
# a redline: {+inserted words+} and {-deleted words-} (DOCX: tracked changes; elsewhere the text
# as if every change were accepted); "{control} " opening a paragraph: a Word content control
_REDLINE = re.compile(r"\{([+-])(.+?)\1\}")
_CONTROL = "{control} "


def accepted(text: str) -> str:
    """The text with its tracked changes accepted and no content-control marker."""
    text = text[len(_CONTROL):] if text.startswith(_CONTROL) else text
    return _REDLINE.sub(lambda m: m.group(2) if m.group(1) == "+" else "", text)


def plain(text: str) -> str:
    """Text without inline markup (for txt/docx)."""
    return _BOLD.sub(r"\1", accepted(text))


def rl_markup(text: str) -> str:
    """Escape for reportlab's mini-HTML and turn **bold** into <b>."""
    esc = html.escape(accepted(text), quote=False)
    return _BOLD.sub(r"<b>\1</b>", esc)


_VOWELS = set("aeiouyAEIOUY")


def simple_hyphenator(word: str) -> Iterator[tuple[str, str]]:
    """Deterministic syllable-ish break points (V-CV and VC-CV), longest head first.

    Stands in for pyphen so the fixtures need no extra dependency; good enough to make
    justified text break long words with a hyphen, which is what the ingest must undo.
    """
    if len(word) < 7 or not word.isalpha():
        return
    cuts = []
    for i in range(3, len(word) - 2):
        a, b, c = word[i - 1], word[i], word[i + 1]
        if a in _VOWELS and b not in _VOWELS and c in _VOWELS:
            cuts.append(i)  # vo-cal
        elif a not in _VOWELS and b not in _VOWELS and word[i - 2] in _VOWELS and c in _VOWELS:
            cuts.append(i)  # ser-vice, mon-th
    for i in reversed(cuts):
        yield word[:i], word[i:]


# --------------------------------------------------------------------------------------------
# PDF
# --------------------------------------------------------------------------------------------

PAGE_SIZES = {"a4": A4, "letter": letter}


def _styles(layout: dict) -> dict[str, ParagraphStyle]:
    size = float(layout.get("font_size", 10))
    hyph = bool(layout.get("hyphenate", False))
    body = ParagraphStyle(
        "body", fontName="Helvetica", fontSize=size, leading=size * 1.3,
        spaceAfter=size * 0.6, alignment=TA_JUSTIFY if hyph else TA_LEFT,
    )
    if hyph:
        body.hyphenationLang = simple_hyphenator
        body.hyphenationMinWordLength = 7
        body.embeddedHyphenation = 1
        body.uriWasteReduce = 0.3
    return {
        "body": body,
        "sub": ParagraphStyle("sub", parent=body, leftIndent=size * 2),
        # Symbol-font bullet: Helvetica's WinAnsi bullet (code 127) extracts as "(cid:127)" in pdfminer
        "bullet": ParagraphStyle("bullet", parent=body, leftIndent=size * 1.6, bulletFontName="Symbol",
                                 bulletIndent=size * 0.4, spaceAfter=size * 0.3),
        "h1": ParagraphStyle("h1", parent=body, fontName="Helvetica-Bold", fontSize=size + 6,
                             leading=(size + 6) * 1.25, alignment=TA_CENTER,
                             spaceAfter=size * 1.2, keepWithNext=1),
        "h2": ParagraphStyle("h2", parent=body, fontName="Helvetica-Bold", fontSize=size + 2,
                             leading=(size + 2) * 1.3, alignment=TA_LEFT,
                             spaceBefore=size * 0.9, spaceAfter=size * 0.5, keepWithNext=1),
        "h3": ParagraphStyle("h3", parent=body, fontName="Helvetica-Bold", fontSize=size + 0.5,
                             leading=(size + 0.5) * 1.3, alignment=TA_LEFT,
                             spaceBefore=size * 0.5, spaceAfter=size * 0.3, keepWithNext=1),
        "cell": ParagraphStyle("cell", fontName="Helvetica", fontSize=size - 1,
                               leading=(size - 1) * 1.25, alignment=TA_LEFT),
        "cellh": ParagraphStyle("cellh", fontName="Helvetica-Bold", fontSize=size - 1,
                                leading=(size - 1) * 1.25, alignment=TA_LEFT),
        "caption": ParagraphStyle("caption", parent=body, fontName="Helvetica-Bold",
                                  fontSize=size, alignment=TA_LEFT, spaceBefore=size * 0.4,
                                  spaceAfter=size * 0.4, keepWithNext=1),
    }


_SUBCLAUSE = re.compile(r"^\((?:[a-z]{1,2}|[ivx]{1,5})\)\s")


def _col_widths(rows: list[list[str]], avail: float, size: float) -> list[float]:
    """Each column gets room for its longest word (short cells stay on one line where
    possible), and the rest of the width goes to the columns with long text."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    n = len(rows[0])
    pad = 14  # reportlab pads cells 6+6: leave room so words wrap between words, never inside one
    def width(s: str, bold: bool) -> float:
        return stringWidth(s, "Helvetica-Bold" if bold else "Helvetica", size - 1) + pad
    need = [max(width(w, r == 0) for r, row in enumerate(rows) for w in (plain(row[c]).split() or [""]))
            for c in range(n)]
    full = [max(width(plain(row[c]), r == 0) for r, row in enumerate(rows)) for c in range(n)]
    # short columns (whole cell fits in a modest width) get their full text width
    want = [f if f <= avail / (n + 1) else max(nd, avail / (n + 1)) for f, nd in zip(full, need)]
    if sum(want) > avail:
        return [w * avail / sum(want) for w in want]
    extra = avail - sum(want)
    grow = [max(f - w, 0) for f, w in zip(full, want)]
    if sum(grow) <= 0:
        return [w + extra / n for w in want]
    return [w + extra * g / sum(grow) for w, g in zip(want, grow)]


def _table_flowables(tb: TableBlock, st: dict[str, ParagraphStyle], avail: float) -> list:
    data = []
    for r, row in enumerate(tb.rows):
        sty = st["cellh"] if r == 0 else st["cell"]
        data.append([Paragraph(rl_markup(c), sty) for c in row])
    t = Table(data, colWidths=_col_widths(tb.rows, avail, st["body"].fontSize), repeatRows=1, hAlign="LEFT")
    cmds: list = [
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE" if "middle" in tb.flags else "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if tb.style == "ruled":
        cmds += [
            ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
            ("BOX", (0, 0), (-1, -1), 0.9, colors.black),
            ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.88, 0.88, 0.88)),
        ]
    elif tb.style == "header-rule":
        cmds += [("LINEBELOW", (0, 0), (-1, 0), 0.9, colors.black)]
    # Empty first cells continue the label above: merge them into one spanned cell.
    r = 1
    while r < len(tb.rows):
        if tb.rows[r][0] == "" and tb.rows[r - 1][0] != "" and r - 1 >= 1:
            start = r - 1
            end = r
            while end + 1 < len(tb.rows) and tb.rows[end + 1][0] == "":
                end += 1
            cmds.append(("SPAN", (0, start), (0, end)))
            r = end + 1
        else:
            r += 1
    t.setStyle(TableStyle(cmds))
    out: list = []
    if tb.title and "split" in tb.flags:
        out.append(_CaptionedTable(Paragraph(rl_markup(tb.title), st["caption"]), t))
    else:
        if tb.title:
            out.append(Paragraph(rl_markup(tb.title), st["caption"]))
        out.append(t)
    out.append(Spacer(1, st["body"].fontSize * 0.8))
    return out


class _CaptionedTable(Flowable):
    """A caption that stays with the first rows of its table, letting the table start low on
    a page and continue on the next (keepWithNext would move the whole table instead)."""

    def __init__(self, caption: Paragraph, table: Table) -> None:
        super().__init__()
        self.caption, self.table = caption, table

    def wrap(self, aw, ah):
        cw, ch = self.caption.wrap(aw, ah)
        self._ch = ch + self.caption.getSpaceAfter()
        tw, th = self.table.wrap(aw, ah)
        self.width, self.height = aw, self._ch + th
        return self.width, self.height

    def split(self, aw, ah):
        self.wrap(aw, ah)
        parts = self.table.split(aw, ah - self._ch)
        if len(parts) < 2:
            return []
        return [self.caption, *parts]

    def draw(self):
        self.caption.drawOn(self.canv, 0, self.height - self._ch + self.caption.getSpaceAfter()
                            - self.caption.height)
        self.table.drawOn(self.canv, 0, 0)

    def getSpaceBefore(self):
        return self.caption.getSpaceBefore()


def _story(src: Source, st: dict[str, ParagraphStyle], avail: float, two_col: bool) -> list:
    story: list = []
    blocks = list(src.blocks)
    if two_col and blocks and isinstance(blocks[0], Heading) and blocks[0].level == 1:
        # The title sits in a full-width frame above the two columns on page 1.
        story.append(Paragraph(rl_markup(blocks[0].text), st["h1"]))
        story.append(FrameBreak())
        blocks = blocks[1:]
    for b in blocks:
        if isinstance(b, Heading):
            story.append(Paragraph(rl_markup(b.text), st[f"h{min(b.level, 3)}"]))
        elif isinstance(b, Para):
            sty = st["sub"] if _SUBCLAUSE.match(b.text) else st["body"]
            story.append(Paragraph(rl_markup(b.text), sty))
        elif isinstance(b, Bullet):
            story.append(Paragraph(rl_markup(b.text), st["bullet"], bulletText=b.label or "\u2022"))
        elif isinstance(b, TableBlock):
            story.extend(_table_flowables(b, st, avail))
        elif isinstance(b, PageBreakBlock):
            story.append(PageBreak())
    return story


def _build_pdf(src: Source, total_pages: int) -> tuple[bytes, int]:
    layout = src.layout
    page = PAGE_SIZES[str(layout.get("page_size", "A4")).lower()]
    columns = int(layout.get("columns", 1))
    header = layout.get("header")
    footer = layout.get("footer")
    st = _styles(layout)
    margin = 2.2 * cm
    top = margin + (0.8 * cm if header else 0)
    bottom = margin + (0.4 * cm if footer else 0)
    buf = io.BytesIO()
    meta = src.meta
    doc = BaseDocTemplate(
        buf, pagesize=page, leftMargin=margin, rightMargin=margin, topMargin=top,
        bottomMargin=bottom, invariant=1, title=meta.get("title", src.id),
        author=meta.get("author", AUTHOR), subject=meta.get("subject", "Service Level Agreement"),
        creator=AUTHOR, keywords="", encrypt=_encryption(meta),
    )
    w, h = page
    fw = w - 2 * margin
    fh = h - top - bottom

    def decorate(canvas, d) -> None:
        canvas.saveState()
        size = st["body"].fontSize - 1
        if header:
            canvas.setFont("Helvetica", size)
            y = h - margin + 0.1 * cm
            canvas.drawString(margin, y, str(header))
            canvas.setLineWidth(0.6)
            canvas.line(margin, y - 0.2 * cm, w - margin, y - 0.2 * cm)
        if footer:
            canvas.setFont("Helvetica", size)
            text = str(footer).replace("{page}", str(d.page)).replace("{pages}", str(total_pages))
            canvas.drawCentredString(w / 2, margin - 0.2 * cm, text)
        canvas.restoreState()

    if columns >= 2:
        gap = 0.8 * cm
        cw = (fw - gap) / 2
        title_h = 2.2 * cm
        first = [
            Frame(margin, bottom + fh - title_h, fw, title_h, id="title", showBoundary=0),
            Frame(margin, bottom, cw, fh - title_h, id="c1"),
            Frame(margin + cw + gap, bottom, cw, fh - title_h, id="c2"),
        ]
        later = [Frame(margin, bottom, cw, fh, id="l1"), Frame(margin + cw + gap, bottom, cw, fh, id="l2")]
        has_title = bool(src.blocks) and isinstance(src.blocks[0], Heading) and src.blocks[0].level == 1
        if not has_title:
            first = first[1:]
        doc.addPageTemplates([
            PageTemplate(id="first", frames=first, onPage=decorate, autoNextPageTemplate="later"),
            PageTemplate(id="later", frames=later, onPage=decorate),
        ])
        avail = cw - 12
        story = _story(src, st, avail, two_col=has_title)
    else:
        doc.addPageTemplates([PageTemplate(id="one", frames=[Frame(margin, bottom, fw, fh, id="f")],
                                           onPage=decorate)])
        avail = fw - 12
        story = _story(src, st, avail, two_col=False)
    doc.build(story)
    return buf.getvalue(), doc.page


def _encryption(meta: dict):
    """``encrypt_user`` / ``encrypt_owner`` front-matter options -> reportlab encryption."""
    user = meta.get("encrypt_user")
    owner = meta.get("encrypt_owner")
    if user is None and owner is None:
        return None
    from reportlab.lib.pdfencrypt import StandardEncryption

    return StandardEncryption(
        userPassword=str(user or ""), ownerPassword=str(owner or user),
        canPrint=1, canModify=0, canCopy=0 if owner and not user else 1, canAnnotate=0,
        strength=128,
    )


def render_pdf(src: Source) -> bytes:
    """Two passes so the footer can say "Page N of M"."""
    data, pages = _build_pdf(src, 0)
    if "{pages}" in str(src.layout.get("footer", "")):
        data, pages2 = _build_pdf(src, pages)
        assert pages2 == pages, "page count changed between passes"
    return data


# --------------------------------------------------------------------------------------------
# DOCX
# --------------------------------------------------------------------------------------------


def _add_field(paragraph, instr: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), instr)
    r = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = "1"
    r.append(t)
    fld.append(r)
    paragraph._p.append(fld)


def _add_text_with_fields(paragraph, text: str) -> None:
    for part in re.split(r"(\{page\}|\{pages\})", text):
        if part == "{page}":
            _add_field(paragraph, "PAGE")
        elif part == "{pages}":
            _add_field(paragraph, "NUMPAGES")
        elif part:
            paragraph.add_run(part)


def _add_runs(paragraph, text: str) -> None:
    """Runs for **bold** and redlines: an insertion or deletion is a tracked change by the vendor."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    text = text[len(_CONTROL):] if text.startswith(_CONTROL) else text
    pos, change = 0, 0
    for m in _REDLINE.finditer(text):
        _add_bold_runs(paragraph, text[pos:m.start()])
        change += 1
        words = html.escape(m.group(2), quote=False)
        if m.group(1) == "+":
            xml = f'<w:ins {nsdecls("w")} w:id="{change}" w:author="{AUTHOR}" w:date="2024-01-01T00:00:00Z"><w:r><w:t xml:space="preserve">{words}</w:t></w:r></w:ins>'
        else:
            xml = f'<w:del {nsdecls("w")} w:id="{change}" w:author="{AUTHOR}" w:date="2024-01-01T00:00:00Z"><w:r><w:delText xml:space="preserve">{words}</w:delText></w:r></w:del>'
        paragraph._p.append(parse_xml(xml))
        pos = m.end()
    _add_bold_runs(paragraph, text[pos:])


def _add_bold_runs(paragraph, text: str) -> None:
    pos = 0
    for m in _BOLD.finditer(text):
        if m.start() > pos:
            paragraph.add_run(text[pos:m.start()])
        paragraph.add_run(m.group(1)).bold = True
        pos = m.end()
    if pos < len(text):
        paragraph.add_run(text[pos:])


def _normalise_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed timestamps and order so the bytes are reproducible."""
    zin = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            zout.writestr(zi, zin.read(info.filename))
    return out.getvalue()


def _wrap_in_control(p) -> None:
    """Put a paragraph inside a Word content control (w:sdt), as form-like templates do."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn

    sdt = parse_xml(f'<w:sdt {nsdecls("w")}><w:sdtPr><w:alias w:val="Clause"/></w:sdtPr><w:sdtContent/></w:sdt>')
    p.addprevious(sdt)
    sdt.find(qn("w:sdtContent")).append(p)


_CLAUSE_NUMBER = re.compile(r"^(\d+)\.(\d+)\s+(.*)$")
_HEADING_NUMBER = re.compile(r"^(\d+)\.\s+(.*)$")
_LETTER = re.compile(r"^\(([a-h])\)\s+(.*)$")


class _WordNumbers:
    """Clause numbers drawn by Word (``layout: word_numbering: true``): the source's "2." headings,
    "2.1" clauses and "(a)" items lose their typed numbers and get a multilevel list (the
    headings through the Heading 2 style). The numbers Word will draw are checked against the
    typed ones, so the source stays the truth."""

    NUM_ID = 40

    def __init__(self, d) -> None:
        from docx.oxml import parse_xml
        from docx.oxml.ns import nsdecls

        w = nsdecls("w")
        numbering = d.part.numbering_part.element
        first_num = numbering.find(f"{{{numbering.nsmap['w']}}}num")
        abstract = parse_xml(
            f'<w:abstractNum {w} w:abstractNumId="{self.NUM_ID}"><w:multiLevelType w:val="multilevel"/>'
            '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:pStyle w:val="Heading2"/><w:lvlText w:val="%1."/></w:lvl>'
            '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl>'
            '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%3)"/></w:lvl>'
            '</w:abstractNum>')
        if first_num is not None:  # the schema wants every abstractNum before the first num
            first_num.addprevious(abstract)
        else:
            numbering.append(abstract)
        numbering.append(parse_xml(
            f'<w:num {w} w:numId="{self.NUM_ID}"><w:abstractNumId w:val="{self.NUM_ID}"/></w:num>'))
        self._number(d.styles["Heading 2"].element.get_or_add_pPr(), 0)
        self.counts = [0, 0, 0]

    def _number(self, ppr, level: int) -> None:
        """numPr in its schema place within pPr (Word refuses misordered properties)."""
        num = ppr.get_or_add_numPr()
        num.get_or_add_ilvl().val = level
        num.get_or_add_numId().val = self.NUM_ID

    def _count(self, level: int, typed: str) -> None:
        self.counts[level] += 1
        for deeper in range(level + 1, 3):
            self.counts[deeper] = 0
        drawn = [str(self.counts[0]), str(self.counts[1]), chr(ord("a") + self.counts[2] - 1)][level]
        if drawn != typed:
            raise ValueError(f"Word would number this {drawn!r}, the source says {typed!r}")

    def heading(self, text: str) -> str:
        m = _HEADING_NUMBER.match(text)
        if not m:
            raise ValueError(f"a level-2 heading without a number under word_numbering: {text!r}")
        self._count(0, m.group(1))
        return m.group(2)

    def clause(self, text: str) -> tuple[str, int | None]:
        marker = _CONTROL if text.startswith(_CONTROL) else ""
        body = text[len(marker):]
        m = _CLAUSE_NUMBER.match(body)
        if m and int(m.group(1)) == self.counts[0]:
            self._count(1, m.group(2))
            return marker + m.group(3), 1
        m = _LETTER.match(body)
        if m:
            self._count(2, m.group(1))
            return marker + m.group(2), 2
        return text, None

    def apply(self, p, level: int) -> None:
        self._number(p._p.get_or_add_pPr(), level)


def render_docx(src: Source) -> bytes:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    layout = src.layout
    d = docx.Document()
    cp = d.core_properties
    cp.author = src.meta.get("author", AUTHOR)
    cp.last_modified_by = AUTHOR
    cp.title = src.meta.get("title", src.id)
    cp.subject = "Service Level Agreement"
    cp.created = FIXED_DATE
    cp.modified = FIXED_DATE
    cp.last_printed = FIXED_DATE
    cp.revision = 1
    cp.comments = ""
    d.styles["Normal"].font.size = Pt(float(layout.get("font_size", 10)))
    d.styles["Normal"].font.name = "Calibri"
    sec = d.sections[0]
    if str(layout.get("page_size", "A4")).lower() == "a4":
        sec.page_width, sec.page_height = Cm(21.0), Cm(29.7)
    else:
        sec.page_width, sec.page_height = Cm(21.59), Cm(27.94)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(sec, side, Cm(2.2))
    if layout.get("header"):
        _add_runs(sec.header.paragraphs[0], str(layout["header"]))
    if layout.get("footer"):
        fp = sec.footer.paragraphs[0]
        fp.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _add_text_with_fields(fp, str(layout["footer"]))
    if int(layout.get("columns", 1)) >= 2:
        cols = sec._sectPr.find(qn("w:cols"))
        if cols is None:
            cols = OxmlElement("w:cols")
            sec._sectPr.append(cols)
        cols.set(qn("w:num"), "2")
        cols.set(qn("w:space"), "454")
    justify = bool(layout.get("hyphenate", False))
    numbers = _WordNumbers(d) if layout.get("word_numbering") else None
    for b in src.blocks:
        if isinstance(b, Heading):
            if b.level == 1:
                d.add_heading(plain(b.text), level=0 if src.meta.get("docx_title_style") else 1)
            else:
                text = numbers.heading(b.text) if numbers and b.level == 2 else b.text
                d.add_heading(plain(text), level=min(b.level, 3))
        elif isinstance(b, Para):
            p = d.add_paragraph()
            text, level = numbers.clause(b.text) if numbers else (b.text, None)
            _add_runs(p, text)
            if level is not None and numbers:
                numbers.apply(p, level)
            elif _SUBCLAUSE.match(b.text):
                p.paragraph_format.left_indent = Cm(0.8)
            if justify:
                p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            if b.text.startswith(_CONTROL):
                _wrap_in_control(p._p)
        elif isinstance(b, Bullet):
            p = d.add_paragraph(style="List Bullet")
            _add_runs(p, b.text)
        elif isinstance(b, TableBlock):
            if b.title:
                d.add_paragraph(plain(b.title), style="Caption")
            ncols = len(b.rows[0])
            t = d.add_table(rows=len(b.rows), cols=ncols)
            if b.style == "ruled":
                t.style = d.styles["Table Grid"]
            elif b.style == "header-rule":
                for cell in t.rows[0].cells:
                    borders = OxmlElement("w:tcBorders")
                    bottom = OxmlElement("w:bottom")
                    for k, v in (("w:val", "single"), ("w:sz", "8"), ("w:space", "0"),
                                 ("w:color", "000000")):
                        bottom.set(qn(k), v)
                    borders.append(bottom)
                    cell._tc.get_or_add_tcPr().append(borders)
            for r, row in enumerate(b.rows):
                for c, val in enumerate(row):
                    cell = t.cell(r, c)
                    cell.text = ""
                    _add_runs(cell.paragraphs[0], val)
                    if val.startswith(_CONTROL):
                        _wrap_in_control(cell.paragraphs[0]._p)
                    if r == 0:
                        for run in cell.paragraphs[0].runs:
                            run.bold = True
            # repeat header row on each page
            trPr = t.rows[0]._tr.get_or_add_trPr()
            hdr = OxmlElement("w:tblHeader")
            hdr.set(qn("w:val"), "true")
            trPr.append(hdr)
            # merge blank first cells into the label above
            r = 2
            while r < len(b.rows):
                if b.rows[r][0] == "" and b.rows[r - 1][0] != "":
                    end = r
                    while end + 1 < len(b.rows) and b.rows[end + 1][0] == "":
                        end += 1
                    top_cell = t.cell(r - 1, 0)
                    text = top_cell.text
                    merged = top_cell.merge(t.cell(end, 0))
                    # merge() concatenates paragraphs; keep only the label
                    for extra in merged.paragraphs[1:]:
                        extra._p.getparent().remove(extra._p)
                    assert merged.text == text
                    r = end + 1
                else:
                    r += 1
            d.add_paragraph()
        elif isinstance(b, PageBreakBlock):
            d.add_page_break()
    buf = io.BytesIO()
    d.save(buf)
    return _normalise_zip(buf.getvalue())


# --------------------------------------------------------------------------------------------
# TXT / MD
# --------------------------------------------------------------------------------------------


def _table_lines(tb: TableBlock) -> list[str]:
    rows = [[plain(c) for c in r] for r in tb.rows]
    widths = [max(len(r[c]) for r in rows) for c in range(len(rows[0]))]
    fmt = lambda r: " | ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip()  # noqa: E731
    out = [fmt(rows[0]), "-+-".join("-" * w for w in widths)]
    out += [fmt(r) for r in rows[1:]]
    return out


def render_txt(src: Source) -> bytes:
    """Hard-wrapped plain text like a text export; page breaks become form feeds."""
    width = int(src.layout.get("wrap", 78))
    out: list[str] = []

    def wrap(text: str, indent: str = "", hang: str = "") -> list[str]:
        if width <= 0:
            return [indent + text]
        return textwrap.wrap(text, width=width, initial_indent=indent,
                             subsequent_indent=hang or indent, break_long_words=False,
                             break_on_hyphens=False)

    for b in src.blocks:
        if isinstance(b, Heading):
            t = plain(b.text)
            if b.level == 1:
                out += [t.upper(), "=" * len(t), ""]
            elif b.level == 2:
                out += [t, "-" * len(t), ""]
            else:
                out += [t, ""]
        elif isinstance(b, Para):
            t = plain(b.text)
            if _SUBCLAUSE.match(t):
                out += wrap(t, "    ", "        ") + [""]
            else:
                out += wrap(t) + [""]
        elif isinstance(b, Bullet):
            out += wrap(plain(b.text), "  - ", "    ") + [""]
        elif isinstance(b, TableBlock):
            if b.title:
                out += [plain(b.title), ""]
            out += _table_lines(b) + [""]
        elif isinstance(b, PageBreakBlock):
            out.append("\f")
    text = "\n".join(out).rstrip() + "\n"
    text = text.replace("\n\f\n", "\n\f")
    return text.encode("utf-8")


def render_md(src: Source) -> bytes:
    """Markdown as a web-page export: pipe tables kept, page breaks become form feeds."""
    out: list[str] = []
    for b in src.blocks:
        if isinstance(b, Heading):
            out += ["#" * b.level + " " + accepted(b.text), ""]
        elif isinstance(b, Para):
            out += [accepted(b.text), ""]
        elif isinstance(b, Bullet):
            out.append("- " + accepted(b.text))
        elif isinstance(b, TableBlock):
            if out and out[-1].startswith("- "):
                out.append("")
            if b.title:
                out += [f"**{b.title}**", ""]
            rows = [[accepted(c) for c in r] for r in b.rows]
            out.append("| " + " | ".join(rows[0]) + " |")
            out.append("|" + "|".join("---" for _ in rows[0]) + "|")
            out += ["| " + " | ".join(r) + " |" for r in rows[1:]]
            out.append("")
        elif isinstance(b, PageBreakBlock):
            out.append("\f")
    # blank line after a run of bullets
    text = "\n".join(out)
    text = re.sub(r"(\n- [^\n]*)\n(?!- |\n)", r"\1\n\n", text)
    return (text.rstrip() + "\n").encode("utf-8")


def _html_inline(text: str) -> str:
    esc = html.escape(accepted(text), quote=False)
    return _BOLD.sub(r"<strong>\1</strong>", esc)


def render_html(src: Source) -> bytes:
    """A vendor's SLA web page as a browser saves it: the site's banner, menu, cookie dialog,
    scripts and footer around the page's <main> content. ``layout.site`` names the site;
    ``layout.footer`` is the footer's text (a sales line's hours, say)."""
    layout = src.layout
    site = html.escape(str(layout.get("site", src.meta.get("author", AUTHOR))), quote=False)
    title = html.escape(str(src.meta.get("title", src.id)), quote=False)
    out = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
           f"<title>{title}</title>", "<style>main { max-width: 52em; } .cookies { position: fixed; }</style>",
           '<script>window.dataLayer = [{"page": "legal", "version": 3, "uptimeBadge": "100%"}];</script>',
           "</head>", "<body>", f'<header class="site-header"><a href="/">{site}</a>',
           "<nav><ul><li><a href=\"/products\">Products</a></li><li><a href=\"/pricing\">Pricing</a></li>"
           "<li><a href=\"/support\">Support</a></li><li><a href=\"/contact\">Contact us</a></li></ul></nav></header>",
           '<div class="cookies" role="dialog" aria-label="Cookies"><p>This site uses cookies to remember your '
           "choices. <button>Accept</button></p></div>", "<main>"]
    in_list = False
    for b in src.blocks:
        if in_list and not isinstance(b, Bullet):
            out.append("</ul>")
            in_list = False
        if isinstance(b, Heading):
            out.append(f"<h{b.level}>{_html_inline(b.text)}</h{b.level}>")
        elif isinstance(b, Para):
            out.append(f"<p>{_html_inline(b.text)}</p>")
        elif isinstance(b, Bullet):
            if not in_list:
                out.append("<ul>")
                in_list = True
            out.append(f"<li>{_html_inline(b.text)}</li>")
        elif isinstance(b, TableBlock):
            if b.title:
                out.append(f"<p><strong>{_html_inline(b.title)}</strong></p>")
            out.append('<table class="sla-table">')
            out.append("<thead><tr>" + "".join(f"<th>{_html_inline(c)}</th>" for c in b.rows[0]) + "</tr></thead>")
            out.append("<tbody>")
            out += ["<tr>" + "".join(f"<td>{_html_inline(c)}</td>" for c in r) + "</tr>" for r in b.rows[1:]]
            out.append("</tbody></table>")
    if in_list:
        out.append("</ul>")
    out.append("</main>")
    if layout.get("footer"):
        out.append(f"<footer><p>{_html_inline(str(layout['footer']))}</p></footer>")
    out += ["<script>document.querySelector('.cookies button').onclick = () => {};</script>", "</body>", "</html>"]
    return ("\n".join(out) + "\n").encode("utf-8")


RENDERERS = {"pdf": render_pdf, "docx": render_docx, "txt": render_txt, "md": render_md, "html": render_html}


def render(src: Source) -> bytes:
    try:
        return RENDERERS[src.fmt](src)
    except KeyError:
        raise ValueError(f"{src.path}: unknown format {src.fmt!r}") from None


# --------------------------------------------------------------------------------------------
# Bad inputs
# --------------------------------------------------------------------------------------------


def _image_only_pdf(src: Source) -> bytes:
    """Render the source's text onto page images with Pillow: a scan with no text layer."""
    from PIL import Image, ImageDraw, ImageFont
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas as rl_canvas

    dpi = 110
    pw, ph = A4
    W, H = int(pw / 72 * dpi), int(ph / 72 * dpi)
    font = ImageFont.load_default(size=18)
    bold = ImageFont.load_default(size=24)
    lines: list[tuple[str, object]] = []
    for b in src.blocks:
        if isinstance(b, Heading):
            lines += [(plain(b.text), bold), ("", font)]
        elif isinstance(b, (Para, Bullet)):
            prefix = "- " if isinstance(b, Bullet) else ""
            lines += [(ln, font) for ln in textwrap.wrap(prefix + plain(b.text), 88)] + [("", font)]
        elif isinstance(b, TableBlock):
            lines += [(ln, font) for ln in _table_lines(b)] + [("", font)]
    pages: list[list[tuple[str, object]]] = [[]]
    per_page = 50
    for ln in lines:
        if len(pages[-1]) >= per_page:
            pages.append([])
        pages[-1].append(ln)
    buf = io.BytesIO()
    c = rl_canvas.Canvas(buf, pagesize=A4, invariant=1)
    c.setTitle(src.meta.get("title", "Scanned document"))
    c.setAuthor("Scanner")
    c.setCreator("ScanStation 3000")
    for pg in pages:
        img = Image.new("L", (W, H), 255)
        draw = ImageDraw.Draw(img)
        y = 90
        for text, f in pg:
            draw.text((90, y), text, fill=20, font=f)
            y += 32 if f is bold else 24
        img = img.rotate(0.4, fillcolor=255)  # a scan is never quite straight
        c.drawImage(ImageReader(img), 0, 0, width=pw, height=ph)
        c.showPage()
    c.save()
    return buf.getvalue()


def render_bad(src: Source) -> tuple[str, bytes]:
    """Return (file name, bytes) for a bad-input source, per its ``damage`` option."""
    damage = str(src.meta.get("damage", "")).lower()
    name = str(src.meta.get("filename", f"{src.id}.pdf"))
    if damage == "empty":
        return name, b""
    if damage == "image_only":
        return name, _image_only_pdf(src)
    if damage == "html":
        body = "\n".join(
            f"<h{b.level}>{html.escape(b.text)}</h{b.level}>" if isinstance(b, Heading)
            else f"<p>{html.escape(b.text)}</p>" for b in src.blocks if isinstance(b, (Heading, Para)))
        page = ("<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\">"
                f"<title>{html.escape(str(src.meta.get('title', src.id)))}</title></head>\n"
                f"<body>\n{body}\n</body>\n</html>\n")
        return name, page.encode("utf-8")
    data = render(src)
    if damage.startswith("truncate"):
        frac = float(src.meta.get("truncate_at", 0.4))
        return name, data[: int(len(data) * frac)]
    if damage in ("", "none", "encrypt"):
        return name, data
    raise ValueError(f"{src.path}: unknown damage {damage!r}")


def bad_truth(src: Source) -> str:
    truth = {"id": src.id, "error": src.meta["error"], "note": src.meta.get("note", "")}
    if src.meta.get("ocr") is False:  # a scan fails only when OCR is refused (else it is read)
        truth["read_with"] = {"ocr": False}
    if src.meta.get("encrypt_user"):
        truth["password"] = src.meta["encrypt_user"]  # so tests can open it with --password
    return yaml.safe_dump(truth, sort_keys=False, allow_unicode=True, width=1000)


# --------------------------------------------------------------------------------------------
# CLI
# --------------------------------------------------------------------------------------------


def write_if_changed(path: Path, data: bytes) -> bool:
    if path.exists() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("only", nargs="*", help="ids (or source paths with --out) to render")
    ap.add_argument("--out", type=Path, help="write into this directory instead of fixtures/")
    args = ap.parse_args(argv)

    if args.out:
        for p in args.only:
            src = parse_source(Path(p))
            if src.meta.get("damage") or src.meta.get("error"):
                name, data = render_bad(src)
            else:
                name, data = f"{src.id}.{src.fmt}", render(src)
            write_if_changed(args.out / name, data)
            print(args.out / name)
        return 0

    wanted = set(args.only)
    status = 0
    sources = [(p, CONTRACTS_OUT) for p in sorted(SRC_DIR.glob("*.md"))] + \
        [(p, DIFF_OUT) for p in sorted(DIFF_SRC_DIR.glob("*.md"))]
    for path, out_dir in sources:
        if path.name.lower() == "readme.md":
            continue
        try:
            src = parse_source(path)
            if wanted and src.id not in wanted:
                continue
            out = out_dir / f"{src.id}.{src.fmt}"
            changed = write_if_changed(out, render(src))
            print(f"{'wrote' if changed else 'same '} {out.relative_to(ROOT)}")
        except Exception as exc:  # keep going: other helpers' sources must not block ours
            print(f"FAILED {path.name}: {exc}", file=sys.stderr)
            status = 1
    for path in sorted(BAD_SRC_DIR.glob("*.md")):
        src = parse_source(path)
        if wanted and src.id not in wanted:
            continue
        name, data = render_bad(src)
        changed = write_if_changed(BAD_OUT / name, data)
        write_if_changed(BAD_OUT / f"{Path(name).stem}.truth.yml", bad_truth(src).encode())
        print(f"{'wrote' if changed else 'same '} {(BAD_OUT / name).relative_to(ROOT)}")
    if not args.only or any(s.name in wanted for s in make_scans.SCANS):
        make_scans.main([s.name for s in make_scans.SCANS if not wanted or s.name in wanted])
    return status


if __name__ == "__main__":
    sys.exit(main())
