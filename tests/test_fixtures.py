"""Integrity of the fixture corpus: every document has a truth file in the spec's format,
bad inputs say which error they must produce, and the generator is reproducible."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
import yaml

from sla_check.ingest import DOCUMENT_EXTENSIONS

ROOT = Path(__file__).resolve().parent.parent
CONTRACTS = ROOT / "fixtures" / "contracts"
BAD = ROOT / "fixtures" / "bad"
TOOLS = ROOT / "tools"

DOC_SUFFIXES = set(DOCUMENT_EXTENSIONS)
TRUTH_KEYS = {
    "id", "kind", "uptime", "response_times", "support_hours", "exclusions", "service_credits",
    "maintenance_notice_hours", "proactive_monitoring", "chronic_failure_termination",
}
KINDS = {"cloud", "msp", "saas", "support", "telecom", "public-sector", "other"}
SUPPORT_HOURS = {"24x7", "business_hours", "mixed", "unspecified", None}
EXCLUSION_CATEGORIES = {
    "scheduled_maintenance", "emergency_maintenance", "force_majeure", "customer_caused",
    "third_party", "network_outside_provider", "suspension", "beta_preview", "other",
}
PERIODS = {"month", "quarter", "year", "unspecified"}
BAD_CODES = {"encrypted", "corrupt", "not_a_pdf", "no_text_layer", "empty",
             "unsupported_format", "timeout", "too_large"}


def _docs(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix in DOC_SUFFIXES)


def _truths(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.truth.yml"))


def _stem(truth: Path) -> str:
    return truth.name[: -len(".truth.yml")]


def _load_generator():
    spec = importlib.util.spec_from_file_location("make_fixtures", TOOLS / "make_fixtures.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules["make_fixtures"] = mod
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.parametrize("folder", [CONTRACTS, BAD], ids=["contracts", "bad"])
def test_every_document_has_a_truth_file_and_vice_versa(folder):
    docs = {p.stem for p in _docs(folder)}
    truths = {_stem(t) for t in _truths(folder)}
    assert docs, f"no fixtures in {folder}"
    assert docs - truths == set(), "documents without truth files"
    assert truths - docs == set(), "truth files without documents"
    # one document per stem: NAME.pdf and NAME.txt side by side would share one truth file
    assert len(docs) == len(_docs(folder))


@pytest.mark.parametrize("truth_path", _truths(CONTRACTS), ids=_stem)
def test_contract_truth_file_follows_the_spec(truth_path):
    t = yaml.safe_load(truth_path.read_text(encoding="utf-8"))
    assert TRUTH_KEYS <= set(t), f"missing {TRUTH_KEYS - set(t)}"
    assert t["id"] == _stem(truth_path)
    assert t["kind"] in KINDS
    for u in t["uptime"]:
        assert isinstance(u["percent"], (int, float)) and 0 < u["percent"] <= 100
        assert u["period"] in PERIODS and u["quote"]
    for r in t["response_times"]:
        assert set(r) >= {"severity_level", "severity_label", "kind", "minutes", "basis", "quote"}
        assert r["severity_level"] is None or r["severity_level"] in range(1, 6)
        assert r["kind"] in {"response", "resolution", "update"}
        assert isinstance(r["minutes"], int) and r["minutes"] > 0
        assert r["basis"] in {"calendar", "business", "unspecified"}
    assert t["support_hours"] in SUPPORT_HOURS
    for e in t["exclusions"]:
        assert e["category"] in EXCLUSION_CATEGORIES and e["quote"]
    sc = t["service_credits"]
    assert {"present", "max_credit_percent", "claim_window_days", "sole_remedy"} <= set(sc)
    assert isinstance(sc["present"], bool)
    if not sc["present"]:
        assert sc["max_credit_percent"] is None and sc["claim_window_days"] is None
    assert t["maintenance_notice_hours"] is None or isinstance(t["maintenance_notice_hours"], int)
    assert isinstance(t["proactive_monitoring"], bool)
    assert isinstance(t["chronic_failure_termination"], bool)
    for loc in t.get("locate") or []:
        assert set(loc) >= {"text", "page", "section"} and loc["text"] and loc["page"] >= 1


@pytest.mark.parametrize("truth_path", _truths(BAD), ids=_stem)
def test_bad_truth_names_an_error_code(truth_path):
    t = yaml.safe_load(truth_path.read_text(encoding="utf-8"))
    assert t["id"] == _stem(truth_path)
    assert t["error"] in BAD_CODES
    assert t["note"]


def test_bad_inputs_are_really_bad():
    """Guards against a generator change silently producing readable 'bad' files."""
    assert (BAD / "empty.pdf").stat().st_size == 0
    assert not (BAD / "not-really.pdf").read_bytes().startswith(b"%PDF")
    truncated = (BAD / "truncated.pdf").read_bytes()
    assert truncated.startswith(b"%PDF") and b"%%EOF" not in truncated
    assert b"/Encrypt" in (BAD / "encrypted.pdf").read_bytes()
    import pdfplumber

    with pdfplumber.open(BAD / "scanned.pdf") as pdf:
        assert pdf.pages and all(p.images and not p.chars for p in pdf.pages)


@pytest.mark.parametrize("truth_path", _truths(CONTRACTS), ids=_stem)
def test_locate_snippets_are_on_the_stated_page(truth_path):
    """The page numbers in ``locate`` are what ingestion tests assert against (PDF pages as
    pdfplumber counts them; DOCX explicit page breaks; TXT/MD form feeds)."""
    t = yaml.safe_load(truth_path.read_text(encoding="utf-8"))
    if not t.get("locate"):
        pytest.skip("no locate entries")
    sys.path.insert(0, str(TOOLS))
    try:
        import verify_locate
    finally:
        sys.path.pop(0)
    assert verify_locate.check(truth_path, quotes=False) == []


@pytest.mark.parametrize("fmt", ["pdf", "docx", "txt"])
def test_generator_is_deterministic(tmp_path, fmt):
    """Re-render a committed fixture of each format and compare bytes with the committed file."""
    pytest.importorskip("reportlab")
    gen = _load_generator()
    sources = [gen.parse_source(p) for p in sorted(gen.SRC_DIR.glob("*.md"))
               if p.name.lower() != "readme.md"]
    candidates = [s for s in sources if s.fmt == fmt and (CONTRACTS / f"{s.id}.{fmt}").exists()]
    if not candidates:
        pytest.skip(f"no {fmt} fixture yet")
    src = min(candidates, key=lambda s: s.path.stat().st_size)
    first = gen.render(src)
    assert first == gen.render(src), "two renders in one process differ"
    assert first == (CONTRACTS / f"{src.id}.{fmt}").read_bytes(), \
        "committed fixture is stale: run tools/make_fixtures.py"


def test_bad_generator_is_deterministic():
    pytest.importorskip("reportlab")
    gen = _load_generator()
    src = gen.parse_source(gen.BAD_SRC_DIR / "truncated.md")
    name, data = gen.render_bad(src)
    assert data == (BAD / name).read_bytes()
