"""Load and validate the checklist, the profiles and the rating formula (rules/*.yml).

Everything is checked when it is loaded, before any contract is opened: an unknown check
type, a bad parameter, a threshold that no profile defines, or a template placeholder the
check cannot fill is a RulesError naming the file, the check id and the problem.

Files:
- rules/checklist.yml: `checks:`, a list of entries (id, scenario, question, severity, type,
  params, explain, recommendation, enabled). A parameter may name a profile threshold as
  "$profile.<threshold>" instead of giving a number.
- rules/profiles.yml: `thresholds:` (each with a kind and a description), `profiles:` (each
  may `extends:` another) and `default:`.
- rules/rating.yml: the weights and colour bands of the score.
A user checklist (--checklist FILE) either replaces the default list, or says
`extends: default` and then overrides entries by id, adds new ones, `disable:`s some, and may
override profile thresholds under `profiles:`.
"""
from __future__ import annotations

import re
import string
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from sla_check.checktypes import CASES, PARAM_FORMAT, PARAM_KINDS, REGISTRY, SEVERITIES, STATUSES
from sla_check.errors import RulesError
from sla_check.ruleset import check_keys, default_rules_dir, load_yaml

PROFILE_REF = re.compile(r"^\$profile\.([A-Za-z_][A-Za-z0-9_]*)$")
CHECK_ID = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")
CHECK_KEYS = {"id", "topic", "scenario", "question", "severity", "type", "params", "explain", "recommendation", "enabled",
              "applies", "title"}
APPLIES_KEYS = {"kinds", "requires", "requires_any", "requires_read", "mentioned_by", "levelled_times"}
#: the service kinds a contract can be read as (rules/lexicons/service_kinds.yml uses the same ids)
SERVICE_KINDS = ("connectivity", "colocation", "hosting", "saas", "managed_service", "support")
#: texts of the findings the checker itself decides (`n/a`, and `review` from a mention), with their placeholders
VERDICT_TEXTS = {
    "kind": ("service_kind",),
    "requires": ("requires", "requires_title", "requires_status"),
    "requires_any": ("requires",),
    "mentioned": ("what", "page", "section", "quote"),
    "unlevelled": (),
}
CHECK_REQUIRED = {"id", "scenario", "question", "severity", "type", "explain", "recommendation"}
#: placeholders every template may use besides the check type's values and its params
COMMON_PLACEHOLDERS = ("profile",)


# --------------------------------------------------------------------------- profiles


@dataclass(frozen=True)
class Threshold:
    name: str
    kind: str
    description: str


@dataclass(frozen=True)
class Profile:
    name: str
    description: str
    values: dict[str, Any]


@dataclass(frozen=True)
class Profiles:
    path: str
    default: str
    thresholds: dict[str, Threshold]
    profiles: dict[str, Profile]

    def get(self, name: Optional[str]) -> Profile:
        name = name or self.default
        if name not in self.profiles:
            raise RulesError(self.path, f"profile {name!r}", f"unknown profile; choose one of {sorted(self.profiles)}")
        return self.profiles[name]


def _rules_file(name: str, rules_dir: Optional[str | Path]) -> Path:
    return (Path(rules_dir) if rules_dir else default_rules_dir()) / name


def _parse_thresholds(raw: Any, path: Path) -> dict[str, Threshold]:
    if not isinstance(raw, dict) or not raw:
        raise RulesError(path, "thresholds", "must be a mapping of threshold name -> {kind, description}")
    out = {}
    for name, spec in raw.items():
        where = f"threshold {name!r}"
        if not isinstance(spec, dict):
            raise RulesError(path, where, "must be a mapping with kind and description")
        check_keys(spec, {"kind", "description", "unit"}, {"kind", "description"}, path, where)
        if spec["kind"] not in PARAM_KINDS:
            raise RulesError(path, where, f"unknown kind {spec['kind']!r}; allowed: {sorted(PARAM_KINDS)}")
        out[str(name)] = Threshold(str(name), spec["kind"], str(spec["description"]))
    return out


