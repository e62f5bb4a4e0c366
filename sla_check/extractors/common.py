"""Helpers shared by the extractors: table cells and headers, document-defined hours and
severity ladders. Small and pure; each reads the Context and caches what it derives."""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from typing import Any, Iterable, Optional, Sequence

from sla_check.ruleset import per_ruleset
from sla_check.extract import Context, Sentence, doc_text
from sla_check.models import Evidence
from sla_check.normalize import LowerCasePattern, lexicon, normalise_text as _norm_space, per_document_cache, severity_level
from sla_check.vocabulary import listed, listed_re, word_re

_PREFIX_RE = re.compile(r"^[^:|]{1,60}:\s+(?=\S)")


def row_cells(sentence: Sentence) -> list[str]:
    """The raw cells of a table row (or the " | " pieces of a row rendered as text)."""
    block = sentence.block
    if block.cells is not None:
        return [c or "" for c in block.cells]
    return [c.strip() for c in sentence.text.split("|")]


def row_header(ctx: Context, sentence: Sentence) -> list[str]:
    block = sentence.block
    if block.header is not None:
        return [h or "" for h in block.header]
    table = ctx.table_of(sentence)
    return [h or "" for h in table.header] if table is not None else []


def is_table_row(sentence: Sentence) -> bool:
    return sentence.block.kind == "table_row" or (sentence.block.cells is not None)


def table_title(ctx: Context, sentence: Sentence) -> str:
    table = ctx.table_of(sentence)
    return (table.title or "") if table is not None else ""


@per_ruleset
def _kind_words() -> dict[str, list[LowerCasePattern]]:
    """One alternation per kind (a list of one pattern, so callers can iterate), for lower-cased text."""
    from sla_check.vocabulary import severity, time_kinds

    vocab = time_kinds()
    lists = {**vocab.in_headers, **vocab.lists, "severity_headers": severity().headers}
    out: dict[str, list[LowerCasePattern]] = {}
    for key in ("update", "resolution", "response", "severity_headers", "measure_headers", "non_commitment_headers", "non_commitment_cells",
                "response_columns", "empty_cells"):
        listed = lists[key]
        words = sorted((str(w).lower() for w in listed), key=len, reverse=True)
        out[key] = [LowerCasePattern(r"(?<![\w])(?:%s)(?![\w])" % "|".join(re.escape(w) for w in words))] if words else []
    return out


@per_ruleset
def _empty_label() -> re.Pattern[str]:
    """A cell that holds no value (time_kinds.yml empty_cells: "N/A", "TBD") or only punctuation."""
    from sla_check.vocabulary import time_kinds

    words = sorted(time_kinds().lists["empty_cells"], key=len, reverse=True)
    return re.compile(r"\W*(?:%s)?\W*" % "|".join(re.escape(w) for w in words), re.I)


def empty_cell(text: str) -> bool:
    """Whether a cell holds no value: "N/A", "TBD", "none" (time_kinds.yml empty_cells) or only punctuation."""
    return bool(_empty_label().fullmatch(text))


_SPLIT_WORD = re.compile(r"\b([A-Za-z]{2,}) ([a-z]{1,2})\b")


def despace(text: str) -> str:
    """Rejoin words a narrow table cell wrapped mid-word ("Respons e" -> "Response")."""
    return _SPLIT_WORD.sub(r"\1\2", text)


@per_document_cache
def kind_of(text: str) -> Optional[str]:
    """response | resolution | update named in a header, measure cell or title."""
    found = _kind_of(text)
    if found is None and _SPLIT_WORD.search(text):
        found = _kind_of(despace(text))
    if found is None and _CAMEL_JOIN.search(text):  # "InitialAssessment": a header whose space a PDF lost
        found = _kind_of(_CAMEL_JOIN.sub(" ", text))
    return found


_CAMEL_JOIN = re.compile(r"(?<=[a-z])(?=[A-Z][a-z])")


@per_document_cache
def _kind_of(text: str) -> Optional[str]:
    text = _norm_space(text).lower()
    words = _kind_words()
    spans = []
    for kind in ("update", "resolution", "response"):
        for rx in words[kind]:
            m = rx.search_lower(text)
            if m:
                spans.append((m.start(), m.end(), kind))
                break
    if not spans:
        return None
    # a kind's phrase inside another kind's longer one ("communication" in "initial communication") is that phrase's
    hits = [(a, kind) for a, b, kind in spans
            if not any(a2 <= a and b <= b2 and (b2 - a2) > (b - a) for a2, b2, _ in spans)]
    # "Response and resolution" names two kinds: the caller treats that as ambiguous
    kinds = {k for _, k in hits}
    if len(kinds) > 1 and re.search(r"\band\b|/|&", text):
        return None
    return min(hits)[1] if len(kinds) == 1 else _priority_kind(kinds)


def kinds_named(text: str) -> list[str]:
    """Every kind a header names, in the order written ("Response / Resolution" -> response, resolution)."""
    # "TargetResolution": cells whose space was lost when a table was saved as text
    low = despace(_norm_space(re.sub(r"(?<=[a-z])(?=[A-Z])", " ", text))).lower()
    words = _kind_words()
    hits = sorted((m.start(), kind) for kind in ("update", "resolution", "response") for rx in words[kind]
                  for m in rx.finditer_lower(low))
    return list(dict.fromkeys(kind for _, kind in hits))


def only_empty_cells(text: str) -> bool:
    """Whether `text` holds nothing but empty or non-committing cells ("N/A", "Best effort", "*"): what
    may stand between two times of one row of a table flattened into a paragraph."""
    low = text.lower()
    for start, end in empty_cell_spans(text):
        low = low[:start] + " " * (end - start) + low[end:]
    return not re.search(r"[^\s*|,;†‡]", low)


def empty_cell_spans(text: str) -> list[tuple[int, int]]:
    """Where `text` holds an empty or non-committing cell ("N/A", "Best effort"), in order."""
    low = text.lower()
    spans = sorted((m.start(), m.end()) for key in ("empty_cells", "non_commitment_cells")
                   for rx in _kind_words()[key] for m in rx.finditer_lower(low))
    out: list[tuple[int, int]] = []
    for start, end in spans:
        if not out or start >= out[-1][1]:
            out.append((start, end))
    return out


def without_kind_words(text: str) -> str:
    """The text with its kind words taken out ("P1 response" -> "P1"): what is left may name a level."""
    out = _norm_space(text)
    for kind in ("update", "resolution", "response"):
        for rx in _kind_words()[kind]:
            out = rx.exact.sub(" ", out)
    return _norm_space(re.sub(r"\b(?:times?|targets?)\b", " ", out, flags=re.I)).strip(" -:|/")


