"""Terms -> findings, rating and downtime exposure: the worst-case-scenario checklist.

`check()` is pure and deterministic: one finding per enabled checklist entry, in checklist
order, passing ones included, so the report shows everything that was checked.
"""
from __future__ import annotations

import dataclasses
import logging
import re
from functools import lru_cache
from typing import Any, Callable, Optional

from sla_check.checklist import (
    Checklist,
    CheckSpec,
    Profile,
    RatingRules,
    describe_params,
    load_checklist,
    load_rating,
)
from sla_check.checktypes import (
    DISCRETIONARY,
    NO_FIGURE,
    PARAM_FORMAT,
    REGISTRY,
    SERVICE_KIND_WORDS,
    SEVERITIES,
    UNREAD,
    quote_match,
    service_credit_clause,
)
from sla_check.models import Evidence, Exposure, Finding, Rating, Terms
from sla_check.money import downtime_exposure
from sla_check.normalize import lexicon
from sla_check.ruleset import active, using

log = logging.getLogger(__name__)


class _Values(dict):  # type: ignore[type-arg]
    """Template values; a placeholder the check did not fill reads as an empty string."""

    def __missing__(self, key: str) -> str:
        return ""


def _tidy(text: str) -> str:
    """Collapse the spaces and empty brackets an empty placeholder can leave behind."""
    text = " ".join(text.split())
    text = re.sub(r"\s*[;,]\s*\)", ")", text)
    text = re.sub(r"\(\s*[;,]\s*", "(", text)
    text = text.replace(" ()", "").replace("()", "")
    for mark in ".,;:":
        text = text.replace(f" {mark}", mark)
    return text.strip()


def _param_values(spec: CheckSpec, profile: Profile) -> "_Values":
    """The entry's parameters (in words) and the profile name, as template values."""
    ct = REGISTRY[spec.type]
    values = _Values({k: PARAM_FORMAT.get(ct.params[k].kind, str)(v) for k, v in spec.resolve_params(profile).items()})
    values["profile"] = profile.name
    return values


def run_check(spec: CheckSpec, terms: Terms, profile: Profile, ok_recommendation: str = "No change needed.") -> Finding:
    """One checklist entry against one contract."""
    return _run_check(spec, terms, profile, ok_recommendation)[0]


def _run_check(spec: CheckSpec, terms: Terms, profile: Profile, ok_recommendation: str) -> tuple[Finding, str]:
    """The finding, and the case of the template it used."""
    ct = REGISTRY[spec.type]
    params = spec.resolve_params(profile)
    outcome = ct.fn(terms, params)
    values = _param_values(spec, profile)
    values.update({k: v.rstrip(" .;,") for k, v in outcome.values.items()})  # templates add their own full stops
    explanation = _tidy(spec.template(outcome.status, outcome.case).format_map(values))
    recommendation = ok_recommendation if outcome.status == "ok" else _tidy(spec.recommendation.format_map(values))
    return Finding(
        check_id=spec.id, scenario=_tidy(spec.scenario.format_map(values)), question=_tidy(spec.question.format_map(values)),
        status=outcome.status,
        severity=spec.severity, explanation=explanation, recommendation=recommendation, evidence=_distinct(outcome.evidence),
    ), outcome.case or ""


def _distinct(evidence: tuple[Evidence, ...]) -> tuple[Evidence, ...]:
    """The same clause cited twice (two terms read from one sentence) is shown once, first place kept."""
    seen: set[tuple[int, Optional[str], str]] = set()
    out = []
    for e in evidence:
        key = (e.page, e.section, e.text)
        if key not in seen:
            seen.add(key)
            out.append(e)
    return tuple(out)


#: which terms count as "a value was read" for a mention topic (rules/lexicons/mentions.yml): a
#: mention turns a gap into review only while nothing of its kind was read
_READ: dict[str, Callable[[Terms], bool]] = {
    "uptime": lambda t: bool(t.uptime),
    "response_times": lambda t: any(r.kind == "response" for r in t.response_times),
    "resolution_times": lambda t: any(r.kind == "resolution" for r in t.response_times),
    "service_credits": lambda t: service_credit_clause(t)[0],
    "maintenance": lambda t: t.maintenance_cap_hours.value is not None or t.maintenance_window.value is not None,
    "backup": lambda t: t.backup.value or t.rpo_minutes.value is not None or t.rto_minutes.value is not None,
}


