"""Limits on what a hostile file can make the readers do, checked before they do it.

- PDF: every compressed stream the readers would inflate (page contents, fonts, object
  streams; not images, which text extraction never decodes) is inflated here first, in
  bounded chunks and thrown away, counting bytes: a stream or a document over the limit is
  `too_large` before pdfium allocates gigabytes, and a stream that fails to inflate (a few
  flipped bytes) is reported as a warning on its page instead of text silently missing.
- DOCX: the ZIP's own directory says how large each part unpacks; checked before reading.
- Text: words and blocks of a size no contract has are split before spaCy, whose tokenizer
  (and a few of our patterns) take quadratic time on one huge token.
"""
from __future__ import annotations

import base64
import binascii
import mmap
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Callable, Iterator, Optional

from sla_check.errors import IngestError
from sla_check.models import ReadWarning

MiB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Decompressed bytes allowed per stream (or ZIP part) and per document."""

    per_stream: int = 64 * MiB
    per_document: int = 512 * MiB
    zip_ratio: int = 200  # a part unpacking to more than this many times its packed size (and over 10 MB)


DEFAULT_LIMITS = Limits()


def _too_large(what: str, limit: int) -> IngestError:
    return IngestError("too_large", f"{what} unpacks to more than {limit / MiB:.0f} MB (a decompression bomb, or "
                                    "far larger than any contract); it was not read")


# ------------------------------------------------------------------------- PDF streams

#: "stream" and its end of line; the keyword must not end a longer word ("endstream"), checked
#: apart (`_streams`) so the search runs on the literal (a leading look-behind made it 30x slower)
_STREAM = re.compile(rb"stream(?:\r\n|\n|\r)")
_LETTERS = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_OBJ = re.compile(rb"(\d+)\s+\d+\s+obj\b")
_FILTER = re.compile(rb"/Filter\s*(\[[^\]]*\]|/[A-Za-z0-9]+)")
_NAME = re.compile(rb"/([A-Za-z0-9]+)")
_LENGTH = re.compile(rb"/Length\s+(\d+)(?!\s+\d+\s+R)")
_IMAGE = re.compile(rb"/Subtype\s*/Image\b")
_FLATE, _A85, _AHX = {b"FlateDecode", b"Fl"}, {b"ASCII85Decode", b"A85"}, {b"ASCIIHexDecode", b"AHx"}
_CHUNK = 1 << 16


class _Damaged(Exception):
    """A stream that does not decode."""


def _inflate(chunks: Iterator[bytes], limit: int) -> Iterator[bytes]:
    """Inflate a stream given in chunks, yielding bounded pieces; raises _Damaged."""
    d = zlib.decompressobj()
    for chunk in chunks:
        data = chunk
        while data:
            try:
                out = d.decompress(data, _CHUNK)
            except zlib.error as e:
                raise _Damaged(str(e)) from e
            if out:
                yield out
            data = d.unconsumed_tail
            if d.eof:
                return
    if not d.eof:
        try:
            out = d.flush()
        except zlib.error as e:
            raise _Damaged(str(e)) from e
        if out:
            yield out
        raise _Damaged("the compressed data ends too early")


#: ASCII85 digits ("!" to "u") -> their values; `bytes.translate(None, _A85_DIGITS)` leaves what is not a digit
_A85_DIGITS = bytes(range(33, 118))
_A85_VALUES = bytes(max(0, min(c - 33, 84)) for c in range(256))
_PACK_WORD = struct.Struct(">I").pack


def _a85decode(body: bytes) -> bytes:
    """`base64.a85decode(body)` (whitespace already removed), a group at a time instead of a
    character at a time: most PDF streams are ASCII85 and the standard decoder's per-character
    loop cost more than inflating them. Anything that is not five-digit groups in range ("z",
    a stray character, an overflowing group) goes to the standard decoder, for its exact error."""
    if body.translate(None, _A85_DIGITS):
        return base64.a85decode(body)
    short = -len(body) % 5  # the last group is padded with "u" and as many bytes cut off
    d = (body + b"u" * short).translate(_A85_VALUES)
    try:
        out = b"".join([_PACK_WORD((((a * 85 + b) * 85 + c) * 85 + e) * 85 + f)
                        for a, b, c, e, f in zip(d[0::5], d[1::5], d[2::5], d[3::5], d[4::5])])
    except struct.error:  # a group over 2**32 - 1
        return base64.a85decode(body)
    return out[: len(out) - short] if short else out


def _decode_ascii(raw: bytes, kind: set[bytes]) -> bytes:
    try:
        if kind is _A85:
            body = re.sub(rb"\s+", b"", raw)
            end = body.find(b"~>")
            return _a85decode(body[: end if end >= 0 else len(body)])
        body = re.sub(rb"\s+", b"", raw)
        end = body.find(b">")
        body = body[: end if end >= 0 else len(body)]
        return binascii.unhexlify(body + b"0" * (len(body) % 2))
    except (ValueError, binascii.Error) as e:
        raise _Damaged(str(e)) from e


def _stream_size(data: bytes, filters: list[bytes], limit: int) -> int:
    """Bytes the stream decodes to (counting stops past `limit`); raises _Damaged."""
    if filters and (filters[0] in _A85 or filters[0] in _AHX):
        data = _decode_ascii(data, _A85 if filters[0] in _A85 else _AHX)
        filters = filters[1:]
    flates = 0
    while flates < len(filters) and filters[flates] in _FLATE:
        flates += 1
    if flates == 0:
        return len(data)
    pieces: Iterator[bytes] = iter((data,))
    for _ in range(flates):
        pieces = _inflate(pieces, limit)
    total = 0
    for piece in pieces:
        total += len(piece)
        if total > limit:
            break
    return total


def _streams(mm: mmap.mmap) -> Iterator[re.Match[bytes]]:
    """Every "stream" keyword with its end of line that does not end a longer word, in order."""
    at = 0
    while True:
        m = _STREAM.search(mm, at)  # type: ignore[call-overload]
        if m is None:
            return
        at = m.end()  # the keyword and its end of line cannot overlap another
        if m.start() == 0 or mm[m.start() - 1] not in _LETTERS:
            yield m


@dataclass
class StreamCheck:
    inflated: int
    damaged: list[tuple[int, str]]  # (object number, why)


def scan_pdf(path: Path, limits: Limits = DEFAULT_LIMITS) -> StreamCheck:
    """Inflate every compressed non-image stream once, in bounded pieces; raise too_large over
    the limits. Streams of an encrypted PDF cannot be checked (they are ciphertext): skipped."""
    damaged: list[tuple[int, str]] = []
    total = 0
    with open(path, "rb") as fh:
        try:
            mm = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        except ValueError:  # empty
            return StreamCheck(0, [])
        with mm:
            if mm.find(b"/Encrypt") >= 0:
                return StreamCheck(0, [])
            pos = 0
            for m in _streams(mm):
                if m.start() < pos:
                    continue
                head = mm[max(0, m.start() - 2048): m.start()]
                obj = None
                for o in _OBJ.finditer(head):
                    obj = o
                if obj is None:
                    continue
                header = head[obj.end():]
                f = _FILTER.search(header)
                if not f or _IMAGE.search(header):
                    continue
                filters = _NAME.findall(f.group(1))
                length = _LENGTH.search(header)
                start = m.end()
                end = start + int(length.group(1)) if length else -1
                if end < 0 or mm[end: end + 12].strip()[:9] != b"endstream":
                    end = mm.find(b"endstream", start)
                    if end < 0:
                        end = len(mm)
                pos = end
                try:
                    size = _stream_size(mm[start:end], filters, limits.per_stream)
                except _Damaged as e:
                    damaged.append((int(obj.group(1)), str(e)))
                    continue
                if size > limits.per_stream:
                    raise _too_large("a single stream in the PDF", limits.per_stream)
                total += size
                if total > limits.per_document:
                    raise _too_large("the PDF's compressed content", limits.per_document)
    return StreamCheck(total, damaged)


def damaged_stream_warnings(path: Path, damaged: list[tuple[int, str]], page_of: Callable[[Path], dict[int, int]]
                            ) -> list[ReadWarning]:
    """One warning per damaged stream, on its page where the page's content is the stream."""
    try:
        pages = page_of(path)
    except Exception:  # noqa: BLE001 - the page map is a nicety; the warning goes out anyway
        pages = {}
    out = []
    for objid, why in damaged:
        page = pages.get(objid)
        where = f"page {page}'s text" if page else "part of the file (a font or other resource)"
        out.append(ReadWarning("damaged_stream", f"{where} could not be fully decoded ({why}): some text may be "
                                                 "missing; check the original", page))
    return out


