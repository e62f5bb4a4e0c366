"""Availability targets: percent + period (+ service), told apart from their look-alikes.

A sentence qualifies when it names an availability metric and a percentage of at least the
floor in rules/lexicons/uptime.yml. A percentage is not a target when it is a band edge ("less
than 99.9% but at least 99.0%", "falls below 99%"), sits in a credit-tier table or a
worked example, in a definition that does not commit, in a chronic-failure clause
("three consecutive months"), or reports the past ("last year we reached 99.8%"). Several targets (per service, plan or hours) are kept apart.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Optional

from sla_check.extract import Context, Sentence
from sla_check.extractors import _support as sup
from sla_check.extractors._cues import cue_regex
from sla_check.extractors.common import is_table_row, row_cells, row_header, section_title, table_title
from sla_check.extractors.qualifiers import blanket_qualifiers, qualifiers_for, record
from sla_check.models import Qualifier, Terms, Uptime
from sla_check.normalize import Found, find_percents, lexicon, period, period_cues
from sla_check.ruleset import per_ruleset
from sla_check.vocabulary import listed, listed_re, word_re

FAMILY = "uptime"


@dataclass(frozen=True)
class _Lexicon:
    """rules/lexicons/uptime.yml, as the interpreter reads it."""

    floor: float  # a percentage below this is not an availability target ...
    time_share: re.Pattern[str]  # ... unless these words follow it ("55% of each month")
    commit_words: re.Pattern[str]
    commit_section: re.Pattern[str]
    history_sentence: re.Pattern[str]
    history_before: re.Pattern[str]


def _words_re(words: list[str], tail: str = "") -> re.Pattern[str]:
    return re.compile(word_re(tuple(str(w) for w in words)) + tail, re.I)


@per_ruleset
def _lexicon() -> _Lexicon:
    lx = lexicon("uptime")
    return _Lexicon(
        float(lx.get("floor_percent", 80.0)),
        re.compile(r"^\s*" + word_re(tuple(str(w) for w in lx.get("time_share_after") or [])), re.I),
        _words_re(lx.get("commit_words") or []),
        _words_re(lx.get("commit_sections") or []),
        _words_re(lx.get("history_sentence") or []),
        # the word, then at most four words (a metric name, "of", ":") before the level
        _words_re(lx.get("history_before") or [], r"(?:[\s:=-]+[^\s.;:%]+){0,4}[\s:=-]*$"),
    )


def _floor_before() -> re.Pattern[str]:
    """ "at least", right before a level: lexicons/uptime.yml `floor_before`."""
    return listed_re("uptime", "floor_before", after=r"\s*$")


@per_ruleset
def _attain_after() -> re.Pattern[str]:
    """ "99.5% of all incidents": a share of cases (qualifiers.yml attainment_units) or of uptime.yml share_nouns."""
    words = listed("qualifiers", "attainment_units") + listed("uptime", "share_nouns")
    return re.compile(r"^\s*of\s+(?:all\s+|the\s+)?(?:\w+\s+){0,3}?" + word_re(words), re.I)


def _historical(text: str, found: Found) -> bool:
    """A level that reports the past ("last year we reached 99.8%", "actual uptime: 99.2%")."""
    lx = _lexicon()
    return bool(lx.history_sentence.search(text) or lx.history_before.search(text[max(0, found.start - 60):found.start]))

_BAND_BEFORE = re.compile(
    r"(?:less|lower|fewer|below|under|from|<|≤|≥|>|between|\d\s*%?\s*[-–]|between\s+\S+\s+and|but\s+(?:at\s+least|not\s+less\s+than|greater\s+than"
    r"(?:\s+or\s+equal\s+to)?|equal\s+to\s+or\s+(?:greater|more)\s+than|above))\s*(?:than\s*)?(?:or\s+equal\s+to\s*)?$",
    re.I,
)
_BAND_AFTER = re.compile(r"^\s*(?:-|–|to)\s*(?:\d|<)|^\s*(?:or\s+(?:less|lower|below|more|higher|above))", re.I)


@per_ruleset
def _falls_below() -> re.Pattern[str]:
    """ "falls below", "is less than" right before a level: uptime.yml fall_verbs, then below_words."""
    return re.compile(word_re(listed("uptime", "fall_verbs")) + r"\s+" + word_re(listed("uptime", "below_words")) + r"\s*$", re.I)




def _conditional() -> re.Pattern[str]:
    """A clause that opens with a condition (qualifiers.yml condition_openers), after a clause number."""
    return listed_re("qualifiers", "condition_openers", before=r"^\s*(?:\d+(?:\.\d+)*\s+)?")
_FEE_AFTER = re.compile(r"^\s*(?:of\s+(?:the|its|their|your|such)?\s*(?:\w+\s+){0,3}?(?:fees?|charges?|price|invoice|amount|payment)s?)", re.I)


_NOT_LESS = re.compile(r"\b(?:not|no)\s+(?:less|lower|fewer)\s+than\s*$|\bnot\s+(?:below|under)\s*$", re.I)
_EXCEED = re.compile(r"\b(?:exceed\w*|over|above|more\s+than|greater\s+than|higher\s+than|in\s+excess\s+of)\s*$", re.I)
_SHARE_OF = re.compile(r"^\s*of\s+(?!(?:the\s+)?(?:time|uptime|availability)\b)"
                       r"(?!(?:each|any|every|the|a)\s+(?:calendar\s+|billing\s+|given\s+)?(?:month|quarter|year|period|"
                       r"billing|measurement|service|minutes|hours)\b)"
                       r"(?!(?:the\s+)?total\s+(?:number\s+of\s+)?(?:minutes|hours|time)\b)", re.I)


#: a percentage followed straight by another ("94% 10%"): a band and its credit in a tier table run together
_BAND_PAIR = re.compile(r"(?<![\d.])\d{2,3}(?:\.\d+)?\s*%\s+(?=\d{1,3}(?:\.\d+)?\s*%)")
_MORE_SIGN = re.compile(r"(?:>|≥|>=)\s*$")
_FLOOR_AFTER = re.compile(r"^\s*or\s+(?:more|higher|above|better|greater)\b", re.I)


def _is_band(text: str, found: Found, one_level: bool = False) -> bool:
    """A band edge ("less than 99.9% but at least 99.0%", "falls below 99%"). `one_level`: the clause
    states no other level, so a sign of "more than" ("a minimum availability of >99%") is its floor."""
    before = text[max(0, found.start - 40): found.start]
    if one_level and _MORE_SIGN.search(before) and not _BAND_AFTER.match(text[found.end: found.end + 20]):
        return False
    after = text[found.end: found.end + 20]
    if one_level and _FLOOR_AFTER.match(after) and not _BAND_BEFORE.search(before):
        return False  # "monthly target uptime: 95% or higher": the one level a clause states, and its floor
    if _NOT_LESS.search(before):
        return False
    if _EXCEED.search(before) and not _floor_before().search(before):
        return True
    return bool(_BAND_BEFORE.search(before) or _falls_below().search(before) or _BAND_AFTER.match(after))


def _credit_table(ctx: Context, sentence: Sentence) -> bool:
    """A row of a table whose header or title speaks of credits (a tier table), unless the row is a
    plan's: a plan table ("Plan | Monthly uptime | Credits") keys its rows by a name and gives each
    its uptime in a column of its own, where a tier table keys them by the uptime band itself."""
    header = " ".join(row_header(ctx, sentence)) + " " + table_title(ctx, sentence)
    return bool(_credit_header().search(header)) and not _plan_row(ctx, sentence)


_UPTIME_COLUMN = re.compile(r"availab|uptime|up-time", re.I)


def _plan_row(ctx: Context, sentence: Sentence) -> bool:
    """A row whose first cell names something (a plan, a service) rather than an uptime band, and
    whose every level (a percentage no lower than the uptime floor) sits under a column that names
    uptime or availability, none under a credit's."""
    cells = row_cells(sentence)
    header = row_header(ctx, sentence)
    if len(cells) < 2 or len(header) != len(cells) or not cells[0].strip() or find_percents(cells[0]):
        return False
    # a credit's own share ("10% credit") is no level; a level in a credit's column ("100%") is the credit's
    under = [header[i] for i, c in enumerate(cells) if i and any(f.value >= _lexicon().floor for f in find_percents(c))]
    return bool(under) and all(_UPTIME_COLUMN.search(h) and not _credit_header().search(h) for h in under)


