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
