"""Sync offsets measured by ``sync-check``, kept per camera and microphone pair.

No timestamp reveals every latency (a webcam's exposure, a USB audio buffer), so the offset a
clap test measures is stored here and applied to later takes with the same two devices.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import platformdirs

from taketwo.files import write_json_atomic

MAX_OFFSET = 1.0  # seconds; anything larger was a bad measurement, not a real latency


def offsets_path() -> Path:
    """``TAKETWO_SYNC_OFFSETS`` if set (tests, portable setups), else the user config folder."""
    override = os.environ.get("TAKETWO_SYNC_OFFSETS")
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_config_dir("TakeTwo", appauthor=False)) / "sync_offsets.json"


def _key(camera_id: str, mic_id: str) -> str:
    return f"{camera_id}|{mic_id}"


def _load_all(path: Path) -> dict[str, float]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {
        str(k): float(v)
        for k, v in data.items()
        if isinstance(v, int | float) and abs(v) <= MAX_OFFSET
    }


def load_offset(camera_id: str, mic_id: str) -> float:
    """Seconds the sound arrives later than the picture with these devices (0 if unmeasured)."""
    return _load_all(offsets_path()).get(_key(camera_id, mic_id), 0.0)


def save_offset(camera_id: str, mic_id: str, seconds: float) -> None:
    if abs(seconds) > MAX_OFFSET:
        raise ValueError(f"an offset of {seconds * 1000:.0f} ms is not a latency")
    path = offsets_path()
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    offsets = _load_all(path)
    offsets[_key(camera_id, mic_id)] = round(seconds, 4)
    write_json_atomic(path, offsets, mode=0o600)
