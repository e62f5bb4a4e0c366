"""CPU time of `sla-check review` for two checkouts, measured in alternating pairs.

    git worktree add --detach /tmp/old 151320e
    python bench/paired.py --old /tmp/old --new . --pairs 7 --docs 30

On a shared, noisy host a single timing says little: each pair runs the old code, then the
new code (alternating which goes first), on the same files with one worker, and records the
user+system CPU seconds of the child process (resource.getrusage of children), which other
jobs on the host disturb far less than wall time. Prints each pair's ratio (new / old) and
the median and range of the ratios. Each checkout runs from its own source (PYTHONPATH) with
its own rules/ folder.
"""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent


def cpu_of(side: Path, files: list[str], out: Path) -> float:
    """CPU seconds (user + system) of one `sla-check review` of `files` by the code in `side`."""
    env = dict(os.environ, PYTHONPATH=str(side), SOURCE_DATE_EPOCH="1780000000")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    proc = subprocess.run([sys.executable, "-m", "sla_check", "review", *files, "-o", str(out), "--workers", "1",
                           "--rules", str(side / "rules")], cwd=tempfile.gettempdir(), env=env,
                          capture_output=True, text=True, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in (0, 1):
        sys.exit(f"{side}: review failed ({proc.returncode}): {proc.stderr[-1000:]}")
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--old", type=Path, required=True, help="checkout of the reference code")
    ap.add_argument("--new", type=Path, default=HERE.parent, help="checkout of the code measured (this tree)")
    ap.add_argument("--pairs", type=int, default=5)
    ap.add_argument("--docs", type=int, default=30, help="first N SLAs of bench/corpus/docs")
    args = ap.parse_args()
    files = [str(p) for p in sorted((HERE / "corpus" / "docs").glob("sla-*.pdf"))[: args.docs]]
    if not files:
        sys.exit("no files: run bench/make_corpus.py first")
    old, new = args.old.resolve(), args.new.resolve()
    ratios, olds, news = [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(args.pairs):
            order = [("old", old), ("new", new)] if i % 2 == 0 else [("new", new), ("old", old)]
            got = {label: cpu_of(side, files, Path(tmp) / f"{label}.xlsx") for label, side in order}
            olds.append(got["old"])
            news.append(got["new"])
            ratios.append(got["new"] / got["old"])
            print(f"pair {i + 1}: old {got['old']:.2f} s, new {got['new']:.2f} s, ratio {ratios[-1]:.3f}", flush=True)
    print(f"{len(files)} SLAs, {args.pairs} pairs: old {statistics.median(olds):.2f} s, new {statistics.median(news):.2f} s "
          f"(medians); ratio median {statistics.median(ratios):.3f}, range {min(ratios):.3f}-{max(ratios):.3f}")


if __name__ == "__main__":
    main()
