"""Response, resolution and update times by severity, from tables and from prose.

Tables are read through their header: a severity column (or severities across the header),
kind columns ("Response Time", "Resolution (Business Hours)"), or a "Measure" column whose
cells name the kind. A blank first cell continues the level above (merged cells). When the
header's words lead nowhere, columns get their roles from their cells (_content_roles). Prose
needs a kind cue and a duration in the same clause; clauses about notice, claims, backups
or escalation, and thresholds ("more than 30 minutes") are not commitments. The basis comes
from the cell, then the column header, the table title, the sentence, and finally the
document's support hours for that level.
"""
from __future__ import annotations

import re
from dataclasses import replace
from itertools import groupby
from typing import Optional

from sla_check.extract import Context, Sentence
from sla_check.ruleset import per_ruleset
from sla_check.extractors.common import (
    anchored_kind_re,
    around_clock_re,
    customer_duties_heading_re,
    customer_duty_re,
    column_kind,
    counts_time,
    history_re,
    is_header,
    is_severity_mention,
    is_table_row,
    kind_of,
    is_cover_tier,
    kinds_named,
    label_has_rank,
    ladder_from_labels,
    lead_in,
    level_of,
    empty_cell,
    empty_cell_spans,
    line_tables,
    only_empty_cells,
    LineTable,
    logistics_after_re,
    non_incident_object_re,
    plan_name_re,
    all_but_clock,
    plan_basis,
    ranked_prefix,
    section_title,
    severity_ladder,
    stated_clock,
    stated_clock_evidence,
    statement_clock,
    table_title,
    value_slots,
    without_durations,
    without_kind_words,
)
from sla_check.extractors.qualifiers import attainment_percent, blanket_for, blanket_qualifiers, qualifiers_for, record
from sla_check.extractors.support_hours import HoursProfile, hours_profile
from sla_check.extractors.tables import TableView, basis_text, header_rows, respaced, table_view
from sla_check.models import TimeCommitment, Terms
from sla_check.normalize import (
    Found,
    basis,
    collapse_number_words,
    find_durations,
    frequency_cell,
    per_document_cache,
    severity_level,
)
from sla_check.vocabulary import listed_re

FAMILY = "time"
KIND_LABELS = {"RESPONSE": "response", "RESOLUTION": "resolution", "UPDATE": "update"}

_WEEKS_TARGET = re.compile(r"^[^|]*\bweeks?\|.*\b(?:within|in)\s*$", re.I)
_LABEL_GAP = re.compile(r"^\s*(?:[A-Za-z]+(?:\s+[A-Za-z]+)?)?\s*[:=]\s*(?:within\s+|up\s+to\s+)?$", re.I)
# "Low = 2 weeks", "P4: 3 weeks": a level set equal to a span of weeks is a target
_LEVEL_EQUALS = re.compile(r"^\W*[A-Za-z0-9][\w .()/-]{0,30}?\s*[:=]\s*(?:within\s+|up\s+to\s+|in\s+)?$", re.I)


def _band_before() -> re.Pattern[str]:
    """A band of lateness ending the text before a time ("more than 4 hours" in a credit table), not
    "no more than" / "not to exceed" (the target): `band_leads` in rules/lexicons/durations.yml."""
    return listed_re("durations", "band_leads", before=r"(?<!\bno\s)(?<!\bnot\s)(?<!\bto\s)", after=r"\s*$")


@per_ruleset
def _negated_kind() -> re.Pattern[str]:
    """A denial just before a kind word ("not resolved", "failure to respond", "unresolved"):
    `negations` in rules/lexicons/time_kinds.yml, and the prefix "un"."""
    from sla_check.vocabulary import time_kinds, word_re

    return re.compile(r"(?:" + word_re(time_kinds().lists["negations"]) + r"|\bun)\s*(?:be\s+)?$", re.I)


@per_ruleset
def _escalation() -> re.Pattern[str]:
    """A word of escalation: `escalation_words` in rules/lexicons/time_kinds.yml."""
    from sla_check.vocabulary import time_kinds, word_re

    return re.compile(word_re(time_kinds().lists["escalation_words"]), re.I)


@per_ruleset
def _fix_measure() -> re.Pattern[str]:
    """A heading naming a measure of fixing ("Mean Time to Repair", "MTTR"), which decides the kind of the
    targets under it: `fix_measures` in rules/lexicons/time_kinds.yml."""
    from sla_check.vocabulary import time_kinds, word_re

    return re.compile(word_re(time_kinds().lists["fix_measures"]), re.I)


def _admin_section() -> re.Pattern[str]:
    """A heading about money or paperwork (credits, claims, billing): rules/lexicons/sections.yml."""
    return listed_re("sections", "admin_sections")


@per_ruleset
def _title_plan_re() -> re.Pattern[str]:
    """One or two capitalised words before a plan noun ("Platinum Plan", "Gold tier"): plans.yml nouns."""
    from sla_check.vocabulary import plan_words, word_re

    return re.compile(r"(?:^|[\s:.(-])((?:[A-Z][\w+]*\s+){1,2})(?=" + word_re(plan_words().nouns) + ")", re.I)


def _turn() -> re.Pattern[str]:
    """A word that turns a clause ("..., unless you ask us to respond"): rules/lexicons/qualifiers.yml."""
    return listed_re("qualifiers", "clause_turns")


def _long_unit() -> re.Pattern[str]:
    """A unit too long for a reply time (weeks, months): rules/lexicons/durations.yml."""
    return listed_re("durations", "long_units")


def _service_heading() -> re.Pattern[str]:
    """A heading about the service itself, which keeps its reply times under an admin heading too
    ("Support and billing"): rules/lexicons/sections.yml."""
    return listed_re("sections", "service_sections")


_AVERAGE_OF = r"(?:\s+an?\s+average\s+of)?"


def _threshold_before(before: str) -> bool:
    """A duration right after this text is a threshold or a length, not a target: a threshold lead
    ("more than", "lasting") ends the text, or an upper bound ("less than") does after one ("lasting
    less than"); a bare upper bound bounds the target ("in less than 1 hour"): rules/lexicons/durations.yml."""
    if listed_re("durations", "threshold_leads", after=_AVERAGE_OF + r"\s*$").search(before):
        return True  # "after an average of one business day": a lower bound, averaged or not
    bound = listed_re("durations", "upper_bounds", after=r"\s*$").search(before)
    if bound is None:
        return False
    return bool(listed_re("durations", "threshold_leads", after=r"\s*$").search(before[:bound.start()]))


def _not_later() -> re.Pattern[str]:
    """ "no later than", at the end of the text before a time: a deadline, not a threshold
    ("more than"): rules/lexicons/durations.yml."""
    return listed_re("durations", "deadline_leads", after=r"\s*$")


def _weeks() -> re.Pattern[str]:
    """The words for a week: rules/lexicons/durations.yml."""
    return listed_re("durations", "week_words")
_AGREE_AFTER = re.compile(r"\s+(?:and\s+agrees?|that)\b", re.I)


def _timed(text: str) -> list[Found]:
    """The durations of `text` that can be targets: "0-day" (a kind of vulnerability) is not a time, and
    seconds measure a system ("transactions in 1.5 seconds"), not how fast people act."""
    return _ranges_as_bound([f for f in find_durations(text) if f.value >= 1], text)


_RANGE_JOINT = re.compile(r"\s*(?:-|–|—|to)\s*", re.I)


def _ranges_as_bound(found: list[Found], text: str) -> list[Found]:
    """A range written with a unit on both ends ("1 hour - 4 hours", "30 mins to 1 hour") is one target at
    its longer end, as "4-6 hours" already reads: the provider commits only to the bound it may reach."""
    out: list[Found] = []
    for f in found:
        prev = out[-1] if out else None
        if prev is not None and f.value > prev.value and _RANGE_JOINT.fullmatch(text[prev.end:f.start]):
            b = f.basis if f.basis != "unspecified" else prev.basis
            out[-1] = Found(f.value, prev.start, f.end, text[prev.start:f.end], b)
        else:
            out.append(f)
    return out


def _own_clock_only(found: Found, b: str) -> str:
    """A span of weeks, or of a week's worth of days or more, is not re-read on the document's support
    clock: "2 weeks" and "thirty (30) days" stay as written (a month of working days is not meant)."""
    if found.basis == "unspecified" and (_weeks().search(found.text) or
                                         (re.search(r"\bdays?\b", found.text, re.I) and found.value >= 7 * 1440)):
        return "unspecified"
    return b


def _document_clock(ctx: Context, sentence: Sentence, profile: HoursProfile, level: Optional[int], found: Found) -> str:
    """The clock of a time that names none: its level's hours, else the clock its section or document
    states for the targets. A clock stated in words for the targets ("all resolution times apply within
    hours of operation, Monday - Friday") counts its days too ("7 days" are 7 working days); only a clock
    inferred from the support hours leaves a week's worth of days as written (_own_clock_only)."""
    stated = stated_clock(ctx, sentence)
    b = profile.basis_for(level, stated)
    if stated != "unspecified" and b == stated and _clock_of_targets(ctx, sentence):
        return b
    return _own_clock_only(found, b)


def _clock_of_targets(ctx: Context, sentence: Sentence) -> bool:
    """Whether the statement of the section's (or document's) clock is about the targets ("all resolution
    times apply within hours of operation"), not the desk's opening hours ("Support is available during
    business hours"): it names a kind of time or the targets (`target_nouns`, lexicons/time_kinds.yml)."""
    ev = stated_clock_evidence(ctx, sentence.block.section) if sentence.block.section else None
    ev = ev or stated_clock_evidence(ctx, "document")
    return ev is not None and bool(kind_of(ev.text) or listed_re("time_kinds", "target_nouns").search(ev.text))


def _on_basis(found: Found, b: str) -> float:
    """Minutes of `found` on basis `b`: a bare "3 days" on a business clock is 3 working days (terms.md)."""
    if b == "business" and found.basis == "unspecified":
        if re.search(r"\bdays?\b", found.text, re.I):
            return round(found.value / 1440 * 480, 4)
        if re.search(r"\bweeks?\b", found.text, re.I):
            return round(found.value / 10080 * 2400, 4)
    return found.value


# --------------------------------------------------------------------------- tables


def _value_like(cell: str, found: Found) -> bool:
    """A cell that states a time ("4 hours", "within 15 minutes (24x7)", "Every 2 business days or
    sooner by email"), not a description that mentions one."""
    return len(cell) <= 60 or (found.end - found.start) >= 0.4 * len(cell) or \
        bool(re.match(r"^\W*(?:(?:within|every|once|no later than|in)\s+)*$", cell[:found.start], re.I)) or \
        bool(_SHORT_LEAD.match(cell[:found.start]))


_CELL_SENTENCE = re.compile(r"(?:^|[.;•]\s+)([^.;•]{0,90}?)$")


def _own_kinds(cell: str, found: list[Found]) -> list[tuple[str, str]]:
    """A cell holding several times, each led by its own kind word ("Response within 4 hours, resolution
    within 1 business day"): (the piece of the cell, its kind) for each, else []."""
    if len(found) < 2 or len(cell) > 300:
        return []
    out, start = [], 0
    for f in found:
        kinds = kinds_named(cell[start:f.start])
        if not kinds:
            return []
        out.append((cell[start:f.end], kinds[-1]))
        start = f.end
    return out if len({k for _, k in out}) > 1 else []


def _stated_in_cell(cell: str, found: Found, kind: str) -> bool:
    """A long cell that describes a level and, in a sentence of its own, states the column's time:
    "... Staff work during Business Days. Response within five (5) Business Days via email." """
    m = _CELL_SENTENCE.search(cell[:found.start])
    lead = m.group(1) if m else ""
    return bool(lead) and kind_of(lead) == kind and bool(re.search(r"\b(?:within|in|no\s+later\s+than)\s+(?:an?\s+average\s+of\s+)?(?:[a-z]+(?:-[a-z]+)?\s+)?$", lead, re.I))


_SENTENCE_START = re.compile(r"(?:^|[.;\u2022!?]\s+)(?=[^.;\u2022!?]*$)")
_COMMIT_GAP = re.compile(r"\b(?:within|in|no\s+later\s+than)\s+(?:an?\s+average\s+of\s+)?(?:[a-z]+(?:-[a-z]+)?\s+)?$", re.I)


@per_ruleset
def _text_kind_re() -> dict[str, re.Pattern[str]]:
    """Each kind's words as prose uses them (verb forms too: "will be responded to"), for cells that are
    sentences; the words are `words` and `in_text` in lexicons/time_kinds.yml."""
    from sla_check.vocabulary import time_kinds, word_re

    return {kind: re.compile(word_re(words), re.I) for kind, words in time_kinds().in_text.items()}


def _committed_in_cell(cell: str, found: list[Found]) -> list[tuple[str, Found, str]]:
    """A long cell of prose under a time column that commits, sentence by sentence, to its times ("Issues
    will receive a response within 15 minutes. Reports by email only are responded to within 1 hour"):
    (the sentence, its time, the kind its own words name) for each time a sentence leads up to with a kind
    word and "within". A description that merely mentions a time names no kind before it, or negates it,
    reports the past, or makes the kind word the event the clock runs from."""
    out = []
    anchored = anchored_kind_re()
    for f in found:
        start = [m.start() for m in _SENTENCE_START.finditer(cell[:f.start])][-1]
        lead = cell[start:f.start].lstrip(" .;\u2022!?")
        # "Follow-up will be provided every 60 minutes": a rhythm commits to updates, beside an update word
        rhythm = bool(listed_re("durations", "frequency_leads", after=r"\s*$").search(lead))
        if not (_COMMIT_GAP.search(lead) or rhythm) or history_re().search(lead) or customer_duty_re().search(lead):
            continue
        hits = sorted((m.start(), m.end(), kind) for kind, rx in _text_kind_re().items() for m in rx.finditer(lead))
        hits = [h for h in hits if not _negated_kind().search(lead[:h[0]]) and not anchored.search(lead[:h[0]])
                and (h[2] == "update" or not rhythm)]
        if not hits:
            continue
        end = re.search(r"[.;\u2022!?](?:\s|$)", cell[f.end:])
        piece = cell[start:f.end + (end.start() + 1 if end else len(cell) - f.end)].strip(" .;\u2022")
        out.append((piece, f, hits[-1][2]))
    return out


@per_ruleset
def _other_hours_re() -> re.Pattern[str]:
    """ "15 minutes (1 hour on weekends and public holidays)": a second time in brackets, right after the
    first, for other hours; group 1 is those hours. The days off are `clock_days` (lexicons/qualifiers.yml)
    and the hours beyond the business day `outside_hours` (lexicons/basis.yml)."""
    from sla_check.normalize import lexicon
    from sla_check.vocabulary import word_re

    words = tuple(str(w) for w in lexicon("qualifiers").get("clock_days") or []) + \
        tuple(str(w) for w in lexicon("basis").get("outside_hours") or [])
    hours = rf"(?:(?:the|local|all)\s+)*{word_re(words)}"
    return re.compile(rf"^\s*(?:(?:on|at|during|over|in)\s+)?({hours}(?:\s*(?:,|and|or|&|/)\s*{hours})*)\s*\)", re.I)


