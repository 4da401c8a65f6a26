"""What every camera and microphone backend delivers, and the errors they raise.

Backends push from their own thread: a camera calls ``on_frame`` for each grabbed frame, a
microphone calls ``on_block`` for each block of samples. Callbacks must be cheap and must not
block; the capture layer only copies and queues.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol, cast, runtime_checkable

import numpy as np


class DeliveryThread:
    """The one thread a device delivers from: its loop watches ``stopping``; ``stop`` sets it
    and waits a bounded time for the loop to end."""

    def __init__(self, name: str, join_seconds: float) -> None:
        self.name, self.join_seconds = name, join_seconds
        self.stopping = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self, target: Callable[..., object], *args: object) -> None:
        self.stopping.clear()
        self._thread = threading.Thread(target=target, args=args, name=self.name, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self.stopping.set()
        if self._thread is not None:
            self._thread.join(timeout=self.join_seconds)
            self._thread = None


def now() -> float:
    """The one clock every frame and audio block is stamped on (seconds, monotonic)."""
    return time.monotonic()


BGR24, DECODED = "bgr24", "decoded"


@dataclass(frozen=True, slots=True)
class VideoFrame:
    """One camera frame and the monotonic time it was captured.

    ``image`` is BGR uint8 (H x W x 3), as webcams give it through OpenCV; or, with
    ``DECODED``, a PyAV ``VideoFrame`` in yuv420p as a video file's decoder made it, which the
    encoder takes as it is: no colour conversion and no copy on the way.
    """

    image: Any
    t: float
    seq: int
    pixel_format: str = BGR24

    def bgr(self) -> np.ndarray:
        """The pixels as BGR (H x W x 3), converted if need be (for preview, not the take)."""
        if self.pixel_format == BGR24:
            return cast(np.ndarray, self.image)
        return cast(np.ndarray, self.image.to_ndarray(format=BGR24))


@dataclass(frozen=True, slots=True)
class AudioBlock:
    """A block of mono float32 samples.

    ``t`` is the device's estimate of when the first sample was captured (monotonic clock);
    ``index`` is the device's sample counter at the first sample; a jump means samples were lost.
    """

    samples: np.ndarray
    t: float
    index: int
    overflow: bool = False


class DeviceError(Exception):
    """A device could not be opened or used; the message is meant for the user."""


class DeviceLost(DeviceError):
    """A device that was working stopped delivering (unplugged, file vanished, driver error)."""


FrameSink = Callable[[VideoFrame], None]
BlockSink = Callable[[AudioBlock], None]
ErrorSink = Callable[[DeviceError], None]


@dataclass(frozen=True, slots=True)
class DeviceInfo:
    """A device as listed to the user: the id to pass on the command line and a readable name."""

    kind: str  # "camera" or "microphone"
    id: str
    name: str
    details: dict[str, object] = field(default_factory=dict)


@runtime_checkable
class Camera(Protocol):
    name: str
    width: int
    height: int
    fps: float  # what the device was asked for / reports; delivery is measured by the recorder

    def start(self, on_frame: FrameSink, on_error: ErrorSink) -> None: ...
    def stop(self) -> None: ...


@runtime_checkable
class Microphone(Protocol):
    name: str
    sample_rate: int

    def start(self, on_block: BlockSink, on_error: ErrorSink) -> None: ...
    def stop(self) -> None: ...


class MarkAligned(Protocol):
    """Demo devices put sync marks at whole seconds after an epoch the recorder sets."""

    def align_marks(self, epoch: float) -> None: ...
