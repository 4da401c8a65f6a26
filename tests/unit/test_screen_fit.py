"""A window's frame is brought inside the screen's available area: moved first, shrunk only
when it is bigger than the area (a geometry saved on a larger screen, say)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect

from taketwo.ui.shell.screen_fit import fitted

LAPTOP = QRect(0, 0, 1366, 740)  # 1366x768 less a 28 px panel


@pytest.mark.parametrize(
    ("frame", "expected"),
    [
        (QRect(10, 10, 1200, 700), QRect(10, 10, 1200, 700)),  # already inside: untouched
        (QRect(300, 100, 1200, 700), QRect(166, 40, 1200, 700)),  # moved back, same size
        (QRect(-50, -20, 1200, 700), QRect(0, 0, 1200, 700)),
        (QRect(0, 0, 1920, 1080), QRect(0, 0, 1366, 740)),  # saved on a big screen: shrunk
        (QRect(2000, 900, 1323, 760), QRect(43, 0, 1323, 740)),  # off to the side, too tall
    ],
)
def test_fitted(frame, expected):
    assert fitted(frame, LAPTOP) == expected
    assert LAPTOP.contains(fitted(frame, LAPTOP))
