"""Clause numbers and headings -> the section every block sits under (Evidence cites it).

Recognises "4", "4.2", "4.2.1", "4.2(a)", "(a)"/"(i)" sub-clauses under their parent,
"Clause 7", "Schedule 2", "Annex A", "Appendix 1", and unnumbered headings (short
title-case or upper-case lines, bold or larger lines, Markdown '#', DOCX heading styles).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Optional, Sequence

from sla_check.ingest.model import RawBlock
from sla_check.ingest.textnorm import lexicon
from sla_check.ruleset import per_ruleset

NUMBERED = re.compile(
    r"^(?P<num>(?:[A-Z]\.?(?=\d))?\d{1,2}(?:\.\d{1,3}){0,4})(?P<sub>(?:\((?:[a-z]{1,4}|\d{1,2})\))*)\.?(?:\s+(?P<rest>\S.*))?$",
    re.S,
)
PAREN_MARKER = re.compile(r"^\((?P<m>[a-z]{1,2}|[ivxlc]{1,6}|\d{1,2})\)\s+\S", re.I)
CLOSE_MARKER = re.compile(r"^(?P<m>[a-z]|[ivx]{1,5}|\d{1,2})\)\s+\S", re.I)
DOT_MARKER = re.compile(r"^(?P<m>[a-z]|[ivx]{2,5})\.\s+\S")  # "a. text", "ii. text": lower case only ("A. Title" heads a clause)
#: a bullet: a symbol, a symbol font's private-use glyph, a lone "o", or a full stop some PDFs draw it as
BULLET = re.compile(r"^(?:[\u2022\u00b7\u25e6\u2219\u25aa\u25cf\u25a0\uf000-\uf0ff\u2013*>+\-]|[o.](?=\s))\s+\S")
NUMBER_LIST = re.compile(r"^\d{1,2}[.)]\s+\S")
TERMINAL = re.compile(r"[.;,!?]\"?$")
ROMAN = {"i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"}


@per_ruleset
def division_re() -> re.Pattern[str]:
    """ "Clause 7", "Schedule 2", "§2": a named division and its number (built once per rule set:
    asked for every block)."""
    words = "|".join(re.escape(w) for w in sorted(lexicon().get("division_words", set()), key=len, reverse=True))
    return re.compile(  # a sign ("§") may touch its number: "§2"
        rf"^(?P<word>{words})(?:\s+|(?<=\W))(?P<id>[A-Z]{{1,3}}|\d{{1,3}}(?:\.\d{{1,3}})*|[IVXL]{{1,5}})\b\.?(?:\s*[:.\-\u2013\u2014|]\s*|\s+|$)(?P<rest>.*)$",
        re.I | re.S,
    )


def starts_list_item(text: str) -> bool:
    """A line that opens a bullet or lettered/numbered list item."""
    return bool(BULLET.match(text) or PAREN_MARKER.match(text) or CLOSE_MARKER.match(text) or DOT_MARKER.match(text))


def _opens_clause(rest: str) -> bool:
    """Text after a clause number starts like a sentence or title, not "hours", "%", a title
    that opens with a unit of time ("24 Hour Support Service": a quantity, not clause 24) or the
    month of a date ("12 October 2026")."""
    if not rest:
        return True
    if rest[0].islower() or rest[0] in "%)].,;:-\u2013/x":
        return False
    return not _month_first(rest) and not _unit_title(rest)


def _unit_title(text: str) -> bool:
    """A title (no sentence end) that opens with a word of time ("Hour", "Days";
    lexicons/durations.yml): the number before it counts hours or days."""
    from sla_check.normalize import unit_minutes  # the time units are rule data

    word = re.match(r"[A-Za-z]{3,}", text)
    return word is not None and word.group(0).lower() in unit_minutes() and not TERMINAL.search(text)


def _month_first(text: str) -> bool:
    """The text opens with a month and then a year or nothing ("October 2026", "March")."""
    date = re.match(r"([A-Za-z]+)\.?,?(?:\s+\d{4}\b|\s*$)", text)
    return bool(date and date.group(1).lower() in lexicon().get("month_words", set()))


def is_date_line(text: str) -> bool:
    """A line that is only a date ("12 October 2026", "October 12, 2026"): a letter's date, no heading."""
    text = text.strip()
    m = re.match(r"(\d{1,2})(?:st|nd|rd|th)?\s+(.*)$", text)
    if m:
        return _month_first(m.group(2))
    m = re.match(r"([A-Za-z]+)\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}$", text)
    return bool(m and m.group(1).lower() in lexicon().get("month_words", set()))


