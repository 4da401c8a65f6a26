"""Synthetic camera and microphone that behave like hardware and carry sync marks.

At every whole second of the take from 1 s on, the camera delivers one fully white frame and the
microphone a 50 ms 1 kHz burst that starts at that same instant on the monotonic clock. The
recorder calls ``align_marks(t0)`` when a take starts so the marks count from the take's start.
The microphone's sample clock runs fast by ``drift_ppm`` against the monotonic clock, the way
cheap USB microphones do, so the recorder's drift correction is exercised for real.
"""

from __future__ import annotations

import math
import threading

import numpy as np

from taketwo.devices.base import (
    AudioBlock,
    BlockSink,
    DeliveryThread,
    DeviceLost,
    ErrorSink,
    FrameSink,
    VideoFrame,
    now,
)
from taketwo.devices.opencv import cv2

MARK_TONE_HZ = 1000.0
MARK_TONE_SECONDS = 0.05
MARK_TONE_AMPLITUDE = 0.5
RING_BUFFERS = 4  # frames a camera holds while nobody reads them (V4L2 drivers use 2-4)


def _sleep_until(deadline: float, stop: threading.Event) -> bool:
    """Sleep until ``deadline`` on the monotonic clock; False if asked to stop meanwhile."""
    delay = deadline - now()
    if delay > 0:
        return not stop.wait(delay)
    return not stop.is_set()


def _test_pattern(width: int, height: int) -> np.ndarray:
    """A horizontally periodic pattern (period = width) of soft colour bars over a gradient."""
    x = np.arange(width, dtype=np.float32) / width
    y = np.arange(height, dtype=np.float32)[:, None] / height
    bars = np.array(
        [
            [180, 180, 180],
            [30, 170, 170],
            [170, 170, 30],
            [30, 170, 30],
            [170, 30, 170],
            [30, 30, 170],
            [170, 30, 30],
            [40, 40, 40],
        ],
        dtype=np.float32,
    )
    bar = bars[(x * len(bars)).astype(int) % len(bars)]  # W x 3
    shade = 0.45 + 0.35 * (0.5 + 0.5 * np.sin(2 * np.pi * x))[None, :]  # 1 x W
    img = bar[None, :, :] * (shade * (0.6 + 0.4 * (1 - y)))[:, :, None]
    frame: np.ndarray = np.clip(img, 0, 255).astype(np.uint8)  # numpy types astype() as Any here
    return frame


class DemoCamera:
    """A moving test pattern with the elapsed time, one white frame at each whole second.

    Frames are stamped with their capture time, and a late reader gets the frames still in
    the camera's ring of buffers, so a busy machine delays frames instead of losing marks.
    """

    def __init__(
        self,
        width: int = 1280,
        height: int = 720,
        fps: float = 30.0,
        jitter_ms: float = 3.0,
        lose_after: float | None = None,
        seed: int | None = None,
    ) -> None:
        self.name = "Demo camera"
        self.width, self.height, self.fps = int(width), int(height), float(fps)
        self.jitter = max(0.0, jitter_ms) / 1000.0
        self.lose_after = lose_after
        self._rng = np.random.default_rng(seed)
        self._epoch = now()
        self._delivery = DeliveryThread("demo-camera", join_seconds=2)
        self._stop = self._delivery.stopping  # what the loop watches
        pattern = _test_pattern(self.width, self.height)
        self._strip = np.concatenate([pattern, pattern], axis=1)
        self._white = np.full((self.height, self.width, 3), 255, np.uint8)

    def align_marks(self, epoch: float) -> None:
        self._epoch = epoch

    def start(self, on_frame: FrameSink, on_error: ErrorSink) -> None:
        self._delivery.start(self._run, on_frame, on_error)

    def stop(self) -> None:
        self._delivery.stop()

    def _is_mark(self, k: int) -> bool:
        """Frame k (counted from the epoch) is the first frame at or after a whole second >= 1."""
        period = 1.0 / self.fps
        second = math.floor(k * period + 1e-9)
        return second >= 1 and (k - 1) * period + 1e-9 < second

    def _render(self, elapsed: float) -> np.ndarray:
        offset = int(elapsed * 120) % self.width  # scrolls 120 px/s
        img = np.ascontiguousarray(self._strip[:, offset : offset + self.width])
        scale = self.height / 360
        cv2.putText(
            img,
            "DEMO CAMERA",
            (int(20 * scale), int(40 * scale)),
            cv2.FONT_HERSHEY_SIMPLEX,
            0.8 * scale,
            (230, 230, 230),
            max(1, int(2 * scale)),
        )
        minutes, seconds = divmod(max(elapsed, 0.0), 60)
        cv2.putText(
            img,
            f"{int(minutes):02d}:{seconds:05.2f}",
            (int(20 * scale), int(self.height - 30 * scale)),
            cv2.FONT_HERSHEY_SIMPLEX,
            1.2 * scale,
            (240, 240, 240),
            max(1, int(3 * scale)),
        )
        return img

    def _run(self, on_frame: FrameSink, on_error: ErrorSink) -> None:
        period = 1.0 / self.fps
        started = now()
        epoch = self._epoch
        k = math.ceil((now() - epoch) / period)
        seq = 0
        while True:
            if self._epoch != epoch:  # a take started: re-phase the frame grid onto its marks
                epoch = self._epoch
                k = math.ceil((now() - epoch) / period - 1e-6)
            captured = epoch + k * period
            readout = float(self._rng.uniform(0, self.jitter)) if self.jitter else 0.0
            if not _sleep_until(captured + readout, self._stop):
                return
            if self._epoch != epoch:
                continue
            if self.lose_after is not None and now() - started >= self.lose_after:
                on_error(DeviceLost(f"{self.name} stopped delivering frames"))
                return
            behind = now() - captured
            if behind > RING_BUFFERS * period:
                # Stalled longer than the camera's buffers last: those frames are gone.
                k += int(behind / period) - RING_BUFFERS + 1
                continue
            image = self._white if self._is_mark(k) else self._render(k * period)
            # Stamped when it was read out, as V4L2 stamps buffers, not when we got to it.
            on_frame(VideoFrame(image, captured + readout, seq))
            seq += 1
            k += 1


