"""Putting microphone samples on the take's timeline, whatever the microphone's clock does.

A microphone's sample clock is not the monotonic clock: a cheap one runs 100-1000 ppm fast or
slow, so writing its samples back to back drifts audio against video by up to a second an hour.
``BlockClock`` follows the device's clock continuously with a delay-locked loop on the block
stamps, the way JACK and PipeWire do; ``AudioAligner`` resamples with libsamplerate at the
ratio the loop measures, steered smoothly (no dead band) toward where the audio belongs. Big
jumps (lost samples, overflows) are closed at once with silence or a skip.
"""

from __future__ import annotations

import math

import numpy as np
import samplerate

CONVERTER = "sinc_fastest"  # > 90 dB SNR at 80 % bandwidth, ~0.3 s of CPU per hour of mono
# Steering never changes pitch by more than 0.05 % (under a cent): faster, and a stack whose
# stamps ramp by milliseconds over its first seconds (PulseAudio) moves a sentence audibly.
MAX_SLEW = 0.0005
STEER_SECONDS = 1.0  # a phase error is worked off over about this long
JUMP_SECONDS = 0.08  # errors beyond this are closed at once (lost samples, overflows)
LATE_SECONDS = 0.05  # a stamp this far from the loop's prediction is a straggler, not news
# The loop starts wide so it locks in a second, then narrows so a stack whose stamps wander
# +-5 ms (PulseAudio) moves the ratio by a few ppm, not audibly.
WIDE_HZ, NARROW_HZ, NARROW_AFTER_SECONDS = 0.5, 0.05, 2.0
MAX_DRIFT = 0.005  # no real microphone is off by more; a loop that says so saw bad stamps
# Stamps are only ever late (a thread woken late, a busy bus), never early: the loop is fed
# the least late of the last few seconds of stamps, projected to the newest block. A long
# window rides out a stack that delivers on one phase for a while and then on another (PulseAudio
# switches between phases 5 ms apart every few seconds); the loop starts once 0.3 s is seen.
ENVELOPE_SECONDS, SETTLE_SECONDS, FIT_SECONDS = 5.0, 0.3, 0.3
# An old stamp projected with a period still being learned may look early only because the
# period is off. So it is projected with the period lengthened by the loop's doubt: 0.1 % at
# first, then 2 ms over however long the loop has followed the device. It must beat the newer
# stamps by more than a drifting clock could explain before it counts.
PERIOD_DOUBT, DOUBT_SECONDS = 0.001, 0.002


class StampWindow:
    """The recent (sample index, stamp) pairs, kept in arrays so the envelope is one vector op."""

    def __init__(self, capacity: int = 1024) -> None:
        self._index = np.zeros(capacity, np.float64)
        self._time = np.zeros(capacity, np.float64)
        self._start = self._end = 0

    def add(self, index: int, t: float, oldest: float) -> None:
        """Keep (index, t), forgetting pairs whose index is below ``oldest``."""
        if self._end == len(self._index):  # full: slide the live part down, or grow
            live = self._end - self._start
            if live > len(self._index) // 2:
                self._index = np.resize(self._index, 2 * len(self._index))
                self._time = np.resize(self._time, 2 * len(self._time))
            self._index[:live] = self._index[self._start : self._end]
            self._time[:live] = self._time[self._start : self._end]
            self._start, self._end = 0, live
        self._index[self._end], self._time[self._end] = index, t
        self._end += 1
        while self._index[self._start] < oldest:
            self._start += 1

    def earliest(self, index: int, period: float, since: float = -math.inf) -> float:
        """The earliest of the stamps from index ``since`` on, projected to ``index`` at
        ``period`` seconds a sample."""
        start = self._start
        if since > self._index[start]:
            start += int(np.searchsorted(self._index[start : self._end], since))
        live = slice(start, self._end)
        return float(np.min(self._time[live] + (index - self._index[live]) * period))


