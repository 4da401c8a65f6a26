"""Putting microphone samples on the take's timeline, whatever the microphone's clock does.

A microphone's sample clock is not the monotonic clock: a cheap one runs 100-1000 ppm fast or
slow, so writing its samples back to back drifts audio against video by up to a second an hour.
``ClockFit`` estimates the device's true rate from block stamps (least squares over the take,
late stragglers ignored); ``AudioAligner`` resamples with a cubic interpolator whose read head is
steered (beyond an 8 ms dead band, by at most 0.2 % in pitch) toward where the fit says the
audio belongs. Big jumps (lost samples, overflows) are closed at once with silence or a skip.
"""

from __future__ import annotations

import math
from collections import deque

import numpy as np

MAX_SLEW = 0.002  # steering never changes pitch by more than 0.2 % (3.5 cents)
# Errors smaller than this are left alone: sync needs 15 ms, and some audio stacks (PulseAudio)
# wander +-5 ms around their true rate, which following would only smear the sound.
DEAD_BAND_SECONDS = 0.008
STEER_SECONDS = 1.0  # an error beyond the dead band is worked off over about this long
NUDGE = 0.0001  # inside the dead band a steady error is still worked off, at 100 ppm at most
NUDGE_SECONDS = 10.0
JUMP_SECONDS = 0.08  # errors beyond this are closed at once (lost samples, overflows)
LATE_SECONDS = 0.02  # a block stamped this much later than the fit predicts came late
SLOPE_TRUST_SECONDS = (5.0, 20.0)  # the fitted rate takes over from the nominal one between these
MAX_DRIFT = 0.005  # no real microphone is off by more; a fit that says so saw bad stamps
OFFSET_WINDOW = 300  # recent stamps (~3 s of 10-ms blocks) that place the line
OFFSET_PERCENTILE = 10  # stamps are only ever late: rest the line near their lower edge


class ClockFit:
    """A line through (sample index, capture time) since the last anchor.

    The slope is a least-squares fit over everything since the anchor, blended in from the
    nominal rate as the points span more time. The line's height comes from a low percentile
    of recent residuals, because stamps are only ever late (a woken thread, a busy bus).
    """

    def __init__(self, nominal_rate: float) -> None:
        self.nominal_rate = nominal_rate
        self.slope_hint = 1.0 / nominal_rate  # kept across re-anchors
        self.reset()

    def reset(self) -> None:
        self.n = 0
        self.late_in_a_row = 0
        self._ref: tuple[int, float] | None = None
        self._sx = self._sy = self._sxx = self._sxy = 0.0
        self._span = 0.0
        self._recent_x: deque[float] = deque(maxlen=OFFSET_WINDOW)
        self._recent_y: deque[float] = deque(maxlen=OFFSET_WINDOW)
        self._slope: float | None = None
        self._offset: float | None = None

    @property
    def slope(self) -> float:
        """Seconds per sample."""
        if self._slope is None:
            self._slope = self._fit_slope()
        return self._slope

    def _fit_slope(self) -> float:
        lo, hi = SLOPE_TRUST_SECONDS
        weight = min(1.0, max(0.0, (self._span / self.nominal_rate - lo) / (hi - lo)))
        if weight == 0.0 or self.n < 3:
            return self.slope_hint
        mean_x = self._sx / self.n
        var = self._sxx / self.n - mean_x * mean_x
        cov = self._sxy / self.n - mean_x * (self._sy / self.n)
        if var <= 0 or abs(cov / var * self.nominal_rate - 1) > MAX_DRIFT:
            return self.slope_hint
        fitted = cov / var
        if weight == 1.0:
            self.slope_hint = fitted
        return (1 - weight) * self.slope_hint + weight * fitted

    def measured_ppm(self) -> float:
        """The raw fitted rate against nominal, for reports (0 until there is a fit)."""
        if self.n < 3 or self._span < self.nominal_rate:
            return 0.0
        mean_x = self._sx / self.n
        var = self._sxx / self.n - mean_x * mean_x
        cov = self._sxy / self.n - mean_x * (self._sy / self.n)
        return (var / (cov * self.nominal_rate) - 1.0) * 1e6 if cov > 0 else 0.0

    def time_at(self, index: float) -> float:
        assert self._ref is not None, "time_at before any stamp"
        if self._offset is None:
            x = np.fromiter(self._recent_x, float, len(self._recent_x))
            y = np.fromiter(self._recent_y, float, len(self._recent_y))
            self._offset = float(np.percentile(y - self.slope * x, OFFSET_PERCENTILE))
        return self._ref[1] + self._offset + self.slope * (index - self._ref[0])

    def add(self, index: int, t: float) -> bool:
        """Take a stamp into the fit; False if it was left out as a late straggler."""
        if self._ref is None:
            self._ref = (index, t)
        elif self.n >= 10 and t - self.time_at(index) > LATE_SECONDS:
            self.late_in_a_row += 1
            return False
        self.late_in_a_row = 0
        x, y = float(index - self._ref[0]), t - self._ref[1]
        self.n += 1
        self._sx += x
        self._sy += y
        self._sxx += x * x
        self._sxy += x * y
        self._span = max(self._span, x)
        self._recent_x.append(x)
        self._recent_y.append(y)
        self._slope = self._offset = None
        return True