def column_kind(header: str) -> Optional[str]:
    """The kind a table column holds: its header's kind word, or a way of responding ("Remote", "On-Site")."""
    found = kind_of(header)
    if found is None and is_header(header, "response_columns"):
        return "response"
    return found


def _priority_kind(kinds: set[str]) -> str:
    for k in ("update", "resolution", "response"):
        if k in kinds:
            return k
    return next(iter(kinds))


@per_document_cache
def is_header(text: str, which: str) -> bool:
    """Whether a header cell is a severity column ("severity_headers") or a measure column."""
    text = _norm_space(text).lower()
    return any(rx.search_lower(text) or rx.search_lower(despace(text)) for rx in _kind_words()[which])


# --------------------------------------------------------------------------- defined hours

_DEF_RE = re.compile(r"[\"“']([A-Z][\w ]{2,40}?(?:Hours|Hour|Days|Day|Window|Period|Time))[\"”']\s+(?:means|shall mean|is|are|refers to)\b(.*)", re.S)


@per_ruleset
def anchored_kind_re() -> re.Pattern[str]:
    """Matches the text just before a kind word that makes it the event a clock runs from or to
    ("within 2 days after the fault is resolved", "until restored"): that word is not the
    commitment's kind; nor is the goal of work begun ("working on resolution"). Anchor words are
    `event_anchors` and `effort_leads` in lexicons/time_kinds.yml."""
    from sla_check.vocabulary import time_kinds, word_re

    lists = time_kinds().lists
    anchors = word_re(lists["event_anchors"] + lists["effort_leads"])
    det = r"(?:(?:the|a|an|its|their|this|that|such|each|any)\s+)?"
    phrase = r"(?:[\w'’-]+\s+){1,3}?(?:is|are|was|were|has|have|had|gets?|got)\s+(?:(?:been|being|fully)\s+)*"
    return re.compile(rf"{anchors}\s+{det}(?:{phrase})?$", re.I)