class BlockClock:
    """A second-order delay-locked loop over (sample index, capture time) of each block."""

    def __init__(self, nominal_rate: float) -> None:
        self.nominal_rate = float(nominal_rate)
        self.reset()

    def reset(self) -> None:
        self.period = 1.0 / self.nominal_rate  # seconds per sample, as the loop measures it
        self._index: int | None = None  # the anchor: a sample index and the time it was captured
        self._time = 0.0
        self._span = 0.0  # seconds followed since the last reset
        self._recent = StampWindow()
        self.late_in_a_row = 0
        self._fit: list[float] = [0.0] * 5  # n, sx, sy, sxx, sxy of (index, earliest) for reports
        self._origin: tuple[int, float] | None = None

    @property
    def settled(self) -> bool:
        """Whether a window of stamps has been seen, so the first anchor is not a late one."""
        return self._span >= SETTLE_SECONDS

    def time_at(self, index: float) -> float:
        assert self._index is not None, "time_at before any stamp"
        return self._time + (index - self._index) * self.period

    def index_at(self, t: float) -> float:
        assert self._index is not None, "index_at before any stamp"
        return self._index + (t - self._time) / self.period

    def measured_ppm(self) -> float:
        """How fast the device's clock ran against the monotonic clock over the whole take: a
        least-squares line through the least-late stamps (the loop itself learns slowly)."""
        n, sx, sy, sxx, sxy = self._fit
        if self._span < 1.0 or n < 3:
            return 0.0
        var = sxx / n - (sx / n) ** 2
        cov = sxy / n - (sx / n) * (sy / n)
        if var <= 0 or cov <= 0:
            return 0.0
        return (var / (cov * self.nominal_rate) - 1.0) * 1e6

    def _projection_period(self) -> float:
        """The loop's period, lengthened by how far it may still be off (less as it learns)."""
        doubt = min(PERIOD_DOUBT, DOUBT_SECONDS / max(self._span, 1e-3))
        return self.period * (1.0 + doubt)

    def update(self, index: int, t: float) -> bool:
        """Take a block's stamp into the loop; False if it was left out as a straggler."""
        self._recent.add(index, t, index - ENVELOPE_SECONDS * self.nominal_rate)
        earliest = self._recent.earliest(index, self._projection_period())
        # The report's line is drawn through a short envelope, which no period error can bias.
        recent = self._recent.earliest(index, self.period, index - FIT_SECONDS * self.nominal_rate)
        if self._origin is None:
            self._origin = (index, recent)
        x, y = float(index - self._origin[0]), recent - self._origin[1]
        for k, v in enumerate((1.0, x, y, x * x, x * y)):
            self._fit[k] += v
        if self._index is None or not self.settled:
            if self._index is not None:
                self._span += (index - self._index) * self.period
            self._index, self._time = index, earliest
            return True
        n = index - self._index
        if n <= 0:
            return False
        predicted = self._time + n * self.period
        error = earliest - predicted
        if abs(error) > LATE_SECONDS:
            self.late_in_a_row += 1
            return False
        self.late_in_a_row = 0
        dt = n * self.period
        self._span += dt
        # The phase follows fast at first, then slowly; the rate always learns slowly, since
        # stamps that wander by milliseconds would otherwise swing it by hundreds of ppm.
        phase_hz = WIDE_HZ if self._span < NARROW_AFTER_SECONDS else NARROW_HZ
        self._index = index
        self._time = predicted + math.sqrt(2) * 2 * math.pi * phase_hz * dt * error
        rate_omega = 2 * math.pi * NARROW_HZ * dt
        period = self.period + rate_omega * rate_omega * error / n
        nominal = 1.0 / self.nominal_rate
        self.period = min(nominal * (1 + MAX_DRIFT), max(nominal * (1 - MAX_DRIFT), period))
        return True


