"""Response-time shapes of stop 24 (issue 12), in our own words through the real reader and extractor:
an upper bound ("less than") before a time is the target itself, while a length lead before it
("lasting less than") keeps it a threshold."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Optional

import pytest

import written


CASES = [
    # list items that give each level an upper bound on its reply, most severe first
    pytest.param("Desk priorities\n\n"
                 "- Critical - less than 20 minute response time\n"
                 "- For outages that stop the whole office\n"
                 "- Normal - less than 2 hour response time\n"
                 "- For issues that slow one person down\n",
                 "page.txt", [(1, "response", 20), (3, "response", 120)],
                 id="an_upper_bound_in_a_list_item_is_the_levels_target"),
    # prose: "in less than" a time is a deadline, for a reply and for a fix alike
    pytest.param("Ticket handling\n\n"
                 "Critical tickets get a reply from an engineer in less than 20 minutes.\n"
                 "Normal tickets are resolved in fewer than 3 days.\n",
                 "page.txt", [(1, "response", 20), (3, "resolution", 4320)],
                 id="in_less_than_a_time_is_a_deadline_in_prose"),
    # the same words after a length lead measure the event, not the vendor: no target is read
    pytest.param("Counting outages\n\n"
                 "Interruptions lasting less than 10 minutes are not counted when the service is restored.\n",
                 "page.txt", [],
                 id="a_length_lead_before_less_than_keeps_it_a_threshold"),
]


@pytest.mark.parametrize("text, name, expected", CASES)
def test_the_response_times_read(tmp_path: Path, nlp: Any, text: str, name: str,
                                 expected: list[tuple[Optional[int], str, float]]) -> None:
    got = written.terms_from(tmp_path, nlp, text, name)
    assert written.times(got) == sorted(expected, key=str)


def test_a_long_list_written_least_severe_first_ranks_by_its_top_rung(tmp_path: Path, nlp: Any) -> None:
    """Each level of a list running from the mildest to the worst, with examples under each, keeps its
    generic rank: the first item's window of the run does not reach the top rung, and words of the
    examples ("minor", "major") are no rungs that would turn the order upside down."""
    examples = "".join(f"- Example {k}: a {word} nuisance for one desk\n" for k, word in
                       enumerate(["minor", "minor", "small", "minor", "major", "major", "major", "big"]))
    text = ("Desk priorities\n\n"
            "- Low - less than 3 hour response time\n" + examples
            + "- Medium - less than 2 hour response time\n" + examples
            + "- High - less than 1 hour response time\n" + examples
            + "- Urgent - less than 20 minute response time\n" + examples)
    got = written.terms_from(tmp_path, nlp, text, "page.txt")
    assert written.times(got) == sorted([(4, "response", 180), (3, "response", 120), (2, "response", 60),
                                         (1, "response", 20)], key=str)