@per_ruleset
def non_incident_object_re() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(after, before): a kind word whose object is not an incident ("resolve the dispute",
    "dispute resolution"). The nouns are `not_incidents` in lexicons/time_kinds.yml."""
    from sla_check.vocabulary import time_kinds, word_re

    nouns = word_re(time_kinds().lists["not_incidents"])
    det = r"(?:(?:the|a|an|any|such|that|this|each|their|its)\s+)?"
    after = re.compile(rf"^\s+(?:of\s+|to\s+)?{det}(?:[\w'’-]+\s+)?{nouns}", re.I)
    before = re.compile(rf"{nouns}\s+$", re.I)
    return after, before


@per_ruleset
def logistics_after_re() -> re.Pattern[str]:
    """A kind word whose object is goods on their way ("replacement equipment to be shipped",
    "replacement parts are dispatched"): `logistics_verbs` in lexicons/time_kinds.yml."""
    from sla_check.vocabulary import time_kinds, word_re

    verbs = word_re(time_kinds().lists["logistics_verbs"])
    return re.compile(rf"^\s+(?:[\w'’-]+\s+){{0,3}}?(?:(?:to|will|shall|is|are|be|being|can|may)\s+)*(?:be\s+)?{verbs}", re.I)


def history_re() -> re.Pattern[str]:
    """Verbs that report the past ("was", "were resolved"): `history_verbs` in lexicons/time_kinds.yml."""
    return listed_re("time_kinds", "history_verbs")


@per_ruleset
def plan_name_re() -> re.Pattern[str]:
    """A label that names a plan or tier ("Pro", "Enterprise plan", "Gold tier"): plans.yml names and nouns."""
    from sla_check.vocabulary import plan_words, word_re

    words = plan_words()
    return re.compile(word_re(words.names + words.nouns), re.I)


def weekday_re() -> re.Pattern[str]:
    """The working days by name (lexicons/basis.yml `weekdays`), as whole words."""
    return listed_re("basis", "weekdays")


@per_ruleset
def _tier_nouns() -> frozenset[str]:
    from sla_check.vocabulary import plan_words

    return frozenset(plan_words().staff)


@per_ruleset
def _cover_words() -> frozenset[str]:
    from sla_check.vocabulary import plan_words

    return frozenset(plan_words().cover)


def defined_hours(ctx: Context) -> dict[str, str]:
    """Defined hour terms ("Business Hours", "Service Hours") -> "business" | "calendar"."""
    if "defined_hours" in ctx.cache:
        return ctx.cache["defined_hours"]
    from sla_check.normalize import basis, collapse_number_words, has_basis_cue

    found: dict[str, str] = {}
    for sentence in ctx.sentences:
        text = sentence.text
        if "means" not in text and " is " not in text and "refers" not in text:
            continue
        m = _DEF_RE.search(text)
        if not m:
            continue
        term, body = m.group(1).strip(), collapse_number_words(m.group(2))
        b = basis(body)
        if b == "unspecified" and re.search(r"\d{1,2}[:.]\d{2}|\d\s*(?:am|pm)\b", body, re.I):
            b = "business" if weekday_re().search(body) or has_basis_cue(body, "business") else "unspecified"
        if b != "unspecified":
            found[term.lower()] = b
    ctx.cache["defined_hours"] = found
    return found


def defined_basis(ctx: Context, text: str) -> str:
    """calendar | business | unspecified from a mention of a defined hours term in `text`."""
    low = text.lower()
    for term, b in defined_hours(ctx).items():
        if term in low:
            return b
    return "unspecified"


# --------------------------------------------------------------------------- severity ladder

@per_ruleset
def _has_rank() -> re.Pattern[str]:
    """A digit, or a lettered prefix with its letter or number word ("Sev A", "Priority One"), from the lexicon."""
    from sla_check.vocabulary import severity

    vocab = severity()
    letters = "abcdefghi"[:vocab.highest]
    words = "|".join(re.escape(w) for w in sorted(vocab.number_words, key=len, reverse=True))
    return re.compile(rf"\d|\b(?:{vocab.lettered_re()})\s*[-.]?\s*(?:[{letters}]|{words})\b", re.I)


def label_has_rank(label: str) -> bool:
    """Whether a label carries its own number or letter ("P1", "Sev A", "Priority 2 - High")."""
    return bool(_has_rank().search(label))


_TWO_LEVELS = re.compile(r"^\s*([A-Za-z][\w ]{1,20}?)\s*(?:,|/|&)\s*([A-Za-z][\w ]{1,20}?)\s*$")


def _each_level(labels: Sequence[str]) -> list[str]:
    """Labels with a row for two named levels ("Critical, High") given as the two levels it names. When
    every row is written with two names ("Critical / Emergency", "High / Urgent", "Low / Advisory"), each
    row gives one level two names, and stays one rung."""
    if len(labels) >= 2 and all(_TWO_LEVELS.match(label) for label in labels):
        return list(labels)
    out: list[str] = []
    for label in labels:
        m = _TWO_LEVELS.match(label)
        if m and severity_level(m.group(1)) is not None and severity_level(m.group(2)) is not None:
            out.extend([m.group(1), m.group(2)])
        else:
            out.append(label)
    return out


def ladder_from_labels(labels: Sequence[str], declared: bool = False) -> Optional[list[str]]:
    """A document-defined order of named levels, when the generic names disagree with it.

    Given the labels in the order the document lists them (a table's rows, a list of
    definitions), if none carries a number and their generic levels are not strictly
    increasing one step at a time (e.g. Critical, Urgent, High, Normal -> 1, 1, 2, 3; Serious, Minor
    -> 2, 4), the list order is the ladder: "a level's number is its rank in that ladder" (terms.md).
    """
    names: list[str] = []
    for label in _each_level(labels):
        if _empty_label().fullmatch(label):
            continue  # "N/A" in the levels' column is no level of the ladder
        if severity_level(label) is None and kind_of(label):
            continue  # a second header row ("Response Time | Resolution Time") above the levels
        label = _norm_space(despace(label)) if severity_level(label) is None else _norm_space(label)
        if not label or label_has_rank(label):
            return None
        if label.lower() not in {n.lower() for n in names}:
            names.append(label)
    if len(names) < 2:
        return None
    levels = [severity_level(n) for n in names]
    if any(lv is None for lv in levels):
        # a column headed "Priority" listing the document's own names (Urgent, Standard,
        # Scheduled, Project...): its order is the ladder when the names it shares with the
        # generic scale agree with that order
        known = [lv for lv in levels if lv is not None]
        last_known = max((i for i, lv in enumerate(levels) if lv is not None), default=-1)
        if len(known) >= 3 and any(lv is None for lv in levels[:last_known]):
            # kinds of request listed among the levels ("Emergency, Critical, Normal, New User Setup,
            # Low"): a level named after them shows they are no rungs; the levels alone are the ladder
            return ladder_from_labels([n for n, lv in zip(names, levels) if lv is not None], declared)
        if declared and len(names) >= 3 and known and all(b >= a for a, b in zip(known, known[1:])):
            return names
        return None
    if all(b > a for a, b in zip(levels, levels[1:])):  # type: ignore[operator]
        if levels[0] == 1 and all(b == a + 1 for a, b in zip(levels, levels[1:])):  # type: ignore[operator]
            return None  # Critical, High, Medium, Low: the generic names already number them in order
        # High, Medium, Low with nothing above High: the document's ladder starts at High, its level 1
        return names  # Emergency, Medium, Low (1, 3, 4): the document's three levels are 1, 2 and 3
    if all(b < a for a, b in zip(levels, levels[1:])):  # type: ignore[operator]
        # listed least severe first: Low, Medium, High, Critical keep the generic names; Low, Medium,
        # High (nothing above High) is the same three-level ladder read from its other end
        return None if levels[-1] == 1 and all(a == b + 1 for a, b in zip(levels, levels[1:])) else names[::-1]  # type: ignore[operator]
    if len(set(levels)) == len(levels):
        # rows sorted by something else (a type of request, then its priority: "Billing Low", "Site down
        # Urgent", "Slow pages High"): names that each rank a different level keep their generic ranks
        return None
    return names


def unmerge_rows(header: Sequence[Optional[str]], rows: Sequence[Sequence[Optional[str]]]) -> list[list[str]]:
    """Rows put back under their columns where a merged cell was dropped: a web page's text leaves out
    the cells a group cell spanning several rows covers ("Incident" to the left of the levels), so the
    rows under the first start early, their level under the group's header and an empty cell at the end.
    Such a row moves right until its level is under the header that names the levels."""
    sev = next((j for j, h in enumerate(header) if h and is_header(h, "severity_headers")), None)
    out = [[c or "" for c in r] for r in rows]
    if not sev:
        return out
    for k, r in enumerate(out):
        if len(r) > sev and r[0].strip() and severity_level(r[0]) is not None and len(r[0]) < 40 \
                and (len(r[sev]) >= 40 or severity_level(r[sev]) is None) and not any(c.strip() for c in r[len(r) - sev:]):
            out[k] = [""] * sev + r[:len(r) - sev]
    return out


def severity_ladder(ctx: Context) -> Optional[list[str]]:
    """The document's own ladder, from the first table whose first column lists levels."""
    if "ladder" in ctx.cache:
        return ctx.cache["ladder"]
    ladder: Optional[list[str]] = None
    for table in ctx.document.tables:
        if not table.header or not table.rows:
            continue
        table_rows = unmerge_rows(table.header, table.rows)
        col = severity_column(table.header, table_rows)
        if col is None:
            continue
        head = " ".join((table.header[col] or "").split()).lower() if col < len(table.header) else ""
        stacked = next((k for k, r in enumerate(table_rows) if k and head and col < len(r)
                        and " ".join((r[col] or "").split()).lower() == head), len(table_rows))
        # the rows above a copy of the header (a second table stacked below, same columns); each label by
        # its name, not the description run on after a dash ("Critical - the system is down ...")
        labels = [_name_part(r[col]) for r in table_rows[:stacked] if col < len(r) and r[col] and r[col].strip()]
        declared = col < len(table.header) and bool(table.header[col]) and is_header(table.header[col] or "", "severity_headers")
        ladder = ladder_from_labels(labels, declared=declared)
        if ladder:
            break
        if _generic_order(labels):
            # the first table of levels lists them in the generic order (Urgent, High, Medium, Low): that
            # is the document's ladder, and headings further on ("High Priority", "Low Priority") do not renumber it
            ctx.cache["ladder"] = None
            return None
    if ladder is None:  # a table typed one row per line: its rows' levels in order
        for lines in line_tables(ctx):
            ladder = ladder_from_labels([r.label for r in lines.rows], declared=lines.declared)
            if ladder:
                break
    if ladder is None:
        ladder = _prose_ladder(ctx)
    ctx.cache["ladder"] = ladder
    return ladder


_NAME_DASH = re.compile(r"\s[-\u2013\u2014]\s")


def _name_part(label: str) -> str:
    """A long row label written "Name - what it means" as its name; other labels as they are."""
    m = _NAME_DASH.search(label)
    if len(label) > 40 and m and 0 < len(label[:m.start()].strip()) <= 40:
        return label[:m.start()].strip()
    return label


def _generic_order(labels: Sequence[str]) -> bool:
    """Whether three or more level labels each name a generic level, in strictly increasing order from 1."""
    levels = [severity_level(label) for label in labels]
    return len(levels) >= 3 and levels[0] == 1 and all(b is not None and a is not None and b > a
                                                       for a, b in zip(levels, levels[1:]))