@per_ruleset
def _credit_header() -> re.Pattern[str]:
    """The words of a credit column (credits.yml credit_column) and what else names a credit-tier table
    (uptime.yml credit_table_words), as whole words."""
    return re.compile(word_re(listed("credits", "credit_column") + listed("uptime", "credit_table_words")), re.I)


_DISCLAIMED = re.compile(r"\b(?:not|never|no|cannot|can't|doesn't|don't)\b[^.;]{0,40}\b(?:guarantee\w*|warrant\w*|promise\w*|commit\w*)\b[^.;]{0,60}$", re.I)
_LABEL_GAP = re.compile(r"^\s*(?:level|target|percentage|rate)?\s*(?::|-|–|=|of|is)\s*$", re.I)
# "Availability for the Service(s) is 99.9%": the metric, a short phrase naming what it covers, then the value
_NAMED_VALUE = re.compile(r"^(?:\s+(?:for|of|the|a|each|all|any|[A-Z][\w()/&-]*)){1,4}\s+(?:is|shall\s+be|will\s+be)\s*$")


#: after a field's value: nothing, or the period it is measured over ("Availability 99.6% per month")
_FIELD_TAIL = re.compile(r"^\s*(?:(?:per|each|every|a)\s+(?:calendar\s+)?(?:month|quarter|year)|monthly|quarterly|annually)?\s*\.?\s*$", re.I)


