"""What a take's capture counted: frames dropped and repeated, audio trouble, the clocks."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass
class CaptureStats:
    """Counters the recorder keeps while it records; the sidecar stores them as they are."""

    queue_dropped_frames: int = 0  # the encoder fell behind and the frame queue was full
    dropped_frames: int = 0  # all frames not in the file (queue plus two for one slot)
    duplicated_frames: int = 0  # slots a slow camera left empty, filled with its last frame
    video_frames: int = 0
    audio_overflows: int = 0  # the device said it lost samples
    audio_queue_overflows: int = 0
    audio_reanchors: int = 0
    audio_worst_error_ms: float = 0.0
    drift_ppm: float | None = None
    first_frame_ms: float | None = None  # from the take's start to the first camera frame
    stop_to_final_ms: float | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)
