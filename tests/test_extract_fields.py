"""Shapes of the fields other than response times (uptime, exclusions, credits, support hours,
monitoring, chronic-failure termination) seen in SLAs written elsewhere (issue 12), each run
through the real reader on a small Markdown or text file. All wording is our own."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from sla_check.models import Terms
from written import terms_from


def uptimes(terms: Terms) -> set[tuple[float, str]]:
    return {(u.percent, u.period) for u in terms.uptime}


# ----------------------------------------------------------------------------------- uptime


def test_a_level_reported_as_achieved_is_not_a_target(tmp_path: Path, nlp: Any) -> None:
    text = ("# Service levels\n\nThe platform is built for resilience. Last year our measured availability "
            "reached 99.97% across all regions.\n\nWe commit to an availability of 99.5% in each calendar month.\n\n"
            "| Month | Actual uptime |\n|---|---|\n| March | Actual uptime: 99.81% |\n")
    assert uptimes(terms_from(tmp_path, nlp, text)) == {(99.5, "month")}


def test_a_target_with_no_period_anywhere_stays_unspecified(tmp_path: Path, nlp: Any) -> None:
    text = ("# Hosting terms\n\nThe hosting platform will be available 99.8% of the time.\n\n"
            "## Related documents\n\nThese documents also apply:\n\n* Monthly Uptime Percentage\n* Support Policy\n")
    assert uptimes(terms_from(tmp_path, nlp, text)) == {(99.8, "unspecified")}


def test_levels_listed_after_a_lead_in_are_each_a_target_with_the_lead_ins_period(tmp_path: Path, nlp: Any) -> None:
    text = ("# 3. Availability\n\nThe portal shall achieve at least the following availability, measured monthly:\n\n"
            "(a) during the first quarter after go-live: 98.5%;\n\n(b) from the second quarter on: 99.3%;\n\n"
            "(c) for the reporting module: 99.0%.\n\n# 4. Support\n\nWe answer the phone within 10 minutes.\n")
    terms = terms_from(tmp_path, nlp, text)
    assert uptimes(terms) == {(98.5, "month"), (99.3, "month"), (99.0, "month")}
    assert all(u.service for u in terms.uptime)  # each level keeps its item's label as its scope


# ------------------------------------------------------------------------------- monitoring


def test_a_responsibility_matrix_that_gives_monitoring_to_the_provider_is_proactive(tmp_path: Path, nlp: Any) -> None:
    matrix = ("# Who does what\n\n| Activity | Hosting team | Customer |\n|---|---|---|\n"
              "| Operating system patching | N | Y |\n| Disk and memory monitoring | Y | N |\n")
    terms = terms_from(tmp_path, nlp, matrix)
    assert terms.proactive_monitoring.value is True
    assert "monitoring" in terms.proactive_monitoring.evidence.text.lower()
    theirs = matrix.replace("| Disk and memory monitoring | Y | N |", "| Disk and memory monitoring | N | Y |")
    assert terms_from(tmp_path, nlp, theirs, "theirs.md").proactive_monitoring.value is False


def test_monitoring_in_the_customers_list_of_duties_or_of_a_mailbox_is_not_proactive(tmp_path: Path, nlp: Any) -> None:
    text = ("# 7. Your obligations\n\n7.1 You are responsible for:\n\n(a) patching your guest systems;\n\n"
            "(b) security management and protective monitoring of your applications.\n\n"
            "# 8. Contact\n\n- Email: help@example.org (monitored 24x7)\n")
    assert terms_from(tmp_path, nlp, text).proactive_monitoring.value is False
    ours = "# Security\n\nWe operate protective monitoring of the hosting platform below the hypervisor.\n"
    assert terms_from(tmp_path, nlp, ours, "ours.md").proactive_monitoring.value is True


# ----------------------------------------------------------------- chronic-failure termination


def test_termination_for_misses_in_n_months_of_any_period_is_chronic_failure(tmp_path: Path, nlp: Any) -> None:
    text = ("# 9. Remedies\n\n9.1 If the Availability target is not met in three months within any twelve month "
            "period, the agreement may be terminated by the Customer without penalty.\n")
    assert terms_from(tmp_path, nlp, text).chronic_failure_termination.value is True


def test_a_condition_item_then_the_right_in_the_next_item_is_chronic_failure(tmp_path: Path, nlp: Any) -> None:
    text = ("# Exit rights\n\n- If four or more Severity 1 incidents occur in one quarter because the service levels "
            "were missed,\n- the Client may terminate the affected service on written notice.\n")
    assert terms_from(tmp_path, nlp, text).chronic_failure_termination.value is True


def test_repeated_breach_under_a_service_level_heading_is_chronic_failure_not_elsewhere_nor_the_providers_right(tmp_path: Path, nlp: Any) -> None:
    clause = ("The buyer may terminate this agreement at once if any obligation of this schedule is breached "
              "in two consecutive measurement periods.\n")
    assert terms_from(tmp_path, nlp, "# Performance standards\n\n" + clause).chronic_failure_termination.value is True
    assert terms_from(tmp_path, nlp, "# Payment\n\n" + clause, "pay.md").chronic_failure_termination.value is False
    unpaid = "# Service levels\n\nWe may terminate the agreement if you do not pay invoices for two consecutive months.\n"
    assert terms_from(tmp_path, nlp, unpaid, "unpaid.md").chronic_failure_termination.value is False


def test_a_right_to_terminate_without_penalty_is_not_negated(tmp_path: Path, nlp: Any) -> None:
    text = ("# Service levels\n\nWhere the monthly uptime commitment is missed in two consecutive months, the "
            "Customer may, without penalty or liability, terminate the affected order.\n")
    assert terms_from(tmp_path, nlp, text).chronic_failure_termination.value is True
    denied = text.replace("may, without penalty or liability, terminate", "may not terminate")
    assert terms_from(tmp_path, nlp, denied, "denied.md").chronic_failure_termination.value is False


# ------------------------------------------------------------------------------- exclusions


def categories(terms: Terms) -> set[str]:
    return {e.category for e in terms.exclusions}


def test_a_numbered_list_after_an_exempt_from_the_guarantee_lead_in(tmp_path: Path, nlp: Any) -> None:
    text = ("# 5. Exemptions\n\nThe situations below are exempt from our service guarantee and give no right to "
            "compensation:\n\n1. Planned interruptions announced in advance.\n2. Force majeure.\n"
            "3. Faults in add-ons written by other vendors.\n")
    assert categories(terms_from(tmp_path, nlp, text)) == {"scheduled_maintenance", "force_majeure", "third_party"}


def test_a_defined_excused_event_introduces_its_list_even_in_a_quoted_block(tmp_path: Path, nlp: Any) -> None:
    text = ("# 2. Terms used\n\n> **Excused Event** means any of the following:\n>\n"
            "> a. an event of force majeure;\n>\n> b. your acts or omissions, or those of your staff;\n")
    assert categories(terms_from(tmp_path, nlp, text)) == {"force_majeure", "customer_caused"}


def test_availability_subject_to_the_following_restrictions_lists_exclusions(tmp_path: Path, nlp: Any) -> None:
    text = ("# Hosting\n\nThe archive is available to members at all hours, subject to the following restrictions:\n\n"
            "- interruptions for backups of the archive;\n- outages for reasons beyond Example Archive Co's control;\n"
            "- damage from software owned or controlled by the member.\n")
    cats = categories(terms_from(tmp_path, nlp, text))
    assert {"force_majeure", "customer_caused"} <= cats


def test_exclusion_items_run_together_as_sentences_of_one_paragraph(tmp_path: Path, nlp: Any) -> None:
    text = ("Our racks will have power 99.9% of the time in any month except in the following circumstances:\n"
            "Power work that we announced a day ahead.\nShutdown of a rack after its account was suspended.\n"
            "Equipment supplied by anyone other than us.\n"
            "If we miss the level, you may claim a credit of the following amount: one day of rental for each hour.\n")
    cats = categories(terms_from(tmp_path, nlp, text, "racks.txt"))
    assert {"suspension", "third_party"} <= cats


# ---------------------------------------------------------------------------- service credits


def test_a_cap_stated_away_from_the_tier_table_decides_over_an_indemnity_credit(tmp_path: Path, nlp: Any) -> None:
    text = ("# 4. Indemnity\n\nIf licensed material infringes, we will give you a credit of the fees paid for it, "
            "up to a maximum of 24 months of charges.\n\n# 9. Availability credits\n\n"
            "| Monthly availability | Credit |\n|---|---|\n| below 99.9% | 5% |\n| below 99.0% | 10% |\n\n"
            "Credits are settled each quarter.\n\nIn no event shall credits for the availability target exceed "
            "one month's fees.\n")
    credits = terms_from(tmp_path, nlp, text).service_credits
    assert credits.present and credits.max_credit_percent == 100


def test_a_cap_row_of_a_table_gives_its_largest_value(tmp_path: Path, nlp: Any) -> None:
    text = ("# Penalties\n\n| Item | Standard | Premium |\n|---|---|---|\n"
            "| Uptime promise | 99.0% | 99.5% |\n"
            "| Maximum penalty credit per month | No more than 15% of the monthly fee | No more than 25% of the monthly fee |\n")
    assert terms_from(tmp_path, nlp, text).service_credits.max_credit_percent == 25


def test_a_refund_of_the_full_monthly_cost_is_a_credit_of_100(tmp_path: Path, nlp: Any) -> None:
    text = ("# Our promise\n\nThe service will be up 99.0% of each month. If we break this SLA, we will refund you "
            "the full cost of the service for that month.\n")
    credits = terms_from(tmp_path, nlp, text).service_credits
    assert credits.present and credits.max_credit_percent == 100


def test_examples_named_inside_a_sentence_do_not_make_the_rest_of_the_paragraph_an_example(tmp_path: Path, nlp: Any) -> None:
    text = ("Uptime is 99.5% each month, except for causes beyond our control, e.g. floods or strikes. "
            "If we miss the target you may ask for a credit. (For example, a 10 hour outage earns 5%.) Credits "
            "will never exceed 40% of the monthly fee.\n")
    assert terms_from(tmp_path, nlp, text, "merged.txt").service_credits.max_credit_percent == 40


# ------------------------------------------------------------------------------- support hours


def test_requests_submitted_at_any_time_or_self_help_round_the_clock_are_not_the_support_hours(tmp_path: Path, nlp: Any) -> None:
    text = ("# Support\n\n- Knowledge base: self-service help is available 24x7 in our documentation.\n"
            "- Tickets may be submitted at any time.\n\n## Hours\n\nOur support desk is staffed Monday to Friday, "
            "9:00 to 17:00, except public holidays.\n")
    assert terms_from(tmp_path, nlp, text).support_hours.value == "business_hours"


def test_a_definition_of_business_hours_beside_round_the_clock_support_is_not_mixed(tmp_path: Path, nlp: Any) -> None:
    text = ("# Repair\n\nThe support line is staffed 24 hours a day, 7 days a week; for this schedule, business hours "
            "are defined as Monday to Friday 8:00 to 18:00.\n")
    assert terms_from(tmp_path, nlp, text).support_hours.value == "24x7"


def test_hours_that_differ_by_plan_are_mixed(tmp_path: Path, nlp: Any) -> None:
    text = ("# Support plans\n\n## Basic Support\n\nBasic customers can email the help desk; you will get a "
            "response within one business day.\n\n## Premium Support\n\nOur engineers work with premium customers "
            "24x7 until the problem is fixed, and respond to tickets within 1 hour.\n")
    assert terms_from(tmp_path, nlp, text).support_hours.value == "mixed"


# ---------------------------------------------------------------------------- maintenance notice


def test_notice_stated_away_from_its_number_and_for_scheduled_interruptions(tmp_path: Path, nlp: Any) -> None:
    gap = ("# Service\n\n- Planned maintenance: network work of which you are told in advance within a fair period "
           "(no less than 3 days).\n")
    assert terms_from(tmp_path, nlp, gap).maintenance_notice_hours.value == 72
    of = "# Service\n\n- We aim to give notification of scheduled downtimes of 36 hours.\n"
    assert terms_from(tmp_path, nlp, of, "of.md").maintenance_notice_hours.value == 36
    interruptions = ("# Interruptions\n\nWe tell you about scheduled interruptions of the platform at least 24 hours "
                     "before they start.\n")
    assert terms_from(tmp_path, nlp, interruptions, "int.md").maintenance_notice_hours.value == 24


def test_notice_for_maintenance_outranks_notice_for_a_press_release(tmp_path: Path, nlp: Any) -> None:
    text = ("# 12. Publicity\n\nBefore any press release, the releasing party shall ask the other for approval at "
            "least 5 days in advance.\n\n# 13. Performance\n\nMaintenance means scheduled outages of which the "
            "customer is notified at least 48 hours in advance.\n")
    assert terms_from(tmp_path, nlp, text).maintenance_notice_hours.value == 48


def test_credits_of_a_commercial_kind_are_not_service_credits(tmp_path: Path, nlp: Any) -> None:
    text = ("# 1. Definitions\n\n\"Net Sales\" means gross sales less taxes, refunds or credits and returns.\n\n"
            "# 8. Fees\n\nThe reseller waives any claim that this fee is a penalty.\n")
    assert terms_from(tmp_path, nlp, text).service_credits.present is False
    sla = text + "\n# 9. Service levels\n\nIf availability is missed, the customer receives a credit on the next invoice.\n"
    assert terms_from(tmp_path, nlp, sla, "sla.md").service_credits.present is True


def test_monitoring_of_named_things_offered_as_part_of_the_service_is_proactive(tmp_path: Path, nlp: Any) -> None:
    text = "# Managed hosting\n\nThe plan includes:\n\n- firewall and server monitoring;\n- weekly patching.\n"
    assert terms_from(tmp_path, nlp, text).proactive_monitoring.value is True
    measured = "# Availability\n\nAvailability is measured by our uptime monitoring tool, included in the report.\n"
    assert terms_from(tmp_path, nlp, measured, "measured.md").proactive_monitoring.value is False
    alerting = "# Operations\n\nWe proactively detect faults through automated alerting on disk and memory use.\n"
    assert terms_from(tmp_path, nlp, alerting, "alerting.md").proactive_monitoring.value is True


def test_a_right_to_terminate_whose_listed_conditions_include_repeated_misses(tmp_path: Path, nlp: Any) -> None:
    text = ("# 14. Ending the contract\n\n14.1 The Customer may end this contract by written notice if:\n\n"
            "(a) the Supplier becomes insolvent;\n\n(b) the availability target is missed in two consecutive "
            "months; or\n\n(c) the Supplier breaches clause 9.\n")
    assert terms_from(tmp_path, nlp, text).chronic_failure_termination.value is True
    other = text.replace("the availability target is missed in two consecutive months", "the Supplier is sold")
    assert terms_from(tmp_path, nlp, other, "other.md").chronic_failure_termination.value is False


# ------------------------------------------------------------------- support hours (t-excl2)


def hours_of(tmp_path: Path, nlp: Any, text: str) -> object:
    return terms_from(tmp_path, nlp, text).support_hours.value


def test_a_span_of_working_days_is_office_hours(tmp_path: Path, nlp: Any) -> None:
    text = "# Help\n\nThe campus helpdesk is open 7:30-18:00 Monday to Thursday and 7:30-16:00 on Fridays.\n"
    assert hours_of(tmp_path, nlp, text) == "business_hours"


def test_opening_hours_by_day_in_a_table_under_an_hours_heading(tmp_path: Path, nlp: Any) -> None:
    text = ("# Opening hours\n\n| Day | Hours |\n|---|---|\n| Mon - Thu | 8:30 AM - 6:00 PM |\n"
            "| Friday | 8:30 AM - 4:00 PM |\n| Saturday | closed |\n")
    assert hours_of(tmp_path, nlp, text) == "business_hours"


def test_an_hours_row_that_differs_between_plan_columns_is_mixed(tmp_path: Path, nlp: Any) -> None:
    text = ("# Plans\n\n| | Starter | Growth | Scale |\n|---|---|---|---|\n| Coverage | Business hours | Business hours | 24/7 |\n"
            "| First reply (urgent) | 2 business days | 8 hours | 1 hour |\n")
    assert hours_of(tmp_path, nlp, text) == "mixed"


def test_naming_the_business_day_only_to_say_what_happens_after_it(tmp_path: Path, nlp: Any) -> None:
    """The second sentence gives a level cover beyond the day; it does not restate the business clock."""
    text = ("# Support\n\nThe support team answers during business hours (08:00-17:00, Monday to Friday). "
            "Outside business hours, Severity 1 outages are picked up by the duty engineer on call.\n")
    assert hours_of(tmp_path, nlp, text) == "mixed"
    closed = ("# Support\n\nThe support team answers during business hours (08:00-17:00, Monday to Friday). "
              "Tickets logged outside business hours are picked up on the next working day.\n")
    assert hours_of(tmp_path, nlp, closed) == "business_hours"


def test_some_levels_answered_after_hours_and_others_only_in_the_day_are_mixed(tmp_path: Path, nlp: Any) -> None:
    text = ("# Response targets\n\nBusiness Hours are 9:00 to 17:00 on weekdays.\n\n"
            "| Priority | Response |\n|---|---|\n"
            "| P1 | 1 hour response during Business Hours, 3 hour response during other hours |\n"
            "| P3 | 2 business days |\n")
    assert hours_of(tmp_path, nlp, text) == "mixed"


# ----------------------------------------------------------------------- exclusions (t-excl2)


def test_numbered_sub_headings_under_an_exclusions_heading_are_exclusions(tmp_path: Path, nlp: Any) -> None:
    text = ("1. Availability\n\n1.1 The portal will be reachable 99.9% of each calendar month.\n\n"
            "2. Exclusions\n\n2.1 Planned Works\n\nWe carry out planned works on Sunday mornings after giving notice.\n\n"
            "2.2 Storms and Floods\n\nEvents beyond our reasonable control, such as storms and floods.\n\n"
            "3. Support\n\n3.1 Planned Works\n\nWe carry out planned works on Sunday mornings after giving notice.\n")
    excluded = terms_from(tmp_path, nlp, text, "doc.txt").exclusions
    assert {e.category for e in excluded} == {"scheduled_maintenance", "force_majeure"}
    assert all(e.evidence is not None and e.evidence.section and e.evidence.section.startswith("2.") for e in excluded)


def test_a_span_of_levels_with_office_hours_beside_a_round_the_clock_level(tmp_path: Path, nlp: Any) -> None:
    text = "# Cover\n\n- Severity 1: 24x7x365\n- Severity 2 to 4: weekdays, 8am-6pm\n"
    assert hours_of(tmp_path, nlp, text) == "mixed"
    dashed = "# Cover\n\nPriority 1 tickets: 24/7.\n\nPriority 2-4 tickets: Monday-Friday 09:00-17:30.\n"
    assert hours_of(tmp_path, nlp, dashed) == "mixed"


def test_office_week_running_to_saturday_is_business_hours(tmp_path: Path, nlp: Any) -> None:
    text = "# Support\n\nSupport hours: 07:30-19:30 CET, Monday to Saturday.\n"
    assert hours_of(tmp_path, nlp, text) == "business_hours"


def test_after_hours_requests_waiting_for_the_next_day_are_not_round_the_clock(tmp_path: Path, nlp: Any) -> None:
    text = ("# Support\n\nOur analysts work 8:00 to 16:30 Eastern, Monday through Friday. Tickets opened after hours "
            "are looked at on the following business day.\n")
    assert hours_of(tmp_path, nlp, text) == "business_hours"


def test_price_of_cover_and_customer_duties_are_not_support_hours(tmp_path: Path, nlp: Any) -> None:
    priced = ("# Charges\n\nWork outside office hours is invoiced at double the hourly rate; work in office hours "
              "at the normal rate.\n")
    assert hours_of(tmp_path, nlp, priced) is None
    duty = "# Your duties\n\nThe client must keep an administrator reachable 24/7 while a major incident is open.\n"
    assert hours_of(tmp_path, nlp, duty) is None
    guards = "# Hosting\n\nThe racks sit in a building guarded around the clock by security staff.\n"
    assert hours_of(tmp_path, nlp, guards) is None
    # a duty to call the provider's round-the-clock line still states the provider's hours
    call = "# Support\n\nYou must ring our 24/7 incident line for every Priority 1 fault.\n"
    assert hours_of(tmp_path, nlp, call) == "24x7"


def test_out_of_hours_requests_handled_the_next_working_day_state_office_hours(tmp_path: Path, nlp: Any) -> None:
    text = ("# Cover\n\nRequests that arrive outside support hours are logged by the portal and taken up at the start "
            "of the next working day.\n")
    assert hours_of(tmp_path, nlp, text) == "business_hours"
