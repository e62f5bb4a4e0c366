"""Table reading, decided once per table for every interpreter: the header (a header row the
reader missed, a header left as the paragraph above, "Response / Resolution" in one column),
the cells padded to one width, the kind and clock the title, lead-in sentence or a footnote
state for the whole table, and each column's role (levels, a kind, a measure, a plan, a
"typical" column), with the words of each role taken from the lexicons.

Interpreters read a TableView's cells and roles instead of re-deriving them from row text."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from sla_check.extract import Context, Sentence
from sla_check.extractors.common import (
    with_unit_legend,
    holds_times,
    column_kind,
    defined_basis,
    is_header,
    kind_of,
    kinds_named,
    label_has_rank,
    lead_in,
    plan_name_re,
    points_at_table,
    row_cells,
    row_header,
    section_title,
    severity_column,
    statement_clock,
    table_note_clock,
    table_title,
    unmerge_rows,
    without_durations,
    without_kind_words,
)
from sla_check.normalize import basis, collapse_number_words, find_durations, frequency_cell, severity_level
from sla_check.vocabulary import listed_re


def basis_text(ctx: Context, text: str) -> str:
    """calendar | business | unspecified named in `text`, directly or through a defined hours term."""
    b = basis(text)
    return b if b != "unspecified" else defined_basis(ctx, text)


@dataclass
class TableView:
    """One table's rows as read once: see the module docstring."""

    rows: list[Sentence]
    header: list[str]
    cells: list[list[str]]
    title: str = ""
    title_kind: Optional[str] = None  # kind named by the caption, the lead-in or the section heading
    title_basis: str = "unspecified"  # clock named by the caption, the lead-in or a footnote
    levels_across: list[int] = field(default_factory=list)  # header cells that are levels ("P1 | P2 | P3")
    level_col: Optional[int] = None  # the column of level labels
    kinds: dict[int, str] = field(default_factory=dict)  # column -> kind its header names
    measure_col: Optional[int] = None  # a column whose cells name each row's kind ("Measure")
    usual: set[int] = field(default_factory=set)  # "Typical resolution": not a commitment
    plans: list[int] = field(default_factory=list)  # timed columns headed by a plan or tier, not a kind
    scopes: dict[int, str] = field(default_factory=dict)  # column -> the plan a header row above its kind names
    timed: bool = False  # any cell holds a duration

    @property
    def width(self) -> int:
        return len(self.header)


def table_view(ctx: Context, rows: list[Sentence]) -> TableView:
    """The TableView of the table whose row sentences are `rows` (cached per table)."""
    cache = ctx.cache.setdefault("table_views", {})
    key = (rows[0].block.table_id, rows[0].block_index, len(rows))
    if key not in cache:
        cache[key] = _read(ctx, rows)
    return cache[key]


def _norm_cell(cell: str) -> str:
    return " ".join(cell.split()).lower()


def _repeats_header(header: list[str], cells: list[str]) -> bool:
    """A row whose first cell is the header's own first cell ("Priority", "Error Category / Priority") and
    that holds no time: the header of a second table run on below the first (saved pages often stack a
    table per plan or per clock with the same columns), not a row of levels."""
    first = _norm_cell(header[0]) if header else ""
    return bool(first) and bool(cells) and _norm_cell(cells[0]) == first and not any(find_durations(c) for c in cells)


def _after_rows(ctx: Context, sentence: Sentence) -> bool:
    """Whether rows of the same table come before this one (a copy of the header there starts a stacked
    table; as the table's first row it is the lower row of a two-row header, its corner filled in)."""
    i = sentence.block_index
    return i > 0 and ctx.document.blocks[i - 1].table_id == sentence.block.table_id is not None


def header_rows(ctx: Context, rows: list[Sentence]) -> list[int]:
    """The indices (> 0) of `rows` that repeat the table's header: where a stacked table begins."""
    header = row_header(ctx, rows[0]) if rows else []
    return [k for k, s in enumerate(rows) if k > 0 and _repeats_header(header, row_cells(s))]


