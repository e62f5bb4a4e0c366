"""Response-time shapes of stop 24 (issue 12), in our own words through the real reader and extractor:
an upper bound ("less than") before a time is the target itself, while a length lead before it
("lasting less than") keeps it a threshold."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Optional

import pytest

import written


CASES = [
    # list items that give each level an upper bound on its reply, most severe first
    pytest.param("Desk priorities\n\n"
                 "- Critical - less than 20 minute response time\n"
                 "- For outages that stop the whole office\n"
                 "- Normal - less than 2 hour response time\n"
                 "- For issues that slow one person down\n",
                 "page.txt", [(1, "response", 20), (3, "response", 120)],
                 id="an_upper_bound_in_a_list_item_is_the_levels_target"),
    # prose: "in less than" a time is a deadline, for a reply and for a fix alike
    pytest.param("Ticket handling\n\n"
                 "Critical tickets get a reply from an engineer in less than 20 minutes.\n"
                 "Normal tickets are resolved in fewer than 3 days.\n",
                 "page.txt", [(1, "response", 20), (3, "resolution", 4320)],
                 id="in_less_than_a_time_is_a_deadline_in_prose"),
    # a rate word before an update noun is the update's rhythm, not a second reply time
    pytest.param("Fault targets\n\n"
                 "Severity 1: the carrier will answer within 20 minutes and will send hourly updates until the fault is fixed.\n"
                 "Severity 2: the carrier will answer within 3 business hours and will send daily updates until the fault is fixed.\n",
                 "page.txt", [(1, "response", 20), (1, "update", 60), (2, "response", 180), (2, "update", 1440)],
                 id="hourly_and_daily_updates_beside_a_reply_time_are_update_rhythms"),
    # a heading over the customer's own duties with a word between the role and the duty noun
    pytest.param("Customer Migration Duties\n\n"
                 "Must send the provider a status update of the data load daily and answer its questions within 2 days.\n",
                 "page.txt", [],
                 id="times_under_a_customer_duties_heading_with_a_word_between_are_no_service_levels"),
    # a text table sorted by type of request: each row's priority name keeps its generic rank, and one
    # cell holds the response and the resolution times in the order the header names them
    pytest.param("Targets\n\nThe hours are working hours.\n\n"
                 "Kind of request Priority Target (response time / resolution time)\n"
                 "Billing questions Low 8 hours / 3 days\n"
                 "Whole site down Urgent 30 minutes / 4 hours\n"
                 "Slow pages High 1 hour / 8 hours\n",
                 "page.txt", [(4, "response", 480), (4, "resolution", 1440), (1, "response", 30),
                              (1, "resolution", 240), (2, "response", 60), (2, "resolution", 480)],
                 id="rows_sorted_by_request_type_keep_their_priority_names_ranks"),
    # long descriptions before each row's priority: the name closing the description is the row's level
    pytest.param("Targets\n\n"
                 "Kind of request Priority Target (response time / resolution time)\n"
                 "Questions about an invoice or a contract renewal Low 8 hours / 3 days\n"
                 "Every hosted site of the account is down at once Urgent 30 minutes / 4 hours\n"
                 "Pages of one hosted site load slowly for all visitors High 1 hour / 8 hours\n",
                 "page.txt", [(4, "response", 480), (4, "resolution", 4320), (1, "response", 30),
                              (1, "resolution", 240), (2, "response", 60), (2, "resolution", 480)],
                 id="a_priority_after_a_long_description_labels_the_row"),
    # the line of column names ran on at the end of the paragraph above: the rows still take its kind
    pytest.param("Ticket priorities\n\n"
                 "Every ticket gets a priority when it is logged. The matrix below shows how: "
                 "Whole school 1 1 2 One class 1 2 3 Rank Meaning Target Fix\n"
                 "1 Critical 6 hours\n"
                 "2 High 12 hours\n"
                 "3 Medium 2 days\n",
                 "page.txt", [(1, "resolution", 360), (2, "resolution", 720), (3, "resolution", 2880)],
                 id="a_header_run_on_at_the_end_of_the_paragraph_above_names_the_kind"),
    # a numbered level on a line of its own, its description, then its time two lines below, under a
    # heading that names the SLAs and their credits: the number ranks the level, the heading is the service's
    pytest.param("Hosting SLAs and Credits\n\n"
                 "2 - High impact\n\nThe service runs but the customer works slowly.\n\nResponse target: 2 hours\n\n"
                 "3 - Medium impact\n\nThe service runs and most work goes on.\n\nResponse target: 8 hours\n",
                 "page.txt", [(2, "response", 120), (3, "response", 480)],
                 id="a_numbered_level_line_labels_the_time_two_lines_below"),
    # the same words after a length lead measure the event, not the vendor: no target is read
    pytest.param("Counting outages\n\n"
                 "Interruptions lasting less than 10 minutes are not counted when the service is restored.\n",
                 "page.txt", [],
                 id="a_length_lead_before_less_than_keeps_it_a_threshold"),
]


@pytest.mark.parametrize("text, name, expected", CASES)
def test_the_response_times_read(tmp_path: Path, nlp: Any, text: str, name: str,
                                 expected: list[tuple[Optional[int], str, float]]) -> None:
    got = written.terms_from(tmp_path, nlp, text, name)
    assert written.times(got) == sorted(expected, key=str)


def test_a_long_list_written_least_severe_first_ranks_by_its_top_rung(tmp_path: Path, nlp: Any) -> None:
    """Each level of a list running from the mildest to the worst, with examples under each, keeps its
    generic rank: the first item's window of the run does not reach the top rung, and words of the
    examples ("minor", "major") are no rungs that would turn the order upside down."""
    examples = "".join(f"- Example {k}: a {word} nuisance for one desk\n" for k, word in
                       enumerate(["minor", "minor", "small", "minor", "major", "major", "major", "big"]))
    text = ("Desk priorities\n\n"
            "- Low - less than 3 hour response time\n" + examples
            + "- Medium - less than 2 hour response time\n" + examples
            + "- High - less than 1 hour response time\n" + examples
            + "- Urgent - less than 20 minute response time\n" + examples)
    got = written.terms_from(tmp_path, nlp, text, "page.txt")
    assert written.times(got) == sorted([(4, "response", 180), (3, "response", 120), (2, "response", 60),
                                         (1, "response", 20)], key=str)


def _plan_page(rows: str) -> str:
    """Two plan columns named in parallel ("Essential Support" is a plan word of the lexicon, "Extended
    Support" is not; both end in the same noun), a row of hours of cover whose cells are words and a
    list, then the rows of times, as a web page's text gives a table one cell per line."""
    return ("Support plans\n\nEssential Support\n\nExtended Support\n\nHours of cover\n\nOffice hours\n\n"
            "Severity 1:\n\n  \u2022 By phone: around the clock\n\n  \u2022 Otherwise:\n    office hours\n\n"
            "Severity 2 and 3: office hours\n\n" + rows)


def test_a_plan_column_table_saved_one_cell_per_line(tmp_path: Path, nlp: Any) -> None:
    """Rows whose label names a level and a kind, each followed by one bare time line per plan: every
    time keeps its level, kind and plan."""
    text = _plan_page("Severity 1 Response Time\n\n6 hours\n\n1 hour\n\n"
                      "Severity 2 Response Time\n\n12 hours\n\n3 hours\n\n"
                      "Severity 3 Response Time\n\n24 hours\n\n8 hours\n")
    got = written.terms_from(tmp_path, nlp, text, "page.txt")
    read = sorted((t.severity_level, t.kind, t.minutes, t.scope) for t in got.response_times)
    assert read == [(1, "response", 60, "Extended Support"), (1, "response", 360, "Essential Support"),
                    (2, "response", 180, "Extended Support"), (2, "response", 720, "Essential Support"),
                    (3, "response", 480, "Extended Support"), (3, "response", 1440, "Essential Support")]


def test_a_row_whose_time_lines_do_not_match_the_plans_is_not_read(tmp_path: Path, nlp: Any) -> None:
    """One time line under each level where the page names two plans: which plan it belongs to is unknown."""
    text = _plan_page("Severity 1 Response Time\n\n6 hours\n\nSeverity 2 Response Time\n\n12 hours\n")
    got = written.terms_from(tmp_path, nlp, text, "page.txt")
    assert not any(t.scope for t in got.response_times)
