"""Service credits: whether the contract pays any, the tiers, the cap, the claim window,
whether credits are the sole remedy, and whether they are applied automatically.

Cues are in rules/patterns/credits.jsonl and rules/lexicons/credits.yml. Choices:
- max_credit_percent is an explicit cap ("shall not exceed 30% of the monthly charges");
  "one month's fees" / "the monthly fee" is 100 (x the number of months). Where no cap is
  stated, the top tier of the tiers is the most a customer can receive, and so the cap.
- claim_window_days counts days as written: business days count as days ("10 business
  days" = 10); a billing cycle or month is 30 days ("by the end of the second billing cycle"
  = 60); a quarter 91.
- Worked examples and illustrations never set a value.
"""
from __future__ import annotations

import dataclasses
import logging
import re
from dataclasses import dataclass
from typing import Optional

from spacy.tokens import Span

from sla_check.ruleset import per_ruleset
from sla_check.extract import Context, Sentence
from sla_check.extractors import _sequences
from sla_check.extractors import _support as sup
from sla_check.models import CreditTier, Evidence, Qualifier, ServiceCredits, Terms
from sla_check.extractors.qualifiers import qualifiers_in, record
from sla_check.normalize import Found, find_percents, lexicon, parse_number
from sla_check.vocabulary import listed_re, word_re

log = logging.getLogger(__name__)

FAMILY = "credits"


@dataclass(frozen=True)
class _Lexicon:
    window_re: re.Pattern[str]
    end_of_re: re.Pattern[str]
    period_days: dict[str, float]
    ordinals: dict[str, float]
    credit_column: tuple[str, ...]
    availability_floor: float
    whole_fee_re: re.Pattern[str]
    fee_after_re: re.Pattern[str]  # "... of the monthly fee" right after an amount
    full_fee_re: re.Pattern[str]
    full_refund_re: re.Pattern[str]
    scheme_words: tuple[str, ...]
    day_cap_re: re.Pattern[str]
    month_cap_re: re.Pattern[str]
    fraction_re: re.Pattern[str]
    back_reference_re: re.Pattern[str]
    fractions: dict[str, float]
    fee_period_re: re.Pattern[str]  # "one (1) week of Service Fees", "one day of the hosting fee"
    fee_period_units: dict[str, float]
    delay_re: re.Pattern[str]  # what follows a stretch of time that is a delay ("60 days for ...")
    day_credit_re: re.Pattern[str]  # "service credits of 14 days"


@per_ruleset
def _lexicon() -> _Lexicon:
    lx = lexicon("credits")
    words = sorted((str(w) for w in lx["window_words"]), key=len, reverse=True)
    periods = {str(k).lower(): float(v) for k, v in lx["period_days"].items()}
    ordinals = {str(k).lower(): float(v) for k, v in lx["ordinals"].items()}
    period_alt = "|".join(re.escape(p) for p in sorted(periods, key=len, reverse=True))
    ord_alt = "|".join(re.escape(o) for o in sorted(ordinals, key=len, reverse=True))
    fee_alt = "|".join(re.escape(str(w)) for w in sorted(lx["whole_fee_words"], key=len, reverse=True))

    def any_of(key: str) -> str:
        return word_re(tuple(str(w) for w in lx.get(key) or ()))
    return _Lexicon(
        window_re=re.compile(r"(?:%s)\s*(?:(?:at\s+least|a\s+period\s+of|the)\s+)?$" % "|".join(re.escape(w) for w in words),
                             re.IGNORECASE),
        end_of_re=re.compile(rf"\b(?:by|before|within|prior\s+to|no\s+later\s+than|not\s+later\s+than)\s+(?:the\s+)?(?:end\s+of\s+|close\s+of\s+|last\s+day\s+of\s+)?"
                             rf"(?:the\s+)?(?:(?P<ord>{ord_alt})\s+(?P<period>{period_alt})s?\b"
                             rf"|(?P<period2>{period_alt})\s+(?:following|after|succeeding)\b)", re.IGNORECASE),
        period_days=periods,
        ordinals=ordinals,
        credit_column=tuple(str(w).lower() for w in lx["credit_column"]),
        availability_floor=float(lx.get("availability_floor", 80)),
        whole_fee_re=re.compile(rf"\b(?:{fee_alt})s?\b", re.IGNORECASE),
        fee_after_re=re.compile(r"\s*(?:of|off)\s+(?:the|your|its|their|customer's|any)?\s*(?:[\w-]+\s+){0,2}(?:%s)s?\b" % fee_alt,
                                re.IGNORECASE),
        full_fee_re=re.compile(any_of("full_fee_words"), re.IGNORECASE),
        full_refund_re=re.compile(any_of("full_refund_words"), re.IGNORECASE),
        scheme_words=tuple(str(w).lower() for w in lx.get("scheme_credit_words") or []),
        back_reference_re=re.compile(any_of("back_reference_words"), re.IGNORECASE),
        fraction_re=re.compile(r"(?P<f>%s)\s+of\b" % any_of("fee_fractions"), re.IGNORECASE),
        fractions={re.sub(r"\s+", " ", str(k).lower()): float(v) for k, v in (lx.get("fee_fractions") or {}).items()},
        day_cap_re=re.compile(r"\b(?P<n>[\w-]+(?:\s*\(\d+\))?)\s+(?:calendar\s+)?days?(?:'|’)?s?\s+(?:of\s+)?(?:the\s+)?%s"
                              % any_of("day_cap_words"), re.IGNORECASE),
        fee_period_re=re.compile(r"\b(?P<n>[\w-]+(?:\s*\(\d+\))?)\s+(?:calendar\s+)?(?P<unit>%s)(?:'s|’s|'|’)?\s+(?:of\s+)?"
                                 r"(?:the\s+)?(?:[\w-]+\s+){0,3}?(?:%s|%s)\b"
                                 % (any_of("fee_period_units"), fee_alt, any_of("day_cap_words")), re.IGNORECASE),
        delay_re=re.compile(r"\s+%s" % any_of("delay_followers"), re.IGNORECASE),
        fee_period_units={str(k).lower(): float(v) for k, v in (lx.get("fee_period_units") or {}).items()},
        day_credit_re=re.compile(r"\bcredits?\s+%s\s+(?P<n>[\w-]+(?:\s*\(\d+\))?)\s+(?:calendar\s+)?days?\b"
                                 % any_of("day_credit_leads"), re.IGNORECASE),
        # "one month of service", or a count of months that ends the clause ("not to exceed one month.")
        month_cap_re=re.compile(r"\b(?P<n>[\w-]+(?:\s*\(\d+\))?)\s+(?:%s\s+)?months?(?:'|’)?s?\s*(?:(?:of\s+)?(?:the\s+)?%s|[.;)]|$)"
                                % (any_of("period_adjectives"), any_of("day_cap_words")), re.IGNORECASE),
    )


