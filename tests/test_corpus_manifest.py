"""The real-SLA corpus manifest stays consistent: splits follow the hash rule, every truth file
sits in its document's split folder and names a manifest id. No corpus documents are needed."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SPEC = importlib.util.spec_from_file_location("corpus_tool", ROOT / "tools" / "corpus.py")
assert SPEC and SPEC.loader
corpus = importlib.util.module_from_spec(SPEC)
sys.modules["corpus_tool"] = corpus   # dataclasses look the module up while the class is built
SPEC.loader.exec_module(corpus)

ENTRIES = corpus.load_manifest()
pytestmark = pytest.mark.skipif(not ENTRIES, reason="no corpus manifest")


def test_split_follows_the_hash_rule() -> None:
    for e in ENTRIES:
        assert e.split == corpus.split_for(e.sha256), e.id


def test_ids_and_hashes_are_unique() -> None:
    assert len({e.id for e in ENTRIES}) == len(ENTRIES)
    assert len({e.sha256 for e in ENTRIES}) == len(ENTRIES)


def test_every_truth_file_matches_a_document_in_its_split() -> None:
    by_id = {e.id: e for e in ENTRIES}
    for split in corpus.SPLITS:
        for truth in (corpus.TRUTH / split).glob("*.truth.yml"):
            doc_id = truth.name[: -len(".truth.yml")]
            assert doc_id in by_id, truth
            assert by_id[doc_id].split == split, truth


def test_kinds_and_sources_are_well_formed() -> None:
    for e in ENTRIES:
        assert e.kind in corpus.KINDS, e.id
        assert ("repo" in e.source and "commit" in e.source and "path" in e.source) or "url" in e.source, e.id
        assert e.published_pdf == (e.format == "pdf"), e.id


def test_findings_blocks_name_known_checks_and_statuses() -> None:
    from sla_check.checklist import load_checklist
    from sla_check.ruleset import load_yaml

    known = {c.id for c in load_checklist().checks}
    for split in corpus.SPLITS:
        for truth in (corpus.TRUTH / split).glob("*.truth.yml"):
            for cid, want in (load_yaml(truth).get("findings") or {}).items():
                assert cid in known, (truth.name, cid)
                assert want["status"] in ("ok", "gap", "weak", "review", "n/a"), (truth.name, cid)
                # a gap or n/a rests on no clause; a cited verdict names its page
                assert "page" not in want or want["status"] not in ("gap", "n/a"), (truth.name, cid)


def test_findings_aggregate_names_no_document() -> None:
    report = {"status_accuracy": 0.5, "citation_accuracy": 1.0, "listed": 2, "cited": 1,
              "checks": {"p1-response": {"listed": 2, "status_accuracy": 0.5, "cited": 1, "citation_accuracy": 1.0}},
              "disagreements": [{"document": "some-doc", "check_id": "p1-response", "what": "status",
                                 "truth": "ok", "got": "gap", "explanation": ""}]}
    agg = corpus.findings_aggregate(report)
    assert "disagreements" not in agg and "some-doc" not in repr(agg)
    assert agg["checks"]["p1-response"]["status_accuracy"] == 0.5


def test_scoring_a_chosen_batch_refuses_ids_not_in_the_manifest(capsys) -> None:
    """A typo in --ids must not score an empty or partial batch as if it were the one asked for."""
    assert corpus.main(["score", "--split", "dev", "--ids", f"{ENTRIES[0].id},no-such-document"]) == 2
    assert "no-such-document" in capsys.readouterr().err
