"""Ruled tables as some publishers draw them: words placed without space glyphs, a caption
row spanning the table above its column names. Each test draws its own table with reportlab
(our own wording) and both engines must read it the same way.
"""
from __future__ import annotations

import pdfplumber
import pypdfium2 as pdfium
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

from pdf_read import read_both
from sla_check.ingest.model import Char
from sla_check.ingest.pdfium_tables import edge, find_tables, path_edges

WIDTH, HEIGHT = A4
FONT, SIZE = "Helvetica", 10.0


def words_without_spaces(c: canvas.Canvas, x: float, y: float, text: str, gap: float) -> None:
    """Each word its own text run, `gap` points after the last: the PDF holds no space glyph,
    as some layout programs write it."""
    for word in text.split(" "):
        c.setFont(FONT, SIZE)
        c.drawString(x, y, word)
        x += stringWidth(word, FONT, SIZE) + gap


def ruled_table(c: canvas.Canvas, top: float, widths: list[float], rows: list[list[str]], *,
                caption: str | None = None, gap: float | None = None, pitch: float = 22.0) -> float:
    """A grid with one text line per cell; a caption row spans every column (no inner rules).
    Returns the y under the table."""
    x0 = 60.0
    xs = [x0]
    for w in widths:
        xs.append(xs[-1] + w)
    lines = ([caption] if caption is not None else []) + rows  # type: ignore[list-item]
    ys = [top - k * pitch for k in range(len(lines) + 1)]
    for y in ys:
        c.line(xs[0], y, xs[-1], y)
    body_top = ys[1] if caption is not None else ys[0]
    c.line(xs[0], ys[0], xs[0], ys[-1])
    c.line(xs[-1], ys[0], xs[-1], ys[-1])
    for x in xs[1:-1]:
        c.line(x, body_top, x, ys[-1])
    k = 0
    if caption is not None:
        c.setFont(FONT, SIZE)
        c.drawString(xs[0] + 4, ys[0] - pitch + 7, caption)
        k = 1
    for row in rows:
        for j, cell in enumerate(row):
            y = ys[k] - pitch + 7
            if gap is None:
                c.setFont(FONT, SIZE)
                c.drawString(xs[j] + 4, y, cell)
            else:
                words_without_spaces(c, xs[j] + 4, y, cell, gap)
        k += 1
    return ys[-1]


def test_cell_words_drawn_without_space_glyphs_keep_their_spaces(tmp_path):
    """A 10 pt word gap of 2.6 pt is narrower than pdfplumber's fixed 3 pt tolerance: the cell
    text read "4Hours" and "Nextbusinessday", and no duration was found in it."""
    path = tmp_path / "nospace.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setFont(FONT, 12)
    c.drawString(60, HEIGHT - 70, "Support Targets")
    rows = [["Severity", "First Response", "Workaround"],
            ["Severity 1", "30 Minutes", "4 Hours"],
            ["Severity 2", "2 Business Hours", "Next business day"],
            ["Severity 3", "1 Business Day", "Best effort"]]
    ruled_table(c, HEIGHT - 90, [130, 130, 160], rows, gap=2.6)
    c.showPage()
    c.save()
    doc = read_both(path)
    assert len(doc.tables) == 1
    table = doc.tables[0]
    assert table.header == ("Severity", "First Response", "Workaround")
    assert table.rows[0] == ("Severity 1", "30 Minutes", "4 Hours")
    assert table.rows[1] == ("Severity 2", "2 Business Hours", "Next business day")


def test_caption_row_spanning_the_table_is_its_title_not_its_header(tmp_path):
    """'Table 2: Premium Plan Targets' in a merged first row over 'Priority | Response | ...':
    the column names are the header and the caption names the table (it carries the plan)."""
    path = tmp_path / "caption.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setFont(FONT, 12)
    c.drawString(60, HEIGHT - 70, "Response Commitments")
    y = ruled_table(c, HEIGHT - 90, [110, 120, 120, 100],
                    [["Priority", "Acknowledge", "Restore", "Updates"],
                     ["Urgent", "1 hour", "8 hours", "Hourly"],
                     ["Routine", "1 day", "5 days", "Weekly"]],
                    caption="Table 1: Standard Plan Targets")
    ruled_table(c, y - 40, [110, 120, 120, 100],
                [["Priority", "Acknowledge", "Restore", "Updates"],
                 ["Urgent", "15 minutes", "4 hours", "Every 30 minutes"],
                 ["Routine", "4 hours", "2 days", "Daily"]],
                caption="Table 2: Premium Plan Targets")
    c.showPage()
    c.save()
    doc = read_both(path)
    assert [t.title for t in doc.tables] == ["Table 1: Standard Plan Targets", "Table 2: Premium Plan Targets"]
    for t in doc.tables:
        assert t.header == ("Priority", "Acknowledge", "Restore", "Updates")
        assert [r[0] for r in t.rows] == ["Urgent", "Routine"]
    rows = [b for b in doc.blocks if b.kind == "table_row"]
    assert rows[0].text == "Urgent | Acknowledge: 1 hour | Restore: 8 hours | Updates: Hourly"


def test_spanning_group_label_over_data_rows_stays_a_row(tmp_path):
    """A merged first row over rows of figures is a group label: the header stays as read."""
    path = tmp_path / "group.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    ruled_table(c, HEIGHT - 90, [140, 140],
                [["Critical", "30 minutes"], ["High", "2 hours"]], caption="Production systems")
    c.showPage()
    c.save()
    doc = read_both(path)
    assert doc.tables[0].title != "Production systems"
    assert [r[0] for r in doc.tables[0].rows] == ["Critical", "High"]


