"""Parties, effective date and initial term, from the opening of the document.

- parties: the parties clause ("between Acme Ltd, a company registered ... ("Provider") and
  Foo plc ("Customer")", "(1) ACME LIMITED ... (the "Supplier"); and (2) ..."), labelled
  lines ("Provider: Acme Ltd"), else a company name in the title or letterhead for the
  provider. A generic party ("the customer identified in the Order Form") is left null.
- effective_date: ISO date after an effective-date cue; numeric dates are read day first
  unless the first number cannot be a day-of-month ordering (13/05 vs 05/13).
- term_months: the initial/minimum term ("initial term of thirty-six (36) months", "3 years").
Role words, name endings and cues are data in rules/lexicons/parties.yml.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date
from typing import Optional

from sla_check.ruleset import per_ruleset
from sla_check.extract import Context, Sentence
from sla_check.extractors import _support as sup
from sla_check.models import Parties, Terms, Value
from sla_check.normalize import lexicon, parse_number

log = logging.getLogger(__name__)

#: how far into the document the parties clause may sit
_MAX_PAGE = 3

_MONTHS = {m: i + 1 for i, m in enumerate(
    "january february march april may june july august september october november december".split())}
_MONTHS.update({m[:3]: i for m, i in list(_MONTHS.items())})
_MONTHS["sept"] = 9
_MON = r"(?P<mon>%s)\.?" % "|".join(sorted(_MONTHS, key=len, reverse=True))
_DATE_RES = (
    re.compile(r"(?P<d>\d{1,2})(?:st|nd|rd|th)?\)?\s+(?:day\s+of\s+)?" + _MON + r",?\s+(?P<y>\d{4})", re.IGNORECASE),
    re.compile(_MON + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})", re.IGNORECASE),
    re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"),
    re.compile(r"(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<y>\d{4})"),
)
#: a capitalised name: "Stratus Cloud Platform, Inc.", "ASHGROVE SYSTEMS LIMITED", "Pemberton & Rhodes Solicitors LLP"
_NAME = re.compile(r"(?P<name>(?:[A-Z0-9][\w'’.\-]*|&)(?:\s+(?:[A-Z0-9&][\w'’.\-&]*|of|and|for|the|de|du|von|van))*"
                   r"(?:,?\s+(?:Inc|LLC|Ltd|Limited|plc|LLP|Corp|GmbH|AG|S\.A|B\.V|Pty|L\.P|N\.V)\.?)?)")
_ANCHOR = re.compile(r"(?:\bbetween\b|\band\b|\(\s*\d\s*\)|\bby\b|^|[:;])\s*(?:\(\s*\d\s*\)\s*)?", re.IGNORECASE)
#: a possessive name opening a title ("Acme Cloud's Service Level Agreement"): whose document it is
_TITLE_OWNER = re.compile(r"^\W*(?P<name>[A-Z][\w&.\-]*(?:\s+[A-Z][\w&.\-]*){0,3})['’]s\s+\w")
_CLAUSE = re.compile(r"\b(?:between|entered\s+into\s+by|made\s+by)\b", re.IGNORECASE)
_BRACKET = re.compile(r"\((?:[^()]{0,120})\)")


@dataclass(frozen=True)
class _Lexicon:
    provider_roles: frozenset[str]
    customer_roles: frozenset[str]
    provider_labels: tuple[str, ...]
    customer_labels: tuple[str, ...]
    suffix_re: re.Pattern[str]
    stops: tuple[str, ...]
    generic: tuple[str, ...]
    effective_re: re.Pattern[str]
    term_re: re.Pattern[str]
    pronouns: frozenset[str]


@per_ruleset
def _lexicon() -> _Lexicon:
    lx = lexicon("parties")
    low = lambda key: [str(x).lower() for x in lx.get(key, [])]  # noqa: E731
    suffixes = "|".join(re.escape(s) for s in sorted(low("company_suffixes"), key=len, reverse=True))
    eff = "|".join(re.escape(s) for s in sorted(low("effective_cues"), key=len, reverse=True))
    term = "|".join(re.escape(s) for s in sorted(low("term_cues"), key=len, reverse=True))
    return _Lexicon(
        frozenset(low("provider_roles")),
        frozenset(low("customer_roles")),
        tuple(sorted(low("provider_labels"), key=len, reverse=True)),
        tuple(sorted(low("customer_labels"), key=len, reverse=True)),
        re.compile(rf"(?:^|\s)(?:{suffixes})(?=$|[\s,.)])", re.IGNORECASE),
        tuple(str(x).lower() for x in lx.get("name_stops", [])),
        tuple(low("generic_names")),
        re.compile(rf"\b(?:{eff})\b", re.IGNORECASE),
        re.compile(rf"\b(?:{term})", re.IGNORECASE),
        frozenset(low("provider_pronouns")),
    )


#: how company endings are written when a name comes in capitals ("ACME PLC" -> "Acme plc")
_CASE = {"plc": "plc", "llp": "LLP", "llc": "LLC", "ltd": "Ltd", "ltd.": "Ltd.", "inc": "Inc", "inc.": "Inc.", "gmbh": "GmbH",
         "ag": "AG", "it": "IT", "uk": "UK", "of": "of", "and": "and", "&": "&", "nhs": "NHS", "cic": "CIC"}


_LIST_NUMBER = re.compile(r"^\(?\d{1,2}[.)]\s+(?=[A-Z])")
_POSSESSIVE = re.compile(r"['’]s$")


def _letterhead_name(candidate: str) -> Optional[str]:
    """A company name from a title or letterhead line, or None when the line only looks like one.

    The name runs to its company ending ("Acme Hosting Ltd Service Agreement" -> "Acme Hosting Ltd");
    an ending with no name before it is a word, not a company ("As we ...", a "Company" form label),
    and a name that cleaning cuts short of its ending ("Bank of Examples Ltd" -> "Bank") is not trusted.
    """
    candidate = _POSSESSIVE.sub("", candidate.strip())
    ends = list(_lexicon().suffix_re.finditer(candidate))
    if not ends:
        return None
    name = candidate[:ends[-1].end()].strip()
    if not candidate[:ends[-1].start()].strip():
        return None
    cleaned = _clean_name(name)
    if cleaned is None or not _lexicon().suffix_re.search(cleaned):
        return None
    return cleaned


def _clean_name(raw: str) -> Optional[str]:
    lx = _lexicon()
    text = " ".join(raw.split()).strip(" ,;:\"“”'")
    text = _LIST_NUMBER.sub("", text)  # a parties clause set as a numbered list: "1. Acme Ltd, a company ..."
    text = _POSSESSIVE.sub("", text)  # "use of Acme Cloud Ltd's service": the party is Acme Cloud Ltd
    if text.endswith(".") and not re.search(r"\b(?:Inc|Corp|Co|L\.P|S\.A|B\.V|N\.V)\.$", text):
        text = text[:-1]
    low = text.lower()
    cut = min((low.find(s) for s in lx.stops if low.find(s) > 0), default=-1)
    if cut > 0:
        text = text[:cut].strip(" ,;:")
    if not text or any(text.lower() == g or text.lower().startswith(g + " ") for g in lx.generic):
        return None
    if not re.search(r"[A-Z]", text[:1]) and not text[:1].isdigit():
        return None
    if re.match(r"^(?:this|the|it|each|such|that|these|any|all|its|our|your)\b", text, re.IGNORECASE):
        return None
    if text.isupper() and len(text) > 4:
        text = " ".join(_CASE.get(w.lower(), w.capitalize()) for w in text.split())
    return text[:120]


def _roles(bracket: str) -> set[str]:
    lx = _lexicon()
    words = {re.sub(r"[\"“”'‘’]", "", w).strip(" ,").lower() for w in re.split(r",|\bor\b|\band\b", bracket.strip("()"))}
    words = {re.sub(r"^the\s+", "", w) for w in words if w}
    out = set()
    if words & lx.provider_roles:
        out.add("provider")
    if words & lx.customer_roles:
        out.add("customer")
    return out


def _from_clause(text: str) -> dict[str, str]:
    """Names in a parties clause, by role, from the bracketed defined term after each name.

    Each bracket owns the text since the previous bracket; its name is the capitalised name
    at the start of that text (after "between", "and", "(2)").
    """
    found: dict[str, str] = {}
    pending: list[str] = []  # names whose bracket gives no role ("Lumen")
    prev_end = 0
    for bracket in _BRACKET.finditer(text):
        segment = text[prev_end:bracket.start()]
        roles = _roles(bracket.group(0))
        if not roles and not re.search(r"[\"“]", bracket.group(0)):
            continue  # "(registration number 30112R)" is part of the description, not a defined term
        prev_end = bracket.end()
        between = _CLAUSE.search(segment)
        if between:
            segment = segment[between.end():]
        elif not (prev_end - len(bracket.group(0)) > 0 and re.match(r"^[\s;,:]*(?:and\b|\(\s*\d\s*\))", segment)) \
                and not re.match(r"^\s*\(\s*\d\s*\)", segment):
            continue
        segment = re.sub(r"^[\s;,:]*(?:and\s+)?(?:\(\s*\d\s*\)\s*)?", "", segment)
        m = _NAME.match(segment)
        name = _clean_name(m.group("name")) if m else None
        if name is None:
            for r in roles:
                found.setdefault(r, "")  # a generic party still takes its role
            continue
        if len(roles) == 1:
            found.setdefault(roles.pop(), name)
        elif not roles and re.search(r"[\"“]", bracket.group(0)):
            pending.append(name)
    for name in pending:
        for role in ("provider", "customer"):
            if role not in found:
                found[role] = name
                break
    return {k: v for k, v in found.items() if v}


@per_ruleset
def _label_res() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Per role, "<label>: value" for any of its labels: the alternation tries them in lexicon order
    (longest first), so the first label that fits wins, in one match per sentence instead of one per label."""
    lx = _lexicon()
    out = []
    for role, labels in (("provider", lx.provider_labels), ("customer", lx.customer_labels)):
        if labels:
            alternatives = "|".join(re.escape(label) for label in labels)
            out.append((role, re.compile(rf"^\s*(?:{alternatives})(?:\s+name)?\s*[:|]\s*(?P<v>.+)$", re.IGNORECASE)))
    return tuple(out)


