"""The take file while it is being recorded: H.264 + AAC in fragmented MP4.

Fragments are cut every second at a keyframe (1-s GOP, no B-frames, so audio and video
fragments stay aligned) and flushed as they are written: whatever the process dies of, the file
at the take's path plays up to its last whole second. Only the encoder thread touches this.
"""

from __future__ import annotations

import contextlib
from fractions import Fraction
from pathlib import Path
from typing import Any

import av
import numpy as np

from taketwo.devices.base import BGR24, DECODED
from taketwo.files import create_private
from taketwo.media.h264 import (
    AUDIO_BITRATE,
    AUDIO_RATE,
    CRF,
    MAX_KBPS,
    PRESET,
    recording_threads,
    x264_options,
)

FRAGMENTED_MP4 = {
    "movflags": "frag_keyframe+empty_moov+default_base_moof",
    "frag_duration": "1000000",
    "flush_packets": "1",
    # The AAC encoder's first packet starts 1024 samples early; left to the muxer, that
    # shifts every video frame but the first 21.3 ms late (fragmented MP4 has no edit list).
    "avoid_negative_ts": "disabled",
}
AAC_FRAME = 1024
# Decoders play the encoder's 1024 priming samples as the first 21.3 ms of the track, since a
# fragmented MP4 cannot say to skip them. So the take's own first 1024 samples are dropped
# and every later sample is heard exactly at its time on the take's timeline.
AAC_PRIMING = 1024


class TakeWriter:
    """Encodes BGR frames at fixed slots and a continuous mono audio stream into ``path``."""

    def __init__(
        self,
        path: Path,
        width: int | None,
        height: int | None,
        fps: float,
        sample_rate: int = AUDIO_RATE,
        preset: str = PRESET,
        crf: int = CRF,
        max_kbps: int = MAX_KBPS,
    ) -> None:
        self.path = path
        self.sample_rate = sample_rate
        create_private(path)  # FFmpeg would create it 0644: a face on camera is private
        self._container = av.open(str(path), "w", format="mp4", options=dict(FRAGMENTED_MP4))
        self._video = None
        if width and height:
            rate = Fraction(fps).limit_denominator(1001)
            self._video = self._container.add_stream("libx264", rate=rate)
            # x264 and yuv420p need even sizes.
            self.width, self.height = width - width % 2, height - height % 2
            self._video.width, self._video.height = self.width, self.height
            self._video.pix_fmt = "yuv420p"
            self._video.time_base = self._frame_time_base = 1 / rate
            self._video.codec_context.options = x264_options(fps, preset, crf, max_kbps)
            self._video.codec_context.thread_type = "FRAME"
            self._video.codec_context.thread_count = recording_threads()
            self._video.codec_context.color_range = 1  # limited ("tv"), as cv2's I420 produces
        self._audio = self._container.add_stream("aac", rate=sample_rate, layout="mono")
        self._audio.bit_rate = AUDIO_BITRATE
        self._pending = np.zeros(0, np.float32)
        self._to_skip = AAC_PRIMING
        self._audio_pts = 0
        self.video_frames = 0
        self.audio_samples = 0  # handed to write_audio, encoded or still pending

    @property
    def has_video(self) -> bool:
        return self._video is not None

    def write_video(self, image: Any, slot: int, pixel_format: str = BGR24) -> None:
        """Encode ``image`` (BGR, or a decoded yuv420p frame) as the frame of ``slot``."""
        if self._video is None:
            return
        if (
            pixel_format == DECODED
            and image.format.name == "yuv420p"
            and (image.width, image.height) == (self.width, self.height)
        ):
            frame = image  # x264 copies its input: the same frame may fill several slots
            frame.time_base = self._frame_time_base  # its pts counts slots, not media time
        else:
            from taketwo.devices.opencv import cv2  # a camera's BGR only

            # A decoded 4:2:2 or full-range frame (MJPEG) goes through BGR: libswscale's
            # YUV-to-BGR and cv2's BGR-to-I420 are SIMD, and together cost less (0.62 ms at
            # 720p) than libswscale's direct 4:2:2-to-4:2:0 with the range change (0.9 ms).
            bgr = image if pixel_format == BGR24 else image.to_ndarray(format=BGR24)
            if bgr.shape[1] != self.width or bgr.shape[0] != self.height:
                bgr = cv2.resize(bgr, (self.width, self.height), interpolation=cv2.INTER_AREA)
            # One conversion, in C, into memory the frame takes as it is (no copy).
            yuv = cv2.cvtColor(bgr, cv2.COLOR_BGR2YUV_I420)
            frame = av.VideoFrame.from_numpy_buffer(yuv, format="yuv420p")
        frame.pts = slot
        for packet in self._video.encode(frame):
            self._container.mux(packet)
        self.video_frames += 1

    def write_audio(self, samples: np.ndarray) -> None:
        if len(samples) == 0:
            return
        self.audio_samples += len(samples)
        if self._to_skip:
            skipped = min(self._to_skip, len(samples))
            samples, self._to_skip = samples[skipped:], self._to_skip - skipped
        self._pending = np.concatenate([self._pending, samples]) if len(self._pending) else samples
        whole = len(self._pending) // AAC_FRAME * AAC_FRAME
        for start in range(0, whole, AAC_FRAME):
            self._encode_audio(self._pending[start : start + AAC_FRAME])
        self._pending = self._pending[whole:]

    def _encode_audio(self, chunk: np.ndarray) -> None:
        frame = av.AudioFrame.from_ndarray(
            np.ascontiguousarray(chunk, dtype=np.float32)[None, :], format="fltp", layout="mono"
        )
        frame.sample_rate = self.sample_rate
        frame.pts = self._audio_pts
        self._audio_pts += len(chunk)
        for packet in self._audio.encode(frame):
            self._container.mux(packet)

    def close(self) -> None:
        """Flush both encoders and close the container (raises OSError if the disk is full)."""
        try:
            if len(self._pending):
                self._encode_audio(self._pending)
                self._pending = np.zeros(0, np.float32)
            if self._video is not None:
                for packet in self._video.encode():
                    self._container.mux(packet)
            for packet in self._audio.encode():
                self._container.mux(packet)
        finally:
            self._container.close()

    def abandon(self) -> None:
        """Close without flushing, after a write already failed; never raises."""
        with contextlib.suppress(OSError, av.FFmpegError):
            self._container.close()
