"""Maintenance: notice before planned maintenance, the maintenance window, and a monthly cap.

- maintenance_notice_hours is a lead time in calendar hours: hours as written, days x 24,
  weeks x 168; working days span weekends ("5 working days' notice" = one calendar week, 168;
  rules/lexicons/durations.yml). Only a
  duration the wording marks as a lead time counts ("48 hours' notice", "notice of at least
  72 hours", "7 days in advance"), never "notify within 30 minutes". Notice for planned work
  wins over notice for emergency or out-of-window maintenance.
- maintenance_window: the sentence that sets it; detail outside_business_hours |
  inside_business_hours | unknown from weekend/night cues or the window's start hour.
- maintenance_cap_hours: "scheduled maintenance shall not exceed 8 hours per month" (per
  quarter / year converted to a month). Where no cap is stated, a window with a time range caps
  it too: "Sundays 02:00-06:00" is 4 hours x 4.35 Sundays = about 17 hours a month (detail
  "from_window"; day words and weeks a month in rules/lexicons/maintenance.yml).
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Optional

from spacy.tokens import Span

from sla_check.ruleset import per_ruleset
from sla_check.extract import Context, Sentence
from sla_check.extractors import _sequences
from sla_check.extractors import _support as sup
from sla_check.extractors._cues import cue_regex
from sla_check.models import Terms, Value
from sla_check.normalize import find_percents, lexicon, parse_number, period
from sla_check.vocabulary import listed_re, word_re

log = logging.getLogger(__name__)

FAMILY = "maintenance"

_TIME = re.compile(r"(?<![\d.:])(?P<h>[01]?\d|2[0-4])(?:[:.](?P<m>[0-5]\d))?\s*(?P<ampm>a\.?m\.?|p\.?m\.?)?(?:\s*(?:hrs|hours|h))?"
                   r"(?:\s*(?:UK|UTC|GMT)?\s*(?:time\s+)?on\s+\w+day)?\s*(?:-|–|—|to|until|and)\s*(?:\w+day\s+)?(?P<h2>[01]?\d|2[0-4])(?:[:.](?P<m2>[0-5]\d))?\s*(?P<ampm2>a\.?m\.?|p\.?m\.?)?", re.IGNORECASE)


#: "between ten o'clock in the evening (22:00) and six o'clock in the morning (06:00)": two clock
#: times with words between them (tried when _TIME finds no range)
_CLOCK_PAIR = re.compile(r"(?<![\d.:])(?P<h>[01]?\d|2[0-3])[:.](?P<m>[0-5]\d)\)?(?:(?!\d).){0,50}?\b(?:and|to|until)\b"
                         r"(?:(?!\d).){0,50}?(?P<h2>[01]?\d|2[0-4])[:.](?P<m2>[0-5]\d)", re.IGNORECASE)


_HOURS_WORD = re.compile(r"\s*hours?\b", re.IGNORECASE)


def _duration_range(text: str, m: re.Match[str]) -> bool:
    """The range starts with a length, not a time of day: "2 hours - 4 hours" (no minutes, no am/pm)."""
    return not m.group("m") and not m.group("ampm") and bool(_HOURS_WORD.match(text, m.end("h")))


def _time_range(text: str) -> Optional[tuple[float, float]]:
    """(start hour, end hour) of the first time range in `text`, or None.

    "1 hour - 1 hour 59 minutes" (a band of outage lengths in a credit table) is a range of
    durations, not of clock times: a bare number spelled out in hours starts no window."""
    m = next((t for t in _TIME.finditer(text) if not _duration_range(text, t)), None)
    if m:
        return (_hour(m.group("h"), m.group("m"), m.group("ampm")),
                _hour(m.group("h2"), m.group("m2"), m.group("ampm2") or m.group("ampm")))
    m = _CLOCK_PAIR.search(text)
    if m:
        return _hour(m.group("h"), m.group("m"), None), _hour(m.group("h2"), m.group("m2"), None)
    return None


def _qualified(s: Sentence) -> bool:
    """An efforts or target-only cue in the window's own sentence: "will use reasonable efforts to
    schedule on weekends", "usually on Sunday mornings" set no window the buyer can rely on."""
    return bool(s.matches("qualifiers", "efforts") or s.matches("qualifiers", "target_only") or s.matches(FAMILY, "HEDGE"))


