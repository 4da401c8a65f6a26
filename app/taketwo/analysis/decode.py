"""Decoded media for analysis: the sound as mono floats at 16 kHz (its loudness metered on the
way, at the file's own rate), the picture as a few small grey frames a second. PyAV does the
decoding; everything after it is numpy."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import av
import av.filter
import numpy as np
import numpy.typing as npt

from taketwo.analysis.loudness import EBUR128, Loudness, LoudnessMeter
from taketwo.analysis.result import AnalysisError as AnalysisError  # where callers look

RATE = 16000  # enough for voice, one of webrtcvad's rates, and a third of the work of 48 kHz
FRAME_WIDTH = 256  # wide enough for a face at arm's length, small enough for ~3 ms per frame

Samples = npt.NDArray[np.float32]
Grey = npt.NDArray[np.uint8]


@dataclass(frozen=True, slots=True)
class Sound:
    samples: Samples  # mono, -1..1, at RATE, time 0 = the start of the file
    rate: int
    start: float  # where the first sample sits, in seconds from the start of the file
    loudness: Loudness  # measured on the decoded sound before it was resampled

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
    """The first audio stream as mono float32 at RATE; None when there is none (or when
    ``keep_going`` said stop). One pass through one filter graph: each decoded frame goes to
    the loudness meter at its own rate and to the resampler, so no full-rate copy is held."""
    with _open(path) as container:
        if not container.streams.audio:
            return None
        stream = container.streams.audio[0]
        graph, metered, voice = _sound_graph(stream)
        meter = LoudnessMeter()
        chunks = _Collected()
        start: float | None = None

        def drain() -> None:
            for frame in _pull_all(metered):
                meter.add(frame)
            for frame in _pull_all(voice):
                chunks.add(_mono(frame))

        try:
            for count, frame in enumerate(container.decode(stream)):
                if start is None and frame.pts is not None and frame.time_base is not None:
                    start = max(0.0, float(frame.pts * frame.time_base))
                graph.push(frame)
                if count % DRAIN_EVERY == DRAIN_EVERY - 1:
                    drain()
                    if not keep_going():
                        return None
        except av.FFmpegError as exc:
            if start is None:
                raise AnalysisError(f"{path.name}: the sound cannot be decoded ({exc})") from None
            # A truncated file: analyse what was decoded before the damage.
        if start is not None:
            graph.push(None)
            drain()
        return Sound(chunks.joined(), RATE, start or 0.0, meter.result())


class _Collected:
    """The decoded sound gathered in 10-minute blocks, then joined into one array with each
    block freed as it is copied. The 1-s frames the graph gives are copied in at once, so no
    list of small arrays fragments the heap, and the peak is the sound plus one block (2 hours:
    460 MB and 38 MB), not twice the sound as with np.concatenate."""

    BLOCK = RATE * 600

    def __init__(self) -> None:
        self.blocks: list[Samples] = []
        self.used = 0  # samples in the last block

    def add(self, chunk: Samples) -> None:
        while len(chunk):
            if not self.blocks or self.used == self.BLOCK:
                self.blocks.append(np.empty(self.BLOCK, np.float32))
                self.used = 0
            n = min(len(chunk), self.BLOCK - self.used)
            self.blocks[-1][self.used : self.used + n] = chunk[:n]
            self.used += n
            chunk = chunk[n:]

    def joined(self) -> Samples:
        if not self.blocks:
            return np.zeros(0, np.float32)
        total = (len(self.blocks) - 1) * self.BLOCK + self.used
        if len(self.blocks) == 1:
            return self.blocks.pop()[:total].copy()
        out = np.empty(total, np.float32)
        self.blocks.reverse()
        at = 0
        while self.blocks:
            block = self.blocks.pop()
            n = min(self.BLOCK, total - at)
            out[at : at + n] = block[:n]
            at += n
            del block
        return out


# Frames pushed between pulls: each empty pull costs PyAV an exception, and pulling after every
# one of a 2-minute take's 5,600 frames doubled the time of the whole pass.
DRAIN_EVERY = 16


def _sound_graph(
    stream: av.audio.stream.AudioStream,
) -> tuple[av.filter.Graph, av.filter.context.FilterContext, av.filter.context.FilterContext]:
    """source -> split -> ebur128 -> sink (loudness), and -> 16 kHz mono float in 1-s frames."""
    graph = av.filter.Graph()
    split = graph.add("asplit", "2")
    graph.add_abuffer(template=stream).link_to(split)
    metered, voice = graph.add("abuffersink"), graph.add("abuffersink")
    ebur128 = graph.add(*EBUR128)
    split.link_to(ebur128, 0, 0)
    ebur128.link_to(metered)
    chain = [
        graph.add("aresample", str(RATE)),
        graph.add("aformat", "sample_fmts=flt:channel_layouts=mono"),
        graph.add("asetnsamples", f"n={RATE}:p=0"),
        voice,
    ]
    split.link_to(chain[0], 1, 0)
    for a, b in zip(chain, chain[1:], strict=False):
        a.link_to(b)
    graph.configure()
    return graph, metered, voice


def _pull_all(sink: av.filter.context.FilterContext) -> list[av.AudioFrame]:
    frames: list[av.AudioFrame] = []
    while True:
        try:
            frame = sink.pull()
        except (av.BlockingIOError, av.EOFError):
            return frames
        if isinstance(frame, av.AudioFrame):
            frames.append(frame)


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
        # Deblocking only smooths block edges, invisible once the frame is 256 pixels wide;
        # skipping it saves ~15 % of the decoding.
        stream.codec_context.options = {"skip_loop_filter": "all"}
        if per_second is not None:
            stream.thread_type = "AUTO"  # every frame: worth the decoder's threads and buffers
        step = 0.0 if per_second is None else 1.0 / per_second
        next_t = 0.0
        try:
            for packet in container.demux(stream):
                if per_second is None and not packet.is_keyframe and packet.size:
                    continue  # never handed to the decoder: keyframes need nothing before them
                for frame in packet.decode():
                    if frame.pts is None or frame.time_base is None:
                        continue
                    t = float(frame.pts * frame.time_base)
                    if t + 1e-6 < next_t:
                        continue
                    next_t = t + step
                    frames.append((t, _small_grey(frame)))
                    if not keep_going():
                        return frames
        except av.FFmpegError:
            pass  # a truncated file: the frames before the damage are what we have
    return frames


def _small_grey(frame: av.VideoFrame) -> Grey:
    height = max(2, round(frame.height * FRAME_WIDTH / max(1, frame.width)))
    # Area averaging: the right filter for a 5x reduction, and cheaper than the default bicubic.
    small = frame.reformat(width=FRAME_WIDTH, height=height, format="gray", interpolation="AREA")
    return np.asarray(small.to_ndarray(), dtype=np.uint8)
