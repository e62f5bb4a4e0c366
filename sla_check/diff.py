"""What a new version of a vendor's SLA changed, and whether it got worse for the buyer.

Both versions go through the same pipeline (ingest -> extract -> check). Terms are matched
by meaning, never by text: uptime by service and period, response and resolution times by
severity level and kind, exclusions by category, every other term by its name. Each
difference is judged by rules/diff.yml (which way is better for the buyer) against the
chosen profile's thresholds, read through the checklist entry that judges the same term, so
a diff and a review never disagree on a number. A reworded or reordered version whose terms
mean the same gives no change.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Optional, Sequence

from sla_check.checklist import Checklist, CheckSpec, Profile
from sla_check.checktypes import CATEGORY_WORDS, PARAM_FORMAT, REGISTRY, SEVERITIES, all_qualifiers
from sla_check.errors import RulesError, SlaCheckError
from sla_check.models import Evidence, FileResult, Finding, Terms, Value
from sla_check.money import format_days, format_elapsed, format_hours, format_minutes, format_percent, format_period, max_credit_percent
from sla_check.ruleset import active, check_keys, load_rules, load_yaml, using

if TYPE_CHECKING:  # the pipeline and spaCy are imported when files are read, not with this module
    from spacy.language import Language

    from sla_check.pipeline import Options

#: verdicts, worst first (the order of every report)
VERDICTS = ("worse", "removed", "changed", "added", "better")
#: what happened to the term's text: it appeared, disappeared, or its value moved
CHANGE_KINDS = ("added", "removed", "modified")
BETTER = ("higher", "lower", "rank", "none")
PRESENCE = ("good", "bad", "neutral", "ignore")
#: a finding that is a problem (terms.md: gap or weak)
PROBLEMS = ("gap", "weak")
#: how a check's finding moved between the versions
MOVEMENTS = ("new", "closed", "changed", "same", "only_old", "only_new")

#: every term the code below produces: rules/diff.yml must describe each of them
TERM_IDS = (
    "uptime", "uptime_period", "response_time", "exclusion", "service_credits", "credit_cap", "claim_window",
    "credits_sole_remedy", "credits_automatic", "support_hours", "maintenance_notice", "maintenance_cap",
    "maintenance_window", "proactive_monitoring", "chronic_failure_termination", "unilateral_changes",
    "change_notice_days", "rpo_minutes", "rto_minutes", "backup", "downtime_defined", "severity_levels_defined",
    "escalation_path", "account_manager", "service_reporting", "service_reviews", "rate_card", "change_process",
    "out_of_scope_charges", "capacity_growth", "term_months", "qualifier",
)
#: Terms flags compared as present / absent (their rule entry says whether presence helps)
FLAG_TERMS = (
    "proactive_monitoring", "chronic_failure_termination", "unilateral_changes", "backup", "downtime_defined",
    "severity_levels_defined", "escalation_path", "account_manager", "service_reporting", "service_reviews",
    "rate_card", "change_process", "out_of_scope_charges", "capacity_growth",
)
LEVEL_NAMES = {1: "P1", 2: "P2", 3: "P3", 4: "P4", 5: "P5"}


class DiffError(SlaCheckError):
    """Bad input to a diff (a pairs file that names files that are not there)."""


# --------------------------------------------------------------------------- rules


@dataclass(frozen=True)
class ThresholdRef:
    """Which checklist entry and parameter judge a term (its value comes from the profile)."""

    type: str
    param: Optional[str] = None
    match: tuple[tuple[str, Any], ...] = ()


@dataclass(frozen=True)
class TermRule:
    id: str
    label: str
    topic: str
    better: str
    presence: str
    rank: dict[str, int] = field(default_factory=dict)
    threshold: Optional[ThresholdRef] = None
    severity: Optional[str] = None
    note: str = ""


@dataclass(frozen=True)
class DiffRules:
    path: str
    terms: dict[str, TermRule]
    elapsed: ThresholdRef
    drop_words: frozenset[str]
    drop_patterns: tuple[re.Pattern[str], ...]

    def order(self, term: str) -> int:
        return list(self.terms).index(term) if term in self.terms else len(self.terms)


def _threshold_ref(raw: Any, path: Path, where: str) -> ThresholdRef:
    if not isinstance(raw, dict):
        raise RulesError(path, where, "threshold must be a mapping {type, param, match}")
    check_keys(raw, {"type", "param", "match"}, {"type"}, path, where)
    ct = REGISTRY.get(raw["type"])
    if ct is None:
        raise RulesError(path, where, f"unknown check type {raw['type']!r}; available: {sorted(REGISTRY)}")
    param = raw.get("param")
    if param is not None and param not in ct.params:
        raise RulesError(path, where, f"check type {ct.name} has no parameter {param!r}; it has {sorted(ct.params)}")
    match = raw.get("match") or {}
    if not isinstance(match, dict) or any(k not in ct.params for k in match):
        raise RulesError(path, where, f"match must map parameters of {ct.name} ({sorted(ct.params)}) to values")
    return ThresholdRef(ct.name, param, tuple(match.items()))


def load_diff_rules(rules_dir: Optional[str] = None) -> DiffRules:
    """rules/diff.yml of `rules_dir` (else of the rules in force), validated once: every term the
    code produces is described, nothing else is."""
    rules = load_rules(rules_dir) if rules_dir else active()
    return rules.derived("diff", lambda: _load_diff_rules(rules.root / "diff.yml"))


def _load_diff_rules(path: Path) -> DiffRules:
    data = load_yaml(path)
    if not isinstance(data, dict):
        raise RulesError(path, None, "must be a mapping with elapsed, pairing and terms")
    check_keys(data, {"version", "elapsed", "pairing", "terms"}, {"elapsed", "terms"}, path, "top level")
    raw_terms = data["terms"]
    if not isinstance(raw_terms, dict):
        raise RulesError(path, "terms", "must be a mapping of term id -> rule")
    missing = [t for t in TERM_IDS if t not in raw_terms]
    unknown = [t for t in raw_terms if t not in TERM_IDS]
    if missing or unknown:
        raise RulesError(path, "terms", f"missing {missing}, unknown {unknown}; the terms are {list(TERM_IDS)}")
    terms: dict[str, TermRule] = {}
    for tid, spec in raw_terms.items():
        where = f"term {tid!r}"
        if not isinstance(spec, dict):
            raise RulesError(path, where, "must be a mapping")
        check_keys(spec, {"label", "topic", "better", "rank", "presence", "threshold", "severity", "note"},
                   {"label", "better", "presence"}, path, where)
        if spec["better"] not in BETTER:
            raise RulesError(path, where, f"better must be one of {list(BETTER)}")
        if spec["presence"] not in PRESENCE:
            raise RulesError(path, where, f"presence must be one of {list(PRESENCE)}")
        rank = spec.get("rank") or {}
        if not isinstance(rank, dict) or not all(isinstance(v, int) and not isinstance(v, bool) for v in rank.values()):
            raise RulesError(path, where, "rank must map values to whole numbers (higher is better)")
        if spec["better"] == "rank" and not rank:
            raise RulesError(path, where, "better: rank needs a `rank` mapping")
        if spec.get("severity") is not None and spec["severity"] not in SEVERITIES:
            raise RulesError(path, where, f"severity must be one of {list(SEVERITIES)}")
        threshold = _threshold_ref(spec["threshold"], path, where) if spec.get("threshold") is not None else None
        terms[tid] = TermRule(tid, str(spec["label"]), str(spec.get("topic", "")), spec["better"], spec["presence"],
                              {str(k): v for k, v in rank.items()}, threshold, spec.get("severity"), str(spec.get("note", "")))
    elapsed = _threshold_ref(data["elapsed"], path, "elapsed")
    pairing = data.get("pairing") or {}
    if not isinstance(pairing, dict):
        raise RulesError(path, "pairing", "must be a mapping with drop_words and drop_patterns")
    check_keys(pairing, {"drop_words", "drop_patterns"}, set(), path, "pairing")
    patterns = []
    for p in pairing.get("drop_patterns") or []:
        try:
            patterns.append(re.compile(str(p)))
        except re.error as e:
            raise RulesError(path, "pairing.drop_patterns", f"bad regular expression {p!r}: {e}") from e
    words = frozenset(str(w).lower() for w in pairing.get("drop_words") or [])
    return DiffRules(str(path), terms, elapsed, words, tuple(patterns))


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class ThresholdCheck:
    """The profile threshold a changed term is judged against, and which side meets it."""

    check_id: str
    param: Optional[str]
    value: str  # in words: "99.5%", "1 hour", "required"
    profile: str
    old_meets: Optional[bool]
    new_meets: Optional[bool]
    flags_listed: bool = False  # the check flags listed items (broad exclusions) rather than a level

    @property
    def crossed(self) -> bool:
        return self.old_meets is not None and self.new_meets is not None and self.old_meets != self.new_meets

    def to_dict(self) -> dict[str, Any]:
        return {"check_id": self.check_id, "param": self.param, "value": self.value, "profile": self.profile,
                "old_meets": self.old_meets, "new_meets": self.new_meets}


@dataclass(frozen=True)
class Change:
    """One term that differs between the versions, judged for the buyer."""

    term: str  # rule id in rules/diff.yml
    key: str  # which one of the term: "P1 response", a service (lower case), an exclusion category, or ""
    label: str
    topic: str
    change: str  # added | removed | modified
    verdict: str  # better | worse | changed | added | removed
    severity: str  # of the checklist entry that judges the term
    old_value: Any = None
    new_value: Any = None
    old_text: str = ""
    new_text: str = ""
    evidence_old: Optional[Evidence] = None
    evidence_new: Optional[Evidence] = None
    threshold: Optional[ThresholdCheck] = None
    note: str = ""

    @property
    def crosses_threshold(self) -> bool:
        return self.threshold is not None and self.threshold.crossed

    def summary(self) -> str:
        """One line: "Uptime target: 99.95% -> 99.9%"."""
        return f"{self.label}: {self.old_text or 'not stated'} -> {self.new_text or 'not stated'}"

    def threshold_text(self) -> str:
        """Says whether the change crosses the profile's threshold, in words."""
        t = self.threshold
        if t is None:
            return ""
        where = f"the {t.profile} profile's {t.value} ({t.check_id})"
        if t.value == "requirement (none)":
            return f"the {t.profile} profile does not require it ({t.check_id})"
        if t.flags_listed:
            listed = t.old_meets is False or t.new_meets is False
            return f"the checklist flags it for review ({t.check_id}: {t.value})" if listed else ""
        if t.crossed:
            return f"crosses {where}: the old version " + ("met it, the new one does not" if t.old_meets else
                                                            "did not meet it, the new one does")
        if t.old_meets is None or t.new_meets is None:
            return f"judged by {where}"
        return f"both versions {'meet' if t.new_meets else 'fall short of'} {where}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "term": self.term, "key": self.key, "label": self.label, "topic": self.topic,
            "change": self.change, "verdict": self.verdict, "severity": self.severity,
            "old_value": self.old_value, "new_value": self.new_value, "old_text": self.old_text, "new_text": self.new_text,
            "crosses_threshold": self.crosses_threshold,
            "threshold": self.threshold.to_dict() if self.threshold else None,
            "threshold_text": self.threshold_text(), "note": self.note,
            "evidence_old": self.evidence_old.to_dict() if self.evidence_old else None,
            "evidence_new": self.evidence_new.to_dict() if self.evidence_new else None,
        }


