"""Shapes of response-time tables and clauses seen in SLAs written elsewhere (issue 12), each run
through the real reader: Markdown files for the table logic, small reportlab PDFs where the shape
only exists in a PDF's layout (a borderless table's header set apart from its rows).

All wording is our own; every case states the shape in general terms."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Optional, Sequence

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from sla_check.ingest import load_document
from sla_check.models import Terms
from sla_check.pipeline import extract_file
from written import terms_from

_, HEIGHT = A4


def times(terms: Terms) -> set[tuple[Optional[int], str, float]]:
    return {(t.severity_level, t.kind, t.minutes) for t in terms.response_times}


def with_basis(terms: Terms) -> set[tuple[Optional[int], str, float, str]]:
    return {(t.severity_level, t.kind, t.minutes, t.basis) for t in terms.response_times}


def md_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines) + "\n"


def draw_borderless(path: Path, header_lines: Sequence[Sequence[str]], rows: Sequence[Sequence[str]],
                    header_gap: float, note: Optional[str] = None) -> None:
    """A page with a title, an intro sentence and a table drawn without rules: columns by x only.
    `header_gap` is the space between the header and the first row (rows are 16 pt apart)."""
    xs = [72, 200, 330]
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    y = HEIGHT - 90
    c.setFont("Helvetica-Bold", 14)
    c.drawString(72, y, "Helpdesk terms")
    y -= 30
    c.setFont("Helvetica", 10)
    c.drawString(72, y, "Every ticket we accept is handled within the targets set out here.")
    y -= 30
    c.setFont("Helvetica-Bold", 10)
    for i, line in enumerate(header_lines):
        for x, text in zip(xs, line):
            c.drawString(x, y, text)
        y -= 12 if i < len(header_lines) - 1 else header_gap
    c.setFont("Helvetica", 10)
    for row in rows:
        for x, text in zip(xs, row):
            c.drawString(x, y, text)
        y -= 16
    if note:
        c.setFont("Helvetica", 8)
        c.drawString(72, y - 6, note)
    c.showPage()
    c.save()


ROWS = [["Severity 1", "20 minutes", "6 hours"], ["Severity 2", "2 hours", "2 days"]]
EXPECTED = {(1, "response", 20), (1, "resolution", 360), (2, "response", 120), (2, "resolution", 2880)}


# --------------------------------------------------------------------------- 1, 2: headers of borderless tables

@pytest.mark.parametrize("header_lines, gap", [
    ([["Severity", "Response Time", "Resolution Target"]], 40),  # header well above the rows
    ([["Severity", "Response", "Resolution"], ["", "Time", "Target"]], 40),  # header over two lines
    ([["", "Response", "Resolution"]], 40),  # empty corner cell
    ([["", "Response", "Resolution"]], 16),  # empty corner cell, header at the rows' spacing
])
def test_borderless_header_is_read_as_the_tables_header(tmp_path: Path, nlp: Any, header_lines: Any, gap: float) -> None:
    path = tmp_path / "borderless.pdf"
    draw_borderless(path, header_lines, ROWS, gap)
    for engine in ("pdfium", "pdfplumber"):
        doc = load_document(path, engine=engine)
        assert len(doc.tables) == 1
        assert [h.split()[0] if h else "" for h in doc.tables[0].header][1:] == ["Response", "Resolution"]
        assert len(doc.tables[0].rows) == 2
    result = extract_file(path, nlp=nlp)
    assert result.terms is not None and times(result.terms) == EXPECTED


def test_an_intro_sentence_above_a_borderless_table_is_not_its_header(tmp_path: Path) -> None:
    path = tmp_path / "intro.pdf"
    draw_borderless(path, [], [["Severity", "Response Time", "Resolution Target"]] + ROWS, 16)
    doc = load_document(path)
    assert doc.tables[0].header[0] == "Severity"
    assert any(b.kind == "para" and b.text.startswith("Every ticket") for b in doc.blocks)


def test_note_under_a_pdf_table_gives_its_clock(tmp_path: Path, nlp: Any) -> None:
    path = tmp_path / "note.pdf"
    draw_borderless(path, [["Severity", "Response", "Resolution"]], ROWS, 16,
                    note="Figures count working days only, Monday to Friday 08:30 to 17:30.")
    result = extract_file(path, nlp=nlp)
    assert result.terms is not None
    assert with_basis(result.terms) == {(1, "response", 20, "business"), (1, "resolution", 360, "business"),
                                        (2, "response", 120, "business"), (2, "resolution", 960, "business")}


def test_header_paragraph_with_two_kinds_maps_onto_the_time_columns(nlp: Any) -> None:
    """A reader that lost the header's cells: the line of kind words above the table still names its columns."""
    from sla_check.extract import extract_terms
    from sla_check.models import Block, Document, Table

    rows = [("Sev 1", "10 minutes", "3 hours"), ("Sev 2", "1 hour", "12 hours")]
    blocks = [Block(text="Level Response Time Resolution Time", page=1, kind="para")]
    blocks += [Block(text=" | ".join(r), page=1, kind="table_row", table_id=0, cells=r, header=None) for r in rows]
    doc = Document(path="x.pdf", format="pdf", pages=1, blocks=blocks, tables=[Table(page=1, header=(), rows=tuple(rows))])
    assert times(extract_terms(doc, nlp)) == {(1, "response", 10), (1, "resolution", 180),
                                               (2, "response", 60), (2, "resolution", 720)}


def test_empty_corner_cell_keeps_columns_in_place(tmp_path: Path, nlp: Any) -> None:
    text = "# Helpdesk\n\n" + md_table(["", "Response", "Resolution"], [["Priority 1", "10 minutes", "2 hours"],
                                                                       ["Priority 2", "45 minutes", "8 hours"]])
    assert times(terms_from(tmp_path, nlp, text)) == {(1, "response", 10), (1, "resolution", 120),
                                                      (2, "response", 45), (2, "resolution", 480)}


# --------------------------------------------------------------------------- 3: ladders

@pytest.mark.parametrize("names", [
    ["Critical", "Urgent", "High", "Normal"],
    ["Urgent", "High", "Medium", "Low"],
    ["Showstopper", "Major", "Minor"],
])
def test_named_levels_take_their_rank_in_the_documents_own_order(tmp_path: Path, nlp: Any, names: list[str]) -> None:
    durations = ["25 minutes", "90 minutes", "5 hours", "20 hours"]
    text = "# Helpdesk\n\n" + md_table(["Priority", "Response"], [[n, d] for n, d in zip(names, durations)])
    minutes = [25, 90, 300, 1200]
    assert times(terms_from(tmp_path, nlp, text)) == {(i + 1, "response", minutes[i]) for i in range(len(names))}