_LEAD_LABEL = re.compile(r"^\s*(?:\(?[a-z0-9]{1,3}[.)]\s*)?[\"“]?([A-Z][A-Za-z ]{2,20}?)[\"”]?\s*(?::|-|–|—|means\b)")


def _prose_ladder(ctx: Context) -> Optional[list[str]]:
    """A ladder written out: "Critical > Urgent > High > Normal", or a run of items that each
    open with a level name ("(a) Critical: ...", "(b) Urgent: ...")."""
    for sentence in ctx.sentences:
        if sentence.text.count(">") >= 2:
            parts = [p.strip(" .;:") for p in sentence.text.split(">")]
            parts = [p.split()[-1] if i == 0 and p.split() else (p.split()[0] if p.split() else "") for i, p in enumerate(parts)]
            found = ladder_from_labels(parts)
            if found:
                return found
    return _first_ladder(_level_name(m.group(1).strip()) if m else None
                         for m in (_LEAD_LABEL.match(s.text) for s in ctx.sentences)) or _heading_ladder(ctx) \
        or _first_ladder((_item_level_name(s) for s in ctx.sentences), shortest=3)


def _item_level_name(sentence: Sentence) -> Optional[str]:
    """The level name opening a list item ("- Urgent outages are fixed within a day"), or None. Items make
    a ladder only three or more in a row: two ("Urgent", "Low") keep the generic numbers."""
    if sentence.block.kind != "list_item":
        return None
    first = _first_word(sentence.span)
    for span in sentence.matches("severity", "SEVERITY"):
        if span.start == first and is_severity_mention(span):
            return _level_name(span.text)
    return None


def _first_word(span) -> int:  # type: ignore[no-untyped-def]
    """The index of a span's first token that is not a bullet or punctuation."""
    k = span.start
    while k < span.end and (span.doc[k].is_punct or span.doc[k].text in "\u2022*\u00b7-\u2013"):
        k += 1
    return k


def _level_name(label: str) -> Optional[str]:
    """`label` when it names a level without a rank of its own ("Critical", not "P1")."""
    return label if label and severity_level(label) is not None and not label_has_rank(label) else None


def _first_ladder(labels: Iterable[Optional[str]], shortest: int = 2) -> Optional[list[str]]:
    """The ladder of the first run of `shortest` or more consecutive level names that makes one
    (None breaks a run)."""
    run: list[str] = []
    for label in itertools.chain(labels, [None]):
        if label is not None:
            run.append(label)
            continue
        if len(run) >= shortest:
            found = ladder_from_labels(run)
            if found:
                return found
        run = []
    return None


def _heading_ladder(ctx: Context) -> Optional[list[str]]:
    """Consecutive section headings that are each a level's name ("Critical", "Severe", "Medium",
    "Low"): the order of the sections is the document's ladder."""
    titles = (section.title.strip().rstrip(":") for section in ctx.document.sections)
    return _first_ladder(_level_name(t) if len(t.split()) <= 3 and not _about_levels(t) else None for t in titles)


def _about_levels(title: str) -> bool:
    """A heading about the levels ("Priority Information", "Severity Overview"), not one level's name:
    it opens with the ladder's own noun and gives no rank."""
    words = title.split()
    return len(words) >= 2 and is_header(words[0], "severity_headers") and not label_has_rank(title)


def holds_times(rows: Sequence[Sequence[Optional[str]]], j: int) -> bool:
    """Whether most of column j's cells state times: a column headed "Service Level Required" or "Service
    Level Agreement" over "We will respond within 2 hours" holds the targets themselves, neither the levels
    nor the names of measures that its header's words suggest."""
    from sla_check.normalize import find_durations

    col = [c for r in rows if j < len(r) for c in (r[j],) if c and c.strip()]
    return bool(col) and sum(1 for c in col if find_durations(c)) > len(col) / 2


def severity_column(header: Sequence[str], rows: Sequence[Sequence[Optional[str]]]) -> Optional[int]:
    """Index of the column holding severity labels, from its header or its cells."""
    for j, h in enumerate(header):
        if h and is_header(h, "severity_headers") and kind_of(h) is None and not holds_times(rows, j):
            return j
    for j in range(len(header)):
        cells = [c for r in rows if j < len(r) for c in (r[j],) if c and c.strip()]
        if cells and sum(1 for c in cells if len(c) < 40 and severity_level(despace(c)) is not None) >= max(2, len(cells) * 0.6):
            return j
    return None


def level_of(ctx: Context, label: Optional[str]) -> Optional[int]:
    """severity_level with the document's ladder applied to named (unnumbered) labels."""
    if not label:
        return None
    name = _name_part(label)
    if name != label:  # "Critical - the system is down, a significant loss ...": the name ranks the row
        level = level_of(ctx, name)
        if level is not None:
            return level
    ladder = severity_ladder(ctx)
    if ladder and not label_has_rank(label):
        level = severity_level(label, ladder) or severity_level(despace(label), ladder)
    else:
        level = severity_level(label)
    if level is None and _SPLIT_WORD.search(label):
        level = severity_level(despace(label), ladder if ladder and not label_has_rank(label) else None)
    return level


@per_ruleset
def _incident_nouns() -> frozenset[str]:
    """The nouns a level's name labels in prose ("critical incidents"): severity.yml prose_nouns."""
    from sla_check.vocabulary import severity

    return frozenset(severity().prose_nouns)


@per_ruleset
def _name_nouns() -> frozenset[str]:
    """The nouns a level's name carries when it labels a definition ("Critical Error:", "Major Fault -"):
    severity.yml label_nouns."""
    from sla_check.vocabulary import severity

    return frozenset(severity().label_nouns)


@per_ruleset
def _level_nouns() -> frozenset[str]:
    """What a capitalised level's name may stand before and still name a level: a label noun, severity.yml
    also_before ("Urgent requests"), or the next name of a list ("Critical and High", "P1/P2")."""
    from sla_check.vocabulary import severity

    return _incident_nouns() | frozenset(severity().also_before) | {"and", "or", ",", "/", ":", "-"}


_LABEL_AFTER = re.compile(r"^\s*(?:\([^()]{1,40}\)\s*)?[:\u2013\u2014]")