def _labelled(sentence: Sentence, found: Found) -> bool:
    """ "Hardware availability: 99.9%" - a metric named right before its value, as in a summary; or
    a field of its own, the metric's name and its value alone ("Availability" over "99.6%" on a
    page of performance targets, read as one line)."""
    base = sentence.span.start_char
    text = sentence.text
    for span in sentence.matches(FAMILY, "METRIC"):
        end = span.end_char - base
        if end <= found.start and (_LABEL_GAP.match(text[end:found.start])
                                   or _NAMED_VALUE.match(text[end:found.start])):
            return True
        if end <= found.start and not text[:span.start_char - base].strip() and not text[end:found.start].strip() \
                and _FIELD_TAIL.match(text[found.end:]):
            return True
    return False


_HEADLINE_GAP = re.compile(r"^\s*(?:[A-Za-z-]+\s+)?$")


def _assumed() -> re.Pattern[str]:
    """ "is deemed to be 100% available": a convention of the calculation (uptime.yml assumed_words,
    at most 20 characters before the level), not a promise."""
    return listed_re("uptime", "assumed_words", after=r"[^.;]{0,20}$")


def _headline(sentence: Sentence, found: Found) -> bool:
    """ "99.5% uptime", "99.95% network availability": a percentage that names its metric right after
    it, as in a plan summary or a list of promises."""
    if _conditional().match(sentence.text) or _assumed().search(sentence.text[:found.start]):
        return False
    base = sentence.span.start_char
    for span in sentence.matches(FAMILY, "METRIC"):
        start = span.start_char - base
        if start >= found.end and _HEADLINE_GAP.match(sentence.text[found.end:start]):
            return True
    return False


def _commits(sentence: Sentence) -> bool:
    return bool(sentence.matches(FAMILY, "COMMIT"))


def _service_of(ctx: Context, sentence: Sentence) -> Optional[str]:
    if is_table_row(sentence):
        cells = [c.strip() for c in row_cells(sentence) if c.strip()]
        if cells and not find_percents(cells[0]):
            return cells[0]
    return None


def _period_for(text: str, found: Found) -> str:
    """The period cue nearest the percentage in the sentence (ties: the later one); where the
    sentence states several levels, a cue between this one and the next first: each level's own
    period follows it ("95% in any 7 day period and 98% in any 30 day period"). "week" when that
    is a week."""
    # availability levels only: a credit's "10% of the monthly fee" is no level with a period
    levels = [p.start for p in find_percents(text) if p.value >= _lexicon().floor]
    if len(levels) > 1:  # several levels in a row: each is followed by its own period
        following = [start for start in levels if start > found.start]
        own = [c for c in period_cues(text, weeks=True)
               if found.end <= c[0] < (following[0] if following else len(text))]
        if own:
            return own[0][1]
    # one level: the nearest cue, weeks aside ("excluding weekly maintenance" is no period of the level)
    cues = period_cues(text)
    if not cues:
        return "unspecified"
    return min(cues, key=lambda c: (abs(c[0] - found.start), -c[0]))[1]


