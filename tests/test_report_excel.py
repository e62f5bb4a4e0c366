"""The review workbook: sheets, rows, drop-downs, formats, and untrusted text kept literal."""
from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.cell.cell import Cell
from openpyxl.utils import get_column_letter

from sla_check.models import (
    CreditTier,
    ErrorInfo,
    Evidence,
    Exclusion,
    Exposure,
    FileResult,
    Finding,
    Parties,
    Rating,
    ServiceCredits,
    Terms,
    TimeCommitment,
    Uptime,
    Value,
)
from sla_check.money import downtime_exposure
from sla_check.report.layout import width_for
from sla_check.report.words import load_words
from sla_check.report.excel import (
    DECISIONS,
    DOWNTIME_HEADER_ROW,
    LEGEND_KEY_COL,
    SUMMARY_HEADER_ROW,
    ReviewWorkbook,
    RunInfo,
    write_text,
)

SHEETS = ["Summary", "Findings", "Terms", "Compare", "Downtime", "Checklist", "Files"]
RUN_DATE = dt.datetime(2026, 3, 1, 12, 0, 0)


def ev(text: str, page: int = 1, section: str | None = "4.2") -> Evidence:
    return Evidence(page, section, text, "test.rule")


def contract(name: str, uptime: float, p1_response: float, cap: float | None, colour: str, score: int,
             evidence_text: str = "The service is available 99.9% of each month.") -> FileResult:
    terms = Terms(
        uptime=[Uptime(uptime, "month", evidence=ev(evidence_text))],
        response_times=[TimeCommitment(1, "Priority 1", "response", p1_response, "calendar", ev("P1 | 15 minutes", 3, "5.1"))],
        support_hours=Value("24x7", ev("Support is available 24x7.")),
        exclusions=[Exclusion("force_majeure", ev("=1+1 force majeure events"))],
        service_credits=ServiceCredits(True, (CreditTier(99.9, 10),), cap, 30, True, None, (ev("Credits of 10%"),)),
        maintenance_notice_hours=Value(48, ev("48 hours' notice")),
        parties=Parties(f"{name.title()} Ltd", "Buyer plc", ev("between ...")),
        service_kind=Value("saas", ev("Acme Cloud Service Level Agreement")),
    )
    findings = [
        Finding("uptime.target", "A long outage", "Is the target high enough?", "ok", "high", "99.9% meets the bar.",
                "No change needed.", (ev(evidence_text),)),
        Finding("credits.cap", "Credits are small", "Are credits capped too low?", "gap", "medium", "Capped at 10%.",
                "Negotiate a cap of at least 25%.", (ev("cap", 2), ev("more", 3, None))),
    ]
    exposure = Exposure(uptime, "month", 43.8, 525.6, 1000.0, "GBP", 730.0, 8760.0, cap, 5000.0, 500.0, 230.0)
    return FileResult(f"in/{name}.pdf", "ab" * 32, 6, "ok", None, terms, findings,
                      Rating(colour, score, 0, 1, 0, problems_medium=1, review=2), exposure, "pdf")


def bad_file(name: str) -> FileResult:
    return FileResult(f"in/{name}.pdf", "", 0, "error", ErrorInfo("encrypted", "the PDF is password-protected"))


def build(tmp_path: Path, results: list[FileResult], name: str = "review.xlsx") -> Path:
    wb = ReviewWorkbook(RunInfo("0.1.0", RUN_DATE, profile="standard", options={"currency": "GBP"},
                                rules_hash="abc123", inputs=["in"],
                                checks=[{"Check": "uptime.target", "Thresholds": "min 99.9%"},
                                        {"Check": "credits.cap", "Title": "Credit cap"}],
                                rating_formula="Score = 100 x ..."))
    for r in results:
        wb.add(r)
    wb.add_skipped("in/notes.yml", "not a supported type")
    out = tmp_path / name
    wb.save(out)
    return out


@pytest.fixture()
def workbook(tmp_path: Path):
    results = [contract("acme", 99.9, 15, 30, "Amber", 64), bad_file("locked"), contract("beta", 99.5, 60, 10, "Red", 30)]
    return load_workbook(build(tmp_path, results))


def rows(ws) -> list[tuple]:
    return list(ws.iter_rows(min_row=2, values_only=True))


def test_sheets_in_order(workbook):
    assert workbook.sheetnames == SHEETS


