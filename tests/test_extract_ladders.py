"""Response-time shapes met on fresh real SLAs (issue 12, stop rt3), each written in our own words and
read through the real pipeline: a header over two rows (plans above kinds) with the cells a web page
drops under merged cells, a group column merged down beside the levels, a numbered ladder typed one
row per line, and prose durations that measure how long something lasts or a formal reply."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Optional

from sla_check.models import Terms
from written import terms_from


def scoped(terms: Terms) -> set[tuple[Optional[int], Optional[str], str, float]]:
    return {(t.severity_level, t.scope, t.kind, t.minutes) for t in terms.response_times}


def times(terms: Terms) -> set[tuple[Optional[int], str, float]]:
    return {(t.severity_level, t.kind, t.minutes) for t in terms.response_times}


def test_plans_over_kinds_in_two_header_rows(tmp_path: Path, nlp: Any) -> None:
    """The first header row names the plans, the second the kinds under each; the kind row has lost the
    corner cell above the levels and a later row has lost its merged attainment cell."""
    text = (
        "# Helpdesk targets\n\n"
        "| Level | Bronze Plan | Gold Plan | ||||\n"
        "|---|---|---|---|---|---|---|\n"
        "| Reply Time | Fix Time | Met In | Reply Time | Fix Time | Met In | |\n"
        "| Severe | 45 minutes | 10 hour | 90% | 20 minutes | 3 hour | 98% |\n"
        "| Moderate | 2 hour | 30 hour | 2 hour | 9 hour | ||\n"
    )
    got = scoped(terms_from(tmp_path, nlp, text))
    assert got == {
        (1, "Bronze Plan", "response", 45), (1, "Bronze Plan", "resolution", 600),
        (1, "Gold Plan", "response", 20), (1, "Gold Plan", "resolution", 180),
        (2, "Bronze Plan", "response", 120), (2, "Bronze Plan", "resolution", 1800),
        (2, "Gold Plan", "response", 120), (2, "Gold Plan", "resolution", 540),
    }


def test_group_cell_merged_down_beside_the_levels(tmp_path: Path, nlp: Any) -> None:
    """"Fault" spans the level rows in the page; its text gives it to the first row only, so the rows
    below start one column early. Their levels go back under "Priority"."""
    text = (
        "# Queue targets\n\n"
        "| Ticket Kind | Priority | Response Time |\n"
        "|---|---|---|\n"
        "| Fault | Urgent | 25 minutes |\n"
        "| High | 3 hour | |\n"
        "| Medium | 20 hour | |\n"
    )
    assert times(terms_from(tmp_path, nlp, text)) == {(1, "response", 25), (2, "response", 180), (3, "response", 1200)}


def test_numbered_ladder_typed_one_row_per_line(tmp_path: Path, nlp: Any) -> None:
    """"2 High/Urgent": the number the document puts before each name is its level, not the name's
    generic rank (Urgent alone would be level 1)."""
    text = (
        "Each request gets one of the priorities below.\n\n"
        "Priority Level Description Target Resolution\n"
        "1 Critical 3 hours\n"
        "2 High/Urgent 7 hours\n"
        "3 Medium 20 hours\n"
    )
    assert times(terms_from(tmp_path, nlp, text, name="doc.txt")) == {
        (1, "resolution", 180), (2, "resolution", 420), (3, "resolution", 1200)}


def test_core_hours_in_a_column_header_is_a_business_clock(tmp_path: Path, nlp: Any) -> None:
    text = (
        "# Desk priorities\n\n"
        "| Priority | Target response (within core hours) | Target resolution (within core hours) |\n"
        "|---|---|---|\n"
        "| P1 | 1 hour | 2 working days |\n"
        "| P2 | 3 hours | 4 working days |\n"
    )
    got = {(t.severity_level, t.kind, t.minutes, t.basis) for t in terms_from(tmp_path, nlp, text).response_times}
    assert got == {(1, "response", 60, "business"), (1, "resolution", 960, "business"),
                   (2, "response", 180, "business"), (2, "resolution", 1920, "business")}


def test_durations_that_last_or_answer_in_writing_are_no_response_times(tmp_path: Path, nlp: Any) -> None:
    text = (
        "# Support\n\n"
        "The Supplier will respond to every support ticket within 2 hours.\n\n"
        "During the first sixty (60) days of the Term the Supplier will also respond to questions by e-mail.\n\n"
        "If the Buyer objects to a plan, the Supplier shall respond in writing within twenty (20) days.\n\n"
        "Before go-live the Supplier runs a four-day test with engineers on-site for support.\n"
    )
    assert times(terms_from(tmp_path, nlp, text)) == {(None, "response", 120)}


def test_plan_columns_typed_as_text_under_a_lead_in_that_names_the_kind(tmp_path: Path, nlp: Any) -> None:
    """A table saved as plain text: the line of column names lists the plans after "Priority", the line
    above says which kind the times are; a plan with no commitment ("Best-effort", "N/A") gives nothing."""
    text = (
        "How fast we answer\n\n"
        "The table below gives the first response time for each priority under each plan.\n\n"
        "Priority Basic Plus Premium (phone only)\n"
        "P1 Best-effort 6 hours 90 minutes\n"
        "P2 Best-effort 12 hours 3 hours\n"
        "P3 N/A 2 business days 1 business day\n"
    )
    got = scoped(terms_from(tmp_path, nlp, text, name="doc.txt"))
    assert got == {
        (1, "Plus", "response", 360), (1, "Premium", "response", 90),
        (2, "Plus", "response", 720), (2, "Premium", "response", 180),
        (3, "Plus", "response", 960), (3, "Premium", "response", 480),
    }


def test_a_row_of_label_and_value_pairs(tmp_path: Path, nlp: Any) -> None:
    """Each row repeats its own labels beside its values: the label just left of a time gives its kind."""
    text = (
        "# Ticket levels\n\n"
        "| Level 1 | Meaning | Whole office down | First Reply | 20 Minutes | Closure Target | 5 Working Hours |\n"
        "|---|---|---|---|---|---|---|\n"
        "| Level 2 | Meaning | One person cannot work | First Reply | 2 Working Hours | Closure Target | 9 Working Hours |\n"
    )
    assert times(terms_from(tmp_path, nlp, text)) >= {(2, "response", 120), (2, "resolution", 540)}


def test_a_table_saved_one_cell_per_line(tmp_path: Path, nlp: Any) -> None:
    """Column names on lines of their own, then each row's cells one per line under its level: the time
    lines of a row take the kind columns in the names' order."""
    text = (
        "Mail service targets\n\n"
        "Level\n\nWhat it means\n\nFirst Response\n\nFix Time\n\n"
        "Critical\n\nNobody can send mail.\n\n20 minutes\n\n3 hours\n\n"
        "High\n\nOne mailbox is slow.\n\n5 hours\n\n3 business days\n"
    )
    assert times(terms_from(tmp_path, nlp, text, name="doc.txt")) == {
        (1, "response", 20), (1, "resolution", 180), (2, "response", 300), (2, "resolution", 1440)}


