"""The same contract read from Markdown and from a PDF of it must give the same terms (issue 12).

Each case is a small source in the fixture Markdown subset, rendered by tools/make_fixtures.py
(the renderer of the fixtures and of `tools/corpus.py render`) once as Markdown and as PDFs with
ruled tables and with borderless tables (a rule under the header row only). Each case states the
answer it expects, so a shape read wrongly in both forms fails too. All wording is our own.
"""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any, Optional

import pytest

from sla_check.ingest import load_document
from sla_check.pipeline import extract_file

ROOT = Path(__file__).resolve().parent.parent
TOOLS = ROOT / "tools"


def _tool(name: str) -> Any:
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, TOOLS / f"{name}.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        sys.path.insert(0, str(TOOLS))  # make_fixtures imports its sibling make_scans
        try:
            spec.loader.exec_module(module)
        finally:
            sys.path.remove(str(TOOLS))
    return sys.modules[name]


STYLES = ("md", "ruled", "header-rule")


def render(tmp_path: Path, body: str, style: str, name: str = "doc") -> Path:
    """`body` (tables marked `{table: STYLE...}`) as Markdown, or as a PDF with every table in `style`."""
    gen = _tool("make_fixtures")
    if style != "md":
        body = body.replace("{table: STYLE", "{table: " + style)
    src = gen.parse_body(body.replace("{table: STYLE", "{table: ruled"), tmp_path / f"{name}.md",
                         {"id": name, "format": "pdf"})
    if style == "md":
        path = tmp_path / f"{name}.md"
        path.write_bytes(gen.render_md(src))
    else:
        path = tmp_path / f"{name}-{style}.pdf"
        path.write_bytes(gen.render_pdf(src))
    return path


Time = tuple[Optional[int], str, float, str]


def times_of(path: Path, nlp: Any) -> set[Time]:
    result = extract_file(path, nlp=nlp)
    assert result.terms is not None, result.error
    return {(t.severity_level, t.kind, float(t.minutes), t.basis) for t in result.terms.response_times}


FILLER = "\n\n".join(f"Clause {i} sets out in ordinary words how the parties cooperate while the hosted "
                     "platform is in use, so that this page fills up before the table starts." for i in range(1, 19))

WRAPPED = """{table: STYLE%s}
| Class | What the class covers | First reply | Status updates | Restoration |
""" + "\n".join(
    f"| Class {i} | A fault that stops users of the platform in a way we describe in enough words that "
    f"this cell wraps over several lines of the page | {20 * i} minutes | every {i} hours | {6 * i} hours |"
    for i in (1, 2, 3)) + "\n\nOther terms follow the table.\n"
WRAPPED_TIMES = {(i, kind, float(m), "unspecified") for i in (1, 2, 3)
                 for kind, m in (("response", 20 * i), ("update", 60 * i), ("resolution", 360 * i))}


@pytest.mark.parametrize("style", STYLES)
def test_wide_wrapped_column_beside_narrow_time_columns_is_one_table(tmp_path, nlp, style):
    """A borderless table whose text column wraps over many lines beside narrow columns of times
    leaves an empty vertical strip down the page: it is one table, not two columns of text."""
    assert times_of(render(tmp_path, "## Fault handling\n\n" + WRAPPED % "", style), nlp) == WRAPPED_TIMES


@pytest.mark.parametrize("style", STYLES)
def test_wrapped_table_continued_on_the_next_page(tmp_path, nlp, style):
    """The same table starting low on a page and carrying on over the page break."""
    path = render(tmp_path, "## Terms\n\n" + FILLER + "\n\n" + WRAPPED % ", split, title: Fault targets", style)
    if style != "md":
        assert len({b.page for b in load_document(path).blocks if b.kind == "table_row"}) == 2  # it does cross
    assert times_of(path, nlp) == WRAPPED_TIMES


