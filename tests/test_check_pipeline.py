"""The checklist on real documents, through the real pipeline (ingest -> extract -> check).

What each document should get is not written here: it follows from the document's truth
file (fixtures/contracts/NAME.truth.yml, with its `extras:` block). The truth is turned into
Terms and run through the same checklist; that gives the expected status of every check on
every document. Then:

- every check has at least one document that passes it and one that fails it (the corpus
  covers every scenario both ways), and
- `review_file` on the real file gives the same pass/fail for those documents.

Documents under tests/check_docs/ are small contracts written for scenarios the main corpus
does not cover both ways; they have truth files in the same format.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any, Optional

import pytest
import yaml

from sla_check.check import check, load_rules
from sla_check.models import (
    CreditTier,
    Evidence,
    Exclusion,
    Flag,
    Qualifier,
    ServiceCredits,
    Terms,
    TimeCommitment,
    Uptime,
    Value,
)
from sla_check.pipeline import Options

ROOT = Path(__file__).resolve().parent.parent
DIRS = [ROOT / "fixtures" / "contracts", ROOT / "tests" / "check_docs"]
FORMATS = (".pdf", ".docx", ".txt", ".md")


def documents() -> list[tuple[Path, Path]]:
    """(document, truth file) for every readable fixture that has a truth file."""
    out = []
    for d in DIRS:
        for truth in sorted(d.glob("*.truth.yml")):
            stem = truth.name[: -len(".truth.yml")]
            doc = next((d / f"{stem}{ext}" for ext in FORMATS if (d / f"{stem}{ext}").exists()), None)
            if doc is not None and "error" not in (yaml.safe_load(truth.read_text()) or {}):
                out.append((doc, truth))
    return out


# --------------------------------------------------------------------------- truth -> Terms


def _truthy(v: Any) -> bool:
    """Extras give a flag as true/false, or as the text/list that shows it (truthy)."""
    return bool(v) and v not in ("false", "no", "none")


def _ev(quote: Optional[str]) -> Optional[Evidence]:
    return Evidence(page=1, section=None, text=quote) if quote else None


def _num(v: Any) -> Optional[float]:
    return float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else None


def truth_terms(truth: dict[str, Any]) -> Terms:
    """The Terms a perfect extractor would produce, from a truth file."""
    extras = truth.get("extras") or {}
    qualifiers: list[tuple[str, Qualifier, Evidence]] = []
    for q in extras.get("qualifiers") or []:
        qualifiers.append((q.get("term", "other"), Qualifier(q["kind"], q.get("quote", "")), Evidence(1, None, q.get("quote", ""))))
    uptime_quals: tuple[Qualifier, ...] = ()
    if extras.get("commitment_qualifier") or extras.get("reasonable_endeavours_only"):
        uptime_quals = (Qualifier("efforts", str(extras.get("commitment_qualifier") or "reasonable endeavours")),)
    time_quals: tuple[Qualifier, ...] = ()
    if extras.get("response_targets_guaranteed") is False:
        time_quals = (Qualifier("target_only", "targets, not guarantees"),)
    uptime = [
        Uptime(float(u["percent"]), u.get("period", "unspecified"), u.get("service"), _ev(u.get("quote")),
               uptime_quals + tuple(Qualifier(q["kind"], q.get("quote", "")) for q in u.get("qualifiers") or []))
        for u in truth.get("uptime") or []
    ]
    times = [
        TimeCommitment(r.get("severity_level"), r.get("severity_label"), r["kind"], float(r["minutes"]),
                       r.get("basis", "unspecified"), _ev(r.get("quote")), r.get("attainment_percent"),
                       time_quals + tuple(Qualifier(q["kind"], q.get("quote", "")) for q in r.get("qualifiers") or []))
        for r in truth.get("response_times") or []
    ]
    sc = truth.get("service_credits") or {}
    tiers = extras.get("credit_tiers")
    if isinstance(tiers, dict):  # per-service tier tables
        tiers = [t for ts in tiers.values() for t in ts]
    credit_quals: tuple[Qualifier, ...] = ()
    if extras.get("credits_stop_on_workaround"):
        credit_quals = (Qualifier("workaround", "credits stop once a workaround is provided"),)
    credits = ServiceCredits(
        present=bool(sc.get("present")),
        tiers=tuple(CreditTier(float(t["below_percent"]), float(t["credit_percent"])) for t in tiers or []),
        max_credit_percent=_num(sc.get("max_credit_percent")),
        claim_window_days=sc.get("claim_window_days"),
        sole_remedy=bool(sc.get("sole_remedy")),
        automatic=extras.get("credits_automatic") if isinstance(extras.get("credits_automatic"), bool) else None,
        evidence=tuple(e for e in [_ev(sc.get("quote"))] if e),
        qualifiers=credit_quals,
    )

    def flag(name: str, source: Any = None) -> Flag:
        value = source if source is not None else extras.get(name)
        return Flag(True, Evidence(1, None, name)) if _truthy(value) else Flag()

    def value(name: str, detail: Optional[str] = None) -> Value:
        v = extras.get(name)
        return Value(v, Evidence(1, None, name), detail) if v is not None else Value()

    window = extras.get("maintenance_window")
    return Terms(
        uptime=uptime,
        response_times=times,
        support_hours=Value(truth["support_hours"], Evidence(1, None, "support hours")) if truth.get("support_hours") else Value(),
        exclusions=[Exclusion(e["category"], _ev(e.get("quote"))) for e in truth.get("exclusions") or []],
        service_credits=credits,
        maintenance_notice_hours=Value(truth["maintenance_notice_hours"], Evidence(1, None, "notice"))
        if truth.get("maintenance_notice_hours") is not None else Value(),
        proactive_monitoring=flag("proactive_monitoring", truth.get("proactive_monitoring")),
        chronic_failure_termination=flag("chronic_failure_termination", truth.get("chronic_failure_termination")),
        severity_levels_defined=flag("severity_levels_defined"),
        downtime_defined=flag("downtime_defined"),
        escalation_path=flag("escalation_path"),
        account_manager=flag("account_manager"),
        service_reporting=flag("service_reporting"),
        service_reviews=flag("service_reviews"),
        out_of_scope_charges=flag("out_of_scope_charges"),
        rate_card=flag("rate_card"),
        change_process=flag("change_process"),
        capacity_growth=flag("capacity_growth"),
        backup=flag("backup"),
        rpo_minutes=value("rpo_minutes"),
        rto_minutes=value("rto_minutes"),
        maintenance_window=Value(window.get("text", "stated"), None, window.get("detail")) if isinstance(window, dict)
        else (Value(window, None, extras.get("maintenance_window_detail")) if window else Value()),
        maintenance_cap_hours=value("maintenance_cap_hours") if "maintenance_cap_hours" in extras
        else value("maintenance_cap_hours_per_month"),
        unilateral_changes=flag("unilateral_changes"),
        change_notice_days=value("change_notice_days"),
        qualifiers=qualifiers,
    )


PROFILE = "standard"


@lru_cache(maxsize=None)
def expected_statuses(truth_path: str, profile: str = PROFILE, findings: bool = True) -> dict[str, str]:
    """The checklist run on the truth's terms; for the default profile the truth file's own
    `findings:` block (read from the contract) overrides it where it lists a check."""
    truth = _truth(truth_path)
    checklist, prof, _ = load_rules(Options(profile=profile))
    statuses = {f.check_id: f.status for f in check(truth_terms(truth), checklist, prof)}
    if profile == PROFILE and findings:
        statuses.update({k: v["status"] for k, v in (truth.get("findings") or {}).items() if isinstance(v, dict)})
    return statuses


def qualified(truth_path: str, check_id: str) -> bool:
    """The truth's findings say a person must read this one (or it does not apply): no profile changes that."""
    listed = (_truth(truth_path).get("findings") or {}).get(check_id) or {}
    return listed.get("status") in ("review", "n/a")


