"""Every control's indicator reaches 3:1 against what it sits on, in light and in dark (WCAG
2.1 SC 1.4.11, non-text contrast): check and radio boxes, slider groove and handle, the pause
lane and the focus ring. The ratios are computed from the theme tokens, and the stylesheet is
checked to draw those controls with those tokens."""

from __future__ import annotations

import re

import pytest

from taketwo.paths import resource_path
from taketwo.ui.shell.theme import SCHEMES, tokens

MINIMUM = 3.0

# (what, the indicator's token, the backgrounds it sits on)
PAIRS = [
    ("check/radio box edge", "control_edge", ("surface", "window", "surface_alt")),
    ("checked box / radio dot", "accent", ("surface", "window", "surface_alt")),
    ("tick on a checked box", "accent_text", ("accent",)),
    ("slider groove", "control_edge", ("window", "surface", "surface_alt")),
    ("slider handle and played part", "accent", ("window", "surface", "surface_alt")),
    ("pause on the lane", "pause", ("lane",)),
    ("long pause on the lane", "long_pause", ("lane",)),
    ("play position on the lane", "text", ("lane",)),
    ("the lane itself", "lane", ()),
    ("focus ring", "focus", ("window", "surface", "surface_alt", "sidebar")),
    ("progress line and its points", "accent", ("window",)),
    ("best take's ring on the progress plot", "plot_best", ("window",)),
    ("comfort bars on the progress plot", "plot_comfort", ("window",)),
]


def luminance(hex_colour: str) -> float:
    channels = [int(hex_colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_formula_matches_known_values():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_every_indicator_reaches_three_to_one(scheme):
    colours = tokens()[scheme]
    table = []
    for what, mark, backgrounds in PAIRS:
        for background in backgrounds:
            ratio = contrast(colours[mark], colours[background])
            table.append((what, mark, background, round(ratio, 2)))
    low = [row for row in table if row[3] < MINIMUM]
    assert not low, f"{scheme}: below {MINIMUM}:1: {low}"


def rules(selector: str) -> str:
    sheet = resource_path("theme", "app.qss").read_text(encoding="utf-8")
    found = re.findall(r"([^{}]+)\{([^}]*)\}", sheet)
    return "\n".join(body for head, body in found if selector in head)


@pytest.mark.parametrize(
    ("selector", "token"),
    [
        ("QCheckBox::indicator", "@control_edge"),
        ("QRadioButton::indicator", "@control_edge"),
        ("QCheckBox::indicator:checked", "@accent"),
        ("QRadioButton::indicator:checked", "@accent"),
        ("QSlider::groove:horizontal", "@control_edge"),
        ("QSlider::handle:horizontal", "@accent"),
        ("QFocusFrame#focusRing", "@focus"),
    ],
)
def test_the_stylesheet_draws_them_with_those_tokens(selector, token):
    assert token in rules(selector), f"{selector} does not use {token}"


@pytest.mark.parametrize("scheme", SCHEMES)
def test_the_pause_lane_paints_with_the_tokens(qtbot, scheme):
    from PySide6.QtGui import QColor

    from taketwo.ui.shell import theme
    from taketwo.ui.widgets.pause_strip import PauseStrip

    theme.apply_theme(scheme)
    try:
        strip = PauseStrip()
        qtbot.addWidget(strip)
        strip.resize(200, 14)
        strip.set_pauses([(1.0, 2.0), (5.0, 9.0)], duration=10.0)
        image = strip.grab().toImage()
        colours = tokens()[scheme]
        assert image.pixelColor(30, 7) == QColor(colours["pause"])
        assert image.pixelColor(140, 7) == QColor(colours["long_pause"])
        assert image.pixelColor(80, 7) == QColor(colours["lane"])
    finally:
        theme.apply_theme("light")


@pytest.mark.parametrize(
    ("stock", "lucide"),
    [
        ("SP_DialogSaveButton", "check"),
        ("SP_DialogCancelButton", "x"),
        ("SP_DialogYesButton", "check"),
        ("SP_DialogNoButton", "x"),
        ("SP_LineEditClearButton", "x"),  # not looked up in the icon theme at start-up
    ],
)
def test_dialog_buttons_wear_lucide_icons(qapp, stock, lucide):
    from PySide6.QtWidgets import QDialogButtonBox, QStyle

    from taketwo.ui.shell import theme

    theme.apply_theme("dark")
    try:
        got = qapp.style().standardIcon(getattr(QStyle.StandardPixmap, stock)).pixmap(16, 16)
        want = theme.icon(lucide).pixmap(16, 16)
        assert got.toImage() == want.toImage()
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Save)
        save = box.button(QDialogButtonBox.StandardButton.Save)
        if not save.icon().isNull():  # the platform shows icons on dialog buttons
            check = theme.icon("check").pixmap(16, 16).toImage()
            assert save.icon().pixmap(16, 16).toImage() == check
    finally:
        theme.apply_theme("light")