@per_ruleset
def _later_hours_re() -> re.Pattern[str]:
    """ "... 4 hour response during the other hours of the day": the hours a second time is for, after a
    few words (its kind); group 1 is those hours (`outside_hours`, lexicons/basis.yml)."""
    from sla_check.normalize import lexicon
    from sla_check.vocabulary import word_re

    hours = word_re(tuple(str(w) for w in lexicon("basis").get("outside_hours") or []))
    return re.compile(rf"^\s*(?:[A-Za-z]+\s+){{0,3}}?(?:during|in|outside|at|on)\s+(?:the\s+)?({hours}[^.;)|]{{0,40}})", re.I)


@per_ruleset
def _days_off_except() -> re.Pattern[str]:
    """An exception after a time whose whole object is days off ("except weekends and public holidays"): the
    time is counted on working days. The days are `clock_days` in lexicons/qualifiers.yml."""
    from sla_check.normalize import lexicon
    from sla_check.vocabulary import word_re

    day = rf"(?:(?:the|local|all)\s+)*{word_re(tuple(str(w) for w in lexicon('qualifiers').get('clock_days') or []))}"
    return re.compile(rf"\b(?:except|excluding|exclusive\s+of|other\s+than)\s+(?:for\s+|on\s+|during\s+)?"
                      rf"{day}(?:\s*(?:,|and|or|&|/)\s*{day})*\s*(?:[.;)]|$)", re.I)


def _other_hours(cell: str, first: Found, found: list[Found]) -> Optional[tuple[Found, str]]:
    """The time a cell gives for other hours right after its first ("within 15 minutes (1 hour on weekends)"):
    the worse clock is a commitment of its own, with those hours as its scope."""
    nxt = next((f for f in found if f.start >= first.end), None)
    if nxt is None:
        return None
    between = cell[first.end:nxt.start]
    if re.fullmatch(r"\s*\(\s*(?:within\s+|up\s+to\s+)?", between, re.I):
        m = _other_hours_re().match(cell[nxt.end:])
    elif len(between) < 60 and basis(between) == "business":
        # "2 hours during business hours, 4 hours during the other hours of the day"
        rest = cell[nxt.end:]
        m = _later_hours_re().match(rest)
        if m is None and rest.lstrip().startswith("("):
            m = _other_hours_re().match(rest.lstrip()[1:])  # "2 hours (Business Hours) 4 hours (After Hours)"
    else:
        m = None
    return (nxt, " ".join(m.group(1).split())) if m else None


# "Respond to client within 30 minutes of notification ...": a short verb phrase leading to the time
_SHORT_LEAD = re.compile(r"^\W*(?:[A-Za-z][\w'-]*\s+){1,4}(?:within|in|no later than)\s+$", re.I)


def _from_table(ctx: Context, rows: list[Sentence], profile: HoursProfile) -> list[TimeCommitment]:
    cuts = header_rows(ctx, rows)
    if cuts:  # tables stacked under one header, each below its own copy of the header: read each alone
        bounds = [0] + cuts + [len(rows)]
        return [item for a, b in zip(bounds, bounds[1:]) if b - a > 1 or a == 0
                for item in _from_table(ctx, rows[a:b], profile)]
    view = table_view(ctx, rows)
    if not view.timed:
        return []
    header, rows, cells_by_row = view.header, view.rows, view.cells
    context = " ".join(header) + " " + view.title
    if re.search(r"\b(credit|refund|rebate|notice|backup|retention)\b", context, re.I) and not any(kind_of(h) for h in header):
        return []
    if re.search(r"\b(rpo|rto|recovery point|recovery time|disaster|backups?|retention|replication)\b", context, re.I):
        return []  # disaster-recovery objectives are not incident response times
    if _other_topic(f"{context} {section_title(ctx, rows[0])}") or customer_duties_heading_re().search(section_title(ctx, rows[0])):
        return []
    title_kind, title_basis = view.title_kind, view.title_basis
    # a clock stated once for the section or document, unless the table marks clocks cell by cell
    # (then a bare "8 hours" beside "10 Business Hours" is deliberately not business)
    marked = any(f.basis != "unspecified" for cells in cells_by_row for c in cells for f in find_durations(c))
    stated = "unspecified" if marked else stated_clock(ctx, rows[0])
    scoped = _Scoped(profile, stated)
    out: list[TimeCommitment] = []
    if view.levels_across:  # severities across the header, kinds (or plans) down the first column
        for sentence, cells in zip(rows, cells_by_row):
            row_kind = kind_of(cells[0]) if cells else None
            # a row labelled by something other than a kind ("Standard", "Out of hours") is a plan
            scope = cells[0].strip() if cells and not row_kind and 0 < len(cells[0].strip()) < 40 else None
            row_basis = basis_text(ctx, collapse_number_words(scope)) if scope else "unspecified"
            for j in view.levels_across:
                kind = row_kind or kind_of(header[j]) or title_kind
                if not kind:
                    continue
                label = (without_kind_words(header[j]) or header[j]) if kind_of(header[j]) else header[j]
                b = row_basis if row_basis != "unspecified" else title_basis
                if b == "unspecified":
                    b = plan_basis(ctx, scope)  # the plan's own hours
                for item in _cell(ctx, sentence, cells[j], kind, header[j], label, b, scoped):
                    out.append(replace(item, scope=scope))
        return out
    cell_kinds = False
    if not view.kinds and view.measure_col is None and not title_kind:
        # "Critical | 95% of critical requests are resolved in 2 hours": each cell names its own kind
        cell_kinds = any(find_durations(c) and kind_of(c) for cells in cells_by_row for j, c in enumerate(cells)
                         if j != view.level_col)
        if not cell_kinds:
            return _content_roles(ctx, rows, cells_by_row, header, title_kind, title_basis, scoped)
    out = _header_roles(ctx, view, cell_kinds, scoped)
    out = out or _content_roles(ctx, rows, cells_by_row, header, title_kind, title_basis, scoped)
    plan = _title_plan(view.title)
    if plan:  # a plain time in a plan's own table runs on that plan's hours ("Gold | 8x5" elsewhere)
        clock = plan_basis(ctx, plan)
        out = [item if item.scope else replace(item, scope=plan, basis=item.basis if item.basis != "unspecified" else clock)
               for item in out]
    named = _table_level(ctx, rows[0], view.title) if any(i.severity_level is None and not i.severity_label for i in out) else None
    if named:  # one table per level, under "Priority 1 Tickets": its times are that level's
        out = [replace(i, severity_label=named[0], severity_level=named[1])
               if i.severity_level is None and not i.severity_label else i for i in out]
    return [each for item in out for each in _per_level(ctx, item)]


def _table_level(ctx: Context, first_row: Sentence, title: str) -> Optional[tuple[str, int]]:
    """The one level a table's caption or section heading names with its rank ("Priority 1 Tickets",
    "Severity 2 - Major"), for a table of measures and times with no level column: (label, level), else None."""
    for text in (title, section_title(ctx, first_row)):
        text = " ".join((text or "").split())
        if not text or len(text) > 60 or find_durations(text) or not label_has_rank(text):
            continue  # a rank of its own ("Priority 1"): a bare word may only match a ladder's name
        level = level_of(ctx, text)
        if level is not None:
            return _short_label(text), level
    return None


_LEVEL_PAIR = re.compile(r"^\s*(.+?)\s*(?:,|/|&|\band\b)\s*(.+?)\s*$", re.I)


def _per_level(ctx: Context, item: TimeCommitment) -> list[TimeCommitment]:
    """A row for two levels ("Critical, High", "P1 / P2", "Severity 1 and 2"): its times are each level's."""
    m = _LEVEL_PAIR.match(item.severity_label or "") if item.severity_level is not None else None
    if m is None or len(item.severity_label or "") > 40:
        return [item]
    first, second = m.group(1), m.group(2)
    if second.isdigit() and re.search(r"\d\s*$", first):
        second = re.sub(r"\d+\s*$", second, first)  # "Severity 1 and 2": the second keeps the first's name
    levels = [level_of(ctx, first), level_of(ctx, second)]
    if None in levels or levels[0] == levels[1] or levels[0] != item.severity_level:
        return [item]
    return [item, replace(item, severity_level=levels[1])]




def _title_plan(title: str) -> Optional[str]:
    """The plan a table's caption is for ("Table 2: Platinum Plan Response SLA", its spaces lost or not):
    each of its times is that plan's, kept apart from the same time in another plan's table."""
    if not title or len(title) > 120:
        return None
    text = respaced(title)
    if not _plan_heading(text):
        return None
    m = _title_plan_re().search(text)
    name = m.group(1).strip() if m else ""
    return name if name and plan_name_re().search(name) else None


def _header_roles(ctx: Context, view: TableView, cell_kinds: bool, profile: "_Scoped") -> list[TimeCommitment]:
    """Columns given their roles by the header's words (the shapes seen most often)."""
    rows, cells_by_row, header = view.rows, view.cells, view.header
    sev_col, kind_cols, measure_col, usual = view.level_col, view.kinds, view.measure_col, view.usual
    title_kind, title_basis, plans = view.title_kind, view.title_basis, view.plans
    out: list[TimeCommitment] = []
    label: Optional[str] = None
    hollow = _best_effort_columns(cells_by_row) & set(plans)
    plan_clock = _clock_row(cells_by_row, plans) if plans else {}
    ranks = _impact_ranks(ctx, cells_by_row) if sev_col is None and measure_col is None and 0 not in kind_cols else {}
    timed_cols = _timed_columns(cells_by_row)
    if ranks:
        sev_col = 0
    zero_based = sev_col is not None and _zero_based(cells_by_row, sev_col)
    for sentence, cells in zip(rows, cells_by_row):
        if sev_col is not None and sev_col < len(cells):
            if cells[sev_col].strip():
                label = _short_label(cells[sev_col])
                if zero_based:
                    ranks = {**ranks, f"{header[sev_col].strip()} {label}".strip(): int(label) + 1}
                if re.fullmatch(r"[0-5A-Ea-e]", label) and header[sev_col].strip():
                    label = f"{header[sev_col].strip()} {label}"  # a bare "1" under "Severity"
        elif sev_col is None:
            # "Metric | Target" over "P1 ack | 4 hours": the measure cell names the level too
            label = _level_part(ctx, cells[measure_col]) if measure_col is not None and measure_col < len(cells) else None
        row_kind = kind_of(cells[measure_col]) if measure_col is not None and measure_col < len(cells) else None
        row_basis = _row_basis(ctx, cells, header, kind_cols, sev_col) or _label_basis(ctx, cells, sev_col)
        for j, cell in enumerate(cells):
            if j in (sev_col, measure_col) or j in usual or j in hollow or not cell.strip():
                continue
            kind = kind_cols.get(j) or _label_left(cells, j, timed_cols) or row_kind or (title_kind if not kind_cols else None) or \
                (_cell_kind(cell) if cell_kinds else None)
            if not kind:
                continue
            # several duration columns headed by no kind ("Bronze | Silver | Gold"): one plan each
            scope = view.scopes.get(j) or (header[j].strip() if plans and j in plans else None)
            b = row_basis or title_basis
            if scope and not row_basis:
                # the plan's own hours (its "Support hours | 9x5" cell, or "Team support runs Monday to
                # Friday") over a note for the whole table
                b = plan_clock.get(j) or _plan_or(plan_basis(ctx, scope), b)
            for item in _cell(ctx, sentence, cell, kind, header[j], label, b, profile):
                if ranks and label in ranks:
                    item = replace(item, severity_level=ranks[label])
                if item.attainment_percent is None:  # "2 hours | 95%": the row's share of cases meeting it
                    item = replace(item, attainment_percent=_row_attainment(cells, sorted(timed_cols)))
                out.append(replace(item, scope=scope) if scope else item)
    return out


@per_ruleset
def _hedged_re() -> re.Pattern[str]:
    """A hedge just before a time ("often under 4 hours"): `estimate_hedges` in lexicons/time_kinds.yml."""
    from sla_check.vocabulary import time_kinds, word_re

    return re.compile(word_re(time_kinds().lists["estimate_hedges"]) + r"\W*(?:[\w\u2264<~]+\W*){0,2}$", re.I)


def _effort_pledge() -> re.Pattern[str]:
    """ "best efforts to provide a fix": effort pledged to an act, whose time is then a (qualified)
    commitment: `effort_pledges` in lexicons/time_kinds.yml."""
    return listed_re("time_kinds", "effort_pledges", after=r"\s+to\s+[a-z]")


@per_ruleset
def _share_quantified_re() -> re.Pattern[str]:
    """ "most issues are resolved", "the majority of tickets": what usually happens to a share of cases,
    not a promise for each (qualifiers.yml `share_quantifiers` over `attainment_units`); "the most
    severe incidents" is a superlative, not a share."""
    from sla_check.vocabulary import listed, word_re

    units = word_re(listed("qualifiers", "attainment_units"))
    return re.compile(r"(?<!\bthe\s)" + word_re(listed("qualifiers", "share_quantifiers"))
                      + r"\s+(?:of\s+(?:the|our|your|all)\s+)?(?:[\w-]+\s+)?" + units, re.I)


def _hedged(text: str, f: Found) -> bool:
    return bool(_hedged_re().search(text[max(0, f.start - 40):f.start]))


@per_ruleset
def _impact_re() -> re.Pattern[str]:
    from sla_check.vocabulary import severity, word_re

    return re.compile(word_re(severity().impact_words), re.I)


def _zero_based(cells_by_row: list[list[str]], col: int) -> bool:
    """A levels' column of bare numbers counting from 0 ("0 | 1 | 2 | 3" under "Severity"): level 0 is the
    most severe, so each number names the level one above it (0 -> 1, 3 -> 4)."""
    cells = [c[col].strip() for c in cells_by_row if col < len(c) and c[col].strip()]
    return len(cells) >= 2 and all(re.fullmatch(r"[0-5]", c) for c in cells) and "0" in cells


def _impact_ranks(ctx: Context, cells_by_row: list[list[str]]) -> dict[str, int]:
    """ "Service is unavailable | 4 hours" over "Service is degraded | 1 day": rows labelled by the impact they
    describe, none naming a level, define the levels by their order, most severe first (label -> level)."""
    labels = [_short_label(cells[0]) for cells in cells_by_row if cells and cells[0].strip()]
    if len(set(labels)) < 2 or len(set(labels)) != len(labels) or len(labels) > 5:
        return {}
    if any(find_durations(c) or kind_of(c) or level_of(ctx, c) is not None or not _impact_re().search(c) for c in labels):
        return {}
    return {label: i + 1 for i, label in enumerate(labels)}


