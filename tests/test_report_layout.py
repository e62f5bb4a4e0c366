"""What rendering the workbook needs, measured from the file (no spreadsheet application):
rows as tall as their wrapped text, problems before ok rows, no invented money, no codes."""
from __future__ import annotations

import datetime as dt
import math
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter, range_boundaries

from sla_check.report.layout import LINE_PT, ROW_PAD_PT, count_lines, height_for, text_px, width_for
from sla_check.report.excel import DOWNTIME_HEADER_ROW, SUMMARY_HEADER_ROW, ReviewWorkbook, RunInfo

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_WIDTH = 8.43
DEFAULT_HEIGHT = 15.0


# --------------------------------------------------------------------------- the estimate itself


def test_count_lines_wraps_words_and_counts_breaks():
    assert count_lines("short", 20) == 1
    assert count_lines("one\ntwo\nthree", 40) == 3
    sentence = "the vendor owes nothing for downtime within the target " * 4
    assert count_lines(sentence, 20) > count_lines(sentence, 40) > count_lines(sentence, 200) == 1
    assert count_lines("x" * 200, 10) >= 200 * text_px("x") // (10 * 7)  # a word longer than the line breaks
    assert height_for(1) == 15 and height_for(3) == pytest.approx(3 * LINE_PT + ROW_PAD_PT) and height_for(10_000) == 409
    assert count_lines("atlas-master-schedule.pdf", 15) == 2  # a line may break after a hyphen


def test_estimate_is_never_narrower_than_the_fonts_widest_average():
    """Against a crude independent estimate (every character as wide as an average Calibri
    letter, no word-wrap loss) the word-wrapping estimate never gives fewer lines."""
    text = ("Credits are your sole and exclusive remedy: you give up the right to claim your real "
            "losses when the SLA is missed. Ask for credits to be without prejudice to your other rights.")
    for width in (12, 20, 36, 50, 70):
        crude = math.ceil(len(text) * 5.9 / (width * 7))
        assert count_lines(text, width) >= crude, width


# --------------------------------------------------------------------------- measured from the file


def _merged_widths(ws) -> dict[tuple[int, int], float]:
    out = {}
    for rng in ws.merged_cells.ranges:
        c1, r1, c2, _r2 = range_boundaries(str(rng))
        out[(r1, c1)] = sum(ws.column_dimensions[get_column_letter(c)].width or DEFAULT_WIDTH for c in range(c1, c2 + 1))
    return out


def wrapped_rows(ws) -> list[tuple[int, int, float]]:
    """(row, estimated lines, row height) for every row that has a wrapped, non-empty cell."""
    merged = _merged_widths(ws)
    out = []
    for row in ws.iter_rows():
        lines, wrapped = 1, False
        for c in row:
            if c.value is None or not (c.alignment and c.alignment.wrap_text):
                continue
            wrapped = True
            width = merged.get((c.row, c.column)) or ws.column_dimensions[get_column_letter(c.column)].width or DEFAULT_WIDTH
            lines = max(lines, count_lines(str(c.value), width, bold=bool(c.font and c.font.b)))
        if wrapped:
            r = row[0].row
            out.append((r, lines, ws.row_dimensions[r].height or DEFAULT_HEIGHT))
    return out


def short_share(wb) -> tuple[int, int]:
    """(rows shorter than their estimated lines x line height, wrapped rows), over every sheet."""
    short = total = 0
    for ws in wb:
        for _row, lines, height in wrapped_rows(ws):
            total += 1
            short += height < lines * LINE_PT
    return short, total


@pytest.fixture(scope="module")
def review(tmp_path_factory, reviewed):
    """The bundled fixtures reviewed as `sla-check review` does (no --downtime-cost), as a workbook
    (each file's review_file result shared by the session: tests/conftest.py)."""
    from sla_check.check import describe_checklist
    from sla_check.review import _checklist_rows

    folder = ROOT / "fixtures" / "contracts"
    files = sorted(p for p in folder.iterdir() if p.suffix in (".pdf", ".docx", ".txt", ".md"))
    book = ReviewWorkbook(RunInfo("test", dt.datetime(2026, 3, 1), checks=_checklist_rows(describe_checklist())))
    results = [reviewed(p) for p in files]
    for r in results:
        book.add(r)
    out = tmp_path_factory.mktemp("render") / "review.xlsx"
    book.save(out)
    return results, load_workbook(out)


def test_wrapped_rows_are_as_tall_as_their_text(review):
    _results, wb = review
    short, total = short_share(wb)
    assert total > 500  # Findings, Terms, Downtime notes, Checklist ... all measured
    assert short <= 0.02 * total, f"{short} of {total} wrapped rows are shorter than their text"


