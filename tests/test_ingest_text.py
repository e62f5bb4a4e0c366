"""Text, Markdown and DOCX ingestion, and the errors load_document raises for bad files."""
from __future__ import annotations

import docx
import pytest

from sla_check.errors import IngestError
from sla_check.ingest import describe, load_document

MARKDOWN = """# Acme Support Policy

## Service availability

Our target is 99.5% availability for core services, measured each calendar month by our
monitoring. This target does not apply during planned work.

- Planned maintenance on Sundays
- Events beyond our reasonable control

## Response targets

| Priority | Response | Resolution |
|---|---|---|
| P1 - Critical | 30 minutes | 4 hours |
|  | 1 hour (out of hours) | 8 hours |
| P2 - High | 2 working hours | 1 working day |

P3 | 1 working day | 5 working days
P4 | 2 working days | 10 working days
\f
## Planned work

We give at least one week's notice of planned work, which is done on Sundays.
"""


def write(tmp_path, name: str, data: str | bytes):
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def test_markdown_headings_lists_tables_and_pages(tmp_path):
    doc = load_document(write(tmp_path, "policy.md", MARKDOWN))
    assert (doc.format, doc.pages) == ("text", 2)
    kinds = {b.text: b.kind for b in doc.blocks}
    assert kinds["Service availability"] == "heading"
    target = next(b for b in doc.blocks if b.text.startswith("Our target"))
    assert target.text.endswith("measured each calendar month by our monitoring. This target does not apply during planned work.")
    assert target.section == "Service availability"
    bullets = [b for b in doc.blocks if b.kind == "list_item"]
    assert [b.text for b in bullets] == ["- Planned maintenance on Sundays", "- Events beyond our reasonable control"]
    rows = [b for b in doc.blocks if b.kind == "table_row"]
    assert rows[0].text == "P1 - Critical | Response: 30 minutes | Resolution: 4 hours"
    assert rows[1].cells[0] == "P1 - Critical"  # blank first cell filled down
    assert rows[2].section == "Response targets"
    bare = [b for b in rows if b.table_id == 1]
    assert [b.cells for b in bare] == [("P3", "1 working day", "5 working days"), ("P4", "2 working days", "10 working days")]
    notice = next(b for b in doc.blocks if "one week's notice" in b.text)
    assert (notice.page, notice.section) == (2, "Planned work")


def test_markdown_front_matter_gives_the_title_and_no_metadata_text(tmp_path):
    # site generators put the page title and bookkeeping fields between two "---" lines
    path = tmp_path / "policy.md"
    path.write_text("---\ntitle: 'Helpdesk terms'\nupdated: 2031-02-03\nnav:\n  - label: Back\n---\n\n"
                    "Tickets are answered on working days.\n", encoding="utf-8")
    blocks = load_document(path).blocks
    assert (blocks[0].kind, blocks[0].text) == ("heading", "Helpdesk terms")
    assert [b.text for b in blocks[1:]] == ["Tickets are answered on working days."]
    # a rule line that opens a document without key lines under it is left alone
    path.write_text("---\n\nTickets are answered on working days.\n", encoding="utf-8")
    assert [b.text for b in load_document(path).blocks] == ["Tickets are answered on working days."]


def test_plain_text_clauses_and_hard_wrapped_lines(tmp_path):
    text = (
        "SERVICE LEVEL AGREEMENT\n\n"
        "1. Availability\n\n"
        "1.1 The Supplier shall ensure the Service is available 99.9% of the time in each\n"
        "month, excluding scheduled maintenance.\n\n"
        "1.2 Downtime does not include unavailability caused by:\n"
        "(a) scheduled maintenance; or\n"
        "(b) force majeure.\n\n"
        "2. Support\n\n"
        "2.1 Priority 1 incidents will be responded to within 15 minutes, 24x7.\n"
    )
    doc = load_document(write(tmp_path, "sla.txt", text))
    by_text = {b.text: b for b in doc.blocks}
    clause = by_text["1.1 The Supplier shall ensure the Service is available 99.9% of the time in each month, excluding scheduled maintenance."]
    assert (clause.section, clause.kind, clause.page) == ("1.1", "para", 1)
    assert by_text["(b) force majeure."].section == "1.2(b)"
    assert by_text["1. Availability"].kind == "heading"
    assert by_text["2.1 Priority 1 incidents will be responded to within 15 minutes, 24x7."].section == "2.1"
    assert [s.number for s in doc.sections if s.number] == ["1", "1.1", "1.2", "1.2(a)", "1.2(b)", "2", "2.1"]


