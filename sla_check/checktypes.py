"""The registry of check types: the code behind each checklist entry's `type:`.

A checklist entry in rules/checklist.yml names a type here and gives its parameters; it
never contains an expression. Each type declares (like a yamllint rule's CONF) the
parameters it takes with their kinds, the statuses it can produce and the placeholder
values it fills, so a checklist is validated completely when it is loaded.

A check function is pure: (Terms, resolved params) -> Outcome. Values in the outcome
are already plain English ("4 hours", "99.5%"), ready for the entry's templates.
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field, fields
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable, Optional

from sla_check.models import Evidence, Exclusion, Flag, Qualifier, Terms, TimeCommitment, Value
from sla_check.money import (
    PERIOD_MONTHS,
    allowed_downtime_minutes,
    credit_threshold,
    format_days,
    format_elapsed,
    format_hours,
    format_minutes,
    format_percent,
    format_period,
    headline_uptime,
    max_credit_percent,
)
from sla_check.ruleset import per_ruleset

STATUSES = ("ok", "gap", "weak", "review", "n/a")
SEVERITIES = ("high", "medium", "low")
PERIODS = ("month", "quarter", "year")
QUALIFIER_KINDS = ("efforts", "target_only", "carve_out", "attainment", "scope_limited", "workaround")


def exclusion_categories() -> tuple[str, ...]:
    """The exclusion categories as lexicons/exclusions.yml lists them (the one place they are written)."""
    from sla_check.normalize import lexicon

    return tuple(str(c) for c in lexicon("exclusions")["categories"])


def mention_topics() -> tuple[str, ...]:
    """The mention topics of lexicons/mentions.yml (places where a document speaks of a term)."""
    from sla_check.normalize import lexicon

    return tuple(str(t) for t in lexicon("mentions").get("topics") or {})


#: situations a check can report with its own `explain:` text (falling back to the status's):
#: not_applicable - the term it judges is absent, so there is nothing to judge (maintenance that counts as downtime)
#: not_required - the chosen profile does not require it
#: not_stated - the contract is silent on a detail that is fine to leave out (no claim deadline)
#: not_service_credit - the only credit the contract speaks of is not paid for missing the SLA
#: unread       - a review resting on words with no value read (checks that require it are n/a)
#: general      - nothing is excluded from the service levels themselves, but a clause of the whole
#:                agreement (force majeure) excuses performance, the service levels' too
#: top_tier     - no cap is stated: the most the credits can reach is the largest one the scale names
#: cover_mentioned - no support hours are stated, but the contract speaks of cover out of hours (an on-call rota)
#: discretionary - the only credits are at the vendor's discretion ("case by case"): nothing is owed,
#:                 so a person reads the clause and the credit details do not apply (as for unread)
UNREAD = "unread"
DISCRETIONARY = "discretionary"
GENERAL = "general"
TOP_TIER = "top_tier"
COVER_MENTIONED = "cover_mentioned"
#: the rule-id prefix of a stated cap (rules/patterns/credits.jsonl, label CAP); a cap whose evidence
#: has another rule was taken from the credit scale (its top tier or band), not stated
CAP_RULE = "credits.cap."
#: the rule-id suffix of a mention (rules/lexicons/mentions.yml) whose place states no value of its kind
NO_FIGURE = "no_figure"
CASES = ("not_applicable", "not_required", "not_stated", "not_service_credit", UNREAD, GENERAL, TOP_TIER, COVER_MENTIONED,
         DISCRETIONARY)
#: Terms fields that are yes/no flags, usable by the generic flag checks
FLAG_FIELDS = tuple(f.name for f in fields(Terms) if f.default_factory is Flag)  # type: ignore[misc]


# --------------------------------------------------------------------------- parameter kinds


def _is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _choice(options: Iterable[str]) -> Callable[[Any], Optional[str]]:
    opts = tuple(options)
    return lambda v: None if v in opts else f"must be one of {list(opts)}"


def _list_of(options: Iterable[str]) -> Callable[[Any], Optional[str]]:
    opts = tuple(options)

    def validate(v: Any) -> Optional[str]:
        if not isinstance(v, list) or not v:
            return f"must be a non-empty list of {list(opts)}"
        bad = [x for x in v if x not in opts]
        return f"unknown value(s) {bad}; allowed: {list(opts)}" if bad else None

    return validate


def _range(lo: float, hi: Optional[float] = None) -> Callable[[Any], Optional[str]]:
    def validate(v: Any) -> Optional[str]:
        if not _is_number(v):
            return "must be a number"
        if v < lo or (hi is not None and v > hi):
            return f"must be between {lo} and {hi}" if hi is not None else f"must be at least {lo}"
        return None

    return validate


#: kind -> validator returning a problem or None. Profile thresholds use the same kinds.
PARAM_KINDS: dict[str, Callable[[Any], Optional[str]]] = {
    "percent": _range(0, 100),
    "minutes": _range(0),
    "hours": _range(0),
    "days": _range(0),
    "money": _range(0),
    "factor": _range(1),
    "level": lambda v: None if isinstance(v, int) and not isinstance(v, bool) and 1 <= v <= 5 else "must be a whole number 1-5",
    "bool": lambda v: None if isinstance(v, bool) else "must be true or false",
    "period": _choice(PERIODS),
    "support_hours": _choice(("24x7", "business_hours")),
    "time_kind": _choice(("response", "resolution", "update")),
    "status": _choice(STATUSES),
    "mode": _choice(("all", "any")),
    "flag": _choice(FLAG_FIELDS),
    "flags": _list_of(FLAG_FIELDS),
    "categories": lambda v: _list_of(exclusion_categories())(v),
    "qualifier_kinds": _list_of(QUALIFIER_KINDS),
    "topics": lambda v: None if v == [] else _list_of(mention_topics())(v),  # none: the default
    "text": lambda v: None if isinstance(v, str) and v.strip() else "must be non-empty text",
}

#: how a parameter value reads in a template ("{max_minutes}" -> "1 hour")
PARAM_FORMAT: dict[str, Callable[[Any], str]] = {
    "percent": format_percent,
    "minutes": format_minutes,
    "hours": format_hours,
    "days": format_days,
    "period": lambda v: str(v),
    "bool": lambda v: "yes" if v else "no",
    "flags": lambda v: ", ".join(FLAG_WORDS.get(x, x) for x in v),
    "flag": lambda v: FLAG_WORDS.get(v, v),
    "categories": lambda v: ", ".join(CATEGORY_WORDS.get(x, x) for x in v),
    "qualifier_kinds": lambda v: ", ".join(v),
}


@dataclass(frozen=True)
class Param:
    kind: str
    required: bool = True
    default: Any = None
    help: str = ""


@dataclass(frozen=True)
class Outcome:
    """What a check found: a status, plain-English values for the templates, and where."""

    status: str
    values: dict[str, str] = field(default_factory=dict)
    evidence: tuple[Evidence, ...] = ()
    case: Optional[str] = None  # a named situation with its own optional text, e.g. "not_applicable"


@dataclass(frozen=True)
class CheckType:
    name: str
    fn: Callable[[Terms, dict[str, Any]], Outcome]
    params: dict[str, Param]
    statuses: tuple[str, ...]  # always possible; a `status` parameter adds the status it names
    values: tuple[str, ...]
    doc: str


REGISTRY: dict[str, CheckType] = {}


def check_type(name: str, params: dict[str, Param], statuses: tuple[str, ...], values: tuple[str, ...]) -> Callable[..., Any]:
    """Register a check function under `name` with its parameter schema."""

    def register(fn: Callable[[Terms, dict[str, Any]], Outcome]) -> Callable[[Terms, dict[str, Any]], Outcome]:
        for p in params.values():
            assert p.kind in PARAM_KINDS, p.kind
        REGISTRY[name] = CheckType(name, fn, params, statuses, values, (fn.__doc__ or "").strip().splitlines()[0])
        return fn

    return register


# --------------------------------------------------------------------------- wording helpers

FLAG_WORDS: dict[str, str] = {
    "proactive_monitoring": "proactive 24x7 monitoring and alerting",
    "chronic_failure_termination": "a right to terminate for repeated SLA failure",
    "severity_levels_defined": "definitions of the severity levels",
    "downtime_defined": "a definition of downtime / availability",
    "escalation_path": "an escalation path",
    "account_manager": "a named contact or service manager",
    "service_reporting": "regular service reports",
    "service_reviews": "regular service reviews",
    "out_of_scope_charges": "charges for out-of-scope work",
    "rate_card": "a rate card",
    "change_process": "a change process",
    "capacity_growth": "provisions for adding users, sites or capacity",
    "backup": "a backup commitment",
    "unilateral_changes": "a vendor right to change the SLA",
}
CATEGORY_WORDS: dict[str, str] = {
    "scheduled_maintenance": "scheduled maintenance",
    "emergency_maintenance": "emergency maintenance",
    "force_majeure": "force majeure",
    "customer_caused": "customer-caused problems",
    "third_party": "third-party services",
    "network_outside_provider": "networks outside the vendor's control",
    "suspension": "suspension",
    "beta_preview": "beta or preview services",
    "other": "other",
}
SERVICE_KIND_WORDS = {
    "connectivity": "connectivity (network / telecoms)", "colocation": "colocation (data-centre space and power)",
    "hosting": "hosting / cloud infrastructure", "saas": "software as a service", "managed_service": "managed IT service",
    "support": "support-only",
}
LEVEL_WORDS = {1: "P1 (critical)", 2: "P2 (high)", 3: "P3 (medium)", 4: "P4 (low)", 5: "P5 (planning)"}
BASIS_WORDS = {"calendar": "around the clock", "business": "in business hours only", "unspecified": "on an unstated clock"}


def _quote(text: str, limit: int = 220) -> str:
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "\u2026"
    return "\u201c" + text + "\u201d"


@lru_cache(maxsize=8)
def _phrases(root: str, family: str) -> dict[str, tuple[str, ...]]:
    """Rule id -> the phrase patterns (plain strings) of one rules/patterns/<family>.jsonl."""
    from sla_check.ruleset import read_jsonl

    path = Path(root) / "patterns" / f"{family}.jsonl"
    out: dict[str, list[str]] = {}
    if path.is_file():
        for _, obj in read_jsonl(path):
            if isinstance(obj.get("pattern"), str) and obj.get("id"):
                out.setdefault(str(obj["id"]), []).append(str(obj["pattern"]))
    return {k: tuple(v) for k, v in out.items()}


def quote_match(e: Evidence, limit: int = 160) -> str:
    """The evidence quoted from the sentence its rule matched in, not from the start of its block:
    a long paragraph or table row shows the words that decided (a credit table run into the
    exclusion after it shows the exclusion)."""
    from sla_check.ruleset import active

    text = " ".join(e.text.split())
    if len(text) <= limit or not e.rule or "." not in e.rule:
        return _quote(text, limit)
    phrases = _phrases(str(active().root), e.rule.split(".", 1)[0]).get(e.rule, ())
    hits = [m.start() for ph in phrases
            for m in [re.search(r"(?<!\w)%s(?!\w)" % re.escape(ph), text, re.IGNORECASE)] if m is not None]
    if not hits:
        return _quote(text, limit)
    at = min(hits)
    # back to the start of its sentence, cell or list item, but never so far that the match is cut off
    ends = [i + len(sep) for sep in (". ", "; ", "| ", ": ") for i in [text.rfind(sep, 0, at)] if i >= 0]
    start = max([*ends, at - limit // 2, 0])
    if 0 < start < at and not text[start - 1].isspace() and start not in ends:
        start = text.find(" ", start, at) + 1 or start  # a whole first word
    if start == 0:
        return _quote(text, limit)
    return _quote("\u2026" + text[start:].lstrip(), limit)


def _ev(*items: Optional[Evidence]) -> tuple[Evidence, ...]:
    out: list[Evidence] = []
    for e in items:
        if e is not None and e not in out:
            out.append(e)
    return tuple(out)


def _flag_evidence(terms: Terms, names: Iterable[str]) -> tuple[Evidence, ...]:
    return _ev(*(getattr(terms, n).evidence for n in names))


def _value(v: Value) -> Optional[float]:
    try:
        return float(v.value) if v.value is not None else None
    except (TypeError, ValueError):
        return None


def _weakening(qualifiers: Iterable[Qualifier], kinds: Iterable[str]) -> list[Qualifier]:
    ks = set(kinds)
    return [q for q in qualifiers if q.kind in ks]


def _qualifier_text(qs: list[Qualifier]) -> str:
    return "; ".join(dict.fromkeys(f"{q.kind.replace('_', ' ')}: {_quote(q.text, 160)}" for q in qs))


# --------------------------------------------------------------------------- check types


@check_type(
    "measurable_commitments",
    params={},
    statuses=("ok", "gap", "review"),
    values=("uptime", "response_count", "qualifiers"),
)
def measurable_commitments(terms: Terms, p: dict[str, Any]) -> Outcome:
    """Is anything measurable promised at all (an uptime target or a response time)?"""
    up = headline_uptime(terms)
    values = {
        "uptime": format_percent(up.percent) if up else "none",
        "response_count": str(len(terms.response_times)) if terms.response_times else "none",
        "qualifiers": "",
    }
    if up is None and not terms.response_times:
        return Outcome("gap", values)
    evidence = _ev(*(u.evidence for u in terms.uptime), *(r.evidence for r in terms.response_times[:3]))
    soft = [q for u in terms.uptime for q in u.qualifiers] + [q for r in terms.response_times for q in r.qualifiers]
    soft = _weakening(soft, ("target_only", "efforts"))
    n_commit = len(terms.uptime) + len(terms.response_times)
    if soft and len({id(u) for u in terms.uptime if _weakening(u.qualifiers, ("target_only", "efforts"))}) + len(
        [r for r in terms.response_times if _weakening(r.qualifiers, ("target_only", "efforts"))]
    ) == n_commit:
        values["qualifiers"] = _qualifier_text(soft[:3])
        # the clause that makes them targets decides ("The target times are targets only")
        said = sorted((ev for term, q, ev in terms.qualifiers if term in ("uptime", "response_times")
                       and q.kind in ("target_only", "efforts")), key=lambda e: not (e.rule or "").startswith("qualifier.blanket"))
        return Outcome("review", values, _ev(*said[:1], *evidence))
    return Outcome("ok", values, evidence)


@check_type(
    "uptime_target",
    params={
        "min_percent": Param("percent", help="lowest acceptable uptime target"),
        # carve-outs and exclusions have checks of their own: counted here they would count twice
        "review_qualifiers": Param("qualifier_kinds", required=False, default=["efforts", "target_only"]),
    },
    statuses=("ok", "gap", "weak", "review"),
    values=("percent", "period", "targets", "qualifiers", "allowed"),
)
def uptime_target(terms: Terms, p: dict[str, Any]) -> Outcome:
    """The uptime target is stated and at least the profile's minimum."""
    up = headline_uptime(terms)
    if up is None:
        return Outcome("gap", {"percent": "none", "period": "", "targets": "none", "qualifiers": ""})
    targets = ", ".join(
        f"{format_percent(u.percent)} {format_period(u.period)}" + (f" ({u.service})" if u.service else "")
        for u in terms.uptime
    )
    # what the target lets the vendor off in time: "55.6%" is easy to misread as merely low
    values = {"percent": format_percent(up.percent), "period": format_period(up.period), "targets": targets, "qualifiers": "",
              "allowed": format_elapsed(allowed_downtime_minutes(up.percent)[0])}
    evidence = _ev(_commitment_place(terms) if credit_threshold(up) else None, up.evidence,
                   *(u.evidence for u in terms.uptime))
    if up.percent < p["min_percent"]:
        return Outcome("weak", values, evidence)
    soft = _weakening(up.qualifiers, p["review_qualifiers"])
    if soft:
        values["qualifiers"] = _qualifier_text(soft)
        # a hedge stated once for all the levels ("a missed service level is not a breach") decides too
        own = up.evidence.text if up.evidence is not None else ""
        said = [ev for _, q, ev in terms.qualifiers if ev.text != own and any(q.text == s.text for s in soft)]
        return Outcome("review", values, _ev(evidence[0] if evidence else None, *said[:1], *evidence[1:]))
    return Outcome("ok", values, evidence)


