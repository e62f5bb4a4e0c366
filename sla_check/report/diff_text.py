"""The terminal view of a diff: changes worst first, each with its evidence from both versions."""
from __future__ import annotations

from sla_check.diff import DiffResult
from sla_check.models import FileResult
from sla_check.report import error_reason
from sla_check.report.text import cite

_QUOTE_MAX = 150

_MOVEMENT_WORDS = {"new": "NEW GAP", "closed": "CLOSED", "changed": "CHANGED", "only_old": "OLD ONLY", "only_new": "NEW ONLY"}


def _quote(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _QUOTE_MAX else text[: _QUOTE_MAX - 1] + "\u2026"


def _unreadable(side: str, r: FileResult) -> str:
    code = r.error.code if r.error else "error"
    return f"  {side} version could not be read [{code}]: {error_reason(r)}"


def format_diff(result: DiffResult) -> str:
    """A readable list of what changed, worst first, then the checklist's findings side by side."""
    lines = [f"{result.old.file} -> {result.new.file}  (profile: {result.profile})"]
    if not result.ok:
        for side, r in (("old", result.old), ("new", result.new)):
            if r.status != "ok":
                lines.append(_unreadable(side, r))
        return "\n".join(lines) + "\n"
    counts = result.counts()
    lines.append(", ".join(f"{n} {v}" for v, n in counts.items()))
    if not result.changes:
        lines.append("  no change in meaning: every term reads the same in both versions")
    for c in result.changes:
        lines.append("")
        lines.append(f"{c.verdict.upper():8} {c.summary()}")
        for extra in (c.threshold_text(), c.note):
            if extra:
                lines.append(f"{'':9}{extra}")
        for side, e in (("old", c.evidence_old), ("new", c.evidence_new)):
            if e is not None:
                lines.append(f"{'':9}{side} [{cite(e)}] \u201c{_quote(e.text)}\u201d")
            else:
                lines.append(f"{'':9}{side} not stated")
    moved = [f for f in result.findings if f.movement != "same"]
    new_gaps = sum(1 for f in moved if f.movement == "new")
    closed = sum(1 for f in moved if f.movement == "closed")
    lines.append("")
    lines.append(f"Checklist findings ({result.profile} profile): {new_gaps} new problem(s), {closed} closed, "
                 f"{len(result.findings) - len(moved)} unchanged")
    for f in moved:
        lines.append(f"  {_MOVEMENT_WORDS.get(f.movement, f.movement):8} {f.check_id} ({f.severity}): "
                     f"{f.old_status or '-'} -> {f.new_status or '-'}")
    return "\n".join(lines) + "\n"
