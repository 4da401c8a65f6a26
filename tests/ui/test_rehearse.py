"""Rehearse: Space records takes into the library, Esc cancels, 1-5 rates, errors are shown."""

from __future__ import annotations

import errno
from types import SimpleNamespace

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from taketwo.capture import encoder
from taketwo.capture.levels import AudioLevel
from taketwo.devices.base import VideoFrame
from taketwo.domain.take import TakeState
from taketwo.ui.rehearse.recorder_controller import RecorderController, RecState
from taketwo.ui.rehearse.screen import RehearseScreen
from tests.support.media_checks import ffprobe
from tests.support.waits import wait_recorded


@pytest.fixture
def screen(qtbot, library, settings, runner, question):
    controller = RecorderController(runner)
    widget = RehearseScreen(library, controller, settings)
    qtbot.addWidget(widget)
    widget.set_question(question.id)
    widget.show()
    yield widget
    controller.close_devices()


def open_demo(qtbot, screen, camera="demo", mic="demo"):
    screen.controller.open_devices(camera, mic, (320, 240), 30)
    qtbot.waitUntil(lambda: screen.controller.state is RecState.PREVIEW, timeout=10000)
    qtbot.waitUntil(lambda: screen.preview.frames_shown > 3, timeout=5000)


def record_take(qtbot, screen, seconds=1.2):
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: screen.controller.state is RecState.RECORDING, timeout=5000)
    wait_recorded(qtbot, screen.controller, seconds)
    with qtbot.waitSignal(screen.take_saved, timeout=15000) as saved:
        qtbot.keyClick(screen, Qt.Key.Key_Space)
    return saved.args[0]


def test_space_records_takes_into_the_library_and_keys_rate_them(qtbot, screen, library, question):
    open_demo(qtbot, screen)
    assert screen.prompt.text() == "Why do you want this job?"
    first = record_take(qtbot, screen)
    qtbot.keyClick(screen, Qt.Key.Key_4)
    second = record_take(qtbot, screen)
    qtbot.keyClick(screen, Qt.Key.Key_2)
    takes = library.list_takes(question.id)
    assert [t.id for t in takes] == [first, second]
    assert [t.comfort for t in takes] == [4, 2]
    for take in takes:
        assert take.state is TakeState.FINAL
        assert take.path.exists()
        info = ffprobe(take.path)
        assert 1.0 < float(info["format"]["duration"]) < 2.5
    assert screen.counter.text() == "Take 3"


def test_a_note_typed_after_a_take_is_kept(qtbot, screen, library, question):
    open_demo(qtbot, screen)
    take_id = record_take(qtbot, screen)
    qtbot.keyClick(screen, Qt.Key.Key_N)
    assert screen.rating.note.hasFocus()
    qtbot.keyClicks(screen.rating.note, "slow down at the start")
    qtbot.keyClick(screen.rating.note, Qt.Key.Key_Return)
    assert library.get_take(take_id).notes == "slow down at the start"


def test_escape_cancels_the_countdown_and_leaves_no_take(qtbot, screen, library, question):
    open_demo(qtbot, screen)
    screen.countdown.setValue(3)
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    assert screen.controller.state is RecState.COUNTDOWN
    assert screen.preview.countdown == 3
    qtbot.keyClick(screen, Qt.Key.Key_Escape)
    assert screen.controller.state is RecState.PREVIEW
    assert library.list_takes(question.id) == []


def test_space_skips_the_countdown(qtbot, screen):
    open_demo(qtbot, screen)
    screen.countdown.setValue(5)
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    assert screen.controller.state is RecState.RECORDING
    screen.controller.stop_take()
    qtbot.waitUntil(lambda: screen.controller.state is RecState.PREVIEW, timeout=10000)


def test_escape_while_recording_discards_after_asking(
    qtbot, screen, library, question, monkeypatch
):
    asked = []

    def confirm(*args, **kwargs):
        asked.append(args[1])
        return QMessageBox.StandardButton.Discard

    monkeypatch.setattr(QMessageBox, "question", confirm)
    open_demo(qtbot, screen)
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: screen.controller.state is RecState.RECORDING, timeout=5000)
    wait_recorded(qtbot, screen.controller, 0.5)
    qtbot.keyClick(screen, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: screen.controller.state is RecState.PREVIEW, timeout=10000)
    assert asked == ["Discard this take?"]
    assert library.list_takes(question.id) == []
    media = library.layout.media_dir
    assert not [p for p in media.rglob("*") if p.is_file()]