def _shown_upright(c: canvas.Canvas, rotation: int, width: float, height: float) -> None:
    """Set the canvas so that what is drawn next reads upright on a page of `width` x `height`
    points shown turned by `rotation` (reportlab writes the media box turned back)."""
    c.setPageRotation(rotation)
    if rotation == 90:
        c.transform(0, 1, -1, 0, height, 0)
    elif rotation == 180:
        c.transform(-1, 0, 0, -1, width, height)
    elif rotation == 270:
        c.transform(0, -1, 1, 0, 0, width)


@pytest.mark.parametrize("rotation", [90, 180, 270])
def test_turned_page_reads_as_shown(tmp_path, rotation):
    """A landscape table page stored as a portrait page with /Rotate: the fast engine read
    glyphs and rules on the page as drawn (text running down the page, one letter a line)."""
    path = tmp_path / f"turned{rotation}.pdf"
    width, height = HEIGHT, WIDTH  # landscape as shown
    c = canvas.Canvas(str(path), pagesize=(width, height), invariant=1)
    _shown_upright(c, rotation, width, height)
    c.setFont("Helvetica-Bold", 12)
    c.drawString(60, height - 60, "4. Service Desk Targets")
    c.setFont(FONT, SIZE)
    c.drawString(60, height - 84, "The service desk meets the targets below for every incident raised by the Customer.")
    ruled_table(c, height - 100, [140, 150, 150],
                [["Priority", "Acknowledgement", "Restoration"],
                 ["Priority 1", "20 minutes", "6 hours"],
                 ["Priority 2", "2 hours", "3 business days"]])
    c.showPage()
    c.save()
    doc = read_both(path)
    assert doc.blocks[0].text == "4. Service Desk Targets"
    assert doc.blocks[1].text.startswith("The service desk meets the targets below")
    assert len(doc.tables) == 1
    assert doc.tables[0].header == ("Priority", "Acknowledgement", "Restoration")
    assert doc.tables[0].rows[1] == ("Priority 2", "2 hours", "3 business days")


def test_header_drawn_as_a_box_of_its_own_heads_the_rows_below(tmp_path):
    """Column names in a one-row ruled box set a few points above the ruled rows: the finder
    sees two tables, and the first row of figures became the header ('15 minutes: 1 hour')."""
    path = tmp_path / "header-box.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    y = ruled_table(c, HEIGHT - 80, [120, 130, 130], [["Category", "Reply Within", "Fix Within"]])
    ruled_table(c, y - 6, [120, 130, 130], [["Category A", "20 minutes", "5 hours"],
                                           ["Category B", "3 hours", "2 days"]])
    c.showPage()
    c.save()
    doc = read_both(path)
    assert len(doc.tables) == 1
    assert doc.tables[0].header == ("Category", "Reply Within", "Fix Within")
    assert [r[0] for r in doc.tables[0].rows] == ["Category A", "Category B"]


def test_header_row_on_one_shaded_box_is_spread_over_the_columns(tmp_path):
    """A header row printed white on one filled bar (no rules between its names) over ruled rows
    is one merged cell holding every name; the names go back over their columns."""
    path = tmp_path / "shaded.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    top = HEIGHT - 80
    c.setFillColorRGB(0.15, 0.25, 0.45)
    c.rect(60, top - 22, 380, 22, stroke=0, fill=1)
    c.setFillColorRGB(1, 1, 1)
    c.setFont("Helvetica-Bold", SIZE)
    for x, name in ((64, "Level"), (184, "First Answer"), (314, "Service Restored")):
        c.drawString(x, top - 15, name)
    c.setFillColorRGB(0, 0, 0)
    ruled_table(c, top - 22, [120, 130, 130], [["Level 1", "25 minutes", "7 hours"], ["Level 2", "3 hours", "4 days"]])
    c.showPage()
    c.save()
    doc = read_both(path)
    assert doc.tables[0].header == ("Level", "First Answer", "Service Restored")
    assert doc.tables[0].rows[0] == ("Level 1", "25 minutes", "7 hours")


def test_caption_on_a_shaded_bar_is_not_spread_over_the_columns(tmp_path):
    """A caption running across the columns on the same kind of bar stays whole (the table's title)."""
    path = tmp_path / "shaded-caption.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    top = HEIGHT - 80
    c.setFillColorRGB(0.85, 0.85, 0.85)
    c.rect(60, top - 22, 380, 22, stroke=0, fill=1)
    c.setFillColorRGB(0, 0, 0)
    c.setFont(FONT, SIZE)
    c.drawString(64, top - 15, "Schedule 3 targets for the enhanced service option and its hours")
    ruled_table(c, top - 22, [120, 130, 130], [["Tier", "Reply", "Repair"], ["Tier one", "2 hours", "1 day"]])
    c.showPage()
    c.save()
    doc = read_both(path)
    assert doc.tables[0].title == "Schedule 3 targets for the enhanced service option and its hours"
    assert doc.tables[0].header == ("Tier", "Reply", "Repair")


def _column_ruled(c: canvas.Canvas, top: float, xs: list[float], header: list[str] | None, lines: list[list[str]],
                  pitch: float = 15.0) -> None:
    """A box with rules between the columns (and under the header, if any) but none between rows:
    each entry of `lines` is one text line across the columns."""
    head = 22.0 if header else 0.0
    bottom = top - head - len(lines) * pitch - 8
    c.rect(xs[0], bottom, xs[-1] - xs[0], top - bottom)
    for x in xs[1:-1]:
        c.line(x, top, x, bottom)
    c.setFont(FONT, SIZE)
    if header:
        c.line(xs[0], top - head, xs[-1], top - head)
        for x, name in zip(xs, header):
            c.drawString(x + 4, top - 15, name)
    y = top - head - 14
    for line in lines:
        for x, text in zip(xs, line):
            if text:
                c.drawString(x + 4, y, text)
        y -= pitch


