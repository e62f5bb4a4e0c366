"""Pages shown turned: a landscape table page is often a portrait page with /Rotate 90.

pdfium reports glyph and path boxes on the page as drawn, before its /Rotate turns it for
display; pdfplumber (pdfminer) reports them as shown. Layout reads lines left to right, top
to bottom, so the fast engine turns every box the way the page is shown before layout sees it.
"""
from __future__ import annotations

from typing import Any, Optional

from sla_check.ingest.model import Char
from sla_check.ingest.pdfium_tables import edge

Box = tuple[float, float, float, float]


class Turn:
    """Maps top-down boxes on the page as drawn (`width` x `height`) to the page as shown,
    turned clockwise by `rotation` degrees (90, 180 or 270)."""

    def __init__(self, rotation: int, width: float, height: float) -> None:
        self.rotation, self.width, self.height = rotation, width, height

    def box(self, x0: float, top: float, x1: float, bottom: float) -> Box:
        w, h = self.width, self.height
        if self.rotation == 90:
            return h - bottom, x0, h - top, x1
        if self.rotation == 180:
            return w - x1, h - bottom, w - x0, h - top
        return top, w - x1, bottom, w - x0  # 270

    def inverse(self) -> "Turn":
        """The Turn from the page as shown back to the page as drawn."""
        if self.rotation == 180:
            return Turn(180, self.width, self.height)
        return Turn(360 - self.rotation, self.height, self.width)

    def point(self, x: float, top: float) -> tuple[float, float]:
        x0, t0, _, _ = self.box(x, top, x, top)
        return x0, t0

    def char(self, c: Char) -> Char:
        return Char(c.text, *self.box(c.x0, c.top, c.x1, c.bottom), c.index)

    def edge(self, e: dict[str, Any]) -> dict[str, Any]:
        x0, top, x1, bottom = self.box(e["x0"], e["top"], e["x1"], e["bottom"])
        orientation = e["orientation"]
        if self.rotation != 180:
            orientation = "v" if orientation == "h" else "h"
        return edge(x0, x1, top, bottom, orientation, e["object_type"])


def page_turn(rotation: int, mediabox: tuple[float, float, float, float]) -> Optional[Turn]:
    """The Turn of a page with this /Rotate, or None for an upright page (or a value PDF does not allow)."""
    rotation %= 360
    if rotation not in (90, 180, 270):
        return None
    return Turn(rotation, mediabox[2] - mediabox[0], mediabox[3] - mediabox[1])