_PROSE_CELL_WORDS = 8  # a cell of more words is a description's prose, not a measure's name


def _metric_elsewhere(sentence: Sentence, p: Found) -> bool:
    """In a table row, the availability word stands only in another cell's prose ("... all available
    resources ..." in a level's description) while the percentage stands in a column that names no
    availability ("Goal: 90%", a share of tickets met): the percentage is no uptime target."""
    text = sentence.text
    start = text.rfind("|", 0, p.start) + 1
    end = text.find("|", p.end)
    end = len(text) if end < 0 else end
    if _AVAILABILITY.search(text[start:end]):
        return False
    base = sentence.span.start_char
    for m in sentence.matches(FAMILY, "METRIC"):
        a, b = m.start_char - base, m.end_char - base
        if start <= a < end:
            return False
        cell_start = text.rfind("|", 0, a) + 1
        cell_end = text.find("|", b)
        cell = text[cell_start:len(text) if cell_end < 0 else cell_end]
        if len(cell.split()) <= _PROSE_CELL_WORDS:
            return False  # a short cell naming the measure ("Availability") beside its target
    return True


_AVAILABILITY = re.compile(r"availab|uptime|up-time|service level|\bsla\b", re.I)


def _candidates(ctx: Context, sentence: Sentence) -> list[tuple[Found, str]]:
    """(percent, rule id) of every availability target in one sentence or row."""
    text = sentence.text
    metric = sentence.matches(FAMILY, "METRIC")
    table = is_table_row(sentence)
    header_text = " ".join(row_header(ctx, sentence)) + " " + table_title(ctx, sentence) if table else ""
    percents = [p for p in find_percents(text) if p.value >= _lexicon().floor or _low_target(sentence, p)]
    if not metric and not (table and _AVAILABILITY.search(header_text)):
        # "Shared Hosting - 99.9% SLA": a level that names its promise right after it, or right
        # before it ("our SLA is 99.95%")
        percents = [p for p in percents if _named_after().match(text[p.end:]) or _named_before().search(text[:p.start])]
    if not percents:
        return []
    if sentence.matches(FAMILY, "CHRONIC"):
        return []
    # a worked example ("for example, 43 minutes in a month equals 99.9%") holds the figures after its
    # cue; a target stated before it ("99.5%, which equates to 3.6 hours a month") stands
    examples = [s.start_char - sentence.span.start_char for s in sentence.matches(FAMILY, "EXAMPLE")
                if not _hedges_level(text, s.end_char - sentence.span.start_char, percents)]
    if examples:
        percents = [p for p in percents if p.end <= min(examples)]
        if not percents:
            return []
    if table and _credit_table(ctx, sentence):
        return []
    if table and metric:
        percents = [p for p in percents if not _metric_elsewhere(sentence, p)]
    definition = sentence.matches(FAMILY, "DEFINITION")
    if definition and not re.search(r"\b(at least|no less than|not less than|will|shall|guarantee\w*|commit\w*|target)\b", text, re.I):
        return []
    credit = sentence.matches(FAMILY, "CREDIT")
    if credit and not table:
        # a tier table run together into one line ("95% 5% 94% 10% 93% 15%"): each pair is a band and
        # its credit, not a target (a level marked as the promise, "97% Guaranteed", is no pair's band)
        bands = [m.start() for m in _BAND_PAIR.finditer(text)]
        if len(bands) >= 3:
            percents = [p for p in percents if p.start not in bands]
    rule = (metric[0].id_ if metric else "uptime.table")
    out = []
    one_level = len(percents) == 1 and not credit and not table
    for p in percents:
        if _is_band(text, p, one_level):
            continue
        after = text[p.end: p.end + 60]
        if _attain_after().match(after) and not _lexicon().time_share.match(after):  # "99.9% of the time": a share of time, not of cases
            continue
        if _FEE_AFTER.match(after) or _SHARE_OF.match(after):
            continue
        if _DISCLAIMED.search(text[:p.start]) or re.search(r"[x×*]\s*$", text[:p.start]):
            continue  # "does not guarantee 100% availability"; "... x 100%" in a formula
        if credit and _conditional().match(text) and not _commits(sentence):
            continue
        if _someone_elses(text, p):
            continue  # "our upstream carrier guarantees 99.95%": another party's promise
        if _historical(text, p) and not _floor_before().search(text[:p.start]):
            continue  # what was achieved, not what is promised ("provide Actual Availability of at least" is a promise)
        lx = _lexicon()
        if not table and not _commits(sentence) and not lx.commit_words.search(text) \
                and not _labelled(sentence, p) and not _headline(sentence, p) and not lx.commit_section.search(sup.section_title(ctx, sentence.block_index)) \
                and not lx.time_share.match(after):
            continue  # a level stated under a "Service Levels" heading is that section's commitment; "is
            # available 99.9% of the time" states the share of time it is up, a target in itself
        out.append((p, rule))
    return out


