"""A web page saved from a browser (.html): most vendors publish their SLA as a page, so a buyer's
first file is often "Save page as". lxml parses the markup as a browser would (broken tags, any
charset); this module keeps what a reader sees of the contract and writes it as Markdown, which
the text reader already turns into headings, lists, clauses and tables.

Left out: scripts, styles, forms, hidden elements and the site's navigation, banner and footer
(when the page marks its main content, only that is read). Tables of data stay tables (written
as HTML table markup, which html_tables.py reads with its spans); a table used to lay out a whole
page, holding headings or other tables, is read as the blocks inside it.
"""
from __future__ import annotations

import html
from typing import Any

from sla_check.errors import IngestError

#: elements whose content is not contract text
_DROP = {"script", "style", "noscript", "template", "svg", "iframe", "object", "canvas", "form", "button",
         "select", "nav", "footer", "aside", "head", "menu", "dialog"}
#: ARIA roles of the site's furniture
_DROP_ROLES = {"navigation", "banner", "contentinfo", "search", "menu", "menubar", "dialog", "alertdialog"}
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_BLOCKS = {"p", "div", "section", "article", "main", "header", "blockquote", "address", "figure", "figcaption",
           "dl", "dt", "dd", "ul", "ol", "li", "hr", "table", "tr", "center", "details", "summary", "body", "html",
           "caption", "thead", "tbody", "tfoot", "td", "th"}
#: a table holding these, or a cell longer than this, lays out a page rather than listing data
_LAYOUT_INSIDE = {"table", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "p"}
_LONG_CELL = 600


def page_markdown(data: bytes) -> str:
    """The page's readable content as Markdown (a `title:` front matter from <title>)."""
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.document_fromstring(data)
    except (etree.ParserError, ValueError) as e:
        raise IngestError("empty", f"the web page has no content to read ({e})") from e
    title = " ".join((root.findtext(".//title") or "").split())
    main = _main(root)
    out = _Writer()
    out.block(main)
    body = out.text()
    if not body.strip():
        raise IngestError("empty", "the web page has no text (only markup, scripts or navigation)")
    head = f"---\ntitle: {title}\n---\n" if title else ""
    return head + body


def _hidden(el: Any) -> bool:
    style = (el.get("style") or "").replace(" ", "").lower()
    return el.get("hidden") is not None or el.get("aria-hidden") == "true" or "display:none" in style \
        or (el.get("role") or "").lower() in _DROP_ROLES


def _main(root: Any) -> Any:
    """The page's own content: <main> or role=main, else the single <article>, else the body."""
    for path in (".//main", ".//*[@role='main']"):
        found = root.find(path)
        if found is not None:
            return found
    articles = root.findall(".//article")
    if len(articles) == 1:
        return articles[0]
    body = root.find(".//body")
    return body if body is not None else root


class _Writer:
    """Markdown written block by block; inline text gathered into the open paragraph."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.para: list[str] = []
        self.prefix = ""
        self.list_depth = 0

    def text(self) -> str:
        self.flush()
        return "\n".join(self.lines).strip() + "\n"

    def flush(self) -> None:
        words = " ".join("".join(self.para).split())
        if words:
            self.lines += ["", self.prefix + words]
        self.para, self.prefix = [], ""

    def block(self, el: Any) -> None:
        """Write an element and what it holds."""
        tag = el.tag if isinstance(el.tag, str) else ""
        if not tag or tag in _DROP or _hidden(el):
            self._tail(el)
            return
        if tag in _HEADINGS:
            self.flush()
            self.inline_children(el)
            words = " ".join("".join(self.para).split())
            self.para = []
            if words:
                self.lines += ["", "#" * _HEADINGS[tag] + " " + words, ""]
        elif tag == "table" and not _layout(el):
            self.flush()
            self.lines += ["", *_table_markup(el), ""]
        elif tag == "li":
            self.flush()
            self.prefix = "  " * max(0, self.list_depth - 1) + "- "
            self.children(el)
            self.flush()
        elif tag in ("ul", "ol"):
            self.flush()
            self.list_depth += 1
            self.children(el)
            self.list_depth -= 1
            self.flush()
        elif tag == "br":
            self.para.append("\n")
            self.flush()
        elif tag == "pre":
            self.flush()
            self.lines += ["", *(line.rstrip() for line in el.text_content().splitlines()), ""]
        elif tag in _BLOCKS:
            self.flush()
            self.children(el)
            self.flush()
        else:  # inline: its text joins the open paragraph
            self.para.append(el.text or "")
            for child in el:
                self.block(child)
        self._tail(el)

    def children(self, el: Any) -> None:
        if el.text:
            self.para.append(el.text)
        for child in el:
            self.block(child)

    def inline_children(self, el: Any) -> None:
        self.para.append(el.text or "")
        for child in el:
            if isinstance(child.tag, str) and child.tag not in _DROP and not _hidden(child):
                self.para.append(child.text_content())
            self.para.append(child.tail or "")

    def _tail(self, el: Any) -> None:
        if el.tail:
            self.para.append(el.tail)


def _layout(table: Any) -> bool:
    for el in table.iterdescendants():
        if isinstance(el.tag, str) and el.tag in _LAYOUT_INSIDE and el.tag != "p":
            return True
    return any(len(c.text_content()) > _LONG_CELL for c in table.iter("td", "th"))


def _table_markup(table: Any) -> list[str]:
    """The table as plain HTML markup, one row per line: cells' text with their spans."""
    rows = [tr for tr in table.iter("tr") if _own(tr, table)]
    head = [_row(tr) for tr in rows if tr.getparent().tag == "thead"]
    body = [_row(tr) for tr in rows if tr.getparent().tag != "thead"]
    if not head and rows and _bold_row(rows[0]):  # a header typed as bold cells, not <th>
        head, body = [_row(rows[0], "th")], body[1:]
    return ["<table>", *(["<thead>", *head, "</thead>"] if head else []), *body, "</table>"]


def _own(tr: Any, table: Any) -> bool:
    """A row of this table, not of a table inside one of its cells."""
    parent = tr.getparent()
    while parent is not None and parent.tag != "table":
        parent = parent.getparent()
    return parent is table


def _row(tr: Any, tag: str = "") -> str:
    cells = []
    for cell in tr:
        if cell.tag not in ("td", "th"):
            continue
        spans = "".join(f' {a}="{cell.get(a)}"' for a in ("colspan", "rowspan") if cell.get(a))
        words = " ".join(cell.text_content().split())
        name = tag or cell.tag
        cells.append(f"<{name}{spans}>{html.escape(words, quote=False)}</{name}>")
    return "<tr>" + "".join(cells) + "</tr>"


def _bold_row(tr: Any) -> bool:
    """Every cell of the row is text set wholly in bold (<b>, <strong>)."""
    cells = [c for c in tr if c.tag in ("td", "th")]
    if len(cells) < 2:
        return False
    for cell in cells:
        text = " ".join(cell.text_content().split())
        bold = " ".join(" ".join(b.text_content() for b in cell.iter("b", "strong")).split())
        if not text or bold != text:
            return False
    return True
