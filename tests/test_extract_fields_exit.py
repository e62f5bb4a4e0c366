"""Uptime, credit caps, sole remedy and exit rights written in shapes the dev corpus had few of
(issue 12), each read through the real pipeline from text written here."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from written import terms_from

_HEAD = "# Hosting service levels\n\nThe platform is to be reachable 99.8% of each calendar month.\n\n## Remedies\n\n"


# ----------------------------------------------------------------- exit for service-level failure

# fmt: off
@pytest.mark.parametrize("clause", [
    # one bad month, the measure named, the customer's right in the same sentence
    "Should measured availability drop below 96% in any single month, the buyer can end the agreement by written notice.",
    # failure declared a breach that lets the customer leave
    "Each failure by the host to meet the service levels in a quarter is a breach entitling the buyer to terminate the contract.",
    # counted misses of named service-level events within a window
    "Four service level defaults inside any rolling nine-month window give the buyer the option to terminate all orders.",
    # months in a row, informal wording
    "Miss the uptime commitment two months in a row and you can cancel your plan for a refund of those months.",
    # an hours-of-downtime threshold
    "If downtime exceeds 36 hours in one month, the buyer may terminate the affected order without a fee.",
])
# fmt: on
def test_an_exit_for_failing_a_service_level_is_chronic_failure_termination(tmp_path: Path, nlp: Any, clause: str) -> None:
    assert terms_from(tmp_path, nlp, _HEAD + clause + "\n").chronic_failure_termination.value is True


# fmt: off
@pytest.mark.parametrize("clause", [
    # a generic right for either side, with credits mentioned in another sentence
    "Either side may terminate this agreement on sixty days' notice. Credits are due when availability falls below target.",
    # the provider's right, for the customer's failure
    "We may terminate your plan if your usage exceeds the fair-use limits of your plan.",
    # the right denied
    "The buyer has no right to terminate for any failure to meet the service levels; credits are its only remedy.",
    # an exclusion that mentions termination, no right at all
    "Downtime excludes periods in which an order is suspended or terminated, or in which traffic exceeds the agreed limits.",
])
# fmt: on
def test_termination_that_is_not_an_exit_for_service_level_failure(tmp_path: Path, nlp: Any, clause: str) -> None:
    assert terms_from(tmp_path, nlp, _HEAD + clause + "\n").chronic_failure_termination.value is False


# ----------------------------------------------------------------- uptime period


def test_a_monthly_charge_does_not_give_a_table_target_a_monthly_period(tmp_path: Path, nlp: Any) -> None:
    text = ("# Port service levels\n\n| Port type | Availability target |\n|---|---|\n| Single port | 99.6% |\n"
            "| Paired ports | 99.97% |\n\n| Availability | Rebate (% of the fixed monthly port charge) |\n|---|---|\n"
            "| below target | 15% |\n")
    got = {(u.percent, u.period) for u in terms_from(tmp_path, nlp, text).uptime}
    assert got == {(99.6, "unspecified"), (99.97, "unspecified")}
    measured = text.replace("# Port service levels\n\n", "# Port service levels\n\nAvailability is measured monthly.\n\n")
    got = {(u.percent, u.period) for u in terms_from(tmp_path, nlp, measured, "measured.md").uptime}
    assert got == {(99.6, "month"), (99.97, "month")}


# ----------------------------------------------------------------- credit caps


def test_a_number_doubled_in_brackets_is_not_a_percentage(tmp_path: Path, nlp: Any) -> None:
    from sla_check.normalize import find_percents

    assert [p.value for p in find_percents("credited within one (1) billing month or thirty (30) days")] == []
    assert [p.value for p in find_percents("a rebate of fifteen (15) per cent, or twelve (12%)")] == [15.0, 12.0]


def test_credit_bands_in_sentences_with_a_bracketed_number_give_the_top_tier(tmp_path: Path, nlp: Any) -> None:
    text = ("# Availability\n\nMonthly availability is measured for each account.\n\n"
            "1. Availability of 99% to 99.9%: the Client gets a credit of 15% of the platform fees for the one (1) month "
            "in which it occurred.\n"
            "2. Availability under 99%: the Client gets a credit of 60% of the platform fees for the one (1) month in "
            "which it occurred.\n")
    assert terms_from(tmp_path, nlp, text).service_credits.max_credit_percent == 60


def test_a_tier_table_with_a_credit_column_and_no_credits_heading_gives_the_top_tier(tmp_path: Path, nlp: Any) -> None:
    text = ("# Our promise\n\nThe portal is available 99.5% of each month.\n\n"
            "| Monthly availability | Amount returned (credit, % of the month's fee) |\n|---|---|\n"
            "| 99.0% to 99.49% | 5% |\n| below 99.0% | 35% |\n")
    assert terms_from(tmp_path, nlp, text).service_credits.max_credit_percent == 35


def test_plan_rows_against_band_columns_give_the_largest_credit(tmp_path: Path, nlp: Any) -> None:
    text = ("# Credits\n\nWe aim for 99.9% monthly uptime on paid plans.\n\n"
            "| Plan | Uptime under 99.9% | Uptime under 97% |\n|---|---|---|\n"
            "| Starter | 5% of the monthly fee | 20% of the monthly fee |\n"
            "| Business | 10% of the monthly fee | 45% of the monthly fee |\n")
    assert terms_from(tmp_path, nlp, text).service_credits.max_credit_percent == 45