def test_docx_order_styles_tables_and_page_breaks(tmp_path):
    d = docx.Document()
    d.add_paragraph("Hosting Agreement", style="Title")
    d.add_heading("1. Service Levels", level=1)
    d.add_paragraph("1.1 The Provider will respond to incidents within the times below.")
    table = d.add_table(rows=3, cols=2)
    for r, (a, b) in enumerate([("Severity", "Response"), ("Severity 1", "15 minutes"), ("Severity 2", "1 hour")]):
        table.cell(r, 0).text, table.cell(r, 1).text = a, b
    d.add_paragraph("Planned maintenance", style="List Bullet")
    d.add_page_break()
    d.add_heading("Exclusions", level=1)
    d.add_paragraph("Credits are not payable for downtime caused by the Customer.")
    path = tmp_path / "hosting.docx"
    d.save(path)
    doc = load_document(path)
    assert (doc.format, doc.pages) == ("docx", 2)
    texts = [b.text for b in doc.blocks]
    assert texts.index("1.1 The Provider will respond to incidents within the times below.") < texts.index("Severity 1 | Response: 15 minutes")
    assert doc.blocks[0].section is None  # the title is not a section
    row = next(b for b in doc.blocks if b.kind == "table_row")
    assert (row.section, row.header) == ("1.1", ("Severity", "Response"))
    assert next(b for b in doc.blocks if b.text == "Planned maintenance").kind == "list_item"
    last = doc.blocks[-1]
    assert (last.page, last.section) == (2, "Exclusions")
    assert "estimated" in describe(doc)


