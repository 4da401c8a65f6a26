"""Export benchmark: a frame-accurate clip from a long take, and a coach pack of five takes.

Takes are made in the recorder's own format (TakeWriter: 1280x720@30 H.264 veryfast, 1-s GOP,
AAC mono, then finalized to faststart MP4): a 10-s piece of the demo camera's picture is
encoded once and its GOPs repeated to the wanted length, so a 10-minute take costs seconds.
They are cached in bench/out/. Prints a table next to the targets of issue 11.

    .venv/bin/python bench/export.py
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import av
import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from taketwo.capture.encoder import TakeWriter  # noqa: E402
from taketwo.devices.demo import DemoCamera  # noqa: E402
from taketwo.domain import Question  # noqa: E402
from taketwo.media.export import export_take  # noqa: E402
from taketwo.media.remux import finalize  # noqa: E402
from taketwo.storage import Library  # noqa: E402
from taketwo.workflow.pack import make_pack  # noqa: E402

OUT = ROOT / "bench" / "out"
PIECE_SECONDS = 10
RATE = 48000


def piece() -> Path:
    """Ten seconds of the demo camera's picture and a tone, encoded as the recorder does."""
    path = OUT / "piece-720p-10s.mp4"
    if path.exists():
        return path
    camera = DemoCamera(1280, 720, 30.0, jitter_ms=0)
    raw = path.with_suffix(".frag.mp4")
    writer = TakeWriter(raw, 1280, 720, 30.0)
    for slot in range(PIECE_SECONDS * 30):
        writer.write_video(camera._render(slot / 30), slot)
        t = (slot * 1600 + np.arange(1600)) / RATE
        writer.write_audio((0.1 * np.sin(2 * np.pi * 220 * t)).astype(np.float32))
    writer.close()
    finalize(raw, path)
    raw.unlink()
    return path


def tiled(seconds: int) -> Path:
    """``seconds`` of take made by repeating the piece's GOPs (copy, no re-encode)."""
    path = OUT / f"take-720p-{seconds}s.mp4"
    if path.exists():
        return path
    src = piece()
    tmp = path.with_suffix(".tmp.mp4")
    with (
        av.open(str(src)) as inp,
        av.open(str(tmp), "w", format="mp4", options={"movflags": "+faststart"}) as out,
    ):
        streams = {s.index: out.add_stream_from_template(s) for s in inp.streams}
        packets = [p for p in inp.demux() if p.dts is not None]
        # One period covers every stream's packets (AAC priming starts sound a little early).
        first = min(float(p.dts * p.time_base) for p in packets)
        last = max(float((p.dts + (p.duration or 0)) * p.time_base) for p in packets)
        period = np.ceil((last - first) * 30) / 30
        for rep in range(int(seconds // period) + 1):
            for p in packets:
                tb = p.time_base
                shift = int(round(rep * period / tb))
                copy = av.Packet(bytes(p))
                copy.pts, copy.dts = p.pts + shift, p.dts + shift
                copy.duration, copy.time_base = p.duration, tb
                copy.is_keyframe = p.is_keyframe
                copy.stream = streams[p.stream.index]
                out.mux(copy)
    tmp.rename(path)
    return path


def timed(fn, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    OUT.mkdir(exist_ok=True)
    long_take = tiled(600)
    minute = tiled(60)
    work = Path(tempfile.mkdtemp(prefix="taketwo-bench-"))
    rows = []
    try:

        def clip() -> None:
            out = work / "clip.mp4"
            out.unlink(missing_ok=True)
            export_take(long_take, out, 295.25, 305.25)

        rows.append(("10-s frame-accurate clip from a 10-min 720p take", timed(clip), 1.5))

        def whole_clip() -> None:
            out = work / "clip-whole.mp4"
            out.unlink(missing_ok=True)
            export_take(long_take, out, 295.25, 305.25, title="Why this job?")

        rows.append(("  same, with a title card", timed(whole_clip, 1), None))

        lib = Library.open(work / "library")
        question = lib.add_question(Question(prompt="Why do you want this job?"))
        ids = [lib.import_media(minute, question.id).id for _ in range(5)]

        def pack() -> None:
            out = work / "pack.zip"
            out.unlink(missing_ok=True)
            make_pack(lib, out, take_ids=ids, ask="Am I too fast?")

        rows.append(("coach pack of five 1-minute takes", timed(pack), 5.0))
        lib.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"| {'what':<52} | {'wall s':>7} | {'target s':>8} |")
    print(f"|{'-' * 54}|{'-' * 9}|{'-' * 10}|")
    for name, seconds, target in rows:
        mark = "" if target is None else ("  ok" if seconds <= target else "  OVER")
        print(f"| {name:<52} | {seconds:7.2f} | {target if target else '-':>8} |{mark}")


if __name__ == "__main__":
    main()