def starts_clause(text: str) -> bool:
    """A line that may open a numbered clause or a named division."""
    m = NUMBERED.match(text)
    if m and m.group("rest") and _opens_clause(m.group("rest")):
        return True
    return bool(division_re().match(text)) and not text[:1].islower()


def _small_words() -> set[str]:
    return lexicon().get("title_small_words", set())


def title_like(text: str) -> bool:
    """Title Case or UPPER CASE words (small words like 'of' and 'the' may stay lowercase)."""
    words = re.findall(r"[A-Za-z][A-Za-z'\-]*", text)
    if not words:
        return False
    letters = "".join(words)
    if letters.isupper() and len(letters) >= 3:
        return True
    small = _small_words()
    return words[0][0].isupper() and all(w[0].isupper() or w.lower() in small for w in words)


def heading_like(block: RawBlock, body_size: float) -> bool:
    """A short standalone line that reads as a heading rather than a sentence."""
    text = block.text.strip()
    if block.lines > 2 or len(text) > 90 or not re.search(r"[A-Za-z]{2}", text):
        return False
    words = text.split()
    if len(words) > 12 or TERMINAL.search(text) or "|" in text:
        return False
    if text.endswith(":") and len(words) > 6:
        return False
    if not text[0].isupper() and not text[0].isdigit() or is_date_line(text):
        return False
    bigger = body_size > 0 and block.size >= body_size * 1.15
    if block.bold or bigger or block.heading_hint:
        return True
    return title_like(text) and block.lines == 1 and not LABEL_VALUE.match(text)


#: "Phone: +1 555 0100", "Monday to Friday: 9:00 AM - 5:00 PM": a label and its value (figures,
#: no lowercase words) in body type is a line of content, not a title-case heading
LABEL_VALUE = re.compile(r"^[^:]{1,40}:\s+(?=[^\n]*\d)[^a-z]*$")


RUN_IN = re.compile(r"^(?P<title>[A-Z][^.:;!?\n]{1,60})\.\s+(?=[\"\u201c\u2018A-Z(])")


def run_in_title(text: str) -> Optional[str]:
    """The title a lettered item opens with before its sentence ("Availability." in
    "a) Availability. The service ..."): a few Title Case words closed by a full stop."""
    m = RUN_IN.match(text.strip())
    if m is None:
        return None
    title = m.group("title").strip()
    if len(title.split()) > 8 or not title_like(title) or title.isupper() and len(title) <= 3:
        return None
    return title


@dataclass
class Assigned:
    """What sections.assign decides for one raw block."""

    kind: str  # para | heading | list_item | table
    section: Optional[str]
    starts: Optional[tuple[Optional[str], str]] = None  # (number, title) when a section starts here


def _body_size(blocks: Sequence[RawBlock]) -> float:
    sizes: Counter[float] = Counter()
    for b in blocks:
        if b.size:
            sizes[round(b.size)] += len(b.text)
    return float(sizes.most_common(1)[0][0]) if sizes else 0.0


