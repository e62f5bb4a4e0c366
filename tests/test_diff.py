"""sla-check diff: terms matched by meaning, judged against the profile, on real pairs of versions."""
from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from sla_check.check import load_rules
from sla_check.cli import cli
from sla_check.diff import (
    TERM_IDS,
    VERDICTS,
    Change,
    DiffError,
    DiffResult,
    compare_terms,
    diff_files,
    load_diff_rules,
    pair_files,
    vendor_key,
)
from sla_check.diff_eval import find_diff_truths, load_diff_truth, score_pair
from sla_check.errors import RulesError
from sla_check.models import Evidence, Exclusion, FileResult, Flag, Qualifier, ServiceCredits, Terms, TimeCommitment, Uptime
from sla_check.pipeline import Options

ROOT = Path(__file__).resolve().parent.parent
DIFF = ROOT / "fixtures" / "diff"
BAD = ROOT / "fixtures" / "bad"
TRUTHS = find_diff_truths([DIFF])


def run(*args: object):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def ev(text: str, page: int = 1, section: str = "1") -> Evidence:
    return Evidence(page, section, text)


def judge(old: Terms, new: Terms, profile: str = "standard") -> list[Change]:
    checklist, prof, _ = load_rules(Options(profile=profile))
    return compare_terms(old, new, checklist, prof, load_diff_rules())


# --------------------------------------------------------------------------- the fixture pairs


def test_every_pair_has_its_documents_and_a_valid_truth():
    assert len(TRUTHS) == 10
    for path in TRUTHS:
        truth = load_diff_truth(path)
        assert truth.old.is_file() and truth.new.is_file(), path


@pytest.mark.parametrize("truth_path", TRUTHS, ids=lambda p: p.name[: -len(".diff.yml")])
def test_pair_reports_exactly_its_expected_changes(truth_path: Path, nlp):
    truth = load_diff_truth(truth_path)
    result = diff_files(truth.old, truth.new, Options(), nlp)
    assert result.ok
    score = score_pair(truth, result)
    assert score.passed, score.problems
    assert [(c.term, c.key, c.verdict) for c in result.changes] == [(e.term, e.key, e.verdict) for e in truth.changes]
    for c in result.changes:
        # evidence from both versions wherever the term is stated in both
        if c.change == "modified":
            assert c.evidence_old and c.evidence_new and c.evidence_old.text != c.evidence_new.text
        if c.change == "removed":
            assert c.evidence_old and c.evidence_new is None
        if c.change == "added":
            assert c.evidence_new and c.evidence_old is None
    if not truth.changes:
        assert all(f.movement == "same" for f in result.findings)


def test_p1_business_hours_pair_says_why_it_is_worse(nlp):
    result = diff_files(DIFF / "corvid-v1.docx", DIFF / "corvid-v2.docx", Options(), nlp)
    (c,) = result.changes
    assert (c.old_value, c.new_value) == ({"minutes": 30, "basis": "calendar"}, {"minutes": 60, "basis": "business"})
    assert c.crosses_threshold and c.threshold and c.threshold.check_id == "p1-response"
    assert "business" in c.note
    assert "elapsed" in c.new_text
    moved = {f.check_id: f.movement for f in result.findings if f.movement != "same"}
    assert moved == {"p1-out-of-hours": "new", "p1-response": "new"}


def test_removed_right_turns_a_finding_into_a_new_gap_and_back(nlp):
    forward = diff_files(DIFF / "halyard-v1.pdf", DIFF / "halyard-no-exit.pdf", Options(), nlp)
    backward = diff_files(DIFF / "halyard-no-exit.pdf", DIFF / "halyard-v1.pdf", Options(), nlp)
    assert [c.verdict for c in forward.changes] == ["worse"]
    assert [c.verdict for c in backward.changes] == ["better"]
    assert {f.check_id: f.movement for f in forward.findings}["chronic-failure-exit"] == "new"
    assert {f.check_id: f.movement for f in backward.findings}["chronic-failure-exit"] == "closed"


# --------------------------------------------------------------------------- judging, without files


def _terms(**kw) -> Terms:
    return Terms(**kw)


