"""One playback clock for a file played by both a ``file:`` camera and a ``file:`` microphone.

Each device runs its own thread and starts when it starts, so pacing each from its own start
would put the file's sound a few milliseconds off its picture. Instead both stamp what they
deliver with the instant the file's time zero plays at, shared here, plus the media time of
the frame or sample (stream start times included): a file keeps its own sync.
"""

from __future__ import annotations

import threading
from pathlib import Path

import av

from taketwo.devices.base import now

LEAD_SECONDS = 0.05  # the first device to start plays time zero this far ahead of now

_lock = threading.Lock()
_clocks: dict[str, tuple[float, int]] = {}  # resolved path: (epoch, devices using it)


def acquire(path: Path) -> float:
    """The monotonic instant ``path``'s time zero plays at, for one more device."""
    key = str(path.resolve())
    with _lock:
        epoch, users = _clocks.get(key, (now() + LEAD_SECONDS, 0))
        _clocks[key] = (epoch, users + 1)
        return epoch


def release(path: Path) -> None:
    key = str(path.resolve())
    with _lock:
        epoch, users = _clocks.get(key, (0.0, 1))
        if users <= 1:
            _clocks.pop(key, None)
        else:
            _clocks[key] = (epoch, users - 1)


def stream_starts(path: Path) -> tuple[float, float, float]:
    """(video start, audio start, length) in seconds, as the container says (0 when absent).

    Both devices loop a file after ``length``, so its picture and sound stay together.
    """
    try:
        with av.open(str(path)) as container:
            starts = []
            for streams in (container.streams.video, container.streams.audio):
                s = streams[0] if streams else None
                if s is None or s.start_time is None or s.time_base is None:
                    starts.append(0.0)
                else:
                    starts.append(float(s.start_time * s.time_base))
            return starts[0], starts[1], (container.duration or 0) / 1_000_000
    except (av.FFmpegError, OSError):
        return 0.0, 0.0, 0.0