def test_letter_levels_in_a_table(tmp_path: Path, nlp: Any) -> None:
    text = "# Helpdesk\n\n" + md_table(["Severity", "Response"], [["A", "20 minutes"], ["B", "3 hours"], ["C", "10 hours"]])
    assert times(terms_from(tmp_path, nlp, text)) == {(1, "response", 20), (2, "response", 180), (3, "response", 600)}


def test_number_only_first_column(tmp_path: Path, nlp: Any) -> None:
    text = "# Helpdesk\n\n" + md_table(["Priority", "Answer within"], [["1", "20 minutes"], ["2", "3 hours"]])
    text = text.replace("Answer within", "Response within")
    assert times(terms_from(tmp_path, nlp, text)) == {(1, "response", 20), (2, "response", 180)}


def test_letter_levels_in_consecutive_sentences_keep_their_own_rank(tmp_path: Path, nlp: Any) -> None:
    text = ("# Helpdesk\n\nSev A tickets are responded to within 20 minutes. "
            "Sev B tickets are responded to within 3 hours.\n")
    assert times(terms_from(tmp_path, nlp, text)) == {(1, "response", 20), (2, "response", 180)}


def test_priority_matrix_before_the_targets_table(tmp_path: Path, nlp: Any) -> None:
    matrix = md_table(["Impact / Urgency", "High", "Medium", "Low"],
                      [["High", "P1", "P2", "P3"], ["Medium", "P2", "P3", "P4"], ["Low", "P3", "P4", "P5"]])
    targets = md_table(["Priority", "Response", "Resolution"],
                       [["P1", "20 minutes", "5 hours"], ["P3", "4 hours", "3 days"], ["P5", "2 days", "15 days"]])
    terms = terms_from(tmp_path, nlp, "# Priorities\n\n" + matrix + "\nTargets:\n\n" + targets)
    assert times(terms) == {(1, "response", 20), (1, "resolution", 300), (3, "response", 240), (3, "resolution", 4320),
                            (5, "response", 2880), (5, "resolution", 21600)}


# --------------------------------------------------------------------------- 4: plans

def test_plan_columns_are_one_commitment_each_scoped_to_the_plan(tmp_path: Path, nlp: Any) -> None:
    text = "# Plans\n\nFirst response times by plan:\n\n" + md_table(
        ["Severity", "Basic", "Plus", "Ultimate"],
        [["Severity 1", "6 hours", "2 hours", "20 minutes"], ["Severity 2", "12 hours", "6 hours", "2 hours"]])
    terms = terms_from(tmp_path, nlp, text)
    got = {(t.severity_level, t.minutes, t.scope) for t in terms.response_times}
    assert got == {(1, 360, "Basic"), (1, 120, "Plus"), (1, 20, "Ultimate"),
                   (2, 720, "Basic"), (2, 360, "Plus"), (2, 120, "Ultimate")}
    assert {t.kind for t in terms.response_times} == {"response"}


def test_plans_down_the_rows_with_level_and_kind_in_the_header(tmp_path: Path, nlp: Any) -> None:
    text = "# Plans\n\n" + md_table(["Plan", "P1 response", "P2 resolution"],
                                   [["Basic", "6 hours", "5 days"], ["Ultimate", "30 minutes", "1 day"]])
    terms = terms_from(tmp_path, nlp, text)
    got = {(t.severity_level, t.kind, t.minutes, t.scope) for t in terms.response_times}
    assert got == {(1, "response", 360, "Basic"), (1, "response", 30, "Ultimate"),
                   (2, "resolution", 7200, "Basic"), (2, "resolution", 1440, "Ultimate")}


def test_row_labels_naming_level_and_kind_under_plan_columns(tmp_path: Path, nlp: Any) -> None:
    text = "# Plans\n\n" + md_table(["Priority", "Basic", "Ultimate"],
                                   [["P1 response", "6 hours", "30 minutes"], ["P2 response", "12 hours", "2 hours"]])
    terms = terms_from(tmp_path, nlp, text)
    assert times(terms) == {(1, "response", 360), (1, "response", 30), (2, "response", 720), (2, "response", 120)}
    assert {t.scope for t in terms.response_times} == {"Basic", "Ultimate"}


def test_a_plans_own_hours_give_its_times_their_clock(tmp_path: Path, nlp: Any) -> None:
    text = ("# Plans\n\nThe Basic plan is staffed during office hours, Monday to Friday 9am to 5pm. "
            "The Ultimate plan is staffed 24x7.\n\nResponse targets:\n\n"
            + md_table(["Priority", "Basic", "Ultimate"], [["P1", "2 days", "1 hour"]]))
    assert with_basis(terms_from(tmp_path, nlp, text)) == {(1, "response", 960, "business"),
                                                          (1, "response", 60, "calendar")}


# --------------------------------------------------------------------------- 5: kinds

@pytest.mark.parametrize("header, kinds", [
    (["Level", "Acknowledgement", "Workaround", "Status update"], ["response", "resolution", "update"]),
    (["Level", "First contact", "Temporary fix", "Permanent fix"], ["response", "resolution", "resolution"]),
    (["Level", "Reaction time", "Restore time", "Updates"], ["response", "resolution", "update"]),
    (["Level", "Pick-up time", "Fix time", "Update frequency"], ["response", "resolution", "update"]),
])
def test_kind_words_in_headers(tmp_path: Path, nlp: Any, header: list[str], kinds: list[str]) -> None:
    text = "# Helpdesk\n\n" + md_table(header, [["P1", "10 minutes", "3 hours", "5 days"]])
    assert times(terms_from(tmp_path, nlp, text)) == set(zip([1, 1, 1], kinds, [10, 180, 7200]))


def test_response_and_resolution_in_one_column(tmp_path: Path, nlp: Any) -> None:
    text = "# Helpdesk\n\n" + md_table(["Priority", "Response / Resolution"],
                                      [["P1", "20 minutes / 6 hours"], ["P2", "2 hours / 2 days"]])
    assert times(terms_from(tmp_path, nlp, text)) == {(1, "response", 20), (1, "resolution", 360),
                                                      (2, "response", 120), (2, "resolution", 2880)}


# --------------------------------------------------------------------------- 6: basis

@pytest.mark.parametrize("title, header, footer, expected", [
    ("## Targets (round the clock)", ["Priority", "Response", "Resolution"], None, ("calendar", "calendar")),
    ("## Targets", ["Priority", "Response (office hours)", "Resolution (24x7)"], None, ("business", "calendar")),
    ("## Targets", ["Priority", "Response", "Resolution"], ["All figures count working days, Monday to Friday 08:00-18:00", "", ""],
     ("business", "business")),
])
def test_basis_from_title_column_or_footnote_row(tmp_path: Path, nlp: Any, title: str, header: list[str],
                                                 footer: Optional[list[str]], expected: tuple[str, str]) -> None:
    rows = [["P1", "2 hours", "6 hours"]] + ([footer] if footer else [])
    terms = terms_from(tmp_path, nlp, "# Helpdesk\n\n" + title + "\n\n" + md_table(header, rows))
    got = {t.kind: t.basis for t in terms.response_times}
    assert (got["response"], got["resolution"]) == expected