def _parts(num: str) -> tuple[int, ...]:
    return tuple(int(p) for p in num.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ.").split("."))


def _short_title(text: str, limit: int = 70) -> str:
    text = text.strip()
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "\u2026"


class _State:
    def __init__(self) -> None:
        self.clause: Optional[tuple[int, ...]] = None  # last clause number, for plausibility
        self.base: Optional[str] = None  # section of ordinary blocks: clause number or heading text
        self.parent: Optional[str] = None  # numbered clause paragraph that (a)-items hang under
        self.letter: Optional[str] = None  # current (a)-level marker under it
        self.in_item = False
        self.letter_prefix: Optional[str] = None  # "B" inside "Part B": clauses numbered B1, B2
        self.lead_in: Optional[int] = None  # number of the last item of a list opened by a "...:" lead-in


def _lead_in_item(text: str, m_num: re.Match[str], prev: Optional[Assigned], prev_text: str, last: Optional[int]) -> Optional[int]:
    """The number of an item of a list that a lead-in sentence opens ("Urgent requests:" then
    "1. Engineers respond ...", "2. ..."), or None for a clause. Only a plain "N." whose text
    is a sentence: "1. DEFINITIONS." or "1. Term. This Agreement ..." after "as follows:" opens
    the contract's own clauses."""
    num = m_num.group("num")
    rest = (m_num.group("rest") or "").strip()
    if not num.isdigit() or m_num.group("sub") or not rest or not text[len(num):].startswith("."):
        return None
    first = rest.split()[0].strip(".,;:")
    if len(first) > 1 and first.isupper() or title_like(rest) or run_in_title(rest) is not None:
        return None
    n = int(num)
    if last is not None and n == last + 1:
        return n
    if n == 1 and prev is not None and prev.kind in ("para", "list_item") and prev_text.endswith(":"):
        return n
    return None


def _plausible(parts: tuple[int, ...], state: _State) -> bool:
    """Does this number continue the document's numbering (not a stray "3 Service Credits")?"""
    if state.clause is None:
        return parts[0] <= 40
    top, prev = parts[0], state.clause[0]
    if top == prev:
        return parts != state.clause
    return prev < top <= prev + 3


CAPTION = re.compile(r"^(?:table|figure|chart)\s+[A-Z0-9]", re.I)
#: a table-of-contents entry: a dot leader (or a run of dots and spaces) then a page number
CONTENTS_ENTRY = re.compile(r"(?:\.{4,}|(?:\. ){3,}|\u2026{2,}|_{4,})\s*\.?\s*[0-9ivxlc]{1,4}$", re.I)
#: what the leader of every CONTENTS_ENTRY match holds, one per branch of its pattern
_LEADERS = ("....", ". . .", "\u2026\u2026", "____")


def is_contents_entry(text: str) -> bool:
    """A line of a table of contents ("5. Exclusions ........ 12"). The pattern is tried at every
    position of the text, so the leaders it needs are looked for first: most blocks and lines
    have none (measured: ~14 us a 280-character block, asked of every block and every line)."""
    return any(leader in text for leader in _LEADERS) and CONTENTS_ENTRY.search(text) is not None


def _heading_text(text: str) -> str:
    return re.sub(r"\s+", " ", text.lstrip("#").strip().rstrip(":").strip())


def _document_title(blocks: Sequence[RawBlock], body: float) -> Optional[int]:
    """Index of the document's title: its first block, a heading that no other heading matches
    in rank (the only level-1 heading, or the only line in the largest type)."""
    if not blocks:
        return None
    first = blocks[0]
    if first.kind == "title":
        return 0
    if first.kind == "table" or NUMBERED.match(first.text) or division_re().match(first.text):
        return None
    if first.kind == "heading" and first.level is not None:
        others = [b.level for b in blocks[1:] if b.kind == "heading" and b.level is not None]
        return 0 if others and min(others) > first.level else None
    if first.size and body and first.size >= body * 1.3 and heading_like(first, body):
        return 0 if all(b.size < first.size for b in blocks[1:]) else None
    return None


def _plain_heading(block: RawBlock, body: float) -> bool:
    """A heading only by its words: body type, not bold, no reader's hint."""
    return not block.bold and not block.heading_hint and not (body > 0 and block.size >= body * 1.15) \
        and block.kind != "heading" and heading_like(block, body)


def _prose(block: RawBlock) -> bool:
    """A block of running text: several words ending as a sentence does, or a bullet item."""
    text = block.text.strip()
    return block.kind in ("para", "list_item") and len(text.split()) >= 6 and (
        bool(TERMINAL.search(text)) or bool(BULLET.match(text)) or block.kind == "list_item")


def _sentence_case_heading(blocks: Sequence[RawBlock], i: int) -> bool:
    """A short sentence-case line standing alone between running text ("Response time" above
    "For critical issues we will respond ..."): a heading the way plain-text SLAs write one. A
    run of short lines (a flattened table's cells) is not: the line before must not be one too."""
    b = blocks[i]
    text = b.text.strip()
    words = text.split()
    if b.kind != "para" or b.lines != 1 or not 1 <= len(words) <= 5 or not text[0].isupper() or TERMINAL.search(text):
        return False
    if re.search(r"[\d|%:()]", text) or BULLET.match(text) or is_date_line(text):
        return False
    if i + 1 >= len(blocks) or not _prose(blocks[i + 1]):
        return False
    prev = blocks[i - 1] if i else None
    return prev is None or prev.kind in ("heading", "title", "table") or _prose(prev)


def _repeated_labels(blocks: Sequence[RawBlock], body: float) -> set[str]:
    """Plain title-like lines printed two or more times ("Target Action" under each severity,
    "Description" under each service): labels of a repeated layout, not headings; the
    heading above them (the severity, the service) stays their section."""
    seen: Counter[str] = Counter(b.text.strip().rstrip(":").lower() for b in blocks if _plain_heading(b, body))
    return {text for text, n in seen.items() if n >= 2}


def assign(blocks: Sequence[RawBlock]) -> list[Assigned]:
    """Kind and section for every raw block, and where each section starts.

    Headings (numbered or not) label what follows with their full text ("5. Exclusions",
    "Schedule A - Managed Services"); a numbered clause paragraph labels itself and what
    follows with its number ("4.2"), and its lettered items with "4.2(a)", "4.2(a)(i)".
    A caption or short title right above a table names the table, not a new section.
    """
    body = _body_size(blocks)
    division = division_re()
    restart = lexicon().get("restart_numbering", set())
    st = _State()
    out: list[Assigned] = []
    title_at = _document_title(blocks, body)
    labels = _repeated_labels(blocks, body)
    for i, b in enumerate(blocks):
        text = b.text.strip()
        if i == title_at:
            out.append(Assigned("heading", None))
            continue
        if b.kind == "table":
            out.append(Assigned("table", st.base))
            continue
        if b.kind == "title":  # the document's own title (DOCX Title style): not a section
            out.append(Assigned("heading", None))
            continue
        if is_contents_entry(text):  # names a clause elsewhere: neither starts a section nor uses up its number
            out.append(Assigned("para", st.base))
            continue
        explicit = b.kind == "heading"
        if b.typed_row and b.lines == 1 and not explicit:  # a table's row typed as a line: cells, not a title
            out.append(Assigned("para", st.base))
            continue
        before_table = i + 1 < len(blocks) and blocks[i + 1].kind == "table"
        heads_table = before_table or b.heads_rows  # a table, or rows typed as text lines right below
        if not explicit and (CAPTION.match(text) and len(text.split()) <= 15 or heads_table and heading_like(b, body) and not starts_clause(text)):
            out.append(Assigned("para", st.base))  # a table's title
            continue
        m_div = division.match(text)
        if m_div and not text[0].islower():
            rest = m_div.group("rest").strip()
            if explicit or not rest or (len(rest.split()) <= 12 and not TERMINAL.search(rest) and rest[0].isupper()):
                word, ident = m_div.group("word").capitalize(), m_div.group("id")
                number = f"{word} {ident.upper() if len(ident) <= 3 else ident}"
                st.letter_prefix = ident.upper() if len(ident) == 1 and ident.isalpha() else None
                if word.lower() in restart:
                    st.clause = None
                elif re.fullmatch(r"\d{1,2}(?:\.\d{1,3})*", ident):
                    st.clause = _parts(ident)  # "Clause 7" continues the numbering
                label = _heading_text(text)
                st.base, st.parent, st.letter, st.in_item = label, None, None, False
                out.append(Assigned("heading", label, (number, rest.strip(" -:\u2013\u2014") or number)))
                continue
        # a reader that knows the item is a list entry (Markdown "1." runs, Word lists) has the last word
        m_num = NUMBERED.match(text) if b.kind != "list_item" else None
        lead_in, st.lead_in = st.lead_in, None
        if m_num and not explicit and not b.bold:
            item = _lead_in_item(text, m_num, out[-1] if out else None, blocks[i - 1].text.strip() if i else "", lead_in)
            if item is not None:
                st.lead_in = item
                out.append(Assigned("list_item", st.base))
                continue
        if m_num and (m_num.group("rest") or explicit or b.bold):
            rest = (m_num.group("rest") or "").strip()
            parts = _parts(m_num.group("num"))
            prefix = m_num.group("num")[0] if m_num.group("num")[0].isalpha() else None
            if prefix is not None and prefix != st.letter_prefix:
                m_num = None  # "P1 Critical ..." is a priority, not clause P1
        if m_num and (m_num.group("rest") or explicit or b.bold):
            opens = _opens_clause(rest)
            if opens and (explicit or _plausible(parts, st)):
                number = m_num.group("num") + m_num.group("sub")
                st.clause = parts
                probe = RawBlock(rest, b.page, lines=b.lines, bold=b.bold, size=b.size)
                if explicit or (rest and heading_like(probe, body)):
                    label = number
                    st.base, st.parent, st.letter, st.in_item = label, None, None, False
                    out.append(Assigned("heading", label, (number, rest or number)))
                else:
                    subs = re.findall(r"\(([a-z]+)\)", m_num.group("sub"))
                    st.base, st.parent = number, m_num.group("num")
                    st.letter, st.in_item = (subs[0] if subs else None), False
                    out.append(Assigned("para", number, (number, _short_title(rest) or number)))
                continue
        m_item = PAREN_MARKER.match(text) or CLOSE_MARKER.match(text) or DOT_MARKER.match(text)
        if m_item and not explicit:
            marker = m_item.group("m").lower()
            st.in_item = True
            if st.parent is not None and not marker.isdigit():
                next_letter = st.letter is not None and len(marker) == 1 and len(st.letter) == 1 and ord(marker) == ord(st.letter) + 1
                if marker in ROMAN and st.letter is not None and not next_letter:
                    label = f"{st.parent}({st.letter})({marker})"
                else:
                    st.letter = marker
                    label = f"{st.parent}({marker})"
                out.append(Assigned("list_item", label, (label, _short_title(text[m_item.end() - 1:]))))
            else:
                title = None if marker.isdigit() else run_in_title(text[m_item.end() - 1:])
                if title is not None:  # a run-in term: "b) Mean Time to Respond. ... means ...": the item names itself
                    out.append(Assigned("list_item", title, (text[:m_item.end() - 1].strip(), title)))
                else:
                    out.append(Assigned("list_item", st.base))
            continue
        if b.kind == "list_item" or BULLET.match(text) or NUMBER_LIST.match(text):
            out.append(Assigned("list_item", st.base))
            continue
        label_line = st.base is not None and text.rstrip(":").lower() in labels and _plain_heading(b, body)  # (the first heading is a title)
        if explicit or (heading_like(b, body) or _sentence_case_heading(blocks, i)) and not label_line:
            label = _heading_text(text)
            if explicit and b.level is not None and b.level <= 2:
                # a part of a compound document ("## Private Cloud Services") may number its clauses from 1 again
                st.clause = None
            st.base, st.parent, st.letter, st.in_item = label, None, None, False
            out.append(Assigned("heading", label, (None, label)))
            continue
        st.letter, st.in_item = None, False
        out.append(Assigned("para", st.base))
    return out
