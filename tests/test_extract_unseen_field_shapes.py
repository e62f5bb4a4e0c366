"""Support hours, exclusions and credit caps written in shapes that fresh real SLAs used and the rules
missed at first sight (issue 12, stop 25): office hours with the top level covered outside them (in the
same sentence after ", and" / ", with", or in the next sentence that opens "After hours"), exclusions
introduced by a bare "except", problems "beyond our control", and a sole-remedy sentence that only says
credits are "exclusive of taxes". Each is read through the real pipeline from text written here."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from written import terms_from

_HEAD = "# Help desk terms\n\n"


# ----------------------------------------------------------------- office hours, top level covered beyond them

# fmt: off
@pytest.mark.parametrize("text, expected", [
    # the top level's cover as a tail of the office-hours sentence
    ("The help desk takes calls Monday to Friday, 08:30-17:30, with out-of-hours cover for Priority 1 faults.", "mixed"),
    ("Tickets are worked during normal business hours, and by phone out of hours for Severity 1 only.", "mixed"),
    # the next sentence carries on with the level the sentence before it named
    ("Priority 1 calls are picked up within 20 minutes during normal business hours (07:30 to 18:00). "
     "After hours, the pick-up time is within 45 minutes.", "mixed"),
    # an outside-hours phrase with a qualifier of its own ("core")
    ("Our engineers work 8am-6pm Monday to Friday. For Critical faults, an engineer is on call outside of these "
     "core support hours.", "mixed"),
    # the same shapes that keep the office clock: no level is covered beyond the day
    ("The help desk takes calls Monday to Friday, 08:30-17:30. Priority 1 faults logged outside these hours are "
     "picked up the next working day.", "business_hours"),
    ("The help desk takes calls Monday to Friday, 08:30-17:30, and no cover is given out of hours for any priority.",
     "business_hours"),
])
# fmt: on
def test_office_hours_with_the_top_level_covered_beyond_them_are_mixed(
        tmp_path: Path, nlp: Any, text: str, expected: str) -> None:
    assert terms_from(tmp_path, nlp, _HEAD + text + "\n").support_hours.value == expected
