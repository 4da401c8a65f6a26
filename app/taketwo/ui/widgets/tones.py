"""Colours that carry a meaning (good, warning, bad...), fitted to the widget's palette.

A palette has no "green for done", so each tone is a hue blended towards the palette's own
base and text colours: the same badge reads on a light and a dark theme. One place for these,
so a theme can change them without touching the widgets that draw them.
"""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtGui import QColor, QPalette


class Tone(StrEnum):
    GOOD = "good"  # comfortable, resolved, an offer
    ACTIVE = "active"  # practising, advanced
    WARN = "warn"  # a note due, a take recovered after a crash
    BAD = "bad"  # do-or-die, overdue, rejected
    STAR = "star"  # starred takes
    NEUTRAL = "neutral"  # a plain label: a mistake's kind, pending


_HUES = {
    Tone.GOOD: QColor(46, 160, 90),
    Tone.ACTIVE: QColor(56, 120, 220),
    Tone.WARN: QColor(222, 140, 20),
    Tone.BAD: QColor(214, 69, 69),
    Tone.STAR: QColor(205, 160, 0),
}


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def mix(a: QColor, b: QColor, share_of_b: float) -> QColor:
    k = max(0.0, min(1.0, share_of_b))
    return QColor(
        round(a.red() * (1 - k) + b.red() * k),
        round(a.green() * (1 - k) + b.green() * k),
        round(a.blue() * (1 - k) + b.blue() * k),
    )


def ink(palette: QPalette, tone: Tone) -> QColor:
    """The tone as a strong colour for lines, dots and outlines, readable on the base."""
    text = palette.color(QPalette.ColorRole.Text)
    hue = _HUES.get(tone)
    if hue is None:
        return mix(palette.color(QPalette.ColorRole.Base), text, 0.55)
    return hue.lighter(135) if is_dark(palette) else hue.darker(110)


def fill(palette: QPalette, tone: Tone) -> QColor:
    """The tone as a soft background under text in the palette's text colour."""
    base = palette.color(QPalette.ColorRole.Base)
    if tone is Tone.NEUTRAL:
        return mix(base, palette.color(QPalette.ColorRole.Text), 0.10)
    return mix(base, _HUES[tone], 0.34 if is_dark(palette) else 0.22)


def rating_tone(rating: int) -> Tone:
    """A comfort rating from 1 to 5 as a tone: red when shaky, amber midway, green when sure."""
    return Tone.BAD if rating <= 2 else Tone.WARN if rating == 3 else Tone.GOOD


def match_fill(palette: QPalette) -> QColor:
    """Behind a search match: a marker-pen yellow that keeps the text readable."""
    base = palette.color(QPalette.ColorRole.Base)
    return mix(base, QColor(250, 204, 21), 0.45 if is_dark(palette) else 0.55)
