"""Which times are commitments, and whose (issue 12): plan columns and their hours, ladders a document
numbers itself, levels named a paragraph above, lateness bands, reports of the past. Our own wording
throughout, read by the real pipeline."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Optional

from sla_check.models import Terms
from written import terms_from


def items(terms: Terms) -> set[tuple[Optional[int], str, float]]:
    return {(t.severity_level, t.kind, t.minutes) for t in terms.response_times}


def test_each_plan_runs_on_its_own_hours_over_a_note_for_the_table(tmp_path: Path, nlp: Any) -> None:
    text = ("# First response by plan\n\n| Severity | Starter | Scale |\n|---|---|---|\n"
            "| Sev 1 | 6 hours | 1 hour |\n| Sev 2 | 2 days | 1 day |\n\n"
            "Starter support is open Monday to Friday, 8am to 6pm. Scale support is open 24/7.\n")
    got = {(t.severity_level, t.scope, t.minutes, t.basis) for t in terms_from(tmp_path, nlp, text).response_times}
    assert (1, "Starter", 360, "business") in got and (1, "Scale", 60, "calendar") in got
    assert (2, "Starter", 960, "business") in got and (2, "Scale", 1440, "calendar") in got


def test_a_plan_marked_best_effort_and_a_best_effort_cell_commit_to_nothing(tmp_path: Path, nlp: Any) -> None:
    text = ("# Response times\n\n| Feature | Community | Business |\n|---|---|---|\n"
            "| Kind of cover | Best effort | Contractual |\n"
            "| Response - Severity 1 | 3 days | 2 hours |\n| Response - Severity 2 | 5 days | 6 hours |\n\n"
            "| Metric | Goal |\n|---|---|\n| P1 fix | Best-effort within 2 days |\n| P1 response | 30 minutes |\n")
    got = terms_from(tmp_path, nlp, text)
    assert items(got) == {(1, "response", 120), (2, "response", 360), (1, "response", 30)}


def test_named_levels_with_gaps_in_the_usual_scale_are_numbered_by_rank(tmp_path: Path, nlp: Any) -> None:
    text = ("# Targets\n\n| Severity | Response |\n|---|---|\n| Serious | 2 hours |\n| Minor | 2 days |\n")
    assert items(terms_from(tmp_path, nlp, text)) == {(1, "response", 120), (2, "response", 2880)}


def test_a_level_column_that_numbers_its_own_names(tmp_path: Path, nlp: Any) -> None:
    text = ("# Targets\n\n| Priority | Meaning | First response |\n|---|---|---|\n"
            "| 1. Blocking | nobody can work | 1 hour |\n| 2. Noticeable | some users affected | 4 hours |\n")
    assert items(terms_from(tmp_path, nlp, text)) == {(1, "response", 60), (2, "response", 240)}


def test_a_cell_kind_is_the_word_leading_its_time_and_descriptions_are_no_measure(tmp_path: Path, nlp: Any) -> None:
    text = ("# Severities\n\n| Severity | Definition | Paid |\n|---|---|---|\n"
            "| Sev 1 | Platform down and no workaround | Response within 2 hours, engineers work until resolution |\n"
            "| Sev 2 | Feature broken, workaround exists | Response within 8 hours |\n")
    assert items(terms_from(tmp_path, nlp, text)) == {(1, "response", 120), (2, "response", 480)}


def test_a_measure_cell_can_name_the_level(tmp_path: Path, nlp: Any) -> None:
    text = "# Pilot terms\n\n| Metric | Commitment |\n|---|---|\n| P1 ack | 2 hours |\n| P2 ack | 1 day |\n"
    assert items(terms_from(tmp_path, nlp, text)) == {(1, "response", 120), (2, "response", 1440)}


def test_bands_of_lateness_are_not_targets_but_caps_are(tmp_path: Path, nlp: Any) -> None:
    text = ("# Response credits\n\n| Response time missed by | Credit |\n|---|---|\n"
            "| more than 2 hours | 5% |\n| over 6 hours | 10% |\n\n"
            "# Response times\n\n| Priority | Response |\n|---|---|\n| P1 | not to exceed 1 hour |\n| P2 | no more than 3 hours |\n")
    assert items(terms_from(tmp_path, nlp, text)) == {(1, "response", 60), (2, "response", 180)}


def test_a_report_of_the_past_is_not_a_promise(tmp_path: Path, nlp: Any) -> None:
    text = ("# Support\n\nWe respond to P1 incidents within 1 hour.\n\n"
            "Last year our average response time was 20 minutes and P2 incidents were resolved within 6 hours.\n")
    assert items(terms_from(tmp_path, nlp, text)) == {(1, "response", 60)}


def test_lettered_levels_in_prose_and_reaction_as_a_response(tmp_path: Path, nlp: Any) -> None:
    text = ("# Desk\n\nLevel A tickets get a reaction within 20 minutes, level B within 3 hours and "
            "level C within 2 business days.\n")
    assert items(terms_from(tmp_path, nlp, text)) == {(1, "response", 20), (2, "response", 180), (3, "response", 960)}


def test_a_level_defined_in_the_paragraph_above_owns_the_promise(tmp_path: Path, nlp: Any) -> None:
    text = ("# Incidents\n\nPriority 1 - Critical: the whole platform is unreachable.\n\n"
            "We answer within 20 minutes and restore service within 3 hours.\n\n"
            "Priority 3 - Medium: one screen misbehaves.\n\nWe answer within 1 business day.\n")
    assert items(terms_from(tmp_path, nlp, text)) == {(1, "response", 20), (1, "resolution", 180), (3, "response", 480)}


def test_a_note_under_a_table_can_name_its_kind(tmp_path: Path, nlp: Any) -> None:
    text = ("# Support times\n\n| Severity | Gold | Silver |\n|---|---|---|\n| Sev 1 | 1 hour | 3 hours |\n\n"
            "All of these are first response times.\n")
    got = terms_from(tmp_path, nlp, text)
    assert {(t.scope, t.kind, t.minutes) for t in got.response_times} == {("Gold", "response", 60), ("Silver", "response", 180)}


def test_a_level_named_right_after_its_time_owns_it(tmp_path: Path, nlp: Any) -> None:
    text = "# Support\n\nWe reply within 2 hours for P1 tickets and within 6 hours for P2 tickets.\n"
    assert items(terms_from(tmp_path, nlp, text)) == {(1, "response", 120), (2, "response", 360)}


def test_a_row_of_clocks_gives_each_plan_column_its_basis(tmp_path: Path, nlp: Any) -> None:
    text = ("# First response\n\n| | Lite | Max |\n|---|---|---|\n| Response (Sev 1) | 6h | 1h |\n"
            "| Hours covered | 9x5 | 24x7 |\n")
    got = {(t.scope, t.minutes, t.basis) for t in terms_from(tmp_path, nlp, text).response_times}
    assert got == {("Lite", 360, "business"), ("Max", 60, "calendar")}


def test_plan_items_under_a_kind_heading_are_each_plans_commitment(tmp_path: Path, nlp: Any) -> None:
    text = ("# Plans\n\n## Response times\n\nHow fast we reply depends on your plan:\n\n"
            "- Basic: 2 days\n- Premium: 6 hours, 1 hour for critical incidents\n")
    got = {(t.scope, t.severity_level, t.kind, t.minutes) for t in terms_from(tmp_path, nlp, text).response_times}
    assert got == {("Basic", None, "response", 2880), ("Premium", None, "response", 360), ("Premium", 1, "response", 60)}
