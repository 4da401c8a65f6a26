"""A beep train (the demo microphone's sync marks) or a steady tone is not speech: no pauses,
no pace, no pitch, and the take says no speech was found."""

from __future__ import annotations

import numpy as np
import pytest
import soundfile

from taketwo.analysis.take import analyze_file
from taketwo.devices.demo import MARK_TONE_AMPLITUDE, MARK_TONE_HZ, MARK_TONE_SECONDS

RATE = 48000


def _noise(seconds: float, dbfs: float = -50.0) -> np.ndarray:
    rng = np.random.default_rng(7)
    return rng.standard_normal(int(seconds * RATE)) * 10 ** (dbfs / 20)


def _beeps(seconds: float) -> np.ndarray:
    """Like the demo microphone: quiet noise, a short 1 kHz burst at each whole second."""
    out = _noise(seconds)
    t = np.arange(len(out)) / RATE
    phase = t - np.floor(t)
    burst = (t >= 1) & (phase < MARK_TONE_SECONDS)
    out[burst] += MARK_TONE_AMPLITUDE * np.sin(2 * np.pi * MARK_TONE_HZ * phase[burst])
    return out


def _steady(seconds: float) -> np.ndarray:
    return 0.3 * np.sin(2 * np.pi * 440.0 * np.arange(int(seconds * RATE)) / RATE) + _noise(seconds)


@pytest.mark.parametrize("make", [_beeps, _steady], ids=["demo-beeps", "steady-tone"])
def test_tones_are_not_speech(tmp_path, make):
    path = tmp_path / "tones.wav"
    soundfile.write(path, make(12.0).astype(np.float32), RATE)
    result = analyze_file(path)
    assert result["speaking_s"] == 0
    assert result["pauses"] == []
    assert result["rate"] is None
    assert result["pitch"] is None
    assert "no_speech" in result["warnings"]
    assert result["loudness"]["integrated_lufs"] is not None  # still heard, still measured
