"""What Word shows a reader, from the WordprocessingML itself: paragraphs inside content
controls, tracked changes read as accepted, text boxes, and the clause numbers Word
generates from its numbering definitions.

python-docx's `Paragraph.text` and `Document.paragraphs` see none of these: a clause in a
content control, an inserted figure in a redline or the "4.2" of an auto-numbered heading
would be silently lost, and vendors send exactly such files.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator, Optional

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"

#: containers whose children are block-level content (content controls, custom XML, tracked moves)
_BLOCK_WRAPPERS = {f"{W}sdt", f"{W}sdtContent", f"{W}customXml", f"{W}ins", f"{W}moveTo"}
#: subtrees that hold no visible text of the paragraph: deleted or moved-away text, properties,
#: a content control's settings, the fallback copy of a drawing, text boxes (read on their own)
_SKIP = {f"{W}del", f"{W}moveFrom", f"{W}pPr", f"{W}rPr", f"{W}sdtPr", f"{MC}Fallback", f"{W}txbxContent",
         f"{W}instrText", f"{W}delText", f"{W}footnoteReference", f"{W}endnoteReference"}
_PLACEHOLDER = re.compile(r"%([1-9])")
_CHANGES = (f"{W}ins", f"{W}del", f"{W}moveFrom", f"{W}moveTo")


def block_elements(container: Any) -> Iterator[Any]:
    """The paragraphs (w:p) and tables (w:tbl) of a body or cell in reading order, looking
    inside content controls and other block wrappers."""
    for child in container.iterchildren():
        tag = child.tag
        if tag == f"{W}p" or tag == f"{W}tbl":
            yield child
        elif tag in _BLOCK_WRAPPERS:
            yield from block_elements(child)


def paragraph_text(p: Any) -> str:
    """The paragraph as Word shows it with every tracked change accepted: insertions in,
    deletions out, tabs kept as tabs (a tab-aligned row is a table row)."""
    out: list[str] = []
    _walk_text(p, out)
    return "".join(out)


def _walk_text(el: Any, out: list[str]) -> None:
    for child in el.iterchildren():
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP:
            continue
        if tag == f"{W}t":
            out.append(child.text or "")
        elif tag == f"{W}tab" or tag == f"{W}ptab":
            out.append("\t")
        elif tag in (f"{W}br", f"{W}cr"):
            out.append(" ")
        elif tag == f"{W}noBreakHyphen":
            out.append("-")
        else:
            _walk_text(child, out)


def text_boxes(p: Any) -> list[Any]:
    """The paragraphs of the text boxes anchored in a paragraph (one copy of each: the
    fallback drawing of a box repeats its text)."""
    found: list[Any] = []
    for box in p.iter(f"{W}txbxContent"):
        if any(a.tag == f"{MC}Fallback" for a in box.iterancestors()):
            continue
        found.extend(e for e in block_elements(box) if e.tag == f"{W}p")
    return found


def has_tracked_changes(body: Any) -> bool:
    return any(True for _ in body.iter(*_CHANGES))


def cell_text(tc: Any) -> str:
    """A table cell's text: its paragraphs (content controls included), nested tables' text."""
    parts: list[str] = []
    for el in block_elements(tc):
        if el.tag == f"{W}p":
            parts.append(paragraph_text(el))
        else:
            for row in el.iterchildren(f"{W}tr"):
                parts.extend(cell_text(c) for c in row.iterchildren(f"{W}tc"))
    return "\n".join(x for x in parts if x.strip())


# --------------------------------------------------------------------------- numbering


def _val(el: Any, tag: str) -> Optional[str]:
    child = el.find(f"{W}{tag}") if el is not None else None
    return child.get(f"{W}val") if child is not None else None


def _int(text: Optional[str], default: int) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


def _roman(n: int) -> str:
    out = []
    for value, letters in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                           (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def _letter(n: int) -> str:
    """Word's letters: a..z, then aa..zz, aaa.. (the letter repeated, not base 26)."""
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else ""


_FORMATS: dict[str, Callable[[int], str]] = {
    "decimal": str, "decimalZero": lambda n: f"{n:02d}", "lowerLetter": _letter,
    "upperLetter": lambda n: _letter(n).upper(), "lowerRoman": _roman, "upperRoman": lambda n: _roman(n).upper(),
    "ordinal": str, "cardinalText": str, "ordinalText": str,
}


@dataclass
class _Level:
    start: int
    fmt: str
    text: str  # lvlText: "%1.%2", "(%3)"
    legal: bool  # isLgl: every number shown as a decimal ("1.1" under an "A." heading)
    restart: Optional[int]  # lvlRestart: the level (1-based) whose new item restarts this one; 0 = never
    style: Optional[str]  # pStyle: the paragraph style this level numbers (Heading2)