# a part of a row label that names a level: "Response Time - Severity 1" -> "Severity 1"
_LABEL_PARTS = re.compile(r"\s+[-\u2013\u2014:]\s+|\s*[|/]\s*|\s+for\s+", re.I)


def _share(cells: list[str], test) -> float:  # type: ignore[no-untyped-def]
    """Share of a column's filled cells that pass `test` (blanks and dashes do not count)."""
    filled = [c for c in cells if c and not empty_cell(c)]
    return sum(1 for c in filled if test(c)) / len(filled) if filled else 0.0


def _level_part(ctx: Context, cell: str) -> Optional[str]:
    """The level a row label names, when the label also names something else ("Response Time - Severity 1",
    "P2 resolution")."""
    for part in _LABEL_PARTS.split(" ".join(cell.split())):
        part = part.strip()
        if part and len(part) < 40 and not kind_of(part) and level_of(ctx, part) is not None:
            return part
    rest = without_kind_words(cell) if len(cell) < 40 and kind_of(cell) else ""
    if rest and level_of(ctx, rest) is not None:
        return rest
    # "Priority 1 Response Time (within Support Hours)": a remark in brackets makes the label no longer
    bare = " ".join(_REMARK.sub(" ", cell).split())
    return _level_part(ctx, bare) if bare and bare != " ".join(cell.split()) else None


_REMARK = re.compile(r"\([^()]{0,60}\)")


_PERCENT_CELL = re.compile(r"^\s*(\d{1,3}(?:\.\d+)?)\s*%\s*$")


def _row_attainment(cells: list[str], dur_cols: list[int]) -> Optional[float]:
    """ "1 hour | 90%": a row's lone bare percentage beside its times is the share of cases meeting them."""
    found = [float(m.group(1)) for j, c in enumerate(cells) if j not in dur_cols for m in [_PERCENT_CELL.match(c)] if m]
    return found[0] if len(found) == 1 and 0 < found[0] <= 100 else None


def _content_roles(ctx: Context, rows: list[Sentence], cells_by_row: list[list[str]], header: list[str],
                   title_kind: Optional[str], title_basis: str, profile: "_Scoped") -> list[TimeCommitment]:
    """Column roles decided by what the cells hold, for tables whose header words mislead or say nothing:
    the level column is the one whose cells are levels, a kind column the one whose cells are kind words
    ("Respond", "Resolve"), duration columns those whose cells are times; a header over a duration
    column that names no kind (a plan: "Standard", "Premium") is kept in the label. A row label may name
    both kind and level ("Response Time - Severity 1"); a row whose cells are clocks ("9x5", "24x7")
    gives each column its basis. Percentages ("90%") are attainment, never times."""
    if _escalation().search(" ".join(header) + " " + table_title(ctx, rows[0]) + " " + section_title(ctx, rows[0])):
        return []  # who to call and how fast when a target is missed is not a target
    width = len(header)
    cols = [[cells[j].strip() if j < len(cells) else "" for cells in cells_by_row] for j in range(width)]

    def is_time(c: str) -> bool:
        f = find_durations(c)
        return bool(f) and _value_like(c, f[0])

    # a feature matrix mixes times with other rows ("Named Users | 3 | 5"): two times make a duration column
    dur_cols = [j for j in range(width) if _share(cols[j], is_time) >= 0.5 or sum(1 for c in cols[j] if is_time(c)) >= 2]
    if len(dur_cols) >= 2:  # plans side by side
        hollow = _best_effort_columns(cells_by_row)
        dur_cols = [j for j in dur_cols if j not in hollow]
    if not dur_cols:
        return []
    others = [j for j in range(width) if j not in dur_cols]
    level_scores = {j: _share(cols[j], lambda c: len(c) < 40 and not kind_of(c) and level_of(ctx, c) is not None)
                    for j in others}
    level_col = max(level_scores, key=lambda j: level_scores[j], default=None)
    if level_col is not None and level_scores[level_col] < 0.5:
        level_col = None
    kind_scores = {j: _share(cols[j], lambda c: not find_durations(c) and bool(kind_of(c))) for j in others if j != level_col}
    kind_col = max(kind_scores, key=lambda j: kind_scores[j], default=None)
    if kind_col is not None and kind_scores[kind_col] == 0:
        kind_col = None
    col_basis = _clock_row(cells_by_row, dur_cols)
    timed_cols = _timed_columns(cells_by_row)
    out: list[TimeCommitment] = []
    label: Optional[str] = None
    for sentence, cells in zip(rows, cells_by_row):
        cells = [c.strip() for c in cells] + [""] * (width - len(cells))
        if level_col is not None:
            if cells[level_col]:
                label = _short_label(cells[level_col])
        else:
            label = next((p for p in (_level_part(ctx, c) for j, c in enumerate(cells) if j not in dur_cols) if p), None)
        row_kind = kind_of(cells[kind_col]) if kind_col is not None and cells[kind_col] else None
        if row_kind is None:
            row_kind = next((kind_of(c) for j, c in enumerate(cells) if j not in dur_cols and c and kind_of(c)
                             and not find_durations(c) and len(c) <= 30), None)
        for j in dur_cols:
            cell = cells[j]
            if not cell or empty_cell(cell):
                continue
            head = header[j].strip() if j < len(header) else ""
            kind = column_kind(head) if head else None
            kind = kind or _label_left(cells, j, timed_cols) or row_kind or title_kind
            if not kind or not find_durations(cell):
                continue
            # a plan is one of several columns side by side; one column headed "Target" or "Commitment" is no plan
            plan = head if head and not kind_of(head) and not is_header(head, "measure_headers") and \
                len(head) < 40 and sum(1 for k in dur_cols if header[k].strip()) > 1 else ""
            row_label = f"{label} ({plan})" if label and plan and sum(1 for k in dur_cols if header[k].strip()) > 1 else label
            b = col_basis.get(j) or title_basis
            if plan and not col_basis.get(j):
                b = _plan_or(plan_basis(ctx, plan), b)
            for item in _cell(ctx, sentence, cell, kind, head, label, b, profile):
                out.append(replace(item, severity_label=row_label, scope=plan or None,
                                   attainment_percent=item.attainment_percent or _row_attainment(cells, dur_cols)))
    return out


def _label_left(cells: list[str], j: int, timed_cols: set[int]) -> Optional[str]:
    """The kind a row's own label cell gives the time right of it: a row written as pairs of label and
    value ("First Response | 30 Minutes | Closure Target | 4 Working Hours"). The label's column holds
    no time in any row (else it is another plan's value, "Remote support - N/A")."""
    k = next((k for k in range(j - 1, -1, -1) if cells[k].strip()), None)
    if k is None or k in timed_cols or len(cells[k].split()) > 4 or without_kind_words(cells[k]):
        return None  # only a label that is nothing but a kind ("Closure Target"), not a description or trigger
    return column_kind(cells[k])


def _timed_columns(cells_by_row: list[list[str]]) -> set[int]:
    return {j for cells in cells_by_row for j, c in enumerate(cells) if find_durations(c)}


def _clock_row(cells_by_row: list[list[str]], cols: list[int]) -> dict[int, str]:
    """A row of clocks ("Support Hours | - | 9x5 | 24x7") gives each of `cols` its basis."""
    for cells in cells_by_row:
        clocks = {j: basis(cells[j]) for j in cols if j < len(cells) and cells[j] and not find_durations(cells[j])}
        if sum(1 for b in clocks.values() if b != "unspecified") >= 1 and all(
                not find_durations(cells[j]) for j in cols if j < len(cells)):
            return {j: b for j, b in clocks.items() if b != "unspecified"}
    return {}


def _best_effort_columns(cells_by_row: list[list[str]]) -> set[int]:
    """ "Type | Best Efforts | SLA": in a table of plans side by side, a plan whose column says its times are
    best effort commits to none of them."""
    return {j for cells in cells_by_row for j, c in enumerate(cells)
            if c and len(c) <= 30 and is_header(c, "non_commitment_cells") and not find_durations(c)}


def _plan_or(plan_clock: str, table_clock: str) -> str:
    return plan_clock if plan_clock != "unspecified" else table_clock


class _Scoped:
    """The document's hours profile with the clock stated for one table filled in."""

    def __init__(self, profile: HoursProfile, stated: str) -> None:
        self.profile, self.stated = profile, stated

    def basis_for(self, level: Optional[int]) -> str:
        return self.profile.basis_for(level, self.stated)


def _short_label(cell: str) -> str:
    """ "Severity A - Critical: Service unusable for all users" -> "Severity A - Critical"."""
    cell = " ".join(cell.split())
    if len(cell) > 25 and ":" in cell:
        head = cell.split(":", 1)[0].strip()
        if severity_level(head) is not None:
            return head
    return cell


def _row_basis(ctx: Context, cells: list[str], header: list[str], kind_cols: dict[int, str],
               sev_col: Optional[int]) -> str:
    """A row's own clock from a cell that is only a clock ("Hours of Cover: 24x7")."""
    for j, cell in enumerate(cells):
        if j in kind_cols or j == sev_col or not cell.strip() or len(cell) > 90 or find_durations(cell):
            continue
        b = basis_text(ctx, collapse_number_words(cell))
        if b != "unspecified":
            return b
    return ""


def _label_basis(ctx: Context, cells: list[str], sev_col: Optional[int]) -> str:
    """A level label that carries its clock ("Level 1 (during business hours)", "P1 - out of hours")."""
    if sev_col is None or sev_col >= len(cells):
        return ""
    b = basis_text(ctx, cells[sev_col])
    return b if b != "unspecified" else ""


def _cell_kind(cell: str) -> Optional[str]:
    """The kind of a cell that names its own: the kind word leading its first time ("Response within 4
    hours, continuous work until resolution" is a response time), else the cell's kind."""
    found = find_durations(cell)
    led = kinds_named(cell[:found[0].start]) if found else []
    return led[-1] if led else kind_of(cell)


_OWN_NUMBER = re.compile(r"^\W*([1-9])\s*(?:[.)]|\s[-\u2013\u2014:]|\s(?=[A-Z]))\s*[A-Za-z]")


_OWN_MARK = re.compile(r"^[^()]*[A-Za-z][^()]*\(\s*([A-Ea-e1-9])\s*\)\s*$")


def _cell_level(ctx: Context, label: Optional[str]) -> Optional[int]:
    """A table row's level; in a table's column of levels a number the document puts before its own
    name for a level ("3. Important", "5 When Convenient") is that level's number, whatever the name."""
    if not label:
        return None
    m = _OWN_NUMBER.match(label)
    if m and not label_has_rank(label[m.end() - 1:]) and not find_durations(label):
        return int(m.group(1))  # "3 - Minor Impact": the document's own number, not the generic rank of "Minor"
    m = _OWN_MARK.search(label)
    if m and not label_has_rank(label[:m.start()]):
        # "Critical (B)" under "Emergency (A)": the mark the document gives its levels ranks them
        mark = m.group(1).upper()
        return int(mark) if mark.isdigit() else ord(mark) - ord("A") + 1
    return level_of(ctx, label)


def _cell(
    ctx: Context,
    sentence: Sentence,
    cell: str,
    kind: str,
    column_header: str,
    label: Optional[str],
    fallback_basis: str,
    profile: "HoursProfile | _Scoped",
) -> list[TimeCommitment]:
    collapsed = collapse_number_words(cell) if "(" in cell else cell
    found = _timed(collapsed)
    if found:
        cell = collapsed  # "fifteen (15) minutes": offsets below are in the text the times were found in
    else:
        found = _timed(cell)
    if found and _band_before().search(cell[:found[0].start]):
        return []  # "more than 4 hours | 10%": a band of lateness (a credit table), not a target
    own = _own_kinds(cell, found)
    if own:  # "Response within 4 hours, resolution within 1 business day": each time with its own kind
        return [item for piece, piece_kind in own
                for item in _cell(ctx, sentence, piece, piece_kind, column_header, label, fallback_basis, profile)]
    every = frequency_cell(cell) if kind == "update" else None
    if every is not None:
        # "Weekly" under "Follow-up": an interval on no particular clock, whatever the row's label says
        found = [Found(every, 0, len(cell), cell.strip(), "unspecified")]
        b = basis_text(ctx, f"{column_header} {cell}")
        if b == "unspecified" and profile.basis_for(_cell_level(ctx, label)) == "calendar":
            b = "calendar"  # a round-the-clock level is updated round the clock; a business label does not shrink "daily"
        return [TimeCommitment(severity_level=_cell_level(ctx, label), severity_label=label, kind=kind,
                               minutes=every, basis=b, evidence=sentence.evidence("time.table"),
                               qualifiers=qualifiers_for(ctx, sentence, within=f"{column_header} {cell}"))]
    if not found or _hedged(cell, found[0]) or (is_header(cell[:found[0].start], "non_commitment_cells")
                                                and not _effort_pledge().search(cell[:found[0].start])):
        return []  # "Best-effort within 24 hours", "usually 2 days": no commitment to the time
    if not _value_like(cell, found[0]):
        stated = [f for f in found if _stated_in_cell(cell, f, kind)]
        if not stated:
            # a time column's cell of prose: each sentence that commits to a time, with the kind it names
            committed = _committed_in_cell(cell, found) if column_kind(column_header) else []
            return [item for piece, f, own_kind in committed
                    for item in _with_other_hours(ctx, sentence, cell, piece, f, found, own_kind, column_header,
                                                  label, fallback_basis, profile)]
        found = stated
    first = found[0]
    if kind == "update":
        frequencies = [f for f in found if re.search(r"\bevery\s*$", cell[:f.start], re.I) or f.text.lower().startswith("every")]
        if len(frequencies) > 1 and found[0] in frequencies:
            return [item for f in frequencies
                    for item in _cell(ctx, sentence, cell[f.start:], kind, column_header, label, fallback_basis, profile)[:1]]
        if frequencies and found[0] not in frequencies and re.search(r"[;.]", cell[found[0].end:frequencies[0].start]):
            # "Same day start; updates every 4 hours" under "Work Start / Update": the rhythm, in a clause of
            # its own, is the update
            first = frequencies[0]
    return _with_other_hours(ctx, sentence, cell, cell, first, found, kind, column_header, label, fallback_basis, profile)


