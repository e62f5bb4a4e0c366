"""One benchmark run of sla-check against bare PDF text extraction, on the same files.

    python bench/run.py                 # full run (makes the corpus first if it is missing)
    python bench/run.py --docs 20       # quicker: the first 20 SLAs of the corpus

Measures, in one run and on the same files:
  * bare pdfplumber `page.extract_text()` over every page, closing each page (the baseline);
  * bare pypdfium2 `textpage.get_text_range()` over every page (the limit);
  * `sla-check review` with --workers 1 and --workers 2 (wall time of the whole command,
    start-up and the Excel file included), pages/s, ratios to both baselines, and the peak
    RSS of every process of the run (sampled from /proc: VmHWM of the process tree);
  * the 400-page agreement: review time and peak RSS;
  * `sla-check --help` / `--version` start-up (median of several runs);
  * in-process, the pipeline stage by stage (ingest, NLP, interpreters, checks) on prose-only
    pages against pypdfium2 on the same pages, and how many times pdfplumber parses each page
    (counted by wrapping pdfplumber's Page.parse_objects);
  * `sla-check eval` over fixtures/, so a speed-up can be seen not to cost accuracy.

Prints a table and writes bench/results.json. The host is noisy: compare the ratios of one
run, not absolute seconds across runs. This is a measurement, not a test: nothing fails.
"""
from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any, Optional, Sequence

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PY = sys.executable
SLA_CHECK = str(Path(PY).with_name("sla-check")) if Path(PY).with_name("sla-check").exists() else (shutil.which("sla-check") or "sla-check")

TARGETS = {
    "review_1w_vs_pdfplumber": 4.0,  # at least 4x faster than bare pdfplumber extract_text
    "prose_review_vs_pdfium": 3.0,  # review per page at most 3x bare pypdfium2 text
    "parses_per_table_page": 1,  # at most one pdfplumber parse per table page
    "workers_2_vs_1": 1.8,  # two workers at least 1.8x faster than one
    "rss_mb_per_worker_400p": 400,  # peak RSS per worker on the 400-page PDF
    "help_seconds": 0.5,  # sla-check --help
}


# --------------------------------------------------------------------------- process-tree RSS


def _ppid(pid: str) -> Optional[int]:
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            data = fh.read()
        return int(data[data.rindex(b")") + 2 :].split()[1])
    except (OSError, ValueError, IndexError):
        return None


_TICK = os.sysconf("SC_CLK_TCK")


def _cpu_seconds(pid: int) -> Optional[float]:
    """utime + stime of one process (its own, not its children's)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            data = fh.read()
        fields = data[data.rindex(b")") + 2 :].split()
        return (int(fields[11]) + int(fields[12])) / _TICK
    except (OSError, ValueError, IndexError):
        return None


def _status_kb(pid: int, key: str) -> Optional[int]:
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def _cmd(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as fh:
            return fh.read().replace(b"\0", b" ").decode(errors="replace").strip()[:120]
    except OSError:
        return ""


#: Linux lists each thread's children in /proc/PID/task/TID/children (kernel 3.5+)
_CHILDREN_FILES = os.path.exists(f"/proc/self/task/{os.getpid()}/children")


def _tree(root: int) -> list[int]:
    """`root` and its descendants, from the kernel's per-thread children lists."""
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        try:
            for tid in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{tid}/children") as fh:
                    todo.extend(int(c) for c in fh.read().split())
        except OSError:  # it has just exited
            pass
    return tree