def _credit_spans(s: Sentence, ctx: Optional[Context] = None) -> list[Span]:
    """Credit cues; "adjustment"/"reduction" count only under a service-credits heading, and a
    refund or discount ("REFUND") only where its sentence, or the items its lead-in introduces,
    speaks of the service failing ("a refund of one day's fees for each hour of unavailability",
    "Refunds may be provided if: - uptime falls below 99.9%"): a refund on cancelling is none."""
    spans = sup.without(s.matches(FAMILY, "CREDIT"), s.matches(FAMILY, "CREDIT_IGNORE"))
    # a refund that comes with leaving ("may cancel and receive a refund of prepaid fees") is the exit's
    refunds = s.matches(FAMILY, "REFUND")
    if refunds and _termination_word().search(s.text):  # (most sentences have no refund: the search last)
        refunds = []
    if refunds and (_names_service_level(s) or (ctx is not None and s.text.rstrip().endswith(":") and _lead_in_scoped(ctx, s))):
        spans += refunds
    if ctx is not None and s.matches(FAMILY, "ADJUSTMENT"):
        title = sup.section_title(ctx, s.block_index)
        if any(w in title for w in ("credit", "rebate", "compensation", "adjustment")):
            spans += s.matches(FAMILY, "ADJUSTMENT")
    return spans


def _credit_table_row(s: Sentence) -> bool:
    """A row of a table with a credit column ("Uptime | Service Credit")."""
    return s.block.kind == "table_row" and any(w in (h or "").lower() for h in s.block.header or ()
                                               for w in _lexicon().credit_column)


def _credit_cells(s: Sentence) -> list[float]:
    """The percentages in a table row's credit column(s) ("Up to 2 hours | 5%" under "Downtime | Credit")."""
    words = _lexicon().credit_column
    return [p.value for cell, head in zip(s.block.cells or (), s.block.header or ())
            if any(w in (head or "").lower() for w in words) for p in find_percents(cell or "")]


def _is_credit_sentence(ctx: Context, s: Sentence) -> bool:
    if _credit_spans(s):
        return True
    if _credit_table_row(s):
        return True  # a row of a table whose column says "Service Level Credit", under no credits heading
    title = sup.section_title(ctx, s.block_index)
    return "credit" in title or "rebate" in title


# --------------------------------------------------------------------------- tiers


def _row_tier(s: Sentence, restated: Optional[int] = None) -> Optional[CreditTier]:
    """A tier from a table row: the credit column's percent against the band's upper bound.
    `restated`: the credit column named by a header row restated inside the table (see _restated_header)."""
    lx = _lexicon()
    block = s.block
    cells = block.cells or ()
    header = block.header or ()
    if len(cells) < 2:
        return None
    credit_col = restated
    for j, h in enumerate(header if restated is None else ()):
        if any(w in (h or "").lower() for w in lx.credit_column):
            credit_col = j
    if credit_col is None:
        # the last cell that says anything ("99.0% | 10% |" ends in an empty cell)
        credit_col = max((j for j, c in enumerate(cells) if (c or "").strip()), default=len(cells) - 1)
    if credit_col >= len(cells):
        return None
    credit = find_percents(cells[credit_col] or "")
    bands = [p.value for j, c in enumerate(cells) if j != credit_col for p in find_percents(c or "")]
    bands = [b for b in bands if b >= lx.availability_floor]
    if not bands and credit_col < len(header):
        # plan rows against band columns ("| Plan | Uptime < 99% | Uptime < 95% |"): the band is the column's
        bands = [p.value for p in find_percents(header[credit_col] or "") if p.value >= lx.availability_floor]
    if not credit or not bands or credit[0].value <= 0:
        return None
    return CreditTier(below_percent=max(bands), credit_percent=credit[0].value)


def _restated_header(s: Sentence) -> Optional[int]:
    """The credit column of a row that restates a header inside a table ("Service Availability |
    Service Level Credit (% of the monthly charge)" over a second set of bands), or None. Such a row has
    no number in it and names the credit column; the rows under it are tiers, whatever the table's
    first header says."""
    cells = s.block.cells or ()
    if s.block.kind != "table_row" or len(cells) < 2 or any(re.search(r"\d", c or "") for c in cells):
        return None
    words = _lexicon().credit_column
    cols = [j for j, c in enumerate(cells) if j > 0 and re.search(r"\b(?:%s)\b" % "|".join(map(re.escape, words)), c or "", re.I)]
    return cols[-1] if cols else None


