"""The command line: review writes the workbook and JSON Lines, exit codes 0/1/2, help is fast."""
from __future__ import annotations

import gc
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from sla_check.batch import TEST_HANG_ENV
from sla_check.cli import cli

ROOT = Path(__file__).resolve().parent.parent
CONTRACTS = ROOT / "fixtures" / "contracts"
BAD = ROOT / "fixtures" / "bad"
GOOD = CONTRACTS / "university-it.md"
GOOD_PDF = CONTRACTS / "lumen-saas.pdf"
TINY = "Service Level Agreement\n\n1. Availability\n\nThe Service will be available 99.9% of each calendar month.\n"


def run(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False, env=env)


def files_sheet(path: Path) -> dict[str, tuple]:
    ws = load_workbook(path)["Files"]
    return {Path(r[0]).name: (r[3], r[4], r[5]) for r in ws.iter_rows(min_row=2, values_only=True)}


@pytest.mark.parametrize("args", [["-h"], ["--help"], ["review", "--help"], ["extract", "--help"]])
def test_help(args):
    result = run(*args)
    assert result.exit_code == 0 and "Usage:" in result.output


def test_every_command_has_help_with_an_example():
    for name in ("extract", "review", "eval"):
        assert "Example" in cli.commands[name].help, name


def test_top_level_help_is_fast_and_imports_nothing_heavy():
    code = "import sys; from sla_check.cli import cli; print(sorted(m for m in ('spacy', 'openpyxl', 'pdfplumber') if m in sys.modules))"
    started = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
    assert time.perf_counter() - started < 5


def test_review_mixed_batch_lists_every_file_and_exits_1(tmp_path: Path, nlp):
    folder = tmp_path / "in"
    folder.mkdir()
    for src in (BAD / "encrypted.pdf", BAD / "not-really.pdf", BAD / "empty.pdf"):
        shutil.copy(src, folder / src.name)
    for name in ("quick.txt", "stuck.md", "sub/notes.md"):  # small, so only the stuck one can time out
        (folder / name).parent.mkdir(exist_ok=True)
        (folder / name).write_text(TINY)
    (folder / "readme.yml").write_text("not a contract")
    (folder / "legacy.doc").write_text("a Word 97 contract we cannot read")
    out = tmp_path / "review.xlsx"
    result = run("review", folder, "-o", out, "--workers", "2", "--timeout", "8", env={TEST_HANG_ENV: "stuck.md"})
    assert result.exit_code == 1, result.output
    files = files_sheet(out)
    assert {k: v[:2] for k, v in files.items()} == {
        "empty.pdf": ("error", "empty"),
        "encrypted.pdf": ("error", "encrypted"),
        "not-really.pdf": ("error", "not_a_pdf"),
        "notes.md": ("ok", None),
        "quick.txt": ("ok", None),
        "stuck.md": ("error", "timeout"),
        "legacy.doc": ("skipped", "unsupported_format"),
    }
    assert all(reason for status, _code, reason in files.values() if status != "ok")
    from sla_check.report.excel import SUMMARY_HEADER_ROW

    sheet = load_workbook(out)["Summary"]
    full = [c.value for c in sheet[SUMMARY_HEADER_ROW]].index("File (full path)")
    summary = [r[full] for r in sheet.iter_rows(min_row=SUMMARY_HEADER_ROW + 1, values_only=True)]
    # reviewed contracts first (worst first), then the files that could not be reviewed, in input order
    assert [Path(f).relative_to(folder).as_posix() for f in summary] == [
        "quick.txt", "sub/notes.md", "empty.pdf", "encrypted.pdf", "not-really.pdf", "stuck.md"]
    assert "2 of 6 files reviewed" in result.output
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_review_all_good_exits_0_and_writes_json_lines(tmp_path: Path, nlp):
    out, jsonl = tmp_path / "r.xlsx", tmp_path / "r.jsonl"
    result = run("review", GOOD, GOOD_PDF, "-o", out, "--json-out", jsonl, "--workers", "2")
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in jsonl.read_text().splitlines()]
    assert [d["file"] for d in lines] == [str(GOOD), str(GOOD_PDF)]
    assert all(d["schema"] == "sla-check/terms@1" and d["status"] == "ok" and d["findings"] for d in lines)
    assert load_workbook(out).sheetnames[0] == "Summary"
    # the review keeps its pipeline out of garbage collection while it runs (gc.freeze), and
    # leaves the collector as it found it: the command can run inside someone else's process
    assert gc.get_freeze_count() == 0


def test_review_json_to_stdout_only(nlp):
    result = CliRunner().invoke(cli, ["review", str(GOOD), "--json", "--workers", "1"], catch_exceptions=False)
    assert result.exit_code == 0
    objects = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert len(objects) == 1 and objects[0]["rating"]["colour"] in {"Red", "Amber", "Green"}