def _with_other_hours(ctx: Context, sentence: Sentence, cell: str, piece: str, first: Found, found: list[Found],
                      kind: str, column_header: str, label: Optional[str], fallback_basis: str,
                      profile: "HoursProfile | _Scoped") -> list[TimeCommitment]:
    """The commitment of `first` (read in `piece`), and the one for other hours beside it, when the cell gives
    one: on weekends or out of hours the clock runs on those days, so it is a calendar time unless its hours
    say otherwise."""
    other = _other_hours(cell, first, found)
    if other is None:
        return [_commitment(ctx, sentence, piece, first, kind, column_header, label, fallback_basis, profile)]
    f, hours = other
    if piece == cell:
        piece = cell[:f.start]  # the other hours' words ("4 hours (after hours)") say nothing of the first time's clock
    main = _commitment(ctx, sentence, piece, first, kind, column_header, label, fallback_basis, profile)
    b = f.basis if f.basis != "unspecified" else "calendar"
    return [main, replace(main, minutes=_on_basis(f, b), basis=b, scope=hours)]


def _commitment(ctx: Context, sentence: Sentence, cell: str, first: Found, kind: str, column_header: str,
                label: Optional[str], fallback_basis: str, profile: "HoursProfile | _Scoped") -> TimeCommitment:
    """One cell's time as a commitment, its clock from the cell, the column, the row and the document."""
    level = _cell_level(ctx, label)
    b = first.basis
    if b == "business" and basis(without_durations(cell)) == "calendar":
        b = "calendar"  # "1 business hour, 24/7 x 365": the cell's own round-the-clock statement decides
    if b == "unspecified":
        b = basis_text(ctx, cell)
    if b == "unspecified" and _days_off_except().search(cell[first.end:]):
        b = "business"  # "within 8 hours (except weekends and public holidays)": the clock stops on days off
    if b == "unspecified":
        b = basis_text(ctx, column_header)
    if b == "unspecified":
        b = fallback_basis  # the row's own clock cell, else the table title / lead-in
    if b == "unspecified" or not b:
        b = profile.basis_for(level)
    quals = qualifiers_for(ctx, sentence, within=f"{column_header} {cell}")
    return TimeCommitment(
        severity_level=level,
        severity_label=label,
        kind=kind,
        minutes=_on_basis(first, b),
        basis=b,
        evidence=sentence.evidence("time.table"),
        attainment_percent=attainment_percent(cell),
        qualifiers=quals,
    )


# --------------------------------------------------------------------------- prose


def _clauses(text: str) -> list[tuple[int, int]]:
    """Character ranges of the clauses of a sentence (split at ";")."""
    out, start = [], 0
    for m in re.finditer(r";", text):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(text)))
    return out


def _block_lead_label(ctx: Context, sentence: Sentence) -> Optional[tuple[str, int]]:
    """The ranked level that opens a list item or paragraph ("- P2 High: ...") and where it starts: it
    labels the whole item, over level-like words inside it ("General requests"). A name of the
    document's own ladder opening the item counts as ranked ("- Low cosmetic faults ...")."""
    if sentence.block.kind not in ("list_item", "para"):
        return None
    ladder = severity_ladder(ctx)
    rungs = {name.lower() for name in ladder} if ladder else set()
    for s in sentence.span.doc.spans.get("severity", []):
        if s.label_ == "SEVERITY" and s.start <= 3 and (label_has_rank(s.text) or s.text.lower() in rungs) \
                and is_severity_mention(s) \
                and not is_cover_tier(s) and level_of(ctx, s.text) is not None:
            return s.text, s.start_char
    return None


def _example_of_scope(sentence: Sentence, example, spans) -> bool:  # type: ignore[no-untyped-def]
    """ "P2 High: e.g. VPN failure. First response 1 hour": the example shows what the level covers and
    holds no time; the kind cue after it still states a target. An example that holds a time is not one."""
    after = [k for k in spans if k.label_ in KIND_LABELS and k.start_char >= example.end_char]
    if not after:
        return False
    between = sentence.doc_text[example.end_char:after[0].start_char]
    before = sentence.doc_text[sentence.span.start_char:example.start_char]
    # a worked example ("For example, a report at 9am gets a response within 2 hours") opens its sentence
    # and uses the kind word in prose; a card's fields are capitalised labels ("First response 1 hour")
    return len(before.split()) >= 3 and after[0].text[:1].isupper() and \
        not find_durations(between) and not find_durations(before)


@per_ruleset
def _other_topic_re() -> re.Pattern[str]:
    from sla_check.vocabulary import time_kinds, word_re

    return re.compile(word_re(time_kinds().lists["not_incident_topics"]), re.I)


@per_ruleset
def _plan_noun_re() -> re.Pattern[str]:
    from sla_check.vocabulary import plan_words, word_re

    words = plan_words()
    return re.compile(word_re(tuple(words.nouns) + tuple(words.staff)), re.I)


def _plan_heading(heading: str) -> bool:
    """A heading naming a plan of support ("Standard Support", "Premium Plan"), not a level: "Standard"
    there is what the customer buys, so the times under it keep no level from it."""
    return bool(plan_name_re().search(heading) and _plan_noun_re().search(heading))


@per_document_cache  # asked for every sentence, of the few titles a document has
def _other_topic(title: str) -> bool:
    """A title about patching known weaknesses, not incidents: its times are no response or fix times."""
    return bool(_other_topic_re().search(title))


@per_ruleset
def _period_lead_re() -> re.Pattern[str]:
    from sla_check.vocabulary import time_kinds, word_re

    return re.compile(word_re(time_kinds().lists["period_leads"])
                      + r"\s+(?:(?:the|its|a|an|any|each|every)\s+)?(?:(?:first|initial|next|last)\s+)?$", re.I)


@per_ruleset
def _lead_time_re() -> re.Pattern[str]:
    """The words right after a duration that make it a lead time (`lead_time_after` in time_kinds.yml)."""
    from sla_check.vocabulary import time_kinds, word_re

    return re.compile(r"^\s*(?:\(\s*\d+\s*\)\s*)?(?:(?:calendar|business|working|clock)\s+(?:days?|hours?)\s+)?"
                      + word_re(time_kinds().lists["lead_time_after"]), re.I)


@per_ruleset
def _formal_reply_re() -> re.Pattern[str]:
    from sla_check.vocabulary import time_kinds, word_re

    return re.compile(word_re(time_kinds().lists["formal_replies"]), re.I)


_DEFINED_UPDATE = re.compile(r"\b(?:an|the|any|each|such|all|every|this|that)\s+Updates?$")
_HYPHENED = re.compile(r"\w\s*-\s*[a-z]+$", re.I)


def _lasts_not_deadline(before: str, found: Found, after: str) -> bool:
    """A duration that measures how long something lasts, not how soon it happens: led by "during" or
    "for the first" ("during the first thirty (30) days of the Term"), or an adjective joined by a
    hyphen to a noun that names no kind ("a three-day test", "a 24-hour period"; "a 4-hour response"
    is a deadline); or a lead time before an event ("three (3) calendar days prior to the maintenance",
    "48 hours in advance"), which is notice given, not how soon anyone acts."""
    if _period_lead_re().search(before) or _lead_time_re().match(after):
        return True
    if _HYPHENED.search(found.text):
        nxt = " ".join(after.split()[:2])
        return bool(nxt) and not kind_of(nxt)
    return False


def _from_sentence(ctx: Context, sentence: Sentence, profile: HoursProfile) -> list[TimeCommitment]:
    # every way below reads a time of the sentence (_timed): most sentences hold none, and a
    # cached look for one is cheaper than the label, heading and plan tests that would come first
    if not _timed(sentence.text):
        return []
    title = section_title(ctx, sentence)
    if _other_topic(title) or customer_duties_heading_re().search(title):
        return []  # patching known weaknesses, or the customer's own duties: no incident service levels
    spans = [s for s in sentence.matches(FAMILY) if s.label_ in KIND_LABELS or s.label_ in {"EVERY", "FREQ"}]
    if any(not _example_of_scope(sentence, e, spans) for e in sentence.matches(FAMILY, "EXAMPLE")):
        return []
    text = sentence.text
    durations = _timed(text)
    if not spans:
        return _flattened_groups(ctx, sentence, durations, profile) or _under_heading(ctx, sentence, profile)
    base = sentence.span.start_char
    if not durations:
        return []
    not_time = [(s.start_char - base, s.end_char - base) for s in sentence.matches(FAMILY, "NOT_TIME")]
    not_time += [(s.start_char - base, s.end_char - base) for s in sentence.matches(FAMILY, "NO_COMMIT")]
    anchored = anchored_kind_re()
    not_incident = non_incident_object_re()
    kinds = []
    for s in spans:
        if s.label_ == "RESPONSE" and _AGREE_AFTER.match(sentence.doc_text[s.end_char:s.end_char + 20]):
            continue  # "the parties acknowledge and agree that ...": assent, not a response
        if s.label_ == "RESOLUTION" and (not_incident[0].match(sentence.doc_text[s.end_char:s.end_char + 60])
                                         or not_incident[1].search(sentence.doc_text[max(0, s.start_char - 40):s.start_char])):
            continue  # "resolve the dispute", "claim resolution": not an incident being fixed
        if s.label_ == "UPDATE" and _DEFINED_UPDATE.search(sentence.doc_text[max(0, s.start_char - 12):s.end_char]):
            continue  # "an Update", "such Updates": a release of the software (a defined term), not a status update
        if s.label_ == "RESOLUTION" and logistics_after_re().match(sentence.doc_text[s.end_char:s.end_char + 60]):
            continue  # "replacement equipment to be shipped next business day": a delivery date
        kind = KIND_LABELS.get(s.label_, "update")
        kinds.append((s.start_char - base, s.end_char - base, kind, s))
    sevs = [
        (s.start_char - base, s.text)
        for s in sentence.matches("severity", "SEVERITY")
        if is_severity_mention(s) and not is_cover_tier(s) and level_of(ctx, s.text) is not None
    ]
    flat = _flattened_rows(ctx, sentence, sevs, durations, profile) or _flattened_groups(ctx, sentence, durations, profile)
    if flat:
        return flat
    # a paragraph running a table's rows on as sentences ("High Severity 2 Error The error ... . Company
    # shall acknowledge receipt within two hours."): the level of the row's first sentence, nearer than
    # the level opening the paragraph or any heading
    earlier = _label_earlier_in_block(ctx, sentence) if not sevs else None
    lead = _block_lead_label(ctx, sentence) if earlier is None else None
    if lead is not None and all(not label_has_rank(t) for pos, t in sevs if pos + base != lead[1]):
        # "- P3 Medium · one user. Printer errors. First response 2 hours": the item's label; in the
        # item's first sentence keep the lead's own mention (so "Severity 2, 3 or 4" still groups)
        sevs = [x for x in sevs if x[0] + base == lead[1]] if lead[1] >= base else [(-1, lead[0])]
    heading = section_title(ctx, sentence)
    if not sevs and _admin_section().search(heading) and not kind_of(heading) and not _service_heading().search(heading):
        return []  # "we verify and respond within 15 days" under a credit-claim heading is paperwork
    # a definition block under a level's own heading ("### Urgent" then "Response Target: 10 minutes")
    heading_label = earlier
    if heading_label is None:
        heading_label = heading if not sevs and heading and len(heading) <= 40 and level_of(ctx, heading) is not None \
            and not _plan_heading(heading) else None
    if not sevs and heading_label is None and sentence.block.kind == "list_item":
        # "Urgent requests:" then the list of what happens for them
        intro = lead_in(ctx, sentence, kinds=("list_item",)).strip().rstrip(":").strip()
        if intro and len(intro.split()) <= 4 and level_of(ctx, intro) is not None:
            heading_label = intro
    if not sevs and heading_label is None:
        heading_label = _label_above(ctx, sentence) or _label_of_previous(ctx, sentence)
    record = _records(ctx).get(sentence.block_index) if not sevs and heading_label is None else None
    if record is not None:
        heading_label = record[0]
    if not sevs and heading_label is None and len(durations) >= 4:
        return []  # a table flattened into one line of text: its times belong to levels it no longer shows
    heading_measure = kind_of(heading) if _fix_measure().search(heading) else None
    out = []
    for found in durations:
        clause = next((c for c in _clauses(text) if c[0] <= found.start <= c[1]), (0, len(text)))
        ctext = text[clause[0]:clause[1]]
        before = text[clause[0]:found.start]
        after = text[found.end:clause[1]]
        # "every 4 hours", "once per 5 hours": a rate (an update's frequency beside an update word, else no target)
        frequency = bool(listed_re("durations", "frequency_words").match(found.text)) \
            or bool(listed_re("durations", "frequency_leads", after=r"\s*$").search(before))
        if not frequency and _threshold_before(before) and not _not_later().search(before):
            continue
        if around_clock_re().match(after):
            continue  # "24 hours a day", "7 days a week"
        if listed_re("durations", "rate_leads", after=r"\s").match(found.text) \
                and any(0 <= found.start - d.end <= 1 for d in durations):
            continue  # the "a day" of "24 hours a day" is the rate's period, not one day
        if _lasts_not_deadline(before, found, after):
            continue
        if _long_unit().search(found.text) and not _WEEKS_TARGET.search(found.text + "|" + before[-12:]):
            continue  # months and weeks measure periods, not how fast someone acts ("within 2 weeks" does)
        if any(clause[0] <= a < clause[1] and found.start - 70 <= a <= found.end + 15 for a, _ in not_time):
            continue
        if _escalation().search(ctext):
            continue
        # "a report within 1 day after the fault is resolved": the kind word there is the event the clock runs from
        in_clause = [k for k in kinds if clause[0] <= k[0] < clause[1] and not anchored.search(text[max(0, k[0] - 60):k[0]])]
        if not in_clause:
            continue
        preceding = [k for k in in_clause if k[1] <= found.start]
        has_update_word = any(k[3].label_ == "UPDATE" for k in in_clause)
        # "every 30 minutes" / "hourly" make an update wherever they sit, next to an update word
        near_every = [k for k in in_clause if k[3].label_ in {"EVERY", "FREQ"} and -len(found.text) <= found.start - k[1] <= 12]
        if frequency and near_every and has_update_word:
            chosen = near_every[-1]
        elif frequency and not has_update_word:
            continue
        else:
            real = [k for k in preceding if k[3].label_ in KIND_LABELS]
            following = [k for k in in_clause if k[0] >= found.end and k[3].label_ in KIND_LABELS]
            following = [k for k in following if k[2] != "update"
                         and not _turn().search(text[found.end:k[0]])]  # "..., unless you ask us to respond"
            adjacent = [k for k in following if k[0] - found.end <= 3 and not text[found.end:k[0]].strip()]  # "4 hours resolution"
            labelled = [k for k in real if _LABEL_GAP.match(text[k[1]:found.start])]
            # "First response 15 minutes Target resolution 4 hours": labels lead their values when
            # the clause opens with a kind word, so the word just before a time is its own
            led = [k for k in real if not text[k[1]:found.start].strip()] if \
                min(k[0] for k in in_clause) < min(d.start for d in durations if clause[0] <= d.start < clause[1]) else []
            if labelled:
                chosen = labelled[-1]  # "Response Target: 10 minutes Resolution Target: 4 hours"
            elif led:
                chosen = led[-1]
            elif adjacent:
                chosen = adjacent[0]
            elif real:
                chosen = real[-1]
            elif following:
                chosen = following[0]
            else:
                continue
            if chosen[3].label_ == "UPDATE" and chosen[0] < found.start and "every" not in text[chosen[1]:found.start].lower() \
                    and not re.search(r"\b(update|updates|updated)\b", text[max(clause[0], chosen[0]):found.start], re.I):
                continue
        if (chosen[1] <= found.start and history_re().search(text[chosen[1]:found.start])) or \
                history_re().search(text[max(clause[0], chosen[0] - 12):chosen[0]]):
            continue  # "our average response time was 45 minutes", "were resolved within": reports of the past
        if _share_quantified_re().search(text[clause[0]:max(found.start, chosen[0])]):
            continue  # "most issues are resolved within 48 hours": a typical outcome, not a promise
        kind = chosen[2]
        if kind == "response" and heading_measure == "resolution" and \
                not any(k[2] == "resolution" for k in in_clause):
            kind = "resolution"  # "will respond within 8 hours" under "Mean Time to Repair"
        kind_word_start = chosen[0]
        if _negated_kind().search(text[max(0, kind_word_start - 25):kind_word_start]):
            continue
        if customer_duty_re().search(text[clause[0]:kind_word_start]):
            continue  # the customer's own obligation to respond is not a service level
        if kind == "response" and _formal_reply_re().search(text[kind_word_start:max(found.start, chosen[1])]):
            continue  # "shall respond in writing within 30 days": correspondence between the parties
        label = _severity_for(sevs, found.start, clause, text, found.end) or heading_label
        labels = _grouped(text, sevs, label, clause) if label and label != heading_label else [label]
        window = text[max(clause[0], found.start - 60): min(clause[1], found.end + 40)]
        # "Response & repair time 8 hours", "response/resolution within 4 hours": one time for both kinds
        joint = [k[2] for k in kinds if k[2] not in (kind, "update") and chosen[2] != "update" and k[1] <= chosen[0]
                 and _JOINT.fullmatch(text[k[1]:chosen[0]])]
        for label, kind in [(lb, kd) for kd in joint[-1:] + [kind] for lb in labels]:
            level = _run_level(ctx, sentence, label) if label else None
            if record is not None and label == record[0]:
                level = record[1]  # a record's rank in the document's own order
            b = found.basis
            if b == "unspecified":
                # another duration's own unit ("response within 1 business day, resolution within 4 weeks") is not this one's clock
                b = basis_text(ctx, without_durations(window))
            if b == "unspecified":
                b = _next_field_clock(ctx, sentence)  # "Response time 8hrs" over "Hours of coverage Mon-Fri 9-5"
            if b == "unspecified" and level is not None:
                b = _document_clock(ctx, sentence, profile, level, found)  # the document's hours per level
            elif b == "unspecified" and _days_off_except().search(text[found.end:clause[1]]):
                b = "business"  # "within 24 hours, except for holidays and weekends": the clock stops on days off
            elif b == "unspecified":
                b = stated_clock(ctx, sentence)  # a level-less promise keeps its own, or its section's
            out.append(
                TimeCommitment(
                    severity_level=level,
                    severity_label=label,
                    kind=kind,
                    minutes=_on_basis(found, b),
                    basis=b,
                    evidence=sentence.evidence(chosen[3].id_),
                    attainment_percent=attainment_percent(ctext),
                    qualifiers=qualifiers_for(ctx, sentence),
                )
            )
    return out