@dataclass(frozen=True)
class FindingPair:
    """One checklist question answered for both versions: which gaps are new, which closed."""

    check_id: str
    question: str
    severity: str
    old_status: Optional[str]
    new_status: Optional[str]
    movement: str  # new | closed | changed | same | only_old | only_new
    old_explanation: str = ""
    new_explanation: str = ""

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class DiffResult:
    """Everything `sla-check diff` reports for one pair of versions."""

    old: FileResult
    new: FileResult
    profile: str
    changes: list[Change] = field(default_factory=list)
    findings: list[FindingPair] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.old.status == "ok" and self.new.status == "ok"

    @property
    def worse(self) -> list[Change]:
        return [c for c in self.changes if c.verdict == "worse"]

    def counts(self) -> dict[str, int]:
        return {v: sum(1 for c in self.changes if c.verdict == v) for v in VERDICTS}

    def to_dict(self) -> dict[str, Any]:
        def side(r: FileResult) -> dict[str, Any]:
            return {"file": r.file, "sha256": r.sha256, "pages": r.pages, "status": r.status,
                    "error": r.error.to_dict() if r.error else None,
                    "rating": r.rating.to_dict() if r.rating else None}

        return {
            "schema": "sla-check/diff@1", "old": side(self.old), "new": side(self.new), "profile": self.profile,
            "status": "ok" if self.ok else "error", "counts": self.counts(),
            "changes": [c.to_dict() for c in self.changes],
            "findings": [f.to_dict() for f in self.findings],
        }


