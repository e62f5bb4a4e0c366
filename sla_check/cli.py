"""The sla-check command line: parse options, call the library, write the output.

Heavy libraries (spaCy, pdfplumber, openpyxl) are imported inside commands so that
`sla-check --help` and `--version` start fast.
"""
from __future__ import annotations

import json
import os
import signal
import sys
from pathlib import Path
from typing import Any, Optional

import click

from sla_check import __version__


def reading_options(fn: Any) -> Any:
    """Options shared by every command that reads contracts."""
    for decorator in reversed(
        (
            click.option("--engine", type=click.Choice(["auto", "pdfium", "pdfplumber"]), default="auto", show_default=True,
                         help="PDF reader: pdfium text + pdfplumber tables (auto), or pdfplumber only (the reference)."),
            click.option("--password", default=None, help="Password for encrypted PDFs (the empty password is always tried)."),
            click.option("--ocr/--no-ocr", default=True, show_default=True,
                         help="Recognise PDF pages that have no text layer (scans) with Tesseract, when it is installed; "
                              "--no-ocr leaves them unread (no_text_layer)."),
            click.option("--max-pages", type=click.IntRange(min=1), default=2000, show_default=True, help="Refuse longer documents (too_large)."),
            click.option("--max-mb", type=click.FloatRange(min=0.001), default=200.0, show_default=True, help="Refuse larger files (too_large)."),
            click.option("--rules", "rules_dir", type=click.Path(exists=True, file_okay=False), default=None, help="Use this rules/ folder instead of the bundled one."),
        )
    ):
        fn = decorator(fn)
    return fn


def make_options(**kw: Any) -> Any:
    from sla_check.pipeline import Options

    max_mb = kw.pop("max_mb", 200.0)
    if kw.get("rules_dir"):
        kw["rules_dir"] = str(Path(kw["rules_dir"]).resolve())  # the same folder in every worker
    known = {k: v for k, v in kw.items() if k in Options.__dataclass_fields__ and v is not None}
    return Options(max_bytes=int(max_mb * 1024 * 1024), **known)


#: exit status when sla-check itself failed (a bug), distinct from 1 "some files unreadable"
EXIT_INTERNAL = 3


class _Cli(click.Group):
    """Turns the library's deliberate errors (a broken rules file, say) into one-line messages,
    and an unexpected crash into its own exit status (3) with the traceback to report."""

    def main(self, args: Any = None, *a: Any, **kw: Any) -> Any:  # type: ignore[override]
        """As the program itself (no `args`: the command line), exit without tearing the
        interpreter down: with spaCy loaded that takes 2-3 s after the last line is
        printed, which every run paid and which delayed the exit after SIGTERM past the
        grace period service managers allow. Called with `args` (tests, embedding), as usual."""
        if args is not None:
            return super().main(args, *a, **kw)
        try:
            return super().main(args, *a, **kw)
        except SystemExit as e:
            code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
            _exit_now(code)
            raise

    def invoke(self, ctx: click.Context) -> Any:
        from sla_check.errors import SlaCheckError

        previous = _on_sigterm(_terminate)
        try:
            return super().invoke(ctx)
        except SlaCheckError as e:
            raise click.ClickException(str(e)) from e
        except KeyboardInterrupt as e:
            # SIGTERM (timeout, CI, service managers) is handled like Ctrl-C: the with-blocks on
            # the way out stopped the workers and removed the temporary files
            terminated = isinstance(e, _Terminated)
            click.echo(f"sla-check: stopped by {'SIGTERM' if terminated else 'Ctrl-C'}; no report was written", err=True)
            ctx.exit(128 + (signal.SIGTERM if terminated else signal.SIGINT))
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except Exception as e:  # noqa: BLE001 - anything else is a bug in sla-check
            import traceback

            traceback.print_exc(file=sys.stderr)
            click.echo(f"sla-check: internal error ({type(e).__name__}: {e}); please report it with the traceback above",
                       err=True)
            ctx.exit(EXIT_INTERNAL)
        finally:
            _on_sigterm(previous)


def _exit_now(code: int) -> None:
    """Flush what was written and end the process at once (files were closed by the with-
    blocks that wrote them; the workers are gone)."""
    import logging

    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    logging.shutdown()
    os._exit(code)


class _Terminated(KeyboardInterrupt):
    """SIGTERM arrived: unwinds like Ctrl-C."""


def _terminate(signum: int, frame: Any) -> None:
    # once: `timeout` and service managers may signal the process and then its whole group,
    # and a second exception would cut short the clean-up the first one started
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    raise _Terminated()