def _read(ctx: Context, rows: list[Sentence]) -> TableView:
    header = row_header(ctx, rows[0])
    if len(rows) > 1 and _after_rows(ctx, rows[0]) and _repeats_header(header, row_cells(rows[0])):
        # a stacked table's own header row ("Priority | Response time on working days 8-23"): its
        # column names, with their clocks, head the rows below it
        header, rows = row_cells(rows[0]), rows[1:]
    title = table_title(ctx, rows[0])
    cells_by_row = unmerge_rows(header, [[with_unit_legend(ctx, respaced(c)) for c in row_cells(s)] for s in rows])
    named = [h.strip() for h in header if h.strip()]
    if len(named) <= 1 and len(rows) > 1:
        # a reader that missed the header row, or took the table's caption spanning it for the header
        # ("Table 2: Gold plan" over "Severity | Acknowledgement | Resolution"): the first row is the
        # header when it names kinds and holds no times, and the caption is the title
        first = cells_by_row[0]
        if not any(find_durations(c) for c in first) and sum(1 for c in first if kind_of(c)) >= (2 if named else 1):
            header, rows, cells_by_row = list(first), rows[1:], cells_by_row[1:]
            if named and not find_durations(named[0]):
                title = f"{named[0]} {title}".strip() if title else named[0]
    inner = _inner_header(header, cells_by_row)
    if inner is not None:
        header, rows, cells_by_row = list(cells_by_row[inner]), rows[inner + 1:], cells_by_row[inner + 1:]
    width = max([len(header)] + [len(c) for c in cells_by_row])
    header = list(header) + [""] * (width - len(header))
    cells_by_row = [list(c) + [""] * (width - len(c)) for c in cells_by_row]
    header = _corner_first(header, cells_by_row)
    view = TableView(rows=rows, header=header, cells=cells_by_row, title=title)
    view.timed = any(find_durations(c) for cells in cells_by_row for c in cells)
    if not view.timed:
        return view
    two_rows = _plan_over_kind(header, cells_by_row) or _kind_over_plan(header, cells_by_row) \
        or _kind_over_levels(header, cells_by_row)
    if two_rows is not None:
        header, cells_by_row, view.scopes = two_rows
        rows = rows[1:]
        view.rows, view.header, view.cells = rows, header, cells_by_row
    view.header, view.cells = header, cells_by_row = _split_joint_columns(header, cells_by_row)
    if not any(h.strip() for h in header):
        view.header = header = _header_from_lead(ctx, rows[0], cells_by_row) or header
    view.title_basis = basis_text(ctx, title)
    view.title_kind = kind_of(title)
    if not view.title_kind:
        # no caption: the sentence introducing the table or the section heading may name the kind
        intro = lead_in(ctx, rows[0])
        view.title_kind = _intro_kind(intro) or (None if _own_heading(ctx, rows[0], title) else kind_of(section_title(ctx, rows[0])))
        if view.title_basis == "unspecified" and intro:
            view.title_basis = basis_text(ctx, collapse_number_words(intro))
        if not view.title_kind:
            view.title_kind = _note_kind(ctx, rows, cells_by_row)
    if view.title_basis == "unspecified":
        view.title_basis = _footnote_clock(ctx, rows, cells_by_row)
    if view.title_basis == "unspecified":  # "After Business Hours (Outside Business Hours)" over the table
        view.title_basis = basis_text(ctx, collapse_number_words(section_title(ctx, rows[0])))
    _roles(view)
    _unheaded_kinds(ctx, view)
    return view