def table(ws, header_row: int) -> tuple[list, list[dict]]:
    """The header and the rows (as dicts) of a sheet whose table starts at `header_row`."""
    header = [c.value for c in ws[header_row]]
    body = [dict(zip(header, r)) for r in ws.iter_rows(min_row=header_row + 1, values_only=True) if any(r)]
    return header, body


def test_summary_worst_first_with_plain_headline_terms_and_link(workbook):
    ws = workbook["Summary"]
    header, body = table(ws, SUMMARY_HEADER_ROW)
    # worst first: beta (Red 30), acme (Amber 64), then the file that could not be reviewed
    assert [r["Contract"] for r in body] == ["beta.pdf", "acme.pdf", "locked.pdf"]
    assert [r["File (full path)"] for r in body] == ["in/beta.pdf", "in/acme.pdf", "in/locked.pdf"]
    full_path = get_column_letter(header.index("File (full path)") + 1)
    assert ws.column_dimensions[full_path].hidden
    acme = body[1]
    assert (acme["Rating"], acme["Score"], acme["Support hours"]) == ("Amber", 64, "24x7")
    assert acme["Uptime (lowest target)"] == "99.9% per month"
    assert acme["P1 response (slowest)"] == "15 minutes" and acme["P1 resolution (slowest)"] == "Not stated"
    assert acme["Credit cap"] == "30%"
    assert acme["Service kind"] == "SaaS"
    # problems = gap + weak, by severity: the medium gap counts, the high-severity ok does not
    assert (acme["High"], acme["Medium"], acme["Low"], acme["To review"]) == (0, 1, 0, 0)
    assert acme["Two worst problems"] == "1. Credit cap: missing (medium)"
    assert body[2]["Status"] == "not reviewed" and "password-protected" in body[2]["Two worst problems"]
    rating = header.index("Rating") + 1
    assert ws.cell(row=SUMMARY_HEADER_ROW + 2, column=rating).fill.fgColor.rgb.endswith("FFEB9C")  # amber
    assert ws.cell(row=SUMMARY_HEADER_ROW + 1, column=rating).fill.fgColor.rgb.endswith("FFC7CE")  # red
    findings = header.index("Findings") + 1
    assert ws.cell(row=SUMMARY_HEADER_ROW + 2, column=findings).hyperlink.location == "'Findings'!A2"
    assert ws.cell(row=SUMMARY_HEADER_ROW + 1, column=findings).hyperlink.location == "'Findings'!A4"
    assert ws.cell(row=SUMMARY_HEADER_ROW + 1, column=findings).value == "1 problem"
    assert ws["A2"].value.startswith("Most exposed: beta.pdf (Beta Ltd), rated Red, score 30.")


def test_summary_has_chart_and_legend_above_the_table(workbook):
    ws = workbook["Summary"]
    (chart,) = ws._charts
    assert chart.tagname == "barChart" and chart.grouping == "stacked"
    assert [s.tx.strRef.f for s in chart.series] == [f"'Summary'!{c}{SUMMARY_HEADER_ROW}" for c in "EFG"]
    assert chart.anchor._from.row == 2 and chart.anchor.to.row < SUMMARY_HEADER_ROW - 1  # above the table
    keys = [ws.cell(r, LEGEND_KEY_COL).value for r in range(3, SUMMARY_HEADER_ROW)]
    assert {"Red", "Amber", "Green", "Score", "Problems"} <= set(keys)
    legend = {k: ws.cell(r, LEGEND_KEY_COL + 1).value for r, k in enumerate(keys, start=3) if k}
    assert "below 50" in legend["Red"] and "80 or more" in legend["Green"]  # the bands of rules/rating.yml
    # Green allows no high-severity gap (rules/rating.yml): said as "no", never "at most 0"
    assert "and no high-severity gaps" in legend["Green"] and "at most" not in legend["Green"]
    # as wide as the page, never shrunk to one page tall: a long list flows onto the next page, legibly
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0