def test_business_hours_are_worse_than_calendar_at_equal_minutes():
    old = _terms(response_times=[TimeCommitment(1, "P1", "response", 60, "calendar", ev("P1 1 hour"))])
    new = _terms(response_times=[TimeCommitment(1, "P1", "response", 60, "business", ev("P1 1 business hour"))])
    (c,) = judge(old, new)
    assert (c.term, c.key, c.verdict, c.change) == ("response_time", "P1 response", "worse", "modified")
    # 60 business minutes are about 4.2 hours elapsed, past the standard profile's 1 hour
    assert c.crosses_threshold
    (back,) = judge(new, old)
    assert back.verdict == "better"


def test_faster_business_time_can_still_be_worse_than_a_calendar_one():
    old = _terms(response_times=[TimeCommitment(2, "P2", "response", 120, "calendar", ev("2 hours"))])
    new = _terms(response_times=[TimeCommitment(2, "P2", "response", 60, "business", ev("1 business hour"))])
    assert [c.verdict for c in judge(old, new)] == ["worse"]


def test_unstated_clock_at_the_same_minutes_is_only_changed():
    old = _terms(response_times=[TimeCommitment(1, "P1", "response", 30, "calendar", ev("30 minutes 24x7"))])
    new = _terms(response_times=[TimeCommitment(1, "P1", "response", 30, "unspecified", ev("30 minutes"))])
    assert [c.verdict for c in judge(old, new)] == ["changed"]


def test_threshold_comes_from_the_chosen_profile():
    old = _terms(uptime=[Uptime(99.95, "month", None, ev("99.95%"))])
    new = _terms(uptime=[Uptime(99.8, "month", None, ev("99.8%"))])
    (standard,) = judge(old, new, "standard")
    (critical,) = judge(old, new, "mission-critical")
    assert standard.verdict == critical.verdict == "worse"
    assert not standard.crosses_threshold  # 99.8 still meets the standard 99.5
    assert critical.crosses_threshold and critical.threshold and critical.threshold.profile == "mission-critical"
    profile = load_rules(Options(profile="mission-critical"))[1]
    assert critical.threshold.value.endswith(f"{profile.values['min_uptime_percent']:g}%")


def test_exclusions_by_category_and_presence_direction():
    old = _terms(exclusions=[Exclusion("force_majeure", ev("fire"))])
    new = _terms(exclusions=[Exclusion("force_majeure", ev("acts of God")), Exclusion("customer_caused", ev("your fault"))])
    (c,) = judge(old, new)  # the reworded force majeure clause is the same exclusion
    assert (c.key, c.change, c.verdict, c.crosses_threshold) == ("customer_caused", "added", "worse", False)
    (back,) = judge(new, old)
    assert (back.change, back.verdict) == ("removed", "better")


def test_services_are_matched_by_name_and_a_lost_service_is_worse():
    old = _terms(uptime=[Uptime(99.9, "month", "Premium", ev("Premium 99.9")), Uptime(99.95, "month", "Enterprise", ev("Ent 99.95"))])
    new = _terms(uptime=[Uptime(99.95, "month", "Enterprise", ev("Ent 99.95")), Uptime(99.5, "month", "Premium", ev("Premium 99.5"))])
    (c,) = judge(old, new)
    assert (c.term, c.key, c.old_value, c.new_value, c.verdict) == ("uptime", "premium", 99.9, 99.5, "worse")
    (gone,) = judge(old, _terms(uptime=[Uptime(99.95, "month", "Enterprise", ev("x"))]))
    assert (gone.key, gone.change, gone.verdict) == ("premium", "removed", "worse")


def test_a_qualifier_added_to_a_commitment_is_worse():
    plain = _terms(uptime=[Uptime(99.9, "month", None, ev("available 99.9%"))])
    hedged = _terms(uptime=[Uptime(99.9, "month", None, ev("reasonable efforts to be available 99.9%, except ..."),
                                   (Qualifier("efforts", "reasonable efforts"), Qualifier("carve_out", "except")))])
    got = {c.key: (c.change, c.verdict, c.crosses_threshold) for c in judge(plain, hedged)}
    # the checklist's carve-outs entry flags carve_out (not efforts): only that one crosses it
    assert got == {"uptime.efforts": ("added", "worse", False), "uptime.carve_out": ("added", "worse", True)}
    assert {c.verdict for c in judge(hedged, plain)} == {"better"}


