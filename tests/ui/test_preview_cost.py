"""What the idle preview does 30 times a second, kept small (issue 21): the level meter is
repainted only when it would look different, the level is measured once a block on the
device's thread, and the preview fills only the bars beside the picture, with every pixel
of the widget painted."""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QColor

from taketwo.capture.session import LEVEL_SECONDS, CaptureSession
from taketwo.devices.base import AudioBlock, VideoFrame
from taketwo.ui.shell.theme import colour
from taketwo.ui.widgets.level_meter import LevelMeter
from taketwo.ui.widgets.preview import PreviewView


def test_the_meter_repaints_only_when_it_would_look_different(qtbot, monkeypatch):
    meter = LevelMeter()
    qtbot.addWidget(meter)
    meter.resize(240, 16)
    meter.show()
    qtbot.waitExposed(meter)
    meter.set_level(-30.0, -20.0)
    qtbot.waitUntil(lambda: meter._painted is not None)  # the paint that level asked for
    updates = []
    monkeypatch.setattr(meter, "update", lambda *a: updates.append(a))
    for _ in range(5):
        meter.set_level(-30.0, -20.0)  # a steady room: nothing moves by a pixel
    assert updates == []
    assert meter.accessibleDescription() == "-30 dBFS"
    meter.set_level(-10.0, -3.0)  # speech
    assert len(updates) == 1
    assert meter.accessibleDescription() == "-10 dBFS"


class Mic:
    sample_rate = 48000


def test_the_level_covers_the_last_tenth_of_a_second_whatever_the_block_size():
    for block in (480, 960, 4800):
        session = CaptureSession(None, Mic())  # type: ignore[arg-type]
        loud = np.full(block, 0.5, np.float32)
        session._on_block(AudioBlock(loud, 0.0, 0))
        assert session.level().peak_dbfs > -7
        quiet = np.zeros(block, np.float32)
        index = block
        while index < block + LEVEL_SECONDS * 48000:
            assert session.level().peak_dbfs > -7, "the loud block is still within 100 ms"
            session._on_block(AudioBlock(quiet, index / 48000, index))
            index += block
        assert session.level().peak_dbfs < -90, f"{block}-sample blocks: the loud one has gone"


def test_the_preview_paints_the_picture_and_the_bars_around_it(qtbot):
    view = PreviewView()
    qtbot.addWidget(view)
    view.resize(400, 300)  # taller than 16:9: bars above and below
    view.show()
    qtbot.waitExposed(view)
    red = np.zeros((90, 160, 3), np.uint8)
    red[:, :, 2] = 255
    view.show_frame(VideoFrame(red, 0.0, 0), mirror=True)
    qtbot.waitUntil(lambda: view.frames_shown == 1)
    image = view.grab().toImage()
    bar = colour("preview")
    assert QColor(image.pixel(200, 5)) == bar
    assert QColor(image.pixel(200, 294)) == bar
    assert QColor(image.pixel(200, 150)).red() > 240
    assert QColor(image.pixel(200, 150)).green() < 20
    view.resize(600, 200)  # wider than 16:9: bars left and right
    qtbot.waitUntil(lambda: view.frames_shown == 2)
    image = view.grab().toImage()
    assert QColor(image.pixel(5, 100)) == bar
    assert QColor(image.pixel(594, 100)) == bar
    assert QColor(image.pixel(300, 100)).red() > 240
