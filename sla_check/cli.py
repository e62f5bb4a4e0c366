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
from typing import TYPE_CHECKING, Any, Optional

import click

from sla_check import __version__

if TYPE_CHECKING:  # the library is imported when a command runs, so that --help stays quick
    from sla_check.pipeline import Options


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


def make_options(**kw: Any) -> Options:
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

    Folders are searched recursively for .pdf, .docx, .html, .txt, .md and scanned pictures
    (.tif, .png, .jpg). A file that
    cannot be read is listed with the reason and the rest go on. Exit status: 0 when every
    file was reviewed, 1 when some could not be, 2 for usage errors, 3 for an internal
    error (a bug), 130/143 when stopped by Ctrl-C/SIGTERM.

    Example:

        sla-check review contracts/ -o review.xlsx --downtime-cost 5000
    """
    from sla_check.errors import RulesError, SlaCheckError
    from sla_check.report import printable
    from sla_check.report.text import format_table
    from sla_check.review import ReviewRequest, ReviewRequestError, run_review

    request = ReviewRequest(
        paths=paths, options=make_options(**kw), output=output, json_out=json_out,
        json_stream=sys.stdout if as_json else None, workers=workers, timeout=timeout,
        baseline=baseline, pairs_file=pairs_file, max_mb=kw.get("max_mb"))
    progress = _progress()
    try:
        with progress:
            summary = run_review(request, on_done=progress.advance, on_total=progress.start)
    except ReviewRequestError as e:
        if e.option:
            raise click.BadParameter(str(e), param_hint=e.option)
        raise click.UsageError(str(e))
    except RulesError as e:
        raise click.UsageError(str(e))
    except OSError as e:
        raise click.ClickException(f"could not write the review: {e}")
    except SlaCheckError as e:
        raise click.ClickException(str(e))

    rows: list[list[str | float | int]] = [[printable(f.file), f.colour or "-", "-" if f.score is None else f.score,
             "-" if f.problems_high is None else f.problems_high,
             "reviewed" if f.status == "ok" else f"FAILED [{f.status}] {f.reason}"[:100]] for f in summary.files]
    # a contract in a format we cannot read is named with its reason, never only counted
    skipped_rows: list[list[str | float | int]] = [
        [printable(path), "-", "-", "-", f"SKIPPED {reason}"[:110]] for path, reason in summary.skipped_entries]
    err = as_json  # stdout carries the JSON: the human summary goes to stderr
    click.echo(format_table(["File", "Rating", "Score", "High problems", "Status"], rows + skipped_rows), err=err)
    done = f"{len(rows) - summary.failed} of {len(rows)} files reviewed"
    if summary.failed:
        done += f"; {summary.failed} could not be (see the Files sheet)" if output else f"; {summary.failed} could not be"
    if summary.skipped:
        done += f"; {_count(summary.skipped, 'other entry', 'other entries')} in the folders skipped (SKIPPED above" + \
            (", and on the Files sheet)" if output else ")")
    if summary.ignored:
        done += f"; {_count(summary.ignored, 'unrelated file')} (not a contract format) ignored"
    if output:
        done += f". Wrote {output}"
    click.echo(done, err=err)
    if summary.baseline:
        b = summary.baseline
        click.echo(f"Baseline {b.folder}: {_count(b.compared, 'pair')} compared, {b.worse} with a worse change, "
                   f"{_count(b.unpaired, 'file')} without a partner" + (" (see the Changes and Versions sheets)" if output else ""),
                   err=err)
    sys.exit(summary.exit_code)


def _count(n: int, one: str, many: str = "") -> str:
    """"1 file", "3 files": a count a buyer reads without "(s)"."""
    return f"{n} {one if n == 1 else (many or one + 's')}"


class _progress:
    """A progress bar on stderr when it is a terminal: `start(total)` once the number of files
    is known, `advance(result)` after each file."""

    def __init__(self) -> None:
        self._bar: Any = None
        self._task: Any = None

    def __enter__(self) -> "_progress":
        return self

    def __exit__(self, *exc: Any) -> None:
        if self._bar is not None:
            self._bar.stop()

    def start(self, total: int) -> None:
        if not sys.stderr.isatty():
            return
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        # no refresh thread: worker processes are forked and a running thread makes fork unsafe
        self._bar = Progress(TextColumn("Reviewing"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                             TextColumn("{task.description}"), console=Console(stderr=True), transient=True,
                             auto_refresh=False)
        self._bar.start()
        self._task = self._bar.add_task("", total=total)
        self._bar.refresh()

    def advance(self, result: Any) -> None:
        if self._bar is not None:
            self._bar.update(self._task, advance=1, description=Path(result.file).name)
            self._bar.refresh()
