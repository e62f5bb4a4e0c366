"""Generators of hostile and broken inputs (issue 13), shared by the tests and the fuzz test.

Every input is built here from scratch or from the fixtures, with our own wording: no third
party's file is needed, and a seed makes each one reproducible.
"""
from __future__ import annotations

import base64
import io
import random
import re
import zipfile
import zlib
from pathlib import Path

SLA_TEXT = ("Service Level Agreement. 1. Availability. The Service will be available 99.9% of each "
            "calendar month. 2. Support. Priority 1 incidents receive a response within 30 minutes.")


def pdf_from_objects(objects: list[bytes]) -> bytes:
    """A PDF file from numbered objects (1 is the catalog), with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def text_content(lines: list[str]) -> bytes:
    ops = [b"BT /F1 11 Tf 14 TL 60 780 Td"]
    for line in lines:
        safe = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").encode("latin-1", "replace")
        ops.append(b"(" + safe + b") Tj T*")
    ops.append(b"ET")
    return b"\n".join(ops)


def simple_pdf(pages: list[bytes], font_extra: bytes = b"", extra_objects: list[bytes] | None = None,
               filters: bytes = b"") -> bytes:
    """Pages from raw content streams (already encoded as `filters` says), Helvetica as /F1."""
    n = len(pages)
    kids = b" ".join(b"%d 0 R" % (4 + 2 * i) for i in range(n))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, n),
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding %s >>" % font_extra]
    for i, content in enumerate(pages):
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
                       b"/Contents %d 0 R >>" % (5 + 2 * i))
        objects.append(_stream(content, b"/Filter %s" % filters if filters else b""))
    return pdf_from_objects(objects + (extra_objects or []))


def _deflate_zeros(size: int) -> bytes:
    """`size` spaces, deflated, without ever holding them in memory."""
    c = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    parts = []
    left = size
    while left > 0:
        parts.append(c.compress(chunk[: min(left, len(chunk))]))
        left -= len(chunk)
    parts.append(c.flush())
    return b"".join(parts)


def flate_bomb_pdf(inflated: int) -> bytes:
    """A small PDF whose page content inflates to `inflated` bytes through two Flate filters."""
    data = zlib.compress(_deflate_zeros(inflated), 9)
    content = data
    return simple_pdf([content], filters=b"[/FlateDecode /FlateDecode]")


def docx_bomb(inflated: int) -> bytes:
    """A .docx whose document.xml inflates to about `inflated` bytes (a paragraph of spaces)."""
    from docx import Document

    buf = io.BytesIO()
    Document().save(buf)
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            if info.filename != "word/document.xml":
                z.writestr(info, src.read(info.filename))
        head = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w='
                b'"http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>')
        tail = b"</w:t></w:r></w:p></w:body></w:document>"
        with z.open("word/document.xml", "w", force_zip64=True) as fh:
            fh.write(head)
            chunk = b" " * (1 << 20)
            for _ in range(inflated // len(chunk)):
                fh.write(chunk)
            fh.write(tail)
    return out.getvalue()


_STREAM = re.compile(rb"stream\r?\n")


def flip_stream_bytes(pdf: bytes, rng: random.Random, flips: int = 3) -> bytes:
    """Flip a few bytes inside one page's compressed content stream (a damaged copy)."""
    data = bytearray(pdf)
    spans = []
    for m in _STREAM.finditer(pdf):
        end = pdf.find(b"endstream", m.end())
        head = pdf[max(0, m.start() - 300): m.start()]
        if end > m.end() + 40 and b"/Filter" in head and b"/Length1" not in head and b"/Subtype" not in head[head.rfind(b"obj"):]:
            spans.append((m.end(), end))
    if not spans:
        return pdf
    a, b = rng.choice(spans)
    for _ in range(flips):
        k = rng.randrange(a + (b - a) // 4, b - 2)
        data[k] ^= 1 << rng.randrange(8)
    return bytes(data)


def ascii85_flate(data: bytes) -> bytes:
    return base64.a85encode(zlib.compress(data), adobe=True)[2:]


def broken_tounicode_pdf() -> bytes:
    """A text PDF whose font's ToUnicode CMap is garbage (ranges that overflow, bad tokens)."""
    cmap = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap 1 begincodespacerange <00> <FF> "
            b"endcodespacerange 2 beginbfrange <20> <7E> <FFFFFFFFFFFF> <41> <40> [<> <D800> <DFFF> ] "
            b"endbfrange 1 beginbfchar <ZZ> <0041 endbfchar endcmap CMapName currentdict /CMap defineresource pop end end")
    content = text_content(SLA_TEXT.split(". "))
    return simple_pdf([content], font_extra=b"/ToUnicode 6 0 R", extra_objects=[_stream(cmap)])


def text_bombs() -> dict[str, str]:
    """Small text files with shapes that were quadratic in the tokenizer or a regular expression."""
    return {
        "brackets.txt": "(" * 10000 + ")" * 10000,
        "hashes.md": "#" * 20000,
        "numbering.txt": "1." * 10000,
        "one-line.txt": (SLA_TEXT + " ") * (2_800_000 // (len(SLA_TEXT) + 1)),
        "long-word.txt": "x" * 200_000,
    }


def write_all(folder: Path, bomb_bytes: int = 1 << 30) -> list[Path]:
    """Write one of each hostile input into `folder` (for trying a batch by hand)."""
    folder.mkdir(parents=True, exist_ok=True)
    made = {
        "pdf-bomb.pdf": flate_bomb_pdf(bomb_bytes),
        "docx-bomb.docx": docx_bomb(min(bomb_bytes, 1 << 30)),
        "tounicode.pdf": broken_tounicode_pdf(),
    }
    for name, data in made.items():
        (folder / name).write_bytes(data)
    for name, text in text_bombs().items():
        (folder / name).write_text(text)
    return sorted(folder.iterdir())


def disguised_bomb_pdf(inflated: int) -> bytes:
    """A double-Flate page content stream whose dictionary claims to be an image: the stream
    checks skip images (text extraction never decodes them) but pdfium reads it as the page's
    content, so only the worker's memory limit stops it."""
    data = zlib.compress(_deflate_zeros(inflated), 9)
    return simple_pdf([data], filters=b"[/FlateDecode /FlateDecode] /Subtype /Image")
