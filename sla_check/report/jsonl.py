"""The spec's JSON Lines: one terms.md object per file, in input order, from FileResult.to_dict()."""
from __future__ import annotations

import json
from typing import IO

from sla_check.models import FileResult
from sla_check.report import printable


def dumps(result: FileResult) -> str:
    """One JSON object on one line (keys in the spec's order, so runs compare equal).

    A file name that is not valid UTF-8 reaches Python with lone surrogates, which no UTF-8
    output can hold: they become U+FFFD, as in the workbook."""
    return printable(json.dumps(result.to_dict(), ensure_ascii=False, separators=(", ", ": ")))


def write_result(fh: IO[str], result: FileResult) -> None:
    fh.write(dumps(result) + "\n")
    fh.flush()
