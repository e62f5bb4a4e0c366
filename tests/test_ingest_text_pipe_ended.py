"""Saved web pages whose tables end each cell with a pipe and open no row with one, their rows broken
over lines wherever a cell was long (issue 12, stop 23): read through the real text reader and
extractor, in our own words."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import written

from sla_check.ingest import load_document

# the first header cell on a line of its own, and each row's last cell pushed onto the next line
BROKEN_ROWS = (
    "Home plan\n"
    "Level |\n"
    "What it covers | First reply | Fix or workaround |\n"
    "Level 1 | The line is dead for every device in the house. | 3 Hours (within Business Hours) |\n"
    "2-3 days |\n"
    "Level 2 | The line works but drops often. | 6 Hours (within Business Hours) |\n"
    "4-6 days |\n"
    "Level 3 | One device cannot connect. | 1 Business Day | 10 Business Days |\n"
)

# a caption row of empty cells, then cells that run on over lines with no pipe at their line ends
RUN_ON_CELLS = (
    "Levels and targets | | | |\n"
    "Level | Meaning | First response | Fix |\n"
    "A - Severe | The whole product is down and:\n"
    "no way round it is known. | 2 hours | Within 6 hours |\n"
    "B - Moderate | Part of the product is slow. | 1 day | Within 5 days\n"
    "|\n"
)


def _table_rows(doc: Any) -> list[tuple[str, ...]]:
    return [b.cells for b in doc.blocks if b.kind == "table_row"]


def test_pipe_ended_rows_broken_over_lines_read_as_one_table(tmp_path: Path) -> None:
    path = tmp_path / "home.txt"
    path.write_text(BROKEN_ROWS, encoding="utf-8")
    doc = load_document(path)
    rows = _table_rows(doc)
    assert [r[0] for r in rows] == ["Level 1", "Level 2", "Level 3"]
    assert rows[0][2:] == ("3 Hours (within Business Hours)", "2-3 days")
    assert rows[2][2:] == ("1 Business Day", "10 Business Days")
    assert {b.table_id for b in doc.blocks if b.kind == "table_row"} == {0}
    assert "Level 1" not in " ".join(b.text for b in doc.blocks if b.kind != "table_row")


def test_pipe_ended_rows_give_each_level_its_times(tmp_path: Path, nlp: Any) -> None:
    got = written.terms_from(tmp_path, nlp, BROKEN_ROWS, "home.txt")
    found = {(t.severity_level, t.kind, t.minutes) for t in got.response_times}
    assert {(1, "response", 180), (2, "response", 360), (3, "response", 480)} <= found
    assert {t.kind for t in got.response_times if t.severity_level == 2} == {"response", "resolution"}


def test_cells_running_on_over_lines_and_a_caption_row(tmp_path: Path, nlp: Any) -> None:
    path = tmp_path / "levels.txt"
    path.write_text(RUN_ON_CELLS, encoding="utf-8")
    rows = _table_rows(load_document(path))
    assert [r[0] for r in rows] == ["A - Severe", "B - Moderate"]
    assert rows[0][1] == "The whole product is down and: no way round it is known."
    assert rows[1][3] == "Within 5 days"
    got = written.terms_from(tmp_path, nlp, RUN_ON_CELLS, "levels2.txt")
    found = {(t.severity_level, t.kind, t.minutes) for t in got.response_times}
    assert {(1, "response", 120), (1, "resolution", 360)} <= found


def test_stacked_tables_of_other_widths_stay_apart(tmp_path: Path) -> None:
    # every line is a whole row: lines of two widths one under the other are not run together as cells
    text = ("Plan | Hours | Reply |\nBasic | 9x5 | 4 hours |\nFull | 24x7 | 1 hour |\n"
            "Availability | Credit |\n99.9% to 99% | 10% |\nbelow 99% | 25% |\n")
    path = tmp_path / "stack.txt"
    path.write_text(text, encoding="utf-8")
    rows = _table_rows(load_document(path))
    assert rows[1] == ("Full", "24x7", "1 hour")
    assert rows[2][:2] == ("Availability", "Credit") and rows[3][:2] == ("99.9% to 99%", "10%")


# one cell per line, each closed by a pipe; a long cell wraps over lines with no pipe, and a cell of
# list items is closed by a pipe on a line of its own
CELL_PER_LINE = (
    "Schedule B: Support levels |\n"
    "Level |\n"
    "Meaning |\n"
    "What we do |\n"
    "Critical |\n"
    "Nobody in the building\n"
    "can sign in |\n"
    "- We reply within one (1) hour of the ticket.\n"
    "- We keep working until it is fixed.\n"
    "|\n"
    "High |\n"
    "A team cannot use the rota screen |\n"
    "- We reply within three (3) hours of the ticket.\n"
    "|\n"
    "Low |\n"
    "A label is misspelt |\n"
    "- We reply within two (2) days of the ticket.\n"
    "|\n"
)


def test_pipe_closed_cells_one_per_line_keep_wrapped_text_and_list_items_in_their_cell(tmp_path: Path) -> None:
    path = tmp_path / "schedule.txt"
    path.write_text(CELL_PER_LINE, encoding="utf-8")
    doc = load_document(path)
    rows = _table_rows(doc)
    assert [r[0] for r in rows] == ["Critical", "High", "Low"]
    assert rows[0][1] == "Nobody in the building can sign in"
    assert rows[0][2] == "- We reply within one (1) hour of the ticket. - We keep working until it is fixed."
    assert rows[2][2] == "- We reply within two (2) days of the ticket."
    assert not [b for b in doc.blocks if b.kind == "list_item"]


def test_rows_opened_by_a_pipe_with_their_other_cells_on_lines_of_their_own(tmp_path: Path) -> None:
    # each row opens with "| level |" and its value follows on the next line, closed by a pipe; before
    # this the whole page ran together into one paragraph
    text = ("Update cadence\n"
            "How often we report back while a ticket is open.\n"
            "| Urgent |\n"
            "Every 2 hours until closed. |\n"
            "| Routine |\n"
            "Every 3 business days until closed. |\n"
            "Contact us\n")
    path = tmp_path / "cadence.txt"
    path.write_text(text, encoding="utf-8")
    doc = load_document(path)
    assert _table_rows(doc) == [("Urgent", "Every 2 hours until closed."), ("Routine", "Every 3 business days until closed.")]
    assert [b.text for b in doc.blocks if b.kind != "table_row"][-1] == "Contact us"
