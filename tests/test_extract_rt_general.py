"""Response-time shapes from support pages nobody here tuned on (issue 12, stop 22), each written in our
own words and read through the real reader and extractor: a paragraph that runs a table's rows on as
sentences, a one-cell-per-line table whose later rows fill a column the first row left as text, and
request types listed among the levels."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Optional

import pytest

from sla_check.models import Terms
import written


times = written.times


# each case: a page in our own words, the name it is saved as (the suffix picks the reader), and the
# response times read from it as (level, kind, minutes)
TIMES_CASES = [
    # the rows of a web table saved as one run of text, under a heading that names severity in general
    pytest.param("Ticket severity\n\n"
                 "Tickets fall into four groups.\n"
                 "Blocker Severity 1 Fault The whole service is down for every user.\n"
                 "The vendor will answer the ticket within 30 minutes.\n"
                 "The vendor will restore the service no later than 2 business days after the report.\n"
                 "Major Severity 2 Fault A main feature fails and nothing gets round it.\n"
                 "The vendor will answer the ticket within three hours.\n"
                 "Routine Severity 3 Fault One person has a small problem.\n"
                 "The vendor will answer the ticket within 2 business days.\n",
                 "page.txt", [(1, "response", 30), (1, "resolution", 960), (2, "response", 180), (3, "response", 960)],
                 id="sentences_after_a_level_in_one_paragraph_belong_to_that_level"),
    # a single level mentioned in passing is no ladder: the general promise keeps no level
    pytest.param("Helpdesk\n\n"
                 "Urgent matters should be phoned in.\n"
                 "The desk will answer every ticket within 4 hours.\n",
                 "page.txt", [(None, "response", 240)],
                 id="one_level_named_in_a_paragraph_does_not_label_its_other_sentences"),
    # the first row leaves its fix column as words; a later row states a time there; two request types sit
    # between the levels and are no rungs of the ladder (Emergency above Urgent makes Urgent level 2)
    pytest.param("Desk targets\n\nRank\n\nWhat it means\n\nFirst Reply\n\nTime to Fix\n\n"
                 "Emergency\n\nThe office cannot work.\n\n20 Minutes\n\nAgreed case by case\n\n"
                 "Urgent\n\nOne person cannot work.\n\n2 Hours\n\nAgreed case by case\n\n"
                 "Normal\n\nSomething is awkward.\n\n6 Hours\n\n3 Days\n\n"
                 "Laptop Setup\n\nA new starter needs a machine.\n\n12 Hours\n\n4 Days\n\n"
                 "Low\n\nA question.\n\n20 Hours\n\n8 Days\n\n"
                 "All times above count business hours only.\n",
                 "page.txt", [(1, "response", 20), (2, "response", 120), (3, "response", 360),
                              (3, "resolution", 1440), (None, "response", 720),
                              (None, "resolution", 1920), (4, "response", 1200),
                              (4, "resolution", 3840)],
                 id="cell_per_line_rows_with_request_types_among_the_levels"),
    # prose naming two levels with no level-1 name above them: the document's own ladder is Major > Minor
    pytest.param("Line faults\n\n"
                 "All major faults will get a reply from our engineers within three working hours of the report.\n\n"
                 "A major fault means the line carries no traffic at all.\n\n"
                 "All minor faults will get a reply from our engineers within six working hours of the report.\n\n"
                 "A minor fault means the line is slow or drops now and then.\n",
                 "page.txt", [(1, "response", 180), (2, "response", 360)],
                 id="levels_named_only_major_and_minor_rank_as_one_and_two"),
    # Critical is present, so High stays level 2 and Low level 4 (the generic names already rank them)
    pytest.param("Desk promises\n\n"
                 "Critical incidents will get a reply within 20 minutes.\n\n"
                 "High incidents will get a reply within two hours.\n\n"
                 "Low incidents will get a reply within two days.\n",
                 "page.txt", [(1, "response", 20), (2, "response", 120), (4, "response", 2880)],
                 id="a_run_with_a_level_one_name_keeps_the_generic_numbers"),
    # the fix is what the work aims at; the promise is that the work has started
    pytest.param("Outage handling\n\n"
                 "For a Critical incident we will have two engineers working on resolution within 40 minutes.\n",
                 "page.txt", [(1, "response", 40)],
                 id="people_working_on_a_fix_within_a_time_is_a_response"),
    # three items each opening with a level name and the kind of trouble it governs: Urgent > Medium > Low,
    # so Medium is this page's level 2 and Low its level 3
    pytest.param("# Fix times\n\n"
                 "- Urgent checkout-blocking faults will be fixed within 6 hours.\n"
                 "- Medium display faults will be fixed within 3 days.\n"
                 "- Low cosmetic faults will be fixed within 10 days.\n",
                 "page.md", [(1, "resolution", 360), (2, "resolution", 4320), (3, "resolution", 14400)],
                 id="list_items_opening_with_level_names_make_the_ladder"),
    # days given ahead of planned work are notice; the reply promise beside them stays
    pytest.param("Operations\n\n"
                 "The provider will respond to every fault report within 2 hours.\n\n"
                 "The provider will contact the customer five (5) calendar days prior to any planned upgrade.\n\n"
                 "Urgent changes are announced to the customer 12 hours in advance.\n",
                 "page.txt", [(None, "response", 120)],
                 id="a_lead_time_before_an_event_is_notice_not_a_response"),
    # "4 Whenever Possible": the page numbers its own levels, and the name after the number is not a generic one
    pytest.param("# Service desk\n\n"
                 "| Priority | Response Time |\n|---|---|\n"
                 "| 1 Critical | 20 minutes |\n| 2 High | 1 hour |\n| 3 Medium | 6 hours |\n"
                 "| 4 Whenever Possible | 3 days |\n",
                 "page.md", [(1, "response", 20), (2, "response", 60), (3, "response", 360), (4, "response", 4320)],
                 id="a_number_before_the_documents_own_level_name_is_its_level"),
    # "Critical (B)" sits below "Urgent (A)" and "Minor (C)" below it: the marks rank the rows, not the
    # generic meaning of the names (Critical would be 1, Minor 4)
    pytest.param("# Correction schedule\n\n"
                 "| Class | Response | Correction |\n|---|---|---|\n"
                 "| Urgent (A) | 12 hours | 5 days |\n| Critical (B) | 3 days | 20 days |\n| Minor (C) | 9 days | 60 days |\n",
                 "page.md", [(1, "response", 720), (1, "resolution", 7200), (2, "response", 4320),
                             (2, "resolution", 28800), (3, "response", 12960),
                             (3, "resolution", 86400)],
                 id="a_lettered_mark_after_each_level_name_ranks_the_levels"),
    # "no more than once per 6 hours" measures how often something may happen, not how soon anyone answers
    pytest.param("Line quality\n\n"
                 "The receiver shall not answer a false tone more than once per 6 hours of traffic.\n\n"
                 "The provider will respond to every fault report within 2 hours.\n",
                 "page.txt", [(None, "response", 120)],
                 id="a_rate_per_hours_is_no_response_time"),
    # plans across the top, one row per level and kind; a bracketed remark lengthens some labels
    pytest.param("# Plans\n\n"
                 "| | Starter | Plus |\n|---|---|---|\n"
                 "| Priority 1 Response Time (counted in the plan's own hours) | 8 hours | 2 hours |\n"
                 "| Priority 2 Response Time | 16 hours | 4 hours |\n",
                 "page.md", [(1, "response", 480), (1, "response", 120), (2, "response", 960), (2, "response", 240)],
                 id="a_row_label_with_a_remark_in_brackets_keeps_its_level"),
    # a page saved with its box markup left in: the level and its time sit in the box's title attribute
    pytest.param("Severity guide\n\n"
                 '[panel heading="Severity 2 (RESPONSE TIME 1 - 2 hr)" tone="amber"]Many users are slowed down.\n\n'
                 '[panel heading="Severity 3 (RESPONSE TIME 1 - 3 days)" tone="grey"]One user has a question.\n',
                 "page.txt", [(2, "response", 120), (3, "response", 4320)],
                 id="a_level_inside_a_quoted_markup_attribute_is_read"),
]


@pytest.mark.parametrize("text, name, expected", TIMES_CASES)
def test_the_response_times_read(tmp_path: Path, nlp: Any, text: str, name: str,
                                 expected: list[tuple[Optional[int], str, float]]) -> None:
    got = written.terms_from(tmp_path, nlp, text, name)
    assert times(got) == sorted(expected, key=str)


def with_basis(terms: Terms) -> set[tuple[Optional[int], str, float, str]]:
    return {(t.severity_level, t.kind, t.minutes, t.basis) for t in terms.response_times}


# as above, with the basis each time counts in as (level, kind, minutes, basis)
BASIS_CASES = [
    # engineering effort assigned to a problem answers it; a line fault "cleared" is the repair
    pytest.param("Carrier terms\n\n"
                 "For a Priority 1 problem the carrier will allocate resources to look into it within three (3) business hours.\n\n"
                 "For a Priority 1 problem the target fault clear is 9 hours, any day of the year.\n",
                 "page.txt", {(1, "resolution", 540, "calendar"), (1, "response", 180, "business")},
                 id="resources_allocated_is_a_response_and_a_fault_cleared_is_a_fix"),
    # service requests are done, not "resolved": carrying one out is its resolution time; a plan or
    # a hearing that is "completed" within a time is no support commitment
    pytest.param("Requests\n\n"
                 "Our team aims to have completed service requests within three working days.\n"
                 "New mailbox orders will be fulfilled within 2 business days.\n"
                 "The onboarding plan shall be completed within 60 days of signature.\n",
                 "page.txt", {(None, "resolution", 1440, "business"), (None, "resolution", 960, "business")},
                 id="a_request_completed_or_fulfilled_within_a_time_is_its_resolution"),
]


@pytest.mark.parametrize("text, name, expected", BASIS_CASES)
def test_the_response_times_read_with_their_basis(tmp_path: Path, nlp: Any, text: str, name: str,
                                                  expected: set[tuple[Optional[int], str, float, str]]) -> None:
    got = written.terms_from(tmp_path, nlp, text, name)
    assert with_basis(got) == expected


def test_list_items_whose_short_label_ends_in_a_level_under_a_kind_heading(tmp_path: Path, nlp: Any) -> None:
    # "<channel> <level>: <time>" items under a heading that names the kind
    text = ("# Response times\n\n"
            "- Phone line: 2 minutes\n"
            "- Case Severity Urgent: 10 minutes\n"
            "- Case Severity High: 45 minutes\n"
            "- Case Severity Low: 5 hours\n")
    got = written.terms_from(tmp_path, nlp, text, "page.md")
    assert {t for t in times(got) if t[0] is not None} == {(1, "response", 10), (2, "response", 45), (4, "response", 300)}


def test_a_note_that_sets_one_plan_apart_gives_the_other_plans_its_clock(tmp_path: Path, nlp: Any) -> None:
    # plans across the top of tables typed as lines; a note at the end says every plan but the
    # round-the-clock one counts in office hours: the first table's other plans run on business hours,
    # while the bug-fix table, which lists no round-the-clock plan, is not what the note speaks of
    text = ("First reply\n\n"
            "Level Basic Plus 24/7\n"
            "Urgent 8 hrs 4 hrs 30 min\n"
            "Normal 24 hrs 16 hrs 8 hrs\n\n"
            "Time to fix\n\n"
            "Level Basic Plus\n"
            "Urgent 30 days 20 days\n"
            "Normal 60 days 45 days\n\n"
            "Apart from 24x7 plans, the times above count only during office hours.\n")
    got = written.terms_from(tmp_path, nlp, text, "page.txt")
    clocks = {(t.scope, t.minutes, t.basis) for t in got.response_times}
    assert {("Basic", 480, "business"), ("Plus", 240, "business"), ("Basic", 1440, "business")} <= clocks
    assert all(b != "business" for s, _, b in clocks if s == "24/7")
    assert ("Basic", 43200, "unspecified") in clocks
