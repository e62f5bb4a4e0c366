"""Where the time goes: the review pipeline in-process on a few corpus files.

    python bench/profile_pipeline.py                    # 10 SLAs from bench/corpus/docs
    python bench/profile_pipeline.py --files a.pdf b.pdf --top 40 --prof /tmp/sla.prof

Two views of the same run (the pipeline is built and warmed on the first file first):
  * stage timers: ingest (load_document), each spaCy pipe (tokenizer, sentencizer, one rule
    matcher per pattern family), each interpreter's collect(), checks (review_terms) and the
    Excel workbook (when sla_check.report.excel offers a writer);
  * cProfile: the functions with the most own time (tottime).
"""
from __future__ import annotations

import argparse
import cProfile
import importlib
import io
import json
import pstats
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any, Callable

HERE = Path(__file__).resolve().parent
#: CPU time of this process: the stage shares stay meaningful while other jobs load the host
CLOCK = time.process_time


def timed(store: dict[str, float], key: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*a: Any, **kw: Any) -> Any:
        t = CLOCK()
        try:
            return fn(*a, **kw)
        finally:
            store[key] += CLOCK() - t

    wrapper.__wrapped__ = fn  # type: ignore[attr-defined]
    return wrapper


def instrument(store: dict[str, float]) -> Any:
    """Wrap the stage entry points (module attributes the pipeline looks up at call time)
    with timers; returns the spaCy pipeline, its pipes timed too."""
    import sla_check.extract as extract_mod
    import sla_check.ingest as ingest_mod
    from sla_check.pipeline import get_nlp

    ingest_mod.load_document = timed(store, "ingest", ingest_mod.load_document)
    nlp = get_nlp(None)
    nlp.tokenizer = _TimedTokenizer(nlp.tokenizer, store)
    comps = nlp._components  # spaCy's (name, callable) list; a timed wrapper in place keeps the order
    for i, (name, pipe) in enumerate(comps):
        comps[i] = (name, _TimedPipe(pipe, store, f"nlp:{name}"))
    for name in extract_mod.EXTRACTORS:
        try:
            module = importlib.import_module(f"sla_check.extractors.{name}")
        except ModuleNotFoundError:
            continue
        module.collect = timed(store, f"interpret:{name}", module.collect)
    try:
        check_mod = importlib.import_module("sla_check.check")
        check_mod.review_terms = timed(store, "checks", check_mod.review_terms)
    except ImportError:
        pass
    return nlp


class _TimedTokenizer:
    def __init__(self, tok: Any, store: dict[str, float]) -> None:
        self.tok, self.store = tok, store

    def __call__(self, text: str) -> Any:
        t = CLOCK()
        doc = self.tok(text)
        self.store["nlp:tokenizer"] += CLOCK() - t
        return doc

    def __getattr__(self, name: str) -> Any:
        return getattr(self.tok, name)


class _TimedPipe:
    """Times a pipe; `pipe()` is deliberately absent so nlp.pipe calls us per doc."""

    def __init__(self, pipe: Any, store: dict[str, float], key: str) -> None:
        self.p, self.store, self.key = pipe, store, key

    def __call__(self, doc: Any) -> Any:
        t = CLOCK()
        out = self.p(doc)
        self.store[self.key] += CLOCK() - t
        return out

    def __getattr__(self, name: str) -> Any:
        return getattr(self.p, name)

    def __setattr__(self, name: str, value: Any) -> None:
        # the pipe's own settings (span_lists.keeping sets `kept_spans` on the rule matchers: without
        # it the interpreters would rebuild every Span and the profile would show a cost a run lacks)
        if name in ("p", "store", "key"):
            object.__setattr__(self, name, value)
        else:
            setattr(self.p, name, value)


def write_excel(results: list[Any], path: Path) -> bool:
    """The review workbook for these results, as `sla-check review` writes it (False if absent)."""
    try:
        import datetime as dt

        from sla_check import __version__
        from sla_check.report.excel import ReviewWorkbook, RunInfo
    except ImportError:
        return False
    book = ReviewWorkbook(RunInfo(version=__version__, run_date=dt.datetime.utcnow().replace(microsecond=0)))
    for r in results:
        book.add(r)
    if hasattr(book, "save"):
        book.save(path)
    else:
        book.finish().save(path)
    return True


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--files", nargs="*", type=Path)
    ap.add_argument("--n", type=int, default=10, help="corpus SLAs to profile when --files is not given")
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("--prof", type=Path, default=None, help="also save the cProfile data here")
    ap.add_argument("--no-cprofile", action="store_true", help="stage timers only (real ms/page, no profiler overhead)")
    ap.add_argument("--json", type=Path, default=None, help="write the stage table as JSON here")
    args = ap.parse_args()
    files = args.files or sorted((HERE / "corpus" / "docs").glob("sla-*.pdf"))[: args.n]
    if not files:
        sys.exit("no files: run bench/make_corpus.py first or pass --files")

    from sla_check.pipeline import Options

    store: dict[str, float] = defaultdict(float)
    nlp = instrument(store)
    from sla_check.pipeline import review_file

    options = Options()
    review_file(files[0], options, nlp)  # warm-up: lazy imports, first-call caches
    store.clear()

    results = []
    pages = 0
    prof = cProfile.Profile()
    started = CLOCK()
    if not args.no_cprofile:
        prof.enable()
    for f in files:
        r = review_file(f, options, nlp)
        pages += r.pages or 0
        if r.status != "ok":
            print(f"warning: {f}: {r.status} {r.error}", file=sys.stderr)
        results.append(r)
    with tempfile.TemporaryDirectory() as tmp:
        t = CLOCK()
        has_excel = write_excel(results, Path(tmp) / "review.xlsx")
        store["excel"] += CLOCK() - t if has_excel else 0.0
    prof.disable()
    total = CLOCK() - started
    pages = max(pages, 1)

    nlp_total = sum(v for k, v in store.items() if k.startswith("nlp:"))
    interp = sum(v for k, v in store.items() if k.startswith("interpret:"))
    rows = sorted(store.items(), key=lambda kv: -kv[1])
    if args.no_cprofile:
        print(f"{len(files)} files, {pages} pages, {total:.2f} s, {1000 * total / pages:.1f} ms/page (stage timers only)")
    else:
        print(f"{len(files)} files, {pages} pages, {total:.2f} s under cProfile "
              f"(timers below are wall time with the profiler on; shares are what matter)")
    print(f"{'stage':34s} {'s':>8s} {'ms/page':>8s} {'share':>6s}")
    for k, v in rows:
        print(f"{k:34s} {v:8.3f} {1000 * v / pages:8.2f} {100 * v / total:5.1f}%")
    other = total - sum(store.values())
    print(f"{'(other: hashing, glue, Terms)':34s} {other:8.3f} {1000 * other / pages:8.2f} {100 * other / total:5.1f}%")
    print(f"nlp total {1000 * nlp_total / pages:.2f} ms/page, interpreters total {1000 * interp / pages:.2f} ms/page")
    if not has_excel:
        print("(Excel: sla_check.report.excel.ReviewWorkbook not importable; not measured here)")

    if args.no_cprofile:
        return
    s = io.StringIO()
    pstats.Stats(prof, stream=s).sort_stats("tottime").print_stats(args.top)
    print(s.getvalue())
    if args.prof:
        prof.dump_stats(str(args.prof))
    if args.json:
        args.json.write_text(json.dumps({"files": len(files), "pages": pages, "total_s": total,
                                         "stages_s": dict(rows)}, indent=1) + "\n")


if __name__ == "__main__":
    main()