def _verdict(spec: CheckSpec, status: str, explanation: str, evidence: tuple[Evidence, ...], values: "_Values",
             ok_recommendation: str) -> Finding:
    recommendation = ok_recommendation if status in ("ok", "n/a") else _tidy(spec.recommendation.format_map(values))
    return Finding(check_id=spec.id, scenario=_tidy(spec.scenario.format_map(values)),
                   question=_tidy(spec.question.format_map(values)), status=status, severity=spec.severity,
                   explanation=_tidy(explanation), recommendation=recommendation, evidence=evidence)


def _mentioned(spec: CheckSpec, terms: Terms) -> list[tuple[str, Evidence]]:
    """The entry's mention topics the document speaks of while no value of them was read, in order."""
    topics = lexicon("mentions").get("topics") or {}
    out = []
    for topic in spec.mentioned_by:
        ev = terms.mentions.get(topic)
        read = _READ.get(str((topics.get(topic) or {}).get("term", topic)))
        if ev is not None and not (read is not None and read(terms)):
            out.append((topic, ev))
    return out


def _bare(ev: Evidence) -> bool:
    """A mention whose place states no value of its kind (an 'Availability' heading over none)."""
    return (ev.rule or "").endswith("." + NO_FIGURE)


def check(terms: Terms, checklist: Checklist, profile: Profile) -> list[Finding]:
    """Every enabled check against one contract, in checklist order.

    Applicability (`applies:` in rules/checklist.yml) is decided here: a check whose required
    check found nothing (gap, n/a, or, unless `requires_read: false`, a review because no value
    was read), or all of whose `requires_any` checks are gap or n/a, is `n/a`, so one missing
    thing is one gap; a gap on a term the document speaks of is `review`, pointing there; a gap
    on a term the contract's kind of service does not need is `n/a`.
    """
    specs = {c.id: c for c in checklist.enabled}
    done: dict[str, Finding] = {}
    unread: set[str] = set()  # checks whose review comes from a mention: nothing was read
    owed_nothing: set[str] = set()  # ... from terms that bind the vendor to nothing (credits at its discretion)
    bare: set[str] = set()  # ... from mentions that state no value at all: the term is only spoken of
    kind = terms.service_kind.value
    words = lexicon("mentions").get("topics") or {}

    def run(spec: CheckSpec) -> Finding:
        if spec.id in done:
            return done[spec.id]
        values = _param_values(spec, profile)
        ok_rec = checklist.ok_recommendation
        finding: Optional[Finding] = None
        for rid in spec.requires:
            if finding is None and rid in specs:
                root = run(specs[rid])
                if root.status in ("gap", "n/a") or (rid in unread and (spec.requires_read or rid in bare)):
                    values.update(requires=_tidy(specs[rid].question.format_map(_param_values(specs[rid], profile))),
                                  requires_title=specs[rid].title or rid,
                                  requires_status="review: nothing is owed" if rid in owed_nothing else
                                  "review: no value read" if rid in unread else root.status)
                    finding = _verdict(spec, "n/a", checklist.verdicts["requires"].format_map(values), (), values, ok_rec)
        roots = [rid for rid in spec.requires_any if rid in specs]
        if finding is None and roots and all(run(specs[rid]).status in ("gap", "n/a") for rid in roots):
            # none of the terms it serves is stated or spoken of: their own findings already say so
            values["requires"] = ", ".join(f"\"{specs[rid].title or specs[rid].id}\"" for rid in roots)
            finding = _verdict(spec, "n/a", checklist.verdicts["requires_any"].format_map(values), (), values, ok_rec)
        if finding is None and spec.levelled_times and terms.response_times \
                and all(t.severity_level is None for t in terms.response_times):
            # every time is for every request (one target per plan): no priority decides which applies
            finding = _verdict(spec, "n/a", checklist.verdicts["unlevelled"].format_map(values), (), values, ok_rec)
        if finding is None:
            finding, case = _run_check(spec, terms, profile, ok_rec)
            if finding.status == "review" and case in (UNREAD, DISCRETIONARY):  # words, no value: as for a mention
                unread.add(spec.id)
                if case == DISCRETIONARY:
                    owed_nothing.add(spec.id)
            not_needed = finding.status == "gap" and bool(spec.kinds) and bool(kind) and kind not in spec.kinds
            hints = _mentioned(spec, terms) if finding.status == "gap" and not not_needed else []
            if not_needed:
                # a term this kind of service does not need: absent is fine (stated, it is still judged)
                values["service_kind"] = SERVICE_KIND_WORDS.get(str(kind), str(kind))
                finding = _verdict(spec, "n/a", checklist.verdicts["kind"].format_map(values),
                                   _ev_of(terms.service_kind.evidence), values, ok_rec)
            elif hints:
                topic, ev = hints[0]
                if all(_bare(e) for _, e in hints):
                    bare.add(spec.id)
                values.update(what=str((words.get(topic) or {}).get("what", topic)), page=str(ev.page),
                              section=ev.section or "-",
                              quote=_words_of(ev))
                finding = _verdict(spec, "review", checklist.verdicts["mentioned"].format_map(values), (ev,), values, ok_rec)
                unread.add(spec.id)
        done[spec.id] = finding
        return finding

    return [run(spec) for spec in checklist.enabled]


