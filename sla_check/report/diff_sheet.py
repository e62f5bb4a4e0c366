"""The diff's sheets: Changes (old value, new value, verdict, evidence from both versions, a
decision drop-down) and Findings old vs new (which gaps are new, which are closed).

They follow the review workbook's conventions (named styles, frozen filtered header, every
text cell through `write_text`, colours by conditional format) by reusing its helpers, and
are added either to the review workbook (`review --baseline`) or to a workbook of their own
(`diff -o`).
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Optional, Sequence

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from sla_check.diff import DiffResult
from sla_check.models import Evidence, FileResult
from sla_check.report import error_reason
from sla_check.report.excel import (
    AMBER,
    BLUE,
    DECISIONS,
    GREEN,
    GREY,
    RED,
    Col,
    _colour_rules,
    _finish,
    _sheet,
    _styles,
    _write_row,
    save_workbook_deterministic,
)

CHANGES_TITLE = "Changes"
FINDINGS_TITLE = "Findings old vs new"
PAIRS_TITLE = "Versions"

CHANGES = [
    Col("Old file", 24, "sla_wrap"), Col("New file", 24, "sla_wrap"), Col("Topic", 16, "sla_wrap"),
    Col("Term", 28, "sla_wrap"), Col("Change", 10), Col("Verdict", 10), Col("Severity", 9),
    Col("Old value", 22, "sla_wrap"), Col("New value", 22, "sla_wrap"), Col("Threshold", 40, "sla_wrap"),
    Col("Crosses threshold", 10), Col("Note", 30, "sla_wrap"),
    Col("Evidence old", 48, "sla_wrap"), Col("Old page", 6, "sla_int"), Col("Old section", 10, "sla_wrap"),
    Col("Evidence new", 48, "sla_wrap"), Col("New page", 6, "sla_int"), Col("New section", 10, "sla_wrap"),
    Col("Decision", 12), Col("Owner", 14), Col("Notes", 30, "sla_wrap"),
]
FINDINGS_SIDE = [
    Col("Old file", 24, "sla_wrap"), Col("New file", 24, "sla_wrap"), Col("Check", 18), Col("Question", 40, "sla_wrap"),
    Col("Severity", 9), Col("Old status", 9), Col("New status", 9), Col("Movement", 10),
    Col("Old explanation", 50, "sla_wrap"), Col("New explanation", 50, "sla_wrap"),
]
PAIRS = [
    Col("Old file", 34, "sla_wrap"), Col("New file", 34, "sla_wrap"), Col("Status", 12), Col("Worse", 7, "sla_int"),
    Col("Better", 7, "sla_int"), Col("Changed", 8, "sla_int"), Col("Added", 7, "sla_int"), Col("Removed", 8, "sla_int"),
    Col("New gaps", 8, "sla_int"), Col("Closed gaps", 8, "sla_int"), Col("Reason", 50, "sla_wrap"),
]
VERDICT_FILL = {"worse": RED, "removed": AMBER, "changed": BLUE, "added": GREY, "better": GREEN}
MOVEMENT_FILL = {"new": RED, "closed": GREEN, "changed": BLUE}
STATUS_FILL = {"gap": RED, "weak": AMBER, "ok": GREEN, "review": BLUE}


def _evidence(e: Optional[Evidence]) -> tuple[Optional[str], Optional[int], Optional[str]]:
    return (e.text, e.page, e.section) if e is not None else (None, None, None)


def _why(r: FileResult) -> str:
    return f"[{r.error.code if r.error else 'error'}]: {error_reason(r)}"


def _decisions(ws: Worksheet, column: int, last: int) -> None:
    letter = get_column_letter(column)
    dv = DataValidation(type="list", formula1='"' + ",".join(DECISIONS) + '"', allow_blank=True,
                        showErrorMessage=True, errorTitle="Decision", error="Choose Accept, Negotiate, Reject or N/A.",
                        promptTitle="Decision", prompt="Accept / Negotiate / Reject / N/A", showInputMessage=True)
    dv.add(f"{letter}2:{letter}{max(last, 2)}")
    ws.add_data_validation(dv)


def add_diff_sheets(wb: Workbook, diffs: Sequence[DiffResult],
                    unpaired: Sequence[tuple[str, Path, str]] = ()) -> dict[str, Worksheet]:
    """Add the Changes, Findings old vs new and Versions sheets to a workbook that has the
    review workbook's named styles; `unpaired` lists (old | new, file, why) for files that had no
    other version."""
    if "sla_header" not in wb.named_styles:
        _styles(wb)
    first = len(wb.sheetnames) == 1 and wb.active is not None and wb.active.max_row == 1 and wb.active["A1"].value is None
    changes = _sheet(wb, CHANGES_TITLE, CHANGES, first=first)
    findings = _sheet(wb, FINDINGS_TITLE, FINDINGS_SIDE)
    pairs = _sheet(wb, PAIRS_TITLE, PAIRS)
    row_c = row_f = row_p = 2
    for d in diffs:
        old, new = d.old.file, d.new.file
        counts = d.counts()
        moved = [f.movement for f in d.findings]
        reason = "; ".join(f"{side} version could not be read {_why(r)}" for side, r in (("old", d.old), ("new", d.new))
                           if r.status != "ok")
        _write_row(pairs, row_p, PAIRS, [old, new, "compared" if d.ok else "error", counts["worse"], counts["better"],
                                         counts["changed"], counts["added"], counts["removed"], moved.count("new"),
                                         moved.count("closed"), reason or None])
        row_p += 1
        for c in d.changes:
            ev_old, ev_new = _evidence(c.evidence_old), _evidence(c.evidence_new)
            _write_row(changes, row_c, CHANGES, [
                old, new, c.topic, c.label, c.change, c.verdict, c.severity, c.old_text or "not stated",
                c.new_text or "not stated", c.threshold_text() or None, "yes" if c.crosses_threshold else "no",
                c.note or None, *ev_old, *ev_new, None, None, None,
            ])
            row_c += 1
        for f in d.findings:
            _write_row(findings, row_f, FINDINGS_SIDE, [
                old, new, f.check_id, f.question, f.severity, f.old_status, f.new_status, f.movement,
                f.old_explanation or None, f.new_explanation or None,
            ])
            row_f += 1
    for side, path, why in unpaired:
        files = [str(path), None] if side == "old" else [None, str(path)]
        _write_row(pairs, row_p, PAIRS, [*files, "unpaired", None, None, None, None, None, None, None, why])
        row_p += 1
    _decisions(changes, CHANGES.index(next(c for c in CHANGES if c.header == "Decision")) + 1, row_c - 1)
    _colour_rules(changes, 6, VERDICT_FILL)
    _colour_rules(findings, 6, STATUS_FILL)
    _colour_rules(findings, 7, STATUS_FILL)
    _colour_rules(findings, 8, MOVEMENT_FILL)
    for ws, cols in ((changes, CHANGES), (findings, FINDINGS_SIDE), (pairs, PAIRS)):
        _finish(ws, len(cols))
    return {CHANGES_TITLE: changes, FINDINGS_TITLE: findings, PAIRS_TITLE: pairs}


def write_diff_workbook(diffs: Sequence[DiffResult], path: str | Path, run_date: dt.datetime,
                        unpaired: Sequence[tuple[str, Path, str]] = ()) -> None:
    """A workbook of its own for `sla-check diff -o`, saved atomically and reproducibly."""
    wb = Workbook()
    add_diff_sheets(wb, diffs, unpaired)
    props: Any = wb.properties
    from sla_check import __version__

    props.creator = f"sla-check {__version__}"
    props.title = "SLA changes"
    props.created = props.modified = run_date
    save_workbook_deterministic(wb, path, run_date)
