"""Each check type on constructed Terms: the pure function, one row per situation.

Runs every check through the real default checklist and profiles (rules/), so thresholds
come from rules/profiles.yml, not from the test.
"""
from __future__ import annotations

import dataclasses

import pytest

from sla_check.check import check, rate, run_check
from sla_check.checklist import RatingRules, load_checklist, load_rating
from sla_check.models import (
    CreditTier,
    Evidence,
    Exclusion,
    Finding,
    Flag,
    Qualifier,
    ServiceCredits,
    Terms,
    TimeCommitment,
    Uptime,
    Value,
)

EV = Evidence(page=2, section="4.1", text="the clause")


def yes() -> Flag:
    return Flag(True, EV)


def tc(level: int, kind: str, minutes: float, basis: str = "calendar", **kw) -> TimeCommitment:
    return TimeCommitment(level, f"P{level}", kind, minutes, basis, EV, **kw)


def credits(**kw) -> ServiceCredits:
    base = dict(present=True, tiers=(CreditTier(99.5, 10), CreditTier(99.0, 25)), max_credit_percent=30,
                claim_window_days=30, sole_remedy=False, automatic=True, evidence=(EV,))
    base.update(kw)
    return ServiceCredits(**base)


def good_terms() -> Terms:
    """A contract that meets the mission-critical profile on every check."""
    return Terms(
        uptime=[Uptime(99.95, "month", evidence=EV)],
        response_times=[tc(1, "response", 15), tc(1, "resolution", 240), tc(2, "response", 30), tc(2, "resolution", 480)],
        support_hours=Value("24x7", EV),
        exclusions=[Exclusion("scheduled_maintenance", EV), Exclusion("customer_caused", EV)],
        service_credits=credits(),
        maintenance_notice_hours=Value(168, EV),
        maintenance_cap_hours=Value(4, EV),
        maintenance_window=Value("Sunday 00:00-04:00", EV, detail="outside_business_hours"),
        proactive_monitoring=yes(),
        chronic_failure_termination=yes(),
        severity_levels_defined=yes(),
        downtime_defined=yes(),
        escalation_path=yes(),
        account_manager=yes(),
        service_reporting=yes(),
        service_reviews=yes(),
        rate_card=yes(),
        change_process=yes(),
        capacity_growth=yes(),
        backup=yes(),
        rpo_minutes=Value(15, EV),
        rto_minutes=Value(60, EV),
    )


@pytest.fixture(scope="module")
def checklist():
    return load_checklist()


@pytest.fixture(scope="module")
def rating_rules() -> RatingRules:
    return load_rating()


def status(checklist, terms: Terms, check_id: str, profile: str = "standard") -> Finding:
    spec = next(c for c in checklist.checks if c.id == check_id)
    return run_check(spec, terms, checklist.profiles.get(profile))


def with_(**changes) -> Terms:
    return dataclasses.replace(good_terms(), **changes)


def test_good_contract_passes_every_check_in_every_profile(checklist):
    for profile in checklist.profiles.profiles:
        findings = check(good_terms(), checklist, checklist.profiles.get(profile))
        assert [f.check_id for f in findings] == [c.id for c in checklist.enabled]
        bad = [(f.check_id, f.status, f.explanation) for f in findings if f.status != "ok"]
        assert bad == [], profile


def test_empty_terms_give_one_finding_per_check_and_no_placeholder_left(checklist):
    findings = check(Terms(), checklist, checklist.profiles.get("standard"))
    assert len(findings) == len(checklist.enabled)
    for f in findings:
        assert "{" not in f.explanation and "{" not in f.recommendation and "{" not in f.question
        assert f.explanation and f.recommendation


