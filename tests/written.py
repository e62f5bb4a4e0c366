"""Helpers for tests that write a contract in their own words and read it through the real pipeline."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from sla_check.models import Terms
from sla_check.pipeline import extract_file


def terms_from(tmp_path: Path, nlp: Any, text: str, name: str = "doc.md") -> Terms:
    """The terms sla-check reads from `text` saved as `name` (the suffix picks the reader)."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = extract_file(path, nlp=nlp)
    assert result.terms is not None, result.error
    return result.terms