def is_severity_mention(span) -> bool:  # type: ignore[no-untyped-def]
    """A named level ("Urgent") counts only where it labels incidents, not as an adjective;
    "Level 1 support" is a support tier, not a severity."""
    doc = span.doc
    nxt = doc[span.end].lower_ if span.end < len(doc) else ""
    prev = doc[span.start - 1].lower_ if span.start > 0 else ""
    if span.text.lower().startswith(("level", "tier", "l1", "l2", "l3")) and nxt in _tier_nouns():
        return False
    if counts_time(span):
        return False
    if prev == "non" or (prev in {"-", "–"} and span.start > 1 and doc[span.start - 2].lower_ == "non"):
        return False  # "non-critical issues" are every level but the critical one
    if label_has_rank(span.text):
        return True
    if span.text[:1].isupper() and _LABEL_AFTER.match(doc_text(doc)[span.end_char:span.end_char + 50]) and \
            (span.start == span.sent.start or doc[span.start - 1].is_punct):
        return True  # "High (major impact): 30-minute response": a level labelling what follows
    if span.text[:1].isupper() and span.end < len(doc) and doc[span.end].text[:1].isupper() and \
            nxt in _name_nouns() and _LABEL_AFTER.match(doc_text(doc)[doc[span.end].idx + len(doc[span.end]):][:50]) and \
            (span.start == span.sent.start or doc[span.start - 1].is_punct):
        return True  # "- Critical Error: reply within 3 hours": a level's name, with its noun, labelling what follows
    if span.text[:1].isupper() and span.start == _first_word(span.sent) and \
            any(t.lower_ in _incident_nouns() for t in doc[span.end:min(span.end + 5, span.sent.end)]):
        return True  # "- Urgent server-down issues will be solved ...": a level opening what it governs
    if nxt in _level_nouns() or prev in {"priority", "severity", "level"}:
        # lower-case names count before a noun ("critical incidents"), not before "and"/","
        return span.text[:1].isupper() or nxt in _incident_nouns()
    return False


def is_cover_tier(span) -> bool:  # type: ignore[no-untyped-def]
    """ "Care Level 2", "Maintenance Level 1": a tier of cover the customer buys, which scopes the times
    beside it, not how severe an incident is (its clock still tells support hours apart per tier)."""
    prev = span.doc[span.start - 1].lower_ if span.start > 0 else ""
    return span.text.lower().startswith(("level", "tier")) and prev in _cover_words()


_UNIT_WORDS = {"minute", "minutes", "min", "mins", "hour", "hours", "hr", "hrs", "h", "day", "days", "week", "weeks",
               "business", "working", "calendar", "clock", "month", "months", "%", "percent"}


def counts_time(span) -> bool:  # type: ignore[no-untyped-def]
    """ "High priority: 4 hours": the number a level pattern took ("priority: 4") belongs to a duration."""
    doc = span.doc
    nxt = doc[span.end].lower_ if span.end < len(doc) else ""
    return bool(span.text[-1:].isdigit()) and nxt in _UNIT_WORDS




def section_title(ctx: Context, sentence: Sentence) -> str:
    """The heading text of the section a sentence sits in ("3. Response Times"), or ""."""
    titles = ctx.cache.get("section_titles")
    if titles is None:
        titles = {}
        for sec in ctx.document.sections:
            titles.setdefault(sec.label, sec.title)
        ctx.cache["section_titles"] = titles
    label = sentence.block.section
    return titles.get(label, "") if label else ""


def lead_in(ctx: Context, sentence: Sentence, kinds: tuple[str, ...] = ("table_row",)) -> str:
    """The prose just before a table or list ("... within the following times:"), or ""."""
    i = sentence.block_index - 1
    blocks = ctx.document.blocks
    if sentence.block.kind not in kinds:
        return ""
    while i >= 0 and blocks[i].kind in kinds:
        i -= 1
    if i < 0:
        return ""
    text = blocks[i].text.strip()
    return text if blocks[i].kind == "heading" or points_at_table(text) else ""


def points_at_table(text: str) -> bool:
    """Whether `text` points at the table after it ("... the following times:", "as set out below"):
    lexicons/tables.yml `pointers`, or a closing colon."""
    return text.rstrip().endswith(":") or bool(listed_re("tables", "pointers").search(text))


# --------------------------------------------------------------------------- stated clock for a table or section

_CLOCK_OFF_TOPIC = LowerCasePattern(
    r"\b(monitor\w*|maintenance|backups?|uptime|availability|credit\w*|invoice\w*|notice|"
    r"submit\w*|(?:report|log|rais|open|contact|email|call)\w*\b[^.;]{0,40}\bat\s+any\s+time)\b")
# "measured" speaks of the targets' clock only when the targets are its subject ("Resolution targets are
# measured during business hours"); otherwise it is how uptime is measured
_MEASURED = LowerCasePattern(r"\bmeasure(?:d|s|ment)?\b")
_TARGET_TIMES = LowerCasePattern(r"\b(?:respon\w*|resol\w*|targets?|times?|timeframes?|sla|slas)\b[^.;]{0,40}\bmeasured\b")


def _clock_off_topic(text: str) -> bool:
    """The text's clock is about monitoring, maintenance, uptime or credits, not the targets'."""
    return _CLOCK_OFF_TOPIC.occurs_in(text) or (_MEASURED.occurs_in(text) and not _TARGET_TIMES.occurs_in(text))


_ABOUT_TARGETS = LowerCasePattern(
    r"\b(times?|targets?|timelines?|timeframes?|sla|slas|service levels?|respon\w*|resol\w*|tickets?|incidents?|"
    r"requests?|support|priorit\w*|severit\w*|calls?|help ?desk|service desk)\b")


@per_ruleset
def customer_duty_re() -> re.Pattern[str]:
    """ "The Customer shall ...", "you must ...": a duty of the customer (lexicons/parties.yml), not a service level."""
    lx = lexicon("parties")
    roles = [str(r).lower() for r in lx["customer_roles"]]
    subjects = "|".join(r"\s+".join(map(re.escape, r.split())) + "s?" for r in sorted(roles, key=len, reverse=True))
    verbs = "|".join(r"\s+".join(map(re.escape, str(v).lower().split())) for v in sorted(lx["duty_verbs"], key=len, reverse=True))
    return re.compile(rf"\b(?:{subjects}|you)\s+(?:{verbs})\b", re.I)


@per_ruleset
def customer_duties_heading_re() -> re.Pattern[str]:
    """A heading over the customer's own duties ("IBM Customer Responsibilities", "Client Obligations"):
    a customer role (lexicons/parties.yml) or "your", then one of `duty_nouns`, at most one word apart
    ("Customer Conversion Responsibilities")."""
    lx = lexicon("parties")
    roles = [str(r).lower() for r in lx["customer_roles"]] + ["your"]
    subjects = "|".join(r"\s+".join(map(re.escape, r.split())) for r in sorted(roles, key=len, reverse=True))
    nouns = "|".join(re.escape(str(n)) for n in lx.get("duty_nouns") or [])
    return re.compile(rf"\b(?:{subjects})(?:['’]s)?\s+(?:[A-Za-z-]+\s+)?(?:{nouns})\b", re.I)


_TERM_DEFINED = re.compile(r"^\s*(?:[-•*]\s*)?[\"“'‘][^\"”'’]{2,60}[\"”'’]\s*(?::|means|shall mean|refers to|is|are)", re.I)