CORNER = """## Ticket handling

{table: STYLE}
|  | First acknowledgement | Restoration objective |
| Priority 1 | 20 minutes | 5 hours |
| Priority 2 | 2 hours | 10 hours |
| Based on working days: Monday to Friday 08:30-17:30 |  |  |

Anything else is handled as time allows.
"""


@pytest.mark.parametrize("style", STYLES)
def test_corner_cell_header_and_footnote_row(tmp_path, nlp, style):
    """An empty corner cell over the row labels keeps every header over its own column, and a last
    row holding only a note about working hours sets the clock of the whole table."""
    assert times_of(render(tmp_path, CORNER, style), nlp) == {
        (1, "response", 20.0, "business"), (1, "resolution", 300.0, "business"),
        (2, "response", 120.0, "business"), (2, "resolution", 600.0, "business")}


LONG_HEADERS = """## Targets

{table: STYLE}
| Level of the incident as the desk grades it | Time until the first response from an engineer | Time until a workaround is in place for users | Interval between progress updates to you |
| Level 1 - everything is down | 10 minutes | 3 hours | 45 minutes |
| Level 2 - much is slow | 1 hour | 9 hours | 3 hours |
"""


@pytest.mark.parametrize("style", STYLES)
def test_headers_over_several_lines_keep_their_columns(tmp_path, nlp, style):
    """Header cells long enough to wrap over two or more lines, with row labels that wrap too."""
    assert times_of(render(tmp_path, LONG_HEADERS, style), nlp) == {
        (1, "response", 10.0, "unspecified"), (1, "resolution", 180.0, "unspecified"),
        (1, "update", 45.0, "unspecified"), (2, "response", 60.0, "unspecified"),
        (2, "resolution", 540.0, "unspecified"), (2, "update", 180.0, "unspecified")}


OWN_HEADING = """## Reaction time

We acknowledge every ticket within 45 minutes.

### Completion statistics overview

{table: STYLE}
| Degree of urgency | Completion time |
| Critical | 90% of critical tickets are solved in 3h. |
| High | 90% of high tickets are solved in 30h. |

These figures run on the calendar clock.
"""


@pytest.mark.parametrize("style", STYLES)
def test_table_under_its_own_heading_takes_no_kind_from_the_section_above(tmp_path, nlp, style):
    """A PDF reads a heading right above a table as the table's title, so the table stays in the
    section before it; that section's heading ("Reaction time") names the prose's kind, not the
    table's, whose cells say the times are fix times."""
    got = {(level, kind, minutes) for level, kind, minutes, _ in times_of(render(tmp_path, OWN_HEADING, style), nlp)}
    assert got == {(None, "response", 45.0), (1, "resolution", 180.0), (2, "resolution", 1800.0)}


ONE_ROW = """## Worked example

{table: STYLE}
| Plan fee: 400 | Committed availability: 99.8% | Measured availability: 99.1% |

A credit is due when measured availability falls short of the committed level.
"""


@pytest.mark.parametrize("style", STYLES)
def test_one_row_table_is_content_not_a_header(tmp_path, nlp, style):
    """A table of a single row holds content: its figures are read as they are from text."""
    result = extract_file(render(tmp_path, ONE_ROW, style), nlp=nlp)
    assert result.terms is not None
    assert 99.8 in {u.percent for u in result.terms.uptime}
    if style == "header-rule":
        return  # one line with no rules is a line of text, not a table
    rows = [b for b in load_document(render(tmp_path, ONE_ROW, style)).blocks if b.kind == "table_row"]
    assert len(rows) == 1 and rows[0].header is None and len(rows[0].cells or ()) == 3


NUMBERED = """## Help desk

Our engineers follow these rules.

Urgent tickets:

1. An engineer replies within 20 minutes of the ticket.
2. The engineer stays on the ticket until it is closed.

Other tickets:

1. An engineer replies within 6 hours of the ticket.
"""