def _resolve_profiles(raw: dict[str, Any], thresholds: dict[str, Threshold], path: Path) -> dict[str, Profile]:
    """Apply `extends:` (a profile starts from its parent's values) and validate every value."""
    resolved: dict[str, Profile] = {}

    def resolve(name: str, chain: tuple[str, ...]) -> Profile:
        if name in resolved:
            return resolved[name]
        where = f"profile {name!r}"
        if name in chain:
            raise RulesError(path, where, f"`extends` loops: {' -> '.join(chain + (name,))}")
        body = raw.get(name)
        if not isinstance(body, dict):
            raise RulesError(path, where, "must be a mapping of threshold values")
        values: dict[str, Any] = {}
        parent = body.get("extends")
        if parent is not None:
            if parent not in raw:
                raise RulesError(path, where, f"extends unknown profile {parent!r}; known: {sorted(raw)}")
            values.update(resolve(parent, chain + (name,)).values)
        for key, value in body.items():
            if key in ("extends", "description"):
                continue
            if key not in thresholds:
                raise RulesError(path, f"{where}, {key}", f"unknown threshold; declared thresholds: {sorted(thresholds)}")
            problem = PARAM_KINDS[thresholds[key].kind](value)
            if problem:
                raise RulesError(path, f"{where}, {key}", f"{value!r} {problem} (kind {thresholds[key].kind})")
            values[key] = value
        missing = sorted(set(thresholds) - set(values))
        if missing:
            raise RulesError(path, where, f"no value for threshold(s) {missing}")
        resolved[name] = Profile(name, str(body.get("description", "")), values)
        return resolved[name]

    for name in raw:
        resolve(str(name), ())
    return resolved


def load_profiles(path: Optional[str | Path] = None, rules_dir: Optional[str | Path] = None,
                  overrides: Optional[dict[str, Any]] = None, overrides_path: Optional[str | Path] = None) -> Profiles:
    """rules/profiles.yml, with `extends:` resolved; `overrides` (from a user checklist) merge on top."""
    path = Path(path) if path else _rules_file("profiles.yml", rules_dir)
    data = load_yaml(path)
    if not isinstance(data, dict):
        raise RulesError(path, None, "must be a mapping with thresholds, profiles and default")
    check_keys(data, {"default", "thresholds", "profiles"}, {"default", "thresholds", "profiles"}, path, "top level")
    thresholds = _parse_thresholds(data["thresholds"], path)
    raw = data["profiles"]
    if not isinstance(raw, dict) or not raw:
        raise RulesError(path, "profiles", "must be a mapping of profile name -> thresholds")
    raw = {str(k): dict(v) if isinstance(v, dict) else v for k, v in raw.items()}
    if overrides:
        opath = Path(overrides_path) if overrides_path else path
        if not isinstance(overrides, dict):
            raise RulesError(opath, "profiles", "must be a mapping of profile name -> thresholds")
        for name, body in overrides.items():
            if not isinstance(body, dict):
                raise RulesError(opath, f"profile {name!r}", "must be a mapping of threshold values")
            raw.setdefault(str(name), {}).update(body)
        path_for_errors = opath
    else:
        path_for_errors = path
    profiles = _resolve_profiles(raw, thresholds, Path(path_for_errors))
    if data["default"] not in profiles:
        raise RulesError(path, "default", f"unknown profile {data['default']!r}; known: {sorted(profiles)}")
    return Profiles(str(path), str(data["default"]), thresholds, profiles)


# --------------------------------------------------------------------------- checklist


@dataclass(frozen=True)
class CheckSpec:
    """One checklist entry, validated; `params` may still hold "$profile.x" references."""

    id: str
    scenario: str
    question: str
    severity: str
    type: str
    params: dict[str, Any]
    explain: dict[str, str]
    recommendation: str
    enabled: bool = True
    topic: str = ""
    title: str = ""  # a few words naming the check (reports)
    #: service kinds it applies to (empty: all); a contract whose kind is unknown gets every check
    kinds: tuple[str, ...] = ()
    #: ids of checks it depends on: when one of them is gap, review or n/a this one is n/a
    requires: tuple[str, ...] = ()
    #: ids of checks of which it needs at least one: when all of them found nothing it is n/a
    #: (priority definitions matter only where some priority has a time)
    requires_any: tuple[str, ...] = ()
    #: false: a required check that is `review` only because no value was read still counts as there
    requires_read: bool = True
    #: mention topics (rules/lexicons/mentions.yml) that turn a gap into review
    mentioned_by: tuple[str, ...] = ()
    #: true: n/a where the contract's times are all for every request, none for a priority level
    #: (a plan's one target for all faults leaves no priority to define)
    levelled_times: bool = False

    def resolve_params(self, profile: Profile) -> dict[str, Any]:
        """Parameter values for one profile: references replaced, defaults filled."""
        ct = REGISTRY[self.type]
        out: dict[str, Any] = {}
        for name, spec in ct.params.items():
            if name in self.params:
                value = self.params[name]
                m = PROFILE_REF.match(value) if isinstance(value, str) else None
                out[name] = profile.values[m.group(1)] if m else value
            elif not spec.required:
                out[name] = spec.default
        return out

    def template(self, status: str, case: Optional[str] = None) -> str:
        """The text for a status, or for a named case (e.g. not_applicable) when the entry has one."""
        if case and case in self.explain:
            return self.explain[case]
        return self.explain.get(status) or self.explain["default"]