def test_rows_without_rules_between_them_are_told_apart(tmp_path):
    """Column rules and a rule under the header only: the finder sees one body cell per column
    holding every row; rows start where every column starts a line, and a wrapped line stays
    with its row."""
    path = tmp_path / "column-rules.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    _column_ruled(c, HEIGHT - 80, [60, 180, 310, 460], ["Class", "Answer", "Workaround"],
                  [["Class 1", "10 minutes", "3 hours"],
                   ["Class 2", "45 minutes", "6 hours, or the next"],
                   ["", "", "working day if later"],
                   ["Class 3", "5 hours", "4 days"]])
    c.showPage()
    c.save()
    doc = read_both(path)
    assert doc.tables[0].header == ("Class", "Answer", "Workaround")
    assert doc.tables[0].rows == (("Class 1", "10 minutes", "3 hours"),
                                  ("Class 2", "45 minutes", "6 hours, or the next working day if later"),
                                  ("Class 3", "5 hours", "4 days"))


def test_two_columns_of_running_text_in_a_box_stay_one_row(tmp_path):
    """Side-by-side paragraphs in a ruled box start lines together too, but run on in lower case."""
    path = tmp_path / "boxed-text.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    _column_ruled(c, HEIGHT - 80, [60, 280, 500], None,
                  [["The operator keeps the network", "Charges are invoiced monthly in"],
                   ["running at all times and repairs", "arrears and fall due thirty days"],
                   ["faults as soon as it can.", "after the invoice date."]])
    c.showPage()
    c.save()
    doc = read_both(path)
    assert len(doc.tables) == 1
    cells = doc.tables[0].header or doc.tables[0].rows[0]
    assert cells[0] == "The operator keeps the network running at all times and repairs faults as soon as it can."


def test_borderless_row_with_cells_centred_beside_a_two_line_label(tmp_path):
    """A wrapped row label ('Tier 2 -' over 'Urgent') with the other cells set vertically centred,
    half a line below its first line: three lines half a line apart are one row."""
    path = tmp_path / "centred.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setFont("Helvetica-Bold", 11)
    c.drawString(60, HEIGHT - 60, "7. Handling Times")
    c.setFont(FONT, SIZE)
    c.drawString(60, HEIGHT - 80, "Requests are handled within the times below.")
    y = HEIGHT - 110
    c.setFont("Helvetica-Bold", SIZE)
    for x, name in ((60, "Tier"), (220, "Pick-up"), (360, "Closure")):
        c.drawString(x, y, name)
    c.setFont(FONT, SIZE)
    y -= 18
    for first, second, pick, close in (("Tier 1 -", "Blocking", "20 minutes", "5 hours"),
                                       ("Tier 2 -", "Urgent", "3 hours", "2 working days"),
                                       ("Tier 3 -", "Normal", "9 hours", "8 working days")):
        c.drawString(60, y, first)
        c.drawString(60, y - 12, second)
        c.drawString(220, y - 6, pick)
        c.drawString(360, y - 6, close)
        y -= 32
    c.drawString(60, y - 6, "Times run from the moment the request is logged.")
    c.showPage()
    c.save()
    doc = read_both(path)
    assert len(doc.tables) == 1
    assert doc.tables[0].header == ("Tier", "Pick-up", "Closure")
    assert doc.tables[0].rows == (("Tier 1 - Blocking", "20 minutes", "5 hours"),
                                  ("Tier 2 - Urgent", "3 hours", "2 working days"),
                                  ("Tier 3 - Normal", "9 hours", "8 working days"))
    assert doc.blocks[-1].text == "Times run from the moment the request is logged."


def test_borderless_header_with_one_name_wrapped_and_the_others_centred(tmp_path):
    """'Final Fix' over 'Deadline' in the last column, the other names centred between its lines:
    the header was read as a paragraph ('Final Fix Band Answer Deadline') and the rows had none."""
    path = tmp_path / "centred-header.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setFont(FONT, SIZE)
    c.drawString(60, HEIGHT - 60, "Each band is answered and fixed within the times below.")
    y = HEIGHT - 90
    c.setFont("Helvetica-Bold", SIZE)
    c.drawString(360, y, "Final Fix")
    c.drawString(60, y - 6, "Band")
    c.drawString(220, y - 6, "Answer")
    c.drawString(360, y - 12, "Deadline")
    c.setFont(FONT, SIZE)
    y -= 30
    for row in (("Band A", "40 minutes", "6 hours"), ("Band B", "3 hours", "3 days")):
        for x, text in zip((60, 220, 360), row):
            c.drawString(x, y, text)
        y -= 14
    c.showPage()
    c.save()
    doc = read_both(path)
    assert doc.tables[0].header == ("Band", "Answer", "Final Fix Deadline")
    assert doc.tables[0].rows == (("Band A", "40 minutes", "6 hours"), ("Band B", "3 hours", "3 days"))


def test_footer_set_above_the_edge_zone_next_to_the_page_number_is_dropped(tmp_path):
    """A copyright line right above the page number, both higher than the bottom tenth of the
    page (a deep bottom margin): it is furniture, and the sentence running on to the next page
    is one paragraph again."""
    path = tmp_path / "footer.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    body = ("The hosting provider restores a failed server within six hours of the alert and keeps "
            "the customer informed of progress every hour until the service is running again").split()
    for n in range(1, 5):
        c.setFont(FONT, SIZE)
        y = HEIGHT - 80
        if n == 1:
            c.drawString(60, y, "1. Restoration")
            y -= 20
        words = body[:] if n % 2 else ["Charges", "are", "invoiced", "monthly", "in", "arrears."]
        line: list[str] = []
        # fill the page down to just above the footer, the last sentence running over the page end
        lines_needed = int((y - 150) / 12)
        text = (" ".join(words) + " ") * 40
        tokens = text.split()
        out_lines = []
        while tokens and len(out_lines) < lines_needed:
            line = []
            while tokens and stringWidth(" ".join(line + tokens[:1]), FONT, SIZE) < 470:
                line.append(tokens.pop(0))
            out_lines.append(" ".join(line))
        for text_line in out_lines:
            c.drawString(60, y, text_line)
            y -= 12
        c.setFont(FONT, 8)
        c.drawString(60, 120, "\u00a9 2031 Northwind Hosting Limited")
        c.drawCentredString(WIDTH / 2, 102, str(n))
        c.showPage()
    c.save()
    doc = read_both(path)
    assert not [b for b in doc.blocks if "Northwind" in b.text]
    assert not [b for b in doc.blocks if b.text.strip() in {"1", "2", "3", "4"}]


