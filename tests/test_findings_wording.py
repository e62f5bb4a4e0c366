"""How findings read to a buyer: an explanation must not seem to contradict itself or the contract.
Each test writes a short contract in its own words and reads the findings through the real pipeline."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from written import findings_from

_DESK = ("# Service desk terms\n\nThe service desk is open 9am to 5pm, Monday to Friday.\n\n"
         "| Priority | Response |\n|---|---|\n| P1 | 2 business hours |\n| P2 | 8 business hours |\n\n"
         "Scheduled maintenance is excluded from availability.\n")


def test_a_business_hours_time_is_compared_with_a_limit_that_says_it_runs_around_the_clock(
        tmp_path: Path, nlp: Any) -> None:
    """"8 business hours, slower than the 8 hours the profile allows" reads as a contradiction: the
    profile's limit is elapsed time, and the sentence must say so where the two numbers meet."""
    got = findings_from(tmp_path, nlp, _DESK)
    p2 = got["p2-response"]
    assert p2.status == "weak"
    assert re.search(r"slower than the 8 hours .*around the clock", p2.explanation), p2.explanation


def test_a_check_that_rests_on_a_missing_term_names_that_check_by_its_title(tmp_path: Path, nlp: Any) -> None:
    """A contract with no uptime target: the maintenance cap does not apply, and the buyer is sent to the
    "Uptime target" finding by the name it has on the sheet, not by the text of another question."""
    got = findings_from(tmp_path, nlp, _DESK)
    cap = got["maintenance-cap"]
    assert cap.status == "n/a"
    assert '"Uptime target"' in cap.explanation and "?" not in cap.explanation, cap.explanation


def test_a_table_of_outage_lengths_is_no_maintenance_window(tmp_path: Path, nlp: Any) -> None:
    """Credit bands written as lengths ("1 hour - 2 hours 59 minutes") are durations, not a night-time
    window: the finding must not say maintenance happens outside business hours because of them."""
    text = ("# Availability\n\nThe platform is available 99.9% of each month.\n\nPlanned maintenance is not "
            "counted as an outage. Outage credits: 1 hour - 2 hours 59 minutes earns 5 days; 3 hours - 11 hours "
            "59 minutes earns 10 days.\n\nPlanned maintenance is excluded from availability.\n")
    got = findings_from(tmp_path, nlp, text)
    for cid in ("maintenance-window", "maintenance-cap"):  # nor a "cap" of hundreds of hours a month from them
        assert "credits" not in got[cid].explanation and not any("credits" in e.text for e in got[cid].evidence), \
            got[cid].explanation


def test_a_window_kept_only_when_feasible_is_no_promise(tmp_path: Path, nlp: Any) -> None:
    """ "Done at quiet times when feasible" leaves the vendor free to work in your day: not ok."""
    text = ("# Availability\n\nThe platform is available 99.9% of each month.\n\n## Planned maintenance\n\n"
            "Planned maintenance is excluded from availability. It is done overnight when feasible.\n")
    got = findings_from(tmp_path, nlp, text)
    assert got["maintenance-window"].status != "ok", got["maintenance-window"].explanation
    text = text.replace(" when feasible", "")
    assert findings_from(tmp_path, nlp, text)["maintenance-window"].status == "ok"


def test_a_carve_out_finding_counts_in_words_not_with_a_plural_in_brackets(tmp_path: Path, nlp: Any) -> None:
    text = ("# Service levels\n\nThe platform is available 99.9% of each month, except where a partner network "
            "fails.\n\n| Priority | Response |\n|---|---|\n| P1 | 1 hour |\n| P2 | 4 hours |\n\n"
            "Support is available 24 hours a day, 7 days a week.\n")
    got = findings_from(tmp_path, nlp, text)["carve-outs"]
    assert got.status == "review", got.explanation
    assert "(s)" not in got.explanation and re.search(r"may undo \d+ of the promises", got.explanation), got.explanation