def _on_sigterm(handler: Any) -> Any:
    """Install `handler` for SIGTERM and return the previous one (None off the main thread)."""
    if handler is None:
        return None
    try:
        return signal.signal(signal.SIGTERM, handler)
    except ValueError:  # not the main thread (an embedding application): leave signals alone
        return None


@click.group(cls=_Cli, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="sla-check")
def cli() -> None:
    """Review vendor SLAs and show, with page citations, where they leave you exposed.

    Example:

        sla-check review contracts/ -o review.xlsx
    """


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the spec's JSON, one object per line, in input order.")
@reading_options
def extract(files: tuple[str, ...], as_json: bool, **kw: Any) -> None:
    """Extract SLA terms (uptime, response times, credits...) with their evidence.

    Example:

        sla-check extract vendor-sla.pdf --json
    """
    from sla_check.pipeline import extract_file, get_nlp
    from sla_check.report.jsonl import dumps
    from sla_check.report.text import format_terms

    options = make_options(**kw)
    nlp = get_nlp(options.rules_dir)
    failed = internal = 0
    for path in files:
        result = extract_file(path, options, nlp)
        failed += result.status != "ok"
        internal += result.error is not None and result.error.code == "internal"
        if as_json:
            click.echo(dumps(result))
        else:
            click.echo(format_terms(result))
    sys.exit(EXIT_INTERNAL if internal else 1 if failed else 0)


@cli.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--page", type=int, default=None, help="Show only this page.")
@reading_options
def show(file: str, page: Optional[int], **kw: Any) -> None:
    """Show what was read from a file: pages, sections, tables and text blocks.

    Use it to see why a value was or wasn't found.
    """
    from sla_check.errors import IngestError
    from sla_check.ingest import describe, load_document

    options = make_options(**kw)
    try:
        document = load_document(file, engine=options.engine, password=options.password, ocr=options.ocr,
                                 max_pages=options.max_pages, max_bytes=options.max_bytes)
    except IngestError as e:
        raise click.ClickException(f"{file}: [{e.code}] {e.message}")
    click.echo(describe(document, page=page))


@cli.command(name="eval")
@click.argument("dirs", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--min-f1", type=click.FloatRange(0, 1), default=None, help="Exit 1 when any field's F1 is below this.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--diff", "diffs", is_flag=True,
              help="Score `sla-check diff` on the pairs of versions described by *.diff.yml files under DIRS; exit 1 unless all pass.")
@click.option("--findings", is_flag=True,
              help="Also score the findings (status and citation per check) against the truth files' findings: blocks.")
@click.option("--min-accuracy", type=click.FloatRange(0, 1), default=None,
              help="With --findings: exit 1 when the findings' status accuracy is below this.")
@click.option("--profile", default=None,
              help="Checklist thresholds for --findings and --diff (a profile in rules/profiles.yml).")
@reading_options
def eval_(dirs: tuple[str, ...], min_f1: Optional[float], as_json: bool, diffs: bool, findings: bool,
          min_accuracy: Optional[float], profile: Optional[str], **kw: Any) -> None:
    """Score extraction against the *.truth.yml files found under DIRS.

    Example:

        sla-check eval fixtures/ --min-f1 0.95
        sla-check eval fixtures/ --findings --min-accuracy 0.97
        sla-check eval --diff fixtures/diff
    """
    from sla_check.evaluate import evaluate

    if diffs:
        from sla_check.diff_eval import evaluate_diffs

        scored = evaluate_diffs([Path(d) for d in dirs], make_options(profile=profile, **kw))
        click.echo(json.dumps(scored.to_dict(), indent=2) if as_json else scored.format_text())
        sys.exit(0 if scored.passed else 1)

    if min_accuracy is not None and not findings:
        raise click.UsageError("--min-accuracy needs --findings")
    options = make_options(profile=profile, **kw)
    report = evaluate([Path(d) for d in dirs], options, findings=findings)
    click.echo(json.dumps(report.to_dict(), indent=2) if as_json else report.format_text())
    failed = False
    if min_f1 is not None and report.lowest_f1() < min_f1:
        click.echo(f"FAIL: lowest F1 {report.lowest_f1():.3f} < {min_f1}", err=True)
        failed = True
    if min_accuracy is not None:
        accuracy = report.status_accuracy
        if accuracy is None or accuracy < min_accuracy:
            shown = "no findings listed" if accuracy is None else f"{accuracy:.3f}"
            click.echo(f"FAIL: findings status accuracy {shown} < {min_accuracy}", err=True)
            failed = True
    if failed:
        sys.exit(1)


