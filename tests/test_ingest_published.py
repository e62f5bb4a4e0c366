"""Layouts that published PDFs use and our own fixtures did not: text scaled by its matrix,
page furniture in the middle of a page, hanging-indent clauses lettered "A.", rules typed
as dashes. Each test draws the one layout it checks with reportlab, and both engines must
read it the same way.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from sla_check.models import Document
from pdf_read import read_both

WIDTH, HEIGHT = A4


def block_with(doc: Document, snippet: str):
    hits = [b for b in doc.blocks if snippet in b.text]
    assert hits, f"{snippet!r} not found in:\n" + "\n".join(f"[{b.kind}] {b.text}" for b in doc.blocks)
    return hits[0]


def scaled_lines(c: canvas.Canvas, lines: list[tuple[float, float, str]], nominal: float, shown: float, bold: bool = False) -> None:
    """Draw each (x, y, text) with the font set at `nominal` points and the text matrix scaling
    it to `shown` points, as many PDF producers do ("/F1 1 Tf" then "10 0 0 10 x y Tm")."""
    k = shown / nominal
    for x, y, text in lines:
        t = c.beginText()
        t.setFont("Helvetica-Bold" if bold else "Helvetica", nominal)
        t.setTextTransform(k, 0, 0, k, x, y)
        t.textOut(text)
        c.drawText(t)


@pytest.fixture(scope="module", params=[(1.0, 10.0), (16.0, 7.0)], ids=["unit-font-scaled-up", "big-font-scaled-down"])
def matrix_scaled(request, tmp_path_factory) -> Path:
    """A heading, two wrapped paragraphs and a small borderless table, all of whose size lives
    in the text matrix, not the font."""
    nominal, shown = request.param
    path = tmp_path_factory.mktemp("pdf") / "scaled.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    pitch = shown * 1.25
    y = HEIGHT - 90
    scaled_lines(c, [(72, y, "1. Support Levels")], nominal, shown + 2, bold=True)
    y -= 2.2 * pitch
    first = ["The Supplier answers every support request raised through the portal within",
             "two hours of receipt during the working day and within four hours at any",
             "other time, and keeps the Customer informed until the request is closed."]
    second = ["Requests raised by telephone are logged by the duty engineer and follow the",
              "same targets as requests raised through the portal."]
    rows = []
    for text in first:
        rows.append((72, y, text))
        y -= pitch
    y -= pitch  # a blank line between paragraphs
    for text in second:
        rows.append((72, y, text))
        y -= pitch
    y -= pitch
    for label, value in (("Severity", "Response"), ("Critical", "30 minutes"), ("Major", "2 hours")):
        rows += [(72, y, label), (72 + 6 * shown, y, value)]  # a gap of about two letters after "Severity"
        y -= pitch
    scaled_lines(c, rows, nominal, shown)
    c.showPage()
    c.save()
    return path


def test_text_scaled_by_its_matrix_reads_as_paragraphs(matrix_scaled):
    """The printed size (font size x matrix scale) decides line spacing and word gaps: read
    at the nominal size, every line was its own paragraph (1 pt font) or paragraphs ran
    together (16 pt font shown at 7)."""
    doc = read_both(matrix_scaled)
    first = block_with(doc, "answers every support request")
    assert first.text.endswith("until the request is closed.")
    assert first.section == "1" and first.kind == "para"
    second = block_with(doc, "Requests raised by telephone")
    assert second is not first and second.text.endswith("raised through the portal.")
    assert block_with(doc, "1. Support Levels").kind == "heading"
    assert len(doc.tables) == 1  # the gap between its columns is wide for the printed size
    assert block_with(doc, "Critical").kind == "table_row"


@pytest.fixture(scope="module")
def lettered(tmp_path_factory) -> Path:
    """Clauses lettered "A." with a hanging indent, under a rule typed as a row of dashes that
    runs wider than the text (as in plain-text filings set in a PDF)."""
    path = tmp_path_factory.mktemp("pdf") / "lettered.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setFont("Helvetica", 9)
    y = HEIGHT - 90
    c.drawString(72, y, "-" * 170)
    y -= 22
    clauses = [
        ("A.", ["Availability. The Platform shall be available to Users for at least 99.5% of",
                "each calendar month, excluding Scheduled Maintenance notified in advance.",
                "Customer Support is reached by telephone at any time."]),
        ("B.", ["Error Correction. The Vendor shall correct any error that stops a major function",
                "within 24 hours of being told of it."]),
    ]
    for letter, lines in clauses:
        c.drawString(72, y, letter)
        for text in lines:
            c.drawString(96, y, text)
            y -= 11
        y -= 11
    c.drawString(72, y, "-" * 170)
    c.showPage()
    c.save()
    return path


def test_lettered_hanging_clauses_are_paragraphs(lettered):
    """"A." set apart from its text is a clause marker, not the first column of a table, and
    a rule of dashes does not set the text's right edge (every line would then end "short"
    and each capitalised line would open a new paragraph)."""
    doc = read_both(lettered)
    assert not doc.unread_pages  # rows of dashes are not glyphs a font failed to map: no OCR wanted
    assert not doc.tables
    a = block_with(doc, "Availability. The Platform")
    assert a.text.startswith("A. Availability.")
    assert a.text.endswith("Customer Support is reached by telephone at any time.")
    b = block_with(doc, "Error Correction")
    assert b.text == ("B. Error Correction. The Vendor shall correct any error that stops a major function "
                      "within 24 hours of being told of it.")


@pytest.fixture(scope="module")
def filing(tmp_path_factory) -> Path:
    """Three sheets, each holding the end of one original page and the start of the next,
    as filings set in PDF do: the original pages' numbers sit mid-sheet, and each original
    page ends with a footer carrying its page number, at a height that varies."""
    path = tmp_path_factory.mktemp("pdf") / "filing.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    sheets = [
        (["4.1 The Provider shall answer each support call from the Customer and",
          "shall restore service after a critical fault within four hours of the"],
         ["call being logged, at any hour of any day of the year."]),
        (["4.2 Planned work is announced to the Customer in writing two working",
          "days before it starts."],
         ["4.3 Each month the Provider reports on every service level set out",
          "in this Schedule, including the faults raised."]),
        (["4.4 Credits are paid against the next invoice."],
         ["4.5 This Schedule ends with the Agreement."]),
    ]
    for n, (before, after) in enumerate(sheets, start=1):
        y = HEIGHT - 80 - 40 * n  # the text ends lower on each sheet
        c.setFont("Helvetica", 9)
        for text in before:
            c.drawString(72, y, text)
            y -= 11
        y -= 14
        c.drawString(72, y, f"Hosting Services Agreement - Schedule 4 - Page S-{n}")  # the original page's footer
        y -= 30
        c.drawCentredString(WIDTH / 2, y, str(n + 6))  # its page number
        y -= 40
        c.drawString(60, y, str(n + 7))  # the next original page's number, top left
        y -= 12
        for text in after:
            c.drawString(72, y, text)
            y -= 11
        c.showPage()
    c.save()
    return path


def test_furniture_of_original_pages_is_dropped(filing):
    """Page numbers printed mid-sheet and footers above the sheet's bottom band go, and a
    sentence cut by them is joined again (as across a page break)."""
    doc = read_both(filing)
    texts = [b.text for b in doc.blocks]
    assert not any(t.strip().isdigit() for t in texts), texts
    assert not any("Page S-" in t for t in texts), texts
    fault = block_with(doc, "restore service after a critical fault")
    assert fault.text.endswith("within four hours of the call being logged, at any hour of any day of the year.")
    assert block_with(doc, "4.3 Each month").text.endswith("including the faults raised.")


def test_table_of_contents_does_not_use_up_clause_numbers(tmp_path):
    """Entries of a table of contents ("2. Service Levels ...... 4") name clauses; the
    clauses themselves start the sections."""
    path = tmp_path / "contents.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    y = HEIGHT - 90
    c.setFont("Helvetica", 10)
    for text in ("1. Definitions" + "." * 60 + "2", "2. Service Levels" + "." * 57 + "3", "3. Charges" + "." * 64 + "4"):
        c.drawString(72, y, text)
        y -= 20  # entries set apart, each a block of its own
    y -= 30
    for title, sentence in (("1. DEFINITIONS", "Words in capitals have the meanings given in the Agreement."),
                            ("2. SERVICE LEVELS", "The Supplier answers critical calls within thirty minutes."),
                            ("3. CHARGES", "Charges are invoiced monthly in arrears.")):
        c.setFont("Helvetica-Bold", 10)
        c.drawString(72, y, title)
        c.setFont("Helvetica", 10)
        c.drawString(72, y - 16, sentence)
        y -= 44
    c.showPage()
    c.save()
    doc = read_both(path)
    assert block_with(doc, "critical calls within thirty minutes").section == "2"
    assert block_with(doc, "2. SERVICE LEVELS").kind == "heading"
    assert [s.title for s in doc.sections if s.number == "2"] == ["SERVICE LEVELS"]
    entries = [b for b in doc.blocks if "....." in b.text]
    assert len(entries) == 3 and all(b.kind == "para" and b.section is None for b in entries)


def test_typed_table_with_dash_rules_and_offset_header(tmp_path):
    """A table set in text with spaces: its header words underlined by rows of dashes, and a
    header cell set over the middle of the wide second column. The dashes are no cell text,
    and the second column starts where its cells start, not where its header does."""
    path = tmp_path / "typed.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setFont("Courier", 8)
    y = HEIGHT - 90
    c.drawString(72, y, "The Vendor answers faults as follows:")
    y -= 20
    c.drawString(72, y, "Fault Class")
    c.drawString(250, y, "What the Vendor does")
    y -= 9
    c.drawString(72, y, "-----------")
    c.drawString(250, y, "--------------------")
    y -= 12
    rows = [("Class A", ["Answer: a named engineer calls the Customer back within", "30 minutes and stays on the fault until it is fixed."]),
            ("Class B", ["Answer: the service desk replies by e-mail within 4", "working hours of the fault being logged."])]
    for label, lines in rows:
        c.drawString(72, y, label)
        for text in lines:
            c.drawString(150, y, text)
            y -= 9
        y -= 5
    c.showPage()
    c.save()
    doc = read_both(path)
    assert len(doc.tables) == 1
    table = doc.tables[0]
    assert table.header == ("Fault Class", "What the Vendor does")
    assert [r[0] for r in table.rows] == ["Class A", "Class B"]
    assert table.rows[0][1] == ("Answer: a named engineer calls the Customer back within 30 minutes "
                                "and stays on the fault until it is fixed.")
    assert not any("--" in cell for row in table.rows for cell in row)


def test_rectangle_past_the_page_is_no_table(tmp_path):
    """A background rectangle drawn far past the page's edges, crossed by a rule, looks like a
    grid to the table finder: it must not swallow the page's text as one "table"."""
    path = tmp_path / "background.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setLineWidth(0.5)
    c.rect(-200, -400, WIDTH + 400, HEIGHT + 800, stroke=1, fill=0)
    c.line(-200, HEIGHT - 300, WIDTH + 200, HEIGHT - 300)
    c.line(WIDTH / 2, -400, WIDTH / 2, HEIGHT + 400)
    c.setFont("Helvetica-Bold", 11)
    c.drawString(72, HEIGHT - 90, "Service Exclusions")
    c.setFont("Helvetica", 10)
    y = HEIGHT - 110
    for text in ("1. No support is owed for faults caused by any of the following:",
                 "a. changes the Customer made without the Vendor's written approval;",
                 "b. failures of networks the Vendor does not run;",
                 "c. software the Vendor did not supply."):
        c.drawString(72, y, text)
        y -= 14
    c.showPage()
    c.save()
    doc = read_both(path)
    assert not doc.tables
    items = [b for b in doc.blocks if b.kind == "list_item"]
    assert [b.text[:2] for b in items] == ["a.", "b.", "c."]  # "a." opens a lettered item like "(a)"
    assert [b.section for b in items] == ["1(a)", "1(b)", "1(c)"]
    assert block_with(doc, "Service Exclusions").kind == "heading"


