"""Every fixture through load_document: known sentences land on the right page and section,
both PDF engines agree, and every bad input fails with its code through the CLI."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from sla_check.cli import cli
from sla_check.ingest import load_document
from sla_check.models import Block, Document

ROOT = Path(__file__).resolve().parent.parent
CONTRACTS = ROOT / "fixtures" / "contracts"
BAD = ROOT / "fixtures" / "bad"


def _documents(folder: Path) -> list[Path]:
    """Readable documents: every file beside a truth file of the same stem."""
    return sorted(p for p in folder.glob("*") if p.is_file() and not p.name.endswith(".yml")
                  and p.with_name(p.name.rsplit(".", 1)[0] + ".truth.yml").exists())


def _truth(path: Path) -> dict:
    truth = path.with_name(path.name.rsplit(".", 1)[0] + ".truth.yml")
    return yaml.safe_load(truth.read_text(encoding="utf-8")) if truth.exists() else {}


CONTRACT_FILES = _documents(CONTRACTS) if CONTRACTS.exists() else []
PDF_FILES = [p for p in CONTRACT_FILES if p.suffix == ".pdf"]
BAD_FILES = sorted(p for p in BAD.glob("*") if p.is_file() and not p.name.endswith(".yml")) if BAD.exists() else []
LOCATES = [(p, loc) for p in CONTRACT_FILES for loc in _truth(p).get("locate", []) or []]

_cache: dict[tuple[Path, str], Document] = {}


def read(path: Path, engine: str = "auto") -> Document:
    key = (path, engine)
    if key not in _cache:
        _cache[key] = load_document(path, engine=engine)
    return _cache[key]


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s.replace("\u2019", "'").replace("\u2018", "'")).strip().lower()


def _norm_quote(s: str) -> str:
    """Truth quotes may keep Markdown emphasis; the reader drops it."""
    return _norm(re.sub(r"(\*\*|__)(.+?)\1", r"\2", s))


def _holds(block: Block, snippet: str) -> bool:
    """A table quote "| P2 | 2 hours |" (or the row's cells separated by spaces) matches a row."""
    if block.cells:
        if "|" in snippet:
            parts = [_norm_quote(c) for c in snippet.strip().strip("|").split("|") if c.strip()]
            cells = [_norm(c) for c in block.cells]
            if all(any(p in c for c in cells) for p in parts):
                return True
        if _in_order(_norm_quote(snippet).split(), _norm(" ".join(block.cells)).split()):
            return True  # quoted from page text, where a wrapped cell's lines interleave
        if block.header and _in_order(_norm_quote(snippet).split(), _norm(" ".join(block.header)).split()):
            return True  # the header row itself
    return _norm_quote(snippet) in _norm(block.text)


def _in_order(words: list[str], tokens: list[str]) -> bool:
    """Every word appears, in order, at the start of consecutive-or-later tokens."""
    it = iter(tokens)
    return bool(words) and all(any(t == w for t in it) for w in words)


def _page_of(block: Block, snippet: str) -> int:
    """The page of the snippet inside the block (paragraphs can run over a page break)."""
    at = _norm(block.text).find(_norm_quote(snippet))
    return block.page_at(max(at, 0))


def _same_section(block: Block, expected) -> bool:
    """Exact, or a lettered item cited more precisely under its clause ("3.1(d)" for "3.1")."""
    if block.section == expected:
        return True
    return expected is not None and block.section is not None and block.section.startswith(f"{expected}(")


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
@pytest.mark.parametrize("path", CONTRACT_FILES, ids=lambda p: p.name)
def test_fixture_ingests(path, engine):
    doc = read(path, engine)
    assert doc.pages >= 1 and doc.blocks
    assert all(b.page >= 1 and b.page <= doc.pages and b.text.strip() for b in doc.blocks)
    for b in doc.blocks:
        if b.kind == "table_row":
            assert b.table_id is not None and b.cells and b.page in doc.tables[b.table_id].pages
    expected = _truth(path).get("pages")
    if isinstance(expected, int):
        assert doc.pages == expected


@pytest.mark.parametrize("path", PDF_FILES, ids=lambda p: p.name)
def test_engines_give_the_same_blocks(path):
    fast, reference = read(path, "pdfium"), read(path, "pdfplumber")
    assert [(b.page, b.section, b.kind, b.text) for b in fast.blocks] == [(b.page, b.section, b.kind, b.text) for b in reference.blocks]
    assert fast.blocks == reference.blocks
    assert fast.tables == reference.tables
    assert fast.sections == reference.sections


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
@pytest.mark.parametrize("path,loc", LOCATES, ids=lambda v: v.name if isinstance(v, Path) else str(v.get("text", ""))[:40])
def test_known_text_has_its_page_and_section(path, loc, engine):
    if engine == "pdfplumber" and path.suffix != ".pdf":
        pytest.skip("the engine only applies to PDFs")
    doc = read(path, engine)
    hits = [b for b in doc.blocks if _holds(b, loc["text"])]
    assert hits, f"{loc['text']!r} not found"
    where = [(_page_of(b, loc["text"]), b.section) for b in hits]
    assert any(_page_of(b, loc["text"]) == loc["page"] and _same_section(b, loc.get("section")) for b in hits), f"found at {where}, expected {loc}"


def test_no_running_headers_or_page_numbers_left():
    for path in PDF_FILES:
        doc = read(path)
        for b in doc.blocks:
            assert not re.fullmatch(r"(page )?\d+( of \d+)?", b.text.strip().lower()), (path.name, b)
        if doc.pages >= 3:
            counts: dict[str, int] = {}
            for b in doc.blocks:
                if b.kind != "table_row" and len(b.text) < 120:
                    counts[b.text] = counts.get(b.text, 0) + 1
            repeated = [t for t, n in counts.items() if n >= doc.pages - 1 and n >= 3]
            assert not repeated, (path.name, repeated)


@pytest.mark.parametrize("path", BAD_FILES, ids=lambda p: p.name)
def test_bad_input_fails_with_its_code_through_the_cli(path):
    code = _truth(path)["error"]
    refuse_ocr = ["--no-ocr"] if (_truth(path).get("read_with") or {}).get("ocr") is False else []
    result = CliRunner().invoke(cli, ["show", str(path), *refuse_ocr])
    assert result.exit_code != 0
    output = result.output.strip()
    assert f"[{code}]" in output
    assert "Traceback" not in output and "\n" not in output
    assert result.exception is None or isinstance(result.exception, SystemExit)


@pytest.mark.parametrize("path", BAD_FILES, ids=lambda p: p.name)
def test_bad_input_same_code_with_reference_engine(path):
    from sla_check.errors import IngestError

    with pytest.raises(IngestError) as err:
        load_document(path, engine="pdfplumber", **(_truth(path).get("read_with") or {}))
    assert err.value.code == _truth(path)["error"]


def test_password_opens_the_encrypted_fixture():
    path = BAD / "encrypted.pdf"
    password = _truth(path)["password"]  # the truth file records the fixture's password
    from sla_check.errors import IngestError

    for engine in ("pdfium", "pdfplumber"):
        doc = load_document(path, engine=engine, password=password)
        assert doc.blocks
        with pytest.raises(IngestError) as err:
            load_document(path, engine=engine, password="not-" + password)
        assert err.value.code == "encrypted" and "--password" in err.value.message


def test_show_lists_sections_tables_and_blocks():
    if not PDF_FILES:
        pytest.skip("no PDF fixtures")
    path = next((p for p in PDF_FILES if read(p).tables), PDF_FILES[0])
    result = CliRunner().invoke(cli, ["show", str(path)])
    assert result.exit_code == 0, result.output
    assert "Sections (" in result.output and "Tables (" in result.output and "Blocks:" in result.output
    page1 = CliRunner().invoke(cli, ["show", str(path), "--page", "1"])
    assert "] p2 " not in page1.output
