"""General ways SLAs write credit caps, exits for repeated failure, support hours, monitoring and
uptime that the held-out split showed we read too narrowly (issue 12). Each shape is written here
in our own words and read through the real pipeline."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Optional

import pytest

from written import terms_from

_UPTIME = "# Platform service levels\n\nThe platform will be reachable 99.9% of each calendar month.\n\n"


# ----------------------------------------------------------------- credit caps


# fmt: off
@pytest.mark.parametrize("clause, cap", [
    # a rate per hour, then the ceiling as a whole fee after it in the same sentence
    ("We credit 4% of the monthly charge for every hour the platform is down, up to one month's charges.", 100.0),
    ("Each missed hour earns a credit of 3% of the subscription fee, to a maximum of two months' fees in a year.", 200.0),
    # a per-incident limit inside a monthly one: the monthly ceiling is the most a buyer can receive
    ("Credit for one incident is limited to 20% of the monthly charge, and all credits in a month may not "
     "exceed 60% of that month's charge.", 60.0),
    # the per-hour rate and its own ceiling, both as percentages
    ("A credit of 5% of the monthly charge accrues per hour of downtime, capped at 35% of the monthly charge.", 35.0),
    # a ceiling written as months of service
    ("Each hour of downtime earns a credit of one day of free service, not to exceed one month.", 100.0),
    ("A credit of 2% of the monthly charge accrues per hour of downtime. Maximum credit: one month of service.", 100.0),
    # a claim deadline in months is no ceiling
    ("A credit of 2% of the monthly charge accrues per hour of downtime; claims are accepted up to one month "
     "after the outage.", None),
    # a rate alone stays uncapped by its own percentage
    ("A credit of 5% of the monthly charge accrues per hour of downtime.", None),
])
# fmt: on
def test_credit_cap_written_beside_the_rate(tmp_path: Path, nlp: Any, clause: str, cap: Optional[float]) -> None:
    got = terms_from(tmp_path, nlp, _UPTIME + "## Credits\n\n" + clause + "\n").service_credits
    assert got.present
    assert got.max_credit_percent == cap


def test_a_cap_in_a_limitations_section_away_from_the_tier_table(tmp_path: Path, nlp: Any) -> None:
    text = (_UPTIME + "## Credits\n\n| Availability | Credit |\n|---|---|\n| below 99.9% | 5% |\n| below 99.0% | 15% |\n\n"
            "## Claims\n\nAsk for a credit within 20 days of the month's end.\n\n"
            "## Limits\n\nThe credits for any month shall in no case add up to more than 40% of that month's fee.\n")
    assert terms_from(tmp_path, nlp, text).service_credits.max_credit_percent == 40.0


# ----------------------------------------------------------------- exit for repeated failure


# fmt: off
@pytest.mark.parametrize("clause, exit_", [
    # the customer ends its subscription (not "the agreement") after months in a row of misses
    ("Where the platform misses its uptime level for three months running and consecutive, you may end your "
     "subscription and we refund the unused months.", True),
    # persistent shortfall named as a continuing failure, with a right of termination
    ("Continued failure of the platform to reach the availability level is a material breach and gives the buyer "
     "a right of termination.", True),
    ("If the platform consistently falls short of the uptime level, the buyer may cancel the order.", True),
    # the provider ending the subscription for non-payment is not the buyer's exit
    ("We may end your subscription if two consecutive invoices go unpaid.", False),
    # ending a subscription at will has no failure in it
    ("You may end your subscription at any time from the account page.", False),
])
# fmt: on
def test_exit_for_repeated_failure_in_other_words(tmp_path: Path, nlp: Any, clause: str, exit_: bool) -> None:
    got = terms_from(tmp_path, nlp, _UPTIME + "## Remedies\n\n" + clause + "\n").chronic_failure_termination
    assert bool(got.value) is exit_


# ----------------------------------------------------------------- proactive monitoring


# fmt: off
@pytest.mark.parametrize("text, watched", [
    # the customer's own monitoring in one ";" clause, the provider's round-the-clock watch in the next
    ("The buyer looks after monitoring of its own code; the host monitors the underlying servers 24x7.", True),
    # items under a monitoring heading that do not repeat the word: the alert reaches the provider's engineers
    ("## Watching and alerting\n\n- Health checks of every server, day and night\n- Alerts page our on-call staff\n",
     True),
    # under the same heading, alerts the customer signs up for on a status page are not the provider watching
    ("## Monitoring\n\nUptime is measured by an outside probe. You can sign up for e-mail alerts on the status page.\n",
     False),
    # the customer's duty stays the customer's
    ("## Monitoring\n\nThe buyer is responsible for configuring alerts on its own workloads.\n", False),
    # the customer as the one who monitors, with no provider in the clause
    ("Buyers are advised to monitor their own sites and to set up alerts for them.", False),
    # the customer's things watched by the provider, active or passive
    ("Our engineers will monitor your servers and call you when one fails.", True),
    ("Your servers are monitored around the clock by our operations centre, which raises alerts.", True),
])
# fmt: on
def test_who_watches_the_service(tmp_path: Path, nlp: Any, text: str, watched: bool) -> None:
    got = terms_from(tmp_path, nlp, _UPTIME + text + "\n").proactive_monitoring
    assert bool(got.value) is watched


# ----------------------------------------------------------------- support hours


# fmt: off
@pytest.mark.parametrize("text, hours", [
    # a monitoring promise that also says when one level is answered: that level's clock
    ("Watching and alerting are included, with round-the-clock (24/7) response for critical incidents.\n\n"
     "Critical incidents: response within 1 hour.\n", "24x7"),
    # monitoring round the clock is not when the desk answers
    ("The hosts are monitored 24/7 by automatic probes.\n\nTickets are answered Monday to Friday, 08:00 to 17:00.\n",
     "business_hours"),
])
# fmt: on
def test_support_hours_beside_monitoring(tmp_path: Path, nlp: Any, text: str, hours: str) -> None:
    assert terms_from(tmp_path, nlp, _UPTIME + text).support_hours.value == hours


# ----------------------------------------------------------------- uptime


def _uptime(tmp_path: Path, nlp: Any, text: str) -> set[tuple[float, str]]:
    return {(u.percent, u.period) for u in terms_from(tmp_path, nlp, text).uptime}


def test_one_services_period_is_not_another_services(tmp_path: Path, nlp: Any) -> None:
    # the hosting target names its month; the mail target names none and stays unspecified
    text = ("# Levels\n\nShared hosting availability is guaranteed at 99.9% in each calendar month.\n\n"
            "Mail relay availability target: 99.5%.\n")
    assert _uptime(tmp_path, nlp, text) == {(99.9, "month"), (99.5, "unspecified")}


def test_a_period_defined_for_the_document_still_dates_every_target(tmp_path: Path, nlp: Any) -> None:
    text = ("# Levels\n\nUptime is measured over each calendar month.\n\n"
            "Shared hosting: 99.9% uptime.\n\nMail relay: 99.5% uptime.\n")
    assert _uptime(tmp_path, nlp, text) == {(99.9, "month"), (99.5, "month")}


# fmt: off
@pytest.mark.parametrize("text, want", [
    # an aim beside a promise is not the promise; a repetition idiom measures no period
    ("We strive for 100% uptime and have met that goal month after month. Our guarantee is 99.9% uptime.\n",
     {(99.9, "unspecified")}),
    ("Our goal is 100% availability. The SLA guarantees 99.5% availability in any calendar month.\n",
     {(99.5, "month")}),
    # an aim that is the only level stated is kept
    ("We strive for 99.9% uptime in every calendar month.\n", {(99.9, "month")}),
    # a month-to-month plan is a contract term, not the period of the target
    ("On our month-to-month plan the platform is guaranteed to be available 99.9% of the time.\n",
     {(99.9, "unspecified")}),
])
# fmt: on
def test_aims_and_idioms_beside_uptime_targets(tmp_path: Path, nlp: Any, text: str, want: set) -> None:
    assert _uptime(tmp_path, nlp, "# Availability\n\n" + text) == want


def test_credit_bands_under_a_header_restated_inside_the_table(tmp_path: Path, nlp: Any) -> None:
    # one table holds the targets, then restates a header row for the credit bands under it
    text = ("Line type | Option | Target availability |\n"
            "Fibre | Standard | 99.8% |\n"
            "Availability band | Credit (% of the monthly line charge) |\n"
            "100% to 99.8% | none |\n"
            "99.79% - 98.0% | 15% |\n"
            "< 98.0% | 35% |\n")
    got = terms_from(tmp_path, nlp, text, name="doc.txt").service_credits
    assert got.max_credit_percent == 35.0
    assert {(t.below_percent, t.credit_percent) for t in got.tiers} == {(99.79, 15.0), (98.0, 35.0)}


# ----------------------------------------------------------------- exclusions


def test_target_items_under_an_exclusions_heading_are_not_exclusions(tmp_path: Path, nlp: Any) -> None:
    # the levels listed after the excluded events are targets, not an "other" exclusion
    text = ("# Exclusions\n\nThe availability level does not cover:\n\n(a) planned maintenance windows;\n"
            "(b) faults in the buyer's own routers;\n\nAvailability by phase:\n\n- During rollout: 98.5%\n"
            "- After rollout: 99.7%\n")
    got = {e.category for e in terms_from(tmp_path, nlp, text).exclusions}
    assert got == {"scheduled_maintenance", "customer_caused"}


def test_an_uncategorised_excluded_event_is_still_other(tmp_path: Path, nlp: Any) -> None:
    text = ("# Exclusions\n\nThe availability level does not cover:\n\n(a) planned maintenance windows;\n"
            "(b) outages shorter than five minutes;\n")
    got = {e.category for e in terms_from(tmp_path, nlp, text).exclusions}
    assert got == {"scheduled_maintenance", "other"}


def test_a_five_day_round_the_clock_desk_is_not_24x7(tmp_path: Path, nlp: Any) -> None:
    text = _UPTIME + "## Support\n\nThe desk is staffed 24x5, from Sunday 23:00 to Friday 23:00 UTC.\n"
    assert terms_from(tmp_path, nlp, text).support_hours.value == "business_hours"


# fmt: off
@pytest.mark.parametrize("line, hours", [
    # a long day every day is not round the clock
    ("The help desk answers from 7 am to 9 pm, seven days a week.", "business_hours"),
    ("Engineers are on duty 08:00-22:00, 365 days a year.", "business_hours"),
    # every day and the whole day
    ("The help desk answers 24 hours a day, seven days a week.", "24x7"),
])
# fmt: on
def test_an_every_day_desk_with_opening_times(tmp_path: Path, nlp: Any, line: str, hours: str) -> None:
    assert terms_from(tmp_path, nlp, _UPTIME + "## Support\n\n" + line + "\n").support_hours.value == hours


def test_an_after_hours_heading_is_a_topic_not_a_clock(tmp_path: Path, nlp: Any) -> None:
    # the heading names out-of-hours cover; the line under it makes it an add-on, so no 24x7 is promised
    text = (_UPTIME + "## Support\n\nTickets are answered Monday to Friday, 8:30 to 17:00.\n\n"
            "## Out of hours support\n\nCover at night can be bought as an extra agreement; ask your account manager.\n")
    assert terms_from(tmp_path, nlp, text).support_hours.value == "business_hours"


# fmt: off
@pytest.mark.parametrize("text, want", [
    # a preposition-like cue excludes what follows it, not the words of the promise before it
    ("The site will stay reachable from the public internet 99.95% of each month, with the exception of "
     "planned maintenance windows.", {"scheduled_maintenance"}),
    # a verb cue takes its subject from before it
    ("Outages of the public internet beyond our network are excluded from the availability figure.",
     {"network_outside_provider"}),
])
# fmt: on
def test_which_side_of_the_cue_is_excluded(tmp_path: Path, nlp: Any, text: str, want: set) -> None:
    got = {e.category for e in terms_from(tmp_path, nlp, "# Availability\n\n" + text + "\n").exclusions}
    assert got == want


def test_a_share_of_the_time_is_a_target_without_a_commitment_word(tmp_path: Path, nlp: Any) -> None:
    text = "# Our service\n\nThe booking site is available 99.8% of the time.\n\nThe site was up 99.99% of the time last year.\n"
    assert _uptime(tmp_path, nlp, text) == {(99.8, "unspecified")}


# ----------------------------------------------------------------- "provides cover" as the hours verb


# fmt: off
@pytest.mark.parametrize("text, hours", [
    # maintenance levels, each a line naming the days it covers: the cover differs by level bought
    ("## Repair options\n\nBronze repair\n\nThe engineer team provides cover Monday to Friday, except public holidays.\n\n"
     "Gold repair\n\nThe engineer team provides cover around the clock, every day of the year.\n", "mixed"),
    # one statement of cover for everything
    ("## Repair\n\nCover is provided 24 hours a day, 7 days a week, for every circuit.\n", "24x7"),
    ("## Repair\n\nOur field team will provide cover between 08:00 and 18:00, Monday to Friday.\n", "business_hours"),
])
# fmt: on
def test_support_hours_stated_as_cover(tmp_path: Path, nlp: Any, text: str, hours: str) -> None:
    assert terms_from(tmp_path, nlp, _UPTIME + text).support_hours.value == hours


# ----------------------------------------------------------------- one flat credit, no tiers


# fmt: off
@pytest.mark.parametrize("clause, cap", [
    # one amount for any miss of the level: that amount is the most a buyer can receive
    ("If the platform misses that level in a month, we will grant a credit worth 40% of the account's monthly fee.", 40.0),
    # a rate per unit of downtime is no flat amount and stays uncapped
    ("If the platform misses that level, we will grant a credit worth 3% of the monthly fee for every hour of downtime.", None),
    # a credit whose percentage is not of a fee is no flat amount
    ("If the platform misses that level, we will grant a credit; the platform is expected to be 97% usable.", None),
])
# fmt: on
def test_single_flat_credit_is_the_cap(tmp_path: Path, nlp: Any, clause: str, cap: Optional[float]) -> None:
    got = terms_from(tmp_path, nlp, _UPTIME + "## Credits\n\n" + clause + "\n").service_credits
    assert got.present and got.max_credit_percent == cap