def _words_of(ev: Evidence) -> str:
    """The words a mention rests on, quoted after its place; none when they are only its heading."""
    if " ".join(ev.text.split()).strip(" .:") == " ".join((ev.section or "").split()).strip(" .:"):
        return ""
    return ": " + quote_match(ev)


def _ev_of(e: Optional[Evidence]) -> tuple[Evidence, ...]:
    return (e,) if e is not None else ()


def rate(findings: list[Finding], rules: RatingRules) -> Rating:
    """Score 0-100 and Red/Amber/Green from the findings, by the formula in rules/rating.yml.

    A check that does not apply (`n/a`) is neither at stake nor lost; problems are gap and weak
    findings by severity; review findings are counted on their own."""
    judged = [f for f in findings if f.status != "n/a"]
    at_stake = sum(rules.weights[f.severity]["gap"] for f in judged)
    lost = sum(rules.weights[f.severity][f.status] for f in judged if f.status != "ok")
    score = 100 if at_stake == 0 else int(round(100 * (1 - lost / at_stake)))
    gaps = {sev: sum(1 for f in judged if f.severity == sev and f.status == "gap") for sev in SEVERITIES}
    problems = {sev: sum(1 for f in judged if f.severity == sev and f.status in ("gap", "weak")) for sev in SEVERITIES}
    if score < rules.red_below or gaps["high"] >= rules.red_if_high_gaps:
        colour = "Red"
    elif score >= rules.green_from and gaps["high"] <= rules.green_max_high_gaps:
        colour = "Green"
    else:
        colour = "Amber"
    return Rating(colour=colour, score=score, gaps_high=gaps["high"], gaps_medium=gaps["medium"], gaps_low=gaps["low"],
                  problems_high=problems["high"], problems_medium=problems["medium"], problems_low=problems["low"],
                  review=sum(1 for f in judged if f.status == "review"),
                  not_applicable=len(findings) - len(judged))


@lru_cache(maxsize=16)
def _load(checklist_path: Optional[str], rules_dir: Optional[str]) -> tuple[Checklist, RatingRules]:
    return load_checklist(checklist_path, rules_dir), load_rating(rules_dir=rules_dir)


def load_rules(options: Any) -> tuple[Checklist, Profile, RatingRules]:
    """The checklist, the chosen profile and the rating rules for a pipeline Options."""
    rules_dir = getattr(options, "rules_dir", None) or active().rules_dir  # None: the bundled rules
    checklist, rating_rules = _load(getattr(options, "checklist", None), rules_dir)
    return checklist, checklist.profiles.get(getattr(options, "profile", None)), rating_rules


