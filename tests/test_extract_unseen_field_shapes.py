"""Support hours, exclusions and credit caps written in shapes that fresh real SLAs used and the rules
missed at first sight (issue 12, stop 25): office hours with the top level covered outside them (in the
same sentence after ", and" / ", with", or in the next sentence that opens "After hours"), exclusions
introduced by a bare "except", problems "beyond our control", and a sole-remedy sentence that only says
credits are "exclusive of taxes". Each is read through the real pipeline from text written here."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from written import terms_from

_HEAD = "# Help desk terms\n\n"


# ----------------------------------------------------------------- office hours, top level covered beyond them

# fmt: off
@pytest.mark.parametrize("text, expected", [
    # the top level's cover as a tail of the office-hours sentence
    ("The help desk takes calls Monday to Friday, 08:30-17:30, with out-of-hours cover for Priority 1 faults.", "mixed"),
    ("Tickets are worked during normal business hours, and by phone out of hours for Severity 1 only.", "mixed"),
    # the next sentence carries on with the level the sentence before it named
    ("Priority 1 calls are picked up within 20 minutes during normal business hours (07:30 to 18:00). "
     "After hours, the pick-up time is within 45 minutes.", "mixed"),
    # an outside-hours phrase with a qualifier of its own ("core")
    ("Our engineers work 8am-6pm Monday to Friday. For Critical faults, an engineer is on call outside of these "
     "core support hours.", "mixed"),
    # the same shapes that keep the office clock: no level is covered beyond the day
    ("The help desk takes calls Monday to Friday, 08:30-17:30. Priority 1 faults logged outside these hours are "
     "picked up the next working day.", "business_hours"),
    ("The help desk takes calls Monday to Friday, 08:30-17:30, and no cover is given out of hours for any priority.",
     "business_hours"),
])
# fmt: on
def test_office_hours_with_the_top_level_covered_beyond_them_are_mixed(
        tmp_path: Path, nlp: Any, text: str, expected: str) -> None:
    assert terms_from(tmp_path, nlp, _HEAD + text + "\n").support_hours.value == expected


# fmt: off
@pytest.mark.parametrize("denial", [
    "Please note we are a small design studio, not a 24/7 on-call IT firm.",
    "We do not currently offer 24/7 support.",
    "Support is not available 24x7.",
])
# fmt: on
def test_a_denied_round_the_clock_cover_is_no_24x7_statement(tmp_path: Path, nlp: Any, denial: str) -> None:
    text = _HEAD + "Our studio answers support e-mails Monday to Friday, 9am to 5pm. " + denial + "\n"
    assert terms_from(tmp_path, nlp, text).support_hours.value == "business_hours"


def test_a_round_the_clock_cover_after_an_unrelated_negation_still_counts(tmp_path: Path, nlp: Any) -> None:
    text = _HEAD + "Our studio answers e-mails Monday to Friday, 9am to 5pm; no outage waits, as Priority 1 faults are covered 24/7.\n"
    assert terms_from(tmp_path, nlp, text).support_hours.value == "mixed"


def test_out_of_hours_support_at_a_quoted_price_is_no_round_the_clock_cover(tmp_path: Path, nlp: Any) -> None:
    text = _HEAD + "Our engineers work Monday to Friday, 8am to 6pm. Out of hours support is available but is quoted for case by case.\n"
    assert terms_from(tmp_path, nlp, text).support_hours.value == "business_hours"


# ----------------------------------------------------------------- exclusions

_AVAILABILITY = "# Hosting terms\n\n## Availability\n\n"


# fmt: off
@pytest.mark.parametrize("sentence, expected", [
    # a bare "except" governs what follows it, like "except for" and "excluding"
    ("The control panel is reachable 99.9% of the time except as part of announced maintenance or at your request.",
     {"scheduled_maintenance", "customer_caused"}),
    # problems (not only events) beyond the provider's control, and unforeseen circumstances
    ("The control panel is reachable 99.9% of the time, excluding announced maintenance and failures beyond our control.",
     {"scheduled_maintenance", "force_majeure"}),
    ("The control panel is reachable 99.9% of the time, excluding announced maintenance or unforeseen circumstances "
     "that stop us running it.", {"scheduled_maintenance", "force_majeure"}),
    # "except" with nothing of a category after it excludes nothing
    ("The control panel is reachable 99.9% of the time, every day except none.", set()),
])
# fmt: on
def test_exclusions_after_a_bare_except_or_beyond_our_control(
        tmp_path: Path, nlp: Any, sentence: str, expected: set[str]) -> None:
    terms = terms_from(tmp_path, nlp, _AVAILABILITY + sentence + "\n")
    assert {e.category for e in terms.exclusions} == expected


def test_credits_exclusive_of_taxes_exclude_nothing(tmp_path: Path, nlp: Any) -> None:
    """A sole-remedy sentence that says credits are "exclusive of any applicable taxes" names the
    customer's web site, but excludes no event from the commitment."""
    text = (_AVAILABILITY + "The shared server is reachable 99.9% of each month.\n\n## Credits\n\n"
            "Credits are exclusive of any applicable taxes charged to the customer and are the customer's sole "
            "and exclusive remedy for any failure in the availability of the customer's web site.\n")
    terms = terms_from(tmp_path, nlp, text)
    assert terms.exclusions == []
    assert terms.service_credits.sole_remedy is True


