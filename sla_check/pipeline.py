"""One file through the stages: ingest -> extract (-> check). Never raises for a bad file."""
from __future__ import annotations

import hashlib
import logging
import os
import stat
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

from sla_check.errors import INGEST_CODES, IngestError
from sla_check.models import ErrorInfo, FileResult

if TYPE_CHECKING:  # spaCy is imported when the first pipeline is built, not with this module
    from spacy.language import Language

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Options:
    """Everything that changes how one file is read and judged (picklable for workers)."""

    engine: str = "auto"  # auto | pdfium | pdfplumber
    password: Optional[str] = None
    ocr: bool = True  # recognise pages without a text layer when Tesseract is installed
    max_pages: int = 2000
    max_bytes: int = 200 * 1024 * 1024
    rules_dir: Optional[str] = None
    checklist: Optional[str] = None
    profile: str = "standard"
    downtime_cost: Optional[float] = None
    currency: str = "GBP"
    monthly_fee: Optional[float] = None
    #: address space each batch worker may use (resource limit); None: unlimited. 1 GB leaves
    #: two workers and the parent well inside a small laptop's memory
    max_memory_mb: Optional[int] = 1024
    extra: dict[str, Any] = field(default_factory=dict)


def file_sha256(path: str | Path, max_bytes: int = Options.max_bytes) -> str:
    """The file's SHA-256, or "" when it is not a regular file within `max_bytes` (checked on
    the open descriptor before reading: a FIFO or a huge sparse file is never read)."""
    digest = hashlib.sha256()
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return ""
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_size > max_bytes:
            return ""
        with os.fdopen(fd, "rb", closefd=False) as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                digest.update(chunk)
    except OSError:
        return ""
    finally:
        os.close(fd)
    return digest.hexdigest()


_NLP_CACHE: dict[Optional[str], Language] = {}


def get_nlp(rules_dir: Optional[str] = None) -> Language:
    """The spaCy pipeline, built once per process and reused for every document."""
    if rules_dir not in _NLP_CACHE:
        from sla_check.nlp import build_nlp

        _NLP_CACHE[rules_dir] = build_nlp(rules_dir)
    return _NLP_CACHE[rules_dir]


# A short SLA touching every term family: reviewing it once runs every code path a first
# file would (lexicons, checklist, regular expressions), so forked workers start warm.
_WARM_UP_TEXT = """\
1. Service Levels
1.1 The Provider will make the Service available 99.9% of the time in each calendar month.
1.2 Support is available 08:00 to 18:00 Monday to Friday, excluding public holidays.

| Priority | Response time | Resolution time |
| --- | --- | --- |
| P1 Critical | 30 minutes | 4 hours |
| P2 High | 2 hours | 1 business day |

1.3 Scheduled maintenance will be notified 48 hours in advance and is excluded from availability.
1.4 Availability excludes force majeure events and failures caused by the Customer.
1.5 If availability falls below the target the Customer will receive a service credit of 5% of
the monthly fee, up to 25%, claimed within 30 days. Service credits are the sole remedy.
1.6 The Provider monitors the Service 24x7 and will notify the Customer of incidents.
1.7 The Customer may terminate if the Provider fails to meet the target in three consecutive months.
"""


def warm_up(options: Options = Options()) -> Language:
    """Do once what each worker would otherwise repeat on its first file: build the pipeline,
    import the readers, load lexicons and the checklist, compile the patterns.

    Called before forking workers, so they all start with it done (about 3 s of CPU each).
    """
    # the default PDF engine's libraries: its own modules import them only when a PDF is
    # opened, which would be once in every worker (~0.1 s each); DOCX stays lazy (rarer)
    import pdfplumber.table  # noqa: F401 - its table finder, on pages with ruled grids
    import pypdfium2  # noqa: F401 - page text and word boxes

    from sla_check.check import review_terms
    from sla_check.extract import extract_terms
    from sla_check.ingest import pdf as _pdf_reader  # noqa: F401 - the PDF reader itself
    from sla_check.ingest.text import text_document

    nlp = get_nlp(options.rules_dir)
    terms = extract_terms(text_document(_WARM_UP_TEXT, "warm-up"), nlp)
    review_terms(terms, options)
    return nlp


def extract_file(path: str | Path, options: Options = Options(), nlp: Optional[Language] = None) -> FileResult:
    """Read and extract one file; an unreadable file becomes status="error" with its code."""

    from sla_check.ruleset import using

    with using(options.rules_dir):  # ingest's lexicons too
        return _extract_file(path, options, nlp)


def _extract_file(path: str | Path, options: Options, nlp: Optional[Language]) -> FileResult:
    from sla_check.extract import extract_terms
    from sla_check.ingest import load_document

    started = time.perf_counter()
    result = FileResult(file=str(path))
    try:
        document = load_document(
            path,
            engine=options.engine,
            password=options.password,
            ocr=options.ocr,
            max_pages=options.max_pages,
            max_bytes=options.max_bytes,
        )
    except (IngestError, MemoryError) as e:
        error = _out_of_memory(options) if _ran_out_of_memory(e) else ErrorInfo(e.code, e.message)  # type: ignore[union-attr]
        result.status = "error"
        result.error = error
        result.sha256 = file_sha256(path, options.max_bytes)  # read once, bounded, and only here
        result.seconds = time.perf_counter() - started
        return result
    result.sha256 = document.sha256
    result.warnings = list(document.warnings)
    result.pages = document.pages
    result.format = document.format
    result.ocr_confidence = dict(document.ocr_confidence)
    result.unread_pages = list(document.unread_pages)
    try:
        result.terms = extract_terms(document, nlp if nlp is not None else get_nlp(options.rules_dir))
    except MemoryError:
        result.status, result.error = "error", _out_of_memory(options)
    result.seconds = time.perf_counter() - started
    return result


def _ran_out_of_memory(e: BaseException) -> bool:
    """A MemoryError, or a reader's error caused by one (readers report most failures as damage)."""
    seen: set[int] = set()
    cur: Optional[BaseException] = e
    while cur is not None and id(cur) not in seen:
        if isinstance(cur, MemoryError):
            return True
        seen.add(id(cur))
        cur = cur.__cause__ or cur.__context__
    return False


def _out_of_memory(options: Options) -> ErrorInfo:
    limit = f"the {options.max_memory_mb} MB" if options.max_memory_mb else "the"
    return ErrorInfo("too_large", f"{INGEST_CODES['too_large']}: reading it needed more than {limit} memory "
                                  "allowed to each worker (see --max-memory-mb)")


def review_file(path: str | Path, options: Options = Options(), nlp: Optional[Language] = None) -> FileResult:
    """Extract, then run the checklist: findings, rating and downtime exposure."""
    from sla_check.check import review_terms

    result = extract_file(path, options, nlp)
    if result.status == "ok" and result.terms is not None:
        started = time.perf_counter()
        result.findings, result.rating, result.exposure = review_terms(result.terms, options, result.ocr_confidence)
        result.seconds += time.perf_counter() - started
    return result


def internal_error(path: str | Path, exc: BaseException, max_bytes: int = Options.max_bytes) -> FileResult:
    """A result for a file whose processing crashed: reported, never dropped."""
    log.exception("failed on %s", path)
    return FileResult(
        file=str(path),
        sha256=file_sha256(path, max_bytes),
        status="error",
        error=ErrorInfo("internal", f"{INGEST_CODES['internal']}: {type(exc).__name__}: {exc}"),
    )
