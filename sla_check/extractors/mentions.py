"""Where a document speaks of a term (a "Response Times" table, a "Service Credits" heading),
whether or not a value was read from it.

A check that finds no value says `gap` only when the document gives no sign of the term;
with a mention here it says `review` and points to it. Topics and cues live in
rules/lexicons/mentions.yml.
"""
from __future__ import annotations

import re
from typing import Optional

from sla_check.checktypes import NO_FIGURE
from sla_check.extract import Context
from sla_check.extractors._cues import cue_regex, cue_scanner
from sla_check.models import Block, Evidence, Terms
from sla_check.normalize import find_durations, lexicon, per_document_cache, severity_level
from sla_check.vocabulary import listed_re


#: a run-in heading: an optional clause number, then a short caption ending in ':' or '.'
#: ("4. RESPONSE TIME: (Commitment to customers)", "4.2 Requesting Service Credits. Customers ...")
_RUN_IN = re.compile(r"^\s*(?:\(?[0-9A-Za-z]{1,3}(?:\.[0-9]+)*[.)]?\s+)?([A-Za-z][A-Za-z&/' -]{2,60}?)\s*[:.](?:\s|$)")


@per_document_cache  # asked of every paragraph once per topic
def _run_in_heading(text: str) -> Optional[str]:
    """The caption a clause opens with, when it reads as a heading: at most six words, each
    capitalised unless short ("Service Credits", "RESPONSE TIME", "Claim of Credits"), so that
    a short sentence ("Availability is measured monthly.") is not taken for one."""
    m = _RUN_IN.match(text)
    if m is None:
        return None
    words = m.group(1).split()
    if not 1 <= len(words) <= 6 or not all(w[0].isupper() or len(w) <= 3 for w in words):
        return None
    return m.group(1)


#: a numbered clause ("2. Response Time", "3.1 Credits"): as a short item it is the clause's caption,
#: where a bulleted one ("- Scheduled maintenance") is an entry of a list
_NUMBERED = re.compile(r"^\s*\(?\d{1,2}(?:\.\d{1,2})*[.)]?\s+\D")


def _caption_line(text: str) -> bool:
    """A line of a few words standing alone with no closing stop ("Response time" above its
    definition): a caption however it is cased, as plain text and web pages write headings."""
    words = text.split()
    return 1 <= len(words) <= 6 and not text.rstrip().endswith((".", ";", ",")) and not find_durations(text)


#: the most words a row's first cell has to count as its label
_CELL_WORDS = 8

#: where a web table's header cells were glued into one line, a lower-case letter runs into the
#: capital that opened the next cell ("PriorityDescriptionResponse timeResolution time")
_GLUED = re.compile(r"(?<=[a-z])(?=[A-Z])")
#: the fewest cells and the most words such a line has
_GLUED_CELLS = 3
_GLUED_WORDS = 12


def _glued_header(text: str) -> Optional[str]:
    """A table's header row read as one line with its cells run together: the cells, apart.
    A sentence ends in a stop or holds a figure; a run of a few capitalised cells does neither."""
    cells = [c.strip() for c in _GLUED.split(text.strip()) if c.strip()]
    if len(cells) < _GLUED_CELLS or len(text.split()) > _GLUED_WORDS or text.rstrip().endswith((".", ";", ",")) \
            or find_durations(text):
        return None
    return " | ".join(cells)


def _places(block: Block, where: str) -> list[str]:
    """The texts of `block` that count for a topic read in `where`."""
    glued = _glued_header(block.text) if block.kind in ("para", "heading") and where == "headers" else None
    if glued is not None:
        return [glued]
    if block.kind == "heading" or (where != "prose" and _caption_line(block.text)
                                   and (block.kind == "para" or (block.kind == "list_item" and _NUMBERED.match(block.text)))):
        return [block.text]
    caption = _run_in_heading(block.text) if block.kind in ("para", "list_item") else None
    if caption is not None and where != "prose":
        return [caption]
    if block.kind == "table_row":
        out = []
        if where == "headers":
            out += [" ".join(block.header or ())]
            if block.cells and len(block.cells[0].split()) <= _CELL_WORDS:
                out.append(block.cells[0])  # a row's label; a whole sentence in a cell is text, no header
        return out
    return [block.text] if where == "prose" else []


#: how far past a heading its section is read to tell what the heading is about
_SECTION_BLOCKS = 8
def _percent() -> re.Pattern[str]:
    """A percentage sign after a digit, or a percent word (numbers.yml percent_words)."""
    return listed_re("numbers", "percent_words", before=r"\d\s*%|")


def _opens_clause(block: Block) -> bool:
    """A paragraph or numbered item that opens a clause of its own: a caption line, or a run-in caption."""
    if block.kind == "list_item" and not _NUMBERED.match(block.text):
        return False
    return block.kind in ("para", "list_item") and (_caption_line(block.text) or _run_in_heading(block.text) is not None)


