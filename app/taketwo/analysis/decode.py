"""Decoded media for analysis: the sound as mono floats, the picture as a few small grey frames
a second. PyAV does the decoding; everything after it is numpy."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import av
import numpy as np
import numpy.typing as npt

RATE = 48000  # one of webrtcvad's rates, and what the recorder writes
FRAME_WIDTH = 256  # wide enough for a face at arm's length, small enough for ~3 ms per frame

Samples = npt.NDArray[np.float32]
Grey = npt.NDArray[np.uint8]


class AnalysisError(Exception):
    """A file cannot be analysed; the message is one line meant for the user."""


@dataclass(frozen=True, slots=True)
class Sound:
    samples: Samples  # mono, -1..1, at RATE, time 0 = the start of the file
    rate: int
    start: float  # where the first sample sits, in seconds from the start of the file

    @property
    def duration(self) -> float:
        return len(self.samples) / self.rate


def _open(path: Path) -> av.container.InputContainer:
    if not path.exists():
        raise AnalysisError(f"no such file: {path}")
    if path.is_dir():
        raise AnalysisError(f"{path} is a folder, not a media file")
    if path.stat().st_size == 0:
        raise AnalysisError(f"{path.name} is empty (0 bytes)")
    try:
        return av.open(str(path))
    except (av.FFmpegError, OSError, UnicodeDecodeError) as exc:
        raise AnalysisError(f"{path.name} is not a media file Take Two can read ({exc})") from None


def media_streams(path: Path) -> tuple[bool, bool, float]:
    """Whether ``path`` has sound and picture, and its length in seconds (0 if unknown)."""
    with _open(path) as container:
        duration = (container.duration or 0) / 1_000_000
        return bool(container.streams.audio), bool(container.streams.video), duration


def decode_sound(path: Path, keep_going: Callable[[], bool] = lambda: True) -> Sound | None:
    """The first audio stream as mono float32 at RATE; None when there is none."""
    with _open(path) as container:
        if not container.streams.audio:
            return None
        stream = container.streams.audio[0]
        resampler: av.AudioResampler | None = None
        chunks: list[Samples] = []
        start: float | None = None
        try:
            for frame in container.decode(stream):
                if start is None and frame.pts is not None and frame.time_base is not None:
                    start = max(0.0, float(frame.pts * frame.time_base))
                if frame.format.name == "fltp" and frame.sample_rate == RATE and resampler is None:
                    # What the recorder writes (AAC at 48 kHz): no conversion needed, and the
                    # resampler would take twice as long as the decoding.
                    chunks.append(frame.to_ndarray().mean(axis=0, dtype=np.float32))
                else:
                    resampler = resampler or av.AudioResampler(
                        format="flt", layout="mono", rate=RATE
                    )
                    chunks.extend(_mono(out) for out in resampler.resample(frame))
                if len(chunks) % 200 == 0 and not keep_going():
                    return None
            if resampler is not None:
                chunks.extend(_mono(out) for out in resampler.resample(None))
        except av.FFmpegError as exc:
            if not chunks:
                raise AnalysisError(f"{path.name}: the sound cannot be decoded ({exc})") from None
            # A truncated file: analyse what was decoded before the damage.
        samples = np.concatenate(chunks) if chunks else np.zeros(0, np.float32)
        return Sound(samples.astype(np.float32, copy=False), RATE, start or 0.0)


def _mono(frame: av.AudioFrame) -> Samples:
    return np.asarray(frame.to_ndarray(), dtype=np.float32).reshape(-1)


def sample_frames(
    path: Path, per_second: float, keep_going: Callable[[], bool] = lambda: True
) -> list[tuple[float, Grey]]:
    """(time, small grey frame) pairs spread over the first video stream.

    Keyframes alone first: decoding every frame of a 2-minute 720p take costs ~10 s here, its
    keyframes (one a second in the recorder's takes) under 0.5 s. Files with sparser keyframes
    are decoded in full and sampled ``per_second`` times a second.
    """
    frames = _decode_frames(path, None, keep_going)
    times = [t for t, _ in frames]
    gaps = np.diff(times) if len(times) > 1 else np.array([np.inf])
    if not times or float(np.max(gaps)) > 2.0:
        frames = _decode_frames(path, per_second, keep_going)
    return frames


def _decode_frames(
    path: Path, per_second: float | None, keep_going: Callable[[], bool]
) -> list[tuple[float, Grey]]:
    """Keyframes only (``per_second`` None) or every frame, keeping ``per_second`` of them."""
    frames: list[tuple[float, Grey]] = []
    with _open(path) as container:
        if not container.streams.video:
            return frames
        stream = container.streams.video[0]
        stream.thread_type = "AUTO"
        if per_second is None:
            stream.codec_context.skip_frame = "NONKEY"
        step = 0.0 if per_second is None else 1.0 / per_second
        next_t = 0.0
        try:
            for frame in container.decode(stream):
                if frame.pts is None or frame.time_base is None:
                    continue
                t = float(frame.pts * frame.time_base)
                if t + 1e-6 < next_t:
                    continue
                next_t = t + step
                height = max(2, round(frame.height * FRAME_WIDTH / max(1, frame.width)))
                small = frame.reformat(width=FRAME_WIDTH, height=height, format="gray")
                frames.append((t, np.asarray(small.to_ndarray(), dtype=np.uint8)))
                if not keep_going():
                    break
        except av.FFmpegError:
            pass  # a truncated file: the frames before the damage are what we have
    return frames