def _next_field_clock(ctx: Context, sentence: Sentence) -> str:
    """The clock a short field right after a short block of times states ("Hours of coverage Mon-Fri 8:30
    to 17:00" under "Response & repair time 8hrs"): a product card's hours for the time above it."""
    i = sentence.block_index
    blocks = ctx.document.blocks
    if i + 1 >= len(blocks) or len(sentence.block.text.split()) > 12 or blocks[i + 1].kind not in ("para", "list_item"):
        return "unspecified"
    nxt = blocks[i + 1].text
    found = find_durations(nxt)
    nxt = nxt[:found[0].start] if found else nxt  # the field's own words, not the next card run on after it
    if len(nxt.split()) > 12 or blocks[i + 1].section != sentence.block.section:
        return "unspecified"
    return statement_clock(nxt)


_JOINT = re.compile(r"\s*(?:&|and|/|\+)\s*", re.I)


_LABELLED_LEVEL = re.compile(r"^\W*(?:[A-Za-z]+\s+){0,3}[A-Za-z]+\s*(?:\([^)]{0,30}\))?\s*[:=\u2013\u2014-]\s*(?:within\s+|up\s+to\s+)?$", re.I)


def _under_heading(ctx: Context, sentence: Sentence, profile: HoursProfile) -> list[TimeCommitment]:
    """ "P1 - 15 minutes" listed under a heading such as "Response Times": the heading gives the kind."""
    severity_spans = sentence.matches("severity", "SEVERITY")
    if not severity_spans:
        return _under_label(ctx, sentence, profile)
    plans = _plan_item(ctx, sentence, profile)
    if plans:
        return plans
    heading = section_title(ctx, sentence)
    kind = kind_of(heading)
    scope = None
    if not kind:
        kind = _intro_kind(lead_in(ctx, sentence, kinds=("list_item",))) or kind_of(_list_header(ctx, sentence)) \
            or _caption_kind(ctx, sentence) or _para_above_kind(ctx, sentence)
        # a heading that names no kind under a caption that does ("Time to Resolution (varies by team)"
        # over "Network Operations"): the heading is whose targets the list gives
        if kind and heading and len(heading) <= 40 and level_of(ctx, heading) is None and _caption_kind(ctx, sentence):
            scope = heading
    if not kind or sentence.matches(FAMILY, "NOT_TIME") or sentence.matches(FAMILY, "NO_COMMIT"):
        return []
    first = sentence.span.start
    while first < sentence.span.end and (sentence.doc[first].is_punct or sentence.doc[first].text in "•*·-–"):
        first += 1
    severity_spans = [s for s in severity_spans if not counts_time(s)]
    sevs = [s for s in severity_spans if label_has_rank(s.text) or s.start == first]
    durations = _timed(sentence.text)
    if not sevs and len(severity_spans) == 1 and durations and is_severity_mention(severity_spans[0]):
        # "Ticket Priority Urgent: 5 minutes": a short label naming one level, then its time
        label_end = severity_spans[0].end_char - sentence.span.start_char
        if _LABELLED_LEVEL.match(sentence.text[:durations[0].start]) and \
                re.match(r"\s*(?:\([^)]{0,30}\))?\s*[:=\u2013\u2014-]", sentence.text[label_end:]):
            sevs = severity_spans
    if len(durations) != 1 or (_long_unit().search(durations[0].text) and
                               not _WEEKS_TARGET.search(durations[0].text + "|" + sentence.text[:durations[0].start][-12:])
                               and not (_weeks().search(durations[0].text) and _LEVEL_EQUALS.match(sentence.text[:durations[0].start]))):
        return []
    found = durations[0]
    base = sentence.span.start_char
    if len(sevs) > 1:
        # "P1, P2 and P3 incidents: within one hour" - a list of levels sharing one target
        gaps = [sentence.doc_text[a.end_char:b.start_char] for a, b in zip(sevs, sevs[1:])]
        if not (all(label_has_rank(s.text) for s in sevs) and sevs[-1].end_char - base <= found.start
                and all(re.fullmatch(r"\s*(?:,|/|&|and|or|,\s*and|,\s*or)\s*", g) for g in gaps)):
            return []
    if not sevs:
        return []
    b = found.basis if found.basis != "unspecified" else basis_text(ctx, collapse_number_words(sentence.text))
    out = []
    for span in sevs:
        label = span.text
        level = level_of(ctx, label)
        lb = b if b != "unspecified" else _document_clock(ctx, sentence, profile, level, found)
        out.append(TimeCommitment(level, label, kind, _on_basis(found, lb), lb, evidence=sentence.evidence("time.heading"),
                                  qualifiers=qualifiers_for(ctx, sentence), scope=scope))
    return out


def _intro_kind(intro: str) -> Optional[str]:
    """The kind a list's introduction names, read from its last sentence first ("... do not promise a
    resolution in that time. Below are our response times:" introduces response times)."""
    last = re.split(r"(?<=[.!?])\s+(?=[A-Z])", intro.strip())[-1] if intro.strip() else ""
    return kind_of(last) or kind_of(intro)


def _flattened_rows(ctx: Context, sentence: Sentence, sevs: list[tuple[int, str]], durations: list[Found],
                    profile: HoursProfile) -> list[TimeCommitment]:
    """A table flattened into one sentence: a header naming kinds in order ("Response Target Resolution
    Target"), then each level followed by exactly one time per kind ("Priority 1 15 minutes 4 hours
    Priority 2 1 hour 1 day ...")."""
    ranked = [x for x in sevs if label_has_rank(x[1])]
    sevs = ranked if len(ranked) >= 2 else sevs  # "P1 - Critical ... P2 - High": the numbered labels open the rows
    if len(sevs) < 2 or len(durations) < 4:
        return []
    text = sentence.text
    kinds = kinds_named(text[:sevs[0][0]])
    if len(kinds) < 2:
        return []
    bounds = [pos for pos, _ in sevs] + [len(text)]
    groups = []
    for (pos, label), end in zip(sevs, bounds[1:]):
        inside = [d for d in durations if pos + len(label) <= d.start < end]
        if len(inside) != len(kinds) or find_durations(text[pos:pos + len(label)]):
            return []
        groups.append((label, inside))
    out = []
    for label, inside in groups:
        level = _level(ctx, label)
        for kind, found in zip(kinds, inside):
            clock = found.basis if found.basis != "unspecified" else \
                _document_clock(ctx, sentence, profile, level, found)
            out.append(TimeCommitment(level, label, kind, _on_basis(found, clock), clock, evidence=sentence.evidence("time.flattened"),
                                      qualifiers=qualifiers_for(ctx, sentence)))
    return out


_LABEL_BREAK = re.compile(r"[.:;!?()\[\]]")


def _flattened_groups(ctx: Context, sentence: Sentence, durations: list[Found],
                      profile: HoursProfile) -> list[TimeCommitment]:
    """A table flattened into one paragraph whose row labels are the document's own names ("Priority Level
    Respond By Resolve By IT - Urgent 10 minutes 4 hours IT - Standard 10 hours 20 hours ..."): runs of
    times (with only empty cells between them) are rows, the short text between two runs is the next
    row's label. The header either names one kind per time, or names none or one kind and its columns
    are plans ("Severity Basic Premier 24/7 Urgent 4 hrs 2 hrs 1 hr"), the kind then coming from the
    text that introduces the table."""
    text = sentence.text
    if len(durations) < 4:
        return []
    runs = [[durations[0]]]
    for a, b in zip(durations, durations[1:]):
        if only_empty_cells(text[a.end:b.start]):
            runs[-1].append(b)
        else:
            runs.append([b])
    if len(runs) < 3:
        return []
    labels = [_strip_empty(text[a[-1].end:b[0].start]) for a, b in zip(runs, runs[1:])]
    widths = {len(label.split()) for label in labels}
    if len(widths) != 1 or not all(_row_label(label) for label in labels):
        return []  # rows of one table have labels of one shape ("High", "Medium"; "IT - Standard")
    head_words = _strip_empty(text[:runs[0][0].start]).split()
    width = widths.pop()
    if len(head_words) <= width:
        return []
    labels.insert(0, " ".join(head_words[-width:]))
    if not _row_label(labels[0]):
        return []
    header = " ".join(head_words[:-width])
    kinds = kinds_named(header)
    scope_of: dict[int, str] = {}
    if len(kinds) >= 2:
        if any(len(run) != len(kinds) for run in runs):
            return []
        kind_per_time = [list(zip(kinds, run)) for run in runs]
    else:
        kind = kinds[0] if kinds else _kind_before(ctx, sentence)
        if kind is None or not header:
            return []
        kind_per_time = [[(kind, found) for found in run] for run in runs]
        columns = _row_columns(text, labels, runs)
        plans = _plan_columns(header, columns[1]) if columns else None
        if columns and plans:
            scope_of = {id(found): plans[j] for run, cols in zip(runs, columns[0]) for found, j in zip(run, cols)}
        elif any(len(run) > 1 for run in runs):
            return []  # several times a row under a header naming neither a kind nor a plan per column
    ranked = [_level(ctx, label) for label in labels]
    if ladder_from_labels(labels, declared=True) or None in ranked or len(set(ranked)) != len(ranked):
        ranked = list(range(1, len(labels) + 1))  # the document's own names: the rows' order is the ladder
    out = []
    for label, level, row in zip(labels, ranked, kind_per_time):
        for kind, found in row:
            clock = found.basis if found.basis != "unspecified" else \
                _document_clock(ctx, sentence, profile, level, found)
            out.append(TimeCommitment(level, label, kind, _on_basis(found, clock), clock, evidence=sentence.evidence("time.flattened"),
                                      qualifiers=qualifiers_for(ctx, sentence), scope=scope_of.get(id(found))))
    return out


def _row_columns(text: str, labels: list[str], runs: list[list[Found]]) -> Optional[tuple[list[list[int]], int]]:
    """The column of each time of each flattened row, counting the row's empty cells ("High 24 hrs 4 hrs
    N/A": 3 columns), and the number of columns; None when the rows disagree on that number."""
    starts, ends = [], []
    for i, run in enumerate(runs):
        at = text.rfind(labels[i], runs[i - 1][-1].end if i else 0, run[0].start)
        if at < 0:
            return None
        starts.append(at + len(labels[i]))
        if i + 1 < len(runs):
            ends.append(text.find(labels[i + 1], run[-1].end))
            continue
        tail, end = text[run[-1].end:], 0
        for _, b in empty_cell_spans(tail):
            if not only_empty_cells(tail[:b]):
                break
            end = b
        ends.append(run[-1].end + end)
    columns, counts = [], set()
    for run, start, end in zip(runs, starts, ends):
        empties = [(start + a, False) for a, _ in empty_cell_spans(text[start:end])
                   if not any(f.start <= start + a < f.end for f in run)]
        items = sorted([(f.start, True) for f in run] + empties)
        columns.append([j for j, (_, timed) in enumerate(items) if timed])
        counts.add(len(items))
    return (columns, counts.pop()) if len(counts) == 1 else None


def _plan_columns(header: str, n: int) -> Optional[list[str]]:
    """The plans a flattened header names, one word per column after the level column's own name
    ("Severity Basic Premier 24/7"); None when the header does not end that way."""
    words = re.sub(r"\([^)]*\)", " ", header).split()
    if len(words) <= n or not is_header(words[-n - 1], "severity_headers"):
        return None
    return words[-n:]