_PLUS = re.compile(r"(?<=\d)\+(?=\s*[a-z])", re.IGNORECASE)
_OCCASIONS = re.compile(r"\b([\w-]+(?:\s*\(\d+\))?)\s+(?:occasions|times|windows|periods)\b", re.IGNORECASE)


@dataclass(frozen=True)
class _Lexicon:
    lead_after: tuple[re.Pattern[str], ...]
    lead_before: tuple[re.Pattern[str], ...]
    day_start: int
    day_end: int
    months: dict[str, float]
    days_per_week: tuple[tuple[re.Pattern[str], float], ...]
    weeks_per_month: float
    monthly: Optional[re.Pattern[str]]
    weak: frozenset[str]
    help_service: re.Pattern[str]
    downtime: frozenset[str]
    contract_after: re.Pattern[str]
    ending: re.Pattern[str]


@per_ruleset
def _lexicon() -> _Lexicon:
    lx = lexicon("maintenance")
    return _Lexicon(
        tuple(re.compile("^" + p, re.IGNORECASE) for p in lx["lead_after"]),
        tuple(re.compile(p, re.IGNORECASE) for p in lx["lead_before"]),
        int(lx.get("business_day_start_hour", 7)),
        int(lx.get("business_day_end_hour", 18)),
        {str(k): float(v) for k, v in lx["months_per_period"].items()},
        tuple((re.compile(r"\b" + re.escape(str(k)) + r"\b", re.IGNORECASE), float(v))
              for k, v in (lx.get("window_days_per_week") or {}).items()),
        float(lx.get("weeks_per_month", 4.35)),
        re.compile(word_re(tuple(str(w) for w in lx["window_monthly"])), re.IGNORECASE) if lx.get("window_monthly") else None,
        frozenset(str(w).lower() for w in lx.get("weak_maint_words") or []),
        cue_regex(lx.get("help_service_words") or []),
        frozenset(str(w).lower() for w in lx.get("downtime_words") or []),
        re.compile(r"^\s+" + cue_regex(lx.get("contract_nouns") or []).pattern, re.IGNORECASE),
        cue_regex(lx.get("ending_words") or []),
    )


def _maintenance_cues(s: Sentence) -> list[Span]:
    """The sentence's MAINT cues that name planned works: not "maintenance" naming a software-maintenance
    contract ("the annual maintenance fee", "the maintenance period", lexicons contract_nouns)."""
    base, contract = s.span.start_char, _lexicon().contract_after
    return [m for m in s.matches(FAMILY, "MAINT")
            if not (m.text.lower() == "maintenance" and contract.match(s.text[m.end_char - base:m.end_char - base + 40]))]


def _about_maintenance(ctx: Context, n: int) -> bool:
    """The sentence, the sentence before it in its block ("Scheduled maintenance. We post it ..."),
    or its heading is about maintenance; a notice to end the agreement never is."""
    s = ctx.sentences[n]
    if _maintenance_cues(s):
        return True
    if _lexicon().ending.search(s.text):
        return False  # "either party may end this agreement on 15 days' notice"
    if "maintenance" in sup.section_title(ctx, s.block_index):
        # the heading alone: a sentence about a help service sets that service's hours, not maintenance
        return not _lexicon().help_service.search(s.text)
    prev = ctx.sentences[n - 1] if n > 0 else None
    return prev is not None and prev.block_index == s.block_index and bool(_maintenance_cues(prev))