def test_same_inputs_give_the_same_workbook(tmp_path: Path, nlp):
    env = {"SOURCE_DATE_EPOCH": "1767225600"}
    inputs = [GOOD, CONTRACTS / "quill-formula.pdf", BAD / "encrypted.pdf"]
    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    assert run("review", *inputs, "-o", a, "--workers", "2", env=env).exit_code == 1
    assert run("review", *inputs, "-o", b, "--workers", "1", env=env).exit_code == 1
    wa, wb = load_workbook(a), load_workbook(b)
    for name in wa.sheetnames:
        assert [[c.value for c in row] for row in wa[name].iter_rows()] == \
               [[c.value for c in row] for row in wb[name].iter_rows()], name
    assert a.read_bytes() == b.read_bytes()


@pytest.mark.parametrize("args, message", [
    (["review", str(GOOD)], "say where the review goes"),
    (["review", str(GOOD), "-o", "out.pdf"], "must end in .xlsx"),
    (["review", str(GOOD), "-o", "no/such/folder/r.xlsx"], "does not exist"),
    (["review", str(GOOD), "--workers", "0", "--json"], "--workers"),
    (["review", str(GOOD), "--timeout", "0", "--json"], "--timeout"),
    (["review", str(GOOD), "--json", "--profile", "no-such-profile"], "unknown profile"),
])
def test_review_usage_errors_exit_2(args, message, tmp_path: Path, monkeypatch):
    """...at once: before any worker is started or any pipeline built (seconds of warm-up)."""
    import sla_check.batch

    def no_workers(*a, **k):
        raise AssertionError("workers started before the usage error was reported")

    monkeypatch.setattr(sla_check.batch, "Workers", no_workers)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2, result.output
    assert message in result.output


def test_output_can_never_be_an_input(tmp_path: Path):
    target = tmp_path / "contracts.xlsx"
    target.write_bytes(b"not a contract")
    result = CliRunner().invoke(cli, ["review", str(target), "-o", str(target)])
    assert result.exit_code == 2 and "is one of the inputs" in result.output
    assert target.read_bytes() == b"not a contract"


def test_empty_folder_is_a_usage_error(tmp_path: Path):
    result = CliRunner().invoke(cli, ["review", str(tmp_path), "--json"])
    assert result.exit_code == 2 and "no .pdf, .docx, .txt or .md files" in result.output


def test_extract_prints_terms_with_page_citations(nlp):
    result = run("extract", GOOD)
    assert result.exit_code == 0
    assert "uptime" in result.output and "[p. 1" in result.output


def test_extract_reports_an_unreadable_file_and_exits_1():
    result = run("extract", BAD / "encrypted.pdf")
    assert result.exit_code == 1 and "encrypted" in result.output


def test_review_of_a_contract_with_formula_text_writes_no_formula(tmp_path: Path, nlp):
    out = tmp_path / "quill.xlsx"
    assert run("review", CONTRACTS / "quill-formula.pdf", "-o", out, "--workers", "1").exit_code == 0
    cells = [c for ws in load_workbook(out) for row in ws.iter_rows() for c in row]
    assert cells and all(c.data_type != "f" for c in cells)
    assert not any(c.hyperlink and "evil" in str(c.hyperlink.target) for c in cells)


def test_review_of_only_unreadable_files_still_writes_the_workbook(tmp_path: Path):
    out = tmp_path / "r.xlsx"
    result = run("review", BAD / "empty.pdf", BAD / "encrypted.pdf", "-o", out, "--workers", "1")
    assert result.exit_code == 1, result.output
    files = files_sheet(out)
    assert {k: v[:2] for k, v in files.items()} == {"empty.pdf": ("error", "empty"), "encrypted.pdf": ("error", "encrypted")}


def test_rules_option_reaches_every_rules_loader(tmp_path: Path):
    """--rules DIR is used by the sequence and lexicon loaders too, not only the pattern files.

    Run as a real process: rules load once per process, as in every real run."""
    import subprocess
    import sys

    from sla_check.ruleset import default_rules_dir

    rules = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), rules, ignore=shutil.ignore_patterns("__pycache__"))
    broken = rules / "sequences" / "exclusions.jsonl"
    broken.write_text(broken.read_text() + "{not json\n")
    proc = subprocess.run([sys.executable, "-m", "sla_check", "extract", str(GOOD), "--rules", str(rules)],
                          capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr.startswith("Error: ") and str(broken) in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stderr


def test_a_contract_in_a_format_we_cannot_read_is_named_in_the_terminal_with_what_to_do(tmp_path: Path):
    """A buyer who drops a Word 97 or RTF contract into the folder must see it by name, not only
    as a count of "other entries", and be told how to get it reviewed."""
    folder = tmp_path / "vendors"
    folder.mkdir()
    (folder / "acme.txt").write_text(TINY)
    (folder / "beta-sla.rtf").write_text("{\\rtf1 a contract we cannot read}")
    (folder / "notes.yml").write_text("not a contract")
    result = run("review", folder, "-o", tmp_path / "r.xlsx", "--workers", "1")
    line = next((x for x in result.output.splitlines() if "beta-sla.rtf" in x), "")
    assert "SKIPPED" in line and "save it as PDF or .docx" in line, result.output
    assert "notes.yml" not in result.output  # an unrelated file is only counted
    assert files_sheet(tmp_path / "r.xlsx")["beta-sla.rtf"][:2] == ("skipped", "unsupported_format")
