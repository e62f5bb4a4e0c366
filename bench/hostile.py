"""Try sla-check as a new user would with hostile files mixed into a batch (issue 13).

Builds a folder of 20 good fixtures plus bombs, quadratic text shapes, damaged and padded
PDFs, a FIFO, a 100 GB sparse file, odd names, hidden files and bad links; reviews it under
`timeout -s TERM`, then stops a second run with SIGTERM half-way and a third with `timeout`.
Prints, for each run: exit status, seconds, the peak memory of the run's processes together
(sum of RSS, sampled every 0.1 s), and any process of the run still alive 3 s after it ended;
for the first run, whether every entry on disk is listed on the Files sheet.

    .venv/bin/python bench/hostile.py            # ~3 min on 2 busy cores
"""
from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
import hostile_inputs as h  # noqa: E402

SLA = str(Path(sys.executable).parent / "sla-check")


def build(folder: Path) -> None:
    goods = sorted(p for p in (ROOT / "fixtures/contracts").iterdir() if p.suffix in (".pdf", ".docx", ".txt", ".md"))[:20]
    for p in goods:
        shutil.copy(p, folder / p.name)
    bad = folder / "hostile"
    bad.mkdir()
    (bad / "pdf-bomb-4GiB.pdf").write_bytes(h.flate_bomb_pdf(4 << 30))
    (bad / "docx-bomb-1GiB.docx").write_bytes(h.docx_bomb(1 << 30))
    (bad / "disguised-bomb.pdf").write_bytes(h.disguised_bomb_pdf(1536 << 20))
    (bad / "tounicode.pdf").write_bytes(h.broken_tounicode_pdf())
    for name, text in dict(h.text_bombs(), **{"spaced-numbering.txt": "1. " * 10000}).items():
        (bad / name).write_text(text)
    rng = random.Random(7)
    pdfs = [p for p in goods if p.suffix == ".pdf" and p.name != "owner-locked.pdf"]
    for k in range(10):
        src = rng.choice(pdfs)
        (bad / f"flipped-{k}-{src.name}").write_bytes(h.flip_stream_bytes(src.read_bytes(), rng))
    (bad / "padded.pdf").write_bytes(pdfs[0].read_bytes() + b"\0" * 9000)
    for p in (ROOT / "fixtures/bad").glob("*.pdf"):
        shutil.copy(p, bad / p.name)
    with open(bad / "sparse-100GB.pdf", "wb") as fh:
        fh.truncate(100 << 30)
    os.mkfifo(bad / "pipe.pdf")
    (bad / "odd\uffff-name.txt").write_text(h.SLA_TEXT)
    Path(os.fsdecode(os.fsencode(bad) + b"/latin-\xe9.txt")).write_text(h.SLA_TEXT)
    (bad / "trailing space.pdf ").write_bytes(pdfs[1].read_bytes())
    (bad / ".DS_Store").write_bytes(b"\0\0\0\1Bud1")
    (bad / "dangling.pdf").symlink_to("/nowhere/x.pdf")
    (bad / "loop.pdf").symlink_to(bad / "loop.pdf")
    (bad / "again").symlink_to(folder)
    (bad / "nonchars.txt").write_text("The Service is available 99.5% \ufffe of each month.\uffff")


def _children() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                kids.setdefault(int((d / "stat").read_text().rsplit(")", 1)[1].split()[1]), []).append(int(d.name))
            except OSError:
                pass
    return kids


def tree(pid: int) -> list[int]:
    kids, out, todo = _children(), [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo += kids.get(p, [])
    return out


def rss(pids: list[int]) -> int:
    total = 0
    for p in pids:
        try:
            total += sum(int(line.split()[1]) * 1024 for line in open(f"/proc/{p}/status") if line.startswith("VmRSS"))
        except OSError:
            pass
    return total


def alive(pids: list[int]) -> list[int]:
    out = []
    for p in pids:
        try:
            if Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z":
                out.append(p)
        except OSError:
            pass
    return out


def run(args: list[str], limit: int | None = None, term_after: float | None = None) -> dict[str, object]:
    started = time.monotonic()
    cmd = (["timeout", "-s", "TERM", str(limit)] if limit else []) + [SLA] + args
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak, seen, termed = 0, set(), None
    while proc.poll() is None:
        pids = tree(proc.pid)
        seen.update(pids)
        peak = max(peak, rss(pids))
        if term_after and termed is None and time.monotonic() - started > term_after:
            proc.send_signal(signal.SIGTERM)
            termed = time.monotonic()
        time.sleep(0.1)
    ended = time.monotonic()
    err = proc.stderr.read() if proc.stderr else ""
    time.sleep(3)
    return {"exit": proc.returncode, "seconds": round(ended - started, 1), "peak_mb_together": round(peak / 2**20),
            "alive_3s_after": alive(sorted(seen - {proc.pid})), "exit_after_sigterm_s": round(ended - termed, 2) if termed else None,
            "stderr_tail": err.strip().splitlines()[-2:]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--timeout", type=int, default=60, help="sla-check's per-file --timeout")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="sla-check-hostile-"))
    folder = work / "batch"
    folder.mkdir()
    build(folder)
    out, jsonl = work / "review.xlsx", work / "review.jsonl"
    common = ["--workers", "2", "--timeout", str(args.timeout)]
    first = run(["review", str(folder), "/dev/zero", "-o", str(out), "--json-out", str(jsonl)] + common, limit=600)
    print("whole batch:", json.dumps(first))
    lines = [json.loads(line) for line in jsonl.read_text().splitlines()] if jsonl.exists() else []
    print("  outcomes:", dict(Counter(f"{d['status']}/{(d['error'] or {}).get('code', '-')}" for d in lines)))
    print("  with warnings:", sum(1 for d in lines if d["warnings"]))
    from openpyxl import load_workbook

    listed = {r[0] for r in load_workbook(out, read_only=True)["Files"].iter_rows(min_row=2, values_only=True)} if out.exists() else set()
    on_disk = {"/dev/zero"}
    for dirpath, dirs, names in os.walk(folder):
        for n in names + [d for d in dirs if os.path.islink(os.path.join(dirpath, d))]:
            on_disk.add(os.path.join(dirpath, n).replace("\udce9", "\ufffd").replace("\uffff", "\ufffd"))
    print(f"  workbook written: {out.exists()}; entries: {len(on_disk)}, listed: {len(listed & on_disk)}, missing: {sorted(on_disk - listed)}")
    print("SIGTERM after 12 s:", json.dumps(run(["review", str(folder), "-o", str(out)] + common, term_after=12)))
    print("timeout -s TERM 15:", json.dumps(run(["review", str(folder), "-o", str(out)] + common, limit=15)))
    print("worker temp folders left:", [p.name for p in Path(tempfile.gettempdir()).glob("sla-check-worker-*")])
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
