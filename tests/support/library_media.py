"""Media for the library tests: small real MP4/WAV files, a writer to SIGKILL, ffprobe checks.

Everything is checked with ffprobe, never with the reader the library itself uses.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from fractions import Fraction
from pathlib import Path

import av
import numpy as np

FRAGMENTED = {
    "movflags": "frag_keyframe+empty_moov+default_base_moof",
    "frag_duration": "1000000",
    "flush_packets": "1",
}


def make_video(
    path: Path,
    seconds: float,
    *,
    fragmented: bool = False,
    fps: int = 15,
    size: tuple[int, int] = (64, 48),
    audio: bool = True,
) -> Path:
    """A small H.264 (+AAC) MP4 of ``seconds``; ``fragmented`` like the recorder writes."""
    options = dict(FRAGMENTED) if fragmented else {"movflags": "+faststart"}
    with av.open(str(path), "w", format="mp4", options=options) as out:
        video = out.add_stream(
            "libx264", rate=fps, options={"g": str(fps * 2), "bf": "0", "preset": "ultrafast"}
        )
        video.width, video.height = size
        video.pix_fmt = "yuv420p"
        sound = out.add_stream("aac", rate=48000) if audio else None
        frames = int(round(seconds * fps))
        for i in range(frames):
            image = np.full((size[1], size[0], 3), (i * 7) % 255, np.uint8)
            frame = av.VideoFrame.from_ndarray(image, format="rgb24")
            frame.pts = i
            frame.time_base = Fraction(1, fps)
            out.mux(video.encode(frame))
        out.mux(video.encode(None))
        if sound is not None:
            _write_tone(out, sound, seconds)
    return path


def make_audio(path: Path, seconds: float) -> Path:
    """A WAV file of a quiet tone."""
    with av.open(str(path), "w", format="wav") as out:
        stream = out.add_stream("pcm_s16le", rate=48000)
        _write_tone(out, stream, seconds)
    return path


def _write_tone(
    out: av.container.OutputContainer, stream: av.stream.Stream, seconds: float
) -> None:
    rate, block = 48000, 1024
    total = int(seconds * rate)
    for start in range(0, total, block):
        n = min(block, total - start)
        t = (start + np.arange(n)) / rate
        samples = (0.1 * np.sin(2 * np.pi * 440 * t)).astype(np.float32)[None, :]
        frame = av.AudioFrame.from_ndarray(samples, format="fltp", layout="mono")
        frame.sample_rate = rate
        frame.pts = start
        out.mux(stream.encode(frame))
    out.mux(stream.encode(None))


def ffprobe_duration(path: Path) -> float:
    """Duration as ffprobe (not our reader) measures it, from the packets."""
    out = subprocess.run(
        [
            "ffprobe",
            "-v",
            "error",
            "-show_entries",
            "packet=pts_time,duration_time",
            "-of",
            "json",
            str(path),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    packets = json.loads(out.stdout).get("packets", [])
    ends = [
        float(p["pts_time"]) + float(p.get("duration_time", 0) or 0)
        for p in packets
        if "pts_time" in p
    ]
    starts = [float(p["pts_time"]) for p in packets if "pts_time" in p]
    return max(ends) - min(starts) if ends else 0.0


def ffprobe_format(path: Path) -> dict[str, object]:
    out = subprocess.run(
        ["ffprobe", "-v", "error", "-show_format", "-show_streams", "-of", "json", str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


# Records into a library the way the recorder does: a `recording` row first, then fragmented
# MP4 (15 fps, a keyframe and a fragment every second) written in real time to the take's path,
# printing "take ID" once and "seconds N" after each second, until it is killed.
_LIBRARY_WRITER = textwrap.dedent("""
    import sys, time
    from fractions import Fraction
    import av, numpy as np
    from taketwo.storage import Library
    lib = Library.open(sys.argv[1], purpose="test recorder")
    take = lib.begin_take(int(sys.argv[2]), {"camera": "synthetic", "mic": "synthetic"})
    print("take", take.id, flush=True)
    fps = 15
    with av.open(str(take.path), "w", format="mp4", options={
        "movflags": "frag_keyframe+empty_moov+default_base_moof",
        "frag_duration": "1000000", "flush_packets": "1"}) as out:
        v = out.add_stream("libx264", rate=fps, options={"g": str(fps), "bf": "0",
                                                         "preset": "ultrafast"})
        v.width, v.height, v.pix_fmt = 64, 48, "yuv420p"
        a = out.add_stream("aac", rate=48000)
        t0 = time.monotonic()
        for i in range(fps * 600):
            img = np.full((48, 64, 3), (i * 7) % 255, np.uint8)
            f = av.VideoFrame.from_ndarray(img, format="rgb24")
            f.pts, f.time_base = i, Fraction(1, fps)
            out.mux(v.encode(f))
            s = (0.1 * np.sin(np.arange(3200) / 10)).astype(np.float32)[None, :]
            af = av.AudioFrame.from_ndarray(s, format="fltp", layout="mono")
            af.sample_rate, af.pts = 48000, i * 3200
            out.mux(a.encode(af))
            if (i + 1) % fps == 0:
                print("seconds", (i + 1) // fps, flush=True)
            time.sleep(max(0.0, t0 + (i + 1) / fps - time.monotonic()))
""")


def start_library_writer(library: Path, question_id: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", _LIBRARY_WRITER, str(library), str(question_id)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