def test_label_after_a_numbered_list_starts_its_own_paragraph(tmp_path):
    """A line back at the margin after a numbered item's hanging indent is not part of the item."""
    path = render(tmp_path, NUMBERED, "ruled")
    gen = _tool("make_fixtures")
    src = gen.parse_body(NUMBERED, tmp_path / "n.md", {"id": "n", "format": "pdf", "numbered_lists": True})
    path = tmp_path / "numbered.pdf"
    path.write_bytes(gen.render_pdf(src))
    texts = [b.text for b in load_document(path).blocks]
    assert "Other tickets:" in texts
    assert any(t.endswith("until it is closed.") for t in texts)


def test_real_markdown_reduced_to_the_renderers_subset():
    """tools/corpus.py hands real Markdown to the renderer: tables with or without outer pipes in the
    asked style, link text without its address, no front matter, setext headings as headings."""
    corpus = _tool("corpus")
    text = ("---\ntitle: x\n---\n[home]: https://example.org\nSupport Terms\n=============\n\n"
            "See [our portal](https://example.org/p) for *details*.\n\n"
            "Level | Reply\n--- | ---\nHigh | 1 hour\nLow | 1 day\n\nThe end.\n")
    out = corpus.to_fixture_markdown(text, "header-rule")
    assert "title: x" not in out and "https://" not in out
    assert "# Support Terms" in out and "See our portal for details." in out
    assert "{table: header-rule}\n| Level | Reply |\n| High | 1 hour |\n| Low | 1 day |" in out


FIGURED_HEADER = """## Credits

{table: STYLE}
| Monthly availability | Credit below 99.9% | Credit below 99% |
| Standard plan | 5% of the fee | 15% of the fee |
| Premium plan | 10% of the fee | 30% of the fee |
"""


@pytest.mark.parametrize("style", STYLES)
def test_header_with_figures_is_still_the_header(tmp_path, style):
    """A header row that holds figures ("Credit below 99%") is told from the rows by its bold type
    when no rule or digit rule gives it away."""
    doc = load_document(render(tmp_path, FIGURED_HEADER, style))
    assert [t.header for t in doc.tables] == [("Monthly availability", "Credit below 99.9%", "Credit below 99%")]
    assert [r[0] for r in doc.tables[0].rows] == ["Standard plan", "Premium plan"]


