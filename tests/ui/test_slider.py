"""The scrubber: a press on the track jumps there, and dragging on from it moves the handle."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt

from taketwo.ui.playback.transport import TransportBar

pytest_plugins = ["tests.support.ui_fixtures"]


@pytest.fixture
def bar(qtbot):
    bar = TransportBar()
    qtbot.addWidget(bar)
    bar.resize(900, 40)
    bar.show()
    qtbot.waitExposed(bar)
    bar.set_duration(10.0)
    return bar


def at(slider, fraction: float) -> QPoint:
    return QPoint(round(slider.width() * fraction), slider.height() // 2)


def test_a_press_on_the_track_jumps_there_and_a_drag_follows(qtbot, bar):
    slider = bar.slider
    assert slider.value() == 0
    seeks: list[float] = []
    bar.seek_requested.connect(seeks.append)
    qtbot.mousePress(slider, Qt.MouseButton.LeftButton, pos=at(slider, 0.75))
    assert slider.isSliderDown()
    assert slider.value() == pytest.approx(7500, abs=250)  # not one 5 s page step
    qtbot.mouseMove(slider, at(slider, 0.4))
    assert slider.value() == pytest.approx(4000, abs=250)
    qtbot.mouseMove(slider, at(slider, 0.5))
    qtbot.mouseRelease(slider, Qt.MouseButton.LeftButton, pos=at(slider, 0.5))
    assert not slider.isSliderDown()
    assert slider.value() == pytest.approx(5000, abs=250)
    assert seeks
    assert seeks[-1] == pytest.approx(5.0, abs=0.25)  # the last place dragged to is shown


def test_playback_does_not_move_the_handle_while_it_is_held(qtbot, bar):
    slider = bar.slider
    qtbot.mousePress(slider, Qt.MouseButton.LeftButton, pos=at(slider, 0.25))
    bar.set_position(9.0)
    assert slider.value() == pytest.approx(2500, abs=250)
    qtbot.mouseRelease(slider, Qt.MouseButton.LeftButton, pos=at(slider, 0.25))
    bar.set_position(9.0)
    assert slider.value() == 9000


def test_a_press_on_the_handle_drags_it_without_a_jump(qtbot, bar):
    slider = bar.slider
    bar.set_position(5.0)
    handle_x = slider.x_of(5000)
    qtbot.mousePress(slider, Qt.MouseButton.LeftButton, pos=QPoint(handle_x, slider.height() // 2))
    assert slider.value() == pytest.approx(5000, abs=250)
    qtbot.mouseMove(slider, QPoint(handle_x + slider.width() // 10, slider.height() // 2))
    assert slider.value() == pytest.approx(6000, abs=300)
    qtbot.mouseRelease(slider, Qt.MouseButton.LeftButton)


def test_review_plays_from_where_the_track_was_pressed(qtbot, stocked_library):
    from taketwo.ui.playback.review import ReviewScreen
    from tests.support.ui_fixtures import show_active, wait_loaded

    screen = ReviewScreen(stocked_library.library)
    qtbot.addWidget(screen)
    show_active(qtbot, screen)
    screen.show_take(stocked_library.take_id(2))
    wait_loaded(qtbot, screen.player)
    slider = screen.transport.slider
    duration = screen.player.duration
    qtbot.mousePress(slider, Qt.MouseButton.LeftButton, pos=at(slider, 0.75))
    qtbot.mouseRelease(slider, Qt.MouseButton.LeftButton, pos=at(slider, 0.75))
    qtbot.waitUntil(lambda: abs(screen.player.position - 0.75 * duration) < 0.1, timeout=3000)
    screen.close()
