"""Take analysis benchmark (issue 12): every metric but the transcript on a 2-minute take.

    .venv/bin/python bench/analysis.py            # makes bench/out/analysis-take.mp4 once
    .venv/bin/python bench/analysis.py --runs 5
    .venv/bin/python bench/analysis.py --stages   # where the time and memory go, step by step
    .venv/bin/python bench/analysis.py --accuracy # errors against the tests' references
    .venv/bin/python bench/analysis.py --smoke    # seconds: a 10-s take, one run (with any mode)

The take is made like the recorder's (1280x720@30 H.264, a keyframe a second, mono AAC 48 kHz)
by ffmpeg: espeak-ng speech with pauses over a moving test pattern with a face photograph on it.

What is measured is what the app does: ``analyze_in_child`` (the child process the app and
`taketwo analyze` both use), from a fresh process per run. Time is the caller's wall clock,
child start-up and imports included. Peak memory is the child's RSS high-water mark
(RUSAGE_CHILDREN) plus the caller's own, so the whole process tree. GUI responsiveness: the
app's TakeAnalyzer analyses the take, imported into a scratch library, in an offscreen Qt app
while a 5 ms QTimer records how late each tick comes.
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
from taketwo.analysis.child import analyze_in_child
started = time.perf_counter()
result = analyze_in_child(sys.argv[1])
took = time.perf_counter() - started
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
child = usage.ru_maxrss / 1024
own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": took, "child_mb": child, "caller_mb": own,
                  "child_cpu_s": usage.ru_utime + usage.ru_stime,
                  "pauses": len(result["pauses"]), "face": result["framing"]["face_share"],
                  "lufs": result["loudness"]["integrated_lufs"]}))
"""

STALL = r"""
import json, sys, tempfile, time
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QProgressBar
from taketwo.domain import Question
from taketwo.storage import Library
from taketwo.tasks.analysis import TakeAnalyzer
from taketwo.tasks.runner import TaskRunner
app = QApplication(sys.argv[:1])
folder = tempfile.mkdtemp(prefix="bench-analysis-")
library = Library.open(Path(folder) / "library")
question = library.add_question(Question(prompt="Tell me about yourself", target_seconds=120))
take = library.import_media(Path(sys.argv[1]), question.id)
bar = QProgressBar(); bar.show()
runner = TaskRunner()
analyzer = TakeAnalyzer(library, runner)
gaps, last = [], [time.perf_counter()]
worst = [0.0, 0.0]
def tick():
    now = time.perf_counter(); gaps.append(now - last[0] - 0.005)
    if gaps[-1] > worst[0]:
        worst[:] = [gaps[-1], last[0] - started[0]]
    last[0] = now
timer = QTimer(); timer.setInterval(5); timer.timeout.connect(tick)
started = [0.0]
def done(_take_id, _result):
    took = time.perf_counter() - started[0]
    timer.stop(); runner.shutdown()
    gaps.sort()
    pick = lambda q: 1000 * gaps[int(q * (len(gaps) - 1))]
    print(json.dumps({"p50_ms": pick(0.5), "p99_ms": pick(0.99), "max_ms": 1000 * gaps[-1],
                      "ticks": len(gaps), "seconds": took, "worst_at_s": worst[1],
                      "stored": library.get_analysis(take.id) is not None}))
    app.quit()
analyzer.finished.connect(done)
analyzer.failed.connect(lambda _i, m: (print(m), app.quit()))
analyzer.progress.connect(lambda _i, f, _t: bar.setValue(int(f * 100)))
def start():
    started[0] = last[0] = time.perf_counter()
    timer.start()
    analyzer.analyze(take.id)
QTimer.singleShot(0, start)
app.exec()
library.close()
"""

