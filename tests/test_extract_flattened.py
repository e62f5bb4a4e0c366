"""Tables flattened into one paragraph (what a PDF whose table has no ruling lines often turns into once
its words are read in order), written in our own words and read through the real pipeline: rows whose
labels are the document's own names, and plan columns whose kind is named by the text above."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Optional

from sla_check.models import Terms
from written import terms_from


def times(terms: Terms) -> set[tuple[Optional[int], Optional[str], str, float]]:
    return {(t.severity_level, t.severity_label, t.kind, t.minutes) for t in terms.response_times}


def test_own_row_names_with_one_kind_per_column(tmp_path: Path, nlp: Any) -> None:
    """The header names a kind per column; the row labels are names no ladder knows, so the rows'
    order is the ladder."""
    text = (
        "# Desk targets\n\n"
        "Ticket Class Response Goal Resolution Goal Desk - Blocker 20 minutes 3 hours "
        "Desk - Routine 6 hours 30 hours Desk - Planned 6 hours 90 hours Desk - Ordering 6 hours 200 hours\n"
    )
    got = times(terms_from(tmp_path, nlp, text))
    assert got == {
        (1, "Desk - Blocker", "response", 20), (1, "Desk - Blocker", "resolution", 180),
        (2, "Desk - Routine", "response", 360), (2, "Desk - Routine", "resolution", 1800),
        (3, "Desk - Planned", "response", 360), (3, "Desk - Planned", "resolution", 5400),
        (4, "Desk - Ordering", "response", 360), (4, "Desk - Ordering", "resolution", 12000),
    }


def test_plan_columns_take_their_kind_from_the_text_above(tmp_path: Path, nlp: Any) -> None:
    """The header names plans, not kinds; the paragraph above says the table gives first replies. A
    plan's empty cell ("N/A") or best-effort cell sits inside a row, not between two rows, and still
    counts as a column, so each time keeps its plan (two plans may promise the same time)."""
    text = (
        "# Plans\n\n"
        "The table below sets the first reply time for each ticket level in each plan.\n\n"
        "Level Basic Plus Elite Severe Best effort 6 hrs 30 min Major 12 hrs 12 hrs N/A "
        "Minor 36 hrs 24 hrs N/A\n"
    )
    terms = terms_from(tmp_path, nlp, text)
    assert {(t.severity_level, t.severity_label, t.scope, t.kind, t.minutes) for t in terms.response_times} == {
        (1, "Severe", "Plus", "response", 360), (1, "Severe", "Elite", "response", 30),
        (2, "Major", "Basic", "response", 720), (2, "Major", "Plus", "response", 720),
        (3, "Minor", "Basic", "response", 2160), (3, "Minor", "Plus", "response", 1440),
    }


def test_prose_with_times_is_not_read_as_rows(tmp_path: Path, nlp: Any) -> None:
    """Sentences whose times are separated by ordinary words are not a flattened table: the words
    between them are too unlike one another to be row labels."""
    text = (
        "# Support\n\n"
        "We answer urgent calls in 30 minutes and aim to fix them in 4 hours, other calls in 8 hours "
        "and their fixes follow within 3 days once the cause is known to our engineers.\n"
    )
    got = times(terms_from(tmp_path, nlp, text))
    assert not any(label and label.split()[0] in {"and", "other"} for _, label, _, _ in got)
