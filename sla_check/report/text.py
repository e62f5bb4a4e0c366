"""Plain-text views for the terminal: the per-file terms summary and the batch summary table."""
from __future__ import annotations

from typing import Any, Iterable, Sequence

from sla_check.models import Evidence, FileResult
from sla_check.report import error_reason, term_rows

_QUOTE_MAX = 110


def cite(e: Evidence | None) -> str:
    """"p. 3, 4.2" style citation."""
    if e is None:
        return ""
    return f"p. {e.page}" + (f", {e.section}" if e.section else "")


def _quote(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _QUOTE_MAX else text[: _QUOTE_MAX - 1] + "…"


def _show(value: Any) -> str:
    if value is True:
        return "yes"
    if value is False:
        return "no"
    return str(value)


def format_terms(result: FileResult) -> str:
    """A readable summary of one file's terms, each with its page citation and quote."""
    head = f"{result.file}"
    if result.status != "ok":
        return f"{head}\n  could not be read [{result.error.code if result.error else 'error'}]: {error_reason(result)}\n"
    head += f"  ({result.pages} page{'s' if result.pages != 1 else ''}{', ' + result.format if result.format else ''})"
    rows = term_rows(result.terms)
    if not rows:
        return f"{head}\n  no SLA terms found\n"
    lines = [head]
    width = min(38, max(len(r.field) for r in rows))
    for r in rows:
        citation = cite(r.evidence)
        line = f"  {r.field:<{width}}  {_show(r.value)}"
        if citation:
            line += f"  [{citation}]"
        lines.append(line)
        if r.evidence is not None and r.evidence.text:
            lines.append(f"  {'':<{width}}    \"{_quote(r.evidence.text)}\"")
    return "\n".join(lines) + "\n"


def format_table(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """A fixed-width text table (no colours: it must read the same in a log file)."""
    cells = [[str(h) for h in header]] + [["" if v is None else str(v) for v in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    out = []
    for n, row in enumerate(cells):
        out.append("  ".join(v.ljust(w) for v, w in zip(row, widths)).rstrip())
        if n == 0:
            out.append("  ".join("-" * w for w in widths))
    return "\n".join(out)
