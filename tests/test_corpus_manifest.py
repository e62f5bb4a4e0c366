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