def _strip_empty(text: str) -> str:
    """`text` without the empty cells at its ends ("N/A Medium" -> "Medium")."""
    words = text.split()
    for _ in range(len(words)):
        k = next((k for k in (1, 2, 3) if k <= len(words) and only_empty_cells(" ".join(words[:k]))), 0)
        if not k:
            break
        words = words[k:]
    for _ in range(len(words)):
        k = next((k for k in (1, 2, 3) if k <= len(words) and only_empty_cells(" ".join(words[-k:]))), 0)
        if not k:
            break
        words = words[:-k]
    return " ".join(words)


def _row_label(label: str) -> bool:
    """Whether `label` can name a row: a few words, no sentence punctuation, no kind and no time."""
    return 0 < len(label.split()) <= 4 and not _LABEL_BREAK.search(label) and not kinds_named(label) \
        and not find_durations(label) and (label_has_rank(label) or not re.search(r"\d", label))


def _kind_before(ctx: Context, sentence: Sentence) -> Optional[str]:
    """The kind named by what introduces a flattened table: the text before it in its paragraph, the
    paragraph before it, or its section heading."""
    own = sentence.block.text[:sentence.span.start_char][-300:]
    before = ctx.document.blocks[sentence.block_index - 1] if sentence.block_index > 0 else None
    for intro in (own, before.text[-300:] if before is not None else "", section_title(ctx, sentence)):
        kind = _intro_kind(intro) if intro else None
        if kind:
            return kind
    return None


def _level(ctx: Context, label: Optional[str]) -> Optional[int]:
    """A label's level; a bare number ("2") set on its own line above its times is the level it names."""
    if label and re.fullmatch(r"[1-9]", label.strip()):
        return int(label)
    return level_of(ctx, label) if label else None


def _label_above(ctx: Context, sentence: Sentence) -> Optional[str]:
    """A table flattened into one line per cell (web pages saved as text): a line that is only a level
    ("1", "P2", "Critical") labels the lines of times below it, up to the next heading. A bare number
    counts only where the document speaks of priority or severity levels."""
    blocks = ctx.document.blocks
    if sentence.block.kind not in ("para", "list_item") or len(sentence.block.text) > 80:
        return None
    for i in range(sentence.block_index - 1, max(-1, sentence.block_index - 4), -1):
        block = blocks[i]
        text = block.text.strip().rstrip(":")
        if block.kind == "heading" or block.section != sentence.block.section or len(text) > 30:
            return None
        if find_durations(text):
            continue  # a sibling line of times
        if re.fullmatch(r"[1-9]", text):
            return text if _speaks_of_levels(ctx) else None
        return text if level_of(ctx, text) is not None and len(text.split()) <= 3 else None
    return None


_RANK_DASH = re.compile(r"^\W*([1-9])\s*[-\u2013\u2014]\s+[A-Z]")


def _sentence_level(ctx: Context, sentence: Sentence) -> Optional[tuple[str, Optional[int]]]:
    """(label, level) a sentence names: its level mentions, or a level name opening it ("Normal
    Non-severe Error ..."); level None when it names several levels; None when it names none."""
    first = sentence.span.start
    while first < sentence.span.end and (sentence.doc[first].is_punct or sentence.doc[first].text in "\u2022*\u00b7-\u2013"):
        first += 1
    if _RANK_DASH.match(sentence.text) and len(sentence.text.split()) <= 6:
        # a short label line "2 - High impact": the level's name after its number opens it
        first += 1
        while first < sentence.span.end and (sentence.doc[first].is_punct or sentence.doc[first].text in "\u2022*\u00b7-\u2013"):
            first += 1
    named = [(s.text, level_of(ctx, s.text)) for s in sentence.matches("severity", "SEVERITY")
             if not is_cover_tier(s) and not counts_time(s)
             and (is_severity_mention(s) or (s.start == first and s.text[:1].isupper()))]
    named = [(t, lv) for t, lv in named if lv is not None]
    if not named:
        return None
    ranked = _RANK_DASH.match(sentence.text)
    if ranked and first > sentence.span.start and named[0][0] == sentence.doc[first].text:
        # "2 - High impact": the number ranks the level, whatever the name alone would
        return f"{ranked.group(1)} - {named[0][0]}", int(ranked.group(1))
    return (named[0][0], named[0][1]) if len({lv for _, lv in named}) == 1 else (named[0][0], None)


def _label_earlier_in_block(ctx: Context, sentence: Sentence) -> Optional[str]:
    """The level named by the nearest earlier sentence of the same run of paragraphs, when the run walks
    down a ladder in turns: a sentence naming one level, then sentences with times and no level, then
    the next level (a table's rows or a list of definitions run on as prose). At least two levels must
    each be followed by a time before the next level, and they must differ; a list of levels followed by
    one general promise is not such a run."""
    if sentence.block.kind not in ("para", "list_item"):
        return None
    run = _prose_run(ctx, sentence)
    here = next((k for k, s in enumerate(run) if s is sentence), None)
    if not here:
        return None
    named = [_sentence_level(ctx, s) for s in run]
    timed = [n is None and bool(_timed(s.text)) for s, n in zip(run, named)]
    answered: set[int] = set()
    current: Optional[int] = None
    for n, t in zip(named, timed):
        if n is not None:
            current = n[1]
        elif t and current is not None:
            answered.add(current)
    if len(answered) < 2:
        return None
    for k in range(here - 1, max(-1, here - 5), -1):
        name = named[k]
        if name is not None:
            return name[0] if name[1] is not None else None
    return None


def _run_level(ctx: Context, sentence: Sentence, label: str) -> Optional[int]:
    """The level of a label in a run of prose, ranked in the ladder the run's own level names make ("All
    major faults ... All minor faults ...": Major 1, Minor 2) when the document has no ladder of its own."""
    if label_has_rank(label) or severity_ladder(ctx) is not None:
        return _level(ctx, label)
    # the rungs come from the whole run, not a window around this sentence: a list written least severe
    # first ("- Low - ...", examples, ..., "- Urgent - ...") keeps its top rung out of the window of its first item
    names = [n[0] for n in (_sentence_level(ctx, s) for s in _prose_run(ctx, sentence, whole=True))
             if n is not None and n[1] is not None and not label_has_rank(n[0])]
    # only a ladder whose top the generic names leave empty (Major 2 and Minor 4; High and Low): with a
    # level-1 name among them the generic numbers already rank the run
    ladder = ladder_from_labels(names) if len(names) >= 2 and min(severity_level(n) or 1 for n in names) > 1 else None
    return (severity_level(label, ladder) if ladder else None) or _level(ctx, label)


def _prose_run(ctx: Context, sentence: Sentence, whole: bool = False) -> list[Sentence]:
    """The sentences of the paragraphs and list items around `sentence` with no heading, table or
    section change between them (at most 15 each side, or all of them with `whole`), in order."""
    runs = ctx.cache.get("rt_prose_runs")
    if runs is None:
        runs = {}
        current: list[Sentence] = []
        last: Optional[Sentence] = None
        for s in ctx.sentences:
            if s.block.kind not in ("para", "list_item"):
                current, last = [], None
                continue
            if last is not None and (s.block.section != last.block.section or s.block_index > last.block_index + 1):
                current = []
            current.append(s)
            runs[id(s)] = current
            last = s
        ctx.cache["rt_prose_runs"] = runs
    run = runs.get(id(sentence), [sentence])
    if whole:
        return run
    k = next(i for i, s in enumerate(run) if s is sentence)
    return run[max(0, k - 15):k + 16]


_OPENING_LABEL = re.compile(r"^\W*([^:.;]{2,40}?)\s*:\s")


def _label_of_previous(ctx: Context, sentence: Sentence) -> Optional[str]:
    """A level defined in the paragraph or item just above ("Priority 1 - Critical: all users are down.")
    and committed to in this one ("We will respond within 30 minutes."): the promise belongs to that
    level. Only for the opening of a short block, under a definition that states no time itself."""
    blocks = ctx.document.blocks
    i = sentence.block_index
    if i == 0 or sentence.block.kind not in ("para", "list_item") or len(sentence.block.text) > 300 \
            or not sentence.block.text.lstrip().startswith(sentence.text.strip()[:30]):
        return None
    above = blocks[i - 1]
    if above.kind not in ("para", "list_item") or above.section != sentence.block.section or find_durations(above.text):
        return None
    # its opening label, before a colon or a spaced dash ("Low - Routine case. ...")
    m = _OPENING_LABEL.match(above.text) or _RANKED_OPENING.match(above.text)
    if m is None or kind_of(m.group(1)):
        # a page saved as text runs the definition on after the last level's fields ("... as soon as
        # possible. P2 - Moderate problem for some users"): its last sentence, opening with a ranked level
        last = _LAST_SENTENCE.split(above.text.strip())[-1]
        m = _RANKED_OPENING.match(last)
        if m is None or not label_has_rank(m.group(1)) or kind_of(m.group(1)):
            return None
    label = m.group(1).strip()
    return label if level_of(ctx, label) is not None else None


@per_ruleset
def _record_opener_re() -> re.Pattern[str]:
    """ "Issue: ...", "Priority: ...": a field naming what a record of fields is about, from the nouns a
    level's name carries and the level column's headers (lexicons/severity.yml)."""
    from sla_check.vocabulary import severity

    vocab = severity()
    nouns = sorted({*vocab.label_nouns, *vocab.headers}, key=len, reverse=True)
    return re.compile(r"(?:^|(?<=\s))(" + "|".join(re.escape(n) for n in nouns) + r")\s*:\s*", re.I)


_NEXT_FIELD = re.compile(r"\s(?:[A-Z][\w/-]*(?:\s[\w/-]+){0,2})\s*:\s")


def _records(ctx: Context) -> dict[int, tuple[str, int]]:
    """Records of fields, one per level, written one after another ("Issue: everyone is down" / "Response:
    within 30 minutes" / "Resolved: within 4 hours", then "Issue: one user is stuck" / ...): every block of
    a record gets the record's subject as its label and the record's rank as its level, most severe
    first (the document's own order). A record opens where the same field ("Issue", "Priority") opens
    again; at least two records, each with a time before the next opens, and no record longer than the
    ones before it (so the fields after the last record are not drawn in). Keyed by block index."""
    cached = ctx.cache.get("rt_records")
    if cached is not None:
        return cached
    out: dict[int, tuple[str, int]] = {}
    blocks = ctx.document.blocks
    opener = _record_opener_re()
    openers: list[tuple[int, str, str]] = []  # (block index, field noun, subject)
    for i, block in enumerate(blocks):
        if block.kind not in ("para", "list_item"):
            continue
        m = opener.search(block.text) if ":" in block.text else None  # (every opener ends in a colon)
        if m is None or find_durations(block.text):  # (the rare opener first: durations of a whole block cost more)
            continue
        rest = block.text[m.end():]
        cut = _NEXT_FIELD.search(rest)
        subject = (rest[:cut.start()] if cut else rest).strip(" .;")
        if 0 < len(subject) <= 80:
            openers.append((i, m.group(1).lower(), subject))
    for noun in {n for _, n, _ in openers}:
        mine = [(i, subj) for i, n, subj in openers if n == noun]
        if len(mine) < 2:
            continue
        starts = [i for i, _ in mine]
        gaps = [b - a for a, b in zip(starts, starts[1:])]
        if any(g > 8 for g in gaps) or any(_section_break(blocks, a, b) for a, b in zip(starts, starts[1:])):
            continue
        ends = starts[1:] + [min(len(blocks), starts[-1] + max(gaps))]
        if any(not any(_timed(blocks[k].text) for k in range(a + 1, b)) for a, b in zip(starts, ends)):
            continue
        named = [level_of(ctx, subj) for _, subj in mine]
        ranks = named if all(named) and len(set(named)) == len(named) else list(range(1, len(mine) + 1))
        for (start, subj), end, rank in zip(mine, ends, ranks):
            for k in range(start, end):
                if blocks[k].kind in ("para", "list_item") and not _section_break(blocks, start, k):
                    out.setdefault(k, (subj, int(rank)))  # type: ignore[arg-type]
    ctx.cache["rt_records"] = out
    return out


def _section_break(blocks, a: int, b: int) -> bool:  # type: ignore[no-untyped-def]
    """Whether a heading or a table stands between blocks a and b."""
    return any(blocks[k].kind not in ("para", "list_item") for k in range(a + 1, b + 1))


_LAST_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
_RANKED_OPENING = re.compile(r"^\W*([^:.;]{2,40}?)\s*(?::|\s[-\u2013\u2014]\s)")


def _heading_kind_above(ctx: Context, sentence: Sentence) -> Optional[str]:
    """The kind named by the nearest headings above ("Response time during non-business hours" over
    "Weekends / Holidays"), through at most two headings."""
    seen = 0
    for i in range(sentence.block_index - 1, max(-1, sentence.block_index - 15), -1):
        block = ctx.document.blocks[i]
        if block.kind != "heading":
            continue
        kind = kind_of(block.text)
        if kind:
            return kind
        seen += 1
        if seen == 2:
            return None
    return None


def _speaks_of_levels(ctx: Context) -> bool:
    if "speaks_of_levels" not in ctx.cache:
        ctx.cache["speaks_of_levels"] = any(re.search(r"\b(?:priority|severity)\b", b.text, re.I)
                                            for b in ctx.document.blocks if b.kind == "heading")
    return bool(ctx.cache["speaks_of_levels"])


_PLAN_ITEM = re.compile(r"^\W*([A-Z][\w+ ]{1,25}?)\s*:\s")


def _plan_item(ctx: Context, sentence: Sentence, profile: HoursProfile) -> list[TimeCommitment]:
    """ "- Pro: 24 hours" in a list under a heading or intro that names the kind ("Response times depend on
    your plan:"): each plan's time is its own commitment, with the plan as scope; "1 hour for critical
    issues" after it is that level's."""
    m = _PLAN_ITEM.match(sentence.text)
    if sentence.block.kind != "list_item" or m is None or not plan_name_re().search(m.group(1)) or \
            len(m.group(1).split()) > 3 or level_of(ctx, m.group(1)) is not None:
        return []
    kind = kind_of(section_title(ctx, sentence)) or _intro_kind(lead_in(ctx, sentence, kinds=("list_item",)))
    if not kind or sentence.matches(FAMILY, "NOT_TIME") or sentence.matches(FAMILY, "NO_COMMIT"):
        return []
    plan, text = m.group(1).strip(), sentence.text
    out = []
    for found in _timed(text):
        if found.start < m.end() or _long_unit().search(found.text) or _threshold_before(text[:found.start]):
            continue
        after = re.match(r"\s*(?:for|on)\s+(?:all\s+)?([\w -]{2,30}?)\s*(?:issues?|incidents?|requests?|tickets?|$|[,;.])",
                         text[found.end:])
        label = after.group(1) if after and level_of(ctx, after.group(1)) is not None else None
        level = level_of(ctx, label)
        b = found.basis if found.basis != "unspecified" else plan_basis(ctx, plan)
        if b == "unspecified":
            b = _document_clock(ctx, sentence, profile, level, found)
        out.append(TimeCommitment(level, label, kind, _on_basis(found, b), b, evidence=sentence.evidence("time.plan_item"),
                                  qualifiers=qualifiers_for(ctx, sentence), scope=plan))
    return out