# --------------------------------------------------------------------------- terms as comparable items


@dataclass(frozen=True)
class Item:
    """One comparable value of one version: the term, which one, the value and its source."""

    term: str
    key: str  # identity within the term (matching is by term and key)
    name: str  # how the key reads in a label
    value: Any  # what is compared: a number, a ranked word, True for a present flag
    text: str  # the value in words
    evidence: Optional[Evidence]
    fields: tuple[tuple[str, Any], ...] = ()  # for choosing the checklist entry (level, kind)
    basis: Optional[str] = None  # the clock of a time commitment
    raw: Any = None  # the value as JSON


def _norm(text: Optional[str]) -> str:
    return " ".join(re.sub(r"[^a-z0-9%.]+", " ", (text or "").lower()).split())


def _number(v: Value) -> Optional[float]:
    try:
        return float(v.value) if v.value is not None else None
    except (TypeError, ValueError):
        return None


def _field_evidence(terms: Terms) -> dict[str, Evidence]:
    """Per reported field, the evidence the report shows for it (credits carry several)."""
    from sla_check.report import term_rows

    out: dict[str, Evidence] = {}
    for row in term_rows(terms):
        if row.evidence is not None:
            out.setdefault(row.field, row.evidence)
    return out


def _time_text(minutes: float, basis: str, factor: float) -> str:
    text = format_minutes(minutes, basis)
    if basis == "business":
        text += f" (about {format_elapsed(minutes * factor)} elapsed)"
    elif basis == "unspecified":
        text += " (clock not stated)"
    return text


