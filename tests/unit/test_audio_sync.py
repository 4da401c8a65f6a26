"""The aligner must put each sound where it happened on the monotonic clock, despite drift."""

import numpy as np
import pytest

from taketwo.capture.audio_sync import AudioAligner, BlockClock
from taketwo.capture.frame_slots import FrameSlots


def simulate(
    drift_ppm: float,
    seconds: float,
    jitter_ms: float = 3.0,
    rate: int = 48000,
    start_delay: float = 0.02,
    lose_at: float | None = None,
    seed: int = 1,
    wander_ms: float = 0.0,
    signal=None,
    stall_every: float | None = None,
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
        if signal is None:
            x = np.where((rel >= 1) & (rel % 1 < 0.05), np.sin(2 * np.pi * 1000 * (rel % 1)), 0.0)
        else:
            x = signal(rel)
        arrived = real[-1] + 1 / true_rate + rng.uniform(0, jitter_ms / 1000)
        # Late by up to wander_ms, slowly: a stack that delivers on a wandering schedule.
        arrived += wander_ms / 1000 * (1 + np.sin(2 * np.pi * 0.3 * rel[0]))
        if stall_every is not None and rel[0] % stall_every < 0.06:
            # A busy machine: the thread wakes 60 ms late and delivers the backlog at once.
            arrived = max(arrived, real[0] - rel[0] % stall_every + 0.065)
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
    # No dead band: every beep within 5 ms, the last ones within the stamps' own jitter.
    assert np.max(np.abs(found - expected)) < 0.005, found - expected
    assert np.mean(np.abs(found[-5:] - expected[-5:])) < 0.003, "steady errors are worked off"
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
    assert np.max(np.abs(later - np.round(later))) < 0.005
    assert aligner.reanchors >= 1


def test_audio_that_starts_late_is_preceded_by_silence():
    _, audio = simulate(0.0, 3, start_delay=0.7)
    assert np.all(audio[: int(0.15 * 48000)] == 0)
    found = onsets(audio)
    assert abs(found[0] - 1.0) < 0.005


def test_block_clock_follows_drift_and_ignores_stragglers():
    clock = BlockClock(48000)
    for k in range(2000):
        late = 0.2 if k % 50 == 25 else 0.0
        clock.update(k * 480, 10 + k * 0.01 / 1.001 + late)
    assert clock.measured_ppm() == pytest.approx(1000, abs=50)
    assert clock.time_at(1999 * 480) == pytest.approx(10 + 19.99 / 1.001, abs=2e-4)


def test_a_busy_machine_delaying_blocks_does_not_move_the_sound():
    aligner, audio = simulate(1000.0, 20, stall_every=1.7)
    found = onsets(audio)
    assert len(found) >= 19
    assert np.max(np.abs(found - np.round(found))) < 0.005
    assert aligner.reanchors == 0


def test_pulseaudio_wander_keeps_sync_within_5_ms():
    _, audio = simulate(1000.0, 30, jitter_ms=2.0, wander_ms=5.0)
    found = onsets(audio)
    locked = found[found > 10]  # the loop narrows after 2 s and settles within a few more
    assert np.max(np.abs(locked - np.round(locked))) < 0.005


def test_a_steady_tone_stays_pure_despite_wandering_stamps():
    """Everything outside +-20 Hz of a 1 kHz tone at least 60 dB down, at 1000 ppm and
    with stamps wandering +-5 ms: the ratio moves too slowly to be heard."""
    tone = 1000.0
    _, audio = simulate(
        1000.0, 12, wander_ms=5.0, signal=lambda rel: 0.5 * np.sin(2 * np.pi * tone * rel)
    )
    part = audio[4 * 48000 : 12 * 48000 - 4800].astype(np.float64)
    window = np.blackman(len(part))
    spectrum = np.abs(np.fft.rfft(part * window))
    freqs = np.fft.rfftfreq(len(part), 1 / 48000)
    peak = spectrum.max()
    outside = spectrum[np.abs(freqs - tone) > 20].max()
    assert freqs[np.argmax(spectrum)] == pytest.approx(tone, abs=2)
    assert 20 * np.log10(outside / peak) < -60


def test_rates_above_48k_are_low_pass_filtered():
    """A 30 kHz tone at 96 kHz cannot be carried at 48 kHz: it must not fold back."""
    rate = 96000
    aligner = AudioAligner(100.0, rate, 48000)
    out = []
    for k in range(400):
        i = np.arange(k * 960, (k + 1) * 960)
        x = (0.5 * np.sin(2 * np.pi * 30000 * i / rate)).astype(np.float32)
        out.append(aligner.push(x, 99.9 + (k + 1) * 0.01, k * 960))
    audio = np.concatenate(out)[48000:]
    assert np.sqrt(np.mean(audio**2)) < 0.5 / np.sqrt(2) * 10 ** (-60 / 20)


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
