"""What weakens a commitment, found in the sentence that states it.

Cue phrases live in rules/patterns/qualifiers.jsonl; the span label is the qualifier kind
(efforts, target_only, carve_out, attainment, scope_limited, workaround). Used for uptime and
time commitments here, and for service credits by the credits extractor.
"""
from __future__ import annotations

import re
from typing import Iterable, Optional

from sla_check.extract import Context, Sentence
from sla_check.models import Evidence, Qualifier, Terms
from sla_check.normalize import LowerCasePattern, find_percents

FAMILY = "qualifiers"
KINDS = ("efforts", "target_only", "carve_out", "attainment", "scope_limited", "workaround")


def qualifiers_in(sentence: Sentence, kinds: Iterable[str] = KINDS) -> tuple[Qualifier, ...]:
    """Every qualifier cue in `sentence`, one per (kind, cue text), in reading order."""
    wanted = set(kinds)
    out: list[Qualifier] = []
    seen: set[tuple[str, str]] = set()
    for span in sentence.matches(FAMILY):
        if span.label_ not in wanted:
            continue
        key = (span.label_, span.text.lower())
        if key in seen:
            continue
        seen.add(key)
        out.append(Qualifier(kind=span.label_, text=span.text))
    return tuple(out)


def qualifiers_for(ctx: Context, sentence: Sentence, kinds: Iterable[str] = KINDS,
                   within: Optional[str] = None) -> tuple[Qualifier, ...]:
    """Qualifiers of a commitment. For a table row pass `within` (the value cell and its
    column header) so a "no workaround" in the description column does not count."""
    found = qualifiers_in(sentence, kinds)
    if within is not None:
        low = within.lower()
        found = tuple(q for q in found if q.text.lower() in low)
    return found


_TIME_TOPIC = LowerCasePattern(r"\b(?:response|resolution|restoration|update|fix|target)\s+(?:times?|targets?)\b|\btarget\s+times?\b|"
                               r"\b(?:these|such|the)\s+(?:times|targets)\b|\bresponse\s+and\s+resolution\b")
_UPTIME_TOPIC = LowerCasePattern(r"\b(?:availability|uptime)\s+(?:targets?|commitments?|levels?|percentages?)\b")
_BLANKET_KINDS = ("target_only", "efforts")


def blanket_qualifiers(ctx: Context, topic: str) -> list[tuple[Qualifier, Evidence]]:
    """Qualifiers stated once for a whole family of commitments, in a sentence of their own:
    "The target times in Table A are targets ... They are not guaranteed." (topic "time"),
    "The availability targets are not guaranteed." (topic "uptime")."""
    from sla_check.normalize import find_durations

    key = f"blanket_{topic}"
    if key in ctx.cache:
        return ctx.cache[key]
    rx = _TIME_TOPIC if topic == "time" else _UPTIME_TOPIC
    out: list[tuple[Qualifier, Evidence]] = []
    # only sentences with such a cue can add one, and only they and the sentence before them
    # need the topic test
    for n, sentence in ctx.numbered_with(FAMILY, *_BLANKET_KINDS):
        text = sentence.text
        quals = qualifiers_in(sentence, _BLANKET_KINDS)
        previous = ctx.sentences[n - 1] if n > 0 else None
        # "They are not guaranteed." right after a sentence about the targets
        follows = previous is not None and previous.block.kind != "table_row" and rx.occurs_in(previous.text) and \
            re.match(r"\s*(?:they|these|such targets|the targets)\b", text, re.I)
        if quals and (rx.occurs_in(text) or follows) and not find_durations(text) and not find_percents(text):
            evidence = sentence.evidence(f"qualifier.blanket.{topic}")
            out.extend((q, evidence) for q in quals)
    ctx.cache[key] = out
    return out


_ATTAIN_RE = re.compile(r"\b(?:of|for)\s+(?:all\s+|the\s+)?(?:\w+\s+){0,3}?(?:incidents|calls|tickets|cases|requests|faults|issues)\b", re.I)


def attainment_percent(text: str) -> Optional[float]:
    """ "95% of P1 incidents will be responded to within 1 hour" -> 95.0; None when absent."""
    for found in find_percents(text):
        tail = text[found.end: found.end + 60]
        if _ATTAIN_RE.match(tail.lstrip()) or re.match(r"\s*of\s+the\s+time\b", tail, re.I) or re.match(r"\s*of\s+(?:all\s+)?(?:p\d|priority|severity|sev)\b", tail, re.I):
            return found.value
        head = text[max(0, found.start - 12): found.start].lower()
        if re.search(r"\bin\s*$", head) and re.match(r"\s*of\s+(?:cases|instances|occasions)", tail, re.I):
            return found.value
    return None


def record(terms: Terms, term: str, qualifiers: Iterable[Qualifier], evidence: Optional[Evidence]) -> None:
    """Add qualifiers to the document-wide list (Terms.qualifiers), once each."""
    if evidence is None:
        return
    have = {(t, q.kind, q.text, e.text) for t, q, e in terms.qualifiers}
    for q in qualifiers:
        key = (term, q.kind, q.text, evidence.text)
        if key not in have:
            have.add(key)
            terms.qualifiers.append((term, q, evidence))