def test_centred_cells_of_side_by_side_plans(tmp_path):
    """Two plans set side by side, each line centred in its half: a line split into one cell
    per column fills the columns in order, wherever a centred cell happens to start."""
    path = tmp_path / "plans.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    y = HEIGHT - 90
    rows = [("BRONZE plan 20/month", "SILVER plan 45/month"),
            ("Phone support (Mon-Fri 9-5)", "Phone support (Mon-Fri 9-5) (Sat 9-1)"),
            ("Engineer on site within 48 hours", "Engineer on site within 8 hours"),
            ("Health check - none", "Health check - 2 per year")]
    for left, right in rows:
        c.setFont("Helvetica", 10)
        c.drawCentredString(160, y, left)
        c.drawCentredString(420, y, right)
        y -= 18
    c.showPage()
    c.save()
    doc = read_both(path)
    assert len(doc.tables) == 1
    table = doc.tables[0]
    cells = ([tuple(table.header)] if table.header else []) + [tuple(r) for r in table.rows]
    assert cells == [tuple(r) for r in rows]


def test_legend_repeated_mid_page_is_dropped(tmp_path):
    """A legend a filing prints at the end of every original page floats with the text: word
    for word on many sheets, at a different height on each. It goes; clause text stays."""
    path = tmp_path / "legend.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    legend = "** Portions of this page were left out and sent to the regulator under a request for privacy."
    topics = ["keeps the platform available for at least 99.5% of each month and",
              "applies service credits to the invoice for the month after a failure and",
              "gives five working days' notice of any planned maintenance window and",
              "keeps backups of the Customer's data for thirty days at a second site and"]
    for n, topic in enumerate(topics, start=1):
        y = HEIGHT - 90 - 35 * n
        c.setFont("Helvetica", 9)
        c.drawString(72, y, f"{n}.1 The Vendor {topic}")
        c.drawString(72, y - 11, "reports on it to the Customer every month.")
        c.drawString(72, y - 40, legend)
        c.drawString(72, y - 70, f"{n}.2 Support requests are answered within {n + 1} hours of being logged.")
        c.showPage()
    c.save()
    doc = read_both(path)
    assert not any("regulator" in b.text for b in doc.blocks)
    assert block_with(doc, "3.1 The Vendor").text.endswith("every month.")
    assert len([b for b in doc.blocks if "Support requests are answered" in b.text]) == 4