_CLAUSE_END = re.compile(r"[.;:]\s|$")


def _someone_elses(text: str, found: Found) -> bool:
    """The level is another party's promise: that party is named before it in its clause (not inside an
    exclusion), or the level is "under their own SLA"."""
    start = max(text.rfind(". ", 0, found.start), text.rfind("; ", 0, found.start)) + 1
    before = text[start:found.start]
    m = _others().before.search(before)
    if m is not None and not listed_re("uptime", "excluding_words").search(before[:m.start()]):
        return True
    end = _CLAUSE_END.search(text, found.end)
    return bool(_others().after.search(text[found.end:end.start() if end else len(text)]))


@dataclass(frozen=True)
class _Others:
    before: re.Pattern[str]
    after: re.Pattern[str]


@per_ruleset
def _others() -> _Others:
    lx = lexicon("uptime")
    return _Others(_words_re(lx.get("others_before") or []), _words_re(lx.get("others_after") or []))


def _hedges_level(text: str, cue_end: int, percents: list[Found]) -> bool:
    """The example cue is a hedge on the level right after it ("an uptime of approximately 99.9%")."""
    if not _hedge_before().search(text[:cue_end]):
        return False
    return any(p.start >= cue_end and not text[cue_end:p.start].strip(" \t(.~") for p in percents)


@per_ruleset
def _hedge_before() -> re.Pattern[str]:
    return _words_re(lexicon("uptime").get("hedge_before") or [], r"$")


@per_ruleset
def _named_after() -> re.Pattern[str]:
    """Names of the promise that follow a level directly ("99.9% SLA", "99.95% uptime guarantee")."""
    words = lexicon("uptime").get("named_after") or []
    return re.compile(r"^\s*(?:%s)(?!\w)" % ("|".join(re.escape(str(w)).replace(r"\ ", r"\s+")
                                                  for w in sorted(words, key=len, reverse=True)) or "(?!)"), re.I)


@per_ruleset
def _named_before() -> re.Pattern[str]:
    """The promise named just before its level ("our SLA is 99.95%", "uptime guarantee of 99.9%")."""
    lx = lexicon("uptime")
    names = "|".join(re.escape(str(w)).replace(r"\ ", r"\s+")
                     for w in sorted(lx.get("named_after") or [], key=len, reverse=True)) or "(?!)"
    links = "|".join(re.escape(str(w)).replace(r"\ ", r"\s+")
                     for w in sorted(lx.get("named_links") or [], key=len, reverse=True)) or "(?!)"
    return re.compile(r"(?<!\w)(?:%s)\s*(?:%s)\s*$" % (names, links), re.I)


def _low_target(sentence: Sentence, found: Found) -> bool:
    """A level below the floor stated as the share of time the service is up, in a clause that
    commits to it ("promises ... available at least 55% of each month")."""
    lx = _lexicon()
    return bool(lx.time_share.match(sentence.text[found.end:])) and not sentence.matches(FAMILY, "CREDIT") \
        and (_commits(sentence) or bool(lx.commit_words.search(sentence.text))
             or bool(_floor_before().search(sentence.text[:found.start])))