def test_rows_whose_every_cell_wraps_are_told_apart_by_their_spacing(tmp_path):
    """A borderless table drawn by hand: headers centred over their columns, every cell of a row
    wrapped onto two lines 10 pt apart, rows 12 pt apart. The two spacings (too close for a ratio
    test alone, but regular) join each row's lines, and the columns start where the rows' cells do."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = tmp_path / "hand.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    y = A4[1] - 90
    c.setFont("Helvetica", 10)
    c.drawString(72, y, "The desk answers and reports on each fault as the table below sets out.")
    y -= 24
    c.setFont("Helvetica-Bold", 9)
    for x, text in ((110, "Class"), (225, "First answer"), (400, "Reports")):
        c.drawCentredString(x, y, text)
    rows = [(("Class 1", "whole site"), ("we answer within", "20 minutes of a call"), ("every hour until", "the fault is fixed")),
            (("Class 2", "one office"), ("we answer within", "3 hours of a call"), ("twice a day until", "the fault is fixed")),
            (("Class 3", "one person"), ("we answer within", "2 days of a call"), ("once a day until", "the fault is fixed"))]
    c.setFont("Helvetica", 9)
    for row in rows:
        y -= 12
        for line in range(2):
            for x, cell in zip((72, 160, 330), row):
                c.drawString(x, y - 10 * line, cell[line])
        y -= 10
    c.setFont("Helvetica", 10)
    c.drawString(72, y - 30, "Faults reported by email are answered on the next working day.")
    c.save()
    doc = load_document(path)
    assert len(doc.tables) == 1
    table = doc.tables[0]
    assert table.header == ("Class", "First answer", "Reports")
    assert [r[0] for r in table.rows] == ["Class 1 whole site", "Class 2 one office", "Class 3 one person"]
    assert table.rows[1][1] == "we answer within 3 hours of a call"


def test_evenly_spaced_rows_stay_apart_when_a_wider_gap_comes_only_at_the_end(tmp_path):
    """One-line rows 13 pt apart, then a line of two parts set further down (a page footer with
    its wide gaps): the only wider spacing is at the end of the run, so it separates no rows and
    the four rows are four rows, not one row of wrapped cells."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = tmp_path / "footer.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    y = A4[1] - 90
    c.setFont("Helvetica", 10)
    c.drawString(72, y, "Calls are answered and passed on within these times.")
    y -= 24
    c.setFont("Helvetica-Bold", 10)
    for x, text in ((72, "Level"), (130, "Answer"), (250, "Hand-over")):
        c.drawString(x, y, text)
    c.setFont("Helvetica", 10)
    for level, answer, hand in (("1", "10 minutes", "40 minutes"), ("2", "25 minutes", "3 hours"),
                                ("3", "2 hours", "6 hours"), ("4", "6 hours", "Next working day")):
        y -= 13
        for x, text in ((72, level), (130, answer), (250, hand)):
            c.drawString(x, y, text)
    y -= 18
    c.drawString(72, y, "Private and confidential")
    c.drawString(300, y, "Schedule 4")
    c.save()
    doc = load_document(path)
    table = doc.tables[0]
    assert table.header == ("Level", "Answer", "Hand-over")
    assert [r[:2] for r in table.rows[:4]] == [("1", "10 minutes"), ("2", "25 minutes"), ("3", "2 hours"), ("4", "6 hours")]


def test_bullet_lines_inside_a_cell_keep_the_table_going(tmp_path):
    """A cell of a borderless table holding a short bulleted list: a line that starts with a bullet
    right of the first column is a line of that cell, so the rows below stay in the same table."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = tmp_path / "bullets.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    y = A4[1] - 90
    c.setFont("Helvetica", 10)
    c.drawString(72, y, "Each class of fault is reported on as follows.")
    y -= 24
    c.setFont("Helvetica-Bold", 10)
    for x, text in ((72, "Class"), (160, "First notice"), (320, "Report covers")):
        c.drawString(x, y, text)
    c.setFont("Helvetica", 10)
    for label, notice in (("Class A", "within 20 minutes"), ("Class B", "within 2 hours"), ("Class C", "within 1 day")):
        y -= 16
        for x, text in ((72, label), (160, notice), (320, "\u2022 what is affected")):
            c.drawString(x, y, text)
        y -= 12
        c.drawString(320, y, "\u2022 when it should be fixed")
    c.save()
    doc = load_document(path)
    assert len(doc.tables) == 1
    assert [r[:2] for r in doc.tables[0].rows] == [("Class A", "within 20 minutes"), ("Class B", "within 2 hours"),
                                                   ("Class C", "within 1 day")]


def test_rendering_eval_folder_drops_findings_pages_only(tmp_path, monkeypatch):
    """Scoring a rendering pairs each PDF with its truth; fields keep every value, but findings lose
    the page and section of the text's layout, which the PDF does not share."""
    import yaml

    corpus = _tool("corpus")
    docs, truth, renderings = tmp_path / "docs", tmp_path / "truth", tmp_path / "renderings"
    (truth / "dev").mkdir(parents=True)
    docs.mkdir()
    (renderings / "ruled").mkdir(parents=True)
    (docs / "one.md").write_text("# One\n", encoding="utf-8")
    (renderings / "ruled" / "one.pdf").write_bytes(b"%PDF-1.4\n")
    (truth / "dev" / "one.truth.yml").write_text(yaml.safe_dump({
        "id": "one", "support_hours": "24x7",
        "findings": {"p1-response": {"status": "gap", "page": 3, "section": "4.1", "quote": "q"}}}), encoding="utf-8")
    monkeypatch.setattr(corpus, "DOCS", docs)
    monkeypatch.setattr(corpus, "TRUTH", truth)
    monkeypatch.setattr(corpus, "RENDERINGS", renderings)
    entry = corpus.Entry(id="one", kind="saas", format="md", source={}, sha256="0", licence="x", split="dev")
    out = tmp_path / "eval"
    out.mkdir()
    assert corpus.build_eval_dir([entry], out, "ruled") == [entry]
    assert (out / "one.pdf").resolve() == (renderings / "ruled" / "one.pdf").resolve()
    data = yaml.safe_load((out / "one.truth.yml").read_text(encoding="utf-8"))
    assert data["support_hours"] == "24x7"
    assert data["findings"] == {"p1-response": {"status": "gap", "quote": "q"}}


