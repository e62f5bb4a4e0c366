"""Table-driven tests for the pure normalisers (terms.md normalisation rules)."""
from __future__ import annotations

import pytest

from sla_check.normalize import (
    basis,
    find_durations,
    find_percents,
    parse_duration,
    parse_number,
    parse_percent,
    period,
    severity_level,
    words_to_number,
)

# fmt: off
NUMBERS = [
    ("15", 15), ("fifteen", 15), ("fifteen (15)", 15), ("one (1) hour", 1), ("twenty-four", 24),
    ("twenty four", 24), ("ninety-nine point nine", 99.9), ("ninety nine point nine five", 99.95),
    ("one hundred", 100), ("a hundred", 100), ("two thousand five hundred", 2500), ("1,440", 1440),
    ("0.5", 0.5), ("one and a half", 1.5), ("thirty (30) days", 30), ("forty-eight", 48),
    ("seventy-two (72) hours", 72), ("twelve", 12), ("ten", 10), ("zero", 0),
]
# fmt: on


@pytest.mark.parametrize("text, expected", NUMBERS)
def test_parse_number(text, expected):
    assert parse_number(text) == pytest.approx(expected)


@pytest.mark.parametrize("text", ["", "none", "several", "the provider", "as agreed"])
def test_parse_number_none(text):
    assert parse_number(text) is None


def test_words_to_number_rejects_non_numbers():
    assert words_to_number("an") is None
    assert words_to_number("business") is None


# fmt: off
PERCENTS = [
    ("99.9%", 99.9), ("99.9 %", 99.9), ("99.9 per cent", 99.9), ("99.9 percent", 99.9), ("99.9 pct", 99.9),
    ("99.9per cent", 99.9), ("ninety-nine point nine per cent", 99.9), ("ninety-nine point nine percent", 99.9),
    ("ninety-nine point nine per cent (99.9%)", 99.9), ("an uptime of ninety-nine point five percent", 99.5),
    ("100%", 100), ("one hundred percent (100%)", 100), ("a Monthly Uptime Percentage of at least 99.95%", 99.95),
    ("Availability shall be no less than 99.5% in each calendar month", 99.5), ("ninety-nine percent", 99),
    ("(99.99%)", 99.99), ("10% of the monthly fee", 10),
    ("ninety-five (95%) of the time", 95), ("ninety-eight (98) per cent of each month", 98),
]
# fmt: on


@pytest.mark.parametrize("text, expected", PERCENTS)
def test_parse_percent(text, expected):
    assert parse_percent(text) == pytest.approx(expected)


@pytest.mark.parametrize("text", ["99.9", "version 4.2", "no percentage here", "250%",
                                  # a number written out and again in digits is a count, not a share
                                  "notice given within sixty (60) days of the request", "eighty (80) units"])
def test_parse_percent_none(text):
    assert parse_percent(text) is None


def test_find_percents_all_in_order():
    found = find_percents("Less than 99.9% but at least 99.0% | 10%")
    assert [f.value for f in found] == [99.9, 99.0, 10]


# fmt: off
DURATIONS = [
    ("15 minutes", 15, "unspecified"), ("15 mins", 15, "unspecified"), ("15 min", 15, "unspecified"),
    ("15m", 15, "unspecified"), ("15 Minutes", 15, "unspecified"), ("fifteen (15) minutes", 15, "unspecified"),
    ("1 hr", 60, "unspecified"), ("1 hour", 60, "unspecified"), ("one (1) hour", 60, "unspecified"),
    ("0.5 hours", 30, "unspecified"), ("1.5 hrs", 90, "unspecified"), ("4h", 240, "unspecified"),
    ("half an hour", 30, "unspecified"), ("an hour", 60, "unspecified"), ("two and a half hours", 150, "unspecified"),
    ("1 hour and 30 minutes", 90, "unspecified"), ("within four hours", 240, "unspecified"),
    ("24 hours", 1440, "unspecified"), ("within 48 hours", 2880, "unspecified"), ("2 days", 2880, "unspecified"),
    ("4 business hours", 240, "business"), ("four (4) Business Hours", 240, "business"),
    ("8 working hours", 480, "business"), ("next business day", 480, "business"), ("NBD", 480, "business"),
    ("Next Working Day", 480, "business"), ("same business day", 480, "business"),
    ("2 working days", 960, "business"), ("5 Business Days", 2400, "business"), ("one business day", 480, "business"),
    ("3 calendar days", 4320, "calendar"), ("4 clock hours", 240, "calendar"), ("30 seconds", 0.5, "unspecified"),
    ("2 weeks", 20160, "unspecified"), ("three weeks", 30240, "unspecified"), ("1 wk", 10080, "unspecified"),
]
# fmt: on


@pytest.mark.parametrize("text, minutes, hint", DURATIONS)
def test_parse_duration(text, minutes, hint):
    got = parse_duration(text)
    assert got is not None, text
    assert got[0] == pytest.approx(minutes, rel=1e-3)
    assert got[1] == hint


