"""Word documents as vendors send them: clauses inside content controls, redlines with tracked
changes, headings and clauses numbered by Word itself, text boxes, and rows aligned with tabs.
python-docx's plain paragraph text sees none of these; each was silently lost or unnumbered."""
from __future__ import annotations

from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from sla_check.ingest import load_document
from sla_check.pipeline import Options, extract_file

W = nsdecls("w")


def _append(d: docx.document.Document, xml: str) -> None:
    """Append raw WordprocessingML before the section properties at the end of the body."""
    body = d.element.body
    body.insert(len(body) - 1, parse_xml(xml))


def _numbered_headings(d: docx.document.Document) -> None:
    """A multilevel list tied to the Heading 1 and Heading 2 styles, as contract templates have:
    the clause numbers are drawn by Word and are not in the paragraphs' text."""
    numbering = d.part.numbering_part.element
    numbering.insert(0, parse_xml(
        f'<w:abstractNum {W} w:abstractNumId="70"><w:multiLevelType w:val="multilevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:pStyle w:val="Heading1"/><w:lvlText w:val="%1."/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:pStyle w:val="Heading2"/><w:lvlText w:val="%1.%2"/></w:lvl>'
        '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%3)"/></w:lvl>'
        '</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {W} w:numId="70"><w:abstractNumId w:val="70"/></w:num>'))
    for style, level in (("Heading 1", 0), ("Heading 2", 1)):
        d.styles[style].element.get_or_add_pPr().append(
            parse_xml(f'<w:numPr {W}><w:ilvl w:val="{level}"/><w:numId w:val="70"/></w:numPr>'))


def _item(d: docx.document.Document, text: str, level: int = 2) -> None:
    """A paragraph numbered by the list directly (its own numPr), at a lettered level."""
    p = d.add_paragraph(text)
    p._p.get_or_add_pPr().append(parse_xml(f'<w:numPr {W}><w:ilvl w:val="{level}"/><w:numId w:val="70"/></w:numPr>'))


def test_clause_numbers_word_draws_become_the_sections(tmp_path: Path) -> None:
    d = docx.Document()
    _numbered_headings(d)
    d.add_heading("Scope", 1)
    d.add_paragraph("These terms cover the hosted platform.")
    d.add_heading("Availability", 1)
    _item(d, "Availability is measured as follows:", 1)
    _item(d, "the platform is measured from the provider's edge;")
    _item(d, "a minute counts as down when no request succeeds.")
    _item(d, "Support is given as follows:", 1)
    _item(d, "tickets are taken by email.")  # the lettered level starts again under a new clause
    path = tmp_path / "numbered.docx"
    d.save(path)
    doc = load_document(path)
    texts = [b.text for b in doc.blocks]
    assert "2. Availability" in texts and "2.1 Availability is measured as follows:" in texts
    # a paragraph Word numbers is a clause, as if the number were typed: the lettered level starts
    # again under 2.2
    assert [s.number for s in doc.sections if s.number] == ["1", "2", "2.1", "2.1(a)", "2.1(b)", "2.2", "2.2(a)"]
    assert next(b for b in doc.blocks if b.text.startswith("(b) a minute")).section == "2.1(b)"