# --------------------------------------------------------------------------- 7: prose over several sentences

def test_level_named_in_one_sentence_and_its_time_in_the_next(tmp_path: Path, nlp: Any) -> None:
    text = ("# Helpdesk\n\nPriority 1 - Critical: no user can sign in. We aim to respond within 20 minutes.\n\n"
            "Priority 2 - High: one module fails for everyone. We aim to respond within 3 hours.\n")
    assert times(terms_from(tmp_path, nlp, text)) == {(1, "response", 20), (2, "response", 180)}


def test_level_as_a_list_item_with_its_times_below(tmp_path: Path, nlp: Any) -> None:
    text = ("# Helpdesk\n\n- Priority 1 - Critical: no user can sign in.\n  We respond within 20 minutes and "
            "restore service within 5 hours.\n- Priority 2 - High: one module fails.\n  We respond within 3 hours.\n")
    assert times(terms_from(tmp_path, nlp, text)) == {(1, "response", 20), (1, "resolution", 300), (2, "response", 180)}


# --------------------------------------------------------------------------- 8-10: uptime, credit cap, hours

def test_uptime_without_a_period_stays_unspecified_and_targets_stay_apart(tmp_path: Path, nlp: Any) -> None:
    text = ("# Availability\n\nThe portal will be available 99.8% of the time. "
            "The reporting engine will be available 99.2% of the time.\n")
    terms = terms_from(tmp_path, nlp, text)
    assert {(u.percent, u.period) for u in terms.uptime} == {(99.8, "unspecified"), (99.2, "unspecified")}


def test_uptime_per_plan_in_a_table(tmp_path: Path, nlp: Any) -> None:
    terms = terms_from(tmp_path, nlp, "# Availability\n\n" + md_table(["Plan", "Availability"],
                                                                        [["Basic", "99.4%"], ["Ultimate", "99.97%"]]))
    assert {(u.percent, u.period, u.service) for u in terms.uptime} == {(99.4, "unspecified", "Basic"),
                                                                         (99.97, "unspecified", "Ultimate")}


@pytest.mark.parametrize("sentence, cap", [
    ("In no event shall the credits owed for a month exceed 40% of that month's charges.", 40),
    ("The credits for any month are limited to up to one month's fees.", 100),
])
def test_credit_cap_stated_away_from_the_tiers(tmp_path: Path, nlp: Any, sentence: str, cap: float) -> None:
    text = ("# Credits\n\n" + md_table(["Monthly availability", "Credit"], [["Under 99.8%", "5%"], ["Under 99.0%", "15%"]])
            + "\n## General\n\nCredits are requested through the portal.\n\n" + sentence + "\n")
    assert terms_from(tmp_path, nlp, text).service_credits.max_credit_percent == cap


@pytest.mark.parametrize("text", [
    "# Hours\n\n" + md_table(["Plan", "Hours of cover"], [["Basic", "Weekdays, 08:00 to 18:00"], ["Ultimate", "24x7"]]),
    "# Hours\n\nPriority 1 tickets are worked 24x7. Every other ticket is worked in office hours, Monday to Friday 9am to 5pm.\n",
])
def test_support_hours_mixed_when_they_differ_by_plan_or_level(tmp_path: Path, nlp: Any, text: str) -> None:
    assert terms_from(tmp_path, nlp, text).support_hours.value == "mixed"


# --------------------------------------------------------------------------- the table layer itself

def view_of(tmp_path: Path, nlp: Any, text: str):  # type: ignore[no-untyped-def]
    from sla_check.extract import build_context
    from sla_check.extractors.tables import table_view
    from sla_check.normalize import clear_text_caches

    path = tmp_path / "t.md"
    path.write_text(text, encoding="utf-8")
    clear_text_caches()
    ctx = build_context(load_document(path), nlp)
    rows = [s for s in ctx.sentences if s.block.kind == "table_row"]
    return table_view(ctx, rows)


def test_table_view_gives_each_column_its_role(tmp_path: Path, nlp: Any) -> None:
    view = view_of(tmp_path, nlp, "# Helpdesk\n\n## Office hours targets\n\n" + md_table(
        ["Priority", "Measure", "Typical", "Basic", "Ultimate"],
        [["P1", "Response", "1 hour", "4 hours", "1 hour"], ["P1", "Resolution", "1 day", "3 days", "1 day"]]))
    assert (view.level_col, view.measure_col, view.usual, view.plans) == (0, 1, {2}, [3, 4])
    assert view.title_basis == "business" and view.timed


def test_table_view_splits_a_joint_column_and_reads_levels_across(tmp_path: Path, nlp: Any) -> None:
    view = view_of(tmp_path, nlp, "# Helpdesk\n\n" + md_table(
        ["Stage", "Sev 1", "Sev 2"], [["Response / resolution", "1 hour / 1 day", "2 hours / 2 days"]]))
    assert view.levels_across == [1, 2] and view.header == ["Stage", "Sev 1", "Sev 2"]
    joint = view_of(tmp_path, nlp, "# Helpdesk\n\n" + md_table(["Level", "Response / resolution"], [["P2", "2 hours / 2 days"]]))
    assert joint.header == ["Level", "Response", "Resolution"] and joint.cells == [["P2", "2 hours", "2 days"]]
    assert joint.kinds == {1: "response", 2: "resolution"}


@pytest.mark.parametrize("text, expected", [
    ("# Plan\n\n- **99.7% platform uptime**\n- Email support\n", {(99.7, "unspecified")}),
    ("# Plan\n\nOur availability guarantee is 99.7%, which works out at about two hours of downtime a month.\n",
     {(99.7, "month")}),
    ("# Plan\n\nFor example, 130 minutes of downtime in a 30-day month gives an uptime of 99.7%.\n", set()),
    ("# Plan\n\nA month in which the service was not used is deemed to be 100% available.\n", set()),
])
def test_headline_uptime_and_worked_examples(tmp_path: Path, nlp: Any, text: str, expected: set) -> None:
    assert {(u.percent, u.period) for u in terms_from(tmp_path, nlp, text).uptime} == expected


def test_markup_inside_markdown_cells_is_read_as_text(tmp_path: Path, nlp: Any) -> None:
    """Web SLAs saved as Markdown keep HTML line breaks, heading marks and escapes inside table cells."""
    text = "# Helpdesk\n\n" + md_table(["Level", "Response"], [["Sev 1<br><br>Critical", "40 minutes"],
                                                           ["# P2", "3 hours<br />weekdays only"],
                                                           [r"Sev 3 \- Normal", "6 hours"]])
    assert times(terms_from(tmp_path, nlp, text)) == {(1, "response", 40), (2, "response", 180), (3, "response", 360)}


