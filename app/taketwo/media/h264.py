"""The one set of encoder settings Take Two writes with. Takes and the re-encoded edges of a
frame-accurate export must carry the same parameter sets as the copied GOPs between them, so
the recorder and the exporter both take their settings from here."""

from __future__ import annotations

import os

PRESET = "veryfast"
CRF = 23
MAX_KBPS = 2500
AUDIO_RATE = 48000
AUDIO_BITRATE = 96000


def x264_options(
    fps: float, preset: str = PRESET, crf: int = CRF, max_kbps: int = MAX_KBPS
) -> dict[str, str]:
    """libx264 options: a keyframe every second, no B-frames, a capped rate for phones."""
    gop = str(max(1, round(fps)))
    return {
        "preset": preset,
        "crf": str(crf),
        "bf": "0",
        "g": gop,
        "keyint_min": gop,
        "sc_threshold": "0",
        "maxrate": f"{max_kbps}k",
        "bufsize": f"{2 * max_kbps}k",
        "x264-params": "rc-lookahead=10",
    }


def recording_threads() -> int:
    """x264's frame threads while recording: one a core, not its own 1.5 a core. A take is
    encoded in real time beside the capture threads; on 2 cores, 2 threads cost 6-13% less
    CPU than 3 and hold fewer frames (bench/record.py --vs-ffmpeg)."""
    return max(1, os.cpu_count() or 1)