def test_a_renamed_service_is_still_the_same_target():
    old = _terms(uptime=[Uptime(99.9, "month", "Premium", ev("Premium 99.9"))])
    renamed = _terms(uptime=[Uptime(99.9, "month", "Premium plan", ev("Premium plan 99.9"))])
    unnamed = _terms(uptime=[Uptime(99.5, "month", None, ev("99.5"))])
    assert judge(old, renamed) == []
    (c,) = judge(old, unnamed)
    assert (c.term, c.change, c.verdict) == ("uptime", "modified", "worse")


def test_credits_cap_sole_remedy_and_neutral_terms():
    old = _terms(service_credits=ServiceCredits(True, max_credit_percent=40, claim_window_days=30, evidence=(ev("cap 40%"),)))
    new = _terms(service_credits=ServiceCredits(True, max_credit_percent=40, sole_remedy=True, evidence=(ev("sole remedy"),)))
    got = {c.term: (c.change, c.verdict) for c in judge(old, new)}
    assert got == {"credits_sole_remedy": ("added", "worse"), "claim_window": ("removed", "removed")}


def test_worst_first_ordering():
    old = _terms(uptime=[Uptime(99.9, "month", None, ev("a"))], backup=Flag(False),
                 proactive_monitoring=Flag(True, ev("we monitor")),
                 response_times=[TimeCommitment(1, "P1", "response", 30, "calendar", ev("30m"))])
    new = _terms(uptime=[Uptime(99.5, "month", None, ev("b"))], backup=Flag(True, ev("backups")),
                 response_times=[TimeCommitment(1, "P1", "response", 90, "calendar", ev("90m"))])
    changes = judge(old, new)
    assert [c.verdict for c in changes] == ["worse", "worse", "worse", "better"]
    assert changes[0].crosses_threshold  # P1 past the profile's hour comes first
    assert [VERDICTS.index(c.verdict) for c in changes] == sorted(VERDICTS.index(c.verdict) for c in changes)


def test_identical_terms_give_no_change():
    terms = _terms(uptime=[Uptime(99.9, "month", None, ev("a"))], backup=Flag(True, ev("b")),
                   exclusions=[Exclusion("force_majeure", ev("c"))])
    assert judge(terms, terms) == []


def test_rules_file_must_describe_every_term(tmp_path: Path):
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    text = (rules / "diff.yml").read_text().replace("  term_months:", "  term_month:")
    (rules / "diff.yml").write_text(text)
    with pytest.raises(RulesError, match="term_months"):
        load_diff_rules(str(rules))
    assert set(load_diff_rules().terms) == set(TERM_IDS)


# --------------------------------------------------------------------------- the command line


def test_cli_worse_exits_1_and_lists_evidence_from_both_files():
    result = run("diff", DIFF / "halyard-v1.pdf", DIFF / "halyard-uptime-cut.pdf")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith("WORSE"))
    assert "Uptime target: 99.95% -> 99.9%" in lines[first]
    assert any(line.strip().startswith("old [p. 1, 2.1]") and "99.95%" in line for line in lines[first:first + 5])
    assert any(line.strip().startswith("new [p. 1, 2.1]") and "99.9%" in line for line in lines[first:first + 5])


def test_renewal_with_lower_uptime_and_slower_p1_lists_both_first_as_worse():
    """The issue's acceptance case: a renewal as a vendor sends it (plain text, new date and version)."""
    result = run("diff", DIFF / "brightdesk-2025.txt", DIFF / "brightdesk-2026.txt")
    assert result.exit_code == 1
    blocks = [b for b in result.output.split("\n\n") if b[:8].strip() in {v.upper() for v in VERDICTS}]
    assert [b.split("\n")[0] for b in blocks[:2]] == [
        "WORSE    P1 response time: 30 minutes -> 2 business hours (about 8.4 hours elapsed)",
        "WORSE    Uptime target: 99.9% -> 99.5%",
    ]
    for block, old, new in ((blocks[0], "30 minutes, 24 hours a day", "within 2 Business Hours"),
                            (blocks[1], "at least 99.9%", "at least 99.5%")):
        assert "old [p. 1, " in block and old in block.split("old [")[1].split("\n")[0]
        assert "new [p. 1, " in block and new in block.split("new [")[1].split("\n")[0]


def test_cli_no_change_exits_0():
    result = run("diff", DIFF / "halyard-v1.pdf", DIFF / "halyard-reordered.pdf")
    assert result.exit_code == 0, result.output
    assert "no change in meaning" in result.output


