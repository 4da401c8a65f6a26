"""``sync-check``: measure how late the sound arrives against the picture, and remember it.

The user claps a few times in view; a raw take (no offset applied) is recorded to a private
temporary folder, decoded, and each clap's sound onset is paired with its motion peak. The
median offset is stored for the camera and microphone pair; later takes are shifted by it.
"""

from __future__ import annotations

import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import av
import numpy as np

from taketwo.analysis.claps import clap_offsets, motion_peaks, sound_onsets
from taketwo.capture.recorder import TakeRecorder
from taketwo.capture.session import CaptureSession
from taketwo.workflow.calibration import save_offset

MIN_CLAPS = 3
RATE = 48000
THUMB = (64, 36)  # motion is measured on frames this small: claps are big movements


@dataclass(frozen=True, slots=True)
class SyncCheckResult:
    offset: float  # seconds the sound is later than the picture (negative: earlier)
    spread: float  # median absolute deviation of the claps' offsets
    claps: int
    offsets: tuple[float, ...]
    saved: bool

    @property
    def usable(self) -> bool:
        return self.claps >= MIN_CLAPS


def decode_for_claps(path: Path) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """(frame times, small grey frames, mono samples at the take's start, sample rate)."""
    times: list[float] = []
    frames: list[np.ndarray] = []
    pieces: list[np.ndarray] = []
    audio_start: float | None = None
    with av.open(str(path)) as container:
        if not container.streams.video or not container.streams.audio:
            raise ValueError(f"{path.name} needs both picture and sound")
        for frame in container.decode(container.streams.video[0]):
            small = frame.reformat(width=THUMB[0], height=THUMB[1], format="gray")
            times.append(float(frame.time or 0.0))
            frames.append(small.to_ndarray()[:, : THUMB[0]])
        container.seek(0)
        resampler = av.AudioResampler(format="flt", layout="mono", rate=RATE)
        for sound in container.decode(container.streams.audio[0]):
            if audio_start is None:
                audio_start = float(sound.time or 0.0)
            for out in resampler.resample(sound):
                pieces.append(out.to_ndarray().reshape(-1))
    samples = np.concatenate(pieces) if pieces else np.zeros(0, np.float32)
    # Sound times are on the file's clock: pad or trim so sample 0 is time 0.
    lead = round((audio_start or 0.0) * RATE)
    samples = np.concatenate([np.zeros(lead, np.float32), samples]) if lead > 0 else samples[-lead:]
    return np.array(times), np.array(frames), samples, RATE


def measure(path: Path) -> tuple[float, float, tuple[float, ...]]:
    """(median offset, spread, every clap's offset) of the claps in a recorded file."""
    times, frames, samples, rate = decode_for_claps(path)
    motion_times, motion = motion_peaks(times, frames)
    found = clap_offsets(sound_onsets(samples, rate), motion_times, motion)
    return found.median, found.spread, tuple(float(x) for x in found.offsets)


def run_sync_check(
    session: CaptureSession,
    camera_id: str,
    mic_id: str,
    seconds: float = 10.0,
    *,
    save: bool = True,
    stop: threading.Event | None = None,
    on_elapsed: Callable[[float], None] | None = None,
) -> SyncCheckResult:
    """Record ``seconds`` of claps from the running ``session``, measure, and store."""
    stop = stop or threading.Event()
    with tempfile.TemporaryDirectory(prefix="taketwo-sync-") as folder:
        path = Path(folder) / "claps.mp4"
        recorder = TakeRecorder(session, path, audio_delay=0.0)
        recorder.start()
        while recorder.elapsed < seconds and recorder.result is None:
            if stop.wait(0.1):
                break
            if on_elapsed is not None:
                on_elapsed(recorder.elapsed)
        result = recorder.stop()
        if result is None or not result.finalized:
            raise OSError(result.error if result is not None else "the check did not finish")
        offset, spread, offsets = measure(path)
    usable = len(offsets) >= MIN_CLAPS
    if usable and save:
        save_offset(camera_id, mic_id, offset)
    return SyncCheckResult(offset, spread, len(offsets), offsets, usable and save)