def _sentence_tier(s: Sentence) -> Optional[CreditTier]:
    """ "if availability falls below 99.9%, a credit of 10% of the monthly fee"."""
    lx = _lexicon()
    found = find_percents(s.text)
    days = lx.day_credit_re.search(s.text)
    n = parse_number(days.group("n")) if days else None
    if len(found) == 1 and found[0].value >= lx.availability_floor and n and 0 < n <= 366:
        # "below 99% uptime, service credits of 14 days": days of service, a share of a month
        return CreditTier(below_percent=found[0].value, credit_percent=round(100.0 * n / lx.period_days.get("month", 30.0), 2))
    if len(found) < 2:
        return None
    bands = [p for p in found if p.value >= lx.availability_floor and not _fee_after(s.text, p)]
    credits = [p for p in found if p not in bands]
    if len(credits) != 1 or not bands:
        return None
    return CreditTier(below_percent=max(p.value for p in bands), credit_percent=credits[0].value)


#: a number written against the word before it in a flattened table ("7.2 hours25% of monthly fee")
_GLUED = re.compile(r"(?<=[A-Za-z])(?=\d)")


def _scale_tiers(s: Sentence) -> list[CreditTier]:
    """A credit scale flattened into one paragraph, its table's cells run together ("Uptime Credit
    < 99.9% - >= 99.0% 10% < 99.0% 35%", "Less than 95.0%100%"): availability bands and credit
    amounts in turn, each credit paying for the bands just before it. Two tiers at least, so that a
    sentence with one level and one amount stays the sentence reader's."""
    floor = _lexicon().availability_floor
    tiers: list[CreditTier] = []
    bands: list[float] = []
    for p in find_percents(_GLUED.sub(" ", s.text)):
        # the whole fee after a band, once the paragraph has read as band-then-credit pairs, is a credit
        if floor <= p.value < 100 or (p.value >= 100 and not (bands and tiers)):
            bands.append(p.value)
            continue
        if bands and p.value > 0:
            tiers.append(CreditTier(below_percent=max(bands), credit_percent=p.value))
        bands = []
    return tiers if len(tiers) >= 2 else []


def _item_amount(s: Sentence) -> Optional[float]:
    """The credit one item of a credit scale pays ("(d) More than 12 hours in a billing period: 30%
    discount"): its last percentage below the availability levels."""
    amounts = [p.value for p in find_percents(_GLUED.sub(" ", s.text)) if 0 < p.value < _lexicon().availability_floor]
    return amounts[-1] if amounts else None


@per_ruleset
def _rate_words() -> re.Pattern[str]:
    """rules/lexicons/credits.yml `rate_words`: a credit per unit of time or incident."""
    return re.compile(word_re(tuple(str(w) for w in lexicon("credits").get("rate_words") or [])), re.I)


def _flat_credit(s: Sentence) -> Optional[float]:
    """ "we will credit 25% of the monthly fee": one percentage, of a fee, and no rate per unit in the
    sentence. Where no cap or tiers are stated, that one amount is the most a buyer can receive."""
    found = find_percents(s.text)
    if len(found) != 1 or not 0 < found[0].value < 100:
        return None
    after = s.text[found[0].end:found[0].end + 60]  # "of the instance's subscription cost"
    if not (re.match(r"\s*(?:of|off)\b", after, re.I) and _lexicon().whole_fee_re.search(after)):
        return None
    return None if _rate_words().search(s.text) else found[0].value


def _fee_after(text: str, p: Found) -> bool:
    """The amount is a share of a fee ("10% of the monthly fee"), by lexicons/credits.yml whole_fee_words."""
    return bool(_lexicon().fee_after_re.match(text[p.end:p.end + 60]))


# --------------------------------------------------------------------------- cap


def _cap(s: Sentence) -> Optional[float]:
    """The credit cap a sentence states, in percent, or None.

    Where one sentence states several ceilings ("credits for one incident are limited to 25% of the
    monthly fee, and all credits in a month may not exceed 100%"), the widest one is the most a
    customer can receive, so it is the cap (a per-incident limit sits inside the monthly one).
    """
    values = [v for v in (_cap_at(s, cap) for cap in s.matches(FAMILY, "CAP")) if v is not None]
    if len(values) > 1:
        # availability levels ("up to 99.5%") are not ceilings of a fee
        floor = _lexicon().availability_floor
        values = [v for v in values if v < floor or v >= 100.0] or values
        return max(values)
    return values[0] if values else None


