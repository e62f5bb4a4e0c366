"""Small helpers shared by the term-family extractors (exclusions, credits, maintenance, ...).

They answer the questions every interpreter asks of a rule match: which clause is it in, is it
negated, is the sentence only an example, which section heading is it under. The cue words
themselves live in rules/patterns/common_cues.jsonl and the per-family pattern files.
"""
from __future__ import annotations

import bisect
import re
from typing import Iterable, Optional

from spacy.tokens import Span

from sla_check.extract import Context, Sentence, token_positions
from sla_check.models import Evidence
from sla_check.normalize import Found, find_durations, lexicon
from sla_check.ruleset import per_ruleset
from sla_check.vocabulary import listed, word_re

COMMON = "common_cues"

#: "(a)", "a)", "(iv)", "(1)", "1." or a bullet at the start of an item
ENUM_START = re.compile(r"^\s*(?:\(\s*(?:[a-z]{1,2}|[ivxl]{1,5}|\d{1,2})\s*\)|(?:[a-z]|[ivxl]{1,5}|\d{1,2})[.)]|[-•*·–—▪○●◦])\s+",
                        re.IGNORECASE)
#: an enumerator inside a sentence: "...: (a) that result from ..." (letters and roman numerals
#: only: "(2)" inside a sentence is nearly always "two (2) hours")
ENUM_INSIDE = re.compile(r"(?:^|(?<=[\s:;,]))\(\s*(?:[a-z]{1,2}|[ivxl]{1,5})\s*\)\s+", re.IGNORECASE)


def evidence(sentence: Sentence, span: Optional[Span] = None, rule: Optional[str] = None) -> Evidence:
    """Evidence for a value: the sentence, its page and section, and the rule that fired."""
    return sentence.evidence(rule or (span.id_ if span is not None else None))


def overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def without(spans: Iterable[Span], blockers: Iterable[Span]) -> list[Span]:
    """`spans` minus those overlapping any blocker (look-alike suppressors such as "credit card")."""
    blockers = list(blockers)
    return [s for s in spans if not any(overlaps(s, b) for b in blockers)]


def clause_bounds(sentence: Sentence, span: Span) -> tuple[int, int]:
    """Token bounds [start, end) of the ";"-delimited clause of `sentence` holding `span`."""
    start, end = sentence.span.start, sentence.span.end
    semis = token_positions(sentence.doc, ";")
    if semis:
        k = bisect.bisect_left(semis, span.start) - 1  # the last ";" before the span ...
        if k >= 0 and semis[k] >= sentence.span.start:  # ... inside the sentence
            start = semis[k] + 1
        k = bisect.bisect_left(semis, span.end)  # the first ";" from the span's end on
        if k < len(semis) and semis[k] < sentence.span.end:
            end = semis[k]
    return start, end


def negations(sentence: Sentence) -> list[Span]:
    """Negation cues of the sentence, minus fixed phrases that only look negative ("no later than")."""
    return without(sentence.matches(COMMON, "NEG"), sentence.matches(COMMON, "NEG_IGNORE"))


@per_ruleset
def _negation_stops() -> tuple[frozenset[str], frozenset[str]]:
    """The words that end a negation's reach (lexicons/qualifiers.yml): after a comma, the first
    word of a new clause (`clause_starters`); anywhere, a condition's opening word (`condition_starters`)."""
    return frozenset(listed("qualifiers", "clause_starters")), frozenset(listed("qualifiers", "condition_starters"))


def negated(sentence: Sentence, span: Span, window: int = 10) -> bool:
    """Whether a negation cue precedes `span` in its clause, at most `window` tokens before it.

    "does not include a named account manager, scheduled service reviews or service reports"
    negates the whole list; "if it is not Resolved in time, the Customer may escalate" does
    not reach past the comma that opens the main clause.
    """
    start, _ = clause_bounds(sentence, span)
    doc = sentence.doc
    for neg in negations(sentence):
        if start <= neg.start < span.start and span.start - neg.end <= window:
            clause_starters, condition_starters = _negation_stops()
            if not any(doc[i].text == "," and doc[i + 1].lower_ in clause_starters for i in range(neg.end, span.start - 1)) \
                    and not any(doc[i].lower_ in condition_starters for i in range(neg.end, span.start)):
                return True
    return False




def is_example(sentence: Sentence) -> bool:
    """A worked example or illustration: its numbers are not commitments."""
    return bool(sentence.matches(COMMON, "EXAMPLE"))


def in_example(ctx: Context, index: int) -> bool:
    """Whether sentence `index` is part of an example: it, or an earlier sentence of its block,
    or its section heading says "for example" / "illustration"."""
    s = ctx.sentences[index]
    first = _first_examples(ctx).get(s.block_index)
    if first is not None and first <= index:
        return True
    return _in_example_section(ctx, s.block_index)


