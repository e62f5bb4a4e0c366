"""Credit caps, chronic-failure exits and support hours written in shapes that held-out SLAs use
and the rules missed (issue 12, stop 23): a credit table flattened into one paragraph, a credit
scale set out as lettered items, an exit right written as a noun, a clock stated for the targets
as how they are measured, an hours row under plan columns. Each read through the real pipeline
from text written here."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from written import terms_from

_UPTIME = "# Hosting service levels\n\nThe hosted desk software is reachable 99.95% of each calendar month.\n\n"


# ----------------------------------------------------------------- credit scale flattened or itemised

# fmt: off
@pytest.mark.parametrize("scale, top, rows", [
    # a two-column table whose cells a web page ran together into one paragraph
    ("Monthly availability Service credit (share of the monthly fee) < 99.95% - >= 99.5% 5% < 99.5% - >= 98% 15% "
     "< 98% 40% Credits are set against the next invoice.", 40.0, 3),
    # the cells glued to the words before them, and the whole fee as the last band's credit
    ("Availability Hours lost Service credit Under 99.95% Up to 3 hours5% of the monthly fee Under 99.5%3 to 7 hours"
     "20% of the monthly fee Under 98.0%More than 7 hours100% of the monthly fee", 100.0, 3),
])
# fmt: on
def test_a_credit_table_run_into_one_paragraph_gives_its_tiers_and_top_tier(
        tmp_path: Path, nlp: Any, scale: str, top: float, rows: int) -> None:
    sc = terms_from(tmp_path, nlp, _UPTIME + "## Service credits\n\n" + scale + "\n").service_credits
    assert sc.max_credit_percent == top
    assert len(sc.tiers) == rows


def test_one_level_and_one_amount_in_a_sentence_stay_a_single_tier(tmp_path: Path, nlp: Any) -> None:
    text = _UPTIME + "## Service credits\n\nIf availability falls below 99.95% in a month, we credit 10% of that month's fee.\n"
    sc = terms_from(tmp_path, nlp, text).service_credits
    assert [(t.below_percent, t.credit_percent) for t in sc.tiers] == [(99.95, 10.0)]
    assert sc.max_credit_percent == 10.0


def test_lettered_items_under_a_credit_lead_in_are_its_scale(tmp_path: Path, nlp: Any) -> None:
    text = _UPTIME + ("## Remedies\n\nFor outages in a billing month the host grants these service credits:\n\n"
                      "- (a) under 45 minutes of outage: no credit\n- (b) 45 minutes to 5 hours of outage: 10% credit\n"
                      "- (c) more than 5 hours of outage: 25% credit\n")
    assert terms_from(tmp_path, nlp, text).service_credits.max_credit_percent == 25.0


def test_percentages_under_a_lead_in_that_names_no_credit_are_no_scale(tmp_path: Path, nlp: Any) -> None:
    text = ("# Hosting service levels\n\nThe hosted services aim for these monthly figures:\n\n"
            "- (a) web front end: 99.9%\n- (b) error rate under 2%\n\n"
            "A credit of one day's fee is given for each hour of outage.\n")
    assert terms_from(tmp_path, nlp, text).service_credits.max_credit_percent != 2.0


# ----------------------------------------------------------------- exit right written as a noun

# fmt: off
@pytest.mark.parametrize("clause, expected", [
    ("Termination of the affected order is permitted, free of charge, if downtime exceeds 1% in two consecutive months.", True),
    ("Missing the uptime target in three months of any six shall be grounds for termination by the client.", True),
    # no repeated or service-level failure: a general right
    ("Termination is permitted for either party on ninety days' written notice.", False),
    # a repeated failure, but not of the service levels
    ("Late payment in two consecutive months shall be grounds for termination of the plan.", False),
])
# fmt: on
def test_an_exit_right_written_as_a_noun(tmp_path: Path, nlp: Any, clause: str, expected: bool) -> None:
    terms = terms_from(tmp_path, nlp, _UPTIME + "## Remedies\n\n" + clause + "\n")
    assert terms.chronic_failure_termination.value is expected


# ----------------------------------------------------------------- support hours

_TARGETS = ("## Targets\n\n| Priority | Resolution target |\n|---|---|\n| P1 | 4 business hours |\n"
            "| P2 | 2 business days |\n\n")


def test_targets_measured_in_stated_office_hours_give_business_hours(tmp_path: Path, nlp: Any) -> None:
    text = "# Desk service levels\n\n" + _TARGETS + "Resolution times are measured during office hours (8am-6pm, Monday to Friday).\n"
    assert terms_from(tmp_path, nlp, text).support_hours.value == "business_hours"


def test_uptime_measured_around_the_clock_is_not_the_desks_hours(tmp_path: Path, nlp: Any) -> None:
    text = "# Desk service levels\n\n" + _TARGETS + "Availability of the portal is measured around the clock, every day of the year.\n"
    assert terms_from(tmp_path, nlp, text).support_hours.value != "24x7"


# fmt: off
@pytest.mark.parametrize("row, expected", [
    ("| Hours of support | 7am-7pm weekdays | 24/7/365 |", "mixed"),
    ("| Hours of support | 9am-5pm weekdays | 8am-8pm weekdays |", "business_hours"),
])
# fmt: on
def test_an_hours_row_under_plan_columns_gives_each_plans_hours(tmp_path: Path, nlp: Any, row: str, expected: str) -> None:
    text = ("# Support plans\n\n|  | Essentials | Enterprise |\n|---|---|---|\n" + row + "\n"
            "| First response to P1 | 4 hours | 1 hour |\n")
    assert terms_from(tmp_path, nlp, text).support_hours.value == expected


# ----------------------------------------------------------------- credits counted in days, weeks and months

# fmt: off
@pytest.mark.parametrize("clauses, cap", [
    # tiers written as days of service against an uptime level: the top tier is the most a month pays
    ("If monthly uptime is under 99.9%, service credits of 3 days are granted. "
     "If it is under 99%, service credits of 9 days are granted.", 30.0),
    # a ceiling in weeks of the fee
    ("Each hour of outage earns a credit of 2% of the monthly fee. Credits shall not be cumulative beyond "
     "two (2) weeks of subscription fees in any calendar month.", 46.67),
    # the credit unit is a day of the fee, so the bare days of the ceiling are days of the fee
    ("If an outage runs past the maximum allowable under the uptime target, the host credits one day of the "
     "hosting fee for each further hour, up to a maximum of 6 days per month.", 20.0),
    # a whole month, with a word between the count and the month
    ("Each hour of outage earns 25 times its length in credit, which will not exceed one (1) full month of credit.", 100.0),
])
# fmt: on
def test_a_credit_ceiling_counted_in_days_weeks_or_months_is_a_share_of_the_month(
        tmp_path: Path, nlp: Any, clauses: str, cap: float) -> None:
    sc = terms_from(tmp_path, nlp, _UPTIME + "## Service credits\n\n" + clauses + "\n").service_credits
    assert sc.max_credit_percent == cap


def test_days_per_month_of_credit_are_no_claim_window_and_contacting_us_is_a_claim(tmp_path: Path, nlp: Any) -> None:
    text = _UPTIME + ("## Service credits\n\nThe host credits one day of the hosting fee for each hour of outage, up to "
                      "a maximum of 6 days per month.\n\nTo receive a credit, the customer must contact the host within "
                      "21 days of the end of the month.\n")
    sc = terms_from(tmp_path, nlp, text).service_credits
    assert sc.claim_window_days == 21


def test_a_delay_before_credits_show_is_no_ceiling(tmp_path: Path, nlp: Any) -> None:
    text = _UPTIME + ("## Service credits\n\nA premium line includes an automatic 15% credit on your monthly bill if "
                      "average monthly uptime dips below 99.95%.\n\nIt can take up to 60 days for a credit to appear on your bill.\n")
    assert terms_from(tmp_path, nlp, text).service_credits.max_credit_percent == 15.0


def test_no_service_credits_unless_an_order_adds_them_is_no_credit(tmp_path: Path, nlp: Any) -> None:
    text = _UPTIME + "## Remedies\n\nCredits: no service credits unless an enterprise order form sets them out.\n"
    sc = terms_from(tmp_path, nlp, text).service_credits
    assert sc is None or sc.present is False


# fmt: off
@pytest.mark.parametrize("text, expected", [
    # a second clause gives the top level its own cover beyond the desk's day
    ("# Desk\n\nP1 incidents get a response within 1 hour.\n\nDesk hours are 08:30-17:30 on working days, and an on-call "
     "technician covers P1 incidents outside these hours.\n", "mixed"),
    # each plan's section says when it runs, the word "support" only in its heading
    ("# Support\n\n## Essentials Support\n\nAvailable 8am to 6pm, Monday to Friday.\n\n## Enterprise Support\n\n"
     "Available 24 hours a day, 365 days a year.\n", "mixed"),
    # logging a ticket round the clock is not being worked on round the clock
    ("# Desk\n\nP1 incidents get a response within 1 hour.\n\nRequests may be raised 24/7 through the web portal; "
     "the team works on them from 8am to 6pm on weekdays.\n", "business_hours"),
])
# fmt: on
def test_support_hours_by_clause_by_plan_section_and_intake(tmp_path: Path, nlp: Any, text: str, expected: str) -> None:
    assert terms_from(tmp_path, nlp, text).support_hours.value == expected


# ----------------------------------------------------------------- monitoring: who watches what

_AVAIL = "# Service levels\n\nThe hosted service is available 99.9% of each month.\n\n"


# fmt: off
@pytest.mark.parametrize("sentence", [
    "Our operations staff watch the platform around the clock and start work on a fault before you report it.",
    "Automated probes test every hosted site each minute and page the duty engineer when one fails.",
])
# fmt: on
def test_the_provider_watching_the_service_and_acting_is_proactive_monitoring(tmp_path: Path, nlp: Any, sentence: str) -> None:
    assert terms_from(tmp_path, nlp, _AVAIL + sentence + "\n").proactive_monitoring.value is True


# fmt: off
@pytest.mark.parametrize("sentence", [
    # something other than the service is watched
    "We continuously monitor and refine our support processes.",
    "We regularly monitor the performance of our support team against these targets.",
    "Usage is monitored continuously to enforce each plan's fair use limits.",
    "Your use of the portal may be monitored at all times to check compliance with this agreement.",
    "We actively monitor customer satisfaction with a short survey after each request.",
    "Account managers track your open tickets around the clock.",
    # the customer's duty, though a 24x7 phrase names it
    "The Client shall provide 24x7 monitoring of its own routers and alert the Supplier to faults.",
    # the customer's dashboard shows the status; the provider promises nothing
    "Details of your backups are reported on the dashboard, where each job's status can be monitored in real time.",
])
# fmt: on
def test_monitoring_of_something_else_or_by_the_customer_is_not_proactive(tmp_path: Path, nlp: Any, sentence: str) -> None:
    assert terms_from(tmp_path, nlp, _AVAIL + sentence + "\n").proactive_monitoring.value is False


# ----------------------------------------------------------------- uptime named by its guarantee

# fmt: off
@pytest.mark.parametrize("text, percent", [
    ("# Hosting\n\nNorthgate Hosting gives a 99.95% Service Guarantee on every dedicated server.\n", 99.95),
    ("# Hosting\n\nYour server will run without interruption for at least 99.8% of the time.\n", 99.8),
])
# fmt: on
def test_an_uptime_named_as_a_service_guarantee_or_as_running_without_interruption(
        tmp_path: Path, nlp: Any, text: str, percent: float) -> None:
    assert [u.percent for u in terms_from(tmp_path, nlp, text).uptime] == [percent]


# fmt: off
@pytest.mark.parametrize("text, expected", [
    # a severity table a web page set out one cell per line: each level's clock is in its own lines
    ("# Support targets\n\n## Severity 1\n\nThe whole service is down for every user.\n\n30 minutes (24 x 7 x 365)\n\n"
     "Updates every hour (24 x 7 x 365)\n\n## Severity 2\n\nA main feature fails for many users.\n\n4 business hours\n\n"
     "Worked on during Business Hours until a workaround is found\n", "mixed"),
    # a description that opens with a level word is no label: its lines keep the section's clock
    ("# Desk targets\n\n## Targets during office hours\n\nSignificant loss of service\n\nMonday - Friday, 8am-6pm\n\n"
     "Remote response within 1 hour\n", "business_hours"),
])
# fmt: on
def test_cells_set_out_one_per_line_take_the_level_of_their_label(tmp_path: Path, nlp: Any, text: str, expected: str) -> None:
    assert terms_from(tmp_path, nlp, text).support_hours.value == expected
