"""Support hours: 24x7 | business_hours | mixed | unspecified, with the clause that says so.

A statement counts when a sentence both names a clock ("24x7", "around the clock",
"Business Hours", "Monday to Friday", a defined hours term) and talks about support or
incident handling (help desk, service desk, incidents handled, office open...), and is not
about monitoring, maintenance or availability measurement. Statements scoped to severity
levels or plans that disagree make the hours `mixed`. The per-severity clock is kept in
ctx.cache["hours"] so response times can take their basis from it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from sla_check.extract import Context, Sentence
from sla_check.extractors import _support as sup
from sla_check.extractors.common import (
    counts_time,
    defined_basis,
    is_severity_mention,
    is_table_row,
    label_has_rank,
    level_of,
    per_day_re,
    row_cells,
    section_title,
    stated_clock_evidence,
    stated_clocks,
    topic_only_after_hours,
    weekday_re,
    without_durations,
)
from sla_check.models import Evidence, Terms, TimeCommitment, Value
from sla_check.errors import RulesError
from sla_check.ruleset import active, per_ruleset
from sla_check.vocabulary import basis_words, listed, listed_re, plan_words, word_re
from sla_check.normalize import LowerCasePattern, basis, collapse_number_words, find_durations, has_basis_cue, lexicon

FAMILY = "support_hours"
SEVERITY = "severity"
MONITORING = "monitoring"

_OFF_TOPIC = LowerCasePattern(
    r"\b(monitor\w*|maintenance|backups?|uptime|availability|available\s+\d|measured|measurement|credit\w*|"
    r"invoice\w*|notice)\b")
_DEFINITION = re.compile(r"^\s*(?:\(?[a-z0-9]{1,3}[.)]\s*)*[\"“'][^\"”']{2,60}[\"”']\s+(?:means|shall mean|refers to)\b", re.I)
# in prose (not table rows, whose text repeats "Response (Business Hours)" headers): "P1 is eligible for 24x7 response"
_STAFFED_PROSE = LowerCasePattern(r"\b(eligible for|responses?|responded|covered|coverage)\b")


@dataclass(frozen=True)
class _Words:
    """rules/lexicons/support_hours.yml as patterns."""

    intake: re.Pattern[str]
    not_support: re.Pattern[str]
    definition: re.Pattern[str]
    discretion: re.Pattern[str]  # "may change its contacts at any time": a right, not a clock
    price: re.Pattern[str]  # "out-of-hours work is billed at 1.5x": what cover costs
    customer_duty: re.Pattern[str]  # "the customer must keep a contact available 24x7"
    duty_object: re.Pattern[str]  # what the customer must keep available: "available", "reachable"


@per_ruleset
def _words() -> _Words:
    lx = lexicon("support_hours")

    def any_of(key: str) -> re.Pattern[str]:
        return re.compile(word_re(tuple(str(w) for w in lx.get(key) or ())), re.I)

    lead = any_of("discretion_leads").pattern
    clock = any_of("discretion_clocks").pattern
    # a discretion word, then at most 12 words of the same clause, then the clock words
    discretion = re.compile(r"%s(?:\s+[^\s,;:.]+){1,12}?\s+%s" % (lead, clock), re.I)
    subjects = any_of("customer_duty_subjects").pattern
    duties = any_of("customer_duty_verbs").pattern
    # the customer opens the clause and a duty verb follows within three words
    customer_duty = re.compile(r"^\W*%s(?:\s+[^\s,;:.]+){0,3}?\s+%s" % (subjects, duties), re.I)
    return _Words(any_of("intake_words"), any_of("not_support_words"), any_of("definition_words"), discretion,
                  any_of("price_words"), customer_duty, any_of("customer_duty_objects"))


@per_ruleset
def _staffed() -> LowerCasePattern:
    """Words that say people work on requests (rules/lexicons/support_hours.yml `staffed_words`)."""
    return LowerCasePattern(word_re(tuple(w.lower() for w in listed("support_hours", "staffed_words"))))


@per_ruleset
def _plan_heading() -> re.Pattern[str]:
    """A heading that names one plan or package: "Enterprise Support (Custom Plans)", "Premium Tier"."""
    return re.compile(word_re(plan_words().nouns), re.I)


_REST = LowerCasePattern(r"\b(all other|any other|other (?:incidents|priorities|severities|levels|calls|requests|issues)|remaining|"
                   r"everything else|lower[- ]priority|non[- ]urgent|non[- ]critical)\b")
# a heading that announces when someone is there: "Hours", "Support Hours", "Hours of Operation"
_HOURS_HEADING = re.compile(
    r"^\W*(?:(?:our|support|office|service|opening|business|working|operating|help ?desk|service ?desk|contact|staffed)\s+)*"
    r"hours(?:\s+of\s+(?:operation|support|service|cover(?:age)?|business))?\W*$"
    r"|^\W*(?:support|service desk|help ?desk)\s+(?:availability|coverage|window)\W*$"
    # a plan's or a kind's own hours: "Regular Support Hours", "Enterprise Support Hours", "Extended Office Hours"
    r"|^\W*(?:[\w-]+\s+){1,2}(?:support|service ?desk|help ?desk|office|opening|operating|contact)\s+hours\W*$",
    re.I,
)
_NEGATED_OUTSIDE = re.compile(r"\b(?:no|not|nor)\b[^.;]{0,60}\b(?:outside|out of|after)\b", re.I)
_OUTSIDE = re.compile(r"\b(?:outside(?: of)?|out of|after)\s+(?:normal\s+)?(?:\w+\s+)?hours\b", re.I)


@dataclass
class HoursProfile:
    """The document's support clock: overall value, per severity level, and evidence."""

    value: Optional[str] = None  # 24x7 | business_hours | mixed | None
    evidence: Optional[Evidence] = None
    by_level: dict[int, str] = field(default_factory=dict)  # level -> calendar | business
    rest: Optional[str] = None  # clock for levels not named ("all other incidents")
    overall: Optional[str] = None  # clock stated for everything (calendar | business)
    plan_only: bool = False  # every clock was stated under one plan's heading ("Premium Support (...)")

    def basis_for(self, level: Optional[int], stated: str = "unspecified") -> str:
        """calendar | business | unspecified for a commitment at `level`; `stated` is the clock
        the commitment's own section or document names once for all its targets."""
        if level is not None and level in self.by_level:
            return self.by_level[level]
        if level is not None and self.rest:
            return self.rest
        if stated != "unspecified":
            return stated
        if self.overall:
            return self.overall
        if self.plan_only:
            return "unspecified"  # one plan's 24x7 says nothing about another plan's clock
        if self.value == "24x7":
            return "calendar"
        if self.value == "business_hours":
            return "business"
        return "unspecified"