@dataclass(frozen=True)
class Checklist:
    path: str
    checks: tuple[CheckSpec, ...]
    profiles: Profiles
    ok_recommendation: str = "No change needed."
    sources: tuple[str, ...] = ()
    #: texts for the verdicts the checker decides from `applies:` (keys of VERDICT_TEXTS)
    verdicts: dict[str, str] = field(default_factory=dict)

    @property
    def enabled(self) -> tuple[CheckSpec, ...]:
        return tuple(c for c in self.checks if c.enabled)


def _placeholders(template: str, path: Path, where: str) -> set[str]:
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError as e:
        raise RulesError(path, where, f"bad template {template!r}: {e}") from e
    names = set()
    for _, name, spec, conv in parsed:
        if name is None:
            continue
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise RulesError(path, where, f"placeholder {{{name}}} must be a plain name (no attributes, indexes or positions)")
        if spec or conv:
            raise RulesError(path, where, f"placeholder {{{name}}} must not have a format spec or conversion")
        names.add(name)
    return names


def _validate_check(entry: Any, index: int, path: Path, profiles: Profiles) -> CheckSpec:
    if not isinstance(entry, dict):
        raise RulesError(path, f"checks[{index}]", "each check must be a mapping")
    cid = entry.get("id")
    where = f"check {cid!r}" if cid else f"checks[{index}]"
    check_keys(entry, CHECK_KEYS, CHECK_REQUIRED, path, where)
    if not isinstance(cid, str) or not CHECK_ID.match(cid):
        raise RulesError(path, where, "id must be lower-case letters, digits, '-', '_' or '.'")
    for key in ("scenario", "question", "recommendation"):
        if not isinstance(entry[key], str) or not entry[key].strip():
            raise RulesError(path, where, f"{key} must be non-empty text")
    if entry["severity"] not in SEVERITIES:
        raise RulesError(path, where, f"severity {entry['severity']!r} must be one of {list(SEVERITIES)}")
    if "enabled" in entry and not isinstance(entry["enabled"], bool):
        raise RulesError(path, where, "enabled must be true or false")
    ct = REGISTRY.get(entry["type"])
    if ct is None:
        raise RulesError(path, where, f"unknown check type {entry['type']!r}; available: {sorted(REGISTRY)}")
    params = entry.get("params") or {}
    if not isinstance(params, dict):
        raise RulesError(path, where, "params must be a mapping")
    unknown = sorted(set(params) - set(ct.params))
    if unknown:
        raise RulesError(path, where, f"unknown parameter(s) {unknown} for type {ct.name}; allowed: {sorted(ct.params)}")
    missing = sorted(n for n, p in ct.params.items() if p.required and n not in params)
    if missing:
        raise RulesError(path, where, f"missing parameter(s) {missing} for type {ct.name}")
    for name, value in params.items():
        kind = ct.params[name].kind
        m = PROFILE_REF.match(value) if isinstance(value, str) else None
        if isinstance(value, str) and value.startswith("$") and not m:
            raise RulesError(path, where, f"parameter {name}: {value!r} is not a reference; write $profile.<threshold>")
        if m:
            ref = m.group(1)
            if ref not in profiles.thresholds:
                raise RulesError(path, where, f"parameter {name}: unknown profile threshold {ref!r}; declared: {sorted(profiles.thresholds)}")
            if profiles.thresholds[ref].kind != kind:
                raise RulesError(path, where, f"parameter {name} needs kind {kind} but threshold {ref!r} is {profiles.thresholds[ref].kind}")
            continue
        problem = PARAM_KINDS[kind](value)
        if problem:
            raise RulesError(path, where, f"parameter {name}: {value!r} {problem}")
    explain = entry["explain"]
    if isinstance(explain, str):
        explain = {"default": explain}
    if not isinstance(explain, dict) or not explain:
        raise RulesError(path, where, "explain must be text or a mapping of status -> text")
    bad = sorted(set(explain) - set(STATUSES) - set(CASES) - {"default"})
    if bad:
        raise RulesError(path, where, f"explain has unknown key(s) {bad}; allowed: {list(STATUSES) + list(CASES) + ['default']}")
    needed = list(ct.statuses)
    for name, spec in ct.params.items():
        if spec.kind == "status":
            chosen = params.get(name, spec.default)
            extra = list(STATUSES) if isinstance(chosen, str) and PROFILE_REF.match(chosen) else [chosen]
            needed += [s for s in extra if s not in needed]
    uncovered = [s for s in needed if s not in explain] if "default" not in explain else []
    if uncovered:
        raise RulesError(path, where, f"explain has no text for status(es) {uncovered} that type {ct.name} can give (or add `default`)")
    allowed = set(ct.values) | set(ct.params) | set(COMMON_PLACEHOLDERS)
    texts = list(explain.items()) + [(k, entry[k]) for k in ("recommendation", "question", "scenario")]
    for key, text in texts:
        if not isinstance(text, str) or not text.strip():
            raise RulesError(path, where, f"explain.{key} must be non-empty text")
        unknown_names = sorted(_placeholders(text, path, where) - allowed)
        if unknown_names:
            label = key if key in ("recommendation", "question", "scenario") else f"explain.{key}"
            raise RulesError(path, where, f"{label}: unknown placeholder(s) {unknown_names}; this check can fill {sorted(allowed)}")
    kinds, requires, requires_any, mentioned_by = _parse_applies(entry.get("applies"), path, where)
    requires_read = (entry.get("applies") or {}).get("requires_read", True)
    levelled_times = (entry.get("applies") or {}).get("levelled_times", False)
    for key, flag in (("requires_read", requires_read), ("levelled_times", levelled_times)):
        if not isinstance(flag, bool):
            raise RulesError(path, f"{where}, applies.{key}", "must be true or false")
    return CheckSpec(
        id=cid, scenario=entry["scenario"].strip(), question=entry["question"].strip(), severity=entry["severity"],
        type=ct.name, params=dict(params), explain={k: v.strip() for k, v in explain.items()},
        recommendation=entry["recommendation"].strip(), enabled=entry.get("enabled", True), topic=str(entry.get("topic", "")),
        title=str(entry.get("title", "")),
        kinds=kinds, requires=requires, requires_any=requires_any, requires_read=requires_read,
        mentioned_by=mentioned_by, levelled_times=levelled_times,
    )


