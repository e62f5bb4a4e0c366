"""Helpers for tests that write a contract in their own words and read it through the real pipeline."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Optional

from sla_check.models import Terms
from sla_check.pipeline import Options, extract_file, review_file


def order(item: tuple[Optional[int], str, float]) -> tuple[int, str, float]:
    """A sort key for (level, kind, minutes) that does not depend on how the minutes are typed (60 or 60.0),
    for tests that compare the times read with a list in level order."""
    return (item[0] or 0, item[1], float(item[2]))


def in_order(terms: Terms) -> list[tuple[Optional[int], str, float]]:
    """The response times read, as (level, kind, minutes), sorted by `order`."""
    return sorted(((t.severity_level, t.kind, t.minutes) for t in terms.response_times), key=order)


def times(terms: Terms) -> list[tuple[Optional[int], str, float]]:
    """The response times read, as (level, kind, minutes), in a stable order to compare with a list."""
    return sorted(((t.severity_level, t.kind, t.minutes) for t in terms.response_times), key=str)


def terms_from(tmp_path: Path, nlp: Any, text: str, name: str = "doc.md") -> Terms:
    """The terms sla-check reads from `text` saved as `name` (the suffix picks the reader)."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = extract_file(path, nlp=nlp)
    assert result.terms is not None, result.error
    return result.terms


def findings_from(tmp_path: Path, nlp: Any, text: str, name: str = "contract.md") -> dict[str, Any]:
    """The findings sla-check gives on `text` saved as `name`, keyed by check id."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = review_file(path, Options(), nlp)
    assert result.status == "ok", result.error
    return {f.check_id: f for f in result.findings}
