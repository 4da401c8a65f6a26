"""Recording one take: bounded queues from the capture threads, one encoder thread, a state.

``start()`` stamps t0 and attaches to the running ``CaptureSession``; device threads only offer
frames and blocks to the queues. The encoder thread places frames on a constant-rate grid,
puts audio on the same clock (``AudioAligner``) and writes fragmented MP4; on stop it flushes
and closes the file, which is then final and playable as it is (no rewrite, so stop costs the
same at one minute as at an hour). The recorder's one job is the timeline and the file: the
take's row, its sidecar and any recovery belong to ``taketwo.workflow``.
Nothing here blocks a device thread or the GUI thread; ``stop()`` is the only call that waits.
"""

from __future__ import annotations

import datetime as dt
import enum
import errno
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import av
import numpy as np

from taketwo.capture.audio_sync import AudioAligner
from taketwo.capture.encoder import TakeWriter
from taketwo.capture.frame_slots import FrameSlots
from taketwo.capture.session import (
    CAMERA_LOST,
    MIC_LOST,
    TAKE_ERROR,
    CaptureSession,
    Notice,
)
from taketwo.capture.stats import CaptureStats
from taketwo.devices.base import AudioBlock, VideoFrame, now
from taketwo.media.h264 import AUDIO_RATE, CRF, PRESET

VIDEO_QUEUE = 30  # one second of 720p frames, ~80 MB at most
AUDIO_QUEUE = 1000  # forty seconds of 40-ms blocks, ten of a 10-ms device's
# The encoder wakes this often and takes everything that came meanwhile (three frames, two or
# three blocks) in one go; it also keeps silence or a lost camera's black frames going then.
# Waking a thread costs more CPU than the Python work it does for one frame (0.1-0.5 ms on a
# 2-core virtual machine): one wake-up per frame and block cost a take 55 a second.
# Frames are placed by their stamps, not by when they are taken, so sync does not change; a
# stop request wakes the encoder at once, and from then on every arrival does.
WAKE_SECONDS = 0.1
AUDIO_GRACE_SECONDS = 0.3  # how long stop waits for the microphone to deliver up to the stop
PHASE_FRAMES, PHASE_SECONDS = 4, 0.5  # frames that set the grid's phase, and the longest wait
OUT_RATE = AUDIO_RATE


class TakeState(enum.Enum):
    IDLE = "idle"
    RECORDING = "recording"
    STOPPING = "stopping"
    FINISHED = "finished"
    FAILED = "failed"


@dataclass
class TakeResult:
    """How a take ended. ``finalized``: the file was closed cleanly and is final as it is."""

    path: Path
    duration: float
    finalized: bool
    discarded: bool
    stats: CaptureStats
    error: str | None = None
    warnings: list[str] = field(default_factory=list)
    facts: dict[str, Any] = field(default_factory=dict)  # devices and rates, for the sidecar


def _is_disk_full(exc: BaseException) -> bool:
    return isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT)


