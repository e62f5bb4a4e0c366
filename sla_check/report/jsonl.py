"""The spec's JSON Lines: one terms.md object per file, in input order, from FileResult.to_dict()."""
from __future__ import annotations

import json
from typing import IO

from sla_check.models import FileResult


def dumps(result: FileResult) -> str:
    """One JSON object on one line (keys in the spec's order, so runs compare equal)."""
    return json.dumps(result.to_dict(), ensure_ascii=False, separators=(", ", ": "))


def write_result(fh: IO[str], result: FileResult) -> None:
    fh.write(dumps(result) + "\n")
    fh.flush()