def test_a_zero_day_is_not_a_time(tmp_path: Path, nlp: Any) -> None:
    text = "# Security\n\n- Zero-day flaws: we resolve a 0-day within 72 hours of a fix being published.\n"
    assert {m for _, _, m in times(terms_from(tmp_path, nlp, text))} == {4320}


@pytest.mark.parametrize("sentence, cap", [
    ("Credits are requested through the portal.", 15),  # no cap stated: the top tier is the most a month pays
    ("Credits will not add up in any month to more than 12% of that month's charges.", 12),
    ("A credit can never be greater than 9% of the monthly charge.", 9),
    ("Credits are not due for faults lasting more than 3 hours that the customer caused.", 15),
])
def test_credit_cap_from_a_gapped_limit_or_the_top_tier(tmp_path: Path, nlp: Any, sentence: str, cap: float) -> None:
    text = ("# Credits\n\n" + md_table(["Monthly availability", "Credit"], [["Under 99.8%", "5%"], ["Under 99.0%", "15%"]])
            + "\n" + sentence + "\n")
    assert terms_from(tmp_path, nlp, text).service_credits.max_credit_percent == cap


def test_levels_numbered_by_the_document_in_front_of_their_names(tmp_path: Path, nlp: Any) -> None:
    text = "# Helpdesk\n\n" + md_table(["Priority", "Target response"], [["1. Critical", "1 hour"], ["2. Urgent", "3 hours"],
                                                                      ["3. Normal", "1 day"]])
    assert times(terms_from(tmp_path, nlp, text)) == {(1, "response", 60), (2, "response", 180), (3, "response", 1440)}


def test_level_headings_in_order_make_the_ladder(tmp_path: Path, nlp: Any) -> None:
    text = ("# Helpdesk\n\n## Critical\n\nFirst response within 20 minutes.\n\n## Severe\n\nFirst response within 2 hours.\n\n"
            "## Low\n\nFirst response within 2 days.\n")
    assert {(lv, m) for lv, _, m in times(terms_from(tmp_path, nlp, text))} == {(1, 20), (2, 120), (3, 2880)}


def test_a_level_introducing_a_list_labels_its_items(tmp_path: Path, nlp: Any) -> None:
    text = ("# Helpdesk\n\nWhat our engineers do:\n\nUrgent requests:\n\n1. We respond within 20 minutes;\n"
            "2. We work on the fault until it is fixed.\n\nHigh priority requests:\n\n1. We respond within 3 hours;\n"
            "2. We send a summary once it is closed.\n")
    assert times(terms_from(tmp_path, nlp, text)) == {(1, "response", 20), (2, "response", 180)}


def test_ack_names_a_response_column_or_row(tmp_path: Path, nlp: Any) -> None:
    text = "# Helpdesk\n\n" + md_table(["Measure", "Target"], [["P1 ack", "2 hours"], ["P2 ack", "1 business day"]])
    assert times(terms_from(tmp_path, nlp, text)) == {(1, "response", 120), (2, "response", 480)}


@pytest.mark.parametrize("text, expected", [
    ("# Credits\n\nCredits per month:\n\n" + md_table(["Monthly availability", "Credit"],
                                                      [["Below 99.8% but at least 99.0%", "5%"], ["Below 99.0%", "15%"]]),
     {99.8}),
    ("# Credits\n\n- Hosting availability ≥ 99.8%: no credit.\n- Hosting availability < 99.8%: a credit of 5%.\n", {99.8}),
    ("# Levels\n\nThe availability for the Hosting Service(s) is 99.8%.\n", {99.8}),
])
def test_uptime_stated_by_its_credit_bands_or_as_a_value(tmp_path: Path, nlp: Any, text: str, expected: set) -> None:
    assert {u.percent for u in terms_from(tmp_path, nlp, text).uptime} == expected


def test_a_long_cell_states_the_columns_time_in_a_sentence_of_its_own(tmp_path: Path, nlp: Any) -> None:
    long = ("Our desk is staffed on weekdays and the team watches the queue closely. "
            "Response within an average of six (6) business hours by email or chat.")
    text = "# Helpdesk\n\n" + md_table(["Severity Level", "Response Time"], [["Severity 1", long], ["Severity 2", "2 hours"]])
    assert times(terms_from(tmp_path, nlp, text)) == {(1, "response", 360), (2, "response", 120)}


def test_hours_mixed_when_plans_differ_in_a_targets_table(tmp_path: Path, nlp: Any) -> None:
    text = ("# Support\n\nOur paid plans include support around the clock.\n\nResponse times:\n\n"
            + md_table(["Priority", "Basic", "Ultimate"], [["Critical", "2 business days", "1 hour (24/7/365)"],
                                                          ["Low", "4 business days", "1 business day"]]))
    assert terms_from(tmp_path, nlp, text).support_hours.value == "mixed"


def test_a_cell_that_says_round_the_clock_overrides_its_business_unit(tmp_path: Path, nlp: Any) -> None:
    text = "# Support\n\n" + md_table(["Priority", "Response"], [["P1", "1 business hour, 24/7 x 365"]])
    assert with_basis(terms_from(tmp_path, nlp, text)) == {(1, "response", 60, "calendar")}


def test_a_table_saved_as_one_line_per_cell(tmp_path: Path, nlp: Any) -> None:
    """A web table saved as text: the level on a line of its own, then one line per time, under a heading
    that names the kind (and a sub-heading that names the hours)."""
    text = ("# Managed desk\n\n## Priority level\n\nEverything is down.\n\nSome users are affected.\n\n"
            "## Response time in office hours\n\n1\n\nBy phone within 20 min\n\nAt your site within 3 hours\n\n2\n\n"
            "By phone within 1 hour\n\n## Evenings and weekends\n\n1\n\nBy phone within 50 min\n")
    assert times(terms_from(tmp_path, nlp, text)) == {(1, "response", 20), (1, "response", 180), (2, "response", 60),
                                                      (1, "response", 50)}


def test_a_bare_number_line_is_no_level_where_the_document_has_no_levels(tmp_path: Path, nlp: Any) -> None:
    text = "# Orders\n\n## Response time\n\n1\n\nBy phone within 20 min\n"
    assert {lv for lv, _, _ in times(terms_from(tmp_path, nlp, text))} <= {None}


def test_a_table_flattened_into_one_line_gives_no_levelless_times(tmp_path: Path, nlp: Any) -> None:
    text = ("# Desk\n\nPriority Level Respond By Resolve By Top 20 minutes 5 hours Middle 9 hours 30 hours "
            "Bottom 9 hours 90 hours\n")
    assert not any(lv is None for lv, _, _ in times(terms_from(tmp_path, nlp, text)))


