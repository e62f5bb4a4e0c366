"""Ingestion: any supported file -> models.Document (blocks with page and section, tables).

`load_document` sniffs the type from magic bytes and extension, dispatches to a reader and
turns every library failure on a bad file into IngestError with the spec's code.
"""
from __future__ import annotations

import hashlib
import logging
import os
import stat
import zipfile
from pathlib import Path
from typing import Optional

from sla_check.errors import IngestError
from sla_check.ingest.assemble import assemble  # noqa: F401  (re-exported)
from sla_check.ingest.describe import describe
from sla_check.models import Document

__all__ = ["load_document", "describe", "sniff", "PDF_ENGINES", "DOCUMENT_EXTENSIONS", "HTML_EXTENSIONS", "IMAGE_EXTENSIONS"]

log = logging.getLogger(__name__)

PDF_ENGINES = ("auto", "pdfium", "pdfplumber")
TEXT_EXTENSIONS = {".txt", ".md", ".markdown", ".text"}
HTML_EXTENSIONS = {".html", ".htm", ".xhtml"}
#: pictures of pages (scans, photos, faxes), read by OCR
IMAGE_EXTENSIONS = {".png", ".jpg", ".jpeg", ".tif", ".tiff"}
#: every file type a folder review picks up, PDFs and Word first
DOCUMENT_EXTENSIONS = (".pdf", ".docx", *sorted(TEXT_EXTENSIONS), *sorted(HTML_EXTENSIONS), *sorted(IMAGE_EXTENSIONS))
MIN_TEXT_CHARS = 20  # fewer non-space characters than this in a whole PDF: no text layer


def _looks_like(head: bytes) -> str:
    h = head.lstrip()[:64].lower()
    if h.startswith((b"<!doctype html", b"<html", b"\xef\xbb\xbf<!doctype html", b"\xef\xbb\xbf<html")) or \
            (h.startswith(b"<?xml") and b"<html" in head.lower()):
        return "an HTML page"
    if head.startswith(b"PK\x03\x04"):
        return "a ZIP/Office file"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "an old-style Office file"
    if head[:4] in (b"\x89PNG", b"GIF8", b"II*\x00", b"MM\x00*") or head[:3] == b"\xff\xd8\xff":
        return "an image"
    if b"\x00" not in head[:512]:
        return "text"
    return "binary data"


def _ole_encrypted(path: Path) -> bool:
    """An OLE file holding an "EncryptionInfo" stream is an encrypted Office (OOXML) document."""
    marker = "EncryptionInfo".encode("utf-16-le")
    with open(path, "rb") as fh:
        return marker in fh.read(8 * 1024 * 1024)


def sniff(path: Path, head: bytes) -> str:
    """pdf | docx | html | image | text, from magic bytes first, then the extension ("a.txt " is a .txt);
    a saved web page is read as a page whatever it is named."""
    ext = path.suffix.strip().lower()
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if ext == ".pdf":
        raise IngestError("not_a_pdf", f"the file is named .pdf but is not a PDF (it looks like {_looks_like(head)})")
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(path) as z:
                names = set(z.namelist())
        except (zipfile.BadZipFile, OSError) as e:
            raise IngestError("corrupt", f"the file is a damaged ZIP/Office file ({e})") from e
        if "word/document.xml" in names:
            return "docx"
        raise IngestError("unsupported_format", "the file is a ZIP/Office file but not a Word .docx document")
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        if _ole_encrypted(path):  # Word wraps a password-protected .docx in an OLE container
            raise IngestError("encrypted", "the Word document is password-protected; remove the password or save it as PDF")
        raise IngestError("unsupported_format", "old Word/Office (.doc) files are not supported; save it as .docx or PDF")
    if ext in IMAGE_EXTENSIONS:
        if _looks_like(head) != "an image":
            raise IngestError("corrupt", f"the file is named {ext} but is not a picture (it looks like {_looks_like(head)})")
        return "image"
    if ext == ".docx":
        raise IngestError("corrupt", f"the file is named .docx but is not a Word document (it looks like {_looks_like(head)})")
    if ext in TEXT_EXTENSIONS or ext in HTML_EXTENSIONS:
        kind = _looks_like(head)
        if kind not in ("text", "an HTML page"):
            raise IngestError("unsupported_format", f"the file is named {ext} but holds {kind}, not text")
        return "html" if kind == "an HTML page" or ext in HTML_EXTENSIONS else "text"
    raise IngestError(
        "unsupported_format",
        f"files of type '{ext or 'no extension'}' are not supported (use PDF, DOCX, a saved web page, a scanned picture, TXT or Markdown)",
    )


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def load_document(
    path: str | os.PathLike[str],
    *,
    engine: str = "auto",
    password: Optional[str] = None,
    ocr: bool = True,
    max_pages: int = 2000,
    max_bytes: int = 200 * 1024 * 1024,
) -> Document:
    """Read one file into a Document; a file that cannot be read raises IngestError(code, message)."""
    p = Path(path)
    if engine not in PDF_ENGINES:
        raise ValueError(f"engine must be one of {PDF_ENGINES}, not {engine!r}")
    head = read_head(p, max_bytes)
    fmt = sniff(p, head)
    if fmt == "pdf":
        from sla_check.ingest import guard

        streams = guard.scan_pdf(p)  # too_large before any reader inflates a bomb
        doc = _load_pdf(p, engine, password, ocr, max_pages)
        if streams.damaged:
            doc.warnings.extend(guard.damaged_stream_warnings(p, streams.damaged, guard.content_stream_pages))
    elif fmt == "docx":
        from sla_check.ingest.docx import read_docx
        from sla_check.ingest.guard import check_zip

        check_zip(p)
        doc = read_docx(p)
    elif fmt == "image":
        doc = _load_image(p, engine, ocr, max_pages)
    elif fmt == "html":
        from sla_check.ingest.text import read_html

        doc = read_html(p)
    else:
        from sla_check.ingest.text import read_text

        doc = read_text(p)
    if doc.pages > max_pages:
        raise IngestError("too_large", f"the document has {doc.pages} pages, over the {max_pages}-page limit (see --max-pages)")
    doc.sha256 = _sha256(p)
    return doc