def _parse_applies(raw: Any, path: Path, where: str
                   ) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """`applies: {kinds: [...], requires: [...], requires_any: [...], mentioned_by: [...]}`, each a list of names."""
    if raw is None:
        return (), (), (), ()
    if not isinstance(raw, dict):
        raise RulesError(path, where, "applies must be a mapping with kinds, requires and/or mentioned_by")
    check_keys(raw, APPLIES_KEYS, set(), path, f"{where}, applies")
    out = []
    for key in ("kinds", "requires", "requires_any", "mentioned_by"):
        value = raw.get(key) or []
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise RulesError(path, f"{where}, applies.{key}", "must be a list of names")
        out.append(tuple(value))
    bad = [k for k in out[0] if k not in SERVICE_KINDS]
    if bad:
        raise RulesError(path, f"{where}, applies.kinds", f"unknown service kind(s) {bad}; known: {list(SERVICE_KINDS)}")
    return out[0], out[1], out[2], out[3]


def _check_references(checks: list[CheckSpec], path: Path, topics: set[str]) -> None:
    """`requires` names known checks without loops; `mentioned_by` names known mention topics."""
    by_id = {c.id: c for c in checks}
    for c in checks:
        for key, ids in (("requires", c.requires), ("requires_any", c.requires_any)):
            for r in ids:
                if r not in by_id:
                    raise RulesError(path, f"check {c.id!r}, applies.{key}", f"no such check {r!r}")
        bad = [t for t in c.mentioned_by if t not in topics]
        if bad:
            raise RulesError(path, f"check {c.id!r}, applies.mentioned_by",
                             f"unknown topic(s) {bad}; rules/lexicons/mentions.yml has {sorted(topics)}")

    def walk(cid: str, chain: tuple[str, ...]) -> None:
        if cid in chain:
            raise RulesError(path, f"check {cid!r}, applies.requires", f"loops: {' -> '.join(chain + (cid,))}")
        for r in by_id[cid].requires + by_id[cid].requires_any:
            walk(r, chain + (cid,))

    for c in checks:
        walk(c.id, ())


