"""Score `sla-check diff` against pairs of versions with known changes (*.diff.yml).

A truth file names the two versions (beside it) and every change the diff must report:

    id: halyard-uptime-cut
    old: halyard-v1.pdf
    new: halyard-uptime-cut.pdf
    profile: standard              # optional: the profile to judge with (default: --profile)
    changes:                       # [] for a reworded or reordered version: no change at all
      - {term: uptime, key: "", verdict: worse, crosses_threshold: false}

A reported change matches an expected one on (term, key); its verdict (and
crosses_threshold, when the truth gives it) must then be the same. A reported change
that no truth entry expects is a false alarm.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Optional

from sla_check.diff import TERM_IDS, VERDICTS, DiffResult, diff_files
from sla_check.errors import RulesError
from sla_check.ruleset import check_keys, load_yaml

DIFF_TRUTH_SUFFIX = ".diff.yml"


@dataclass(frozen=True)
class ExpectedChange:
    term: str
    key: str
    verdict: str
    crosses_threshold: Optional[bool] = None


@dataclass(frozen=True)
class DiffTruth:
    id: str
    old: Path
    new: Path
    changes: tuple[ExpectedChange, ...]
    profile: Optional[str] = None


@dataclass
class PairScore:
    id: str
    status: str = "ok"  # ok | error
    expected: int = 0
    found: int = 0  # expected changes reported (same term and key)
    right: int = 0  # ... with the right verdict (and threshold crossing, when the truth gives it)
    false_alarms: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return self.status == "ok" and self.right == self.expected and self.false_alarms == 0

    def to_dict(self) -> dict[str, Any]:
        return {**dataclasses.asdict(self), "passed": self.passed}


@dataclass
class DiffEvalReport:
    pairs: list[PairScore] = field(default_factory=list)

    def totals(self) -> dict[str, Any]:
        expected = sum(p.expected for p in self.pairs)
        found = sum(p.found for p in self.pairs)
        right = sum(p.right for p in self.pairs)
        alarms = sum(p.false_alarms for p in self.pairs)
        quiet = [p for p in self.pairs if p.expected == 0]
        return {
            "pairs": len(self.pairs), "passed": sum(p.passed for p in self.pairs),
            "expected_changes": expected, "found": found, "right_verdict": right, "false_alarms": alarms,
            "recall": round(found / expected, 4) if expected else 1.0,
            "verdict_accuracy": round(right / expected, 4) if expected else 1.0,
            "no_change_pairs": len(quiet), "no_change_pairs_quiet": sum(p.passed for p in quiet),
        }

    @property
    def passed(self) -> bool:
        return bool(self.pairs) and all(p.passed for p in self.pairs)

    def to_dict(self) -> dict[str, Any]:
        return {"totals": self.totals(), "pairs": [p.to_dict() for p in self.pairs]}

    def format_text(self) -> str:
        t = self.totals()
        lines = [f"{'pair':34} {'expected':>8} {'found':>6} {'right':>6} {'false alarms':>12}  result"]
        for p in self.pairs:
            lines.append(f"{p.id:34} {p.expected:>8} {p.found:>6} {p.right:>6} {p.false_alarms:>12}  "
                         f"{'pass' if p.passed else 'FAIL'}")
            lines.extend(f"    {x}" for x in p.problems)
        lines.append(f"\n{t['passed']} of {t['pairs']} pairs pass; changes found {t['found']}/{t['expected_changes']}, "
                     f"right verdict {t['right_verdict']}/{t['expected_changes']}, false alarms {t['false_alarms']}; "
                     f"no-change pairs quiet {t['no_change_pairs_quiet']}/{t['no_change_pairs']}")
        return "\n".join(lines)


def load_diff_truth(path: Path) -> DiffTruth:
    """A *.diff.yml file, validated: unknown keys, terms or verdicts are errors naming the file."""
    data = load_yaml(path)
    if not isinstance(data, dict):
        raise RulesError(path, None, "a diff truth file must be a mapping")
    check_keys(data, {"id", "old", "new", "profile", "note", "changes"}, {"old", "new", "changes"}, path, "top level")
    if not isinstance(data["changes"], list):
        raise RulesError(path, "changes", "must be a list ([] when nothing changes)")
    expected = []
    for i, c in enumerate(data["changes"]):
        where = f"changes[{i}]"
        if not isinstance(c, dict):
            raise RulesError(path, where, "must be a mapping {term, key, verdict}")
        check_keys(c, {"term", "key", "verdict", "crosses_threshold"}, {"term", "verdict"}, path, where)
        if c["term"] not in TERM_IDS:
            raise RulesError(path, where, f"unknown term {c['term']!r}; terms: {list(TERM_IDS)}")
        if c["verdict"] not in VERDICTS:
            raise RulesError(path, where, f"verdict must be one of {list(VERDICTS)}")
        crosses = c.get("crosses_threshold")
        if crosses is not None and not isinstance(crosses, bool):
            raise RulesError(path, where, "crosses_threshold must be true or false")
        expected.append(ExpectedChange(c["term"], str(c.get("key") or ""), c["verdict"], crosses))
    stem = path.name[: -len(DIFF_TRUTH_SUFFIX)]
    return DiffTruth(str(data.get("id") or stem), path.parent / str(data["old"]), path.parent / str(data["new"]),
                     tuple(expected), data.get("profile"))


def find_diff_truths(paths: Iterable[Path]) -> list[Path]:
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_file() and p.name.endswith(DIFF_TRUTH_SUFFIX):
            out.append(p)
        elif p.is_dir():
            out.extend(sorted(p.rglob(f"*{DIFF_TRUTH_SUFFIX}")))
    return out


def score_pair(truth: DiffTruth, result: DiffResult) -> PairScore:
    """How one diff compares with its truth."""
    score = PairScore(truth.id, expected=len(truth.changes))
    if not result.ok:
        score.status = "error"
        score.problems.append("a version could not be read: " + "; ".join(
            f"{r.file} [{r.error.code}]" for r in (result.old, result.new) if r.error))
        return score
    reported = {(c.term, c.key): c for c in result.changes}
    for e in truth.changes:
        got = reported.pop((e.term, e.key), None)
        if got is None:
            score.problems.append(f"missed: {e.term} {e.key!r} ({e.verdict})")
            continue
        score.found += 1
        if got.verdict != e.verdict:
            score.problems.append(f"wrong verdict: {got.summary()} is {got.verdict}, expected {e.verdict}")
        elif e.crosses_threshold is not None and got.crosses_threshold != e.crosses_threshold:
            score.problems.append(f"threshold: {got.summary()} crosses_threshold={got.crosses_threshold}, "
                                  f"expected {e.crosses_threshold}")
        else:
            score.right += 1
    for c in reported.values():
        score.false_alarms += 1
        score.problems.append(f"false alarm: {c.verdict} {c.summary()}")
    return score


def evaluate_diffs(paths: Iterable[Path], options: Any) -> DiffEvalReport:
    """Run the real diff on every pair under `paths` and score it."""
    from sla_check.pipeline import get_nlp

    report = DiffEvalReport()
    for truth_path in find_diff_truths(paths):
        truth = load_diff_truth(truth_path)
        missing = [str(p) for p in (truth.old, truth.new) if not p.is_file()]
        if missing:
            report.pairs.append(PairScore(truth.id, "error", len(truth.changes), problems=[f"no such file: {', '.join(missing)}"]))
            continue
        opts = dataclasses.replace(options, profile=truth.profile) if truth.profile else options
        result = diff_files(truth.old, truth.new, opts, get_nlp(options.rules_dir))
        report.pairs.append(score_pair(truth, result))
    return report