def items_of(terms: Terms, business_factor: float) -> list[Item]:
    """Every comparable value of one version, de-duplicated (a time stated twice counts once)."""
    items: list[Item] = []
    ev = _field_evidence(terms)
    for u in terms.uptime:
        svc = _norm(u.service)
        name = f" ({u.service})" if u.service else ""
        items.append(Item("uptime", svc, name, float(u.percent), format_percent(u.percent), u.evidence, raw=u.percent))
        items.append(Item("uptime_period", svc, name, u.period, format_period(u.period), u.evidence, raw=u.period))
    for r in terms.response_times:
        level = LEVEL_NAMES.get(r.severity_level, f"P{r.severity_level}") if r.severity_level is not None else "Any priority"
        name = f"{level} {r.kind}"
        elapsed = r.minutes * business_factor if r.basis == "business" else float(r.minutes)
        items.append(Item("response_time", name, name, elapsed, _time_text(r.minutes, r.basis, business_factor),
                          r.evidence, (("level", r.severity_level), ("kind", r.kind)), r.basis,
                          {"minutes": r.minutes, "basis": r.basis}))
    for e in terms.exclusions:
        items.append(Item("exclusion", e.category, CATEGORY_WORDS.get(e.category, e.category), True, "excluded",
                          e.evidence, (("category", e.category),), raw=e.category))
    for term, q, q_ev in all_qualifiers(terms):
        # a weakening of a commitment ("reasonable efforts", "target only", "except..."), by the term it weakens
        name = f"{q.kind.replace('_', ' ')} ({term.replace('_', ' ')})"
        items.append(Item("qualifier", f"{term}.{q.kind}", name, True, f"\u201c{q.text}\u201d", q_ev,
                          (("category", q.kind),), raw=q.kind))
    c = terms.service_credits
    if c.present:
        items.append(Item("service_credits", "", "", True, "paid", ev.get("service_credits.present"), raw=True))
        cap = max_credit_percent(terms)
        if cap is not None:
            cap_ev = ev.get("service_credits.max_credit_percent") or ev.get("service_credits.tier")
            items.append(Item("credit_cap", "", "", cap, format_percent(cap), cap_ev, raw=cap))
        if c.claim_window_days is not None:
            items.append(Item("claim_window", "", "", float(c.claim_window_days), format_days(c.claim_window_days),
                              ev.get("service_credits.claim_window_days"), raw=c.claim_window_days))
        if c.sole_remedy:
            items.append(Item("credits_sole_remedy", "", "", True, "yes", ev.get("service_credits.sole_remedy"), raw=True))
        if c.automatic is not None:
            how = "applied automatically" if c.automatic else "must be claimed"
            items.append(Item("credits_automatic", "", "", how, how, ev.get("service_credits.automatic"), raw=c.automatic))
    hours = terms.support_hours
    if hours.value is not None:
        items.append(Item("support_hours", "", "", str(hours.value), str(hours.value).replace("_", " "), hours.evidence,
                          raw=hours.value))
    numbers = (
        ("maintenance_notice", terms.maintenance_notice_hours, format_hours),
        ("maintenance_cap", terms.maintenance_cap_hours, format_hours),
        ("rpo_minutes", terms.rpo_minutes, format_minutes),
        ("rto_minutes", terms.rto_minutes, format_minutes),
        ("change_notice_days", terms.change_notice_days, format_days),
        ("term_months", terms.term_months, lambda m: f"{m:g} months"),
    )
    for tid, value, words in numbers:
        n = _number(value)
        if n is not None:
            items.append(Item(tid, "", "", n, words(n), value.evidence, raw=value.value))
    window = terms.maintenance_window
    if window.value:
        where = window.detail or "unknown"
        items.append(Item("maintenance_window", "", "", where, where.replace("_", " "), window.evidence, raw=where))
    for tid in FLAG_TERMS:
        flag = getattr(terms, tid)
        if flag.value:
            items.append(Item(tid, "", "", True, "yes", flag.evidence, raw=True))
    seen: set[tuple[str, str, Any, Optional[str]]] = set()
    unique = []
    for it in items:
        k = (it.term, it.key, it.value, it.basis)
        if k not in seen:
            seen.add(k)
            unique.append(it)
    return unique