def _section_text(blocks: list[Block], at: int) -> str:
    """The text a heading (or a row, or a run-in caption) opens: its block and those after it,
    up to the next heading; a caption that is no heading (numbered clauses captioned in their
    first words, "1. Target Uptime. ...") opens only its clause, up to the next caption, so the
    next clause's words ("support requests") do not decide what it is about."""
    text = [blocks[at].text]
    # a glued header row heads its table's rows, whose first cells read as captions or headings ("Critical")
    glued = blocks[at].kind != "table_row" and _glued_header(blocks[at].text) is not None
    nested = blocks[at].kind != "heading" and not glued
    for b in blocks[at + 1: at + 1 + _SECTION_BLOCKS]:
        if (b.kind == "heading" and not glued) or (nested and _opens_clause(b)):
            break
        text.append(b.text)
    return " ".join(text)


def _about_something_else(section: str, other: re.Pattern[str]) -> bool:
    """The section a heading opens speaks of something else the heading's word also names and
    states no percentage ("Service Availability: email support 9am-5pm on weekdays")."""
    return bool(other.search(section)) and not _percent().search(section)


def _has_figure(section: str, kind: str) -> bool:
    """Whether the place holds a value of the topic's kind (a percentage, a duration): the value
    was there but not read, as against a heading over words that state none."""
    if kind == "percent":
        return bool(_percent().search(section))
    if kind == "duration":
        return bool(find_durations(section))
    return True


def _first_clause(blocks: list[Block], at: int) -> Optional[Block]:
    """The first paragraph or item under heading `at`, before the next heading."""
    for b in blocks[at + 1: at + 1 + _SECTION_BLOCKS]:
        if b.kind == "heading":
            return None
        if b.kind in ("para", "list_item") and b.text.strip():
            return b
    return None


def _top_level_cell(blocks: list[Block], spec: dict) -> Optional[Block]:
    """The first table row of the top priority whose cell under a column the topic names (`columns`) holds
    one of its cues and no figure ("Urgent | Resolve within: As soon as possible"): the document speaks of
    that priority's time without giving one."""
    cues, columns = cue_regex(spec.get("cues") or []), cue_regex(spec.get("columns") or [])
    for block in blocks:
        cells, header = block.cells or (), block.header or ()
        if block.kind != "table_row" or len(cells) < 2 or len(header) < 2 or severity_level(cells[0] or "") != 1:
            continue
        for cell, head in zip(cells[1:], header[1:]):
            if cell and head and cues.search(cell) and columns.search(head) and not find_durations(cell):
                return block
    return None


def collect(ctx: Context, terms: Terms) -> None:
    topics: dict[str, dict] = lexicon("mentions").get("topics") or {}
    tables = ctx.document.tables
    blocks = ctx.document.blocks
    place_cache: dict[tuple[int, str], list[str]] = {}  # a block's places depend on `where` alone, not the topic
    for topic, spec in topics.items():
        if spec.get("where") == "top_level_cells":
            row = _top_level_cell(blocks, spec)
            if row is not None:
                terms.mentions[topic] = Evidence(page=row.page, section=row.section, text=row.text.strip(),
                                                 rule=f"mention.{topic}")
            continue
        rx = cue_scanner(spec.get("cues") or [])
        where = str(spec.get("where", "headings"))
        other = cue_regex(spec.get("unless_section") or []) if spec.get("unless_section") else None
        not_here = cue_regex(spec.get("unless_place") or []) if spec.get("unless_place") else None
        seen_tables: set[int] = set()
        for i, block in enumerate(blocks):
            known = place_cache.get((i, where))
            if known is None:
                known = place_cache[(i, where)] = _places(block, where)
            places = list(known)
            tid = block.table_id
            if block.kind == "table_row" and tid is not None and tid not in seen_tables and 0 <= tid < len(tables):
                seen_tables.add(tid)
                places.append(tables[tid].title or "")
            hit = next((p for p in places if p and rx.search(p) and not (not_here and not_here.search(p))), None)
            if hit is None:
                continue
            section = _section_text(blocks, i)
            if other is not None and _about_something_else(section, other):
                continue
            text = block.text if block.kind != "table_row" else hit
            # a place that states no value of the kind is marked: the term is spoken of, not unread;
            # a later place that holds one (the table after a definition) is the one to point to
            figure = _has_figure(section, str(spec.get("figure", "")))
            if topic not in terms.mentions or figure:
                # a heading over no value: the clause it opens says what the document does say of the term
                at = block if figure or block.kind != "heading" else _first_clause(blocks, i) or block
                terms.mentions[topic] = Evidence(page=at.page, section=at.section,
                                                 text=(text if at is block else at.text).strip(),
                                                 rule=f"mention.{topic}" + ("" if figure else f".{NO_FIGURE}"))
            if figure:
                break