def _credit_trigger(ctx: Context, sentence: Sentence) -> list[tuple[Found, str]]:
    """ "You get a 10% credit if monthly uptime drops below 99.9%": a single credit threshold is the
    promise, read only where the document states no target otherwise (a tier list has several)."""
    metric = sentence.matches(FAMILY, "METRIC")
    if not metric or not sentence.matches(FAMILY, "CREDIT") or sentence.matches(FAMILY, "EXAMPLE") \
            or sentence.matches(FAMILY, "CHRONIC") or is_table_row(sentence):
        return []
    percents = [p for p in find_percents(sentence.text) if p.value >= _lexicon().floor]
    if len(percents) != 1:
        return []
    p = percents[0]
    before = sentence.text[max(0, p.start - 40): p.start]
    if not _falls_below().search(before) or not listed_re("qualifiers", "condition_openers").search(sentence.text):
        return []
    return [(p, metric[0].id_)]


def _tier_threshold(ctx: Context) -> list[tuple[Found, str, Sentence]]:
    """A document that states no target but pays credits in bands ("Less than 99.9% but at least 99.0%
    | 10%"): the highest band edge, where credits start, is the level it commits to."""
    best: Optional[tuple[Found, str, Sentence]] = None
    tiers = 0  # sentences or rows that state a band
    for sentence in ctx.sentences:
        if is_table_row(sentence):
            if not _credit_table(ctx, sentence):
                continue
            cells = [c for c in row_cells(sentence) if c.strip()]
            text = cells[0] if cells else ""
        elif sentence.matches(FAMILY, "METRIC") and sentence.matches(FAMILY, "CREDIT") \
                and not sentence.matches(FAMILY, "EXAMPLE"):
            text = sentence.text
        else:
            continue
        banded = [p for p in find_percents(text)
                  if _lexicon().floor <= p.value < 100 and (_is_band(text, p) or re.search(r"[≥≤<>]\s*$", text[:p.start]))]
        tiers += bool(banded)
        for p in banded:
            if best is None or p.value > best[0].value:
                best = (p, "uptime.credit_band", sentence)
    return [best] if best and tiers >= 2 else []  # one band alone is a condition, not a tier list


def _bare_item(sentence: Sentence) -> bool:
    """A list item of a few words only: a name in a list of sections or terms."""
    return sentence.block.kind == "list_item" and len(re.findall(r"[^\W\d_]+", sentence.text)) < 5


def _resolved_period(ctx: Context, sentence: Sentence, found: Found, default_period: str) -> str:
    """The target's own period, else its table's, else the document's usual one."""
    per = _period_for(sentence.text, found)
    if per == "week":
        return per  # shorter than any spec period: stated, so not the document's usual one either
    if per == "unspecified" and is_table_row(sentence):
        per = period(" ".join(row_header(ctx, sentence)) + " " + table_title(ctx, sentence))
    return default_period if per == "unspecified" else per


_LEAD_END = re.compile(r":[\W_]*$")
#: how many blocks after an "at least the following availability:" lead-in its items may run
_LEAD_REACH = 8


def _lead_in(ctx: Context, sentence: Sentence) -> bool:
    """ "The Service shall have at least the following availability, measured monthly:" - a
    commitment that names the metric and leaves its levels to the items after it."""
    text = sentence.text
    if not _LEAD_END.search(text) or not sentence.matches(FAMILY, "METRIC") or is_table_row(sentence):
        return False
    if any(p.value >= _lexicon().floor for p in find_percents(text)) or sentence.matches(FAMILY, "CHRONIC") \
            or sentence.matches(FAMILY, "CREDIT") or sentence.matches(FAMILY, "EXAMPLE"):
        return False
    return _commits(sentence) or bool(_lexicon().commit_words.search(text))


def _listed(ctx: Context, n: int) -> list[tuple[Found, Sentence]]:
    """The levels the items after lead-in `n` state, one per item ("Months 7-12: 99.4%")."""
    lead = ctx.sentences[n]
    key = sup.section_key(ctx, lead.block_index)
    out: list[tuple[Found, Sentence]] = []
    for s in ctx.sentences[n + 1:]:
        if s.block_index > lead.block_index + _LEAD_REACH or s.block.kind == "heading" \
                or sup.section_key(ctx, s.block_index) != key:
            break
        levels = [p for p in find_percents(s.text) if p.value >= _lexicon().floor and not _is_band(s.text, p)]
        item = s.block.kind == "list_item" or sup.enumerated(s.text)
        if item and len(levels) == 1 and not s.matches(FAMILY, "CREDIT") and not _historical(s.text, levels[0]):
            out.append((levels[0], s))
        elif item and out:
            break  # the list has ended
    return out


