"""Downtime in money and the plain-English wording of durations and amounts."""
from __future__ import annotations

import pytest

from sla_check.check import review_terms
from sla_check.models import CreditTier, ServiceCredits, Terms, Uptime
from sla_check.money import (
    allowed_downtime_minutes,
    downtime_exposure,
    format_hours,
    format_minutes,
    format_money,
    format_percent,
)
from sla_check.pipeline import Options


@pytest.mark.parametrize(
    "minutes, basis, text",
    [
        (15, "calendar", "15 minutes"),
        (1, "calendar", "1 minute"),
        (60, "calendar", "1 hour"),
        (240, "calendar", "4 hours"),
        (90, "calendar", "1.5 hours"),
        (1440, "calendar", "1 day"),
        (2880, "unspecified", "2 days"),
        (2160, "calendar", "36 hours"),
        (480, "business", "1 business day"),
        (960, "business", "2 business days"),
        (240, "business", "4 business hours"),
        (None, "calendar", "not stated"),
    ],
)
def test_format_minutes(minutes, basis, text):
    assert format_minutes(minutes, basis) == text


def test_other_formats():
    assert format_hours(48) == "48 hours"
    assert format_hours(120) == "5 days"
    assert format_percent(99.0) == "99%" and format_percent(99.95) == "99.95%"
    assert format_money(14600, "GBP") == "£14,600"
    assert format_money(12.5, "USD") == "$12.50"
    assert format_money(1000, "CHF") == "CHF 1,000"


@pytest.mark.parametrize("percent, hours_month, hours_year", [(99.0, 7.3, 87.6), (99.9, 0.73, 8.76), (99.5, 3.65, 43.8)])
def test_allowed_downtime(percent, hours_month, hours_year):
    month, year = allowed_downtime_minutes(percent)
    assert month / 60 == pytest.approx(hours_month)
    assert year / 60 == pytest.approx(hours_year)


def test_exposure_with_fee_and_cost_in_money():
    terms = Terms(uptime=[Uptime(99.0, "month")],
                  service_credits=ServiceCredits(present=True, tiers=(CreditTier(99.0, 10),), max_credit_percent=20))
    e = downtime_exposure(terms, cost_per_hour=1000, currency="GBP", monthly_fee=5000)
    assert e.allowed_minutes_month == pytest.approx(438.0)
    assert e.cost_month == pytest.approx(7300.0) and e.cost_year == pytest.approx(87600.0)
    assert e.credit_back_month == pytest.approx(1000.0)
    # within the target the vendor owes nothing: the whole allowed downtime is uncovered, as the note says
    assert e.uncovered_month == e.cost_month
    assert "7.3 hours" in e.note and "£7,300" in e.note and "£1,000" in e.note and "none of it is covered" in e.note
    assert "--downtime-cost" in e.note  # the assumption is named


def test_exposure_without_cost_has_no_money():
    terms = Terms(uptime=[Uptime(99.9, "quarter")], service_credits=ServiceCredits(present=True, max_credit_percent=30))
    e = downtime_exposure(terms, currency="USD")
    assert e.cost_per_hour is None and e.cost_month is None and e.cost_year is None and e.uncovered_month is None
    assert e.allowed_minutes_month == pytest.approx(43.8)
    assert "$" not in e.note and "30%" in e.note and "2.2 hours" in e.note


def test_exposure_without_fee_gives_credits_as_percent():
    terms = Terms(uptime=[Uptime(99.9, "month")], service_credits=ServiceCredits(present=True, max_credit_percent=30))
    e = downtime_exposure(terms, cost_per_hour=2000, currency="USD")
    assert e.credit_back_month is None and e.max_credit_percent == 30
    assert "30%" in e.note and "$1,460" in e.note


def test_exposure_without_credits_is_all_uncovered():
    terms = Terms(uptime=[Uptime(99.5, "month")])
    e = downtime_exposure(terms, cost_per_hour=100, monthly_fee=1000)
    assert e.credit_back_month == 0 and e.uncovered_month == e.cost_month == pytest.approx(365.0)
    assert "no service credits" in e.note


def test_yearly_target_warns_about_a_bad_month():
    e = downtime_exposure(Terms(uptime=[Uptime(99.0, "year")]), cost_per_hour=100)
    assert "87.6 hours" in e.note  # the whole year's allowance can land in one month


def test_no_uptime_target():
    e = downtime_exposure(Terms(), cost_per_hour=100)
    assert e.allowed_minutes_month is None and "no uptime target" in e.note and "£100" in e.note
    assert "£" not in downtime_exposure(Terms()).note


def test_review_terms_invents_no_cost_and_uses_options():
    terms = Terms(uptime=[Uptime(99.0, "month")])
    _, _, std = review_terms(terms, Options())
    _, _, mc = review_terms(terms, Options(profile="mission-critical"))
    _, _, given = review_terms(terms, Options(downtime_cost=50.0, currency="EUR", monthly_fee=100.0))
    assert std.cost_per_hour is None and mc.cost_per_hour is None and std.cost_month is None
    assert given.cost_per_hour == 50.0 and given.currency == "EUR" and "€365" in given.note
