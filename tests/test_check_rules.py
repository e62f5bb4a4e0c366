"""The checklist, profiles and rating files: the defaults load, user files work, bad ones fail fast.

A bad checklist must be rejected with the file, the check id and what is wrong.
"""
from __future__ import annotations

import re
import shutil
import textwrap
from pathlib import Path

import pytest

from sla_check.check import describe_checklist, describe_profile, rating_formula, review_terms
from sla_check.checklist import load_checklist, load_profiles, load_rating
from sla_check.checktypes import REGISTRY
from sla_check.errors import RulesError
from sla_check.models import Terms, Uptime
from sla_check.pipeline import Options
from sla_check.ruleset import default_rules_dir

SCENARIO_TOPICS = 15  # the worst-case scenarios


def write(tmp_path: Path, text: str, name: str = "my-checklist.yml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_default_rules_load():
    checklist = load_checklist()
    profiles = load_profiles()
    assert {"basic", "standard", "mission-critical"} <= set(profiles.profiles)
    assert profiles.default == "standard"
    assert len(checklist.checks) >= SCENARIO_TOPICS
    assert len({c.topic for c in checklist.checks}) >= SCENARIO_TOPICS
    load_rating()


def test_every_registered_type_is_used_by_the_default_checklist():
    used = {c.type for c in load_checklist().checks}
    assert used == set(REGISTRY)


def test_profiles_extend_and_tighten():
    p = load_profiles().profiles
    assert p["basic"].values["min_uptime_percent"] < p["standard"].values["min_uptime_percent"] < p["mission-critical"].values["min_uptime_percent"]
    # mission-critical does not restate what it inherits from standard
    assert p["mission-critical"].values["p1_support_hours"] == p["standard"].values["p1_support_hours"] == "24x7"


def test_audit_trail_lists_checks_thresholds_and_formula():
    rows = describe_checklist(Options(profile="mission-critical"))
    row = next(r for r in rows if r["check_id"] == "uptime-target")
    assert "99.9%" in row["thresholds"] and "min_uptime_percent" in row["thresholds"]
    assert "mission-critical profile" in row["question"] and "{" not in row["question"] + row["recommendation"]
    assert {r["check_id"] for r in rows} == {c.id for c in load_checklist().checks}
    thresholds = {r["threshold"]: r["value"] for r in describe_profile(Options(profile="basic"))}
    assert thresholds["min_uptime_percent"] == 99.0
    assert "Score = 100" in rating_formula()


def test_unknown_profile_is_a_clear_error():
    with pytest.raises(RulesError, match="unknown profile.*choose one of"):
        review_terms(Terms(), Options(profile="platinum"))


# --------------------------------------------------------------------------- user checklists


def test_user_checklist_extends_overrides_and_disables(tmp_path):
    path = write(tmp_path, """
        extends: default
        disable: [service-reporting, growth]
        checks:
          - id: uptime-target
            params: {min_percent: 99.99}
          - id: my-uptime-floor
            scenario: We need four nines.
            question: Is uptime at least 99.99%?
            severity: high
            type: uptime_target
            params: {min_percent: 99.99}
            explain: "Uptime {percent} against {min_percent}."
            recommendation: Ask for {min_percent}.
        profiles:
          standard: {max_p1_response_minutes: 30}
    """)
    checklist = load_checklist(path)
    ids = [c.id for c in checklist.enabled]
    assert "service-reporting" not in ids and "growth" not in ids and ids[-1] == "my-uptime-floor"
    findings, _, _ = review_terms(Terms(uptime=[Uptime(99.95, "month")]), Options(checklist=str(path)))
    by_id = {f.check_id: f for f in findings}
    assert by_id["uptime-target"].status == "weak"  # 99.95 < the user's 99.99
    assert by_id["my-uptime-floor"].explanation == "Uptime 99.95% against 99.99%."
    assert checklist.profiles.get("standard").values["max_p1_response_minutes"] == 30
    assert "service-reporting" not in by_id


def test_complete_user_checklist_replaces_the_default(tmp_path):
    path = write(tmp_path, """
        checks:
          - id: only-uptime
            scenario: s
            question: q
            severity: medium
            type: uptime_target
            params: {min_percent: $profile.min_uptime_percent}
            explain: {default: "Uptime {percent}; {profile} wants {min_percent}."}
            recommendation: r
    """)
    findings, rating, _ = review_terms(Terms(uptime=[Uptime(99.0, "month")]), Options(checklist=str(path), profile="basic"))
    assert [(f.check_id, f.status) for f in findings] == [("only-uptime", "ok")]
    assert findings[0].explanation == "Uptime 99%; basic wants 99%."
    assert rating.score == 100


def test_rules_dir_option_reads_another_rules_folder(tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), rules, ignore=shutil.ignore_patterns("__pycache__"))  # every rule file is read from the folder
    text = (rules / "profiles.yml").read_text().replace("min_uptime_percent: 99.5", "min_uptime_percent: 99.95")
    (rules / "profiles.yml").write_text(text)
    findings, _, _ = review_terms(Terms(uptime=[Uptime(99.9, "month")]), Options(rules_dir=str(rules)))
    assert next(f for f in findings if f.check_id == "uptime-target").status == "weak"


