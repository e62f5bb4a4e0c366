"""Saved web pages: most vendors publish their SLA as a page and a buyer's file is often the
browser's "Save page as". The page's contract text is read; the site's menus, banners, scripts
and footer are not (a footer's sales-line hours are not the support desk's hours)."""
from __future__ import annotations

from pathlib import Path

from sla_check.batch import collect_inputs
from sla_check.ingest import load_document
from sla_check.pipeline import Options, extract_file

SAVED_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Service Level Agreement | Northfield Hosting</title>
<style>.x { color: red }</style><script>var uptime = "99.999% guaranteed";</script></head>
<body>
<header class="site"><a href="/">Northfield</a><nav><ul><li>Pricing</li><li>Support</li><li>Status</li></ul></nav></header>
<div role="dialog" class="cookies">We use cookies. Accept all?</div>
<main>
<h1>Service Level Agreement</h1>
<p>This agreement applies to every hosting plan.</p>
<h2>1. Availability</h2>
<p>We commit that each server will be available <strong>99.95%</strong> of the time in each calendar month.</p>
<h2>2. Exclusions</h2>
<ul><li>scheduled maintenance announced in advance;</li><li>faults caused by the customer.</li></ul>
<h2>3. Support</h2>
<table>
<thead><tr><th>Priority</th><th>Response</th><th>Resolution</th></tr></thead>
<tbody>
<tr><td>Priority 1</td><td>15 minutes</td><td>4 hours</td></tr>
<tr><td>Priority 2</td><td>1 hour</td><td>12 hours</td></tr>
</tbody></table>
<p hidden>Draft: respond to Priority 1 within 5 minutes.</p>
</main>
<footer><p>Sales line open 9am to 5pm, Monday to Friday.</p></footer>
<script>document.write("Priority 1 response 1 minute")</script>
</body></html>
"""


def _save(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_saved_page_reads_as_its_contract_not_its_site(tmp_path: Path) -> None:
    doc = load_document(_save(tmp_path, "northfield-sla.html", SAVED_PAGE))
    assert doc.format == "html"
    text = "\n".join(b.text for b in doc.blocks)
    for furniture in ("Pricing", "cookies", "Sales line", "99.999", "response 1 minute", "Draft", "color"):
        assert furniture not in text, furniture
    assert [s.number for s in doc.sections if s.number] == ["1", "2", "3"]
    assert doc.tables[0].header == ("Priority", "Response", "Resolution")
    assert [b.kind for b in doc.blocks if b.text.startswith(("- scheduled", "- faults"))] == ["list_item", "list_item"]
    result = extract_file(doc.path, Options())
    assert result.terms is not None
    assert [u.percent for u in result.terms.uptime] == [99.95]
    times = {(t.severity_level, t.kind, t.minutes) for t in result.terms.response_times}
    assert times == {(1, "response", 15), (1, "resolution", 240), (2, "response", 60), (2, "resolution", 720)}
    assert result.terms.support_hours.value != "business_hours"  # the footer's sales line is not the desk


def test_an_old_page_laid_out_in_a_table_reads_as_its_blocks(tmp_path: Path) -> None:
    """Older sites set the whole page in a layout table: its cells are read as text, and the
    data table inside keeps its rows."""
    page = """<html><body><table width="100%"><tr><td>
    <h2>Support Levels</h2><p>Our engineers respond to critical faults within 30 minutes.</p>
    <table border="1"><tr><th>Severity</th><th>Response</th></tr><tr><td>Severity 1</td><td>30 minutes</td></tr>
    <tr><td>Severity 2</td><td>2 hours</td></tr></table>
    </td></tr></table></body></html>"""
    doc = load_document(_save(tmp_path, "old.htm", page))
    assert any(b.kind == "heading" and b.text == "Support Levels" for b in doc.blocks)
    assert any(b.text == "Our engineers respond to critical faults within 30 minutes." for b in doc.blocks)
    assert len(doc.tables) == 1 and doc.tables[0].rows[-1] == ("Severity 2", "2 hours")


def test_a_first_row_of_bold_cells_is_the_header(tmp_path: Path) -> None:
    """Many pages type the header as bold cells rather than <th>."""
    page = """<html><body><p>Faults are answered as follows.</p><table>
    <tr><td><strong>Fault level</strong></td><td><b>Answer within</b></td></tr>
    <tr><td>Level 1</td><td>20 minutes</td></tr><tr><td>Level 2</td><td><b>3 hours</b></td></tr></table></body></html>"""
    doc = load_document(_save(tmp_path, "bold.html", page))
    assert doc.tables[0].header == ("Fault level", "Answer within")
    assert list(doc.tables[0].rows) == [("Level 1", "20 minutes"), ("Level 2", "3 hours")]


def test_a_page_saved_under_a_text_name_is_still_read_as_a_page(tmp_path: Path) -> None:
    doc = load_document(_save(tmp_path, "sla.txt", SAVED_PAGE))
    assert doc.format == "html"
    assert not any("<" in b.text for b in doc.blocks)


def test_a_folder_review_takes_pages_but_not_their_saved_assets(tmp_path: Path) -> None:
    """Browsers save "<page>_files/" beside the page: its images are not contracts to list."""
    _save(tmp_path, "northfield-sla.html", SAVED_PAGE)
    assets = tmp_path / "northfield-sla_files"
    assets.mkdir()
    (assets / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (tmp_path / "scan.heic").write_bytes(b"\x00\x00\x00\x18ftypheic")  # a contract we cannot read is still listed
    inputs = collect_inputs([tmp_path])
    assert [p.name for p in inputs.files] == ["northfield-sla.html"]
    assert [s.path.name for s in inputs.skipped] == ["scan.heic"]