def test_a_table_flattened_into_one_sentence_is_read_row_by_row(tmp_path: Path, nlp: Any) -> None:
    text = ("# Desk\n\nAnswer TargetFix Target Priority 1 20 minutes 5 hours Priority 2 2 hours 12 hours "
            "Priority 3 6 hours 40 hours\n").replace("Answer", "Response").replace("Fix Target", "Resolution Target")
    assert times(terms_from(tmp_path, nlp, text)) == {(1, "response", 20), (1, "resolution", 300), (2, "response", 120),
                                                      (2, "resolution", 720), (3, "response", 360),
                                                      (3, "resolution", 2400)}


@pytest.mark.parametrize("sentence", [
    "The system will process each payment with a response time of 2 seconds or less.",
    "The parties acknowledge and agree that a late payment may be cured within 30 days.",
])
def test_system_speeds_and_assent_are_not_response_times(tmp_path: Path, nlp: Any, sentence: str) -> None:
    assert terms_from(tmp_path, nlp, "# Terms\n\n" + sentence + "\n").response_times == []


def test_a_numbered_clause_heading_is_not_a_level() -> None:
    from sla_check.normalize import severity_level

    assert severity_level("1. Maintenance") is None
    assert severity_level("2. Urgent") == 2 and severity_level("4) Low") == 4


def test_a_cell_with_several_kinds_gives_each_time_its_own_kind(tmp_path: Path, nlp: Any) -> None:
    text = "# Desk\n\n" + md_table(["Severity", "Paid plan"], [["Sev 2", "Response within 3 hours, resolution within 2 days"]])
    assert {(lv, k) for lv, k, _ in times(terms_from(tmp_path, nlp, text))} == {(2, "response"), (2, "resolution")}


def test_a_flattened_table_whose_rows_open_with_numbered_labels_and_names(tmp_path: Path, nlp: Any) -> None:
    text = ("# Desk\n\nLevel Example Response Target Resolution Goal P1 - Critical Whole site down Within 40 minutes "
            "Within 5 hours P2 - High Many users slowed Within 3 hours Within 2 days\n")
    assert times(terms_from(tmp_path, nlp, text)) == {(1, "response", 40), (1, "resolution", 300), (2, "response", 180),
                                                      (2, "resolution", 2880)}


def test_the_section_heading_over_a_table_gives_its_clock(tmp_path: Path, nlp: Any) -> None:
    text = ("# Desk\n\n## Outside business hours\n\n" + md_table(["Level", "Time to respond"], [["1", "2 hours"], ["2", "5 hours"]]))
    assert {b for _, _, _, b in with_basis(terms_from(tmp_path, nlp, text))} == {"calendar"}


# --------------------------------------------------------------------------- monitoring is not the desk's clock

@pytest.mark.parametrize("text, expected", [
    # the service is watched all day and night, the people answer in office hours
    ("1. Help\nOur help desk answers calls 09:00 to 17:30, Monday to Friday.\n\n"
     "2. Watching\nAutomated probes watch the Platform 24x7 and alert the duty engineer when a probe fails.\n",
     "business_hours"),
    ("1. Help\nOur help desk answers calls 09:00 to 17:30, Monday to Friday.\n\n"
     "2. Watching\nWe monitor every server around the clock and page an engineer on call.\n",
     "business_hours"),
    # the desk itself is named beside the monitoring: its clock counts
    ("1. Help\nWe monitor the Platform continuously and our service desk is staffed 24x7.\n", "24x7"),
])
def test_monitoring_around_the_clock_is_not_the_support_desks_hours(tmp_path: Path, nlp: Any, text: str, expected: str) -> None:
    assert terms_from(tmp_path, nlp, text).support_hours.value == expected


# --------------------------------------------------------------------------- a kind word that is not the commitment

_LEVELS = "# Service levels\n\n12.1 The Supplier will meet the Service Levels.\n\n12.2 "


@pytest.mark.parametrize("sentence, expected", [
    # a deliverable due after the fix: the fix is where the clock starts, not a time to fix
    ("For Severity 1 faults, we will send a written root-cause summary within 3 days after the fault has been repaired.",
     set()),
    ("For Severity 1 faults, we will send a written root-cause summary within 3 days once the fault has been repaired.",
     set()),
    # the promise to fix stays a fix time when the anchor names a different event
    ("For Severity 1 faults, we will restore service within 6 hours after the fault is reported.",
     {(1, "resolution", 360)}),
])
def test_a_time_counted_from_the_fix_is_not_a_fix_time(tmp_path: Path, nlp: Any, sentence: str,
                                                       expected: set[tuple[Optional[int], str, float]]) -> None:
    assert times(terms_from(tmp_path, nlp, _LEVELS + sentence + "\n")) == expected


@pytest.mark.parametrize("sentence, expected", [
    ("Should the Buyer contest a reported failure, senior managers of both sides will meet for a period of "
     "fifteen (15) working days to try to resolve the disagreement.", set()),
    ("If a Severity 1 failure is questioned, the account directors shall confer for a period of ten (10) business "
     "days to attempt to settle and resolve any such dispute.", set()),
    # an incident fixed is still a fix time
    ("Severity 1 faults will be resolved within 10 hours.", {(1, "resolution", 600)}),
])
def test_settling_a_dispute_is_not_fixing_an_incident(tmp_path: Path, nlp: Any, sentence: str,
                                                      expected: set[tuple[Optional[int], str, float]]) -> None:
    assert times(terms_from(tmp_path, nlp, _LEVELS + sentence + "\n")) == expected


def test_the_same_time_on_two_plans_clocks_is_two_commitments(tmp_path: Path, nlp: Any) -> None:
    rows = [["Sev 2", "3 business hours, weekdays", "3 business hours, weekdays", "3 business hours (24/7/365)"]]
    text = "# Desk\n\n## How fast we respond\n\n" + md_table(["Level", "Basic", "Plus", "Max"], rows)
    assert with_basis(terms_from(tmp_path, nlp, text)) == {(2, "response", 180, "business"),
                                                           (2, "response", 180, "calendar")}


def test_a_correction_cell_is_a_resolution_time(tmp_path: Path, nlp: Any) -> None:
    """Software maintenance schedules name the fix of a defect its "correction"."""
    text = ("# Exhibit B: defect handling\n\n| Defect class | Targets |\n|---|---|\n"
            "| Severe | Response: within 2 business hours; Correction: within 5 business days |\n"
            "| Minor | Response: within 3 business days; Correction: next release |\n")
    got = times(terms_from(tmp_path, nlp, text))
    assert (1, "resolution", 2400) in got and (1, "response", 120) in got