def test_camera_lost_during_a_take_is_said_plainly_and_the_take_is_kept(
    qtbot, screen, library, question
):
    open_demo(qtbot, screen, camera="demo:lose_after=1.0")
    take_id = record_take(qtbot, screen, seconds=1.5)
    assert "sound only" in screen.status.text()
    take = library.get_take(take_id)
    assert take.state is TakeState.FINAL
    assert take.path.exists()


def test_a_full_disk_is_reported_in_the_window_and_the_file_kept(
    qtbot, screen, library, question, monkeypatch
):
    real = encoder.TakeWriter.write_video
    count = {"n": 0}

    def failing(self, *frame):
        count["n"] += 1
        if count["n"] > 20:
            raise OSError(errno.ENOSPC, "No space left on device")
        real(self, *frame)

    monkeypatch.setattr(encoder.TakeWriter, "write_video", failing)
    open_demo(qtbot, screen)
    with qtbot.waitSignal(screen.take_saved, timeout=15000) as saved:
        qtbot.keyClick(screen, Qt.Key.Key_Space)
    assert "disk is full" in screen.status.text()
    assert screen.controller.state is RecState.PREVIEW
    # The same outcome as `taketwo record`: what was written is saved as a recovered take.
    take = library.get_take(saved.args[0])
    assert take.state is TakeState.RECOVERED
    assert take.path.exists()
    assert 0 < take.duration < 2
    assert float(ffprobe(take.path)["format"]["duration"]) > 0


def test_elapsed_turns_amber_near_the_target_and_red_past_it(screen):
    screen._show_elapsed(10)
    assert screen.elapsed.property("zone") == "ok"
    assert screen.elapsed.text() == "0:10 / 1:00"
    screen._show_elapsed(55)
    assert screen.elapsed.property("zone") == "amber"
    screen._show_elapsed(61)
    assert screen.elapsed.property("zone") == "red"


def test_preview_is_mirrored_but_can_be_switched_off(qtbot, screen):
    image = np.zeros((240, 320, 3), np.uint8)
    image[:, :10] = (0, 0, 255)  # a red stripe on the left (BGR)
    frame = VideoFrame(image, 0.0, 0)
    screen.mirror.setChecked(True)
    screen.controller.frame_ready.connect(screen.preview.show_frame)
    screen.controller.session = SimpleNamespace(latest_frame=lambda: frame, level=quiet_level)
    screen.controller._tick()
    mirrored = screen.preview.grab().toImage()
    assert min(_red_columns(mirrored)) > mirrored.width() // 2
    screen.mirror.setChecked(False)
    screen.controller._last_seq = -1
    screen.controller._tick()
    plain = screen.preview.grab().toImage()
    assert max(_red_columns(plain)) < plain.width() // 2
    screen.controller.session = None


def quiet_level():
    return AudioLevel(-100.0, -100.0)


def _red_columns(image):
    y = image.height() // 2
    return [
        x
        for x in range(image.width())
        if (c := image.pixelColor(x, y)).red() > 200 and c.blue() < 60
    ]


def test_preview_converts_only_frames_it_paints_at_its_own_size(qtbot, screen):
    """A hidden preview converts nothing; a shown one converts to the size it paints at."""
    image = np.zeros((720, 1280, 3), np.uint8)
    screen.preview.hide()
    for seq in range(5):
        screen.preview.show_frame(VideoFrame(image, 0.0, seq), True)
    assert screen.preview.frames_shown == 0
    screen.preview.show()
    qtbot.waitUntil(lambda: screen.preview.frames_shown == 1)
    size = screen.preview.size()
    fitted = min(size.width() / 1280, size.height() / 720)
    height, width = screen.preview._pixels.shape[:2]
    assert width < 1280
    assert (abs(width - 1280 * fitted) <= 1, abs(height - 720 * fitted) <= 1) == (True, True)


def test_every_control_has_an_accessible_name_and_tooltip(screen):
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit, QSpinBox

    controls = [
        w
        for kind in (QAbstractButton, QComboBox, QLineEdit, QSpinBox)
        for w in screen.findChildren(kind)
        if not w.objectName().startswith("qt_")
    ]  # Qt's own parts of a spin box
    assert len(controls) > 8
    for widget in controls:
        assert widget.accessibleName(), widget
        assert widget.toolTip(), widget.accessibleName()
