"""Check truth files against the rendered documents: every ``locate`` snippet is on the page
it claims, and every quote occurs in the document text (whitespace-normalised; table quotes
written as ``a | b`` are checked cell by cell). Prints problems; exit 1 if any."""
from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
CONTRACTS = ROOT / "fixtures" / "contracts"


def _norm(s: str) -> str:
    s = s.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return re.sub(r"\s+", " ", s).strip().lower()


def page_texts(path: Path) -> list[str]:
    """Text per page; for non-PDF formats the form-feed / page-break separated parts."""
    if path.suffix == ".pdf":
        import pdfplumber

        with pdfplumber.open(path) as pdf:
            # full-width text, then each half on its own so two-column text reads in order
            return ["\n".join(t.extract_text() or "" for t in (
                p, p.crop((0, 0, p.width / 2, p.height)), p.crop((p.width / 2, 0, p.width, p.height))))
                for p in pdf.pages]

    if path.suffix == ".docx":
        import docx

        from sla_check.ingest.docx_xml import Numbering, block_elements, paragraph_text

        # the text as Word shows it: content controls, tracked changes accepted, drawn clause numbers
        d = docx.Document(str(path))
        numbering = Numbering.read(d)
        pages, cur = [], []
        for el in block_elements(d.element.body):
            tag = el.tag.rsplit("}", 1)[-1]
            if tag == "p":
                if 'w:type="page"' in el.xml:
                    pages.append("\n".join(cur))
                    cur = []
                number, _ = numbering.label(el)
                cur.append(f"{number} {paragraph_text(el)}" if number else paragraph_text(el))
            elif tag == "tbl":
                for tr in el.iter():
                    if tr.tag.endswith("}tr"):
                        cells = [paragraph_text(tc) for tc in tr if tc.tag.endswith("}tc")]
                        cur.append(" ".join(cells))
        pages.append("\n".join(cur))
        return pages
    return path.read_text(encoding="utf-8").split("\f")


def table_cells(path: Path) -> list[str]:
    """Cell texts of ruled PDF tables (a wrapped cell is interleaved in the page text)."""
    if path.suffix != ".pdf":
        return []
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return [c for p in pdf.pages for t in p.extract_tables() for row in t for c in row if c]


def dehyphen(s: str) -> str:
    return re.sub(r"(\w)-\n(\w)", r"\1\2", s)


def _pdf_page_has(page, snippet: str) -> bool:
    """Full-width text first, then each half alone (two-column pages read column by column)."""
    if snippet in _norm(dehyphen(page.extract_text() or "")):
        return True
    halves = (page.crop((0, 0, page.width / 2, page.height)),
              page.crop((page.width / 2, 0, page.width, page.height)))
    return snippet in _norm(dehyphen("\n".join(h.extract_text() or "" for h in halves)))


def check_locate(doc: Path, locate: list[dict]) -> list[str]:
    """Only the pages named in ``locate`` are read, so this stays fast enough for tests."""
    problems = []
    if doc.suffix == ".pdf":
        import pdfplumber

        with pdfplumber.open(doc) as pdf:
            for loc in locate:
                n, snip = loc["page"], _norm(loc["text"])
                if not (1 <= n <= len(pdf.pages) and _pdf_page_has(pdf.pages[n - 1], snip)):
                    found = [i + 1 for i, p in enumerate(pdf.pages) if _pdf_page_has(p, snip)]
                    problems.append(f"{doc.stem}: locate {loc['text']!r} not on page {n} (found on {found})")
        return problems
    pages = [_norm(dehyphen(t)) for t in page_texts(doc)]
    for loc in locate:
        n, snip = loc["page"], _norm(loc["text"])
        if not (1 <= n <= len(pages) and snip in pages[n - 1]):
            found = [i + 1 for i, p in enumerate(pages) if snip in p]
            problems.append(f"{doc.stem}: locate {loc['text']!r} not on page {n} (found on {found})")
    return problems


def check(truth_path: Path, quotes: bool = True) -> list[str]:
    truth = yaml.safe_load(truth_path.read_text(encoding="utf-8"))
    stem = truth_path.name[: -len(".truth.yml")]
    docs = [p for p in CONTRACTS.glob(stem + ".*") if not p.name.endswith(".truth.yml")]
    if not docs:
        return [f"{stem}: no document"]
    problems = check_locate(docs[0], truth.get("locate") or [])
    if not quotes:
        return problems
    pages = [_norm(dehyphen(t)) for t in page_texts(docs[0])]
    whole = " ".join(pages) + " " + " ".join(_norm(dehyphen(c)) for c in table_cells(docs[0]))
    items = []
    for key in ("uptime", "response_times", "exclusions"):
        items += [(key, i.get("quote")) for i in truth.get(key) or []]
    sc = truth.get("service_credits") or {}
    items.append(("service_credits", sc.get("quote")))
    for key, q in items:
        if not q:
            continue
        for part in q.split(" | "):
            if _norm(part) not in whole:
                problems.append(f"{stem}: {key} quote part {part!r} not in text")
    return problems


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or sorted(CONTRACTS.glob("*.truth.yml"))
    problems = [p for t in paths for p in check(t)]
    print("\n".join(problems) or "all locate snippets and quotes found")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