def _commitment_place(terms: Terms) -> Optional[Evidence]:
    """Where the document states its uptime commitment, when the only figure read is where a credit
    scale starts ("99.9% - 99.5% | 10%"): the band row shows the level but does not promise it, so
    the place that speaks of the level with a figure in it (a plan's uptime table, an "uptime
    guarantee" sentence) is cited first."""
    for topic in ("uptime", "uptime_prose"):
        ev = terms.mentions.get(topic)
        if ev is not None and not (ev.rule or "").endswith("." + NO_FIGURE) and not _scale_words(ev):
            return ev
    return None


def _scale_words(e: Evidence) -> bool:
    """The place names a credit scale (rules/lexicons/findings.yml credit_thresholds.scale_words):
    the credit table itself, no commitment."""
    from sla_check.extractors._cues import cue_regex
    from sla_check.normalize import lexicon

    words = (lexicon("findings").get("credit_thresholds") or {}).get("scale_words") or []
    return bool(words) and bool(cue_regex(words).search(f"{e.section or ''} {e.text}"))


@check_type(
    "uptime_period",
    params={"max_period": Param("period", help="longest acceptable measurement period")},
    statuses=("ok", "weak", "review", "n/a"),
    values=("percent", "period", "max_period"),
)
def uptime_period(terms: Terms, p: dict[str, Any]) -> Outcome:
    """Uptime is measured over a period no longer than the profile allows."""
    up = headline_uptime(terms)
    if up is None:
        return Outcome("n/a", {"percent": "none", "period": "", "max_period": format_period(p["max_period"])}, case="not_applicable")
    # judge the longest period among the targets: a yearly target hides a bad month
    longest = max(terms.uptime, key=lambda u: (PERIOD_MONTHS.get(u.period, 0), -u.percent))
    values = {"percent": format_percent(longest.percent), "period": format_period(longest.period),
              "max_period": format_period(p["max_period"])}
    if all(u.period not in PERIOD_MONTHS for u in terms.uptime):
        return Outcome("review", {**values, "period": format_period("unspecified")}, _ev(up.evidence))
    if PERIOD_MONTHS[longest.period] > PERIOD_MONTHS[p["max_period"]]:
        return Outcome("weak", values, _ev(longest.evidence))
    return Outcome("ok", values, _ev(longest.evidence))