def test_header_over_two_ruled_rows_with_a_group_name(tmp_path):
    """'Band' spanning two header rows beside 'Committed Times' spanning 'Answer | Repair': the
    second header row was read as a row of data under a header naming no kinds."""
    path = tmp_path / "two-row-header.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    xs, top, pitch = [60.0, 180.0, 310.0, 440.0], HEIGHT - 100, 20.0
    ys = [top - k * pitch for k in range(5)]
    c.line(xs[0], ys[0], xs[3], ys[0])
    c.line(xs[1], ys[1], xs[3], ys[1])  # under the group name only: 'Band' spans both rows
    for y in ys[2:]:
        c.line(xs[0], y, xs[3], y)
    for x in (xs[0], xs[1], xs[3]):
        c.line(x, ys[0], x, ys[-1])
    c.line(xs[2], ys[1], xs[2], ys[-1])  # 'Committed Times' spans two columns
    c.setFont("Helvetica-Bold", SIZE)
    c.drawString(64, ys[1] - 4, "Band")
    c.drawString(184, ys[0] - 14, "Committed Times")
    c.drawString(184, ys[1] - 14, "Answer")
    c.drawString(314, ys[1] - 14, "Repair")
    c.setFont(FONT, SIZE)
    for k, row in enumerate((("Band A", "25 minutes", "5 hours"), ("Band B", "2 hours", "2 days"))):
        for x, text in zip(xs, row):
            c.drawString(x + 4, ys[2 + k] - 14, text)
    c.showPage()
    c.save()
    doc = read_both(path)
    assert doc.tables[0].header == ("Band", "Committed Times Answer", "Committed Times Repair")
    assert doc.tables[0].rows == (("Band A", "25 minutes", "5 hours"), ("Band B", "2 hours", "2 days"))


def test_white_boxes_behind_paragraphs_are_no_table_rules(tmp_path):
    """Some producers fill a white box behind every paragraph line and every table cell. On
    white paper those boxes draw nothing: the paragraphs after a table must not be read as
    more of its rows. Inside the table, where the rules are drawn only in part (no rule between
    the header's first two columns), the white cells still give the columns."""
    from reportlab.lib.colors import Color, white

    path = tmp_path / "white_boxes.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    xs, top, pitch = [60.0, 160.0, 330.0, 520.0], HEIGHT - 120, 22.0
    rows = [["Severity", "Meaning", "First reply"],
            ["Severity 1", "The platform is down", "30 minutes"],
            ["Severity 2", "A feature fails", "4 hours"],
            ["Severity 3", "A question", "2 working days"]]
    grey = Color(0.95, 0.95, 0.95)
    for k, row in enumerate(rows):
        y = top - k * pitch
        for j, cell in enumerate(row):
            c.setFillColor(white if k == 0 or j == 0 else grey)
            c.rect(xs[j], y - pitch, xs[j + 1] - xs[j], pitch, stroke=0, fill=1)
            c.setFillColor(Color(0, 0, 0))
            c.setFont(FONT, SIZE)
            c.drawString(xs[j] + 4, y - pitch + 7, cell)
    bottom = top - len(rows) * pitch
    for y in (top, top - pitch, bottom):
        c.line(xs[0], y, xs[-1], y)
    for x in (xs[0], xs[2], xs[3]):
        c.line(x, top, x, bottom)
    c.line(xs[1], top - pitch, xs[1], bottom)  # no rule between "Severity" and "Meaning"
    y = bottom - 10  # the first box meets the table's bottom rule, as each box meets the next
    for text in ("5. Reports", "The Vendor sends a report of all calls each month.",
                 "The report lists each call that missed its target and says why."):
        c.setFillColor(white)
        c.rect(xs[0], y - 4, xs[-1] - xs[0], 14, stroke=0, fill=1)  # a white box behind the line
        c.setFillColor(Color(0, 0, 0))
        c.setFont(FONT, SIZE)
        c.drawString(xs[0], y, text)
        y -= 14
    c.showPage()
    c.save()
    doc = read_both(path)
    assert len(doc.tables) == 1
    table = doc.tables[0]
    assert [tuple(table.header)] + [tuple(r) for r in table.rows] == [tuple(r) for r in rows]
    assert any(b.kind != "table_row" and "missed its target" in b.text for b in doc.blocks)


def test_centred_header_over_cells_set_close_together(tmp_path):
    """A borderless table whose header names are centred over their columns while the cells
    below are set flush left, so close to each other that a row's cells read as one run of
    words ("Mon-Fri, 8 AM-6 PM Included in every plan"). Each column starts where every row
    has a word and some row's cell starts, not at its centred name."""
    path = tmp_path / "centred_header.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    rows = [["Standard Desk", "Mon-Fri, 8 AM-6 PM", "Included in every plan"],
            ["Extended Desk", "Mon-Sat, 7 AM-10 PM", "Paid add-on"],
            ["Round the Clock Desk", "24/7/365", "For critical systems"]]
    # each column starts a few points after the longest cell of the one before: less than a
    # cell gap, so every row runs two of its cells together
    xs = [70.0]
    for j in (0, 1):
        xs.append(xs[-1] + max(stringWidth(r[j], FONT, SIZE) for r in rows) + 6)
    header = [("Support Plan", 80.0), ("Hours", xs[1] + 30), ("Notes", xs[2] + 40)]
    y = HEIGHT - 100
    c.setFont("Helvetica-Bold", 10)
    for text, x in header:
        c.drawString(x, y, text)
    c.setFont(FONT, SIZE)
    for row in rows:
        y -= 17
        for x, cell in zip(xs, row):
            c.drawString(x, y, cell)
    c.setFont(FONT, SIZE)
    c.drawString(70, y - 40, "Calls outside these hours are answered on the next working day.")
    c.showPage()
    c.save()
    doc = read_both(path)
    assert len(doc.tables) == 1
    table = doc.tables[0]
    assert [tuple(r) for r in table.rows] == [tuple(r) for r in rows]
    assert tuple(table.header) == ("Support Plan", "Hours", "Notes")