class TreeWatcher(threading.Thread):
    """Samples VmHWM (the kernel's own peak-RSS mark) of a process and all its descendants.

    VmHWM is a high-water mark, so sampling every 50 ms still sees a peak reached between
    samples; only growth in a process's last 50 ms of life can be missed.
    """

    def __init__(self, root: int, interval: float = 0.05) -> None:
        super().__init__(daemon=True)
        self.root, self.interval = root, interval
        self.peak_kb: dict[int, int] = {}
        self.cpu: dict[int, float] = {}
        self.cmd: dict[int, str] = {}
        self._halt = threading.Event()

    def sample(self) -> None:
        """One look at the tree. Cheap on purpose (~0.2 ms): with two workers on two cores,
        every millisecond this thread takes is taken from them. Scanning all of /proc for
        parent ids cost ~2.5 ms a sample, 5% of a core at 20 samples a second."""
        if _CHILDREN_FILES:
            tree = _tree(self.root)
        else:
            children: dict[int, list[int]] = {}
            for name in os.listdir("/proc"):
                if name.isdigit():
                    pp = _ppid(name)
                    if pp is not None:
                        children.setdefault(pp, []).append(int(name))
            todo, tree = [self.root], []
            while todo:
                pid = todo.pop()
                tree.append(pid)
                todo.extend(children.get(pid, []))
        for pid in tree:
            cpu = _cpu_seconds(pid)
            if cpu is not None:
                self.cpu[pid] = max(cpu, self.cpu.get(pid, 0.0))
            hwm = _status_kb(pid, "VmHWM")
            if hwm:
                self.peak_kb[pid] = max(hwm, self.peak_kb.get(pid, 0))
                if pid not in self.cmd:
                    self.cmd[pid] = _cmd(pid)

    def run(self) -> None:
        while not self._halt.is_set():
            self.sample()
            self._halt.wait(self.interval)

    def stop(self) -> None:
        self._halt.set()
        self.join()

    def summary(self) -> dict[str, Any]:
        main = self.peak_kb.get(self.root, 0) / 1024
        others = {pid: kb / 1024 for pid, kb in self.peak_kb.items() if pid != self.root}
        # the forkserver (if any) is a small helper, not a worker: report it apart
        workers = {p: mb for p, mb in others.items() if "forkserver" not in self.cmd.get(p, "")}
        helpers = {p: mb for p, mb in others.items() if p not in workers}
        return {
            "main_peak_mb": round(main, 1),
            "worker_peaks_mb": sorted((round(v, 1) for v in workers.values()), reverse=True),
            "helper_peaks_mb": sorted((round(v, 1) for v in helpers.values()), reverse=True),
            "max_worker_peak_mb": round(max(workers.values(), default=main), 1),
            "processes": len(self.peak_kb),
            # CPU seconds of every process of the tree, as last sampled (may miss each one's last 50 ms)
            "tree_cpu_seconds": round(sum(self.cpu.values()), 3),
        }