@check_type(
    "flag_required",
    params={
        "flag": Param("flag"),
        "required": Param("bool", required=False, default=True, help="false: absence is acceptable for this profile"),
        "when_missing": Param("status", required=False, default="gap"),
    },
    statuses=("ok",),
    values=("what", "detail"),
)
def flag_required(terms: Terms, p: dict[str, Any]) -> Outcome:
    """A yes/no term the buyer needs is present (e.g. a chronic-failure exit)."""
    flag: Flag = getattr(terms, p["flag"])
    values = {"what": FLAG_WORDS.get(p["flag"], p["flag"]), "detail": flag.detail or ""}
    if flag.value:
        return Outcome("ok", values, _ev(flag.evidence))
    if not p["required"]:
        return Outcome("ok", values, case="not_required")
    return Outcome(p["when_missing"], values)


@check_type(
    "flags_required",
    params={"flags": Param("flags"), "mode": Param("mode", required=False, default="all")},
    statuses=("ok", "gap", "weak"),
    values=("present", "missing"),
)
def flags_required(terms: Terms, p: dict[str, Any]) -> Outcome:
    """Several yes/no terms: all (or any) present is ok, some is weak, none is a gap."""
    present = [n for n in p["flags"] if getattr(terms, n).value]
    missing = [n for n in p["flags"] if n not in present]
    values = {
        "present": ", ".join(FLAG_WORDS.get(n, n) for n in present) or "none",
        "missing": ", ".join(FLAG_WORDS.get(n, n) for n in missing) or "none",
    }
    evidence = _flag_evidence(terms, present)
    if not present:
        return Outcome("gap", values)
    if missing and p["mode"] == "all":
        return Outcome("weak", values, evidence)
    return Outcome("ok", values, evidence)


