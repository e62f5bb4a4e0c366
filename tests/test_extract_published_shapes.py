"""Table shapes of published PDFs that are read correctly but were interpreted wrongly (issue 12),
each run through the real pipeline on a file of our own wording: Markdown for the table logic, a
reportlab PDF where the shape comes from a drawn layout (a header cell spanning columns)."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from sla_check.pipeline import extract_file
from written import terms_from

_, HEIGHT = A4

#: plans as rows; each kind spans the levels under it
_KINDS = ["Response time", "", "", "Fix time", ""]
_LEVELS = ["P1", "P2", "P3", "P1", "P2"]
_PLANS = [["Gold", "1 hour", "4 hours", "1 day", "8 hours", "3 days"],
          ["Silver", "2 hours", "8 hours", "2 days", "1 day", "5 days"]]
_EXPECTED = {("Gold", 1, "response", 60), ("Gold", 2, "response", 240), ("Gold", 3, "response", 1440),
             ("Gold", 1, "resolution", 480), ("Gold", 2, "resolution", 4320),
             ("Silver", 1, "response", 120), ("Silver", 2, "response", 480), ("Silver", 3, "response", 2880),
             ("Silver", 1, "resolution", 1440), ("Silver", 2, "resolution", 7200)}


def scoped(terms: Any) -> set[tuple[Any, ...]]:
    return {(t.scope, t.severity_level, t.kind, t.minutes) for t in terms.response_times}


def test_kind_two_rows_up_over_levels_with_a_row_per_plan(tmp_path: Path, nlp: Any) -> None:
    """ "Response time" spanning "P1 | P2 | P3", "Fix time" spanning "P1 | P2", a row per plan: the
    level came from the row below the header and the kind from the row above it. Read before as
    times of no level, and only for the first plan."""
    rows = [["Plan", *_KINDS], ["", *_LEVELS], *_PLANS]
    text = "# Targets\n\n" + "\n".join("| " + " | ".join(r) + " |" + ("\n|" + "---|" * 6 if k == 0 else "")
                                       for k, r in enumerate(rows)) + "\n"
    assert scoped(terms_from(tmp_path, nlp, text)) == _EXPECTED


def test_kind_two_rows_up_in_a_ruled_pdf_table_with_spanning_cells(tmp_path: Path, nlp: Any) -> None:
    """The same table drawn as a publisher does: the kind cells span their columns (no rule between
    them), the corner cell spans both header rows."""
    path = tmp_path / "plans.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setFont("Helvetica-Bold", 12)
    c.drawString(60, HEIGHT - 60, "Schedule 1 - Targets per plan")
    xs = [60 + 75 * k for k in range(7)]
    ys = [HEIGHT - 80 - 20 * k for k in range(5)]
    c.setLineWidth(0.5)
    c.line(xs[0], ys[0], xs[-1], ys[0])
    c.line(xs[1], ys[1], xs[-1], ys[1])
    for y in ys[2:]:
        c.line(xs[0], y, xs[-1], y)
    for k, x in enumerate(xs):
        top = ys[0] if k in (0, 1, 4, 6) else ys[1]
        c.line(x, top, x, ys[-1])
    c.setFont("Helvetica-Bold", 9)
    c.drawString(xs[0] + 4, ys[1] - 6, "Plan")
    c.drawString(xs[1] + 4, ys[0] - 14, "Response time")
    c.drawString(xs[4] + 4, ys[0] - 14, "Fix time")
    for j, level in enumerate(_LEVELS):
        c.drawString(xs[1 + j] + 4, ys[1] - 14, level)
    c.setFont("Helvetica", 9)
    for k, row in enumerate(_PLANS):
        for j, cell in enumerate(row):
            c.drawString(xs[j] + 4, ys[2 + k] - 14, cell)
    c.showPage()
    c.save()
    result = extract_file(path, nlp=nlp)
    assert result.terms is not None, result.error
    assert scoped(result.terms) == _EXPECTED


def test_plain_time_in_a_plans_own_table_runs_on_that_plans_hours(tmp_path: Path, nlp: Any) -> None:
    """A comparison of plans side by side gives each plan's cover ("Cover | Self-help | 8x5 | 24x7");
    a targets table per plan, captioned with the plan's name, lists plain hours. A plain "4 hours" in
    the 8x5 plan's table counts business hours, in the 24x7 plan's table clock hours (both were
    unspecified: the plan's hours were read only from a row or sentence that opens with its name)."""
    plans = "| Feature | Basic | Gold | Platinum |\n|---|---|---|---|\n| Cover | Self-help only | 8x5 | 24x7 |\n" \
            "| Named contacts | 1 | 4 | 10 |\n"
    targets = "| Severity | First reply | Fix |\n|---|---|---|\n| Critical | {} | {} |\n| Major | {} | {} |\n"
    text = ("# Support plans\n\n" + plans + "\n## Targets\n\nTable 1: Gold plan targets\n\n"
            + targets.format("4 hours", "40 hours", "8 hours", "80 hours")
            + "\nTable 2: Platinum plan targets\n\n" + targets.format("1 hour", "24 hours", "4 hours", "72 hours"))
    got = {(t.scope, t.severity_level, t.kind, t.minutes, t.basis) for t in terms_from(tmp_path, nlp, text).response_times}
    assert got == {("Gold", 1, "response", 240, "business"), ("Gold", 1, "resolution", 2400, "business"),
                   ("Gold", 2, "response", 480, "business"), ("Gold", 2, "resolution", 4800, "business"),
                   ("Platinum", 1, "response", 60, "calendar"), ("Platinum", 1, "resolution", 1440, "calendar"),
                   ("Platinum", 2, "response", 240, "calendar"), ("Platinum", 2, "resolution", 4320, "calendar")}