def _under_label(ctx: Context, sentence: Sentence, profile: HoursProfile) -> list[TimeCommitment]:
    """ "Remote within 30 min" on the line below a level's own line, under a heading that names the kind."""
    label = _label_above(ctx, sentence)
    if label is None:
        return _plan_item(ctx, sentence, profile)
    kind = kind_of(section_title(ctx, sentence)) or kind_of(lead_in(ctx, sentence, kinds=("list_item",))) \
        or _heading_kind_above(ctx, sentence)
    durations = _timed(sentence.text)
    if not kind or len(durations) != 1 or sentence.matches(FAMILY, "NOT_TIME") or sentence.matches(FAMILY, "NO_COMMIT") \
            or _long_unit().search(durations[0].text) or _threshold_before(sentence.text[:durations[0].start]):
        return []
    found, level = durations[0], _level(ctx, label)
    b = found.basis if found.basis != "unspecified" else basis_text(ctx, collapse_number_words(sentence.text))
    if b == "unspecified":
        b = _document_clock(ctx, sentence, profile, level, found)
    return [TimeCommitment(level, label, kind, _on_basis(found, b), b, evidence=sentence.evidence("time.label_above"),
                           qualifiers=qualifiers_for(ctx, sentence))]


def _caption_kind(ctx: Context, sentence: Sentence) -> Optional[str]:
    """ "Time to Resolution (varies by team)" as a short paragraph, then one heading and level list per team:
    the caption gives the kind of every list below it, up to the next paragraph of prose."""
    if sentence.block.kind != "list_item":
        return None
    blocks = ctx.document.blocks
    for i in range(sentence.block_index - 1, max(-1, sentence.block_index - 30), -1):
        block = blocks[i]
        if block.kind == "list_item" or (block.kind == "heading" and len(block.text) <= 60 and not kind_of(block.text)):
            continue
        if block.kind == "para" and len(block.text) <= 80 and not find_durations(block.text) and \
                not _escalation().search(block.text):
            return kind_of(block.text)
        return None
    return None


def _para_above_kind(ctx: Context, sentence: Sentence) -> Optional[str]:
    """The one kind the last sentence of the paragraph just above a list names, when that sentence holds no
    time ("... Incident response times are expressed in working hours." over "- 0-4 hours for P1"): a
    heading a page's text ran into the paragraph, or a lead-in without its colon."""
    if sentence.block.kind != "list_item":
        return None
    i = sentence.block_index - 1
    blocks = ctx.document.blocks
    while i >= 0 and blocks[i].kind == "list_item" and blocks[i].section == sentence.block.section:
        i -= 1
    if i < 0 or blocks[i].kind != "para" or blocks[i].section != sentence.block.section:
        return None
    last = re.split(r"(?<=[.!?])\s+(?=[A-Z])", blocks[i].text.strip())[-1]
    kinds = kinds_named(last)
    return kinds[0] if len(kinds) == 1 and not find_durations(last) else None


def _list_header(ctx: Context, sentence: Sentence) -> str:
    """The nearest list item above that introduces a sub-list ("3.1 Target Response Time:"), or ""."""
    blocks = ctx.document.blocks
    if sentence.block.kind != "list_item":
        return ""
    for i in range(sentence.block_index - 1, max(-1, sentence.block_index - 8), -1):
        block = blocks[i]
        if block.kind != "list_item" or block.section != sentence.block.section:
            return ""
        if block.text.rstrip().endswith(":"):
            return block.text
    return ""


_LIST_SEP = re.compile(r"\s*(?:,|/|&|and|or|,\s*and|,\s*or)\s*", re.I)
_NUMBER_TAIL = re.compile(r"^((?:\s*(?:,|/|&|and|or)\s*[1-5]\b)+)", re.I)


def _grouped(text: str, sevs: list[tuple[int, str]], label: str, clause: tuple[int, int]) -> list[str]:
    """All levels of a list sharing one target: "P1 and P2 incidents", "Severity 1, 2 or 3 faults".

    Only numbered labels are grouped, and not where the clause says "respectively"."""
    if not label_has_rank(label) or re.search(r"\brespectively\b", text[clause[0]:clause[1]], re.I):
        return [label]
    inside = [x for x in sevs if clause[0] <= x[0] < clause[1]]
    idx = next((i for i, x in enumerate(inside) if x[1] == label), None)
    if idx is None:
        return [label]
    lo = hi = idx
    joined = lambda a, b: label_has_rank(a[1]) and bool(_LIST_SEP.fullmatch(text[a[0] + len(a[1]):b[0]]))  # noqa: E731
    while lo > 0 and joined(inside[lo - 1], inside[lo]):
        lo -= 1
    while hi + 1 < len(inside) and joined(inside[hi], inside[hi + 1]):
        hi += 1
    labels = [x[1] for x in inside[lo:hi + 1]]
    last = inside[hi]
    tail = _NUMBER_TAIL.match(text[last[0] + len(last[1]):])
    if tail and last[1][-1:].isdigit():
        prefix = last[1][:-1].rstrip()
        labels += [f"{prefix} {n}".strip() if " " in last[1] else f"{prefix}{n}" for n in re.findall(r"[1-5]", tail.group(1))]
    return list(dict.fromkeys(labels))


_FOR_LEVEL = re.compile(r"^\s*(?:\([^)]{0,30}\)\s*)?(?:for|on)\s+(?:all\s+|any\s+|the\s+|each\s+)?$", re.I)


def _severity_for(sevs: list[tuple[int, str]], pos: int, clause: tuple[int, int], text: str = "",
                  end: int = 0) -> Optional[str]:
    """The severity a duration belongs to: the one it is stated for right after it ("within 4 hours for
    P2 issues"), else the nearest before it in its clause, else after it."""
    after_for = [s for s in sevs if end <= s[0] < clause[1] and _FOR_LEVEL.match(text[end:s[0]])]
    if after_for:
        return after_for[0][1]
    before = [s for s in sevs if clause[0] <= s[0] < pos]
    if before:
        return before[-1][1]
    after = [s for s in sevs if pos <= s[0] < clause[1]]
    if after:
        return after[0][1]
    earlier = [s for s in sevs if s[0] < clause[0]]
    return earlier[-1][1] if earlier else None


# --------------------------------------------------------------------------- collect


def _from_line_table(ctx: Context, table: LineTable, first: dict[int, Sentence],
                     profile: HoursProfile) -> tuple[list[TimeCommitment], set[int]]:
    """The times of a table typed one row per line (common.line_tables), and the rows it read: each
    row's times take the kinds its header names in order, or the kind its group opens with."""
    blocks = ctx.document.blocks
    note = blocks[table.rows[-1].block_index + 1].text if table.rows[-1].block_index + 1 < len(blocks) else ""
    note_clock = statement_clock(without_durations(note)) if len(note.split()) <= 30 else "unspecified"
    out: list[TimeCommitment] = []
    read: set[int] = set()
    numbers = [re.match(r"\s*([1-9])\s+\S", row.label or "") for row in table.rows]
    # "1 Critical", "2 High/Urgent", "3 Medium": a column of numbers 1, 2, 3 before the names is the ladder itself
    numbered = all(numbers) and [int(m.group(1)) for m in numbers if m] == list(range(1, len(numbers) + 1))
    for row in table.rows:
        sentence = first.get(row.block_index)
        if sentence is None:
            continue
        text = blocks[row.block_index].text
        if table.plans:
            items = _plan_row(ctx, sentence, text, row.label, table, note_clock, profile)
            if items is not None:
                read.add(row.block_index)
                out.extend(items)
            continue
        found = _timed(text[row.rest:])
        if row.kind and (len(found) == 1 or len(table.kinds) != len(found)):
            kinds = [row.kind]
        elif len(table.kinds) == len(found):
            kinds = list(table.kinds)
        else:
            continue
        read.add(row.block_index)
        level = int(row.label.split()[0]) if numbered and row.label else _level(ctx, row.label)
        for kind, f in zip(kinds, found):
            if _hedged(text[row.rest:], f):
                continue  # "Stabilise as soon as possible (often under 4 hours)": an estimate, not a target
            b = f.basis
            if b == "unspecified":
                b = basis_text(ctx, without_durations(text[row.rest:]))
            if b == "unspecified":
                b = note_clock
            if b == "unspecified":
                b = _document_clock(ctx, sentence, profile, level, f)
            out.append(TimeCommitment(level, row.label, kind, _on_basis(f, b), b, evidence=sentence.evidence("time.line_table"),
                                      attainment_percent=attainment_percent(text), qualifiers=qualifiers_for(ctx, sentence)))
    return out, read


def _plan_row(ctx: Context, sentence: Sentence, text: str, label: str, table: LineTable, note_clock: str,
              profile: HoursProfile) -> Optional[list[TimeCommitment]]:
    """A row of a plan table typed as text ("P1 Best-effort 4 hours 1 hour 30 minutes" under "Priority
    Built-In Starter Pro Enterprise"): its level, then one value per plan in the header's order. A
    value that is no time ("Best-effort", "N/A") is no commitment; a row whose values do not line up
    one for one with the plans is not read."""
    level_label = ranked_prefix(label) or label.split()[0]
    start = text.find(level_label)
    slots = value_slots(text[start + len(level_label):]) if start >= 0 else []
    if len(slots) != len(table.plans):
        return None
    level = _level(ctx, level_label)
    out = []
    for plan, slot in zip(table.plans, slots):
        if isinstance(slot, str) or slot.value < 1:
            continue
        b = slot.basis
        if b == "unspecified":
            b = plan_basis(ctx, plan)
        if b == "unspecified":
            b = all_but_clock(ctx, plan, table.plans)
        if b == "unspecified":
            b = note_clock
        if b == "unspecified":
            b = _document_clock(ctx, sentence, profile, level, slot)
        out.append(TimeCommitment(level, level_label, table.kinds[0], _on_basis(slot, b), b,
                                  evidence=sentence.evidence("time.line_table"), qualifiers=qualifiers_for(ctx, sentence),
                                  scope=plan))
    return out


_CELL_CHARS = 400  # the longest line still read as one cell (a level's description)


def _header_line(block) -> bool:  # type: ignore[no-untyped-def]
    """A table's header row given as one line of column names: no figure, no sentence end, at most 12
    words once run-together names are set apart, and at least two kinds among them."""
    text = block.text.strip()
    return block.kind in ("para", "heading") and 0 < len(text) <= 120 and not text.endswith((".", ":", ";")) \
        and not any(ch.isdigit() for ch in text) and len(respaced(text).split()) <= 12 and len(kinds_named(text)) >= 2


def _cell_per_line(ctx: Context, first: dict[int, Sentence], profile: HoursProfile) -> tuple[list[TimeCommitment], set[int]]:
    """A table a web page's text gives one cell per line: a run of short column names, two or more of
    them kinds ("Status", "Description", "Response", "Resolution"), then one group of lines per row, each
    opening with a level ("Critical") and holding one time line per kind column in the names' order.
    A group whose time lines do not match the kind columns one for one is not read."""
    blocks = ctx.document.blocks
    out: list[TimeCommitment] = []
    read: set[int] = set()

    def short(k: int) -> bool:
        text = blocks[k].text.strip()
        return blocks[k].kind in ("para", "heading") and 0 < len(text.split()) <= 3 and not any(ch.isdigit() for ch in text)

    i = 0
    while i < len(blocks):
        j = i
        while j < len(blocks) and short(j) and level_of(ctx, blocks[j].text.strip()) is None:
            j += 1
        names = [blocks[k].text.strip() for k in range(i, j)]
        kinds = [kd for kd in map(column_kind, names) if kd]
        if (len(names) < 3 or len(kinds) < 2) and j - i <= 1 and _header_line(blocks[i]):
            # the column names run together on one line ("PriorityDescriptionResponse timeResolution time")
            kinds, j = kinds_named(blocks[i].text), i + 1
            names = kinds + [""]
        if len(names) < 3 or len(kinds) < 2 or j >= len(blocks) or not short(j):
            i = max(j, i + 1)
            continue
        k = j
        while k < len(blocks) and short(k) and level_of(ctx, blocks[k].text.strip()) is not None:
            label = blocks[k].text.strip()
            end = k + 1
            while end < len(blocks) and not (short(end) and level_of(ctx, blocks[end].text.strip()) is not None) \
                    and blocks[end].kind in ("para", "heading") and len(blocks[end].text) <= _CELL_CHARS:
                end += 1
            timed = [m for m in range(k + 1, end) if _timed(blocks[m].text) and _value_like(blocks[m].text, _timed(blocks[m].text)[0])]
            if len(timed) != len(kinds):
                break
            for kind, m in zip(kinds, timed):
                sentence = first.get(m)
                if sentence is None:
                    continue
                # the cell read as a table's cell: its own clock ("4 hours (around the clock)"), the other
                # hours it names ("15 minutes in business hours, otherwise 30 minutes")
                cell = blocks[m].text.strip()
                for item in _cell(ctx, sentence, cell, kind, kind, label, basis_text(ctx, cell),
                                  _Scoped(profile, stated_clock(ctx, sentence))):
                    out.append(replace(item, severity_level=_level(ctx, label), evidence=sentence.evidence("time.cell_lines")))
                read.add(m)
            k = end
        i = max(k, i + 1)
    return out, read


