"""OCR: accuracy and seconds per scanned page, by engine and render resolution.

For each setting, every scanned fixture (fixtures/scanned/, made by tools/make_scans.py) is
read through the whole pipeline and scored with the evaluation (micro-F1 over all fields,
as `sla-check eval` counts them); the same documents with their text layer
(fixtures/contracts/) give the reference score. Seconds per OCR'd page are wall time of
ingestion divided by the pages recognised, with the page workers given (default: all cores).

Engines: "tesseract" (what sla-check uses: ingest/ocr.py) and "rapidocr" (RapidOCR on
onnxruntime, pip only, models in its wheel; measured here through the same layout, its
line boxes cut into words by character count). RapidOCR is only measured when
`rapidocr_onnxruntime` is importable.

    .venv/bin/python bench/ocr_speed.py                     # tesseract at 200 and 300 dpi
    .venv/bin/python bench/ocr_speed.py --engines tesseract rapidocr --dpi 200 300
    .venv/bin/python bench/ocr_speed.py --pages 100         # memory and time on a 100-page scan
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sla_check.evaluate import evaluate  # noqa: E402
from sla_check.ingest import load_document, ocr  # noqa: E402
from sla_check.pipeline import Options  # noqa: E402

TESSERACT = ocr.recognise
DEFAULT_DPI = ocr.DPI
SCANNED = ROOT / "fixtures" / "scanned"
CONTRACTS = ROOT / "fixtures" / "contracts"


def cpu_seconds() -> float:
    """CPU time of this process and its finished children (Tesseract runs as a child): a
    figure that a busy host distorts much less than wall time."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def micro_f1(report: Any) -> float:
    fields = report.to_dict()["fields"]
    tp = sum(v["tp"] for k, v in fields.items() if k != "errors")
    fp = sum(v["fp"] for k, v in fields.items() if k != "errors")
    fn = sum(v["fn"] for k, v in fields.items() if k != "errors")
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def originals_dir(tmp: Path) -> Path:
    """The text-layer originals of the scans, with their truth, in a folder of their own."""
    names = [p.name[: -len(".truth.yml")] for p in CONTRACTS.glob("*.truth.yml")]
    for truth in SCANNED.glob("*.truth.yml"):
        name = max((n for n in names if truth.name.startswith(n + "-")), key=len)
        for suffix in (".pdf", ".truth.yml"):
            shutil.copy(CONTRACTS / f"{name}{suffix}", tmp / f"{name}{suffix}")
    return tmp


_RAPID: Any = None


def rapid_recognise(prepared: ocr.Prepared) -> ocr.OcrPage:
    """RapidOCR through the same layout: each detected line's box cut into words by characters."""
    global _RAPID
    import io

    import numpy as np
    from PIL import Image
    from rapidocr_onnxruntime import RapidOCR

    if _RAPID is None:
        _RAPID = RapidOCR(max_side_len=4000)
    image = np.asarray(Image.open(io.BytesIO(prepared.image)).convert("RGB"))
    found, _ = _RAPID(image)
    s = prepared.scale
    words: list[ocr.Word] = []
    lines: list[ocr.OcrLine] = []
    for box, text, score in found or []:
        xs, ys = [p[0] / s for p in box], [p[1] / s for p in box]
        x0, x1, top, bottom = min(xs), max(xs), min(ys), max(ys)
        lines.append(ocr.OcrLine(top, bottom, (bottom - top) * 0.8))
        step = (x1 - x0) / max(1, len(text))
        pos = 0
        for word in text.split(" "):
            if word:
                words.append(ocr.Word(word, x0 + pos * step, top, x0 + (pos + len(word)) * step, bottom,
                                      len(lines) - 1, float(score)))
            pos += len(word) + 1
    return ocr.OcrPage(prepared.number, prepared.width, prepared.height, words, lines, prepared.edges)


def measure(engine: str, dpi: int, originals: Path) -> dict[str, Any]:
    ocr.DPI = dpi
    ocr.recognise = rapid_recognise if engine == "rapidocr" else TESSERACT  # type: ignore[assignment]
    pages = 0
    cpu0 = cpu_seconds()
    started = time.perf_counter()
    for pdf in sorted(SCANNED.glob("*.pdf")):
        doc = load_document(pdf)
        pages += len(doc.ocr_pages)
    seconds = time.perf_counter() - started
    cpu = cpu_seconds() - cpu0
    scanned = micro_f1(evaluate([SCANNED], Options()))
    text_layer = micro_f1(evaluate([originals], Options()))
    return {"engine": engine, "dpi": dpi, "pages": pages, "seconds_per_page": round(seconds / pages, 2),
            "cpu_seconds_per_page": round(cpu / pages, 2), "load_average": round(os.getloadavg()[0], 1),
            "micro_f1_scanned": round(scanned, 3), "micro_f1_text_layer": round(text_layer, 3),
            "ratio": round(scanned / text_layer, 3)}


def long_scan(pages: int, dpi: int) -> dict[str, Any]:
    """A `pages`-page scan (the fixture scans' pages repeated): seconds per page and peak memory."""
    import pypdfium2 as pdfium

    ocr.DPI = dpi
    with tempfile.TemporaryDirectory() as tmp:
        out = pdfium.PdfDocument.new()
        sources = [pdfium.PdfDocument(str(p)) for p in sorted(SCANNED.glob("*-scan*.pdf"))]
        k = 0
        while len(out) < pages:
            src = sources[k % len(sources)]
            out.import_pages(src, [(k // len(sources)) % len(src)])
            k += 1
        path = Path(tmp) / "long-scan.pdf"
        out.save(str(path))
        out.close()
        cpu0 = cpu_seconds()
        started = time.perf_counter()
        doc = load_document(path, max_bytes=2**31)
        seconds = time.perf_counter() - started
        cpu = cpu_seconds() - cpu0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"pages": pages, "dpi": dpi, "ocr_pages": len(doc.ocr_pages), "seconds_per_page": round(seconds / pages, 2),
            "cpu_seconds_per_page": round(cpu / pages, 2), "load_average": round(os.getloadavg()[0], 1),
            "peak_rss_mb": round(peak_mb), "mean_confidence": round(sum(doc.ocr_confidence.values()) / len(doc.ocr_confidence), 3)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--engines", nargs="+", default=["tesseract"], choices=["tesseract", "rapidocr"])
    ap.add_argument("--dpi", nargs="+", type=int, default=[200, 300])
    ap.add_argument("--pages", type=int, default=0, help="also time a scan of this many pages (memory bound)")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "ocr-results.json")
    args = ap.parse_args()
    if not ocr.available():
        print("Tesseract is not installed: apt-get install tesseract-ocr", file=sys.stderr)
        return 1
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        originals = originals_dir(Path(tmp))
        for engine in args.engines:
            for dpi in args.dpi:
                row = measure(engine, dpi, originals)
                print(json.dumps(row))
                rows.append(row)
    result: dict[str, Any] = {"settings": rows}
    if args.pages:
        ocr.recognise = TESSERACT  # type: ignore[assignment]
        result["long_scan"] = long_scan(args.pages, DEFAULT_DPI)
        print(json.dumps(result["long_scan"]))
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
