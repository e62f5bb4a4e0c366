"""Support-hours and uptime shapes met on fresh real SLAs, each written here in our own words and
read through the real pipeline (issue 12: weak fields on documents nobody tuned on)."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from written import terms_from


def _uptime(tmp_path: Path, nlp: Any, text: str) -> set[tuple[float, str]]:
    return {(u.percent, u.period) for u in terms_from(tmp_path, nlp, text).uptime}


def _hours(tmp_path: Path, nlp: Any, text: str) -> object:
    return terms_from(tmp_path, nlp, text).support_hours.value


# ----------------------------------------------------------------- uptime


# fmt: off
@pytest.mark.parametrize("text, want", [
    # a hedge right before the level rounds the level itself: still the promise
    ("# Availability\n\nOur commitment is an uptime of approximately 99.8% for the hosting platform in each calendar month.\n",
     {(99.8, "month")}),
    # the same word before a duration is a worked example: the level before it stands, nothing after it
    ("# Availability\n\nThe platform is promised 99.5% availability per month, which is approximately 3.6 hours "
     "of downtime or 99.0% of a busy week.\n", {(99.5, "month")}),
    # a level that names its promise right after it, one per plan
    ("# Plans\n\nStarter Plan - 99.5% SLA\n\nBusiness Plan - 99.95% SLA\n",
     {(99.5, "unspecified"), (99.95, "unspecified")}),
    # ... or right before it ("our SLA is"), with no uptime word anywhere in the clause; a credit share
    # after an SLA name is below the floor and stays out
    ("# Our servers\n\n1. For every rack server our SLA is 99.95% per calendar month.\n\n"
     "2. Where we miss the SLA, 10% of the monthly fee is credited.\n",
     {(99.95, "month")}),
    # "an SLA of" a level in a worked credit example sizes a credit, not a target
    ("# Credits\n\nShould the month close with an SLA of 99.6%, the customer is credited 15% of the bill.\n", set()),
    # a "more than" sign in a clause with one level is its floor, not a credit band
    ("# Hosting\n\nThe supplier shall aim for a minimum availability of >98.5% per calendar year for the portal.\n",
     {(98.5, "year")}),
    # a commitment that the service will be functioning a share of the time
    ("# Guarantee\n\nWe guarantee that the storage cluster will be functioning 99.95% of the time in any month.\n",
     {(99.95, "month")}),
])
# fmt: on
def test_uptime_levels_written_in_other_shapes(tmp_path: Path, nlp: Any, text: str, want: set) -> None:
    assert _uptime(tmp_path, nlp, text) == want


def test_credit_bands_with_signs_are_still_bands(tmp_path: Path, nlp: Any) -> None:
    # two levels in one line with signs stay band edges of a credit scale, not two targets
    text = ("# Availability\n\nMonthly uptime target: 99.9%.\n\n"
            "If monthly uptime is >98% and <99.9%, a credit of 10% of the monthly fee applies.\n")
    assert _uptime(tmp_path, nlp, text) == {(99.9, "month")}


# ----------------------------------------------------------------- support hours


_TARGETS = "# Targets\n\nPriority 1: response within 1 hour.\n\nPriority 3: response within 1 business day.\n\n"


# fmt: off
@pytest.mark.parametrize("text, hours", [
    # the targets' own text says some levels run out of hours too, the others in office hours only
    ("# Incident targets\n\nP1 Outage - respond in 30 minutes (office and out of hours)\n\n"
     "P2 Degraded - respond in 1 hour (office and out of hours)\n\n"
     "P3 Minor - respond in 4 hours (office hours only)\n\nP4 Query - respond in 2 days (office hours only)\n",
     "mixed"),
    # one sentence sets a round-the-clock plan apart from the rest, which run in operating hours
    ("# Plans\n\nSilver, Gold and Platinum plans are answered by our support team.\n\n"
     "Except for round-the-clock plans, the quoted response times count within operating hours.\n\n"
     "Gold: Priority 1 response within 2 hours.\n", "mixed"),
])
# fmt: on
def test_hours_that_differ_by_level_or_plan(tmp_path: Path, nlp: Any, text: str, hours: str) -> None:
    assert _hours(tmp_path, nlp, text) == hours


# fmt: off
@pytest.mark.parametrize("text, hours", [
    # the clock sits in an "operational period" column; the repair-time column holds durations only
    pytest.param("# Repair options\n\n| Option | Operational period | Repair time |\n|---|---|---|\n"
                 "| Basic | 8am-5pm, business days | next business day |\n"
                 "| Rapid-4 | 24/7 | 4 hours |\n| Rapid-8 | 24/7 | 8 hours |\n",
                 "mixed", id="plan_rows_with_an_operational_period_column"),
    # the list items give the desk's hours; the self-service portal's 24/7 is how requests get in
    pytest.param("# Contacting us\n\nOur help desk can be reached at the times listed below:\n\n"
                 "- Monday to Thursday, 8am - 6pm\n- Friday, 8am - 4pm\n\n"
                 "The self-service portal is available 24/7 for logging requests.\n\n" + _TARGETS,
                 "business_hours", id="a_lead_in_lends_its_desk_to_the_items_under_it"),
    # a network section's round-the-clock bandwidth does not make the desk answer round the clock
    pytest.param("# 1. Network\n\nThe following capacity is provided:\n\n- Transit: full port speed available 24/7\n\n"
                 "# 2. Tickets\n\nPriority 1: response within 1 hour.\n\nPriority 2: response within 4 hours.\n",
                 None, id="a_clock_in_another_section_is_not_the_desks"),
    # the top plan is answered round the clock, the lower plans count business hours
    pytest.param("# Help by plan\n\n- Bronze Support: first reply within 16 business hours.\n"
                 "- Silver Support: first reply within 4 business hours.\n"
                 "- Gold Support: first reply within 30 minutes, 24/7.\n",
                 "mixed", id="plans_listed_with_their_own_clocks"),
    # the phone line never closes, but the lower levels' clocks stop at weekends
    pytest.param("# Contact\n\nOur support line is staffed 24 hours a day, 7 days a week.\n\n"
                 "# Targets\n\n| Level | Response |\n|---|---|\n| Severity 1 | 20 minutes |\n"
                 "| Severity 2 | 6 hours, except weekends |\n| Severity 3 | 10 hours, except weekends |\n",
                 "mixed", id="levels_whose_clock_stops_at_weekends_under_a_round_the_clock_line"),
])
# fmt: on
def test_the_support_hours_of_a_page(tmp_path: Path, nlp: Any, text: str, hours: object) -> None:
    assert _hours(tmp_path, nlp, text) == hours


def test_business_units_alone_leave_a_round_the_clock_desk_24x7(tmp_path: Path, nlp: Any) -> None:
    # "2 business days" only counts the time: the desk still answers round the clock
    text = ("# Contact\n\nOur support line is staffed 24 hours a day, 7 days a week.\n\n"
            "# Targets\n\n| Level | Response |\n|---|---|\n| Severity 1 | 20 minutes |\n"
            "| Severity 4 | 2 business days |\n")
    assert _hours(tmp_path, nlp, text) == "24x7"


# ----------------------------------------------------------------- exit after repeated failure


# fmt: off
@pytest.mark.parametrize("clause, exit_", [
    # the customer's right named by other verbs, and a run of months told another way
    ("If monthly availability stays under 99.0% for two consecutive months, the subscriber may discontinue "
     "the service without paying an early termination fee.", True),
    ("Where the availability target is missed four months running, the client may ask to be released from "
     "the remainder of the term.", True),
    # the provider's right to stop the service for non-payment is no exit for the customer
    ("We may discontinue the service if invoices stay unpaid for two consecutive months.", False),
])
# fmt: on
def test_exit_for_repeated_failure_in_more_words(tmp_path: Path, nlp: Any, clause: str, exit_: bool) -> None:
    text = "# Service levels\n\nAvailability: 99.9% in each calendar month.\n\n" + clause + "\n"
    assert terms_from(tmp_path, nlp, text).chronic_failure_termination.value is exit_


# ----------------------------------------------------------------- monitoring


# fmt: off
@pytest.mark.parametrize("text, watched", [
    # monitoring sold as an extra is not promised
    ("Round-the-clock monitoring of your servers can be purchased as an optional add-on.\n", False),
    # the customer watching through a status page: "page" there is no pager alert
    ("Customers can use the public status page to monitor the platform.\n", False),
    # the provider's own watch with a response stays a promise
    ("Our operations team monitors the platform 24/7 and pages the on-call engineer on every failed check.\n",
     True),
])
# fmt: on
def test_who_watches_and_whether_it_is_included(tmp_path: Path, nlp: Any, text: str, watched: bool) -> None:
    assert terms_from(tmp_path, nlp, "# Monitoring\n\n" + text).proactive_monitoring.value is watched


# ----------------------------------------------------------------- credit caps


def test_a_credit_lead_in_takes_its_scope_and_cap_from_the_items_after_it(tmp_path: Path, nlp: Any) -> None:
    # the credit sentence names no service level; the lines after its colon do, then a cap follows
    text = ("# Guarantee\n\nThe network is guaranteed to be available 99.9% of the time in any calendar month.\n\n"
            "Should we miss it, you may claim a credit worth the following:\n\n"
            "Managed servers: the pro-rated monthly rental for the downtime beyond the 99.9% guarantee. "
            "This is limited to 100% of the monthly rental in any one month.\n")
    credits = terms_from(tmp_path, nlp, text).service_credits
    assert credits.present and credits.max_credit_percent == 100


def test_a_cap_in_days_where_credits_are_paid_in_days(tmp_path: Path, nlp: Any) -> None:
    # the availability level before the cap is not the cap; 15 days of a 30-day month is half
    text = ("# Credits\n\nIf monthly uptime falls below 99.5%, the customer receives two days of service credit "
            "for each hour of downtime, up to a maximum of 15 days per month.\n")
    assert terms_from(tmp_path, nlp, text).service_credits.max_credit_percent == 50


# fmt: off
@pytest.mark.parametrize("line", [
    "You receive a 10% service credit if monthly uptime dips below 99.8%.",
    "A 10% service credit is due whenever monthly uptime was less than 99.8%.",
    "In the event monthly uptime falls below 99.8%, a 10% service credit is due.",
])
# fmt: on
def test_a_lone_credit_threshold_is_the_level_promised(tmp_path: Path, nlp: Any, line: str) -> None:
    # the one edge a credit is paid below (any verb of falling) is what the document commits to
    assert _uptime(tmp_path, nlp, "# Service credits\n\n" + line + "\n") == {(99.8, "month")}


def test_a_header_word_that_only_starts_like_a_fee_is_no_credit_table(tmp_path: Path, nlp: Any) -> None:
    # "Feedback" is not "fee": the availability levels of this table are targets, not credit tiers
    text = ("# Availability\n\n| Service | Monthly availability | Feedback channel |\n|---|---|---|\n"
            "| Web portal | 99.9% | Customer survey |\n| Mobile app | 99.5% | In-app form |\n")
    assert _uptime(tmp_path, nlp, text) == {(99.9, "month"), (99.5, "month")}


# fmt: off
@pytest.mark.parametrize("text, want", [
    # another party's promise is not this provider's target
    ("Our servers sit in a partner data centre; the upstream carrier guarantees 99.95% uptime on its links.\n", set()),
    ("The service is built on a public cloud that offers 99.99% availability under its own SLA.\n", set()),
    # a figure over a recent span is a report of the past
    ("The public dashboard shows 99.98% uptime over the last 90 days.\n", set()),
    # a third party named inside an exclusion does not take the target away
    ("We guarantee 99.9% uptime in every calendar month, excluding failures of third-party networks.\n",
     {(99.9, "month")}),
    ("Except for outages of an upstream carrier, we guarantee 99.9% uptime in every calendar month.\n",
     {(99.9, "month")}),
])
# fmt: on
def test_levels_that_are_not_this_providers_promise(tmp_path: Path, nlp: Any, text: str, want: set) -> None:
    assert _uptime(tmp_path, nlp, "# Availability\n\n" + text) == want


# fmt: off
@pytest.mark.parametrize("line, hours", [
    # a round-the-clock cue hyphenated into one word is still a clock, not durations to drop
    ("Our engineers provide telephone support 24-hours-a-day, seven-days-a-week.", "24x7"),
    # a desk that opens and closes (here at midnight) every day is a long day, not round the clock
    ("A staffed support desk answers from 7am until midnight, 7 days per week.", "business_hours"),
    ("Our support line is staffed from 6am to noon, 7 days per week.", "business_hours"),
])
# fmt: on
def test_support_clocks_written_as_one_word_or_a_window(tmp_path: Path, nlp: Any, line: str, hours: str) -> None:
    assert _hours(tmp_path, nlp, "# Support\n\n" + line + "\n\n" + _TARGETS) == hours


# fmt: off
@pytest.mark.parametrize("line, hours", [
    # another desk's opening hours are not when incidents are handled
    ("The accounts department answers billing queries Monday to Friday, 9am to 5pm.", None),
    # ... unless the clause names support too
    ("Technical support and billing queries are answered Monday to Friday, 9am to 5pm.", "business_hours"),
])
# fmt: on
def test_other_desks_are_not_the_support_desk(tmp_path: Path, nlp: Any, line: str, hours: object) -> None:
    assert _hours(tmp_path, nlp, "# Contact\n\n" + line + "\n") == hours


def test_an_overnight_window_is_not_office_hours(tmp_path: Path, nlp: Any) -> None:
    # a window through the night is cover beyond the working day, not a business clock
    text = "# Support\n\nOur on-call engineers provide support from 18:00 to 08:00 for urgent faults.\n\n" + _TARGETS
    assert _hours(tmp_path, nlp, text) != "business_hours"


# ----------------------------------------------------------------- exclusions


# fmt: off
@pytest.mark.parametrize("text, want", [
    # a target "subject to" the excused events names them as exclusions
    ("We commit to 99.5% availability per month, subject to planned maintenance and uncontrollable events.\n",
     {"scheduled_maintenance", "force_majeure"}),
    # "shall not receive any credits ... caused by:" opens a list of exclusions
    ("Availability is 99.9% per month. The client shall not receive any credits for downtime caused by:\n\n"
     "- scheduled maintenance;\n- events outside our reasonable control.\n",
     {"scheduled_maintenance", "force_majeure"}),
])
# fmt: on
def test_exclusions_opened_by_other_words(tmp_path: Path, nlp: Any, text: str, want: set) -> None:
    got = {e.category for e in terms_from(tmp_path, nlp, "# Availability\n\n" + text).exclusions}
    assert want <= got
