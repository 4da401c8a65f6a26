"""Microphone level for meters: RMS and peak in dBFS over the most recent audio."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

SILENCE_DBFS = -100.0


@dataclass(frozen=True, slots=True)
class AudioLevel:
    rms_dbfs: float
    peak_dbfs: float


def dbfs(value: float) -> float:
    return 20 * math.log10(value) if value > 1e-5 else SILENCE_DBFS


Sums = tuple[float, int, float]  # one block's sum of squares, sample count and peak


def block_sums(block: np.ndarray) -> Sums:
    if not len(block):
        return 0.0, 0, 0.0
    return float(np.dot(block, block)), len(block), float(np.max(np.abs(block)))


def level_of(blocks: Iterable[np.ndarray]) -> AudioLevel:
    """Level of the given blocks taken together (silence if there are none)."""
    return level_of_sums([block_sums(block) for block in blocks])


def level_of_sums(sums: Iterable[Sums]) -> AudioLevel:
    squares = 0.0
    count = 0
    peak = 0.0
    for block_squares, block_count, block_peak in sums:
        squares += block_squares
        count += block_count
        peak = max(peak, block_peak)
    if count == 0:
        return AudioLevel(SILENCE_DBFS, SILENCE_DBFS)
    return AudioLevel(dbfs(math.sqrt(squares / count)), dbfs(peak))
