"""Sections, hyphenation and layout rules on hand-made inputs (no files needed)."""
from __future__ import annotations

import pytest

from sla_check.ingest.layout import find_gutter, remove_running_lines
from sla_check.ingest.model import Char, Line, PageContent, RawBlock, RawTable
from sla_check.ingest.sections import assign
from sla_check.ingest.textnorm import Dehyphenator, clean


def sections_of(*texts: str) -> list[tuple[str, str | None]]:
    blocks = [RawBlock(text=t, page=1, kind="table", table=RawTable(rows=[["a", "b"]])) if t == "<table>" else RawBlock(text=t, page=1) for t in texts]
    return [(a.kind, a.section) for a in assign(blocks)]


# fmt: off
@pytest.mark.parametrize("left,right,joined", [
    ("the service avail-", "ability is measured", "the service availability is measured"),
    ("uses third-", "party software", "uses third-party software"),
    ("a 24-", "hour helpdesk", "a 24-hour helpdesk"),
    ("self-", "service portal", "self-service portal"),
    ("the follow-", "ing day", "the following day"),
    ("Microsoft-", "Azure", "Microsoft-Azure"),
    ("Priority 1 -", "Critical", "Priority 1 - Critical"),
    ("plain line", "next line", "plain line next line"),
])
# fmt: on
def test_line_joins(left, right, joined):
    assert Dehyphenator().join(left, right) == joined


def test_document_words_decide_ambiguous_hyphens():
    assert Dehyphenator(["a non-standard request"]).join("the non-", "standard way") == "the non-standard way"
    assert Dehyphenator(["the outage lasted"]).join("an out-", "age occurred") == "an outage occurred"


def test_cell_lines_join_words_a_narrow_column_broke():
    dh = Dehyphenator(["Response and Resolution"])
    assert dh.join_cell("Respons", "e") == "Response"
    assert dh.join_cell("4 working", "hours") == "4 working hours"


def test_clean_normalises_ligatures_quotes_and_spaces():
    assert clean("\ufb01nancial \u201cquote\u201d\u00a0and\u2009the \ufb02oor\u00ad") == 'financial "quote" and the floor'


def test_numbered_clauses_and_subclauses():
    assert sections_of(
        "4. Service Levels",
        "4.1 The Supplier shall meet the targets below.",
        "(a) Priority 1 within 15 minutes;",
        "(b) Priority 2 within 1 hour; and",
        "(i) updates every hour;",
        "(c) Priority 3 within 4 hours.",
        "The targets apply in Business Hours.",
        "4.2 Credits apply.",
    ) == [
        ("heading", "4"),
        ("para", "4.1"),
        ("list_item", "4.1(a)"),
        ("list_item", "4.1(b)"),
        ("list_item", "4.1(b)(i)"),
        ("list_item", "4.1(c)"),
        ("para", "4.1"),
        ("para", "4.2"),
    ]


def test_letter_i_after_h_is_a_letter_not_roman():
    got = sections_of("7.1 Exclusions are:", *[f"({c}) item {c};" for c in "abcdefgh"], "(i) item i.")
    assert got[-1] == ("list_item", "7.1(i)")


def test_divisions_restart_numbering_and_headings_label_blocks():
    assert sections_of(
        "12. General",
        "12.1 This Agreement is governed by English law.",
        "Schedule 2 - Service Levels",
        "1. Availability",
        "1.1 The Service will be available 99.9% of each month.",
        "Clause 7 Termination",
        "Either party may terminate on notice.",
        "Annex A",
        "A.1 One file server.",
        "Exclusions",
        "Credits are not payable for customer-caused faults.",
    ) == [
        ("heading", "12"),
        ("para", "12.1"),
        ("heading", "Schedule 2 - Service Levels"),
        ("heading", "1"),
        ("para", "1.1"),
        ("heading", "Clause 7 Termination"),
        ("para", "Clause 7 Termination"),
        ("heading", "Annex A"),
        ("para", "A.1"),
        ("heading", "Exclusions"),
        ("para", "Exclusions"),
    ]