def _cap_at(s: Sentence, cap: Span) -> Optional[float]:
    """The ceiling one cap cue states: the percentage after it, else a whole fee or days of service
    after it ("5% per hour of downtime, up to one month's fees" is capped at 100), else the last
    percentage of its clause ("10% of the fee, which is the maximum")."""
    lx = _lexicon()
    if cap.start > 0 and s.doc[cap.start - 1].lower_ == "not":
        return None  # "including but not limited to the costs of ...": a list, not a ceiling
    lo, hi = sup.clause_bounds(s, cap)
    clause_start = s.doc[lo].idx - s.span.start_char
    clause_end = s.doc[hi - 1].idx + len(s.doc[hi - 1]) - s.span.start_char if hi > lo else len(s.text)
    clause = s.text[clause_start:clause_end]
    at = sup.char_offset(s, cap) - clause_start
    found = find_percents(clause)
    tail = clause[at:]
    glued = _GLUED.sub(" ", tail)
    if any(d.start <= len(cap.text) + 1 and (d.value < _DAY_MINUTES or lx.delay_re.match(glued[d.end:]))
           for d in sup.durations(glued)):
        return None  # "for a cumulative period up to 6 hours", "up to 60 days for a credit to show": a time, not a fee
    after = [p for p in found if p.start >= at]
    if after:
        return after[0].value
    period = lx.fee_period_re.search(tail[:_FEE_REACH])
    n = parse_number(period.group("n")) if period else None
    if period and n and 0 < n <= 366:  # "credits for one (1) week of Service Fees": a share of a month
        return round(100.0 * n * lx.fee_period_units.get(period.group("unit").lower(), 1.0) / lx.period_days.get("month", 30.0), 2)
    m = lx.whole_fee_re.search(tail[:_FEE_REACH])  # the fee the cue bounds, not one named further on
    if m:
        frac = lx.fraction_re.search(tail[: m.start()])
        if frac:  # "shall not exceed half of the monthly fee"
            return lx.fractions[re.sub(r"\s+", " ", frac.group("f").lower())]
        months = re.search(r"\b([\w-]+(?:\s*\(\d+\))?)\s+(?:calendar\s+)?months?(?:'s|'|’s|’)?\s", tail[: m.end() + 1], re.IGNORECASE)
        n = parse_number(months.group(1)) if months else None
        between = tail[len(cap.text):m.start()]
        # "5% per hour, up to a maximum of the full monthly fee": the cue bounds the fee itself, whatever
        # rate came before it (no amount stands between the cue and the fee)
        direct = not re.search(r"\d|%", between) and len(between.split()) <= _FEE_WORDS
        if months or not found or direct:
            return 100.0 * (n if n and n < 13 else 1)
    days = lx.day_cap_re.search(tail)
    n = parse_number(days.group("n")) if days else None
    if n and 0 < n <= 366:  # "not exceed 30 days of service extension": a share of a month's service
        return round(100.0 * n / lx.period_days.get("month", 30.0), 2)
    months = lx.month_cap_re.search(tail)
    n = parse_number(months.group("n")) if months else None
    if n and 0 < n < 13:  # "Maximum credit: one month of service", "not to exceed one month"
        return 100.0 * n
    days = _BARE_DAYS.search(tail) if lx.day_cap_re.search(s.text) or lx.fee_period_re.search(s.text) else None
    n = parse_number(days.group("n")) if days else None
    if n and 0 < n <= 366:  # "one day of service credit per hour, up to a maximum of 7 days": the same unit
        return round(100.0 * n / lx.period_days.get("month", 30.0), 2)
    # an availability level before the cue ("below 99.9% ..., up to a maximum of ...") is no ceiling of a fee
    levels = [p for p in found if p.value < lx.availability_floor or p.value >= 100.0]
    if levels:
        return levels[-1].value
    return None


#: hours and minutes after a cap cue measure an outage; days and months may be days of service credited
_DAY_MINUTES = 24 * 60
#: how far after a cap cue the fee it bounds may be named ("not exceed, in any month, the monthly charges")
_FEE_REACH = 100
#: at most this many words between a cap cue and the whole fee it bounds ("up to a maximum of the full monthly fee")
_FEE_WORDS = 6

#: "a maximum of 7 days" with no noun after it: days of the unit the sentence credits in
_BARE_DAYS = re.compile(r"\b(?P<n>[\w-]+(?:\s*\(\d+\))?)\s+(?:calendar\s+)?days?\b", re.IGNORECASE)


# --------------------------------------------------------------------------- claim window


#: what follows a quantity of time per period ("7 days per month", "2 days in any calendar month")
_PER_PERIOD = re.compile(r"\s*(?:per|each|every|a|in\s+(?:any|a|each|one)(?:\s+\(\d+\))?)\s+(?:calendar\s+|billing\s+)?(?:month|quarter|year|period|cycle)\b", re.I)


def _claim_window(s: Sentence) -> Optional[tuple[float, int]]:
    """(days, rank) of the claim window a sentence states; rank 0 = a strong claim verb."""
    lx = _lexicon()
    claims = [(c, 0) for c in s.matches(FAMILY, "CLAIM")] + [(c, 1) for c in s.matches(FAMILY, "CLAIM_WEAK")]
    if not claims:
        return None
    if s.matches(FAMILY, "DISPUTE"):
        return None  # "if the Customer disputes a calculation it must notify ..." is not a claim window
    issues = s.matches(FAMILY, "ISSUE")
    text = s.text
    candidates: list[tuple[int, float]] = []  # (offset, days)
    for d in sup.durations(text):
        if _PER_PERIOD.match(text[d.end:]):
            continue  # "up to a maximum of 7 days per month": an amount of credit, not a deadline
        if lx.window_re.search(text[max(0, d.start - 40):d.start]):
            candidates.append((d.start, sup.duration_days(d)))
    for m in lx.end_of_re.finditer(text):
        # "the second billing cycle" = 2 x 30; "the calendar month following ..." = 1 x 30
        n = lx.ordinals.get(m.group("ord").lower(), 1.0) if m.group("ord") else 1.0
        days = lx.period_days.get((m.group("period") or m.group("period2")).lower(), 30.0)
        candidates.append((m.start(), max(n, 1.0) * days))
    best: Optional[tuple[float, int]] = None
    for offset, days in sorted(candidates):
        before = [(sup.char_offset(s, c), rank, "claim") for c, rank in claims if sup.char_offset(s, c) < offset]
        before += [(sup.char_offset(s, c), 9, "issue") for c in issues if sup.char_offset(s, c) < offset]
        if not before:
            continue
        nearest = max(before, key=lambda x: x[0])
        if nearest[2] != "claim" or days <= 0:
            continue
        cand = (round(days), nearest[1])
        if best is None or cand[1] < best[1]:
            best = cand
    return best


