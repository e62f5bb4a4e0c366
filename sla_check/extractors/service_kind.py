"""The kind of service a contract covers (connectivity, colocation, hosting, saas,
managed_service, support), read from its title, headings and text.

Cue phrases and weights live in rules/lexicons/service_kinds.yml. The checklist uses the kind
to say `n/a` for checks that do not apply (no backups to ask of a leased line).
"""
from __future__ import annotations

from functools import lru_cache
from typing import Optional

from sla_check.extract import Context
from sla_check.extractors._cues import CueScanner, cue_regex, cue_scanner
from sla_check.models import Block, Evidence, Terms, Value
from sla_check.normalize import lexicon


def collect(ctx: Context, terms: Terms) -> None:
    lex = lexicon("service_kinds")
    kinds: dict[str, list[str]] = lex.get("kinds") or {}
    title_w, heading_w = float(lex.get("title_weight", 1)), float(lex.get("heading_weight", 1))
    blocks = ctx.document.blocks
    title_index = next((i for i, b in enumerate(blocks) if b.kind == "heading"), 0 if blocks else -1)
    scores: dict[str, float] = {k: 0.0 for k in kinds}
    first: dict[str, tuple[float, int]] = {}
    places: dict[str, set[int]] = {k: set() for k in kinds}  # the blocks that name each kind
    # one pass over each block for every kind's phrases (a phrase listed under several kinds
    # counts for each), with one scanner built once for the lexicon
    rx, kinds_of = _reading(tuple((kind, tuple(str(p) for p in phrases)) for kind, phrases in kinds.items()))
    if kinds_of:
        for i, block in enumerate(blocks):
            found = rx.findall(block.text)
            if not found:
                continue
            weight = title_w if i == title_index else heading_w if block.kind == "heading" else 1.0
            for hit in found:
                for kind in kinds_of.get(_key(hit), ()):
                    scores[kind] += weight
                    places[kind].add(i)
                    best = first.get(kind)
                    if best is None or weight > best[0]:
                        first[kind] = (weight, i)
    _title_cues(lex, blocks[title_index] if 0 <= title_index < len(blocks) else None, title_w, scores, first, title_index)
    if not scores:
        return
    # a kind named in one line only (a "Support Channels" heading, an example's "server is offline")
    # is that line's subject, not the contract's: it needs `min_places` lines, or the title
    least = int(lex.get("min_places", 1))
    for k in kinds:
        if len(places[k]) < least and title_index not in places[k] and first.get(k, (0.0, -1))[1] != title_index:
            scores[k] = 0.0
    order = list(kinds)
    top = max(order, key=lambda k: (scores[k], -order.index(k)))
    read: Optional[str] = top if scores[top] >= float(lex.get("min_score", 1)) else None
    product = _product_support(lex.get("product_support") or {}, blocks, read, bool(terms.uptime))
    if product is not None:
        # help with a product the vendor supplies, weighed over the whole document: no desk of a run service
        read, first[product[0]] = product
    else:
        read = _run_desk(lex.get("run_desk") or {}, read, scores, float(lex.get("min_score", 1)))
    if read is None:
        return
    kind = read
    evidence: Optional[Evidence] = None
    if kind in first:
        b = blocks[first[kind][1]]
        evidence = Evidence(page=b.page, section=b.section, text=b.text.strip(), rule=f"service_kind.{kind}")
    terms.service_kind = Value(kind, evidence)


def _product_support(rule: dict, blocks: list[Block], kind: Optional[str],
                     uptime_stated: bool) -> Optional[tuple[str, tuple[float, int]]]:
    """The whole document weighed: help with a product the vendor supplies (its software,
    releases, licences) against a service the vendor runs (availability, network, servers).
    Kind words alone do not tell them apart ("application", "platform", "users" are said of
    both); where the kind read is one the rule may overrule (or none), and the product side
    outweighs the run side by the rule's ratio, the document is support. A kind that names
    what the vendor runs for the customer (a managed service, a line, a rack) is kept, and so
    is any kind where the contract states an uptime target (only a service someone runs has one)."""
    target = rule.get("kind")
    if uptime_stated and rule.get("uptime_keeps_kind", False):
        return None
    overrules = [None if k in (None, "none") else str(k) for k in (rule.get("overrules") or [])]
    if not target or kind not in overrules:
        return None
    product, operated = cue_scanner(str(p) for p in rule.get("product") or ()), \
        cue_scanner(str(p) for p in rule.get("operated") or ())
    p_score = o_score = 0
    where = -1
    for i, block in enumerate(blocks):
        hits = len(product.findall(block.text))
        if hits and where < 0:
            where = i
        p_score += hits
        o_score += len(operated.findall(block.text))
    if p_score < float(rule.get("min_score", 1)) or p_score <= o_score * float(rule.get("ratio", 1)):
        return None
    return str(target), (1.0, where)


def _run_desk(rule: dict, kind: Optional[str], scores: dict[str, float], min_score: float) -> Optional[str]:
    """A help desk is also what a service the vendor runs gives its customers: a document read as
    support that names such a service plainly enough to count (at least `min_score`: "under your
    managed IT services agreement") is that service, whose desk it describes, not help with a product."""
    if kind is None or kind != rule.get("kind"):
        return kind
    runs = [str(k) for k in rule.get("run_kinds") or () if scores.get(str(k), 0.0) >= min_score]
    return max(runs, key=lambda k: scores[k]) if runs else kind


def _title_cues(lex: dict, title: Optional[Block], weight: float, scores: dict[str, float],
                first: dict[str, tuple[float, int]], index: int) -> None:
    """A kind the title names by a word that is too common to count elsewhere ("support")."""
    if title is None or title.kind != "heading":  # a first paragraph is no title
        return
    for kind, phrases in (lex.get("title_cues") or {}).items():
        if kind not in scores or first.get(kind, (0.0, -1))[1] == index:
            continue  # an unknown kind, or the title already counted for it
        if cue_regex([str(p) for p in phrases]).search(title.text):
            scores[kind] += weight
            first[kind] = (weight, index)


@lru_cache(maxsize=8)
def _reading(kinds: tuple[tuple[str, tuple[str, ...]], ...]) -> tuple[CueScanner, dict[str, tuple[str, ...]]]:
    """The scanner for every kind's phrases, and the kinds listing each phrase (by its key)."""
    kinds_of: dict[str, list[str]] = {}
    for kind, phrases in kinds:
        for p in phrases:
            if p.split():
                listed = kinds_of.setdefault(_key(p), [])
                if kind not in listed:
                    listed.append(kind)
    return cue_scanner(p for _, phrases in kinds for p in phrases), {k: tuple(v) for k, v in kinds_of.items()}


def _key(phrase: str) -> str:
    """A phrase or a hit of it, compared the way the cue regex matches: any case, and spaces or
    hyphens between words alike ("Leased-Line" is "leased line")."""
    return " ".join(phrase.lower().replace("-", " ").split())
