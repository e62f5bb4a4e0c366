"""How 2 workers scale against 1 as the batch grows: where the fixed costs stop mattering.

`sla-check review` pays two costs once per run, whatever the batch: building the spaCy pipeline
before the workers start, and writing the workbook after the last contract. This script runs,
on the first N SLAs of a corpus for each N given, 1 worker, 2 workers and two independent
single-worker reviews of half the files each (started together), alternating, and prints the
ratios. It is a measurement, not a test.

    python bench/make_corpus.py --docs 300 --prose 0 --long-pages 0 --out /tmp/corpus300
    python bench/scaling.py --corpus /tmp/corpus300 --sizes 100 300 --repeat 3
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run as bench  # noqa: E402 - the same measurement helpers as bench/run.py


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=bench.HERE / "corpus")
    ap.add_argument("--sizes", type=int, nargs="+", default=[25, 50, 100])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--out", type=Path, default=None, help="also write the numbers as JSON")
    args = ap.parse_args()

    manifest = json.loads((args.corpus / "manifest.json").read_text())
    support = bench.review_support()
    out: dict[str, Any] = {"date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "git": bench.git_head(), "sizes": {}}
    with tempfile.TemporaryDirectory(prefix="sla-scaling-") as tmpdir:
        tmp = Path(tmpdir)
        for size in args.sizes:
            docs = manifest["docs"][:size]
            files = [str(args.corpus / d["file"]) for d in docs]
            seconds: dict[str, list[float]] = {"1w": [], "2w": [], "pair": []}
            for i in range(args.repeat):
                print(f"[{time.strftime('%H:%M:%S')}] {len(files)} SLAs, run {i + 1} of {args.repeat}", file=sys.stderr, flush=True)
                for key, measure in (("1w", lambda: bench.run_review(files, 1, support, tmp)),
                                     ("2w", lambda: bench.run_review(files, 2, support, tmp)),
                                     ("pair", lambda: bench.run_pair(files, tmp))):
                    r = measure()
                    if "error" in r:
                        sys.exit(f"{key} failed: {r['error']}")
                    seconds[key].append(r["seconds"])
            row = {
                "docs": len(files), "pages": sum(d["pages"] for d in docs), "seconds": seconds,
                "workers_2_vs_1": round(min(seconds["1w"]) / min(seconds["2w"]), 2),
                "workers_2_vs_1_paired": bench.paired_ratio(seconds["1w"], seconds["2w"]),
                "pair_vs_1w": round(min(seconds["1w"]) / min(seconds["pair"]), 2),
                "pair_vs_1w_paired": bench.paired_ratio(seconds["1w"], seconds["pair"]),
            }
            out["sizes"][str(size)] = row
            print(f"{row['docs']:>5} SLAs ({row['pages']} pages): 2 workers vs 1 {row['workers_2_vs_1']}x "
                  f"(paired {row['workers_2_vs_1_paired']}x); two half-reviews at once vs 1 worker "
                  f"{row['pair_vs_1w']}x (paired {row['pair_vs_1w_paired']}x); fastest 1w {min(seconds['1w'])} s, "
                  f"2w {min(seconds['2w'])} s", flush=True)
    if args.out:
        args.out.write_text(json.dumps(out, indent=1) + "\n")


if __name__ == "__main__":
    main()