def pair_items(old: Sequence[Item], new: Sequence[Item]) -> list[tuple[Optional[Item], Optional[Item]]]:
    """Match the two versions' items by term and key; equal values first (so a reordered
    document pairs exactly), then the rest in document order; the leftovers are one-sided."""
    groups: dict[tuple[str, str], tuple[list[Item], list[Item]]] = {}
    for side, items in ((0, old), (1, new)):
        for it in items:
            groups.setdefault((it.term, it.key), ([], []))[side].append(it)
    out: list[tuple[Optional[Item], Optional[Item]]] = []
    leftovers: list[tuple[list[Item], list[Item]]] = []
    for olds, news in groups.values():
        left, right = list(olds), list(news)
        for o in list(left):
            same = next((n for n in right if n.value == o.value and n.basis == o.basis), None)
            if same is not None:
                left.remove(o)
                right.remove(same)
        for o, n in zip(left, right):
            out.append((o, n))
        leftovers.append((left[len(right):], right[len(left):]))
    out.extend(_pair_renamed(leftovers))
    return out


#: terms keyed by a service or plan name, which a new version may word differently
_NAMED_KEYS = ("uptime", "uptime_period")


def _pair_renamed(leftovers: list[tuple[list[Item], list[Item]]]) -> list[tuple[Optional[Item], Optional[Item]]]:
    """One-sided items of a service-keyed term whose names share a word ("Premium" and
    "Premium plan"), or that are the only ones left and one is unnamed, are the same target."""
    olds = [o for left, _ in leftovers for o in left]
    news = [n for _, right in leftovers for n in right]
    out: list[tuple[Optional[Item], Optional[Item]]] = []
    for term in _NAMED_KEYS:
        left = [o for o in olds if o.term == term]
        right = [n for n in news if n.term == term]
        for o in list(left):
            words = set(o.key.split())
            partner = next((n for n in right if words & set(n.key.split())), None)
            if partner is None and len(left) == 1 and len(right) == 1 and "" in (o.key, right[0].key):
                partner = right[0]
            if partner is not None:
                out.append((o, partner))
                left.remove(o)
                right.remove(partner)
                olds.remove(o)
                news.remove(partner)
    out.extend((o, None) for o in olds)
    out.extend((None, n) for n in news)
    return out


