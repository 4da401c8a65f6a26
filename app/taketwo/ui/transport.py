"""The playback controls Review and Compare share: play/pause, scrubber, frame step, speed.

The bar only reports what the user asked for; the screen decides what to play and owns the
keyboard shortcuts (installed with :func:`add_shortcut`, scoped to the screen).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSlider,
    QStyle,
    QToolButton,
    QWidget,
)

from taketwo.ui.player import format_time

SPEEDS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0)
SCRUB_COALESCE_MS = 40  # at most one seek per this while dragging: decoding keeps up


def add_shortcut(owner: QWidget, keys: str | list[str], slot: Callable[[], object]) -> None:
    """A shortcut live while focus is anywhere in ``owner`` (text fields keep their keys)."""
    for key in [keys] if isinstance(keys, str) else keys:
        shortcut = QShortcut(QKeySequence(key), owner)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(slot)


def speed_label(speed: float) -> str:
    return f"{speed:g}×"


class TransportBar(QWidget):
    play_toggled = Signal()
    seek_requested = Signal(float)
    step_requested = Signal(int)
    speed_chosen = Signal(float)

    def __init__(self, parent: QWidget | None = None, *, steps: bool = True) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        style = self.style()
        self._play_icon = style.standardIcon(QStyle.StandardPixmap.SP_MediaPlay)
        self._pause_icon = style.standardIcon(QStyle.StandardPixmap.SP_MediaPause)
        self.play_button = self._button(self._play_icon, "Play", "Play or pause — Space",
                                        self.play_toggled.emit)
        row.addWidget(self.play_button)
        self.back_button = self._button(
            style.standardIcon(QStyle.StandardPixmap.SP_MediaSeekBackward), "Previous frame",
            "One frame back (pauses) — Left arrow or ,", lambda: self.step_requested.emit(-1))
        self.forward_button = self._button(
            style.standardIcon(QStyle.StandardPixmap.SP_MediaSeekForward), "Next frame",
            "One frame on (pauses) — Right arrow or .", lambda: self.step_requested.emit(1))
        row.addWidget(self.back_button)
        row.addWidget(self.forward_button)
        self.back_button.setVisible(steps)
        self.forward_button.setVisible(steps)

        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setAccessibleName("Position")
        self.slider.setToolTip("Drag to scrub — Left/Right or , and . step one frame, "
                               "Home goes back to the start")
        self.slider.setRange(0, 0)
        self.slider.setSingleStep(100)
        self.slider.setPageStep(5000)
        self.slider.valueChanged.connect(self._on_slider_value)
        self.slider.sliderReleased.connect(self._flush_scrub)
        row.addWidget(self.slider, 1)

        self.time_label = QLabel()
        self.time_label.setAccessibleName("Time")
        self.time_label.setToolTip("Position / length")
        self.time_label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        row.addWidget(self.time_label)

        self.speed_combo = QComboBox()
        for speed in SPEEDS:
            self.speed_combo.addItem(speed_label(speed), speed)
        self.speed_combo.setCurrentIndex(SPEEDS.index(1.0))
        self.speed_combo.setAccessibleName("Playback speed")
        self.speed_combo.setToolTip("Playback speed — [ slower, ] faster")
        self.speed_combo.currentIndexChanged.connect(
            lambda i: self.speed_chosen.emit(float(SPEEDS[i])))
        row.addWidget(self.speed_combo)

        self._duration = 0.0
        self._position = 0.0
        self._setting = False  # the slider is being moved by playback, not by the user
        self._pending: float | None = None
        self._scrub_timer = QTimer(self)
        self._scrub_timer.setSingleShot(True)
        self._scrub_timer.setInterval(SCRUB_COALESCE_MS)
        self._scrub_timer.timeout.connect(self._flush_scrub)
        self._show_time()

    def _button(self, icon, name: str, tip: str, slot: Callable[[], object]) -> QToolButton:
        button = QToolButton()
        button.setIcon(icon)
        button.setAccessibleName(name)
        button.setToolTip(tip)
        button.setAutoRaise(True)
        button.clicked.connect(slot)
        return button

    # What the screen tells the bar

    def set_duration(self, seconds: float) -> None:
        self._duration = max(0.0, seconds)
        self._setting = True
        self.slider.setRange(0, int(round(self._duration * 1000)))
        self._setting = False
        self._show_time()

    def set_position(self, seconds: float) -> None:
        self._position = max(0.0, seconds)
        if not self.slider.isSliderDown():
            self._setting = True
            self.slider.setValue(int(round(self._position * 1000)))
            self._setting = False
        self._show_time()

    def set_playing(self, playing: bool) -> None:
        self.play_button.setIcon(self._pause_icon if playing else self._play_icon)
        self.play_button.setAccessibleName("Pause" if playing else "Play")

    @property
    def speed(self) -> float:
        return float(SPEEDS[self.speed_combo.currentIndex()])

    def change_speed(self, steps: int) -> None:
        """One notch slower (negative) or faster on the speed list; stops at either end."""
        index = min(len(SPEEDS) - 1, max(0, self.speed_combo.currentIndex() + steps))
        self.speed_combo.setCurrentIndex(index)

    # Scrubbing

    def _on_slider_value(self, value: int) -> None:
        if self._setting:
            return
        self._pending = value / 1000
        self._position = self._pending
        self._show_time()
        if self.slider.isSliderDown():
            if not self._scrub_timer.isActive():
                self._scrub_timer.start()
        else:
            self._flush_scrub()

    def _flush_scrub(self) -> None:
        self._scrub_timer.stop()
        if self._pending is not None:
            target, self._pending = self._pending, None
            self.seek_requested.emit(target)

    def _show_time(self) -> None:
        self.time_label.setText(f"{format_time(self._position)} / {format_time(self._duration)}")