def in_block_example(ctx: Context, index: int) -> bool:
    """Whether sentence `index` opens or continues a worked example of its own block ("Example: ...
    down 8 hours ... Hence uptime is 98.9%"); unlike `in_example`, a section headed "example"
    does not count (a table of figures under such a heading still states them)."""
    first = _first_examples(ctx).get(ctx.sentences[index].block_index)
    return first is not None and first <= index


def _in_example_section(ctx: Context, block_index: int) -> bool:
    """Whether the block's section heading narrates an example: asked for every sentence by
    several interpreters, answered once per block (kept on the Context)."""
    known: dict[int, bool] = ctx.cache.setdefault("_example_section", {})
    found = known.get(block_index)
    if found is None:
        title = section_title(ctx, block_index)
        found = known[block_index] = any(w in title for w in _example_sections())
    return found


def _example_sections() -> tuple[str, ...]:
    """Heading words of a section that narrates an example (rules/lexicons/sections.yml)."""
    return tuple(str(w).lower() for w in lexicon("sections").get("example_sections") or [])


#: an example cue this close to a sentence's start opens a worked example ("For example, if ...");
#: later in the sentence ("factors beyond our control, e.g. floods") it only names instances
_EXAMPLE_LEAD = 12


@per_ruleset
def _worked() -> frozenset[str]:
    """Example cues that open a worked example wherever they stand (sections.yml worked_example_cues)."""
    return frozenset(listed("sections", "worked_example_cues"))


def _opens_example(sentence: Sentence) -> bool:
    """Whether the sentence starts a worked example, which the rest of its block continues; a
    bracketed one ("(For example, ... .)") is over when its bracket closes."""
    if sentence.text.lstrip().startswith("(") and ")" in sentence.text:
        return False
    lead = len(sentence.text) - len(ENUM_START.sub("", sentence.text, count=1))
    opens = any(char_offset(sentence, c) - lead <= _EXAMPLE_LEAD or c.text.lower() in _worked()
                for c in sentence.matches(COMMON, "EXAMPLE"))
    return opens and not _names_instances(sentence)


#: the most words a sentence that only names instances has ("For example, leased lines, PRIs, etc.")
_INSTANCES_WORDS = 15


def _names_instances(sentence: Sentence) -> bool:
    """ "For example, Metro Private Lines, Business Lines, etc.": a short sentence with no figure and
    no supposition (rules/lexicons/sections.yml `worked_example_words`) lists what a word covers; it
    works through no case, so the sentences after it (a flattened web page's) are no example."""
    text = sentence.text
    if len(text.split()) > _INSTANCES_WORDS or re.search(r"\d", text):
        return False
    return not _supposition().search(text)


@per_ruleset
def _supposition() -> re.Pattern[str]:
    words = tuple(str(w) for w in lexicon("sections").get("worked_example_words") or ())
    return re.compile(word_re(words), re.IGNORECASE)


def _first_examples(ctx: Context) -> dict[int, int]:
    """Block index -> index of its first example sentence; computed once per document (asking
    every sentence about all the earlier ones of its block was quadratic in a long block)."""
    found = ctx.cache.get("_first_examples")
    if found is None:
        found = {}
        for i, sentence in enumerate(ctx.sentences):
            if sentence.block_index not in found and _opens_example(sentence):
                found[sentence.block_index] = i
        ctx.cache["_first_examples"] = found
    return found


def has(sentence: Sentence, family: str, label: str) -> bool:
    return bool(sentence.matches(family, label))


def first_rule(spans: Iterable[Span]) -> Optional[str]:
    for s in spans:
        return s.id_ or s.label_
    return None


# --------------------------------------------------------------------------- sections


def _section_index(ctx: Context) -> tuple[list[int], list[str]]:
    cache = ctx.__dict__.get("_section_index")
    if cache is None:
        starts: list[int] = []
        titles: list[str] = []
        blocks = ctx.document.blocks
        sections = sorted(ctx.document.sections, key=lambda s: s.block_index)
        # clause-level sections ("8.1 Credits will not be ...") carry sentence text as a title;
        # the enclosing heading ("8. Exclusions") is what says what a passage is about
        headings = [sec for sec in sections if 0 <= sec.block_index < len(blocks) and blocks[sec.block_index].kind == "heading"]
        for sec in headings or sections:
            starts.append(sec.block_index)
            titles.append(" ".join(x for x in (sec.number, sec.title) if x))
        cache = (starts, titles)
        ctx.__dict__["_section_index"] = cache
    return cache


def section_title(ctx: Context, block_index: int) -> str:
    """Number and title of the heading a block sits under ("" when none), lower-cased (found
    once per block: every interpreter asks it of many sentences)."""
    known: dict[int, str] = ctx.__dict__.setdefault("_section_titles", {})
    title = known.get(block_index)
    if title is None:
        title = known[block_index] = _section_title(ctx, block_index)
    return title


def _section_title(ctx: Context, block_index: int) -> str:
    starts, titles = _section_index(ctx)
    i = bisect.bisect_right(starts, block_index) - 1
    title = titles[i] if i >= 0 else ""
    block = ctx.document.blocks[block_index]
    if block.kind == "heading":
        title = block.text
    return title.lower()


