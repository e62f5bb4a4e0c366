"""Render a review workbook as a spreadsheet application prints it: .xlsx -> PDF -> PNG pages.

For people to look at (overlapping or clipped text, a Summary that fits one screen); the
tests measure what rendering needs from the file itself and do not need LibreOffice.

    python tools/render_workbook.py review.xlsx -o render/      # render/review-01.png ...

Needs LibreOffice (`soffice`) and poppler (`pdftoppm`); on Debian/Ubuntu:
    apt-get install libreoffice-calc poppler-utils fonts-crosextra-carlito
Carlito has Calibri's metrics (the workbook's font): without it LibreOffice draws a wider
font and rows sized for Calibri may look short.
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


def render(workbook: Path, out_dir: Path, dpi: int = 110, timeout: float = 180.0) -> list[Path]:
    """Convert `workbook` to a PDF (kept beside the PNGs) and one PNG per page; returns the PNGs."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    pdftoppm = shutil.which("pdftoppm")
    if not soffice or not pdftoppm:
        raise SystemExit("needs soffice (LibreOffice) and pdftoppm (poppler-utils) on PATH")
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as profile:
        # a throw-away LibreOffice profile: runs beside an open LibreOffice, leaves no settings behind
        subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                        "--outdir", str(out_dir), str(workbook)], check=True, timeout=timeout,
                       stdout=subprocess.DEVNULL)
    pdf = out_dir / (workbook.stem + ".pdf")
    if not pdf.exists():
        raise SystemExit(f"LibreOffice wrote no PDF for {workbook}")
    for old in out_dir.glob(f"{workbook.stem}-*.png"):
        old.unlink()
    subprocess.run([pdftoppm, "-png", "-r", str(dpi), str(pdf), str(out_dir / workbook.stem)], check=True, timeout=timeout)
    return sorted(out_dir.glob(f"{workbook.stem}-*.png"))


def fonts_ok() -> bool:
    """Whether Calibri's metrics are available to LibreOffice (Calibri itself or Carlito)."""
    fc_list = shutil.which("fc-list")
    if not fc_list:
        return True
    names = subprocess.run([fc_list, ":", "family"], capture_output=True, text=True).stdout.lower()
    return "carlito" in names or "calibri" in names


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("workbook", type=Path)
    ap.add_argument("-o", "--out", type=Path, default=None, help="folder for the PDF and PNGs (default: beside the workbook)")
    ap.add_argument("--dpi", type=int, default=110)
    args = ap.parse_args(argv)
    if not fonts_ok():
        print("warning: neither Calibri nor Carlito is installed; LibreOffice will draw a wider font "
              "(install fonts-crosextra-carlito)", file=sys.stderr)
    pages = render(args.workbook, args.out or args.workbook.parent / (args.workbook.stem + "-render"), args.dpi)
    for p in pages:
        print(p)
    return 0


if __name__ == "__main__":
    sys.exit(main())