def content_stream_pages(path: Path) -> dict[int, int]:
    """Object number of each page's content stream(s) -> page number (pdfminer, only when needed)."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import PDFObjRef

    out: dict[int, int] = {}
    with open(path, "rb") as fh:
        doc = PDFDocument(PDFParser(fh))
        for n, page in enumerate(PDFPage.create_pages(doc), start=1):
            refs = page.attrs.get("Contents")
            for ref in refs if isinstance(refs, list) else [refs]:
                if isinstance(ref, PDFObjRef):
                    out.setdefault(ref.objid, n)
    return out


# ------------------------------------------------------------------------- DOCX


def check_zip(path: Path, limits: Limits = DEFAULT_LIMITS) -> None:
    """Refuse a ZIP (DOCX) whose parts unpack to more than the limits, from its directory."""
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, OSError):
        return  # the reader reports it as damaged
    total = 0
    for info in infos:
        if info.file_size > limits.per_stream:
            raise _too_large(f"the part {info.filename!r} of the Word document", limits.per_stream)
        if info.file_size > 10 * MiB and info.file_size > limits.zip_ratio * max(1, info.compress_size):
            raise _too_large(f"the part {info.filename!r} of the Word document (packed {info.compress_size / info.file_size:.4%})",
                             limits.per_stream)
        total += info.file_size
        if total > limits.per_document:
            raise _too_large("the Word document", limits.per_document)


# ------------------------------------------------------------------------- text shape

#: longer runs without a space than any word, number or web address in a contract
MAX_WORD = 200
_LONG_WORD = re.compile(r"\S{%d,}" % (MAX_WORD + 1))
_SEPARATOR = re.compile(r"[|;,]|&(?:#\d{1,6}|[a-z]{2,8});|<br\s*/?>|(?<=>)(?=<)", re.IGNORECASE)


def split_long_words(text: str) -> tuple[str, int]:
    """Break runs of more than MAX_WORD non-space characters with spaces (linear time);
    returns the text and how many runs were broken."""
    if len(text) <= MAX_WORD:  # most blocks: no room for such a run
        return text, 0
    count = 0

    def cut(m: re.Match[str]) -> str:
        nonlocal count
        count += 1
        # first at the marks that separate things ("a|b|c", "x;y", "<td>...</td><td>", words joined
        # by "&nbsp;" or "<br>" in text exported from a web page), so cells and words run together
        # stay whole; only a piece still too long is cut blindly
        w = _SEPARATOR.sub(lambda s: f" {s.group(0)} ", m.group(0))
        return " ".join(piece if len(piece) <= MAX_WORD else
                        " ".join(piece[i: i + MAX_WORD] for i in range(0, len(piece), MAX_WORD))
                        for piece in w.split(" ") if piece)

    return _LONG_WORD.sub(cut, text), count


def long_word_warning(count: int, page: Optional[int] = None) -> ReadWarning:
    return ReadWarning("long_words_split", f"{count} run(s) of more than {MAX_WORD} characters without a space were "
                                           "split to be read (no contract wording is that long: check the file)", page)


#: longer than any clause: a block over this is cut (at a sentence end where there is one)
MAX_BLOCK = 20_000
_SURROGATES = re.compile("[\ud800-\udfff]+")


def fix_surrogates(text: str) -> str:
    """Pair UTF-16 surrogates a PDF font map produced into the characters they encode; lone
    ones (which nothing downstream can encode) become U+FFFD."""
    def pair(m: re.Match[str]) -> str:
        return m.group(0).encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")

    return text if text.isascii() else _SURROGATES.sub(pair, text)


def _cut(text: str) -> list[tuple[int, str]]:
    """(offset, piece) pieces of at most MAX_BLOCK characters, cut after a sentence or a space."""
    out, start = [], 0
    while len(text) - start > MAX_BLOCK:
        window = text[start: start + MAX_BLOCK]
        at = max(window.rfind(". "), window.rfind("; "))
        at = at + 2 if at > MAX_BLOCK // 2 else (window.rfind(" ") + 1 or MAX_BLOCK)
        if at <= 0:
            at = MAX_BLOCK
        out.append((start, text[start: start + at]))
        start += at
    out.append((start, text[start:]))
    return out


def tame_blocks(blocks: list[Any]) -> tuple[list[Any], list[ReadWarning]]:
    """Blocks made safe for spaCy: surrogates fixed, over-long words split, over-long blocks cut."""
    out: list[Any] = []
    split_words = cut_blocks = 0
    for b in blocks:
        text = fix_surrogates(b.text)
        text, n = split_long_words(text)
        split_words += n
        changed = text != b.text
        if b.cells is not None and any(len(c) > MAX_WORD or _SURROGATES.search(c) for c in b.cells):
            b = replace(b, cells=tuple(split_long_words(fix_surrogates(c))[0] for c in b.cells))
        if b.header is not None and any(_SURROGATES.search(c) for c in b.header):
            b = replace(b, header=tuple(fix_surrogates(c) for c in b.header))
        if len(text) <= MAX_BLOCK:
            out.append(replace(b, text=text) if changed else b)
            continue
        cut_blocks += 1
        pieces = _cut(text)
        for k, (start, piece) in enumerate(pieces):
            end = start + len(piece)
            page = b.page_at(start) if not changed else b.page
            breaks = tuple((o - start, p) for o, p in b.page_breaks if start < o < end) if not changed else ()
            out.append(replace(b, text=piece.strip(), page=page, page_breaks=breaks))
    warnings = []
    if split_words:
        warnings.append(long_word_warning(split_words))
    if cut_blocks:
        warnings.append(ReadWarning("long_text_split", f"{cut_blocks} paragraph(s) longer than {MAX_BLOCK:,} characters "
                                                       "were read in pieces (no clause is that long: check the file)"))
    return out, warnings