# --------------------------------------------------------------------------- judging


def _compare(rule: TermRule, o: Item, n: Item) -> Optional[str]:
    """better / worse / changed for two values of one term, or None when they mean the same."""
    if o.value == n.value and o.basis == n.basis:
        return None
    if rule.better in ("higher", "lower") and isinstance(o.value, (int, float)) and isinstance(n.value, (int, float)):
        if abs(float(o.value) - float(n.value)) > 1e-9:
            up = float(n.value) > float(o.value)
            return "better" if up == (rule.better == "higher") else "worse"
        # equal amounts on different clocks: the rank of the clock decides (calendar beats business)
        a, b = rule.rank.get(o.basis or ""), rule.rank.get(n.basis or "")
        if a is not None and b is not None and a != b:
            return "better" if b > a else "worse"
        return "changed"
    if rule.better == "rank":
        a, b = rule.rank.get(str(o.value)), rule.rank.get(str(n.value))
        if a is not None and b is not None and a != b:
            return "better" if b > a else "worse"
        return None if a is not None and a == b else "changed"
    return "changed"


def _spec_for(ref: ThresholdRef, item: Item, checklist: Checklist, profile: Profile) -> Optional[tuple[CheckSpec, dict[str, Any]]]:
    fields = dict(item.fields)
    for spec in checklist.enabled:
        if spec.type != ref.type:
            continue
        params = spec.resolve_params(profile)
        wanted = {k: (fields.get(v[1:]) if isinstance(v, str) and v.startswith("$") else v) for k, v in ref.match}
        if all(params.get(k) == v for k, v in wanted.items()):
            return spec, params
    return None


def _meets(rule: TermRule, item: Optional[Item], limit: Any) -> Optional[bool]:
    """Whether one version's value meets the threshold; None when it cannot be said."""
    if item is None:
        if rule.presence == "bad":
            return True
        if rule.presence == "good":
            return not limit if isinstance(limit, bool) else False
        return None
    if rule.presence == "bad":
        if isinstance(limit, list):
            return dict(item.fields).get("category", item.key) not in limit
        return not limit if isinstance(limit, bool) else None
    if isinstance(limit, bool):
        if not limit:
            return True
        best = max(rule.rank.values()) if rule.rank and rule.better == "rank" else None
        return True if best is None else rule.rank.get(str(item.value)) == best
    if isinstance(limit, (int, float)) and isinstance(item.value, (int, float)):
        return item.value >= limit if rule.better == "higher" else item.value <= limit
    if isinstance(limit, str) and rule.better == "rank":
        a, b = rule.rank.get(str(item.value)), rule.rank.get(limit)
        return None if a is None or b is None else a >= b
    return None


def _threshold(rule: TermRule, o: Optional[Item], n: Optional[Item], checklist: Checklist,
               profile: Profile) -> tuple[Optional[ThresholdCheck], Optional[str]]:
    """The profile threshold for this term (through its checklist entry) and the entry's severity."""
    ref = rule.threshold
    if ref is None:
        return None, None
    found = _spec_for(ref, o or n, checklist, profile)  # type: ignore[arg-type]
    if found is None:
        return None, None
    spec, params = found
    limit = params.get(ref.param) if ref.param else True
    words = _threshold_words(REGISTRY[spec.type].params[ref.param].kind if ref.param else "bool", limit, rule,
                             timed=(o or n).basis is not None)  # type: ignore[union-attr]
    return ThresholdCheck(spec.id, ref.param, words, profile.name, _meets(rule, o, limit), _meets(rule, n, limit),
                          isinstance(limit, list)), spec.severity


def _threshold_words(kind: str, limit: Any, rule: TermRule, timed: bool) -> str:
    """The threshold as it reads after "the standard profile's": "minimum of 99.5%", "limit of 1 hour elapsed"."""
    words = PARAM_FORMAT.get(kind, str)(limit)
    if isinstance(limit, bool):
        return "requirement" if limit else "requirement (none)"
    if isinstance(limit, list):
        return words  # the listed items: "third-party services, force majeure"
    if kind in ("percent", "hours", "days", "minutes"):
        return f"{'minimum' if rule.better == 'higher' else 'limit'} of {words}" + (" elapsed" if timed else "")
    if kind == "period":
        return f"longest measurement period ({words})"
    if kind == "support_hours":
        return f"required cover ({str(limit).replace('_', ' ')})"
    return words


