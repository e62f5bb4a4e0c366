"""Support hours, exit rights, credit caps and monitoring written in general shapes of real SLAs
(issue 12, stop 24), each read through the real pipeline from text written here."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from written import terms_from

_HEAD = "# Managed desktop service levels\n\n"


# ----------------------------------------------------------------- support hours: a target's clock is not the desk's


# fmt: off
@pytest.mark.parametrize("text, expected", [
    # a lower level's target counted in business hours: how that time is counted, not when the desk is staffed
    ("Requests of priority 3 receive a reply within 8 hours during business hours.\n", None),
    # no level, no desk, no days named: the business clock belongs to the target
    ("Initial replies arrive within 45 minutes within business hours.\n", None),
    # a note on how a table's targets are counted
    ("| Priority | Reply |\n|---|---|\n| P1 | 2 hours |\n| P2 | 6 hours |\n\n"
     "The times above are expressed in working hours.\n", None),
    # the most severe level answered in business hours only: the desk keeps office hours
    ("Outages (priority 1) get a reply within 1 hour during business hours.\n", "business_hours"),
    # a desk named beside the clock still states its hours
    ("Our support desk answers within 2 hours during business hours.\n", "business_hours"),
    # days and times named: the desk's hours, whatever else the sentence holds
    ("Responses within 4 hours, Monday to Friday 08:00-18:00.\n", "business_hours"),
    # a round-the-clock top level beside a lower level's business-hours target: hours differ by severity
    ("Priority 1 faults are answered around the clock within 30 minutes. "
     "Priority 3 faults get a reply within 8 hours during business hours.\n", "mixed"),
])
# fmt: on
def test_a_business_clock_on_a_target_is_no_statement_of_support_hours(tmp_path: Path, nlp: Any, text: str,
                                                                      expected: Any) -> None:
    assert terms_from(tmp_path, nlp, _HEAD + text).support_hours.value == expected


def test_plan_headings_that_carry_their_own_hours_make_them_mixed(tmp_path: Path, nlp: Any) -> None:
    text = ("# Desk plans\n\n## Essentials plan (weekdays, 08:30-17:30)\n\nUrgent tickets get a reply within 3 hours.\n\n"
            "## Complete plan (24/7/365)\n\nUrgent tickets get a reply within 20 minutes.\n")
    assert terms_from(tmp_path, nlp, text).support_hours.value == "mixed"


def test_the_hours_of_another_desk_are_not_support_hours(tmp_path: Path, nlp: Any) -> None:
    text = ("# Contact\n\nOur sales office is open Monday to Friday, 9am to 5.30pm.\n\n"
            "Priority 1 tickets receive a reply within 1 hour.\n")
    assert terms_from(tmp_path, nlp, text).support_hours.value is None


# fmt: off
@pytest.mark.parametrize("text, expected", [
    # a web page's plain words for a staffed desk
    ("Our team is available 24/7/365 whenever something breaks.\n", "24x7"),
    ("We are here to help seven days a week, 7am to 11pm.\n", "business_hours"),
    # boilerplate about the other side's staff at all times is no desk
    ("The reseller shall at all times ensure that its employees and agents follow the law.\n", None),
])
# fmt: on
def test_plain_words_for_a_staffed_desk(tmp_path: Path, nlp: Any, text: str, expected: Any) -> None:
    assert terms_from(tmp_path, nlp, _HEAD + text).support_hours.value == expected


def test_weekdays_written_in_the_plural_are_office_hours(tmp_path: Path, nlp: Any) -> None:
    text = ("# Desk\n\n## Support hours\n\nBasic support hours are 0700-1900 Mondays to Fridays.\n\n"
            "Gold support is provided 24/7.\n")
    assert terms_from(tmp_path, nlp, text).support_hours.value == "mixed"


def test_a_plan_named_hours_heading_speaks_for_the_lines_under_it(tmp_path: Path, nlp: Any) -> None:
    # the days line holds no word of support: only its heading says whose hours they are
    text = ("# Desk\n\n## Basic Support Hours\n\n(CET) Mondays to Fridays, public holidays excepted.\n\n"
            "## Premier Support Hours\n\nPremier support runs 24/7.\n")
    assert terms_from(tmp_path, nlp, text).support_hours.value == "mixed"


# ----------------------------------------------------------------- exit for repeated outages


def test_a_count_of_service_outages_in_a_month_is_a_chronic_failure_exit(tmp_path: Path, nlp: Any) -> None:
    text = _HEAD + ("The buyer may cancel the affected line if the line suffers more than 4 service outages "
                    "in one calendar month.\n")
    assert terms_from(tmp_path, nlp, text).chronic_failure_termination.value is True


def test_a_count_of_incidents_without_a_right_to_leave_is_no_exit(tmp_path: Path, nlp: Any) -> None:
    text = _HEAD + ("Either party may end this agreement on ninety days' notice. Last year the desk logged "
                    "12 service incidents.\n")
    assert terms_from(tmp_path, nlp, text).chronic_failure_termination.value is False


# ----------------------------------------------------------------- credit caps stated away from the tiers


_TIERS = "## Credits\n\n| Monthly uptime | Credit |\n|---|---|\n| below 99.9% | 10% |\n| below 99.0% | 25% |\n"


# fmt: off
@pytest.mark.parametrize("text, expected", [
    # a lead-in that states the cap before the credits it bounds
    ("## Credits\n\nIf the service falls short you may claim a reduction of the monthly payment, but not more than "
     "60% of the monthly payment. The reductions are listed below.\n\n"
     "| Monthly uptime | Credit |\n|---|---|\n| below 99.9% | 10% |\n| below 99.0% | 25% |\n", 60.0),
    # a rate per hour bounded by the whole fee, named after the cue
    ("## Credits\n\nWe credit 4% of the monthly fee for every hour of downtime, up to a maximum of the "
     "entire monthly fee.\n", 100.0),
    # a refund of the whole month for missing the target is a credit of 100%
    ("## Credits\n\nWhere availability in a month is below 97%, the buyer may ask for a full refund of that "
     "month's fee.\n", 100.0),
    # no cap stated: the top tier is the most a buyer receives
    (_TIERS, 25.0),
])
# fmt: on
def test_a_credit_cap_stated_away_from_the_tiers(tmp_path: Path, nlp: Any, text: str, expected: float) -> None:
    assert terms_from(tmp_path, nlp, _HEAD + text).service_credits.max_credit_percent == expected


def test_a_money_back_promise_for_a_new_order_is_no_credit_cap(tmp_path: Path, nlp: Any) -> None:
    text = _HEAD + _TIERS + "\n## Trial\n\nNew orders may be cancelled in the first 14 days for a full refund.\n"
    assert terms_from(tmp_path, nlp, text).service_credits.max_credit_percent == 25.0


# ----------------------------------------------------------------- monitoring: watching and acting vs measuring


# fmt: off
@pytest.mark.parametrize("text, expected", [
    # the alert travels by e-mail: the channel is the means, not the thing watched
    ("We alert you by email if our monitoring spots that your storefront is unreachable.\n", True),
    # when an outage starts counting is measurement, even where a monitoring system detects it
    ("An outage starts when our monitoring system detects it or when you report it, whichever is first.\n", False),
    # a watched inbox is a way to reach people
    ("The support mailbox is monitored during office hours.\n", False),
])
# fmt: on
def test_monitoring_that_watches_and_acts_against_measurement(tmp_path: Path, nlp: Any, text: str,
                                                            expected: bool) -> None:
    assert terms_from(tmp_path, nlp, _HEAD + text).proactive_monitoring.value is expected