# --------------------------------------------------------------------------- collect


def _sole(s: Sentence) -> bool:
    """An explicit "sole and exclusive remedy" not itself negated; carve-outs only qualify it."""
    if s.matches(FAMILY, "SOLE_NOT"):
        return False
    return any(not sup.negated(s, sole, window=5) for sole in s.matches(FAMILY, "SOLE"))


_TERMINATION = "termination"
_UPTIME = "uptime"


@per_ruleset
def _termination_word() -> re.Pattern[str]:
    """A word of leaving the contract, by its stem (rules/lexicons/credits.yml `leaving_stems`)."""
    stems = "|".join(re.escape(str(w)) for w in lexicon("credits").get("leaving_stems") or []) or "(?!)"
    return re.compile(r"\b(?:%s)\w*" % stems, re.IGNORECASE)

#: a cap sentence that names no credit ("This is up to a maximum of 100% of your monthly fee")
#: still caps the credits when it comes at most this many blocks after one that does
_CAP_REACH = 3


def _follows_credits(ctx: Context, s: Sentence, last_credit: int) -> bool:
    """`s` comes at most _CAP_REACH blocks after block `last_credit` (or before it, when negative), in its section."""
    return abs(s.block_index - last_credit) <= _CAP_REACH and \
        sup.section_key(ctx, s.block_index) == sup.section_key(ctx, last_credit)


def _fee_cap(s: Sentence) -> Optional[float]:
    """A cap stated as a percentage of a fee ("up to a maximum of 100% of your monthly rental")."""
    if not s.matches(FAMILY, "CAP") or s.matches(FAMILY, "NO_CREDITS"):
        return None
    value = _cap(s)
    if value is None:
        return None
    found = find_percents(s.text)
    if not found:
        return value  # "limited to the fees charged for thirty days": the whole fee
    for p in found:
        if p.value == value and _fee_after(s.text, p):
            return value
    return None


def _row_cap(ctx: Context, s: Sentence) -> Optional[float]:
    """A cap row of a table: its label states a maximum of credits ("Maximum penalty per month |
    No more than 10% | No more than 20%"); the largest value in it is the most a customer can get."""
    cells = s.block.cells or ()
    if len(cells) < 2:
        return None
    label_end = s.span.start_char + len(cells[0]) + 2
    # the credit named in the label ("Maximum credit | 50%") or by the column ("Uptime | Credit" ... "Maximum | 50%")
    if not any(c.start_char < label_end for c in s.matches(FAMILY, "CAP")) or \
            not (any(c.start_char < label_end for c in _credit_spans(s, ctx)) or
                 (_credit_table_row(s) and not re.search(r"\d", cells[0]))):  # "Up to 4 hours | 5%" is a band
        return None
    values = [p.value for c in cells[1:] for p in find_percents(c or "")]
    return max(values) if values else None


def _full_fee(s: Sentence) -> bool:
    """ "we will refund you the full cost of the service for the month" - a credit of the whole fee."""
    return bool(_lexicon().full_fee_re.search(s.text))


def _cap_rank(ctx: Context, s: Sentence) -> int:
    """How surely a cap is the service credits' own: in a credits section, beside a service-level
    word, or elsewhere (an indemnity's "credit ... up to twelve months of charges")."""
    return 2 if _credit_section(ctx, s) else 1 if s.matches(sup.COMMON, "SCOPE") else 0


def _sole_with_termination(s: Sentence) -> bool:
    """ "... may terminate the affected Service, which is the Customer's sole and exclusive remedy
    for the failure": the remedies for missing the service level are limited, though the
    sentence names no credit. A termination cue and a service-level cue must both be there."""
    if not (s.matches(_TERMINATION, "TERMINATE") or _termination_word().search(s.text)) or not _sole(s):
        return False
    return bool(s.matches(sup.COMMON, "SCOPE") or s.matches(_TERMINATION, "FAILURE") or s.matches(_TERMINATION, "REPEAT"))


def _sole_after_credits(ctx: Context, s: Sentence, last_credit: Optional[int]) -> bool:
    """ "This is your sole and exclusive remedy." right after the credits, or under a credits heading:
    the clause points back at the credits without naming them."""
    if not _sole(s) or not _lexicon().back_reference_re.search(s.text):
        return False
    return _credit_section(ctx, s) or (last_credit is not None and _follows_credits(ctx, s, last_credit))


def _sole_for_service_level(s: Sentence) -> bool:
    """ "This SLA states the Customer's sole and exclusive remedy for any failure to meet the
    SLO": the remedy clause names the service-level commitment rather than the credits."""
    return _sole(s) and bool(s.matches(sup.COMMON, "SCOPE"))


def _percent_sign() -> re.Pattern[str]:
    """ "%" or a percent word (numbers.yml percent_words) anywhere in a text."""
    return listed_re("numbers", "percent_words", before="%|")