def _times(terms: Terms, level: int, kind: str) -> tuple[list[TimeCommitment], bool]:
    """Commitments for this level and kind; else the ones stated for every incident (no level).

    Where the contract has a priority ladder, a time for no priority counts for this level only
    on a page of the ladder: one pages away from it (a warranty's 30-day remedy, restoring a
    firewall's settings in a long agreement) is about something else, not the incidents the
    ladder sorts."""
    found = [r for r in terms.response_times if r.severity_level == level and r.kind == kind]
    promised = [r for r in found if not _measured(r)]
    if promised:
        return promised, False
    general = [r for r in terms.response_times if r.severity_level is None and r.kind == kind
               and not _other_request(r) and not _credit_unit(r)]
    ladder = {r.evidence.page for r in terms.response_times if r.severity_level is not None and r.evidence is not None}
    if ladder:
        general = [r for r in general if r.evidence is None or r.evidence.page in ladder]
    firm = [r for r in general if not _measured(r)]
    if found and not firm:
        # only measures for this level: they are what the contract says of it (read as qualified)
        return found, False
    return (firm or general), True


def _measured(r: TimeCommitment) -> bool:
    """A time that is a measure, not a promise: a key performance indicator counting the share of
    incidents that meet it ("percentage of critical faults repaired in less than 5 hours") with no
    share promised. Where the contract also commits to a time, the commitment decides; the measure
    decides only when nothing else is said (and is then read as qualified)."""
    return r.attainment_percent is None and any(q.kind == "attainment" for q in r.qualifiers)


def _other_request(r: TimeCommitment) -> bool:
    """A time for no priority whose clause names another kind of request (an order, a bill) and no
    incident: that request's target, not an answer to a critical fault (rules/lexicons/findings.yml
    `general_times`)."""
    from sla_check.extractors._cues import cue_regex
    from sla_check.normalize import lexicon

    words = lexicon("findings").get("general_times") or {}
    text = r.evidence.text if r.evidence is not None else ""
    return bool(cue_regex(words.get("other_requests") or []).search(text)) \
        and not cue_regex(words.get("incident_words") or []).search(text)


def _credit_unit(r: TimeCommitment) -> bool:
    """A time for no priority that counts out a credit ("a day's credit for each 24 hour period of
    downtime"): the credit's unit, not a time to answer or fix anything (rules/lexicons/findings.yml
    `general_times.credit_words`, `per_unit`)."""
    from sla_check.extractors._cues import cue_regex
    from sla_check.normalize import find_durations, lexicon

    words = lexicon("findings").get("general_times") or {}
    text = r.evidence.text if r.evidence is not None else ""
    if not text or not cue_regex(words.get("credit_words") or []).search(text):
        return False
    per = cue_regex(words.get("per_unit") or [])
    def counted(f: Any) -> bool:  # the duration follows a per-unit word directly ("for each 24 hour period")
        before = text[max(0, f.start - 16):f.start]
        return any(not before[m.end():].strip() for m in per.finditer(before))

    return any(abs(f.value - r.minutes) < 0.5 and counted(f) for f in find_durations(text))


def _named_thing(r: TimeCommitment) -> Optional[str]:
    """The component or kit a time for no priority is stated for ("hardware replacement within 2
    hours"), as its clause words it (rules/lexicons/findings.yml `general_times.named_things`):
    that part's time, not a time to resolve any incident."""
    from sla_check.extractors._cues import cue_regex
    from sla_check.normalize import lexicon

    words = (lexicon("findings").get("general_times") or {}).get("named_things") or []
    m = cue_regex(words).search(r.evidence.text) if words and r.evidence is not None else None
    return " ".join(m.group(0).lower().split()) if m else None


def _written_in_days(r: TimeCommitment) -> bool:
    """Whether the clause gives this time in days (so it may be shown in business days)."""
    from sla_check.normalize import find_durations, lexicon

    day_words = {str(w).lower() for u in lexicon("durations").get("units") or [] if u.get("minutes") == 1440
                 for w in u.get("words") or []}
    text = r.evidence.text if r.evidence is not None else ""
    same = [f for f in find_durations(text) if abs(f.value - r.minutes) < 0.5]
    if not same:
        return True
    return any(w in day_words for f in same for w in re.findall(r"[a-z]+", f.text.lower()))


@per_ruleset
def _weekdays_after() -> re.Pattern[str]:
    """A day name or a business-clock phrase built on one ("monday to friday", "mon-fri") just
    after a time (rules/lexicons/basis.yml): built once per rules folder, not per time asked."""
    from sla_check.normalize import lexicon

    lx = lexicon("basis")
    days = [str(w).lower() for w in lx.get("weekdays") or []]
    phrases = days + [str(w).lower() for w in (lx.get("business") or {}).get("words") or []
                      if set(re.findall(r"[a-z]+", str(w).lower())) & set(days)]
    alts = "|".join(re.escape(w) for w in sorted(set(phrases), key=len, reverse=True)) or "(?!)"
    return re.compile(r"^\W{0,3}(?:%s)\b" % alts, re.IGNORECASE)


def _weekday_clock(r: TimeCommitment) -> bool:
    """A time in plain hours on a weekdays-only clock ("within 24 hours: weekdays", "4 hours,
    Monday to Friday"): the clock stops at weekends, not every evening, unlike "4 business hours"."""
    from sla_check.normalize import find_durations

    if r.basis != "business" or r.evidence is None:
        return False
    after = _weekdays_after()
    text = r.evidence.text
    return any(f.basis != "business" and abs(f.value - r.minutes) < 0.5 and after.match(text[f.end:f.end + 30])
               for f in find_durations(text))


def _longer_alternative(r: TimeCommitment) -> Optional[tuple[float, str]]:
    """A longer time given in brackets right after this one, for some of the hours ("15 minutes
    (1 hour on weekends and holidays)"): the buyer's worst case, in minutes, and its words."""
    from sla_check.normalize import find_durations

    if r.evidence is None:
        return None
    text = r.evidence.text
    for f in find_durations(text):
        if abs(f.value - r.minutes) >= 0.5:
            continue
        m = re.match(r"\s*\(([^()]{3,120})\)", text[f.end:])
        if m is None:
            continue
        longer = [g for g in find_durations(m.group(1)) if g.value > r.minutes]
        if longer:
            return max(g.value for g in longer), " ".join(m.group(1).split()).rstrip(" .;,")
    return None