def test_level_lines_in_hard_wrapped_text_head_their_own_fields(tmp_path: Path, nlp: Any) -> None:
    """Hard-wrapped plain text: each level's short line, its wrapped definition bullets, then its
    "Response Time:" and "Fix Time:" lines. The level line and the field lines are not swallowed by the
    wrapped paragraph above them, so each time keeps its level."""
    text = (
        "Our desk sorts every request by the level it is given in the\n"
        "portal, as set out here:\n"
        "A-Severe\n"
        "- The whole platform is down for every user in the\n"
        "- organisation.\n"
        "Response Time: 2 hours from the report.\n"
        "Fix Time: we work to restore service within 6 hours of the\n"
        "report.\n"
        "B-Minor\n"
        "- One screen shows a wrong label for one\n"
        "- user.\n"
        "Response Time: 20 hours from the report.\n"
        "Fix Time: we work to restore service within 60 hours of the\n"
        "report.\n"
    )
    assert times(terms_from(tmp_path, nlp, text, name="doc.txt")) == {
        (1, "response", 120), (1, "resolution", 360), (2, "response", 1200), (2, "resolution", 3600)}


def test_a_pipe_row_spread_over_several_lines(tmp_path: Path, nlp: Any) -> None:
    """A web page's text breaks a table row over lines (a cell per line, the closing pipe alone); a cell
    gives one time for business hours and another for the hours after them."""
    text = (
        "# Hosting help\n\n"
        "| Level | First Reply | Fix Time | Examples |\n"
        "|---|---|---|---|\n"
        "| Critical |\n"
        "3 hours (Business Hours) 5 hours (After Hours) |\n"
        "10-20 hours |\n"
        "Every site is offline\n"
        "|\n"
        "| High | 30 hours | 6 business days |\n"
        "Questions about invoices\n"
        "|\n"
    )
    assert times(terms_from(tmp_path, nlp, text)) == {
        (1, "response", 180), (1, "response", 300), (1, "resolution", 1200),
        (2, "response", 1800), (2, "resolution", 2880)}


