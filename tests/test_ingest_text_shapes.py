"""Saved web pages whose table structure the text lost (issue 12, stop 24): each shape read through the
real text reader, in our own words."""
from __future__ import annotations

from typing import Any

import written

from sla_check.ingest import load_document


def write(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_rows_typed_as_title_case_lines_are_not_headings(tmp_path):
    # a level and its time per line with no header line above them: the Title Case rows ("Rush 2 Hours")
    # are cells of a table, not a run of one-line sections
    text = (
        "Help Desk Promise\n\n"
        "Every call gets a level when it is logged.\n\n"
        "Urgent 2 Hours\n"
        "High 6 Hours\n"
        "Medium 2 Days\n\n"
        "Levels can be raised by calling the desk.\n"
    )
    doc = load_document(write(tmp_path, "promise.txt", text))
    by_text = {b.text: b for b in doc.blocks}
    assert [s.title for s in doc.sections] == ["Help Desk Promise"]
    for row in ("Urgent 2 Hours", "High 6 Hours", "Medium 2 Days"):
        assert by_text[row].kind == "para" and by_text[row].section == "Help Desk Promise"
    assert by_text["Levels can be raised by calling the desk."].section == "Help Desk Promise"



def _tables(doc):
    return [[list(t.header)] + [list(r) for r in t.rows] for t in doc.tables]


def test_two_pipe_tables_stacked_with_no_blank_line_stay_two_tables(tmp_path):
    # a saved page puts its level definitions and its plan targets one under the other; each keeps
    # its own '---|' line under its header, which is where the second table starts
    text = (
        "Level | Meaning |\n"
        "---|---|\n"
        "1 | Nobody can sign in. |\n"
        "2 | Sign-in is slow for some staff. |\n"
        "Plan | Answer time | Fix time | Hours |\n"
        "---|---|---|---|\n"
        "Level 1 | 1 hour | 6 hours | 24x7 |\n"
        "Level 2 | 3 hours | 2 days | Weekdays |\n"
    )
    for name in ("stacked.txt", "stacked.md"):
        doc = load_document(write(tmp_path, name, text))
        assert _tables(doc) == [
            [["Level", "Meaning"], ["1", "Nobody can sign in."], ["2", "Sign-in is slow for some staff."]],
            [["Plan", "Answer time", "Fix time", "Hours"], ["Level 1", "1 hour", "6 hours", "24x7"],
             ["Level 2", "3 hours", "2 days", "Weekdays"]],
        ]
    # the same tables with a pipe opening every line go through the row reader: the same two tables
    opened = "\n".join("| " + line if line else line for line in text.split("\n"))
    doc = load_document(write(tmp_path, "opened.txt", opened))
    assert len(doc.tables) == 2 and [len(t.header) for t in doc.tables] == [2, 4]


NUMBERED_ROWS = (
    "Desk Targets\n\n"
    "Each ticket is given a level by the desk when it arrives.\n"
    "Level Name Target Fix\n"
    "1 Severe 2 hours\n"
    "2 Serious 6 hours\n"
    "3 Minor 3 days\n\n"
    "Targets are reviewed every year.\n"
)


def test_numbered_rows_typed_as_lines_under_a_header_are_rows_not_clauses(tmp_path):
    # "1 Severe 2 hours": a row whose first cell is the level's number, not clause 1 of the document;
    # its header line sits right under the text above it and opens a block of its own
    doc = load_document(write(tmp_path, "desk.txt", NUMBERED_ROWS))
    by_text = {b.text: b for b in doc.blocks}
    assert [s.title for s in doc.sections] == ["Desk Targets"]
    assert by_text["Level Name Target Fix"].kind == "para"
    assert all(by_text[row].section == "Desk Targets" for row in ("1 Severe 2 hours", "2 Serious 6 hours", "3 Minor 3 days"))


def test_numbered_rows_take_their_kind_from_the_header_line(tmp_path, nlp: Any):
    # end to end: the rows stay under the header line whose "Target Fix" makes every time a resolution
    got = written.terms_from(tmp_path, nlp, NUMBERED_ROWS, "desk2.txt")
    assert {(t.severity_level, t.kind, t.minutes) for t in got.response_times} == {
        (1, "resolution", 120), (2, "resolution", 360), (3, "resolution", 4320)}


ASCIIDOC = (
    "= Help desk terms\n\n"
    "Targets by level:\n\n"
    "[cols=\"1,2,1,1\", options=\"header\"]\n"
    "|===\n"
    "| Level\n"
    "| When it applies\n"
    "| First reply\n"
    "| Fix\n\n"
    "| Severe\n"
    "|* Nobody can sign in.\n"
    "* Orders stop.\n"
    "| 30 minutes\n"
    "| 5 hours\n\n"
    "| Moderate\n"
    "| One team is slowed down.\n"
    "| 4 hours | 3 days\n"
    "|===\n\n"
    "|===\n"
    "| Plan | Hours\n\n"
    "| Basic | 9x5\n"
    "| Plus | 24x7\n"
    "|===\n"
)


def test_asciidoc_tables_keep_their_cells_and_rows(tmp_path):
    # cells on lines of their own (column count from the cols line, header from its options), a cell
    # running on over a list, two cells on one line; then a table whose first line is its whole
    # header row with a blank line after it (AsciiDoc's implicit header)
    doc = load_document(write(tmp_path, "terms.md", ASCIIDOC))
    assert _tables(doc) == [
        [["Level", "When it applies", "First reply", "Fix"],
         ["Severe", "* Nobody can sign in. * Orders stop.", "30 minutes", "5 hours"],
         ["Moderate", "One team is slowed down.", "4 hours", "3 days"]],
        [["Plan", "Hours"], ["Basic", "9x5"], ["Plus", "24x7"]],
    ]
    assert not any("cols=" in b.text or b.text.startswith("|") for b in doc.blocks)


def test_asciidoc_table_rows_give_each_level_its_times(tmp_path, nlp: Any):
    got = written.terms_from(tmp_path, nlp, ASCIIDOC, "terms2.md")
    found = {(t.severity_level, t.kind, t.minutes) for t in got.response_times}
    assert {(1, "response", 30), (1, "resolution", 300), (2, "response", 240), (2, "resolution", 4320)} <= found


def test_an_asciidoc_table_left_open_stays_text(tmp_path):
    text = "Levels\n\n|===\n| Severe | 1 hour\n\nThe page was cut off here.\n"
    doc = load_document(write(tmp_path, "cut.md", text))
    # no AsciiDoc table: the delimiter stays a line of text, the pipe row is read as any pipe row is
    texts = [b.text for b in doc.blocks]
    assert "|===" in texts and "The page was cut off here." in texts
    assert _tables(doc) == [[[], ["Severe", "1 hour"]]]


# a header over two rows: "Response time" spans an office-hours and an evening column, the level and
# "Fix" span both rows, so the second header row starts under the corner; every row padded with pipes
TWO_ROW_HEADER = (
    "Targets\n\n"
    "Level | Response time | Fix | |\n"
    "---|---|---|---|\n"
    "Office hours | Evenings | ||\n"
    "Level 1 | 20 minutes | 2 hours | 6 hours |\n"
    "Level 2 | 1 hour | 4 hours | 2 days |\n"
)


def test_a_second_header_row_under_one_group_joins_the_header(tmp_path):
    doc = load_document(write(tmp_path, "two.txt", TWO_ROW_HEADER))
    assert _tables(doc) == [[
        ["Level", "Response time Office hours", "Response time Evenings", "Fix"],
        ["Level 1", "20 minutes", "2 hours", "6 hours"],
        ["Level 2", "1 hour", "4 hours", "2 days"],
    ]]
    # the same table with each row opened by a pipe goes through the row reader: the same header
    opened = "\n".join("| " + line if "|" in line else line for line in TWO_ROW_HEADER.split("\n"))
    assert _tables(load_document(write(tmp_path, "two-opened.txt", opened)))[0][0] == \
        ["Level", "Response time Office hours", "Response time Evenings", "Fix"]


def test_a_second_header_row_gives_the_group_its_columns_times(tmp_path, nlp: Any):
    got = written.terms_from(tmp_path, nlp, TWO_ROW_HEADER, "two2.txt")
    found = {(t.severity_level, t.kind, t.minutes) for t in got.response_times}
    assert {(1, "response", 20), (1, "response", 120), (1, "resolution", 360), (2, "resolution", 2880)} <= found
    assert (1, "resolution", 120) not in found  # the evening answer is no fix time


def test_plan_groups_over_their_kinds_are_left_for_the_plan_reader(tmp_path):
    # two plans each over the same kinds: several groups, left as read (the plan reader reads them)
    text = (
        "Level | Basic plan | Plus plan | ||\n"
        "---|---|---|---|---|\n"
        "Answer | Fix | Answer | Fix | |\n"
        "Level 1 | 2 hours | 1 day | 30 minutes | 8 hours |\n"
        "Level 2 | 4 hours | 3 days | 2 hours | 1 day |\n"
    )
    rows = _tables(load_document(write(tmp_path, "plans.txt", text)))[0]
    assert rows[0][:3] == ["Level", "Basic plan", "Plus plan"] and rows[1][:2] == ["Answer", "Fix"]


# a web table saved one cell per line whose first column spans rows: the ticket type is given once,
# before the first level of its group, so the later rows of the group start with their level
SPANNED_FIRST_COLUMN = (
    "Targets by kind of ticket\n\n"
    "Kind\nLevel\nResponse\nFix\n"
    "Fault\nSevere\n20 minutes\n5 hours\n"
    "Serious\n2 hours\n1 day\n"
    "Minor\n6 hours\n4 days\n"
    "Change\nLow\n2 days\n10 days\n\n"
    "All times are measured from the ticket's creation.\n"
)


def test_a_first_column_spanning_rows_is_filled_down(tmp_path):
    doc = load_document(write(tmp_path, "kinds.txt", SPANNED_FIRST_COLUMN))
    assert _tables(doc) == [[
        ["Kind", "Level", "Response", "Fix"],
        ["Fault", "Severe", "20 minutes", "5 hours"],
        ["Fault", "Serious", "2 hours", "1 day"],
        ["Fault", "Minor", "6 hours", "4 days"],
        ["Change", "Low", "2 days", "10 days"],
    ]]


def test_a_spanned_first_column_keeps_each_time_under_its_kind(tmp_path, nlp: Any):
    # before, the group's label was read as the last column name: the response under "Fix"
    got = written.terms_from(tmp_path, nlp, SPANNED_FIRST_COLUMN, "kinds2.txt")
    found = {(t.severity_level, t.kind, t.minutes) for t in got.response_times}
    assert {(1, "response", 20), (1, "resolution", 300)} <= found
    assert (1, "resolution", 20) not in found


def test_one_group_label_alone_does_not_make_a_spanned_column(tmp_path):
    # with a single group nothing shows the label spans rows: the table is read as before
    text = SPANNED_FIRST_COLUMN.replace("Change\nLow\n2 days\n10 days\n", "")
    assert all(len(t.header) == 3 for t in load_document(write(tmp_path, "one.txt", text)).tables)


NUMBERED_CELLS = (
    "Answer times\n\n"
    "Priority\nWhat is affected\nResponse\nResolution\n"
    "1\nThe whole office\n30 minutes\n4 hours\n"
    "2\nA team\n2 hours\n1 day\n"
    "3\nOne person\n1 day\n3 days\n\n"
    "Times run from the call being logged.\n"
)


def test_cell_per_line_rows_whose_levels_are_numbers_only(tmp_path, nlp: Any):
    # the levels are bare numbers counting up under a column named for levels ("Priority")
    doc = load_document(write(tmp_path, "numbers.txt", NUMBERED_CELLS))
    assert _tables(doc) == [[
        ["Priority", "What is affected", "Response", "Resolution"],
        ["1", "The whole office", "30 minutes", "4 hours"],
        ["2", "A team", "2 hours", "1 day"],
        ["3", "One person", "1 day", "3 days"],
    ]]
    got = written.terms_from(tmp_path, nlp, NUMBERED_CELLS, "numbers2.txt")
    assert {(1, "response", 30), (1, "resolution", 240), (3, "resolution", 4320)} <= \
        {(t.severity_level, t.kind, t.minutes) for t in got.response_times}


def test_bare_numbers_under_lines_that_name_no_levels_are_no_table(tmp_path):
    # the lines before the numbers are a heading and a note, not column names for levels
    text = NUMBERED_CELLS.replace("Priority\nWhat is affected\nResponse\nResolution\n", "Our Desk\nOpen weekdays\n")
    assert not load_document(write(tmp_path, "plain.txt", text)).tables
    # numbers that do not count up from 1 are values, not levels
    text = NUMBERED_CELLS.replace("2\nA team", "5\nA team")
    assert not load_document(write(tmp_path, "skip.txt", text)).tables


# a page's text that ran each row's cells together: the breaks show where a cell's last letter meets
# the next cell's capital or figure
GLUED = (
    "Support Times\n\n"
    "Ticket LevelWhat It MeansFirst Response\n"
    "SevereNo one can reach the portalWithin 45 minutes\n"
    "ModerateTwo users cannot print3 hours\n"
    "MinorOne report runs slowlyWithin 2 days\n\n"
    "Monthly UptimeCredit\n"
    "Below 99.8%10%\n"
    "Below 98.5%30%\n"
)


def test_a_table_whose_cells_ran_together_is_read_back(tmp_path, nlp: Any):
    doc = load_document(write(tmp_path, "glued.txt", GLUED))
    assert _tables(doc) == [
        [["Ticket Level", "What It Means", "First Response"],
         ["Severe", "No one can reach the portal", "Within 45 minutes"],
         ["Moderate", "Two users cannot print", "3 hours"],
         ["Minor", "One report runs slowly", "Within 2 days"]],
        [["Monthly Uptime", "Credit"], ["Below 99.8%", "10%"], ["Below 98.5%", "30%"]],
    ]
    got = written.terms_from(tmp_path, nlp, GLUED, "glued2.txt")
    assert {(1, "response", 45), (2, "response", 180)} <= {(t.severity_level, t.kind, t.minutes) for t in got.response_times}


# rows whose breaks meet no capital: a description's full stop runs into the lower-case time after it,
# and one time's unit runs into the next time's lead words
GLUED_LOWER = (
    "Support Times\n\n"
    "Ticket LevelWhat It MeansFirst ResponseFix Target\n"
    "1Severe: no one can reach the portal.within 45 minutesup to 6 hours\n"
    "2Moderate: two users cannot print.within 3 hoursup to 2 days\n"
)


def test_glued_rows_whose_breaks_meet_no_capital_are_read_back(tmp_path, nlp: Any):
    doc = load_document(write(tmp_path, "lower.txt", GLUED_LOWER))
    assert _tables(doc) == [
        [["Ticket Level", "What It Means", "First Response", "Fix Target"],
         ["1", "Severe: no one can reach the portal.", "within 45 minutes", "up to 6 hours"],
         ["2", "Moderate: two users cannot print.", "within 3 hours", "up to 2 days"]],
    ]
    got = written.terms_from(tmp_path, nlp, GLUED_LOWER, "lower2.txt")
    assert {(1, "response", 45), (1, "resolution", 360), (2, "response", 180)} <= {
        (t.severity_level, t.kind, t.minutes) for t in got.response_times}


def test_a_full_stop_run_into_words_with_no_time_is_no_break(tmp_path):
    # a dotted web address before a time inside a glued row is no cell break: the row splits unlike
    # its header, so there is no table
    text = (
        "Ticket LevelWhat It MeansFirst Response\n"
        "SevereMail desk.help.example.org within 1 hour\n"
    )
    assert not load_document(write(tmp_path, "addr.txt", text)).tables
    from sla_check.ingest.glued import split_cells
    assert split_cells("SevereMail desk.help.example.org within 1 hour") == [
        "Severe", "Mail desk.help.example.org within 1 hour"]


def test_glued_words_without_rows_that_split_alike_stay_text(tmp_path):
    # a title run into its first sentence, and a glued-looking name over ordinary sentences: no table
    text = (
        "Service HoursOur desk is open on weekdays.\n\n"
        "Our WordPress Care\n"
        "We answer within 4 hours on weekdays.\n"
        "Urgent faults are handled within 1 hour.\n"
    )
    doc = load_document(write(tmp_path, "prose.txt", text))
    assert not doc.tables
    assert "We answer within 4 hours on weekdays." in " ".join(b.text for b in doc.blocks)


def test_tab_separated_rows_are_a_table_and_tab_indented_lines_are_not(tmp_path, nlp: Any):
    text = (
        "Reply targets\n\n"
        "Level\tFirst reply\tFix\n"
        "Severe\t15 minutes\t4 hours\n"
        "Serious\t1 hour\t\n\n"
        "\tan indented line of a code sample\n"
        "\tand another\n"
    )
    doc = load_document(write(tmp_path, "tabs.txt", text))
    assert _tables(doc) == [[["Level", "First reply", "Fix"], ["Severe", "15 minutes", "4 hours"], ["Serious", "1 hour", ""]]]
    got = written.terms_from(tmp_path, nlp, text, "tabs2.txt")
    assert (1, "resolution", 240) in {(t.severity_level, t.kind, t.minutes) for t in got.response_times}


def test_a_glued_brand_name_over_a_page_run_into_one_line_is_no_table(tmp_path):
    # "WebLink" looks like two cells run together, but the line under it is a whole page, no row
    text = "Archive WebLink\n" + "a network outage across the whole site and every office, " * 8 + "with a callbackWithin 1 hour\n"
    assert not load_document(write(tmp_path, "page.txt", text)).tables


RST = (
    "Targets\n=======\n\n"
    "====== ============ ==========\n"
    "Level  First reply  Fix\n"
    "====== ============ ==========\n"
    "Severe 20 minutes   5 hours\n"
    "       (any hour)\n"
    "Minor  1 day        4 days\n"
    "====== ============ ==========\n\n"
    "+----------+--------------+\n"
    "| Plan     | First reply  |\n"
    "+==========+==============+\n"
    "| Basic    | 8 hours      |\n"
    "|          | (weekdays)   |\n"
    "+----------+--------------+\n"
    "| Plus     | 2 hours      |\n"
    "+----------+--------------+\n"
)


def test_restructuredtext_simple_and_grid_tables(tmp_path, nlp: Any):
    # a continuation line (blank first column) and a cell over two lines between borders stay one cell
    doc = load_document(write(tmp_path, "targets.txt", RST))
    assert _tables(doc) == [
        [["Level", "First reply", "Fix"], ["Severe", "20 minutes (any hour)", "5 hours"], ["Minor", "1 day", "4 days"]],
        [["Plan", "First reply"], ["Basic", "8 hours (weekdays)"], ["Plus", "2 hours"]],
    ]
    assert [s.title for s in doc.sections] == ["Targets"]  # the '=====' under a title is no border
    got = written.terms_from(tmp_path, nlp, RST, "targets2.txt")
    assert {(1, "response", 20), (1, "resolution", 300)} <= {(t.severity_level, t.kind, t.minutes) for t in got.response_times}


def test_cell_per_line_table_under_a_glued_header_with_aliased_levels(tmp_path, nlp: Any):
    # the column names ran together on one line; a level carries an alias in brackets; the description
    # column has no name of its own
    text = (
        "How fast we reply depends on the level of the ticket.\n\n"
        "Ticket levelFirst reply within\n"
        "1 - Severe outage (Code Black)\n\n"
        "Every user has lost the service and nothing can be done about it.\n\n"
        "Reply target: 20 min.\n\n"
        "2 - Serious outage (Code Grey)\n\n"
        "Part of the service is lost for a group of users.\n\n"
        "Reply target: 3 hours\n"
    )
    doc = load_document(write(tmp_path, "promise.txt", text))
    assert _tables(doc)[0][0] == ["Ticket level", "", "First reply within"]
    assert [row[0] for row in _tables(doc)[0][1:]] == ["1 - Severe outage (Code Black)", "2 - Serious outage (Code Grey)"]
    got = written.terms_from(tmp_path, nlp, text, "promise2.txt")
    assert {(1, "response", 20), (2, "response", 180)} <= {(t.severity_level, t.kind, t.minutes) for t in got.response_times}


HTML_TABLES = """# Help desk

Our targets:

<table>
<thead>
<tr><th rowspan="2">Level</th><th colspan="2">First reply</th><th rowspan="2">Fix</th></tr>
<tr><th>Office hours</th><th>Evenings</th></tr>
</thead>
<tbody>
<tr><td>Severe &amp; wide</td><td>20 minutes</td><td>1 hour</td><td>5 hours</td></tr>
<tr><td>Serious<br>one team</td><td>2 hours</td><td>3 hours</td><td>2 days</td></tr>
</tbody>
</table>

<table><tr><th>Kind</th><th>Level</th><th>First reply</th></tr>
<tr><td rowspan="2">Fault</td><td>Severe</td><td>20 minutes</td></tr>
<tr><td>Serious</td><td>2 hours</td></tr>
<tr><td>Change</td><td>Low</td><td>3 days</td></tr></table>

That is all.
"""


def test_html_tables_left_in_markdown(tmp_path, nlp: Any):
    # a header over two rows (a group spanning two columns, names spanning both rows) becomes one row;
    # a cell spanning rows fills the rows below; entities and <br> are text
    doc = load_document(write(tmp_path, "desk.md", HTML_TABLES))
    assert _tables(doc) == [
        [["Level", "First reply Office hours", "First reply Evenings", "Fix"],
         ["Severe & wide", "20 minutes", "1 hour", "5 hours"], ["Serious one team", "2 hours", "3 hours", "2 days"]],
        [["Kind", "Level", "First reply"], ["Fault", "Severe", "20 minutes"], ["Fault", "Serious", "2 hours"],
         ["Change", "Low", "3 days"]],
    ]
    assert not any("<t" in b.text for b in doc.blocks) and doc.blocks[-1].text == "That is all."
    got = written.terms_from(tmp_path, nlp, HTML_TABLES, "desk2.md")
    found = {(t.severity_level, t.kind, t.minutes) for t in got.response_times}
    assert {(1, "response", 20), (1, "response", 60), (1, "resolution", 300)} <= found


def test_an_html_table_left_open_stays_text(tmp_path):
    doc = load_document(write(tmp_path, "open.md", "Intro\n\n<table><tr><td>Severe</td><td>1 hour</td></tr>\n\nMore text.\n"))
    assert not doc.tables and doc.blocks[-1].text == "More text."


def test_a_credit_ladder_cut_off_after_its_no_credit_row_states_no_cap(tmp_path, nlp: Any):
    # a saved page that ends under the first row of its credit table (the row that pays nothing): the
    # credits are there, but the most a month can pay is not said, so no cap of 0 is read
    head = (
        "Hosting Uptime Promise\n\n"
        "We keep the hosting platform available 99.9% of each calendar month. If availability falls "
        "below that in a month, you may claim a service credit from the table below.\n\n"
        "| Availability in the month | Credit |\n|---|---|\n"
        "| 99.9% or more | 0% of the monthly fee |\n"
    )
    cut = written.terms_from(tmp_path, nlp, head, "cut.md")
    assert cut.service_credits.present and cut.service_credits.max_credit_percent is None
    whole = written.terms_from(tmp_path, nlp, head + "| Below 99.9% | 10% of the monthly fee |\n"
                               "| Below 99.0% | 25% of the monthly fee |\n", "whole.md")
    assert whole.service_credits.max_credit_percent == 25


def test_a_goal_column_beside_a_description_that_says_available_is_no_uptime(tmp_path, nlp: Any):
    # a priority table whose description speaks of "available staff" and whose last column is the
    # share of tickets that should meet the times: that share is no availability target, while a
    # short cell that names the measure beside its figure still is one
    text = (
        "# Desk Targets\n\n"
        "| Priority | Description | Response time | Goal |\n|---|---|---|---|\n"
        "| Critical | Every available engineer works on the fault until it is fixed and the owner is told. | 20 minutes | 95% |\n"
        "| High | An engineer picks the ticket up ahead of routine work and keeps the owner informed. | 2 hours | 95% |\n\n"
        "# Platform\n\n"
        "| Measure | Target |\n|---|---|\n"
        "| Availability | 99.8% |\n"
    )
    got = written.terms_from(tmp_path, nlp, text, "goal.md")
    assert [u.percent for u in got.uptime] == [99.8]
    assert {(1, "response", 20), (2, "response", 120)} <= {(t.severity_level, t.kind, t.minutes) for t in got.response_times}


# a page that ends in a one-cell-per-line table whose last row left its final cell empty: the empty
# cell's line is gone, so the last row is one cell short
SHORT_LAST = (
    "Ticket Handling\n\n"
    "Level\nImpact\nFirst reply\nFix by\nProgress notes\n"
    "Severity 1\nThe shop cannot take orders\nWithin 30 minutes\nWithin 6 hours\nEvery hour\n"
    "Severity 2\nOrders are slow to confirm\nWithin 2 hours\nWithin 2 days\nEvery 4 hours\n"
    "Severity 3\nA report shows an old total\nWithin 1 day\nWithin 10 days\n"
)


def test_a_last_row_short_of_its_empty_cell_at_the_page_end_is_a_row(tmp_path, nlp: Any):
    doc = load_document(write(tmp_path, "short.txt", SHORT_LAST))
    assert not doc.sections or [s.title for s in doc.sections] == ["Ticket Handling"]
    assert _tables(doc)[0][-1] == ["Severity 3", "A report shows an old total", "Within 1 day", "Within 10 days", ""]
    got = written.terms_from(tmp_path, nlp, SHORT_LAST, "short2.txt")
    assert {(3, "response", 1440), (3, "resolution", 14400)} <= {(t.severity_level, t.kind, t.minutes) for t in got.response_times}


def test_a_short_group_followed_by_more_text_is_not_a_row(tmp_path):
    # with a line after them the short group's cells could be shifted, so they are left out of the table
    doc = load_document(write(tmp_path, "more.txt", SHORT_LAST + "Call us if a level looks wrong.\n"))
    assert [len(r) for r in _tables(doc)[0][1:]] == [5, 5]
    assert len(_tables(doc)[0]) == 3
