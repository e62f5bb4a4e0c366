"""What weakens a commitment, found in the sentence that states it.

Cue phrases live in rules/patterns/qualifiers.jsonl; the span label is the qualifier kind
(efforts, target_only, carve_out, attainment, scope_limited, workaround). Used for uptime and
time commitments here, and for service credits by the credits extractor.
"""
from __future__ import annotations

import re
from typing import Iterable, Optional

from spacy.tokens import Span

from sla_check.extract import Context, Sentence, doc_text
from sla_check.models import Evidence, Qualifier, Terms
from sla_check.normalize import LowerCasePattern, find_percents
from sla_check.ruleset import per_ruleset
from sla_check.vocabulary import listed_re, time_kinds, word_re

FAMILY = "qualifiers"
KINDS = ("efforts", "target_only", "carve_out", "attainment", "scope_limited", "workaround")


def qualifiers_in(sentence: Sentence, kinds: Iterable[str] = KINDS) -> tuple[Qualifier, ...]:
    """Every qualifier cue in `sentence`, one per (kind, cue text), in reading order."""
    wanted = set(kinds)
    out: list[Qualifier] = []
    seen: set[tuple[str, str]] = set()
    for span in sentence.matches(FAMILY):
        if span.label_ not in wanted or (span.label_ == "carve_out" and _days_off_follow(span)):
            continue
        key = (span.label_, span.text.lower())
        if key in seen:
            continue
        seen.add(key)
        out.append(Qualifier(kind=span.label_, text=span.text))
    return tuple(out)


def _days_off() -> re.Pattern[str]:
    """An exception's object made only of days off: "for weekends and public holidays"."""
    from sla_check.extractors._cues import cue_regex
    from sla_check.normalize import lexicon

    day = cue_regex(lexicon("qualifiers").get("clock_days") or []).pattern
    return re.compile(rf"\s*(?:for\s+|on\s+|during\s+)?(?:the\s+)?{day}(?:\s*(?:,|and|or|&|/)\s*(?:the\s+)?{day})*\s*(?:[.;)]|$)", re.I)


def _days_off_follow(span: Span) -> bool:
    """A carve-out cue followed only by days off sets the clock, it does not undo the promise."""
    return bool(_days_off().match(doc_text(span.doc)[span.end_char: span.end_char + 120]))


def qualifiers_for(ctx: Context, sentence: Sentence, kinds: Iterable[str] = KINDS,
                   within: Optional[str] = None) -> tuple[Qualifier, ...]:
    """Qualifiers of a commitment. For a table row pass `within` (the value cell and its
    column header) so a "no workaround" in the description column does not count."""
    found = qualifiers_in(sentence, kinds)
    if within is not None:
        low = within.lower()
        found = tuple(q for q in found if q.text.lower() in low)
    return found


#: what a blanket qualifier must name to reach a family of commitments: the times, the uptime
#: targets, or the service levels / targets of the whole document (both)
_TIME_TOPIC = LowerCasePattern(r"\b(?:response|resolution|restoration|update|fix|target)\s+(?:times?|targets?)\b|\btarget\s+times?\b|"
                               r"\b(?:these|such|the)\s+(?:times|targets)\b|\bresponse\s+and\s+resolution\b|"
                               r"\btarget\s+(?:resolution|restoration|fix|response)\b|\btime\s+to\s+restore\b|"
                               r"\bwithin\s+(?:the|such|these)\s+(?:specified|stated|applicable|agreed)\s+(?:periods?|times?|time\s*frames?)\b")
_UPTIME_TOPIC = LowerCasePattern(r"\b(?:availability|uptime)\s+(?:targets?|commitments?|levels?|percentages?)\b|"
                                 r"\b(?:the\s+)?(?:rto|rpo|recovery\s+(?:time|point)\s+objective)\s+(?:applies|shall\s+apply)\b")
_ALL_TOPIC = LowerCasePattern(r"\bservice\s+levels?\b|\bthe\s+commitments?\s+in\s+(?:paragraph|clause|section|part)\b|\b(?:the|these|all)\s+targets\s+(?:below|above|in\s+this)\b|"
                              r"\b(?:the|these|all)\s+targets\s+(?:set\s+out|described)\b")


