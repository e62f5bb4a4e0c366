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
from sla_check.extractors.common import defined_basis, is_severity_mention, is_table_row, level_of, row_cells
from sla_check.models import Evidence, Terms, Value
from sla_check.normalize import basis, collapse_number_words

FAMILY = "support_hours"
SEVERITY = "severity"

_OFF_TOPIC = re.compile(
    r"\b(monitor\w*|maintenance|backups?|uptime|availability|available\s+\d|measured|measurement|credit\w*|"
    r"invoice\w*|notice)\b",
    re.I,
)
_REST = re.compile(r"\b(all other|any other|other (?:incidents|priorities|severities|levels|calls|requests|issues)|remaining|"
                   r"everything else|lower[- ]priority|non[- ]urgent|non[- ]critical)\b", re.I)
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

    def basis_for(self, level: Optional[int]) -> str:
        """calendar | business | unspecified for a commitment at `level`."""
        if level is not None and level in self.by_level:
            return self.by_level[level]
        if level is not None and self.rest:
            return self.rest
        if self.overall:
            return self.overall
        if self.value == "24x7":
            return "calendar"
        if self.value == "business_hours":
            return "business"
        return "unspecified"


def _clock(ctx: Context, text: str) -> str:
    """calendar | business | unspecified for one statement."""
    b = basis(text)
    if b == "unspecified":
        b = defined_basis(ctx, text)
    return b


def _levels(ctx: Context, sentence: Sentence) -> list[int]:
    levels = []
    for span in sentence.matches(SEVERITY, "SEVERITY"):
        lv = level_of(ctx, span.text)
        if lv is not None and is_severity_mention(span):
            levels.append(lv)
    return sorted(set(levels))


def _statements(ctx: Context) -> list[tuple[Sentence, str, list[int], bool, str]]:
    """(sentence, clock, levels, is_rest, rule id) for every support-hours statement."""
    out = []
    for sentence in ctx.sentences:
        topic = sentence.matches(FAMILY, "HOURS_TOPIC")
        cues = sentence.matches(FAMILY, "ALL_HOURS") + sentence.matches(FAMILY, "BUSINESS")
        text = collapse_number_words(sentence.text)
        handled = re.search(r"\b(handled|logged|staffed|manned|answered|worked|attended|open)\b", text, re.I)
        if not (topic or handled):
            continue
        clock = _clock(ctx, text)
        if clock == "unspecified":
            continue
        if not cues and defined_basis(ctx, text) == "unspecified":
            continue
        if _OFF_TOPIC.search(text) and not re.search(r"\bsupport|help ?desk|service desk\b", text, re.I):
            continue
        # "No support is available outside Working Hours" states business hours
        if clock == "calendar" and _NEGATED_OUTSIDE.search(text):
            clock = "business"
        levels = _levels(ctx, sentence)
        rest = bool(_REST.search(text))
        rule = (cues or topic)[0].id_ if (cues or topic) else "support_hours.defined_hours"
        out.append((sentence, clock, levels, rest, rule))
    return out


def _table_statements(ctx: Context) -> list[tuple[Sentence, str, str]]:
    """(row, clock, scope) for tables whose rows give hours per plan or per level."""
    out = []
    for sentence in ctx.sentences:
        if not is_table_row(sentence):
            continue
        cells = row_cells(sentence)
        if len(cells) < 2:
            continue
        header = " ".join(sentence.block.header or ()) + " " + " ".join(cells[1:])
        if not re.search(r"\b(hours|coverage|support|availability of support|cover)\b", header, re.I):
            continue
        clocks = {_clock(ctx, collapse_number_words(c)) for c in cells[1:] if c}
        clocks.discard("unspecified")
        if len(clocks) == 1:
            out.append((sentence, clocks.pop(), cells[0]))
    return out


def hours_profile(ctx: Context) -> HoursProfile:
    """The document's support clock, computed once and cached on the context."""
    if "hours" in ctx.cache:
        return ctx.cache["hours"]
    profile = HoursProfile()
    statements = _statements(ctx)
    clocks: set[str] = set()
    first: Optional[tuple[Sentence, str]] = None
    for sentence, clock, levels, rest, rule in statements:
        clocks.add(clock)
        if first is None:
            first = (sentence, rule)
        if levels:
            for lv in levels:
                profile.by_level.setdefault(lv, clock)
        elif rest:
            profile.rest = profile.rest or clock
        else:
            profile.overall = profile.overall or clock
    table_rows = _table_statements(ctx)
    scoped_clocks = {c for _, c, _ in table_rows}
    for row, clock, scope in table_rows:
        lv = level_of(ctx, scope)
        if lv is not None:
            profile.by_level.setdefault(lv, clock)
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
    if profile.value == "mixed":
        # prefer the statement that shows the split
        for sentence, clock, levels, rest, rule in statements:
            if levels or rest:
                first = (sentence, rule)
                break
    if first is not None and profile.value:
        profile.evidence = first[0].evidence(first[1])
    ctx.cache["hours"] = profile
    return profile


def collect(ctx: Context, terms: Terms) -> None:
    profile = hours_profile(ctx)
    if profile.value:
        terms.support_hours = Value(profile.value, profile.evidence)