def test_cli_json_shape():
    result = run("diff", DIFF / "tessera-v1.md", DIFF / "tessera-v2.md", "--json")
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert data["schema"] == "sla-check/diff@1" and data["status"] == "ok" and data["profile"] == "standard"
    assert set(data["old"]) == {"file", "sha256", "pages", "status", "error", "rating"}
    assert data["counts"] == {"worse": 1, "removed": 0, "changed": 0, "added": 0, "better": 0}
    (c,) = data["changes"]
    assert set(c) == {"term", "key", "label", "topic", "change", "verdict", "severity", "old_value", "new_value",
                      "old_text", "new_text", "crosses_threshold", "threshold", "threshold_text", "note",
                      "evidence_old", "evidence_new"}
    assert (c["term"], c["old_value"], c["new_value"], c["crosses_threshold"]) == ("credit_cap", 30.0, 15.0, True)
    assert c["threshold"]["check_id"] == "credit-cap" and c["threshold"]["old_meets"] is True
    assert c["evidence_old"]["page"] == 1 and "30%" in c["evidence_old"]["text"] and "15%" in c["evidence_new"]["text"]
    assert {f["movement"] for f in data["findings"]} == {"same", "new"}


def test_cli_profile_is_honoured():
    standard = json.loads(run("diff", DIFF / "halyard-v1.pdf", DIFF / "halyard-uptime-cut.pdf", "--json").output)
    critical = json.loads(run("diff", DIFF / "halyard-v1.pdf", DIFF / "halyard-uptime-cut.pdf", "--json",
                              "--profile", "mission-critical").output)
    assert standard["changes"][0]["crosses_threshold"] is False
    assert critical["profile"] == "mission-critical" and critical["changes"][0]["crosses_threshold"] is False
    assert "99.9%" in critical["changes"][0]["threshold"]["value"]


@pytest.mark.parametrize("args", [
    ["diff", DIFF / "halyard-v1.pdf"],
    ["diff", DIFF / "halyard-v1.pdf", DIFF / "no-such-file.pdf"],
    ["diff", DIFF / "halyard-v1.pdf", DIFF / "halyard-v1.pdf", "--profile", "no-such-profile"],
    ["diff", DIFF / "halyard-v1.pdf", DIFF / "halyard-v1.pdf", "-o", "changes.csv"],
    ["review", DIFF / "halyard-v1.pdf", "--json", "--pairs", DIFF / "halyard-v1.pdf"],
])
def test_cli_usage_errors_exit_2(args):
    assert run(*args).exit_code == 2


@pytest.mark.parametrize("bad", ["encrypted.pdf", "not-really.pdf"])
def test_cli_unreadable_file_is_reported_with_its_code(bad: str):
    result = run("diff", DIFF / "halyard-v1.pdf", BAD / bad)
    assert result.exit_code == 1
    expected = {"encrypted.pdf": "encrypted", "not-really.pdf": "not_a_pdf"}[bad]
    assert f"new version could not be read [{expected}]" in result.output
    data = json.loads(run("diff", BAD / bad, DIFF / "halyard-v1.pdf", "--json").output)
    assert data["status"] == "error" and data["old"]["error"]["code"] == expected and data["changes"] == []


def test_cli_workbook_reloads_with_changes_and_findings(tmp_path: Path):
    out = tmp_path / "diff.xlsx"
    result = run("diff", DIFF / "corvid-v1.docx", DIFF / "corvid-v2.docx", "-o", out)
    assert result.exit_code == 1 and out.is_file()
    wb = load_workbook(out)
    assert wb.sheetnames == ["Changes", "Findings old vs new", "Versions"]
    ws = wb["Changes"]
    header = [c.value for c in ws[1]]
    for name in ("Old value", "New value", "Verdict", "Evidence old", "Evidence new", "Decision"):
        assert name in header
    row = dict(zip(header, [c.value for c in ws[2]]))
    assert (row["Term"], row["Verdict"], row["Old value"], row["Crosses threshold"]) == ("P1 response time", "worse", "30 minutes", "yes")
    assert "30 minutes" in row["Evidence old"] and "1 business hour" in row["Evidence new"]
    assert row["Old page"] == 1 and row["New page"] == 1
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref
    dv = ws.data_validations.dataValidation
    letter = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[header.index("Decision")]
    assert any(f"{letter}2" in str(d.sqref) and "Negotiate" in d.formula1 for d in dv)
    side = wb["Findings old vs new"]
    rows = {r[2]: r for r in side.iter_rows(min_row=2, values_only=True)}
    assert rows["p1-response"][5:8] == ("ok", "weak", "new")
    assert ws.max_row == 2 and side.max_row == len(rows) + 1