def _centred_label_table(c: canvas.Canvas, y: float, rows: list[tuple[list[str], list[str], list[str]]],
                         xs: tuple[float, float, float], pitch: float = 14.0) -> float:
    """Borderless rows, each cell top-aligned on the row's first line except a label shorter than
    its neighbours, which is set vertically centred on them (half a line down per missing line).
    Returns the y under the last row."""
    c.setFont(FONT, SIZE)
    for cells in rows:
        height = max(len(cell) for cell in cells)
        for x, cell in zip(xs, cells):
            drop = (height - len(cell)) * pitch / 2 if x == xs[0] else 0.0
            for k, text in enumerate(cell):
                c.drawString(x, y - drop - k * pitch, text)
        y -= height * pitch + 8
    return y


def test_three_column_table_with_a_third_column_past_the_middle_is_no_page_column(tmp_path):
    """A borderless table whose third column starts past the middle of the page, with a clear strip
    between its second and third columns: labels centred beside wrapped cells left too few rows cut
    at wide gaps, so the strip was taken for the gutter of a two-column page and the third column
    came out as paragraphs after the rest of the page."""
    path = tmp_path / "three-columns.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setFont("Helvetica-Bold", 11)
    c.drawString(60, HEIGHT - 60, "4. Fault Classes")
    c.setFont(FONT, SIZE)
    c.drawString(60, HEIGHT - 80, "Each reported fault is placed in one class.")
    xs = (60.0, 140.0, 330.0)
    y = HEIGHT - 110
    c.setFont("Helvetica-Bold", SIZE)
    for x, name in zip(xs, ("Class", "Meaning", "Typical case")):
        c.drawString(x, y, name)
    rows = [(["Grave", "(C1)"], ["The whole platform is down for", "every user at once"],
             ["Nobody can sign in at any office or", "from home, and no work can go on"]),
            (["Serious (C2)"], ["One main feature fails and no", "detour exists"],
             ["Invoices cannot be exported at all and", "the month cannot be closed on time"]),
            (["Moderate (C3)"], ["A feature is slower than usual", "but still works"],
             ["Reports take minutes instead of seconds", "while the office is at its busiest"]),
            (["Minor (C4)"], ["Cosmetic flaws that do not", "stop any work"],
             ["A label is misspelt on one screen or a", "button sits a little out of line"]),
            (["Query (C5)"], ["Questions on use"], ["How a setting is changed or a report made"])]
    y = _centred_label_table(c, y - 18, rows, xs)
    c.drawString(60, y - 10, "The class decides how fast the team acts.")
    c.showPage()
    c.save()
    doc = read_both(path)
    assert len(doc.tables) == 1
    table = doc.tables[0]
    assert table.header == ("Class", "Meaning", "Typical case")
    assert [row[0] for row in table.rows] == ["Grave (C1)", "Serious (C2)", "Moderate (C3)", "Minor (C4)", "Query (C5)"]
    assert table.rows[1] == ("Serious (C2)", "One main feature fails and no detour exists",
                             "Invoices cannot be exported at all and the month cannot be closed on time")
    assert doc.blocks[-1].text == "The class decides how fast the team acts."


def test_label_centred_beside_a_row_wrapped_over_two_lines_stays_in_that_row(tmp_path):
    """A one-line row label set vertically centred beside cells that wrap onto a second line sits
    half a line between the row's two lines. It was taken for a label spanning two rows: the row's
    second line became a row of its own (the label filled down into it), or, when only one cell
    wrapped, the half-line spacing made every other row's lines one row."""
    path = tmp_path / "centred-label.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setFont(FONT, SIZE)
    c.drawString(60, HEIGHT - 60, "Requests are answered within these times.")
    xs = (60.0, 150.0, 300.0)
    y = HEIGHT - 90
    c.setFont("Helvetica-Bold", SIZE)
    for x, name in zip(xs, ("Grade", "Answer within", "Notes")):
        c.drawString(x, y, name)
    rows = [(["Grade A"], ["45 minutes, day", "or night"], ["Paged to the", "duty lead"]),
            (["Grade B"], ["3 hours"], ["Office days", "only"]),
            (["Grade C"], ["2 working days"], ["By e-mail"])]
    y = _centred_label_table(c, y - 18, rows, xs)
    c.drawString(60, y - 10, "Grades are agreed when the request is logged.")
    c.showPage()
    c.save()
    doc = read_both(path)
    assert len(doc.tables) == 1
    assert doc.tables[0].header == ("Grade", "Answer within", "Notes")
    assert doc.tables[0].rows == (("Grade A", "45 minutes, day or night", "Paged to the duty lead"),
                                  ("Grade B", "3 hours", "Office days only"),
                                  ("Grade C", "2 working days", "By e-mail"))


def _duties_table(c: canvas.Canvas, top: float, rows: list[tuple[list[str], str, str]]) -> None:
    """A ruled three-column duties table whose first cells run over two lines."""
    xs, pitch = (60.0, 330.0, 410.0, 490.0), 30.0
    c.setFont(FONT, SIZE)
    for k, name in enumerate(("Duty", "Supplier", "Customer")):
        c.drawString(xs[k] + 4, top - 14, name)
    ys = [top, top - 20.0] + [top - 20.0 - pitch * (k + 1) for k in range(len(rows))]
    for y in ys:
        c.line(xs[0], y, xs[-1], y)
    for x in xs:
        c.line(x, ys[0], x, ys[-1])
    for k, (duty, supplier, customer) in enumerate(rows):
        y = ys[k + 1] - 12
        for n, part in enumerate(duty):
            c.drawString(xs[0] + 4, y - 11 * n, part)
        c.drawString(xs[1] + 4, y, supplier)
        c.drawString(xs[2] + 4, y, customer)