def _item_service(sentence: Sentence, found: Found) -> Optional[str]:
    """The label an item gives its level ("Months 7-12 following launch: 99.4%" -> its label)."""
    label = sup.ENUM_START.sub("", sentence.text[:found.start]).strip(" :-–|\t")
    return label or None


def collect(ctx: Context, terms: Terms) -> None:
    items: list[tuple[Found, str, Sentence]] = []
    lead_of: dict[int, Sentence] = {}  # id of an item sentence -> its lead-in, whose period it takes
    for n, sentence in enumerate(ctx.sentences):
        if sup.in_block_example(ctx, n):
            continue  # "Example: ... 8 hours down in a month ... From here uptime is 98.9%": a worked case, no target
        for found, rule in _candidates(ctx, sentence):
            items.append((found, rule, sentence))
        if _lead_in(ctx, sentence):
            for found, item in _listed(ctx, n):
                if id(item) not in lead_of and not _candidates(ctx, item):
                    lead_of[id(item)] = sentence
                    items.append((found, "uptime.listed_after_lead_in", item))
    if not items:
        triggers = [(found, rule, sentence) for sentence in ctx.sentences_with(FAMILY, "METRIC")  # none without
                    for found, rule in _credit_trigger(ctx, sentence)]
        if len({round(f.value, 3) for f, _, _ in triggers}) == 1:
            items = triggers[:1]
    if not items:
        items = _tier_threshold(ctx)
    if not items:
        return
    # the document's usual period, for targets whose own sentence names none
    # (a bare name in a list, "* Monthly Uptime Percentage", states nothing about this document's targets)
    # (a credit scale's row that restates the target, "(99.8% availability) in the calendar month: 0%",
    # measures it for the whole document like any credit rule)
    targets = {id(s) for f, _, s in items if not _credit_row(ctx, s, f)}
    # A target's own sentence ("hosting: 99.9%, measured monthly") dates that target only: another
    # service's bare "Network availability: 99.9%" keeps no period. The usual period comes from what
    # defines or measures the metric for the whole document ("Uptime is measured per calendar month",
    # a credit rule "for every 0.1% of monthly downtime").
    doc_periods = Counter(p for p in (period(s.text) for s in ctx.sentences_with(FAMILY, "METRIC")
                                      if not _bare_item(s) and id(s) not in targets)
                          if p != "unspecified")
    default_period = doc_periods.most_common(1)[0][0] if doc_periods else "unspecified"
    blanket = blanket_qualifiers(ctx, "uptime")
    seen: dict[tuple[float, str, Optional[str]], bool] = {}  # target -> whether its kept statement states its period
    scale_row: dict[tuple[float, str, Optional[str]], bool] = {}  # target -> whether its kept statement is a credit row
    headed: dict[tuple[float, str, Optional[str]], bool] = {}  # target -> whether its kept statement's heading names uptime
    periods = []
    own_period = []
    for found, _, sentence in items:
        lead = lead_of.get(id(sentence))
        # "at least the following uptime, measured monthly:" measures every item ("in the first quarter: 98.5%")
        per = period(lead.text) if lead is not None else "unspecified"
        if per == "unspecified":
            per = _resolved_period(ctx, sentence, found, "unspecified")
        own_period.append(per != "unspecified")
        periods.append("unspecified" if per == "week" else default_period if per == "unspecified" else per)
    # "We strive for 100% uptime. We guarantee 99.9%": an aim beside a promise is not the promise
    aims = [_aimed(s.text, f) for f, _, s in items]
    if any(aims) and not all(aims):
        kept = [k for k, aim in enumerate(aims) if not aim]
        items = [items[k] for k in kept]
        periods = [periods[k] for k in kept]
        own_period = [own_period[k] for k in kept]
    # "beyond the 99.9% guarantee" refers back to a target stated with its period: not a new one
    dated = {(round(f.value, 3), _service_of(ctx, s)) for (f, _, s), per in zip(items, periods) if per != "unspecified"}
    for (found, rule, sentence), per, own in zip(items, periods, own_period):
        service = _item_service(sentence, found) if id(sentence) in lead_of else _service_of(ctx, sentence)
        if per == "unspecified" and (round(found.value, 3), service) in dated:
            continue
        key = (round(found.value, 3), per, service)
        quals = qualifiers_for(ctx, sentence)
        quals += tuple(dict.fromkeys(q for q, _ in blanket if q not in quals))
        evidence = sentence.evidence(rule)
        row = _credit_row(ctx, sentence, found)
        under = _uptime_heading(ctx, sentence)
        if key in seen:
            # a credit scale that restates the target as its first band ("Less than 43.8 minutes (99.9%
            # uptime): 0% discount") does not decide over the clause that promises it, whatever it states
            if row != scale_row[key]:
                if not row:
                    at = next(i for i, u in enumerate(terms.uptime) if (round(u.percent, 3), u.period, u.service) == key)
                    terms.uptime[at] = Uptime(percent=found.value, period=per, service=service, evidence=evidence,
                                              qualifiers=quals)
                    record(terms, "uptime", quals, evidence)
                    seen[key], scale_row[key] = own, row
                continue
            # the same target stated twice ("Uptime: 99.95%" in a summary, "We aim for 99.95%" in the
            # body): the statement that qualifies it decides, so it is the one kept; else the clause that states how
            # it is measured ("available at least 99.9% of the time in any calendar month") decides over a
            # summary that only names the level ("we offer a 99.9% uptime SLA")
            at = next(i for i, u in enumerate(terms.uptime) if (round(u.percent, 3), u.period, u.service) == key)
            old_soft = _soft(terms.uptime[at].qualifiers)
            # all else equal, the statement in the uptime section decides over a note or summary elsewhere
            if (_soft(quals) and not old_soft) or (_soft(quals) == old_soft and (
                    (own and not seen[key]) or (own == seen[key] and under and not headed[key]))):
                terms.uptime[at] = Uptime(percent=found.value, period=per, service=service, evidence=evidence, qualifiers=quals)
                record(terms, "uptime", quals, evidence)
                seen[key], headed[key] = own, under
            continue
        seen[key], scale_row[key], headed[key] = own, row, under
        terms.uptime.append(Uptime(percent=found.value, period=per, service=service, evidence=evidence, qualifiers=quals))
        record(terms, "uptime", quals, evidence)


