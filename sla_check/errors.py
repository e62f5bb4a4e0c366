"""One exception hierarchy with stable codes (the codes are the spec's, see terms.md)."""
from __future__ import annotations

from pathlib import Path

#: Error codes a file can fail with, and what each means in plain English.
INGEST_CODES = {
    "encrypted": "the PDF is password-protected",
    "corrupt": "the file is damaged or truncated and cannot be parsed",
    "not_a_pdf": "the file is named .pdf but is not a PDF",
    "no_text_layer": "the PDF has no text layer (a scan); it needs OCR",
    "empty": "the file is empty",
    "unsupported_format": "the file type is not supported",
    "timeout": "reading the file took too long",
    "too_large": "the file is over the configured size limit",
    "unreadable": "the file cannot be opened (permissions, not a regular file, or a read error)",
    "internal": "sla-check failed on this file",
}


#: Why an entry found in a folder was not reviewed (listed as "skipped" in the report).
SKIP_CODES = {
    "hidden": "a hidden file or folder (its name starts with a dot)",
    "broken_link": "a link to something that does not exist",
    "link_loop": "a link that loops back, or leads to a folder already searched",
    "not_a_regular_file": "a pipe, socket or device, not a file",
    "unsupported_format": "a document type that cannot be read",
    "unreadable": "a folder that cannot be read",
}


class SlaCheckError(Exception):
    """Base class for every error sla-check raises on purpose."""


class IngestError(SlaCheckError):
    """A file could not be read; `code` is one of INGEST_CODES."""

    def __init__(self, code: str, message: str) -> None:
        if code not in INGEST_CODES:
            raise ValueError(f"unknown ingest error code {code!r}")
        super().__init__(message)
        self.code = code
        self.message = message


class RulesError(SlaCheckError):
    """A file under rules/ (or a user's checklist) is invalid; says which file and where."""

    def __init__(self, path: str | Path, where: str | None, problem: str) -> None:
        location = f"{path}" + (f", {where}" if where else "")
        super().__init__(f"{location}: {problem}")
        self.path = str(path)
        self.where = where
        self.problem = problem


class ReportError(SlaCheckError):
    """A report could not be written."""