def _about_service_levels(ctx: Context, s: Sentence) -> bool:
    """A credit sentence tied to the service levels: a service-level word, an availability level, a
    percentage or a service failure in it; a lead-in whose items are scoped; or a credit scheme's own
    terms beside a credit word."""
    # "credits" alone is not its own scope; "Service Credits", "SLA credits" are
    if _names_service_level(s) or _percent_sign().search(s.text) or _service_failure().search(s.text):
        return True
    if s.text.rstrip().endswith(":") and _lead_in_scoped(ctx, s):
        return True  # "you can claim a credit of the following value:" then the downtime it pays for
    # a credit scheme's own terms beside a credit word: how it is applied or claimed, its cap, that it is
    # the sole remedy ("To receive a credit, open a case within 30 days") - not a "fee reduction" notified
    scheme = s.matches(FAMILY, "AUTO") or s.matches(FAMILY, "MUST_CLAIM") or \
        _sole(s) or _cap(s) is not None
    words = _lexicon().scheme_words
    return bool(scheme) and any(w in c.text.lower() for c in _credit_spans(s, ctx) for w in words)


def _names_service_level(s: Sentence) -> bool:
    """A service-level word in the sentence other than the credit word itself ("Service Credits"
    names its own scope; "credits" alone does not)."""
    return bool([c for c in s.matches(sup.COMMON, "SCOPE") if c.text.lower() not in ("credit", "credits")]
                or s.matches(_UPTIME, "METRIC"))


@per_ruleset
def _service_failure() -> re.Pattern[str]:
    """rules/lexicons/findings.yml credits.service_link: the service failing or a time missed ("if
    services are not restored within 4 hours", "should the network fail to perform"), the condition
    that makes a credit a service credit; the checker reads the same words."""
    words = (lexicon("findings").get("credits") or {}).get("service_link") or []
    return re.compile(word_re(tuple(str(w) for w in words)), re.IGNORECASE)


#: how many blocks after a credit lead-in ("a credit of the following value:") its items may run
_LEAD_REACH = 2
#: how far apart two items of one credit scale may stand (blocks)
_ITEM_REACH = 2


def _lead_in_scoped(ctx: Context, s: Sentence) -> bool:
    """The items after a credit lead-in that ends in a colon speak of the service levels (downtime,
    uptime, a percentage): the lead-in's credit is theirs."""
    return _lead_in_item(ctx, s) is not None


def _lead_in_item(ctx: Context, s: Sentence) -> Optional[Sentence]:
    """The first item after a lead-in ending in a colon that speaks of the service levels, or None."""
    if not s.text.rstrip().endswith(":"):
        return None
    start = next((i for i, x in enumerate(ctx.sentences) if x is s), None)
    if start is None:
        return None
    for nxt in ctx.sentences[start + 1:start + 4]:
        if nxt.block_index > s.block_index + _LEAD_REACH or nxt.block.kind == "heading":
            break
        if _names_service_level(nxt) or _percent_sign().search(nxt.text):
            return nxt
    return None
    for nxt in ctx.sentences[start + 1:start + 4]:
        if nxt.block_index > s.block_index + _LEAD_REACH or nxt.block.kind == "heading":
            break
        if [c for c in nxt.matches(sup.COMMON, "SCOPE") if c.text.lower() not in ("credit", "credits")] \
                or nxt.matches(_UPTIME, "METRIC") or _percent_sign().search(nxt.text):
            return True
    return False


def _credit_section(ctx: Context, s: Sentence) -> bool:
    """Whether the sentence sits under a heading about credits (where the deciding clauses are)."""
    return "credit" in sup.section_title(ctx, s.block_index)