def test_table_drawn_inside_a_scaled_form_is_found_where_its_text_is(tmp_path):
    """A page whose content sits in form XObjects placed by their own matrices (a document
    printed to fit a sheet: shrunk and shifted; here a table form inside a page form). pdfium
    gives a path's bounds in its form's space; read without the forms' matrices the rules lay
    far from the table's text, over the notes below it: the notes were read as a table."""
    path = tmp_path / "form.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.beginForm("targets")
    _duties_table(c, 300, [(["Log each fault with the service desk,", "by telephone or through the portal"], "", "Does it"),
                           (["Assign an engineer to a Severity 1 fault", "within 25 minutes, day or night"], "Does it", ""),
                           (["Confirm that the service is back", "and close the ticket"], "", "Does it")])
    c.endForm()
    c.beginForm("sheet")
    c.setFont("Helvetica-Bold", 12)
    c.drawString(60, 760, "6. Fault Targets")
    c.setFont(FONT, SIZE)
    c.drawString(60, 740, "The supplier meets the targets below for every fault the customer reports.")
    c.saveState()
    c.translate(0, 420)  # the table's own form, placed lower on the sheet
    c.doForm("targets")
    c.restoreState()
    c.drawString(60, 380, "Targets are measured from the time the fault is logged.")
    notes = ["Faults are logged by telephone or through the portal.", "The supplier confirms each fault by e-mail.",
             "Repeated faults are reviewed every month.", "Either party may ask for a review at any time."]
    for k, note in enumerate(notes):
        c.drawString(60, 270 - 20 * k, note)
    c.endForm()
    c.saveState()
    c.transform(0.62, 0, 0, 0.62, 45, 120)
    c.doForm("sheet")
    c.restoreState()
    c.showPage()
    c.save()
    doc = read_both(path)
    assert len(doc.tables) == 1
    assert doc.tables[0].header == ("Duty", "Supplier", "Customer")
    assert doc.tables[0].rows == (("Log each fault with the service desk, by telephone or through the portal", "", "Does it"),
                                  ("Assign an engineer to a Severity 1 fault within 25 minutes, day or night", "Does it", ""),
                                  ("Confirm that the service is back and close the ticket", "", "Does it"))
    texts = [b.text for b in doc.blocks]
    assert texts[-5:] == ["Targets are measured from the time the fault is logged."] + notes
    # the rules where the reference reader (pdfminer applies the forms' matrices) sees them
    with pdfplumber.open(str(path)) as pdf:
        reference = {(e["orientation"], round(e["x0"]), round(e["top"])) for e in pdf.pages[0].edges}
    fast = pdfium.PdfDocument(str(path))
    try:
        page = fast[0]
        box = page.get_mediabox()
        assert {(e["orientation"], round(e["x0"]), round(e["top"])) for e in path_edges(page, box[3], box[0])} == reference
    finally:
        fast.close()


def _glyphs(x: float, top: float, text: str, tight: set[int]) -> list[Char]:
    """Glyphs of one line of 16 pt type as pdfium reports them: 5 pt apart on a 15.4 pt line box,
    except the letters at `tight`, parts of a ligature glyph, which get the ink's box from the
    baseline up (the proportions pdfium gave for a Google Docs PDF set in 14 pt)."""
    out = []
    for k, ch in enumerate(text):
        if ch != " ":
            box = (top + 3.4, top + 12.2) if k in tight else (top, top + 15.4)
            out.append(Char(ch, x + 5 * k, box[0], x + 5 * k + 5, box[1], k))
    return out


def test_letters_split_out_of_a_ligature_stay_in_their_words_in_a_cell():
    """Google Docs and Word draw "fi" and "fl" as one glyph; pdfium reports its two letters with
    the ink's tight box where every other letter has the font's line box. The tops differ by more
    than the cell reader's line tolerance, so the letters were read as a line of their own at the
    end of the cell ("steady traf c ow fi fl"). The glyphs here are laid out as pdfium gives them
    for such a PDF (a real one showed it; reportlab's fonts give ligatures full boxes)."""
    xs, ys = (50.0, 150.0, 450.0), (100.0, 120.0, 140.0)
    edges = [edge(xs[0], xs[-1], y, y, "h", "line") for y in ys] + [edge(x, x, ys[0], ys[-1], "v", "line") for x in xs]
    glyphs = _glyphs(54, 103, "Target", set()) + _glyphs(154, 103, "Meaning", set()) + \
        _glyphs(54, 123, "Flow", set()) + _glyphs(154, 123, "steady traffic flow", {11, 12, 15, 16})
    (_, rows), = find_tables(595.0, 842.0, edges, glyphs)
    assert rows == [["Target", "Meaning"], ["Flow", "steady traffic flow"]]


def _tight_words(c: canvas.Canvas, x: float, y: float, words: list[str], gap: float, sep: str = "") -> None:
    """Words `gap` points apart, each run (with `sep` after it) drawn on its own: how some
    converters place the words of a justified line."""
    c.setFont(FONT, SIZE)
    for word in words:
        c.drawString(x, y, word + sep)
        x += stringWidth(word, FONT, SIZE) + gap