def test_credits_given_on_request_and_maintenance_contracts_exclude_nothing(tmp_path: Path, nlp: Any) -> None:
    """"credits are given to each customer, on request" is how credits are claimed, not customer-caused
    downtime; equipment outside a "maintenance contract" is not scheduled maintenance."""
    text = (_AVAILABILITY + "The virtual servers are reachable 99.99% of each month. If we miss that, and it is not "
            "due to one of the exclusions below, credits are given to each customer, on request, case by case.\n\n"
            "## Exclusions\n\n- Faults in equipment that is not under a current warranty or maintenance contract\n")
    assert {e.category for e in terms_from(tmp_path, nlp, text).exclusions} == {"other"}


# ----------------------------------------------------------------- credits and the period of a target

def test_a_claim_deadline_in_an_item_under_a_credit_lead_in(tmp_path: Path, nlp: Any) -> None:
    text = ("# Hosting SLA\n\n## Uptime\n\nWe guarantee 99.99% uptime each month. If we miss it, service credits are "
            "available on request.\n\nThe following conditions apply when claiming credits:\n\n"
            "- Your account must be in good standing;\n- All requests must be submitted within five days of the outage; and\n"
            "- Each request must name the ticket of the outage.\n")
    assert terms_from(tmp_path, nlp, text).service_credits.claim_window_days == 5


def test_thirty_calendar_days_measure_a_month(tmp_path: Path, nlp: Any) -> None:
    text = "# Streaming SLA\n\nOur streams are online and reachable 99.9% of the time in any 30 calendar days.\n"
    assert [(u.percent, u.period) for u in terms_from(tmp_path, nlp, text).uptime] == [(99.9, "month")]


# ----------------------------------------------------------------- monitoring that acts

# fmt: off
@pytest.mark.parametrize("text, expected", [
    ("If a migrated virtual machine stops, we monitor it for signs of life and restart it if required.", True),
    ("Our monitoring service runs around the clock and serious faults are dealt with by our on-call team.", True),
    # measuring for a report, or the customer restarting its own server, is no promise to act
    ("Availability is measured by our monitoring system and reported each month.", False),
    ("You may restart your server from the control panel at any time; usage is monitored for fair use.", False),
])
# fmt: on
def test_monitoring_that_restarts_or_deals_with_faults_is_proactive(
        tmp_path: Path, nlp: Any, text: str, expected: bool) -> None:
    assert terms_from(tmp_path, nlp, "# Hosting terms\n\n" + text + "\n").proactive_monitoring.value is expected
