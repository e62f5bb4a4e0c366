"""Response-time shapes found on the first reading of fresh real SLAs (stop 25, issue 12), each written in
our own words and read through the real reader and extractor: tables stacked under copies of one header
(the second with its own clock), row labels that run a description on after a dash, effort pledged to a
fix by a time inside a table cell, a share of cases ("most tickets ...") that reports rather than
promises, a clock stated for the targets that counts long spans of days too, and follow-ups promised
"every" so often inside a response column."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import written


times = written.in_order


def test_stacked_tables_under_repeated_headers_are_read_apart(tmp_path: Path, nlp: Any) -> None:
    # a saved page with two tables of the same columns, the second over its own clock
    text = ("Fault class / Priority | Reply time | Fix time |\n"
            "Critical - the whole office stops and a large share of staff cannot work | 2 working hours | 10 hours |\n"
            "Medium - one function is slow, work goes on | 1 working day | 5 working days |\n"
            "Fault class / Priority | Reply time on weekdays 07.00-22.00 | Fix time on weekdays 07.00-22.00 |\n"
            "Critical - the whole office stops and a large share of staff cannot work | 2 working hours | 6 hours |\n")
    got = written.terms_from(tmp_path, nlp, text, "page.txt")
    assert times(got) == sorted([(1, "response", 120), (1, "resolution", 600), (1, "resolution", 360),
                                 (2, "response", 480), (2, "resolution", 2400)],
                                key=written.order)
    six = next(t for t in got.response_times if t.minutes == 360)
    assert six.basis == "business"  # the stacked table's header names its clock
    ten = next(t for t in got.response_times if t.minutes == 600)
    assert ten.basis == "unspecified"  # the first table names none for its fix times


def test_a_dashed_description_does_not_rank_the_row(tmp_path: Path, nlp: Any) -> None:
    # "significant" in the description of the most severe row must not make it level 2, in the stacked
    # table below too, whose rows describe the levels in other words than the first
    text = ("Fault class / Priority | Reply time | Fix time |\n"
            "Critical - the service is down and work stops for most of the staff | 30 minutes | 4 hours |\n"
            "Standard - one team has a serious fault and no way round it | 2 hours | 1 working day |\n"
            "Other - a fault nobody notices in daily work | 1 working day | 10 working days |\n"
            "Fault class / Priority | Reply time at weekends | Fix time at weekends |\n"
            "Critical - a significant part of the service fails for most of the staff | 1 hour | 8 hours |\n")
    got = written.terms_from(tmp_path, nlp, text, "page.txt")
    assert {t.severity_level for t in got.response_times if "significant" in (t.severity_label or "")} == {1}


def test_effort_pledged_to_a_fix_by_a_time_is_kept_but_a_best_effort_cell_is_not(tmp_path: Path, nlp: Any) -> None:
    text = ("| Level | Response | Fix |\n"
            "|---|---|---|\n"
            "| Level 1 | 1 hour | We put our best efforts to deliver a fix or a way round the fault within 3 working days. |\n"
            "| Level 2 | 4 hours | Best effort within 10 working days |\n")
    got = written.terms_from(tmp_path, nlp, text, "page.md")
    assert times(got) == [(1, "resolution", 1440), (1, "response", 60), (2, "response", 240)]


def test_what_most_tickets_get_is_no_promise(tmp_path: Path, nlp: Any) -> None:
    text = ("Our desk\n\n"
            "We answer every call as fast as we can, and the majority of tickets are closed within 2 days. "
            "Urgent calls get a call-back within 1 hour.\n")
    got = written.terms_from(tmp_path, nlp, text, "page.txt")
    assert times(got) == [(1, "response", 60)]


def test_the_most_severe_incidents_still_name_a_promise(tmp_path: Path, nlp: Any) -> None:
    # a superlative ("the most severe incidents") is a level, not a share of cases
    text = "Help\n\nThe most critical incidents are resolved within 4 hours.\n"
    got = written.terms_from(tmp_path, nlp, text, "page.txt")
    assert [t[1:] for t in times(got)] == [("resolution", 240)]


def test_a_clock_stated_for_the_targets_counts_long_spans_of_days(tmp_path: Path, nlp: Any) -> None:
    text = ("Fault handling\n\n"
            "Every target below runs within our opening hours, 8am - 5pm, Monday to Friday.\n\n"
            "Tier 1 faults: acknowledgement within 2 hours, full fix within 10 days.\n\n"
            "Tier 2 faults: acknowledgement within 1 day, full fix within 20 days.\n")
    got = written.terms_from(tmp_path, nlp, text, "page.txt")
    fixes = sorted(t.minutes for t in got.response_times if t.kind == "resolution")
    assert fixes == [4800, 9600]  # 10 and 20 working days of 480 minutes
    assert {t.basis for t in got.response_times} == {"business"}


def test_follow_ups_every_so_often_in_a_response_column_are_updates(tmp_path: Path, nlp: Any) -> None:
    text = ("| Severity | Response | Resolution |\n"
            "|---|---|---|\n"
            "| Sev 1 | We confirm we have the ticket. Follow-up is sent through the portal every 90 minutes. | 2 days |\n")
    got = written.terms_from(tmp_path, nlp, text, "page.md")
    assert (1, "update", 90) in times(got)
    assert not any(t.kind == "response" for t in got.response_times)  # no time for the confirmation


def test_a_named_level_with_its_noun_labels_a_list_item(tmp_path: Path, nlp: Any) -> None:
    # "Critical Error:" opens the item it governs, as "Critical:" would
    text = ("Reply times\n\n"
            "- Critical Error: Reply within 2 hours.\n"
            "- Minor error: Reply within one business day.\n")
    got = written.terms_from(tmp_path, nlp, text, "page.txt")
    assert (1, "response", 120) in times(got)


def test_a_visit_after_an_average_of_a_day_is_no_deadline(tmp_path: Path, nlp: Any) -> None:
    # "after an average of" bounds the visit from below: no promise of when it comes at the latest
    text = ("Site visits\n\n"
            "Each call gets a rating: \u2022 HIGH (system down) - an engineer arrives on site within an average of "
            "six (6) hours of the call. \u2022 LOW (system usable) - an engineer arrives on site after an average of "
            "two (2) business days or at a time agreed with you.\n")
    got = written.terms_from(tmp_path, nlp, text, "page.txt")
    assert [t[1:] for t in times(got)] == [("response", 360)]