def statement_clock(text: str) -> str:
    """calendar | business | unspecified for a clock named in `text` (a 09:00-17:00 window with weekdays is business)."""
    from sla_check.normalize import basis, collapse_number_words

    text = collapse_number_words(text)
    b = basis(text)
    if b == "unspecified" and re.search(r"\d{1,2}[:.]\d{2}|\d\s*(?:am|pm)\b", text, re.I) and \
            weekday_re().search(text):
        b = "business"
    return b


#: one entry of a legend that names the clock of a short unit ("bh = business hours"); the entries
#: of one legend may run on one line ("hrs = 24/7 hours bhs = business hours")
_LEGEND_WORDS = 4  # a unit's name in a legend is short ("round the clock hours")
_LEGEND_ENTRY = re.compile(r"(?<![\w/])(?P<abbr>[A-Za-z]{1,5})\.?\s*=\s*")


def unit_legend(ctx: Context) -> dict[str, tuple[str, str]]:
    """The document's legend of time units: short unit -> (clock, unit word), from lines such as
    "bhs = business hours" that a table's cells ("24bhs") lean on. The meaning must name both a
    clock and a unit of hours or days; a unit the legend does not define keeps its own reading."""
    if "unit_legend" in ctx.cache:
        return ctx.cache["unit_legend"]
    from sla_check.normalize import unit_minutes

    units = unit_minutes()
    clocked = {units[w] for w in listed("durations", "legend_units") if w in units}  # an hour's, a day's minutes
    out: dict[str, tuple[str, str]] = {}
    for block in ctx.document.blocks:
        if len(block.text) > 400:
            continue
        entries = list(_LEGEND_ENTRY.finditer(block.text))
        for m, after in zip(entries, entries[1:] + [None]):
            meaning = re.split(r"[\n.;,(]", block.text[m.end():after.start() if after else len(block.text)])[0]
            abbr = m.group("abbr").lower()
            words = re.findall(r"[A-Za-z]+", meaning.lower())
            if len(words) > _LEGEND_WORDS or "%" in meaning:
                continue  # a formula or a sentence ("x = 5% of the fee per day"), not a unit's name
            unit = next((w for w in reversed(words) if units.get(w) in clocked), None)
            clock = statement_clock(meaning)
            if unit and clock != "unspecified" and abbr not in words:
                out[abbr] = (clock, unit)
    ctx.cache["unit_legend"] = out
    return out


def with_unit_legend(ctx: Context, cell: str) -> str:
    """`cell` with each time in a unit the legend defines spelled out with its clock ("24bhs" ->
    "24 business hours"), so the reader of durations takes its length and its clock."""
    legend = unit_legend(ctx)
    if not legend or not re.search(r"\d", cell):
        return cell
    alt = "|".join(re.escape(a) for a in sorted(legend, key=len, reverse=True))
    return re.sub(rf"(\d+(?:\.\d+)?)\s*({alt})\.?(?![A-Za-z0-9])",
                  lambda m: f"{m.group(1)} {legend[m.group(2).lower()][0]} {legend[m.group(2).lower()][1]}",
                  cell, flags=re.I)


def _rate_re(leads: tuple[str, ...]) -> re.Pattern[str]:
    """At the start of a text, a rate ("a day", "per week") or the whole week ("7 days"): what follows a
    duration that is a clock, not a time limit. The words are in lexicons/durations.yml."""
    from sla_check.vocabulary import word_re

    return re.compile(rf"^\s*{word_re(leads)}\s+{word_re(listed('durations', 'rate_periods'))}"
                      rf"|^\s*,?\s*{word_re(listed('durations', 'whole_week'))}", re.I)


@per_ruleset
def per_day_re() -> re.Pattern[str]:
    """ "24 hours a day", "8 hours per day, 5 days a week": the duration counts a clock."""
    return _rate_re(listed("durations", "rate_leads"))


@per_ruleset
def around_clock_re() -> re.Pattern[str]:
    """`per_day_re`, and "24 hours of the day" as a reply time's text also writes it."""
    return _rate_re(listed("durations", "rate_leads") + listed("durations", "round_the_clock_leads"))


def without_durations(text: str) -> str:
    """ "within 2 business days" is a time, not a clock; "24 hours a day, 7 days a week" is a clock."""
    from sla_check.normalize import collapse_number_words, find_durations

    text = collapse_number_words(text)
    for found in reversed(find_durations(text)):
        if per_day_re().match(text[found.end:]) or re.match(r"(?:a|an|per|each|every)\s", found.text, re.I):
            continue
        text = text[:found.start] + " " + text[found.end:]
    return text


def topic_only_after_hours(heading: str) -> bool:
    """A heading that names out-of-hours cover and no clock or level of its own ("After Hours Support"):
    a topic; the lines under it say whether that cover exists and when it runs ("Out of hours support
    for critical incidents" does give that level round-the-clock cover)."""
    from sla_check.normalize import has_basis_cue

    return has_basis_cue(heading, "outside_hours") and not has_basis_cue(heading, "calendar") \
        and not has_basis_cue(heading, "business") and severity_level(heading) is None


def stated_clocks(ctx: Context) -> tuple[Optional[str], dict[str, str]]:
    """(document clock, {section label: clock}) stated once for the targets that follow.

    An SLA often names its clock once for a whole table or section rather than in every
    cell: a document title ("Service Levels During Business Hours"), a note under a table
    ("Based on working days, Monday to Friday 09:00-17:00"), or a sentence about the times
    ("these targets run within our operational hours, 8am-6pm Monday-Friday"). Statements
    about monitoring, maintenance, availability or credits, definitions of a term, and
    statements scoped to one severity level are not such clocks. A section whose statements
    disagree has none.
    """
    if "stated_clocks" in ctx.cache:
        return ctx.cache["stated_clocks"]
    doc_clock: Optional[str] = None
    by_section: dict[str, set[str]] = {}
    evidence: dict[str, Evidence] = {}
    headings = [b for b in ctx.document.blocks if b.kind == "heading"]
    title = headings[0] if headings else None
    if title is not None and severity_level(title.text) is None and not _clock_off_topic(title.text):
        b = statement_clock(title.text)
        if b != "unspecified":
            doc_clock = b
            evidence["document"] = Evidence(page=title.page, section=title.section, text=title.text, rule="support_hours.title")
    for sentence in ctx.sentences:
        block = sentence.block
        if is_table_row(sentence) or block is title or not block.section:
            continue
        text = sentence.text
        if block.kind == "heading":
            # "Critical Support (24/7/365)": a heading's clock covers its own section
            if not _clock_off_topic(text) and not topic_only_after_hours(text):
                b = statement_clock(text)
                if b != "unspecified":
                    by_section.setdefault(block.section, set()).add(b)
                    evidence.setdefault(block.section, sentence.evidence("support_hours.heading"))
            continue
        # each test below only skips the sentence: the cheap one that skips most sentences goes first
        if len(text.split()) > 14 and not _ABOUT_TARGETS.occurs_in(text):
            continue
        if _clock_off_topic(text) or _TERM_DEFINED.search(text) or _DEF_RE.search(text) or customer_duty_re().search(text):
            continue

        if any(label_has_rank(s.text) or is_severity_mention(s) for s in sentence.matches("severity", "SEVERITY")):
            continue
        b = statement_clock(without_durations(text))
        if b != "unspecified":
            by_section.setdefault(block.section, set()).add(b)
            evidence.setdefault(block.section, sentence.evidence("support_hours.stated"))
    sections = {label: clocks.pop() for label, clocks in by_section.items() if len(clocks) == 1}
    ctx.cache["stated_clocks"] = (doc_clock, sections)
    ctx.cache["stated_evidence"] = evidence
    return doc_clock, sections