def test_clauses_about_other_things_give_no_response_times(tmp_path: Path, nlp: Any) -> None:
    """The customer's own duties, replacing a member of staff, distributing a software Update (a defined
    term) and a speed measured over an hour are not support response or fix times."""
    text = (
        "# Support\n\n"
        "The Supplier will resolve each reported fault within 8 hours.\n\n"
        "## Client Responsibilities\n\n"
        "Tell the Supplier in writing within three (3) business days of any change of contact.\n\n"
        "## Staffing\n\n"
        "If the Client asks, the Supplier shall replace that person within 45 days.\n\n"
        "## Releases\n\n"
        "The Reseller will distribute each Update to its users within 20 days.\n\n"
        "## Speed\n\n"
        "The average response of the web pages shall not exceed 3 seconds during any 1 hour period.\n"
    )
    assert times(terms_from(tmp_path, nlp, text)) == {(None, "resolution", 480)}


def test_a_plan_heading_is_no_severity_level(tmp_path: Path, nlp: Any) -> None:
    text = (
        "# Help options\n\n"
        "## Standard Support\n\n"
        "We answer each ticket within two business days.\n\n"
        "## Premium Support\n\n"
        "We answer each ticket within 3 hours.\n"
    )
    assert {t.severity_level for t in terms_from(tmp_path, nlp, text).response_times} == {None}


def test_class_numbered_errors_are_levels_in_running_text(tmp_path: Path, nlp: Any) -> None:
    """"Class" names a level in prose only before a level's noun ("Class 1 Errors"), not before other
    things ("Class 2 equipment"); a month of days is not re-read as working days."""
    text = (
        "# Maintenance\n\n"
        "Support is available during business hours.\n\n"
        "For Class 1 Errors the Supplier shall deliver a workaround within five (5) hours of the report.\n\n"
        "For Class 2 Errors the Supplier shall deliver a Correction within 3 Business Days.\n\n"
        "For Class 3 Errors the Supplier shall deliver a Correction within thirty (30) days.\n\n"
        "Class 2 equipment is collected within 6 hours.\n"
    )
    assert times(terms_from(tmp_path, nlp, text)) == {
        (1, "resolution", 300), (2, "resolution", 1440), (3, "resolution", 43200)}


def test_levels_labelling_a_paragraph_of_times(tmp_path: Path, nlp: Any) -> None:
    """A web page saved as text, one paragraph per line: a short title line, then levels that each label
    their times with a bracketed note and a colon ("Severe (all down): ..."); "initial assignment" heads a
    first-response column."""
    text = (
        "How we respond\n"
        "Severe (all down): 20-minute response, 3-hour on-site. High (one team): 2-hour response, 10-hour resolution target.\n\n"
        "Ticket targets\n"
        "Priority Initial Assignment Resolution\n"
        "P1 25 mins 5 hours\n"
        "P2 3 business hours 2 business days\n"
    )
    got = times(terms_from(tmp_path, nlp, text, name="doc.txt"))
    assert {(1, "response", 20), (1, "response", 180), (2, "response", 120), (2, "resolution", 600)} <= got
    assert {(1, "response", 25), (1, "resolution", 300), (2, "response", 180), (2, "resolution", 960)} <= got
    assert all(level is not None for level, _, _ in got)


def test_metric_rows_under_plan_columns_typed_as_text(tmp_path: Path, nlp: Any) -> None:
    text = (
        "Service targets\n\n"
        "Metric Basic Premium\n"
        "First reply 2 business days 6 business hours\n"
        "Hand-over of a new site 5 business days 2 business days\n"
    )
    assert scoped(terms_from(tmp_path, nlp, text, name="doc.txt")) == {
        (None, "Basic", "response", 960), (None, "Premium", "response", 360)}


def test_running_text_a_pdf_reader_took_for_a_table_is_read_as_prose(nlp: Any) -> None:
    """Lettered clauses beside a margin note can come out of a PDF as table rows with no header; their
    cells are sentences, so a level named in the sentence still labels its time."""
    from sla_check.extract import extract_terms
    from sla_check.models import Block, Document, Table

    rows = [
        ("A. The Vendor will make every effort to answer each call for help within one (1) hour of the call "
         "being logged with the help desk by the Buyer.", "see the schedule", ""),
        ("B. For Class 1 Errors, the Vendor shall deliver a workaround within five (5) hours after the Buyer "
         "first reports the Error to the help desk.", "as the Buyer reasonably requires", ""),
        ("Page footer", "7", ""),
    ]
    blocks = [Block(text="Maintenance", page=1, kind="heading")]
    blocks += [Block(text=" | ".join(c for c in r if c), page=1, kind="table_row", table_id=0, cells=r, header=None)
               for r in rows]
    doc = Document(path="x.pdf", format="pdf", pages=1, blocks=blocks, tables=[Table(page=1, header=(), rows=tuple(rows))])
    got = {(t.severity_level, t.kind, t.minutes) for t in extract_terms(doc, nlp).response_times}
    assert (1, "resolution", 300) in got