def section_key(ctx: Context, block_index: int) -> int:
    """An id of the section a block sits under (index into the sorted section list, -1 before any)."""
    starts, _ = _section_index(ctx)
    return bisect.bisect_right(starts, block_index) - 1


# --------------------------------------------------------------------------- numbers


def unit_of(found: Found) -> str:
    """hour | day | week | month | minute | other, from the text of a duration."""
    t = found.text.lower()
    for unit in ("month", "week", "day", "hour", "hr", "min"):
        if unit in t:
            return {"hr": "hour", "min": "minute"}.get(unit, unit)
    return "other"


def duration_days(found: Found) -> float:
    """A duration as a count of days; business days count as days ("10 business days" -> 10)."""
    if found.basis == "business" and unit_of(found) == "day":
        return found.value / 480.0
    if found.basis == "business" and unit_of(found) == "week":
        return found.value / 2400.0 * 7
    return found.value / 1440.0


def duration_hours(found: Found) -> float:
    """A lead time in calendar hours: days x 24, weeks x 168; working days span weekends too, so
    "10 working days' notice" is two calendar weeks (336 hours), not 240 (rules/lexicons/durations.yml)."""
    if found.basis == "business" and unit_of(found) == "day":
        per_week = float(lexicon("durations").get("working_days_per_week", 5))
        return duration_days(found) * 7.0 / per_week * 24.0
    return duration_days(found) * 24.0 if unit_of(found) in ("day", "week", "month") else found.value / 60.0


def durations(text: str) -> list[Found]:
    return find_durations(text)


def char_offset(sentence: Sentence, span: Span) -> int:
    """Offset of `span` within sentence.text."""
    return span.start_char - sentence.span.start_char


def enumerated(text: str) -> bool:
    """Whether the text starts like a list item: "(b) ...", "iv) ...", "- ...", "• ..."."""
    return bool(ENUM_START.match(text))


def defines_term(text: str) -> bool:
    """The clause defines a word ('"Credit" means a reduction of ...'): it says what a thing is, not
    that it is owed, so a clause that grants, sizes or commits to it decides before it. The verbs
    are lexicons/exclusions.yml's `definition_verbs`."""
    rx = _defined_term_re()
    return rx is not None and rx.match(text) is not None


@per_ruleset
def _defined_term_re() -> Optional[re.Pattern[str]]:
    """A quoted term at the start, then one of the `definition_verbs` (None: the lexicon lists none);
    built once per rule set: defines_term is asked of most sentences of several interpreters."""
    verbs = "|".join(re.escape(str(v)).replace(r"\ ", r"\s+") for v in lexicon("exclusions").get("definition_verbs") or [])
    if not verbs:
        return None
    term = r"^\W*(?:\d+(?:\.\d+)*\s+)?[\"\u201c\u2018'][^\"\u201d\u2019]{1,60}[\"\u201d\u2019']\s*(?:\([^)]{1,40}\)\s*)?"
    return re.compile(term + rf"(?:{verbs})\b", re.IGNORECASE)


def assisted(sentence: Sentence, span: Span) -> bool:
    """The vendor helps the customer set up what `span` names ("assisting the customer with configuring
    backups", "we help you set up monitoring"): the customer's own tool or task, not a service the vendor
    runs. The words are lexicons/parties.yml `assist_verbs`, `customer_roles` and `setup_verbs`."""
    rx = _assist_re()
    if rx is None:
        return False
    lo = sentence.doc[clause_bounds(sentence, span)[0]].idx - sentence.span.start_char  # its own ";" clause only
    return rx.search(sentence.text[max(0, lo):char_offset(sentence, span)]) is not None


@per_ruleset
def _assist_re() -> Optional[re.Pattern[str]]:
    """Built once per rule set: an assist verb, a customer role (and up to two more words), a set-up verb."""
    lx = lexicon("parties")

    def alt(key: str) -> str:
        words = sorted((str(w) for w in lx.get(key) or []), key=len, reverse=True)
        return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)

    verbs, roles, setup = alt("assist_verbs"), alt("customer_roles"), alt("setup_verbs")
    if not (verbs and roles and setup):
        return None
    return re.compile(rf"\b(?:{verbs})\s+(?:the\s+|our\s+|its\s+)?(?:{roles})s?\b(?:\W+\w+){{0,4}}?\W+(?:{setup})\b",
                      re.IGNORECASE)


@per_ruleset
def one_word_roles() -> tuple[frozenset[str], frozenset[str]]:
    """One-word provider and customer roles (lexicons/parties.yml `provider_roles`, `customer_roles`),
    each without the other's: the words a token set is checked against to tell who acts."""
    lx = lexicon("parties")
    provider, customer = ({str(w).lower() for w in lx.get(key) or [] if " " not in str(w)}
                          for key in ("provider_roles", "customer_roles"))
    return frozenset(provider - customer), frozenset(customer - provider)
