"""Loudness per ITU-R BS.1770 / EBU R128.

Integrated and short-term loudness come from pyloudnorm. pyloudnorm (0.2) has no true-peak
meter, so the true peak follows BS.1770's Annex 2 recipe: oversample 4x (scipy's polyphase
resampler) and take the largest magnitude.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import numpy.typing as npt
import pyloudnorm
from scipy.signal import firwin, resample_poly

from taketwo.analysis.decode import Samples

QUIET_LUFS = -32.0  # under this, a listener turns the volume right up
CLIP_DBTP = -0.5  # peaks this close to full scale are likely clipped


@dataclass(frozen=True, slots=True)
class Loudness:
    integrated_lufs: float | None  # None: too short or silent (everything under -70 LUFS)
    true_peak_dbtp: float | None
    spread_lu: float | None  # 10th-95th percentile of the gated 400 ms levels
    clipped_samples: int


@lru_cache(maxsize=2)
def _oversampling_filter(factor: int) -> npt.NDArray[np.float64]:
    """resample_poly's own low-pass (Kaiser, 10 taps a phase), designed once, not per block."""
    return np.asarray(firwin(20 * factor + 1, 1 / factor, window=("kaiser", 5.0)), np.float64)


def true_peak_dbtp(samples: Samples, rate: int) -> float | None:
    """Only the 100 ms blocks whose sample peak is within 6 dB of the loudest are oversampled:
    a band-limited signal's true peak sits within ~3 dB of its sample peak."""
    factor = 4 if rate < 96000 else 2
    taps = _oversampling_filter(factor)
    block, context = rate // 10, 64
    count = len(samples) // block + 1
    padded = np.zeros(count * block, np.float32)
    padded[: len(samples)] = np.abs(samples)
    block_peaks = padded.reshape(count, block).max(axis=1)
    sample_peak = float(block_peaks.max(initial=0.0))
    if sample_peak <= 0:
        return None
    peak = sample_peak
    for index in np.flatnonzero(block_peaks >= sample_peak / 2):
        start = int(index) * block
        lo = max(0, start - context)
        chunk = samples[lo : start + block + context].astype(np.float64)
        up = resample_poly(chunk, factor, 1, window=taps)
        core = up[(start - lo) * factor : (start - lo + block) * factor]  # no edge ringing
        if len(core):
            peak = max(peak, float(np.max(np.abs(core))))
    return 20 * float(np.log10(peak))


def measure_loudness(samples: Samples, rate: int) -> Loudness:
    clipped = int(np.count_nonzero(np.abs(samples) >= 0.999))
    peak = true_peak_dbtp(samples, rate) if len(samples) else None
    if len(samples) < rate * 0.4:  # BS.1770 gating needs one 400 ms block
        return Loudness(None, peak, None, clipped)
    meter = pyloudnorm.Meter(rate)
    # float32 on purpose: pyloudnorm copies its input and filters into that copy, so a float64
    # 2-minute take peaked at ~160 MB; the filters still run in float64 inside scipy.
    data = samples
    integrated = float(meter.integrated_loudness(data))
    spread = None
    # The momentary (400 ms) levels the meter gated with: their spread above the gates says how
    # much the voice rises and falls. Cheaper than EBU's loudness range, which needs 3 s blocks.
    blocks = np.asarray(meter.blockwise_loudness, np.float64)
    if np.isfinite(integrated):
        gated = blocks[np.isfinite(blocks) & (blocks > max(-70.0, integrated - 10.0))]
        if len(gated) >= 5:
            spread = float(np.percentile(gated, 95) - np.percentile(gated, 10))
    return Loudness(integrated if np.isfinite(integrated) else None, peak, spread, clipped)