@check_type(
    "time_commitment",
    params={
        "level": Param("level"),
        "kind": Param("time_kind"),
        "max_minutes": Param("minutes", help="slowest acceptable time, elapsed (calendar) time"),
        "business_factor": Param("factor", required=False, default=4.2,
                                 help="elapsed minutes per minute on a business-hours clock (24/8 hours x 7/5 days)"),
        "weekday_factor": Param("factor", required=False, default=1.4,
                                help="elapsed minutes per minute on a weekdays-only clock of whole days (7/5 days)"),
        "review_qualifiers": Param("qualifier_kinds", required=False,
                                   default=["efforts", "target_only", "carve_out", "attainment"]),
    },
    statuses=("ok", "gap", "weak", "review"),
    values=("level", "kind", "time", "basis", "elapsed", "max_time", "attainment", "qualifiers"),
)
def time_commitment(terms: Terms, p: dict[str, Any]) -> Outcome:
    """A P1/P2 response or resolution time is stated and no slower than the profile allows.

    Profile limits are elapsed time. A time on a business-hours clock stops at night and at
    weekends, so it is compared as `business_factor` times longer on average ("4 business
    hours" is about 17 hours elapsed); the explanation says so.
    """
    found, for_all = _times(terms, p["level"], p["kind"])
    values = {"level": LEVEL_WORDS.get(p["level"], f"P{p['level']}"), "kind": p["kind"], "time": "none",
              "basis": "", "elapsed": "", "max_time": format_minutes(p["max_minutes"]), "attainment": "", "qualifiers": ""}
    if not found:
        return Outcome("gap", values)

    weekday = {id(r) for r in found if _weekday_clock(r)}

    def elapsed(r: TimeCommitment) -> float:
        if id(r) in weekday:
            return r.minutes * p["weekday_factor"]
        return r.minutes * p["business_factor"] if r.basis == "business" else r.minutes

    # the slowest stated time is what the buyer can count on (several plans or services)
    worst = max(found, key=elapsed)
    on_weekdays = id(worst) in weekday
    shown = format_hours(worst.minutes / 60) if on_weekdays else \
        format_minutes(worst.minutes, worst.basis, days=_written_in_days(worst))
    # a time for no priority is for any incident, unless its clause names the part it is for
    thing = _named_thing(worst) if for_all else None
    scope = f" for {thing}" if thing else " for any incident" if for_all else ""
    values.update(time=shown + scope,
                  basis="on weekdays only" if on_weekdays else BASIS_WORDS.get(worst.basis, worst.basis))
    alternative = _longer_alternative(worst)
    if alternative is not None:
        # the best case must not stand alone: "15 minutes" that is "1 hour on weekends" is judged at 1 hour
        values["time"] = f"{shown}, {alternative[1]}" + scope
    if on_weekdays:
        values["elapsed"] = f"about {format_elapsed(elapsed(worst))} elapsed on average, because the clock stops at weekends"
    elif worst.basis == "business":
        values["elapsed"] = f"about {format_elapsed(elapsed(worst))} elapsed on average, because the clock stops outside business hours"
    if worst.attainment_percent is not None and worst.attainment_percent < 100:
        values["attainment"] = f"only {format_percent(worst.attainment_percent)} of cases"
    evidence = _ev(worst.evidence, *(r.evidence for r in found))
    judged = elapsed(worst) if alternative is None else \
        max(elapsed(worst), elapsed(dataclasses.replace(worst, minutes=alternative[0])))
    if judged > p["max_minutes"]:
        return Outcome("weak", values, evidence)
    soft = _weakening(worst.qualifiers, p["review_qualifiers"])
    if soft or values["attainment"] or for_all:
        # a time stated without a priority may be narrow (e.g. hardware replacement): a person checks it applies
        general = f"it is stated for {thing} only, not for {values['level']} incidents" if thing else \
            f"it is stated generally, not for {values['level']} incidents" if for_all else ""
        values["qualifiers"] = "; ".join(x for x in (_qualifier_text(soft), values["attainment"], general) if x)
        return Outcome("review", values, evidence)
    return Outcome("ok", values, evidence)


@check_type(
    "out_of_hours_cover",
    params={"required": Param("support_hours", help="24x7: critical incidents must be handled around the clock"),
            # places (mention topics) that speak of cover out of hours without stating hours ("on-call engineer")
            "cover": Param("topics", required=False, default=[])},
    statuses=("ok", "gap", "weak", "review"),
    values=("support_hours", "p1_basis", "required", "quotes", "page"),
)
def out_of_hours_cover(terms: Terms, p: dict[str, Any]) -> Outcome:
    """Critical incidents are handled out of hours: P1 support 24x7 and P1 clocks on calendar time."""
    hours = terms.support_hours.value
    # times stated for every incident, with no priority, are P1's too when no P1 time is given
    p1 = [r for r in terms.response_times if r.severity_level == 1] or \
        [r for r in terms.response_times if r.severity_level is None]
    bases = {r.basis for r in p1}
    values = {
        "support_hours": {"24x7": "24x7", "business_hours": "business hours only", "mixed": "different hours for different levels or plans"}.get(hours or "", "not stated"),
        "p1_basis": ", ".join(sorted(BASIS_WORDS.get(b, b) for b in bases)) or "no P1 times stated",
        "required": "24x7" if p["required"] == "24x7" else "business hours",
    }
    evidence = _ev(terms.support_hours.evidence, *(r.evidence for r in p1))
    if hours is None and not p1:
        return _cover_mentioned(terms, p, values) or Outcome("gap", values)
    if p["required"] == "business_hours":
        return Outcome("ok", values, evidence, case="not_required")
    # the clause that says when P1 incidents are handled decides; a P1 row decides when it says so itself
    own_clock = [r.evidence for r in p1 if r.evidence is not None and _ALL_HOURS.search(r.evidence.text)]
    if "business" in bases:
        first = terms.support_hours.evidence if hours in ("business_hours", "mixed") else None
        return Outcome("weak", values, _ev(first, *(r.evidence for r in p1 if r.basis == "business"), terms.support_hours.evidence))
    if "calendar" in bases or hours == "24x7":
        # hours that differ by priority ("P1 around the clock, the rest in office hours") say it for P1
        if hours == "mixed":
            return Outcome("ok", values, _ev(terms.support_hours.evidence, *own_clock, *evidence))
        return Outcome("ok", values, _ev(*own_clock, *evidence))
    if hours == "business_hours":
        return Outcome("weak", values, evidence)
    return _cover_mentioned(terms, p, values) or Outcome("review", values, evidence)


def _cover_mentioned(terms: Terms, p: dict[str, Any], values: dict[str, str]) -> Optional[Outcome]:
    """No support hours stated, but a sentence speaks of cover out of hours ("on-call procedures are
    activated" for P1): a person reads it, and the finding quotes it rather than saying nothing is stated."""
    cover = next((terms.mentions[t] for t in p["cover"] if t in terms.mentions), None)
    if cover is None or terms.support_hours.value is not None:
        return None
    values = dict(values, quotes=_quote(cover.text, 200), page=str(cover.page))
    p1 = [r.evidence for r in terms.response_times if r.severity_level == 1]
    return Outcome("review", values, _ev(cover, *p1), case=COVER_MENTIONED)