def test_words_set_close_with_a_no_break_space_or_no_space_glyph_stay_apart(tmp_path):
    """Lines whose words are a narrow gap apart, the gap holding a no-break space glyph or no
    glyph at all. The fast engine kept only plain space glyphs and took pdfium's words as given,
    so it read 'Hours ofSupport' and ran a clause number into its text ('2.3.1monitor'), which
    no phrase or section number matches. (Small letters run into small letters with no glyph
    between them are still read as pdfium joins them: not covered here.)"""
    path = tmp_path / "tight.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    _tight_words(c, 60, HEIGHT - 80, ["1.5", "Hours", "of", "Support"], 1.0, sep="\u00a0")
    _tight_words(c, 60, HEIGHT - 100, ["Support", "is", "given", "from", "8am", "to", "6pm", "on", "working", "days."], 1.0, sep="\u00a0")
    _tight_words(c, 60, HEIGHT - 130, ["2.3.1", "monitor the network and report on its use;"], 2.0)
    _tight_words(c, 60, HEIGHT - 200, ["Faults", "Are", "Logged", "By", "Phone."], 2.0)
    c.showPage()
    c.save()
    doc = read_both(path)
    assert [b.text for b in doc.blocks] == ["1.5 Hours of Support", "Support is given from 8am to 6pm on working days.",
                                            "2.3.1 monitor the network and report on its use;", "Faults Are Logged By Phone."]


def test_heading_words_in_large_type_a_narrow_gap_apart_stay_apart(tmp_path):
    """A heading in 20 pt type whose words are placed a little over 3 pt apart with no space
    glyph. pdfium guesses a space there, but the fast engine left guessed spaces to layout,
    which measures gaps against the font's line box (24 pt for this type, taller than the type
    itself): 'PriorityDefinitions'."""
    path = tmp_path / "heading.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setFont("Helvetica-Bold", 20)
    x = 60.0
    for word in ("Priority", "Definitions"):
        c.drawString(x, HEIGHT - 80, word)
        x += stringWidth(word, "Helvetica-Bold", 20) + 3.2
    c.setFont(FONT, SIZE)
    c.drawString(60, HEIGHT - 110, "A Priority 1 fault stops the service for every user.")
    c.showPage()
    c.save()
    doc = read_both(path)
    assert [b.text for b in doc.blocks] == ["Priority Definitions", "A Priority 1 fault stops the service for every user."]


def _filing_footer(c: canvas.Canvas, y: float, number: int) -> float:
    """An original page's footer as a filing prints it mid-sheet: two label lines in spaced
    columns (they read like a table row) and the page number under them. Returns the y below."""
    c.setFont(FONT, 8)
    c.drawString(60, y, "Hosting Services Agreement")
    c.drawString(380, y, "Contoso Cloud, Inc.")
    c.drawString(60, y - 9, "Exhibit B")
    c.drawString(230, y - 9, "March 3, 2029")
    c.drawString(400, y - 9, "CONFIDENTIAL")
    c.drawCentredString(WIDTH / 2, y - 30, str(number))
    return y - 60


@pytest.mark.parametrize("rows_after", [1, 2])
def test_footer_of_an_original_page_printed_mid_sheet_does_not_split_a_table(tmp_path, rows_after):
    """A filing sets two original pages on each sheet: every original page ends mid-sheet with
    its footer (two label lines) over its page number. The footer read as two table rows, and
    cut the targets table running over the original page break into two tables, the second
    without its column names (one row alone was no table at all, but a paragraph)."""
    path = tmp_path / "filing.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    number = 1
    for sheet in range(1, 6):
        y = HEIGHT - 60
        for half in range(2):
            c.setFont(FONT, SIZE)
            if sheet == 3 and half == 0:
                c.drawString(60, y, f"{number}. Fault handling. The provider answers faults on this schedule:")
                y -= 24
                for cells in (["Severity", "Response", "Restoration"], ["Severity 1", "1 hour", "6 hours"],
                              ["Severity 2", "4 hours", "2 days"]):
                    for x, cell in zip((60, 220, 380), cells):
                        c.drawString(x, y, cell)
                    y -= 14
                y -= 40
            elif sheet == 3:
                for cells in [["Severity 3", "2 days", "10 days"], ["Severity 4", "5 days", "30 days"]][:rows_after]:
                    for x, cell in zip((60, 220, 380), cells):
                        c.drawString(x, y, cell)
                    y -= 14
                y -= 10
                c.drawString(60, y, f"{number}. Reports. A summary of the faults of each month is sent by its fifth day.")
                y -= 200
            else:
                for k in range(14):
                    c.drawString(60, y, f"Clause {number}.{k + 1} of the agreement, sheet {sheet}, holds terms of its own.")
                    y -= 12
                y -= 40
            y = _filing_footer(c, y, number)
            number += 1
        c.showPage()
    c.save()
    doc = read_both(path)
    assert not [b for b in doc.blocks if "Contoso" in b.text or "CONFIDENTIAL" in b.text]
    assert not [t for t in doc.tables if any("Contoso" in cell for row in t.rows for cell in row)]
    targets = [t for t in doc.tables if any("Severity 1" in row[0] for row in t.rows)]
    assert len(targets) == 1
    assert [row[0] for row in targets[0].rows] == ["Severity 1", "Severity 2", "Severity 3", "Severity 4"][:2 + rows_after]
    assert targets[0].header == ("Severity", "Response", "Restoration")


_TYPED_ROWS = ["     Class 1               1 hour             24 hours",
               "     Class 2               4 hours            3 business days",
               "     Class 3               2 business days    next release"]


@pytest.mark.parametrize("rule", [False, True])
def test_header_typed_over_two_lines_in_a_typewritten_filing_is_one_header(tmp_path, rule):
    """A filing typed in a fixed-width font sets its table with spaces, the header words stacked on two
    lines ("INITIAL" over "RESPONSE", the corner blank on the upper line), with or without a typed rule
    of dashes under them. The upper line was read as the header and the lower as a first row, so no
    column was a response time."""
    path = tmp_path / "typed.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setFont("Courier", 10)
    lines = ["     3.  Error Classes.  The licensor answers and corrects each error",
             "reported by the licensee on the schedule below.", "",
             "                           INITIAL            CORRECTION",
             "     ERROR CLASS           RESPONSE           OR WORKAROUND"]
    lines += ["     -----------           --------           -------------"] if rule else []
    y = HEIGHT - 72
    for text in lines + _TYPED_ROWS:
        c.drawString(60, y, text)
        y -= 12
    c.showPage()
    c.save()
    doc = read_both(path)
    assert len(doc.tables) == 1
    assert doc.tables[0].header == ("ERROR CLASS", "INITIAL RESPONSE", "CORRECTION OR WORKAROUND")
    assert [row[0] for row in doc.tables[0].rows] == ["Class 1", "Class 2", "Class 3"]


