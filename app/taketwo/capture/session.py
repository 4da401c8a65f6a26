"""Camera and microphone running, for preview and for whichever take is being recorded.

Device threads call in here. They only store the latest frame, keep the last few audio blocks
for the meter, and offer both to the attached take's queues; nothing here blocks or touches
the disk. A watchdog notices devices that go quiet and reports them as lost.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from taketwo.capture.levels import AudioLevel, Sums, block_sums, level_of_sums
from taketwo.devices.base import (
    AudioBlock,
    Camera,
    DeviceError,
    Microphone,
    VideoFrame,
    now,
)

LOW_FPS = 24.0
CAMERA_QUIET_SECONDS = 3.0
MIC_QUIET_SECONDS = 1.5


@dataclass(frozen=True, slots=True)
class Notice:
    """Something the user should hear about: ``kind`` is one of the constants below."""

    kind: str
    message: str
    t: float = field(default_factory=now)


CAMERA_LOST = "camera_lost"
MIC_LOST = "mic_lost"
LOW_LIGHT = "low_fps"
TAKE_ERROR = "take_error"
TAKE_WARNING = "take_warning"


class TakeInput(Protocol):
    def offer_frame(self, frame: VideoFrame) -> None: ...
    def offer_block(self, block: AudioBlock) -> None: ...
    def notice(self, notice: Notice) -> None: ...


LEVEL_SECONDS = 0.1  # the newest sound the level meter shows: at most this, or one block


class CaptureSession:
    """Runs the devices and fans their output out to the preview and the attached take."""

    def __init__(self, camera: Camera | None, microphone: Microphone | None) -> None:
        self.camera = camera
        self.microphone = microphone
        self.camera_lost = camera is None
        self.mic_lost = microphone is None
        self.notices: deque[Notice] = deque(maxlen=50)
        self._listeners: list[Callable[[Notice], None]] = []
        self._take: TakeInput | None = None
        self._latest: VideoFrame | None = None
        # The meter's last ~100 ms of sound, each block measured once as it arrives: the
        # preview reads the level 30 times a second, with no array work on the GUI thread.
        self._recent_audio: deque[Sums] = deque()
        self._recent_samples = 0
        self._frame_times: deque[float] = deque(maxlen=90)
        self._last_block_at: float | None = None
        self._started_at = 0.0
        self._warned_low_fps = False
        self._stop = threading.Event()
        self._watchdog: threading.Thread | None = None

    # -- life cycle ---------------------------------------------------------------------
    def start(self) -> None:
        self._started_at = now()
        self._stop.clear()
        if self.camera is not None:
            self.camera.start(self._on_frame, self._on_camera_error)
        if self.microphone is not None:
            try:
                self.microphone.start(self._on_block, self._on_mic_error)
            except DeviceError:
                if self.camera is not None:
                    self.camera.stop()
                raise
        self._watchdog = threading.Thread(target=self._watch, name="device-watchdog", daemon=True)
        self._watchdog.start()

    def stop(self) -> None:
        self._stop.set()
        if self._watchdog is not None:
            self._watchdog.join(timeout=2)
            self._watchdog = None
        for device in (self.camera, self.microphone):
            if device is not None:
                device.stop()

    def add_listener(self, listener: Callable[[Notice], None]) -> None:
        """``listener`` is called from device threads: it must only hand the notice on."""
        self._listeners.append(listener)

    def attach(self, take: TakeInput | None) -> None:
        self._take = take

    # -- what the UI reads --------------------------------------------------------------
    def latest_frame(self) -> VideoFrame | None:
        return self._latest

    def level(self) -> AudioLevel:
        return level_of_sums(list(self._recent_audio))

    def delivered_fps(self) -> float:
        times = list(self._frame_times)
        if len(times) < 10 or times[-1] <= times[0]:
            return 0.0
        return (len(times) - 1) / (times[-1] - times[0])

    # -- device threads -----------------------------------------------------------------
    def _on_frame(self, frame: VideoFrame) -> None:
        self._latest = frame
        self._frame_times.append(frame.t)
        take = self._take
        if take is not None:
            take.offer_frame(frame)

    def _on_block(self, block: AudioBlock) -> None:
        sums = block_sums(block.samples)
        self._recent_audio.append(sums)
        self._recent_samples += sums[1]
        rate = self.microphone.sample_rate if self.microphone is not None else 48000
        while self._recent_samples > LEVEL_SECONDS * rate and len(self._recent_audio) > 1:
            self._recent_samples -= self._recent_audio.popleft()[1]
        self._last_block_at = now()
        take = self._take
        if take is not None:
            take.offer_block(block)

    def _on_camera_error(self, error: DeviceError) -> None:
        if not self.camera_lost:
            self.camera_lost = True
            self._latest = None
            self._publish(Notice(CAMERA_LOST, f"{error}. The take goes on with sound only."))

    def _on_mic_error(self, error: DeviceError) -> None:
        if not self.mic_lost:
            self.mic_lost = True
            self._publish(
                Notice(MIC_LOST, f"{error}. Recording stopped; what was recorded is kept.")
            )

    def _publish(self, notice: Notice) -> None:
        self.notices.append(notice)
        take = self._take
        if take is not None:
            take.notice(notice)
        for listener in list(self._listeners):
            listener(notice)

    def _watch(self) -> None:
        while not self._stop.wait(0.25):
            t = now()
            if not self.camera_lost:
                last = self._frame_times[-1] if self._frame_times else self._started_at
                if t - last > CAMERA_QUIET_SECONDS:
                    self._on_camera_error(
                        DeviceError(f"{self.camera_name} stopped delivering frames")
                    )
                elif not self._warned_low_fps and t - self._started_at > 2.5:
                    fps = self.delivered_fps()
                    if 0 < fps < LOW_FPS:
                        self._warned_low_fps = True
                        self._publish(
                            Notice(
                                LOW_LIGHT,
                                f"{self.camera_name} delivers only {fps:.0f} frames per second; "
                                "more light usually helps.",
                            )
                        )
            if not self.mic_lost:
                last = self._last_block_at or self._started_at
                if t - last > MIC_QUIET_SECONDS:
                    self._on_mic_error(DeviceError(f"{self.mic_name} stopped delivering audio"))

    @property
    def camera_name(self) -> str:
        return self.camera.name if self.camera is not None else "no camera"

    @property
    def mic_name(self) -> str:
        return self.microphone.name if self.microphone is not None else "no microphone"