def _plan_cell_lines(ctx: Context, first: dict[int, Sentence], profile: HoursProfile) -> tuple[list[TimeCommitment], set[int]]:
    """A table a web page's text gives one cell per line with one column per plan: two or more short
    lines that each name a plan ("Basic Support", "Extended Support"), then rows whose label names a
    level and a kind ("Priority 1 Response Time") followed by one bare time line per plan, in the plans'
    order. A label whose time lines do not match the plans one for one is not read; two rows at least."""
    blocks = ctx.document.blocks
    out: list[TimeCommitment] = []
    read: set[int] = set()

    def column_line(k: int) -> bool:
        text = blocks[k].text.strip()
        return blocks[k].kind in ("para", "heading") and 0 < len(text.split()) <= 4 and not any(ch.isdigit() for ch in text) \
            and level_of(ctx, text) is None and not kind_of(text)

    def plan_line(k: int) -> bool:  # a plan's name ("Gold", "Basic Support"), not a caption ("Support plans")
        return column_line(k) and bool(listed_re("plans", "names").search(blocks[k].text)) \
            and not listed_re("plans", "nouns").search(blocks[k].text)

    def last_word(k: int) -> str:
        return blocks[k].text.split()[-1].lower()

    def bare_time(k: int) -> Optional[Found]:
        found = _timed(blocks[k].text) if blocks[k].kind == "para" else []
        text = blocks[k].text.strip()
        return found[0] if len(found) == 1 and len(text.split()) <= 6 and _value_like(text, found[0]) else None

    i = 0
    while i < len(blocks):
        if not column_line(i):
            i += 1
            continue
        # the plans' column names: names in parallel ("Basic Support", "Extended Support": the same last
        # word) of which the lexicon knows one, or names the lexicon knows each ("Gold", "Silver")
        j = i + 1
        while j < len(blocks) and column_line(j) and len(blocks[i].text.split()) > 1 and last_word(j) == last_word(i):
            j += 1
        if j - i < 2 or not any(plan_name_re().search(blocks[k].text) for k in range(i, j)):
            j = i
            while j < len(blocks) and plan_line(j):
                j += 1
        if j - i < 2:
            i += 1
            continue
        plans = [blocks[k].text.strip() for k in range(i, j)]
        rows: list[tuple[int, str, str, list[tuple[int, Found]]]] = []
        k = j
        while len(plans) >= 2 and k < min(len(blocks), j + 12 + 4 * len(rows) * (len(plans) + 1)):
            label = blocks[k].text.strip()
            kind = kind_of(label) if blocks[k].kind in ("para", "heading") and len(label) <= 80 else None
            level = level_of(ctx, without_kind_words(label)) if kind else None
            cells = [(m, bare_time(m)) for m in range(k + 1, min(len(blocks), k + 1 + len(plans)))]
            if kind and level is not None and len(cells) == len(plans) and all(f is not None for _, f in cells) \
                    and (k + 1 + len(plans) >= len(blocks) or bare_time(k + 1 + len(plans)) is None):
                rows.append((k, label, kind, [(m, f) for m, f in cells if f is not None]))
                k += 1 + len(plans)
                continue
            if rows:
                break
            k += 1
        if len(rows) < 2:
            i = j
            continue
        for k, label, kind, timed in rows:
            level = level_of(ctx, without_kind_words(label))
            head = first.get(k)
            named = [sp.text for sp in head.matches("severity", "SEVERITY")] if head is not None else []
            for plan, (m, f) in zip(plans, timed):
                sentence = first.get(m)
                if sentence is None:
                    continue
                # the time's own clock, the row label's ("Response Time (within Support Hours)"), the plan's
                b = f.basis if f.basis != "unspecified" else basis_text(ctx, label)
                if b == "unspecified":
                    b = plan_basis(ctx, plan)
                if b == "unspecified":
                    b = _document_clock(ctx, sentence, profile, level, f)
                out.append(TimeCommitment(level, named[0] if named else without_kind_words(label).strip(" *:") or None,
                                          kind, _on_basis(f, b), b, evidence=sentence.evidence("time.plan_cell_lines"),
                                          qualifiers=qualifiers_for(ctx, sentence), scope=plan))
                read.add(m)
            read.add(k)
        i = k + 1
    return out, read


def _metric_plan_lines(ctx: Context, first: dict[int, Sentence], profile: HoursProfile) -> tuple[list[TimeCommitment], set[int]]:
    """A table typed as text with a measure column and one column per plan: "Metric Standard Priority"
    over "First response 1 business day 4 business hours". A row's label names its kind (and may name a
    level); its values follow in the plans' order, one for one, else the row is not read."""
    blocks = ctx.document.blocks
    out: list[TimeCommitment] = []
    read: set[int] = set()
    for i, block in enumerate(blocks[:-1]):
        words = block.text.split()
        if block.kind not in ("para", "heading") or len(words) < 3 or not is_header(words[0], "measure_headers"):
            continue
        plans = words[1:]
        if len(plans) > 6 or any(kind_of(w) or any(ch.isdigit() for ch in w) for w in plans):
            continue
        for k in range(i + 1, min(len(blocks), i + 12)):
            row = blocks[k]
            found = _timed(row.text)
            if row.kind != "para" or not found:
                break
            label = row.text[:found[0].start].strip(" -:\u2013")
            kind = kind_of(label) if label and len(label.split()) <= 6 else None
            slots = value_slots(row.text[found[0].start:])
            sentence = first.get(k)
            if kind is None or len(slots) != len(plans) or sentence is None:
                continue
            level = level_of(ctx, without_kind_words(label)) if without_kind_words(label) else None
            read.add(k)
            for plan, slot in zip(plans, slots):
                if isinstance(slot, str):
                    continue
                b = slot.basis if slot.basis != "unspecified" else plan_basis(ctx, plan)
                if b == "unspecified":
                    b = _document_clock(ctx, sentence, profile, level, slot)
                out.append(TimeCommitment(level, without_kind_words(label) or None, kind, _on_basis(slot, b), b,
                                          evidence=sentence.evidence("time.line_table"), qualifiers=qualifiers_for(ctx, sentence),
                                          scope=plan))
    return out, read


def _plan_level_lines(ctx: Context, first: dict[int, Sentence], profile: HoursProfile) -> tuple[list[TimeCommitment], set[int]]:
    """A table typed as text with one row per plan and one column per level: "Offering Critical (Severity
    1) (Severity 2) (Severity 3)" over "Enterprise 30 minutes; 24x7 1 business hour 4 business hours". The
    header names two or more levels in order, a row opens with a short plan name and holds one time per
    level (the words after a time are its cell: its clock); the kind is the section's or the lead-in's.
    Two such rows at least, else nothing is read."""
    blocks = ctx.document.blocks
    out: list[TimeCommitment] = []
    read: set[int] = set()
    for i, block in enumerate(blocks[:-2]):
        sentence = first.get(i)
        if sentence is None or block.kind not in ("para", "heading") or len(block.text.split()) > 12 \
                or find_durations(block.text):
            continue
        named = [(level_of(ctx, sp.text), sp.text) for sp in sentence.matches("severity", "SEVERITY")]
        levels: list[tuple[int, str]] = []
        for level, text in named:
            if level is None:
                continue
            if levels and levels[-1][0] == level:
                continue  # "Critical (Severity 1)": one column named twice
            levels.append((level, text))
        ranks = [lv for lv, _ in levels]
        if len(ranks) < 2 or ranks != list(range(ranks[0], ranks[0] + len(ranks))):
            continue
        kind = kind_of(section_title(ctx, sentence))
        for j in range(i - 1, max(-1, i - 4), -1):  # the lead-in, else the heading above (the header line may be one)
            if kind:
                break
            kind = _intro_kind(blocks[j].text) if blocks[j].kind == "para" else kind_of(blocks[j].text)
            if blocks[j].kind == "heading":
                break
        if not kind:
            continue
        rows: list[tuple[int, str, list[tuple[Found, str]]]] = []
        for k in range(i + 1, min(len(blocks), i + 12)):
            text = blocks[k].text
            found = _timed(text)
            if blocks[k].kind != "para" or not found:
                break
            plan = text[:found[0].start].strip(" -:|\u2013")
            if not plan or len(plan.split()) > 4 or level_of(ctx, plan) is not None or kind_of(plan) or len(found) != len(ranks):
                break
            ends = [f.start for f in found[1:]] + [len(text)]
            rows.append((k, plan, [(f, text[f.start:end]) for f, end in zip(found, ends)]))
        if len(rows) < 2:
            continue
        for k, plan, cells in rows:
            row_sentence = first.get(k)
            if row_sentence is None:
                continue
            read.add(k)
            for (level, label), (f, cell) in zip(levels, cells):
                b = f.basis if f.basis != "unspecified" else basis_text(ctx, cell)
                if b == "unspecified":
                    b = plan_basis(ctx, plan)
                if b == "unspecified":
                    b = _document_clock(ctx, row_sentence, profile, level, f)
                out.append(TimeCommitment(level, label, kind, _on_basis(f, b), b, evidence=row_sentence.evidence("time.line_table"),
                                          qualifiers=qualifiers_for(ctx, row_sentence), scope=plan))
    return out, read


@per_ruleset
def _lead_words_at_end() -> re.Pattern[str]:
    """Lead words just before a time ("within", "in under"): `leads` of lexicons/durations.yml."""
    return listed_re("durations", "leads", r"(?:\b(?:", r")\b|[\s:\-\u2013\u2014|•*])*$")


_BRACKETED = re.compile(r"\([^()]{0,30}\)")
#: "... for high priority issues" after a line's one time: the level it is for
_LEVEL_AFTER_TIME = re.compile(r"^\s*(?:for|on)\s+(?:all\s+)?(?P<label>[^.;:]{1,40}?)[\s.;]*$", re.I)


def _level_lines(ctx: Context, profile: HoursProfile,
                 read: Optional[dict[int, TimeCommitment]] = None) -> list[TimeCommitment]:
    """Short lines that pair one level with one time ("Urgent 1 Hour", "Priority 2 incidents: 4 hours",
    "Within 2 working days for medium priority issues"). As the last resort, for a document from which
    nothing else was read, every such line: the kind is the line's own word, else the heading's or
    lead-in's above, else a reply (a level's one time with no kind named is how soon the provider takes
    the issue up). Otherwise (`read`: block index -> a levelled time read from that block) only the
    next rungs of a run whose first line was read ("Severity 1 response time: 1 hour", then "Severity 2
    (High) 2 hours" a line or two below), each with the kind of the rung above it."""
    out: list[TimeCommitment] = []
    for sentence in ctx.sentences:
        if sentence.block.kind not in ("para", "list_item", "heading"):  # a short line stood alone may pass for a heading
            continue
        above: Optional[TimeCommitment] = None
        if read is not None:
            k = sentence.block_index
            above = read.get(k - 1) or read.get(k - 2)
            if k in read or above is None:
                continue
        text = sentence.text.strip()
        if len(text) > 120 or "%" in text:
            continue
        found = _timed(collapse_number_words(text))
        if len(found) != 1:
            continue
        text = collapse_number_words(text)
        f = found[0]
        before, after = text[:f.start], text[f.end:]
        label = _lead_words_at_end().sub("", before).strip(" -:|•*\u2013\u2014")
        if label and len(after.strip(" .;")) <= 3:
            pass
        else:
            m = _LEVEL_AFTER_TIME.match(after) if not label else None
            label = m.group("label") if m else ""
        # a label, not a clause: a few words besides a name in brackets ("Severity 2 (High)"), so that
        # "Class 2 equipment is collected" names no level
        short = label and len(label) <= 40 and len(_BRACKETED.sub(" ", label).split()) <= 4
        level = level_of(ctx, label) if short else None
        if level is None or _hedged(text, f) or history_re().search(text) or customer_duty_re().search(text):
            continue
        named = kinds_named(text)
        if above is not None:
            if named or level == above.severity_level:
                continue  # a line naming its own kind was read already, or left unread for a reason
            kind = above.kind
        else:
            kind = named[-1] if named else (_heading_kind_above(ctx, sentence) or _para_above_kind(ctx, sentence)
                                            or _caption_kind(ctx, sentence) or "response")
        b = f.basis if f.basis != "unspecified" else basis_text(ctx, text)
        if b == "unspecified":
            b = _document_clock(ctx, sentence, profile, level, f)
        item = TimeCommitment(severity_level=level, severity_label=label, kind=kind, minutes=_on_basis(f, b),
                              basis=b, evidence=sentence.evidence("time.level_line"),
                              qualifiers=qualifiers_for(ctx, sentence))
        out.append(item)
        if read is not None:
            read[sentence.block_index] = item  # the rung below follows this one
    return out


def _prose_table(rows: list[Sentence]) -> bool:
    """Paragraphs a PDF reader took for a table (lettered clauses beside a margin): no header, and every
    row opens with a cell of running text, not a short label. Its rows are read as the prose they are."""
    if any(s.block.header for s in rows):
        return False
    firsts = [next((c for c in (s.block.cells or ()) if c and c.strip()), "") for s in rows]
    running = sum(1 for c in firsts if len(c) > 80 and len(c.split()) > 12)
    return running >= 1 and running >= len(rows) - 1  # one stray row (a page footer) may be short


def _same_commitment(item: TimeCommitment, other: TimeCommitment) -> bool:
    """Whether `item` repeats `other` (same level, kind and time). The same time promised by another
    plan ("Silver: 24 hours | Gold: 24 hours") is a commitment of its own, kept with its plan as scope,
    and so is the same time stated once more without a plan (another table, for other services); so is the
    same time on another stated clock ("2 hours" in business hours and again out of hours)."""
    if item.scope or other.scope:
        return (item.scope or "").lower() == (other.scope or "").lower()
    return item.basis == other.basis or "unspecified" in (item.basis, other.basis)


def collect(ctx: Context, terms: Terms) -> None:
    profile = hours_profile(ctx)
    found: list[TimeCommitment] = []
    table_rows = [s for s in ctx.sentences if is_table_row(s)]
    prose_rows: set[int] = set()
    for _, group in groupby(table_rows, key=lambda s: (s.block.table_id, s.block.header)):
        rows = list(group)
        if _prose_table(rows):
            prose_rows.update(id(s) for s in rows)
            continue
        found.extend(_from_table(ctx, rows, profile))
    first: dict[int, Sentence] = {}
    for sentence in ctx.sentences:
        first.setdefault(sentence.block_index, sentence)
    read: set[int] = set()
    for lines in line_tables(ctx):
        items, rows_read = _from_line_table(ctx, lines, first, profile)
        found.extend(items)
        read |= rows_read
    for reader in (_cell_per_line, _plan_cell_lines, _metric_plan_lines, _plan_level_lines):
        items, rows_read = reader(ctx, first, profile)
        found.extend(items)
        read |= rows_read
    levelled: dict[int, TimeCommitment] = {}  # block index -> a levelled time read from prose there
    for sentence in ctx.sentences:
        if (not is_table_row(sentence) or id(sentence) in prose_rows) and sentence.block_index not in read:
            items = _from_sentence(ctx, sentence, profile)
            found.extend(items)
            for item in items:
                if item.severity_level is not None:
                    levelled.setdefault(sentence.block_index, item)
    found.extend(_level_lines(ctx, profile, levelled) if found else _level_lines(ctx, profile))
    blanket = blanket_qualifiers(ctx, "time") if found else []
    seen: dict[tuple[Optional[int], str, float], list[TimeCommitment]] = {}
    for item in found:
        key = (item.severity_level, item.kind, round(item.minutes, 3))
        if any(_same_commitment(item, other) for other in seen.get(key, ())):
            continue
        seen.setdefault(key, []).append(item)
        extra = tuple(dict.fromkeys(q for q in blanket_for(blanket, item.kind) if q not in item.qualifiers))
        if extra:
            item = replace(item, qualifiers=item.qualifiers + extra)
        terms.response_times.append(item)
        record(terms, "response_times", item.qualifiers, item.evidence)
    for q, evidence in blanket:
        record(terms, "response_times", (q,), evidence)
