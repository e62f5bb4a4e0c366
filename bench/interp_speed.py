"""CPU time of each interpreter alone, on documents parsed once.

    python bench/interp_speed.py                       # prose corpus, ms/page per interpreter
    python bench/interp_speed.py --docs 10 --prof /tmp/i.prof --top 40

Ingest and spaCy run once per file, outside the clock; every repeat builds fresh Sentence and
Context objects over the same Docs (their caches start empty, as in a real run) and times each
interpreter's collect(). The per-text caches are emptied before each document
(--warm keeps them: the generated corpus repeats its phrase bank across files).
"""
from __future__ import annotations

import argparse
import cProfile
import gc
import importlib
import pstats
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
CLOCK = time.process_time


def clear_text_caches() -> None:
    """Empty the per-text lru_caches of sla_check (not the lexicon and pattern loaders, maxsize 1 or None)."""
    import sys

    for name, module in list(sys.modules.items()):
        if not name.startswith("sla_check"):
            continue
        for obj in list(vars(module).values()):
            info = getattr(obj, "cache_info", None)
            if info is not None and (info().maxsize or 0) >= 256:
                obj.cache_clear()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--prose", type=int, default=20, help="prose SLAs (no tables)")
    ap.add_argument("--docs", type=int, default=0, help="table-bearing SLAs from corpus/docs")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--prof", type=Path, default=None)
    ap.add_argument("--top", type=int, default=30)
    ap.add_argument("--warm", action="store_true",
                    help="keep the per-text caches across documents (by default each document starts cold, "
                         "as the corpus repeats phrases far more than real SLAs do)")
    args = ap.parse_args()

    import sla_check.extract as ex
    from sla_check.ingest import load_document
    from sla_check.models import Terms
    from sla_check.pipeline import get_nlp

    files = sorted((HERE / "corpus" / "prose").glob("*.pdf"))[: args.prose]
    files += sorted((HERE / "corpus" / "docs").glob("sla-*.pdf"))[: args.docs]
    nlp = get_nlp(None)
    ex.extract_terms(load_document(files[0]), nlp)  # warm-up: lazy imports, lexicons
    parsed = []
    pages = 0
    for f in files:
        document = load_document(f)
        pages += max((b.page for b in document.blocks), default=0)
        parsed.append(ex.build_context(document, nlp))
    # the parsed documents stay alive all run (a real run holds one): keep them out of the
    # garbage collector's scans so they do not tax whatever allocates most
    gc.collect()
    gc.freeze()
    modules = []
    for name in ex.EXTRACTORS:
        try:
            modules.append((name, importlib.import_module(f"sla_check.extractors.{name}")))
        except ModuleNotFoundError:
            pass

    runs: list[dict[str, float]] = []
    prof = cProfile.Profile() if args.prof else None
    for _ in range(args.repeat):
        times: dict[str, float] = defaultdict(float)
        for base in parsed:
            if not args.warm:
                clear_text_caches()
            for doc in base.docs:
                doc.user_data.clear()  # per-Doc caches of the interpreters (sla_check.extract) are theirs to pay
            ctx = ex.Context(document=base.document, docs=base.docs, kept=base.kept, sentences=[
                ex.Sentence(span=s.span, block=s.block, block_index=s.block_index) for s in base.sentences])
            terms = Terms()
            for name, module in modules:
                if prof:
                    prof.enable()
                t = CLOCK()
                module.collect(ctx, terms)
                times[name] += CLOCK() - t
                if prof:
                    prof.disable()
        runs.append(times)
    print(f"{len(files)} files, {pages} pages; ms/page per interpreter (first run / best of {args.repeat})")
    names = sorted(runs[0], key=lambda n: -runs[0][n])
    for n in names:
        best = min(r[n] for r in runs)
        print(f"  {n:16s} {1000 * runs[0][n] / pages:7.2f} {1000 * best / pages:7.2f}")
    first, best = sum(runs[0].values()), min(sum(r.values()) for r in runs)
    print(f"  {'total':16s} {1000 * first / pages:7.2f} {1000 * best / pages:7.2f}")
    if prof and args.prof:
        prof.dump_stats(str(args.prof))
        pstats.Stats(prof).sort_stats("tottime").print_stats(args.top)


if __name__ == "__main__":
    main()
