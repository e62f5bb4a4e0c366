"""Credit caps, sole-remedy clauses and monitoring promises in shapes the dev corpus had few of,
each written here in our own words and read through the real pipeline."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Optional

import pytest

from written import terms_from

_HEAD = ("# Hosting service levels\n\nThe platform is to be reachable 99.8% of each calendar month.\n\n"
         "## Service credits\n\nIf monthly availability falls below 99.8%, the buyer receives a credit of 10% of "
         "the monthly hosting fee.\n\n")


# ----------------------------------------------------------------- caps


# fmt: off
@pytest.mark.parametrize("clause, cap", [
    # a cap written as days of service, a share of a month
    ("Credits granted in any month will not exceed fifteen (15) days of service.", 50.0),
    ("The largest credit a buyer can earn is capped at 30 days of service extension per month.", 100.0),
    # "under no circumstances ... exceed" the whole cost of the service
    ("Credits for a month shall under no circumstances exceed the total cost of the hosting for that month.", 100.0),
    # the familiar shapes stay as they were
    ("In no event will credits in a month be more than 25% of the monthly hosting fee.", 25.0),
    ("Total credits are limited to one month's fees.", 100.0),
    ("A month's credits will be no greater than the whole hosting charge for that month.", 100.0),
    # a fraction of the fee, and a number of months of fees
    ("Credits in any month will not exceed one-half of the monthly hosting fee.", 50.0),
    ("Credits are limited to a quarter of the month's hosting charges.", 25.0),
    ("Total credits shall not exceed two months' fees.", 200.0),
])
# fmt: on
def test_credit_cap_shapes(tmp_path: Path, nlp: Any, clause: str, cap: Optional[float]) -> None:
    got = terms_from(tmp_path, nlp, _HEAD + clause + "\n").service_credits
    assert got.present and got.max_credit_percent == cap


def test_a_claim_window_in_days_is_not_a_cap(tmp_path: Path, nlp: Any) -> None:
    clause = "A credit must be requested within 30 days of the end of the month; credits are capped at 40% of the fee."
    got = terms_from(tmp_path, nlp, _HEAD + clause + "\n").service_credits
    assert got.max_credit_percent == 40.0 and got.claim_window_days == 30


# ----------------------------------------------------------------- sole remedy


# fmt: off
@pytest.mark.parametrize("clause, sole", [
    ("Credits under this section are the buyer's sole remedies for any shortfall in availability.", True),
    ("The credits are accepted in full satisfaction of any claim the buyer has for missed service levels.", True),
    ("For a missed service level the buyer's remedies are strictly limited to the credits in this section.", True),
    ("These credits are the exclusive and sole remedy of the buyer for downtime.", True),
    ("The buyer accepts these credits in lieu of all other remedies for a missed availability level.", True),
    # remedies left open
    ("Credits do not affect other remedies available to the buyer, including but not limited to termination.", False),
    # "sole and exclusive" about something that is not a remedy
    ("All monitoring data remains the sole and exclusive property of the provider; credits are paid monthly.", False),
])
# fmt: on
def test_sole_remedy_shapes(tmp_path: Path, nlp: Any, clause: str, sole: bool) -> None:
    assert terms_from(tmp_path, nlp, _HEAD + clause + "\n").service_credits.sole_remedy is sole


# ----------------------------------------------------------------- proactive monitoring

_MON = "# Managed hosting\n\nThe platform is to be reachable 99.8% of each calendar month.\n\n## Operations\n\n"


# fmt: off
@pytest.mark.parametrize("clause, watched", [
    # watching in order to head problems off is a promise to act
    ("Our team heads off faults before they affect you by monitoring every host and applying fixes.", True),
    ("We provide proactive alerting on disk, memory and network thresholds for each server.", True),
    ("The host will proactively inform the buyer of every outage it finds on the platform.", True),
    ("Our staff watch each host's health checks and open an incident as soon as one fails.", True),
    # a list of security products: the alert word names a tool
    ("Security layers: a web firewall, an intrusion detection system and endpoint monitoring.", False),
    # the reader is told where to watch the service
    ("To monitor the health of the platform and any planned work, please see our public status page.", False),
    # monitoring sold as a self-service tool: the customer sets the checks and gets the alerts
    ("Site Watch: buyers can set up checks and get an email whenever a check fails.", False),
    ("The watch add-on lets you define alert rules that notify your team when a page is slow.", False),
    ("Alarms from the buyer's own monitoring stack are not treated as incidents.", False),
    ("Buyers can monitor platform health in real time on the status page.", False),
])
# fmt: on
def test_monitoring_shapes(tmp_path: Path, nlp: Any, clause: str, watched: bool) -> None:
    assert terms_from(tmp_path, nlp, _MON + clause + "\n").proactive_monitoring.value is watched


def test_not_limited_to_a_cost_is_no_cap(tmp_path: Path, nlp: Any) -> None:
    text = ("# Security schedule\n\nAll costs of a breach, including but not limited to the costs of notices and "
            "credit monitoring for the people affected, shall be borne by the supplier.\n")
    got = terms_from(tmp_path, nlp, text).service_credits
    assert not got.present and got.max_credit_percent is None


# fmt: off
@pytest.mark.parametrize("after, sole", [
    # a remedy clause that points back at the credits just set out
    ("Nothing else is owed: this is the buyer's sole and exclusive remedy.", True),
    ("The amounts in the table above are the buyer's exclusive remedy.", True),
    # right after the credits, but about something else: no pointer back at the credits
    ("Swapping a faulty disk is the buyer's exclusive remedy under the hardware warranty.", False),
    # the same words far away, under an unrelated heading, about a warranty
    ("## Hardware\n\nDelivery terms are in the order form.\n\nParts are shipped from the regional depot.\n\n"
     "Couriers are booked by the host.\n\nRepair of a faulty part is the buyer's exclusive remedy.", False),
])
# fmt: on
def test_a_sole_remedy_that_points_back_at_the_credits(tmp_path: Path, nlp: Any, after: str, sole: bool) -> None:
    text = ("# Hosting service levels\n\nThe platform is to be reachable 99.8% of each calendar month.\n\n"
            "## Credits\n\n| Monthly availability | Credit |\n|---|---|\n| below 99.8% | 10% |\n| below 99% | 25% |\n\n")
    assert terms_from(tmp_path, nlp, text + after + "\n").service_credits.sole_remedy is sole


def test_a_sole_remedy_after_a_goods_credit_is_not_a_service_level_remedy(tmp_path: Path, nlp: Any) -> None:
    text = ("# Distribution terms\n\n## Returns\n\nFor a faulty unit the vendor will issue a credit of the price paid "
            "for that unit or replace it. Such remedy is exclusive and in full satisfaction of the reseller's claims.\n")
    got = terms_from(tmp_path, nlp, text).service_credits
    assert not got.present and not got.sole_remedy


# fmt: off
@pytest.mark.parametrize("rows, cap", [
    # a cap row in the credit table, its label only a cap word
    ("| below 99.8% | 10% |\n| below 99% | 25% |\n| Maximum | 50% |\n", 50.0),
    # bands written "up to N hours" are tiers, not caps: the top tier is the most a month can pay
    ("| Up to 2 hours | 5% |\n| Up to 8 hours | 15% |\n| More than 8 hours | 30% |\n", 30.0),
])
# fmt: on
def test_cap_rows_of_a_credit_table(tmp_path: Path, nlp: Any, rows: str, cap: float) -> None:
    text = ("# Hosting service levels\n\nThe platform is to be reachable 99.8% of each calendar month.\n\n"
            "## Credits\n\n| Monthly downtime | Credit |\n|---|---|\n" + rows)
    assert terms_from(tmp_path, nlp, text).service_credits.max_credit_percent == cap
