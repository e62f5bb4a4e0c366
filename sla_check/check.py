"""Terms -> findings, rating and downtime exposure: the worst-case-scenario checklist.

`check()` is pure and deterministic: one finding per enabled checklist entry, in checklist
order, passing ones included, so the report shows everything that was checked.
"""
from __future__ import annotations

import dataclasses
import logging
import re
from functools import lru_cache
from typing import Any, Optional

from sla_check.checklist import (
    Checklist,
    CheckSpec,
    Profile,
    RatingRules,
    describe_params,
    load_checklist,
    load_rating,
)
from sla_check.checktypes import PARAM_FORMAT, REGISTRY, SEVERITIES
from sla_check.models import Exposure, Finding, Rating, Terms
from sla_check.money import downtime_exposure

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
        severity=spec.severity, explanation=explanation, recommendation=recommendation, evidence=outcome.evidence,
    )


def check(terms: Terms, checklist: Checklist, profile: Profile) -> list[Finding]:
    """Every enabled check against one contract, in checklist order."""
    return [run_check(spec, terms, profile, checklist.ok_recommendation) for spec in checklist.enabled]


def rate(findings: list[Finding], rules: RatingRules) -> Rating:
    """Score 0-100 and Red/Amber/Green from the findings, by the formula in rules/rating.yml."""
    at_stake = sum(rules.weights[f.severity]["gap"] for f in findings)
    lost = sum(rules.weights[f.severity][f.status] for f in findings if f.status != "ok")
    score = 100 if at_stake == 0 else int(round(100 * (1 - lost / at_stake)))
    gaps = {sev: sum(1 for f in findings if f.severity == sev and f.status == "gap") for sev in SEVERITIES}
    if score < rules.red_below or gaps["high"] >= rules.red_if_high_gaps:
        colour = "Red"
    elif score >= rules.green_from and gaps["high"] <= rules.green_max_high_gaps:
        colour = "Green"
    else:
        colour = "Amber"
    return Rating(colour=colour, score=score, gaps_high=gaps["high"], gaps_medium=gaps["medium"], gaps_low=gaps["low"])


@lru_cache(maxsize=16)
def _load(checklist_path: Optional[str], rules_dir: Optional[str]) -> tuple[Checklist, RatingRules]:
    return load_checklist(checklist_path, rules_dir), load_rating(rules_dir=rules_dir)


def load_rules(options: Any) -> tuple[Checklist, Profile, RatingRules]:
    """The checklist, the chosen profile and the rating rules for a pipeline Options."""
    checklist, rating_rules = _load(getattr(options, "checklist", None), getattr(options, "rules_dir", None))
    return checklist, checklist.profiles.get(getattr(options, "profile", None)), rating_rules


def review_terms(terms: Terms, options: Any, ocr_confidence: Optional[dict[int, float]] = None,
                 ) -> tuple[list[Finding], Rating, Exposure]:
    """Findings, rating and downtime exposure for one contract (called by pipeline.review_file).

    `ocr_confidence` (page -> OCR confidence) marks findings on poorly read pages for review.
    """
    checklist, profile, rating_rules = load_rules(options)
    findings = check(terms, checklist, profile)
    if ocr_confidence:
        from sla_check.ingest.ocr import LOW_CONFIDENCE

        findings = flag_uncertain_pages(findings, ocr_confidence, LOW_CONFIDENCE)
    cost = getattr(options, "downtime_cost", None)
    if cost is None:
        cost = float(profile.values.get("downtime_cost_per_hour", 0))
    exposure = downtime_exposure(terms, float(cost), getattr(options, "currency", None) or "GBP",
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


def validate_rules(options: Any = None) -> None:
    """Load everything once so a bad checklist fails before any contract is read."""
    load_rules(options)
