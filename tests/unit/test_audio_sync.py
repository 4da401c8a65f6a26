"""The aligner must put each sound where it happened on the monotonic clock, despite drift."""

import numpy as np
import pytest

from taketwo.capture.audio_sync import AudioAligner, ClockFit, FrameSlots


def simulate(
    drift_ppm: float,
    seconds: float,
    jitter_ms: float = 3.0,
    rate: int = 48000,
    start_delay: float = 0.02,
    lose_at: float | None = None,
    seed: int = 1,
):
    """A microphone whose clock runs ``drift_ppm`` fast, beeping at whole seconds after t0=100."""
    rng = np.random.default_rng(seed)
    t0 = 100.0
    opened = t0 - 0.5 + start_delay
    true_rate = rate * (1 + drift_ppm * 1e-6)
    aligner = AudioAligner(t0, rate, 48000)
    out = []
    block, index, delivered = 480, 0, 0
    while True:
        real = opened + (index + np.arange(block)) / true_rate
        if real[0] > t0 + seconds:
            break
        rel = real - t0
        x = np.where((rel >= 1) & (rel % 1 < 0.05), np.sin(2 * np.pi * 1000 * (rel % 1)), 0.0)
        arrived = real[-1] + 1 / true_rate + rng.uniform(0, jitter_ms / 1000)
        lost = lose_at is not None and lose_at <= rel[0] < lose_at + 0.3
        if not lost:
            out.append(
                aligner.push(
                    x.astype(np.float32),
                    arrived - block / rate,
                    delivered,
                    overflow=lose_at is not None
                    and rel[0] >= lose_at + 0.3
                    and rel[0] < lose_at + 0.31,
                )
            )
            delivered += block
        index += block
    audio = np.concatenate(out)
    return aligner, audio


def onsets(audio: np.ndarray, rate: int = 48000) -> np.ndarray:
    loud = np.abs(audio) > 0.3
    starts = np.flatnonzero(loud[1:] & ~loud[:-1]) + 1
    keep = [s for i, s in enumerate(starts) if i == 0 or s - starts[i - 1] > rate * 0.5]
    return np.array(keep) / rate


@pytest.mark.parametrize("drift", [0.0, 100.0, 1000.0, -1000.0])
def test_beeps_land_on_their_second_whatever_the_drift(drift):
    aligner, audio = simulate(drift, 30)
    found = onsets(audio)
    expected = np.arange(1, len(found) + 1)
    assert len(found) >= 29
    # The product promise is 15 ms; the aligner leaves errors under 8 ms alone (dead band).
    assert np.max(np.abs(found - expected)) < 0.012, found - expected
    assert np.mean(np.abs(found[-5:] - expected[-5:])) < 0.008, "steady errors are worked off"
    assert aligner.drift_ppm == pytest.approx(drift, abs=30)


def test_a_fast_microphone_is_squeezed_onto_wall_clock_time():
    """1000 ppm fast means 30 ms too many samples in 30 s; the output must not carry them."""
    _, audio = simulate(1000.0, 30)
    # The simulation stops delivering at t0 + 30 s (plus one block and the jitter).
    assert abs(len(audio) / 48000 - 30.0) < 0.02


def test_lost_samples_are_replaced_by_silence_and_sync_recovers():
    aligner, audio = simulate(100.0, 12, lose_at=4.5)
    found = onsets(audio)
    later = found[found > 6]
    assert np.max(np.abs(later - np.round(later))) < 0.012
    assert aligner.reanchors >= 1


def test_audio_that_starts_late_is_preceded_by_silence():
    _, audio = simulate(0.0, 3, start_delay=0.7)
    assert np.all(audio[: int(0.15 * 48000)] == 0)
    found = onsets(audio)
    assert abs(found[0] - 1.0) < 0.012


def test_clock_fit_ignores_late_stragglers():
    fit = ClockFit(48000)
    for k in range(400):
        late = 0.05 if k % 50 == 25 else 0.0
        fit.add(k * 480, 10 + k * 0.01 + late)
    assert fit.slope * 48000 == pytest.approx(1.0, abs=1e-5)
    assert fit.time_at(0) == pytest.approx(10.0, abs=1e-4)


def test_frame_slots_duplicate_for_slow_cameras_and_drop_extras():
    slots = FrameSlots(30)
    assert slots.place(0.002) == (0, 0)
    assert slots.place(0.034) == (0, 1)
    assert slots.place(0.101) == (1, 3)  # slot 2 missing: repeat the previous frame once
    assert slots.place(0.110) is None  # slot 3 taken: dropped
    assert (slots.duplicated, slots.dropped) == (1, 1)
    assert slots.fill_to(0.2) == 2  # slots 4 and 5 repeat the last frame


def test_first_frame_fills_the_lead_in_without_counting_duplicates():
    slots = FrameSlots(30)
    assert slots.place(0.066) == (2, 2)
    assert slots.duplicated == 0


def test_a_frame_stamped_a_little_late_keeps_its_slot():
    slots = FrameSlots(30)
    slots.place(0.001)
    assert slots.place(0.0333 + 0.018) == (0, 1)  # 18 ms late: still slot 1, not 2
    assert slots.place(0.0667 + 0.002) == (0, 2)
    assert (slots.duplicated, slots.dropped) == (0, 0)


def test_a_really_missing_frame_is_still_filled():
    slots = FrameSlots(30)
    slots.place(0.0)
    assert slots.place(0.0667) == (1, 2)  # two periods later: slot 1 repeats frame 0