def test_a_right_used_at_any_time_is_no_support_clock(tmp_path: Path, nlp: Any) -> None:
    """"may replace its named contacts at any time" says when a right may be used; "reach the desk at any
    time" says when support answers."""
    right = terms_from(tmp_path, nlp, "# Support\n\n3.1 The Client may replace its named contacts for second line "
                                      "support at any time by written notice.\n")
    assert right.support_hours.value is None
    desk = terms_from(tmp_path, nlp, "# Support\n\nClients can reach the support desk at any time by telephone.\n",
                      name="desk.md")
    assert desk.support_hours.value == "24x7"


def test_a_time_columns_cell_of_prose_commits_to_each_time_it_leads_up_to(tmp_path: Path, nlp: Any) -> None:
    """A cell written as sentences ("Target: tickets will be answered by our staff within ...") is longer than
    a value, yet each sentence leading with a kind word to "within" commits to its time, with its own kind;
    a description column beside it that only mentions a time is not read."""
    urgent = ("Target Reply: every ticket raised at this level will get a reply from our duty staff within ten (10) "
              "minutes of being logged. Tickets raised by email alone are acknowledged within 2 hours.")
    normal = "Target Reply: every ticket raised at this level will get a reply from our duty staff within 6 hours."
    about = "The whole platform is down or unusable for more than 30 minutes, with no way around it for users."
    text = "# Desk\n\n" + md_table(["Priority", "What it covers", "Response Service Level"],
                                  [["Priority 1", about, urgent], ["Priority 3", "A question about using the product.", normal]])
    assert times(terms_from(tmp_path, nlp, text)) == {(1, "response", 10), (1, "response", 120), (3, "response", 360)}


def test_a_cell_of_prose_that_mentions_a_time_without_promising_it_is_not_read(tmp_path: Path, nlp: Any) -> None:
    cell = ("If a ticket is not answered within 4 hours the customer may call the duty manager, who keeps a record of "
            "every late reply for the quarterly review.")
    text = "# Desk\n\n" + md_table(["Priority", "Response Notes"], [["Priority 2", cell]])
    assert times(terms_from(tmp_path, nlp, text)) == set()


@pytest.mark.parametrize("cell", ["20 minutes (2 hours at weekends and bank holidays)",
                                  "within 20 minutes (within 2 hours out of hours)"])
def test_a_second_time_for_other_hours_is_a_commitment_of_its_own(tmp_path: Path, nlp: Any, cell: str) -> None:
    """The worse clock in brackets is not lost behind the best case: it is kept, scoped to its hours."""
    text = "# Desk\n\n" + md_table(["Priority", "Response Time"], [["P1", cell], ["P2", "4 hours"]])
    terms = terms_from(tmp_path, nlp, text)
    assert times(terms) == {(1, "response", 20), (1, "response", 120), (2, "response", 240)}
    worse = next(t for t in terms.response_times if t.minutes == 120)
    assert worse.scope and worse.basis == "calendar"


def test_a_time_that_stops_on_days_off_runs_on_the_business_clock(tmp_path: Path, nlp: Any) -> None:
    text = "# Desk\n\nOur phones are answered at all times.\n\n" + md_table(
        ["Priority", "Response Time"], [["P2", "6 hours (except weekends and bank holidays)"], ["P3", "6 hours"]])
    assert with_basis(terms_from(tmp_path, nlp, text)) >= {(2, "response", 360, "business")}


def test_rows_described_by_impact_define_the_levels_in_their_order(tmp_path: Path, nlp: Any) -> None:
    """No row names a level; each describes how hard the service is hit, worst first: that order is the ladder.
    A table of request types (no impact described) keeps its rows without levels."""
    impact = md_table(["Situation", "First response", "Progress updates"],
                      [["The portal is down for everyone", "2 hours", "every 4 hours"],
                       ["The portal is degraded (slow pages)", "8 hours", "daily"],
                       ["The portal is operational, a question arises", "3 days", ""]])
    requests = md_table(["Request", "First response"], [["New account", "2 days"], ["Password reset", "1 day"]])
    terms = terms_from(tmp_path, nlp, "# Desk\n\n" + impact + "\n## Requests\n\n" + requests)
    assert times(terms) >= {(1, "response", 120), (1, "update", 240), (2, "response", 480), (3, "response", 4320)}
    assert {t.severity_level for t in terms.response_times if t.kind == "response" and t.minutes in (1440, 2880)} == {None}


@pytest.mark.parametrize("cell", ["usually 3 days", "As soon as we can (often under 6 hours)"])
def test_a_time_hedged_as_what_usually_happens_is_no_target(tmp_path: Path, nlp: Any, cell: str) -> None:
    text = "# Desk\n\n" + md_table(["Priority", "Response Time", "Resolution Time"], [["P1", "1 hour", cell]])
    assert times(terms_from(tmp_path, nlp, text)) == {(1, "response", 60)}


def test_times_for_patching_known_weaknesses_are_not_incident_times(tmp_path: Path, nlp: Any) -> None:
    text = ("# Desk\n\n## Incidents\n\n" + md_table(["Priority", "Response Time"], [["P1", "30 minutes"]]) +
            "\n## Vulnerability handling\n\n" + md_table(["Rating", "Fix Target"], [["Critical", "5 days"], ["High", "20 days"]]) +
            "\nWhere no patch exists we will put a workaround in place within 72 hours.\n")
    assert times(terms_from(tmp_path, nlp, text)) == {(1, "response", 30)}


def test_a_cell_with_a_time_for_business_hours_and_one_for_other_hours_keeps_both(tmp_path: Path, nlp: Any) -> None:
    cell = "1 hour reply during business hours, 3 hour reply during other hours of the week"
    text = "# Desk\n\n" + md_table(["Priority", "Response"], [["P1", cell], ["P2", "1 day"]])
    found = with_basis(terms_from(tmp_path, nlp, text))
    assert {(1, "response", 60, "business"), (1, "response", 180, "calendar")} <= found


def test_a_possessive_title_names_the_provider(tmp_path: Path, nlp: Any) -> None:
    """A title that says whose document it is beats a company named in passing below it."""
    text = ("# Kestrel Hosting's Service Commitments\n\nWe keep spare disks from Parts Warehouse Inc on site.\n\n"
            "Support answers within 4 hours.\n")
    parties = terms_from(tmp_path, nlp, text).parties
    assert parties is not None and parties.provider == "Kestrel Hosting"


def test_a_party_name_loses_the_list_number_its_parties_clause_was_set_in() -> None:
    """Some PDFs keep the list number on each party's paragraph ("1. Name, a company ...": a 1990s
    filed contract shows it); the name is the company's, and a name that starts with figures stays."""
    from sla_check.extractors.parties import _clean_name

    assert _clean_name("1. Bramble Data Corp.") == "Bramble Data Corp."
    assert _clean_name("(2) Orchard Clinics Limited") == "Orchard Clinics Limited"
    assert _clean_name("3M Health Services") == "3M Health Services"


