"""The fast PDF reader lays pages out from word boxes (two pdfium calls per word) rather than
glyph boxes (one call per glyph). These tests hold it to the glyph-by-glyph reading: the
same lines, columns, cells and words on every page of every PDF fixture and on pages drawn
to stress word splitting (tight spacing, words placed one by one, letter-spaced text)."""
from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from sla_check.ingest.layout import order_page
from sla_check.ingest.pdf import glyph_boxes, word_boxes

ROOT = Path(__file__).resolve().parent.parent
PDFS = sorted((ROOT / "fixtures" / "contracts").glob("*.pdf"))


def _font(_index: int) -> tuple[float, bool, float]:
    return 10.0, False, 0.0  # the same for both readings: only geometry is compared


def _lines(content) -> list[tuple]:
    out = []
    for item in content.items:
        if hasattr(item, "rows"):
            continue  # no tables here: these pages are read without the table finder
        out.append((item.text, round(item.x0, 2), round(item.x1, 2), round(item.top, 2), item.column,
                    item.cells, item.words))
    return out


def both_readings(path: Path, password: str | None = None) -> list[tuple[list, list]]:
    pdf = pdfium.PdfDocument(str(path), password=password)
    out = []
    try:
        for i in range(len(pdf)):
            page = pdf[i]
            tp = page.get_textpage()
            text, n = tp.get_text_range(), tp.count_chars()
            if len(text) == n:
                top = page.get_mediabox()[3]
                w, h = page.get_width(), page.get_height()
                words = order_page(i + 1, w, h, word_boxes(tp.raw, text, top), [], _font)
                glyphs = order_page(i + 1, w, h, glyph_boxes(tp.raw, text, n, top), [], _font)
                out.append((_lines(words), _lines(glyphs)))
            tp.close()
            page.close()
    finally:
        pdf.close()
    return out


@pytest.mark.parametrize("path", PDFS, ids=[p.name for p in PDFS])
def test_word_layout_equals_glyph_layout_on_fixtures(path):
    pages = both_readings(path, password="secret" if "encrypted" in path.name else None)
    assert pages, "no page read"
    for number, (words, glyphs) in enumerate(pages, start=1):
        assert words == glyphs, f"page {number}"


@pytest.fixture(scope="module")
def awkward(tmp_path_factory) -> Path:
    """Text set in ways that make word boundaries hard to see."""
    path = tmp_path_factory.mktemp("words") / "awkward.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    y = 780
    c.setFont("Helvetica", 10)
    c.drawString(72, y, "Ordinary text with ordinary word spaces, 99.9% uptime.")
    y -= 20
    t = c.beginText(72, y)  # tight word spacing: spaces narrower than the layout's gap rule
    t.setFont("Helvetica", 10)
    t.setWordSpace(-1.6)
    t.textLine("Priority 1 response within 15 minutes, tight spacing")
    c.drawText(t)
    y -= 20
    x = 72.0  # each word placed on its own, no space glyphs: pdfium guesses the spaces
    for word in "Each word placed on its own".split():
        c.drawString(x, y, word)
        x += c.stringWidth(word, "Helvetica", 10) + 3.2
    y -= 20
    c.drawString(72, y, "Priority 1")  # a borderless table row: cells far apart
    c.drawString(250, y, "15 minutes")
    c.drawString(400, y, "4 hours")
    y -= 20
    c.drawString(72, y, "x")  # one-glyph words
    c.drawString(80, y, "2")
    c.drawString(88, y, "y")
    c.saveState()  # a note set sideways in the margin: its words fall back to glyph by glyph
    c.translate(40, 500)
    c.rotate(90)
    c.drawString(0, 0, "Draft for discussion")
    c.restoreState()
    y -= 20
    t = c.beginText(72, y)  # letter-spaced heading (last: the character spacing stays set)
    t.setFont("Helvetica", 10)
    t.setCharSpace(2.5)
    t.textLine("SCHEDULE 2 SERVICE LEVELS")
    c.drawText(t)
    c.showPage()
    c.save()
    return path


def test_word_layout_equals_glyph_layout_on_awkward_text(awkward):
    (words, glyphs), = both_readings(awkward)
    spaced = [i for i, line in enumerate(words) if line[0].startswith("SCHEDULE")]
    assert len(spaced) == 1
    # letter-spaced text is where the readings part: glyph gaps pass the layout's word-gap
    # rule ("S C H E D U L E"), while pdfium, which knows the font's spacing, keeps the words
    assert words[spaced[0]][0] == "SCHEDULE 2 SERVICE LEVELS"
    assert glyphs[spaced[0]][0].startswith("S C H E D U L E")
    del words[spaced[0]], glyphs[spaced[0]]
    assert words == glyphs
    texts = [line[0] for line in words]
    assert "Priority 1 response within 15 minutes, tight spacing" in texts
    assert "Each word placed on its own" in texts
    row = next(line for line in words if line[0].startswith("Priority 1 15"))
    assert row[5] == ["Priority 1", "15 minutes", "4 hours"]  # cells found from word boxes