_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISCHR, "a device"),
          (stat.S_ISBLK, "a device"), (stat.S_ISSOCK, "a socket"))


def read_head(path: Path, max_bytes: int) -> bytes:
    """The first 4 KB, after checking what the file is: a regular file within `max_bytes`.

    Opened without blocking and checked on the open descriptor (fstat) before any read, so a
    FIFO, /dev/zero or a 100 GB sparse file is refused at once instead of hanging the reader.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except IsADirectoryError as e:
        raise IngestError("unsupported_format", "this is a folder, not a file") from e
    except PermissionError as e:
        raise IngestError("unreadable", "the file cannot be read: permission denied") from e
    except OSError as e:
        raise IngestError("unreadable", f"the file cannot be opened ({e.strerror or e})") from e
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            kind = next((name for test, name in _KINDS if test(st.st_mode)), "not a regular file")
            if kind == "a folder":
                raise IngestError("unsupported_format", "this is a folder, not a file")
            raise IngestError("unreadable", f"this is {kind}, not a regular file, so it was not read")
        if st.st_size == 0:
            raise IngestError("empty", "the file is empty (0 bytes)")
        if st.st_size > max_bytes:
            raise IngestError("too_large", f"the file is {st.st_size / 1048576:.1f} MB, over the {max_bytes / 1048576:.0f} MB limit (see --max-mb)")
        try:
            return os.read(fd, 4096)
        except OSError as e:
            raise IngestError("unreadable", f"the file cannot be read ({e.strerror or e})") from e
    finally:
        os.close(fd)


def _load_image(path: Path, engine: str, ocr: bool, max_pages: int) -> Document:
    """A picture of pages, read as the scanned PDF it is wrapped in (image.py); the Document
    names the picture, not the temporary PDF."""
    import tempfile

    from sla_check.ingest.image import image_as_pdf

    with tempfile.TemporaryDirectory(prefix="sla-check-image-") as tmp:
        pdf = Path(tmp) / "pages.pdf"
        image_as_pdf(path, pdf, max_pages)
        try:
            doc = _load_pdf(pdf, engine, None, ocr, max_pages)
        except IngestError as e:
            raise IngestError(e.code, e.message.replace("the PDF has no text layer", "the picture holds no readable text")
                              .replace("the PDF", "the picture")) from e
    doc.path, doc.format = str(path), "image"
    return doc


def _load_pdf(path: Path, engine: str, password: Optional[str], ocr: bool, max_pages: int) -> Document:
    from sla_check.ingest import ocr as ocr_engine
    from sla_check.ingest.pdf import read_pdf

    doc, chars = read_pdf(path, engine, password, max_pages, ocr=ocr)
    if chars >= MIN_TEXT_CHARS:
        if doc.unread_pages:
            log.warning("%s: pages %s have no text layer and were not read (OCR %s)", path, doc.unread_pages,
                        "turned off" if not ocr else "not available")
        return doc
    scan = "the PDF has no text layer (it is a scan or images of text)"
    if doc.ocr_pages:
        raise IngestError("no_text_layer", f"{scan} and OCR found no text in it")
    if not ocr:
        raise IngestError("no_text_layer", f"{scan} and OCR was turned off (--no-ocr); run without --no-ocr to recognise it")
    if not ocr_engine.available():
        raise IngestError("no_text_layer", f"{scan}; OCR needs Tesseract, which is not installed: {ocr_engine.HOW_TO_ENABLE}")
    raise IngestError("no_text_layer", "the PDF has no text layer and nothing on its pages for OCR to recognise")