@per_ruleset
def _kind_words() -> dict[str, re.Pattern[str]]:
    """A blanket qualifier that names only one kind of time reaches only that kind: each kind's
    words in sentences (lexicons/time_kinds.yml), as one whole-word pattern."""
    kinds = time_kinds()
    return {kind: re.compile(word_re(kinds.in_text[kind]), re.I) for kind in ("resolution", "response")}


_BLANKET_KINDS = ("target_only", "efforts")


#: between the commitments named and the cue, a new clause with its own verb: the cue then
#: qualifies something else ("shall meet the Service Levels and shall use all reasonable
#: endeavours to meet any performance dates")
_NEW_CLAUSE = re.compile(r";|,\s*but\b|\b(?:and|but)\s+(?:shall|will|must|may)\b", re.I)


#: ... or with a subject of its own before the verb ("aim to keep the portal simple, and we will meet
#: the response times below"): the times are then the new clause's object, not the hedge's
_NEW_SUBJECT_CLAUSE = re.compile(r"\b(?:and|but|while|whereas)\s+(?:\w+\s+){1,2}?(?:shall|will|must|may|are|is)\b", re.I)


def _concessive() -> re.Pattern[str]:
    """A sentence that opens with a concessive clause, up to the comma that ends it."""
    from sla_check.extractors._cues import cue_regex
    from sla_check.normalize import lexicon

    words = cue_regex(lexicon("qualifiers").get("concessive_openers") or []).pattern
    return re.compile(rf"\s*{words}[^,;]*,", re.I)


def commitment_cues(text: str, spans: list[Span], base: int) -> list[Span]:
    """The cues of `spans` that qualify the commitments the sentence names (see _cues_after_topic)."""
    return _cues_after_topic(text, spans, base)


def _cues_after_topic(text: str, spans: list[Span], base: int) -> list[Span]:
    """The qualifier cues that follow the commitments the sentence names, in the same clause:
    "The target times are targets and not guarantees" (not "For such equipment we will use
    reasonable efforts ... and make no availability commitment", which qualifies something else)."""
    # lower-cased once, searched without IGNORECASE (LowerCasePattern; the offsets are the text's
    # except where a dotted capital I lengthens it, which takes the exact patterns)
    low = text.lower() if "\u0130" not in text else None
    found = [m for rx in (_TIME_TOPIC, _UPTIME_TOPIC, _ALL_TOPIC)
             for m in [rx.exact.search(text) if low is None else rx.search_lower(low)] if m is not None]
    if not found:
        return []
    topic = min(found, key=lambda m: m.start())
    # "While the uptime commitment depends on our suppliers, we aim for excellence": named only in
    # a concessive clause, the commitments are not what the main clause's cue is about
    aside = _concessive().match(text)
    return [sp for sp in spans if sp.start_char - base >= topic.end()
            and not _NEW_CLAUSE.search(text[topic.end():sp.start_char - base])
            and not (aside is not None and topic.end() <= aside.end() <= sp.start_char - base)]


@per_ruleset
def _locators() -> re.Pattern[str]:
    """A place word right after a topic ("the times below", "the targets set out in ..."):
    lexicons/qualifiers.yml topic_locators, within a few words of the topic's end."""
    from sla_check.extractors._cues import cue_regex
    from sla_check.normalize import lexicon

    words = cue_regex(lexicon("qualifiers").get("topic_locators") or []).pattern
    return re.compile(rf"\s*(?:\w+\s+){{0,2}}?{words}", re.I)


def _cues_before_located_topic(text: str, spans: list[Span], base: int) -> list[Span]:
    """The cues of a sentence whose object is the commitments, named by where they are set out:
    "We aim to reply to every ticket within the times below" (the cue comes first here, so
    _cues_after_topic does not see it); not across a new clause with its own verb."""
    locators = _locators()
    for rx in (_TIME_TOPIC, _ALL_TOPIC):
        for topic in rx.exact.finditer(text):
            if locators.match(text, topic.end()) is None:
                continue
            cues = [sp for sp in spans if sp.end_char - base <= topic.start()
                    and not _NEW_CLAUSE.search(text[sp.end_char - base:topic.start()])
                    and not _NEW_SUBJECT_CLAUSE.search(text[sp.end_char - base:topic.start()])]
            if cues:
                return cues
    return []


def blanket_scope(text: str) -> Optional[str]:
    """The kind of time a blanket qualifier's sentence reaches: resolution, response, or None (all)."""
    words = _kind_words()
    res, resp = bool(words["resolution"].search(text)), bool(words["response"].search(text))
    if res and not resp:
        return "resolution"
    if resp and not res:
        return "response"
    return None