def _cubic(buf: np.ndarray, pos: np.ndarray) -> np.ndarray:
    """Catmull-Rom interpolation of ``buf`` at fractional positions ``pos``."""
    i = np.floor(pos).astype(np.int64)
    f = (pos - i).astype(np.float32)
    last = len(buf) - 1
    p0 = buf[np.clip(i - 1, 0, last)]
    p1 = buf[np.clip(i, 0, last)]
    p2 = buf[np.clip(i + 1, 0, last)]
    p3 = buf[np.clip(i + 2, 0, last)]
    a0 = -0.5 * p0 + 1.5 * p1 - 1.5 * p2 + 0.5 * p3
    a1 = p0 - 2.5 * p1 + 2.0 * p2 - 0.5 * p3
    a2 = -0.5 * p0 + 0.5 * p2
    out: np.ndarray = ((a0 * f + a1) * f + a2) * f + p1
    return out.astype(np.float32)


class AudioAligner:
    """Turns device blocks into ``out_rate`` samples on a timeline that starts at ``t0``."""

    def __init__(self, t0: float, in_rate: float, out_rate: int = 48000) -> None:
        self.t0 = t0
        self.in_rate = float(in_rate)
        self.out_rate = out_rate
        self.fit = ClockFit(in_rate)
        self.emitted = 0  # output samples so far
        self.reanchors = 0
        self.worst_error = 0.0  # seconds, after the first two seconds
        self._head: float | None = None  # input index that the next output sample reads
        self._buf = np.zeros(0, np.float32)
        self._buf_start = 0  # device index of _buf[0]
        self._next_index: int | None = None

    @property
    def drift_ppm(self) -> float:
        """How fast the microphone's clock runs against the monotonic clock, as measured."""
        return self.fit.measured_ppm()

    def _target_head(self) -> float:
        """The input index captured at the instant the next output sample stands for."""
        when = self.t0 + self.emitted / self.out_rate
        slope = self.fit.slope
        return self._anchor_index + (when - self.fit.time_at(self._anchor_index)) / slope

    def push(self, samples: np.ndarray, t: float, index: int, overflow: bool = False) -> np.ndarray:
        """Add a block; return the output samples that are now ready."""
        gap = 0 if self._next_index is None else index - self._next_index
        if overflow or gap < 0 or gap > 5 * self.in_rate or self.fit.late_in_a_row > 20:
            self._reanchor(index)
        elif gap > 0:  # the device says it lost samples: they were silence for us
            self._append(np.zeros(gap, np.float32))
        if self._next_index is None:
            self._buf_start = index
            self._anchor_index = index
        self.fit.add(index, t)
        self._append(samples.astype(np.float32, copy=False))
        self._next_index = index + len(samples)
        return self._produce()

    def _reanchor(self, index: int) -> None:
        self.fit.reset()
        self.reanchors += 1
        self._buf = np.zeros(0, np.float32)
        self._buf_start = index
        self._anchor_index = index
        self._head = None

    def _append(self, samples: np.ndarray) -> None:
        self._buf = np.concatenate([self._buf, samples]) if len(self._buf) else samples.copy()

    def _produce(self) -> np.ndarray:
        target = self._target_head()
        pieces: list[np.ndarray] = []
        if self._head is None:
            self._head = target
        error = self._head - target  # > 0: reading audio captured later than it belongs
        if abs(error) > JUMP_SECONDS * self.in_rate:
            if error > 0:  # audio is missing: close the hole with silence
                pieces.append(
                    np.zeros(int(round(error * self.out_rate / self.in_rate)), np.float32)
                )
                self.emitted += len(pieces[-1])
            else:
                self._head = target
            target = self._target_head()
            error = self._head - target
        elif self.emitted > 2 * self.out_rate:
            self.worst_error = max(self.worst_error, abs(error) / self.in_rate)
        base = (self.in_rate / self.out_rate) / (self.fit.slope * self.in_rate)
        band = DEAD_BAND_SECONDS * self.in_rate
        outside = error - band if error > band else error + band if error < -band else 0.0
        steer = max(-MAX_SLEW, min(MAX_SLEW, -outside / (self.in_rate * STEER_SECONDS)))
        steer += max(-NUDGE, min(NUDGE, -error / (self.in_rate * NUDGE_SECONDS)))
        step = base * (1.0 + steer)
        head = self._head
        if head < self._buf_start:  # audio starts after this point of the timeline: silence
            lead = math.ceil((self._buf_start - head) / step)
            pieces.append(np.zeros(lead, np.float32))
            self.emitted += lead
            head += lead * step
        end = self._buf_start + len(self._buf) - 2
        if head <= end:
            n = int((end - head) // step) + 1
            pos = head - self._buf_start + step * np.arange(n)
            pieces.append(_cubic(self._buf, pos))
            self.emitted += n
            head += n * step
        self._head = head
        keep_from = min(max(0, int(math.floor(head)) - 1 - self._buf_start), len(self._buf))
        if keep_from:
            self._buf = self._buf[keep_from:]
            self._buf_start += keep_from
        if not pieces:
            return np.zeros(0, np.float32)
        return pieces[0] if len(pieces) == 1 else np.concatenate(pieces)


LATE_TOLERANCE = 0.6  # of a frame period


class FrameSlots:
    """Places camera frames on a constant-rate grid that starts at the take's t0.

    A frame goes to the slot nearest its stamp. Slots a slow camera leaves empty repeat the
    previous frame (counted as duplicated); a second frame for a filled slot is dropped.
    """

    def __init__(self, fps: float) -> None:
        self.fps = fps
        self.next_slot = 0
        self.dropped = 0
        self.duplicated = 0
        self.started = False

    def place(self, seconds: float) -> tuple[int, int] | None:
        """For a frame ``seconds`` into the take: (fill count before it, its slot), or None."""
        ideal = seconds * self.fps
        slot = round(ideal)
        if slot == self.next_slot + 1 and ideal - self.next_slot < LATE_TOLERANCE:
            # Stamped a little late (a busy machine woke the grab thread late): it is the
            # frame for the next slot, not a reason to repeat one frame and drop the next.
            slot = self.next_slot
        if slot < self.next_slot:
            if slot >= 0:
                self.dropped += 1
            return None
        fill = slot - self.next_slot
        if self.started:
            self.duplicated += fill
        self.started = True
        self.next_slot = slot + 1
        return fill, slot

    def fill_to(self, seconds: float) -> int:
        """How many repeats of the last frame bring the video to ``seconds``."""
        end = round(seconds * self.fps)
        fill = max(0, end - self.next_slot)
        self.next_slot += fill
        return fill
