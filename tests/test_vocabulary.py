"""One severity vocabulary: rules/lexicons/severity.yml is checked when it loads and is the only
place its words live; the phrase patterns and the code's regular expressions are built from it."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from sla_check.errors import RulesError
from sla_check.extractors.common import label_has_rank
from sla_check.normalize import severity_level
from sla_check.ruleset import default_rules_dir
from sla_check.vocabulary import severity, severity_patterns


def rules_copy(tmp_path: Path, **changes: object) -> str:
    """A copy of the bundled rules folder with keys of severity.yml replaced."""
    root = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), root, ignore=shutil.ignore_patterns("__pycache__"))
    path = root / "lexicons" / "severity.yml"
    data = yaml.safe_load(path.read_text())
    data.update(changes)
    path.write_text(yaml.safe_dump(data))
    return str(root)


@pytest.mark.parametrize("changes, message", [
    ({"names": {"critical": 0}}, "level must be"),
    ({"names": {"critical": "one"}}, "level must be"),
    ({"glued": ["q"]}, "must also be listed under 'prefixes'"),
    ({"prefixes": []}, "non-empty list"),
    ({"colours": ["red"]}, "unknown key"),
])
def test_a_malformed_severity_lexicon_is_a_load_error_naming_the_file(tmp_path: Path, changes: dict, message: str) -> None:
    folder = rules_copy(tmp_path, **changes)
    with pytest.raises(RulesError, match=message) as err:
        severity(folder)
    assert "severity.yml" in str(err.value)


def test_patterns_come_from_the_lexicon(tmp_path: Path) -> None:
    folder = rules_copy(tmp_path, names={"blocker": 1, "trivial": 4}, prefixes=["grade", "g"], glued=["g"],
                        lettered=["grade"], label_only=[])
    got = {(p["pattern"], p["id"]) for p in severity_patterns(folder)}
    assert ("blocker", "severity.name.blocker") in got
    assert ("grade 2", "severity.prefix_number") in got and ("grade - 2", "severity.prefix_number") in got
    assert ("g3", "severity.code") in got
    assert ("grade b", "severity.prefix_letter") in got and ("grade two", "severity.prefix_letter") in got
    assert not any(p.startswith(("priority", "critical")) for p, _ in got)  # nothing kept outside the lexicon


def test_label_only_prefixes_name_levels_in_cells_not_in_prose() -> None:
    vocab = severity()
    spoken = {p["pattern"] for p in severity_patterns()}
    for prefix in vocab.label_only:
        assert f"{prefix} 2" not in spoken
        assert severity_level(f"{prefix} 2") == 2


@pytest.mark.parametrize("label, level, ranked", [
    ("Sev C", 3, True),
    ("Priority Two", 2, True),
    ("Severity first", 1, False),
    ("P4", 4, True),
    ("Showstopper", None, False),
    ("Urgent", 1, False),
])
def test_levels_and_ranks_read_from_the_same_vocabulary(label: str, level: int, ranked: bool) -> None:
    assert severity_level(label) == level
    assert label_has_rank(label) is ranked


def test_the_pipeline_matches_a_prefix_added_to_the_lexicon(tmp_path: Path) -> None:
    from sla_check.nlp import build_nlp

    folder = rules_copy(tmp_path, prefixes=severity().prefixes + ("grade",), lettered=severity().lettered + ("grade",))
    doc = build_nlp(folder)("Grade B faults are answered within one hour.")
    assert [s.text for s in doc.spans["severity"] if s.label_ == "SEVERITY"] == ["Grade B"]


# --------------------------------------------------------------------------- time kinds


def kinds_copy(tmp_path: Path, kind: str, role: str, words: list[str]) -> str:
    root = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), root, ignore=shutil.ignore_patterns("__pycache__"))
    path = root / "lexicons" / "time_kinds.yml"
    data = yaml.safe_load(path.read_text())
    data[kind][role] = words
    path.write_text(yaml.safe_dump(data))
    return str(root)


def test_a_kind_word_listed_twice_is_a_load_error(tmp_path: Path) -> None:
    from sla_check.vocabulary import time_kinds

    folder = kinds_copy(tmp_path, "update", "in_headers", ["respond"])
    with pytest.raises(RulesError, match="already listed"):
        time_kinds(folder)


def test_kind_words_reach_sentences_and_headers_by_their_role(tmp_path: Path) -> None:
    from sla_check.nlp import build_nlp
    from sla_check.vocabulary import time_kinds, time_patterns

    vocab = time_kinds()
    built = {(p["label"], p["pattern"]) for p in time_patterns()}
    for kind in ("response", "resolution", "update"):
        assert {(kind.upper(), w) for w in vocab.in_text[kind]} <= built
        assert not any((kind.upper(), w) in built for w in set(vocab.in_headers[kind]) - set(vocab.in_text[kind]))
    words = list(yaml.safe_load((Path(default_rules_dir()) / "lexicons" / "time_kinds.yml").read_text())["response"]["words"])
    folder = kinds_copy(tmp_path, "response", "words", words + ["dispatch"])
    doc = build_nlp(folder)("We dispatch an engineer within four hours.")
    assert [(s.text, s.label_) for s in doc.spans["time"] if s.label_ == "RESPONSE"] == [("dispatch", "RESPONSE")]


# --------------------------------------------------------------------------- clock (basis) and plan words


def lexicon_copy(tmp_path: Path, name: str, change) -> str:  # type: ignore[no-untyped-def]
    root = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), root, ignore=shutil.ignore_patterns("__pycache__"))
    path = root / "lexicons" / f"{name}.yml"
    data = yaml.safe_load(path.read_text())
    change(data)
    path.write_text(yaml.safe_dump(data))
    return str(root)


@pytest.mark.parametrize("name, change, message", [
    ("basis", lambda d: d["business"]["words"].append("24x7"), "already listed under calendar.words"),
    ("basis", lambda d: d.update(timezone=["utc"]), "unknown key"),
    ("basis", lambda d: d["business"].update(units=["working days"]), "only the calendar clock"),
    ("basis", lambda d: d["calendar"].pop("words"), "non-empty list"),
    ("basis", lambda d: d.update(weekdays=[]), "non-empty list"),
    ("plans", lambda d: d.update(names="gold"), "non-empty list"),
    ("plans", lambda d: d.update(colours=["gold"]), "unknown key"),
])
def test_a_malformed_clock_or_plan_lexicon_is_a_load_error_naming_the_file(tmp_path: Path, name: str, change, message: str) -> None:  # type: ignore[no-untyped-def]
    from sla_check.vocabulary import basis_words, plan_words

    folder = lexicon_copy(tmp_path, name, change)
    with pytest.raises(RulesError, match=message) as err:
        (basis_words if name == "basis" else plan_words)(folder)
    assert f"{name}.yml" in str(err.value)


def test_support_hours_clock_and_plan_patterns_come_only_from_the_lexicons() -> None:
    from sla_check.ruleset import read_jsonl
    from sla_check.vocabulary import basis_words, plan_words, support_hours_patterns

    path = Path(default_rules_dir()) / "patterns" / "support_hours.jsonl"
    assert not [obj for _, obj in read_jsonl(path) if obj["label"] in {"ALL_HOURS", "BUSINESS", "PLAN"}]
    built = {(p["label"], p["pattern"]) for p in support_hours_patterns()}
    words = basis_words()
    assert {("ALL_HOURS", w) for w in words.for_hours["calendar"]} | {("BUSINESS", w) for w in words.for_hours["business"]} \
        | {("PLAN", w) for w in plan_words().names} == built
    # a counting unit decides a target's clock, never marks a statement of support hours
    assert set(words.units) <= set(words.for_basis["calendar"]) and not set(words.units) & set(words.for_hours["calendar"])


def test_a_clock_word_added_once_reaches_the_basis_and_the_support_hours(tmp_path: Path, nlp) -> None:  # type: ignore[no-untyped-def]
    from sla_check.pipeline import Options, extract_file

    contract = tmp_path / "desk.txt"
    contract.write_text("1. Support\n1.1 Our service desk is staffed all week long.\n\n"
                        "| Priority | Response time |\n| --- | --- |\n| P1 | 2 hours all week long |\n")
    bundled = extract_file(contract, Options()).terms
    assert bundled.support_hours.value is None and [t.basis for t in bundled.response_times] == ["unspecified"]
    folder = lexicon_copy(tmp_path, "basis", lambda d: d["calendar"]["words"].append("all week long"))
    terms = extract_file(contract, Options(rules_dir=folder)).terms
    assert terms.support_hours.value == "24x7"
    assert [t.basis for t in terms.response_times] == ["calendar"]


def test_a_plan_name_added_to_the_lexicon_is_matched_as_a_plan(tmp_path: Path) -> None:
    from sla_check.nlp import build_nlp

    doc = build_nlp(lexicon_copy(tmp_path, "plans", lambda d: d["names"].append("titanium")))("Titanium customers get 24x7 cover.")
    assert [s.text for s in doc.spans["support_hours"] if s.label_ == "PLAN"] == ["Titanium"]


# --------------------------------------------------------------------------- word lists read by the interpreters


@pytest.mark.parametrize("change, message", [
    (lambda d: d.pop("floor_before"), "'floor_before' must be a non-empty list of words"),
    (lambda d: d.update(floor_before="at least"), "'floor_before' must be a non-empty list of words"),
    (lambda d: d.update(floor_before=["at least", 3]), "'floor_before' must be a non-empty list of words"),
])
def test_a_missing_or_malformed_word_list_is_a_load_error_naming_the_file_and_key(tmp_path: Path, change, message: str) -> None:  # type: ignore[no-untyped-def]
    from sla_check.vocabulary import listed

    folder = lexicon_copy(tmp_path, "uptime", change)
    with pytest.raises(RulesError, match=message) as err:
        listed("uptime", "floor_before", folder)
    assert "uptime.yml" in str(err.value)


def test_a_word_list_becomes_one_whole_word_pattern_per_rule_set(tmp_path: Path) -> None:
    from sla_check.ruleset import using
    from sla_check.vocabulary import listed_re

    folder = lexicon_copy(tmp_path, "uptime", lambda d: d.update(floor_before=["not under"]))
    bundled = listed_re("uptime", "floor_before", after=r"\s*$")
    assert bundled.search("available at  least ") and not bundled.search("at leastwise")
    with using(folder):
        assert listed_re("uptime", "floor_before", after=r"\s*$").search("NOT UNDER")
        assert not listed_re("uptime", "floor_before", after=r"\s*$").search("at least")
    assert listed_re("uptime", "floor_before", after=r"\s*$") is bundled


def test_the_percent_words_of_the_numbers_lexicon_make_a_percentage(tmp_path: Path) -> None:
    # one list serves the percentage reader and the credit and mention tests: a word added to it counts
    from sla_check.normalize import find_percents
    from sla_check.ruleset import using

    text = "a credit of 5 pc of the fee, and 99 per cent uptime"
    assert [f.value for f in find_percents(text)] == [99.0]
    folder = lexicon_copy(tmp_path, "numbers", lambda d: d.update(percent_words=d["percent_words"] + ["pc"]))
    with using(folder):
        assert [f.value for f in find_percents(text)] == [5.0, 99.0]