def blanket_for(blanket: list[tuple[Qualifier, Evidence]], kind: str) -> list[Qualifier]:
    """The blanket qualifiers (from blanket_qualifiers(ctx, "time")) that reach a time of `kind`."""
    return [q for q, ev in blanket if blanket_scope(ev.text) in (None, kind)]


def blanket_qualifiers(ctx: Context, topic: str) -> list[tuple[Qualifier, Evidence]]:
    """Qualifiers stated once for a whole family of commitments, in a sentence of their own:
    "The target times in Table A are targets ... They are not guaranteed." (topic "time"),
    "The availability targets are not guaranteed." (topic "uptime"), "The service levels in this
    Schedule are targets that the supplier will use all reasonable endeavours to achieve" (both).
    The sentence must name the commitments before its cue; a time qualifier that names only
    resolution (or response) times reaches only those (blanket_for)."""
    from sla_check.normalize import find_durations

    key = f"blanket_{topic}"
    if key in ctx.cache:
        return ctx.cache[key]
    rx = _TIME_TOPIC if topic == "time" else _UPTIME_TOPIC
    out: list[tuple[Qualifier, Evidence]] = []
    # only sentences with such a cue can add one, and only they and the sentence before them
    # need the topic test
    kinds = _BLANKET_KINDS + (("attainment",) if topic == "time" else ())
    no_breach = _no_breach()
    for n, sentence in ctx.numbered_with(FAMILY, *kinds, "carve_out"):
        text = sentence.text
        # "no failure to meet a service level shall constitute a breach": the levels are targets only
        spans = [sp for sp in sentence.matches(FAMILY)
                 if sp.label_ in kinds or (sp.label_ == "carve_out" and no_breach.search(sp.text))]
        if not spans:
            continue
        quals = qualifiers_in(sentence, _BLANKET_KINDS)
        previous = ctx.sentences[n - 1] if n > 0 else None
        # "They are not guaranteed." right after a sentence about the targets
        follows = previous is not None and previous.block.kind != "table_row" and rx.occurs_in(previous.text) and \
            re.match(r"\s*(?:they|these|such targets|the targets)\b", text, re.I)
        if not follows:
            cues = _cues_after_topic(text, spans, sentence.span.start_char)
            if not cues and topic == "time":
                cues = _cues_before_located_topic(text, spans, sentence.span.start_char)
            named = rx.occurs_in(text) or _ALL_TOPIC.occurs_in(text)
            quals = tuple(dict.fromkeys(Qualifier("target_only" if sp.label_ == "carve_out" else sp.label_, sp.text)
                                        for sp in cues)) if named else ()
        # "will meet the Resolution Target for at least 95% of Incidents": a share of the times
        attains = any(q.kind == "attainment" for q in quals)
        if quals and not find_durations(text) and (attains or not find_percents(text)):
            evidence = sentence.evidence(f"qualifier.blanket.{topic}")
            out.extend((q, evidence) for q in quals)
    ctx.cache[key] = out
    return out


def _no_breach() -> re.Pattern[str]:
    """Carve-out cues that say a missed level is no breach (lexicons/qualifiers.yml no_breach)."""
    from sla_check.extractors._cues import cue_regex
    from sla_check.normalize import lexicon

    return cue_regex(lexicon("qualifiers").get("no_breach") or [])


def _attained() -> re.Pattern[str]:
    """ "of all P1 incidents": what a share of commitments counts (lexicons/qualifiers.yml attainment_units)."""
    return listed_re("qualifiers", "attainment_units", before=r"\b(?:of|for)\s+(?:all\s+|the\s+)?(?:\w+\s+){0,3}?")


def attainment_percent(text: str) -> Optional[float]:
    """ "95% of P1 incidents will be responded to within 1 hour" -> 95.0; None when absent."""
    for found in find_percents(text):
        tail = text[found.end: found.end + 60]
        if _attained().match(tail.lstrip()) or re.match(r"\s*of\s+the\s+time\b", tail, re.I) or re.match(r"\s*of\s+(?:all\s+)?(?:p\d|priority|severity|sev)\b", tail, re.I):
            return found.value
        head = text[max(0, found.start - 12): found.start].lower()
        if re.search(r"\bin\s*$", head) and listed_re("qualifiers", "attainment_occasions", before=r"\s*of\s+").match(tail):
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
