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
    """x264's threads while recording: every core but one, which the capture threads (and
    the app) keep. On 2 cores that is x264 in the encoder thread itself, with no frame threads
    to hand each frame between: 6 % less CPU than 2 frame threads, encoding 20 s of 720p30 in
    real time, and still under a quarter of one core. Frames wait in the recorder's one-second
    queue if a slow machine falls behind for a moment."""
    return max(1, (os.cpu_count() or 1) - 1)
