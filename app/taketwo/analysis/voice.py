"""Speaking rate and pitch range with Praat (through parselmouth), no transcript needed.

The rate is counted the de Jong & Wempe (2009) way: syllable nuclei are intensity peaks that
stand out from the level around them and fall in voiced speech.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from taketwo.analysis.decode import RATE, Samples
from taketwo.analysis.result import AnalysisError

PRAAT_RATE = RATE  # the sound arrives decoded at 16 kHz
SILENCE_DB = -25.0  # peaks this far under the loudest (99th percentile) are not syllables
MIN_DIP_DB = 2.0  # a nucleus must stand this far above the dip before the next one
# de Jong & Wempe use 30 Hz; 50 Hz still covers the lowest speaking voices and makes Praat's
# pitch analysis ~40 % faster (its window is three periods of the floor).
PITCH_FLOOR_HZ = 50.0
CHUNK_S, CONTEXT_S = 3.0, 0.25  # 3-s pieces, with more than Praat's longest window each side
SYLLABLES_PER_WORD = (1.6, 1.3)  # conversational English: ~1.3-1.6 syllables a word


@dataclass(frozen=True, slots=True)
class Voice:
    syllables: int
    nuclei: list[float]  # times of the syllable nuclei, seconds from the start of the sound
    pitch_low_hz: float | None
    pitch_high_hz: float | None
    voiced: np.ndarray = field(default_factory=lambda: np.zeros(0))  # times of voiced frames
    f0: np.ndarray = field(default_factory=lambda: np.zeros(0))  # their pitch, Hz


def _pitch_range(f0: np.ndarray) -> tuple[float | None, float | None]:
    if len(f0) < 10:
        return None, None
    return float(np.percentile(f0, 10)), float(np.percentile(f0, 90))


def within(voice: Voice, spans: Sequence[tuple[float, float]]) -> Voice:
    """The syllables and pitch inside ``spans`` (seconds from the start of the sound) only."""

    def inside(times: np.ndarray) -> np.ndarray:
        keep = np.zeros(len(times), bool)
        for start, end in spans:
            keep |= (times >= start) & (times < end)
        return keep

    nuclei = np.asarray(voice.nuclei, np.float64)
    kept_nuclei = [float(t) for t in nuclei[inside(nuclei)]]
    keep = inside(voice.voiced)
    voiced, f0 = voice.voiced[keep], voice.f0[keep]
    return Voice(len(kept_nuclei), kept_nuclei, *_pitch_range(f0), voiced, f0)


def _local_peaks(values: np.ndarray) -> np.ndarray:
    inner = (values[1:-1] > values[:-2]) & (values[1:-1] >= values[2:])
    return np.flatnonzero(inner) + 1


def _praat_tracks(samples: Samples) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Intensity (times, dB) and pitch (times, Hz; 0 = unvoiced), computed in short pieces:
    Praat holds the GIL while it works, and a 2-minute take in one call froze the GUI ~1 s."""
    # Imported here, not at the top: in the analysis child the picture thread starts decoding
    # while Praat (~0.25 s) loads on the sound's side, instead of after.
    import parselmouth

    size, context = int(CHUNK_S * PRAAT_RATE), int(CONTEXT_S * PRAAT_RATE)
    tracks: list[list[np.ndarray]] = [[], [], [], []]
    failed = 0
    for start in range(0, len(samples), size):
        lo, hi = max(0, start - context), min(len(samples), start + size + context)
        if hi - lo < PRAAT_RATE // 10:
            continue
        sound = parselmouth.Sound(
            samples[lo:hi].astype(np.float64),
            sampling_frequency=PRAAT_RATE,
            start_time=lo / PRAAT_RATE,
        )
        core = (start / PRAAT_RATE, min(len(samples), start + size) / PRAAT_RATE)
        try:
            intensity, pitch = _praat_piece(sound)
        except parselmouth.PraatError:  # a piece shorter than Praat's analysis window
            failed += 1
            continue
        for times, values, out in (
            (intensity.xs(), intensity.values[0], tracks[0:2]),
            (pitch.xs(), pitch.selected_array["frequency"], tracks[2:4]),
        ):
            keep = (times >= core[0]) & (times < core[1])
            out[0].append(np.asarray(times)[keep])
            out[1].append(np.asarray(values)[keep])
    if not tracks[0] and failed:
        raise AnalysisError("the recording has too little audio to measure pace and pitch")
    if not tracks[0]:
        empty = np.zeros(0)
        return empty, empty, empty, empty
    joined = [np.concatenate(parts) for parts in tracks]
    return joined[0], joined[1], joined[2], joined[3]


def _praat_piece(sound: Any) -> tuple[Any, Any]:
    """Praat's intensity and pitch tracks of one piece of sound."""
    intensity = sound.to_intensity(minimum_pitch=50.0, subtract_mean=True)
    pitch = sound.to_pitch_ac(
        time_step=0.02,
        pitch_floor=PITCH_FLOOR_HZ,
        max_number_of_candidates=4,
        very_accurate=False,
        silence_threshold=0.03,
        voicing_threshold=0.25,
        octave_cost=0.01,
        octave_jump_cost=0.35,
        voiced_unvoiced_cost=0.25,
        pitch_ceiling=450.0,
    )
    return intensity, pitch


def analyse_voice(samples: Samples) -> Voice:
    """``samples`` at PRAAT_RATE."""
    if len(samples) < PRAAT_RATE // 10:
        return Voice(0, [], None, None)
    times, levels, f0_times, f0 = _praat_tracks(samples)
    voiced, pitch = f0_times[f0 > 0], f0[f0 > 0]
    low, high = _pitch_range(pitch)
    if len(levels) < 3 or len(f0) == 0:
        return Voice(0, [], low, high, voiced, pitch)

    threshold = max(float(np.quantile(levels, 0.99)) + SILENCE_DB, float(levels.min()))
    peaks = [int(p) for p in _local_peaks(levels) if levels[p] > threshold]
    nuclei: list[float] = []
    for here, following in zip(peaks, peaks[1:], strict=False):
        dip = float(levels[here : following + 1].min())
        if levels[here] - dip <= MIN_DIP_DB:
            continue
        t = float(times[here])
        nearest = int(np.clip(np.searchsorted(f0_times, t), 0, len(f0) - 1))
        if f0[nearest] > 0:
            nuclei.append(t)
    return Voice(len(nuclei), nuclei, low, high, voiced, pitch)


def words_per_minute(syllables_per_s: float) -> tuple[float, float]:
    """A range, since words have different numbers of syllables."""
    return (
        syllables_per_s * 60 / SYLLABLES_PER_WORD[0],
        syllables_per_s * 60 / SYLLABLES_PER_WORD[1],
    )


def semitones(low_hz: float, high_hz: float) -> float:
    return float(12 * np.log2(high_hz / low_hz))