def passes(status: str) -> bool:
    return status == "ok"


DOCS = documents()
CHECK_IDS = [c.id for c in load_rules(Options())[0].enabled]


#: truth keys (beyond terms.md's fields) a check type needs: a truth file without them says
#: nothing about that check, so its document cannot witness it either way
NEEDS: dict[str, Any] = {
    "maintenance_cap": lambda x: "maintenance_cap_hours" in x or "maintenance_cap_hours_per_month" in x,
    "maintenance_window": lambda x: isinstance(x.get("maintenance_window"), dict) or x.get("maintenance_window", 0) is None,
    "carve_outs": lambda x: "qualifiers" in x,
    "unilateral_change": lambda x: "change_notice_days" in x or x.get("unilateral_changes") is False,
}
CHECK_TYPES = {c.id: c.type for c in load_rules(Options())[0].checks}


@lru_cache(maxsize=None)
def _truth(truth_path: str) -> dict[str, Any]:
    return yaml.safe_load(Path(truth_path).read_text(encoding="utf-8"))


def annotated(truth_path: str, check_id: str) -> bool:
    extras = _truth(truth_path).get("extras") or {}
    need = NEEDS.get(CHECK_TYPES[check_id])
    return need is None or bool(need(extras))


def pick(check_id: str, want_pass: bool, profile: str = PROFILE) -> Optional[tuple[Path, Path]]:
    """The first document (in name order) whose truth passes / fails this check."""
    for doc, truth in DOCS:
        if annotated(str(truth), check_id) and passes(expected_statuses(str(truth), profile)[check_id]) == want_pass:
            return doc, truth
    return None


