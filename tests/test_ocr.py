"""OCR of scanned PDFs (ingest/ocr.py): which pages are recognised, the same layout and
citations as a text page, and what happens without OCR.

The scanned fixtures (fixtures/scanned/, tools/make_scans.py) are scans of fixtures whose
text layer is labelled: their truth is the original's. Recognition needs Tesseract; CI
installs it, so there (CI set) a missing Tesseract fails instead of skipping.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from sla_check.cli import cli
from sla_check.errors import IngestError
from sla_check.evaluate import EvalReport, find_truth_files, load_truth, score_document
from sla_check.ingest import describe, load_document, ocr
from sla_check.pipeline import Options, extract_file

ROOT = Path(__file__).resolve().parent.parent
SCANNED = ROOT / "fixtures" / "scanned"
CONTRACTS = ROOT / "fixtures" / "contracts"
MIXED = SCANNED / "atlas-master-schedule-mixed.pdf"
SCAN = SCANNED / "fortress-msp-scan300.pdf"


def needs_tesseract() -> None:
    if not ocr.available():
        if os.environ.get("CI"):
            pytest.fail("Tesseract is missing: CI must install it (apt-get install tesseract-ocr)")
        pytest.skip("Tesseract is not installed (apt-get install tesseract-ocr)")


def original_of(scan: Path) -> Path:
    """fixtures/contracts/NAME.pdf for fixtures/scanned/NAME-scanNNN.pdf / NAME-mixed.pdf."""
    names = [p.stem for p in CONTRACTS.glob("*.pdf")]
    return CONTRACTS / (max((n for n in names if scan.stem.startswith(n + "-")), key=len) + ".pdf")


def micro_f1(report: EvalReport) -> float:
    fields = report.to_dict()["fields"]
    tp, fp, fn = (sum(v[k] for name, v in fields.items() if name != "errors") for k in ("tp", "fp", "fn"))
    return 2 * tp / (2 * tp + fp + fn)


def cited(obj: object, path: str = "") -> list[tuple[str, str, int]]:
    """(field path, the value without its evidence, page) for every value that cites a page."""
    out: list[tuple[str, str, int]] = []
    if isinstance(obj, dict):
        evidence = obj.get("evidence")
        evidences = evidence if isinstance(evidence, list) else [evidence]
        value = json.dumps({k: v for k, v in obj.items() if k not in ("evidence", "qualifiers")}, sort_keys=True)
        out += [(path, value, e["page"]) for e in evidences if isinstance(e, dict) and "page" in e]
        for k, v in obj.items():
            if k not in ("evidence", "qualifiers"):
                out += cited(v, f"{path}.{k}")
    elif isinstance(obj, list):
        for v in obj:
            out += cited(v, path)
    return out


# ------------------------------------------------------------------ without recognition (fast)


def test_text_layer_of_letters_and_digits_is_usable_and_glyph_soup_is_not():
    assert not ocr.unusable_text("1.1 The Service will be available 99.9% of each calendar month.")
    assert not ocr.unusable_text("| P1 | 30 minutes | 4 hours |\n| P2 | 2 hours | 1 business day |")
    assert ocr.unusable_text("")
    assert ocr.unusable_text("Page 3")  # a scan's typed footer alone is not a text layer
    assert ocr.unusable_text("\ue010\ue011\ue012 " * 60)  # private-use codes: fonts without a Unicode map
    assert ocr.unusable_text("\u25a0" * 500 + " Signed")  # every glyph mapped to a box


def test_hocr_words_and_lines_come_back_in_page_points():
    hocr = (
        "<span class='ocr_line' id='line_1_1' title=\"bbox 300 600 1500 650; baseline 0 -10; x_size 50; "
        "x_descenders 10; x_ascenders 12\"><span class='ocrx_word' id='word_1_1' title='bbox 300 600 500 650; "
        "x_wconf 96'><strong>Uptime</strong></span> <span class='ocrx_word' id='word_1_2' title='bbox 540 600 "
        "700 650; x_wconf 80'>99.9%&amp;</span></span>"
    )
    prepared = ocr.Prepared(number=4, width=612, height=792, scale=300 / 72, image=b"")
    page = ocr.parse_hocr(hocr, prepared)
    assert [w.text for w in page.words] == ["Uptime", "99.9%&"]
    first = page.words[0]
    assert (round(first.x0), round(first.top), round(first.x1), round(first.bottom)) == (72, 144, 120, 156)
    assert page.lines[0].size == pytest.approx(12.0)
    assert page.confidence == pytest.approx(0.88)
    assert page.number == 4


def test_ruled_lines_are_found_as_edges_and_erased_but_letters_are_kept():
    import numpy as np
    from PIL import Image, ImageDraw, ImageFont

    scale = 200 / 72
    img = Image.new("L", (1200, 600), 255)
    draw = ImageDraw.Draw(img)
    for y in (100, 160, 220):  # a three-row grid, slightly jagged like a scan
        draw.line((100, y, 1100, y + 2), fill=0, width=3)
    for x in (100, 500, 1100):
        draw.line((x, 100, x + 1, 220), fill=0, width=3)
    font = ImageFont.load_default(size=36)
    draw.text((120, 112), "Priority 1 - Critical", fill=0, font=font)
    draw.text((120, 300), "IIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIII lllllllllllllllllll", fill=0, font=font)
    pixels = np.asarray(img)
    edges, mask = ocr.find_rules(pixels, scale)
    horizontal = sorted(round(e["top"] * scale) for e in edges if e["orientation"] == "h")
    vertical = sorted(round(e["x0"] * scale) for e in edges if e["orientation"] == "v")
    assert len(horizontal) == 3 and len(vertical) == 3
    assert all(abs(a - b) <= 3 for a, b in zip(horizontal, (101, 161, 221)))
    assert all(abs(a - b) <= 3 for a, b in zip(vertical, (100, 500, 1100)))
    text_ink = pixels[112:150, 120:480] < 128
    assert not (mask[112:150, 120:480] & text_ink).any()  # the letters in the cell stay
    assert not mask[290:345, :].any()  # a row of tall letters is not a rule


def test_no_ocr_keeps_no_text_layer_and_says_how_to_enable_it():
    result = CliRunner().invoke(cli, ["extract", str(SCAN), "--no-ocr"])
    assert result.exit_code == 1
    assert "no_text_layer" in result.output or "no text layer" in result.output
    assert "without --no-ocr" in result.output


def test_without_tesseract_a_scan_says_what_to_install(monkeypatch):
    monkeypatch.setattr(ocr, "available", lambda: False)
    with pytest.raises(IngestError) as err:
        load_document(SCAN)
    assert err.value.code == "no_text_layer"
    assert "apt-get install tesseract-ocr" in err.value.message


def test_mixed_pdf_without_ocr_reads_its_typed_pages_and_lists_the_unread_ones():
    doc = load_document(MIXED, ocr=False)
    original = load_document(original_of(MIXED))
    assert doc.unread_pages == [5, 6, 7] and doc.ocr_pages == []
    assert "Unread:   pages 5, 6, 7 are scans" in describe(doc)
    for page in (1, 2, 3, 4):
        assert doc.page_text(page) == original.page_text(page)


def small_scan(path: Path, garbage_layer: bool) -> Path:
    """A one-page scan of one sentence, optionally under an invisible text layer whose glyphs
    map to nothing readable (as some scanners' own text layers do)."""
    from PIL import Image, ImageDraw, ImageFont
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    img = Image.new("L", (1000, 400), 255)
    ImageDraw.Draw(img).text((40, 40), "The Service is available 99.5% of each month.", fill=0,
                             font=ImageFont.load_default(size=30))
    c = canvas.Canvas(str(path), pagesize=(500, 200))
    c.drawImage(ImageReader(img), 0, 0, width=500, height=200)
    if garbage_layer:
        text = c.beginText(20, 150)
        text.setTextRenderMode(3)  # invisible
        text.setFont("Helvetica", 10)
        text.textLine("".join(chr(1 + k % 30) for k in range(200)))  # codes that map to no letter
        c.drawText(text)
    c.showPage()
    c.save()
    return path


def test_a_garbage_text_layer_counts_as_none(tmp_path):
    path = small_scan(tmp_path / "garbage.pdf", garbage_layer=True)
    with pytest.raises(IngestError) as err:
        load_document(path, ocr=False)
    assert err.value.code == "no_text_layer"
    needs_tesseract()
    doc = load_document(path)
    assert doc.ocr_pages == [1]
    assert "99.5%" in doc.page_text(1)
    assert "OCR:      page (confidence) 1 (" in describe(doc)


def test_the_reference_reader_recognises_scans_the_same_way(tmp_path):
    needs_tesseract()
    path = small_scan(tmp_path / "scan.pdf", garbage_layer=False)
    fast, reference = load_document(path), load_document(path, engine="pdfplumber")
    assert fast.ocr_pages == reference.ocr_pages == [1]
    assert reference.page_text(1) == fast.page_text(1) and "99.5%" in fast.page_text(1)


# ------------------------------------------------------------------ recognition (Tesseract)


#: OCR'd in the suite (8 pages: tables at 300 dpi black and white, greyscale at 200 dpi, the
#: mixed PDF); bench/ocr_speed.py scores all of fixtures/scanned/ the same way.
SUITE = ("fortress-msp-scan300", "letter-of-engagement-scan200", "atlas-master-schedule-mixed")


@pytest.fixture(scope="module")
def scans(nlp):
    """The suite's scanned fixtures and their originals, extracted once: (truth, scan result, original result)."""
    needs_tesseract()
    out = []
    for truth_path in find_truth_files([SCANNED]):
        scan = truth_path.with_name(truth_path.name[: -len(".truth.yml")] + ".pdf")
        if scan.stem not in SUITE:
            continue
        out.append((load_truth(truth_path), extract_file(scan, Options(), nlp),
                    extract_file(original_of(scan), Options(), nlp)))
    return out


def test_scans_score_at_least_95_percent_of_their_text_layer(scans):
    scanned, typed = EvalReport(), EvalReport()
    for truth, scan, original in scans:
        assert scan.status == "ok", scan.error
        score_document(scanned, truth["id"], truth, scan)
        score_document(typed, truth["id"], truth, original)
    assert len(scans) == len(SUITE)
    assert micro_f1(scanned) >= 0.95 * micro_f1(typed), scanned.format_text()


def test_every_value_read_from_a_scan_keeps_its_page(scans):
    compared = 0
    for _truth, scan, original in scans:
        pages: dict[tuple[str, str], set[int]] = {}
        for path, value, page in cited(original.terms.to_dict()):
            pages.setdefault((path, value), set()).add(page)
        for path, value, page in cited(scan.terms.to_dict()):
            if (path, value) in pages:
                assert page in pages[(path, value)], (scan.file, path, value, page, pages[(path, value)])
                compared += 1
    assert compared >= 40


def test_mixed_pdf_recognises_only_its_scanned_pages(scans):
    mixed = next(scan for _t, scan, _o in scans if scan.file == str(MIXED))
    assert mixed.ocr_pages == [5, 6, 7]
    d = mixed.to_dict()
    assert d["ocr_pages"] == [5, 6, 7] and 0.5 < d["ocr_confidence"] <= 1.0
    typed = next(scan for _t, scan, _o in scans if scan.file.endswith("-scan300.pdf"))
    assert typed.ocr_pages == [1, 2, 3]
    original = next(o for _t, scan, o in scans if scan.file == str(MIXED))
    assert original.ocr_pages == [] and original.to_dict()["ocr_confidence"] is None



def test_findings_on_poorly_read_pages_are_marked_for_review():
    from sla_check.check import flag_uncertain_pages
    from sla_check.models import Evidence, Finding

    def finding(status: str, page: int) -> Finding:
        return Finding("uptime.target", "s", "q", status, "high", "The target is 99.9%.", "r",
                       (Evidence(page, "2.1", "99.9% each month"),))

    findings = [finding("ok", 2), finding("gap", 2), finding("ok", 1), finding("ok", 3)]
    flagged = flag_uncertain_pages(findings, {2: 0.55, 3: 0.97}, below=ocr.LOW_CONFIDENCE)
    assert [f.status for f in flagged] == ["review", "gap", "ok", "ok"]
    assert flagged[0].explanation.startswith("Review:") and "page 2 (55%)" in flagged[0].explanation
    assert "page 2" in flagged[1].explanation and flagged[1].explanation.endswith("The target is 99.9%.")
    assert flagged[2:] == findings[2:]  # typed pages and well-read ones are untouched


def test_files_sheet_says_which_pages_were_recognised():
    from sla_check.models import FileResult
    from sla_check.report.excel import ocr_note

    r = FileResult("scan.pdf", ocr_confidence={5: 0.95, 6: 0.91, 7: 0.62})
    note = ocr_note(r)
    assert note is not None and "pages 5, 6, 7 read by OCR" in note and "83%" in note and "page(s) 7" in note
    assert ocr_note(FileResult("typed.pdf")) is None
    unread = ocr_note(FileResult("mixed.pdf", unread_pages=[5, 6]))
    assert unread is not None and "page(s) 5, 6 are scans and were not read" in unread
    assert r.to_dict()["ocr_pages"] == [5, 6, 7] and r.to_dict()["ocr_confidence"] == 0.827


def test_scanned_fixtures_are_image_only_copies_of_labelled_originals():
    """Guards the generator: each scan's truth is its original's, and its scanned pages carry
    no text layer (only the mixed PDF keeps typed pages)."""
    import pypdfium2 as pdfium
    import yaml

    scans = sorted(SCANNED.glob("*.pdf"))
    assert len(scans) == 5
    for scan in scans:
        truth = yaml.safe_load(scan.with_suffix(".truth.yml").read_text(encoding="utf-8"))
        original = yaml.safe_load(original_of(scan).with_suffix(".truth.yml").read_text(encoding="utf-8"))
        assert truth.pop("id") == scan.stem and original.pop("id") == original_of(scan).stem
        assert truth == original
        pdf = pdfium.PdfDocument(str(scan))
        try:
            typed = [i + 1 for i in range(len(pdf)) if not ocr.unusable_text(pdf[i].get_textpage().get_text_range())]
        finally:
            pdf.close()
        assert typed == ([1, 2, 3, 4] if scan == MIXED else [])


def test_scan_generator_is_deterministic():
    """Re-make the smallest scan and compare bytes with the committed file."""
    import importlib.util
    import sys

    spec = importlib.util.spec_from_file_location("make_scans", ROOT / "tools" / "make_scans.py")
    assert spec is not None and spec.loader is not None
    gen = importlib.util.module_from_spec(spec)
    sys.modules["make_scans"] = gen
    spec.loader.exec_module(gen)
    scan = next(s for s in gen.SCANS if s.name == "letter-of-engagement-scan200")
    assert gen.make_scan(scan) == (SCANNED / f"{scan.name}.pdf").read_bytes(), "stale: run tools/make_scans.py"


def _unusable_reference(text: str) -> bool:
    """The per-glyph reading the fast count must equal."""
    import unicodedata

    from sla_check.ingest.ocr import MIN_PAGE_CHARS, READABLE_SHARE

    chars = [c for c in text if not c.isspace()]
    readable = sum(1 for c in chars if c.isalnum() and unicodedata.category(c) != "Co")
    return readable < MIN_PAGE_CHARS or readable < READABLE_SHARE * len(chars)


@pytest.mark.parametrize("text", [
    "", "   \n\t ", "Priority 1 incidents are answered within 15 minutes, 24x7.",
    "\ue000\ue001\ue002 " * 40, "\ufffd" * 50 + " ok", "Ab_1 " * 30, "élan café № 12 — ½ ² ٣ 漢字 " * 5,
    "a\u00a0b\u2003c\u200bd " * 20, "P1 | 15 min | 4 h\n" * 3 + "\ue010" * 90,
])
def test_unusable_text_counts_like_the_plain_reading(text):
    from sla_check.ingest.ocr import unusable_text

    assert unusable_text(text) == _unusable_reference(text)


def test_workers_share_the_cores_for_ocr(monkeypatch):
    """N review workers each OCR-ing with one Tesseract per core would run N x cores processes."""
    from sla_check.ingest import ocr

    monkeypatch.setattr(ocr.os, "cpu_count", lambda: 8)
    monkeypatch.setattr(ocr, "_page_threads", None)
    assert ocr.Recogniser().workers == 8
    ocr.share_cores(4)
    assert ocr.Recogniser().workers == 2
    ocr.share_cores(16)
    assert ocr.Recogniser().workers == 1
    assert ocr.Recogniser(workers=3).workers == 3


def _page_picture(path: Path, dpi: int, frames: int = 1) -> None:
    """A page of contract text as a picture (our own wording), as a scanner or a phone saves it."""
    from PIL import Image, ImageDraw, ImageFont

    img = Image.new("L", (1700, 2200), 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.load_default(size=34)
    lines = ["Service Level Agreement", "", "1. Availability",
             "The service will be available 99.8% of each calendar month.", "", "2. Support",
             "We respond to Priority 1 faults within 30 minutes, 24 hours a day."]
    for i, line in enumerate(lines):
        draw.text((150, 150 + 60 * i), line, fill=0, font=font)
    img.save(path, dpi=(dpi, dpi), save_all=frames > 1, append_images=[img] * (frames - 1))


@pytest.mark.parametrize("name, dpi, frames", [("scan.png", 200, 1), ("fax.tiff", 200, 2), ("photo.jpg", 72, 1)])
def test_a_contract_sent_as_a_picture_is_read_by_ocr(tmp_path, name, dpi, frames):
    """A scanner's TIFF (every page), a PNG, a phone photo saved at 72 dpi (its page is taken to be
    paper-sized, not a metre wide): read like a scanned PDF, with page citations."""
    needs_tesseract()
    path = tmp_path / name
    _page_picture(path, dpi, frames)
    result = extract_file(path, Options())
    assert result.status == "ok" and result.format == "image" and result.pages == frames
    assert result.terms is not None
    assert [u.percent for u in result.terms.uptime] == [99.8]
    p1 = {(t.kind, t.minutes) for t in result.terms.response_times if t.severity_level == 1}
    assert p1 == {("response", 30)}  # "24 hours a day" is the desk's clock, not a second time
    assert result.terms.uptime[0].evidence is not None and result.terms.uptime[0].evidence.page == 1


def test_a_damaged_picture_is_reported_not_dropped(tmp_path):
    path = tmp_path / "scan.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    result = extract_file(path, Options())
    assert result.status == "error" and result.error is not None and result.error.code == "corrupt"
