"""Findings on shapes a blind review of unseen contracts found wrong (stop 24): absence claimed
under a heading that names response times, a hardware-swap time shown as a fix time for any
incident, an uptime cited from a credit band instead of the commitment. Each contract is our own
wording, read through the real pipeline from a file."""
from __future__ import annotations

from written import findings_from, terms_from

# A saved help-desk page: the table's cells ran together, its rows name the levels in lower case and
# its columns are times of day, so no time is read from it.
GLUED_EXPECTATIONS = """Campus Computing Desk

Response Expectations

Level8 AM - 5 PM5 PM - 8 PMWeekends
level one1 Hour3 HoursNext Morning
level two4 Hours1 DayNext Week
"""


def test_a_response_heading_over_an_unread_table_is_review_not_gap(tmp_path, nlp):
    got = findings_from(tmp_path, nlp, GLUED_EXPECTATIONS, name="desk.txt")
    p1 = got["p1-response"]
    assert p1.status == "review", p1.explanation
    assert p1.evidence and "Response Expectations" in (p1.evidence[0].section or p1.evidence[0].text)
    # without the heading the same page gives no sign of response times: the gap stands
    bare = findings_from(tmp_path, nlp, "Campus Computing Desk\n\nWe look after the lecture theatres.\n", name="bare.txt")
    assert bare["p1-response"].status == "gap"


def test_a_sentence_promising_an_answer_in_time_is_a_sign_of_response_times(tmp_path, nlp):
    text = ("Print Room Help\n\nWhen a request reaches us we will respond within the times agreed with each faculty, "
            "and faster for lecture-theatre faults.\n")
    assert findings_from(tmp_path, nlp, text, name="print.txt")["p1-response"].status == "review"
    # a saved page cut off in the middle of its support-ticket clause still speaks of it
    cut = "Print Room Help\n\nSupport ticket response is covered as follows: the print room desk will ackno\n"
    assert findings_from(tmp_path, nlp, cut, name="cut.txt")["p1-response"].status == "review"
    # a sentence that disclaims support response targets stays a gap
    denied = "Print Room Help\n\nSupport response targets are not part of this agreement.\n"
    assert findings_from(tmp_path, nlp, denied, name="denied.txt")["p1-response"].status == "gap"
    # how we respond, with no time to it, is no such sign
    vague = "Print Room Help\n\nThis page says how we respond to your requests and who looks after them.\n"
    assert findings_from(tmp_path, nlp, vague, name="vague.txt")["p1-response"].status == "gap"


# A hosting page whose only time is for swapping failed kit, counted from the vendor's diagnosis.
KIT_SWAP = """# Dedicated Server Guarantee

Our network is available 99.95% of each calendar month.

Hardware Replacement: a failed power supply or drive is swapped for a working one within {time} of our diagnosis.
"""


def test_a_time_for_swapping_a_part_is_not_a_fix_time_for_any_incident(tmp_path, nlp):
    fast = findings_from(tmp_path, nlp, KIT_SWAP.format(time="2 hours"), name="fast.md")["p1-resolution"]
    assert fast.status == "review"
    assert "any incident" not in fast.explanation and "for hardware replacement" in fast.explanation
    # slower than the profile allows it is weak whatever it covers, and still named as that part's time
    slow = findings_from(tmp_path, nlp, KIT_SWAP.format(time="24 hours"), name="slow.md")["p1-resolution"]
    assert slow.status == "weak" and "for hardware replacement" in slow.explanation, slow.explanation
    # a time for every fault, naming no part, is still a time for any incident
    every = findings_from(tmp_path, nlp, KIT_SWAP.replace(
        "Hardware Replacement: a failed power supply or drive is swapped for a working one", "Every fault is fixed")
        .format(time="24 hours"), name="every.md")["p1-resolution"]
    assert every.status == "weak" and "any incident" in every.explanation


# A SaaS page: uptime by plan in a table that also has a credits column, then the credit scale.
PLAN_UPTIME = """# Timesheet Cloud Service Levels

## Uptime by plan

| Plan | Monthly uptime | Longest outage a month | Credits |
|---|---|---|---|
| Team | 99.5% | 3.6 hours | No |
| Company | 99.9% | 43 minutes | Yes |

## Service Credits

| Monthly uptime | Credit |
|---|---|
| 99.9% - 99.5% | 10% |
| below 99.5% | 25% |
"""


