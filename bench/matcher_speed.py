"""Words per second of each rule-matcher family over the fixture contracts' text.

    python bench/matcher_speed.py                 # fixtures/contracts, 3 rounds
    python bench/matcher_speed.py --rounds 5 --dir fixtures/contracts
    python bench/matcher_speed.py --rules-dir /tmp/old-rules   # compare another rule set

The blocks of every readable fixture are tokenized and sentence-split once; then each
family's matcher (one spaCy pipe per rules/patterns/*.jsonl) runs alone over all of them, so
the numbers are the matcher's own cost. The best of `rounds` runs is reported (CPU time).
The "rules" pipe runs every rules/patterns family in one pass; each family's gapped sequences
(rules/sequences/<family>.jsonl, run by the extractors through sla_check.extractors._sequences)
are timed on their own as "sequences_<family>".
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Optional

HERE = Path(__file__).resolve().parent


def load_docs(folder: Path, rules_dir: Optional[str] = None) -> list:
    from sla_check.errors import IngestError
    from sla_check.ingest import load_document
    from sla_check.pipeline import get_nlp

    nlp = get_nlp(rules_dir)
    texts: list[str] = []
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() not in {".pdf", ".docx", ".txt", ".md"}:
            continue
        try:
            texts.extend(b.text for b in load_document(path).blocks)
        except IngestError:
            continue
    sentencizer = nlp.get_pipe("sla_sentencizer")
    return [sentencizer(nlp.make_doc(t)) for t in texts]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dir", default=str(HERE.parent / "fixtures" / "contracts"))
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--rules-dir", default=None, help="rules folder (default: the package's)")
    args = ap.parse_args()
    from sla_check.pipeline import get_nlp

    nlp = get_nlp(args.rules_dir)
    docs = load_docs(Path(args.dir), args.rules_dir)
    words = sum(sum(1 for t in d if not t.is_space) for d in docs)
    print(f"{len(docs)} blocks, {words} words")
    total = 0.0
    rows = []
    from sla_check.extractors import _sequences

    def timed(run) -> float:  # type: ignore[no-untyped-def]
        best = float("inf")
        for _ in range(args.rounds):
            t = time.process_time()
            for d in docs:
                run(d)
            best = min(best, time.process_time() - t)
        return best

    # the "rules" pipe runs every rules/patterns family at once (they share one phrase pass)
    for name, pipe in nlp.pipeline:
        secs = timed(pipe)
        total += secs
        rows.append((name, secs))
    for family in _sequences.sequence_families(args.rules_dir):
        seqs = _sequences.sequences(family, args.rules_dir)
        if seqs:
            secs = timed(lambda d, seqs=seqs: _sequences.match(d, seqs))
            total += secs
            rows.append((f"sequences_{family}", secs))
    for name, secs in rows:
        print(f"{name:28s} {secs:7.3f} s  {words / secs if secs else float('inf'):12,.0f} words/s")
    print(f"{'all pipes':28s} {total:7.3f} s  {words / total:12,.0f} words/s")


if __name__ == "__main__":
    main()