@cli.command()
@click.argument("old", type=click.Path(exists=True, dir_okay=False))
@click.argument("new", type=click.Path(exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object with a `changes` list (see the README).")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Write a workbook (.xlsx) with the Changes and the findings side by side.")
@click.option("--profile", default=None, help="Thresholds to judge against (a profile in rules/profiles.yml).")
@click.option("--checklist", type=click.Path(exists=True, dir_okay=False), default=None,
              help="Use this checklist YAML instead of the bundled one.")
@reading_options
def diff(old: str, new: str, as_json: bool, output: Optional[str], **kw: Any) -> None:
    """Say what a new version of an SLA changed, and whether it got worse.

    Terms are matched by meaning (uptime by service and period, response times by
    priority and kind, exclusions by category...), each change is judged better, worse,
    changed, added or removed against the profile's thresholds, worst first, with the
    evidence from both files. Exit status: 0 no change is worse, 1 at least one change is
    worse (or a file could not be read), 2 usage error.

    Example:

        sla-check diff vendor-sla-2024.pdf vendor-sla-2025.pdf -o changes.xlsx
    """
    from sla_check.check import validate_rules
    from sla_check.diff import diff_files, load_diff_rules
    from sla_check.errors import RulesError
    from sla_check.report.diff_text import format_diff

    if output and Path(output).suffix.lower() != ".xlsx":
        raise click.BadParameter("the workbook's name must end in .xlsx", param_hint="-o/--output")
    if output and not Path(output).resolve().parent.is_dir():
        raise click.BadParameter(f"folder {str(Path(output).parent)!r} does not exist", param_hint="-o/--output")
    if output and Path(output).resolve() in (Path(old).resolve(), Path(new).resolve()):
        raise click.BadParameter(f"{output} is one of the inputs; choose another file", param_hint="-o/--output")
    options = make_options(**kw)
    try:
        validate_rules(options)
        load_diff_rules(options.rules_dir)
    except RulesError as e:
        raise click.UsageError(str(e))
    result = diff_files(old, new, options)
    if output:
        from sla_check.report import run_timestamp
        from sla_check.report.diff_sheet import write_diff_workbook

        write_diff_workbook([result], output, run_timestamp())
    if as_json:
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False))
    else:
        click.echo(format_diff(result))
    if output:
        click.echo(f"Wrote {output}", err=as_json)
    sys.exit(1 if result.worse or not result.ok else 0)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Write the review workbook (.xlsx) here.")
@click.option("--json", "as_json", is_flag=True, help="Print the spec's JSON Lines (with findings) to stdout.")
@click.option("--json-out", type=click.Path(dir_okay=False), default=None, help="Write the JSON Lines to this file.")
@click.option("--workers", type=click.IntRange(min=1), default=None, help="Files reviewed at once.  [default: all cores]")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=120.0, show_default=True,
              help="Seconds allowed per file before it is stopped and reported as failed.")
@click.option("--max-memory-mb", type=click.IntRange(min=256), default=1024, show_default=True,
              help="Memory each worker may use; a file that needs more is reported too_large.")
@click.option("--profile", default=None, help="Checklist thresholds to apply (a profile in rules/profiles.yml).")
@click.option("--checklist", type=click.Path(exists=True, dir_okay=False), default=None,
              help="Use this checklist YAML instead of the bundled one.")
@click.option("--downtime-cost", type=click.FloatRange(min=0), default=None,
              help="What an hour of downtime costs you (for the Downtime sheet).")
@click.option("--currency", default="GBP", show_default=True, help="Currency of --downtime-cost and --monthly-fee.")
@click.option("--monthly-fee", type=click.FloatRange(min=0), default=None,
              help="What you pay per month, to turn credit percentages into money.")
@click.option("--baseline", type=click.Path(exists=True, file_okay=False), default=None,
              help="Folder of the previous versions: pair them with the reviewed files by vendor and add a Changes sheet.")
@click.option("--pairs", "pairs_file", type=click.Path(exists=True, dir_okay=False), default=None,
              help="With --baseline: a YAML file `pairs: {old file: new file}` instead of pairing by vendor name.")
