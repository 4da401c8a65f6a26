"""Finding claps in a take: each one's sound (a sharp onset) and its picture (peak motion).

The film set's answer to latency no timestamp reveals: clap in view a few times, and the
median of (sound time - picture time) over the claps is how late the sound arrives.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

ONSET_RISE_DB = 20.0  # a clap is this much louder than the 100 ms before it
ONSET_FLOOR = 0.02  # and at least this loud (full scale 1.0)
REFRACTORY_SECONDS = 0.3  # one clap, one onset
PAIR_SECONDS = 0.3  # a clap's picture is within this of its sound
PEAK_SHARE = 0.8  # of the strongest motion near a clap: where its picture is taken to be


@dataclass(frozen=True, slots=True)
class ClapOffsets:
    offsets: np.ndarray  # seconds, sound minus picture, one per clap found in both

    @property
    def count(self) -> int:
        return len(self.offsets)

    @property
    def median(self) -> float:
        return float(np.median(self.offsets)) if self.count else 0.0

    @property
    def spread(self) -> float:
        """Median absolute deviation around the median (seconds)."""
        if not self.count:
            return 0.0
        return float(np.median(np.abs(self.offsets - self.median)))


def sound_onsets(samples: np.ndarray, rate: int) -> np.ndarray:
    """Times (s) where the sound jumps ``ONSET_RISE_DB`` above what came just before."""
    if len(samples) == 0:
        return np.zeros(0)
    width = max(1, rate // 1000)  # 1 ms envelope
    envelope = np.convolve(np.abs(samples.astype(np.float64)), np.ones(width) / width, "same")
    history = rate // 10
    # The quietest-but-typical level of the 100 ms before each point: a running mean of the
    # envelope, lagged, so the clap itself does not raise its own background.
    kernel = np.ones(history) / history
    background = np.convolve(envelope, kernel, "full")[: len(envelope)]
    background = np.concatenate([np.full(history, background[history]), background[:-history]])
    rise = 10 ** (ONSET_RISE_DB / 20)
    loud = (envelope > ONSET_FLOOR) & (envelope > rise * (background + 1e-6))
    starts = np.flatnonzero(loud[1:] & ~loud[:-1]) + 1
    onsets: list[int] = []
    for s in starts:
        if not onsets or s - onsets[-1] > REFRACTORY_SECONDS * rate:
            onsets.append(int(s))
    return np.array(onsets, dtype=np.float64) / rate


def motion_peaks(times: np.ndarray, frames: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(time, strength) of each frame-to-frame change, for ``frames`` (N x H x W grey)."""
    if len(frames) < 2:
        return np.zeros(0), np.zeros(0)
    change = np.abs(np.diff(frames.astype(np.float32), axis=0)).mean(axis=(1, 2))
    return times[1:], change


def clap_offsets(onsets: np.ndarray, motion_times: np.ndarray, motion: np.ndarray) -> ClapOffsets:
    """Pair each sound onset with the motion peak within ``PAIR_SECONDS`` of it."""
    offsets = []
    for onset in onsets:
        near = np.flatnonzero(np.abs(motion_times - onset) <= PAIR_SECONDS)
        if len(near) == 0:
            continue
        peak = motion[near].max()
        background = np.median(motion[near])
        if peak > 3 * background + 1.0:
            # The first frame near the peak: a flash changes the picture twice (on and off)
            # and a clap's hands move fastest over a frame or two; the first is the moment.
            first = near[np.argmax(motion[near] >= PEAK_SHARE * peak)]
            offsets.append(onset - motion_times[first])
    return ClapOffsets(np.array(offsets, dtype=np.float64))
