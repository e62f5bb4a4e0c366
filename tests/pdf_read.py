"""Helper for tests that read a PDF they drew: both engines must read it the same way."""
from __future__ import annotations

from pathlib import Path

from sla_check.ingest import load_document
from sla_check.models import Document

ENGINES = ("pdfium", "pdfplumber")


def read_both(path: Path) -> Document:
    """Read with both engines, insist they agree (blocks, tables, sections), return the reference reading."""
    fast, ref = (load_document(path, engine=e) for e in ENGINES)
    assert fast.blocks == ref.blocks
    assert fast.tables == ref.tables
    assert fast.sections == ref.sections
    return ref