def _read_checklist_file(path: Path) -> dict[str, Any]:
    data = load_yaml(path)
    if not isinstance(data, dict):
        raise RulesError(path, None, "must be a mapping with a `checks:` list")
    check_keys(data, {"version", "extends", "checks", "disable", "profiles", "ok_recommendation", "verdicts"}, set(), path,
               "top level")
    if "checks" in data and not isinstance(data["checks"], list):
        raise RulesError(path, "checks", "must be a list of checks")
    return data


def load_checklist(path: Optional[str | Path] = None, rules_dir: Optional[str | Path] = None) -> Checklist:
    """The validated checklist: the default one, or a user's file (complete, or `extends: default`)."""
    default_path = _rules_file("checklist.yml", rules_dir)
    user_path = Path(path) if path else None
    base = _read_checklist_file(default_path)
    if user_path is None:
        data, entries_path = base, default_path
        sources: tuple[str, ...] = (str(default_path),)
    else:
        data = _read_checklist_file(user_path)
        entries_path = user_path
        sources = (str(user_path),)
    extends = data.get("extends")
    if extends not in (None, "default"):
        raise RulesError(entries_path, "extends", f"only `extends: default` is supported, not {extends!r}")
    profile_overrides = data.get("profiles") if user_path is not None else None
    profiles = load_profiles(rules_dir=rules_dir, overrides=profile_overrides, overrides_path=user_path)

    raw_entries: list[tuple[Path, int, Any]] = []
    if extends == "default":
        sources = (str(default_path),) + sources
        raw_entries = [(default_path, i, e) for i, e in enumerate(base.get("checks") or [])]
        by_id = {e.get("id"): n for n, (_, _, e) in enumerate(raw_entries) if isinstance(e, dict)}
        for i, entry in enumerate(data.get("checks") or []):
            if isinstance(entry, dict) and entry.get("id") in by_id:
                n = by_id[entry["id"]]
                merged = dict(raw_entries[n][2])
                if "type" in entry and entry["type"] != merged.get("type"):
                    merged.pop("params", None)  # a new type brings its own parameters
                if isinstance(entry.get("params"), dict) and isinstance(merged.get("params"), dict):
                    entry = {**entry, "params": {**merged["params"], **entry["params"]}}
                merged.update(entry)
                raw_entries[n] = (entries_path, i, merged)
            else:
                raw_entries.append((entries_path, i, entry))
    else:
        raw_entries = [(entries_path, i, e) for i, e in enumerate(data.get("checks") or [])]
    if not raw_entries:
        raise RulesError(entries_path, "checks", "the checklist has no checks")

    checks: list[CheckSpec] = []
    seen: set[str] = set()
    for epath, i, entry in raw_entries:
        spec = _validate_check(entry, i, epath, profiles)
        if spec.id in seen:
            raise RulesError(epath, f"check {spec.id!r}", "duplicate id")
        seen.add(spec.id)
        checks.append(spec)
    disable = data.get("disable") or []
    if not isinstance(disable, list):
        raise RulesError(entries_path, "disable", "must be a list of check ids")
    for cid in disable:
        if cid not in seen:
            raise RulesError(entries_path, f"disable {cid!r}", f"no such check; known ids: {sorted(seen)}")
    checks = [CheckSpec(**{**c.__dict__, "enabled": False}) if c.id in disable else c for c in checks]
    ok_rec = data.get("ok_recommendation", base.get("ok_recommendation", "No change needed."))
    verdicts = _parse_verdicts({**(base.get("verdicts") or {}), **(data.get("verdicts") or {})}, entries_path)
    _check_references(checks, entries_path, _mention_topics())
    return Checklist(str(entries_path), tuple(checks), profiles, str(ok_rec), sources, verdicts)


def _mention_topics() -> set[str]:
    """Topics of rules/lexicons/mentions.yml, read as the extractors read it (the rules in force)."""
    from sla_check.normalize import lexicon

    topics = lexicon("mentions").get("topics")
    return set(topics) if isinstance(topics, dict) else set()


def _parse_verdicts(raw: Any, path: Path) -> dict[str, str]:
    """The `verdicts:` texts: one per key of VERDICT_TEXTS, placeholders checked."""
    if not isinstance(raw, dict):
        raise RulesError(path, "verdicts", "must be a mapping of kind, requires, mentioned -> text")
    check_keys(raw, set(VERDICT_TEXTS), set(VERDICT_TEXTS), path, "verdicts")
    for key, text in raw.items():
        if not isinstance(text, str) or not text.strip():
            raise RulesError(path, f"verdicts.{key}", "must be non-empty text")
        unknown = sorted(_placeholders(text, path, f"verdicts.{key}") - set(VERDICT_TEXTS[key]))
        if unknown:
            raise RulesError(path, f"verdicts.{key}", f"unknown placeholder(s) {unknown}; allowed: {list(VERDICT_TEXTS[key])}")
    return {k: str(v).strip() for k, v in raw.items()}


