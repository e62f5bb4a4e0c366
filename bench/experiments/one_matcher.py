"""Experiment: one Matcher + one PhraseMatcher for all pattern families instead of one pair each.

sla_check.nlp adds a rule component per rules/patterns/<family>.jsonl; each walks every
token of every block again. Here the same patterns go into a single pair of matchers whose
match keys carry the family, and the spans are dispatched to doc.spans[family] afterwards.

    python bench/experiments/one_matcher.py        # 10 corpus SLAs

Checks that doc.spans are identical for every family and block, and times both.
Not used by sla-check; evidence for a possible change in sla_check/components/rule_matcher.py.
"""
from __future__ import annotations

import glob
import sys
import time
from pathlib import Path

from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

HERE = Path(__file__).resolve().parent


class AllFamilies:
    """The RuleMatcher logic of every family in one pass."""

    def __init__(self, nlp, rule_pipes) -> None:
        self.matcher = Matcher(nlp.vocab)
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.families = []
        self.greedy = {}
        for name, pipe in rule_pipes:
            fam = pipe.family
            self.families.append(fam)
            self.greedy[fam] = pipe.greedy
            # re-read the same pattern file the component was built from
            from sla_check.components.rule_matcher import load_patterns, pattern_file

            for _, obj in load_patterns(pattern_file(None, fam)):
                key = f"{fam}\t{obj['label']}\t{obj.get('id') or obj['label']}"
                if isinstance(obj["pattern"], str):
                    self.phrases.add(key, [nlp.make_doc(obj["pattern"])])
                else:
                    self.matcher.add(key, [obj["pattern"]])

    def __call__(self, doc: Doc) -> Doc:
        strings = doc.vocab.strings
        by_family: dict[str, list[Span]] = {f: [] for f in self.families}
        for match_id, start, end in list(self.matcher(doc)) + list(self.phrases(doc)):
            fam, label, rule_id = strings[match_id].split("\t", 2)
            by_family[fam].append(Span(doc, start, end, label=label, span_id=rule_id))
        for fam, spans in by_family.items():
            if self.greedy[fam]:
                groups: dict[str, list[Span]] = {}
                for s in spans:
                    groups.setdefault(s.label_, []).append(s)
                spans = [s for g in groups.values() for s in filter_spans(g)]
            spans.sort(key=lambda s: (s.start, s.end, s.label_))
            doc.spans[fam] = spans
        return doc


def main() -> None:
    from sla_check.ingest import load_document
    from sla_check.pipeline import get_nlp

    files = sys.argv[1:] or sorted(glob.glob(str(HERE.parent / "corpus" / "docs" / "sla-*.pdf")))[:10]
    nlp = get_nlp(None)
    texts, pages = [], 0
    for f in files:
        d = load_document(f)
        pages += d.pages
        texts += [b.text for b in d.blocks]
    rule_pipes = [(n, p) for n, p in nlp.pipeline if n.startswith("rules_")]
    other_pipes = [(n, p) for n, p in nlp.pipeline if not n.startswith("rules_")]
    combined = AllFamilies(nlp, rule_pipes)

    docs = [nlp.make_doc(t) for t in texts]
    for _, p in other_pipes:
        docs = [p(d) for d in docs]

    def per_family(d: Doc) -> Doc:
        for _, p in rule_pipes:
            d = p(d)
        return d

    def spans_of(d: Doc) -> dict:
        return {k: sorted((s.start, s.end, s.label_, s.id_) for s in v) for k, v in d.spans.items()}

    a = [per_family(d.copy()) for d in docs]
    b = [combined(d.copy()) for d in docs]
    same = sum(spans_of(x) == spans_of(y) for x, y in zip(a, b))
    copies = [d.copy() for d in docs]
    copies2 = [d.copy() for d in docs]
    t = time.perf_counter()
    for d in copies:
        per_family(d)
    t_a = time.perf_counter() - t
    t = time.perf_counter()
    for d in copies2:
        combined(d)
    t_b = time.perf_counter() - t
    print(f"{len(files)} files, {pages} pages, {len(docs)} blocks; identical doc.spans (as sets of start, end, label, rule id) on {same}/{len(docs)} blocks")
    print(f"{len(rule_pipes)} rule components: {1000 * t_a / pages:.1f} ms/page; one combined pass: "
          f"{1000 * t_b / pages:.1f} ms/page ({t_a / t_b:.1f}x)")


if __name__ == "__main__":
    main()