def test_workbook_never_writes_contract_text_as_a_formula(tmp_path: Path):
    from sla_check.report import run_timestamp
    from sla_check.report.diff_sheet import write_diff_workbook

    evil = Evidence(1, "1", '=HYPERLINK("http://x.example","click")')
    change = Change("uptime", "", "Uptime target", "Uptime", "modified", "worse", "high", 99.9, 99.5, "99.9%", "99.5%",
                    evil, evil)
    result = DiffResult(FileResult("a.pdf"), FileResult("b.pdf"), "standard", [change])
    write_diff_workbook([result], tmp_path / "x.xlsx", run_timestamp())
    cell = load_workbook(tmp_path / "x.xlsx")["Changes"]["M2"]
    assert cell.value == evil.text and cell.data_type == "s"


# --------------------------------------------------------------------------- baseline pairing


def test_vendor_key_drops_versions_and_dates():
    rules = load_diff_rules()
    assert vendor_key("Acme-SLA-v2.1-2025-03.pdf", rules) == "acme"
    assert vendor_key("acme_sla_FINAL_march2024.docx", rules) == "acme-march2024"
    assert vendor_key("northwind managed services 2024 (signed).pdf", rules) == "northwind-managed-services"
    assert vendor_key("2024.pdf", rules) == "2024"


def test_pair_files_by_vendor_and_by_mapping(tmp_path: Path):
    rules = load_diff_rules()
    old = [Path("old/acme-2024.pdf"), Path("old/orbit-v1.pdf"), Path("old/gone.pdf")]
    new = [Path("new/ACME_2025_final.pdf"), Path("new/orbit-v2.pdf"), Path("new/fresh.pdf")]
    p = pair_files(old, new, rules)
    assert p.pairs == [(old[0], new[0]), (old[1], new[1])]
    assert [(side, f.name) for side, f, _ in p.unpaired] == [("old", "gone.pdf"), ("new", "fresh.pdf")]
    mapping = tmp_path / "pairs.yml"
    mapping.write_text("pairs:\n  gone.pdf: fresh.pdf\n")
    m = pair_files(old, new, rules, mapping)
    assert m.pairs == [(old[2], new[2])] and len(m.unpaired) == 4
    mapping.write_text("pairs:\n  gone.pdf: missing.pdf\n")
    with pytest.raises(DiffError, match="missing.pdf"):
        pair_files(old, new, rules, mapping)


def test_review_baseline_adds_the_changes_sheet(tmp_path: Path):
    old, new = tmp_path / "old", tmp_path / "new"
    old.mkdir()
    new.mkdir()
    shutil.copy(DIFF / "halyard-v1.pdf", old / "halyard-2024.pdf")
    shutil.copy(DIFF / "halyard-uptime-cut.pdf", new / "Halyard_2025_v2.pdf")
    shutil.copy(DIFF / "tessera-v2.md", new / "tessera.md")
    out = tmp_path / "review.xlsx"
    result = run("review", new, "--baseline", old, "-o", out, "--workers", "1")
    assert result.exit_code == 0, result.output
    assert "1 pair compared, 1 with a worse change, 1 file without a partner" in result.output
    wb = load_workbook(out)
    assert {"Summary", "Findings", "Changes", "Findings old vs new", "Versions"} <= set(wb.sheetnames)
    rows = list(wb["Changes"].iter_rows(min_row=2, values_only=True))
    assert [(Path(r[0]).name, Path(r[1]).name, r[3], r[5]) for r in rows] == [
        ("halyard-2024.pdf", "Halyard_2025_v2.pdf", "Uptime target", "worse")]
    versions = list(wb["Versions"].iter_rows(min_row=2, values_only=True))
    assert [(r[1] and Path(r[1]).name, r[2]) for r in versions] == [("Halyard_2025_v2.pdf", "compared"), ("tessera.md", "unpaired")]


