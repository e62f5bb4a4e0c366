"""Check that a code change left the output alone: run a reference checkout and this one on the
same files and compare what each wrote.

    git worktree add --detach /tmp/ref <commit>      # the code to compare against
    python tools/same_output.py --ref /tmp/ref                   # fixtures + bench corpus
    python tools/same_output.py --ref /tmp/ref --eval --corpus   # + eval scores, dev corpus
    python tools/same_output.py --ref /tmp/ref --own-rules       # each side with its own rules/

For each side (the reference checkout and this tree, each on PYTHONPATH, both reading the
reference's rules/ so that only code differs; with --own-rules each its own, for a change that
moves words from code into rules/, the workbooks' rules hash and path then compared as equal) it
runs `sla-check review PATHS --json-out -o` with SOURCE_DATE_EPOCH fixed, then compares:
  * the JSON Lines, byte for byte;
  * the workbooks, cell by cell through openpyxl: values, types, number formats, fonts, fills,
    borders, alignment, protection, hyperlinks, comments; every row height and column width;
    freeze panes, auto-filters, merged cells, data validations, conditional formatting,
    print settings and the number of charts and images of each sheet;
  * with --eval, `sla-check eval --json` (and `--findings`) over fixtures/;
  * with --corpus, `tools/corpus.py score --split dev --findings --quiet` (dev split only).
Exit status 0 when everything is the same, 1 otherwise (the first differences are printed).
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any, Iterator, Optional

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PATHS = [ROOT / "fixtures", ROOT / "bench" / "corpus" / "docs", ROOT / "bench" / "corpus" / "prose"]
EPOCH = "1780000000"


def _rules_hash(rules: Path) -> str:
    """The "Rules hash" a report shows for a rules folder."""
    sys.path.insert(0, str(ROOT))
    from sla_check.ruleset import rules_hash

    return rules_hash(str(rules))


def run(side: Path, rules: Path, args: list[str]) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(side), SOURCE_DATE_EPOCH=EPOCH)
    return subprocess.run([sys.executable, "-m", "sla_check", *args, "--rules", str(rules)],
                          cwd=tempfile.gettempdir(), env=env, capture_output=True, text=True, check=False)


def wrapper(side: Path, rules: Path, where: Path) -> Path:
    """An `sla-check` executable that runs `side`'s code with the shared rules."""
    script = where / f"sla-check-{side.name}"
    script.write_text(f"#!/bin/sh\ncd /tmp && PYTHONPATH={side} SOURCE_DATE_EPOCH={EPOCH} "
                      f"exec {sys.executable} -m sla_check \"$@\" --rules {rules}\n")
    script.chmod(0o755)
    return script


def sheet_facts(ws: Any) -> Iterator[tuple[str, Any]]:
    """Everything a reader sees of one sheet, as (what, value) pairs in a fixed order."""
    yield "dimensions", ws.dimensions
    yield "freeze_panes", ws.freeze_panes
    yield "auto_filter", ws.auto_filter.ref
    yield "merged", sorted(str(r) for r in ws.merged_cells.ranges)
    yield "validations", [(dv.sqref, dv.type, dv.formula1, dv.allow_blank) for dv in ws.data_validations.dataValidation]
    yield "conditional", [(str(cf.sqref), [repr(r) for r in cf.rules]) for cf in ws.conditional_formatting]
    yield "print_title_rows", ws.print_title_rows
    yield "print_area", ws.print_area
    yield "page_setup", repr(ws.page_setup.__dict__)
    yield "print_options", repr(ws.print_options.__dict__)
    yield "page_margins", repr(ws.page_margins.__dict__)
    yield "sheet_properties", repr(ws.sheet_properties)
    yield "views", repr(ws.views)
    yield "header_footer", [getattr(getattr(ws.HeaderFooter, item), part).text
                            for item in ("oddHeader", "oddFooter", "evenHeader", "evenFooter", "firstHeader", "firstFooter")
                            for part in ("left", "center", "right")]
    yield "charts", len(ws._charts)
    yield "images", len(ws._images)
    yield "row_heights", {k: (d.height, d.hidden) for k, d in ws.row_dimensions.items() if d.height is not None or d.hidden}
    yield "col_widths", {k: (d.width, d.hidden, d.min, d.max) for k, d in ws.column_dimensions.items()}
    for row in ws.iter_rows():
        for c in row:
            yield f"{c.coordinate}", (c.value, c.data_type, c.number_format, repr(c.font), repr(c.fill),
                                      repr(c.border), repr(c.alignment), repr(c.protection),
                                      c.hyperlink.target if c.hyperlink else None,
                                      c.comment.text if c.comment else None)


def _aliased(text: str, alias: dict[str, str]) -> str:
    for new, old in alias.items():
        text = text.replace(new, old)
    return text


