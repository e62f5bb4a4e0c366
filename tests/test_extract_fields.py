"""Shapes of the fields other than response times (uptime, exclusions, credits, support hours,
monitoring, chronic-failure termination) seen in SLAs written elsewhere (issue 12), each run
through the real reader on a small Markdown or text file. All wording is our own."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from sla_check.models import Terms
from sla_check.pipeline import extract_file


def terms_from(tmp_path: Path, nlp: Any, text: str, name: str = "doc.md") -> Terms:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = extract_file(path, nlp=nlp)
    assert result.terms is not None, result.error
    return result.terms


def uptimes(terms: Terms) -> set[tuple[float, str]]:
    return {(u.percent, u.period) for u in terms.uptime}


# ----------------------------------------------------------------------------------- uptime


def test_a_level_reported_as_achieved_is_not_a_target(tmp_path: Path, nlp: Any) -> None:
    text = ("# Service levels\n\nThe platform is built for resilience. Last year our measured availability "
            "reached 99.97% across all regions.\n\nWe commit to an availability of 99.5% in each calendar month.\n\n"
            "| Month | Actual uptime |\n|---|---|\n| March | Actual uptime: 99.81% |\n")
    assert uptimes(terms_from(tmp_path, nlp, text)) == {(99.5, "month")}


def test_a_target_with_no_period_anywhere_stays_unspecified(tmp_path: Path, nlp: Any) -> None:
    text = ("# Hosting terms\n\nThe hosting platform will be available 99.8% of the time.\n\n"
            "## Related documents\n\nThese documents also apply:\n\n* Monthly Uptime Percentage\n* Support Policy\n")
    assert uptimes(terms_from(tmp_path, nlp, text)) == {(99.8, "unspecified")}


def test_levels_listed_after_a_lead_in_are_each_a_target_with_the_lead_ins_period(tmp_path: Path, nlp: Any) -> None:
    text = ("# 3. Availability\n\nThe portal shall achieve at least the following availability, measured monthly:\n\n"
            "(a) during the first quarter after go-live: 98.5%;\n\n(b) from the second quarter on: 99.3%;\n\n"
            "(c) for the reporting module: 99.0%.\n\n# 4. Support\n\nWe answer the phone within 10 minutes.\n")
    terms = terms_from(tmp_path, nlp, text)
    assert uptimes(terms) == {(98.5, "month"), (99.3, "month"), (99.0, "month")}
    assert all(u.service for u in terms.uptime)  # each level keeps its item's label as its scope