class TakeRecorder:
    """Records the session's devices into ``path`` from ``start()`` until ``stop()``."""

    def __init__(
        self,
        session: CaptureSession,
        path: str | Path,
        *,
        fps: float | None = None,
        preset: str = PRESET,
        crf: int = CRF,
        on_finished: Callable[[TakeResult], None] | None = None,
        on_notice: Callable[[Notice], None] | None = None,
        audio_delay: float = 0.0,
    ) -> None:
        self.session = session
        self.path = Path(path)
        camera = None if session.camera_lost else session.camera
        self.fps = float(fps or (camera.fps if camera is not None else 30.0))
        self.preset, self.crf = preset, crf
        self.state = TakeState.IDLE
        self.t0 = 0.0
        self.grid0 = 0.0  # the instant the file's time zero stands for (see _grid_start)
        # Seconds the sound reaches us later than the picture (a sync-check measured it): the
        # audio for each instant of the take is taken that much later.
        self.audio_delay = audio_delay
        self._on_finished = on_finished
        self._on_notice = on_notice
        # One queue for frames, blocks and wake-ups, so the encoder thread sleeps until there
        # is work. Each bound is kept by two counters, each written by one thread only.
        self._inbox: queue.SimpleQueue[VideoFrame | AudioBlock | None] = queue.SimpleQueue()
        self._frames_in = self._frames_out = 0
        self._blocks_in = self._blocks_out = 0
        self._stop_at: float | None = None
        self._discard = False
        self._stop_reason = ""
        self._camera_lost_at: float | None = None
        self._done = threading.Event()
        self._stopping = threading.Event()  # ends the encoder's rest between batches at once
        self._thread: threading.Thread | None = None
        self.result: TakeResult | None = None
        self.stats = CaptureStats()
        self._has_video = camera is not None
        self._has_audio = not session.mic_lost and session.microphone is not None

    # -- control (any thread) -----------------------------------------------------------
    def start(self) -> None:
        if self.state is not TakeState.IDLE:
            raise RuntimeError("a take records once")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.t0 = now()
        self.started_wall = dt.datetime.now(dt.UTC)
        for device in (self.session.camera, self.session.microphone):
            align = getattr(device, "align_marks", None)
            if align is not None:
                align(self.t0)
        self.state = TakeState.RECORDING
        self._thread = threading.Thread(target=self._run, name="take-encoder", daemon=True)
        self._thread.start()
        self.session.attach(self)

    @property
    def elapsed(self) -> float:
        if self.state is TakeState.IDLE:
            return 0.0
        end = self._stop_at if self._stop_at is not None else now()
        return max(0.0, end - self.t0)

    def request_stop(self, discard: bool = False, reason: str = "") -> None:
        """Ask the encoder thread to finish the take; returns at once."""
        if self._stop_at is None and self.state is TakeState.RECORDING:
            self._discard = discard
            self._stop_reason = reason
            self._stop_at = now()
            self.state = TakeState.STOPPING
            self._stopping.set()
            self._inbox.put(None)  # wake the encoder

    def wait(self, timeout: float | None = None) -> TakeResult | None:
        self._done.wait(timeout)
        return self.result

    def stop(self, discard: bool = False, timeout: float | None = 30.0) -> TakeResult | None:
        self.request_stop(discard)
        result = self.wait(timeout)
        if self._thread is not None:
            self._thread.join(timeout)
        return result

    # -- device threads (must not block) --------------------------------------------------
    def offer_frame(self, frame: VideoFrame) -> None:
        if self._stop_at is not None and frame.t > self._stop_at:
            return
        if self._frames_in - self._frames_out >= VIDEO_QUEUE:
            self.stats.queue_dropped_frames += 1
            return
        self._frames_in += 1
        self._inbox.put(frame)

    def offer_block(self, block: AudioBlock) -> None:
        if self._blocks_in - self._blocks_out >= AUDIO_QUEUE:
            self.stats.audio_queue_overflows += 1
            return
        self._blocks_in += 1
        self._inbox.put(block)

    def notice(self, notice: Notice) -> None:
        if notice.kind == CAMERA_LOST and self._camera_lost_at is None:
            self._camera_lost_at = notice.t
        elif notice.kind == MIC_LOST:
            self.request_stop(reason=notice.message)
        if self._on_notice is not None:
            self._on_notice(notice)

    # -- encoder thread -------------------------------------------------------------------
    def _run(self) -> None:
        writer: TakeWriter | None = None
        error: str | None = None
        try:
            camera = self.session.camera if self._has_video else None
            writer = TakeWriter(
                self.path,
                camera.width if camera is not None else None,
                camera.height if camera is not None else None,
                self.fps,
                OUT_RATE,
                self.preset,
                self.crf,
            )
            self._encode(writer)
            writer.close()
        except (OSError, av.FFmpegError) as exc:
            error = self._explain(exc)
            if writer is not None:
                writer.abandon()
        finally:
            self.session.attach(None)
        self._finish(writer, error)

    def _explain(self, exc: BaseException) -> str:
        if _is_disk_full(exc):
            return (
                "The disk is full, so recording stopped. Everything up to the last second "
                "written is kept; free some space before the next take."
            )
        return f"Recording stopped because the take could not be written: {exc}"

    def _next(self, timeout: float) -> VideoFrame | AudioBlock | None:
        """The next frame or block offered, counted out; None if none came within ``timeout``.
        Until a stop is asked for, the encoder rests ``timeout`` rather than wake at each
        arrival (see ``WAKE_SECONDS``)."""
        try:
            item = self._inbox.get_nowait()
        except queue.Empty:
            try:
                if self._stopping.wait(timeout):
                    item = self._inbox.get(timeout=timeout)  # stopping: each arrival counts
                else:
                    item = self._inbox.get_nowait()
            except queue.Empty:
                return None
        if isinstance(item, VideoFrame):
            self._frames_out += 1
        elif item is not None:
            self._blocks_out += 1
        return item

    def _phase_frames(self) -> tuple[list[VideoFrame], list[AudioBlock]]:
        """The first few frames, from which the grid's phase is taken (see ``_grid_start``),
        and the audio blocks that came meanwhile."""
        frames: list[VideoFrame] = []
        blocks: list[AudioBlock] = []
        deadline = self.t0 + PHASE_SECONDS
        while len(frames) < PHASE_FRAMES and self._stop_at is None:
            wait = deadline - now()
            if wait <= 0 or self._camera_lost_at is not None:
                break
            item = self._next(min(wait, WAKE_SECONDS))
            if isinstance(item, AudioBlock):
                blocks.append(item)
            elif item is not None and item.t >= self.t0:  # one from before may be off phase
                frames.append(item)
        return frames, blocks

    def _grid_start(self, frames: list[VideoFrame]) -> float:
        """The instant slot 0 and audio sample 0 stand for: t0, moved by under half a frame
        so the camera's frames fall on slots. Otherwise a camera whose frames come half a
        period off the grid would be placed up to 16 ms away from when it saw them."""
        if not frames:
            return self.t0
        period = 1.0 / self.fps
        first = frames[0].t
        offsets = [(f.t - first) / period - round((f.t - first) / period) for f in frames]
        if max(abs(o) for o in offsets) > 0.25:
            return self.t0  # a camera at another rate has no one phase on this grid
        # Stamps are only ever late: the earliest phase among the first frames is the truest.
        late = min(offsets)
        phase = ((first - self.t0) / period) % 1.0 + late
        return self.t0 + (phase - round(phase)) * period

    def _encode(self, writer: TakeWriter) -> None:
        mic = self.session.microphone
        early, blocks = self._phase_frames() if writer.has_video else ([], [])
        self.grid0 = self._grid_start(early)
        aligner = (
            AudioAligner(self.grid0 + self.audio_delay, mic.sample_rate, OUT_RATE)
            if self._has_audio and mic
            else None
        )
        slots = FrameSlots(self.fps)
        last: VideoFrame | None = None  # repeated into slots the camera left empty
        black: VideoFrame | None = None
        grace_until: float | None = None
        pending: list[VideoFrame | AudioBlock] = [*blocks, *early]
        while True:
            stop_at = self._stop_at
            item = pending.pop(0) if pending else self._next(WAKE_SECONDS)
            if isinstance(item, AudioBlock):
                self._encode_block(writer, aligner, item, stop_at)
            elif item is not None and writer.has_video:
                if self.stats.first_frame_ms is None:
                    self.stats.first_frame_ms = round((item.t - self.t0) * 1000, 1)
                placed = slots.place(item.t - self.grid0)
                if placed is not None:
                    fill, slot = placed
                    source = last if last is not None else item
                    for k in range(fill):
                        writer.write_video(source.image, slot - fill + k, source.pixel_format)
                    writer.write_video(item.image, slot, item.pixel_format)
                    last = item
            if aligner is None:
                self._keep_silence(writer, stop_at)
            lost = self._camera_lost_at is not None
            if lost and writer.has_video and not pending and self._frames_in == self._frames_out:
                # Keep the picture going (black) so players show the whole take with its sound;
                # frames still queued from before the loss (a busy machine) are written first.
                if black is None:
                    black = VideoFrame(np.zeros((writer.height, writer.width, 3), np.uint8), 0, -1)
                base = slots.next_slot
                for k in range(slots.fill_to(writer.audio_samples / OUT_RATE)):
                    writer.write_video(black.image, base + k)
                last = black
            if stop_at is None:
                continue
            if grace_until is None:
                grace_until = now() + AUDIO_GRACE_SECONDS
            caught_up = writer.audio_samples >= round((stop_at - self.grid0) * OUT_RATE)
            frames_done = not pending and self._frames_in == self._frames_out
            if frames_done and (caught_up or now() > grace_until):
                break
        end = stop_at - self.grid0
        if writer.has_video:
            filler = last or VideoFrame(np.zeros((writer.height, writer.width, 3), np.uint8), 0, -1)
            base = slots.next_slot
            for k in range(slots.fill_to(end)):
                writer.write_video(filler.image, base + k, filler.pixel_format)
        total = round(end * OUT_RATE)
        writer.write_audio(np.zeros(max(0, total - writer.audio_samples), np.float32))
        if aligner is not None:
            self.stats.drift_ppm = round(aligner.drift_ppm, 1)
            self.stats.audio_reanchors = aligner.reanchors
            self.stats.audio_worst_error_ms = round(aligner.worst_error * 1000, 2)
        self.stats.dropped_frames = slots.dropped + self.stats.queue_dropped_frames
        self.stats.duplicated_frames = slots.duplicated
        self.stats.video_frames = writer.video_frames

    def _keep_silence(self, writer: TakeWriter, stop_at: float | None) -> None:
        """No microphone: silence keeps pace with the clock so the file has its sound track."""
        reach = (now() if stop_at is None else stop_at) - self.grid0
        ahead = 4096 if stop_at is None else 0  # stay a little behind the clock until the stop
        missing = round(reach * OUT_RATE) - writer.audio_samples - ahead
        if missing > 0:
            writer.write_audio(np.zeros(missing, np.float32))

    def _encode_block(
        self,
        writer: TakeWriter,
        aligner: AudioAligner | None,
        block: AudioBlock,
        stop_at: float | None,
    ) -> None:
        """Put one microphone block on the take's timeline and encode what is ready."""
        if aligner is None:
            return
        if block.overflow:
            self.stats.audio_overflows += 1
        out = aligner.push(block.samples, block.t, block.index, block.overflow)
        if stop_at is not None:
            limit = round((stop_at - self.grid0) * OUT_RATE)
            out = out[: max(0, limit - writer.audio_samples)]
        writer.write_audio(out)

    def _finish(self, writer: TakeWriter | None, error: str | None) -> None:
        stop_at = self._stop_at if self._stop_at is not None else now()
        duration = max(0.0, stop_at - self.t0)
        warnings = [n.message for n in self.session.notices if n.t >= self.t0]
        discarded = self._discard
        if discarded:
            self.path.unlink(missing_ok=True)
        finalized = error is None and writer is not None and not discarded
        if error is None and self._stop_reason:
            error = self._stop_reason
        self.stats.stop_to_final_ms = round((now() - stop_at) * 1000, 1)
        self.result = TakeResult(
            self.path, duration, finalized, discarded, self.stats, error, warnings, self._facts()
        )
        self.state = TakeState.FAILED if error and not finalized else TakeState.FINISHED
        if error is not None and self._on_notice is not None:
            self._on_notice(Notice(TAKE_ERROR, error))
        self._done.set()
        if self._on_finished is not None:
            self._on_finished(self.result)

    def _facts(self) -> dict[str, Any]:
        """What the take was recorded with, as the sidecar keeps it."""
        camera, mic = self.session.camera, self.session.microphone
        return {
            "started": self.started_wall.isoformat(),
            "camera": camera.name if camera is not None else None,
            "microphone": mic.name if mic is not None else None,
            "requested_fps": getattr(camera, "requested", (None, None, self.fps))[2]
            if camera is not None
            else None,
            "encoded_fps": self.fps,
            "delivered_fps": round(self.session.delivered_fps(), 2),
            "size": [camera.width, camera.height] if camera is not None else None,
            "mic_sample_rate": mic.sample_rate if mic is not None else None,
            "camera_lost_at": round(self._camera_lost_at - self.t0, 3)
            if self._camera_lost_at is not None
            else None,
            "audio_delay_ms": round(self.audio_delay * 1000, 1),
            "camera_timestamps": getattr(camera, "timestamp_source", "arrival")
            if camera is not None
            else None,
        }
