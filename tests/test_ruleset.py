"""One rule set per folder, passed explicitly: `Options(rules_dir=X)` reads every rule file from X
(lexicons included, not only the pattern files), in the same process as the bundled rules, and
neither leaks into the other."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sla_check.pipeline import Options, extract_file, review_file
from sla_check.ruleset import active, bundled_rules_dir, load_rules, using

QUARTERLY = """1. Availability
1.1 The Supplier shall keep the Platform available 99.9% of the time in each quarter, measured by the Supplier.
"""


def _copy(tmp_path: Path) -> Path:
    root = tmp_path / "rules"
    shutil.copytree(bundled_rules_dir(), root, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    return root


def _periods(result) -> list[str]:
    return [u.period for u in result.terms.uptime]


def test_a_changed_lexicon_word_changes_the_result_in_process_and_the_bundled_result_stays(tmp_path: Path, nlp) -> None:
    contract = tmp_path / "quarterly.txt"
    contract.write_text(QUARTERLY)
    before = extract_file(contract, Options())
    assert _periods(before) == ["quarter"]

    rules = _copy(tmp_path)
    periods = rules / "lexicons" / "periods.yml"
    text = periods.read_text()
    assert "\n  - quarter\n" in text
    periods.write_text(text.replace("\n  - quarter\n", "\n  - trimester\n", 1))  # one word changed

    changed = extract_file(contract, Options(rules_dir=str(rules)))
    assert _periods(changed) != ["quarter"]
    assert review_file(contract, Options(rules_dir=str(rules))).terms.uptime[0].period == _periods(changed)[0]

    after = extract_file(contract, Options())
    assert after.terms.to_dict() == before.terms.to_dict()
    assert active() is load_rules(None)  # nothing left in force after the calls


def test_one_object_per_folder_and_derived_values_are_not_shared(tmp_path: Path) -> None:
    rules = _copy(tmp_path)
    assert load_rules(str(rules)) is load_rules(rules)
    assert load_rules(str(rules)) is not load_rules(None)
    with using(str(rules)) as inside:
        assert active() is inside and inside.rules_dir == str(rules.resolve())
    assert active().rules_dir is None


def test_a_broken_lexicon_in_the_chosen_folder_is_reported_through_the_library(tmp_path: Path) -> None:
    from sla_check.errors import RulesError

    rules = _copy(tmp_path)
    (rules / "lexicons" / "periods.yml").write_text("- not a mapping\n")
    contract = tmp_path / "quarterly.txt"
    contract.write_text(QUARTERLY)
    with pytest.raises(RulesError, match="periods.yml"):
        extract_file(contract, Options(rules_dir=str(rules)))
    assert _periods(extract_file(contract, Options())) == ["quarter"]


# --------------------------------------------------------------------------- labels no interpreter reads

@pytest.mark.parametrize("folder, family, line", [
    ("patterns", "uptime", {"label": "UPTIME_BAND", "pattern": "no lower than", "id": "uptime.band"}),
    ("patterns", "support_hours", {"label": "HOURS", "pattern": [{"LOWER": "weekday"}], "id": "hours.weekday"}),
    ("sequences", "monitoring", {"label": "WATCHED", "pattern": [{"LOWER": "we"}, {"LOWER": "watch"}], "id": "monitoring.we_watch"}),
])
def test_a_label_no_interpreter_reads_is_a_load_error_naming_file_and_line(tmp_path: Path, folder: str, family: str, line: dict) -> None:
    import json

    from sla_check.errors import RulesError
    from sla_check.nlp import build_nlp

    rules = _copy(tmp_path)
    path = rules / folder / f"{family}.jsonl"
    lines = path.read_text().splitlines()
    path.write_text("\n".join(lines + [json.dumps(line)]) + "\n")
    contract = tmp_path / "quarterly.txt"
    contract.write_text(QUARTERLY)
    with pytest.raises(RulesError) as err:
        build_nlp(str(rules))
        extract_file(contract, Options(rules_dir=str(rules)))  # sequences load with the first document
    message = str(err.value)
    assert str(path) in message and f"line {len(lines) + 1}" in message and line["label"] in message


def test_a_pattern_file_for_a_family_nobody_reads_is_a_load_error(tmp_path: Path) -> None:
    from sla_check.errors import RulesError
    from sla_check.nlp import build_nlp

    rules = _copy(tmp_path)
    (rules / "patterns" / "penalties.jsonl").write_text('{"label": "PENALTY", "pattern": "penalty"}\n')
    with pytest.raises(RulesError, match="penalties.jsonl.*no interpreter reads the family"):
        build_nlp(str(rules))


def test_every_declared_label_is_used_by_the_bundled_rules() -> None:
    """The registry lists no label the rule files never produce (it would hide a typo)."""
    from sla_check.labels import READS, labels_read
    from sla_check.ruleset import read_jsonl
    from sla_check.vocabulary import generated_patterns

    root = bundled_rules_dir()
    for family in READS:
        used = {obj["label"] for sub in ("patterns", "sequences") if (root / sub / f"{family}.jsonl").is_file()
                for _, obj in read_jsonl(root / sub / f"{family}.jsonl")}
        used |= {p["label"] for p in generated_patterns(None, family)}
        assert used == labels_read(family), (family, used ^ labels_read(family))


def test_what_was_read_under_other_rules_is_read_again_after_a_switch(tmp_path: Path) -> None:
    # the per-text caches hold answers that depend on the words: a block with another folder's words
    # must not get the bundled answer read before it, nor leave its own behind
    import yaml

    from sla_check.normalize import find_percents

    root = _copy(tmp_path)
    numbers = root / "lexicons" / "numbers.yml"
    data = yaml.safe_load(numbers.read_text())
    data["units"]["umpteen"] = 7
    numbers.write_text(yaml.safe_dump(data))
    text = "a target of umpteen per cent"
    assert find_percents(text) == []
    with using(root):
        assert [f.value for f in find_percents(text)] == [7.0]
    assert find_percents(text) == []