def test_header_rows_are_fully_visible(review):
    _results, wb = review
    for name, header_row in (("Findings", 1), ("Terms", 1), ("Files", 1), ("Checklist", 1),
                             ("Summary", SUMMARY_HEADER_ROW), ("Downtime", DOWNTIME_HEADER_ROW)):
        ws = wb[name]
        need = max(count_lines(str(c.value), ws.column_dimensions[c.column_letter].width or DEFAULT_WIDTH, bold=True)
                   for c in ws[header_row] if c.value)
        assert (ws.row_dimensions[header_row].height or DEFAULT_HEIGHT) >= need * LINE_PT, name
        for c in ws[header_row]:  # a word is not broken by every application: it fits its column
            width = ws.column_dimensions[c.column_letter].width or DEFAULT_WIDTH
            assert all(width_for(word, bold=True) <= width for word in str(c.value or "").split()), (name, c.value)


def test_unwrapped_text_fits_its_column(review):
    """Text that does not wrap is cut off by the next cell: its column must be wide enough."""
    _results, wb = review
    for ws in wb:
        merged = {(r, c) for rng in ws.merged_cells.ranges for r, c in [range_boundaries(str(rng))[1::-1]]}
        for row in ws.iter_rows():
            for c in row:
                if not isinstance(c.value, str) or (c.alignment and c.alignment.wrap_text) or (c.row, c.column) in merged:
                    continue
                neighbour = ws.cell(c.row, c.column + 1).value
                if neighbour is None:
                    continue  # text may run on into an empty cell
                width = ws.column_dimensions[c.column_letter].width or DEFAULT_WIDTH
                assert text_px(c.value, bold=bool(c.font and c.font.b)) <= width * 7, (ws.title, c.coordinate, c.value)


def test_problems_come_before_ok_rows_and_ok_rows_fold(review):
    results, wb = review
    ws = wb["Findings"]
    header = [c.value for c in ws[1]]
    status, name = header.index("Status"), header.index("Contract")
    by_file: dict[str, list[tuple[int, str]]] = {}
    for row in ws.iter_rows(min_row=2):
        by_file.setdefault(row[name].value, []).append((row[0].row, row[status].value))
    rank = {"gap": 0, "weak": 0, "review": 1, "ok": 2, "n/a": 2}
    assert len(by_file) == sum(1 for r in results if r.status == "ok")
    for file, rows in by_file.items():
        ranks = [rank[s] for _r, s in rows]
        assert ranks == sorted(ranks), file
        for r, s in rows:
            assert ws.row_dimensions[r].hidden == (s in ("ok", "n/a")), (file, r, s)
            assert (ws.row_dimensions[r].outlineLevel or 0) == (1 if s in ("ok", "n/a") else 0)


def test_no_money_on_the_downtime_sheet_without_a_cost(review):
    _results, wb = review
    ws = wb["Downtime"]
    cells = [c for row in ws.iter_rows() for c in row if c.value is not None]
    assert not [c.value for c in cells if isinstance(c.value, str) and re.search(r"[£$€]|\bGBP\b", c.value)]
    assert all("0.00" not in c.number_format for c in cells)
    header = [str(c.value).lower() for c in ws[DOWNTIME_HEADER_ROW] if c.value]
    assert not [h for h in header if "cost" in h or "fee" in h]


CODE = re.compile(r"\b[a-z]+[a-z0-9]*(?:[._][a-z0-9]+)+\b")


def test_no_internal_codes_in_summary_and_terms(review):
    _results, wb = review
    ws = wb["Summary"]
    header = [c.value for c in ws[SUMMARY_HEADER_ROW]]
    skip = {header.index(h) for h in ("Contract", "File (full path)")}  # file names have dots
    summary = [v for row in ws.iter_rows(min_row=SUMMARY_HEADER_ROW + 1, values_only=True)
               for i, v in enumerate(row) if i not in skip and isinstance(v, str)]
    terms = [v for row in wb["Terms"].iter_rows(min_row=2, max_col=3, values_only=True) for v in row[1:] if isinstance(v, str)]
    assert summary and terms
    found = sorted({m for v in summary + terms for m in CODE.findall(v)} - {"e.g", "i.e"})
    assert not found
    assert not [v for v in summary if v in ("business_hours", "mixed", "unspecified")]


def test_summary_names_the_riskiest_contract_and_its_two_worst_problems(review):
    results, wb = review
    ws = wb["Summary"]
    header = [c.value for c in ws[SUMMARY_HEADER_ROW]]
    first = dict(zip(header, next(ws.iter_rows(min_row=SUMMARY_HEADER_ROW + 1, values_only=True))))
    reviewed = [r for r in results if r.status == "ok"]
    worst = min(reviewed, key=lambda r: (("Red", "Amber", "Green").index(r.rating.colour), r.rating.score))
    assert first["Contract"] == Path(worst.file).name
    names = first["Two worst problems"].split("\n")
    assert len(names) == 2 and all("(high)" in n for n in names)  # the riskiest one's worst are high-severity
    assert first["Contract"] in ws["A2"].value and names[0][3:] in ws["A2"].value
    # every reviewed contract has its headline row
    contracts = [r[0] for r in ws.iter_rows(min_row=SUMMARY_HEADER_ROW + 1, values_only=True)]
    assert sorted(contracts) == sorted(Path(r.file).name for r in results)


@pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftoppm")), reason="needs LibreOffice and poppler")
def test_render_script_makes_png_pages(tmp_path, review):
    """tools/render_workbook.py end to end (for people; skipped where LibreOffice is absent)."""
    _results, shared = review
    shared.save(tmp_path / "full.xlsx")
    wb = load_workbook(tmp_path / "full.xlsx")  # a copy: the module's workbook is other tests' too
    for name in wb.sheetnames[1:]:
        del wb[name]  # the Summary alone keeps this quick
    src = tmp_path / "summary.xlsx"
    wb.save(src)
    out = subprocess.run([sys.executable, str(ROOT / "tools" / "render_workbook.py"), str(src), "-o", str(tmp_path / "png")],
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    pages = sorted((tmp_path / "png").glob("summary-*.png"))
    assert pages
    if shutil.which("pdftotext"):
        printed = subprocess.run(["pdftotext", "-layout", str(tmp_path / "png" / "summary.pdf"), "-"],
                                 capture_output=True, text=True, timeout=60).stdout
        # every contract printed at a size that needs no more than three pages for 25 of them, with the
        # running footer
        assert all(Path(r.file).stem.split("-")[0] in printed for r in _results) and len(pages) <= 3  # names wrap at hyphens
        assert f"Page 1 of {len(pages)}" in printed


def test_summary_rules_its_rows_instead_of_printing_gridlines(review):
    """Printed gridlines would also rule the empty cells beside the chart: the Summary draws a rule
    under each contract's row itself; table sheets keep gridlines between their rows."""
    results, wb = review
    ws = wb["Summary"]
    assert not ws.print_options.gridLines and wb["Findings"].print_options.gridLines
    rows = range(SUMMARY_HEADER_ROW + 1, SUMMARY_HEADER_ROW + 1 + len(results))
    assert all(ws.cell(row=r, column=c).border.bottom.style == "thin" for r in rows for c in (1, ws.max_column))
    assert ws.cell(row=3, column=ws.max_column).border.bottom.style is None  # beside the chart: nothing drawn


def test_estimate_matches_lines_libreoffice_rendered():
    """Against cells whose lines were counted on LibreOffice's PDF (tests/rendered_lines.json):
    never fewer lines than rendered (text would be cut), and the same count for nearly all."""
    import json

    cells = json.loads((ROOT / "tests" / "rendered_lines.json").read_text(encoding="utf-8"))["cells"]
    estimates = [(count_lines(c["text"], c["width"], c["bold"]), c["lines"]) for c in cells]
    assert all(est >= rendered for est, rendered in estimates)
    assert sum(est == rendered for est, rendered in estimates) >= 0.85 * len(cells)
    assert all(est - rendered <= 1 for est, rendered in estimates)


def test_rows_are_exactly_as_tall_as_their_tallest_cell(review):
    """No blank lines under the text: every Findings and Terms row gets the height of its
    tallest wrapped cell, no more (the screen-only columns count too: they are shown)."""
    _results, wb = review
    for name in ("Findings", "Terms"):
        ws = wb[name]
        for r, lines, height in wrapped_rows(ws):
            assert height == pytest.approx(height_for(lines)), (name, r)


def test_printed_findings_are_legible_on_a4_landscape(review):
    """The Findings print only the review's columns, at a scale that keeps 11 pt text at 8.5 pt
    or more; the header row repeats, and every page names the file, the sheet and its number."""
    _results, wb = review
    for name, last_col in (("Findings", "I"), ("Terms", "F"), ("Files", "H"), ("Summary", "N")):
        ws = wb[name]
        area = ws.print_area if isinstance(ws.print_area, str) else ws.print_area[0]
        assert re.fullmatch(rf"'?{name}'?!\$A\$1:\${last_col}\$\d+", area), (name, area)
        c1, _r1, c2, _r2 = range_boundaries(area.split("!")[1].replace("$", ""))
        printed_px = sum(7.4 * (ws.column_dimensions[get_column_letter(c)].width or DEFAULT_WIDTH) for c in range(c1, c2 + 1))
        room_px = (11.69 - ws.page_margins.left - ws.page_margins.right) * 96  # A4 landscape
        assert min(1.0, room_px / printed_px) * 11 >= 8.5, name
        assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0, name
        assert ws.oddFooter.right.text == "Page &P of &N" and ws.oddHeader.left.text == "&F", name
    assert wb["Findings"].print_title_rows.replace("$", "") == "1:1"
    assert wb["Findings"].auto_filter.ref.startswith("A1:O") and wb["Findings"].freeze_panes == "A2"  # the whole table on screen


def test_no_cell_is_a_formula(review):
    _results, wb = review
    assert not [c.coordinate for ws in wb for row in ws.iter_rows() for c in row if c.data_type == "f"]