def test_clauses_inside_content_controls_are_read(tmp_path: Path) -> None:
    """Templates wrap clauses (and table cells) in content controls; their text must not vanish."""
    d = docx.Document()
    d.add_heading("Incident Handling", 1)
    _append(d, f'<w:sdt {W}><w:sdtPr><w:alias w:val="Priority one"/></w:sdtPr><w:sdtContent>'
               '<w:p><w:r><w:t>We will respond to a Priority 1 incident within 20 minutes, at any hour of any day.</w:t></w:r></w:p>'
               '</w:sdtContent></w:sdt>')
    table = d.add_table(rows=3, cols=3)
    for r, row in enumerate([["Priority", "Response", "Resolution"], ["Priority 1", "20 minutes", "3 hours"],
                             ["Priority 2", "1 hour", ""]]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    cell = table.cell(2, 2)._tc
    cell.remove(cell.find(f"{{{cell.nsmap['w']}}}p"))
    cell.append(parse_xml(f'<w:sdt {W}><w:sdtContent><w:p><w:r><w:t>2 business days</w:t></w:r></w:p></w:sdtContent></w:sdt>'))
    cell.append(parse_xml(f'<w:p {W}/>'))
    path = tmp_path / "controls.docx"
    d.save(path)
    doc = load_document(path)
    assert any(b.text.startswith("We will respond to a Priority 1 incident within 20 minutes") for b in doc.blocks)
    assert doc.tables[0].rows[-1] == ("Priority 2", "1 hour", "2 business days")
    result = extract_file(path, Options())
    assert result.terms is not None
    times = {(t.severity_level, t.kind, t.minutes, t.basis) for t in result.terms.response_times}
    assert (1, "response", 20, "unspecified") in times  # the clause in the control
    assert (2, "resolution", 2 * 8 * 60, "business") in times  # the cell in the control


def test_a_redline_is_read_as_accepted_and_says_so(tmp_path: Path) -> None:
    """Vendors answer with tracked changes: the inserted wording is the offer, the struck-out
    wording is not, and the reader is told the file was read that way."""
    d = docx.Document()
    d.add_heading("Availability", 1)
    p = d.add_paragraph("The Provider shall make the Service available ")
    p._p.append(parse_xml(f'<w:del {W} w:id="1" w:author="Vendor" w:date="2026-01-01T00:00:00Z"><w:r>'
                          '<w:delText xml:space="preserve">99.99% of each month.</w:delText></w:r></w:del>'))
    p._p.append(parse_xml(f'<w:ins {W} w:id="2" w:author="Vendor" w:date="2026-01-01T00:00:00Z"><w:r>'
                          '<w:t xml:space="preserve">99.5% of each calendar month.</w:t></w:r></w:ins>'))
    path = tmp_path / "redline.docx"
    d.save(path)
    result = extract_file(path, Options())
    assert result.terms is not None
    assert [u.percent for u in result.terms.uptime] == [99.5]
    assert [w.code for w in result.warnings] == ["tracked_changes"]
    assert "accepted" in result.warnings[0].message


def test_text_boxes_are_read_once(tmp_path: Path) -> None:
    """A call-out box is stored twice (the drawing and its fallback); its text is read once."""
    d = docx.Document()
    d.add_paragraph("Service summary")
    box = ('<w:txbxContent><w:p><w:r><w:t>Support desk open 08:00 to 18:00 on working days.</w:t></w:r></w:p></w:txbxContent>')
    d.paragraphs[0]._p.append(parse_xml(
        f'<w:r {W} xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        '<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx>' + box + '</wps:txbx></w:drawing></mc:Choice>'
        '<mc:Fallback><w:pict><v:textbox>' + box + '</v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r>'))
    path = tmp_path / "box.docx"
    d.save(path)
    texts = [b.text for b in load_document(path).blocks]
    assert texts.count("Support desk open 08:00 to 18:00 on working days.") == 1
    assert "Service summary" in texts


def test_rows_aligned_with_tabs_are_a_table(tmp_path: Path) -> None:
    """Many Word SLAs set their targets as lines with tab stops rather than a table."""
    d = docx.Document()
    d.add_heading("Targets", 1)
    for line in ("Severity\tResponse\tRestore", "Severity 1\t30 minutes\t4 hours", "Severity 2\t2 hours\t1 day"):
        d.add_paragraph(line)
    d.add_paragraph("Targets are measured each month.")
    path = tmp_path / "tabbed.docx"
    d.save(path)
    doc = load_document(path)
    assert len(doc.tables) == 1
    assert doc.tables[0].header == ("Severity", "Response", "Restore")
    assert doc.tables[0].rows[0] == ("Severity 1", "30 minutes", "4 hours")
    assert any(b.text == "Targets are measured each month." and b.kind == "para" for b in doc.blocks)
    result = extract_file(path, Options())
    assert result.terms is not None
    assert {(t.severity_level, t.kind, t.minutes) for t in result.terms.response_times} >= {(1, "response", 30), (1, "resolution", 240)}


def test_odd_numbering_definitions_never_stop_the_read(tmp_path: Path) -> None:
    """Styles based on each other in a loop, a list level naming a level that is not defined, a
    list id with no definition: the text is read, with whatever numbers can be drawn."""
    d = docx.Document()
    numbering = d.part.numbering_part.element
    numbering.insert(0, parse_xml(
        f'<w:abstractNum {W} w:abstractNumId="71"><w:lvl w:ilvl="0"><w:numFmt w:val="upperRoman"/>'
        '<w:lvlText w:val="%1.%4"/></w:lvl></w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {W} w:numId="71"><w:abstractNumId w:val="71"/></w:num>'))
    styles = d.styles.element
    for sid, base in (("LoopA", "LoopB"), ("LoopB", "LoopA")):
        styles.append(parse_xml(f'<w:style {W} w:type="paragraph" w:styleId="{sid}"><w:name w:val="{sid}"/>'
                                f'<w:basedOn w:val="{base}"/></w:style>'))
    p = d.add_paragraph("Scope of the service.")
    p._p.get_or_add_pPr().append(parse_xml(f'<w:numPr {W}><w:ilvl w:val="0"/><w:numId w:val="71"/></w:numPr>'))
    q = d.add_paragraph("A clause in a looping style.")
    q._p.get_or_add_pPr().append(parse_xml(f'<w:pStyle {W} w:val="LoopA"/>'))
    r = d.add_paragraph("A clause of a list nobody defined.")
    r._p.get_or_add_pPr().append(parse_xml(f'<w:numPr {W}><w:ilvl w:val="3"/><w:numId w:val="99"/></w:numPr>'))
    path = tmp_path / "odd.docx"
    d.save(path)
    texts = [b.text for b in load_document(path).blocks]
    assert texts == ["I.1 Scope of the service.", "A clause in a looping style.", "A clause of a list nobody defined."]
