"""Putting microphone samples on the take's timeline, whatever the microphone's clock does.

A microphone's sample clock is not the monotonic clock: a cheap one runs 100-1000 ppm fast or
slow, so writing its samples back to back drifts audio against video by up to a second an hour.
``ClockFit`` estimates the device's true rate from block stamps (least squares over the take,
late stragglers ignored); ``AudioAligner`` resamples with a cubic interpolator whose read head is
steered, by at most 0.5 % in pitch, toward where the fit says the audio belongs. Big jumps
(lost samples, overflows) are closed at once with silence or a skip.
"""

from __future__ import annotations

import math

import numpy as np

MAX_SLEW = 0.005  # steering never changes pitch by more than 0.5 %
STEER_SECONDS = 1.0  # a timing error is worked off over about this long
JUMP_SECONDS = 0.08  # errors beyond this are closed at once (lost samples, overflows)
LATE_SECONDS = 0.02  # a block stamped this much later than the fit predicts came late
MIN_FIT_SECONDS = 2.0  # before this much audio, trust the nominal rate


class ClockFit:
    """Least-squares line through (sample index, capture time) since the last anchor.

    Until the points span MIN_FIT_SECONDS the slope is the nominal (or last known) one and the
    line rests on the earliest stamp: stamps are only ever late, so the lower envelope is the
    better guess while there are few of them.
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
        self._floor = math.inf

    def _fitted(self) -> bool:
        return self.n >= 3 and self._span >= MIN_FIT_SECONDS * self.nominal_rate

    @property
    def slope(self) -> float:
        """Seconds per sample."""
        if self._fitted():
            mean_x = self._sx / self.n
            var = self._sxx / self.n - mean_x * mean_x
            cov = self._sxy / self.n - mean_x * (self._sy / self.n)
            if var > 0 and abs(cov / var * self.nominal_rate - 1) < 0.02:
                self.slope_hint = cov / var  # a 2 % error is no microphone, it is a bad stamp
        return self.slope_hint

    def time_at(self, index: float) -> float:
        assert self._ref is not None, "time_at before any stamp"
        x = index - self._ref[0]
        slope = self.slope
        if self._fitted():
            mean_x, mean_y = self._sx / self.n, self._sy / self.n
            return self._ref[1] + mean_y + slope * (x - mean_x)
        return self._ref[1] + self._floor + slope * x

    def add(self, index: int, t: float) -> bool:
        """Take a stamp into the fit; False if it was left out as a late straggler."""
        if self._ref is None:
            self._ref = (index, t)
        elif self.n >= 10 and t - self.time_at(index) > LATE_SECONDS:
            self.late_in_a_row += 1
            return False
        self.late_in_a_row = 0
        x, y = float(index - self._ref[0]), t - self._ref[1]
        self._floor = min(self._floor, y - x * self.slope_hint)
        self.n += 1
        self._sx += x
        self._sy += y
        self._sxx += x * x
        self._sxy += x * y
        self._span = max(self._span, x)
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
        return (1.0 / (self.fit.slope * self.in_rate) - 1.0) * 1e6

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
        steer = max(-MAX_SLEW, min(MAX_SLEW, -error / (self.in_rate * STEER_SECONDS)))
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
        slot = round(seconds * self.fps)
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