def test_a_legend_of_units_gives_the_clock_of_abbreviated_cells(tmp_path: Path, nlp: Any) -> None:
    """Cells written in short units ("6wh") take their length and clock from the legend under the table;
    a known unit the legend gives a clock ("h = round the clock hours") keeps its length and takes that clock."""
    text = ("# Desk\n\n" + md_table(["Priority", "Response Time", "Fix Time"],
                                    [["P1", "1h", "6h"], ["P3", "6wh", "3wd"]]) +
            "\nUnits used above: h = round the clock hours wh = working hours wd = working days\n")
    assert with_basis(terms_from(tmp_path, nlp, text)) == {
        (1, "response", 60, "calendar"), (1, "resolution", 360, "calendar"),
        (3, "response", 360, "business"), (3, "resolution", 1440, "business")}


def test_a_formula_with_an_equals_sign_is_no_legend(tmp_path: Path, nlp: Any) -> None:
    """A credit formula that names a letter is no unit legend: "24x7" in a cell keeps its meaning."""
    text = ("# Desk\n\n" + md_table(["Priority", "Response Time"], [["P1", "1 hour (24x7)"], ["P2", "8 hours"]]) +
            "\nCredit: x = 5% of the monthly fee for each business day of delay.\n")
    assert (1, "response", 60, "calendar") in with_basis(terms_from(tmp_path, nlp, text))


def test_a_bracketed_clock_after_each_time_decides_that_time_alone(tmp_path: Path, nlp: Any) -> None:
    """"30 minutes (office hours) 2 hours (evenings and weekends, out of hours)": the first time keeps its own
    office clock; the words of the second one's hours do not make it a round-the-clock time."""
    cell = "30 minutes (Office Hours) 2 hours (Out of Hours)"
    text = "# Desk\n\n" + md_table(["Priority", "First Response"], [["P1", cell], ["P2", "1 day"]])
    found = with_basis(terms_from(tmp_path, nlp, text))
    assert {(1, "response", 30, "business"), (1, "response", 120, "calendar")} <= found


@pytest.mark.parametrize("cell, minutes", [("2 Hours - 6 Hours", 360), ("45 mins to 2 hours", 120), ("1 Day – 3 Days", 4320)])
def test_a_range_with_a_unit_on_both_ends_is_read_at_its_longer_end(tmp_path: Path, nlp: Any, cell: str,
                                                                      minutes: float) -> None:
    """As "4-6 hours" reads as 6 hours: the provider only commits to the end of the range it may reach."""
    text = "# Desk\n\n" + md_table(["Priority", "Response Time"], [["P1", cell], ["P2", "2 days"]])
    assert times(terms_from(tmp_path, nlp, text)) == {(1, "response", minutes), (2, "response", 2880)}


def test_a_note_that_denies_one_clock_gives_the_table_the_other(tmp_path: Path, nlp: Any) -> None:
    """"Every time below counts calendar hours and not office hours.: the note names both clocks but denies one."""
    text = ("# Line faults\n\nEvery time below counts calendar hours and not office hours.\n\n" +
            md_table(["Priority", "Response", "Fix"], [["P1", "1 hour", "6 hours"], ["P2", "4 hours", "1 day"]]))
    assert {b for *_, b in with_basis(terms_from(tmp_path, nlp, text))} == {"calendar"}


def test_a_levels_column_counting_from_zero_names_the_level_above_each_number(tmp_path: Path, nlp: Any) -> None:
    """Bare numbers 0 to 3 under "Severity": 0 is the most severe rung, so it is level 1 and 3 is level 4;
    a column counting from 1 keeps its numbers."""
    rows = [["0", "Every user is locked out", "Within 1 hour"], ["1", "A main feature fails", "Within 6 hours"],
            ["2", "A side feature fails", "Within 2 days"], ["3", "A question", "Within 4 days"]]
    zero = terms_from(tmp_path, nlp, "# Support levels\n\n" + md_table(["Severity", "Meaning", "Response time"], rows))
    assert times(zero) == {(1, "response", 60), (2, "response", 360), (3, "response", 2880), (4, "response", 5760)}
    one = [[str(int(r[0]) + 1)] + r[1:] for r in rows]
    from_one = terms_from(tmp_path, nlp, "# Support levels\n\n" + md_table(["Severity", "Meaning", "Response time"], one),
                          name="one.md")
    assert times(from_one) == times(zero)


@pytest.mark.parametrize("opening", [
    "# Company\n\nAddress: 4 Mill Lane\n\n",                                   # a form label, not a firm
    "# Support policy\n\nAs part of our promise, we answer tickets quickly.\n\n",  # "As" is also a company ending
    "# Orchard Savings of Northfield Ltd Network Support Agreement\n\n",         # cut short to "Orchard Savings"
])
def test_a_word_that_only_looks_like_a_company_is_no_provider(tmp_path: Path, nlp: Any, opening: str) -> None:
    """A letterhead guess must be a whole company name: a lone company ending ("Company", "As") or a
    name the cleaning cuts short of its ending is left unnamed rather than shown as the provider."""
    parties = terms_from(tmp_path, nlp, opening + "Support answers P1 tickets within 4 hours.\n").parties
    assert parties is None or parties.provider is None


def test_a_letterhead_name_stops_at_its_company_ending_and_drops_a_possessive(tmp_path: Path, nlp: Any) -> None:
    text = ("# Larchmont Data Services Ltd Service Level Agreement\n\nSupport answers P1 tickets within 4 hours.\n")
    parties = terms_from(tmp_path, nlp, text).parties
    assert parties is not None and parties.provider == "Larchmont Data Services Ltd"
    text = ('This policy governs the use of Wrenfield Cloud Limited\'s ("Wrenfield") hosting by its users.\n\n'
            "Support answers P1 tickets within 4 hours.\n")
    parties = terms_from(tmp_path, nlp, text).parties
    assert parties is not None and parties.provider == "Wrenfield Cloud Limited"


def test_a_service_level_column_of_prose_holds_the_times_not_the_measures(tmp_path: Path, nlp: Any) -> None:
    """A column headed by measure words ("Service Level Required") whose cells are sentences with the
    times in them ("we aim to reply within ..., and to fix within ...") holds the targets: each sentence's
    own kind word decides its kind. Read as a "Metric" column it hid every time in the table."""
    text = "# Support desk\n\n" + md_table(
        ["Priority", "Description", "Service Level Required"],
        [["Critical", "Nobody can work", "The desk makes a first response within one (1) hour of the call. "
                                         "Engineers deliver a fix within eight (8) hours."],
         ["Minor", "One user slowed down", "The desk makes a first response within six (6) hours of the call. "
                                           "Engineers deliver a fix within ten (10) days."]])
    assert times(terms_from(tmp_path, nlp, text)) == {(1, "response", 60), (1, "resolution", 480),
                                                      (2, "response", 360), (2, "resolution", 14400)}


