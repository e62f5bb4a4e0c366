"""The speed paths give the answers of the plain code they stand in for (same bytes, same
errors, same hits), on ordinary input and on the input they hand back to the plain code."""
from __future__ import annotations

import base64
import random
import re

from sla_check.extractors._cues import cue_regex, cue_scanner
from sla_check.ingest import guard, ocr
from sla_check.report import layout


def _a85(fn, data: bytes):  # type: ignore[no-untyped-def]
    try:
        return fn(data)
    except ValueError as e:
        return ("error", str(e))


def test_ascii85_decoder_matches_the_standard_one_on_good_and_damaged_streams():
    rng = random.Random(12)
    for size in range(0, 40):
        for _ in range(40):
            raw = bytes(rng.randrange(256) for _ in range(size)) if rng.random() < 0.7 else bytes(size)
            enc = base64.a85encode(raw)
            cases = [enc, enc[: rng.randrange(len(enc) + 1)], enc + b"!", b"uuuuu" + enc]
            if enc:
                flipped = bytearray(enc)
                flipped[rng.randrange(len(enc))] = rng.randrange(256)
                cases.append(bytes(flipped))
            for case in cases:
                case = re.sub(rb"\s+", b"", case)
                assert _a85(guard._a85decode, case) == _a85(base64.a85decode, case), case


def test_stream_keywords_are_found_where_the_look_behind_pattern_finds_them(tmp_path):
    import mmap

    old = re.compile(rb"(?<![A-Za-z])stream(?:\r\n|\n|\r)")
    rng = random.Random(5)
    pieces = [b"stream", b"endstream", b"\r", b"\n", b"x", b" ", b"S", b"0 obj"]
    for n in range(300):
        data = b"%" + b"".join(rng.choice(pieces) for _ in range(rng.randrange(1, 14)))
        path = tmp_path / f"{n}.bin"
        path.write_bytes(data)
        with open(path, "rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as mm:
            assert [m.span() for m in guard._streams(mm)] == [m.span() for m in old.finditer(data)], data


def test_cue_scanner_finds_what_the_ignorecase_regex_finds():
    phrases = ["managed hosting", "hosting", "sd-wan", "co-location", "it support", "cross connect", "kelvin cloud"]
    texts = ["Managed  Hosting and HOSTING-services", "SD WAN, sd-wan and Sd-Wan", "co location; Co-Location",
             "IT SUPPORT", "ıt support and İT support", "ſd-wan", "KELVIN CLOUD", "cross-connect/cross connect",
             "unhosting hosting-x", ""]
    exact, fast = cue_regex(phrases), cue_scanner(phrases)
    for text in texts:
        assert fast.findall(text) == exact.findall(text), text
        assert fast.search(text) == (exact.search(text) is not None), text


def test_ocr_text_layer_counts_match_the_regex_counts():
    rng = random.Random(3)
    alphabet = [chr(c) for c in range(128)] + ["\u00e9", "\ue000", "\ufffd", "\u2003"]
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 60)))
        shown = len(re.sub(r"\s+|([-=_.*~])\1{2,}", "", text))  # typed rules are drawing, not glyphs
        readable = len(re.sub(r"[\W_]+", "", text))
        expected = readable < ocr.MIN_PAGE_CHARS or readable < ocr.READABLE_SHARE * shown
        assert ocr.unusable_text(text) == expected, repr(text)


def test_row_heights_match_measuring_every_word():
    """count_lines against a plain greedy wrap that measures every paragraph and word."""
    def plain(text: str, width: float, bold: bool) -> int:
        room, space, lines = layout.column_px(width), layout.text_px(" ", bold), 0
        for paragraph in text.split("\n"):
            lines += 1
            if layout.text_px(paragraph, bold) <= room:
                continue
            used = 0.0
            for word in layout.words(paragraph):
                w = layout.text_px(word, bold)
                if used and used + space + w <= room:
                    used += space + w
                    continue
                if used:
                    lines += 1
                if w <= room:
                    used = w
                    continue
                used = 0.0
                for ch in word:
                    c = layout.text_px(ch, bold)
                    if used and used + c > room:
                        lines += 1
                        used = 0.0
                    used += c
        return max(1, lines)

    rng = random.Random(9)
    for _ in range(3000):
        words = ["".join(rng.choice("ilmWw.,é@ ab") for _ in range(rng.randint(1, 12))) for _ in range(rng.randint(1, 20))]
        text = rng.choice([" ", "\n"]).join(words)
        width, bold = rng.choice([4, 8.43, 12, 18, 30, 56]), rng.random() < 0.5
        assert layout.count_lines(text, width, bold) == plain(text, width, bold), (text, width, bold)