#: a time stated with its own round-the-clock basis ("30 minutes (24/7/365)", "| 24x7x365")
_ALL_HOURS = re.compile(r"24\s*[x×/]\s*7|24\s+hours\s+a\s+day|around\s+the\s+clock|at\s+all\s+times", re.IGNORECASE)


def _maintenance_excluded(terms: Terms) -> Optional[Exclusion]:
    """The exclusion of scheduled maintenance from the uptime sums, if the contract has one."""
    return next((e for e in terms.exclusions if e.category == "scheduled_maintenance"), None)


@check_type(
    "maintenance_cap",
    params={"max_hours": Param("hours", help="most scheduled-maintenance hours a month that may be excluded")},
    statuses=("ok", "gap", "weak"),
    values=("cap", "max_cap"),
)
def maintenance_cap(terms: Terms, p: dict[str, Any]) -> Outcome:
    """Maintenance excluded from uptime is capped at a number of hours a month."""
    excluded = _maintenance_excluded(terms)
    cap = _value(terms.maintenance_cap_hours)
    values = {"cap": format_hours(cap), "max_cap": format_hours(p["max_hours"])}
    evidence = _ev(terms.maintenance_cap_hours.evidence, excluded.evidence if excluded else None)
    if excluded is None:
        return Outcome("ok", values, evidence, case="not_applicable")
    if cap is None:
        return Outcome("gap", values, evidence)
    if cap > p["max_hours"]:
        return Outcome("weak", values, evidence)
    return Outcome("ok", values, evidence)


@check_type(
    "maintenance_notice",
    params={"min_hours": Param("hours", help="least advance notice of scheduled maintenance")},
    statuses=("ok", "gap", "weak", "n/a"),
    values=("notice", "min_notice", "excluded"),
)
def maintenance_notice(terms: Terms, p: dict[str, Any]) -> Outcome:
    """Scheduled maintenance is announced at least the profile's minimum in advance."""
    excluded = _maintenance_excluded(terms)
    notice = _value(terms.maintenance_notice_hours)
    written = terms.maintenance_notice_hours.detail  # "10 working days": shown as written
    shown = f"{written} (about {format_hours(notice)})" if written and notice is not None else format_hours(notice)
    values = {"notice": shown, "min_notice": format_hours(p["min_hours"]),
              "excluded": "yes" if excluded is not None else "no"}
    evidence = _ev(terms.maintenance_notice_hours.evidence, excluded.evidence if excluded else None)
    if notice is None:
        if excluded is None:
            return Outcome("n/a", values, evidence, case="not_applicable")
        return Outcome("gap", values, evidence)
    if notice < p["min_hours"]:
        return Outcome("weak", values, evidence)
    return Outcome("ok", values, evidence)


@check_type(
    "maintenance_window",
    params={"outside_business_hours": Param("bool", required=False, default=True)},
    statuses=("ok", "gap", "weak", "review", "n/a"),
    values=("window",),
)
def maintenance_window(terms: Terms, p: dict[str, Any]) -> Outcome:
    """Scheduled maintenance happens outside business hours."""
    excluded = _maintenance_excluded(terms)
    window = terms.maintenance_window
    where = window.detail or ("unknown" if window.value else None)
    values = {"window": str(window.value) if window.value else "not stated"}
    evidence = _ev(window.evidence, excluded.evidence if excluded else None)
    if not p["outside_business_hours"]:
        return Outcome("ok", values, evidence, case="not_required")
    if where == "inside_business_hours":
        return Outcome("weak", values, evidence)
    if where == "outside_business_hours":
        return Outcome("ok", values, evidence)
    if excluded is None:
        return Outcome("n/a", values, evidence, case="not_applicable")
    if where == "unknown":
        return Outcome("review", values, evidence)
    return Outcome("gap", values, evidence)


@check_type(
    "exclusions_review",
    params={"categories": Param("categories"), "status": Param("status", required=False, default="review"),
            # places (mention topics) where the whole agreement excuses performance: a force-majeure clause
            # excuses the service levels too, though no exclusion of theirs names it
            "general": Param("topics", required=False, default=[])},
    statuses=("ok",),
    values=("found", "quotes", "page", "section"),
)
def exclusions_review(terms: Terms, p: dict[str, Any]) -> Outcome:
    """Broad exclusions are flagged for a human to read, quoting them."""
    hits = [e for e in terms.exclusions if e.category in p["categories"]]
    cats = list(dict.fromkeys(e.category for e in hits))
    values = {
        "found": ", ".join(CATEGORY_WORDS.get(c, c) for c in cats) or "none",
        "quotes": "; ".join(dict.fromkeys(quote_match(e.evidence, 160) for e in hits if e.evidence is not None)),
    }
    if not hits:
        general = next((terms.mentions[t] for t in p["general"] if t in terms.mentions), None)
        if general is not None:
            values.update(quotes=_quote(general.text, 200), page=str(general.page), section=general.section or "-")
            return Outcome(p["status"], values, (general,), case=GENERAL)
        return Outcome("ok", values)
    return Outcome(p["status"], values, _ev(*(e.evidence for e in hits)))


@per_ruleset
def _credit_figure() -> re.Pattern[str]:
    """A figure that sizes a credit: a percentage (numbers.yml percent_words) or an amount of money."""
    from sla_check.normalize import percent_suffix

    return re.compile(r"\d" + percent_suffix() + r"|[$£€]\s?\d|\b(?:GBP|USD|EUR|CAD|AUD)\s?\d", re.IGNORECASE)


def _ties_credit(e: Evidence) -> bool:
    """The clause ties a credit to the service level: a figure, a credits heading, or SLA words."""
    from sla_check.extractors._cues import cue_regex
    from sla_check.normalize import lexicon

    words = lexicon("findings").get("credits") or {}
    return bool(_credit_figure().search(e.text) or cue_regex(words.get("section_words") or []).search(e.section or "")
                or cue_regex(words.get("service_link") or []).search(e.text))


def _defines(e: Evidence) -> bool:
    """The clause defines a word ('"Credit" means a reduction of ...'): it says what a credit is,
    not that one is owed, so a clause that grants or sizes credits decides before it."""
    from sla_check.extractors._support import defines_term

    return defines_term(e.text)