# (check id, terms, profile, expected status) -- one row per situation the check must tell apart
CASES = [
    # 1 nothing measurable
    ("measurable-sla", Terms(), "standard", "gap"),
    ("measurable-sla", Terms(uptime=[Uptime(99.0, "month")]), "standard", "ok"),
    ("measurable-sla", Terms(response_times=[tc(1, "response", 60)]), "standard", "ok"),
    ("measurable-sla", Terms(uptime=[Uptime(99.9, "month", qualifiers=(Qualifier("target_only", "targets only"),))]), "standard", "review"),
    # 2 uptime target / period / definition
    ("uptime-target", with_(uptime=[]), "standard", "gap"),
    ("uptime-target", with_(uptime=[Uptime(99.0, "month", evidence=EV)]), "standard", "weak"),
    ("uptime-target", with_(uptime=[Uptime(99.5, "month", evidence=EV)]), "basic", "ok"),
    ("uptime-target", with_(uptime=[Uptime(99.5, "month", evidence=EV)]), "standard", "ok"),
    ("uptime-target", with_(uptime=[Uptime(99.5, "month", evidence=EV)]), "mission-critical", "weak"),
    ("uptime-target", with_(uptime=[Uptime(99.9, "month", evidence=EV), Uptime(99.0, "month", evidence=EV)]), "standard", "weak"),
    ("uptime-target", with_(uptime=[Uptime(99.9, "month", None, EV, (Qualifier("efforts", "commercially reasonable efforts"),))]), "standard", "review"),
    ("uptime-period", with_(uptime=[Uptime(99.9, "year", evidence=EV)]), "standard", "weak"),
    ("uptime-period", with_(uptime=[Uptime(99.9, "quarter", evidence=EV)]), "standard", "weak"),
    ("uptime-period", with_(uptime=[Uptime(99.9, "quarter", evidence=EV)]), "basic", "ok"),
    ("uptime-period", with_(uptime=[Uptime(99.9, "unspecified", evidence=EV)]), "standard", "review"),
    ("uptime-period", with_(uptime=[]), "standard", "n/a"),
    ("downtime-defined", with_(downtime_defined=Flag()), "standard", "gap"),
    # 3 out of hours
    ("p1-out-of-hours", with_(support_hours=Value("business_hours", EV), response_times=[tc(1, "response", 60, "unspecified")]), "standard", "weak"),
    ("p1-out-of-hours", with_(response_times=[tc(1, "response", 60, "business")]), "standard", "weak"),
    ("p1-out-of-hours", with_(support_hours=Value("mixed", EV), response_times=[tc(1, "response", 30, "calendar")]), "standard", "ok"),
    ("p1-out-of-hours", with_(support_hours=Value("mixed", EV), response_times=[tc(1, "response", 30, "unspecified")]), "standard", "review"),
    ("p1-out-of-hours", with_(support_hours=Value(), response_times=[]), "standard", "gap"),
    ("p1-out-of-hours", with_(support_hours=Value("business_hours", EV)), "basic", "ok"),
    # 4 response and resolution, severity levels
    ("p1-response", with_(response_times=[]), "standard", "gap"),
    ("p1-response", with_(response_times=[tc(1, "response", 30)]), "standard", "ok"),
    ("p1-response", with_(response_times=[tc(1, "response", 30)]), "mission-critical", "weak"),
    ("p1-response", with_(response_times=[tc(1, "response", 120)]), "standard", "weak"),
    ("p1-response", with_(response_times=[tc(1, "response", 120)]), "basic", "ok"),
    ("p1-response", with_(response_times=[tc(1, "response", 600)]), "basic", "weak"),
    ("p1-response", with_(response_times=[tc(1, "response", 30, attainment_percent=90.0)]), "standard", "review"),
    ("p1-response", with_(response_times=[tc(1, "response", 30), tc(1, "response", 240)]), "standard", "weak"),
    ("p1-resolution", with_(response_times=[tc(1, "response", 15)]), "standard", "gap"),
    # a time stated without a level is judged for P1 too, but a person must confirm it applies
    ("p1-response", with_(response_times=[TimeCommitment(None, None, "response", 30, "calendar", EV)]), "standard", "review"),
    ("p1-response", with_(response_times=[TimeCommitment(None, None, "response", 240, "calendar", EV)]), "standard", "weak"),
    # a workaround that restores service within the time is a resolution (terms.md: `resolution` covers "workaround
    # that restores service"); the workaround qualifier weakens credits (carve-outs), not the time
    ("p1-resolution", with_(response_times=[tc(1, "resolution", 240, qualifiers=(Qualifier("workaround", "or a workaround is provided"),))]), "standard", "ok"),
    ("p2-response", with_(response_times=[tc(2, "response", 480, "business")]), "standard", "weak"),
    # business-hours clocks count as 4.2x longer in elapsed time: 1 business day ~ 1.4 days
    ("p2-resolution", with_(response_times=[tc(2, "resolution", 480, "business")]), "standard", "ok"),
    ("p2-resolution", with_(response_times=[tc(2, "resolution", 960, "business")]), "standard", "weak"),
    ("p2-resolution", with_(response_times=[tc(2, "resolution", 960, "business")]), "basic", "ok"),
    ("p2-resolution", with_(response_times=[tc(2, "resolution", 480, "business")]), "mission-critical", "weak"),
    ("p2-response", with_(response_times=[tc(2, "response", 60, "business")]), "standard", "ok"),
    ("p1-response", with_(response_times=[tc(1, "response", 60, "business")]), "standard", "weak"),
    ("severity-levels-defined", with_(severity_levels_defined=Flag()), "standard", "gap"),
    # 5 monitoring
    ("proactive-monitoring", with_(proactive_monitoring=Flag()), "standard", "gap"),
    ("proactive-monitoring", with_(proactive_monitoring=Flag()), "basic", "ok"),
    # 6 maintenance
    ("maintenance-cap", with_(maintenance_cap_hours=Value()), "standard", "gap"),
    ("maintenance-cap", with_(maintenance_cap_hours=Value(12, EV)), "standard", "weak"),
    ("maintenance-cap", with_(maintenance_cap_hours=Value(12, EV)), "basic", "ok"),
    ("maintenance-cap", with_(maintenance_cap_hours=Value(), exclusions=[]), "standard", "ok"),
    ("maintenance-notice", with_(maintenance_notice_hours=Value()), "standard", "gap"),
    ("maintenance-notice", with_(maintenance_notice_hours=Value(24, EV)), "standard", "weak"),
    ("maintenance-notice", with_(maintenance_notice_hours=Value(24, EV)), "basic", "ok"),
    ("maintenance-notice", with_(maintenance_notice_hours=Value(72, EV)), "mission-critical", "weak"),
    ("maintenance-window", with_(maintenance_window=Value("weekdays 10:00-12:00", EV, "inside_business_hours")), "standard", "weak"),
    ("maintenance-window", with_(maintenance_window=Value()), "standard", "gap"),
    ("maintenance-window", with_(maintenance_window=Value()), "basic", "ok"),
    # 7 exclusions
    ("broad-exclusions", with_(exclusions=[Exclusion("force_majeure", Evidence(3, "9", "events beyond our reasonable control"))]), "standard", "review"),
    ("broad-exclusions", with_(exclusions=[Exclusion("third_party", EV)]), "standard", "review"),
    # 8 chronic failure
    ("chronic-failure-exit", with_(chronic_failure_termination=Flag()), "standard", "gap"),
    ("chronic-failure-exit", with_(chronic_failure_termination=Flag()), "basic", "ok"),
    # 9 credits
    ("credits-present", with_(service_credits=ServiceCredits()), "standard", "gap"),
    ("credit-cap", with_(service_credits=credits(max_credit_percent=10)), "standard", "weak"),
    ("credit-cap", with_(service_credits=credits(max_credit_percent=10)), "basic", "ok"),
    ("credit-cap", with_(service_credits=credits(max_credit_percent=None, tiers=(CreditTier(99.0, 5),))), "standard", "weak"),
    ("credit-cap", with_(service_credits=ServiceCredits()), "standard", "n/a"),
    ("credits-sole-remedy", with_(service_credits=credits(sole_remedy=True)), "standard", "weak"),
    ("credit-claim-window", with_(service_credits=credits(claim_window_days=14, automatic=False)), "standard", "weak"),
    ("credit-claim-window", with_(service_credits=credits(claim_window_days=14, automatic=False)), "basic", "ok"),
    ("credit-claim-window", with_(service_credits=credits(claim_window_days=None)), "standard", "ok"),
    ("credits-automatic", with_(service_credits=credits(automatic=False)), "standard", "weak"),
    ("credits-automatic", with_(service_credits=credits(automatic=None, claim_window_days=30)), "standard", "weak"),
    ("credits-automatic", with_(service_credits=credits(automatic=None, claim_window_days=None)), "standard", "review"),
    ("credits-automatic", with_(service_credits=credits(automatic=False)), "basic", "ok"),
    # 10 changes
    ("change-control", with_(rate_card=Flag(), change_process=Flag(), out_of_scope_charges=yes()), "standard", "gap"),
    ("change-control", with_(rate_card=Flag(), change_process=Flag()), "standard", "review"),
    ("change-control", with_(rate_card=Flag(), out_of_scope_charges=yes()), "standard", "ok"),
    # 11 growth
    ("growth", with_(capacity_growth=Flag()), "standard", "gap"),
    # 12 communication
    ("escalation-contact", with_(escalation_path=Flag(), account_manager=Flag()), "standard", "gap"),
    ("escalation-contact", with_(account_manager=Flag()), "standard", "weak"),
    ("service-reporting", with_(service_reporting=Flag(), service_reviews=Flag()), "standard", "gap"),
    ("service-reporting", with_(service_reviews=Flag()), "standard", "weak"),
    # 13 recovery
    ("backup-recovery", with_(backup=Flag(), rpo_minutes=Value(), rto_minutes=Value()), "standard", "gap"),
    ("backup-recovery", with_(rpo_minutes=Value(), rto_minutes=Value()), "standard", "weak"),
    ("backup-recovery", with_(rpo_minutes=Value(1440, EV), rto_minutes=Value(480, EV)), "standard", "weak"),
    ("backup-recovery", with_(rpo_minutes=Value(1440, EV), rto_minutes=Value(480, EV)), "basic", "ok"),
    # 14 unilateral changes
    ("unilateral-changes", with_(unilateral_changes=yes()), "standard", "gap"),
    ("unilateral-changes", with_(unilateral_changes=yes(), change_notice_days=Value(14, EV)), "standard", "weak"),
    ("unilateral-changes", with_(unilateral_changes=yes(), change_notice_days=Value(60, EV)), "standard", "review"),
    ("unilateral-changes", with_(unilateral_changes=yes(), change_notice_days=Value(60, EV)), "mission-critical", "weak"),
    # 15 carve-outs
    ("carve-outs", with_(qualifiers=[("uptime", Qualifier("carve_out", "except where caused by the Customer's network"), EV)]), "standard", "review"),
    ("carve-outs", with_(service_credits=credits(qualifiers=(Qualifier("workaround", "no credit once a workaround is provided"),))), "standard", "review"),
    ("carve-outs", with_(qualifiers=[("uptime", Qualifier("efforts", "commercially reasonable efforts"), EV)]), "standard", "ok"),
]


