"""A real microphone through sounddevice (PortAudio).

The callback runs on PortAudio's thread: it copies the block, stamps it, notes overflow, and
hands it on. Nothing else happens there.
"""

from __future__ import annotations

import contextlib
import math
from typing import Any

import numpy as np

from taketwo.devices.base import AudioBlock, BlockSink, DeviceError, DeviceLost, ErrorSink, now


def load_sounddevice() -> Any:
    """Import sounddevice, turning a missing PortAudio into a message that says what to install."""
    try:
        import sounddevice
    except OSError as exc:  # sounddevice raises OSError when libportaudio is missing
        raise DeviceError(
            "PortAudio is not installed (Debian/Ubuntu: sudo apt-get install libportaudio2)"
        ) from exc
    return sounddevice


class LatencyEstimate:
    """How long before its callback a block was captured, from PortAudio's ADC times.

    Blocks are stamped ``arrival - latency`` with one latency for the whole stream, not each
    block's own ADC time: through PulseAudio those times drift by a few ms a second and then
    jump back (its latency is interpolated and corrected now and then), which a clock that
    follows them would hear as drift. Arrivals are only ever late, as the clock expects; the ADC
    times still tell how late the least-late arrival is: learned over the first second, then kept.
    """

    LEARN_SECONDS = 1.0

    def __init__(self, sample_rate: int) -> None:
        self.sample_rate = sample_rate
        self._earliest_arrival = math.inf  # both as a phase: time minus sample index / rate
        self._earliest_capture = math.inf
        self.value = 0.0

    def update(self, index: int, arrived: float, lag: float) -> float:
        if index < self.LEARN_SECONDS * self.sample_rate:
            phase = arrived - index / self.sample_rate
            self._earliest_arrival = min(self._earliest_arrival, phase)
            self._earliest_capture = min(self._earliest_capture, phase - lag)
            self.value = self._earliest_arrival - self._earliest_capture
        return self.value


class PortAudioMicrophone:
    """An input device by PortAudio index or name, captured as mono float32."""

    # 40-ms blocks: nothing plays the sound back live, so no 10-ms latency is needed, and each
    # block is a callback that takes the GIL and wakes a thread (a quarter of them cost the
    # idle preview 0.007 core less); the recorder places samples by their own stamps, and
    # the level meter shows the last 100 ms, whatever the block size.
    def __init__(
        self, device: int | str | None = None, sample_rate: int = 48000, block: int = 1920
    ):
        sd = load_sounddevice()
        try:
            info = sd.query_devices(device, kind="input")
        except (ValueError, sd.PortAudioError) as exc:
            raise DeviceError(f"no microphone matches {device!r}: {exc}") from exc
        if int(info["max_input_channels"]) < 1:
            raise DeviceError(f"{info['name']} has no inputs")
        self._sd = sd
        self.device = int(info["index"])
        self.name = str(info["name"])
        self.channels = min(int(info["max_input_channels"]), 2)
        self.sample_rate = int(sample_rate)
        self.block = block
        self._stream: Any = None
        self._index = 0
        self._running = False

    def start(self, on_block: BlockSink, on_error: ErrorSink) -> None:
        sd = self._sd
        self._index = 0
        latency = LatencyEstimate(self.sample_rate)

        def callback(indata: np.ndarray, frames: int, time: Any, status: Any) -> None:
            arrived = now()
            samples = indata.mean(axis=1) if indata.shape[1] > 1 else indata[:, 0].copy()
            lag = time.currentTime - time.inputBufferAdcTime
            if not 0 < lag < 1:  # some host APIs report no ADC time
                lag = frames / self.sample_rate
            on_block(
                AudioBlock(
                    samples.astype(np.float32, copy=False),
                    arrived - latency.update(self._index, arrived, lag),
                    self._index,
                    bool(status.input_overflow),
                )
            )
            self._index += frames

        def finished() -> None:
            if self._running:
                on_error(DeviceLost(f"{self.name} stopped delivering audio"))

        try:
            self._stream = sd.InputStream(
                device=self.device,
                samplerate=self.sample_rate,
                channels=self.channels,
                dtype="float32",
                blocksize=self.block,
                latency="low",
                callback=callback,
                finished_callback=finished,
            )
            self._running = True
            self._stream.start()
        except sd.PortAudioError as exc:
            self._running = False
            raise DeviceError(f"could not open {self.name}: {exc}") from exc

    def stop(self) -> None:
        self._running = False
        if self._stream is not None:
            with contextlib.suppress(self._sd.PortAudioError):
                self._stream.close()
            self._stream = None