def _weak(ctx: Context, n: int) -> int:
    """1 when the sentence names maintenance only by a weak word ("release", "upgrade") and its
    heading does not name it either; 0 otherwise."""
    s = ctx.sentences[n]
    if "maintenance" in sup.section_title(ctx, s.block_index):
        return 0
    maint = s.matches(FAMILY, "MAINT")
    return int(bool(maint) and all(m.text.lower() in _lexicon().weak for m in maint))


def _penalty(s: Sentence) -> int:
    """0 planned maintenance, 1 out-of-window / major works, 2 emergency only."""
    emergency = bool(s.matches(FAMILY, "EMERG")) and not listed_re("maintenance", "planned_words").search(s.text)
    if emergency:
        return 2
    return 1 if s.matches(FAMILY, "OUTSIDE_WINDOW") else 0


def _names_window_only(ctx: Context, s: Sentence) -> bool:
    """The sentence names maintenance windows only to exclude them from downtime (it, or the heading it
    sits under, has one of lexicons/maintenance.yml `excluding_words`) and names no day they fall on:
    an exclusion, not a window."""
    days = [str(w) for w in lexicon("basis").get("weekdays") or []]
    if days and cue_regex(days).search(s.text):
        return False
    excluding = listed_re("maintenance", "excluding_words")
    return bool(excluding.search(s.text) or excluding.search(sup.section_title(ctx, s.block_index)))


def _notice_hours(s: Sentence) -> Optional[tuple[float, Optional[str]]]:
    """The notice in calendar hours, and its wording when that was in working days (shown as written)."""
    lx = _lexicon()
    text = _PLUS.sub(" ", s.text)  # "7+ days in advance": a minimum, read as 7 (same length, offsets hold)
    for d in sup.durations(text):
        after = text[d.end:d.end + 40]
        before = text[max(0, d.start - 80):d.start]
        if any(p.match(after) for p in lx.lead_after) or any(p.search(before) for p in lx.lead_before):
            if sup.unit_of(d) in ("hour", "day", "week", "minute"):
                return round(sup.duration_hours(d), 2), (d.text.rstrip("'’ ") if d.basis == "business" else None)
    return None


def _hour(h: str, m: Optional[str], ampm: Optional[str]) -> float:
    value = int(h) + (int(m) / 60.0 if m else 0.0)
    if (ampm or "").lower().startswith("p") and value < 12:
        value += 12
    return value


def _window_detail(s: Sentence) -> str:
    if _qualified(s):
        return "unknown"
    if s.matches(FAMILY, "OUTSIDE_HOURS"):
        return "outside_business_hours"
    lx = _lexicon()
    found = _time_range(s.text)
    if found:
        start, end = found
        # outside when it ends before the working day starts, starts after it ends, or runs overnight
        if end <= lx.day_start or start >= lx.day_end or end < start:
            return "outside_business_hours"
        return "inside_business_hours"
    if s.matches(FAMILY, "INSIDE_HOURS"):
        return "inside_business_hours"
    return "unknown"


def _window_hours_month(s: Sentence) -> Optional[float]:
    """Hours a month a timed window allows: its length x the days a week it recurs x weeks a month."""
    found = _time_range(s.text)
    if not found or _qualified(s):
        return None
    start, end = found
    length = end - start if end > start else end + 24 - start
    if not 0 < length <= 24:
        return None
    lx = _lexicon()
    if lx.monthly is not None and lx.monthly.search(s.text):
        return round(length, 1)  # "on the first Sunday of each month, 06:00 to 09:00": 3 hours a month
    # "on Tuesdays and Thursdays" is two days a week; "weekends" two; no day words: every day
    hits = [(rx, n) for rx, n in lx.days_per_week if rx.search(s.text)]
    group = next((n for rx, n in hits if n > 1), None)
    days = group if group is not None else float(len(hits)) if hits else 7.0
    return round(length * days * lx.weeks_per_month, 1)