def _credit_row(ctx: Context, sentence: Sentence, found: Found) -> bool:
    """The statement is a row of a credit scale: a credit table's row, or a sentence that pairs the
    level with a credit of its own ("... (99.9% uptime) during one month: 0% discount")."""
    if _credit_table(ctx, sentence):
        return True
    others = [f for f in find_percents(sentence.text) if f.start != found.start]
    return bool(others) and _credit_words().search(sentence.text) is not None


def _uptime_heading(ctx: Context, sentence: Sentence) -> bool:
    """The sentence sits in a section whose heading speaks of uptime ("Uptime commitment", "2.
    Availability"), by the uptime cues of rules/lexicons/mentions.yml."""
    cues = ((lexicon("mentions").get("topics") or {}).get("uptime") or {}).get("cues") or []
    title = section_title(ctx, sentence)
    return bool(title) and bool(cues) and cue_regex([str(c) for c in cues]).search(title) is not None


def _credit_words() -> re.Pattern[str]:
    """The credit-scale words of rules/lexicons/findings.yml (credit, rebate, discount, refund)."""
    return cue_regex([str(w) for w in (lexicon("findings").get("credit_thresholds") or {}).get("scale_words") or []])


def _aimed(text: str, found: Found) -> bool:
    """A level the provider only aims at ("we strive for 100% uptime", "our goal is 100%"): the
    aim words (rules/lexicons/uptime.yml) stand shortly before it in its clause."""
    return bool(_aim_before().search(text[max(0, found.start - 40):found.start]))


@per_ruleset
def _aim_before() -> re.Pattern[str]:
    return _words_re(lexicon("uptime").get("aim_before") or [], r"(?:[\s:=-]+[^\s.;:%]+){0,3}[\s:=-]*$")


def _soft(quals: tuple[Qualifier, ...]) -> bool:
    """Whether the qualifiers make a target a target only (efforts or target-only wording)."""
    return any(q.kind in ("efforts", "target_only") for q in quals)