# --------------------------------------------------------------------------- tests


def test_corpus_has_documents():
    assert len(DOCS) >= 5


@pytest.mark.parametrize("check_id", CHECK_IDS)
def test_every_scenario_has_a_passing_and_a_failing_document(check_id):
    """The corpus exercises each check both ways (judged from the truth files)."""
    missing = [name for name, want in (("passing", True), ("failing", False)) if pick(check_id, want) is None]
    assert not missing, f"no {' or '.join(missing)} document for {check_id}"


# `reviewed` (review_file of a fixture, per profile, shared by the session) is in tests/conftest.py


def test_review_file_is_extract_then_review_terms(nlp, reviewed):
    from sla_check.check import review_terms
    from sla_check.pipeline import review_file

    doc = DOCS[0][0]
    direct = review_file(doc, Options(profile="mission-critical"), nlp)
    composed = reviewed(doc, "mission-critical")
    assert direct.findings == composed.findings and direct.rating == composed.rating
    assert review_terms(direct.terms, Options(profile="mission-critical"))[0] == direct.findings


CASES = [(check_id, want) for check_id in CHECK_IDS for want in (True, False)]


@pytest.mark.parametrize("check_id, want_pass", CASES, ids=[f"{c}-{'pass' if w else 'fail'}" for c, w in CASES])
def test_real_pipeline_agrees_with_truth(reviewed, check_id, want_pass):
    chosen = pick(check_id, want_pass)
    if chosen is None:
        pytest.skip(f"no {'passing' if want_pass else 'failing'} document for {check_id} (see coverage test)")
    doc, truth = chosen
    result = reviewed(doc)
    assert result.status == "ok", result.error
    finding = next(f for f in result.findings if f.check_id == check_id)
    expected = expected_statuses(str(truth))[check_id]
    assert passes(finding.status) == want_pass, (
        f"{doc.name}: {check_id} is {finding.status} (truth: {expected}): {finding.explanation}"
    )


def test_every_readable_document_gets_every_finding_rating_and_exposure(reviewed):
    for doc, _ in DOCS:
        result = reviewed(doc)
        assert result.status == "ok", (doc.name, result.error)
        assert [f.check_id for f in result.findings] == CHECK_IDS
        assert result.rating.colour in ("Red", "Amber", "Green") and 0 <= result.rating.score <= 100
        assert result.exposure.note
        data = result.to_dict()
        assert len(data["findings"]) == len(CHECK_IDS) and data["rating"]["colour"] == result.rating.colour


def _profile_sensitive() -> list[tuple[str, Path, Path, str, str]]:
    """(check, doc, truth, profile it passes, profile it fails): outcomes the profile changes."""
    out = []
    for check_id in CHECK_IDS:
        for doc, truth in DOCS:
            if not annotated(str(truth), check_id) or qualified(str(truth), check_id):
                continue
            statuses = {p: passes(expected_statuses(str(truth), p, findings=False)[check_id])
                        for p in ("basic", "standard", "mission-critical")}
            ok_in = [p for p, v in statuses.items() if v]
            fail_in = [p for p, v in statuses.items() if not v]
            if ok_in and fail_in:
                out.append((check_id, doc, truth, ok_in[0], fail_in[-1]))
                break
    return out


PROFILE_CASES = _profile_sensitive()


def test_profiles_change_outcomes_in_the_corpus():
    changed = {c[0] for c in PROFILE_CASES}
    # the thresholds that matter most must be exercised by at least one real document
    assert {"uptime-target", "p1-response"} & changed, changed
    assert len(changed) >= 3, changed


@pytest.mark.parametrize("check_id, doc, truth, ok_profile, fail_profile", PROFILE_CASES,
                         ids=[f"{c[0]}-{c[1].stem}" for c in PROFILE_CASES])
def test_profile_changes_outcome_through_the_pipeline(reviewed, check_id, doc, truth, ok_profile, fail_profile):
    lenient = next(f for f in reviewed(doc, ok_profile).findings if f.check_id == check_id)
    strict = next(f for f in reviewed(doc, fail_profile).findings if f.check_id == check_id)
    assert (passes(lenient.status), passes(strict.status)) == (True, False), (
        f"{doc.name} {check_id}: {ok_profile}={lenient.status} ({lenient.explanation}); "
        f"{fail_profile}={strict.status} ({strict.explanation})"
    )


@pytest.mark.parametrize("doc", [d for d, _ in DOCS], ids=lambda p: p.stem)
def test_no_finding_cites_the_same_clause_twice(reviewed, doc):
    """Two terms read from one clause (a maintenance window and its cap) give that clause once."""
    for f in reviewed(doc).findings or []:
        cited = [(e.page, e.section, e.text) for e in f.evidence]
        assert len(cited) == len(set(cited)), f"{f.check_id} cites a clause twice"
