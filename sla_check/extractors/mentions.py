"""Where a document speaks of a term (a "Response Times" table, a "Service Credits" heading),
whether or not a value was read from it.

A check that finds no value says `gap` only when the document gives no sign of the term;
with a mention here it says `review` and points to it. Topics and cues live in
rules/lexicons/mentions.yml.
"""
from __future__ import annotations

from sla_check.extract import Context
from sla_check.extractors._cues import cue_regex
from sla_check.models import Block, Evidence, Terms
from sla_check.normalize import lexicon


def _places(block: Block, where: str) -> list[str]:
    """The texts of `block` that count for a topic read in `where`."""
    if block.kind == "heading":
        return [block.text]
    if block.kind == "table_row":
        out = []
        if where == "headers":
            out += [" ".join(block.header or ())]
            if block.cells:
                out.append(block.cells[0])
        return out
    return [block.text] if where == "prose" else []


def collect(ctx: Context, terms: Terms) -> None:
    topics: dict[str, dict] = lexicon("mentions").get("topics") or {}
    tables = ctx.document.tables
    for topic, spec in topics.items():
        rx = cue_regex(spec.get("cues") or [])
        where = str(spec.get("where", "headings"))
        seen_tables: set[int] = set()
        for block in ctx.document.blocks:
            places = _places(block, where)
            tid = block.table_id
            if block.kind == "table_row" and tid is not None and tid not in seen_tables and 0 <= tid < len(tables):
                seen_tables.add(tid)
                places.append(tables[tid].title or "")
            hit = next((p for p in places if p and rx.search(p)), None)
            if hit is not None:
                text = block.text if block.kind != "table_row" else hit
                terms.mentions[topic] = Evidence(page=block.page, section=block.section, text=text.strip(),
                                                 rule=f"mention.{topic}")
                break