def stated_clock_evidence(ctx: Context, scope: str) -> Optional[Evidence]:
    """Where the clock of `scope` (a section label, or "document") is stated."""
    stated_clocks(ctx)
    return ctx.cache["stated_evidence"].get(scope)


def stated_clock(ctx: Context, sentence: Sentence) -> str:
    """The clock stated for the section of `sentence`, else for the whole document, else unspecified."""
    doc_clock, sections = stated_clocks(ctx)
    label = sentence.block.section
    if label and label in sections:
        return sections[label]
    return doc_clock or "unspecified"


def plan_basis(ctx: Context, plan: Optional[str]) -> str:
    """The clock a plan or tier runs on, from what the document says about that plan's hours
    ("Standard support is available Monday to Friday, 9am to 5pm"): one clock, or unspecified."""
    if not plan:
        return "unspecified"
    cache = ctx.cache.setdefault("plan_basis", {})
    key = _norm_space(plan).lower()
    if key not in cache:
        own = statement_clock(key)  # "Business hours", "24x7 plan" name their own clock
        if own != "unspecified":
            cache[key] = own
            return own
        word = re.compile(rf"(?<![\w]){re.escape(key)}(?![\w])", re.I)
        clocks = set()
        # a header line naming the plans side by side ("Level Basic Plus 24x7") states no plan's clock
        headers = {_norm_space(t.header).lower() for t in line_tables(ctx) if t.plans}
        for sentence in ctx.sentences:
            text = sentence.text
            if key not in text.lower() or not word.search(text) or _norm_space(text).lower() in headers:
                continue
            if is_table_row(sentence):
                cells = row_cells(sentence)
                if not cells:
                    continue
                if _norm_space(cells[0]).lower() == key:
                    text = " ".join(cells[1:])
                else:  # plans side by side: the plan's own column ("Cover | Self-help | 8x5 | 24x7")
                    header = [_norm_space(h).lower() for h in row_header(ctx, sentence)]
                    j = header.index(key) if key in header[1:] else 0
                    if not 0 < j < len(cells):
                        continue
                    text = cells[j]
            elif _clock_off_topic(text):
                continue
            b = statement_clock(without_durations(text))
            if b != "unspecified":
                clocks.add(b)
        cache[key] = clocks.pop() if len(clocks) == 1 else "unspecified"
    return cache[key]


def _all_but_re() -> re.Pattern[str]:
    """"except for <some> plans, <rest of the sentence>": group 1 the plans set apart, group 2 the rest."""
    nouns = word_re(listed("plans", "nouns"))
    return listed_re("basis", "all_but_leads", after=rf"\s+([^,.;:]{{1,40}}?{nouns})\s*,(.*)")


def all_but_clock(ctx: Context, plan: str, plans: Sequence[str]) -> str:
    """The clock a note states for every plan of a table but the ones it sets apart ("Except for 24x7
    plans, the listed times are counted in operating hours"), for `plan` when it is not set apart. The
    note speaks of the tables that list a plan it sets apart, so a table without one takes nothing."""
    def named(p: str, text: str) -> bool:  # by name, or by the clock a plan is named after ("24/7", "24x7 plans")
        own = statement_clock(p)
        return (re.search(rf"(?<![\w]){re.escape(_norm_space(p))}(?![\w])", text, re.I) is not None
                or own != "unspecified" and own == statement_clock(text))

    clocks = set()
    for sentence in ctx.sentences:
        m = _all_but_re().search(sentence.text)
        if not m or named(plan, m.group(1)) or not any(named(p, m.group(1)) for p in plans):
            continue
        b = statement_clock(without_durations(m.group(2)))
        if b != "unspecified":
            clocks.add(b)
    return clocks.pop() if len(clocks) == 1 else "unspecified"


def table_note_clock(ctx: Context, last_row: Sentence) -> str:
    """The clock a note just under a table states for it ("Based on working days: Monday to Friday
    09:00-17:00"): a short paragraph right after the last row, about no other topic."""
    i = last_row.block_index + 1
    blocks = ctx.document.blocks
    if i >= len(blocks) or blocks[i].kind not in ("para", "list_item"):
        return "unspecified"
    text = blocks[i].text
    if len(text.split()) > 30 or _clock_off_topic(text) or _TERM_DEFINED.search(text):
        return "unspecified"
    return statement_clock(without_durations(text))


# --------------------------------------------------------------------------- tables typed one row per line

@dataclass(frozen=True)
class LineRow:
    """One line of a table typed as text, one row per line and no column marks ("Urgent 8 business
    hours 80%"): the level it opens with and where, in the block's text, its times start."""

    block_index: int
    label: str
    kind: Optional[str]  # the kind word the row, or the row above it in its group, opens with ("Respond Critical ...")
    rest: int  # offset in the block's text just after the label


@dataclass(frozen=True)
class LineTable:
    """A header line ("Priority Level Respond By Resolve By") and the rows typed under it."""

    header: str
    kinds: tuple[str, ...]  # the kinds the header names, in order
    rows: tuple[LineRow, ...]
    declared: bool  # the header names the column of levels ("Priority", "Severity")
    plans: tuple[str, ...] = ()  # "Priority Starter Pro Enterprise": one column of times per plan, of the lead-in's kind


_LEAD_WORD = re.compile(r"^([A-Za-z]+)\s+")


def _label_gap() -> re.Pattern[str]:
    """What stands between a typed row's label and its first time: marks, then a word that leads a time
    ("Critical - within 1 hour"; lexicons/durations.yml `leads`)."""
    return listed_re("durations", "leads", r"[\s\-\u2013\u2014:=|,;]*(?:", r"\s*)?$")