def test_section_sign_numbers_sections():
    """Contracts drafted in German and Austrian style number their sections with the section
    sign ("§ 2 Availability", also set without the space); each starts a section."""
    from sla_check.ingest.text import text_document

    doc = text_document("§ 1 Scope\n\nThe Vendor runs the platform for the Customer.\n\n§ 2 Availability\n\n"
                        "(1) The platform is available 99.5% of each year.\n\n§3 Support\n\n"
                        "(1) Faults are answered within four hours.\n", "sections.txt")
    assert [s.number for s in doc.sections][:3] == ["§ 1", "§ 2", "§ 3"]
    assert block_with(doc, "available 99.5%").section.startswith("§ 2")
    assert block_with(doc, "answered within four hours").section.startswith("§3")


def test_numbered_sub_items_and_a_footer_of_one_exhibit(tmp_path):
    """A contract's exhibit letters its clauses "A.", "B." with sub-items "(1)", "(2)" set on a
    hanging indent, and only the exhibit's pages carry a footer numbered "E-1", "E-2"... above
    the sheet's bottom band. The sub-items are paragraphs, not a two-column table, and the
    footer is furniture although most pages of the document do not have it."""
    path = tmp_path / "exhibit.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    for n in range(1, 5):  # the body of the agreement: no footer
        c.setFont("Helvetica", 9)
        c.drawString(72, HEIGHT - 90, f"{n}. General terms of the agreement, part {n}, apply to every order placed.")
        c.showPage()
    for n in range(1, 4):  # the exhibit
        c.setFont("Helvetica", 9)
        y = HEIGHT - 90
        c.drawString(72, y, "A.")
        c.drawString(96, y, f"The Vendor keeps a service desk for the Customer, part {n} of the exhibit, as follows:")
        y -= 16
        for k, lines in enumerate((["the desk answers a call about a failed system within thirty (30) minutes",
                                    "of the call at any hour;"],
                                   ["the desk gives the Customer a named engineer for each open fault until",
                                    "the fault is closed."]), start=1):
            c.drawString(96, y, f"({k})")
            for text in lines:
                c.drawString(126, y, text)
                y -= 11
            y -= 5
        c.drawString(72, y, "B.")
        c.drawString(96, y, "The Vendor reports on the desk's figures to the Customer each month.")
        y -= 30
        c.drawString(72, y, "Supplied in confidence to the Customer")
        c.drawString(300, y, f"E-{n}")
        c.drawString(480, y, "rev2024")
        c.showPage()
    c.save()
    doc = read_both(path)
    assert not doc.tables
    assert not any("in confidence" in b.text or "rev2024" in b.text for b in doc.blocks)
    first = block_with(doc, "answers a call about a failed system")
    assert first.text.endswith("within thirty (30) minutes of the call at any hour;")
    assert block_with(doc, "gives the Customer a named engineer").text.endswith("until the fault is closed.")