def service_credit_clause(terms: Terms) -> tuple[bool, Optional[Evidence]]:
    """Whether the contract's credits are service credits, and the clause that shows it.

    They are when a tier scale or a cap was read, or when one of the clauses they were read from
    sizes a credit (a percentage, an amount), sits under a credits heading, or ties it to the
    service level (rules/lexicons/findings.yml). A credit that does none of these ("net of any
    credits", a fee reduction after a benchmark, an indemnity's penalties) is no service credit.
    """
    c = terms.service_credits
    if not c.present:
        return False, None
    clauses = [e for e in (*c.evidence, c.cap_evidence, c.claim_window_evidence, c.sole_remedy_evidence,
                           c.automatic_evidence) if e is not None]
    clauses.sort(key=_defines)  # a grant or a scale before a definition of the word
    sized = next((e for e in clauses if _credit_figure().search(e.text)), None)
    tied = next((e for e in clauses if _ties_credit(e)), None)
    if c.tiers or max_credit_percent(terms) is not None:
        return True, sized or tied or (clauses[0] if clauses else None)
    return (sized or tied) is not None, sized or tied


def _discretionary(e: Evidence) -> Optional[str]:
    """The sentence of the clause that leaves the credit to the vendor ("at our discretion",
    "case by case"), or None."""
    from sla_check.extractors._cues import cue_regex
    from sla_check.normalize import lexicon

    words = (lexicon("findings").get("credits") or {}).get("discretionary") or []
    m = cue_regex(words).search(e.text) if words else None
    if m is None:
        return None
    start = max([e.text.rfind(sep, 0, m.start()) + 1 for sep in (". ", "; ", "\n", "| ")] + [m.start() - 100, 0])
    if start > 0 and not e.text[start - 1].isspace():
        start = e.text.find(" ", start, m.start()) + 1 or start  # a whole first word
    return e.text[start:].strip(" .;|\n")


@check_type(
    "credits_present",
    params={},
    statuses=("ok", "gap", "review"),
    values=("tiers", "cap", "capped", "clause"),
)
def credits_present(terms: Terms, p: dict[str, Any]) -> Outcome:
    """The contract pays service credits when it misses the SLA.

    A credit the contract never ties to the service level (no scale, no cap, no figure, no
    credits heading, no word of the SLA or of downtime in any clause it was read from) is a
    billing or purchase credit, not a service credit: that is a gap, and the explanation quotes
    the clause so the reader sees what was set aside."""
    c = terms.service_credits
    tiers = ", ".join(f"{format_percent(t.credit_percent)} below {format_percent(t.below_percent)}" for t in c.tiers)
    # no tiers read is not "none stated": a pro-rata or per-hour credit has no tiers at all
    cap = max_credit_percent(terms)
    values = {"tiers": tiers or "no scale of tiers was read", "cap": format_percent(cap), "clause": "",
              "capped": f"at most {format_percent(cap)} of the fee" if cap is not None else "no cap was read"}
    if not c.present:
        return Outcome("gap", values)
    service, clause = service_credit_clause(terms)
    if not service:
        first = c.evidence[0] if c.evidence else None
        values["clause"] = _quote(first.text, 160) if first is not None else ""
        return Outcome("gap", values, _ev(first), case="not_service_credit")
    if not c.tiers and max_credit_percent(terms) is None and c.evidence and all(_discretionary(e) for e in c.evidence):
        # every credit clause leaves it to the vendor: nothing is owed, a person reads what is offered
        values["clause"] = _quote(_discretionary(c.evidence[0]) or c.evidence[0].text, 160)
        return Outcome("review", values, _ev(c.evidence[0]), case=DISCRETIONARY)
    if clause is not None and not c.tiers and max_credit_percent(terms) is None and not _credit_figure().search(clause.text):
        # credits promised, sized elsewhere (an order form, a service definition): the promise decides
        values["clause"] = _quote(clause.text, 160)
        return Outcome("ok", values, _ev(clause, *c.evidence[:2]), case="not_stated")
    # the clauses that tie a credit to the service level decide, before an indemnity's or a fee's credit
    ranked = sorted(c.evidence, key=lambda e: (not _ties_credit(e), _defines(e)))
    return Outcome("ok", values, _ev(*ranked[:3]))


@check_type(
    "credit_cap",
    params={"min_percent": Param("percent", help="lowest acceptable cap on credits, % of the monthly fee")},
    statuses=("ok", "weak", "n/a"),
    values=("cap", "min_cap"),
)
def credit_cap(terms: Terms, p: dict[str, Any]) -> Outcome:
    """Credits can add up to a meaningful share of the fee (the cap is not too low)."""
    c = terms.service_credits
    cap = max_credit_percent(terms)
    values = {"cap": format_percent(cap) if cap is not None else "no cap stated", "min_cap": format_percent(p["min_percent"])}
    if not c.present:
        return Outcome("n/a", {**values, "cap": "no credits"}, case="not_applicable")
    stated = c.cap_evidence is not None and (c.cap_evidence.rule or "").startswith(CAP_RULE)
    if cap is None:
        # nothing caps the credits and no amount was read: nothing to set against the profile
        return Outcome("ok", values, _ev(*c.evidence[:1]), case="not_stated")
    status = "weak" if cap < p["min_percent"] else "ok"
    if not stated:
        # the scale decides, not a cap: its clause first, then the row with the largest credit
        return Outcome(status, values, _ev(*c.evidence[:1], c.cap_evidence), case=TOP_TIER)
    return Outcome(status, values, _ev(c.cap_evidence, *c.evidence[:1]))


@check_type(
    "credits_sole_remedy",
    params={"status": Param("status", required=False, default="weak")},
    statuses=("ok",),
    values=(),
)
def credits_sole_remedy(terms: Terms, p: dict[str, Any]) -> Outcome:
    """Credits are not the buyer's sole and exclusive remedy."""
    c = terms.service_credits
    if c.sole_remedy:
        return Outcome(p["status"], {}, _ev(c.sole_remedy_evidence, *c.evidence[:1]))
    return Outcome("ok", {}, _ev(c.not_sole_remedy_evidence))


@check_type(
    "credit_claim_window",
    params={"min_days": Param("days", help="shortest acceptable window to claim a credit")},
    statuses=("ok", "weak", "n/a"),
    values=("window", "min_window"),
)
def credit_claim_window(terms: Terms, p: dict[str, Any]) -> Outcome:
    """The buyer has long enough to claim a credit."""
    c = terms.service_credits
    values = {"window": format_days(c.claim_window_days), "min_window": format_days(p["min_days"])}
    if not c.present:
        return Outcome("n/a", values, case="not_applicable")
    if c.claim_window_days is None:
        # nothing to claim by: the clause that says how credits are applied or claimed is why, else the
        # credit clause itself (where a reader confirms that no deadline is set)
        return Outcome("ok", values, _ev(c.automatic_evidence, *c.evidence[:1]), case="not_stated")
    evidence = _ev(c.claim_window_evidence, *c.evidence[:1])
    if c.claim_window_days < p["min_days"]:
        return Outcome("weak", values, evidence)
    return Outcome("ok", values, evidence)