# --------------------------------------------------------------------------- rating


@dataclass(frozen=True)
class RatingRules:
    path: str
    weights: dict[str, dict[str, float]]
    red_below: float
    green_from: float
    red_if_high_gaps: int
    green_max_high_gaps: int
    description: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def formula_text(self) -> str:
        """The rating formula in words, with this configuration's numbers (for the audit trail)."""
        w = "; ".join(
            f"{sev}: " + ", ".join(f"{st} {self.weights[sev][st]:g}" for st in ("gap", "weak", "review"))
            for sev in SEVERITIES
        )
        return (
            "Each finding that is not ok loses points by severity and status "
            f"({w}); a finding that is ok loses none. "
            "Score = 100 x (1 - points lost / points at stake), rounded, where points at stake is the "
            "gap weight of every finding's severity. "
            f"Red if the score is below {self.red_below:g} or there are {self.red_if_high_gaps} or more high-severity gaps; "
            f"Green if the score is {self.green_from:g} or more and there are no more than {self.green_max_high_gaps} "
            "high-severity gaps; Amber otherwise."
        )


def load_rating(path: Optional[str | Path] = None, rules_dir: Optional[str | Path] = None) -> RatingRules:
    path = Path(path) if path else _rules_file("rating.yml", rules_dir)
    data = load_yaml(path)
    if not isinstance(data, dict):
        raise RulesError(path, None, "must be a mapping with weights and bands")
    check_keys(data, {"description", "weights", "bands"}, {"weights", "bands"}, path, "top level")
    weights = data["weights"]
    if not isinstance(weights, dict) or set(weights) != set(SEVERITIES):
        raise RulesError(path, "weights", f"must give one mapping for each severity {list(SEVERITIES)}")
    for sev, row in weights.items():
        if not isinstance(row, dict):
            raise RulesError(path, f"weights.{sev}", "must map gap, weak, review to numbers")
        check_keys(row, {"gap", "weak", "review"}, {"gap", "weak", "review"}, path, f"weights.{sev}")
        for st, v in row.items():
            if PARAM_KINDS["money"](v):
                raise RulesError(path, f"weights.{sev}.{st}", "must be a number >= 0")
        if row["gap"] <= 0:
            raise RulesError(path, f"weights.{sev}.gap", "must be more than 0 (it is the points at stake)")
    bands = data["bands"]
    if not isinstance(bands, dict):
        raise RulesError(path, "bands", "must be a mapping")
    check_keys(bands, {"red_below", "green_from", "red_if_high_gaps", "green_max_high_gaps"},
               {"red_below", "green_from", "red_if_high_gaps", "green_max_high_gaps"}, path, "bands")
    for k in ("red_below", "green_from"):
        if PARAM_KINDS["percent"](bands[k]):
            raise RulesError(path, f"bands.{k}", "must be a number 0-100")
    for k in ("red_if_high_gaps", "green_max_high_gaps"):
        if not isinstance(bands[k], int) or isinstance(bands[k], bool) or bands[k] < 0:
            raise RulesError(path, f"bands.{k}", "must be a whole number >= 0")
    if bands["red_below"] > bands["green_from"]:
        raise RulesError(path, "bands", "red_below must not be above green_from")
    return RatingRules(
        str(path), {s: {k: float(v) for k, v in r.items()} for s, r in weights.items()},
        float(bands["red_below"]), float(bands["green_from"]), bands["red_if_high_gaps"], bands["green_max_high_gaps"],
        str(data.get("description", "")),
    )


def describe_params(spec: CheckSpec, profile: Profile) -> str:
    """The check's parameters for one profile in words: "max_minutes = 1 hour (profile: max_p1_response_minutes)"."""
    ct = REGISTRY[spec.type]
    parts = []
    for name, value in spec.resolve_params(profile).items():
        kind = ct.params[name].kind
        shown = PARAM_FORMAT.get(kind, str)(value)
        raw = spec.params.get(name)
        m = PROFILE_REF.match(raw) if isinstance(raw, str) else None
        parts.append(f"{name} = {shown}" + (f" (profile {profile.name}: {m.group(1)})" if m else ""))
    return "; ".join(parts)
