"""Hostile and broken input (issue 13): a workbook every time, every input listed, bounded
time and memory, no stray processes. One test per promise; the fuzz test is test_fuzz.py."""
from __future__ import annotations

import json
import os
from pathlib import Path

from click.testing import CliRunner
from openpyxl import load_workbook

from sla_check.cli import cli

ROOT = Path(__file__).resolve().parent.parent
CONTRACTS = ROOT / "fixtures" / "contracts"
BAD = ROOT / "fixtures" / "bad"
TINY = "Service Level Agreement\n\n1. Availability\n\nThe Service will be available 99.9% of each calendar month.\n"


def run(*args: object, env: dict[str, str] | None = None):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False, env=env)


def files_sheet(path: Path) -> dict[str, tuple]:
    ws = load_workbook(path)["Files"]
    return {Path(r[0]).name: r[1:] for r in ws.iter_rows(min_row=2, values_only=True)}


# ---------------------------------------------------------------- 1. XML-safe workbook, exit codes


def test_non_characters_and_undecodable_names_never_lose_the_workbook(tmp_path: Path, nlp):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "plain.txt").write_text(TINY.replace("Availability", "Avail\ufffeability\uffff"))
    (folder / "odd\uffff.txt").write_text(TINY)
    Path(os.fsdecode(os.fsencode(folder) + b"/latin-\xe9t\xe9.txt")).write_bytes(TINY.encode())  # not UTF-8
    out, jsonl = tmp_path / "r.xlsx", tmp_path / "r.jsonl"
    result = run("review", folder, "-o", out, "--json-out", jsonl, "--workers", "1")
    assert result.exit_code == 0, result.output
    files = files_sheet(out)
    assert {"plain.txt", "odd\ufffd.txt", "latin-\ufffdt\ufffd.txt"} <= set(files)
    assert all(v[2] == "ok" for v in files.values())
    lines = [json.loads(line) for line in jsonl.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 3 and all(d["status"] == "ok" for d in lines)


def test_a_row_that_cannot_be_written_is_listed_and_the_rest_saved(tmp_path: Path, monkeypatch):
    import sla_check.report.excel as excel
    from sla_check.models import FileResult

    wb = excel.ReviewWorkbook(excel.RunInfo("0", excel.dt.datetime(2026, 1, 1)))
    real = excel.ReviewWorkbook._add_summary

    def broken(self, r, first):
        if r.file == "b.txt":
            raise RuntimeError("boom")
        return real(self, r, first)

    monkeypatch.setattr(excel.ReviewWorkbook, "_add_summary", broken)
    for name in ("a.txt", "b.txt", "c.txt"):
        wb.add(FileResult(name, status="ok"))
    wb.save(tmp_path / "r.xlsx")
    rows = list(load_workbook(tmp_path / "r.xlsx")["Files"].iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in rows].count("b.txt") >= 1 and {"a.txt", "c.txt"} <= {r[0] for r in rows}
    assert any(r[0] == "b.txt" and r[4] == "internal" for r in rows)


def test_an_internal_crash_has_its_own_exit_code(tmp_path: Path, monkeypatch, nlp):
    import sla_check.report.excel as excel

    def crash(self, path):
        raise RuntimeError("a bug")

    monkeypatch.setattr(excel.ReviewWorkbook, "save", crash)
    (tmp_path / "a.txt").write_text(TINY)
    result = CliRunner().invoke(cli, ["review", str(tmp_path / "a.txt"), "-o", str(tmp_path / "r.xlsx"), "--workers", "1"])
    assert result.exit_code == 3, result.output
    assert "internal error" in result.output