@check_type(
    "credits_automatic",
    params={"required": Param("bool", required=False, default=True)},
    statuses=("ok", "weak", "review", "n/a"),
    values=("how",),
)
def credits_automatic(terms: Terms, p: dict[str, Any]) -> Outcome:
    """Credits are applied automatically rather than detected and claimed by the buyer."""
    c = terms.service_credits
    if not c.present:
        return Outcome("n/a", {"how": "no credits"}, case="not_applicable")
    evidence = _ev(c.automatic_evidence, *c.evidence[:1])
    if c.automatic is True:
        return Outcome("ok", {"how": "applied automatically"}, evidence)
    must_claim = c.automatic is False or c.claim_window_days is not None
    if not must_claim:
        return Outcome("review", {"how": "not stated"}, evidence)
    if not p["required"]:
        return Outcome("ok", {"how": "must be claimed by you"}, evidence, case="not_required")
    return Outcome("weak", {"how": "must be claimed by you"}, evidence)


@check_type(
    "change_control",
    params={"when_silent": Param("status", required=False, default="review")},
    statuses=("ok", "gap"),
    values=("present",),
)
def change_control(terms: Terms, p: dict[str, Any]) -> Outcome:
    """Extra or out-of-scope work is priced by a rate card or agreed through a change process."""
    present = [n for n in ("rate_card", "change_process") if getattr(terms, n).value]
    values = {"present": ", ".join(FLAG_WORDS[n] for n in present) or "none"}
    if present:
        return Outcome("ok", values, _flag_evidence(terms, present + ["out_of_scope_charges"]))
    if terms.out_of_scope_charges.value:
        return Outcome("gap", values, _flag_evidence(terms, ["out_of_scope_charges"]))
    return Outcome(p["when_silent"], values)


@check_type(
    "recovery",
    params={"max_rpo_minutes": Param("minutes"), "max_rto_minutes": Param("minutes")},
    statuses=("ok", "gap", "weak"),
    values=("backup", "rpo", "rto", "max_rpo", "max_rto", "problems"),
)
def recovery(terms: Terms, p: dict[str, Any]) -> Outcome:
    """Backups, a recovery point (RPO) and a recovery time (RTO) are committed and tight enough."""
    rpo, rto = _value(terms.rpo_minutes), _value(terms.rto_minutes)
    values = {"backup": "yes" if terms.backup.value else "no", "rpo": format_minutes(rpo), "rto": format_minutes(rto),
              "max_rpo": format_minutes(p["max_rpo_minutes"]), "max_rto": format_minutes(p["max_rto_minutes"]), "problems": ""}
    # recovery objectives, where stated, decide more than the promise to take backups
    evidence = _ev(terms.rpo_minutes.evidence, terms.rto_minutes.evidence, terms.backup.evidence)
    if not terms.backup.value and rpo is None and rto is None:
        return Outcome("gap", values)
    problems = []
    if rpo is None:
        problems.append("no RPO (how much data you can lose)")
    elif rpo > p["max_rpo_minutes"]:
        problems.append(f"RPO of {values['rpo']} is longer than {values['max_rpo']}")
    if rto is None:
        problems.append("no RTO (how long recovery may take)")
    elif rto > p["max_rto_minutes"]:
        problems.append(f"RTO of {values['rto']} is longer than {values['max_rto']}")
    values["problems"] = "; ".join(problems)
    return Outcome("weak" if problems else "ok", values, evidence)


@check_type(
    "unilateral_change",
    params={"min_notice_days": Param("days")},
    statuses=("ok", "gap", "weak", "review"),
    values=("notice", "min_notice", "notice_given"),
)
def unilateral_change(terms: Terms, p: dict[str, Any]) -> Outcome:
    """The vendor cannot rewrite the SLA without notice and a right for the buyer to leave."""
    notice = _value(terms.change_notice_days)
    text = format_days(notice)
    values = {"notice": text, "min_notice": format_days(p["min_notice_days"]),
              "notice_given": (text + ("'" if text.endswith("s") else "'s") + " notice") if notice is not None else "no notice"}
    evidence = _ev(terms.unilateral_changes.evidence, terms.change_notice_days.evidence)
    if not terms.unilateral_changes.value:
        return Outcome("ok", values, evidence)
    if notice is None:
        return Outcome("gap", values, evidence)
    if notice < p["min_notice_days"]:
        return Outcome("weak", values, evidence)
    return Outcome("review", values, evidence)


def all_qualifiers(terms: Terms) -> list[tuple[str, Qualifier, Optional[Evidence]]]:
    """Every qualifier in the terms, with the term it weakens, de-duplicated by text."""
    out: list[tuple[str, Qualifier, Optional[Evidence]]] = []
    seen: set[tuple[str, str]] = set()

    def add(term: str, q: Qualifier, ev: Optional[Evidence]) -> None:
        key = (q.kind, " ".join(q.text.split()).lower())
        if key not in seen:
            seen.add(key)
            out.append((term, q, ev))

    # the document-wide list first: each qualifier there carries the sentence that states it (a
    # credit's workaround clause), where the credits' own evidence is their first tier row
    for term, q, ev in terms.qualifiers:
        add(term, q, ev)
    for u in terms.uptime:
        for q in u.qualifiers:
            add("uptime", q, u.evidence)
    for r in terms.response_times:
        for q in r.qualifiers:
            add("response_times", q, r.evidence)
    for q in terms.service_credits.qualifiers:
        add("service_credits", q, terms.service_credits.evidence[0] if terms.service_credits.evidence else None)
    return out


@check_type(
    "carve_outs",
    params={"kinds": Param("qualifier_kinds"), "status": Param("status", required=False, default="review")},
    statuses=("ok",),
    values=("count", "quotes"),
)
def carve_outs(terms: Terms, p: dict[str, Any]) -> Outcome:
    """Commitments followed by "except", "unless", "provided that", "subject to" or workaround clauses."""
    hits = [(t, q, ev) for t, q, ev in all_qualifiers(terms) if q.kind in p["kinds"]]
    # quote the sentence that carries the carve-out when we have it: the cue alone ("except") says little
    quotes = list(dict.fromkeys(_quote(ev.text if ev is not None and len(q.text) < 40 else q.text, 200) for _, q, ev in hits))
    values = {"count": str(len(quotes)), "quotes": "; ".join(quotes[:5])}
    if not hits:
        return Outcome("ok", values)
    return Outcome(p["status"], values, _ev(*(ev for _, _, ev in hits)))


def describe_types() -> list[dict[str, Any]]:
    """Every registered check type with its parameters, for people writing a checklist."""
    return [
        {
            "type": ct.name,
            "does": ct.doc,
            "params": {n: {"kind": p.kind, "required": p.required, "default": p.default, "help": p.help} for n, p in ct.params.items()},
            "placeholders": sorted(set(ct.values) | set(ct.params) | {"profile"}),
        }
        for ct in sorted(REGISTRY.values(), key=lambda c: c.name)
    ]
