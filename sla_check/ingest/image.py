"""A contract sent as a picture (a scanner's TIFF, a photographed or faxed page as JPEG or PNG):
its pages are wrapped in a PDF of images with Pillow and read by the scanned-PDF path (OCR), so
sections, tables and page citations come out as they do for a scanned PDF.

The page size is set from the image's resolution, but never wider than a sheet of paper: a phone
photo saved at "72 dpi" would otherwise be a page a metre wide, rendered for OCR at a size that
helps nobody.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from sla_check.errors import IngestError

#: the widest page a picture is taken to be, in inches (a little over A4 and US Letter)
_PAGE_WIDTH_IN = 8.5
_DEFAULT_DPI = 300.0


def image_as_pdf(path: Path, pdf_path: Path, max_pages: int) -> int:
    """Write the picture's pages (every frame of a multi-page TIFF) as a PDF; the page count."""
    from PIL import Image, ImageSequence, UnidentifiedImageError

    try:
        with Image.open(path) as img:
            frames = [_page(frame) for _, frame in zip(range(max_pages + 1), ImageSequence.Iterator(img))]
            dpi = _resolution(img, frames[0])
    except Image.DecompressionBombError as e:
        raise IngestError("too_large", f"the picture is too large to read safely ({e})") from e
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as e:
        raise IngestError("corrupt", f"the picture is damaged or not a picture Pillow can read ({type(e).__name__})") from e
    if len(frames) > max_pages:
        raise IngestError("too_large", f"the picture has more than {max_pages} pages, over the limit (see --max-pages)")
    frames[0].save(pdf_path, "PDF", resolution=dpi, save_all=True, append_images=frames[1:])
    return len(frames)


def _page(frame: Any) -> Any:
    """A frame as a picture the PDF writer takes (greyscale or RGB, no alpha, no palette)."""
    if frame.mode in ("1", "L", "RGB"):
        return frame.copy()
    return frame.convert("RGB")


def _resolution(img: Any, first: Any) -> float:
    """Dots per inch: the stated resolution, raised so that the page is no wider than paper."""
    stated = img.info.get("dpi")
    dpi = float(stated[0]) if isinstance(stated, tuple) and stated and float(stated[0]) > 1 else _DEFAULT_DPI
    return max(dpi, first.width / _PAGE_WIDTH_IN)