def test_tightly_set_header_line_is_still_the_header(tmp_path):
    """A header whose cells sit closer than a cell gap reads as one line of words; its words still
    start where the columns below start, so it is the table's header, not a paragraph above it."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas

    path = tmp_path / "tight.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    y = A4[1] - 90
    c.setFont("Helvetica", 10)
    c.drawString(72, y, "The desk works to these targets for every ticket it takes on.")
    y -= 26
    heads = ["Ticket Class", "Answer Target", "Repair Target"]
    xs = [72.0]
    for h in heads[:-1]:
        xs.append(xs[-1] + stringWidth(h, "Helvetica-Bold", 10) + 8)  # 8 pt apart: under a cell gap
    c.setFont("Helvetica-Bold", 10)
    for x, h in zip(xs, heads):
        c.drawString(x, y, h)
    c.setFont("Helvetica", 10)
    for row in (("Class 1", "25 minutes", "5 hours"), ("Class 2", "3 hours", "2 days")):
        y -= 15
        for x, t in zip(xs, row):
            c.drawString(x, y, t)
    c.save()
    doc = load_document(path)
    assert [t.header for t in doc.tables] == [tuple(heads)]
    assert [b.text for b in doc.blocks if b.kind == "para"] == ["The desk works to these targets for every ticket it takes on."]


TIGHT_HEADER_WIDE_TEXT = """## Incident targets

{table: STYLE}
| Severity | Response Time | Resolution Target | Description of the kind of incident that falls into this class |
| Sev 1 | 30 minutes | 4 hours | The whole service is unavailable to every user and there is no workaround at all for anyone |
| Sev 2 | 2 hours | 12 hours | A major function is unavailable or badly degraded for many users, with no workaround |
| Sev 3 | 8 hours | 5 days | A minor function fails for some users, or a workaround exists for the problem |

Other terms.
"""


@pytest.mark.parametrize("style", STYLES)
def test_wide_text_column_in_larger_type_is_not_a_page_column(tmp_path, nlp, style):
    """In 11 pt type the header's first cells sit too close to split and the description column
    wraps on every row: most lines with text on both sides of the empty strip are split at cell
    gaps, so the strip is between columns of a table, not of the page."""
    gen = _tool("make_fixtures")
    body = TIGHT_HEADER_WIDE_TEXT.replace("{table: STYLE", "{table: " + ("ruled" if style == "md" else style))
    src = gen.parse_body(body, tmp_path / "t.md", {"id": "t", "format": "pdf", "layout": {"font_size": 11}})
    path = tmp_path / ("t.md" if style == "md" else f"t-{style}.pdf")
    path.write_bytes(gen.render_md(src) if style == "md" else gen.render_pdf(src))
    assert {(lv, k, m) for lv, k, m, _ in times_of(path, nlp)} == {
        (1, "response", 30.0), (1, "resolution", 240.0), (2, "response", 120.0), (2, "resolution", 720.0),
        (3, "response", 480.0), (3, "resolution", 7200.0)}


PLAN_COLUMNS = """## Support plans