def test_running_title_below_a_mid_sheet_footer_is_dropped(tmp_path):
    """A filing sets its original pages on sheets with text ending at different heights: each
    ends with the original page's numbered footer and, below it, the running title that opens
    the next original page. Both go, on every sheet, and the clause they cut is joined again."""
    path = tmp_path / "titled.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    verbs = ["checks", "patches", "renews", "tests", "reviews", "cleans", "audits", "labels"]
    things = ["the backup of every server", "each firewall in the data centre", "the certificates of the portal",
              "the standby link to the second site", "the capacity of each rack"]
    for n in range(1, 5):
        c.setFont("Helvetica", 9)
        y = HEIGHT - 72
        if n > 1:  # the end of the clause the last sheet cut
            c.drawString(72, y, ["fails, tells the Bank within fifteen minutes.", "stops, calls the duty manager at once.",
                                 "slows down, opens a ticket for the Bank."][n - 2])
            y -= 11
        for k in range(1, 3 + 2 * n):  # the text ends lower on each sheet
            c.drawString(72, y, f"{n}.{k} Once a {['day', 'week', 'month'][k % 3]} the Operator {verbs[(k + n) % 8]} "
                                f"{things[(k * n) % 5]}.")
            y -= 11
        c.drawString(72, y, f"{n}.9 At all hours the Operator watches {things[n % 5]} and, when it")
        y -= 30
        c.drawString(72, y, f"Restricted circulation        Page {n + 10}        Issue 3")
        y -= 28  # set apart from the footer: not one block of furniture with it
        c.drawString(200, y, "Managed Network Operations Agreement")
        c.showPage()
    c.save()
    doc = read_both(path)
    assert not any("Managed Network Operations" in b.text or "Restricted" in b.text for b in doc.blocks)
    assert block_with(doc, "3.9 At all hours").text.endswith("when it slows down, opens a ticket for the Bank.")