@reading_options
def review(paths: tuple[str, ...], output: Optional[str], as_json: bool, json_out: Optional[str],
           workers: Optional[int], timeout: float, baseline: Optional[str], pairs_file: Optional[str], **kw: Any) -> None:
    """Review contracts (files or folders) and write the review workbook.

    Folders are searched recursively for .pdf, .docx, .txt and .md files. A file that
    cannot be read is listed with the reason and the rest go on. Exit status: 0 when every
    file was reviewed, 1 when some could not be, 2 for usage errors, 3 for an internal
    error (a bug), 130/143 when stopped by Ctrl-C/SIGTERM.

    Example:

        sla-check review contracts/ -o review.xlsx --downtime-cost 5000
    """
    import contextlib
    import gc

    from sla_check.batch import Workers, collect_inputs, review_files, skipped_result, worker_count
    from sla_check.check import describe_checklist, describe_profile, rating_bands, rating_formula, validate_rules
    from sla_check.errors import RulesError, SlaCheckError
    from sla_check.report import atomic_output, error_reason, printable, run_timestamp
    from sla_check.report.jsonl import write_result
    from sla_check.report.text import format_table
    from sla_check.ruleset import rules_hash

    if not (output or as_json or json_out):
        raise click.UsageError("say where the review goes: -o review.xlsx, --json or --json-out FILE")
    if pairs_file and not baseline:
        raise click.UsageError("--pairs needs --baseline OLD_DIR")
    targets = {name: Path(p) for name, p in (("--output", output), ("--json-out", json_out)) if p}
    if output and Path(output).suffix.lower() != ".xlsx":
        raise click.BadParameter("the workbook's name must end in .xlsx", param_hint="-o/--output")
    for name, target in targets.items():
        if not target.resolve().parent.is_dir():
            raise click.BadParameter(f"folder {str(target.parent)!r} does not exist", param_hint=name)
        problem = _unwritable(target)
        if problem:  # found now, not after the whole review has run
            raise click.BadParameter(problem, param_hint=name)
    if output and json_out and Path(output).resolve() == Path(json_out).resolve():
        raise click.UsageError("--output and --json-out must be different files")

    inputs = collect_inputs(paths)
    if not inputs.files:
        raise click.UsageError("no .pdf, .docx, .txt or .md files found in " + ", ".join(paths))
    resolved = {f.resolve() for f in inputs.files}
    for name, target in targets.items():
        if target.resolve() in resolved:
            raise click.BadParameter(f"{target} is one of the inputs; choose another file", param_hint=name)

    options = make_options(**kw)
    if "numpy" not in sys.modules:
        # this process builds the pipeline (importing numpy) and then forks the workers;
        # numpy's OpenBLAS would start a thread pool that nothing here uses, and forking a
        # process that runs threads is unsafe (Python 3.12+ warns about it)
        for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
            os.environ.setdefault(name, "1")
    # a mistyped profile or a broken checklist is reported at once, before seconds of warm-up
    try:
        validate_rules(options)
        checks = describe_checklist(options)
        thresholds = describe_profile(options)
        formula = rating_formula(options)
        bands = rating_bands(options)
    except RulesError as e:
        raise click.UsageError(str(e))
    # workers start (with the pipeline built here and inherited, where they are forked) and
    # review while this process, at the first result, opens the workbook
    started = Workers(options, worker_count(workers, len(inputs.files)))

    run_options = {
        "profile": options.profile, "checklist": options.checklist or "bundled", "rules": options.rules_dir or "bundled",
        "downtime_cost": options.downtime_cost, "currency": options.currency, "monthly_fee": options.monthly_fee,
        "engine": options.engine, "ocr": options.ocr, "max_pages": options.max_pages, "max_mb": kw.get("max_mb"),
        "timeout": timeout, "max_memory_mb": options.max_memory_mb,
        **({"baseline": baseline, "pairs": pairs_file or "by vendor name"} if baseline else {}),
    }
    run_date = run_timestamp()

    def open_workbook() -> Any:
        """Opened when the first result arrives (importing openpyxl takes a quarter of a
        second): the workers already have their files by then."""
        from sla_check import __version__ as version
        from sla_check.report.excel import ReviewWorkbook, RunInfo

        return ReviewWorkbook(RunInfo(
            version=version, run_date=run_date, profile=options.profile, options=run_options,
            rules_hash=rules_hash(options.rules_dir), inputs=list(paths), rating_formula=formula,
            checks=_checklist_rows(checks), thresholds=thresholds, rating_bands=bands,
        ))

    workbook = None

    rows: list[list[Any]] = []
    reviewed: list[Any] = []  # kept only with --baseline, to compare with the old versions
    failed = internal = 0
    with contextlib.ExitStack() as stack:
        stack.callback(started.close)  # also when anything below fails before the review starts
        # the pipeline built for the workers stays here unused: keep it (and every module) out
        # of the collections the workbook's growing cell count sets off (~0.4 s per 100 files)
        gc.freeze()  # (no collection first: it would cost 0.1 s here for almost no garbage)
        stack.callback(gc.unfreeze)
        json_files = []
        if json_out:
            json_files.append(stack.enter_context(atomic_output(json_out, "w")))
        if as_json:
            json_files.append(sys.stdout)
        advance = stack.enter_context(_progress(len(inputs.files)))
        try:
            for result in review_files(inputs.files, options, timeout=timeout, on_done=advance, started=started):
                if output:
                    if workbook is None:
                        workbook = open_workbook()
                    workbook.add(result)
                for fh in json_files:
                    write_result(fh, result)
                if baseline:
                    reviewed.append(result)
                failed += result.status != "ok"
                internal += result.error is not None and result.error.code == "internal"
                r = result.rating
                rows.append([printable(result.file), r.colour if r else "-", r.score if r else "-", r.problems_high if r else "-",
                             "reviewed" if result.status == "ok" else
                             f"FAILED [{result.error.code if result.error else '?'}] {error_reason(result)}"[:100]])
        except SlaCheckError as e:
            raise click.ClickException(str(e))
        if baseline and output and workbook is None:
            workbook = open_workbook()
        baseline_note = _compare_baseline(baseline, pairs_file, paths, reviewed, options, workbook) if baseline else ""
        for fh in json_files:  # after the reviewed files (their order is the spec's), the skipped entries
            for s in inputs.skipped:
                write_result(fh, skipped_result(s))
        if output:
            if workbook is None:
                workbook = open_workbook()
            for s in inputs.skipped:
                workbook.add_skipped(s.path, s.reason, s.code)
            try:
                workbook.save(output)  # type: ignore[arg-type]
            except (OSError, SlaCheckError) as e:
                raise click.ClickException(f"could not write {output}: {e}")

    err = as_json  # stdout carries the JSON: the human summary goes to stderr
    click.echo(format_table(["File", "Rating", "Score", "High problems", "Status"], rows), err=err)
    done = f"{len(rows) - failed} of {len(rows)} files reviewed"
    if failed:
        done += f"; {failed} could not be (see the Files sheet)" if output else f"; {failed} could not be"
    if inputs.skipped:
        done += f"; {len(inputs.skipped)} other entries in the folders skipped (listed with the reason)"
    if inputs.ignored:
        done += f"; {inputs.ignored} unrelated file(s) (not a contract format) ignored"
    if output:
        done += f". Wrote {output}"
    click.echo(done, err=err)
    if baseline_note:
        click.echo(baseline_note, err=err)
    sys.exit(EXIT_INTERNAL if internal else 1 if failed else 0)