def test_a_ladder_whose_top_is_high_numbers_high_as_level_one(tmp_path: Path, nlp: Any) -> None:
    """terms.md: a document's own ladder ranks its levels, most severe first. With nothing above
    High, High is this document's level 1 (the generic names would make it 2, and a P1 check
    would then find no P1 time at all); with Critical above it, the generic numbers hold."""
    table = (
        "# Fault targets\n\n"
        "| Priority | Reply Time | Repair Time |\n"
        "|---|---|---|\n"
        "{top}"
        "| High | 20 minutes | 6 hours |\n"
        "| Medium | 2 hours | 1 day |\n"
        "| Low | 8 hours | 5 days |\n"
    )
    got = times(terms_from(tmp_path, nlp, table.format(top="")))
    assert {(1, "response", 20), (2, "response", 120), (3, "response", 480)} <= got
    got = times(terms_from(tmp_path, nlp, table.format(top="| Critical | 10 minutes | 2 hours |\n"), name="c.md"))
    assert {(1, "response", 10), (2, "response", 20), (3, "response", 120), (4, "response", 480)} <= got


def test_vulgar_fraction_characters_are_numbers(tmp_path: Path, nlp: Any) -> None:
    """Tables often type half hours as one character ("½ hour", "1½ hours"): the character is the number."""
    text = (
        "# Fault handling\n\n"
        "| Priority | Acknowledge | Restore |\n"
        "|---|---|---|\n"
        "| Priority 1 | ½ hour | 3½ hours |\n"
        "| Priority 2 | 1¼ hours | 8 hours |\n"
    )
    got = times(terms_from(tmp_path, nlp, text))
    assert {(1, "response", 30), (1, "resolution", 210), (2, "response", 75), (2, "resolution", 480)} <= got


def test_a_care_level_is_cover_bought_not_a_severity(tmp_path: Path, nlp: Any) -> None:
    """Line services sell "Care Level 1..3": each is a tier of cover with its own repair target, so its
    number is no severity level; a severity named in the same document keeps its level."""
    text = (
        "# Repair cover\n\n"
        "With Care Level 2 a fault is repaired within 12 hours.\n\n"
        "With Care Level 3 a fault is repaired within 5 hours.\n\n"
        "A Severity 1 ticket is answered within 20 minutes.\n"
    )
    got = times(terms_from(tmp_path, nlp, text))
    assert {(None, "resolution", 720), (None, "resolution", 300), (1, "response", 20)} <= got
    assert not any(level in (2, 3) for level, _, _ in got)


def test_a_level_defined_at_the_end_of_the_paragraph_above(tmp_path: Path, nlp: Any) -> None:
    """A web page saved as text runs each level's definition on after the previous level's fields;
    the reply target in the next paragraph belongs to the level that closes the one above."""
    text = (
        "We sort every ticket by how badly it hurts your team. S1 - Nobody can log in to the portal.\n\n"
        "Initial reply: Within 30 minutes.\n\n"
        "Fix: We keep working until it is back. S2 - One screen fails for a few people.\n\n"
        "Initial reply: Within 3 hours.\n"
    )
    got = times(terms_from(tmp_path, nlp, text, name="doc.txt"))
    assert {(1, "response", 30), (2, "response", 180)} <= got


def test_a_lead_in_that_points_with_as_follows_gives_the_table_its_kind(tmp_path: Path, nlp: Any) -> None:
    """The paragraph above a table whose header names no kind points at it with "as follows" and no
    colon: it is the table's lead-in all the same (lexicons/tables.yml `pointers`)."""
    text = ("# Helpdesk\n\n"
            "Our engineers will send a first reply to each ticket within the times as follows.\n\n"
            "| Level | Target |\n|---|---|\n| P1 | 1 hour |\n| P2 | 4 hours |\n| P3 | 2 days |\n")
    assert times(terms_from(tmp_path, nlp, text)) == {(1, "response", 60), (2, "response", 240), (3, "response", 2880)}
