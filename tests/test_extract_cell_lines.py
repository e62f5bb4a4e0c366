"""Shapes of support pages saved from a browser as text (issue 12): web tables given one cell per line
(blank lines between the cells, or each cell closed by a pipe), ladders listed least severe first, and a
level defined in one list item with its commitment in the next. All wording below is our own, run
through the real reader and extractor."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from sla_check.ingest.cell_lines import cell_tables
import written


times = written.times


def test_a_table_saved_one_cell_per_line_is_read_as_rows(tmp_path: Path, nlp: Any) -> None:
    # the header's description column has a long name and the level labels carry numbers
    text = ("Helpdesk targets\n\nEach ticket is ranked when it is logged.\n\n"
            "Priority\n\nWhat it covers\n\nTarget Time to Respond\n\nTarget Time to Fix\n\n"
            "Priority 1 (P1)\n\nNobody can work\n\n1hrs\n\n6hrs\n\n"
            "Priority 2 (P2)\n\nOne team slowed down\n\n3hrs\n\n20hrs\n\n"
            "Priority 3 (P3)\n\nA single question\n\n2 days\n\n9 days\n\n"
            "Tickets are worked around the clock.\n")
    got = written.terms_from(tmp_path, nlp, text, "page.txt")
    assert times(got) == sorted([(1, "response", 60), (1, "resolution", 360), (2, "response", 180), (2, "resolution", 1200),
                                 (3, "response", 2880), (3, "resolution", 12960)], key=str)


def test_cells_closed_by_pipes_keep_their_columns_and_a_ladder_from_low_up_to_high(tmp_path: Path, nlp: Any) -> None:
    # the rows run from the least severe level up to High, nothing above it: High is this page's level 1
    text = ("Helpdesk levels\n"
            "Fault class |\nResponse Time\n|\nResolution Time |\n"
            "Low |\nThe desk acknowledges the ticket within 45 minutes of it being raised |\n"
            "The desk resolves the fault within 6 Business Days of confirming it |\n"
            "Medium |\nThe desk acknowledges the ticket within 45 minutes of it being raised |\n"
            "The desk resolves the fault within 3 Business Days of confirming it |\n"
            "High |\nThe desk acknowledges the ticket within 45 minutes of it being raised |\n"
            "The desk resolves the fault within 1 Business Day of confirming it |\n"
            "Notes on the classes follow.\n")
    got = written.terms_from(tmp_path, nlp, text, "page.txt")
    assert times(got) == sorted([(3, "response", 45), (3, "resolution", 2880), (2, "response", 45), (2, "resolution", 1440),
                                 (1, "response", 45), (1, "resolution", 480)], key=str)


def test_a_cell_wrapped_onto_two_lines_is_not_taken_for_a_row() -> None:
    # the second row's description broke over two lines, so its cells no longer line up: no table
    lines = ["Level", "", "Summary", "", "Answer", "", "Repair", "",
             "Critical", "", "The whole site is down.", "", "20 minutes", "", "3 hours", "",
             "High", "", "A key screen fails for many people in a", "", "busy office.", "",
             "Some users cannot print.", ""]
    found = cell_tables(lines)
    assert [len(t.rows) for t in found] == []


def test_rows_typed_whole_on_each_line_are_left_to_the_pipe_table_reader() -> None:
    lines = ["Level | Answer | Repair |", "Critical | 20 minutes | 3 hours |", "High | 1 hour | 9 hours |",
             "Medium | 4 hours | 2 days |"]
    assert cell_tables(lines) == []


def test_a_level_named_in_one_item_owns_the_commitment_in_the_item_below(tmp_path: Path, nlp: Any) -> None:
    # listed least severe first, each level's promise on the bullet under its definition
    text = ("Ticket classes\n\n"
            "  • Minor - Cosmetic problem. Work carries on as usual.\n\n"
            "    • What we promise: Registered within 2 hours, feedback within 4 business days\n\n"
            "  • Critical - Production stopped. Nobody can trade.\n\n"
            "    • What we promise: Registration within 10 minutes, feedback within 45 minutes\n\n"
            "Classes are agreed with the customer.\n")
    got = written.terms_from(tmp_path, nlp, text, "page.txt")
    assert times(got) == sorted([(4, "response", 120), (4, "response", 1920), (1, "response", 10), (1, "response", 45)], key=str)


def test_the_lead_in_sentence_that_points_at_the_table_gives_its_kind(tmp_path: Path, nlp: Any) -> None:
    # a second sentence beside the lead-in disclaims fix times: the table still holds first replies
    text = ("# Help desk\n\n"
            "Our objective is a first reply to each request within the times in the table below. We work to "
            "fix problems quickly but promise no fix time or workaround.\n\n"
            "| Level | Basic | Plus |\n|---|---|---|\n"
            "| Sev 1 | Best effort | 2 business hours |\n"
            "| Sev 2 | Best effort | 6 business hours |\n")
    got = written.terms_from(tmp_path, nlp, text, "policy.md")
    assert {(t.severity_level, t.kind, t.minutes) for t in got.response_times} == {(1, "response", 120), (2, "response", 360)}


def test_a_caption_read_as_the_header_gives_way_to_the_row_of_column_names(tmp_path: Path, nlp: Any) -> None:
    # two plan tables whose caption spans the header row, the column names in the first row, spaces
    # lost between figures and words, and one row for two levels
    text = ("# Support plans\n\n"
            "| Table 1: Silver Plan Targets | | |\n|---|---|---|\n"
            "| Severity | Acknowledgement | InitialAssessment |\n"
            "| Critical, High | 3Hours | 2BusinessDays |\n"
            "| Medium | 1BusinessDay | 3BusinessDays |\n"
            "| Low | 4BusinessDays | 9BusinessDays |\n\n"
            "| Table 2: Bronze Plan Targets | | |\n|---|---|---|\n"
            "| Severity | Acknowledgement | InitialAssessment |\n"
            "| Critical | 3Hours | 5Hours |\n"
            "| High | 4BusinessDays | 9BusinessDays |\n")
    got = written.terms_from(tmp_path, nlp, text, "plans.md")
    found = sorted(((t.severity_level, t.kind, t.minutes, t.scope) for t in got.response_times), key=str)
    assert found == sorted([(1, "response", 180, "Silver"), (2, "response", 180, "Silver"), (1, "response", 960, "Silver"),
                            (2, "response", 960, "Silver"), (3, "response", 480, "Silver"), (3, "response", 1440, "Silver"),
                            (4, "response", 1920, "Silver"), (4, "response", 4320, "Silver"),
                            (1, "response", 180, "Bronze"), (1, "response", 300, "Bronze"), (2, "response", 1920, "Bronze"),
                            (2, "response", 4320, "Bronze")], key=str)


def test_label_and_value_lines_stay_a_field_and_one_time_for_two_kinds_is_both(tmp_path: Path, nlp: Any) -> None:
    # a product card saved as text: label lines over value lines, no blank lines; one time answers
    # "Reply & fix"; a level's own fields under a list item stay with the item
    text = ("Line care\n"
            "Keep your phone line working\n"
            "Business line cover\n"
            "per line per month\n"
            "Reply & fix time\n"
            "6hrs\n"
            "Hours of cover\n"
            "Mon-Fri 9:00 to 17:30\n"
            "- P1\n"
            "Critical · all users down\n"
            "First response\n"
            "20 minutes\n")
    got = written.terms_from(tmp_path, nlp, text, "card.txt")
    assert {(t.severity_level, t.kind, t.minutes) for t in got.response_times} == {
        (None, "response", 360), (None, "resolution", 360), (1, "response", 20)}
    # the hours field under the time is its clock
    assert {t.basis for t in got.response_times if t.severity_level is None} == {"business"}


def test_rows_wider_than_their_header_keep_the_times_under_the_named_columns(tmp_path: Path, nlp: Any) -> None:
    # the page lost the blank name over each level's description (one name spans "1 | Critical" and its text)
    text = ("Desk commitments\n\nWhat we promise on every ticket.\n\n"
            "Rank | Kind\n\nFirst Reply\n\nRepair\n\n"
            "1 | Critical\n\nA whole office is stopped.\n\nAn engineer picks it up within 30 Minutes\n\n6 Hours\n\n"
            "2 | High\n\nSome staff are slowed down.\n\nAn engineer picks it up within 2 Hours\n\n3 Days\n\n"
            "Questions go to the desk by e-mail.\n")
    found = cell_tables(text.split("\n"))
    assert [t.header for t in found] == [["Rank | Kind", "", "First Reply", "Repair"]]
    got = written.terms_from(tmp_path, nlp, text, "page.txt")
    assert times(got) == sorted([(1, "response", 30), (1, "resolution", 360), (2, "response", 120),
                                 (2, "resolution", 4320)], key=str)


def test_pipe_closed_cells_skip_rule_lines_and_join_a_cell_broken_before_its_pipe() -> None:
    # a rule line and lone pipes between rows, a coverage name in the header, a description over two lines
    lines = ["Our desk", "|", "Class |", "Meaning |", "First Reply 24x7 Desk |", "Fix Goal |", "|---|---|---|---|", "|",
             "Class A |", "Every user is affected, for example:", "the portal will not load. |",
             "Within 20 minutes | Within 5 hours |", "|",
             "Class B |", "One feature fails for a team. |", "Within 3 hours | Within 2 days |", "", "Thanks for reading."]
    found = cell_tables(lines)
    assert [t.header for t in found] == [["Class", "Meaning", "First Reply 24x7 Desk", "Fix Goal"]]
    assert found[0].rows[0] == ["Class A", "Every user is affected, for example: the portal will not load.",
                                "Within 20 minutes", "Within 5 hours"]
    assert len(found[0].rows) == 2


def test_rows_whose_cell_breaks_were_lost_read_each_time_whole(tmp_path: Path, nlp: Any) -> None:
    # a saved page ran the cells of each row together: label, reply time and fix time with no space between
    text = ("Response targets\n\nPriorityFirst ResponseResolved Within\nCritical2 business hours3 business days\n"
            "Low8 business hours12 business days\n\nTier2 staff handle every ticket.\n")
    got = written.terms_from(tmp_path, nlp, text, "page.txt")
    # a business day is eight business hours; with two levels, Low is the second
    assert times(got) == sorted([(1, "response", 120), (1, "resolution", 1440), (2, "response", 480),
                                 (2, "resolution", 5760)], key=str)


def test_level_lines_over_a_described_list_head_their_rows(tmp_path: Path, nlp: Any) -> None:
    # a web table saved one cell per line, no blank lines: each row is a level's line with two names,
    # a short description ending in a colon over a list of examples, then the commitment
    text = ("Desk priorities\n\nRank\nWhat belongs here\nOur action\n"
            "Severe / Urgent\nA whole floor is stopped:\n- the network is gone\n- no one can log in\n"
            "We start at once and keep going until it works.\n"
            "Major / Serious\nOne key tool is broken:\n- the shared drive is slow\n"
            "We reply within 3 hours with a fix or a date.\n"
            "Normal / Routine\nA single person needs help:\n- a new mailbox\n"
            "We reply within 2 days with a fix or a date.\n"
            "Low / Wish\nIdeas and questions:\n- a training slot\n"
            "We reply within 5 days.\n")
    got = written.terms_from(tmp_path, nlp, text, "desk.txt")
    assert times(got) == sorted([(2, "response", 180), (3, "response", 2880), (4, "response", 7200)], key=str)