@pytest.mark.parametrize("check_id, terms, profile, expected", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_check_status(checklist, check_id, terms, profile, expected):
    finding = status(checklist, terms, check_id, profile)
    assert finding.status == expected, finding.explanation
    assert finding.check_id == check_id and finding.severity in ("high", "medium", "low")
    if expected != "ok":
        assert finding.recommendation != checklist.ok_recommendation


def test_every_check_has_a_failing_case_here(checklist):
    failing = {c[0] for c in CASES if c[3] != "ok"}
    assert {c.id for c in checklist.checks} <= failing


def test_explanation_uses_the_contracts_values(checklist):
    terms = with_(response_times=[tc(1, "response", 240, "business")], uptime=[Uptime(99.0, "year", evidence=EV)])
    f = status(checklist, terms, "p1-response")
    assert "4 business hours" in f.explanation and "1 hour" in f.explanation
    assert f.evidence == (EV,)
    f = status(checklist, terms, "uptime-target")
    assert "99%" in f.explanation and "99.5%" in f.explanation and "over a year" in f.explanation
    f = status(checklist, terms, "p2-resolution", "mission-critical")
    assert "8 hours" in f.recommendation


def test_carve_out_is_quoted(checklist):
    terms = with_(qualifiers=[("uptime", Qualifier("carve_out", "subject to the Customer paying all fees on time"), EV)])
    f = status(checklist, terms, "carve-outs")
    assert "subject to the Customer paying all fees on time" in f.explanation
    assert f.evidence == (EV,)


def test_broad_exclusion_is_quoted(checklist):
    ev = Evidence(5, "8.2", "any failure of third-party networks or services")
    f = status(checklist, with_(exclusions=[Exclusion("third_party", ev)]), "broad-exclusions")
    assert "any failure of third-party networks or services" in f.explanation and f.evidence == (ev,)


def test_rating_orders_contracts(checklist, rating_rules):
    std = checklist.profiles.get("standard")
    good = rate(check(good_terms(), checklist, std), rating_rules)
    empty = rate(check(Terms(), checklist, std), rating_rules)
    assert (good.colour, good.score) == ("Green", 100)
    assert empty.colour == "Red" and empty.score < 50 and empty.gaps_high >= 3
    middling = with_(proactive_monitoring=Flag(), service_reviews=Flag(), service_credits=credits(max_credit_percent=10))
    m = rate(check(middling, checklist, std), rating_rules)
    assert empty.score < m.score < good.score


def test_rating_formula_follows_config(rating_rules):
    findings = [
        Finding("a", "s", "q", "gap", "high", "e", "r"),
        Finding("b", "s", "q", "ok", "high", "e", "r"),
        Finding("c", "s", "q", "review", "low", "e", "r"),
    ]
    w = rating_rules.weights
    expected = round(100 * (1 - (w["high"]["gap"] + w["low"]["review"]) / (2 * w["high"]["gap"] + w["low"]["gap"])))
    r = rate(findings, rating_rules)
    assert r.score == expected and r.gaps_high == 1
    text = rating_rules.formula_text()
    assert f"{rating_rules.red_below:g}" in text and f"{w['high']['gap']:g}" in text


def test_one_sentence_with_several_exclusions_is_quoted_once(checklist):
    ev = Evidence(4, "5.1", "caused by third-party software, the internet or events beyond our reasonable control")
    terms = with_(exclusions=[Exclusion("third_party", ev), Exclusion("network_outside_provider", ev), Exclusion("force_majeure", ev)])
    f = status(checklist, terms, "broad-exclusions")
    assert f.explanation.count("events beyond our reasonable control") == 1 and f.evidence == (ev,)


def test_a_bare_carve_out_cue_is_quoted_with_its_sentence(checklist):
    ev = Evidence(3, "4.2", "The target applies except during periods of peak demand declared by the Provider.")
    f = status(checklist, with_(qualifiers=[("uptime", Qualifier("carve_out", "except"), ev)]), "carve-outs")
    assert "except during periods of peak demand" in f.explanation


def test_notice_reads_naturally(checklist):
    f = status(checklist, with_(unilateral_changes=yes(), change_notice_days=Value(14, EV)), "unilateral-changes")
    assert "with 14 days' notice" in f.explanation
    f = status(checklist, with_(unilateral_changes=yes(), change_notice_days=Value(1, EV)), "unilateral-changes")
    assert "with 1 day's notice" in f.explanation


@pytest.mark.parametrize("text, minutes, shown", [
    ("Engineer on site within 24 hours, weekdays only", 1440, "24 hours"),
    ("Fix within 3 working days", 1440, "3 business days"),
    ("Priority 1 | 16 hours", 960, "16 business hours"),
])
def test_a_business_time_is_shown_in_the_unit_the_contract_wrote(text, minutes, shown):
    # 24 hours on a weekday clock is not "3 business days": the buyer compares it with the contract
    clause = Evidence(page=1, section="Plans", text=text)
    terms = Terms(response_times=[TimeCommitment(1, "P1", "response", minutes, "business", clause)])
    spec = next(c for c in load_checklist().checks if c.id == "p1-response")
    got = run_check(spec, terms, load_checklist().profiles.get("standard"))
    assert f"P1 response time is {shown}" in got.explanation


def test_credits_cite_the_grant_before_a_definition_of_the_word(checklist):
    meaning = Evidence(1, "1. Definitions", '"Rebate" means a service credit against the next monthly invoice.')
    grant = Evidence(3, "6.2", "Where monthly availability falls below the service level, the Customer shall receive a Rebate.")
    for c in (credits(evidence=(meaning, grant)), credits(tiers=(), max_credit_percent=None, evidence=(meaning, grant))):
        f = status(checklist, with_(service_credits=c), "credits-present")
        assert f.status == "ok" and f.evidence[0] == grant


def _p1(text: str, minutes: float, basis: str) -> Finding:
    terms = Terms(response_times=[TimeCommitment(1, "P1", "response", minutes, basis, Evidence(1, "Plans", text))])
    spec = next(c for c in load_checklist().checks if c.id == "p1-response")
    return run_check(spec, terms, load_checklist().profiles.get("standard"))


def test_hours_on_a_weekday_clock_stop_at_weekends_not_every_evening():
    weekdays = _p1("Technician on site within 12 hours (Monday to Friday)", 720, "business")
    assert "on weekdays only" in weekdays.explanation and "16.8 hours elapsed" in weekdays.explanation
    office = _p1("Technician on site within 12 business hours", 720, "business")
    assert "in business hours only" in office.explanation and "2.1 days elapsed" in office.explanation


def test_a_longer_time_in_brackets_is_shown_and_judged_not_only_the_best_case():
    got = _p1("Critical faults are answered within 20 minutes (3 hours at night and on Sundays).", 20, "calendar")
    assert "20 minutes, 3 hours at night and on Sundays" in got.explanation
    assert got.status == "weak"  # 3 hours is slower than the profile's hour
    plain = _p1("Critical faults are answered within 20 minutes (by telephone).", 20, "calendar")
    assert plain.status == "ok" and "(by telephone)" not in plain.explanation
