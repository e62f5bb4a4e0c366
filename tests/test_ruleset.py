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
