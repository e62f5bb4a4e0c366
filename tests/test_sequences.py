"""The gapped-sequence interpreter (sla_check/extractors/_sequences.py) must find exactly the
spans spaCy's Matcher finds for the same patterns: the rule files moved from one to the other."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from spacy.matcher import Matcher
from spacy.util import filter_spans

from sla_check.errors import RulesError
from sla_check.extractors import _sequences
from sla_check.ruleset import default_rules_dir, read_jsonl

TEXT = (
    "The Service Commitment does not apply to outages caused by factors outside of our reasonable control, "
    "the Customer's or its agents' acts or omissions, your own servers, network problems external to our "
    "data centre, or planned and announced maintenance windows. We may amend or update this SLA from time to "
    "time; any changes to this policy will be posted. If the target is missed on 3 (three) or more occasions "
    "in any 6 consecutive months the Customer may terminate. Credits will never exceed 50% and are not in any "
    "case to exceed the monthly fee. Unresolved issues: please contact the Service Delivery Manager. "
    "Downtime \"means\" any period when the Service is unavailable for more than 5 minutes. "
    "The Client is solely responsible for its own equipment, and clients must monitor their own backups."
)


def _families() -> list[str]:
    folder = Path(default_rules_dir()) / "sequences"
    return sorted(p.stem for p in folder.glob("*.jsonl"))


@pytest.mark.parametrize("family", _families())
def test_sequences_match_like_spacy_matcher(nlp, family):
    path = Path(default_rules_dir()) / "sequences" / f"{family}.jsonl"
    doc = nlp.make_doc(TEXT)
    matcher = Matcher(nlp.vocab, validate=True)
    for _, obj in read_jsonl(path):
        matcher.add(f"{obj['label']}\t{obj['id']}", [obj["pattern"]])
    expected = set()
    for match_id, start, end in matcher(doc):
        label, rule = nlp.vocab.strings[match_id].split("\t")
        expected.add((start, end, label, rule))
    got = {(s.start, s.end, s.label_, s.id_) for s in _sequences.match(doc, _sequences.sequences(family))}
    assert expected, "the sample text should exercise every family"
    assert got == expected


def test_add_to_doc_keeps_longest_per_label(nlp):
    doc = nlp("Outages caused by events beyond our reasonable control are excluded.")
    _sequences.add_to_doc(doc, "exclusions", _sequences.match(doc, _sequences.sequences("exclusions")))
    fm = [s for s in doc.spans["exclusions"] if s.label_ == "FORCE_MAJEURE"]
    assert fm and fm == filter_spans(fm)
    assert any(s.text == "events beyond our reasonable control" for s in fm)


@pytest.mark.parametrize("pattern, problem", [
    ([{"OP": "?"}, {"LOWER": "control"}], "first token"),
    ([{"LOWER": "a", "POS": "DET"}], "unsupported token key"),
    ([{"LOWER": "a", "OP": "!"}], "unsupported OP"),
])
def test_bad_sequence_rules_name_file_and_line(tmp_path, pattern, problem):
    path = tmp_path / "x.jsonl"
    path.write_text(json.dumps({"label": "X", "id": "x.y", "pattern": pattern}) + "\n", encoding="utf-8")
    with pytest.raises(RulesError) as e:
        _sequences.load_sequences(path)
    assert "line 1" in str(e.value) and problem in str(e.value)
