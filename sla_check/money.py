"""Downtime in money, and the plain-English wording of durations, percentages and amounts.

A procurement manager reads "4 hours" and "£14,600", not "240" and "14600.0"; every
explanation the checker writes goes through these helpers so the wording is consistent.
"""
from __future__ import annotations

import re
from typing import Optional

from sla_check.models import Exposure, Terms, Uptime

#: hours in an average month / a year (8760 / 12 = 730): 99% monthly allows ~7.3 hours
HOURS_PER_YEAR = 8760.0
HOURS_PER_MONTH = HOURS_PER_YEAR / 12
#: one business day on a business-hours clock (terms.md: "next business day" = 480 minutes)
BUSINESS_DAY_MINUTES = 480

CURRENCY_SYMBOLS = {"GBP": "£", "USD": "$", "EUR": "€", "AUD": "A$", "CAD": "C$", "NZD": "NZ$", "JPY": "¥", "INR": "₹"}
#: how long each measurement period is, in months (for "a year hides a bad month")
PERIOD_MONTHS = {"month": 1, "quarter": 3, "year": 12}


def _num(x: float) -> str:
    """1 -> "1", 1.5 -> "1.5", 7.3049 -> "7.3"."""
    r = round(x, 1)
    return str(int(r)) if float(r).is_integer() else f"{r:g}"


def _plural(n: float, word: str) -> str:
    return f"{_num(n)} {word}" + ("" if round(n, 1) == 1 else "s")


def format_minutes(minutes: Optional[float], basis: str = "calendar", days: bool = True) -> str:
    """240 -> "4 hours"; 960 on a business basis -> "2 business days"; 15 -> "15 minutes".

    `days=False` keeps a business time the contract wrote in hours in hours ("24 business
    hours", not "3 business days")."""
    if minutes is None:
        return "not stated"
    m = float(minutes)
    if basis == "business":
        if days and m >= BUSINESS_DAY_MINUTES and m % BUSINESS_DAY_MINUTES == 0:
            return _plural(m / BUSINESS_DAY_MINUTES, "business day")
        if m >= 60:
            return _plural(m / 60, "business hour")
        return _plural(m, "business minute")
    if m < 60:
        return _plural(m, "minute")
    if m >= 1440 and m % 1440 == 0:
        return _plural(m / 1440, "day")
    return _plural(m / 60, "hour")


def format_elapsed(minutes: float) -> str:
    """An estimate in rounded units: 4032 -> "2.8 days"; 1008 -> "16.8 hours"."""
    if minutes >= 1440:
        return _plural(minutes / 1440, "day")
    return format_minutes(minutes)


def format_hours(hours: Optional[float]) -> str:
    """48 -> "48 hours"; 120 -> "5 days"; 0.5 -> "30 minutes"."""
    if hours is None:
        return "not stated"
    h = float(hours)
    if h >= 72 and h % 24 == 0:
        return _plural(h / 24, "day")
    return _plural(h, "hour") if h >= 1 else format_minutes(h * 60)


def format_days(days: Optional[float]) -> str:
    return "not stated" if days is None else _plural(float(days), "day")


def format_percent(p: Optional[float]) -> str:
    """99.0 -> "99%"; 99.95 -> "99.95%"."""
    if p is None:
        return "not stated"
    return f"{float(p):g}%"


def format_money(amount: Optional[float], currency: str = "GBP") -> str:
    """14600 -> "£14,600"; 12.5 -> "£12.50"; unknown currency codes are written before the number."""
    if amount is None:
        return "not known"
    symbol = CURRENCY_SYMBOLS.get(currency.upper())
    number = f"{amount:,.0f}" if abs(amount) >= 100 or float(amount).is_integer() else f"{amount:,.2f}"
    return f"{symbol}{number}" if symbol else f"{currency.upper()} {number}"


def format_period(period: Optional[str]) -> str:
    return {
        "month": "each month",
        "quarter": "each quarter",
        "year": "over a year",
        "unspecified": "over an unstated period",
    }.get(period or "unspecified", f"per {period}")


def allowed_downtime_minutes(percent: float) -> tuple[float, float]:
    """Minutes of downtime a target allows per (average) month and per year."""
    share = max(0.0, 100.0 - float(percent)) / 100.0
    return share * HOURS_PER_MONTH * 60, share * HOURS_PER_YEAR * 60


def headline_uptime(terms: Terms) -> Optional[Uptime]:
    """The target the buyer can rely on: the lowest one when the contract states several.

    A figure read as the threshold of a credit scale ("98.9% and below | 100% credit") is where
    credits start, not a target: it stands only when no target is stated elsewhere."""
    if not terms.uptime:
        return None
    targets = [u for u in terms.uptime if not credit_threshold(u)] or terms.uptime
    return min(targets, key=lambda u: (u.percent, PERIOD_MONTHS.get(u.period, 99) * -1))


def credit_threshold(u: Uptime) -> bool:
    """The uptime figure is a bound of a credit scale's row: its clause names a credit and the figure
    has a threshold word beside it ("below 99%", "99.0 - 99.4%", "98.9% and below")."""
    if u.evidence is None:
        return False
    scale, before, after = _threshold_res()
    text = " ".join(u.evidence.text.split())
    if not scale.search(text):
        return False
    for m in re.finditer(r"(?<![\d.])(\d{2,3}(?:\.\d+)?)", text):
        if abs(float(m.group(1)) - u.percent) > 1e-6:
            continue
        pre, post = text[max(0, m.start() - 24):m.start()], text[m.end():m.end() + 16]
        if before.search(pre) or after.search(post) or _RANGE_BEFORE.search(pre) or _RANGE_AFTER.match(post):
            return True
    return False


