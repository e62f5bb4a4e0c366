"""The sla-check command line: parse options, call the library, write the output.

Heavy libraries (spaCy, pdfplumber, openpyxl) are imported inside commands so that
`sla-check --help` and `--version` start fast.
"""
from __future__ import annotations

import json
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
            click.option("--ocr", is_flag=True, help="Run ocrmypdf on image-only PDFs when it is installed."),
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
    known = {k: v for k, v in kw.items() if k in Options.__dataclass_fields__ and v is not None}
    return Options(max_bytes=int(max_mb * 1024 * 1024), **known)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
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