def test_numbers_that_are_not_clauses():
    got = sections_of(
        "3. Support",
        "3.1 Incidents are prioritised as follows.",
        "24 hours a day support is available for Priority 1.",
        "2 Business Days is the target for Priority 3.",
        "P1 Critical incidents are worked around the clock.",
    )
    assert [s for _, s in got[2:]] == ["3.1", "3.1", "3.1"]


def test_caption_above_a_table_is_not_a_section():
    got = sections_of("5.2 Credits are calculated as follows.", "Table 3 - Service Credits", "<table>", "5.3 Credits are capped.")
    assert got == [("para", "5.2"), ("para", "5.2"), ("table", "5.2"), ("para", "5.3")]


def test_a_letters_date_line_is_neither_a_clause_nor_a_heading():
    got = sections_of(
        "Our Terms",
        "3 March 2025",
        "We write to set out how we will look after your laptops.",
        "June 4, 2025",
        "2 Months of notice end the arrangement.",
        "4 May Requests are logged by telephone.",
    )
    assert [s for _, s in got] == ["Our Terms", "Our Terms", "Our Terms", "Our Terms", "2", "4"]


def test_lettered_item_with_a_run_in_title_is_its_own_section():
    got = sections_of(
        "Terms Used",
        "a) Outage Minutes. \u201cOutage Minutes\u201d counts every minute the portal cannot be reached.",
        "b) Fix Time. The time from the ticket being logged until the portal works again.",
        "c) the customer may ask for a report each quarter.",
        "(d) Credit. A reduction of the next invoice.",
        "Other wording under the heading.",
    )
    assert got == [("heading", "Terms Used"), ("list_item", "Outage Minutes"), ("list_item", "Fix Time"),
                   ("list_item", "Terms Used"), ("list_item", "Credit"), ("para", "Terms Used")]


def test_run_in_title_under_a_numbered_clause_keeps_the_clause_number():
    got = sections_of("7.3 The following terms apply to support.", "(a) Fix Time. The time until the portal works again.")
    assert got[1] == ("list_item", "7.3(a)")


def _line(text: str, top: float) -> Line:
    return Line(text=text, x0=72, x1=72 + 5 * len(text), top=top, bottom=top + 10, size=10, baseline=top + 8)


def test_running_headers_footers_and_page_numbers_removed():
    pages = []
    for n in range(1, 5):
        items = [
            _line("Acme Ltd - Master Services Agreement", 30),
            _line(f"{n}.1 Body text that differs on every page number {n}.", 100),
            _line("Body text that is the same on every page but sits mid-page.", 400),
            _line(f"Page {n} of 4", 810),
        ]
        pages.append(PageContent(number=n, width=595, height=842, items=items))
    assert remove_running_lines(pages) == 8
    assert all(len(p.items) == 2 for p in pages)


def test_single_page_keeps_its_title_but_drops_the_page_number():
    page = PageContent(number=1, width=595, height=842, items=[_line("Service Level Agreement", 30), _line("Body.", 100), _line("- 1 -", 810)])
    remove_running_lines([page])
    assert [i.text for i in page.items] == ["Service Level Agreement", "Body."]


def _row(text: str, x: float, top: float) -> list[Char]:
    return [Char(ch, x + 5 * i, top, x + 5 * i + 5, top + 10) for i, ch in enumerate(text)]


def test_gutter_found_between_two_text_columns():
    rows = [_row("w" * 40, 72, 100 + 14 * k) + _row("w" * 40, 320, 100 + 14 * k) for k in range(10)]
    assert find_gutter(rows, 595) is not None


def test_label_and_value_layout_is_not_two_columns():
    rows = [_row("Term", 72, 100 + 14 * k) + _row("w" * 50, 250, 100 + 14 * k) for k in range(10)]
    assert find_gutter(rows, 595) is None


