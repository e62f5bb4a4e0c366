"""Fuzz test (issue 13): a few hundred broken copies of the fixtures, made with a fixed seed,
reviewed as one batch. Each must come back as exactly one result with a documented outcome
(never `internal`), the workbook and the JSON must be written, and the batch must end.

Marked `fuzz` (deselect with -m "not fuzz"); it runs in the normal suite in about a minute.
"""
from __future__ import annotations

import json
import random
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

sys.path.insert(0, str(Path(__file__).resolve().parent))
import hostile_inputs  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CONTRACTS = ROOT / "fixtures" / "contracts"
SEED = 1313
COUNT = 300
ODD = ["\ufffe", "\uffff", "\x00", "\x0c", "\u202e", "\U0001F600", "=1+1", "(" * 300, "1." * 200, "#" * 300, "\t@SUM(A1)"]


def _flip(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        k = rng.randrange(len(out))
        out[k] ^= 1 << rng.randrange(8)
    return bytes(out)


def _mutate(name: str, data: bytes, rng: random.Random) -> tuple[str, bytes]:
    """One random kind of damage; the suffix is kept (a broken file still claims its type)."""
    kind = rng.choice(["flip", "stream", "truncate", "splice", "zero", "trail", "text"])
    if kind == "flip":
        return kind, _flip(data, rng)
    if kind == "stream" and name.endswith(".pdf"):
        return kind, hostile_inputs.flip_stream_bytes(data, rng, rng.randint(1, 6))
    if kind == "truncate":
        return kind, data[: rng.randrange(1, len(data))]
    if kind == "splice":
        a, b = sorted(rng.randrange(len(data)) for _ in range(2))
        at = rng.randrange(len(data))
        return kind, data[:at] + data[a:b] + data[at:]
    if kind == "zero":
        a = rng.randrange(len(data))
        return kind, data[:a] + b"\0" * rng.randint(1, 512) + data[a + 512:]
    if kind == "trail":
        return kind, data + bytes(rng.randrange(256) for _ in range(rng.randint(1, 9000)))
    if name.endswith((".txt", ".md")):
        text = data.decode("utf-8", "replace")
        for _ in range(rng.randint(1, 5)):
            at = rng.randrange(len(text))
            text = text[:at] + rng.choice(ODD) + text[at:]
        return "text", text.encode("utf-8", "surrogatepass")
    return "flip", _flip(data, rng)


@pytest.fixture(scope="module")
def fuzzed(tmp_path_factory) -> list[Path]:
    rng = random.Random(SEED)
    sources = sorted(p for p in CONTRACTS.iterdir() if p.suffix in (".pdf", ".docx", ".txt", ".md"))
    folder = tmp_path_factory.mktemp("fuzz")
    out = []
    for i in range(COUNT):
        src = rng.choice(sources)
        kind, data = _mutate(src.name, src.read_bytes(), rng)
        path = folder / f"{i:03d}-{kind}-{src.name}"
        path.write_bytes(data)
        out.append(path)
    return out


@pytest.mark.fuzz
def test_fuzzed_fixtures_each_get_one_documented_result_and_the_reports_are_written(fuzzed: list[Path], tmp_path: Path, nlp):
    from sla_check.batch import review_files
    from sla_check.errors import INGEST_CODES
    from sla_check.pipeline import Options
    from sla_check.report.excel import ReviewWorkbook, RunInfo
    from sla_check.report.jsonl import dumps

    results = list(review_files(fuzzed, Options(), workers=2, timeout=60))
    assert [r.file for r in results] == [str(p) for p in fuzzed]
    codes = [r.error.code for r in results if r.error]
    assert set(codes) <= set(INGEST_CODES) - {"internal"}, [(r.file, r.error) for r in results if r.error and r.error.code == "internal"]
    assert "timeout" not in codes  # every one read in well under the limit: nothing hangs
    wb = ReviewWorkbook(RunInfo("fuzz", __import__("datetime").datetime(2026, 1, 1)))
    for r in results:
        wb.add(r)
        assert json.loads(dumps(r))["file"] == r.file
    wb.save(tmp_path / "fuzz.xlsx")
    rows = list(load_workbook(tmp_path / "fuzz.xlsx", read_only=True)["Files"].iter_rows(min_row=2, values_only=True))
    assert len(rows) == len(fuzzed)
    # a damaged page is never silent: every reviewed PDF whose page streams were damaged says so
    # (except in an encrypted PDF, whose streams are ciphertext to anything but the reader)
    for path, r in zip(fuzzed, results):
        src = CONTRACTS / path.name.split("-", 2)[2]
        if "-stream-" in path.name and r.status == "ok" and path.read_bytes() != src.read_bytes() \
                and b"/Encrypt" not in src.read_bytes():
            assert r.warnings, path.name
