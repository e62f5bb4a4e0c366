"""A review run as one library call: files and folders in, the workbook and JSON Lines written,
a summary out. The `review` command only turns options into a ReviewRequest and prints the
summary, so a script gets exactly what the command line gets."""
from __future__ import annotations

import contextlib
import gc
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Callable, Optional

from sla_check.errors import SlaCheckError
from sla_check.models import FileResult
from sla_check.pipeline import Options

if TYPE_CHECKING:  # diff is imported only when a baseline is given
    from sla_check.diff import Pairing

#: the extensions a folder is searched for (batch.collect_inputs decides; this is for messages)
CONTRACT_FORMATS = ".pdf, .docx, .txt or .md"


class ReviewRequestError(SlaCheckError):
    """A request that cannot run as asked (nowhere to write, an output that is also an input);
    `option` names the option at fault, so the command line can point at it."""

    def __init__(self, message: str, option: Optional[str] = None) -> None:
        super().__init__(message)
        self.option = option


@dataclass(frozen=True)
class ReviewRequest:
    """What to review and where the reports go. At least one of `output` (a .xlsx workbook),
    `json_out` (a JSON Lines file) or `json_stream` (an open text stream) is needed."""

    paths: tuple[str, ...]
    options: Options = field(default_factory=Options)
    output: Optional[str] = None
    json_out: Optional[str] = None
    json_stream: Optional[IO[str]] = None
    workers: Optional[int] = None
    timeout: Optional[float] = 120.0
    baseline: Optional[str] = None  # folder of previous versions: adds the Changes sheets and diff objects
    pairs_file: Optional[str] = None  # with baseline: which old file is which new one
    max_mb: Optional[float] = None  # shown in the workbook's run options as given


@dataclass(frozen=True)
class FileLine:
    """One reviewed (or failed) file, as the run's summary table shows it."""

    file: str
    colour: Optional[str]
    score: Optional[float]
    problems_high: Optional[int]
    status: str  # "ok" or the error code
    reason: str = ""  # why it failed, in words


@dataclass
class BaselineSummary:
    folder: str
    compared: int
    worse: int
    unpaired: int


@dataclass
class ReviewSummary:
    files: list[FileLine] = field(default_factory=list)
    skipped: int = 0  # folder entries that were not contracts we could open (listed in the reports)
    skipped_entries: list[tuple[str, str]] = field(default_factory=list)  # (path, reason) of each, for the terminal
    ignored: int = 0  # files in another format, not contracts
    internal_errors: int = 0
    baseline: Optional[BaselineSummary] = None
    output: Optional[str] = None

    @property
    def failed(self) -> int:
        return sum(1 for f in self.files if f.status != "ok")

    @property
    def exit_code(self) -> int:
        """0 every file reviewed, 1 some could not be, 3 sla-check itself failed on one."""
        return 3 if self.internal_errors else 1 if self.failed else 0


def check_request(req: ReviewRequest) -> None:
    """Refuse, before any work, a request whose reports could not be written."""
    if not (req.output or req.json_out or req.json_stream):
        raise ReviewRequestError("say where the review goes: -o review.xlsx, --json or --json-out FILE")
    if req.pairs_file and not req.baseline:
        raise ReviewRequestError("--pairs needs --baseline OLD_DIR")
    targets = {name: Path(p) for name, p in (("-o/--output", req.output), ("--json-out", req.json_out)) if p}
    if req.output and Path(req.output).suffix.lower() != ".xlsx":
        raise ReviewRequestError("the workbook's name must end in .xlsx", "-o/--output")
    for name, target in targets.items():
        if not target.resolve().parent.is_dir():
            raise ReviewRequestError(f"folder {str(target.parent)!r} does not exist", name)
        problem = unwritable(target)
        if problem:  # found now, not after the whole review has run
            raise ReviewRequestError(problem, name)
    if req.output and req.json_out and Path(req.output).resolve() == Path(req.json_out).resolve():
        raise ReviewRequestError("--output and --json-out must be different files")


def unwritable(target: Path) -> Optional[str]:
    """Why a report could not be saved at `target` (None when it can): the folder is tried
    for real, with the temporary file the save itself would create, which also catches
    read-only file systems that permission bits do not show."""
    import tempfile

    folder = target.resolve().parent
    if target.is_dir():
        return f"{str(target)!r} is a folder"
    try:
        fd, probe = tempfile.mkstemp(prefix=".~sla-check-probe.", dir=folder)
    except OSError as e:
        return f"cannot write in folder {str(folder)!r}: {e.strerror or e}"
    os.close(fd)
    os.unlink(probe)
    if target.exists() and not os.access(target, os.W_OK):
        return f"{str(target)!r} exists and is read-only"
    return None


