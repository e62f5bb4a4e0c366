"""Response-time shapes read from a document's structure rather than its phrases (issue 12, stop 23),
each written in our own words and read through the real reader and extractor: a one-cell-per-line table
whose column names run together on one line, records of fields that each open with the same field, a
table whose header leaves some time columns blank (kinds defined just above it, updates as "every"),
and "core hours" as a business clock."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import written


times = written.in_order
_order = written.order


def test_cell_per_line_table_under_a_run_together_header_line(tmp_path: Path, nlp: Any) -> None:
    # a web table saved as text: its header cells glued into one line, then one cell per line; the
    # heading "Priority Overview" above the levels is about them, not a level of the ladder
    text = ("Desk promises\n\n"
            "Priority Overview\n\n"
            "How quickly the desk acts depends on the rank of the call.\n\n"
            "RankWhat it meansFirst replyTime to fix\n\n"
            "Critical\n\nNo one in the office can work and nothing gets round it.\n\n"
            "20 minutes\n\n3 hours (around the clock)\n\n"
            "High\n\nA team cannot use a main system.\n\n"
            "1 hour\n\n2 business days\n\n"
            "Low\n\nOne person has a small problem.\n\n"
            "1 business day\n\n5 business days\n")
    got = written.terms_from(tmp_path, nlp, text, "page.txt")
    assert times(got) == sorted([(1, "response", 20), (1, "resolution", 180), (2, "response", 60), (2, "resolution", 960),
                                 (3, "response", 480), (3, "resolution", 2400)], key=_order)
    fix = next(t for t in got.response_times if t.severity_level == 1 and t.kind == "resolution")
    assert fix.basis == "calendar"  # the cell's own clock


def test_one_problem_field_is_no_ladder(tmp_path: Path, nlp: Any) -> None:
    # a single record is a general promise, not a level
    text = ("Help\n\n"
            "Problem: anything at all\n"
            "First reply: Within 4 business hours\n")
    got = written.terms_from(tmp_path, nlp, text, "page.txt")
    assert times(got) == [(None, "response", 240)]


def test_core_hours_and_core_days_run_on_the_business_clock(tmp_path: Path, nlp: Any) -> None:
    text = ("| Priority | Acknowledge | Resolve |\n"
            "|---|---|---|\n"
            "| Priority 2 | 3 Core Hours | 2 Core Days |\n")
    got = written.terms_from(tmp_path, nlp, text, "page.md")
    assert times(got) == sorted([(2, "response", 180), (2, "resolution", 960)], key=_order)
    assert {t.basis for t in got.response_times} == {"business"}


def test_an_update_cell_gives_its_rhythm_not_its_first_time(tmp_path: Path, nlp: Any) -> None:
    # "Start / Update": the cell starts work the same day and then updates every 3 hours
    text = ("| Severity | First answer | Start / Update |\n"
            "|---|---|---|\n"
            "| Sev 1 | 30 minutes | Straight away; updates every hour |\n"
            "| Sev 2 | 2 hours | Same day start; updates every 3 hours |\n")
    got = written.terms_from(tmp_path, nlp, text, "page.md")
    updates = sorted(t.minutes for t in got.response_times if t.kind == "update")
    assert updates == [60, 180]


def test_a_table_of_levels_in_generic_order_outranks_headings_further_on(tmp_path: Path, nlp: Any) -> None:
    # the table lists Urgent, High, Medium, Low; notes below are headed from High down: High stays level 2
    text = ("# Matrix\n\n"
            "| Priority | Answer within | Fix within |\n"
            "|---|---|---|\n"
            "| Urgent | 15 minutes | 2 hours |\n"
            "| High | 30 minutes | 8 hours |\n"
            "| Medium | 1 hour | 1 day |\n"
            "| Low | 2 hours | 3 days |\n\n"
            "## High Priority\n\nA team cannot work.\n\n"
            "## Medium Priority\n\nOne person is slowed down.\n\n"
            "## Low Priority\n\nA question. Acknowledge within 90 minutes.\n")
    got = written.terms_from(tmp_path, nlp, text, "page.md")
    read = {(t.severity_level, t.kind, t.minutes) for t in got.response_times}
    assert {(2, "response", 30), (4, "response", 90)} <= read and (3, "response", 90) not in read


def test_plan_rows_under_a_header_line_of_levels(tmp_path: Path, nlp: Any) -> None:
    # one row per plan, one column per level, the kind from the section heading; each plan keeps its times
    text = ("Response targets\n\n"
            "How fast we reply depends on the plan you buy.\n\n"
            "Package Urgent (Severity 1) (Severity 2) (Severity 3)\n\n"
            "Platinum 20 minutes, around the clock 2 business hours 6 business hours\n\n"
            "Bronze 45 minutes, around the clock 4 business hours 2 business days\n")
    got = written.terms_from(tmp_path, nlp, text, "page.txt")
    assert times(got) == sorted([(1, "response", 20), (2, "response", 120), (3, "response", 360),
                                 (1, "response", 45), (2, "response", 240), (3, "response", 960)], key=_order)
    assert {t.scope for t in got.response_times} == {"Platinum", "Bronze"}
    assert {t.basis for t in got.response_times if t.severity_level == 1} == {"calendar"}


def test_a_second_table_run_into_the_first_with_its_corner_cell_last(tmp_path: Path, nlp: Any) -> None:
    # two pipe tables one after the other: level definitions, then plans across with the corner typed last
    text = ("| Level | Meaning |\n"
            "|---|---|\n"
            "| 1 | Nobody can sign in. |\n"
            "| 2 | Some people cannot sign in. |\n"
            "Starter | Plus | Max | |\n"
            "---|---|---|---|\n"
            "Level 1 Response Time | 3 hours | 1 hour | 20 minutes |\n"
            "Level 2 Response Time | 10 hours | 3 hours | 1 hour |\n")
    got = written.terms_from(tmp_path, nlp, text, "page.txt")
    assert times(got) == sorted([(1, "response", 180), (1, "response", 60), (1, "response", 20),
                                 (2, "response", 600), (2, "response", 180), (2, "response", 60)], key=_order)
    assert {t.scope for t in got.response_times} == {"Starter", "Plus", "Max"}


def test_columns_of_one_kind_for_different_covers_are_kept_apart(tmp_path: Path, nlp: Any) -> None:
    # three response columns, each for a different cover; equal times in two covers are two commitments
    text = ("| Level | First Response | First Response Extended Cover | First Response Elite Cover |\n"
            "|---|---|---|---|\n"
            "| Sev 1 | Within 2 hours | Within 2 hours | Within 1/2 hour |\n"
            "| Sev 2 | Within 4 hours | Within 4 hours | Within 1 hour |\n")
    got = written.terms_from(tmp_path, nlp, text, "page.md")
    assert times(got) == sorted([(1, "response", 120), (1, "response", 120), (1, "response", 30),
                                 (2, "response", 240), (2, "response", 240), (2, "response", 60)], key=_order)
    assert {t.scope for t in got.response_times} == {None, "Extended Cover", "Elite Cover"}


def test_a_level_title_on_its_own_line_over_its_description_keeps_its_level(tmp_path: Path, nlp: Any) -> None:
    # a saved page lost its headings' markup: each level's title sits on its own line, right after the
    # previous level's list, with the level's description on the next line; the title must not run into
    # that sentence (the times under "Moderate Priority" are level 2, not a second level 1)
    text = ("Call handling\n\n"
            "Severe Priority\n"
            "Every member of staff is unable to work.\n"
            "- A technician responds within 30 minutes.\n"
            "- Service is restored within 4 hours.\n"
            "Moderate Priority\n"
            "A single department has lost a key application.\n"
            "- A technician responds within 2 hours.\n"
            "- Service is restored within 1 business day.\n")
    got = written.terms_from(tmp_path, nlp, text, "page.txt")
    assert times(got) == sorted([(1, "response", 30), (1, "resolution", 240), (2, "response", 120),
                                 (2, "resolution", 480)], key=_order)
    assert {t.severity_label for t in got.response_times} == {"Severe Priority", "Moderate Priority"}


def test_two_plan_titles_in_a_row_are_no_level_title(tmp_path: Path, nlp: Any) -> None:
    # "Standard Support" over "Premium Support" names two plans side by side: no title of a level
    from sla_check.ingest.text import text_document

    doc = text_document("Help desk\n\nStandard Support\nPremium Support\nOur promises are listed below:\n"
                        "- We answer calls within 1 hour.\n", "plans.txt")
    assert not [b for b in doc.blocks if b.kind == "heading" and b.text == "Standard Support"]


#: shapes whose whole outcome is the (level, kind, minutes) read: (id, file name, text, expected)
SHAPES = [
    # no level names at all: each record opens with "Problem:", and the order of the records is the ladder
    pytest.param("page.txt", "How fast we act\n\n"
                    "Problem: the whole office is offline\n"
                    "First reply: Within 20 minutes\n"
                    "Resolved: Within 3 business hours\n"
                    "Problem: one person cannot log in\n"
                    "First reply: Within 2 business hours\n"
                    "Resolved: Within 6 business hours\n"
                    "Problem: a printer is slow\n"
                    "First reply: Within 4 business hours\n"
                    "Resolved: Within 2 business days\n"
                    "New starters: please give us a 48-hour notice period for new accounts.\n",
                 [(1, "response", 20), (1, "resolution", 180), (2, "response", 120), (2, "resolution", 360), (3, "response", 240), (3, "resolution", 960)], id="records_that_each_open_with_the_same_field_are_levels_in_their_order"),
    # the header names the first time column only; the terms defined just above name the next kind in
    # order, and a column of "every ..." cells is the update rhythm
    pytest.param("page.md", "First reply time\n\n"
                    "How long until an engineer picks the call up.\n\n"
                    "Fix time\n\n"
                    "How long until the fault is gone or worked round.\n\n"
                    "| Level | First reply time | | Who to call | |\n"
                    "|---|---|---|---|---|\n"
                    "| Sev 1 | Within 30 minutes | Within 6 hours | Duty manager | Every 1 hour |\n"
                    "| Sev 2 | Within 2 hours | Within 20 hours | Duty manager | Every 4 hours |\n",
                 [(1, "response", 30), (1, "resolution", 360), (1, "update", 60), (2, "response", 120), (2, "resolution", 1200), (2, "update", 240)], id="blank_headed_time_columns_take_the_kinds_defined_above_the_table"),
    # nothing names the second time column's kind: it is not guessed
    pytest.param("page.md", "| Level | First reply time | |\n"
                    "|---|---|---|\n"
                    "| Sev 1 | Within 30 minutes | Within 6 hours |\n"
                    "| Sev 2 | Within 2 hours | Within 20 hours |\n",
                 [(1, "response", 30), (2, "response", 120)], id="blank_headed_time_column_without_a_definition_stays_unread"),
    # a text table turned on its side: the corner cell says "Level", the rows are kinds
    pytest.param("page.txt", "Service levels\n\n"
                    "Level         Urgent        High              Normal\n"
                    "Response      1 hour        4 hours           1 business day\n"
                    "Resolution    4 hours       1 business day    5 business days\n",
                 [(1, "response", 60), (2, "response", 240), (3, "response", 480), (1, "resolution", 240), (2, "resolution", 480), (3, "resolution", 2400)], id="levels_across_under_a_corner_that_names_the_levels_row"),
    pytest.param("page.txt", "Fault handling\n\n"
                    "Urgent faults are fixed within 12 hours.\n\n"
                    "We promise a next-business-day response to every request.\n",
                 [(1, "resolution", 720), (None, "response", 480)], id="fixed_within_and_hyphenated_next_business_day"),
    # the headings rank the calls: Urgent, then Normal
    pytest.param("page.txt", "Urgent calls\n\n"
                    "Expectation: respond within 20 minutes, with regular calls to the user during resolution.\n\n"
                    "Normal calls\n\n"
                    "Expectation: acknowledge the call and plan for resolution within 2 business days.\n",
                 [(1, "response", 20), (2, "response", 960)], id="a_time_during_the_fix_is_no_fix_time_and_planning_a_fix_is_a_response"),
    # the header row omits the empty cell above the row labels: its names belong to the time columns
    pytest.param("page.txt", "Targets\n\n"
                    "Response | Resolution |\n"
                    "---|---|\n"
                    "Priority 1 | 15 minutes | 4 hours |\n"
                    "Priority 2 | 1 hour | 8 hours |\n",
                 [(1, "response", 15), (1, "resolution", 240), (2, "response", 60), (2, "resolution", 480)], id="a_header_without_its_corner_cell_sits_over_the_time_columns"),
    # no colon introduces the list; the paragraph's last sentence says what the times are
    pytest.param("page.md", "Desk\n\n"
                    "Each call gets a priority when it is logged. These resolution targets count office hours only.\n"
                    "- 6 hours for calls classified as P1\n"
                    "- 2 days for calls classified as P2\n",
                 [(1, "resolution", 360), (2, "resolution", 960)], id="a_list_of_level_times_takes_the_kind_the_paragraph_above_ends_on"),
    pytest.param("page.md", "Desk\n\n"
                    "Each call gets a priority when it is logged.\n"
                    "- 6 hours for calls classified as P1\n"
                    "- 2 days for calls classified as P2\n",
                 [], id="a_paragraph_that_names_no_kind_gives_the_list_none"),
    # a plan table, then a table for other services: Critical 20 minutes appears in both and is two promises
    pytest.param("page.md", "# Managed service\n\n"
                    "| Priority | Response Time | Response Time Premium |\n"
                    "|---|---|---|\n"
                    "| Critical | 45 minutes | 20 minutes |\n\n"
                    "# Cloud hosting\n\n"
                    "| Priority | Response Time |\n"
                    "|---|---|\n"
                    "| Critical | 20 minutes |\n",
                 [(1, "response", 45), (1, "response", 20), (1, "response", 20)], id="a_plain_time_is_kept_beside_the_same_time_in_a_plans_column"),
]


@pytest.mark.parametrize(("name", "text", "expected"), SHAPES)
def test_the_times_read_from_a_shape(tmp_path: Path, nlp: Any, name: str, text: str,
                                     expected: list[tuple[Any, str, float]]) -> None:
    assert times(written.terms_from(tmp_path, nlp, text, name)) == sorted(expected, key=_order)
