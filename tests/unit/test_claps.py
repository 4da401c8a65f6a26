"""Clap finding on synthetic sound and pictures with a known offset."""

import numpy as np
import pytest

from taketwo.analysis.claps import clap_offsets, motion_peaks, sound_onsets


def test_sound_onsets_find_sharp_attacks_and_ignore_a_slow_swell():
    rate = 48000
    n = 5 * rate
    rng = np.random.default_rng(3)
    audio = (rng.standard_normal(n) * 0.003).astype(np.float32)
    swell = np.clip((np.arange(n) - 3.5 * rate) / (3.0 * rate), 0, 1)  # a 3-s fade-in
    audio += (0.3 * swell * np.sin(2 * np.pi * 200 * np.arange(n) / rate)).astype(np.float32)
    for t in (1.0, 2.0, 3.0):
        i = int(t * rate)
        audio[i : i + 2400] += (0.8 * np.exp(-np.arange(2400) / 300)).astype(np.float32)
    assert sound_onsets(audio, rate) == pytest.approx([1.0, 2.0, 3.0], abs=0.002)


def test_claps_pair_each_sound_with_where_the_picture_first_changes():
    fps = 30
    times = np.arange(150) / fps
    frames = np.zeros((150, 36, 64), np.uint8)
    for second in (1, 2, 3, 4):
        frames[second * fps] = 255  # a flash: the picture changes on and off
    motion_times, motion = motion_peaks(times, frames)
    onsets = np.array([1.08, 2.08, 3.08, 4.08])
    found = clap_offsets(onsets, motion_times, motion)
    assert found.count == 4
    assert found.median == pytest.approx(0.08, abs=1e-6)
    assert found.spread == pytest.approx(0.0, abs=1e-6)