def test_a_measure_column_of_short_names_still_names_each_rows_kind(tmp_path: Path, nlp: Any) -> None:
    """The other side: "Service Level | Target" over "P1 response | 20 minutes" keeps its measure column."""
    text = "# Targets\n\n" + md_table(["Service Level", "Target"], [["P1 response", "20 minutes"],
                                                                 ["P1 resolution", "5 hours"]])
    assert times(terms_from(tmp_path, nlp, text)) == {(1, "response", 20), (1, "resolution", 300)}


def test_a_column_named_service_level_that_holds_times_is_not_the_level_column(tmp_path: Path, nlp: Any) -> None:
    """ "Service Level Agreement" over "Response given within 3 business hours.": the header's word "Level"
    does not make it the column of levels when its cells are times; the first column's names rank."""
    text = "# Support\n\n" + md_table(
        ["Class", "Meaning", "Service Level Agreement", ""],
        [["Class 1 (SEVERE)", "All users stopped", "Response given within 3 business hours.", "Fix given within 2 days."],
         ["Class 2 (MODERATE)", "Some users slowed", "Response given within 9 business hours.", "Fix given within 20 days."]])
    assert times(terms_from(tmp_path, nlp, text)) == {(1, "response", 180), (1, "resolution", 2880),
                                                      (2, "response", 540), (2, "resolution", 28800)}


def test_a_long_cell_whose_time_opens_with_once_every_is_a_value(tmp_path: Path, nlp: Any) -> None:
    """ "Once every 2 hours, or at times both sides agree, until the fault is cleared" under an update
    column is that column's time: "once every" leads a value as "every" alone does."""
    text = "# Progress updates\n\n" + md_table(
        ["Priority", "Update frequency"],
        [["P1", "Once every 2 hours, or at times both sides agree, until the fault is cleared."],
         ["P2", "Once every 6 hours, or at times both sides agree, until the fault is cleared."]])
    assert times(terms_from(tmp_path, nlp, text)) == {(1, "update", 120), (2, "update", 360)}


def test_one_table_per_level_takes_the_level_from_its_heading(tmp_path: Path, nlp: Any) -> None:
    """A section per level ("## Severity 2 faults"), each with a table of measures by plan: the heading's
    ranked level is every time's level. A heading with no rank of its own names no level."""
    table = lambda a, b: md_table(["Measure", "Basic", "Premium"],  # noqa: E731
                                  [["First response", a[0], a[1]], ["Restoration", b[0], b[1]]])
    text = ("# Fault handling\n\n## Severity 1 faults\n\n" + table(("3 hours", "20 minutes"), ("2 days", "6 hours"))
            + "\n## Severity 2 faults\n\n" + table(("8 hours", "2 hours"), ("5 days", "1 day")))
    got = times(terms_from(tmp_path, nlp, text))
    assert {(1, "response", 20), (1, "resolution", 360), (2, "response", 120), (2, "resolution", 5 * 1440)} <= got
    assert all(level is not None for level, _, _ in got)
    plain = "# Fault handling\n\n## Legal Information\n\n" + table(("3 hours", "20 minutes"), ("2 days", "6 hours"))
    assert {level for level, _, _ in times(terms_from(tmp_path, nlp, plain))} == {None}


def test_short_lines_pairing_a_level_with_a_time_are_read_when_nothing_else_was(tmp_path: Path, nlp: Any) -> None:
    """The last resort: a page whose only targets are short lines "Critical 2 Hours" (standing alone, as
    headings do) under a sentence that names no kind gives each level its time, as a reply time; a line
    with its own kind word keeps it, and "for low priority issues" after the time names the level."""
    text = "Our desk sorts every ticket into one of four classes.\n\nCritical 2 Hours\n\nHigh 6 Hours\n"
    assert times(terms_from(tmp_path, nlp, text, name="page.txt")) == {(1, "response", 120), (2, "response", 360)}
    text = "Tickets by class:\n\n- Next working day for high priority issues\n- Within 3 working days for low priority issues\n"
    assert times(terms_from(tmp_path, nlp, text, name="page.txt")) == {(2, "response", 480), (4, "response", 1440)}


def test_the_last_resort_stays_away_from_a_page_whose_times_were_read(tmp_path: Path, nlp: Any) -> None:
    """Once any time is read the usual way, lone "Critical 2 Hours" lines are not guessed at."""
    text = "We answer every call within 30 minutes.\n\nCritical 2 Hours\n\nHigh 6 Hours\n"
    assert times(terms_from(tmp_path, nlp, text, name="page.txt")) == {(None, "response", 30)}


def test_prose_under_a_heading_that_ranks_one_level_is_that_levels(tmp_path: Path, nlp: Any) -> None:
    """ "## Priority 2 calls" over "An engineer calls you back within 3 hours.": the sentence's time, which
    names no level itself, is priority 2's; a sentence naming its own level keeps it."""
    text = ("# Call handling\n\n## Priority 1 calls\n\nAn engineer responds within 20 minutes.\n\n"
            "## Priority 2 calls\n\nAn engineer responds within 3 hours. Priority 4 calls get a response within 2 days.\n")
    assert times(terms_from(tmp_path, nlp, text)) == {(1, "response", 20), (2, "response", 180), (4, "response", 2880)}


def test_the_next_rungs_of_a_run_take_the_kind_of_the_line_above(tmp_path: Path, nlp: Any) -> None:
    """ "Severity 1 (site down) response time: 1 hour" is read; the lines below it, "Severity 2 (Major)
    4 hours" and "Severity 3 (Minor) 2 business days", name no kind: they are the next rungs, replies too.
    A line naming another kind is left to its own reading."""
    text = ("# Cover\n\nWe answer the phone within 2 minutes.\n\nSeverity 1 (site down) response time: 1 hour\n\n"
            "Severity 2 (Major) 4 hours\n\nSeverity 3 (Minor) 2 business days\n")
    got = times(terms_from(tmp_path, nlp, text, name="page.txt"))
    assert {(1, "response", 60), (2, "response", 240), (3, "response", 960)} <= got
    lone = "# Cover\n\nWe answer the phone within 2 minutes.\n\nSeverity 2 (Major) 4 hours\n"
    assert times(terms_from(tmp_path, nlp, lone, name="page.txt")) == {(None, "response", 2)}


def test_round_the_clock_channel_of_one_plan_makes_the_hours_mixed(tmp_path: Path, nlp: Any) -> None:
    """ "Premium | 3 business hours | 24/7 phone" beside "Standard | 2 business days | email": the
    round-the-clock line is the Premium plan's, so the contract's hours differ by plan."""
    text = ("# Support\n\n"
            + md_table(["Plan", "Response time", "Channels"],
                       [["Standard", "2 business days", "Email"], ["Premium", "3 business hours", "24/7 phone"]]))
    assert terms_from(tmp_path, nlp, text).support_hours.value == "mixed"