{table: STYLE}
| Ticket priority | Basic Plan | Premier Plan |
| Critical | 6 hours | 45 minutes |
| High | 10 hours | 3 hours |

All times above are first response times.
"""


@pytest.mark.parametrize("style", STYLES)
def test_plan_columns_take_their_kind_from_the_note_under_the_table(tmp_path, nlp, style):
    """Columns headed by plans name no kind; the short note under the table says what all its
    times are, and each plan's time is its own commitment scoped to the plan."""
    result = extract_file(render(tmp_path, PLAN_COLUMNS, style), nlp=nlp)
    assert result.terms is not None
    got = {(t.severity_level, t.kind, t.minutes, t.scope) for t in result.terms.response_times}
    assert got == {(1, "response", 360, "Basic Plan"), (1, "response", 45, "Premier Plan"),
                   (2, "response", 600, "Basic Plan"), (2, "response", 180, "Premier Plan")}


LONG_CELLS = """## Service levels

{table: STYLE}
| Fault level | Commitment |
| Level 1 | Committed target: each fault will get a response from our duty team within 20 minutes (one hour at weekends) of being logged by the customer. |
| Level 2 | Committed target: each fault will get a response from our duty team within 6 hours of being logged (weekdays only). |
"""


@pytest.mark.parametrize("style", STYLES)
def test_time_stated_late_in_a_long_cell_sentence(tmp_path, nlp, style):
    """A cell that is one long sentence: the kind word and "within" come well into it (past the
    first 60 characters) and the time follows; the first time stated is the level's target."""
    got = {(lv, k, m) for lv, k, m, _ in times_of(render(tmp_path, LONG_CELLS, style), nlp)}
    assert (1, "response", 20.0) in got and (2, "response", 360.0) in got


CENTRED = """## Desk targets

Every call to the desk gets a priority when it is logged.

{table: STYLE, middle}
| Priority | What the priority means | First reply | Repair |
| Priority 1 | Nobody in any of the branches can sign in to the booking system and all of the counter work has stopped until it comes back | 25 minutes | 5 hours |
| Priority 2 | The booking system works but one of its modules fails for a whole branch | 3 hours | 2 days |
| Priority 3 - one person is slowed down by a small fault that has a workaround | A minor fault | 9 hours | 6 days |
| Priority 4 | A question | 2 days | 10 days |

Priorities are set by the desk.
"""


@pytest.mark.parametrize("style", STYLES)
def test_cells_centred_beside_a_cell_wrapped_over_many_lines(tmp_path, nlp, style):
    """Cells set vertically centred beside a cell that wraps over three or more lines: with an odd
    number of lines they share the middle line's baseline, with an even number they sit half a line
    between the middle two. Either way the wrapped cell's upper lines come before the line holding
    the row's figures; they belong to that row, and the header stays over the table."""
    path = render(tmp_path, CENTRED, style)
    if style != "md":
        table = load_document(path).tables[0]
        assert table.header == ("Priority", "What the priority means", "First reply", "Repair")
        assert [r[0] for r in table.rows] == ["Priority 1", "Priority 2", "Priority 3 - one person is slowed down by a "
                                              "small fault that has a workaround", "Priority 4"]
        assert table.rows[0][1].startswith("Nobody in any") and table.rows[0][1].endswith("until it comes back")
    assert times_of(path, nlp) == {
        (1, "response", 25.0, "unspecified"), (1, "resolution", 300.0, "unspecified"),
        (2, "response", 180.0, "unspecified"), (2, "resolution", 2880.0, "unspecified"),
        (3, "response", 540.0, "unspecified"), (3, "resolution", 8640.0, "unspecified"),
        (4, "response", 2880.0, "unspecified"), (4, "resolution", 14400.0, "unspecified")}