def _unwritable(target: Path) -> Optional[str]:
    """Why the report could not be saved at `target` (None when it can): the folder is tried
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


def _compare_baseline(baseline: str, pairs_file: Optional[str], paths: tuple[str, ...], reviewed: list[Any],
                      options: Any, workbook: Any) -> str:
    """review --baseline: compare each reviewed file with its old version; the Changes sheets go
    into the review workbook when there is one. Returns a one-line summary."""
    from sla_check.diff import DiffError, baseline_diffs

    roots = [Path(p) for p in paths if Path(p).is_dir()]
    try:
        diffs, unpaired = baseline_diffs(baseline, reviewed, options, pairs_file, roots[0] if roots else None)
    except DiffError as e:
        raise click.UsageError(str(e))
    if workbook is not None:
        from sla_check.report.diff_sheet import add_diff_sheets

        add_diff_sheets(workbook.wb, diffs, unpaired)
    worse = sum(1 for d in diffs if d.worse)
    return (f"Baseline {baseline}: {len(diffs)} pair(s) compared, {worse} with a worse change, "
            f"{len(unpaired)} file(s) without a partner" + (" (see the Changes and Versions sheets)" if workbook else ""))


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


def _progress(total: int) -> Any:
    """A progress bar on stderr when it is a terminal; yields the per-file callback."""
    import contextlib

    @contextlib.contextmanager
    def bar() -> Any:
        if not sys.stderr.isatty():
            yield lambda result: None
            return
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        with Progress(TextColumn("Reviewing"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                      TextColumn("{task.description}"), console=Console(stderr=True), transient=True, auto_refresh=False) as progress:
            # no refresh thread: worker processes are forked and a running thread makes fork unsafe
            task = progress.add_task("", total=total)

            def advance(result: Any) -> None:
                progress.update(task, advance=1, description=Path(result.file).name)
                progress.refresh()

            progress.refresh()
            yield advance

    return bar()