def review_terms(terms: Terms, options: Any, ocr_confidence: Optional[dict[int, float]] = None,
                 ) -> tuple[list[Finding], Rating, Exposure]:
    """Findings, rating and downtime exposure for one contract (called by pipeline.review_file).

    `ocr_confidence` (page -> OCR confidence) marks findings on poorly read pages for review.
    """
    with using(getattr(options, "rules_dir", None)):
        return _review_terms(terms, options, ocr_confidence)


def _review_terms(terms: Terms, options: Any, ocr_confidence: Optional[dict[int, float]] = None,
                  ) -> tuple[list[Finding], Rating, Exposure]:
    checklist, profile, rating_rules = load_rules(options)
    findings = check(terms, checklist, profile)
    if ocr_confidence:
        from sla_check.ingest.ocr import LOW_CONFIDENCE

        findings = flag_uncertain_pages(findings, ocr_confidence, LOW_CONFIDENCE)
    cost = getattr(options, "downtime_cost", None)  # no default: a cost the buyer did not give is not invented
    exposure = downtime_exposure(terms, None if cost is None else float(cost), getattr(options, "currency", None) or "GBP",
                                 getattr(options, "monthly_fee", None))
    return findings, rate(findings, rating_rules), exposure


def flag_uncertain_pages(findings: list[Finding], confidence: dict[int, float], below: float) -> list[Finding]:
    """Findings resting on evidence from pages OCR read with low confidence: a person must look.

    A pass (`ok`) on such a page becomes `review`; a gap or weakness keeps its status. Either
    way the explanation says which page and how sure the OCR was.
    """
    low = {p: c for p, c in confidence.items() if c < below}
    if not low:
        return findings
    out = []
    for f in findings:
        pages = sorted({e.page for e in f.evidence if e.page in low})
        if not pages:
            out.append(f)
            continue
        where = ", ".join(f"page {p} ({low[p]:.0%})" for p in pages)
        note = f"Review: this rests on text read by OCR with low confidence on {where}; check it against the scan."
        out.append(dataclasses.replace(f, status="review" if f.status == "ok" else f.status,
                                       explanation=f"{note} {f.explanation}"))
    return out


def describe_checklist(options: Any = None) -> list[dict[str, Any]]:
    """What was checked and against which thresholds: one row per check (the workbook's Checklist sheet)."""
    checklist, profile, _ = load_rules(options)
    return [
        {
            "check_id": c.id,
            "topic": c.topic,
            "title": c.title,
            "scenario": _tidy(c.scenario.format_map(_param_values(c, profile))),
            "question": _tidy(c.question.format_map(_param_values(c, profile))),
            "severity": c.severity,
            "type": c.type,
            "thresholds": describe_params(c, profile),
            "enabled": c.enabled,
            "profile": profile.name,
            "recommendation": _tidy(c.recommendation.format_map(_param_values(c, profile))),
        }
        for c in checklist.checks
    ]


def describe_profile(options: Any = None) -> list[dict[str, Any]]:
    """The chosen profile's thresholds with their descriptions (audit trail)."""
    checklist, profile, _ = load_rules(options)
    return [
        {"threshold": name, "value": profile.values[name], "kind": t.kind, "description": t.description, "profile": profile.name}
        for name, t in checklist.profiles.thresholds.items()
    ]


def rating_formula(options: Any = None) -> str:
    """The rating formula in words, with the configured numbers."""
    return load_rules(options)[2].formula_text()


def rating_bands(options: Any = None) -> dict[str, Any]:
    """Where the colours change (the Summary's legend states them)."""
    r = load_rules(options)[2]
    return {"red_below": r.red_below, "green_from": r.green_from, "red_if_high_gaps": r.red_if_high_gaps,
            "green_max_high_gaps": r.green_max_high_gaps}


def validate_rules(options: Any = None) -> None:
    """Load everything once so a bad checklist fails before any contract is read."""
    load_rules(options)