@pytest.mark.parametrize(
    "name,data,code",
    [
        ("empty.pdf", b"", "empty"),
        ("empty.txt", b"", "empty"),
        ("blank.md", b"\n\n  \n", "empty"),
        ("page.pdf", b"<!DOCTYPE html><html><body>SLA</body></html>", "not_a_pdf"),
        ("broken.pdf", b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog", "corrupt"),
        ("garbage.pdf", b"%PDF-1.4\n" + bytes(range(256)) * 20 + b"\n%%EOF\n", "corrupt"),
        ("notes.docx", b"this is not a zip file", "corrupt"),
        ("sheet.xlsx", b"PK\x03\x04 not really", "corrupt"),
        ("legacy.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "unsupported_format"),
        ("locked.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100 + "EncryptionInfo".encode("utf-16-le"), "encrypted"),
        ("renamed.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "unsupported_format"),
        ("picture.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "corrupt"),  # a picture is read by OCR; this one is broken
        ("picture.gif", b"GIF89a" + b"\x00" * 100, "unsupported_format"),
        ("binary.txt", b"\x00\x01\x02\x03" * 50, "unsupported_format"),
    ],
)
def test_bad_files_raise_their_code(tmp_path, name, data, code):
    with pytest.raises(IngestError) as err:
        load_document(write(tmp_path, name, data))
    assert err.value.code == code
    assert err.value.message and "\n" not in err.value.message


def test_size_and_page_limits(tmp_path):
    path = write(tmp_path, "long.txt", "Clause one.\n\f\nClause two.\n\f\nClause three.\n")
    with pytest.raises(IngestError) as err:
        load_document(path, max_bytes=10)
    assert err.value.code == "too_large"
    with pytest.raises(IngestError) as err:
        load_document(path, max_pages=2)
    assert err.value.code == "too_large" and "--max-pages" in err.value.message
    assert load_document(path, max_pages=3).pages == 3


def test_pdf_page_limit_is_checked_before_reading(tmp_path):
    from reportlab.pdfgen import canvas

    path = tmp_path / "three.pdf"
    c = canvas.Canvas(str(path))
    for n in range(3):
        c.drawString(72, 720, f"Clause {n + 1}. The Supplier shall provide the Services.")
        c.showPage()
    c.save()
    for engine in ("pdfium", "pdfplumber"):
        with pytest.raises(IngestError) as err:
            load_document(path, engine=engine, max_pages=2)
        assert err.value.code == "too_large"


def test_pdf_with_nothing_to_read_or_recognise_has_no_text_layer(tmp_path):
    """A page of vector shapes only: no text layer, and no image for OCR either."""
    from reportlab.pdfgen import canvas

    path = tmp_path / "shapes.pdf"
    c = canvas.Canvas(str(path))
    c.rect(72, 600, 300, 100, fill=1)
    c.showPage()
    c.save()
    for ocr in (True, False):
        with pytest.raises(IngestError) as err:
            load_document(path, ocr=ocr)
        assert err.value.code == "no_text_layer" and "OCR" in err.value.message


def test_markdown_numbered_lines_in_a_run_are_list_items_not_clauses(tmp_path):
    path = write(tmp_path, "sla.md", "# Hosting SLA\n\n## Guarantee\n\nWe exclude the following:\n\n1. Planned works\n2. Acts of the customer\n\n"
                 "## 3. Credits\n\nCredits are paid monthly.\n")
    doc = load_document(path)
    items = [b for b in doc.blocks if b.kind == "list_item"]
    assert [b.text for b in items] == ["1. Planned works", "2. Acts of the customer"]
    assert {b.section for b in items} == {"Guarantee"}  # not clauses "1" and "2"
    assert doc.blocks[-1].section == "3"


def test_column_header_line_over_rows_typed_as_text_is_not_a_section(tmp_path):
    # a table pasted from a web page: its header and rows are plain lines with single spaces
    text = (
        "Support Commitments\n\n"
        "How fast the desk answers depends on the level of the call.\n\n"
        "Call Level First Answer Fix Within\n"
        "Level A 20 minutes 6 hours\n"
        "Level B 2 hours 2 days\n\n"
        "Outside Hours\n\n"
        "Calls raised at night are picked up the next morning.\n"
    )
    doc = load_document(write(tmp_path, "desk.txt", text))
    by_text = {b.text: b for b in doc.blocks}
    assert by_text["Call Level First Answer Fix Within"].kind == "para"
    assert by_text["Level A 20 minutes 6 hours"].section == "Support Commitments"
    # a real heading after the rows still starts its own section
    assert by_text["Calls raised at night are picked up the next morning."].section == "Outside Hours"
    assert [s.title for s in doc.sections] == ["Support Commitments", "Outside Hours"]


def test_a_pipe_only_line_before_the_separator_is_not_a_table(tmp_path):
    """A saved web table can leave a lone '|' above its '|---|' row: no cells, so no table, and no crash."""
    text = "Severity levels\n\n|\n|---|---|\n\nLevel 1 is answered within 2 hours.\n"
    doc = load_document(write(tmp_path, "levels.txt", text))
    assert not [b for b in doc.blocks if b.kind == "table_row"]
    assert any(b.text == "Level 1 is answered within 2 hours." for b in doc.blocks)


def test_list_items_that_line_up_by_chance_are_no_table(tmp_path):
    """Short list items of two sentences set two spaces apart can start their second sentences
    at the same column; they stay list items, each with its own level (found in blind sample 9)."""
    path = tmp_path / "levels.md"
    path.write_text(
        "## Targets\n\n"
        "* Level 1 - Answer within 1 business hour.  Give a workaround within one business day.\n"
        "* Level 2 - Answer within 3 business hours.  Give a workaround within 4 business days.\n"
        "* Level 3 - Answer within 1 business day.  Give a fix in the next release.\n", encoding="utf-8")
    doc = load_document(path)
    assert not doc.tables
    assert [b.kind for b in doc.blocks if b.text.startswith("* Level")] == ["list_item"] * 3


def test_columns_set_with_spaces_still_make_a_table(tmp_path):
    path = tmp_path / "aligned.txt"
    path.write_text("Level       Answer      Fix\n"
                    "Level 1     1 hour      4 hours\n"
                    "Level 2     3 hours     2 days\n", encoding="utf-8")
    doc = load_document(path)
    assert doc.tables and doc.tables[0].rows[-1] == ("Level 2", "3 hours", "2 days")