def _hanging(c: canvas.Canvas, y: float, items: list[tuple[float, str, list[str]]]) -> float:
    """Draw (x, marker, lines) items with a hanging indent: the text 24 points right of its marker."""
    for x, marker, lines in items:
        c.drawString(x, y, marker)
        for text in lines:
            c.drawString(x + 24, y, text)
            y -= 11
        y -= 6
    return y


def test_clause_numbers_without_stops_bullets_set_as_dots_and_a_signature_block(tmp_path):
    """Three ways hanging-indent text still passed for a table: a clause numbered "7" without
    its full stop above items "a)" and "b)", bullets whose glyph is a full stop, and numbered
    clauses with the signature block set right below them (its two columns are the table)."""
    path = tmp_path / "clauses.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setFont("Helvetica", 9)
    y = _hanging(c, HEIGHT - 80, [
        (72, "7", ["SUPPORT"]),
        (96, "a)", ["The Vendor answers each call about a stopped service within one hour and",
                    "keeps working on it until the service runs again."]),
        (96, "b)", ["The Vendor answers other calls on the next working day."]),
    ])
    y = _hanging(c, y - 10, [
        (72, ".", ["the Vendor names a contact for each site"]),
        (72, ".", ["the Vendor sends a report of open calls each week, with the reasons for any",
                   "call that is late"]),
        (72, ".", ["the Vendor keeps spare parts for each model it supports"]),
    ])
    y = _hanging(c, y - 10, [
        (72, "9.1", ["Notices. Notices are sent by post to the addresses above."]),
        (72, "9.2", ["Entire Agreement. This Agreement is all that the parties agreed."]),
    ])
    for left, right in (("NORTHWIND LTD", "SOUTHGATE LTD"), ("By: A. Person", "By: B. Person")):
        c.drawString(72, y, left)
        c.drawString(300, y, right)
        y -= 11
    c.showPage()
    c.save()
    doc = read_both(path)
    assert block_with(doc, "answers each call about a stopped service").text.endswith("until the service runs again.")
    assert block_with(doc, "sends a report of open calls").text.endswith("with the reasons for any call that is late")
    assert block_with(doc, "Notices are sent by post").kind == "para"
    assert len(doc.tables) == 1  # the signature block only
    assert doc.tables[0].rows[-1] == ("By: A. Person", "By: B. Person")