class AudioAligner:
    """Turns device blocks into ``out_rate`` samples on a timeline that starts at ``t0``."""

    def __init__(self, t0: float, in_rate: float, out_rate: int = 48000) -> None:
        self.t0 = t0
        self.in_rate = float(in_rate)
        self.out_rate = out_rate
        self.clock = BlockClock(in_rate)
        self.emitted = 0  # output samples so far
        self.reanchors = 0
        self.worst_error = 0.0  # seconds, after the first two seconds
        self._resampler = samplerate.Resampler(CONVERTER, channels=1)
        self._head: float | None = None  # input index that the next output sample reads
        self._skip_to = 0  # input before this index is thrown away (a backward jump)
        self._next_index: int | None = None
        self._held: list[tuple[np.ndarray, int]] = []  # blocks seen before the clock settled

    @property
    def drift_ppm(self) -> float:
        """How fast the microphone's clock runs against the monotonic clock, as measured."""
        return self.clock.measured_ppm()

    def _target_head(self) -> float:
        """The input index captured at the instant the next output sample stands for."""
        return self.clock.index_at(self.t0 + self.emitted / self.out_rate)

    def push(self, samples: np.ndarray, t: float, index: int, overflow: bool = False) -> np.ndarray:
        """Add a block; return the output samples that are now ready."""
        samples = np.asarray(samples, np.float32)
        gap = 0 if self._next_index is None else index - self._next_index
        if overflow or gap < 0 or gap > 5 * self.in_rate or self.clock.late_in_a_row > 20:
            self._reanchor()
        elif gap > 0:  # the device says it lost samples: they were silence for us
            samples = np.concatenate([np.zeros(gap, np.float32), samples])
            index -= gap
        self.clock.update(index, t)
        self._next_index = index + len(samples)
        self._held.append((samples, index))
        if not self.clock.settled:
            return np.zeros(0, np.float32)
        held, self._held = self._held, []
        out = [self._produce(block, start) for block, start in held]
        return out[0] if len(out) == 1 else np.concatenate(out)

    def _reanchor(self) -> None:
        self._held = []
        self.clock.reset()
        self.reanchors += 1
        self._resampler.reset()
        self._head = None

    def _produce(self, samples: np.ndarray, index: int) -> np.ndarray:
        pieces: list[np.ndarray] = []
        target = self._target_head()
        if self._head is None or abs(self._head - target) > JUMP_SECONDS * self.in_rate:
            if self._head is not None and self._head > target:
                # Audio is missing (the device lost time): silence until the timeline reaches
                # the audio we have, then read on from where the resampler is.
                hole = int(round((self._head - target) / self.in_rate * self.out_rate))
                pieces.append(np.zeros(hole, np.float32))
                self.emitted += hole
            else:  # the start, or too much audio: begin reading afresh where it belongs
                self._resampler.reset()
                if target < index:  # the audio starts after this point of the timeline
                    lead = int(round((index - target) / self.in_rate * self.out_rate))
                    pieces.append(np.zeros(lead, np.float32))
                    self.emitted += lead
                self._head = self._skip_to = max(index, math.ceil(target))
            target = self._target_head()
        elif self.emitted > 2 * self.out_rate:
            self.worst_error = max(self.worst_error, abs(self._head - target) / self.in_rate)
        if self._skip_to > index:
            samples = samples[self._skip_to - index :]
        if len(samples):
            error = (self._head - target) / self.in_rate  # > 0: reading later audio than due
            steer = max(-MAX_SLEW, min(MAX_SLEW, error / STEER_SECONDS))
            ratio = self.clock.period * self.out_rate * (1.0 + steer)
            self._resampler.set_ratio(ratio)
            out = self._resampler.process(samples, ratio)
            self._head += len(out) / ratio
            self.emitted += len(out)
            pieces.append(out)
        if not pieces:
            return np.zeros(0, np.float32)
        return pieces[0] if len(pieces) == 1 else np.concatenate(pieces)
