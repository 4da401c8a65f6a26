"""Rehearse holds still: nothing moves when a take starts, stops, or the rating bar appears,
and a long warning does not squeeze the preview."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt

from taketwo.ui.rehearse.recorder_controller import RecorderController, RecState
from taketwo.ui.rehearse.screen import RehearseScreen
from tests.support.waits import flush_events, wait_recorded


@pytest.fixture
def screen(qtbot, library, settings, runner, question):
    controller = RecorderController(runner)
    widget = RehearseScreen(library, controller, settings)
    qtbot.addWidget(widget)
    widget.set_question(question.id)
    widget.resize(1180, 640)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    controller.close_devices()


def place(widget, screen) -> QRect:
    return QRect(widget.mapTo(screen, QPoint(0, 0)), widget.size())


def layout_of(screen) -> dict[str, QRect]:
    return {
        name: place(w, screen)
        for name, w in (
            ("preview", screen.preview),
            ("record", screen.record),
            ("camera", screen.camera_box),
            ("microphone", screen.mic_box),
            ("countdown", screen.countdown),
            ("meter", screen.meter),
            ("elapsed", screen.elapsed),
        )
    }


def test_nothing_moves_while_recording_or_when_the_rating_bar_appears(qtbot, screen):
    screen.controller.open_devices("demo", "demo", (320, 240), 30)
    qtbot.waitUntil(lambda: screen.controller.state is RecState.PREVIEW, timeout=10000)
    qtbot.waitUntil(lambda: screen.preview.frames_shown > 3, timeout=5000)
    before = layout_of(screen)
    assert not screen.rating.isVisible()
    assert screen.keys_hint.isVisible(), "the keys are shown where the rating bar will be"

    qtbot.keyClick(screen, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: screen.controller.state is RecState.RECORDING, timeout=5000)
    wait_recorded(qtbot, screen.controller, 1.3)  # a take under a second is refused
    assert screen.record.text() == "Stop (Space)"
    assert "Space stops" in screen.keys_hint.text()
    assert layout_of(screen) == before, "recording moves nothing"

    with qtbot.waitSignal(screen.take_saved, timeout=15000):
        qtbot.keyClick(screen, Qt.Key.Key_Space)

    qtbot.waitUntil(screen.rating.isVisible)
    assert not screen.keys_hint.isVisible()
    flush_events()
    assert layout_of(screen) == before, "the rating bar has its room already"

    screen.say("A long warning " * 30, warn=True)
    flush_events()
    assert layout_of(screen) == before, "a long status message does not squeeze the preview"