class DemoMicrophone:
    """Quiet noise with a 1 kHz burst at each whole second; its sample clock runs fast.

    With ``tone`` (Hz) it plays a steady sine instead, for checking a path's purity (or a
    user's speakers).
    """

    def __init__(
        self,
        sample_rate: int = 48000,
        drift_ppm: float = 100.0,
        block: int = 1920,  # 40 ms, as the PortAudio microphone delivers
        jitter_ms: float = 2.0,
        noise_dbfs: float = -50.0,
        lose_after: float | None = None,
        seed: int | None = None,
        tone: float | None = None,
    ) -> None:
        if tone is not None and not 0 < tone < sample_rate / 2:
            raise ValueError(f"a tone of {tone} Hz cannot be played at {sample_rate} Hz")
        self.tone = tone
        self.name = "Demo microphone"
        self.sample_rate = int(sample_rate)
        self.drift_ppm = float(drift_ppm)
        self.block = int(block)
        self.jitter = max(0.0, jitter_ms) / 1000.0
        self.noise = 10 ** (noise_dbfs / 20)
        self.lose_after = lose_after
        self._rng = np.random.default_rng(seed)
        self._epoch = now()
        self._delivery = DeliveryThread("demo-microphone", join_seconds=2)
        self._stop = self._delivery.stopping  # what the loop watches

    def align_marks(self, epoch: float) -> None:
        self._epoch = epoch

    def start(self, on_block: BlockSink, on_error: ErrorSink) -> None:
        self._delivery.start(self._run, on_block, on_error)

    def stop(self) -> None:
        self._delivery.stop()

    def _samples(self, opened: float, true_rate: float, first: int) -> np.ndarray:
        n = self.block
        if self.tone is not None:  # phase from the sample count: continuous across blocks
            k = first + np.arange(n)
            return (0.5 * np.sin(2 * np.pi * self.tone * k / self.sample_rate)).astype(np.float32)
        out = (self._rng.standard_normal(n) * self.noise).astype(np.float32)
        start = opened + first / true_rate - self._epoch  # the block, in seconds of the epoch
        end = start + n / true_rate
        whole = math.floor(start)
        if end < 1 or (whole == math.floor(end) and start - whole >= MARK_TONE_SECONDS):
            return out  # no mark in this block: nothing to work out sample by sample
        # When, on the monotonic clock, each sample was really captured.
        real = opened + (first + np.arange(n)) / true_rate
        rel = real - self._epoch
        second = np.floor(rel)
        phase = rel - second
        tone = (second >= 1) & (phase < MARK_TONE_SECONDS)
        if tone.any():
            out[tone] += (
                MARK_TONE_AMPLITUDE * np.sin(2 * np.pi * MARK_TONE_HZ * phase[tone])
            ).astype(np.float32)
        return out

    def _run(self, on_block: BlockSink, on_error: ErrorSink) -> None:
        true_rate = self.sample_rate * (1 + self.drift_ppm * 1e-6)
        opened = now()
        index = 0
        while True:
            ready_at = opened + (index + self.block) / true_rate
            jitter = float(self._rng.uniform(0, self.jitter)) if self.jitter else 0.0
            if not _sleep_until(ready_at + jitter, self._stop):
                return
            if self.lose_after is not None and now() - opened >= self.lose_after:
                on_error(DeviceLost(f"{self.name} stopped delivering audio"))
                return
            overflow = False
            if now() - ready_at > 0.5:  # far behind: the "hardware buffer" overflowed
                skipped = int((now() - ready_at) * true_rate) // self.block * self.block
                index += skipped
                overflow = True
            samples = self._samples(opened, true_rate, index)
            arrived = now()
            # A driver's estimate of the first sample's capture time, as PortAudio gives it.
            on_block(AudioBlock(samples, arrived - self.block / self.sample_rate, index, overflow))
            index += self.block