def test_eval_diff_scores_the_fixture_pairs():
    result = run("eval", "--diff", DIFF, "--json")
    assert result.exit_code == 0, result.output
    totals = json.loads(result.output)["totals"]
    assert totals == {**totals, "pairs": 10, "passed": 10, "expected_changes": 8, "right_verdict": 8, "false_alarms": 0,
                      "no_change_pairs": 3, "no_change_pairs_quiet": 3}


def test_eval_diff_fails_on_a_wrong_truth(tmp_path: Path):
    for name in ("halyard-v1.pdf", "halyard-uptime-cut.pdf"):
        shutil.copy(DIFF / name, tmp_path / name)
    (tmp_path / "x.diff.yml").write_text("old: halyard-v1.pdf\nnew: halyard-uptime-cut.pdf\n"
                                         "changes:\n  - {term: uptime, key: '', verdict: better}\n")
    result = run("eval", "--diff", tmp_path)
    assert result.exit_code == 1 and "wrong verdict" in result.output


def test_dataclasses_serialise():
    c = Change("exclusion", "third_party", "Exclusion: third-party services", "Exclusions", "added", "worse", "medium")
    assert dataclasses.asdict(c)["key"] == "third_party" and c.to_dict()["evidence_old"] is None


def test_diff_fixtures_are_rendered_from_their_sources():
    """Every version in fixtures/diff/ is what tools/make_fixtures.py makes of its source today."""
    import importlib.util
    import sys

    pytest.importorskip("reportlab")
    spec = importlib.util.spec_from_file_location("make_fixtures", ROOT / "tools" / "make_fixtures.py")
    gen = importlib.util.module_from_spec(spec)
    sys.modules["make_fixtures"] = gen
    spec.loader.exec_module(gen)
    sources = [gen.parse_source(p) for p in sorted(gen.DIFF_SRC_DIR.glob("*.md"))]
    documents = {p.name for p in DIFF.iterdir() if not p.name.endswith(".diff.yml")}
    assert {f"{s.id}.{s.fmt}" for s in sources} == documents
    for src in sources:
        assert gen.render(src) == (DIFF / f"{src.id}.{src.fmt}").read_bytes(), f"{src.id} is stale"


def test_review_baseline_as_a_library_call_puts_the_changes_in_the_json_lines(tmp_path: Path):
    """The library API gives what the command gives; old versions are read by the same workers
    (an unreadable old version is a diff with status error, not a crash)."""
    from sla_check.review import ReviewRequest, run_review

    old, new = tmp_path / "old", tmp_path / "new"
    old.mkdir()
    new.mkdir()
    shutil.copy(DIFF / "halyard-v1.pdf", old / "halyard-2024.pdf")
    shutil.copy(DIFF / "halyard-uptime-cut.pdf", new / "Halyard_2025_v2.pdf")
    (old / "tessera-2024.pdf").write_bytes(b"%PDF-1.7\nnot really a pdf")
    shutil.copy(DIFF / "tessera-v2.md", new / "tessera.md")
    out = tmp_path / "review.jsonl"
    summary = run_review(ReviewRequest(paths=(str(new),), json_out=str(out), workers=1, baseline=str(old)))
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert [d["schema"] for d in lines] == ["sla-check/terms@1"] * 2 + ["sla-check/diff@1"] * 2
    assert len(summary.files) == 2 and summary.exit_code == 0
    assert summary.baseline is not None and (summary.baseline.compared, summary.baseline.worse) == (2, 1)
    by_new = {Path(d["new"]["file"]).name: d for d in lines[2:]}
    halyard = by_new["Halyard_2025_v2.pdf"]
    assert halyard["status"] == "ok" and [c["verdict"] for c in halyard["changes"]][:1] == ["worse"]
    broken = by_new["tessera.md"]
    assert broken["status"] == "error" and broken["old"]["error"]["code"] and broken["changes"] == []


def test_review_request_errors_name_the_option(tmp_path: Path):
    from sla_check.review import ReviewRequest, ReviewRequestError, run_review

    with pytest.raises(ReviewRequestError) as e:
        run_review(ReviewRequest(paths=(str(DIFF),), output=str(tmp_path / "x.csv")))
    assert e.value.option == "-o/--output"
    with pytest.raises(ReviewRequestError, match="where the review goes"):
        run_review(ReviewRequest(paths=(str(DIFF),)))