def _business_factor(rules: DiffRules, checklist: Checklist, profile: Profile) -> float:
    ref = rules.elapsed
    for spec in checklist.enabled:
        if spec.type == ref.type and ref.param:
            return float(spec.resolve_params(profile)[ref.param])
    return float(REGISTRY[ref.type].params[ref.param].default) if ref.param else 1.0


def _note(rule: TermRule, o: Optional[Item], n: Optional[Item]) -> str:
    notes = [rule.note] if rule.note else []
    if o is not None and n is not None and o.basis and n.basis and o.basis != n.basis:
        notes.append(f"The clock moved from {o.basis} to {n.basis} time"
                     + (" (it stops outside business hours)." if n.basis == "business" else "."))
    return " ".join(notes)


def compare_terms(old: Terms, new: Terms, checklist: Checklist, profile: Profile, rules: DiffRules) -> list[Change]:
    """Every difference in meaning between two versions' terms, worst first."""
    factor = _business_factor(rules, checklist, profile)
    changes: list[Change] = []
    for o, n in pair_items(items_of(old, factor), items_of(new, factor)):
        it = o or n
        assert it is not None
        rule = rules.terms[it.term]
        if o is not None and n is not None:
            verdict = _compare(rule, o, n)
            if verdict is None:
                continue
            kind = "modified"
        else:
            if rule.presence == "ignore":
                continue
            kind = "added" if o is None else "removed"
            good = {"good": "better", "bad": "worse"}.get(rule.presence)
            bad = {"good": "worse", "bad": "better"}.get(rule.presence)
            verdict = (good if kind == "added" else bad) or kind
        threshold, severity = _threshold(rule, o, n, checklist, profile)
        changes.append(Change(
            term=it.term, key=it.key, label=rule.label.replace("{key}", it.name), topic=rule.topic,
            change=kind, verdict=verdict, severity=severity or rule.severity or "low",
            old_value=o.raw if o else None, new_value=n.raw if n else None,
            old_text=o.text if o else "", new_text=n.text if n else "",
            evidence_old=o.evidence if o else None, evidence_new=n.evidence if n else None,
            threshold=threshold, note=_note(rule, o, n),
        ))
    return sort_changes(changes, rules)


def sort_changes(changes: Iterable[Change], rules: DiffRules) -> list[Change]:
    """Worst first: by verdict, then the severity of the checklist entry that judges the term,
    then changes that cross a threshold, then the order of rules/diff.yml."""
    return sorted(changes, key=lambda c: (VERDICTS.index(c.verdict), SEVERITIES.index(c.severity),
                                          not c.crosses_threshold, rules.order(c.term), c.key))


def compare_findings(old: Sequence[Finding], new: Sequence[Finding]) -> list[FindingPair]:
    """The checklist's findings for both versions side by side, in checklist order."""
    olds = {f.check_id: f for f in old}
    news = {f.check_id: f for f in new}
    out = []
    for cid in list(olds) + [c for c in news if c not in olds]:
        a, b = olds.get(cid), news.get(cid)
        if a is None or b is None:
            movement = "only_new" if a is None else "only_old"
        elif (a.status in PROBLEMS) == (b.status in PROBLEMS):
            movement = "same" if a.status == b.status else "changed"
        else:
            movement = "new" if b.status in PROBLEMS else "closed"
        f = b or a
        assert f is not None
        out.append(FindingPair(cid, f.question, f.severity, a.status if a else None, b.status if b else None, movement,
                               a.explanation if a else "", b.explanation if b else ""))
    return out


# --------------------------------------------------------------------------- files


def diff_results(old: FileResult, new: FileResult, options: Options) -> DiffResult:
    """Compare two reviewed files (pipeline.review_file results); an unreadable one gives no changes."""
    with using(options.rules_dir):
        return _diff_results(old, new, options)


