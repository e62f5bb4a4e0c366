"""General ways of writing a term that the dev documents added in session 22 showed the checker
missing, each written here in our own words and read through the real pipeline."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from written import findings_from

_HEAD = "# Line rental service levels\n\nThe circuit is to be reachable 99.95% of each calendar month.\n\n"


# ----------------------------------------------------------------- a credit written under another name


# fmt: off
@pytest.mark.parametrize("clause, status", [
    # a refund for the hours the service was down is a service credit
    ("Where the line is unavailable for more than 4 hours in a month, the buyer gets a refund of two days' rental.", "ok"),
    # a refund announced by a lead-in whose items are the service levels missed
    ("Refunds will be given where:\n\n- monthly uptime is lower than 99.95%.\n", "ok"),
    # the condition is the service failing, with no service-level word in the clause
    ("Should the circuit fail to perform as set out above, the buyer is owed a credit.", "ok"),
    # a refund of fees on cancellation is no service credit
    ("If the buyer cancels within the first 14 days, we refund the fees paid.", "gap"),
])
# fmt: on
def test_credit_under_another_name(tmp_path: Path, nlp: Any, clause: str, status: str) -> None:
    got = findings_from(tmp_path, nlp, _HEAD + clause + "\n")["credits-present"]
    assert got.status == status, got.explanation
    if status == "ok":
        assert got.evidence and got.evidence[0].page == 1


def test_a_bound_on_time_is_no_cap_on_credits(tmp_path: Path, nlp: Any) -> None:
    # "up to 6 hours" bounds the outage the refund pays for; the cap is the later 40%
    text = (_HEAD + "Should the line be unavailable for up to 6 hours in a month, the buyer receives a refund of one "
            "day of the monthly rental. Refunds for downtime are limited to 40% of that month's rental.\n")
    from written import terms_from

    assert terms_from(tmp_path, nlp, text).service_credits.max_credit_percent == 40


# ----------------------------------------------------------------- a flattened page: instances are no worked example


def test_a_list_of_instances_does_not_make_the_rest_of_the_page_an_example(tmp_path: Path, nlp: Any) -> None:
    # a web page flattened into one paragraph: "For example, ..." only names products, so the
    # promise after it is a promise; an installation-delay credit before it is no service credit
    page = ("# Carrier summary\n\nWhere we miss the agreed install date, part of the expedite fee is credited back. "
            "Our circuits are resold in some areas. For example, leased lines and business lines. "
            "If a circuit is not restored within 4 hours, the buyer can receive credits towards the account.\n")
    got = findings_from(tmp_path, nlp, page)["credits-present"]
    assert got.status == "ok", got.explanation
    assert "not restored" in got.evidence[0].text


def test_a_worked_example_still_sets_no_term(tmp_path: Path, nlp: Any) -> None:
    page = ("# Carrier summary\n\nThe buyer may claim credits for outages. For example, if the circuit is down "
            "for a day, you would be credited 10% of the monthly fee. Credits are then capped at 10% of the fee.\n")
    from written import terms_from

    assert terms_from(tmp_path, nlp, page).service_credits.max_credit_percent is None


def test_a_refund_on_leaving_is_no_service_credit(tmp_path: Path, nlp: Any) -> None:
    text = (_HEAD + "If monthly uptime is missed twice in a row, the buyer may terminate the line and be refunded "
            "any rental paid in advance.\n")
    assert findings_from(tmp_path, nlp, text)["credits-present"].status == "gap"