# Each step of the analysis alone in a fresh process: imports, then the step, with the RSS
# high-water mark (VmHWM) after each and the largest Python allocation (tracemalloc).
STAGES = r"""
import json, sys, time, tracemalloc
from pathlib import Path
def hwm():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM"):
            return int(line.split()[1]) / 1024
step = sys.argv[2]
base = hwm()
t, cpu = time.perf_counter(), time.process_time()
from taketwo.analysis import decode, framing, pauses, voice
import parselmouth  # voice.py loads it when first used
imports, imports_cpu, imported = time.perf_counter() - t, time.process_time() - cpu, hwm()
path = Path(sys.argv[1])
needs_sound = step in ("pauses (webrtcvad)", "syllables, pitch (Praat)")
sound = decode.decode_sound(path) if needs_sound else None
tracemalloc.start()
t, cpu = time.perf_counter(), time.process_time()
if step == "sound (decode, loudness)":
    decode.decode_sound(path)
elif step == "pauses (webrtcvad)":
    pauses.speech_spans(pauses.speech_frames(sound.samples, sound.rate))
elif step == "syllables, pitch (Praat)":
    voice.analyse_voice(sound.samples)
elif step == "frames+faces":
    framing.measure_framing(decode.sample_frames(path, framing.SAMPLES_PER_SECOND))
took, cpu = time.perf_counter() - t, time.process_time() - cpu
print(json.dumps({"cpu_s": cpu, "imports_s": imports, "imports_cpu_s": imports_cpu,
                  "imports_mb": imported - base, "base_mb": base, "after_mb": hwm(),
                  "seconds": took,
                  "traced_mb": tracemalloc.get_traced_memory()[1] / 2**20}))
"""
STAGE_NAMES = (
    "sound (decode, loudness)",
    "pauses (webrtcvad)",
    "syllables, pitch (Praat)",
    "frames+faces",
)


def make_take(path: Path, seconds: int = 120) -> Path:
    from tests.support.speech_media import face_image, speech_clip

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        clip = speech_clip(
            folder, wpm=160, gaps=(0.8, 2.5, 1.2), lead=1.5, tail=0.5, video=False, name="speech"
        )
        face = face_image(folder)
        looped = folder / "speech-looped.wav"
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
                str(seconds),
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
                str(seconds),
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


def run_json(code: str, *args: object) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", code, *map(str, args)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def table(rows: list[tuple[str, str, str]]) -> None:
    width = max(len(r[0]) for r in rows)
    print(f"{'measure':<{width}}  {'value':>14}  target")
    for name, value, target in rows:
        print(f"{name:<{width}}  {value:>14}  {target}")


def stages(take: Path) -> int:
    rows = []
    for name in STAGE_NAMES:
        r = run_json(STAGES, take, name)
        rows.append(
            (
                name,
                f"{r['seconds']:.2f} s",
                f"CPU {r['cpu_s']:.2f} s, RSS high-water {r['after_mb']:.0f} MB, "
                f"Python allocations peak {r['traced_mb']:.0f} MB",
            )
        )
    r = run_json(STAGES, take, "none")
    rows.append(("interpreter alone", "", f"{r['base_mb']:.0f} MB"))
    rows.append(
        (
            "imports (PyAV, webrtcvad, Praat, OpenCV)",
            f"{r['imports_s']:.2f} s",
            f"CPU {r['imports_cpu_s']:.2f} s, +{r['imports_mb']:.0f} MB",
        )
    )
    table(rows)
    return 0