def ranked_prefix(text: str) -> Optional[str]:
    """ "P1 - Critical Server outage; ransomware" -> "P1 - Critical": the words opening `text` that name
    a level (a rank, a level's name, or a dash between them), when the first of them carries a rank."""
    words = text.split()
    if not words or not label_has_rank(words[0]) or severity_level(words[0]) is None:
        return None
    k = 1
    if k < len(words) and re.fullmatch(r"[-\u2013\u2014:/]", words[k]):
        k += 1
    if k < len(words) and severity_level(words[k]) is not None:
        k += 1  # the level's name after its rank: "P2 - High", not "P4 - Low Minor issue"
    return " ".join(words[:k]).rstrip(" -\u2013\u2014:/")


def _line_row(index: int, text: str) -> Optional[tuple[Optional[str], str, int, int]]:
    """(lead kind, label, offset after the label, number of times) of a line typed as a table row, or None."""
    from sla_check.normalize import find_durations

    text = text.rstrip()
    if len(text) > 300:
        return None
    lead, start = None, 0
    m = _LEAD_WORD.match(text)
    if m and kind_of(m.group(1)) and (severity_level(text[m.end():].split(" ", 1)[0]) is not None
                                      or label_has_rank(text[m.end():].split(" ", 1)[0])):
        lead, start = kind_of(m.group(1)), m.end()  # "Respond Critical 1 hour": the kind column, then the level
    found = [f for f in find_durations(text[start:]) if f.value >= 1]
    if not found:
        return None
    head = text[start:start + found[0].start]
    gap = _label_gap().search(head)
    label = head[:gap.start()].strip() if gap else head.strip()
    if label and len(label) <= 40 and len(label.split()) <= 5 and not kind_of(label):
        return lead, label, start + len(head), len(found)
    ranked = ranked_prefix(label)
    if ranked:  # a description column between the level and its times
        return lead, ranked, start + len(ranked), -len(found)
    named = _level_suffix(label)
    if named and not kind_of(named):  # a description column, then the level's column, then its times
        return lead, named, start + len(head), len(found)
    return None


_LAST_NAME = re.compile(r"(?:^|\s|(?<=[a-z]))([A-Z][a-z]+)\s*$")


def _level_suffix(label: str) -> Optional[str]:
    """ "Complete outage of a hosted site Urgent" -> "Urgent": the level name closing a long row label, a
    level column's cell after a description (its space lost or not: "administrativeLow")."""
    m = _LAST_NAME.search(label)
    return m.group(1) if m and len(label) > len(m.group(1)) + 10 and severity_level(m.group(1)) is not None else None


def _plan_header(header: str) -> tuple[str, ...]:
    """The plans a line of column names lists after the levels' own header word ("Severity Essential
    Premier Premier+ 24/7 (Urgent tickets only)" -> Essential, Premier, Premier+, 24/7): one word per
    plan, a note in brackets left out. Nothing when a word names a kind."""
    words = re.sub(r"\([^)]*\)", " ", header).split()
    while words and is_header(words[0], "severity_headers"):
        words = words[1:]
    if not 2 <= len(words) <= 6 or any(kind_of(w) for w in words):
        return ()
    return tuple(words)


def _lead_kind(blocks: Sequence[Any], header_index: int) -> Optional[str]:
    """The kind the one or two lines just above a table's line of column names speak of ("The following
    table defines the initial response time for each priority", "Initial response")."""
    for k in range(header_index - 1, max(-1, header_index - 3), -1):
        if blocks[k].kind not in ("para", "heading"):
            return None
        kind = kind_of(blocks[k].text)
        if kind:
            return kind
    return None


def value_slots(text: str) -> list[Any]:
    """The values of a row typed as text, in order: each time is one value (a Found), each other word
    ("Best-effort", "N/A") one value of its own; marks of a footnote ("*") are no value."""
    from sla_check.normalize import find_durations

    slots: list[Any] = []
    p = 0
    for f in find_durations(text) + [None]:
        between = text[p:f.start if f else len(text)]
        slots += [w for w in between.split() if re.search(r"[A-Za-z0-9]", w)]
        if f is not None:
            slots.append(f)
            p = f.end
    return slots


def line_tables(ctx: Context) -> list[LineTable]:
    """Tables typed as text with one row per line and no column marks, as plain-text SLAs and web
    pages saved as text often hold them: a header line naming the kinds ("Priority Response Target
    Resolution Target"), then two or more lines that each open with a level and give its times in the
    header's order ("Priority 1 15 minutes 4 hours"); or rows whose first word names the kind for
    its group of levels ("Respond Critical 1 hour" then "Urgent 8 business hours"). A row with a
    description between its level and its times counts only when it holds one time per header kind."""
    if "line_tables" in ctx.cache:
        return ctx.cache["line_tables"]
    from sla_check.normalize import find_durations

    blocks = ctx.document.blocks
    out: list[LineTable] = []
    i = 0
    while i < len(blocks):
        parsed = []
        j = i
        while j < len(blocks) and blocks[j].kind in ("para", "heading"):
            row = _line_row(j, blocks[j].text)
            if row is None:
                break
            parsed.append((j, row))
            j += 1
        if len(parsed) < 2 or i == 0:
            i = max(j, i + 1)
            continue
        above = blocks[i - 1]
        header = above.text.strip() if above.kind in ("para", "heading") else ""
        if len(header.split()) > 12 and not header.endswith((".", ";")):
            # the line of column names run on at the end of the paragraph above ("... as below: Priority
            # Level Description Target Resolution"): the words after its last sentence end or figure
            tail = re.split(r"[.:;!?]\s|\d", header)[-1].strip()
            header = tail if 2 <= len(tail.split()) <= 12 and kinds_named(tail) else header
        if len(header.split()) > 12 or find_durations(header) or header.endswith((".", ";")):
            header = ""
        kinds = tuple(kinds_named(header)) if header else ()
        declared = bool(header) and is_header(header, "severity_headers")
        plans: tuple[str, ...] = ()
        if declared and not kinds:
            plans = _plan_header(header)
            lead = _lead_kind(blocks, i - 1) if plans else None
            kinds, plans = ((lead,), plans) if lead else ((), ())
        rows: list[LineRow] = []
        kind: Optional[str] = None
        for index, (lead, label, rest, count) in parsed:
            if count < 0 and len(kinds) != -count:
                continue  # a level, a description, then times that the header does not name one by one
            kind = lead or kind
            rows.append(LineRow(index, label, kind, rest))
        ranked = sum(1 for r in rows if severity_level(r.label) is not None or (declared and re.fullmatch(r"[1-9]", r.label)))
        if len(rows) >= 2 and (kinds or any(r.kind for r in rows)) and (ranked >= max(2, len(rows) / 2) or declared):
            out.append(LineTable(header, kinds, tuple(rows), declared, plans))
        i = j
    ctx.cache["line_tables"] = out
    return out