def test_a_severity_table_numbered_1_2_3_stays_a_table(tmp_path):
    """Bare numbers before short cells are a table's first column, not clause numbers."""
    path = tmp_path / "levels.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setFont("Helvetica", 9)
    y = HEIGHT - 80
    for level, answer in (("Level", "Answered within"), ("1", "30 minutes"), ("2", "4 hours"), ("3", "2 working days")):
        c.drawString(72, y, level)
        c.drawString(150, y, answer)
        y -= 12
    c.showPage()
    c.save()
    doc = read_both(path)
    assert len(doc.tables) == 1
    assert [tuple(r) for r in doc.tables[0].rows][-1] == ("3", "2 working days")


def test_header_over_two_lines_whose_first_line_names_one_column(tmp_path):
    """A borderless table's header set over two lines, the upper one naming only the first
    column ("Fault" over "Class"): both lines make the header, not a title above a table."""
    path = tmp_path / "twoline.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setFont("Helvetica-Bold", 7)
    c.drawString(72, HEIGHT - 80, "Fault")
    y = HEIGHT - 88
    for k, (a, b, d) in enumerate((("Class", "First Answer", "Engineer On Site"), ("A", "20 minutes", "3 hours"),
                                   ("B", "1 hour", "8 hours"), ("C", "4 hours", "Next working day"))):
        if k == 1:
            c.setFont("Helvetica", 9)
            y -= 4
        c.drawString(72, y, a)
        c.drawString(130, y, b)
        c.drawString(230, y, d)
        y -= 13
    c.showPage()
    c.save()
    doc = read_both(path)
    assert len(doc.tables) == 1
    assert tuple(doc.tables[0].header) == ("Fault Class", "First Answer", "Engineer On Site")
    assert not any(b.kind != "table_row" and b.text == "Fault" for b in doc.blocks)