#: the figure is one end of a range of figures ("99.0 - 99.4%")
_RANGE_BEFORE = re.compile(r"\d\s*%?\s*[-\u2013]\s*$")
_RANGE_AFTER = re.compile(r"\s*%?\s*[-\u2013]\s*\d")


def _threshold_res() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The credit-scale words and the bound words of rules/lexicons/findings.yml, compiled."""
    from sla_check.extractors._cues import cue_regex
    from sla_check.normalize import lexicon

    words = lexicon("findings").get("credit_thresholds") or {}

    def alts(key: str) -> str:
        return "|".join(re.escape(str(w)) for w in sorted(words.get(key) or [], key=len, reverse=True)) or "(?!)"

    return (cue_regex(words.get("scale_words") or []),
            re.compile(r"(?:" + alts("before") + r")\s*$", re.IGNORECASE),
            re.compile(r"^\s*%?\s*(?:" + alts("after") + r")", re.IGNORECASE))


def max_credit_percent(terms: Terms) -> Optional[float]:
    """The most a month of credits can be worth, as % of the fee (cap, else the top tier)."""
    credits = terms.service_credits
    if not credits.present:
        return None
    if credits.max_credit_percent is not None:
        return float(credits.max_credit_percent)
    if credits.tiers:
        return max(float(t.credit_percent) for t in credits.tiers)
    return None


def downtime_exposure(
    terms: Terms,
    cost_per_hour: Optional[float] = None,
    currency: str = "GBP",
    monthly_fee: Optional[float] = None,
) -> Exposure:
    """What the uptime target lets the vendor take from you, and what the contract pays back.

    Within the target the vendor owes nothing, so every hour the target allows is the buyer's
    loss (`uncovered_month`, in money when a cost per hour is given). Credits start only when
    the target is missed and stop at the cap: `credit_back_month` is the most a bad month pays.
    Without a cost per hour nothing is put in money: no cost is assumed.
    """
    up = headline_uptime(terms)
    cap = max_credit_percent(terms)
    credits_present = terms.service_credits.present
    costed = cost_per_hour is not None
    credit_back: Optional[float] = None
    if monthly_fee is not None:
        credit_back = 0.0 if not credits_present else (round(monthly_fee * cap / 100, 2) if cap is not None else None)
    notes: list[str] = []
    if up is None:
        notes.append("The contract sets no uptime target, so it allows any amount of downtime"
                     + (f": every hour costs you {format_money(cost_per_hour, currency)}" if costed else "")
                     + " and no downtime breaks it.")
        return Exposure(
            uptime_percent=None, period=None, allowed_minutes_month=None, allowed_minutes_year=None,
            cost_per_hour=cost_per_hour, currency=currency, cost_month=None, cost_year=None,
            max_credit_percent=cap, monthly_fee=monthly_fee, credit_back_month=credit_back,
            uncovered_month=None, note=" ".join(notes),
        )
    month_min, year_min = allowed_downtime_minutes(up.percent)
    cost_month = round(month_min / 60 * cost_per_hour, 2) if cost_per_hour is not None else None
    cost_year = round(year_min / 60 * cost_per_hour, 2) if cost_per_hour is not None else None
    allowed = (f"{format_percent(up.percent)} uptime allows about {format_minutes(month_min)} of downtime a month "
               f"({format_minutes(year_min)} a year)")
    if cost_per_hour is not None:
        allowed += (f"; at {format_money(cost_per_hour, currency)} an hour (your figure, --downtime-cost) that costs "
                    f"{format_money(cost_month, currency)} a month ({format_money(cost_year, currency)} a year)")
    notes.append(allowed + ". The vendor owes nothing for it, because the target is met, so none of it is covered.")
    months = PERIOD_MONTHS.get(up.period)
    if months and months > 1:
        notes.append(
            f"Because it is measured {format_period(up.period)}, a single month can have up to "
            f"{format_minutes(month_min * months)} of downtime without breaching it."
        )
    elif up.period not in PERIOD_MONTHS:
        notes.append("The measurement period is not stated, so a bad month may be averaged away.")
    if not credits_present:
        notes.append("The contract pays no service credits, even when the target is missed.")
    elif cap is None:
        notes.append("The contract does not say how much credit a missed target pays.")
    elif credit_back is not None:
        notes.append(
            f"When the target is missed, credits pay back at most {format_percent(cap)} of the "
            f"{format_money(monthly_fee, currency)} monthly fee ({format_money(credit_back, currency)})."
        )
    else:
        notes.append(f"When the target is missed, credits pay back at most {format_percent(cap)} of the monthly fee"
                     + ("; give --monthly-fee to see it in money." if costed else "."))
    return Exposure(
        uptime_percent=up.percent, period=up.period,
        allowed_minutes_month=round(month_min, 1), allowed_minutes_year=round(year_min, 1),
        cost_per_hour=cost_per_hour, currency=currency, cost_month=cost_month, cost_year=cost_year,
        max_credit_percent=cap, monthly_fee=monthly_fee, credit_back_month=credit_back,
        uncovered_month=cost_month, note=" ".join(notes),
    )
