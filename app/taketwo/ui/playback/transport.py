"""The playback controls Review and Compare share: play/pause, scrubber, frame step, speed,
and in Review the trim range (in/out handles) and the coach's comment markers on the timeline.

The bar only reports what the user asked for; the screen decides what to play and owns the
keyboard shortcuts (installed with :func:`add_shortcut`, scoped to the screen).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRect, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QIcon, QKeySequence, QMouseEvent, QPainter, QPaintEvent, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSlider,
    QStyle,
    QStyleOptionSlider,
    QToolButton,
    QWidget,
)

from taketwo.domain.formatting import frame_text, position_text
from taketwo.ui.shell import theme

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


HANDLE_GRAB_PX = 6


class TimelineSlider(QSlider):
    """The scrubber, with the trim range shaded between two draggable handles and a tick
    for each coach comment. Values are milliseconds."""

    handle_moved = Signal(str, float)  # "in" or "out", seconds

    def __init__(self) -> None:
        super().__init__(Qt.Orientation.Horizontal)
        self.in_ms: int | None = None
        self.out_ms: int | None = None
        self.markers_ms: list[int] = []
        self._dragging: str | None = None

    def _groove(self) -> QRect:
        option = QStyleOptionSlider()
        self.initStyleOption(option)
        return self.style().subControlRect(
            QStyle.ComplexControl.CC_Slider, option, QStyle.SubControl.SC_SliderGroove, self
        )

    def x_of(self, ms: int) -> int:
        groove = self._groove()
        span = max(1, self.maximum() - self.minimum())
        return groove.left() + round((ms - self.minimum()) / span * groove.width())

    def ms_at(self, x: int) -> int:
        groove = self._groove()
        span = self.maximum() - self.minimum()
        fraction = (x - groove.left()) / max(1, groove.width())
        return self.minimum() + round(min(1.0, max(0.0, fraction)) * span)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        painter = QPainter(self)
        height = self.height()
        if self.in_ms is not None or self.out_ms is not None:
            left = self.x_of(self.in_ms if self.in_ms is not None else self.minimum())
            right = self.x_of(self.out_ms if self.out_ms is not None else self.maximum())
            painter.fillRect(
                QRect(left, 2, max(1, right - left), height - 4), QColor(80, 160, 255, 60)
            )
            painter.setPen(QColor(40, 110, 220))
            for ms in (self.in_ms, self.out_ms):
                if ms is not None:
                    x = self.x_of(ms)
                    painter.fillRect(QRect(x - 1, 0, 3, height), QColor(40, 110, 220))
        for ms in self.markers_ms:
            x = self.x_of(ms)
            painter.fillRect(QRect(x - 1, 0, 2, height // 3), QColor(230, 140, 30))
        painter.end()

    def _handle_near(self, x: int) -> str | None:
        for name, ms in (("in", self.in_ms), ("out", self.out_ms)):
            if ms is not None and abs(self.x_of(ms) - x) <= HANDLE_GRAB_PX:
                return name
        return None

    def value_at(self, x: int) -> int:
        """The value that puts the middle of the slider's handle at ``x``."""
        option = QStyleOptionSlider()
        self.initStyleOption(option)
        style = self.style()
        groove = self._groove()
        handle = style.subControlRect(
            QStyle.ComplexControl.CC_Slider, option, QStyle.SubControl.SC_SliderHandle, self
        )
        span = max(1, groove.width() - handle.width())
        return QStyle.sliderValueFromPosition(
            self.minimum(),
            self.maximum(),
            x - groove.left() - handle.width() // 2,
            span,
            option.upsideDown,
        )

    def _on_handle(self, event: QMouseEvent) -> bool:
        option = QStyleOptionSlider()
        self.initStyleOption(option)
        hit = self.style().hitTestComplexControl(
            QStyle.ComplexControl.CC_Slider, option, event.position().toPoint(), self
        )
        return hit == QStyle.SubControl.SC_SliderHandle

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        name = self._handle_near(int(event.position().x()))
        if name is not None:
            self._dragging = name
            event.accept()
            return
        if not self._on_handle(event):
            # A press on the track jumps there and goes on as a drag of the handle, as in
            # media players; Qt's own press would only page-step towards it.
            self._dragging = "track"
            self.setSliderDown(True)
            self.setSliderPosition(self.value_at(int(event.position().x())))
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._dragging == "track":
            self.setSliderPosition(self.value_at(int(event.position().x())))
            event.accept()
            return
        if self._dragging is not None:
            self.handle_moved.emit(self._dragging, self.ms_at(int(event.position().x())) / 1000)
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._dragging is not None:
            if self._dragging == "track":
                self.setSliderDown(False)  # sends sliderReleased: the last position is sought
            self._dragging = None
            event.accept()
            return
        super().mouseReleaseEvent(event)