def _single_threaded_blas() -> None:
    """This process builds the pipeline (importing numpy) and then forks the workers; numpy's
    OpenBLAS would start a thread pool that nothing here uses, and forking a process that runs
    threads is unsafe (Python 3.12+ warns about it)."""
    if "numpy" not in sys.modules:
        for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
            os.environ.setdefault(name, "1")


def run_review(req: ReviewRequest, on_done: Optional[Callable[[FileResult], None]] = None,
               on_total: Optional[Callable[[int], Any]] = None) -> ReviewSummary:
    """Review every contract in `req.paths` and write the reports; one file that cannot be read
    is listed with the reason and never stops the rest.

    Raises ReviewRequestError (before any work) for a request that cannot run, RulesError for
    broken rules, SlaCheckError when no worker can start. `on_total(n)` is told how many files
    will be read (including a baseline's old versions) before the first, `on_done` after each.
    """
    from sla_check.batch import GC_THRESHOLDS, Workers, collect_inputs, review_files, skipped_result, worker_count
    from sla_check.check import describe_checklist, describe_profile, rating_bands, rating_formula, validate_rules
    from sla_check.report import atomic_output, error_reason, run_timestamp
    from sla_check.report.jsonl import write_result
    from sla_check.ruleset import rules_hash

    check_request(req)
    options = req.options
    inputs = collect_inputs(req.paths)
    if not inputs.files:
        raise ReviewRequestError(f"no {CONTRACT_FORMATS} files found in " + ", ".join(req.paths))
    resolved = {f.resolve() for f in inputs.files}
    for name, target in (("-o/--output", req.output), ("--json-out", req.json_out)):
        if target and Path(target).resolve() in resolved:
            raise ReviewRequestError(f"{target} is one of the inputs; choose another file", name)

    _single_threaded_blas()
    # a mistyped profile or a broken checklist is reported at once, before seconds of warm-up
    validate_rules(options)
    checks = describe_checklist(options)
    thresholds = describe_profile(options)
    formula = rating_formula(options)
    bands = rating_bands(options)
    pairing = _pair_with_baseline(req, inputs.files) if req.baseline else None
    old_files = [old for old, _ in pairing.pairs] if pairing else []
    files = list(inputs.files) + old_files  # old versions read by the same workers, under the same timeout
    if on_total is not None:
        on_total(len(files))
    # workers start (with the pipeline built here and inherited, where they are forked) and
    # review while this process, at the first result, opens the workbook
    started = Workers(options, worker_count(req.workers, len(files)))

    run_options = {
        "profile": options.profile, "checklist": options.checklist or "bundled", "rules": options.rules_dir or "bundled",
        "downtime_cost": options.downtime_cost, "currency": options.currency, "monthly_fee": options.monthly_fee,
        "engine": options.engine, "ocr": options.ocr, "max_pages": options.max_pages, "max_mb": req.max_mb,
        "timeout": req.timeout, "max_memory_mb": options.max_memory_mb,
        **({"baseline": req.baseline, "pairs": req.pairs_file or "by vendor name"} if req.baseline else {}),
    }
    run_date = run_timestamp()

    def open_workbook() -> Any:
        """Opened when the first result arrives (importing openpyxl takes a quarter of a
        second): the workers already have their files by then."""
        from sla_check import __version__ as version
        from sla_check.report.excel import ReviewWorkbook, RunInfo

        return ReviewWorkbook(RunInfo(
            version=version, run_date=run_date, profile=options.profile, options=run_options,
            rules_hash=rules_hash(options.rules_dir), inputs=list(req.paths), rating_formula=formula,
            checks=_checklist_rows(checks), thresholds=thresholds, rating_bands=bands,
        ))

    summary = ReviewSummary(skipped=len(inputs.skipped), ignored=inputs.ignored, output=req.output,
                            skipped_entries=[(str(s.path), s.reason) for s in inputs.skipped])
    workbook: Any = None
    new_count = len(inputs.files)
    by_path: dict[Path, FileResult] = {}
    old_results: dict[Path, FileResult] = {}
    with contextlib.ExitStack() as stack:
        stack.callback(started.close)  # also when anything below fails before the review starts
        # the pipeline built for the workers stays here unused: keep it (and every module) out
        # of the collections the workbook's growing cell count sets off (~0.4 s per 100 files)
        gc.freeze()  # (no collection first: it would cost 0.1 s here for almost no garbage)
        stack.callback(gc.unfreeze)
        stack.callback(gc.set_threshold, *gc.get_threshold())
        gc.set_threshold(*GC_THRESHOLDS)  # the workbook's cells: fewer collections (~10% of writing it)
        json_files: list[IO[str]] = []
        if req.json_out:
            json_files.append(stack.enter_context(atomic_output(req.json_out, "w")))
        if req.json_stream is not None:
            json_files.append(req.json_stream)
        for index, result in enumerate(review_files(files, options, timeout=req.timeout, on_done=on_done, started=started)):
            if index >= new_count:
                old_results[files[index]] = result
                continue
            if req.output:
                if workbook is None:
                    workbook = open_workbook()
                workbook.add(result)
            for fh in json_files:
                write_result(fh, result)
            if pairing:
                by_path[files[index]] = result
            summary.internal_errors += result.error is not None and result.error.code == "internal"
            r = result.rating
            summary.files.append(FileLine(
                file=result.file, colour=r.colour if r else None, score=r.score if r else None,
                problems_high=r.problems_high if r else None,
                status="ok" if result.status == "ok" else (result.error.code if result.error else "?"),
                reason="" if result.status == "ok" else error_reason(result)))
        if req.output and workbook is None:
            workbook = open_workbook()
        if pairing:
            summary.baseline = _compare_baseline(req, pairing, old_results, by_path, workbook, json_files)
        for fh in json_files:  # after the reviewed files (their order is the spec's), the skipped entries
            for s in inputs.skipped:
                write_result(fh, skipped_result(s))
        if req.output:
            for s in inputs.skipped:
                workbook.add_skipped(s.path, s.reason, s.code)
            workbook.save(req.output)
    return summary