def test_findings_problems_first_ok_folded_and_decision_dropdown(workbook):
    ws = workbook["Findings"]
    header = [c.value for c in ws[1]]
    assert header[:9] == ["Contract", "Check", "Status", "Severity", "Finding", "Ask the vendor",
                          "Evidence (contract text)", "Page", "Section"]  # what prints
    assert header[9:] == ["Decision", "Owner", "Notes", "Scenario", "Question", "Check id"]  # on screen
    body = rows(ws)
    assert len(body) == 4  # two checks x two readable contracts; the unreadable one has none
    assert [(r[header.index("Check id")], r[header.index("Status")]) for r in body] == [
        ("credits.cap", "gap"), ("uptime.target", "ok"), ("credits.cap", "gap"), ("uptime.target", "ok")]
    gap = dict(zip(header, body[0]))
    assert (gap["Severity"], gap["Page"], gap["Section"], gap["Contract"]) == ("medium", 2, "4.2", "acme.pdf")
    assert "[p. 3] more" in gap["Evidence (contract text)"]
    assert [ws.row_dimensions[r].outlineLevel for r in (2, 3)] == [0, 1] and ws.row_dimensions[3].hidden
    (dv,) = ws.data_validations.dataValidation
    assert dv.type == "list" and dv.formula1 == '"' + ",".join(DECISIONS) + '"'
    col = get_column_letter(header.index("Decision") + 1)
    assert str(dv.sqref) == f"{col}2:{col}5"
    rules = [r for cf in ws.conditional_formatting for r in cf.rules]
    assert {r.formula[0] for r in rules} >= {'"gap"', '"weak"', '"ok"', '"n/a"'}
    # severity is coloured only together with a problem status
    severity_rules = [r.formula[0] for r in rules if "high" in r.formula[0]]
    assert severity_rules and all('"gap"' in f and '"weak"' in f for f in severity_rules)


def test_every_sheet_has_filter_and_print_setup(workbook):
    for name in SHEETS:
        ws = workbook[name]
        if name != "Summary":  # the Summary's chart and legend stay on screen above its table
            assert ws.freeze_panes, name
        assert ws.page_setup.orientation == "landscape", name
        assert ws.sheet_properties.pageSetUpPr.fitToPage, name
        assert ws.print_title_rows, name
        if name != "Compare":
            assert ws.auto_filter.ref, name
            assert ws.page_setup.fitToWidth == 1, name
    assert workbook["Findings"].column_dimensions["E"].width >= 30
    assert workbook["Findings"]["E2"].alignment.wrap_text


def test_terms_sheet_in_plain_words_with_source_and_rule_last(workbook):
    ws = workbook["Terms"]
    header = [c.value for c in ws[1]]
    assert header == ["Contract", "Term", "Value", "Source text", "Page", "Section", "Rule"]
    body = rows(ws)
    fields = [(r[0], r[1], r[2]) for r in body]
    assert ("acme.pdf", "Credit cap (share of the monthly fee)", "30%") in fields
    assert ("beta.pdf", "Uptime target", "99.5% per month") in fields
    assert ("acme.pdf", "Excluded from the uptime target", "Force majeure") in fields
    assert ("acme.pdf", "Notice before maintenance", "48 hours") in fields
    p1 = next(r for r in body if r[1] == "Response or resolution time" and r[0] == "acme.pdf")
    assert (p1[3], p1[4], p1[5], p1[6]) == ("P1 | 15 minutes", 3, "5.1", "test.rule")


def test_compare_highlights_best_value(workbook):
    ws = workbook["Compare"]
    assert [c.value for c in ws[1]] == ["Term", "acme.pdf", "beta.pdf"]
    labels = [ws.cell(row=r, column=1).value for r in range(2, ws.max_row + 1)]
    uptime = labels.index("Uptime %") + 2
    response = labels.index("P1 response") + 2
    assert (ws.cell(uptime, 2).value, ws.cell(uptime, 3).value) == (99.9, 99.5)
    assert ws.cell(uptime, 2).style == "sla_best" and ws.cell(uptime, 3).style != "sla_best"
    assert ws.cell(response, 2).style == "sla_best"  # 15 min beats 60 min: lower is better
    same = labels.index("Support hours") + 2  # both 24x7: nothing to choose, nothing highlighted
    assert ws.cell(same, 2).style != "sla_best" and ws.cell(same, 3).style != "sla_best"


def test_downtime_sheet_with_a_cost_states_it_and_charts_hours(workbook):
    ws = workbook["Downtime"]
    header, body = table(ws, DOWNTIME_HEADER_ROW)
    assert [r["File"] for r in body] == ["acme.pdf", "beta.pdf"]
    assert body[0]["Allowed downtime (h/month)"] == pytest.approx(0.73)
    assert body[0]["Allowed downtime (h/year)"] == pytest.approx(8.8)
    assert body[0]["Cost per hour (yours)"] == 1000 and body[0]["Downtime cost / year"] == 8760
    assert "--downtime-cost" in ws["A2"].value and "£1,000" in ws["A2"].value  # the assumption, stated
    for c in ws[DOWNTIME_HEADER_ROW]:  # "Currency" is not broken or cut off: its column fits the word
        assert all(width_for(w, bold=True) <= ws.column_dimensions[c.column_letter].width for w in c.value.split())
    (chart,) = ws._charts  # openpyxl reads charts back
    assert chart.tagname == "barChart" and "a month" in str(chart.title.tx.rich.p[0].r[0].t)


