"""Evidence that decides: each finding cites the clause its verdict rests on (issue 14), run
through the real pipeline on short contracts written for these tests."""
from __future__ import annotations

import pytest

from sla_check.normalize import find_durations
from written import findings_from


SUMMARY_THEN_CLAUSE = """# Hosting Service Levels

Customers on the Business plan get a 99.95% availability guarantee.

## 1. Definitions

* "Rebate" means a reduction of the next invoice, worked out as set out below.

## 2. Availability

The Hosting Platform shall be available to the Customer at least 99.95% of the total time in each calendar month.

If the Platform is unavailable for longer than that, the Customer is entitled to a Rebate as set out in section 3.

## 3. Rebates

Rebates are worked out from the minutes of unavailability in the month.
"""


def test_the_measured_clause_and_the_grant_decide_over_a_summary_and_a_definition(tmp_path, nlp):
    got = findings_from(tmp_path, nlp, SUMMARY_THEN_CLAUSE)
    uptime = got["uptime-target"].evidence[0]
    assert uptime.section == "2" and "total time" in uptime.text
    credits = got["credits-present"].evidence[0]
    assert credits.section == "2" and "entitled to a Rebate" in credits.text


AGREEMENT_WITH_FORCE_MAJEURE = """# Support and Hosting Agreement

## 4. Service Levels

4.1 The Supplier shall keep the Portal available for at least 99.8% of each calendar month.

4.2 The Supplier will respond to Severity 1 faults within 30 minutes, 24 hours a day.

## 9. General

9.1 Notices. Notices under this Agreement are given in writing to the addresses above.

9.2 Force Majeure. Neither party is liable for a delay or failure in performing this Agreement caused by
events outside its reasonable control, including fire, flood, strikes and failures of public networks.
"""

SLA_ONLY = """# Portal Service Levels

1. The Supplier shall keep the Portal available for at least 99.8% of each calendar month.

2. The Supplier will respond to Severity 1 faults within 30 minutes, 24 hours a day.
"""


def test_a_general_force_majeure_clause_is_a_broad_exclusion_to_read(tmp_path, nlp):
    got = findings_from(tmp_path, nlp, AGREEMENT_WITH_FORCE_MAJEURE)["broad-exclusions"]
    assert got.status == "review"
    assert got.evidence[0].section == "9.2" and "force-majeure" in got.explanation
    assert findings_from(tmp_path, nlp, SLA_ONLY)["broad-exclusions"].status == "ok"


@pytest.mark.parametrize("text, minutes", [("within 15 (fifteen) days", 15 * 1440), ("within ten (10) days", 10 * 1440),
                                           ("within 4 (four) business hours", 240)])
def test_a_number_with_its_words_in_brackets_is_one_duration(text, minutes):
    found = find_durations(text)
    assert [f.value for f in found] == [minutes]


OVERVIEW_THEN_DUTY = """# Managed Desktop Service

## What is included

- Asset register
- Proactive monitoring
- Patch management

## Running the service

Our operations team watches every managed device around the clock and alerts you when a fault is detected.

## Service credits

If a device is unavailable for more than a day because of our fault, you receive a credit of 5% of its monthly charge.
Credits are added to your next invoice.
"""


def test_a_duty_sentence_decides_over_a_feature_name_and_the_credit_clause_answers_for_no_deadline(tmp_path, nlp):
    got = findings_from(tmp_path, nlp, OVERVIEW_THEN_DUTY)
    monitoring = got["proactive-monitoring"]
    assert monitoring.status == "ok" and monitoring.evidence[0].section == "Running the service"
    window = got["credit-claim-window"]
    assert window.status == "ok" and window.evidence and window.evidence[0].section == "Service credits"


def test_seven_by_twenty_four_monitoring_is_round_the_clock(tmp_path, nlp):
    text = ("# Network Service\n\nThe Provider will:\n\n- operate the customer's routers and monitor their availability 7x24, "
            "every day of the year;\n- keep a record of every change made.\n")
    got = findings_from(tmp_path, nlp, text)["proactive-monitoring"]
    assert got.status == "ok" and "7x24" in got.evidence[0].text


def test_a_review_on_a_heading_over_no_value_points_to_the_clause_it_opens(tmp_path, nlp):
    text = ("# Storage Service Terms\n\n## 2. Availability\n\n2.1 The Provider commits to the availability level that the "
            "Order Form states for each storage tier.\n\n## 3. Support\n\n3.1 Tickets are answered within 2 hours, "
            "around the clock.\n")
    got = findings_from(tmp_path, nlp, text)["uptime-target"]
    assert got.status == "review"
    assert got.evidence[0].section == "2.1" and "commits to the availability level" in got.evidence[0].text


PROMISE_THEN_DISCOUNT_SCALE = """# Archive Service Terms

1. Service Level

1.1 Availability. The Archive Service will be available to accept uploads at least 99.8% of the time.

2. Reductions

2.1 For each calendar month the Provider will reduce the next invoice as follows:

(a) Under 90 minutes of outage in the calendar month (99.8% availability): 0% reduction, no discount
(b) 90 minutes to 6 hours of outage in the calendar month: 15% discount
(c) More than 6 hours of outage in the calendar month: 25% discount
"""


def test_a_credit_row_that_restates_the_target_does_not_replace_the_clause_that_promises_it(tmp_path, nlp):
    """The first band of a discount scale names the target with its month; the promise in 1.1 still decides."""
    got = findings_from(tmp_path, nlp, PROMISE_THEN_DISCOUNT_SCALE)
    uptime = got["uptime-target"]
    assert uptime.status == "ok"
    assert uptime.evidence[0].section == "1.1" and "accept uploads" in uptime.evidence[0].text


NOTE_THEN_UPTIME_SECTION = """# Ledger Cloud Terms

## Plans

> Note: from 1 March, Team and Scale customers get a 99.7% uptime commitment.

## Uptime commitment

Uptime is the share of minutes in a calendar month in which the ledger answers requests. We pledge to hold at
least 99.7% uptime.
"""


def test_the_uptime_sections_statement_decides_over_a_note_elsewhere(tmp_path, nlp):
    """The same target said twice, neither hedged: the statement under the uptime heading is cited first."""
    got = findings_from(tmp_path, nlp, NOTE_THEN_UPTIME_SECTION)
    uptime = got["uptime-target"]
    assert uptime.status == "ok"
    assert uptime.evidence[0].section == "Uptime commitment"