class _OutsidePhrase:
    """"outside business hours", "after hours", "outside of these core support hours", "out-of-hours", built
    from rules/lexicons/support_hours.yml (`outside_hours_leads`, `outside_hours_qualifiers`) when first used."""

    @staticmethod
    @per_ruleset
    def pattern() -> LowerCasePattern:
        leads = word_re(listed("support_hours", "outside_hours_leads"))
        qualifiers = word_re(listed("support_hours", "outside_hours_qualifiers"))
        return LowerCasePattern(r"%s\s+(?:%s\s+){0,3}?hours\b|\bout[- ]of[- ]hours\b" % (leads, qualifiers))

    def occurs_in(self, text: str) -> bool:
        return self.pattern().occurs_in(text)

    def search_lower(self, low: str) -> Optional[re.Match[str]]:
        return self.pattern().search_lower(low)

    def sub(self, repl: str, text: str) -> str:
        return self.pattern().exact.sub(repl, text)


_OUTSIDE_PHRASE = _OutsidePhrase()


#: at most this many words is a heading, label or cell, not a sentence (as normalize.basis reads it)
_LABEL_WORDS = 10


def _clock(ctx: Context, text: str, original: Optional[str] = None) -> str:
    """calendar | business | unspecified for one statement ("outside Business Hours" is not a business clock).
    `original`: the statement before its durations were taken out ("handled the next working day" keeps
    its business clock there)."""
    original = original or text
    stripped = _OUTSIDE_PHRASE.sub(" ", text)
    if stripped != text and basis(stripped) != "unspecified":
        text = stripped
    elif stripped != text and len(original.split()) > _LABEL_WORDS:
        # a sentence, not a label ("Out of hours support" is the clock beyond the day, as basis() reads it)
        waits = basis(_OUTSIDE_PHRASE.sub(" ", original))
        if waits != "unspecified":
            return waits  # "requests raised out of hours are handled the next working day": office hours
        if defined_basis(ctx, stripped) == "unspecified" and not _NEGATED_OUTSIDE.search(text):
            # "Outside business hours, P1 calls go to the on-call engineer" names the business day only to
            # say what happens beyond it: no business clock (a level's out-of-hours cover is read by the caller)
            return "unspecified"
    b = basis(text)
    if b == "unspecified":
        b = defined_basis(ctx, text)
    if b == "unspecified" and _weekday_range().search(text):
        b = "business"  # "open 8am-6pm Monday to Thursday": a span of working days is office hours
    if b == "calendar" and _daily_window(text):
        b = "business"  # "8am to 8pm, seven days a week": every day, but not round the clock
    if b == "unspecified" and _daily_window(text) and not _overnight(text):
        b = "business"  # "a manned desk from 8am to midnight": opening and closing times, not round the clock
    return b


@dataclass(frozen=True)
class _TimesOfDay:
    """Times of day, digits or the words of support_hours.yml named_hours ("noon"), as patterns."""

    window: re.Pattern[str]  # "8am to 8pm", "08:00-20:00", "9.00 - 17.30", "8am to midnight"
    times: re.Pattern[str]  # each time in a window
    time: re.Pattern[str]  # one time: hour, minutes, am/pm, or a named hour
    hours: dict[str, float]  # a named hour's hour of the day ("midnight" closes the day: 24)


@per_ruleset
def _times_of_day() -> _TimesOfDay:
    named_hours = lexicon("support_hours").get("named_hours")
    if not isinstance(named_hours, dict) or not all(isinstance(h, (int, float)) and 0 <= h <= 24 for h in named_hours.values()):
        raise RulesError(active().root / "lexicons" / "support_hours.yml", "named_hours", "must map words to hours from 0 to 24")
    hours = {str(w).lower(): float(h) for w, h in named_hours.items()}
    named = "|".join(re.escape(w) for w in sorted(hours, key=len, reverse=True)) or "(?!)"
    window = re.compile(r"\b\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)?\s*(?:-|\u2013|\u2014|to|until|till)\s*"
                        rf"(?:\d{{1,2}}(?:[:.]\d{{2}})?\s*(?:am|pm|a\.m\.|p\.m\.)?|{named})(?!\s*(?:hours|hrs|days|minutes))", re.I)
    times = re.compile(rf"\d{{1,2}}(?:[:.]\d{{2}}|\s*(?:am|pm|a\.m\.|p\.m\.))|\b(?:{named})\b", re.I)
    time = re.compile(rf"(\d{{1,2}})(?:[:.](\d{{2}}))?\s*(am|pm|a\.m\.|p\.m\.)?|({named})", re.I)
    return _TimesOfDay(window, times, time, hours)


def _daily_window(text: str) -> bool:
    """Times of day that open and close the desk ("from 8 am to 8 pm") beside an every-day cue, with
    no cue of the whole day ("24 hours", "around the clock"): a long day, not 24x7."""
    day = _times_of_day()
    m = day.window.search(text)
    if m is None or len(day.times.findall(m.group(0))) < 2:
        return False
    return not _whole_day().search(text)


def _hour_of(m: re.Match[str]) -> Optional[float]:
    """The hour of day a time names."""
    if m.group(4):
        return _times_of_day().hours.get(m.group(4).lower())
    hour = int(m.group(1)) % 24 + int(m.group(2) or 0) / 60
    half = (m.group(3) or "").lower().replace(".", "")
    if half == "pm" and hour < 12:
        hour += 12
    elif half == "am" and hour >= 12:
        hour -= 12
    return hour


def _overnight(text: str) -> bool:
    """The window runs through the night ("18:00 to 08:00"): cover beyond the working day, not office hours."""
    day = _times_of_day()
    m = day.window.search(text)
    times = list(day.time.finditer(m.group(0))) if m else []
    if len(times) < 2:
        return False
    start, end = _hour_of(times[0]), _hour_of(times[-1])
    return start is not None and end is not None and end <= start


@per_ruleset
def _whole_day() -> re.Pattern[str]:
    """Cues that the desk is open the whole day (rules/lexicons/support_hours.yml `whole_day_words`)."""
    return re.compile(word_re(tuple(str(w) for w in lexicon("support_hours").get("whole_day_words") or ())), re.I)