def test_downtime_sheet_without_a_cost_has_no_money(tmp_path: Path):
    r = contract("acme", 99.9, 15, 30, "Amber", 64)
    r.exposure = downtime_exposure(r.terms)
    none = contract("none", 99.9, 15, 30, "Red", 20)
    none.terms.uptime.clear()
    none.exposure = downtime_exposure(none.terms)
    ws = load_workbook(build(tmp_path, [r, none]))["Downtime"]
    header, body = table(ws, DOWNTIME_HEADER_ROW)
    assert not any(word in str(h).lower() for h in header for word in ("cost", "fee", "credits pay", "currency"))
    texts = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert not any(sym in t for t in texts for sym in ("£", "$", "€"))
    assert all(c.number_format != "#,##0.00" for row in ws.iter_rows() for c in row if c.value is not None)
    assert body[0]["Uptime target"].startswith("No uptime target")  # shown as such, first, not as an empty bar
    cap = header.index("Credit cap %") + 1
    assert ws.cell(DOWNTIME_HEADER_ROW + 2, cap).number_format == "General"  # "30", as written, not "30.0"
    (chart,) = ws._charts
    assert "1 contract with no target" in str(chart.title.tx.rich.p[0].r[0].t)


def test_checklist_and_files_sheets(workbook):
    ws = workbook["Checklist"]
    assert [ws.cell(1, c).value for c in (1, 2, 3)] == ["Check", "Title", "Thresholds"]  # the printed order
    assert (ws.cell(2, 1).value, ws.cell(2, 3).value) == ("uptime.target", "min 99.9%")
    assert ws.auto_filter.ref == "A1:C3"
    info = {ws.cell(r, 1).value: ws.cell(r, 2).value for r in range(5, ws.max_row + 1)}
    assert info["sla-check version"] == "0.1.0" and info["Run date (UTC)"] == "2026-03-01 12:00:00"
    assert info["Rules hash"] == "abc123" and info["Profile"] == "standard"
    files = rows(workbook["Files"])
    assert [(r[0], r[3], r[4]) for r in files] == [
        ("in/acme.pdf", "ok", None), ("in/locked.pdf", "error", "encrypted"),
        ("in/beta.pdf", "ok", None), ("in/notes.yml", "skipped", None)]
    assert "password" in files[1][5].lower()


@pytest.mark.parametrize("text", ["=HYPERLINK(\"http://evil.example\",\"Click\")", "=1+1", "+1", "-2+3", "@SUM(A1)",
                                  "\tTab", "\rCR", "#N/A", "=cmd|' /C calc'!A0"])
def test_untrusted_text_is_never_a_formula(tmp_path: Path, text: str):
    out = build(tmp_path, [contract("evil", 99.9, 15, 30, "Green", 90, evidence_text=text)])
    wb = load_workbook(out)
    cells = [c for ws in wb for row in ws.iter_rows() for c in row]
    assert all(c.data_type != "f" for c in cells)
    hits = [c for c in cells if c.value == text.replace("\r", "")]  # \r is kept literal; XML may normalise it
    hits += [c for c in cells if c.value == text]
    assert hits and all(c.data_type == "s" and c.hyperlink is None for c in hits)


def test_illegal_control_characters_are_stripped(tmp_path: Path):
    out = build(tmp_path, [contract("ff", 99.9, 15, 30, "Green", 90, evidence_text="Page\x0cbreak\x00 99.9%")])
    values = [c.value for ws in load_workbook(out) for row in ws.iter_rows() for c in row]
    assert "Pagebreak 99.9%" in values