@pytest.mark.parametrize("text", ["as agreed", "best endeavours", "Priority 1", "99.9%", "24x7", "24\u00d77", "Monday"])
def test_parse_duration_none(text):
    assert parse_duration(text) is None


def test_find_durations_in_a_row():
    found = find_durations("Priority 1 | 15 minutes | 4 hours | every 30 mins")
    assert [f.value for f in found] == [15, 240, 30]


# fmt: off
SEVERITIES = [
    ("P1", 1), ("p1", 1), ("P 1", 1), ("Priority 1", 1), ("Priority-1", 1), ("Severity 1", 1), ("Sev 1", 1),
    ("Sev A", 1), ("Severity A", 1), ("Critical", 1), ("Urgent", 1), ("Emergency", 1), ("Priority One", 1),
    ("P1 (Critical)", 1), ("Priority 1 - Critical", 1), ("Critical incidents", 1), ("S1", 1),
    ("P2", 2), ("High", 2), ("Major", 2), ("Sev B", 2), ("Severity Level 2", 2), ("Priority 2 (High)", 2),
    ("P3", 3), ("Medium", 3), ("Normal", 3), ("Moderate", 3), ("Level 3", 3), ("Sev C", 3),
    ("P4", 4), ("Low", 4), ("Minor", 4), ("Severity 4", 4),
    ("P5", 5), ("Planning", 5), ("Request", 5), ("Service Request", 5), ("Priority 5", 5),
]
# fmt: on


@pytest.mark.parametrize("label, level", SEVERITIES)
def test_severity_level(label, level):
    assert severity_level(label) == level


@pytest.mark.parametrize("label", [None, "", "all requests", "the Customer"])
def test_severity_level_none(label):
    assert severity_level(label) is None


@pytest.mark.parametrize(
    "label, level",
    [("Critical", 1), ("Urgent", 2), ("High", 3), ("Normal", 4), ("urgent issues", 2), ("Minor", 4)],
)
def test_document_ladder_overrides(label, level):
    ladder = ["Critical", "Urgent", "High", "Normal"]
    assert severity_level(label, ladder) == level


# fmt: off
PERIODS = [
    ("Monthly Uptime Percentage", "month"), ("in any calendar month", "month"), ("per month", "month"),
    ("during each monthly billing cycle", "month"), ("measured quarterly", "quarter"), ("per quarter", "quarter"),
    ("in each calendar quarter", "quarter"), ("per annum", "year"), ("rolling twelve months", "year"),
    ("over any 12 month period", "year"), ("annual availability", "year"), ("per year", "year"),
    ("99.9%", "unspecified"), ("the Service will be available", "unspecified"),
]
# fmt: on


@pytest.mark.parametrize("text, expected", PERIODS)
def test_period(text, expected):
    assert period(text) == expected


# fmt: off
BASES = [
    ("24x7", "calendar"), ("24 x 7", "calendar"), ("24/7/365", "calendar"), ("around the clock", "calendar"),
    ("at all times", "calendar"), ("24 hours a day, 7 days a week", "calendar"),
    ("business hours", "business"), ("Working Hours", "business"), ("2 working days", "business"),
    ("08:00-18:00 Monday to Friday excluding public holidays", "business"), ("Business Days", "business"),
    ("within 4 hours", "unspecified"), ("", "unspecified"),
    ("Within 30 minutes (24\u00d77)", "calendar"), ("cover 24 \u00d7 7 \u00d7 365", "calendar"),
    # a label or heading for the hours outside the business day names the whole clock
    ("Targets outside normal business hours", "calendar"), ("P2 (after-hours)", "calendar"),
    ("Weekdays, after hours, weekends and holidays", "calendar"), ("Support on M-F, 7am - 7pm", "business"),
    # in a sentence the same words say what happens instead, so they decide nothing new
    ("Calls logged outside Working Hours are picked up at the start of the next Working Day.", "business"),
    ("Times count in astronomical hours", "calendar"),
    # a clock the text denies is no cue: the one it affirms decides
    ("Targets are counted in calendar hours, not office hours.", "calendar"),
    ("Fix times count working days rather than calendar days", "business"),
    ("Cover is 24x7; tickets are answered in business hours", "unspecified"),
]
# fmt: on


@pytest.mark.parametrize("text, expected", BASES)
def test_basis(text, expected):
    assert basis(text) == expected


def test_basis_follows_defined_support_hours():
    assert basis("during Support Hours") == "unspecified"
    assert basis("during Support Hours", defined_hours="business") == "business"
    assert basis("during Support Hours", defined_hours="calendar") == "calendar"


@pytest.mark.parametrize("cell, minutes", [("Weekly", 10080), ("monthly.", 43200), ("Hourly", 60), ("Daily", 1440),
                                           ("Weekly reports", None), ("", None)])
def test_frequency_cell(cell, minutes):
    from sla_check.normalize import frequency_cell

    assert frequency_cell(cell) == minutes

