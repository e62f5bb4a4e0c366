"""Scanned copies of some fixture PDFs, for testing and measuring OCR (fixtures/scanned/).

Each page of an existing fixture is rendered to an image as a scanner would see it: at 200
or 300 dpi, turned by a fraction of a degree, with speckle noise, and with a "RECEIVED"
stamp on the first page and a signature on the last. The images are wrapped as image-only
PDFs (1-bit CCITT G4 at 300 dpi, greyscale JPEG at 200 dpi, as office scanners write them).
One mixed PDF keeps its typed pages and has its schedule pages scanned in.

A scan says what its original says, so its truth file is the original's, copied.
Everything is seeded, so every run writes the same bytes.

Usage::

    .venv/bin/python tools/make_scans.py            # (make_fixtures.py runs it too)
"""
from __future__ import annotations

import io
import math
import random
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONTRACTS = ROOT / "fixtures" / "contracts"
SCANNED_OUT = ROOT / "fixtures" / "scanned"

PDF_DATE = "D:20240115090000"  # fixed metadata: the same bytes on every run


@dataclass(frozen=True)
class Scan:
    """One scanned fixture: which original, how it was scanned, which pages (None: all)."""

    name: str
    original: str
    dpi: int
    skew: float  # degrees, anticlockwise
    bits: int  # 1: black and white (G4), 8: greyscale (JPEG)
    seed: int
    scanned_pages: tuple[int, ...] | None = None  # 1-based; the rest keep their text layer


SCANS = (
    Scan("fortress-msp-scan300", "fortress-msp", 300, 0.6, 1, 11),
    Scan("meridian-two-column-scan200", "meridian-two-column", 200, -0.5, 8, 12),
    Scan("letter-of-engagement-scan200", "letter-of-engagement", 200, 0.8, 8, 13),
    Scan("orbit-compute-scan300", "orbit-compute", 300, -0.7, 1, 14),
    Scan("atlas-master-schedule-mixed", "atlas-master-schedule", 200, 0.4, 8, 15, scanned_pages=(5, 6, 7)),
)


def render_page(page, dpi: int):  # type: ignore[no-untyped-def]
    """A page as a greyscale image at `dpi` (what the scanner's sensor reads)."""
    return page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")


def _stamp(img, rng: random.Random, dpi: int) -> None:  # type: ignore[no-untyped-def]
    """A rubber "RECEIVED" stamp, at an angle, in the top right margin."""
    from PIL import Image, ImageDraw, ImageFont

    k = dpi / 72
    w, h = int(150 * k), int(46 * k)
    mark = Image.new("L", (w, h), 0)
    draw = ImageDraw.Draw(mark)
    line = max(2, int(2.2 * k))
    draw.rectangle((line, line, w - line, h - line), outline=255, width=line)
    big = ImageFont.load_default(size=int(17 * k))
    small = ImageFont.load_default(size=int(10 * k))
    draw.text((w / 2, h * 0.38), "RECEIVED", fill=255, font=big, anchor="mm")
    draw.text((w / 2, h * 0.75), "15 JAN 2024", fill=255, font=small, anchor="mm")
    mark = mark.rotate(rng.uniform(8, 14), expand=True, fillcolor=0)
    x, y = img.width - mark.width - int(24 * k), int(8 * k)
    ink = Image.new("L", mark.size, 110)  # stamp ink reads mid-grey in a greyscale scan
    img.paste(ink, (x, y), mark)


def _signature(img, rng: random.Random, dpi: int) -> None:  # type: ignore[no-untyped-def]
    """A pen signature: a looping stroke near the bottom of the page."""
    from PIL import ImageDraw

    k = dpi / 72
    draw = ImageDraw.Draw(img)
    x0, y0 = img.width * 0.58, _blank_band(img, 18 * k) or img.height - 95 * k
    points = []
    phase = rng.uniform(0, math.pi)
    for i in range(160):
        t = i / 159
        x = x0 + t * 150 * k + 9 * k * math.sin(t * 31 + phase)
        y = y0 + 11 * k * math.sin(t * 17 + phase) * (1 - t * 0.6) + 5 * k * math.cos(t * 47)
        points.append((x, y))
    draw.line(points, fill=30, width=max(2, int(1.3 * k)))


def _blank_band(img, height: float) -> float | None:  # type: ignore[no-untyped-def]
    """Middle y of the lowest blank band at least `height` tall in the lower part of the page
    (above the footer, if any): where a signature goes."""
    import numpy as np

    inked = np.flatnonzero((np.asarray(img) < 128).any(axis=1))
    if len(inked) < 2:
        return None
    gaps = [(a, b) for a, b in zip(inked[:-1], inked[1:]) if b - a >= height and a > img.height * 0.3]
    if not gaps:
        return None
    a, b = gaps[-1]
    return float(a + b) / 2