SPANNED = """## Cover by time of day

{table: STYLE, middle}
| Priority | Cover | First reply | Repair |
| Priority 1 | Office hours | 15 minutes | 3 hours |
|  | Out of hours | 45 minutes | 6 hours |
| Priority 2 | Office hours | 2 hours | 2 days |
|  | Out of hours | 5 hours | 4 days |

Priorities are set by the desk.
"""


@pytest.mark.parametrize("style", STYLES)
def test_row_label_spanning_two_rows_and_centred_on_them(tmp_path, nlp, style):
    """A level's label merged over its office-hours and out-of-hours rows and set vertically centred
    sits half a line between them; read line by line the three lines were one row of doubled cells.
    Each row keeps its own times, and the label belongs to both."""
    path = render(tmp_path, SPANNED, style)
    if style != "md":
        rows = load_document(path).tables[0].rows
        assert [r[:2] for r in rows] == [("Priority 1", "Office hours"), ("Priority 1", "Out of hours"),
                                         ("Priority 2", "Office hours"), ("Priority 2", "Out of hours")]
    got = {(lv, k, m) for lv, k, m, _ in times_of(path, nlp)}
    assert got == {(1, "response", 15.0), (1, "resolution", 180.0), (1, "response", 45.0), (1, "resolution", 360.0),
                   (2, "response", 120.0), (2, "resolution", 960.0), (2, "response", 300.0), (2, "resolution", 5760.0)}


KINDS_OVER_HOURS = """## Helpdesk commitments

Tickets are answered and fixed within the times below.

{table: STYLE}
| Ticket class | Response time | | Resolution time | |
| | Office hours | Out of hours | Office hours | Out of hours |
| Class A | 20 minutes | 50 minutes | 5 hours | 9 hours |
| Class B | 3 hours | 7 hours | 3 days | 6 days |
"""


@pytest.mark.parametrize("style", STYLES)
def test_kinds_over_the_hours_they_run_in_two_header_rows(tmp_path, nlp, style):
    """Each kind spans two columns of the upper header row; the lower row says which hours each time
    runs in. The out-of-hours times are commitments too, on the round-the-clock basis, each scoped to
    its hours (the mirror of plans over kinds)."""
    result = extract_file(render(tmp_path, KINDS_OVER_HOURS, style), nlp=nlp)
    assert result.terms is not None
    got = {(t.severity_level, t.kind, t.minutes, t.basis, t.scope) for t in result.terms.response_times}
    assert got == {
        (1, "response", 20, "business", "Office hours"), (1, "response", 50, "calendar", "Out of hours"),
        (1, "resolution", 300, "business", "Office hours"), (1, "resolution", 540, "calendar", "Out of hours"),
        (2, "response", 180, "business", "Office hours"), (2, "response", 420, "calendar", "Out of hours"),
        (2, "resolution", 1440, "business", "Office hours"), (2, "resolution", 8640, "calendar", "Out of hours"),
    }


KIND_OVER_PLANS = """## Fix targets by plan

{table: STYLE}
| Priority | Resolution | |
| | Standard | Premium |
| Priority 1 | 8 hours | 4 hours |
| Priority 2 | 2 days | 1 day |
"""


@pytest.mark.parametrize("style", STYLES)
def test_one_kind_over_the_plans_in_two_header_rows(tmp_path, nlp, style):
    """One kind spans the plan columns below it: every time is that kind, scoped to its plan; the
    plans name no hours, so the basis stays unspecified."""
    result = extract_file(render(tmp_path, KIND_OVER_PLANS, style), nlp=nlp)
    assert result.terms is not None
    got = {(t.severity_level, t.kind, t.minutes, t.basis, t.scope) for t in result.terms.response_times}
    assert got == {(1, "resolution", 480, "unspecified", "Standard"), (1, "resolution", 240, "unspecified", "Premium"),
                   (2, "resolution", 2880, "unspecified", "Standard"), (2, "resolution", 1440, "unspecified", "Premium")}