def test_form_labels_over_a_signature_line_are_no_stacked_header(tmp_path):
    """A signature block typed in two columns ("Supplier:" over "By: ____") is a form, not a table
    header over two lines: its labels stay rows of their own."""
    path = tmp_path / "signatures.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setFont("Courier", 10)
    y = HEIGHT - 72
    for text in ["Supplier:                            Customer:",
                 "By: /s/ Ann Example                  By: /s/ Ben Sample",
                 "______________________               ______________________",
                 "Title: Director                      Title: Buyer",
                 "Date: March 3, 2029                  Date: March 4, 2029"]:
        c.drawString(60, y, text)
        y -= 12
    c.showPage()
    c.save()
    doc = read_both(path)
    cells = [cell for t in doc.tables for row in (t.header, *t.rows) for cell in row]
    assert not any("Supplier:" in cell and "By:" in cell for cell in cells)


def _typed_page(path, lines):
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setFont("Courier", 10)
    y = HEIGHT - 72
    for text in lines:
        c.drawString(60, y, text)
        y -= 12
    c.showPage()
    c.save()


def test_row_label_wrapped_above_its_cells_in_a_typewritten_table(tmp_path):
    """Rows set apart by blank lines, each label wrapped over two lines with the row's times on the
    last one (bottom-aligned, as a typewriter sets them): the label's first line stood alone, and the
    table was cut at each of them (the header and the first row were lost)."""
    path = tmp_path / "bottom.pdf"
    _typed_page(path, ["The supplier answers and mends faults within these times:", "",
                       "   LEVEL                           ANSWER      MEND", "",
                       "   Level 1 - the system is",
                       "   down and no workaround          1 hour      4 hours", "",
                       "   Level 2 - a major function",
                       "   is impaired                     4 hours     2 days", "",
                       "   Level 3 - a minor problem       1 day       10 days"])
    doc = read_both(path)
    assert len(doc.tables) == 1
    assert doc.tables[0].header == ("LEVEL", "ANSWER", "MEND")
    assert [row[0] for row in doc.tables[0].rows] == ["Level 1 - the system is down and no workaround",
                                                      "Level 2 - a major function is impaired",
                                                      "Level 3 - a minor problem"]


def test_row_label_wrapped_below_its_cells_stays_with_its_row(tmp_path):
    """The mirror set without blank lines: the times on the label's first line, the label running on
    below. The line under a row's cells ends that row; it does not open the next."""
    path = tmp_path / "top.pdf"
    _typed_page(path, ["   LEVEL                           ANSWER      MEND",
                       "   Level 1 - the system is         1 hour      4 hours",
                       "   down and no workaround",
                       "   Level 2 - a major function      4 hours     2 days",
                       "   is impaired",
                       "   Level 3 - a minor problem       1 day       10 days"])
    doc = read_both(path)
    rows = [row for t in doc.tables for row in t.rows]
    assert [r[1] for r in rows if r[1]] == ["1 hour", "4 hours", "1 day"]
    assert not any(r[0].startswith("down") and r[1] for r in rows)


def _flow(c: canvas.Canvas, words: list[str], x: float, y: float, width: float = 230) -> float:
    """Words set as running text in a column `width` wide from (x, y); returns the y below."""
    line: list[str] = []
    for w in words:
        if stringWidth(" ".join(line + [w]), FONT, 9) > width:
            c.drawString(x, y, " ".join(line))
            y -= 11
            line = [w]
        else:
            line.append(w)
    if line:
        c.drawString(x, y, " ".join(line))
        y -= 11
    return y


def test_borderless_table_across_both_columns_of_a_two_column_page_stays_whole(tmp_path):
    """A two-column page with a borderless table set across both columns between the column
    blocks: its rows were cut at the gutter into two tables (levels and meanings on the left,
    times on the right), so no time had a level."""
    path = tmp_path / "twocol.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    left = ("The desk answers every fault the customer reports and works it to the end. " * 4).split()
    right = ("Fees are invoiced each month in advance and fall due thirty days after the invoice. " * 4).split()
    c.setFont(FONT, 9)
    y = min(_flow(c, left, 50, HEIGHT - 60), _flow(c, right, 310, HEIGHT - 60)) - 20
    xs = (50, 200, 330, 460)
    c.setFont("Helvetica-Bold", 9)
    for x, t in zip(xs, ("Priority", "Meaning", "Response time", "Resolution time")):
        c.drawString(x, y, t)
    y -= 14
    c.setFont(FONT, 9)
    for row in (("P1", "Service down", "30 minutes", "4 hours"), ("P2", "Major fault", "2 hours", "1 day"),
                ("P3", "Minor fault", "8 hours", "5 days")):
        for x, t in zip(xs, row):
            c.drawString(x, y, t)
        y -= 13
    y -= 15
    _flow(c, left, 50, y)
    _flow(c, right, 310, y)
    c.showPage()
    c.save()
    doc = read_both(path)
    assert len(doc.tables) == 1
    assert doc.tables[0].header == ("Priority", "Meaning", "Response time", "Resolution time")
    assert doc.tables[0].rows[0] == ("P1", "Service down", "30 minutes", "4 hours")
    paragraphs = [b.text for b in doc.blocks if b.kind == "para"]
    assert any(p.startswith("The desk answers") for p in paragraphs) and any(p.startswith("Fees are") for p in paragraphs)
