"""A real webcam read through OpenCV: one grab thread that only reads and stamps.

A USB webcam's 720p30 comes as MJPG, which OpenCV decodes with libjpeg-turbo to BGR; the
encoder then makes I420 in one cvtColor, straight into the frame x264 reads. Decoding MJPG
to YUV through libavcodec instead measured slower (2.99 against 2.21 ms a 720p frame, the
4:2:2 to 4:2:0 step in libswscale alone 0.97 ms), so frames stay BGR.

(A video file played as a camera is ``file_camera``: PyAV hands its frames over in the
file's own YUV, which the encoder takes without a conversion.)
"""

from __future__ import annotations

import sys

from taketwo.devices.base import (
    DeliveryThread,
    DeviceError,
    DeviceLost,
    ErrorSink,
    FrameSink,
    VideoFrame,
    now,
)
from taketwo.devices.opencv import cv2

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
        # A video file (tests and bench/record.py play one as a camera) goes through FFmpeg.
        is_file = isinstance(source, str) and not source.startswith("/dev/")
        cap = cv2.VideoCapture(source, cv2.CAP_FFMPEG if is_file else _backend())
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
        self._delivery = DeliveryThread("camera-grab", join_seconds=3)
        self._stop = self._delivery.stopping  # what the loop watches

    def start(self, on_frame: FrameSink, on_error: ErrorSink) -> None:
        self._delivery.start(self._run, on_frame, on_error)

    def stop(self) -> None:
        self._delivery.stop()
        self._cap.release()

    def _run(self, on_frame: FrameSink, on_error: ErrorSink) -> None:
        seq = 0
        last_ok = now()
        while not self._stop.is_set():
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
            if stamp - last_ok > LOST_AFTER_SECONDS or not self._cap.isOpened():
                on_error(DeviceLost(f"{self.name} stopped delivering frames"))
                return
            self._stop.wait(0.01)