def test_clean_text_leaves_nothing_openpyxl_or_xml_refuses():
    """Every character of the Basic Multilingual Plane, alone and between letters: what comes
    out is what openpyxl accepts and XML can hold (fails if openpyxl ever refuses more)."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    from sla_check.report.excel import clean_text

    for code in range(0x10000):
        text = clean_text(f"a{chr(code)}b")
        assert ILLEGAL_CHARACTERS_RE.search(text) is None, hex(code)
        assert not any(0xD800 <= ord(c) <= 0xDFFF or c in "\ufffe\uffff" for c in text), hex(code)
        assert text.startswith("a") and text.endswith("b") and len(text) <= 3


def test_write_text_keeps_numbers_numeric(tmp_path: Path):
    from openpyxl import Workbook

    ws = Workbook().active
    assert write_text(ws, 1, 1, 99.9).data_type == "n"
    assert write_text(ws, 1, 2, "=A1").data_type == "s"
    assert write_text(ws, 1, 3, True).value == "yes"


def test_same_results_give_identical_bytes(tmp_path: Path):
    results = [contract("acme", 99.9, 15, 30, "Amber", 64), bad_file("locked")]
    a = build(tmp_path, results, "a.xlsx").read_bytes()
    b = build(tmp_path, results, "b.xlsx").read_bytes()
    assert a == b
    assert load_workbook(tmp_path / "a.xlsx").properties.modified == RUN_DATE


def test_failed_save_leaves_no_partial_file(tmp_path: Path, monkeypatch):
    import sla_check.report.excel as excel

    target = tmp_path / "review.xlsx"
    target.write_bytes(b"previous report")

    def boom(*a, **k):
        raise RuntimeError("disk full")

    monkeypatch.setattr(excel.zipfile.ZipFile, "writestr", boom)
    with pytest.raises(RuntimeError):
        build(tmp_path, [contract("acme", 99.9, 15, 30, "Amber", 64)])
    assert target.read_bytes() == b"previous report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["review.xlsx"]


QUILL = Path(__file__).resolve().parent.parent / "fixtures" / "contracts" / "quill-formula.pdf"


def test_formula_text_from_a_real_contract_lands_as_text(tmp_path: Path, nlp):
    """The contract's own text (as ingestion read it) carries =HYPERLINK(...) and =1+1; whatever
    of it reaches the workbook, as extracted evidence or quoted in a finding, stays literal text."""
    from sla_check.ingest import load_document
    from sla_check.pipeline import review_file

    result = review_file(QUILL, nlp=nlp)
    assert result.status == "ok"
    risky = [Evidence(b.page, b.section, b.text) for b in load_document(QUILL).blocks
             if "=HYPERLINK(" in b.text or "=1+1" in b.text]
    assert len(risky) >= 2
    quoted = [Finding("quoted", "s", "q", "review", "low", b.text, b.text, (b,)) for b in risky]
    result.findings = list(result.findings or []) + quoted
    link = '=HYPERLINK("http://evil.example","click")'
    for text in ("=1+1", link):  # the same text at the very start of a cell
        result.findings.append(Finding(text, text, "+1", "gap", "high", "@x", "-y", (Evidence(1, None, text),)))
    out = build(tmp_path, [result])
    cells = [c for ws in load_workbook(out) for row in ws.iter_rows() for c in row]
    assert all(c.data_type != "f" for c in cells)
    texts = [c.value for c in cells if isinstance(c.value, str)]
    for block in risky:
        assert block.text in texts
    assert "=1+1" in texts and link in texts


def test_n_a_and_review_findings_are_not_problems(tmp_path: Path):
    r = contract("acme", 99.9, 15, 30, "Amber", 64)
    r.findings = list(r.findings) + [
        Finding("backup", "Data lost", "Backups?", "n/a", "high", "No data is held.", "No change needed."),
        Finding("exits", "Locked in", "Can you leave?", "review", "high", "Read clause 9.", "Ask for an exit."),
        Finding("cap2", "Small credits", "Cap?", "weak", "high", "Cap 5%.", "Ask for 25%."),
    ]
    wb = load_workbook(build(tmp_path, [r]))
    header, body = table(wb["Summary"], SUMMARY_HEADER_ROW)
    assert (body[0]["High"], body[0]["Medium"], body[0]["To review"]) == (1, 1, 1)
    assert body[0]["Two worst problems"].startswith("1. Cap2: below the bar (high)\n2. Credit cap: missing (medium)")
    ws = wb["Findings"]
    status = [c.value for c in ws[1]].index("Status")
    order = [row[status].value for row in ws.iter_rows(min_row=2)]
    assert order == ["weak", "gap", "review", "ok", "n/a"]
    assert [ws.row_dimensions[i].hidden for i in range(2, 7)] == [False, False, False, True, True]


def test_compare_never_marks_a_document_without_an_sla_best(tmp_path):
    """A letter with no uptime target and no response times has no exclusions either: that is
    not the best exclusions row, it is no SLA."""
    acme = contract("acme", 99.9, 15, 30, "Amber", 64)
    letter = contract("letter", 99.9, 15, None, "Red", 20)
    assert letter.terms is not None
    letter.terms.uptime, letter.terms.response_times, letter.terms.exclusions = [], [], []
    wb = load_workbook(build(tmp_path, [acme, letter]))
    ws = wb["Compare"]
    labels = [ws.cell(row=r, column=1).value for r in range(2, ws.max_row + 1)]
    excl = labels.index("Exclusion categories") + 2
    assert (ws.cell(excl, 2).value, ws.cell(excl, 3).value) == (1, 0)
    assert ws.cell(excl, 3).style != "sla_best"
    rating = labels.index("Rating") + 2
    assert ws.cell(rating, 2).style == "sla_best"  # the rating itself is still compared


def test_page_numbers_are_centred_so_they_do_not_run_into_the_section(workbook):
    # right-aligned, page 6 beside section 6.4 rendered as "66.4" in the printed sheet
    ws = workbook["Findings"]
    header = [c.value for c in ws[1]]
    page = header.index("Page") + 1
    cells = [ws.cell(row=r, column=page) for r in range(2, ws.max_row + 1) if ws.cell(row=r, column=page).value]
    assert cells and all(c.alignment.horizontal == "center" for c in cells)


def test_summary_shows_files_that_could_not_be_reviewed(workbook):
    """A failed file is not a silent gap in the printed Summary: named under the headline, rated
    "Failed" in the Rating column, its reason where the problems are."""
    ws = workbook["Summary"]
    header = [c.value for c in ws[SUMMARY_HEADER_ROW]]
    body = {r[0]: dict(zip(header, r)) for r in ws.iter_rows(min_row=SUMMARY_HEADER_ROW + 1, values_only=True)}
    locked = body["locked.pdf"]
    assert locked["Rating"] == "Failed" and "password" in locked["Two worst problems"]
    assert "Not reviewed (1" in ws["A2"].value and "locked.pdf" in ws["A2"].value
    assert "Ask first: Negotiate a cap" in ws["A2"].value  # what to ask about the worst problem
    assert ws.row_dimensions[2].height > 15  # the merged, wrapped headline is fully visible


def test_downtime_chart_prints_below_the_table(workbook):
    ws = workbook["Downtime"]
    (chart,) = ws._charts
    last_row = DOWNTIME_HEADER_ROW + 2  # two contracts
    assert chart.anchor._from.row >= last_row and chart.anchor._from.col == 0
    assert not ws.print_options.gridLines and ws.print_area


def test_row_heights_are_fitted_not_fixed_except_merged_rows(tmp_path: Path):
    """Table rows carry the height LibreOffice needs but are not marked custom, so Excel (wider
    line spacing) fits them to their text on opening; a row with merged cells, which Excel's
    fitting ignores, stays custom."""
    import re
    import zipfile

    long = "The vendor may suspend the service for maintenance at any time without notice. " * 3
    r = contract("acme", 99.9, 15, 30, "Amber", 64, evidence_text=long)
    path = build(tmp_path, [r, bad_file("locked")])  # the headline's second line names the failed file
    wb = load_workbook(path)
    order = {name: i for i, name in enumerate(wb.sheetnames, start=1)}
    with zipfile.ZipFile(path) as z:
        rows = {name: {int(m.group(1)): m.group(0) for m in re.finditer(r'<row r="(\d+)"[^>]*>', z.read(
            f"xl/worksheets/sheet{order[name]}.xml").decode())} for name in ("Findings", "Summary")}
    tall = [n for n, tag in rows["Findings"].items() if 'ht="' in tag and n > 1]
    assert tall and all("customHeight" not in rows["Findings"][n] for n in tall)
    assert 'customHeight="1"' in rows["Summary"][2]  # the merged headline


def test_gaps_allowed_reads_as_a_buyer_says_it():
    words = load_words()
    assert [words.gaps_allowed(n) for n in (0, 1, 3)] == [
        "no high-severity gaps", "at most 1 high-severity gap", "at most 3 high-severity gaps"]


def test_downtime_chart_of_a_large_batch_fits_one_printed_page(tmp_path: Path):
    """Sixty targets would make a chart three pages tall, cut by page breaks with the repeated header
    printed over it: the chart draws the targets that allow the most downtime, as many as one page
    holds, and says the rest are in the table."""
    results = [contract(f"c{i:02d}", 99.0 + i / 100, 15, 30, "Amber", 64) for i in range(60)]
    ws = load_workbook(build(tmp_path, results))["Downtime"]
    (chart,) = ws._charts
    drawn = chart.series[0].val.numRef.f
    first_row, last_row = (int(part.split("$")[-1]) for part in drawn.split("!")[1].split(":"))
    assert first_row == DOWNTIME_HEADER_ROW + 1 and 10 <= last_row - first_row + 1 < 60
    assert ws.cell(first_row, 1).value == "c00.pdf"  # 99.00%: the most downtime allowed comes first
    assert f"the {last_row - first_row + 1} that allow the most; all 60 are in the table" in chart.title.tx.rich.p[0].r[0].t
    # one A4 landscape page (less margins) holds the chart under the repeated header at the print scale
    assert chart.height < (8.27 - 1.2) * 2.54
    assert [b.id for b in ws.row_breaks.brk] in ([], [DOWNTIME_HEADER_ROW + 60 + 1])


def test_an_uptime_with_no_period_reads_not_stated_in_plain_words(tmp_path):
    """An uptime target whose period the contract leaves out reads "(period not stated)" on the
    Summary and "Not stated" on Compare, like a clock that is not stated, never the code "unspecified"."""
    acme = contract("acme", 99.9, 15, 30, "Amber", 64)
    assert acme.terms is not None
    acme.terms.uptime = [Uptime(99.9, "unspecified", evidence=ev("We aim to keep the service up 99.9%."))]
    wb = load_workbook(build(tmp_path, [acme]))
    shown = [v for ws in wb for row in ws.iter_rows(values_only=True) for v in row if isinstance(v, str)]
    assert not any("unspecified" in v for v in shown)
    assert "99.9% (period not stated)" in shown
    ws = wb["Compare"]
    labels = [ws.cell(row=r, column=1).value for r in range(2, ws.max_row + 1)]
    assert ws.cell(labels.index("Uptime measured per") + 2, 2).value == "Not stated"


def test_a_skipped_contract_is_named_on_the_summary_not_only_on_the_files_sheet(tmp_path):
    """A buyer reads the Summary: a contract in a format that could not be read must be named there."""
    wb = load_workbook(build(tmp_path, [contract("acme", 99.9, 15, 30, "Amber", 64)]))
    headline = wb["Summary"].cell(2, 1).value
    assert "Skipped (1" in headline and "notes.yml" in headline, headline


def test_compare_shows_times_on_their_own_clock_and_ranks_them_by_elapsed_time(tmp_path):
    """"480" minutes for both "1 business day" and "8 hours" hid that the first stops at night and at
    weekends: Compare shows each time in words on its clock and marks the faster elapsed one best."""
    desk = contract("desk", 99.9, 480, 30, "Amber", 64)
    host = contract("host", 99.9, 600, 30, "Amber", 64)
    assert desk.terms is not None and host.terms is not None
    desk.terms.response_times = [TimeCommitment(1, "P1", "response", 480, "business", ev("P1 | 1 business day"))]
    wb = load_workbook(build(tmp_path, [desk, host]))
    ws = wb["Compare"]
    labels = [ws.cell(row=r, column=1).value for r in range(2, ws.max_row + 1)]
    row = labels.index("P1 response") + 2
    assert "business" in ws.cell(row, 2).value and "elapsed" in ws.cell(row, 2).value
    assert ws.cell(row, 3).value == "10 hours"
    assert ws.cell(row, 3).style == "sla_best" and ws.cell(row, 2).style != "sla_best"


def test_the_headline_does_not_say_ask_twice(tmp_path):
    """Recommendations open with "Ask for ...": the Summary's headline reads "Ask first for ...",
    not "Ask first: Ask for ..."."""
    acme = contract("acme", 99.9, 15, 30, "Amber", 64)
    acme.findings[1] = dataclasses.replace(acme.findings[1], recommendation="Ask for a cap of at least 25%.")
    headline = load_workbook(build(tmp_path, [acme]))["Summary"]["A2"].value
    assert "Ask first for a cap of at least 25%." in headline and "Ask first: Ask" not in headline, headline


def test_compare_says_not_stated_or_no_credits_instead_of_a_blank(tmp_path):
    """A blank cell on Compare reads as "not looked at": a term the contract leaves out says "Not
    stated", a credit detail of a contract without credits says "No credits", and neither is ranked."""
    acme = contract("acme", 99.9, 15, 30, "Amber", 64)
    bare = contract("bare", 99.5, 60, None, "Red", 30)
    assert bare.terms is not None
    bare.terms.service_credits = ServiceCredits(False, (), None, None, False, None, ())
    bare.terms.maintenance_notice_hours = Value(None)
    wb = load_workbook(build(tmp_path, [acme, bare]))
    ws = wb["Compare"]
    labels = [ws.cell(row=r, column=1).value for r in range(2, ws.max_row + 1)]

    def cell(label: str, col: int) -> Cell:
        return ws.cell(labels.index(label) + 2, col)

    assert cell("P1 resolution", 2).value == "Not stated" and cell("P1 resolution", 3).value == "Not stated"
    assert cell("Maintenance notice (h)", 3).value == "Not stated"
    assert cell("Maintenance notice (h)", 3).alignment.horizontal == "right"  # beside figures, not run into them
    assert cell("Credit cap %", 3).value == "No credits" and cell("Claim window (days)", 3).value == "No credits"
    assert cell("Credits are the sole remedy", 3).value == "No credits"  # not a blank beside the others
    assert cell("Credit cap %", 2).value == 30 and cell("Credit cap %", 2).style != "sla_best"  # one value: no choice
    assert cell("Maintenance notice (h)", 2).style != "sla_best"


