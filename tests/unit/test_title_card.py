"""The title card draws the question as typed, accents and CJK included, with a real font."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from taketwo.media import title_card as card_module
from taketwo.media.title_card import BACKGROUND, FONT_FILES, title_card
from tests.support.needs import require

FRENCH = "Pourquoi avez-vous quitté votre dernier poste ? Größte Schwäche…"
W, H = 640, 360


def ink(image: np.ndarray) -> int:
    """How many pixels are not the background."""
    return int((np.abs(image.astype(int) - BACKGROUND[::-1]).sum(axis=2) > 60).sum())


def test_accents_are_drawn_not_dropped():
    accented = title_card("quitté", W, H)
    plain = title_card("quitte", W, H)
    assert ink(accented) > ink(plain)  # the accent is there
    assert ink(title_card("é", W, H)) > 0


def test_the_french_question_differs_from_its_ascii_rendering():
    real = title_card(FRENCH, W, H)
    ascii_only = card_module._ascii_card(FRENCH, W, H)
    assert real.shape == ascii_only.shape == (H, W, 3)
    assert real.dtype == np.uint8
    assert ink(real) > 500
    assert not np.array_equal(real, ascii_only)
    # ß, ö, ä and … each change the card: nothing was folded to ASCII or left out
    for typed, folded in (("Größte", "Grosste"), ("Schwäche…", "Schwache...")):
        assert not np.array_equal(title_card(typed, W, H), title_card(folded, W, H))


def test_a_character_no_font_has_is_left_out_not_drawn_as_a_box():
    assert np.array_equal(title_card("Why us? \U0001f680", W, H), title_card("Why us?", W, H))
    assert ink(title_card("\U0010fffd", W, H)) == 0


def test_cjk_is_drawn_with_a_font_that_has_it():
    require(
        any(Path(f).is_file() for f in FONT_FILES if "cjk" in f.lower() or "droid" in f),
        "needs a CJK font (fonts-droid-fallback)",
    )
    cjk = title_card("自己紹介をしてください", W, H)
    assert ink(cjk) > 500
    assert not np.array_equal(cjk, title_card("自己紹介", W, H))


def test_a_long_question_wraps_and_stays_on_the_card():
    image = title_card(" ".join(["Describe a difficult decision"] * 12), W, H)
    rows = np.flatnonzero(np.abs(image.astype(int) - BACKGROUND[::-1]).sum(axis=(1, 2)) > 0)
    assert rows.min() > 0
    assert rows.max() < H - 1
    assert rows.max() - rows.min() > H / 3  # several lines, not one squeezed line


def test_with_no_font_at_all_the_ascii_card_is_drawn(monkeypatch):
    monkeypatch.setattr(card_module, "FONT_FILES", ())
    card_module._fonts.cache_clear()
    try:
        assert ink(title_card(FRENCH, W, H)) > 500
    finally:
        card_module._fonts.cache_clear()


def test_line_breaks_in_the_question_are_spaces():
    assert np.array_equal(title_card("Why\nthis\tjob?", W, H), title_card("Why this job?", W, H))