def _diff_results(old: FileResult, new: FileResult, options: Options) -> DiffResult:
    from sla_check.check import load_rules

    checklist, profile, _ = load_rules(options)
    result = DiffResult(old, new, profile.name)
    if old.terms is not None and new.terms is not None and result.ok:
        rules = load_diff_rules(options.rules_dir)
        result.changes = compare_terms(old.terms, new.terms, checklist, profile, rules)
        result.findings = compare_findings(old.findings or [], new.findings or [])
    return result


def diff_files(old: str | Path, new: str | Path, options: Options, nlp: Optional[Language] = None) -> DiffResult:
    """Read, extract and check both versions the same way, then compare them."""
    from sla_check.pipeline import get_nlp, review_file

    nlp = nlp if nlp is not None else get_nlp(options.rules_dir)
    return diff_results(review_file(old, options, nlp), review_file(new, options, nlp), options)


# --------------------------------------------------------------------------- pairing files by vendor


@dataclass
class Pairing:
    """Old and new files matched by vendor, and those left without a partner (with why)."""

    pairs: list[tuple[Path, Path]] = field(default_factory=list)
    unpaired: list[tuple[str, Path, str]] = field(default_factory=list)  # (old | new, file, why)


def vendor_key(path: str | Path, rules: DiffRules) -> str:
    """The file name without the words that name a version or a date: "acme-sla-v2-2025.pdf" -> "acme"."""
    words = [w for w in re.split(r"[^a-z0-9]+", Path(path).stem.lower()) if w]
    kept = [w for w in words if w not in rules.drop_words and not any(p.fullmatch(w) for p in rules.drop_patterns)]
    return "-".join(kept) or "-".join(words)


def _read_pairs_file(path: str | Path) -> list[tuple[str, str]]:
    try:
        data = load_yaml(path)
    except RulesError as e:
        raise DiffError(str(e)) from e
    pairs = data.get("pairs") if isinstance(data, dict) else None
    if isinstance(pairs, dict):
        return [(str(k), str(v)) for k, v in pairs.items()]
    if isinstance(pairs, list) and all(isinstance(p, dict) and set(p) == {"old", "new"} for p in pairs):
        return [(str(p["old"]), str(p["new"])) for p in pairs]
    raise DiffError(f"{path}: write `pairs:` as a mapping of old file -> new file (or a list of {{old, new}})")


def _find(name: str, files: Sequence[Path], root: Path) -> Optional[Path]:
    for f in files:
        if name in (f.name, str(f)) or (f.is_relative_to(root) and str(f.relative_to(root)) == name):
            return f
    return None


def pair_files(old_files: Sequence[Path], new_files: Sequence[Path], rules: DiffRules,
               pairs_file: Optional[str | Path] = None, old_root: Optional[Path] = None,
               new_root: Optional[Path] = None) -> Pairing:
    """Pair old and new versions: by the mapping file when given, else by vendor_key()."""
    out = Pairing()
    if pairs_file is not None:
        used_old, used_new = set(), set()
        for old_name, new_name in _read_pairs_file(pairs_file):
            o = _find(old_name, old_files, old_root or Path("."))
            n = _find(new_name, new_files, new_root or Path("."))
            if o is None or n is None:
                missing = old_name if o is None else new_name
                raise DiffError(f"{pairs_file}: {missing!r} is not one of the files being compared")
            out.pairs.append((o, n))
            used_old.add(o)
            used_new.add(n)
        out.unpaired += [("old", f, "not in the pairs file") for f in old_files if f not in used_old]
        out.unpaired += [("new", f, "not in the pairs file") for f in new_files if f not in used_new]
        return out
    olds: dict[str, list[Path]] = {}
    news: dict[str, list[Path]] = {}
    for f in old_files:
        olds.setdefault(vendor_key(f, rules), []).append(f)
    for f in new_files:
        news.setdefault(vendor_key(f, rules), []).append(f)
    for key, found in olds.items():
        partners = news.get(key, [])
        if len(found) == 1 and len(partners) == 1:
            out.pairs.append((found[0], partners[0]))
        elif not partners:
            out.unpaired += [("old", f, "no new version with the same vendor name") for f in found]
        else:
            why = f"several files share the vendor name {key!r}: use --pairs"
            out.unpaired += [("old", f, why) for f in found] + [("new", f, why) for f in partners]
    out.unpaired += [("new", f, "no old version with the same vendor name") for key, fs in news.items() if key not in olds for f in fs]
    return out
