"""The sla-check command line: parse options, call the library, write the output.

Heavy libraries (spaCy, pdfplumber, openpyxl) are imported inside commands so that
`sla-check --help` and `--version` start fast.
"""
from __future__ import annotations

import json
import os
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
        from sla_check.ruleset import RULES_ENV

        # one rules folder for the whole run: lexicons and sequences load lazily, workers inherit it
        os.environ[RULES_ENV] = str(Path(kw["rules_dir"]).resolve())
    known = {k: v for k, v in kw.items() if k in Options.__dataclass_fields__ and v is not None}
    return Options(max_bytes=int(max_mb * 1024 * 1024), **known)


class _Cli(click.Group):
    """Turns the library's deliberate errors (a broken rules file, say) into one-line messages."""

    def invoke(self, ctx: click.Context) -> Any:
        from sla_check.errors import SlaCheckError

        try:
            return super().invoke(ctx)
        except SlaCheckError as e:
            raise click.ClickException(str(e)) from e


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
    from sla_check.report.text import format_terms

    options = make_options(**kw)
    nlp = get_nlp(options.rules_dir)
    failed = 0
    for path in files:
        result = extract_file(path, options, nlp)
        failed += result.status != "ok"
        if as_json:
            click.echo(json.dumps(result.to_dict(), ensure_ascii=False))
        else:
            click.echo(format_terms(result))
    sys.exit(1 if failed else 0)


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
@reading_options
def eval_(dirs: tuple[str, ...], min_f1: Optional[float], as_json: bool, **kw: Any) -> None:
    """Score extraction against the *.truth.yml files found under DIRS.

    Example:

        sla-check eval fixtures/ --min-f1 0.95
    """
    from sla_check.evaluate import evaluate

    report = evaluate([Path(d) for d in dirs], make_options(**kw))
    click.echo(json.dumps(report.to_dict(), indent=2) if as_json else report.format_text())
    if min_f1 is not None and report.lowest_f1() < min_f1:
        click.echo(f"FAIL: lowest F1 {report.lowest_f1():.3f} < {min_f1}", err=True)
        sys.exit(1)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Write the review workbook (.xlsx) here.")
@click.option("--json", "as_json", is_flag=True, help="Print the spec's JSON Lines (with findings) to stdout.")
@click.option("--json-out", type=click.Path(dir_okay=False), default=None, help="Write the JSON Lines to this file.")
@click.option("--workers", type=click.IntRange(min=1), default=None, help="Files reviewed at once.  [default: all cores]")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=120.0, show_default=True,
              help="Seconds allowed per file before it is stopped and reported as failed.")
@click.option("--profile", default=None, help="Checklist thresholds to apply (a profile in rules/profiles.yml).")
@click.option("--checklist", type=click.Path(exists=True, dir_okay=False), default=None,
              help="Use this checklist YAML instead of the bundled one.")
@click.option("--downtime-cost", type=click.FloatRange(min=0), default=None,
              help="What an hour of downtime costs you (for the Downtime sheet).")
@click.option("--currency", default="GBP", show_default=True, help="Currency of --downtime-cost and --monthly-fee.")
@click.option("--monthly-fee", type=click.FloatRange(min=0), default=None,
              help="What you pay per month, to turn credit percentages into money.")
@reading_options
def review(paths: tuple[str, ...], output: Optional[str], as_json: bool, json_out: Optional[str],
           workers: Optional[int], timeout: float, **kw: Any) -> None:
    """Review contracts (files or folders) and write the review workbook.

    Folders are searched recursively for .pdf, .docx, .txt and .md files. A file that
    cannot be read is listed with the reason and the rest go on. Exit status: 0 when every
    file was reviewed, 1 when some could not be, 2 for usage errors.

    Example:

        sla-check review contracts/ -o review.xlsx --downtime-cost 5000
    """
    import contextlib
    import gc

    from sla_check.batch import Workers, collect_inputs, review_files, worker_count
    from sla_check.check import describe_checklist, describe_profile, rating_formula, validate_rules
    from sla_check.errors import RulesError, SlaCheckError
    from sla_check.report import atomic_output, error_reason, run_timestamp
    from sla_check.report.jsonl import write_result
    from sla_check.report.text import format_table
    from sla_check.ruleset import rules_hash

    if not (output or as_json or json_out):
        raise click.UsageError("say where the review goes: -o review.xlsx, --json or --json-out FILE")
    targets = {name: Path(p) for name, p in (("--output", output), ("--json-out", json_out)) if p}
    if output and Path(output).suffix.lower() != ".xlsx":
        raise click.BadParameter("the workbook's name must end in .xlsx", param_hint="-o/--output")
    for name, target in targets.items():
        if not target.resolve().parent.is_dir():
            raise click.BadParameter(f"folder {str(target.parent)!r} does not exist", param_hint=name)
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
    except RulesError as e:
        raise click.UsageError(str(e))
    # workers start (with the pipeline built here and inherited, where they are forked) and
    # review while this process, at the first result, opens the workbook
    started = Workers(options, worker_count(workers, len(inputs.files)))

    run_options = {
        "profile": options.profile, "checklist": options.checklist or "bundled", "rules": options.rules_dir or "bundled",
        "downtime_cost": options.downtime_cost, "currency": options.currency, "monthly_fee": options.monthly_fee,
        "engine": options.engine, "ocr": options.ocr, "max_pages": options.max_pages, "max_mb": kw.get("max_mb"),
        "timeout": timeout,
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
            checks=_checklist_rows(checks), thresholds=thresholds,
        ))

    workbook = None

    rows: list[list[Any]] = []
    failed = 0
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
                failed += result.status != "ok"
                r = result.rating
                rows.append([result.file, r.colour if r else "-", r.score if r else "-", r.gaps_high if r else "-",
                             "reviewed" if result.status == "ok" else
                             f"FAILED [{result.error.code if result.error else '?'}] {error_reason(result)}"[:100]])
        except SlaCheckError as e:
            raise click.ClickException(str(e))
        if output:
            if workbook is None:
                workbook = open_workbook()
            for path in inputs.skipped:
                workbook.add_skipped(path, "not reviewed: only .pdf, .docx, .txt and .md files are read from folders")
            try:
                workbook.save(output)  # type: ignore[arg-type]
            except (OSError, SlaCheckError) as e:
                raise click.ClickException(f"could not write {output}: {e}")

    err = as_json  # stdout carries the JSON: the human summary goes to stderr
    click.echo(format_table(["File", "Rating", "Score", "High gaps", "Status"], rows), err=err)
    done = f"{len(rows) - failed} of {len(rows)} files reviewed"
    if failed:
        done += f"; {failed} could not be (see the Files sheet)" if output else f"; {failed} could not be"
    if inputs.skipped:
        done += f"; {len(inputs.skipped)} other file(s) in the folders skipped"
    if output:
        done += f". Wrote {output}"
    click.echo(done, err=err)
    sys.exit(1 if failed else 0)


_CHECK_HEADERS = {"check_id": "Check", "topic": "Topic", "scenario": "Scenario", "question": "Question",
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