def _pair_with_baseline(req: ReviewRequest, new_files: list[Path]) -> Pairing:
    """Which old version goes with which reviewed file, decided before any reading so that a
    wrong pairs file is reported at once."""
    from sla_check.batch import collect_inputs
    from sla_check.diff import DiffError, load_diff_rules, pair_files

    assert req.baseline is not None
    roots = [Path(p) for p in req.paths if Path(p).is_dir()]
    rules = load_diff_rules(req.options.rules_dir)
    old_files = collect_inputs([req.baseline]).files
    try:
        return pair_files(old_files, new_files, rules, req.pairs_file, Path(req.baseline), roots[0] if roots else None)
    except DiffError as e:
        raise ReviewRequestError(str(e), "--pairs" if req.pairs_file else "--baseline") from e


def _compare_baseline(req: ReviewRequest, pairing: Pairing, old_results: dict[Path, FileResult],
                      new_results: dict[Path, FileResult], workbook: Any, json_files: list[IO[str]]) -> BaselineSummary:
    """Compare each reviewed file with its old version: Changes sheets in the workbook, and one
    `sla-check/diff@1` object per pair (then one `sla-check/unpaired@1` per file without a
    partner) after the files' own lines in the JSON Lines."""
    import json

    from sla_check.diff import diff_results
    from sla_check.report import printable

    diffs = [diff_results(old_results[old], new_results[new], req.options) for old, new in pairing.pairs]
    if workbook is not None:
        from sla_check.report.diff_sheet import add_diff_sheets

        add_diff_sheets(workbook.wb, diffs, pairing.unpaired)
    lines = [d.to_dict() for d in diffs] + [
        {"schema": "sla-check/unpaired@1", "side": side, "file": str(path), "reason": why}
        for side, path, why in pairing.unpaired]
    for fh in json_files:
        for line in lines:
            fh.write(printable(json.dumps(line, ensure_ascii=False, separators=(", ", ": "))) + "\n")
        fh.flush()
    return BaselineSummary(folder=str(req.baseline), compared=len(diffs), worse=sum(1 for d in diffs if d.worse),
                           unpaired=len(pairing.unpaired))


_CHECK_HEADERS = {"check_id": "Check", "title": "Title", "topic": "Topic", "scenario": "Scenario", "question": "Question",
                  "severity": "Severity", "thresholds": "Thresholds", "enabled": "Enabled", "type": "Check type",
                  "recommendation": "Recommendation"}


def _checklist_rows(checks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The checker's description of each check, with readable column names for the workbook."""
    out = []
    for c in checks:
        row = {label: c.get(key) for key, label in _CHECK_HEADERS.items() if key in c}
        row.update({k: v for k, v in c.items() if k not in _CHECK_HEADERS and k != "profile"})
        out.append(row)
    return out