def _inner_header(header: list[str], cells_by_row: list[list[str]]) -> Optional[int]:
    """A second table run into the first (two pipe tables one after the other): a row below the header
    holding no time, two or more short names ("Basic | Silver | Gold"), above rows that hold times, with
    no time anywhere above it. The header names no kind. Its index, else None."""
    if any(kind_of(h) for h in header if h):
        return None
    for m, cells in enumerate(cells_by_row[:-1]):
        if any(find_durations(c) for c in cells):
            return None  # times above: this table's own rows
        names = [c.strip() for c in cells if c.strip()]
        if m > 0 and len(names) >= 2 and all(len(c.split()) <= 3 and not any(ch.isdigit() for ch in c) for c in names) \
                and any(find_durations(c) for rest in cells_by_row[m + 1:] for c in rest):
            return m
    return None


def _corner_first(header: list[str], cells_by_row: list[list[str]]) -> list[str]:
    """A header whose empty corner cell came out last ("Basic | Silver | Gold |" over "Priority 1 Response |
    2 hours | 1 hour | 30 minutes"): the names belong over the time columns, so the corner moves first.
    Only when the first column holds no time and the last header cell is empty while its column holds times,
    and the first name is not the levels' own ("Level | First reply |" keeps its place)."""
    if len(header) < 3 or header[-1].strip() or not all(h.strip() for h in header[:-1]) or not cells_by_row \
            or is_header(header[0], "severity_headers"):
        return header  # every name but the last present, and the first is no name for the labels' column
    first_timed = any(find_durations(c[0]) for c in cells_by_row if c)
    last_timed = sum(1 for c in cells_by_row if c and find_durations(c[-1]))
    if first_timed or last_timed < max(1, len(cells_by_row) // 2):
        return header
    return [""] + header[:-1]


def _unheaded_kinds(ctx: Context, view: TableView) -> None:
    """Kinds for time columns the header leaves blank, in a table whose header names a kind for some
    columns or for none: a column of frequencies ("Every 4 hours") holds updates; the others take, in
    order and one for one, the kinds the short definition lines just above the table name and the header
    does not ("Response time" / "Resolution time" defined before a table headed "Severity | | ...")."""
    if view.levels_across or view.measure_col is not None or view.plans:
        return
    unheaded = [j for j in range(view.width) if j != view.level_col and j not in view.kinds and not view.header[j].strip()
                and _mostly_times([c[j] for c in view.cells if c[j].strip()])]
    if not unheaded:
        return
    for j in list(unheaded):
        if all(_frequency(c[j]) for c in view.cells if c[j].strip()):
            view.kinds[j] = "update"
            unheaded.remove(j)
    defined = [k for k in _defined_kinds(ctx, view.rows[0]) if k not in view.kinds.values()]
    if unheaded and len(defined) == len(unheaded):
        view.kinds.update(zip(unheaded, defined))


def _mostly_times(cells: list[str]) -> bool:
    return bool(cells) and sum(1 for c in cells if find_durations(c)) >= max(1, 0.5 * len(cells))


def _frequency(cell: str) -> bool:
    """ "Every 2 hours", "Weekly": a rate, not a deadline."""
    found = find_durations(cell)
    return frequency_cell(cell) is not None or bool(found) and bool(
        listed_re("durations", "frequency_leads", after=r"\s*$").search(cell[:found[0].start]))


def _defined_kinds(ctx: Context, first_row: Sentence) -> list[str]:
    """The kinds named, in order, by the short lines that define terms just above a table (a line that is
    only a kind's name, "Resolution/Mitigation time", read as a paragraph or a heading, followed by its
    explanation), back to the previous table, at most 8 blocks up."""
    blocks = ctx.document.blocks
    kinds: list[str] = []
    for i in range(first_row.block_index - 1, max(-1, first_row.block_index - 9), -1):
        block = blocks[i]
        if block.kind not in ("para", "list_item", "heading"):
            break
        text = block.text.strip().rstrip(":")
        kind = kind_of(text) if len(text.split()) <= 5 and not any(ch.isdigit() for ch in text) else None
        if kind and without_kind_words(text) in ("", None) or kind and len(text.split()) <= 3:
            kinds.insert(0, kind)
    return list(dict.fromkeys(kinds))


def _plan_over_kind(header: list[str], cells_by_row: list[list[str]]
                    ) -> Optional[tuple[list[str], list[list[str]], dict[int, str]]]:
    """A header over two rows: plans or tiers on the first ("Standard Contract | Premium Contract", each
    spanning its columns), kinds on the second ("Response Time | Resolution Time | ..."). Each kind column
    keeps the plan above it as its scope. A web page's text drops the cells a merged cell covers: the
    corner above the levels ("Priority" spanning both rows) is missing from the kind row, which then
    starts one column early, and a row whose attainment cell spans all rows has its times one column
    early; both are put back under their columns."""
    if len(cells_by_row) < 2:
        return None
    kind_row = list(cells_by_row[0])
    if any(find_durations(c) for c in kind_row) or sum(1 for c in kind_row if c.strip() and column_kind(c)) < 2:
        return None
    plans_named = [j for j, h in enumerate(header) if j > 0 and h.strip() and not kind_of(h) and not find_durations(h)]
    if len(plans_named) < 2 or any(kind_of(h) for h in header if h.strip()):
        return None
    width = len(header)
    if column_kind(kind_row[0]) and header[0].strip():
        kind_row = ([""] + kind_row)[:width] if not kind_row[-1].strip() else [""] + kind_row
    width = max(width, len(kind_row))
    header = header + [""] * (width - len(header))
    kind_row = kind_row + [""] * (width - len(kind_row))
    plan_of: dict[int, str] = {}
    named = [j for j in range(1, width) if kind_row[j].strip()]
    plans = [header[j].strip() for j in plans_named]
    if len(named) % len(plans) == 0 and \
            len({tuple(kind_row[j].strip().lower() for j in chunk) for chunk in _chunks(named, len(plans))}) == 1:
        # each plan's kinds repeat in the same order: the spans were lost, the order says which plan is whose
        for plan, chunk in zip(plans, _chunks(named, len(plans))):
            plan_of.update({j: plan for j in chunk})
    else:
        current = ""
        for j in range(1, width):
            current = header[j].strip() or current
            if kind_row[j].strip() and current:
                plan_of[j] = current
    kind_cols = [j for j in range(1, width) if column_kind(kind_row[j]) and j in plan_of]
    if len({plan_of[j] for j in kind_cols}) < 2:
        return None
    new_header = [header[0]] + [kind_row[j].strip() or header[j] for j in range(1, width)]
    body = []
    for cells in cells_by_row[1:]:
        cells = list(cells) + [""] * (width - len(cells))
        timed = [j for j in range(1, width) if find_durations(cells[j])]
        if len(timed) == len(kind_cols) and timed != kind_cols:
            moved = [cells[0]] + [""] * (width - 1)
            for j, k in zip(kind_cols, timed):
                moved[j] = cells[k]
            cells = moved
        body.append(cells)
    return new_header, body, {j: plan_of[j] for j in kind_cols}


def _second_header_row(header: list[str], cells_by_row: list[list[str]]) -> Optional[list[str]]:
    """The first row under the header, padded to its width, when it can be a second header row
    (no durations in it, no wider than the header); None otherwise."""
    if len(cells_by_row) < 2:
        return None
    lower = list(cells_by_row[0]) + [""] * (len(header) - len(cells_by_row[0]))
    if any(find_durations(c) for c in lower) or len(lower) > len(header):
        return None
    return lower


def _kinds_spanning(header: list[str], lower: list[str], levels: bool = True) -> dict[int, str]:
    """Each column's kind from a first header row whose kind cells span the columns to their right
    (a blank header cell takes the kind on its left), for the columns with a name below; with
    `levels` False a header cell naming a level is no kind."""
    kind_over: dict[int, str] = {}
    current = ""
    for j in range(1, len(header)):
        h = header[j].strip()
        if h:
            is_kind = column_kind(h) and not find_durations(h) and (levels or severity_level(h) is None)
            current = h if is_kind else ""
        if current and lower[j].strip():
            kind_over[j] = current
    return kind_over


def _kind_over_plan(header: list[str], cells_by_row: list[list[str]]
                    ) -> Optional[tuple[list[str], list[list[str]], dict[int, str]]]:
    """The mirror of _plan_over_kind: kinds on the first header row ("Response time", spanning its
    columns), and under each kind the hours or plans it is given for ("Office hours | Out of hours",
    "Standard | Premium"). A spanning cell is read once, over its first column, so a blank header
    cell takes the kind on its left. Each column keeps its kind as its header and the cell below
    as its scope (whose clock, for hours, is the column's basis)."""
    lower = _second_header_row(header, cells_by_row)
    if lower is None:
        return None
    kind_over = _kinds_spanning(header, lower)
    scoped = [j for j in kind_over if _hours_or_plan(lower[j])]
    if len(scoped) < 2 or len(scoped) != len([j for j in range(1, len(lower)) if lower[j].strip()]):
        return None
    if len({kind_over[j] for j in scoped}) == len(scoped):
        return None  # one column under each kind: nothing spans, the row below is something else
    new_header = [header[0] or lower[0]] + [kind_over.get(j, header[j]) for j in range(1, len(header))]
    return new_header, cells_by_row[1:], {j: lower[j].strip() for j in scoped}


def _kind_over_levels(header: list[str], cells_by_row: list[list[str]]
                      ) -> Optional[tuple[list[str], list[list[str]], dict[int, str]]]:
    """Kinds on the first header row, each spanning its columns ("Response time | | | Resolution
    time | "), the levels under them ("P1 | P2 | P3 | P1 | P2"), and a row per plan or service
    below: the kind two rows up is each column's kind. The two rows fold into one header
    ("P1 Response time"), which names a level and a kind as a one-row header does."""
    lower = _second_header_row(header, cells_by_row)
    if lower is None:
        return None
    kind_over = _kinds_spanning(header, lower, levels=False)
    named = [j for j in range(1, len(lower)) if lower[j].strip()]
    if len(named) < 2 or set(named) != set(kind_over) or not all(_level_header(lower[j]) and not kind_of(lower[j]) for j in named):
        return None
    if len(set(kind_over.values())) == len(kind_over):
        return None  # one column under each kind: nothing spans, the row below is something else
    new_header = [header[0] or lower[0]] + [f"{lower[j].strip()} {kind_over[j]}" if j in kind_over else header[j]
                                            for j in range(1, len(header))]
    return new_header, cells_by_row[1:], {}


def _hours_or_plan(cell: str) -> bool:
    """A short header cell naming a plan or tier (plans.yml) or the hours a time runs in (basis.yml)."""
    text = cell.strip()
    return 0 < len(text) < 40 and not kind_of(text) and \
        (bool(plan_name_re().search(text)) or statement_clock(text.lower()) != "unspecified")


def _chunks(items: list[int], n: int) -> list[list[int]]:
    size = len(items) // n
    return [items[k * size:(k + 1) * size] for k in range(n)]


def _own_heading(ctx: Context, first_row: Sentence, title: str) -> bool:
    """The table has a heading of its own under its section's (a PDF reads a heading just above a
    table as its title, where Markdown makes it a section): the section's words are about more
    than this table, so they do not name its kind."""
    return bool(title) and title.strip().lower() != section_title(ctx, first_row).strip().lower() \
        and not listed_re("tables", "caption_words", r"^\s*", r"\s+[\dA-Z]").match(title)


def _level_header(h: str) -> bool:
    """A header cell naming a level ("P1", "Severity 2", "Critical"), or a ranked level with a kind ("P1 response");
    "Standard Response Time" names a kind, not the level "Standard"."""
    if not h or len(h) >= 40:
        return False
    if not kind_of(h):
        return severity_level(h) is not None
    rest = without_kind_words(h)
    return bool(rest) and len(rest.split()) <= 3 and label_has_rank(rest) and severity_level(rest) is not None


def _roles(view: TableView) -> None:
    """Each column's role, from its header's words, else from what its cells hold."""
    header, cells_by_row = view.header, view.cells
    view.level_col = severity_column(header, cells_by_row)
    view.levels_across = [j for j, h in enumerate(header) if j > 0 and _level_header(h)]
    if view.level_col == 0 and len(view.levels_across) >= 2 and _kinds_down(cells_by_row):
        # "Level | Urgent | High" over "Response | 1 hour | 4 hours": the corner names what the header
        # row holds; the first column's cells are kinds, not levels
        view.level_col = None
    if len(view.levels_across) < 2 or severity_level(header[0] or "") is not None or view.level_col == 0:
        view.levels_across = []
    view.usual = {j for j, h in enumerate(header) if h and is_header(h, "non_commitment_headers")}
    for j, h in enumerate(header):
        kind = column_kind(h) if h and j != view.level_col and j not in view.usual else None
        if kind:
            view.kinds[j] = kind
    for kind in set(view.kinds.values()):
        same = [j for j, k in view.kinds.items() if k == kind]
        extras = {j: without_kind_words(respaced(header[j])).strip(" ()") for j in same}
        if len(same) >= 2 and any(not e for e in extras.values()):
            # "Initial Response | Initial Response 24x7 Support | Initial Response Premier Support": the bare
            # column and one column per added plan or cover, each kept apart by what its header adds
            for j, extra in extras.items():
                if extra and not kind_of(extra) and j not in view.scopes:
                    view.scopes[j] = extra
    view.measure_col = next((j for j, h in enumerate(header) if j != view.level_col and j not in view.kinds and h
                             and is_header(h, "measure_headers") and not holds_times(cells_by_row, j)), None)
    if view.measure_col is None and not view.kinds:
        for j in range(view.width):
            col = [c[j] for c in cells_by_row if c[j]]
            if j != view.level_col and col and \
                    sum(1 for c in col if not find_durations(c) and kind_of(c) and len(c.split()) <= 4) >= max(1, 0.6 * len(col)):
                # short cells only: a column of descriptions ("Service down, no workaround") names no measure
                view.measure_col = j
                break
    plans = [j for j, h in enumerate(header) if j != view.level_col and j not in view.kinds and j != view.measure_col
             and j not in view.usual and 0 < len(h.strip()) < 40 and not kind_of(h) and not is_header(h, "measure_headers")
             and any(find_durations(cells[j]) for cells in cells_by_row)]
    view.plans = plans if len(plans) >= 2 else []


def _kinds_down(cells_by_row: list[list[str]]) -> bool:
    """Whether every row's first cell names a kind and no level ("Response", "Resolution time")."""
    firsts = [c[0] for c in cells_by_row if c and c[0].strip()]
    return bool(firsts) and all(kind_of(c) and severity_level(c) is None and not find_durations(c) for c in firsts)


_JOINT_SEPARATOR = re.compile(r"\s/\s|/(?!\d)|(?<!\d)/|[;,&]|\band\b", re.I)


def _split_joint_columns(header: list[str], cells_by_row: list[list[str]]) -> tuple[list[str], list[list[str]]]:
    """ "Response / Resolution" over "30 minutes / 4 hours": one column per kind, each cell cut between
    its times (at the separator between them). Cells that do not hold one time per kind stay whole,
    under the first kind's column."""
    for j in reversed(range(len(header))):
        kinds = kinds_named(header[j])
        if len(kinds) < 2 or not _JOINT_SEPARATOR.search(header[j]):
            continue
        parts = [_split_times(cells[j], len(kinds)) for cells in cells_by_row]
        if not any(parts):
            continue
        header = header[:j] + [k.capitalize() for k in kinds] + header[j + 1:]
        cells_by_row = [cells[:j] + (part or [""] * len(kinds)) + cells[j + 1:] for cells, part in zip(cells_by_row, parts)]
    return header, cells_by_row


def _header_from_lead(ctx: Context, first_row: Sentence, cells_by_row: list[list[str]]) -> Optional[list[str]]:
    """A header row read as the paragraph just above a header-less table ("Severity Response Time
    Resolution Target"): a short line of no figures whose kind words, in order, match the table's
    time columns one for one."""
    i = first_row.block_index - 1
    if i < 0:
        return None
    block = ctx.document.blocks[i]
    text = block.text.strip()
    if block.kind not in ("para", "heading") or len(text.split()) > 12 or any(ch.isdigit() for ch in text) \
            or text.endswith((".", ":", ";")):
        return None
    kinds = kinds_named(text)
    width = len(cells_by_row[0]) if cells_by_row else 0
    timed = [j for j in range(width) if any(j < len(c) and find_durations(c[j]) for c in cells_by_row)]
    if not kinds or len(kinds) != len(timed):
        return None
    header = [""] * width
    for j, kind in zip(timed, kinds):
        header[j] = kind.capitalize()
    return header


def _note_kind(ctx: Context, rows: list[Sentence], cells_by_row: list[list[str]]) -> Optional[str]:
    """The one kind a table's note names for all its times ("All times above are first response
    times"): a last row, or a paragraph of at most 15 words right under the table, holding no time itself."""
    last = " ".join(c for c in cells_by_row[-1] if c.strip()) if len(rows) > 1 and cells_by_row else ""
    notes = [last] if last and not any(find_durations(c) for c in cells_by_row[-1]) else []
    i = rows[-1].block_index + 1
    blocks = ctx.document.blocks
    if i < len(blocks) and blocks[i].kind in ("para", "list_item") and len(blocks[i].text.split()) <= 15:
        notes.append(blocks[i].text)
    for note in notes:
        kinds = kinds_named(note)
        if len(kinds) == 1 and not find_durations(note):
            return kinds[0]
    return None


def _footnote_clock(ctx: Context, rows: list[Sentence], cells_by_row: list[list[str]]) -> str:
    """A table's clock from its note: a last row that holds no time but states a clock, or the short
    paragraph right under the table."""
    last = [c for c in cells_by_row[-1] if c.strip()] if cells_by_row else []
    if len(rows) > 1 and last and not any(find_durations(c) for c in last):
        b = statement_clock(without_durations(" ".join(last)))
        if b != "unspecified":
            return b
    return table_note_clock(ctx, rows[-1])


def _split_times(cell: str, n: int) -> Optional[list[str]]:
    found = find_durations(cell)
    if len(found) != n:
        return None
    cuts = [0]
    for a, b in zip(found, found[1:]):
        seps = list(_JOINT_SEPARATOR.finditer(cell, a.end, b.start))
        cuts.append(seps[-1].start() if seps else b.start)
    cuts.append(len(cell))
    return [cell[x:y].strip(" /;,&").strip() for x, y in zip(cuts, cuts[1:])]


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def _intro_kind(intro: str) -> Optional[str]:
    """The kind the lead-in gives the table: that of its sentence that points at the table ("... initial
    response time, as outlined in the table below"), not of a sentence beside it that disclaims another
    ("... but does not guarantee a resolution time")."""
    if not intro:
        return None
    pointing = [s for s in _SENTENCE_END.split(intro) if points_at_table(s)]
    return kind_of(" ".join(pointing)) if pointing else kind_of(intro)


_LOST_SPACE = re.compile(r"\d(?:[A-Z][a-z]+){1,3}\b|[a-z][A-Z][a-z]+[A-Z][a-z]")
_WORD_JOIN = re.compile(r"(?<=[a-z])(?=[A-Z][a-z])|(?<=\d)(?=[A-Z][a-z])|(?<=[a-z])(?=\d)")


def respaced(cell: str) -> str:
    """A cell whose spaces a PDF's text lost ("1BusinessDays", "Patchorworkaroundin10 BusinessDays"): its
    words set apart again where a figure runs into a capitalised word or a capital follows a small letter,
    so its times read as written ("1 Business Days"). Cells without such a run are left as they are."""
    if not cell or not _LOST_SPACE.search(cell):
        return cell
    return _WORD_JOIN.sub(" ", cell)