def test_a_plans_uptime_column_is_the_target_not_the_credit_band(tmp_path, nlp):
    got = findings_from(tmp_path, nlp, PLAN_UPTIME)["uptime-target"]
    assert got.status == "ok"
    # the plan table decides (the lowest plan's level), not the first row of the credit scale
    first = got.evidence[0]
    assert first.section == "Uptime by plan" and "99.5%" in first.text, first
    assert all(e.section != "Service Credits" for e in got.evidence[:1])
    # a tier table keyed by its bands is still no target: it says where credits start
    tiers = "# Timesheet Cloud\n\n## Service Credits\n\n| Tier | Monthly uptime | Credit |\n|---|---|---|\n" \
        "| First | 99.0% - 99.9% | 10% |\n| Second | below 99.0% | 25% |\n"
    assert terms_from(tmp_path, nlp, tiers, name="tiers.md").uptime == []
    # ... and so is a named row whose level column holds a band and whose credit column a full refund
    refund = "# Timesheet Cloud\n\n## Service Credits\n\n| Scope | Monthly uptime | Service credit |\n|---|---|---|\n" \
        "| Whole region | less than 95.0% | 100% |\n"
    assert terms_from(tmp_path, nlp, refund, name="refund.md").uptime == []


def test_where_only_a_credit_band_was_read_the_commitment_is_cited_first(tmp_path, nlp):
    text = ("# Timesheet Cloud\n\n## Our uptime promise\n\nWe keep the service up 99.9% of every month.\n\n"
            "## Service Credits\n\n| Monthly uptime | Credit |\n|---|---|\n| 99.9% - 99.5% | 10% |\n| below 99.5% | 25% |\n")
    got = findings_from(tmp_path, nlp, text)["uptime-target"]
    assert got.status == "ok"
    assert got.evidence[0].section == "Our uptime promise"
    assert any(e.section == "Service Credits" for e in got.evidence[1:])


def test_a_kind_named_in_one_line_only_is_not_the_contracts_kind(tmp_path, nlp):
    # a booking desk's page with one aside under a heading naming hosting: that line's subject
    one = ("Club Bookings Desk\n\nHow we answer you\n\nWe answer every booking question within one working day.\n\n"
           "Hosting\n\nOur booking pages are run for us by a partner.\n")
    assert terms_from(tmp_path, nlp, one, name="one.txt").service_kind.value is None
    # named again in the text, it is what the contract covers
    two = one + "\nThe hosted booking pages are backed up every night on the partner's servers.\n"
    assert terms_from(tmp_path, nlp, two, name="two.txt").service_kind.value == "hosting"


def test_a_time_that_counts_out_a_credit_is_no_fix_time(tmp_path, nlp):
    text = ("# Rack Space Service Levels\n\nCooling: if the cold aisle stays above 27 C for more than an hour, the only remedy "
            "is one day of credit for each 24 hour period it lasts.\n")
    got = findings_from(tmp_path, nlp, text)["p1-resolution"]
    assert got.status == "gap", got.explanation
    # a fix time stated beside the credit is still the fix time
    fixed = text + "\nAny cooling fault will be resolved within 12 hours.\n"
    assert findings_from(tmp_path, nlp, fixed, name="fixed.md")["p1-resolution"].status == "weak"


# The level is firm in its own sentence; a clause elsewhere says a missed level is no breach.
NO_BREACH = """# Metro Link Service Level Objectives

## 1. Availability

The metro link is available 99.9% of each calendar month.

## 2. Remedies

A failure to meet any service level objective shall not constitute a breach of the Agreement.
"""


def test_a_clause_saying_a_missed_level_is_no_breach_reaches_the_uptime_it_names(tmp_path, nlp):
    got = findings_from(tmp_path, nlp, NO_BREACH)["uptime-target"]
    assert got.status == "review", got.explanation
    # the level's own sentence first, then the clause that hedges it
    assert got.evidence[0].section == "1" and any(e.section == "2" for e in got.evidence[1:])
    # a no-breach clause about something else (the customer's late payment) hedges no level
    other = NO_BREACH.replace("A failure to meet any service level objective", "A late payment by the customer")
    assert findings_from(tmp_path, nlp, other, name="other.md")["uptime-target"].status == "ok"