@pytest.mark.parametrize("ruled", [False, True])
def test_footnote_marks_set_small_and_raised_are_left_out(tmp_path, ruled):
    """Footnote marks drawn as small raised figures or asterisks right after a word ("4 hours" with
    a raised "2") made "hours2", which no reader of durations takes for hours, and a raised "1"
    opening the note made the note a numbered clause. Both engines leave the marks out, in a
    borderless table and in a ruled one (whose cells the table finder reads); a plain figure of
    the same size as its line stays."""
    path = tmp_path / "marks.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)

    def run(x: float, y: float, parts: list[tuple[str, bool]]) -> None:
        for text, raised in parts:
            size = 6.5 if raised else 10.0
            c.setFont("Helvetica", size)
            c.drawString(x, y + (3.5 if raised else 0.0), text)
            x += c.stringWidth(text, "Helvetica", size)

    c.setFont("Helvetica-Bold", 12)
    c.drawString(60, HEIGHT - 60, "Response targets")
    y = HEIGHT - 90
    c.setFont("Helvetica-Bold", 10)
    for x, name in ((60, "Level"), (200, "Reply"), (340, "Repair")):
        c.drawString(x, y, name)
    for k, (reply, mark, repair, star) in enumerate((("25 minutes", "1", "5 hours", "2"), ("3 hours", "*", "2 days", ""))):
        y -= 16
        run(60, y, [(f"Level {k + 1}", False)])
        run(200, y, [(reply, False), (mark, True)])
        run(340, y, [(repair, False), (star, True)])
    if ruled:  # a grid round the header and the two rows
        for k in range(4):
            c.line(55, HEIGHT - 80 - 16 * k, 480, HEIGHT - 80 - 16 * k)
        for x in (55, 195, 335, 480):
            c.line(x, HEIGHT - 80, x, HEIGHT - 128)
    y -= 30
    run(60, y, [("1", True), (" Around the clock, weekends included. ", False), ("2", True),
                (" Counted in office hours.", False)])
    run(60, y - 14, [("The desk opens at 8 and closes at 18 on weekdays.", False)])
    c.showPage()
    c.save()
    doc = read_both(path)
    assert doc.tables[0].rows == (("Level 1", "25 minutes", "5 hours"), ("Level 2", "3 hours", "2 days"))
    assert block_with(doc, "Around the clock").text == "Around the clock, weekends included. Counted in office hours."
    assert block_with(doc, "desk opens").text == "The desk opens at 8 and closes at 18 on weekdays."
    assert not doc.sections


def _run_in(c: canvas.Canvas, x: float, y: float, title: str, lines: list[str], pitch: float = 11.0) -> float:
    """A clause whose first line opens with a bold run-in title and goes on in regular type."""
    c.setFont("Helvetica-Bold", 9)
    c.drawString(x, y, title)
    c.setFont("Helvetica", 9)
    c.drawString(x + c.stringWidth(title + " ", "Helvetica-Bold", 9), y, lines[0])
    for text in lines[1:]:
        y -= pitch
        c.drawString(72, y, text)
    return y - pitch


def test_a_bold_run_in_title_does_not_cut_its_clause_after_the_first_line(tmp_path):
    """Contracts often set a clause's title in bold at the start of its first line ("4.2 Fault
    calls." then the sentence in regular type). That line opens in bold but is no heading: the
    clause's next lines, set without a gap, belong to the same paragraph. A bold heading line
    on its own still keeps the body below it apart, and one-line run-in clauses stay apart."""
    path = tmp_path / "run_in.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setFont("Helvetica-Bold", 9)
    c.drawString(72, HEIGHT - 80, "4. FAULT HANDLING")
    c.setFont("Helvetica", 9)
    c.drawString(72, HEIGHT - 91, "This clause says how faults reported by the Client are handled by the Contractor.")
    y = _run_in(c, 90, HEIGHT - 102, "4.1 Fault calls.", [
        "The Contractor answers a call about a stopped service within one hour of",
        "the call and keeps the Client informed every two hours until the service",
        "runs again."])
    y = _run_in(c, 90, y, "4.2 Other calls.", ["The Contractor answers other calls on the next working day."])
    y = _run_in(c, 90, y, "4.3 Records.", ["The Contractor keeps a record of each call for a year."])
    c.showPage()
    c.save()
    doc = read_both(path)
    first = block_with(doc, "answers a call about a stopped service")
    assert first.text.endswith("every two hours until the service runs again.")
    assert block_with(doc, "FAULT HANDLING").kind == "heading"
    assert block_with(doc, "This clause says how faults").text.startswith("This clause")
    assert block_with(doc, "answers other calls").text == "4.2 Other calls. The Contractor answers other calls on the next working day."
    assert block_with(doc, "keeps a record").text.startswith("4.3 Records.")


