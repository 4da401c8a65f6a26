"""The one object the UI talks to about capture: devices, preview, countdown, takes.

It wraps the engine (``CaptureSession`` + ``TakeRecorder``), which runs on its own threads,
and turns what the engine does into Qt signals on the GUI thread. Preview takes only the
latest frame, on a 30 Hz timer, scaled down before it reaches a widget.
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSize, QTimer, Signal
from PySide6.QtGui import QImage

from taketwo.tasks.runner import Job, Progress, TaskRunner

if TYPE_CHECKING:  # the engine, OpenCV and NumPy load with the devices, after the window shows
    import numpy as np

    from taketwo.capture.recorder import TakeRecorder, TakeResult
    from taketwo.capture.session import CaptureSession, Notice
    from taketwo.devices.base import Camera, Microphone
    from taketwo.workflow.take import TakeWorkflow


class RecState(enum.Enum):
    OFF = "off"  # no devices open
    OPENING = "opening"
    PREVIEW = "preview"
    COUNTDOWN = "countdown"
    RECORDING = "recording"
    FINISHING = "finishing"


def _open(
    progress: Progress, camera_id: str, mic_id: str, size: tuple[int, int], fps: float
) -> tuple[Camera, Microphone]:
    from taketwo.workflow.devices import choose_devices

    return choose_devices(camera_id, mic_id, size, fps, progress)


class RecorderController(QObject):
    state_changed = Signal(str)
    frame_ready = Signal(QImage)
    level = Signal(float, float)  # rms, peak dBFS
    elapsed = Signal(float)
    countdown = Signal(int)  # seconds left; 0 when the take starts
    notice = Signal(str, str)  # kind, message: device lost, low light, take errors
    error = Signal(str)  # could not open devices or start a take
    take_finished = Signal(object)  # TakeResult
    _engine_notice = Signal(object)
    _engine_finished = Signal(object)

    def __init__(self, runner: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self.state = RecState.OFF
        self.session: CaptureSession | None = None
        self.recorder: TakeRecorder | None = None
        self.mirror = True
        self.preview_size = QSize(640, 360)
        self._last_seq = -1
        self.camera_id = self.mic_id = ""  # as asked for; the take's devices record them
        self._pending: TakeWorkflow | None = None
        self._countdown_left = 0
        self._open_job: Job | None = None
        self._poll = QTimer(self)
        self._poll.setInterval(33)
        self._poll.timeout.connect(self._tick)
        self._count = QTimer(self)
        self._count.setInterval(1000)
        self._count.timeout.connect(self._count_tick)
        self._engine_notice.connect(self._on_engine_notice)
        self._engine_finished.connect(self._on_engine_finished)

    # -- devices ------------------------------------------------------------------------
    def open_devices(
        self, camera_id: str, mic_id: str, size: tuple[int, int] = (1280, 720), fps: float = 30.0
    ) -> None:
        """Open devices in the background; ``state_changed('preview')`` or ``error`` follows."""
        if self.state in (RecState.RECORDING, RecState.FINISHING, RecState.COUNTDOWN):
            raise RuntimeError("cannot switch devices during a take")
        self.close_devices()
        self.camera_id, self.mic_id = camera_id, mic_id
        self._set_state(RecState.OPENING)
        self._open_job = self._runner.submit(
            "open-devices",
            _open,
            camera_id,
            mic_id,
            size,
            fps,
            on_done=self._on_opened,
            on_error=self._on_open_failed,
        )

    def _on_opened(self, devices: tuple[Camera, Microphone]) -> None:
        if self.state is not RecState.OPENING:  # closed meanwhile
            for device in devices:
                device.stop()
            return
        from taketwo.capture.session import CaptureSession
        from taketwo.devices.base import DeviceError

        session = CaptureSession(*devices)
        session.add_listener(self._engine_notice.emit)
        try:
            session.start()
        except DeviceError as exc:
            self._on_open_failed(str(exc))
            return
        self.session = session
        self._last_seq = -1
        self._poll.start()
        self._set_state(RecState.PREVIEW)

    def _on_open_failed(self, message: str) -> None:
        self._set_state(RecState.OFF)
        self.error.emit(message)

    def close_devices(self) -> None:
        """Stop everything in order: the take first (kept), then the devices."""
        if self._open_job is not None:
            self._open_job.cancel()
        self._count.stop()
        if self.recorder is not None and self.state in (RecState.RECORDING, RecState.FINISHING):
            self.recorder.stop()
            self._on_engine_finished(self.recorder.result)
        self._poll.stop()
        if self.session is not None:
            self.session.stop()
            self.session = None
        if self.state is not RecState.OFF:
            self._set_state(RecState.OFF)

    # -- takes ----------------------------------------------------------------------------
    def start_countdown(self, seconds: int, workflow: TakeWorkflow) -> None:
        """Count down, then record the take ``workflow`` reserved. ``seconds`` 0 starts at once."""
        if self.state is not RecState.PREVIEW:
            return
        self._pending = workflow
        if seconds <= 0:
            self._begin_take()
            return
        self._countdown_left = seconds
        self._set_state(RecState.COUNTDOWN)
        self.countdown.emit(seconds)
        self._count.start()

    def skip_countdown(self) -> None:
        if self.state is RecState.COUNTDOWN:
            self._count.stop()
            self._begin_take()

    def cancel_countdown(self) -> None:
        if self.state is RecState.COUNTDOWN:
            self._count.stop()
            self._pending = None
            self._set_state(RecState.PREVIEW)

    def _count_tick(self) -> None:
        self._countdown_left -= 1
        if self._countdown_left <= 0:
            self._count.stop()
            self._begin_take()
        else:
            self.countdown.emit(self._countdown_left)

    def _begin_take(self) -> None:
        assert self.session is not None
        assert self._pending is not None
        workflow, self._pending = self._pending, None
        self.countdown.emit(0)
        try:
            self.recorder = workflow.start(
                on_finished=self._engine_finished.emit,
                on_notice=self._engine_notice.emit,
            )
        except OSError as exc:
            workflow.abandon()
            self._set_state(RecState.PREVIEW)
            self.error.emit(f"could not start the take: {exc}")
            return
        self._set_state(RecState.RECORDING)

    def stop_take(self, discard: bool = False) -> None:
        """Finish the take (in the background); ``take_finished`` follows."""
        if self.recorder is not None and self.state is RecState.RECORDING:
            self._set_state(RecState.FINISHING)
            self.recorder.request_stop(discard=discard)

    def _on_engine_finished(self, result: TakeResult | None) -> None:
        if self.recorder is None or result is None:
            return
        self.recorder = None
        self._set_state(RecState.PREVIEW if self.session is not None else RecState.OFF)
        self.take_finished.emit(result)

    def _on_engine_notice(self, notice: Notice) -> None:
        from taketwo.capture.session import TAKE_ERROR

        if notice.kind != TAKE_ERROR or self.state is not RecState.OFF:
            self.notice.emit(notice.kind, notice.message)

    # -- preview --------------------------------------------------------------------------
    def _tick(self) -> None:
        session = self.session
        if session is None:
            return
        frame = session.latest_frame()
        if frame is not None and frame.seq != self._last_seq:
            self._last_seq = frame.seq
            self.frame_ready.emit(self.to_qimage(frame.bgr()))
        lvl = session.level()
        self.level.emit(lvl.rms_dbfs, lvl.peak_dbfs)
        if self.recorder is not None:
            self.elapsed.emit(self.recorder.elapsed)

    def to_qimage(self, bgr: np.ndarray) -> QImage:
        """The frame fitted into ``preview_size`` (aspect kept), mirrored if asked: a copy."""
        import cv2  # loaded once, by the first frame
        import numpy as np

        h, w = bgr.shape[:2]
        scale = min(self.preview_size.width() / w, self.preview_size.height() / h, 1.0)
        if scale < 1.0:
            bgr = cv2.resize(
                bgr, (max(1, int(w * scale)), max(1, int(h * scale))), interpolation=cv2.INTER_AREA
            )
        if self.mirror:
            bgr = cv2.flip(bgr, 1)
        bgr = np.ascontiguousarray(bgr)
        h, w = bgr.shape[:2]
        return QImage(bgr.data, w, h, 3 * w, QImage.Format.Format_BGR888).copy()

    def _set_state(self, state: RecState) -> None:
        if state is not self.state:
            self.state = state
            self.state_changed.emit(state.value)
