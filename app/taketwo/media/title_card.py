"""The title card: the question in white on a dark background, drawn with a real font so
"Pourquoi avez-vous quitté…", "Größte Schwäche?" or "自己紹介をしてください" read as typed.

Fonts are the system's (``fonts-dejavu-core`` is installed with Take Two; a CJK font such as
``fonts-droid-fallback`` or ``fonts-noto-cjk`` is used when present). Each character is drawn
with the first font that has it; one no font has (an emoji, usually) is left out rather than
drawn as an empty box. With no font at all, OpenCV's built-in ASCII font still draws the card.
"""

from __future__ import annotations

import functools
import textwrap
import unicodedata
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

FONT_FILES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
    "/usr/share/fonts/truetype/freefont/FreeSans.ttf",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
)
BACKGROUND = (28, 32, 40)  # RGB
INK = (245, 245, 245)
MAX_LINES = 6
MISSING = "\U0010fffd"  # a private-use code point no font draws: it shows the font's empty box

Font = ImageFont.FreeTypeFont


@functools.cache
def _fonts(size: int) -> tuple[Font, ...]:
    found = []
    for name in FONT_FILES:
        if Path(name).is_file():
            try:
                found.append(ImageFont.truetype(name, size))
            except OSError:
                continue  # unreadable or not a font: the next one will do
    return tuple(found)


@functools.cache
def _blank_glyph(font: Font) -> bytes:
    return _glyph(font, MISSING)


def _glyph(font: Font, char: str) -> bytes:
    mask = font.getmask(char)
    return repr(mask.size).encode() + bytes(np.asarray(mask))


@functools.cache
def _has(font: Font, char: str) -> bool:
    return char.isspace() or _glyph(font, char) != _blank_glyph(font)


def _font_for(fonts: tuple[Font, ...], char: str) -> Font | None:
    return next((f for f in fonts if _has(f, char)), None)


def _runs(text: str, fonts: tuple[Font, ...]) -> list[tuple[str, Font]]:
    """``text`` cut into pieces that one font draws; characters no font has are dropped."""
    runs: list[tuple[str, Font]] = []
    for char in text:
        font = _font_for(fonts, char) if unicodedata.category(char)[0] != "C" else None
        if font is None:
            continue
        if runs and runs[-1][1] is font:
            runs[-1] = (runs[-1][0] + char, font)
        else:
            runs.append((char, font))
    return runs


def _wrap(text: str, fonts: tuple[Font, ...], width: float) -> list[str]:
    """Greedy wrapping at spaces; a word wider than the line (CJK has no spaces) is cut
    between characters."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if _line_width(candidate, fonts) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = ""
        for char in word:
            if line and _line_width(line + char, fonts) > width:
                lines.append(line)
                line = ""
            line += char
    if line:
        lines.append(line)
    return lines


def _line_width(text: str, fonts: tuple[Font, ...]) -> float:
    return sum(font.getlength(piece) for piece, font in _runs(text, fonts))


def title_card(text: str, width: int, height: int) -> np.ndarray:
    """The card as a BGR image of ``width`` x ``height``."""
    text = " ".join(unicodedata.normalize("NFC", text).split())
    size = max(12, round(height / 16))
    fonts = _fonts(size)
    if not fonts:
        return _ascii_card(text, width, height)
    text = " ".join("".join(piece for piece, _font in _runs(text, fonts)).split())
    lines = _wrap(text, fonts, width * 0.85)
    if len(lines) > MAX_LINES:
        lines = [*lines[: MAX_LINES - 1], lines[MAX_LINES - 1].rstrip() + " …"]
    image = Image.new("RGB", (width, height), BACKGROUND)
    draw = ImageDraw.Draw(image)
    step = round(size * 1.45)
    ascent = fonts[0].getmetrics()[0]
    y = (height - step * len(lines)) // 2
    for line in lines:
        runs = _runs(line, fonts)
        x = (width - sum(font.getlength(piece) for piece, font in runs)) / 2
        for piece, font in runs:
            # Align every font on one baseline: the first font's.
            draw.text((x, y + ascent), piece, font=font, fill=INK, anchor="ls")
            x += font.getlength(piece)
        y += step
    return np.ascontiguousarray(np.asarray(image)[:, :, ::-1])


def _ascii_card(text: str, width: int, height: int) -> np.ndarray:
    """OpenCV's Hershey font, ASCII only: for a system with no font file at all."""
    image = np.full((height, width, 3), BACKGROUND[::-1], np.uint8)
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    scale = max(0.4, height / 720 * 1.2)
    thickness = max(1, round(scale * 2))
    (char_w, line_h), _ = cv2.getTextSize("M", cv2.FONT_HERSHEY_SIMPLEX, scale, thickness)
    lines = textwrap.wrap(ascii_text, max(10, int(width * 0.85 / max(1, char_w * 0.8))))
    lines = lines[:MAX_LINES]
    step = int(line_h * 1.8)
    y = (height - step * len(lines)) // 2 + line_h
    for line in lines:
        (lw, _), _ = cv2.getTextSize(line, cv2.FONT_HERSHEY_SIMPLEX, scale, thickness)
        cv2.putText(
            image,
            line,
            ((width - lw) // 2, y),
            cv2.FONT_HERSHEY_SIMPLEX,
            scale,
            INK,
            thickness,
            cv2.LINE_AA,
        )
        y += step
    return image