def test_short_last_line_of_a_repeated_legend_goes_with_it(tmp_path):
    """A legend of several lines floats with the text on many pages; its last line is too short
    to pass for a notice by itself ("were sent to the regulator.") but sits tight under the rest
    and is printed word for word as often, so it goes too and does not end up as a paragraph."""
    path = tmp_path / "legend_lines.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    legend = ["** Portions of this page were left out under a request for privacy; the full text went",
              "to the regulator on its own."]
    for n in range(1, 5):
        y = HEIGHT - 90 - 35 * n
        c.setFont("Helvetica", 9)
        c.drawString(72, y, f"{n}.1 The Vendor reports on the platform to the Customer every month.")
        c.drawString(72, y - 40, legend[0])
        c.drawString(72, y - 51, legend[1])
        c.drawString(72, y - 80, f"{n}.2 Support requests are answered within {n + 1} hours of being logged.")
        c.showPage()
    c.save()
    doc = read_both(path)
    assert not any("regulator" in b.text or "privacy" in b.text for b in doc.blocks)
    assert len([b for b in doc.blocks if "Support requests are answered" in b.text]) == 4


def test_one_line_run_past_the_margin_leaves_the_other_lines_full(tmp_path):
    """A filing's page may hold one line set far wider than the margin the other lines wrap
    at (a long reference run into the margin). The lines that reach the usual margin are still
    full lines, so a wrapped item whose next line opens with a capital (a defined term) stays
    one paragraph."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    path = tmp_path / "wide_line.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)

    def justified(x: float, y: float, text: str, right: float = 470.0) -> None:
        t = c.beginText(x, y)
        t.setFont("Helvetica", 9)
        t.setWordSpace((right - x - stringWidth(text, "Helvetica", 9)) / text.count(" "))
        t.textLine(text)
        c.drawText(t)

    items = [("a) The Provider hosts the platform on its own servers and serves it", "under the Customer's domain name so that the Customer keeps the",
              "credit for each page view."),
             ("b) The Provider designs the pages that show the Customer's content", "and the Provider Content, following the style guide that the",
              "Customer supplies to it."),
             ("c) The Provider answers the Customer's change requests within seven", "Days of receipt, and a request left unanswered counts as approved by",
              "the Customer."),
             ("d) The Provider keeps the pages running at all hours and restores a", "Page that stops within four hours of learning of it, on any day of",
              "the year.")]
    y = HEIGHT - 90
    for first, second, last in items:
        justified(72, y, first)
        justified(86, y - 11, second)
        c.setFont("Helvetica", 9)
        c.drawString(86, y - 22, last)
        y -= 40
    c.setFont("Helvetica", 9)
    c.drawString(72, y, "e) Each page carries links back to the network, as set out in Section 3(d) [LINKS TO THE NETWORK].")
    c.drawString(86, y - 11, "The Customer gives the Provider the addresses.")
    c.showPage()
    c.save()
    doc = read_both(path)
    assert block_with(doc, "c) The Provider answers").text.endswith("counts as approved by the Customer.")
    assert block_with(doc, "d) The Provider keeps").text.endswith("on any day of the year.")


def test_label_and_value_lines_are_not_headings(tmp_path):
    """A support page lists contact details and hours as "Label: value" lines in body type
    ("Telephone: +44 20 7946 0000", "Monday to Friday: 8:00 AM - 6:00 PM"). Their few words are
    in title case, but a line whose value is figures is content: it must not open a section,
    so what follows stays under the numbered heading above it."""
    path = tmp_path / "labels.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    y = HEIGHT - 80
    for font, size, text, gap in (("Helvetica-Bold", 12, "1. How to Reach Us", 30),
                                  ("Helvetica", 11, "Telephone: +44 20 7946 0000, +44 20 7946 0001", 22),
                                  ("Helvetica", 11, "Email: help@example.test", 22),
                                  ("Helvetica", 11, "Chat: open during office hours on both lines", 40),
                                  ("Helvetica-Bold", 12, "2. When We Answer", 30),
                                  ("Helvetica", 11, "Monday to Friday: 8:00 AM - 6:00 PM", 22),
                                  ("Helvetica", 11, "Saturday: urgent calls only", 22)):
        c.setFont(font, size)
        c.drawString(40, y, text)
        y -= gap
    c.showPage()
    c.save()
    doc = read_both(path)
    assert block_with(doc, "Chat: open during office hours").section == "1"
    assert block_with(doc, "Saturday: urgent calls only").section == "2"
    assert block_with(doc, "Telephone:").kind != "heading"
