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


def level_of(blocks: Iterable[np.ndarray]) -> AudioLevel:
    """Level of the given blocks taken together (silence if there are none)."""
    squares = 0.0
    count = 0
    peak = 0.0
    for block in blocks:
        if len(block):
            squares += float(np.dot(block, block))
            count += len(block)
            peak = max(peak, float(np.max(np.abs(block))))
    if count == 0:
        return AudioLevel(SILENCE_DBFS, SILENCE_DBFS)
    return AudioLevel(dbfs(math.sqrt(squares / count)), dbfs(peak))