# --------------------------------------------------------------------------- broken files

GOOD_ENTRY = """
        checks:
          - id: uptime-x
            scenario: s
            question: q
            severity: high
            type: {type}
            params: {params}
            explain: {explain}
            recommendation: {recommendation}
"""


def entry(type="uptime_target", params="{min_percent: 99.5}", explain='"Uptime {percent}."', recommendation="r") -> str:
    return GOOD_ENTRY.format(type=type, params=params, explain=explain, recommendation=recommendation)


BROKEN = [
    ("unknown check type", entry(type="uptime_magic"), "check 'uptime-x'", "unknown check type 'uptime_magic'"),
    ("unknown parameter", entry(params="{min_percent: 99.5, max_percent: 100}"), "check 'uptime-x'", r"unknown parameter\(s\) \['max_percent'\]"),
    ("missing parameter", entry(params="{}"), "check 'uptime-x'", r"missing parameter\(s\) \['min_percent'\]"),
    ("bad parameter value", entry(params="{min_percent: 150}"), "check 'uptime-x'", "min_percent: 150 must be between 0 and 100"),
    ("parameter of the wrong type", entry(params="{min_percent: high}"), "check 'uptime-x'", "must be a number"),
    ("unknown threshold", entry(params="{min_percent: $profile.min_uptime}"), "check 'uptime-x'", "unknown profile threshold 'min_uptime'"),
    ("threshold of the wrong kind", entry(params="{min_percent: $profile.max_p1_response_minutes}"), "check 'uptime-x'", "needs kind percent"),
    ("malformed reference", entry(params="{min_percent: $min_uptime_percent}"), "check 'uptime-x'", "not a reference"),
    ("unknown placeholder", entry(explain='"Uptime {percentage}."'), "check 'uptime-x'", r"unknown placeholder\(s\) \['percentage'\]"),
    ("placeholder in recommendation", entry(recommendation='"Ask for {target}."'), "check 'uptime-x'", r"recommendation: unknown placeholder\(s\) \['target'\]"),
    ("attribute access in template", entry(explain='"{percent.__class__}"'), "check 'uptime-x'", "must be a plain name"),
    ("unbalanced brace", entry(explain='"Uptime {percent."'), "check 'uptime-x'", "bad template"),
    ("status without text", entry(explain='{ok: "fine"}'), "check 'uptime-x'", r"no text for status\(es\) \['gap', 'weak', 'review'\]"),
    ("unknown explain key", entry(explain='{default: "x", fine: "y"}'), "check 'uptime-x'", r"unknown key\(s\) \['fine'\]"),
    ("bad severity", entry().replace("severity: high", "severity: critical"), "check 'uptime-x'", "severity 'critical' must be one of"),
    ("unknown entry key", entry().replace("severity: high", "severity: high\n            weight: 3"), "check 'uptime-x'", r"unknown key\(s\) \['weight'\]"),
    ("missing key", entry().replace("            question: q\n", ""), "check 'uptime-x'", r"missing key\(s\) \['question'\]"),
    ("bad id", entry().replace("id: uptime-x", "id: Uptime X"), "check 'Uptime X'", "id must be lower-case"),
    ("duplicate id", entry() + entry().replace("\n        checks:\n", "\n"), "check 'uptime-x'", "duplicate id"),
    ("yaml syntax", "checks:\n  - id: a\n    scenario: [unclosed\n", "line", "invalid YAML"),
    ("not a list", "checks: {id: a}\n", "checks", "must be a list"),
    ("empty", "checks: []\n", "checks", "no checks"),
    ("disable unknown id", "extends: default\ndisable: [no-such-check]\n", "disable 'no-such-check'", "no such check"),
    ("bad extends", "extends: strict\n", "extends", "only `extends: default`"),
    ("bad profile override", "extends: default\nprofiles:\n  standard: {min_uptime_percent: 101}\n", "profile 'standard', min_uptime_percent", "must be between 0 and 100"),
    ("unknown threshold override", "extends: default\nprofiles:\n  standard: {min_uptime: 99}\n", "profile 'standard', min_uptime", "unknown threshold"),
]


