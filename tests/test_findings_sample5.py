"""General ways of writing a term that the fifth blind findings sample (corpus/findings-sample-5.md)
showed the checker missing, each written here in our own words and read through the real pipeline."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from written import terms_from

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