def collect(ctx: Context, terms: Terms) -> None:
    _sequences.ensure(ctx, FAMILY, sup.COMMON, _TERMINATION)
    present_ev: Optional[Evidence] = None
    present_strong = False
    present_home = False  # present_ev sits in a section about credits
    present_scoped = False  # some credit sentence speaks of the service levels (not a refund of goods)
    present_ev_scoped = False  # ... and present_ev is one of them
    cap_home = False
    cap_rank = -1
    tiers: list[CreditTier] = []
    tier_evidence: dict[CreditTier, Evidence] = {}
    cap: Optional[tuple[float, Evidence]] = None
    band_top: Optional[tuple[float, Evidence]] = None  # the largest credit in a credit table's credit column
    flat: Optional[tuple[float, Evidence]] = None  # one flat credit stated in prose, with no tiers
    window: Optional[tuple[float, int, int, Evidence]] = None  # days, rank, order, evidence
    sole: Optional[Evidence] = None
    sole_backref = False  # `sole` points back at credits it does not name ("This is your sole remedy.")
    not_sole: Optional[Evidence] = None
    auto_pos: Optional[Evidence] = None
    auto_home = False
    must_claim: Optional[Evidence] = None
    qualifiers: list[Qualifier] = []
    qualifier_ev: list[Evidence] = []
    evidence: list[Evidence] = []

    last_credit: Optional[int] = None  # block of the last sentence that names a credit
    ahead: Optional[tuple[Sentence, tuple[float, Evidence]]] = None  # a cap stated before any credit is named
    lead: Optional[int] = None  # block of a credit sentence ending in a colon: the items under it are its scale
    restated: Optional[tuple[int, int]] = None  # (block, credit column) of a header row restated in a table
    for n, s in enumerate(ctx.sentences):
        credit_spans = _credit_spans(s, ctx)
        if restated is not None and not (s.block.kind == "table_row" and s.block_index - restated[0] <= 1):
            restated = None  # the table has ended
        under_restated = restated is not None and s.block_index > restated[0]
        if restated is not None and under_restated:
            restated = (s.block_index, restated[1])
        column = _restated_header(s)
        if column is not None:
            restated = (s.block_index, column)
        in_credit = bool(credit_spans) or _is_credit_sentence(ctx, s) or under_restated
        if lead is not None and s.block.kind == "list_item" and 0 < s.block_index - lead <= _ITEM_REACH:
            # "the following Service Discount:" then "(b) 4-12 hours: 20% discount": each item is a row of the scale
            amount = _item_amount(s) if not sup.in_example(ctx, n) else None
            if amount is not None and (band_top is None or amount > band_top[0]):
                band_top = (amount, sup.evidence(s, rule="credits.band"))
            lead = s.block_index
        elif s.block_index != lead:
            lead = None
        if credit_spans and s.text.rstrip().endswith(":") and s.block.kind != "table_row":
            lead = s.block_index
        if credit_spans:
            last_credit = s.block_index
            if cap is None and ahead is not None and _follows_credits(ctx, ahead[0], s.block_index):
                cap = ahead[1]  # the cap a lead-in stated before the credits it bounds
            ahead = None
        if not in_credit:
            if cap is None and last_credit is None and not sup.in_example(ctx, n):
                value = _fee_cap(s)
                if value is not None:
                    # "... compensation as a share of the monthly payment, but not more than 100% of it. The
                    # amounts are given below:" - a cap stated before the credits it bounds
                    ahead = (s, (value, sup.evidence(s, s.matches(FAMILY, "CAP")[0])))
            if sole is None and (_sole_with_termination(s) or _sole_for_service_level(s)) and not sup.in_example(ctx, n):
                sole = sup.evidence(s, s.matches(FAMILY, "SOLE")[0])
            elif sole is None and _sole_after_credits(ctx, s, last_credit) and not sup.in_example(ctx, n):
                sole, sole_backref = sup.evidence(s, s.matches(FAMILY, "SOLE")[0]), True
            if cap is None and last_credit is not None and _follows_credits(ctx, s, last_credit) and not sup.in_example(ctx, n):
                value = _fee_cap(s)
                if value is not None:
                    cap = (value, sup.evidence(s, s.matches(FAMILY, "CAP")[0]))
            if lead == s.block_index and s.block.kind == "list_item" and not sup.in_example(ctx, n):
                # "To claim credits, the following must be met:" then "- requests must be submitted within
                # five days of the outage": an item of a credit lead-in states its claim window
                w = _claim_window(s)
                if w is not None and (window is None or w[1] < window[1]):
                    window = (w[0], w[1], n, sup.evidence(s, (s.matches(FAMILY, "CLAIM") or s.matches(FAMILY, "CLAIM_WEAK"))[0]))
            continue
        example = sup.in_example(ctx, n)
        home = _credit_section(ctx, s)
        if credit_spans and not example and not s.matches(FAMILY, "NO_CREDITS"):
            if any(not sup.negated(s, c, window=6) for c in credit_spans):
                scoped = _about_service_levels(ctx, s)
                present_scoped = present_scoped or scoped
                if scoped and not present_ev_scoped:
                    present_ev = None  # a credit for the service failing outranks one for a late installation
                present_ev_scoped = present_ev_scoped or scoped
                # the credits clause itself, in the credits section, outranks a summary ("The short version")
                # and a clause that grants credits outranks one that only defines the word ('"SLC" means')
                if present_ev is None or (not present_strong and find_percents(s.text)) or \
                        (home and not present_home and _percent_sign().search(s.text)) or \
                        (not present_strong and sup.defines_term(present_ev.text) and not sup.defines_term(s.text)):
                    present_ev = sup.evidence(s, credit_spans[0])
                    listed = _lead_in_item(ctx, s)
                    if listed is not None:  # "Refunds are given if:" says what for only with its item
                        present_ev = dataclasses.replace(present_ev, text=f"{present_ev.text} {listed.text}")
                    present_strong = bool(find_percents(s.text))
                    present_home = home
        if example:
            continue
        tier = _row_tier(s, restated[1] if under_restated and restated else None) \
            if s.block.kind == "table_row" and s.block.cells else None
        if tier is None and credit_spans and s.block.kind != "table_row":
            tier = _sentence_tier(s) if not s.matches(FAMILY, "CAP") else None
            for row in _scale_tiers(s) if tier is None else ():
                if row not in tiers:
                    tiers.append(row)
                    tier_evidence[row] = sup.evidence(s, rule="credits.scale")
        if tier is None and flat is None and credit_spans and s.block.kind != "table_row":
            value = _flat_credit(s)
            if value is not None:
                flat = (value, sup.evidence(s, rule="credits.flat"))
        if tier is not None and tier not in tiers:
            tiers.append(tier)
            tier_evidence[tier] = sup.evidence(s, rule="credits.tier")
        if credit_spans and s.block.kind != "table_row":  # a row's "not more than 20 ms" is a band
            value = _cap(s)
            if value is None and _full_fee(s) and not s.matches(FAMILY, "NO_CREDITS"):
                value = 100.0
            rank = _cap_rank(ctx, s)
            if value is None and rank >= 1 and _lexicon().full_refund_re.search(s.text) and not s.matches(FAMILY, "NO_CREDITS"):
                value = 100.0  # "may request a full refund for the affected month" if availability falls short
            # a cap in the credits' own context outranks one found earlier elsewhere
            if value is not None and (cap is None or rank > cap_rank or (home and not cap_home and value == cap[0])):
                cap = (value, sup.evidence(s, (s.matches(FAMILY, "CAP") or credit_spans)[0]))
                cap_home, cap_rank = home, rank
        if _credit_table_row(s):
            for value in _credit_cells(s):
                if band_top is None or value > band_top[0]:
                    band_top = (value, sup.evidence(s, rule="credits.band"))
        if s.block.kind == "table_row" and (credit_spans or _credit_table_row(s)) and cap is None:
            value = _row_cap(ctx, s)
            if value is not None:
                cap = (value, sup.evidence(s, s.matches(FAMILY, "CAP")[0]))
                cap_home, cap_rank = home, _cap_rank(ctx, s)
        w = _claim_window(s)
        if w is not None and (window is None or w[1] < window[1]):
            window = (w[0], w[1], n, sup.evidence(s, (s.matches(FAMILY, "CLAIM") or s.matches(FAMILY, "CLAIM_WEAK"))[0]))
        if not_sole is None and (s.matches(FAMILY, "SOLE_NOT") or s.matches(FAMILY, "NOT_SOLE_REMEDY")):
            not_sole = sup.evidence(s, (s.matches(FAMILY, "SOLE_NOT") or s.matches(FAMILY, "NOT_SOLE_REMEDY"))[0])
        if sole is None and (credit_spans or s.matches(sup.COMMON, "SCOPE") or _sole_after_credits(ctx, s, last_credit)) \
                and _sole(s):
            sole = sup.evidence(s, s.matches(FAMILY, "SOLE")[0])
            sole_backref = not (credit_spans or s.matches(sup.COMMON, "SCOPE"))
            for c in s.matches(FAMILY, "CARVE_OUT")[:1]:
                qualifiers.append(Qualifier("carve_out", c.text))
                qualifier_ev.append(sole)
        for a in s.matches(FAMILY, "AUTO"):
            if sup.negated(s, a, window=4):
                must_claim = must_claim or sup.evidence(s, a)
            elif (auto_pos is None or (home and auto_pos.section != s.block.section and not auto_home)) and credit_spans:
                auto_pos = sup.evidence(s, a)
                auto_home = home
        for m in s.matches(FAMILY, "MUST_CLAIM"):
            # "without any need for the Customer to claim them" is the opposite
            if must_claim is None and not sup.negated(s, m, window=8) and not s.matches(FAMILY, "DISPUTE") \
                    and s.block.kind != "heading":
                must_claim = sup.evidence(s, m)
        if credit_spans:
            # core's qualifier cues: credits that stop once a workaround is offered, or only for some plans
            for q in qualifiers_in(s, ("workaround", "scope_limited", "carve_out")):
                if q not in qualifiers:
                    qualifiers.append(q)
                    qualifier_ev.append(sup.evidence(s, rule=f"qualifiers.{q.kind}"))
            if s.matches(FAMILY, "WORKAROUND") and not any(q.kind == "workaround" for q in qualifiers):
                qualifiers.append(Qualifier("workaround", s.matches(FAMILY, "WORKAROUND")[0].text))
                qualifier_ev.append(sup.evidence(s, s.matches(FAMILY, "WORKAROUND")[0]))

    if present_ev is not None and not present_scoped and not tiers:
        present_ev = None  # "net of any credits or returns", "a penalty": credits that are not for service levels
    if present_ev is None:
        if sole is not None and not sole_backref:
            # no credits, but the remedy for missing the service level (termination, refund) is
            # stated to be the only one: that is what a buyer needs to know
            terms.service_credits = ServiceCredits(present=False, sole_remedy=True, evidence=(sole,))
        return
    evidence.append(present_ev)
    top_tier = max(tiers, key=lambda t: t.credit_percent) if tiers else None
    if cap is None and top_tier is not None and top_tier.credit_percent > 0:
        # no stated cap: the top tier is the most a month can pay (a ladder read only as far as its
        # "0% / no credit" row, the page cut off under it, says nothing of the most)
        cap = (top_tier.credit_percent, tier_evidence[top_tier])
    elif cap is None and not tiers and band_top is not None and band_top[0] > 0:  # bands of downtime ("Up to 2 hours | 5%"): the top one
        cap = band_top
    elif cap is None and flat is not None:  # one flat credit for a miss: the most a buyer receives
        cap = flat
    for item in (cap[1] if cap else None, window[3] if window else None, sole, auto_pos or must_claim):
        if item is not None and item not in evidence:
            evidence.append(item)
    automatic: Optional[bool] = None
    if auto_pos is not None:
        automatic = True  # an explicit "credited automatically" outweighs a dispute procedure
        if window is not None and window[1] > 0:
            window = None  # "notify us within 60 days" then is a dispute window, not a claim window
    elif must_claim is not None or window is not None:
        automatic = False
    terms.service_credits = ServiceCredits(
        present=True,
        tiers=tuple(sorted(tiers, key=lambda t: -t.below_percent)),
        max_credit_percent=cap[0] if cap else None,
        claim_window_days=int(window[0]) if window else None,
        sole_remedy=sole is not None,
        automatic=automatic,
        evidence=tuple(evidence),
        qualifiers=tuple(qualifiers),
        cap_evidence=cap[1] if cap else None,
        claim_window_evidence=window[3] if window else None,
        sole_remedy_evidence=sole,
        not_sole_remedy_evidence=not_sole if sole is None else None,
        # the claim procedure (its deadline) decides "must be claimed" better than a passing "on request"
        automatic_evidence=auto_pos or (window[3] if window else None) or must_claim,
    )
    for q, ev in zip(qualifiers, qualifier_ev):
        record(terms, "service_credits", (q,), ev)