@pytest.mark.parametrize("name, text, where, problem", BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_checklist_is_rejected_with_file_id_and_problem(tmp_path, name, text, where, problem):
    path = write(tmp_path, text)
    with pytest.raises(RulesError) as info:
        load_checklist(path)
    err = info.value
    message = str(err)
    assert err.path == str(path) and message.startswith(str(path))
    assert where in message, message
    assert re.search(problem, message), message


def test_broken_override_of_a_default_check_names_the_user_file(tmp_path):
    path = write(tmp_path, """
        extends: default
        checks:
          - id: p1-response
            params: {max_minutes: soon}
    """)
    with pytest.raises(RulesError, match=r"my-checklist.yml, check 'p1-response': parameter max_minutes: 'soon' must be a number"):
        load_checklist(path)


def test_broken_profiles_file(tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), rules, ignore=shutil.ignore_patterns("__pycache__"))  # every rule file is read from the folder
    text = (rules / "profiles.yml").read_text().replace("extends: basic", "extends: mission-critical")
    (rules / "profiles.yml").write_text(text)
    with pytest.raises(RulesError, match="`extends` loops"):
        load_profiles(rules_dir=rules)
    text = text.replace("extends: mission-critical", "extends: basic").replace("    min_claim_window_days: 14\n", "")
    (rules / "profiles.yml").write_text(text)
    with pytest.raises(RulesError, match=r"profile 'basic': no value for threshold\(s\) \['min_claim_window_days'\]"):
        load_profiles(rules_dir=rules)


def test_broken_rating_file(tmp_path):
    path = write(tmp_path, "weights: {high: {gap: 10, weak: 5, review: 1}}\nbands: {red_below: 50, green_from: 80, red_if_high_gaps: 3, green_max_high_gaps: 0}\n", "rating.yml")
    with pytest.raises(RulesError, match="rating.yml, weights: must give one mapping for each severity"):
        load_rating(path)


def test_check_types_describe_themselves():
    from sla_check.checktypes import PARAM_KINDS, describe_types

    rows = describe_types()
    assert {r["type"] for r in rows} == set(REGISTRY)
    for r in rows:
        assert r["does"], r["type"]
        for name, p in r["params"].items():
            assert p["kind"] in PARAM_KINDS
            if not p["required"]:
                assert PARAM_KINDS[p["kind"]](p["default"]) is None, (r["type"], name)