def accuracy(smoke: bool = False) -> int:
    """The worst errors over espeak-ng speech at three rates, against what was put in (pauses,
    syllables) and an independent loudness meter (pyloudnorm). The ffmpeg command's ebur128
    is no reference: the app meters with that same libavfilter code."""
    from tests.support.speech_media import pyloudnorm_integrated, speech_clip

    from taketwo.analysis.child import analyze_in_child

    pause_ms, rate_pct, lufs_pyln = 0.0, 0.0, 0.0
    rates = (165,) if smoke else (120, 165, 210)
    with tempfile.TemporaryDirectory() as tmp:
        for wpm in rates:
            clip = speech_clip(Path(tmp), wpm=wpm, name=f"speech{wpm}")
            result = analyze_in_child(clip.path)
            found = [(p["start"], p["duration"]) for p in result["pauses"]]
            if len(found) != len(clip.pauses):
                print(f"{wpm} wpm: {len(found)} pauses found, {len(clip.pauses)} put in")
                return 1
            for (start, length), (true_start, true_length) in zip(found, clip.pauses, strict=True):
                pause_ms = max(
                    pause_ms,
                    1000 * abs(start - true_start),
                    1000 * abs(start + length - true_start - true_length),
                )
            truth = clip.syllables / clip.speech_s
            rate_pct = max(rate_pct, 100 * abs(result["rate"]["syllables_per_s"] / truth - 1))
            lufs = result["loudness"]["integrated_lufs"]
            lufs_pyln = max(lufs_pyln, abs(lufs - pyloudnorm_integrated(clip.path)))
    table(
        [
            (
                f"pause edges, worst error ({len(rates)} rate{'s'[: len(rates) > 1]})",
                f"{pause_ms:.0f} ms",
                "<= 150 ms",
            ),
            ("speaking rate, worst error", f"{rate_pct:.1f} %", "<= 15 %"),
            ("integrated loudness vs pyloudnorm", f"{lufs_pyln:.2f} LU", "<= 1 LU"),
        ]
    )
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--stages", action="store_true", help="time and memory step by step")
    parser.add_argument("--accuracy", action="store_true", help="errors against references")
    parser.add_argument(
        "--smoke", action="store_true", help="a quick run that the tests use: a 10-s take, 1 run"
    )
    args = parser.parse_args()
    if args.accuracy:
        return accuracy(args.smoke)
    if args.smoke:
        with tempfile.TemporaryDirectory(prefix="taketwo-bench-") as tmp:
            take = make_take(Path(tmp) / "analysis-take-10s.mp4", seconds=10)
            return stages(take) if args.stages else measure(take, 1, "10-s")
    OUT.mkdir(exist_ok=True)
    take = OUT / "analysis-take.mp4"
    if not take.exists():
        print("making a 2-minute take with ffmpeg (once)...", flush=True)
        make_take(take)
    if args.stages:
        return stages(take)
    return measure(take, args.runs, "2-min")


def measure(take: Path, runs_wanted: int, length: str) -> int:
    """The app's analysis of ``take``: time and memory per fresh process, then GUI stalls."""
    runs = [run_json(MEASURE, take) for _ in range(runs_wanted)]
    stall = run_json(STALL, take)
    seconds = [r["seconds"] for r in runs]
    tree = max(r["child_mb"] + r["caller_mb"] for r in runs)
    load = os.getloadavg()[0]
    cores = os.cpu_count()
    table(
        [
            (
                f"analysis of a {length} take (median of {len(runs)})",
                f"{statistics.median(seconds):.2f} s",
                "<= 3 s" if length == "2-min" else "",
            ),
            ("  fastest / slowest run", f"{min(seconds):.2f} / {max(seconds):.2f} s", ""),
            (
                "  CPU time of the child (median; load-independent)",
                f"{statistics.median(r['child_cpu_s'] for r in runs):.2f} s",
                "",
            ),
            ("peak memory (caller + analysis child)", f"{tree:.0f} MB", "<= 300 MB"),
            ("  the analysis child", f"{max(r['child_mb'] for r in runs):.0f} MB", ""),
            ("  the caller", f"{max(r['caller_mb'] for r in runs):.0f} MB", ""),
            ("GUI event-loop stall p50 while analysing", f"{stall['p50_ms']:.1f} ms", ""),
            ("GUI event-loop stall p99 while analysing", f"{stall['p99_ms']:.1f} ms", "<= 50 ms"),
            (
                "  worst stall, and when it began",
                f"{stall['max_ms']:.1f} ms",
                f"at {stall['worst_at_s']:.2f} s",
            ),
            ("  the app's analysis, stored (s)", f"{stall['seconds']:.2f} s", ""),
            (f"load average (1 min) at the end, {cores} cores", f"{load:.1f}", ""),
        ]
    )
    print(
        f"(pauses found: {runs[0]['pauses']}, face share: {runs[0]['face']}, "
        f"loudness {runs[0]['lufs']} LUFS; GUI result stored: {stall['stored']})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
