"""Take analysis benchmark (issue 12): every metric but the transcript on a 2-minute take.

    .venv/bin/python bench/analysis.py            # makes bench/out/analysis-take.mp4 once
    .venv/bin/python bench/analysis.py --runs 5

The take is made like the recorder's (1280x720@30 H.264, a keyframe a second, mono AAC 48 kHz)
by ffmpeg: espeak-ng speech with pauses over a moving test pattern with a face photograph on it.
Time and peak memory are measured in a fresh process per run; GUI responsiveness by a 5 ms
timer in an offscreen Qt app while the analysis runs on the task runner.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
sys.path.insert(0, str(ROOT))

MEASURE = r"""
import json, resource, sys, time
from taketwo.analysis.take import analyze_file
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
started = time.perf_counter()
result = analyze_file(sys.argv[1])
took = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": took, "peak_mb": peak / 1024, "imports_mb": before / 1024,
                  "pauses": len(result["pauses"]), "face": result["framing"]["face_share"]}))
"""

STALL = r"""
import json, sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QProgressBar
from taketwo.analysis.take import analyze_file
from taketwo.tasks.runner import TaskRunner
app = QApplication(sys.argv[:1])
bar = QProgressBar(); bar.show()
runner = TaskRunner()
gaps, last = [], [time.perf_counter()]
def tick():
    now = time.perf_counter(); gaps.append(now - last[0] - 0.005); last[0] = now
timer = QTimer(); timer.setInterval(5); timer.timeout.connect(tick); timer.start()
def done(_result):
    timer.stop(); runner.shutdown()
    gaps.sort()
    print(json.dumps({"p99_ms": 1000 * gaps[int(0.99 * (len(gaps) - 1))],
                      "max_ms": 1000 * gaps[-1], "ticks": len(gaps)}))
    app.quit()
runner.submit("analyze", lambda job, path: analyze_file(path, progress=job.report), sys.argv[1],
              on_done=done, on_error=lambda m: (print(m), app.quit()),
              on_progress=lambda f, _t: bar.setValue(int(f * 100)))
app.exec()
"""


def make_take(path: Path) -> Path:
    from tests.support.speech_media import face_image, speech_clip

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        clip = speech_clip(
            folder, wpm=160, gaps=(0.8, 2.5, 1.2), lead=1.5, tail=0.5, video=False, name="speech"
        )
        face = face_image(folder)
        looped = folder / "speech-2min.wav"
        subprocess.run(
            [
                "ffmpeg",
                "-v",
                "error",
                "-y",
                "-stream_loop",
                "-1",
                "-i",
                str(clip.path),
                "-t",
                "120",
                "-ac",
                "1",
                "-ar",
                "48000",
                str(looped),
            ],
            check=True,
        )
        subprocess.run(
            [
                "ffmpeg",
                "-v",
                "error",
                "-y",
                "-f",
                "lavfi",
                "-i",
                "testsrc2=size=1280x720:rate=30",
                "-loop",
                "1",
                "-i",
                str(face),
                "-i",
                str(looped),
                "-t",
                "120",
                "-filter_complex",
                "[1]scale=640:360[f];[0][f]overlay=320:180,format=yuv420p[v]",
                "-map",
                "[v]",
                "-map",
                "2:a",
                "-c:v",
                "libx264",
                "-preset",
                "veryfast",
                "-crf",
                "23",
                "-g",
                "30",
                "-bf",
                "0",
                "-c:a",
                "aac",
                "-b:a",
                "96k",
                "-ac",
                "1",
                str(path),
            ],
            check=True,
        )
    return path


def run_json(code: str, path: Path) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", code, str(path)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    OUT.mkdir(exist_ok=True)
    take = OUT / "analysis-take.mp4"
    if not take.exists():
        print("making a 2-minute take with ffmpeg (once)...", flush=True)
        make_take(take)
    runs = [run_json(MEASURE, take) for _ in range(args.runs)]
    stall = run_json(STALL, take)
    seconds = [r["seconds"] for r in runs]
    peak = max(r["peak_mb"] for r in runs)
    load = os.getloadavg()[0]
    rows = [
        (
            f"analysis of a 2-min take (median of {len(runs)})",
            f"{statistics.median(seconds):.2f} s",
            "<= 3 s",
        ),
        ("  fastest / slowest run", f"{min(seconds):.2f} / {max(seconds):.2f} s", ""),
        ("peak memory (whole process)", f"{peak:.0f} MB", "<= 300 MB"),
        ("  of which imports", f"{runs[0]['imports_mb']:.0f} MB", ""),
        ("GUI event-loop stall p99 while analysing", f"{stall['p99_ms']:.1f} ms", "<= 50 ms"),
        ("  worst stall", f"{stall['max_ms']:.1f} ms", ""),
        ("load average during the run (2 cores)", f"{load:.1f}", ""),
    ]
    width = max(len(r[0]) for r in rows)
    print(f"{'measure':<{width}}  {'value':>14}  target")
    for name, value, target in rows:
        print(f"{name:<{width}}  {value:>14}  {target}")
    print(f"(pauses found: {runs[0]['pauses']}, face share: {runs[0]['face']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
