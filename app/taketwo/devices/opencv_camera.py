"""Cameras read through OpenCV: a real webcam, or a video file played in real time.

Both go through ``cv2.VideoCapture`` and one grab thread that only reads and stamps, so tests
that feed a file exercise the same code a webcam uses.
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import cv2

from taketwo.devices import file_clock
from taketwo.devices.base import DeviceError, DeviceLost, ErrorSink, FrameSink, VideoFrame, now

LOW_LIGHT_FPS = 24.0
# A driver stamp older than this when read() returns is not believed (a backend that reports
# media time, not capture time, or another clock).
DRIVER_STAMP_MAX_AGE = 0.5


def capture_time(pos_msec: float, arrived: float) -> float | None:
    """The driver's capture time of the frame just read, if it is on our clock.

    OpenCV's V4L2 backend reports the buffer's timestamp (CLOCK_MONOTONIC, the clock ``now``
    reads) as CAP_PROP_POS_MSEC. A webcam delivers a frame tens of milliseconds after it was
    exposed, so this puts the picture where it belongs against the sound.
    """
    t = pos_msec / 1000.0
    return t if 0.0 <= arrived - t <= DRIVER_STAMP_MAX_AGE else None


# A webcam that returns nothing for this long is gone (unplugged, driver crash).
LOST_AFTER_SECONDS = 2.0


def _backend() -> int:
    if sys.platform.startswith("linux"):
        return cv2.CAP_V4L2
    if sys.platform == "darwin":
        return cv2.CAP_AVFOUNDATION
    if sys.platform == "win32":
        return cv2.CAP_MSMF
    return cv2.CAP_ANY


class OpenCVCamera:
    """A webcam by index or device path. Asks for size, fps and MJPG; reports what it got."""

    def __init__(self, source: int | str, width: int = 1280, height: int = 720, fps: float = 30.0):
        self.source = source
        self.name = f"Camera {source}"
        cap = cv2.VideoCapture(source, _backend())
        if not cap.isOpened():
            cap.release()
            raise DeviceError(f"could not open camera {source}")
        # USB webcams deliver 720p30 only in MJPG; ask for it before size and rate.
        cap.set(cv2.CAP_PROP_FOURCC, cv2.VideoWriter.fourcc(*"MJPG"))
        cap.set(cv2.CAP_PROP_FRAME_WIDTH, width)
        cap.set(cv2.CAP_PROP_FRAME_HEIGHT, height)
        cap.set(cv2.CAP_PROP_FPS, fps)
        cap.set(cv2.CAP_PROP_BUFFERSIZE, 1)
        self.width = int(cap.get(cv2.CAP_PROP_FRAME_WIDTH)) or width
        self.height = int(cap.get(cv2.CAP_PROP_FRAME_HEIGHT)) or height
        self.fps = float(cap.get(cv2.CAP_PROP_FPS)) or float(fps)
        fourcc = int(cap.get(cv2.CAP_PROP_FOURCC))
        self.pixel_format = "".join(chr((fourcc >> (8 * i)) & 0xFF) for i in range(4)).strip("\0")
        self.requested = (width, height, fps)
        self.timestamp_source = "arrival"  # "driver" once frames carry believable stamps
        self._cap = cap
        self._paced = False
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self, on_frame: FrameSink, on_error: ErrorSink) -> None:
        self._stop.clear()
        self._thread = threading.Thread(
            target=self._run, args=(on_frame, on_error), name="camera-grab", daemon=True
        )
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=3)
            self._thread = None
        self._cap.release()

    def _rewind(self) -> bool:
        """At the end of the source: files loop, webcams never end."""
        return False

    def _run(self, on_frame: FrameSink, on_error: ErrorSink) -> None:
        seq = 0
        last_ok = now()
        period = 1.0 / self.fps if self.fps > 0 else 1 / 30
        due = now()
        while not self._stop.is_set():
            if self._paced:
                delay = due - now()
                if delay > 0 and self._stop.wait(delay):
                    return
                due = max(due + period, now() - period)
            ok, image = self._cap.read()
            stamp = now()
            if ok and image is not None:
                last_ok = stamp
                driver = capture_time(self._cap.get(cv2.CAP_PROP_POS_MSEC), stamp)
                if seq == 0:  # decided once, so a take's frames are all stamped one way
                    self.timestamp_source = "driver" if driver is not None else "arrival"
                if driver is not None and self.timestamp_source == "driver":
                    stamp = driver
                on_frame(VideoFrame(image, stamp, seq))
                seq += 1
                continue
            if self._rewind():
                continue
            if stamp - last_ok > LOST_AFTER_SECONDS or not self._cap.isOpened():
                on_error(DeviceLost(f"{self.name} stopped delivering frames"))
                return
            self._stop.wait(0.01)


class FileCamera(OpenCVCamera):
    """A video file played in real time at its own frame rate, looping, through OpenCV."""

    def __init__(self, path: str | Path):
        path = Path(path)
        if not path.is_file():
            raise DeviceError(f"no such video file: {path}")
        cap = cv2.VideoCapture(str(path))
        if not cap.isOpened() or not cap.read()[0]:
            cap.release()
            raise DeviceError(f"OpenCV cannot read video from {path}")
        cap.set(cv2.CAP_PROP_POS_FRAMES, 0)
        self.source = str(path)
        self.path = path
        self.timestamp_source = "file"
        self.name = f"File {path.name}"
        self.width = int(cap.get(cv2.CAP_PROP_FRAME_WIDTH))
        self.height = int(cap.get(cv2.CAP_PROP_FRAME_HEIGHT))
        self.fps = float(cap.get(cv2.CAP_PROP_FPS)) or 30.0
        self.pixel_format = "file"
        self.requested = (self.width, self.height, self.fps)
        self._cap = cap
        self._paced = True
        self._stop = threading.Event()
        self._thread = None

    def _rewind(self) -> bool:
        return bool(self._cap.set(cv2.CAP_PROP_POS_FRAMES, 0))

    def _run(self, on_frame: FrameSink, on_error: ErrorSink) -> None:
        """Deliver each frame at its media time on the file's shared clock, stamped with it."""
        start, _, length = file_clock.stream_starts(self.path)
        loop_at = file_clock.acquire(self.path)  # the instant this pass's time zero plays at
        try:
            seq, last = 0, 0.0
            while not self._stop.is_set():
                ok, image = self._cap.read()
                if not ok or image is None:
                    if seq == 0 or not self._rewind():
                        on_error(DeviceLost(f"{self.name} stopped delivering frames"))
                        return
                    loop_at += max(length, last + 1.0 / self.fps)
                    continue
                last = start + self._cap.get(cv2.CAP_PROP_POS_MSEC) / 1000
                t = loop_at + last
                delay = t - now()
                if delay > 0 and self._stop.wait(delay):
                    return
                on_frame(VideoFrame(image, t, seq))
                seq += 1
        finally:
            file_clock.release(self.path)