def test_a_long_best_value_on_compare_wraps_in_its_own_column(tmp_path):
    """The best value's style must wrap like the others: unwrapped, "4 hours (clock not stated)" in a
    narrow column ran on into the next column of the printed page."""
    acme = contract("acme", 99.9, 15, 30, "Amber", 64)
    beta = contract("beta", 99.5, 60, 30, "Red", 30)
    assert acme.terms is not None
    acme.terms.response_times = [TimeCommitment(1, "Priority 1", "response", 240, "unspecified", ev("P1 | 4 hours"))]
    assert beta.terms is not None
    beta.terms.response_times = [TimeCommitment(1, "Priority 1", "response", 480, "unspecified", ev("P1 | 8 hours"))]
    ws = load_workbook(build(tmp_path, [acme, beta]))["Compare"]
    labels = [ws.cell(row=r, column=1).value for r in range(2, ws.max_row + 1)]
    best = ws.cell(labels.index("P1 response") + 2, 2)
    assert best.style == "sla_best" and "clock not stated" in best.value
    assert best.alignment.wrap_text


def test_a_term_no_contract_states_keeps_its_row_on_compare(tmp_path):
    """When no contract in the batch states an uptime, the uptime rows say "Not stated" for each
    rather than vanish (a hidden row reads as "not checked"); an unread provider says "Not read"
    on Compare and on the Summary instead of a blank."""
    acme = contract("acme", 99.9, 15, 30, "Amber", 64)
    beta = contract("beta", 99.5, 60, 30, "Red", 30)
    for r in (acme, beta):
        assert r.terms is not None
        r.terms.uptime = []
    assert beta.terms is not None
    beta.terms.parties = dataclasses.replace(beta.terms.parties, provider=None)
    wb = load_workbook(build(tmp_path, [acme, beta]))
    ws = wb["Compare"]
    labels = [ws.cell(row=r, column=1).value for r in range(2, ws.max_row + 1)]
    row = labels.index("Uptime %") + 2
    assert not ws.row_dimensions[row].hidden
    # neither has an uptime target: the rows that follow from one say so, the allowed downtime too
    assert [ws.cell(row, c).value for c in (2, 3)] == ["No uptime target", "No uptime target"]
    assert ws.cell(labels.index("Uptime measured per") + 2, 2).value == "No uptime target"
    assert ws.cell(labels.index("Provider") + 2, 3).value == "Not read"
    _header, body = table(wb["Summary"], SUMMARY_HEADER_ROW)
    provider = {r["Contract"]: r["Provider"] for r in body}
    assert provider == {"acme.pdf": "Acme Ltd", "beta.pdf": "Not read"}


def test_no_exclusions_is_no_virtue_without_an_uptime_target(tmp_path):
    """Exclusions carve time out of an uptime target: a contract without one is not marked best
    for having none, while one with a target and fewer exclusions is."""
    acme = contract("acme", 99.9, 15, 30, "Amber", 64)
    bare = contract("bare", 99.5, 60, 30, "Red", 30)
    assert acme.terms is not None and bare.terms is not None
    bare.terms.uptime = []
    bare.terms.exclusions = []
    ws = load_workbook(build(tmp_path, [acme, bare]))["Compare"]
    labels = [ws.cell(row=r, column=1).value for r in range(2, ws.max_row + 1)]
    row = labels.index("Exclusion categories") + 2
    assert ws.cell(row, 3).value == 0 and ws.cell(row, 3).style != "sla_best"
