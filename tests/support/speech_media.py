"""Speech with known facts for the analysis tests, made only by outside tools: espeak-ng speaks
sentences of counted syllables at a set rate, sox trims them and inserts silences of known
length, ffmpeg muxes them with a test-pattern video. Nothing here uses Take Two's code."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

import numpy as np

# Sentences with their syllable counts, counted by hand ("cli-ent", "ev-ry" as espeak says it).
SENTENCES = [
    ("I led a small team that built a new billing system for our biggest client", 19),
    ("We met every morning to check the plan and fix what was broken", 16),
    ("The first version went live on time and the client was happy with it", 17),
    ("Later we cut the cost of support by half in one year", 14),
]
RATE = 48000


@dataclass(frozen=True)
class SpeechClip:
    path: Path
    pauses: list[tuple[float, float]]  # (start, length) of each inserted silence
    lead_s: float  # silence before the first word
    speech_s: float  # total length of the spoken parts
    syllables: int
    duration_s: float


def _soxi_seconds(path: Path) -> float:
    out = subprocess.run(["soxi", "-D", str(path)], capture_output=True, text=True, check=True)
    return float(out.stdout)


def speak(folder: Path, text: str, wpm: int, name: str) -> Path:
    raw, trimmed = folder / f"{name}-raw.wav", folder / f"{name}.wav"
    subprocess.run(
        ["espeak-ng", "-v", "en-us", "-s", str(wpm), "-w", str(raw), text],
        check=True,
        capture_output=True,
    )
    # Trim espeak's own lead-in and tail so the silences we add are the whole truth.
    subprocess.run(
        [
            "sox",
            str(raw),
            "-r",
            str(RATE),
            str(trimmed),
            "silence",
            "1",
            "0.005",
            "0.5%",
            "reverse",
            "silence",
            "1",
            "0.005",
            "0.5%",
            "reverse",
        ],
        check=True,
        capture_output=True,
    )
    return trimmed


def speech_clip(
    folder: Path,
    *,
    wpm: int = 160,
    gaps: tuple[float, ...] = (1.2, 3.5, 0.6),
    lead: float = 1.0,
    tail: float = 1.0,
    video: bool = True,
    sentences: list[tuple[str, int]] | None = None,
    gain_db: float = 0.0,
    name: str = "speech",
) -> SpeechClip:
    """Sentences separated by ``gaps`` seconds of silence, muxed with a test pattern."""
    sentences = sentences or SENTENCES[: len(gaps) + 1]
    parts, pauses, t, speech = [], [], lead, 0.0
    for i, (text, _count) in enumerate(sentences):
        part = speak(folder, text, wpm, f"{name}-{i}")
        length = _soxi_seconds(part)
        speech += length
        t += length
        parts.append(part)
        if i < len(sentences) - 1:
            gap = gaps[i]
            pauses.append((t, gap))
            silence = folder / f"{name}-gap{i}.wav"
            subprocess.run(
                ["sox", "-n", "-r", str(RATE), "-c", "1", str(silence), "trim", "0", str(gap)],
                check=True,
                capture_output=True,
            )
            parts.append(silence)
            t += gap
    joined = folder / f"{name}.wav"
    subprocess.run(
        ["sox", *map(str, parts), str(joined), "pad", str(lead), str(tail), "gain", str(gain_db)],
        check=True,
        capture_output=True,
    )
    out = folder / f"{name}.mp4"
    video_in = ["-f", "lavfi", "-i", "testsrc=size=320x240:rate=15"] if video else []
    video_out = (
        [
            "-map",
            "0:v",
            "-map",
            "1:a",
            "-c:v",
            "libx264",
            "-preset",
            "ultrafast",
            "-pix_fmt",
            "yuv420p",
        ]
        if video
        else []
    )
    subprocess.run(
        [
            "ffmpeg",
            "-v",
            "error",
            "-y",
            *video_in,
            "-i",
            str(joined),
            *video_out,
            "-c:a",
            "aac",
            "-b:a",
            "128k",
            "-ar",
            str(RATE),
            "-shortest",
            str(out),
        ],
        check=True,
        capture_output=True,
    )
    return SpeechClip(
        out, pauses, lead, speech, sum(c for _s, c in sentences), _soxi_seconds(joined)
    )


def ebur128_integrated(path: Path) -> float:
    """Integrated loudness as ffmpeg's ebur128 filter measures it."""
    out = subprocess.run(
        ["ffmpeg", "-nostats", "-i", str(path), "-map", "0:a", "-af", "ebur128", "-f", "null", "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stderr
    summary = out[out.rindex("Summary:") :]
    for line in summary.splitlines():
        if line.strip().startswith("I:"):
            return float(line.split()[1])
    raise AssertionError(f"no integrated loudness in ffmpeg's output:\n{summary}")


def pyloudnorm_integrated(path: Path) -> float:
    """Integrated loudness by pyloudnorm (a separate BS.1770 implementation, in numpy and scipy)
    on the sound ffmpeg decodes to 48 kHz float: independent of the app's libavfilter meter."""
    import pyloudnorm

    raw = subprocess.run(
        ["ffmpeg", "-v", "error", "-i", str(path), "-map", "0:a", "-ac", "1", "-ar", "48000"]
        + ["-f", "f32le", "-"],
        capture_output=True,
        check=True,
    ).stdout
    samples = np.frombuffer(raw, np.float32).astype(np.float64)
    return float(pyloudnorm.Meter(48000).integrated_loudness(samples))


def picture_clip(folder: Path, image: Path | None, name: str, seconds: float = 4.0) -> Path:
    """A clip of a still ``image`` (or ffmpeg's test pattern), a keyframe every second like the
    recorder's takes, with a quiet tone for sound."""
    source = (
        ["-loop", "1", "-framerate", "15", "-i", str(image)]
        if image
        else ["-f", "lavfi", "-i", "testsrc=size=1280x720:rate=15"]
    )
    out = folder / f"{name}.mp4"
    subprocess.run(
        [
            "ffmpeg",
            "-v",
            "error",
            "-y",
            *source,
            "-f",
            "lavfi",
            "-i",
            "sine=frequency=220:sample_rate=48000",
            "-t",
            str(seconds),
            "-map",
            "0:v",
            "-map",
            "1:a",
            "-vf",
            "scale=1280:720,format=yuv420p",
            "-c:v",
            "libx264",
            "-preset",
            "ultrafast",
            "-g",
            "15",
            "-c:a",
            "aac",
            str(out),
        ],
        check=True,
        capture_output=True,
    )
    return out


def face_image(folder: Path) -> Path:
    """A real face photograph framed like a webcam: scikit-image's astronaut (Eileen Collins,
    a NASA photo in the public domain), shipped inside the wheel, cropped to 16:9."""
    import cv2
    from skimage import data

    photo = data.astronaut()[3:228, 25:425]  # her face, centred, ~half the height
    path = folder / "face.png"
    cv2.imwrite(str(path), cv2.cvtColor(photo, cv2.COLOR_RGB2BGR))
    return path