def run_watched(cmd: list[str], stdout: Any = subprocess.DEVNULL, env: Optional[dict] = None,
                timeout: float = 3600) -> dict[str, Any]:
    """Run a command; return wall seconds, exit code, peak RSS of its process tree, stderr tail."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=stdout, stderr=subprocess.PIPE, env=env, cwd=ROOT)
    watcher = TreeWatcher(proc.pid)
    watcher.start()
    try:
        _, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        _, err = proc.communicate()
    seconds = time.perf_counter() - started
    watcher.stop()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    reaped = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    summary = watcher.summary()
    # getrusage counts only processes that were waited for; /proc sampling sees workers too
    cpu = max(reaped, summary["tree_cpu_seconds"])
    return {"seconds": round(seconds, 3), "cpu_seconds": round(cpu, 3), "reaped_cpu_seconds": round(reaped, 3), "rc": proc.returncode, "stderr": err.decode(errors="replace")[-800:],
            **summary}


# --------------------------------------------------------------------------- child measurements (fresh processes)


def child_pdfplumber(files: list[str]) -> dict[str, Any]:
    import pdfplumber

    pages = chars = 0
    started, cpu = time.perf_counter(), time.process_time()
    for f in files:
        with pdfplumber.open(f) as pdf:
            for page in pdf.pages:
                chars += len(page.extract_text() or "")
                page.close()
                pages += 1
    return {"seconds": time.perf_counter() - started, "cpu_seconds": time.process_time() - cpu, "pages": pages, "chars": chars}


def pdfium_text(files: list[str]) -> tuple[int, int]:
    import pypdfium2 as pdfium

    pages = chars = 0
    for f in files:
        doc = pdfium.PdfDocument(f)
        try:
            for i in range(len(doc)):
                page = doc[i]
                textpage = page.get_textpage()
                chars += len(textpage.get_text_range())
                textpage.close()
                page.close()
                pages += 1
        finally:
            doc.close()
    return pages, chars


def child_pdfium(files: list[str]) -> dict[str, Any]:
    started, cpu = time.perf_counter(), time.process_time()
    pages, chars = pdfium_text(files)
    return {"seconds": time.perf_counter() - started, "cpu_seconds": time.process_time() - cpu, "pages": pages, "chars": chars}


def child_stages(files: list[str]) -> dict[str, Any]:
    """The pipeline in-process, stage by stage, with pdfplumber parses counted per page.

    Stages: ingest (load_document), nlp (build_context: spaCy + rule matchers),
    interpreters (the rest of extract_terms), checks (review_terms, when present).
    The pipeline is built and warmed on the first file before timing.
    """
    import pdfplumber.page

    import sla_check.extract as extract_mod
    from sla_check.ingest import load_document
    from sla_check.pipeline import Options, get_nlp

    try:
        from sla_check.check import review_terms
    except ImportError:
        review_terms = None

    counts: dict[int, int] = {}
    original_parse = pdfplumber.page.Page.parse_objects

    def counting_parse(self: Any) -> Any:
        counts[self.page_number] = counts.get(self.page_number, 0) + 1
        return original_parse(self)

    pdfplumber.page.Page.parse_objects = counting_parse  # type: ignore[method-assign]

    nlp_seconds = [0.0]
    original_build = extract_mod.build_context

    clock = time.process_time  # CPU time: steadier than wall time on a shared host

    def timed_build(*a: Any, **kw: Any) -> Any:
        t = clock()
        try:
            return original_build(*a, **kw)
        finally:
            nlp_seconds[0] += clock() - t

    extract_mod.build_context = timed_build  # type: ignore[assignment]
    options = Options()
    nlp = get_nlp(None)
    warm = load_document(files[0])
    extract_mod.extract_terms(warm, nlp)
    gc.collect()
    gc.freeze()  # as a review worker does once its pipeline is built (sla_check.batch)

    per_file = []
    texts: list[str] = []
    totals = {"ingest": 0.0, "nlp": 0.0, "interpreters": 0.0, "checks": 0.0}
    pages = 0
    for f in files:
        counts.clear()
        nlp_seconds[0] = 0.0
        t0 = clock()
        document = load_document(f)
        t1 = clock()
        terms = extract_mod.extract_terms(document, nlp)
        t2 = clock()
        if review_terms is not None:
            review_terms(terms, options)
        t3 = clock()
        totals["ingest"] += t1 - t0
        totals["nlp"] += nlp_seconds[0]
        totals["interpreters"] += (t2 - t1) - nlp_seconds[0]
        totals["checks"] += t3 - t2
        pages += document.pages
        per_file.append({"file": f, "pages": document.pages, "parses": dict(sorted(counts.items()))})
        texts.extend(b.text for b in document.blocks)
    t = clock()
    pdfium_pages, _ = pdfium_text(files)
    pdfium_seconds = clock() - t
    # The floor of any design that runs spaCy rule components over the text: the tokenizer,
    # sentence splitter and rule matchers alone on the same blocks, with no layout, no
    # interpreters and no checks (best of 3: the matchers' caches are warm, as in a long run).
    floor = {}
    for name, run_once in (("tokenizer", lambda: [nlp.make_doc(x) for x in texts]),
                           ("spacy_pipeline", lambda: list(nlp.pipe(texts)))):
        best = float("inf")
        for _ in range(3):
            t = clock()
            run_once()
            best = min(best, clock() - t)
        floor[name] = best
    return {"pages": pages, "stages": totals, "checks_present": review_terms is not None, "per_file": per_file,
            "pdfium_seconds": pdfium_seconds, "pdfium_pages": pdfium_pages, "floor_seconds": floor}


CHILDREN = {"pdfplumber": child_pdfplumber, "pdfium": child_pdfium, "stages": child_stages}


def run_child(kind: str, files: list[str]) -> dict[str, Any]:
    """Run one measurement in a fresh interpreter (clean memory, own peak RSS)."""
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as fh:
        fh.write("\n".join(files))
        listing = fh.name
    out = tempfile.NamedTemporaryFile("w+", suffix=".json", delete=False)
    try:
        run = run_watched([PY, str(Path(__file__)), "--child", kind, "--files-from", listing], stdout=out)
        out.seek(0)
        text = out.read()
        if run["rc"] != 0:
            return {"error": run["stderr"].strip().splitlines()[-1] if run["stderr"].strip() else f"exit {run['rc']}"}
        data = json.loads(text)
        data["peak_mb"] = run["main_peak_mb"]
        data["process_cpu_seconds"] = run["cpu_seconds"]  # the child's whole life, imports included
        return data
    finally:
        out.close()
        os.unlink(out.name)
        os.unlink(listing)


# --------------------------------------------------------------------------- sla-check itself


def review_support() -> dict[str, Any]:
    """What the installed CLI offers: the review command and its options."""
    r = subprocess.run([SLA_CHECK, "review", "--help"], capture_output=True, text=True, cwd=ROOT)
    text = r.stdout
    return {"review": r.returncode == 0, "workers": "--workers" in text, "output": "--output" in text or " -o" in text}


def run_review(files: list[str], workers: int, support: dict[str, Any], tmp: Path) -> dict[str, Any]:
    """`sla-check review FILES --workers N -o tmp.xlsx` (or `extract --json` until review exists)."""
    (tmp / f"review-{workers}w.xlsx").unlink(missing_ok=True)
    if support["review"]:
        cmd = [SLA_CHECK, "review", *files]
        if support["workers"]:
            cmd += ["--workers", str(workers)]
        if support["output"]:
            cmd += ["-o", str(tmp / f"review-{workers}w.xlsx")]
        run = run_watched(cmd)
        run["command"] = f"sla-check review --workers {workers}"
    else:
        if workers != 1:
            return {"error": "review command not available yet (extract has no workers)"}
        with tempfile.TemporaryFile("w+") as out:
            run = run_watched([SLA_CHECK, "extract", "--json", *files], stdout=out)
            out.seek(0)
            statuses = [json.loads(line).get("status") for line in out if line.strip()]
        run["command"] = "sla-check extract --json (review not available)"
        bad = len(files) - statuses.count("ok")
        if bad:
            run["error"] = f"{bad} of {len(files)} files not status ok"
        return run
    # review: exit 1 = some file could not be reviewed, 2 = usage error; the run must be clean
    if run["rc"] != 0:
        run["error"] = (run["stderr"].strip().splitlines() or [f"exit {run['rc']}"])[-1]
    elif support["output"] and not (tmp / f"review-{workers}w.xlsx").exists():
        run["error"] = f"no workbook written (exit {run['rc']})"
    return run


def run_pair(files: list[str], tmp: Path) -> dict[str, Any]:
    """Two single-worker reviews of half the files each, started together.

    What this host gives two processes doing this very work at once, each paying its own
    start-up and workbook: no design of `--workers 2` can scale better than that. (Shared
    caches and memory bandwidth, and other tenants of a virtual machine, make it less than 2.)
    """
    half = len(files) // 2
    outs = [tmp / f"pair-{i}.xlsx" for i in (0, 1)]
    for out in outs:
        out.unlink(missing_ok=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    procs = [subprocess.Popen([SLA_CHECK, "review", *part, "--workers", "1", "-o", str(out)], cwd=ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
             for part, out in zip((files[:half], files[half:]), outs)]
    errors = [p.communicate()[1].decode(errors="replace") for p in procs]
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)  # workers included: each review waits for its own
    run: dict[str, Any] = {"seconds": round(seconds, 3), "cpu_seconds": round(cpu, 3), "rc": max(p.returncode for p in procs),
                           "command": "2 x sla-check review --workers 1 (half the files each, at once)"}
    if run["rc"] != 0 or not all(out.exists() for out in outs):
        run["error"] = next((e.strip().splitlines()[-1] for e in errors if e.strip()), f"exit {run['rc']}")
    return run


def startup(args: list[str], repeats: int) -> dict[str, Any]:
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        subprocess.run([SLA_CHECK, *args], capture_output=True, cwd=ROOT)
        times.append(time.perf_counter() - t)
    return {"median_s": round(statistics.median(times), 3), "min_s": round(min(times), 3), "runs": repeats}


def run_eval() -> dict[str, Any]:
    fixtures = ROOT / "fixtures"
    if not any(fixtures.rglob("*.truth.yml")):
        return {"error": "no fixtures/*.truth.yml yet"}
    r = subprocess.run([SLA_CHECK, "eval", str(fixtures), "--json"], capture_output=True, text=True, cwd=ROOT)
    try:
        report = json.loads(r.stdout)
    except json.JSONDecodeError:
        return {"error": (r.stderr.strip().splitlines() or [f"exit {r.returncode}"])[-1]}
    if isinstance(report, dict) and "fields" in report:  # keep the scores, not the per-document detail
        return {k: report[k] for k in ("fields", "lowest_f1", "basis_accuracy", "basis_matched", "errors") if k in report}
    return report if isinstance(report, dict) else {"report": report}


# --------------------------------------------------------------------------- report


def ratio(a: Optional[float], b: Optional[float]) -> Optional[float]:
    return round(a / b, 2) if a and b else None


def pps(m: dict[str, Any], pages: int) -> Optional[float]:
    s = m.get("seconds")
    return round(pages / s, 1) if s and "error" not in m else None


def paired_ratio(slow: Sequence[Optional[float]], fast: Sequence[Optional[float]]) -> Optional[float]:
    """Median of slow[i] / fast[i] over the repeats (each pair ran minutes apart at most)."""
    pairs = [a / b for a, b in zip(slow, fast) if a and b]
    return round(statistics.median(pairs), 2) if pairs else None


def summarise(res: dict[str, Any]) -> dict[str, Any]:
    """Derived numbers and target checks, so results.json is readable on its own."""
    pages = res["corpus"]["pages"]
    plumb, pdfium = res["pdfplumber"], res["pdfium"]
    r1, r2 = res["review_1w"], res["review_2w"]
    s: dict[str, Any] = {
        "pdfplumber_pages_per_s": pps(plumb, pages),
        "pdfium_pages_per_s": pps(pdfium, pages),
        "review_1w_pages_per_s": pps(r1, pages),
        "review_2w_pages_per_s": pps(r2, pages),
    }
    if "pair" in res:
        s["pair_pages_per_s"] = pps(res["pair"], pages)
    s["review_1w_vs_pdfplumber"] = ratio(s["review_1w_pages_per_s"], s["pdfplumber_pages_per_s"])
    s["review_2w_vs_pdfplumber"] = ratio(s["review_2w_pages_per_s"], s["pdfplumber_pages_per_s"])
    s["review_1w_slower_than_pdfium"] = ratio(s["pdfium_pages_per_s"], s["review_1w_pages_per_s"])
    s["review_2w_slower_than_pdfium"] = ratio(s["pdfium_pages_per_s"], s["review_2w_pages_per_s"])
    s["workers_2_vs_1"] = ratio(s["review_2w_pages_per_s"], s["review_1w_pages_per_s"])
    # runs made one after the other (1 worker, 2 workers, the pair) met the same host: the
    # median of their ratios is steadier than the ratio of two fastest runs
    s["workers_2_vs_1_paired"] = paired_ratio(r1.get("all_seconds") or [], r2.get("all_seconds") or [])
    if "pair" in res and "error" not in res["pair"]:
        s["host_pair_vs_1w"] = ratio(r1.get("seconds"), res["pair"]["seconds"]) if "error" not in r1 else None
        s["host_pair_vs_1w_paired"] = paired_ratio(r1.get("all_seconds") or [], res["pair"].get("all_seconds") or [])
    # CPU time is steadier than wall time on a shared host: the same ratio from CPU seconds
    if "error" not in r1 and "error" not in plumb:
        s["review_1w_vs_pdfplumber_cpu"] = ratio(plumb.get("cpu_seconds"), r1.get("cpu_seconds"))
    st = res.get("stages", {})
    if "stages" in st:
        per_page = {k: round(1000 * v / st["pages"], 2) for k, v in st["stages"].items()}
        s["prose_ms_per_page"] = per_page
        s["prose_review_ms_per_page"] = round(sum(per_page.values()), 2)
        s["prose_pdfium_ms_per_page"] = round(1000 * st["pdfium_seconds"] / st["pdfium_pages"], 2)
        s["prose_review_vs_pdfium"] = ratio(s["prose_review_ms_per_page"], s["prose_pdfium_ms_per_page"])
        if "floor_seconds" in st:
            floor = {k: round(1000 * v / st["pages"], 2) for k, v in st["floor_seconds"].items()}
            s["prose_floor_ms_per_page"] = floor
            # pypdfium2's text plus the spaCy pipeline alone, against pypdfium2's text
            s["prose_floor_vs_pdfium"] = ratio(s["prose_pdfium_ms_per_page"] + floor["spacy_pipeline"],
                                               s["prose_pdfium_ms_per_page"])
    tp = res.get("table_parses", {})
    if "per_file" in tp:
        s.update(parse_summary(tp["per_file"], res["corpus"]["table_pages"]))
    if "seconds" in res.get("long", {}):
        s["long_seconds"] = res["long"]["seconds"]
        s["long_pages_per_s"] = pps(res["long"], res["corpus"]["long_pages"])
        s["long_max_worker_peak_mb"] = res["long"]["max_worker_peak_mb"]
        s["long_main_peak_mb"] = res["long"]["main_peak_mb"]
    s["help_seconds"] = res["startup"]["help"]["median_s"]
    s["version_seconds"] = res["startup"]["version"]["median_s"]
    t = TARGETS
    s["targets_met"] = {
        "review_1w_vs_pdfplumber>=4": _ge(s["review_1w_vs_pdfplumber"], t["review_1w_vs_pdfplumber"]),
        "prose_review_vs_pdfium<=3": _le(s.get("prose_review_vs_pdfium"), t["prose_review_vs_pdfium"]),
        "max_parses_per_table_page<=1": _le(s.get("max_parses_per_table_page"), t["parses_per_table_page"]),
        "workers_2_vs_1>=1.8": _ge(s["workers_2_vs_1"], t["workers_2_vs_1"]),
        "rss_per_worker_400p<=400MB": _le(s.get("long_max_worker_peak_mb"), t["rss_mb_per_worker_400p"]),
        "help<0.5s": _le(s["help_seconds"], t["help_seconds"]),
    }
    return s


def _ge(v: Optional[float], t: float) -> Optional[bool]:
    return None if v is None else v >= t


def _le(v: Optional[float], t: float) -> Optional[bool]:
    return None if v is None else v <= t


def parse_summary(per_file: list[dict], table_pages: dict[str, list[int]]) -> dict[str, Any]:
    on_table, on_prose, table_n, prose_n, worst = 0, 0, 0, 0, 0
    for f in per_file:
        tables = set(table_pages.get(Path(f["file"]).name, []))
        counts = {int(k): v for k, v in f["parses"].items()}
        for page in range(1, f["pages"] + 1):
            n = counts.get(page, 0)
            if page in tables:
                on_table += n
                table_n += 1
                worst = max(worst, n)
            else:
                on_prose += n
                prose_n += 1
    return {"pdfplumber_parses_on_table_pages": on_table, "table_pages_checked": table_n,
            "max_parses_per_table_page": worst, "pdfplumber_parses_on_other_pages": on_prose,
            "other_pages_checked": prose_n}


def show(res: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    s = res["summary"]
    c = res["corpus"]
    con = Console(width=max(Console().width, 150))
    load = res["host"]["loadavg_start"][0], res["host"]["loadavg_end"][0]
    t = Table(title=f"sla-check speed - {c['docs']} SLAs, {c['pages']} pages, {c['words_per_page']} words/page "
                    f"({res['host']['cpus']} CPUs, load {load[0]:.1f} -> {load[1]:.1f})")
    for col in ("measurement", "seconds", "CPU s", "pages/s", "vs pdfplumber", "x pypdfium2 time", "peak RSS MB (main / workers)"):
        t.add_column(col, justify="right" if col != "measurement" else "left")

    def row(name: str, m: dict[str, Any], key: str) -> None:
        if "error" in m:
            t.add_row(name, "-", "-", "-", "-", "-", f"[yellow]{m['error'][:60]}")
            return
        rate = s.get(f"{key}_pages_per_s")
        rss = f"{m.get('peak_mb', m.get('main_peak_mb', '-'))}"
        if m.get("worker_peaks_mb"):
            rss += " / " + ", ".join(str(x) for x in m["worker_peaks_mb"])
        t.add_row(name, f"{m['seconds']:.2f}", f"{m.get('cpu_seconds', 0):.2f}", f"{rate}", f"{ratio(rate, s['pdfplumber_pages_per_s'])}x",
                  f"{ratio(s['pdfium_pages_per_s'], rate)}x", rss)

    row("pdfplumber extract_text (baseline)", res["pdfplumber"], "pdfplumber")
    row("pypdfium2 get_text_range (limit)", res["pdfium"], "pdfium")
    row(res["review_1w"].get("command", "sla-check review --workers 1"), res["review_1w"], "review_1w")
    row(res["review_2w"].get("command", "sla-check review --workers 2"), res["review_2w"], "review_2w")
    if "pair" in res:
        row(res["pair"].get("command", "pair"), res["pair"], "pair")
    con.print(t)

    t2 = Table(title="Targets and other measurements")
    t2.add_column("what")
    t2.add_column("value", justify="right")
    t2.add_column("target")
    t2.add_column("met")
    met = s["targets_met"]

    def mark(k: str) -> str:
        v = met.get(k)
        return "[green]yes" if v else ("[red]no" if v is False else "-")

    t2.add_row("review 1 worker vs pdfplumber", f"{s['review_1w_vs_pdfplumber']}x", ">= 4x", mark("review_1w_vs_pdfplumber>=4"))
    t2.add_row("  the same from CPU seconds (steadier on a busy host)", f"{s.get('review_1w_vs_pdfplumber_cpu')}x", "", "")
    t2.add_row("2 workers vs 1", f"{s['workers_2_vs_1']}x", ">= 1.8x", mark("workers_2_vs_1>=1.8"))
    if s.get("workers_2_vs_1_paired"):
        t2.add_row("  median of the ratios of runs made one after the other", f"{s['workers_2_vs_1_paired']}x", "", "")
    if s.get("host_pair_vs_1w"):
        t2.add_row("  for comparison: two independent single-worker reviews of half the files each, at once, vs 1 worker",
                   f"{s['host_pair_vs_1w']}x (paired {s.get('host_pair_vs_1w_paired')}x)", "", "")
    if "prose_review_vs_pdfium" in s:
        stages = ", ".join(f"{k} {v}" for k, v in s["prose_ms_per_page"].items())
        t2.add_row("prose pages: pipeline vs pypdfium2 (in-process)",
                   f"{s['prose_review_vs_pdfium']}x", "<= 3x", mark("prose_review_vs_pdfium<=3"))
        t2.add_row("  ms/page: " + stages, f"{s['prose_review_ms_per_page']} vs {s['prose_pdfium_ms_per_page']}", "", "")
        if "prose_floor_vs_pdfium" in s:
            f = s["prose_floor_ms_per_page"]
            t2.add_row(f"  floor: pypdfium2 text + spaCy pipeline alone ({f['spacy_pipeline']} ms/page, of which "
                       f"tokenizer {f['tokenizer']}), no layout/interpreters/checks", f"{s['prose_floor_vs_pdfium']}x", "", "")
    else:
        t2.add_row("prose pages: pipeline vs pypdfium2", res.get("stages", {}).get("error", "-")[:60], "<= 3x", "-")
    if "max_parses_per_table_page" in s:
        t2.add_row("pdfplumber parses per table page (max)", str(s["max_parses_per_table_page"]), "<= 1",
                   mark("max_parses_per_table_page<=1"))
        t2.add_row(f"  parses: {s['table_pages_checked']} table pages / {s['other_pages_checked']} other pages",
                   f"{s['pdfplumber_parses_on_table_pages']} / {s['pdfplumber_parses_on_other_pages']}", "", "")
    else:
        t2.add_row("pdfplumber parses per table page", res.get("table_parses", {}).get("error", "-")[:60], "<= 1", "-")
    lg = res.get("long", {})
    if "seconds" in lg:
        t2.add_row(f"{c['long_pages']}-page agreement: seconds (pages/s)", f"{lg['seconds']:.1f} ({s['long_pages_per_s']})", "", "")
        t2.add_row(f"{c['long_pages']}-page agreement: peak RSS MB main / worker",
                   f"{lg['main_peak_mb']} / {lg['max_worker_peak_mb']}", "<= 400 per worker", mark("rss_per_worker_400p<=400MB"))
    else:
        t2.add_row("long agreement", lg.get("error", "-")[:60], "", "-")
    t2.add_row("sla-check --help (median s)", f"{s['help_seconds']}", "< 0.5 s", mark("help<0.5s"))
    t2.add_row("sla-check --version (median s)", f"{s['version_seconds']}", "", "")
    ev = res.get("eval", {})
    if "error" in ev:
        t2.add_row("sla-check eval fixtures/", ev["error"][:60], "unchanged or better", "-")
    elif ev:
        cmp_ = s.get("eval_vs_previous_run", {})
        if "worse" in cmp_:
            verdict = "[red]no: " + ", ".join(cmp_["worse"]) if cmp_["worse"] else "[green]yes"
            what = f"{len(cmp_['changed'])} fields changed vs the previous results.json"
        else:
            verdict, what = "-", cmp_.get("note", "")
        t2.add_row(f"sla-check eval fixtures/: lowest F1 ({what})", str(_lowest_f1(ev)), "unchanged or better", verdict)
    con.print(t2)


def compare_eval(previous_path: Path, ev: dict[str, Any]) -> dict[str, Any]:
    """Per-field F1 against the results file this run replaces: speed must not cost accuracy."""
    try:
        old = json.loads(previous_path.read_text()).get("eval", {}).get("fields", {})
    except (OSError, json.JSONDecodeError):
        return {"note": "no previous results to compare"}
    new = ev.get("fields", {})
    if not old or not new:
        return {"note": "no eval scores to compare"}
    changed = {k: {"before": old[k].get("f1"), "after": v.get("f1")} for k, v in new.items()
               if k in old and old[k].get("f1") != v.get("f1")}
    worse = sorted(k for k, d in changed.items() if (d["after"] or 0) < (d["before"] or 0))
    return {"previous": str(previous_path), "changed": changed, "worse": worse,
            "new_fields": sorted(set(new) - set(old))}


def _lowest_f1(ev: dict[str, Any]) -> Any:
    """The smallest F1 anywhere in the eval JSON (its layout belongs to sla_check.evaluate)."""
    found: list[float] = []

    def walk(x: Any) -> None:
        if isinstance(x, dict):
            for k, v in x.items():
                if k == "f1" and isinstance(v, (int, float)):
                    found.append(float(v))
                else:
                    walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)

    walk(ev)
    return round(min(found), 3) if found else "-"


# --------------------------------------------------------------------------- main


def git_head() -> str:
    r = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT)
    dirty = subprocess.run(["git", "status", "--porcelain", "--", "sla_check", "rules"], capture_output=True, text=True, cwd=ROOT)
    return r.stdout.strip() + ("+dirty" if dirty.stdout.strip() else "")


def versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    out = {}
    for name in ("sla-check", "pdfplumber", "pdfminer.six", "pypdfium2", "spacy", "openpyxl"):
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            out[name] = "-"
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description="One benchmark run of sla-check (see bench/README.md).")
    ap.add_argument("--corpus", type=Path, default=HERE / "corpus", help="corpus folder (made by make_corpus.py)")
    ap.add_argument("--docs", type=int, default=None, help="use only the first N SLAs of the corpus")
    ap.add_argument("--stage-docs", type=int, default=20, help="SLAs (and prose docs) for the in-process stage/parse count")
    ap.add_argument("--startup-runs", type=int, default=7)
    ap.add_argument("--repeat", type=int, default=1, help="run review with 1 and 2 workers N times each (alternating) and keep the fastest")
    ap.add_argument("--skip-long", action="store_true", help="skip the 400-page agreement")
    ap.add_argument("--skip-pair", action="store_true", help="skip the two-reviews-at-once measurement of the host")
    ap.add_argument("--skip-eval", action="store_true")
    ap.add_argument("--out", type=Path, default=HERE / "results.json")
    ap.add_argument("--child", choices=sorted(CHILDREN), help=argparse.SUPPRESS)
    ap.add_argument("--files-from", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()

    if args.child:
        files = [f for f in args.files_from.read_text().splitlines() if f]
        print(json.dumps(CHILDREN[args.child](files)))
        return

    manifest_path = args.corpus / "manifest.json"
    if not manifest_path.exists():
        print(f"no corpus in {args.corpus}: making it (bench/make_corpus.py)", file=sys.stderr)
        subprocess.run([PY, str(HERE / "make_corpus.py"), "--out", str(args.corpus)], check=True)
    manifest = json.loads(manifest_path.read_text())
    docs = manifest["docs"][: args.docs] if args.docs else manifest["docs"]
    files = [str(args.corpus / d["file"]) for d in docs]
    prose = [str(args.corpus / d["file"]) for d in manifest["prose"][: args.stage_docs]]
    long_doc = manifest["long"][0] if manifest["long"] and not args.skip_long else None
    res: dict[str, Any] = {
        "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "host": {"cpus": os.cpu_count(), "loadavg_start": os.getloadavg(), "python": platform.python_version(), "platform": platform.platform()},
        "versions": versions(),
        "git": git_head(),
        "corpus": {
            "docs": len(docs), "pages": sum(d["pages"] for d in docs),
            "words_per_page": round(sum(d["words"] for d in docs) / max(1, sum(d["pages"] for d in docs)), 1),
            "table_pages": {Path(d["file"]).name: d["table_pages"] for d in docs},
            "prose_docs": len(prose), "long_pages": long_doc["pages"] if long_doc else None,
        },
        "targets": TARGETS,
    }
    log = lambda msg: print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)  # noqa: E731

    log(f"startup x{args.startup_runs}")
    res["startup"] = {"help": startup(["--help"], args.startup_runs), "version": startup(["--version"], args.startup_runs)}
    support = review_support()
    res["review_support"] = support
    with tempfile.TemporaryDirectory(prefix="sla-bench-") as tmpdir:
        tmp = Path(tmpdir)
        log(f"pypdfium2 on {len(files)} files")
        res["pdfium"] = run_child("pdfium", files)
        # alternate 1 and 2 workers and keep each one's fastest run: transient load from other
        # jobs on the host then hurts the ratio less
        runs: dict[Any, list[dict[str, Any]]] = {1: [], 2: [], "pair": []}
        for i in range(args.repeat):
            for workers in (1, 2):
                log(f"sla-check, {workers} worker{'s' * (workers > 1)} (run {i + 1} of {args.repeat})")
                runs[workers].append(run_review(files, workers, support, tmp))
            if support["review"] and support["workers"] and not args.skip_pair:
                log(f"two single-worker reviews of half the files each, at once (run {i + 1} of {args.repeat})")
                runs["pair"].append(run_pair(files, tmp))
        for workers, key in ((1, "review_1w"), (2, "review_2w"), ("pair", "pair")):
            if not runs[workers]:
                continue
            ok = [r for r in runs[workers] if "error" not in r]
            best = min(ok, key=lambda r: r["seconds"]) if ok else runs[workers][0]
            best["all_seconds"] = [r.get("seconds") for r in runs[workers]]
            res[key] = best
        log(f"pdfplumber on {len(files)} files (the slow one)")
        res["pdfplumber"] = run_child("pdfplumber", files)
        if long_doc:
            log("long agreement")
            long_path = str(args.corpus / long_doc["file"])
            res["long"] = run_review([long_path], 1, support, tmp)
            res["long_pdfium"] = run_child("pdfium", [long_path])
        else:
            res["long"] = {"error": "skipped"}
    log("in-process stages on prose-only docs; pdfplumber parse count on table docs")
    res["stages"] = run_child("stages", prose)
    res["stages"].pop("per_file", None)
    res["table_parses"] = run_child("stages", files[: args.stage_docs])
    if not args.skip_eval:
        log("sla-check eval fixtures/")
        res["eval"] = run_eval()
    res["host"]["loadavg_end"] = os.getloadavg()
    res["summary"] = summarise(res)
    res["summary"]["eval_vs_previous_run"] = compare_eval(args.out, res.get("eval", {}))
    args.out.write_text(json.dumps(res, indent=1) + "\n")
    show(res)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