def test_numbered_items_after_a_lead_in_are_a_list_not_clauses():
    """A PDF does not say that "1." opens a list item: after a lead-in ending with a colon,
    "1. The desk answers ..." and the items numbered on from it belong to the section they
    sit in; a second list restarting at 1 is a list too. A contract's own clauses after
    "agree as follows:" ("1. DEFINITIONS.", "2. Term. This ...") still number sections."""
    assert sections_of(
        "Gold Plan", "Faults that stop the service:", "1. The desk answers within 15 minutes of the call;",
        "2. An engineer works on the fault around the clock;", "Minor faults:",
        "1. The desk answers within one working day.", "Ordinary text follows.",
    ) == [("heading", "Gold Plan"), ("para", "Gold Plan"), ("list_item", "Gold Plan"), ("list_item", "Gold Plan"),
          ("para", "Gold Plan"), ("list_item", "Gold Plan"), ("para", "Gold Plan")]
    kinds = sections_of("The parties agree as follows:", "1. DEFINITIONS. Words in capitals have these meanings.",
                        "2. Term. This Agreement runs for three years.")
    assert kinds[1:] == [("para", "1"), ("para", "2")]


def test_a_label_repeated_under_each_heading_is_no_section():
    """"Target Action" printed in body type under every severity is a label of the layout: the
    severity above stays the section of the time below it. The document's title stays a
    heading even when its running header repeats it."""
    got = sections_of(
        "Hosting Terms", "Critical Faults", "The service is down for every user.", "Target Action",
        "Answer within 30 minutes.", "Minor Faults", "One user has a cosmetic problem.", "Target Action:",
        "Answer within two working days.", "Hosting Terms",
    )
    assert got[:9] == [("heading", "Hosting Terms"), ("heading", "Critical Faults"), ("para", "Critical Faults"),
                       ("para", "Critical Faults"), ("para", "Critical Faults"), ("heading", "Minor Faults"),
                       ("para", "Minor Faults"), ("para", "Minor Faults"), ("para", "Minor Faults")]


def test_a_sentence_case_line_alone_between_paragraphs_is_a_heading():
    """Plain-text SLAs often head a part in sentence case ("Fix times"); the part's sentences take it
    as their section. Short lines in a run (a flattened table's cells) stay cells."""
    got = sections_of(
        "Our Commitments",
        "We keep the booking portal running for our customers at all times.",
        "Fix times",
        "Urgent faults are mended within six hours of the call.",
        "Severity one",
        "Within two hours",
        "Within a day",
    )
    assert [s for _, s in got] == ["Our Commitments", "Our Commitments", "Fix times", "Fix times",
                                   "Fix times", "Fix times", "Fix times"]
    assert got[2][0] == "heading" and got[4][0] == "para"


def test_contents_entry_check_answers_as_its_pattern():
    """is_contents_entry looks for a leader before trying CONTENTS_ENTRY: the same answers."""
    from sla_check.ingest.sections import CONTENTS_ENTRY, is_contents_entry

    lines = ["5. Exclusions ........ 12", "Schedule 2 . . . . . . IV", "Annex B\u2026\u2026\u2026 xii", "Credits ____ 7",
             "Credits .... .7", "Our fees are set out in Schedule 3.", "Wait... then 4", "Support . . 3",
             "Note \u2026 9", "Signature: ___ 2", "Contents ........ page", ""]
    answers = [is_contents_entry(t) for t in lines]
    assert answers == [bool(CONTENTS_ENTRY.search(t)) for t in lines]
    assert answers[:5] == [True] * 5 and not any(answers[5:])


def test_a_number_before_a_unit_of_time_is_a_quantity_not_a_clause_number():
    """A title that opens with a length of time ("24 Hour Help Line", "48 Hours Notice") names a
    service or a notice, not clause 24 or 48; a real clause title ("3 Holiday Cover") keeps its number."""
    assert sections_of(
        "24 Hour Help Line",
        "Calls are taken at any time of day.",
        "3 Holiday Cover",
        "Cover on public holidays is by arrangement.",
        "48 Hours Notice",
        "Works are announced in advance.",
    ) == [
        ("heading", "24 Hour Help Line"),
        ("para", "24 Hour Help Line"),
        ("heading", "3"),
        ("para", "3"),
        ("heading", "48 Hours Notice"),
        ("para", "48 Hours Notice"),
    ]