def compare_workbooks(a: Path, b: Path, limit: int = 10, alias: Optional[dict[str, str]] = None) -> list[str]:
    """Differences between two workbooks; `alias` maps text in `b`'s cells to the text `a` has in its place."""
    from openpyxl import load_workbook

    wa, wb = load_workbook(a), load_workbook(b)
    diffs: list[str] = []
    if wa.sheetnames != wb.sheetnames:
        return [f"sheets: {wa.sheetnames} != {wb.sheetnames}"]
    for name in wa.sheetnames:
        fa, fb = list(sheet_facts(wa[name])), list(sheet_facts(wb[name]))
        if len(fa) != len(fb):
            diffs.append(f"{name}: {len(fa)} facts vs {len(fb)}")
        for (ka, va), (kb, vb) in zip(fa, fb):
            if alias and isinstance(vb, tuple) and vb[:1] and isinstance(vb[0], str):
                vb = (_aliased(vb[0], alias), *vb[1:])
            if ka != kb or va != vb:
                diffs.append(f"{name}!{ka}: {str(va)[:300]} | {kb}: {str(vb)[:300]}")
                if len(diffs) >= limit:
                    return diffs
    names = ("title", "creator", "created", "modified", "lastModifiedBy")
    for attr in names:
        if getattr(wa.properties, attr) != getattr(wb.properties, attr):
            diffs.append(f"properties.{attr}: {getattr(wa.properties, attr)} != {getattr(wb.properties, attr)}")
    return diffs


def untimed(report: str) -> str:
    """An eval report without its timings (the one part that differs from run to run)."""
    def strip(v: Any) -> Any:
        if isinstance(v, dict):
            return {k: strip(x) for k, x in v.items() if k != "seconds"}
        return [strip(x) for x in v] if isinstance(v, list) else v
    try:
        return json.dumps(strip(json.loads(report)), indent=1, sort_keys=True)
    except ValueError:
        return report


def compare_lines(a: str, b: str, what: str, limit: int = 5) -> list[str]:
    if a == b:
        return []
    la, lb = a.splitlines(), b.splitlines()
    out = [f"{what}: {len(la)} lines vs {len(lb)}"]
    for i, (x, y) in enumerate(zip(la, lb)):
        if x != y:
            out.append(f"{what} line {i + 1}:\n  - {x[:400]}\n  + {y[:400]}")
            if len(out) > limit:
                break
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--ref", type=Path, required=True, help="checkout of the reference code")
    ap.add_argument("--new", type=Path, default=ROOT, help="checkout of the code under test (this tree)")
    ap.add_argument("--eval", action="store_true", help="also compare `sla-check eval` over fixtures/")
    ap.add_argument("--corpus", action="store_true", help="also compare the dev corpus score")
    ap.add_argument("--own-rules", action="store_true", help="each side reads its own rules/ (default: the reference's)")
    ap.add_argument("--no-review", action="store_true", help="skip the review comparison")
    ap.add_argument("paths", nargs="*", type=Path, default=DEFAULT_PATHS)
    args = ap.parse_args()
    ref, new = args.ref.resolve(), args.new.resolve()
    rules_of = {side: (side if args.own_rules else ref) / "rules" for side in (ref, new)}
    alias = {_rules_hash(rules_of[new]): _rules_hash(rules_of[ref]), str(rules_of[new]): str(rules_of[ref])}
    paths = [str(p.resolve()) for p in args.paths]
    problems: list[str] = []
    with tempfile.TemporaryDirectory(prefix="same-output-") as tmp_s:
        tmp = Path(tmp_s)
        if not args.no_review:
            out: dict[str, tuple[str, Path]] = {}
            for label, side in (("ref", ref), ("new", new)):
                xlsx, jsonl = tmp / f"{label}.xlsx", tmp / f"{label}.jsonl"
                proc = run(side, rules_of[side], ["review", *paths, "-o", str(xlsx), "--json-out", str(jsonl), "--workers", "2"])
                if proc.returncode not in (0, 1):
                    problems.append(f"{label}: review exit {proc.returncode}: {proc.stderr[-1500:]}")
                    continue
                out[label] = (jsonl.read_text(encoding="utf-8"), xlsx)
                print(f"{label}: review exit {proc.returncode}, {len(out[label][0].splitlines())} JSON lines")
            if len(out) == 2:
                problems += compare_lines(out["ref"][0], out["new"][0], "JSON Lines")
                problems += [f"workbook: {d}" for d in compare_workbooks(out["ref"][1], out["new"][1], alias=alias)]
        if args.eval:
            for extra in ([], ["--findings"]):
                got = [run(side, rules_of[side], ["eval", "--json", *extra, str(ROOT / "fixtures")]) for side in (ref, new)]
                problems += compare_lines(*(untimed(g.stdout) for g in got), f"eval {' '.join(extra)}")
                print(f"eval {' '.join(extra)}: exit {got[0].returncode} / {got[1].returncode}")
        if args.corpus:
            got = [subprocess.run([sys.executable, str(ROOT / "tools" / "corpus.py"), "score", "--split", "dev",
                                   "--findings", "--sla-check", str(wrapper(side, rules_of[side], tmp))],
                                  capture_output=True, text=True, check=False) for side in (ref, new)]
            problems += compare_lines(got[0].stdout, got[1].stdout, "dev corpus score (with misses)")
            print("dev corpus:", (got[1].stdout.splitlines() or [got[1].stderr[-300:]])[0])
    for p in problems:
        print(p)
    print("SAME" if not problems else f"DIFFERENT ({len(problems)} differences shown)")
    return 0 if not problems else 1


if __name__ == "__main__":
    sys.exit(main())