class TransportBar(QWidget):
    play_toggled = Signal()
    seek_requested = Signal(float)
    step_requested = Signal(int)
    speed_chosen = Signal(float)
    range_changed = Signal(object, object)  # in and out points in seconds, None when unset

    def __init__(self, parent: QWidget | None = None, *, steps: bool = True) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        # The theme's icons, tinted for light and dark (Fusion's own are near-black on dark).
        self._play_icon = theme.icon("play")
        self._pause_icon = theme.icon("pause")
        self.play_button = self._button(
            self._play_icon, "Play", "Play or pause — Space", self.play_toggled.emit
        )
        row.addWidget(self.play_button)
        self.back_button = self._button(
            theme.icon("back"),
            "Previous frame",
            "One frame back (pauses) — Left arrow or ,",
            lambda: self.step_requested.emit(-1),
        )
        self.forward_button = self._button(
            theme.icon("forward"),
            "Next frame",
            "One frame on (pauses) — Right arrow or .",
            lambda: self.step_requested.emit(1),
        )
        row.addWidget(self.back_button)
        row.addWidget(self.forward_button)
        self.back_button.setVisible(steps)
        self.forward_button.setVisible(steps)

        self.slider = TimelineSlider()
        self.slider.setAccessibleName("Position")
        self.slider.setToolTip(
            "Click or drag to scrub — Left/Right or , and . step one frame, "
            "Home goes back to the start"
        )
        self.slider.setRange(0, 0)
        self.slider.setSingleStep(100)
        self.slider.setPageStep(5000)
        self.slider.valueChanged.connect(self._on_slider_value)
        self.slider.sliderReleased.connect(self._flush_scrub)
        self.slider.handle_moved.connect(self._handle_moved)
        row.addWidget(self.slider, 1)

        self.range_label = QLabel()
        self.range_label.setAccessibleName("Trim range")
        self.range_label.setToolTip(
            "In and out points of the clip to export — I and O set "
            "them, drag the blue handles to adjust"
        )
        self.range_label.hide()
        row.addWidget(self.range_label)

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
            lambda i: self.speed_chosen.emit(float(SPEEDS[i]))
        )
        row.addWidget(self.speed_combo)

        self._duration = 0.0
        self._position = 0.0
        self._in: float | None = None
        self._out: float | None = None
        self._setting = False  # the slider is being moved by playback, not by the user
        self._pending: float | None = None
        self._scrub_timer = QTimer(self)
        self._scrub_timer.setSingleShot(True)
        self._scrub_timer.setInterval(SCRUB_COALESCE_MS)
        self._scrub_timer.timeout.connect(self._flush_scrub)
        self._show_time()

    def _button(self, icon: QIcon, name: str, tip: str, slot: Callable[[], object]) -> QToolButton:
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

    # Trim range and comment markers

    @property
    def in_point(self) -> float | None:
        return self._in

    @property
    def out_point(self) -> float | None:
        return self._out

    def set_in(self, seconds: float | None) -> None:
        if seconds is not None:
            seconds = min(max(0.0, seconds), self._duration)
            if self._out is not None and seconds >= self._out:
                self._out = None  # an in point after the out point starts a new range
        self._in = seconds
        self._show_range()

    def set_out(self, seconds: float | None) -> None:
        if seconds is not None:
            seconds = min(max(0.0, seconds), self._duration)
            if self._in is not None and seconds <= self._in:
                self._in = None
        self._out = seconds
        self._show_range()

    def clear_range(self) -> None:
        self._in = self._out = None
        self._show_range()

    def set_markers(self, seconds: list[float]) -> None:
        self.slider.markers_ms = [int(round(t * 1000)) for t in seconds]
        self.slider.update()

    def _handle_moved(self, which: str, seconds: float) -> None:
        (self.set_in if which == "in" else self.set_out)(seconds)

    def _show_range(self) -> None:
        self.slider.in_ms = None if self._in is None else int(round(self._in * 1000))
        self.slider.out_ms = None if self._out is None else int(round(self._out * 1000))
        self.slider.update()
        if self._in is None and self._out is None:
            self.range_label.hide()
        else:
            start = frame_text(self._in) if self._in is not None else "start"
            end = frame_text(self._out) if self._out is not None else "end"
            self.range_label.setText(f"In {start} · Out {end}")
            self.range_label.show()
        self.range_changed.emit(self._in, self._out)

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
        self.time_label.setText(
            f"{position_text(self._position)} / {position_text(self._duration)}"
        )
