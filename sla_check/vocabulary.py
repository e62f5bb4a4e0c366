"""The severity, time-kind, clock (basis) and plan vocabularies: read once from rules/lexicons, checked against a
schema, and turned into what the code needs (phrase patterns for the rule component, regular
expressions for the interpreters). Each word is written once, in the lexicon; nothing here
holds a word of its own."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

from sla_check.errors import RulesError
from sla_check.ruleset import RuleSet, active, load_rules

#: the separators written between a prefix and its number: "Priority 1", "Priority-1", "Priority: 1", "Priority - 1"
_SEPARATORS = (" ", "-", ": ", " - ")
_LETTERS = "abcde"


@dataclass(frozen=True)
class Severity:
    """rules/lexicons/severity.yml, validated."""

    names: dict[str, int]  # "critical" -> 1
    prefixes: tuple[str, ...]  # "priority", "sev": written before a number ("Priority 1")
    glued: tuple[str, ...]  # prefixes also written glued to their number ("P1", "Sev2")
    lettered: tuple[str, ...]  # prefixes also written before a letter or number word ("Sev A", "Priority One")
    label_only: tuple[str, ...]  # prefixes that count in a table's level cell, not in running text
    number_words: dict[str, int]  # "one" -> 1
    ordinals: dict[str, int]  # "first" -> 1
    headers: tuple[str, ...]  # words heading the column of levels ("Priority", "Impact")
    highest: int  # the number of the least severe level a prefix may carry
    impact_words: tuple[str, ...] = ()  # a service's state ("unavailable", "degraded"): rows described by impact
    label_nouns: tuple[str, ...] = ()  # nouns a level's name may carry ("Priority 1 Fault", "Class 1 Errors")
    prose_nouns: tuple[str, ...] = ()  # nouns a name counts before in running text ("critical incidents")
    also_before: tuple[str, ...] = ()  # other words a capitalised name labels in prose ("Urgent requests")
    definition_headers: tuple[str, ...] = ()  # header of a column defining each level ("Description")

    def prefix_re(self) -> str:
        """An alternation of every prefix, longest first."""
        return "|".join(re.escape(p) for p in sorted(self.prefixes, key=len, reverse=True))

    def lettered_re(self) -> str:
        return "|".join(re.escape(p) for p in sorted(self.lettered, key=len, reverse=True))

    def rank_words(self) -> dict[str, int]:
        """Number words and ordinals that may follow a prefix ("Priority One", "Severity First")."""
        return {**self.ordinals, **self.number_words}


def _rules(rules_dir: Optional[str]) -> RuleSet:
    return load_rules(rules_dir) if rules_dir else active()


def _path(rules_dir: Optional[str], name: str) -> Path:
    return _rules(rules_dir).root / "lexicons" / f"{name}.yml"


def _checked(rules_dir: Optional[str], name: str, allowed: set[str]) -> tuple[Path, dict[str, Any]]:
    """rules/lexicons/<name>.yml, parsed once: a mapping with no key outside `allowed` (a misspelt key
    is a load error, not a word list silently missing)."""
    path = _path(rules_dir, name)
    data = _rules(rules_dir).lexicon(name)
    unknown = set(data) - allowed
    if unknown:
        raise RulesError(path, None, f"unknown key(s) {sorted(unknown)}; allowed: {sorted(allowed)}")
    return path, data


def _words(data: dict[str, Any], key: str, path: Path, required: bool = True) -> tuple[str, ...]:
    value = data.get(key)
    if not required and (value is None or value == []):
        return ()
    if not isinstance(value, list) or not value or not all(isinstance(w, str) and w.strip() for w in value):
        raise RulesError(path, key, f"'{key}' must be a non-empty list of words")
    return tuple(w.strip().lower() for w in value)


def _roles(data: dict[str, Any], key: str, roles: tuple[str, ...], path: Path, seen: dict[str, str]) -> dict[str, tuple[str, ...]]:
    """The word lists of the entry `key`, one per role ("words" required): a word listed under two
    roles or entries of one lexicon is a load error (`seen` holds where each word was met)."""
    entry = data.get(key)
    if not isinstance(entry, dict) or set(entry) - set(roles):
        raise RulesError(path, key, f"'{key}' must be a mapping with keys {list(roles)}")
    out = {role: _words(entry, role, path, required=role == "words") for role in roles}
    for role, words in out.items():
        for word in words:
            if word in seen:
                raise RulesError(path, f"{key}.{role}", f"'{word}' is already listed under {seen[word]}")
            seen[word] = f"{key}.{role}"
    return out


def _levels(data: dict[str, Any], key: str, path: Path, highest: int) -> dict[str, int]:
    value = data.get(key)
    if not isinstance(value, dict) or not value:
        raise RulesError(path, key, f"'{key}' must map words to levels")
    out = {}
    for word, level in value.items():
        if not isinstance(level, int) or isinstance(level, bool) or not 1 <= level <= highest:
            raise RulesError(path, f"{key}: {word}", f"level must be a whole number from 1 to {highest}")
        out[str(word).strip().lower()] = level
    return out


_SEVERITY_KEYS = {"impact_words", "names", "prefixes", "glued", "lettered", "label_only", "number_words", "ordinals", "headers", "highest",
                  "label_nouns", "prose_nouns", "also_before", "definition_headers"}


def severity(rules_dir: Optional[str] = None) -> Severity:
    """The severity vocabulary of a rules folder (the one in force by default)."""
    return _rules(rules_dir).derived("severity", lambda: _load_severity(rules_dir))


def _load_severity(rules_dir: Optional[str]) -> Severity:
    path, data = _checked(rules_dir, "severity", _SEVERITY_KEYS)
    highest = data.get("highest", 5)
    if not isinstance(highest, int) or not 1 <= highest <= 9:
        raise RulesError(path, "highest", "'highest' must be a whole number from 1 to 9")
    prefixes = _words(data, "prefixes", path)
    glued, lettered = _words(data, "glued", path), _words(data, "lettered", path)
    label_only = _words(data, "label_only", path, required=False)
    for key, words in (("glued", glued), ("lettered", lettered), ("label_only", label_only)):
        stray = [w for w in words if w not in prefixes]
        if stray:
            raise RulesError(path, key, f"{stray} must also be listed under 'prefixes'")
    return Severity(names=_levels(data, "names", path, highest), prefixes=prefixes, glued=glued, lettered=lettered,
                    label_only=label_only, number_words=_levels(data, "number_words", path, highest),
                    ordinals=_levels(data, "ordinals", path, highest), headers=_words(data, "headers", path),
                    highest=highest, impact_words=_words(data, "impact_words", path, required=False),
                    label_nouns=_words(data, "label_nouns", path, required=False),
                    prose_nouns=_words(data, "prose_nouns", path, required=False),
                    also_before=_words(data, "also_before", path, required=False),
                    definition_headers=_words(data, "definition_headers", path, required=False))


def severity_patterns(rules_dir: Optional[str] = None) -> list[dict[str, Any]]:
    """The SEVERITY phrase patterns, built from the lexicon: every name, every prefix before a
    number (with each separator), glued codes, and letters or number words after lettered prefixes."""
    vocab = severity(rules_dir)
    out: list[dict[str, Any]] = []
    for name in vocab.names:
        out.append({"label": "SEVERITY", "pattern": name, "id": "severity.name." + name.replace(" ", "_")})
    numbers = [str(n) for n in range(1, vocab.highest + 1)]
    for prefix in vocab.glued:
        out += [{"label": "SEVERITY", "pattern": f"{prefix}{n}", "id": "severity.code"} for n in ["0"] + numbers]
    for prefix in (p for p in vocab.prefixes if p not in vocab.label_only):
        out += [{"label": "SEVERITY", "pattern": f"{prefix}{sep}{n}", "id": "severity.prefix_number"}
                for sep in _SEPARATORS for n in numbers]
    nouns = [n for n in vocab.label_nouns if n not in ("priority", "severity")]
    for prefix in vocab.label_only:  # "Class 1 Errors": a label-only prefix names a level before a level's noun
        out += [{"label": "SEVERITY", "pattern": f"{prefix} {n} {noun}", "id": "severity.prefix_noun"}
                for n in numbers for noun in nouns]
    for prefix in vocab.lettered:
        marks = list(_LETTERS[:vocab.highest]) + list(vocab.number_words)
        out += [{"label": "SEVERITY", "pattern": f"{prefix}{sep}{m}", "id": "severity.prefix_letter"}
                for sep in (" ", "-") for m in marks]
    return out


KINDS = ("response", "resolution", "update")
_KIND_ROLES = ("in_headers", "in_text", "words")
_HEADER_LISTS = ("response_columns", "measure_headers", "non_commitment_headers", "non_commitment_cells", "empty_cells")
# word lists read in sentences: the event a clock runs from or to ("after the fault is resolved"),
# and what may be resolved that is not an incident ("resolve the dispute")
_SENTENCE_LISTS = ("event_anchors", "not_incidents", "history_verbs", "estimate_hedges", "not_incident_topics",
                   "period_leads", "formal_replies", "logistics_verbs", "effort_leads",
                   "lead_time_after", "negations", "escalation_words", "fix_measures", "effort_pledges", "target_nouns")


@dataclass(frozen=True)
class TimeKinds:
    """rules/lexicons/time_kinds.yml, validated: the words of each kind, by where they count."""

    in_text: dict[str, tuple[str, ...]]  # kind -> words that name it in a sentence
    in_headers: dict[str, tuple[str, ...]]  # kind -> words that name it in a header, cell or title
    lists: dict[str, tuple[str, ...]]  # the other word lists ("measure_headers", "event_anchors", ...)


def time_kinds(rules_dir: Optional[str] = None) -> TimeKinds:
    """The time-kind vocabulary of a rules folder (the one in force by default)."""
    return _rules(rules_dir).derived("time_kinds", lambda: _load_time_kinds(rules_dir))


def _load_time_kinds(rules_dir: Optional[str]) -> TimeKinds:
    path, data = _checked(rules_dir, "time_kinds", set(KINDS) | set(_HEADER_LISTS) | set(_SENTENCE_LISTS))
    in_text: dict[str, tuple[str, ...]] = {}
    in_headers: dict[str, tuple[str, ...]] = {}
    seen: dict[str, str] = {}
    for kind in KINDS:
        roles = _roles(data, kind, _KIND_ROLES, path, seen)
        in_text[kind] = roles["words"] + roles["in_text"]
        in_headers[kind] = roles["words"] + roles["in_headers"]
    lists = {key: _words(data, key, path) for key in _HEADER_LISTS + _SENTENCE_LISTS}
    return TimeKinds(in_text=in_text, in_headers=in_headers, lists=lists)


def time_patterns(rules_dir: Optional[str] = None) -> list[dict[str, Any]]:
    """The RESPONSE / RESOLUTION / UPDATE phrase patterns of the `time` family."""
    vocab = time_kinds(rules_dir)
    return [{"label": kind.upper(), "pattern": word, "id": f"time.{kind}.{word.replace(' ', '_')}"}
            for kind in KINDS for word in vocab.in_text[kind]]


CLOCKS = ("calendar", "business")
_CLOCK_ROLES = ("words", "basis_only", "units", "hours_only")
_BASIS_LISTS = ("outside_hours", "defined", "weekdays", "negators", "all_but_leads")


@dataclass(frozen=True)
class BasisWords:
    """rules/lexicons/basis.yml, validated: the words of each clock, by where they count."""

    for_basis: dict[str, tuple[str, ...]]  # clock -> words that decide a target's basis
    for_hours: dict[str, tuple[str, ...]]  # clock -> words that mark a statement of support hours
    units: tuple[str, ...]  # calendar words that only say how time is counted ("calendar days")
    lists: dict[str, tuple[str, ...]]  # outside_hours, defined, weekdays, negators, all_but_leads


def basis_words(rules_dir: Optional[str] = None) -> BasisWords:
    """The clock vocabulary of a rules folder (the one in force by default)."""
    return _rules(rules_dir).derived("basis", lambda: _load_basis(rules_dir))


def _load_basis(rules_dir: Optional[str]) -> BasisWords:
    path, data = _checked(rules_dir, "basis", set(CLOCKS) | set(_BASIS_LISTS))
    for_basis: dict[str, tuple[str, ...]] = {}
    for_hours: dict[str, tuple[str, ...]] = {}
    units: tuple[str, ...] = ()
    seen: dict[str, str] = {}
    business = data.get("business")
    if isinstance(business, dict) and business.get("units"):
        raise RulesError(path, "business.units", "only the calendar clock has counting units")
    for clock in CLOCKS:
        roles = _roles(data, clock, _CLOCK_ROLES, path, seen)
        for_basis[clock] = roles["words"] + roles["basis_only"] + roles["units"]
        for_hours[clock] = roles["words"] + roles["hours_only"]
        if clock == "calendar":
            units = roles["units"]
    lists = {key: _words(data, key, path) for key in _BASIS_LISTS}
    return BasisWords(for_basis=for_basis, for_hours=for_hours, units=units, lists=lists)


@dataclass(frozen=True)
class PlanWords:
    """rules/lexicons/plans.yml, validated: plan names, plan nouns, support-tier staff nouns, and the
    words before "Level 2" that make it a tier of cover bought ("Care Level 2")."""

    names: tuple[str, ...]
    nouns: tuple[str, ...]
    staff: tuple[str, ...]
    cover: tuple[str, ...] = ()


def plan_words(rules_dir: Optional[str] = None) -> PlanWords:
    return _rules(rules_dir).derived("plans", lambda: _load_plans(rules_dir))


def _load_plans(rules_dir: Optional[str]) -> PlanWords:
    keys = ("names", "nouns", "staff", "cover")
    path, data = _checked(rules_dir, "plans", set(keys))
    return PlanWords(*(_words(data, key, path) for key in keys))


def word_re(words: tuple[str, ...]) -> str:
    """An alternation of `words` as whole words, longest first (spaces match any run of spaces)."""
    parts = sorted(set(words), key=len, reverse=True)
    body = "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in parts) or r"(?!x)x"
    return rf"(?<![\w])(?:{body})(?![\w])"


def listed(name: str, key: str, rules_dir: Optional[str] = None) -> tuple[str, ...]:
    """The word list `key` of rules/lexicons/<name>.yml, checked once per rule set: a missing or
    malformed list is a load error naming the file and the key, not a pattern that never matches."""
    rules = _rules(rules_dir)
    return rules.derived(("listed", name, key), lambda: _words(rules.lexicon(name), key, _path(rules_dir, name)))


def listed_re(name: str, key: str, before: str = "", after: str = "") -> re.Pattern[str]:
    """`listed(name, key)` as one case-insensitive whole-word pattern (`word_re`), with the regular
    expressions `before` and `after` around it, compiled once per rule set."""
    rules = active()
    return rules.derived(("listed_re", name, key, before, after),
                         lambda: re.compile(before + word_re(listed(name, key)) + after, re.I))


def support_hours_patterns(rules_dir: Optional[str] = None) -> list[dict[str, Any]]:
    """The ALL_HOURS / BUSINESS / PLAN phrase patterns of the `support_hours` family."""
    clocks = basis_words(rules_dir).for_hours
    out = [{"label": label, "pattern": word, "id": f"hours.{tag}.{word.replace(' ', '_')}"}
           for clock, label, tag in (("calendar", "ALL_HOURS", "24x7"), ("business", "BUSINESS", "business"))
           for word in clocks[clock]]
    out += [{"label": "PLAN", "pattern": word, "id": f"hours.plan.{word.replace(' ', '_')}"}
            for word in plan_words(rules_dir).names]
    return out


#: pattern families whose phrases are built from lexicons at load, beside their own file
GENERATED = {"severity": severity_patterns, "time": time_patterns, "support_hours": support_hours_patterns}


def generated_patterns(rules_dir: Optional[str], family: str) -> list[dict[str, Any]]:
    make = GENERATED.get(family)
    return make(rules_dir) if make else []
