"""One file through the stages: ingest -> extract (-> check). Never raises for a bad file."""
from __future__ import annotations

import hashlib
import logging
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from sla_check.errors import INGEST_CODES, IngestError
from sla_check.models import ErrorInfo, FileResult

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Options:
    """Everything that changes how one file is read and judged (picklable for workers)."""

    engine: str = "auto"  # auto | pdfium | pdfplumber
    password: Optional[str] = None
    ocr: bool = False
    max_pages: int = 2000
    max_bytes: int = 200 * 1024 * 1024
    rules_dir: Optional[str] = None
    checklist: Optional[str] = None
    profile: str = "standard"
    downtime_cost: Optional[float] = None
    currency: str = "GBP"
    monthly_fee: Optional[float] = None
    extra: dict[str, Any] = field(default_factory=dict)


def file_sha256(path: str | Path) -> str:
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                digest.update(chunk)
    except OSError:
        return ""
    return digest.hexdigest()


_NLP_CACHE: dict[Optional[str], Any] = {}


def get_nlp(rules_dir: Optional[str] = None) -> Any:
    """The spaCy pipeline, built once per process and reused for every document."""
    if rules_dir not in _NLP_CACHE:
        from sla_check.nlp import build_nlp

        _NLP_CACHE[rules_dir] = build_nlp(rules_dir)
    return _NLP_CACHE[rules_dir]


def extract_file(path: str | Path, options: Options = Options(), nlp: Any = None) -> FileResult:
    """Read and extract one file; an unreadable file becomes status="error" with its code."""
    from sla_check.extract import extract_terms
    from sla_check.ingest import load_document

    started = time.perf_counter()
    result = FileResult(file=str(path), sha256=file_sha256(path))
    try:
        document = load_document(
            path,
            engine=options.engine,
            password=options.password,
            ocr=options.ocr,
            max_pages=options.max_pages,
            max_bytes=options.max_bytes,
        )
    except IngestError as e:
        result.status = "error"
        result.error = ErrorInfo(e.code, e.message)
        result.seconds = time.perf_counter() - started
        return result
    result.pages = document.pages
    result.format = document.format
    result.terms = extract_terms(document, nlp if nlp is not None else get_nlp(options.rules_dir))
    result.seconds = time.perf_counter() - started
    return result


def review_file(path: str | Path, options: Options = Options(), nlp: Any = None) -> FileResult:
    """Extract, then run the checklist: findings, rating and downtime exposure."""
    from sla_check.check import review_terms

    result = extract_file(path, options, nlp)
    if result.status == "ok" and result.terms is not None:
        started = time.perf_counter()
        result.findings, result.rating, result.exposure = review_terms(result.terms, options)
        result.seconds += time.perf_counter() - started
    return result


def internal_error(path: str | Path, exc: BaseException) -> FileResult:
    """A result for a file whose processing crashed: reported, never dropped."""
    log.exception("failed on %s", path)
    return FileResult(
        file=str(path),
        sha256=file_sha256(path),
        status="error",
        error=ErrorInfo("internal", f"{INGEST_CODES['internal']}: {type(exc).__name__}: {exc}"),
    )