def _cap_hours(s: Sentence) -> Optional[float]:
    if not s.matches(FAMILY, "CAP") or _uptime_arithmetic(s):
        return None
    per = period(s.text)
    if per not in _lexicon().months:
        return None
    cap_at = min(sup.char_offset(s, c) for c in s.matches(FAMILY, "CAP"))
    occasions = _OCCASIONS.search(s.text)
    times = parse_number(occasions.group(1)) if occasions and re.search(r"\beach\b", s.text, re.I) else None
    for d in sup.durations(s.text):
        if d.start >= cap_at and sup.unit_of(d) in ("hour", "minute", "day"):
            # "on not more than two occasions in any month, each of no more than four hours" = 8
            return round(d.value / 60.0 * (times or 1) / _lexicon().months[per], 2)
    return None


def _uptime_arithmetic(s: Sentence) -> bool:
    """ "99.9% means no more than 43 minutes of outage a month": the downtime an uptime level
    allows, worked out, in a sentence that names maintenance by no word of its own (only by a word
    for any downtime, or by the sentence before): no limit on maintenance."""
    floor = float(lexicon("uptime").get("floor_percent", 80.0))
    if any(" ".join(m.text.lower().split()) not in _lexicon().downtime for m in s.matches(FAMILY, "MAINT")):
        return False
    return any(floor <= p.value < 100 for p in find_percents(s.text))


def collect(ctx: Context, terms: Terms) -> None:
    _sequences.ensure(ctx, FAMILY, sup.COMMON)
    notice: Optional[tuple[tuple[int, int], int, tuple[float, Optional[str]], Sentence]] = None  # (penalty, weak), order, (hours, as written), sentence
    window: Optional[tuple[int, Sentence]] = None
    cap: Optional[tuple[float, Sentence]] = None
    for n, s in enumerate(ctx.sentences):
        if not _about_maintenance(ctx, n) or sup.in_example(ctx, n):
            continue
        pen = _penalty(s)
        if s.matches(FAMILY, "NOTICE"):
            stated = _notice_hours(s)
            rank = (pen, _weak(ctx, n))
            if stated is not None and pen < 2 and (notice is None or rank < notice[0]):
                notice = (rank, n, stated, s)
        timed = _time_range(s.text) is not None
        hours = timed or bool(s.matches(FAMILY, "OUTSIDE_HOURS")) or bool(s.matches(FAMILY, "INSIDE_HOURS"))
        # "We will adhere to the following maintenance windows:" introduces them; it sets none
        lead_in = s.text.rstrip().endswith(":") and not hours
        if pen == 0 and not lead_in and (s.matches(FAMILY, "WINDOW") or hours or s.matches(FAMILY, "HEDGE")) \
                and not (not hours and not s.matches(FAMILY, "HEDGE") and _names_window_only(ctx, s)):
            if window is None or (window[0] > 0 and timed):
                window = (0 if timed or s.matches(FAMILY, "OUTSIDE_HOURS") else 1, s)
        if cap is None and pen < 2:
            cap_hours = _cap_hours(s)
            if cap_hours is not None:
                cap = (cap_hours, s)
    if notice is not None:
        s = notice[3]
        notice_hours, written = notice[2]
        value = int(notice_hours) if float(notice_hours).is_integer() else notice_hours
        terms.maintenance_notice_hours = Value(value, sup.evidence(s, rule=sup.first_rule(s.matches(FAMILY, "NOTICE"))), written)
    if window is not None:
        s = window[1]
        terms.maintenance_window = Value(s.text.strip(), sup.evidence(s, rule="maintenance.window"), _window_detail(s))
    if cap is not None:
        s = cap[1]
        value = int(cap[0]) if float(cap[0]).is_integer() else cap[0]
        terms.maintenance_cap_hours = Value(value, sup.evidence(s, rule=sup.first_rule(s.matches(FAMILY, "CAP"))))
    elif window is not None and window[0] == 0:
        window_hours = _window_hours_month(window[1])
        if window_hours is not None:
            terms.maintenance_cap_hours = Value(window_hours, sup.evidence(window[1], rule="maintenance.cap.from_window"),
                                                "from_window")