def _from_label(text: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for role, rx in _label_res():
        m = rx.match(text)
        if m:
            value = re.split(r"\|| (?=[A-Z][\w ]{0,30}:)", m.group("v"))[0]  # "Ltd. Framework: ..." ends the name
            name = _clean_name(value)
            if name:
                out[role] = name
    return out


def _date(text: str) -> Optional[str]:
    for rx in _DATE_RES:
        m = rx.search(text)
        if not m:
            continue
        try:
            groups = m.groupdict()
            if groups.get("mon"):
                d = date(int(m.group("y")), _MONTHS[m.group("mon").lower()], int(m.group("d")))
            elif groups.get("m"):
                d = date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
            else:
                a, b = int(m.group("a")), int(m.group("b"))
                day, month = (a, b) if a > 12 or b <= 12 else (b, a)
                d = date(int(m.group("y")), month, day)
        except ValueError:
            continue
        return d.isoformat()
    return None


_TERM = re.compile(r"(?P<n>(?:[\w-]+\s*)?(?:\(\s*\d+\s*\))|\d+|[a-z-]+)\s*(?:\(\s*\d+\s*\)\s*)?[\s-]*(?P<unit>months?|years?)\b",
                   re.IGNORECASE)


def _term_months(text: str, at: int) -> Optional[int]:
    m = _TERM.search(text, at, at + 90)
    if not m:
        return None
    n = parse_number(m.group("n"))
    if not n:
        return None
    return int(n * (12 if m.group("unit").lower().startswith("year") else 1))


def _first_person_name(text: str) -> Optional[str]:
    """The name a company gives itself as "we": 'Acme Hosting ("we", "us") sells ...' (the
    capitalised name right before a bracket whose defined terms are first-person pronouns)."""
    pronouns = _lexicon().pronouns
    for bracket in _BRACKET.finditer(text):
        words = {re.sub(r"[\"“”'‘’]", "", w).strip(" ,").lower() for w in re.split(r",|\bor\b|\band\b", bracket.group(0).strip("()"))}
        if not (words - {""}) or not (words - {""}) <= pronouns | {"the"} or not re.search(r"[\"“]", bracket.group(0)):
            continue
        before = text[:bracket.start()].rstrip()
        last = None
        for m in _NAME.finditer(before):
            if m.end() == len(before):
                last = m
        if last is not None:
            return _clean_name(last.group("name"))
    return None


def collect(ctx: Context, terms: Terms) -> None:
    lx = _lexicon()
    names: dict[str, tuple[str, Sentence]] = {}
    effective: Optional[Value] = None
    term: Optional[Value] = None
    for s in ctx.sentences:
        if s.block.page > _MAX_PAGE:
            break
        text = " ".join(s.text.split())
        low = text.lower()
        if len(names) < 2 and (_CLAUSE.search(low) or re.match(r"^\(?\s*[12]\s*\)", text)):
            for role, name in _from_clause(text).items():
                names.setdefault(role, (name, s))
        if len(names) < 2:
            for role, name in _from_label(text).items():
                names.setdefault(role, (name, s))
        if effective is None:
            for m in lx.effective_re.finditer(text):
                iso = _date(text[m.end():m.end() + 60])
                if iso:
                    effective = Value(iso, s.evidence("parties.effective_date"))
                    break
        if term is None:
            for m in lx.term_re.finditer(text):
                months = _term_months(text, m.end())
                if months:
                    term = Value(months, s.evidence("parties.term"))
                    break
    if "provider" not in names:
        # 'Acme Hosting ("we", "us") ...' on the first page: the provider calling itself "we"
        for s in ctx.sentences[:30]:
            if s.block.page != 1:
                break
            named = _first_person_name(" ".join(s.text.split())) if "(" in s.text else None
            if named:
                names["provider"] = (named, s)
                break
    if "provider" not in names:
        # a title that names whose document it is: "Acme's Service Level Agreement"
        title = next((s for s in ctx.sentences[:3] if s.block.kind in ("heading", "title")), None)
        owner = _TITLE_OWNER.match(" ".join(title.text.split())) if title is not None else None
        if owner and title is not None:
            cleaned = _clean_name(owner.group("name"))
            if cleaned:
                names["provider"] = (cleaned, title)
    if "provider" not in names:
        # letterhead or title: the first company name on page 1
        for s in ctx.sentences[:12]:
            if s.block.page != 1:
                break
            for m in _NAME.finditer(" ".join(s.text.split())):
                cleaned = _letterhead_name(m.group("name") or "")
                if cleaned:
                    names["provider"] = (cleaned, s)
                    break
            if "provider" in names:
                break
    if names:
        ev_sentence = (names.get("provider") or names.get("customer"))[1]  # type: ignore[index]
        terms.parties = Parties(
            provider=names["provider"][0] if "provider" in names else None,
            customer=names["customer"][0] if "customer" in names else None,
            evidence=sup.evidence(ev_sentence, rule="parties.clause"),
        )
    if effective is not None:
        terms.effective_date = effective
    if term is not None:
        terms.term_months = term
