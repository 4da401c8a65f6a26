"""A video file played as a camera in real time, at its own frame rate, looping.

PyAV decodes it and hands the decoded frames on as they are: a 4:2:0 file (every H.264 take
is one) reaches the encoder with no colour conversion and no copy.
Frames are stamped on the file's shared clock (``file_clock``), so a ``file:`` microphone on
the same file keeps its sync.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import av

from taketwo.devices import file_clock
from taketwo.devices.base import (
    DECODED,
    DeliveryThread,
    DeviceError,
    DeviceLost,
    ErrorSink,
    FrameSink,
    VideoFrame,
    now,
)


class FileCamera:
    """Plays the first video stream of ``path`` as if a camera were filming it."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        if not self.path.is_file():
            raise DeviceError(f"no such video file: {self.path}")
        try:
            with av.open(str(self.path)) as container:
                if not container.streams.video:
                    raise DeviceError(f"{self.path.name} has no picture")
                stream = container.streams.video[0]
                self.width, self.height = stream.codec_context.width, stream.codec_context.height
                rate = stream.average_rate or stream.guessed_rate
                next(container.decode(stream))  # a file that opens but cannot be decoded
        except (av.FFmpegError, StopIteration, OSError) as exc:
            raise DeviceError(f"cannot read video from {self.path.name}: {exc}") from exc
        if not self.width or not self.height:
            raise DeviceError(f"cannot read video from {self.path.name}: no picture size")
        self.fps = float(rate) if rate else 30.0
        self.source = str(self.path)
        self.name = f"File {self.path.name}"
        self.timestamp_source = "file"
        self.pixel_format = "file"
        self.requested = (self.width, self.height, self.fps)
        self._delivery = DeliveryThread("file-camera", join_seconds=3)
        self._stop = self._delivery.stopping  # what the loop watches

    def start(self, on_frame: FrameSink, on_error: ErrorSink) -> None:
        self._delivery.start(self._run, on_frame, on_error)

    def stop(self) -> None:
        self._delivery.stop()

    def _frames(self) -> Iterator[av.VideoFrame]:
        with av.open(str(self.path)) as container:
            stream = container.streams.video[0]
            # One decoding thread: a camera's 30 frames a second need no more, and frame
            # threads would hold a frame each (9 MB less at 720p, and less CPU).
            stream.codec_context.thread_count = 1
            yield from container.decode(stream)

    def _run(self, on_frame: FrameSink, on_error: ErrorSink) -> None:
        """Deliver each frame at its media time on the file's shared clock, stamped with it."""
        _, _, length = file_clock.stream_starts(self.path)
        loop_at = file_clock.acquire(self.path)  # the instant this pass's time zero plays at
        seq = 0
        try:
            while not self._stop.is_set():
                last = None
                try:
                    for frame in self._frames():
                        last = float(frame.time or 0.0)  # media time, the stream's start included
                        delay = loop_at + last - now()
                        if delay > 0 and self._stop.wait(delay):
                            return
                        on_frame(VideoFrame(frame, loop_at + last, seq, DECODED))
                        seq += 1
                except (av.FFmpegError, OSError) as exc:
                    on_error(DeviceLost(f"{self.name} stopped delivering frames: {exc}"))
                    return
                if last is None:
                    on_error(DeviceLost(f"{self.name} stopped delivering frames"))
                    return
                loop_at += max(length, last + 1.0 / self.fps)
        finally:
            file_clock.release(self.path)