@per_ruleset
def _weekday_range() -> re.Pattern[str]:
    """Two working days joined as a span: "Monday to Thursday", "Mon-Thu", "Tuesday through Friday"."""
    day = weekday_re().pattern
    ends = word_re(tuple(str(w) for w in lexicon("support_hours").get("office_week_ends") or ()))
    last = "(?:%s|%s)" % (day, ends) if ends else day
    return re.compile(r"%s\.?\s*(?:-|\u2013|\u2014|to|through|thru|until)\s*%s" % (day, last), re.I)


@per_ruleset
def _out_of_hours_cover() -> re.Pattern[str]:
    """Words that say a level is covered outside office hours: someone can be reached or takes the case
    (rules/lexicons/support_hours.yml `out_of_hours_cover_words`), not "handled the next working day"."""
    return listed_re("support_hours", "out_of_hours_cover_words")


_ESCALATION = LowerCasePattern(r"\bescalat\w*")
_NEGATION = LowerCasePattern(r"\b(?:no|not|never|unavailable|nor)\b")
_LIST_TAIL = re.compile(r"^((?:\s*(?:,|and|or|&|/)\s*(?:\d|[A-E]\b))+)")
# "Severity 2-4", "P2 to P4", "Priority 2 through 4": a span of levels (not "Severity 1 - 4 hours")
_RANGE_TAIL = re.compile(r"^\s*(?:-|\u2013|\u2014|to|through|thru)\s*(?:[A-Za-z]+\s*)?(\d|[A-E])\b"
                         r"(?!\s*(?:h\b|hrs?\b|hours?|mins?\b|minutes?|days?|business|working|%|[.:]\d))", re.I)


def _levels(ctx: Context, sentence: Sentence, lo: int = 0, hi: int = 1 << 30) -> list[int]:
    """Levels named between character offsets lo..hi, including lists: "Priority 2, 3 and 4"."""
    levels = []
    for span in sentence.matches(SEVERITY, "SEVERITY"):
        if not (lo <= span.start_char < hi):
            continue
        lv = level_of(ctx, span.text)
        if lv is not None and is_severity_mention(span):
            levels.append(lv)
            after = sentence.doc_text[span.end_char:span.end_char + 30]
            tail = _LIST_TAIL.match(after)
            if tail and label_has_rank(span.text):
                for item in re.findall(r"\d|\b[A-E]\b", tail.group(1)):
                    levels.append(int(item) if item.isdigit() else "ABCDE".index(item) + 1)
            span_end = _RANGE_TAIL.match(after)
            if span_end and label_has_rank(span.text):
                end = span_end.group(1).upper()
                last = int(end) if end.isdigit() else "ABCDE".index(end) + 1
                levels.extend(range(lv + 1, last + 1) if 0 < last - lv <= 5 else ())
    return sorted(set(levels))


_TURN = re.compile(r";|,?\s+\b(?:except(?:\s+for)?|other than|apart from|but|whereas|while)\b", re.I)
# ", and an on-call engineer covers Priority 1 outside these hours": a second clause that gives a level a
# clock of its own (only where it names a level: ", and the clock stops outside Support Hours" does not)
_AND_CLAUSE = re.compile(r",\s+and\s+(?=(?:an?|the|our|we)\b)", re.I)
# ", with out-of-hours cover for Priority 1", ", and by phone outside business hours for Severity 1": a tail
# that takes a level out of the office hours before it (it must name a level and an outside-hours phrase)
_OUTSIDE_TAIL = re.compile(r",\s+(?:and|with|plus)\s+", re.I)


def _negated_clock(sentence: Sentence, lo: int, hi: int) -> bool:
    """Every round-the-clock cue between character offsets lo..hi has a negation before it in its clause."""
    cues = [c for c in sentence.matches(FAMILY, "ALL_HOURS") if lo <= c.start_char < hi]
    return bool(cues) and all(sup.negated(sentence, c, window=_NEGATION_REACH) for c in cues)


#: how many tokens before a round-the-clock cue a negation reaches ("we do not currently offer 24/7 support")
_NEGATION_REACH = 6


@per_ruleset
def _outside_openers() -> tuple[str, ...]:
    """The first words of the outside-hours leads ("outside", "out", "after"), to test a sentence's opening."""
    return tuple(sorted({w.split()[0].lower() for w in listed("support_hours", "outside_hours_leads")}))


def _carried_levels(ctx: Context, index: int) -> list[int]:
    """The levels of the sentence before `index` in the same paragraph, when the sentence at `index`
    opens with an outside-hours phrase ("After hours, ...", "Outside these hours ...") and names no level."""
    sentence = ctx.sentences[index]
    opening = sentence.text.lstrip(" \t-*•")[:12].lower()
    if index == 0 or not opening.startswith(_outside_openers()):  # cheap gate: the phrase must open the sentence
        return []
    m = _OUTSIDE_PHRASE.search_lower(sentence.text.lower())
    if m is None or sentence.text[:m.start()].strip(" \t-*•") or _levels(ctx, sentence):
        return []
    before = ctx.sentences[index - 1]
    return _levels(ctx, before) if before.block_index == sentence.block_index else []


def _pieces(text: str) -> list[tuple[int, int]]:
    """Clauses that may each state their own clock: split at ";" and at "except", "but"..."""
    out, start = [], 0
    for m in _TURN.finditer(text):
        out.append((start, m.start()))
        start = m.start() if m.group(0) != ";" else m.end()
        if m.group(0) != ";":
            start = m.start()
    out.append((start, len(text)))
    return [(a, b) for a, b in out if b > a]


#: the rule id of a statement whose business clock only qualifies a level's target time
_TARGET_CLOCK = "support_hours.target_clock"

#: a line of a table set out one cell per line: this many words at most, and its level's label at most
#: this many blocks above it
_CELL_WORDS = 12
_CELL_REACH = 6
_LABEL_MAX_WORDS = 6
_LABEL_SHARE = 0.6  # of a label line's characters its level names


def _cell_levels(ctx: Context, sentence: Sentence) -> list[int]:
    """The level of a short line that is a cell of a table set out one cell per line ("Severity Level 1"
    / "2 hours (24x7x365)" / "Ongoing until resolved"): the level its nearest label line above names,
    a label being a heading or line of a few words that names a level. [] for longer text."""
    if len(sentence.text.split()) > _CELL_WORDS or _levels(ctx, sentence):
        return []
    labels: Optional[dict[int, list[int]]] = ctx.cache.get("support_hours.level_labels")
    if labels is None:
        labels = {}
        for s in ctx.sentences:
            if len(s.block.text.split()) <= _LABEL_MAX_WORDS and s.block_index not in labels:
                found = _heading_levels(ctx, s)
                # the line is the label ("Severity Level 1", "P2 - High"), not a description that opens
                # with a level word ("Significant degradation of service")
                named = sum(len(m.text) for m in s.matches(SEVERITY, "SEVERITY"))
                if found and named >= _LABEL_SHARE * len(s.block.text.strip()):
                    labels[s.block_index] = found
        ctx.cache["support_hours.level_labels"] = labels
    for i in range(sentence.block_index - 1, max(-1, sentence.block_index - 1 - _CELL_REACH), -1):
        if i in labels:
            return labels[i]
    return []


