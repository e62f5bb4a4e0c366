"""PDF ingestion on small PDFs drawn with reportlab: each test draws exactly the layout it checks.

Every check runs on both engines, and the engines must agree block for block.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from sla_check.ingest import load_document
from sla_check.models import Document
from pdf_read import ENGINES, read_both

WIDTH, HEIGHT = A4
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


class Sheet:
    """A tiny page writer: lines of text top-down, running header/footer, ruled tables."""

    def __init__(self, path: Path, header: str | None = None, footer: str | None = "Page {page} of {pages}", pages: int = 1) -> None:
        self.c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
        self.header, self.footer, self.pages = header, footer, pages
        self.page = 1
        self.y = HEIGHT - 90
        self.font = "Helvetica"
        if DEJAVU.exists():
            pdfmetrics.registerFont(TTFont("DejaVu", str(DEJAVU)))
            self.font = "DejaVu"
        self._decorate()

    def _decorate(self) -> None:
        c = self.c
        c.setFont("Helvetica", 8)
        if self.header:
            c.drawString(72, HEIGHT - 40, self.header)
            c.line(72, HEIGHT - 44, WIDTH - 72, HEIGHT - 44)
        if self.footer:
            c.drawCentredString(WIDTH / 2, 36, self.footer.format(page=self.page, pages=self.pages))

    def line(self, text: str, size: float = 10, bold: bool = False, x: float = 72, gap: float = 0) -> None:
        self.y -= gap
        self.c.setFont("Helvetica-Bold" if bold else self.font, size)
        self.c.drawString(x, self.y, text)
        self.y -= size * 1.3

    def para(self, lines: list[str], **kw) -> None:
        for i, text in enumerate(lines):
            self.line(text, gap=8 if i == 0 else 0, **kw)

    def heading(self, text: str) -> None:
        self.line(text, size=12, bold=True, gap=12)

    def table(self, rows: list[list[str]], widths: list[float], x: float = 72, row_h: float = 18) -> None:
        """A fully ruled table; an empty string draws an empty cell."""
        self.y -= 6
        top = self.y
        c = self.c
        c.setFont("Helvetica", 9)
        for r, row in enumerate(rows):
            cx = x
            for cell, w in zip(row, widths):
                c.drawString(cx + 4, top - (r + 1) * row_h + 5, cell)
                cx += w
        bottom = top - len(rows) * row_h
        for r in range(len(rows) + 1):
            c.line(x, top - r * row_h, x + sum(widths), top - r * row_h)
        cx = x
        for w in [0.0] + widths:
            cx += w
            c.line(cx, top, cx, bottom)
        self.y = bottom - 14

    def new_page(self) -> None:
        self.c.showPage()
        self.page += 1
        self.y = HEIGHT - 90
        self._decorate()

    def save(self) -> None:
        self.c.showPage()
        self.c.save()


def block_with(doc: Document, snippet: str):
    hits = [b for b in doc.blocks if snippet in b.text]
    assert hits, f"{snippet!r} not found in:\n" + "\n".join(b.text for b in doc.blocks)
    return hits[0]


# ------------------------------------------------------------------ documents


@pytest.fixture(scope="module")
def agreement(tmp_path_factory) -> Path:
    """Three pages: running header and footer, clauses, hyphenation, a table over a page break."""
    path = tmp_path_factory.mktemp("pdf") / "agreement.pdf"
    s = Sheet(path, header="Acme Hosting Ltd - Service Level Agreement - Confidential", pages=3)
    s.line("Service Level Agreement", size=16, bold=True)
    s.heading("1. Availability")
    s.para([
        "1.1 Acme will make the Hosted Service available for at least 99.9% of each calendar month,",
        "measured by Acme's monitoring. Avail-",
        "ability is calculated by the Provider using third-",
        "party monitoring tools and a 24-",
        "hour clock. The ﬁnancial remedy is set out in clause 3.",
    ])
    s.para(["1.2 The availability commitment does not apply to downtime caused by:"])
    s.line("(a) scheduled maintenance notified in advance;", x=90)
    s.line("(b) the Customer's acts or omissions; or", x=90)
    s.line("(c) events of force majeure.", x=90)
    s.heading("2. Support")
    s.para(["2.1 Acme will respond to Incidents within the times in the table below."])
    s.line("Table 1 - Response Times", size=9, bold=True, gap=6)
    s.table(
        [["Priority", "Response time", "Resolution time"],
         ["Priority 1", "15 minutes", "4 hours"],
         ["", "30 minutes (out of hours)", "6 hours"],
         ["Priority 2", "1 hour", "8 hours"]],
        [110, 170, 150],
    )
    s.new_page()
    s.table(
        [["Priority", "Response time", "Resolution time"],
         ["Priority 3", "4 hours", "2 business days"],
         ["Priority 4", "1 business day", "5 business days"]],
        [110, 170, 150],
    )
    s.para([
        "2.2 Response means an engineer has acknowledged the Incident and begun work on it. Acme",
        "will give status updates every 60 minutes for Priority 1 Incidents.",
    ])
    s.heading("Schedule 2 - Service Credits")
    s.para(["1.1 If availability falls below 99.9% in a month the Customer will receive a credit of 10%", "of the monthly fee."])
    s.new_page()
    s.para(["1.2 Credits must be claimed within thirty (30) days of the end of the month and are the", "Customer's sole and exclusive remedy."])
    s.save()
    return path


@pytest.fixture(scope="module")
def two_column(tmp_path_factory) -> Path:
    """A full-width title, then two columns whose lines share baselines."""
    path = tmp_path_factory.mktemp("pdf") / "two-column.pdf"
    s = Sheet(path, footer=None)
    s.line("Managed Services Terms", size=16, bold=True)
    left = [
        "1. Service Hours",
        "Support is provided from 08:00",
        "to 18:00 Monday to Friday,",
        "excluding public holidays, for all",
        "Priority 2 to 4 incidents raised.",
        "",
        "2. Priority 1",
        "Priority 1 incidents are handled",
        "around the clock by the on-call",
        "engineer on the rota this week.",
    ]
    right = [
        "3. Maintenance",
        "Planned maintenance is announced",
        "at least five working days ahead",
        "and is carried out on Sundays",
        "between 02:00 and 06:00 only.",
        "",
        "4. Reporting",
        "A service report is sent to the",
        "Customer within ten days of the",
        "end of every calendar month here.",
    ]
    y0 = s.y - 20
    for col, lines in ((72, left), (315, right)):
        y = y0
        for text in lines:
            if text:
                bold = text[0].isdigit()
                s.c.setFont("Helvetica-Bold" if bold else "Helvetica", 10)
                s.c.drawString(col, y, text)
            y -= 14
    s.save()
    return path


# ------------------------------------------------------------------ tests


@pytest.mark.parametrize("engine", ENGINES)
def test_reads_pages_and_running_lines_are_removed(agreement, engine):
    doc = load_document(agreement, engine=engine)
    assert doc.pages == 3 and doc.format == "pdf"
    text = doc.text
    assert "Confidential" not in text
    assert "Page 1 of 3" not in text and "Page 2 of 3" not in text


def test_engines_agree(agreement, two_column):
    read_both(agreement)
    read_both(two_column)


def test_hyphenation_joined_real_hyphens_kept(agreement):
    b = block_with(read_both(agreement), "Acme will make the Hosted Service")
    assert "Availability is calculated" in b.text
    assert "third-party monitoring" in b.text
    assert "24-hour clock" in b.text
    assert "financial remedy" in b.text  # the fi ligature glyph is normalised


def test_clauses_and_subclauses(agreement):
    doc = read_both(agreement)
    assert block_with(doc, "Acme will make the Hosted Service").section == "1.1"
    item = block_with(doc, "the Customer's acts or omissions")
    assert (item.kind, item.section) == ("list_item", "1.2(b)")
    assert block_with(doc, "2. Support").kind == "heading"
    numbers = [s.number for s in doc.sections]
    assert {"1.1", "1.2", "1.2(a)", "2.1", "2.2", "Schedule 2"} <= set(numbers)


def test_table_rows_keep_header_and_fill_down(agreement):
    doc = read_both(agreement)
    rows = [b for b in doc.blocks if b.kind == "table_row"]
    assert rows[0].text == "Priority 1 | Response time: 15 minutes | Resolution time: 4 hours"
    assert rows[1].cells == ("Priority 1", "30 minutes (out of hours)", "6 hours")  # merged cell filled down
    assert rows[0].header == ("Priority", "Response time", "Resolution time")
    assert {r.section for r in rows} == {"2.1"}
    # cell text is not repeated as paragraphs
    assert not any("15 minutes" in b.text for b in doc.blocks if b.kind != "table_row")


def test_table_continues_across_page_break(agreement):
    doc = read_both(agreement)
    assert len(doc.tables) == 1
    table = doc.tables[0]
    assert table.pages == (1, 2)
    assert [r[0] for r in table.rows] == ["Priority 1", "Priority 1", "Priority 2", "Priority 3", "Priority 4"]
    assert table.title == "Table 1 - Response Times"
    p3 = block_with(doc, "Priority 3 | Response time: 4 hours")
    assert (p3.page, p3.table_id) == (2, 0)


def test_text_after_page_break(agreement):
    doc = read_both(agreement)
    b = block_with(doc, "Response means an engineer")
    assert (b.page, b.section) == (2, "2.2")
    credit = block_with(doc, "Credits must be claimed")
    assert (credit.page, credit.section) == (3, "1.2")
    assert block_with(doc, "Schedule 2 - Service Credits").kind == "heading"
    assert block_with(doc, "If availability falls below 99.9%").section == "1.1"


def test_two_columns_read_column_by_column(two_column):
    doc = read_both(two_column)
    texts = [b.text for b in doc.blocks]
    order = [next(i for i, t in enumerate(texts) if t.startswith(h)) for h in ("1. Service Hours", "2. Priority 1", "3. Maintenance", "4. Reporting")]
    assert order == sorted(order)
    hours = block_with(doc, "Support is provided")
    assert hours.text == "Support is provided from 08:00 to 18:00 Monday to Friday, excluding public holidays, for all Priority 2 to 4 incidents raised."
    assert hours.section == "1"
    assert block_with(doc, "Planned maintenance").section == "3"
    assert block_with(doc, "Managed Services Terms").kind == "heading"


@pytest.fixture(scope="module")
def hanging(tmp_path_factory) -> Path:
    """Clauses numbered with a hanging indent (number, then the text at a tab stop), then a
    real two-column borderless table."""
    path = tmp_path_factory.mktemp("pdf") / "hanging.pdf"
    s = Sheet(path)
    s.heading("4. Service Levels")
    c = s.c
    clauses = [
        ("4.1", ["The Supplier shall make the Service available for 99.9% of each month,",
                 "measured over the month and excluding Scheduled Maintenance."]),
        ("4.2", ["Scheduled Maintenance shall not exceed eight hours in any calendar month."]),
        ("(a)", ["Emergency maintenance may be carried out on four hours' notice."]),
    ]
    for number, lines in clauses:
        s.y -= 4
        c.setFont(s.font, 10)
        c.drawString(72, s.y, number)
        for text in lines:
            c.drawString(110, s.y, text)
            s.y -= 13
    s.y -= 14
    for left, right in (("Priority", "Response"), ("Critical", "15 minutes"), ("High", "1 hour")):
        c.drawString(72, s.y, left)
        c.drawString(250, s.y, right)
        s.y -= 13
    s.save()
    return path


def test_hanging_indent_clauses_are_paragraphs_with_their_numbers(hanging):
    doc = read_both(hanging)
    first = block_with(doc, "The Supplier shall make")
    assert first.kind == "para" and first.section == "4.1"
    assert first.text == ("4.1 The Supplier shall make the Service available for 99.9% of each month, "
                          "measured over the month and excluding Scheduled Maintenance.")
    assert block_with(doc, "Scheduled Maintenance shall not exceed").section == "4.2"
    assert block_with(doc, "Emergency maintenance").text.startswith("(a) Emergency")
    assert len(doc.tables) == 1  # the real borderless table is still a table
    assert block_with(doc, "Critical").kind == "table_row"
