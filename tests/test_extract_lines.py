"""Response-time shapes of plain-text SLAs whose writers type tables one row per line and lists
under captions (issue 12), and the rule that one time promised by two plans or on two clocks is two
commitments. Every document below is our own wording, run through the real reader and extractor."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from sla_check.models import Terms
import written


def terms_from(tmp_path: Path, nlp: Any, text: str, name: str = "doc.txt") -> Terms:
    return written.terms_from(tmp_path, nlp, text, name)  # plain text: these shapes are typed lines


times = written.times


def test_rows_typed_one_per_line_take_the_header_kinds_in_order(tmp_path: Path, nlp: Any) -> None:
    text = ("Helpdesk Commitments\n\n"
            "Our engineers work to the targets below.\n\n"
            "Severity Response Fix\n"
            "Severity 1 20 minutes 3 hours\n"
            "Severity 2 45 minutes 9 hours\n"
            "Severity 3 2 hours 3 days\n"
            "All targets are measured in business hours, Monday to Friday 08:30 - 17:30.\n")
    got = terms_from(tmp_path, nlp, text)
    assert times(got) == sorted([(1, "response", 20), (1, "resolution", 180), (2, "response", 45), (2, "resolution", 540),
                                 (3, "response", 120), (3, "resolution", 1440)], key=str)
    assert {t.basis for t in got.response_times} == {"business"}  # the note under the rows states the clock


def test_a_kind_word_opening_a_group_of_rows_carries_down_and_the_rows_make_the_ladder(tmp_path: Path, nlp: Any) -> None:
    # named levels whose generic numbers tie (Severe and Urgent are both 1): the order the rows list
    # them in is the document's ladder
    text = ("Ticket targets\n\n"
            "Measure Level Target Share\n"
            "Acknowledge Severe 30 minutes 95%\n"
            "Urgent 2 business hours 85%\n"
            "Serious 6 business hours 85%\n"
            "Moderate 2 business days 80%\n"
            "Restore Severe 6 hours 95%\n"
            "Urgent 12 hours 85%\n")
    got = terms_from(tmp_path, nlp, text)
    assert times(got) == sorted([(1, "response", 30), (2, "response", 120), (3, "response", 360), (4, "response", 960),
                                 (1, "resolution", 360), (2, "resolution", 720)], key=str)


def test_markdown_line_breaks_stay_soft(tmp_path: Path, nlp: Any) -> None:
    # the same rows in a Markdown file render as one paragraph: they are not read as a table of lines
    text = ("Severity Response Fix\n"
            "Severity 1 20 minutes 3 hours\n"
            "Severity 2 45 minutes 9 hours\n")
    got = terms_from(tmp_path, nlp, text, name="doc.md")
    assert all(t.evidence is None or t.evidence.rule != "time.line_table" for t in got.response_times)


def test_a_caption_over_team_lists_gives_the_kind_and_each_team_is_a_scope(tmp_path: Path, nlp: Any) -> None:
    text = ("Service levels for every team\n"
            "Target time to fix (set by each team)\n"
            "Desktop Support\n"
            "- P1 - 6 business hours\n"
            "- P2 - 2 business days\n"
            "Data Centre\n"
            "- P1 - 6 business hours\n"
            "- P2 - 1 business day\n")
    got = terms_from(tmp_path, nlp, text)
    assert sorted((t.severity_level, t.kind, t.minutes, t.scope) for t in got.response_times) == [
        (1, "resolution", 360, "Data Centre"), (1, "resolution", 360, "Desktop Support"),
        (2, "resolution", 480, "Data Centre"), (2, "resolution", 960, "Desktop Support")]


def test_a_list_intro_names_its_kind_in_its_last_sentence(tmp_path: Path, nlp: Any) -> None:
    text = ("Support terms\n\n"
            "These times are not a promise that the fault is fixed or resolved. "
            "The list below gives our first response times.\n"
            "- Critical = 2 hours\n"
            "- Low = 3 business days\n")
    got = terms_from(tmp_path, nlp, text)
    assert {t.kind for t in got.response_times} == {"response"}
    assert times(got) == [(1, "response", 120), (4, "response", 1440)]


def test_one_time_promised_by_two_plans_is_two_commitments(tmp_path: Path, nlp: Any) -> None:
    text = ("# Response times by plan\n\n"
            "| Priority | Bronze | Silver |\n|---|---|---|\n"
            "| P1 | 8 hours | 8 hours |\n| P2 | 2 days | 1 day |\n")
    got = terms_from(tmp_path, nlp, text, name="plans.md")
    p1 = sorted(t.scope or "" for t in got.response_times if t.severity_level == 1)
    assert p1 == ["Bronze", "Silver"]


def test_one_time_on_two_clocks_is_two_commitments_but_a_repeat_is_one(tmp_path: Path, nlp: Any) -> None:
    text = ("# Cover\n\n"
            "P1 incidents: we respond within 2 hours during business hours.\n\n"
            "P1 incidents: we respond within 2 hours outside business hours, 24x7.\n\n"
            "P1 incidents: we respond within 2 hours.\n")
    got = terms_from(tmp_path, nlp, text, name="clocks.md")
    assert sorted(t.basis for t in got.response_times if t.severity_level == 1) == ["business", "calendar"]


def test_a_row_label_ending_in_a_lead_word_keeps_its_letters(tmp_path: Path, nlp: Any) -> None:
    # "within", "in", "by" lead a time only as whole words: "Login" and "Standby" are labels, not "Log in"
    text = ("Support targets\n\n"
            "Our engineers work to the targets below.\n\n"
            "Priority Response Resolution\n"
            "P1 Login 30 minutes 4 hours\n"
            "P2 Plugin 2 hours 1 day\n"
            "P3 Standby within 4 hours 3 days\n")
    got = terms_from(tmp_path, nlp, text)
    assert sorted({(t.severity_level, t.severity_label) for t in got.response_times}) == [
        (1, "P1 Login"), (2, "P2 Plugin"), (3, "P3 Standby")]