def _level_clauses(ctx: Context, sentence: Sentence, pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Each piece split once more at ", and <a clause>" where that clause names a severity level."""
    text, base = sentence.text, sentence.span.start_char
    out = []
    for lo, hi in pieces:
        start = lo
        cuts = {m.start() for m in _AND_CLAUSE.finditer(text, lo, hi)}
        cuts |= {m.start() for m in _OUTSIDE_TAIL.finditer(text, lo, hi) if _OUTSIDE_PHRASE.occurs_in(text[m.end():hi])}
        for cut in sorted(cuts):
            if cut > start and _levels(ctx, sentence, cut + base, hi + base):
                out.append((start, cut))
                start = cut
        out.append((start, hi))
    return [(a, b) for a, b in out if b > a]


def _under_hours_heading(ctx: Context, sentence: Sentence) -> bool:
    """The sentence sits under "Support Hours" / "Hours" (or is the line right after such a heading).
    The answer is its block's: found once per block (kept on the Context)."""
    known: dict[int, bool] = ctx.cache.setdefault("support_hours.under_heading", {})
    i = sentence.block_index
    found = known.get(i)
    if found is None:
        prev = ctx.document.blocks[i - 1] if i >= 1 else None
        title = section_title(ctx, sentence)
        found = known[i] = bool(_HOURS_HEADING.search(title)) or (
            prev is not None and prev.kind == "heading" and bool(_HOURS_HEADING.search(prev.text))) or (
            # "Premium Support" then "Available 24 hours a day": a plan's support section says when it runs
            bool(_plan_named().search(title)) and bool(listed_re("support_hours", "support_desks").search(title)))
    return found


def _heading_levels(ctx: Context, sentence: Sentence) -> list[int]:
    """Levels a heading is about: "Critical Support (24/7/365)", "Severity 1 Cover". A plan name
    ("Standard Support") or a support tier ("Level 1 Support") is not a severity."""
    plans = [(p.start, p.end) for p in sentence.matches(FAMILY, "PLAN")]
    out = []
    for span in sentence.matches(SEVERITY, "SEVERITY"):
        if span.text.lower().startswith(("level", "tier", "l1", "l2", "l3")) or counts_time(span):
            continue
        if any(a < span.end and span.start < b for a, b in plans):
            continue
        lv = level_of(ctx, span.text)
        if lv is not None and (span.text[:1].isupper() or label_has_rank(span.text)):
            out.append(lv)
    return sorted(set(out))


def _watches_the_service(sentence: Sentence, topic: list) -> bool:
    """Whether the sentence's clock is the monitoring's ("we watch the service around the clock
    and page the on-call engineer"): it says when the service is watched, not when the desk
    answers. It is the desk's clock only when a support-hours topic is named that is not itself
    part of the monitoring (the engineer an alert pages)."""
    if not sentence.matches(MONITORING, "MONITOR"):
        return False
    watching = {(s.start, s.end) for s in sentence.matches(MONITORING)}
    return all((t.start, t.end) in watching for t in topic)


def _levels_answered(ctx: Context, sentence: Sentence) -> bool:
    """A round-the-clock cue, a response word and a severity level in one sentence: "monitoring and
    alerting, with 24x7 response for critical incidents" says when that level is answered."""
    return bool(sentence.matches(FAMILY, "ALL_HOURS")) and _STAFFED_PROSE.occurs_in(sentence.text) and \
        bool(_levels(ctx, sentence))


def _statements(ctx: Context) -> list[tuple[Sentence, str, list[int], bool, str]]:
    """(sentence, clock, levels, is_rest, rule id) for every support-hours statement.

    Each ";" clause is read on its own: "24x7 for Severity A and B; Severity C cases are
    handled during Business Hours" is two statements.
    """
    out = []
    leads = _hours_lead_ins(ctx)
    for index, sentence in enumerate(ctx.sentences):
        topic = sentence.matches(FAMILY, "HOURS_TOPIC") or leads.get(sentence.block_index, [])
        cues = sentence.matches(FAMILY, "ALL_HOURS") + sentence.matches(FAMILY, "BUSINESS")
        full = sentence.text
        if _DEFINITION.search(full):
            continue  # a definition of "Business Day" says what the words mean, not when support runs
        prose = not is_table_row(sentence)
        if _watches_the_service(sentence, topic) and not (prose and _levels_answered(ctx, sentence)):
            continue  # (but "monitoring, with 24x7 response for critical incidents" states that level's clock)
        hours_heading = prose and _under_hours_heading(ctx, sentence)
        # "Urgent Cover (24x7)": a heading naming a level and a clock is that level's hours
        level_heading = sentence.block.kind == "heading" and bool(cues) and bool(_heading_levels(ctx, sentence))
        # "Enterprise plan (24x7x365)", "Standard Support - Monday to Friday 8-6": a heading naming a plan and a
        # clock is that plan's hours (the section's own clock; two plans' clocks that differ make them mixed)
        plan_heading = sentence.block.kind == "heading" and bool(cues) and not level_heading \
            and bool(_plan_named().search(full))
        # escalation contacts are not the desk (asked at most once: the answer serves both tests below)
        escalation = _ESCALATION.occurs_in(full) if prose else True
        # "Urgent issues: 24/7/365", "Priority 1 calls are accepted 24 hours a day": a level's own clock
        level_clock = prose and bool(sentence.matches(FAMILY, "ALL_HOURS")) and \
            not escalation and bool(_levels(ctx, sentence))
        # "Severity 2-4: Monday to Friday 8am-6pm": the other levels' own office hours
        level_business = prose and bool(sentence.matches(FAMILY, "BUSINESS")) and \
            not escalation and bool(_levels(ctx, sentence))
        # "Out-of-hours support for Severity 1 is available by phone": that level is covered round the clock
        level_outside = prose and not escalation and bool(_OUTSIDE_PHRASE.occurs_in(full)) and \
            bool(_out_of_hours_cover().search(full)) and bool(_levels(ctx, sentence))
        # "Priority 1 incidents are answered within 15 minutes during business hours. After hours, response
        # time is within 20 minutes.": a sentence that opens with an outside-hours phrase and names no level
        # goes on with the level of the sentence before it (same paragraph)
        carried = _carried_levels(ctx, index) if prose and not escalation else []
        level_outside = level_outside or bool(carried)
        # "Severity Level 1" then the line "2 hours (24x7x365)": a table's cells set out one per line
        cell_levels = _cell_levels(ctx, sentence) if prose and cues and sentence.block.kind != "heading" else []
        if not (topic or hours_heading or level_heading or plan_heading or level_clock or level_business or level_outside or cell_levels
                or _staffed().occurs_in(full) or (prose and _STAFFED_PROSE.occurs_in(full))):
            continue
        if _OFF_TOPIC.occurs_in(full) and not (_staffed().occurs_in(full) or re.search(r"\bsupport|help ?desk|service desk\b", full, re.I)
                                               or (prose and _levels_answered(ctx, sentence))):
            continue
        if _words().not_support.search(full):
            continue  # "available for download around the clock", "visitors are escorted at all times"
        if _other_desk().search(full) and not listed_re("support_hours", "support_desks").search(full):
            continue  # "billing enquiries are handled 9-5": another desk's hours
        base = sentence.span.start_char
        for lo, hi in _level_clauses(ctx, sentence, _pieces(full)):
            piece = full[lo:hi]
            text = collapse_number_words(piece)
            original = text
            # a round-the-clock cue written as one word ("24-hours-a-day") is a clock, whatever durations it holds
            clocks = [(c.start_char - base - lo, c.end_char - base - lo) for c in sentence.matches(FAMILY, "ALL_HOURS")] \
                if original == piece else []  # (offsets of the piece as written)
            for found in reversed(find_durations(original)):  # "within 2 business days" is a time, not the hours
                if per_day_re().match(original[found.end:]) or re.match(r"(?:a|an|per|each|every)\s", found.text, re.I):
                    continue  # but "24 hours a day, 7 days a week" is a clock
                if any(a <= found.start and found.end <= b for a, b in clocks):
                    continue
                text = text[:found.start] + " " + text[found.end:]
            if _words().price.search(piece) or (_OUTSIDE_PHRASE.occurs_in(piece) and _words().price.search(full)) \
                    or (_words().customer_duty.search(piece.strip())
                                                 and _words().duty_object.search(piece)):
                # what cover costs ("out-of-hours support is available, but quoted case by case"), or what the
                # customer must do: not when the provider's desk answers
                continue
            if _words().discretion.search(text):
                text = _words().discretion.sub(" ", text)  # "may change its contacts at any time" says when a right may be used
            clock = _clock(ctx, text, original)
            if clock == "calendar" and _negated_clock(sentence, lo + base, hi + base):
                continue  # "we do not offer 24/7 support", "not a 24/7 on-call firm": says there is no such cover
            target_clock = clock == "business" and text.split() != original.split() and not topic \
                and not hours_heading and not _names_when(original) \
                and not listed_re("support_hours", "support_desks").search(piece)
            if target_clock and not _levels(ctx, sentence, lo + base, hi + base):
                # "we respond within 30 minutes during business hours" is one target's clock: it says
                # how that time is counted, not when anyone is at the desk (no desk, days or times named)
                continue
            if clock == "business" and listed_re("support_hours", "counting_words").search(piece) \
                    and not _names_when(original):
                continue  # "these times are expressed in working hours": how the targets are counted
            if sentence.block.kind == "heading" and topic_only_after_hours(text):
                continue  # "After Hours Support" names a topic; the lines under it say whether and when it runs
            if clock == "business" and _defines_hours(text):
                continue  # "business hours are defined as Monday to Friday 8-5" says what the words mean
            if clock == "unspecified" and level_outside and _OUTSIDE_PHRASE.occurs_in(text) \
                    and (_out_of_hours_cover().search(text) or _levels(ctx, sentence, lo + base, hi + base) or carried) \
                    and not _NEGATION.occurs_in(text) and basis(_OUTSIDE_PHRASE.sub(" ", original)) != "business":
                # "... in business hours, and out of hours for Severity 1": that level's own clause runs round the
                # clock (not "after hours, calls are answered the next business day": that waits for the office)
                clock = "calendar"
            if clock == "unspecified":
                if not (has_basis_cue(text, "calendar") and has_basis_cue(text, "business")):
                    continue
                clock = "split"  # "Standard support 9x5, Premium 24x7": both clocks in one clause
            local = [c for c in cues if lo <= c.start_char - base < hi]
            # "No support is available outside Working Hours" states business hours
            if clock == "calendar" and _NEGATED_OUTSIDE.search(text):
                clock = "business"
            levels = _levels(ctx, sentence, lo + base, hi + base)
            if not levels and sentence.block.kind == "heading":
                levels = _heading_levels(ctx, sentence)
            levels = levels or cell_levels or carried
            rest = bool(_REST.occurs_in(text))
            rule = (local or topic)[0].id_ if (local or topic) else \
                ("support_hours.heading" if hours_heading else "support_hours.lexicon")
            if target_clock and 1 not in levels:
                # a lower level's target counted in business hours is its basis, not the desk's hours (the
                # most severe level answered only in business hours does say the desk keeps office hours)
                rule = _TARGET_CLOCK
            out.append((sentence, clock, levels, rest, rule))
    return out


#: how many list items after "The Service Desk is open as follows:" its lead-in may speak for
_LEAD_REACH = 8


def _hours_lead_ins(ctx: Context) -> dict[int, list]:
    """{block index of a list item: the topic cues of its lead-in}: the items under a sentence that
    names the desk and ends in a colon ("The Service Desk is available as detailed below:") each
    state when that desk is open ("- Monday to Friday, 9am - 5pm")."""
    out: dict[int, list] = {}
    blocks = ctx.document.blocks
    for sentence in ctx.sentences:
        topic = sentence.matches(FAMILY, "HOURS_TOPIC")
        if not topic or sentence.block.kind == "list_item" or is_table_row(sentence) \
                or not sentence.text.rstrip().endswith(":"):
            continue
        i = sentence.block_index + 1
        while i < len(blocks) and i <= sentence.block_index + _LEAD_REACH and blocks[i].kind == "list_item":
            out.setdefault(i, list(topic))
            i += 1
    return out


def _defines_hours(text: str) -> bool:
    """ "for the SLA, business hours are defined as ...": a definition, not a statement of support hours."""
    m = _words().definition.search(text)
    return m is not None and has_basis_cue(text[:m.start()], "business")


def _intake_only(sentence: Sentence) -> bool:
    """ "Requests may be submitted at any time", "24x7 help in our documentation": how requests get in
    or self-help, not when people work on them."""
    return bool(_words().intake.search(sentence.text))


def _table_statements(ctx: Context) -> list[tuple[Sentence, str, str]]:
    """(row, clock, scope) for tables whose rows give hours per plan or per level."""
    out = []
    for sentence in ctx.sentences:
        if not is_table_row(sentence):
            continue
        cells = row_cells(sentence)
        if len(cells) < 2:
            continue
        # the columns' names, and the cells without their durations ("Fix: 12 hours" names no clock column)
        header = " ".join(sentence.block.header or ()) + " " + " ".join(without_durations(c) for c in cells[1:])
        # the row itself may be the hours ("Support hours | 8am-6pm Mon-Fri | 24/7" under plan columns)
        if not _hours_column().search(header) and not _HOURS_LABEL.search(cells[0]):
            continue
        clocks = {_clock(ctx, collapse_number_words(c)) for c in cells[1:] if c and not find_durations(c)}
        clocks.discard("unspecified")
        if len(clocks) == 1:
            out.append((sentence, clocks.pop(), cells[0]))
        elif len(clocks) > 1 and _HOURS_LABEL.search(cells[0]):
            # "Hours | Business hours | Business hours | 24/7" under plan columns: each plan's own clock
            names = tuple(sentence.block.header or ())
            for i, cell in enumerate(cells[1:], 1):
                clock = _clock(ctx, collapse_number_words(cell)) if cell and not find_durations(cell) else "unspecified"
                if clock != "unspecified":
                    out.append((sentence, clock, names[i] if i < len(names) else ""))
        elif not clocks and _under_hours_heading(ctx, sentence) and weekday_re().search(cells[0]):
            # "Hours of Operation" then "Monday-Friday | 8:00 AM - 8:00 PM": opening hours by day
            clock = _clock(ctx, " ".join(cells))
            if clock != "unspecified":
                out.append((sentence, clock, ""))
    return out




@per_ruleset
def _other_desk() -> re.Pattern[str]:
    """Desks other than support (rules/lexicons/support_hours.yml `other_desks`)."""
    return re.compile(word_re(tuple(str(w) for w in lexicon("support_hours").get("other_desks") or ())), re.I)


@per_ruleset
def _hours_column() -> re.Pattern[str]:
    """Words that name a column of hours ("Support hours", "Coverage", "Operational period")."""
    return re.compile(word_re(tuple(str(w) for w in lexicon("support_hours").get("hours_column_words") or ())), re.I)


#: a row label that names the hours themselves ("Hours", "Support hours", "Coverage")
_HOURS_LABEL = re.compile(r"^\W*(?:(?:support|service|desk|help ?desk|business|opening|operating)\s+)?"
                          r"(?:hours|coverage|cover|availability)(?:\s+of\s+(?:support|operation|cover(?:age)?))?\W*$", re.I)


def hours_profile(ctx: Context) -> HoursProfile:
    """The document's support clock, computed once and cached on the context."""
    if "hours" in ctx.cache:
        return ctx.cache["hours"]
    profile = HoursProfile()
    statements = _statements(ctx)
    # (a level's own round-the-clock cover, "Critical (24/7): submit by phone", stays)
    staffed = [st for st in statements if not (st[1] == "calendar" and not st[2] and not st[3] and _intake_only(st[0]))]
    if staffed:
        statements = staffed  # intake or self-help round the clock beside staffed hours says nothing of the hours
    plan_scoped = 0
    clocks: set[str] = set()
    first: Optional[tuple[Sentence, str]] = None
    for sentence, clock, levels, rest, rule in statements:
        if first is None:
            first = (sentence, rule)
        if clock == "split":
            clocks.update(("calendar", "business"))
            continue
        clocks.add(clock)
        if levels:
            for lv in levels:
                profile.by_level.setdefault(lv, clock)
        elif rest:
            profile.rest = profile.rest or clock
        elif _plan_heading().search(section_title(ctx, sentence)):
            plan_scoped += 1  # the section's own clock (stated_clock) covers its commitments
        else:
            profile.overall = profile.overall or clock
    table_rows = _table_statements(ctx)
    scoped_clocks = {c for _, c, _ in table_rows}
    for row, clock, scope in table_rows:
        row_level = level_of(ctx, scope)
        if row_level is not None:
            profile.by_level.setdefault(row_level, clock)
        clocks.add(clock)
        if first is None:
            first = (row, "support_hours.table")
    by_values = set(profile.by_level.values()) | ({profile.rest} if profile.rest else set())
    if len(by_values) > 1 or len(scoped_clocks) > 1:
        profile.value = "mixed"
    elif len(clocks) > 1:
        profile.value = "mixed"
    elif clocks:
        profile.value = "24x7" if clocks.pop() == "calendar" else "business_hours"
        if profile.value == "business_hours" and not table_rows and all(st[4] == _TARGET_CLOCK for st in statements):
            # every business clock only qualified a level's target ("P1: within 4 hours during business
            # hours"): each level keeps it as its basis, but no one said when the desk is staffed
            profile.value = None
    profile.plan_only = bool(plan_scoped) and profile.overall is None and not profile.by_level and profile.rest is None
    if profile.value == "mixed":
        # prefer the statement that shows the split
        for sentence, clock, levels, rest, rule in statements:
            if levels or rest or clock == "split":
                first = (sentence, rule)
                break
    if first is not None and profile.value:
        profile.evidence = first[0].evidence(first[1])
    ctx.cache["hours"] = profile
    return profile


def _implied(ctx: Context, terms: Terms) -> Optional[Value]:
    """Hours implied where no sentence says when support is staffed.

    A clock stated once for the service levels (a title "SLA During Business Hours", a
    note "based on working days, Monday to Friday 9-5") is the support clock; failing
    that, response targets that all run in business hours mean support does too.
    """
    doc_clock, sections = stated_clocks(ctx)
    # a section's clock speaks for the targets under it only ("Bandwidth available 24/7" in a network
    # section says nothing of when the desk answers the targets stated elsewhere)
    homes = {t.evidence.section for t in terms.response_times if t.evidence is not None}
    sections = {label: clock for label, clock in sections.items() if label in homes}
    clocks = set(sections.values()) | ({doc_clock} if doc_clock else set())
    if len(clocks) == 1 and terms.response_times:
        clock = clocks.pop()
        scope = "document" if doc_clock else next(iter(sections))
        evidence = stated_clock_evidence(ctx, scope)
        # "we respond within 8 hours during business hours" is one target's clock, not when support is staffed
        # "times are in calendar hours" / "the astronomical clock" say how time is counted, not when anyone answers
        counted_only = clock == "calendar" and evidence is not None and bool(_counting_unit().search(evidence.text)) \
            and not _ROUND_CLOCK.search(evidence.text)
        # "our sales team is available Monday to Friday 9-5": another desk's hours say nothing of support's
        other_desk = evidence is not None and bool(_other_desk().search(evidence.text)) \
            and not listed_re("support_hours", "support_desks").search(evidence.text)
        if (evidence is None or not _is_commitment(evidence.text)) and not counted_only and not other_desk:
            return Value("24x7" if clock == "calendar" else "business_hours", evidence)
    responses = [t for t in terms.response_times if t.kind == "response" and t.basis != "unspecified"]
    if responses and all(t.basis == "business" for t in responses):
        # only when the document says what its business hours are: "2 business hours" alone
        # does not tell the buyer when anyone is at the desk
        defined = _business_hours_definition(ctx)
        if defined is not None:
            return Value("business_hours", responses[0].evidence, detail=_also(defined))
    return None


@per_ruleset
def _counting_unit() -> re.Pattern[str]:
    """Calendar words that only say how time is counted ("calendar days", "the astronomical clock")."""
    return re.compile(word_re(basis_words().units), re.I)


_TIME_OF_DAY = re.compile(r"\b\d{1,2}[:.]\d{2}\b|\b\d{1,2}\s*(am|pm|a\.m\.|p\.m\.)", re.I)


def _names_when(text: str) -> bool:
    """A weekday or a time of day: what a definition of business hours states."""
    return bool(weekday_re().search(text) or _TIME_OF_DAY.search(text))


def _business_hours_definition(ctx: Context) -> Optional[Evidence]:
    """A sentence that says what the business (working, office) hours or days are."""
    for sentence in ctx.sentences:
        text = sentence.text
        if _other_desk().search(text) and not listed_re("support_hours", "support_desks").search(text):
            continue  # the sales office's hours define no one's support day
        if (has_basis_cue(text, "business") or has_basis_cue(text, "defined")) and _names_when(text):
            return sentence.evidence("support_hours.business_definition")
    return None


def _is_commitment(text: str) -> bool:
    """The text states a target duration ("within 8 hours"), not only a clock."""
    return without_durations(text).split() != collapse_number_words(text).split()


# an explicit round-the-clock cue in a target ("1 hour (24x7)"); "calendar days" is only a unit
_ROUND_CLOCK = re.compile(r"\b24\s*[x×/]\s*7|\b24\s*[x×]\s*365|around[- ]the[- ]clock|round[- ]the[- ]clock|"
                          r"24 hours a day|(?:7|seven) days a week", re.I)


def _names_whole_clock(text: str) -> bool:
    """The target's own text names a round-the-clock or out-of-hours clock ("1 hour (24x7)", "20 minutes
    (office and out of hours)"), not only a unit of counting ("3 calendar days")."""
    if _ROUND_CLOCK.search(text) or has_basis_cue(text, "outside_hours"):
        return True
    return has_basis_cue(_counting_unit().sub(" ", text), "calendar")


def _split_by_targets(terms: Terms) -> Optional[Evidence]:
    """Evidence of a round-the-clock target when other targets run on business hours.

    "P1: 1 hour (24x7)" beside "P3: 2 business days" means support hours differ by
    severity (or by plan, where a table gives one column per plan)."""
    calendar = [t for t in terms.response_times if t.basis == "calendar" and t.evidence is not None
                and _names_whole_clock(t.evidence.text)]
    if calendar and any(t.basis == "business" for t in terms.response_times):
        return calendar[0].evidence
    return None


@per_ruleset
def _plan_name() -> re.Pattern[str]:
    """A plan's own name ("Enterprise", "Gold"), from rules/lexicons/plans.yml."""
    return re.compile(word_re(tuple(plan_words().names)), re.I)


def _plans_apart(terms: Terms) -> Optional[tuple[Evidence, Evidence]]:
    """A round-the-clock target that names one plan ("Enterprise: response within 1 hour, 24/7") beside a
    business-clock target that names another ("Standard: response within 24 business hours"): the hours
    differ by plan. The evidence of both."""
    def plans(t: TimeCommitment) -> set[str]:
        return {m.group(0).lower() for m in _plan_name().finditer(t.evidence.text)} if t.evidence else set()
    calendar = [t for t in terms.response_times if t.basis == "calendar" and t.evidence is not None
                and _names_whole_clock(t.evidence.text) and plans(t)]
    business = [t for t in terms.response_times if t.basis == "business" and t.evidence is not None and plans(t)]
    for late in calendar:
        for early in business:
            if plans(early).isdisjoint(plans(late)):
                assert late.evidence is not None and early.evidence is not None
                return late.evidence, early.evidence
    return None


def _levels_on_office_clock(terms: Terms) -> Optional[tuple[Evidence, Evidence]]:
    """Under a round-the-clock desk, some levels' targets name an office clock of their own ("within 8
    hours (excluding weekends and holidays)", "4 hours, office hours only") while other levels run on the
    whole clock: the hours differ by severity. A business unit alone ("2 business days") is only how the
    time is counted. The evidence of a whole-clock target and of an office-clock one."""
    office = [t for t in terms.response_times if t.basis == "business" and t.severity_level is not None
              and t.evidence is not None and has_basis_cue(without_durations(t.evidence.text), "business")]
    levels = {t.severity_level for t in office}
    whole = [t for t in terms.response_times if t.basis == "calendar" and t.severity_level is not None
             and t.severity_level not in levels and t.evidence is not None]
    if not office or not whole or {t.severity_level for t in whole} & levels:
        return None
    assert whole[0].evidence is not None and office[0].evidence is not None
    return whole[0].evidence, office[0].evidence


def _business_elsewhere(ctx: Context, terms: Terms) -> Optional[Evidence]:
    """Where a business clock is stated for targets or the document, if anywhere."""
    doc_clock, sections = stated_clocks(ctx)
    if doc_clock == "business":
        return stated_clock_evidence(ctx, "document")
    for label, clock in sections.items():
        if clock == "business":
            return stated_clock_evidence(ctx, label)
    return next((t.evidence for t in terms.response_times if t.basis == "business" and t.evidence is not None), None)


def _day_and_night(terms: Terms) -> tuple[set[Optional[int]], set[Optional[int]]]:
    """Levels with a business-hours response target, and levels with a response target for after
    hours / weekends ("2 hours during Business Hours, 4 hours at other hours")."""
    daytime = {t.severity_level for t in terms.response_times if t.kind == "response" and t.basis == "business"}
    night = {t.severity_level for t in terms.response_times if t.kind == "response" and t.basis == "calendar"
             and t.evidence is not None and (has_basis_cue(t.evidence.section or "", "outside_hours")
                                            or has_basis_cue(t.evidence.text, "outside_hours"))}
    return daytime, night


def _answered_after_hours(terms: Terms) -> Optional[Evidence]:
    """Every level with a business-hours response target also has one for after hours / weekends:
    the desk answers round the clock, only more slowly at night, so the hours are not mixed."""
    daytime, night = _day_and_night(terms)
    if len(daytime) < 2 or not daytime <= night:
        return None
    return next(t.evidence for t in terms.response_times if t.basis == "calendar" and t.evidence is not None
                and t.severity_level in daytime)


def _after_hours_for_some(terms: Terms) -> Optional[tuple[Evidence, Evidence]]:
    """Some levels are answered after hours too, others only in business hours ("Urgent: 2 hours in
    Business Hours, 4 hours at other times | Low: 3 business days"): the hours differ by severity.
    The evidence of an after-hours target, and of a level answered in business hours only."""
    daytime, night = _day_and_night(terms)
    both, day_only = daytime & night - {None}, daytime - night - {None}
    if not both or not day_only:
        return None
    late = next((t.evidence for t in terms.response_times if t.basis == "calendar" and t.evidence is not None
                 and t.severity_level in both), None)
    early = next((t.evidence for t in terms.response_times if t.basis == "business" and t.evidence is not None
                  and t.severity_level in day_only), None)
    return (late, early) if late is not None and early is not None else None


def _other_plan_business(terms: Terms, profile: HoursProfile) -> Optional[Evidence]:
    """A business-clock target under another plan's heading than the one whose hours run round the clock
    ("Premium Support: engineers work 24x7" / "Standard Support: a response within one business day")."""
    home = profile.evidence.section if profile.evidence is not None else None
    if not home or not _plan_named().search(home):
        return None
    return next((t.evidence for t in terms.response_times if t.basis == "business" and t.evidence is not None
                 and t.evidence.section and t.evidence.section != home and _plan_named().search(t.evidence.section)), None)


def _plan_row_apart(terms: Terms, profile: HoursProfile) -> Optional[Evidence]:
    """Round-the-clock cover stated in a table row that opens with a plan's name ("Enterprise | ... | 24/7
    phone"), beside a business-clock target in a row that opens with another plan's name ("Basic | 48
    business hours"): that plan's cover, not the contract's. The other row's evidence."""
    ev = profile.evidence
    first = ev.text.split("|", 1)[0] if ev is not None and "|" in ev.text else ""
    mine = {m.group(0).lower() for m in _plan_name().finditer(first)}
    if not mine:
        return None
    for t in terms.response_times:
        if t.basis != "business" or t.evidence is None or "|" not in t.evidence.text:
            continue
        theirs = {m.group(0).lower() for m in _plan_name().finditer(t.evidence.text.split("|", 1)[0])}
        if theirs and theirs.isdisjoint(mine):
            return t.evidence
    return None


@per_ruleset
def _plan_named() -> re.Pattern[str]:
    """A heading that names a plan by name or noun ("Premium Support", "Business plan")."""
    words = plan_words()
    return re.compile(word_re(tuple(words.names) + tuple(words.nouns)), re.I)


def _also(evidence: Optional[Evidence]) -> Optional[str]:
    """The other half of a `mixed` finding, for the reviewer: "also: <text> (p. 2)"."""
    if evidence is None:
        return None
    return f"also: {evidence.text[:160]} (p. {evidence.page})"


def collect(ctx: Context, terms: Terms) -> None:
    profile = hours_profile(ctx)
    if profile.value:
        terms.support_hours = Value(profile.value, profile.evidence)
    else:
        implied = _implied(ctx, terms)
        if implied is not None:
            terms.support_hours = implied
    if terms.support_hours.value in (None, "business_hours"):
        split = _split_by_targets(terms)
        if split is not None:
            terms.support_hours = Value("mixed", split)
    elif terms.support_hours.value == "24x7" and any(
            t.basis == "business" and t.scope for t in terms.response_times) and _split_by_targets(terms) is not None:
        # round the clock for some plans, business hours for others ("Pro: 2 business days | Scale: 1 hour (24/7)")
        terms.support_hours = Value("mixed", _split_by_targets(terms), detail=_also(_business_elsewhere(ctx, terms)))
    elif terms.support_hours.value == "24x7" and _plans_apart(terms) is not None:
        # "Enterprise: 1 hour, 24/7" beside "Standard: 24 business hours": each plan's own clock
        late, early = _plans_apart(terms) or (None, None)
        terms.support_hours = Value("mixed", late, detail=_also(early))
    elif terms.support_hours.value == "24x7" and _levels_on_office_clock(terms) is not None:
        # "Severity 1: 15 minutes" beside "Severity 2: 8 hours (excluding weekends and holidays)"
        late, early = _levels_on_office_clock(terms) or (None, None)
        terms.support_hours = Value("mixed", late, detail=_also(early))
    elif terms.support_hours.value == "24x7" and _plan_row_apart(terms, profile) is not None:
        # "Enterprise | 2 business hours | 24/7 phone" beside "Basic | 48 business hours | email": one plan's cover
        terms.support_hours = Value("mixed", profile.evidence, detail=_also(_plan_row_apart(terms, profile)))
    elif terms.support_hours.value == "24x7" and _other_plan_business(terms, profile) is not None:
        # "Premium Support: engineers work 24x7" beside a plan whose targets run in business days
        terms.support_hours = Value("mixed", profile.evidence, detail=_also(_other_plan_business(terms, profile)))
    elif terms.support_hours.value == "24x7" and profile.by_level and profile.overall is None and profile.rest is None:
        # only some levels were said to run round the clock: the rest run on a business clock stated elsewhere
        other = _business_elsewhere(ctx, terms)
        if other is not None:
            terms.support_hours = Value("mixed", profile.evidence, detail=_also(other))
    if terms.support_hours.value in (None, "business_hours", "mixed"):
        after_hours = _answered_after_hours(terms)
        if after_hours is not None:
            terms.support_hours = Value("24x7", after_hours)
    if terms.support_hours.value in (None, "business_hours"):
        some = _after_hours_for_some(terms)
        if some is not None:
            terms.support_hours = Value("mixed", some[0], detail=_also(some[1]))
