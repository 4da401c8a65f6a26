"""A microphone that plays an audio file (or a video's soundtrack) in real time, looping.

WAV, FLAC and Ogg are read with soundfile; anything else PyAV can open is decoded with PyAV.
Blocks arrive from a thread on the file's own sample clock, like a real device's.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import av
import numpy as np

from taketwo.devices import file_clock
from taketwo.devices.base import AudioBlock, BlockSink, DeliveryThread, DeviceError, ErrorSink, now

# What libsndfile reads; anything else (a video's soundtrack) goes to PyAV without loading it.
SOUNDFILE_SUFFIXES = {".wav", ".flac", ".ogg", ".oga", ".aif", ".aiff", ".au"}


def _soundfile_blocks(path: Path, block: int) -> Iterator[np.ndarray]:
    import soundfile

    with soundfile.SoundFile(str(path)) as f:
        for chunk in f.blocks(blocksize=block, dtype="float32", always_2d=True):
            yield chunk.mean(axis=1)


def _pyav_blocks(path: Path, rate: int, block: int) -> Iterator[np.ndarray]:
    with av.open(str(path)) as container:
        stream = container.streams.audio[0]
        # The resampler's own FIFO cuts the sound into whole blocks, in C: one array a block.
        resampler = av.AudioResampler(format="flt", layout="mono", rate=rate, frame_size=block)
        for frame in container.decode(stream):
            for out in resampler.resample(frame):
                yield out.to_ndarray().reshape(-1)
        for out in resampler.resample(None):  # the last, shorter block
            yield out.to_ndarray().reshape(-1)


class FileMicrophone:
    """Plays ``path`` as if a microphone were hearing it."""

    # 100 ms blocks: a file has no latency to keep low, and each block costs the capture path
    # a thread wake-up whatever its length, which costs more than its Python work (20 ms
    # blocks cost a take 9-13% more CPU than 40 ms, and 40 ms than 100 ms another 2%;
    # bench/record.py --vs-ffmpeg).
    def __init__(self, path: str | Path, block_seconds: float = 0.1):
        self.path = Path(path)
        if not self.path.is_file():
            raise DeviceError(f"no such audio file: {self.path}")
        self.name = f"File {self.path.name}"
        try:
            if self.path.suffix.lower() not in SOUNDFILE_SUFFIXES:
                raise RuntimeError("not a sound file libsndfile reads")
            import soundfile

            info = soundfile.info(str(self.path))
            self.sample_rate = int(info.samplerate)
            self._use_soundfile = True
        except RuntimeError:  # soundfile.LibsndfileError is one
            try:
                with av.open(str(self.path)) as container:
                    if not container.streams.audio:
                        raise DeviceError(f"{self.path.name} has no sound")
            except av.FFmpegError as exc:
                raise DeviceError(f"cannot read audio from {self.path.name}: {exc}") from exc
            self.sample_rate = 48000
            self._use_soundfile = False
        self.block = max(1, int(self.sample_rate * block_seconds))
        self._delivery = DeliveryThread("file-microphone", join_seconds=2)
        self._stop = self._delivery.stopping  # what the loop watches

    def _blocks(self) -> Iterator[np.ndarray]:
        if self._use_soundfile:
            return _soundfile_blocks(self.path, self.block)
        return _pyav_blocks(self.path, self.sample_rate, self.block)

    def start(self, on_block: BlockSink, on_error: ErrorSink) -> None:
        self._delivery.start(self._run, on_block, on_error)

    def stop(self) -> None:
        self._delivery.stop()

    def _run(self, on_block: BlockSink, on_error: ErrorSink) -> None:
        """Deliver each block when its last sample has played on the file's shared clock,
        stamped with its first sample's media time (the stream's start time included)."""
        _, start, length = file_clock.stream_starts(self.path)
        if self._use_soundfile:
            start = 0.0
        loop_at = file_clock.acquire(self.path)  # the instant this pass's time zero plays at
        index = 0  # samples delivered, over all passes: the device's sample counter
        try:
            while not self._stop.is_set():
                played = 0
                try:
                    for samples in self._blocks():
                        t = loop_at + start + played / self.sample_rate
                        delay = t + len(samples) / self.sample_rate - now()
                        if delay > 0 and self._stop.wait(delay):
                            return
                        on_block(AudioBlock(samples, t, index))
                        index += len(samples)
                        played += len(samples)
                except (OSError, RuntimeError, av.FFmpegError) as exc:
                    on_error(DeviceError(f"{self.name}: {exc}"))
                    return
                if not played:
                    on_error(DeviceError(f"{self.name} holds no audio"))
                    return
                loop_at += max(length, start + played / self.sample_rate)
        finally:
            file_clock.release(self.path)