def degrade(img, scan: Scan, rng: random.Random, first: bool, last: bool):  # type: ignore[no-untyped-def]
    """What scanning does to a clean page: marks, skew, sensor noise, dust; 1-bit if asked."""
    import numpy as np
    from PIL import Image

    if first:
        _stamp(img, rng, scan.dpi)
    if last:
        _signature(img, rng, scan.dpi)
    img = img.rotate(scan.skew, resample=Image.Resampling.BILINEAR, fillcolor=255)
    noise_rng = np.random.default_rng(rng.randrange(1 << 30))
    pixels = np.asarray(img, dtype=np.float32)
    pixels = pixels * 0.92 + 12 + noise_rng.normal(0.0, 3.0, pixels.shape)  # paper is never white
    dust = noise_rng.random(pixels.shape) < 0.0004
    pixels[dust] = 40
    img = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), "L")
    if scan.bits == 1:
        img = img.point(lambda v: 255 if v > 150 else 0).convert("1", dither=Image.Dither.NONE)
    return img


def _image_pdf(images: list, dpi: int) -> bytes:  # type: ignore[type-arg]
    """Image-only PDF: Pillow writes 1-bit pages as CCITT G4 and greyscale ones as JPEG."""
    buf = io.BytesIO()
    first, rest = images[0], images[1:]
    extra = {"quality": 45} if first.mode == "L" else {}
    first.save(buf, "PDF", save_all=True, append_images=rest, resolution=float(dpi), **extra,
               title="Scanned document", author="Scanner", creator="ScanStation 3000", producer="ScanStation 3000",
               creationDate=PDF_DATE, modDate=PDF_DATE)
    return buf.getvalue()


def make_scan(scan: Scan) -> bytes:
    """The scanned PDF's bytes (all pages image-only, or a mix for `scanned_pages`)."""
    import pypdfium2 as pdfium

    rng = random.Random(scan.seed)
    original = pdfium.PdfDocument(str(CONTRACTS / f"{scan.original}.pdf"))
    try:
        n = len(original)
        wanted = scan.scanned_pages or tuple(range(1, n + 1))
        images = []
        for number in wanted:
            page = original[number - 1]
            img = render_page(page, scan.dpi)
            page.close()
            images.append(degrade(img, scan, rng, number == wanted[0], number == n))
        scanned = _image_pdf(images, scan.dpi)
        if scan.scanned_pages is None:
            return scanned
        return _merge(original, pdfium.PdfDocument(scanned), wanted)
    finally:
        original.close()


def _merge(original, scanned, wanted: tuple[int, ...]) -> bytes:  # type: ignore[no-untyped-def]
    """The original with the pages in `wanted` swapped for their scans (pdfium copies pages)."""
    import pypdfium2 as pdfium

    out = pdfium.PdfDocument.new()
    for number in range(1, len(original) + 1):
        if number in wanted:
            out.import_pages(scanned, [wanted.index(number)])
        else:
            out.import_pages(original, [number - 1])
    buf = io.BytesIO()
    out.save(buf)
    out.close()
    scanned.close()
    return _fixed_stamps(buf.getvalue())


def _fixed_stamps(data: bytes) -> bytes:
    """pdfium stamps a saved file with the time and a random /ID: fix both (same lengths, so
    the cross-reference offsets stay right) to keep the bytes the same on every run."""
    import hashlib
    import re

    data = re.sub(rb"/CreationDate\(D:\d{14}\+00'00'\)", b"/CreationDate(" + PDF_DATE.encode() + b"+00'00')", data)
    digest = hashlib.md5(re.sub(rb"/ID\[<[0-9A-F]+><[0-9A-F]+>\]", b"", data)).hexdigest().upper().encode()
    return re.sub(rb"/ID\[<[0-9A-F]{32}><[0-9A-F]{32}>\]", b"/ID[<" + digest + b"><" + digest + b">]", data)


def main(argv: list[str] | None = None) -> int:
    wanted = set(argv if argv is not None else sys.argv[1:])
    SCANNED_OUT.mkdir(parents=True, exist_ok=True)
    for scan in SCANS:
        if wanted and scan.name not in wanted:
            continue
        data = make_scan(scan)
        out = SCANNED_OUT / f"{scan.name}.pdf"
        truth = (CONTRACTS / f"{scan.original}.truth.yml").read_text(encoding="utf-8")
        truth = truth.replace(f"id: {scan.original}\n", f"id: {scan.name}\n", 1)
        changed = False
        for path, blob in ((out, data), (SCANNED_OUT / f"{scan.name}.truth.yml", truth.encode("utf-8"))):
            if not (path.exists() and path.read_bytes() == blob):
                path.write_bytes(blob)
                changed = True
        print(f"{'wrote' if changed else 'same '} {out.relative_to(ROOT)} ({len(data) // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
