"""Independent checks of media written by Take Two: ffprobe and ffmpeg, never our own reader."""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path

import numpy as np

RATE = 48000


def ffprobe(path: Path) -> dict:
    out = subprocess.run(
        ["ffprobe", "-v", "error", "-show_streams", "-show_format", "-of", "json", str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


def stream(info: dict, kind: str) -> dict:
    return next(s for s in info["streams"] if s["codec_type"] == kind)


def closed_with_index(path: Path) -> bool:
    """Whether a fragmented MP4 was closed: it ends with its fragment index (``mfra``/``mfro``)."""
    tail = path.read_bytes()[-16:]
    return tail[4:8] == b"mfro" and int.from_bytes(tail[:4], "big") == 16


def packet_times(path: Path, kind: str = "v") -> np.ndarray:
    """Presentation times (s) of every packet of the first ``kind`` ("v" or "a") stream, sorted."""
    out = subprocess.run(
        [
            "ffprobe",
            "-v",
            "error",
            "-select_streams",
            f"{kind}:0",
            "-show_entries",
            "packet=pts_time",
            "-of",
            "csv=p=0",
            str(path),
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return np.sort(np.array([float(x.strip(",")) for x in out if x.strip(",")]))


def held_seconds(path: Path) -> float:
    """How much of a take a file being written (or cut short) holds: the end of its last
    whole packet as ffprobe reads it, 0 while it holds none."""
    out = subprocess.run(
        ["ffprobe", "-v", "error", "-show_entries", "packet=pts_time,duration_time"]
        + ["-of", "csv=p=0", str(path)],
        capture_output=True,
        text=True,
    ).stdout.split()
    ends = []
    for line in out:
        start, _, length = line.strip(",").partition(",")
        if start not in ("", "N/A"):
            ends.append(float(start) + (float(length) if length not in ("", "N/A") else 0.0))
    return max(ends, default=0.0)


def decodes_cleanly(path: Path) -> tuple[bool, str]:
    out = subprocess.run(
        ["ffmpeg", "-v", "error", "-i", str(path), "-f", "null", "-"],
        capture_output=True,
        text=True,
    )
    return out.returncode == 0 and not out.stderr.strip(), out.stderr


def video_brightness(path: Path) -> tuple[np.ndarray, np.ndarray]:
    """(presentation times, mean luma 0-255) of every decoded video frame."""
    times = subprocess.run(
        [
            "ffprobe",
            "-v",
            "error",
            "-select_streams",
            "v:0",
            "-show_entries",
            "frame=best_effort_timestamp_time",
            "-of",
            "csv=p=0",
            str(path),
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    t = np.array([float(x.strip(",")) for x in times if x.strip(",")])
    raw = subprocess.run(
        [
            "ffmpeg",
            "-v",
            "error",
            "-i",
            str(path),
            "-map",
            "0:v:0",
            "-fps_mode",
            "passthrough",
            "-vf",
            "scale=32:18",
            "-pix_fmt",
            "gray",
            "-f",
            "rawvideo",
            "-",
        ],
        capture_output=True,
        check=True,
    ).stdout
    luma = np.frombuffer(raw, np.uint8).reshape(-1, 32 * 18).mean(axis=1)
    n = min(len(t), len(luma))
    return t[:n], luma[:n]


def mean_colour(path: Path) -> np.ndarray:
    """Mean RGB over all frames."""
    raw = subprocess.run(
        [
            "ffmpeg",
            "-v",
            "error",
            "-i",
            str(path),
            "-map",
            "0:v:0",
            "-vf",
            "scale=16:16",
            "-pix_fmt",
            "rgb24",
            "-f",
            "rawvideo",
            "-",
        ],
        capture_output=True,
        check=True,
    ).stdout
    return np.frombuffer(raw, np.uint8).reshape(-1, 3).mean(axis=0)


def audio_samples(path: Path) -> tuple[np.ndarray, float]:
    """Mono float samples at 48 kHz and the audio stream's start time (seconds)."""
    start = float(stream(ffprobe(path), "audio").get("start_time", 0.0))
    raw = subprocess.run(
        [
            "ffmpeg",
            "-v",
            "error",
            "-i",
            str(path),
            "-map",
            "0:a:0",
            "-f",
            "f32le",
            "-ac",
            "1",
            "-ar",
            str(RATE),
            "-",
        ],
        capture_output=True,
        check=True,
    ).stdout
    return np.frombuffer(raw, np.float32), start


def tone_onsets(samples: np.ndarray, hz: float = 1000.0, rate: int = RATE) -> np.ndarray:
    """Start times (s) of bursts of a ``hz`` tone, by quadrature demodulation."""
    t = np.arange(len(samples)) / rate
    baseband = samples * np.exp(-2j * np.pi * hz * t)
    width = int(rate * 0.004)
    envelope = (
        np.abs(np.convolve(baseband, np.ones(width) / width, mode="full"))[: len(samples)] * 2
    )
    if envelope.max() < 0.05:
        return np.zeros(0)
    loud = envelope > 0.5 * np.percentile(envelope[envelope > 0.05], 90)
    starts = np.flatnonzero(loud[1:] & ~loud[:-1]) + 1
    keep = [s for i, s in enumerate(starts) if i == 0 or s - starts[i - 1] > 0.3 * rate]
    # The causal box filter reaches half height half a window after the tone starts.
    return (np.array(keep) - width / 2) / rate


@dataclass
class SyncReport:
    flashes: np.ndarray
    beeps: np.ndarray
    offsets_ms: np.ndarray  # beep minus flash: negative means audio early


def sync_marks(path: Path) -> SyncReport:
    times, luma = video_brightness(path)
    bright = luma > 200
    rising = np.flatnonzero(bright & ~np.concatenate([[False], bright[:-1]]))
    flashes = times[rising]
    samples, start = audio_samples(path)
    beeps = tone_onsets(samples) + start
    pairs = []
    for f in flashes:
        if len(beeps):
            nearest = beeps[np.argmin(np.abs(beeps - f))]
            if abs(nearest - f) < 0.5:
                pairs.append((nearest - f) * 1000)
    return SyncReport(flashes, beeps, np.array(pairs))