@dataclass
class Numbering:
    """Word's list and heading numbers, counted in document order as Word counts them."""

    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)  # abstractNumId -> ilvl -> level
    nums: dict[str, str] = field(default_factory=dict)  # numId -> abstractNumId
    overrides: dict[str, dict[int, int]] = field(default_factory=dict)  # numId -> ilvl -> start
    style_num: dict[str, tuple[str, Optional[int]]] = field(default_factory=dict)  # styleId -> (numId, ilvl)
    counters: dict[str, list[int]] = field(default_factory=dict)  # abstractNumId -> count per level (0: unused)
    started: set[str] = field(default_factory=set)  # numIds whose start overrides were applied

    @classmethod
    def read(cls, document: Any) -> "Numbering":
        """From the document's numbering and styles parts (either may be missing)."""
        numbering = cls()
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            root = None
        if root is not None:
            for a in root.iterchildren(f"{W}abstractNum"):
                aid = a.get(f"{W}abstractNumId")
                levels = numbering.levels.setdefault(str(aid), {})
                for lvl in a.iterchildren(f"{W}lvl"):
                    restart = _val(lvl, "lvlRestart")
                    levels[_int(lvl.get(f"{W}ilvl"), 0)] = _Level(
                        _int(_val(lvl, "start"), 1), _val(lvl, "numFmt") or "decimal", _val(lvl, "lvlText") or "",
                        lvl.find(f"{W}isLgl") is not None and _val(lvl, "isLgl") not in ("0", "false"),
                        None if restart is None else _int(restart, 0), _val(lvl, "pStyle"))
            for n in root.iterchildren(f"{W}num"):
                nid, aid = n.get(f"{W}numId"), _val(n, "abstractNumId")
                if nid is None or aid is None:
                    continue
                numbering.nums[nid] = aid
                for o in n.iterchildren(f"{W}lvlOverride"):
                    start = _val(o, "startOverride")
                    if start is not None:
                        numbering.overrides.setdefault(nid, {})[_int(o.get(f"{W}ilvl"), 0)] = _int(start, 1)
        numbering._read_styles(document)
        return numbering

    def _read_styles(self, document: Any) -> None:
        """Numbering a paragraph style carries (headings numbered by their style), inherited
        through `basedOn`."""
        try:
            styles = document.styles.element
        except AttributeError:
            return
        own: dict[str, tuple[Optional[str], Optional[int]]] = {}
        based: dict[str, str] = {}
        for s in styles.iterchildren(f"{W}style"):
            sid = s.get(f"{W}styleId")
            if sid is None:
                continue
            parent = _val(s, "basedOn")
            if parent:
                based[sid] = parent
            ppr = s.find(f"{W}pPr")
            num = ppr.find(f"{W}numPr") if ppr is not None else None
            if num is not None:
                level = _val(num, "ilvl")
                own[sid] = (_val(num, "numId"), None if level is None else _int(level, 0))
        for sid in set(own) | set(based):
            seen: set[str] = set()
            cur: Optional[str] = sid
            while cur is not None and cur not in own and cur not in seen:
                seen.add(cur)
                cur = based.get(cur)
            if cur is not None and cur in own:
                nid, ilvl = own[cur]
                if nid is not None:
                    self.style_num[sid] = (nid, ilvl)

    def label(self, p: Any) -> tuple[Optional[str], bool]:
        """The number Word shows before paragraph `p` ("4.2", "(b)"), counting it; and whether
        the paragraph is an item of a list at all (bullets have no number to show)."""
        nid, ilvl, style = self._num_of(p)
        if nid is None or nid not in self.nums:
            return None, False
        aid = self.nums[nid]
        levels = self.levels.get(aid, {})
        if ilvl is None:  # a style's numbering without a level: the level that names the style
            ilvl = next((i for i, lv in levels.items() if lv.style == style), 0)
        level = levels.get(ilvl)
        if level is None:
            return None, True
        overrides = self.overrides.get(nid, {})
        counts = self.counters.setdefault(aid, [0] * 9)
        if overrides and nid not in self.started:  # a list that starts its numbers again
            self.started.add(nid)
            counts[:] = [0] * 9
        counts[ilvl] = counts[ilvl] + 1 if counts[ilvl] else overrides.get(ilvl, level.start)
        for deeper, lv in levels.items():  # a new item restarts the levels below it
            if deeper > ilvl and lv.restart != 0:
                counts[deeper] = 0
        if level.fmt in ("bullet", "none") or not level.text:
            return None, True

        def number(m: re.Match[str]) -> str:
            i = int(m.group(1)) - 1
            lv = levels.get(i)
            n = counts[i] or (overrides.get(i, lv.start) if lv else 1)
            fmt = "decimal" if level.legal or lv is None or lv.fmt not in _FORMATS else lv.fmt
            return _FORMATS[fmt](n)

        return _PLACEHOLDER.sub(number, level.text).strip() or None, True

    def _num_of(self, p: Any) -> tuple[Optional[str], Optional[int], Optional[str]]:
        ppr = p.find(f"{W}pPr")
        style = _val(ppr, "pStyle") if ppr is not None else None
        num = ppr.find(f"{W}numPr") if ppr is not None else None
        if num is not None:
            nid, ilvl = _val(num, "numId"), _val(num, "ilvl")
            if nid is not None:
                return nid, _int(ilvl, 0), style
            if ilvl is not None and style in self.style_num:  # the style's list, this paragraph's level
                return self.style_num[style][0], _int(ilvl, 0), style
        if style is not None and style in self.style_num:
            nid, lvl = self.style_num[style]
            return nid, lvl, style
        return None, None, style


