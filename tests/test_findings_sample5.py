"""General ways of writing a term that the fifth blind findings sample (corpus/findings-sample-5.md)
showed the checker missing, each written here in our own words and read through the real pipeline."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from written import findings_from, terms_from

_CREDITS = ("# Hosting service levels\n\nThe platform is to be reachable 99.8% of each calendar month.\n\n"
            "## Credit requests\n\nIf monthly availability falls below 99.8%, the buyer receives a credit of 10% of "
            "the monthly hosting fee.\n\n")


# ----------------------------------------------------------------- sole remedy stated negatively


# fmt: off
@pytest.mark.parametrize("clause, sole", [
    ("A request must reach us by email. The buyer is given no other remedy or relief.", True),
    ("Apart from these amounts there is no further compensation of any kind.", True),
    ("The service credits are the only compensation owed for a missed level.", True),
    # the remedies are left open: the buyer keeps its other rights
    ("Credits are paid in addition to, and do not limit, any other remedy the buyer has.", False),
])
# fmt: on
def test_sole_remedy_stated_as_nothing_else_owed(tmp_path: Path, nlp: Any, clause: str, sole: bool) -> None:
    assert terms_from(tmp_path, nlp, _CREDITS + clause + "\n").service_credits.sole_remedy is sole


# ----------------------------------------------------------------- claim window with a bracketed numeral


# fmt: off
@pytest.mark.parametrize("clause", [
    "To be credited, the buyer must send a request within (20) business days after the outage ends.",
    "To be credited, the buyer must send a request within twenty (20) business days after the outage ends.",
])
# fmt: on
def test_claim_window_with_bracketed_digits(tmp_path: Path, nlp: Any, clause: str) -> None:
    got = terms_from(tmp_path, nlp, _CREDITS + clause + "\n").service_credits
    assert got.claim_window_days == 20 and got.claim_window_evidence is not None


def test_a_list_number_in_brackets_is_no_duration() -> None:
    from sla_check.normalize import find_durations

    assert find_durations("(3) Hours of cover are listed in the schedule.") == []
    assert [f.value for f in find_durations("a ticket is answered within (3) hours")] == [180.0]


# ----------------------------------------------------------------- a story told as an example commits to nothing

_STORY = ("# Managed network service\n\nWe answer urgent calls within 30 minutes, around the clock.\n\n"
          "## Case study\n\nA burst pipe floods the server room of a client one evening. Our crew moves the "
          "workload to a standby backup copy in the cloud, and staff can work again by the next morning.\n")


def test_a_backup_in_a_narrated_case_is_no_commitment(tmp_path: Path, nlp: Any) -> None:
    assert not terms_from(tmp_path, nlp, _STORY).backup.value


def test_a_backup_commitment_beside_the_story_still_counts(tmp_path: Path, nlp: Any) -> None:
    text = _STORY + "\n## Data protection\n\nWe back up every client server each night and keep the copies for 30 days.\n"
    got = terms_from(tmp_path, nlp, text).backup
    assert got.value and got.evidence is not None and "each night" in got.evidence.text


# ----------------------------------------------------------------- terms the provider alone may amend at any time

_TERMS = "# Carrier service levels\n\nCalls are carried 99.9% of each month.\n\n## General\n\n"


# fmt: off
@pytest.mark.parametrize("clause, unilateral", [
    ("These terms may only be amended by the carrier, and may be amended at any time.", True),
    ("This schedule may be changed at any time; the new text applies once it is on our site.", True),
    # both parties must agree: not a one-sided right
    ("These terms may only be amended by written agreement of both parties.", False),
    ("This schedule may only be changed in writing signed by the buyer and the carrier, at any time.", False),
])
# fmt: on
def test_terms_the_provider_may_amend_at_any_time(tmp_path: Path, nlp: Any, clause: str, unilateral: bool) -> None:
    assert bool(terms_from(tmp_path, nlp, _TERMS + clause + "\n").unilateral_changes.value) is unilateral


# ----------------------------------------------------------------- a time for "non-critical" issues only


def test_a_time_for_non_critical_issues_is_not_the_top_level(tmp_path: Path, nlp: Any) -> None:
    text = ("# Hosting support\n\nThe host answers emergencies by phone at any hour, and answers e-mail about "
            "non-critical problems within one business day.\n")
    got = [(t.severity_level, t.minutes) for t in terms_from(tmp_path, nlp, text).response_times if t.kind == "response"]
    assert got == [(2, 480.0)]


# ----------------------------------------------------------------- on-call cover as a sign of out-of-hours handling



def test_on_call_staff_for_p1_is_quoted_for_out_of_hours_cover(tmp_path: Path, nlp: Any) -> None:
    text = ("# Council IT incident handling\n\n## Priority 1\n\nWhole departments cannot work. The on-call engineer "
            "is paged and works the incident without a break. The target resolution time for a Priority 1 incident is 3 hours.\n")
    found = findings_from(tmp_path, nlp, text)["p1-out-of-hours"]
    assert found.status == "review"
    assert "not stated;" not in found.explanation and "on-call engineer" in found.explanation
    assert found.evidence and "on-call engineer" in found.evidence[0].text


def test_without_on_call_words_the_hours_stay_unstated(tmp_path: Path, nlp: Any) -> None:
    text = ("# Council IT incident handling\n\n## Priority 1\n\nWhole departments cannot work. "
            "The target resolution time for a Priority 1 incident is 3 hours.\n")
    found = findings_from(tmp_path, nlp, text)["p1-out-of-hours"]
    assert found.status == "review" and "Support hours: not stated" in found.explanation


# ----------------------------------------------------------------- a level name run into its time


def test_level_names_run_into_their_times_are_read(tmp_path: Path, nlp: Any) -> None:
    text = ("Helpdesk terms\n\nTarget first reply\n\nPriority LevelFirst Reply\nUrgent2 hours\nMedium10 hours\n"
            "Minor3 days\n\nOther terms\n\nInvoices are monthly.\n")
    got = sorted((t.severity_level, t.minutes) for t in terms_from(tmp_path, nlp, text, "doc.txt").response_times)
    assert got == [(1, 120.0), (2, 600.0), (3, 4320.0)]  # the document's own ladder ranks them


def test_a_word_run_into_a_time_is_set_apart_and_a_figure_that_opens_no_time_stays() -> None:
    from sla_check.normalize import unglue_times

    assert unglue_times("Critical1 hour High4hours") == "Critical 1 hour High 4hours"
    assert unglue_times("Urgent1 business day5 business days") == "Urgent 1 business day 5 business days"
    assert unglue_times("Tier2 support, ISO27001 audit, P1 4 hours") == "Tier2 support, ISO27001 audit, P1 4 hours"
