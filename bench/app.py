"""Desktop app benchmark: start-up, responsiveness while recording, opening a long take.

    .venv/bin/python bench/app.py                  # all of it (makes a 10-min file once)
    .venv/bin/python bench/app.py --record-seconds 30
    .venv/bin/python bench/app.py --startup-only     # the window against a minimal one
    .venv/bin/python bench/app.py --smoke           # seconds: one run of each, a short take
    .venv/bin/python bench/app.py --preview-cost   # CPU of the idle preview and of a take

Runs offscreen (QT_QPA_PLATFORM=offscreen) with the demo devices at 1280x720@30, and prints
a table next to the targets of issue 4. ``--preview-cost`` runs the real app in an X server
(Xvfb) under a window manager (openbox), as a user's desktop would, and prints its CPU next
to the targets of issue 21.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"

STARTUP_DRIVER = r"""
import sys, time, json
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
marks = {}
def ready():
    marks["window"] = time.time()
    w = next(w for w in app.topLevelWidgets() if w.isVisible())
    def preview():
        if w.rehearse.preview.frames_received:
            marks["preview"] = time.time(); print(json.dumps(marks)); w.close()
        else:
            QTimer.singleShot(5, preview)
    preview()
QTimer.singleShot(0, ready)
import argparse
from taketwo.ui.shell import app as appmod
appmod.run(argparse.Namespace(library=sys.argv[1], camera="demo", mic="demo", json=False))
"""


MINIMAL_WINDOW = r"""
import sys
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setWindowTitle(sys.argv[1])
window.resize(800, 600)
window.show()
app.exec()
"""
MINIMAL_TITLE = "Minimal PySide6 window"
APP_TITLE = "^Take Two"  # xdotool matches the window name as a regular expression
STARTUP_TARGET_RATIO = 2.5


def start_display() -> tuple[list[subprocess.Popen[bytes]], dict[str, str]]:
    """Xvfb with openbox on a free display; the processes and an environment that uses it."""
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", "1", "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    assert xvfb.stdout is not None
    display = ":" + xvfb.stdout.readline().decode().strip()
    env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb")
    wm = subprocess.Popen(
        ["openbox"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:  # the window manager says it is there
        out = subprocess.run(
            ["xprop", "-root", "_NET_SUPPORTING_WM_CHECK"], env=env, capture_output=True
        )
        if b"window id" in out.stdout:
            break
        time.sleep(0.05)
    return [wm, xvfb], env


def seconds_to_window(command: list[str], title: str, env: dict[str, str]) -> float:
    """From launch until a visible window named ``title`` exists, polled with xdotool."""
    started = time.monotonic()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        while time.monotonic() - started < 30:
            found = subprocess.run(
                ["xdotool", "search", "--onlyvisible", "--name", title],
                env=env,
                capture_output=True,
            )
            if found.stdout.strip():
                return time.monotonic() - started
            if process.poll() is not None:
                assert process.stderr is not None
                raise RuntimeError(f"{command[-1]} ended early: {process.stderr.read()[-500:]!r}")
        raise RuntimeError(f"no window named {title!r} within 30 s")
    finally:
        process.terminate()
        process.wait(10)


def startup_library(folder: Path) -> tuple[Path, Path]:
    """A library holding questions, and settings that choose the demo devices."""
    from taketwo.domain.question import Question
    from taketwo.settings import Settings
    from taketwo.storage import Library

    library = Library.open(folder / "startup-lib")
    for prompt in ("Tell me about yourself.", "Why this team?", "A conflict you resolved?"):
        library.add_question(Question(prompt=prompt))
    library.close()
    settings = Settings(folder / "startup.ini")
    settings.set("camera", "demo")
    settings.set("mic", "demo")
    settings.sync()
    return folder / "startup-lib", folder / "startup.ini"


def startup_against_minimal(folder: Path, pairs: int) -> dict[str, float]:
    """Median seconds to the first visible window, the app against a minimal PySide6 window
    on the same Xvfb + openbox display, launched in alternating pairs (after one warm-up)."""
    library, settings = startup_library(folder)
    processes, env = start_display()
    env["TAKETWO_SETTINGS"] = str(settings)
    minimal = [sys.executable, "-c", MINIMAL_WINDOW, MINIMAL_TITLE]
    app = [sys.executable, "-m", "taketwo", "--library", str(library)]
    try:
        seconds_to_window(minimal, MINIMAL_TITLE, env)  # warm the disk cache for both
        seconds_to_window(app, APP_TITLE, env)
        minimal_s, app_s = [], []
        for _ in range(pairs):
            minimal_s.append(seconds_to_window(minimal, MINIMAL_TITLE, env))
            app_s.append(seconds_to_window(app, APP_TITLE, env))
    finally:
        for process in processes:
            process.terminate()
            process.wait(10)
    app_median, minimal_median = statistics.median(app_s), statistics.median(minimal_s)
    return {"app": app_median, "minimal": minimal_median, "ratio": app_median / minimal_median}


def print_startup(measured: dict[str, float]) -> None:
    print(f"{'start-up under Xvfb + openbox':<44}{'measured':>10}{'target':>10}")
    print("-" * 64)
    print(f"{'first visible window, Take Two (s)':<44}{measured['app']:>10.2f}{'-':>10}")
    print(f"{'first visible window, minimal PySide6 (s)':<44}{measured['minimal']:>10.2f}{'-':>10}")
    print(f"{'ratio':<44}{measured['ratio']:>10.2f}{f'<= {STARTUP_TARGET_RATIO}':>10}")


# The app as a user starts it, on the Rehearse screen with the demo devices; it measures its
# own CPU (user + system, every thread) while the preview runs untouched, then while a take
# records, and prints both as cores.
PREVIEW_COST_DRIVER = r"""
import argparse, json, resource, sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
seconds = float(sys.argv[2])
result = {}

def cpu():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime

def when(condition, then, limit=30.0):
    deadline = time.monotonic() + limit
    def check():
        if condition():
            then()
        elif time.monotonic() > deadline:
            print(json.dumps({"error": "timed out"})); app.exit(1)
        else:
            QTimer.singleShot(50, check)
    check()

def measured(name, then):
    started, used = time.monotonic(), cpu()
    painted = w.rehearse.preview.frames_shown
    def done():
        wall = time.monotonic() - started
        result[name] = (cpu() - used) / wall
        result[name + "_fps"] = (w.rehearse.preview.frames_shown - painted) / wall
        then()
    QTimer.singleShot(int(seconds * 1000), done)

def ready():
    global w
    w = next(w for w in app.topLevelWidgets() if w.isVisible() and hasattr(w, "rehearse"))
    from taketwo.ui.rehearse.recorder_controller import RecState
    state = lambda s: lambda: w.controller.state is s
    def record():
        w.rehearse.space()
        when(state(RecState.RECORDING), lambda: QTimer.singleShot(
            500, lambda: measured("recording", stop)))
    def stop():
        w.rehearse.space()
        when(state(RecState.PREVIEW), finish)
    def finish():
        print(json.dumps(result)); w.close()
    when(lambda: w.rehearse.preview.frames_shown > 5,
         lambda: QTimer.singleShot(1000, lambda: measured("idle", record)))

QTimer.singleShot(0, ready)
from taketwo.ui.shell import app as appmod
appmod.run(argparse.Namespace(library=sys.argv[1], camera="demo", mic="demo", json=False))
"""


def preview_cost(folder: Path, seconds: float, pairs: int, baseline: Path | None) -> dict:
    """Cores the app uses with the idle preview and while recording, median of ``pairs`` runs;
    with ``baseline`` (another checkout's ``app`` folder), its runs alternate with ours."""
    import json
    import statistics

    from taketwo.domain.question import Question
    from taketwo.settings import Settings
    from taketwo.storage import Library

    settings = Settings(folder / "cost.ini")
    settings.set("countdown", 0)
    settings.set("welcome_done", True)
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY")}
    env["TAKETWO_SETTINGS"] = str(folder / "cost.ini")
    shell = 'openbox >/dev/null 2>&1 & sleep 0.5; "$@"'
    runs: dict[str, list[dict]] = {"ours": [], "baseline": []}
    sources = {"ours": ROOT / "app", "baseline": baseline}

    def one_run(source: Path, index: int) -> dict:
        library = folder / f"cost-lib-{index}"  # a new library each run: no takes to recover
        with Library.open(library) as lib:
            lib.add_question(Question(prompt="Tell me about yourself"))
        out = subprocess.run(
            ["xvfb-run", "-a", "-s", "-screen 0 1280x800x24", "sh", "-c", shell, "sh"]
            + [sys.executable, "-c", PREVIEW_COST_DRIVER, str(library), str(seconds)],
            capture_output=True,
            text=True,
            env=dict(env, PYTHONPATH=str(source)),
            timeout=60 + 4 * seconds,
        )
        lines = [line for line in out.stdout.splitlines() if line.startswith("{")]
        if not lines or "error" in lines[-1]:
            raise SystemExit(f"the app did not run: {out.stderr[-2000:]}")
        return dict(json.loads(lines[-1]))

    index = 0
    for _ in range(pairs):
        for name, source in sources.items():
            if source is None:
                continue
            for attempt in range(2):  # xvfb-run -a can race another X server for a display
                index += 1
                try:
                    runs[name].append(one_run(source, index))
                    break
                except subprocess.TimeoutExpired:
                    if attempt:
                        raise
    return {
        name: {key: statistics.median(r[key] for r in rows) for key in rows[0]}
        for name, rows in runs.items()
        if rows
    }


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def cold_start(folder: Path, runs: int) -> tuple[float, float]:
    import json

    from taketwo.domain.question import Question
    from taketwo.storage import Library

    # A library with a question opens on Rehearse with the preview (a new one on the
    # first-start page, where no preview ever comes).
    with Library.open(folder / "lib") as library:
        library.add_question(Question(prompt="Why do you want this job?"))
    window, preview = [], []
    for i in range(runs):
        env = dict(os.environ, TAKETWO_SETTINGS=str(folder / f"s{i}.ini"))
        started = time.time()
        out = subprocess.run(
            [sys.executable, "-c", STARTUP_DRIVER, str(folder / "lib")],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
        )
        marks = json.loads(out.stdout.strip().splitlines()[-1])
        window.append(marks["window"] - started)
        preview.append(marks["preview"] - started)
    return sorted(window)[len(window) // 2], sorted(preview)[len(preview) // 2]


def responsiveness(folder: Path, seconds: float) -> dict[str, float]:
    from PySide6.QtCore import QElapsedTimer, QTimer
    from PySide6.QtWidgets import QApplication

    from taketwo.domain.question import Question
    from taketwo.settings import Settings
    from taketwo.storage import Library
    from taketwo.tasks.runner import TaskRunner
    from taketwo.ui.rehearse.recorder_controller import RecState
    from taketwo.ui.shell.app import starting_question
    from taketwo.ui.shell.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    settings = Settings(folder / "resp.ini")
    settings.set("countdown", 0)
    library = Library.open(folder / "resp-lib")
    if not library.list_questions():  # a new library has none to rehearse
        from taketwo.domain.question import Question

        library.add_question(Question(prompt="Tell me about a project you led."))
    window = MainWindow(library, settings, TaskRunner())
    window.show()
    window.rehearse_question(starting_question(library, settings))
    window.use_devices("demo", "demo")
    clock = QElapsedTimer()
    clock.start()

    def spin_until(condition, limit: float) -> None:
        deadline = time.monotonic() + limit
        while not condition() and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.002)

    spin_until(lambda: window.controller.state is RecState.PREVIEW, 10)
    frames: list[float] = []
    ticks: list[float] = []
    window.controller.frame_ready.connect(lambda *_: frames.append(clock.nsecsElapsed() / 1e6))
    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(lambda: ticks.append(clock.nsecsElapsed() / 1e6))
    timer.start()
    window.rehearse.space()
    spin_until(lambda: window.controller.state is RecState.RECORDING, 5)
    frames.clear()
    ticks.clear()
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.001)
    timer.stop()
    # The rate over the frames that arrived inside the window, first to last: frames that
    # arrive while stopping, or a partial interval at either edge, are not counted.
    frames = [t for t in frames if t <= clock.nsecsElapsed() / 1e6]
    window.rehearse.space()
    spin_until(lambda: window.controller.state is RecState.PREVIEW, 15)
    window.close()
    library.close()
    gaps = [b - a for a, b in zip(ticks, ticks[1:], strict=False)]
    stalls = [max(0.0, g - 5.0) for g in gaps]
    intervals = [b - a for a, b in zip(frames, frames[1:], strict=False)]
    return {
        "stall_p99": percentile(stalls, 99),
        "stall_max": max(stalls),
        "preview_p95": percentile(intervals, 95),
        "preview_fps": (len(frames) - 1) / ((frames[-1] - frames[0]) / 1000),
    }


def long_take(seconds: int = 600) -> Path:
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / ("ten-minutes.mp4" if seconds == 600 else f"take-{seconds}s.mp4")
    if not path.exists():
        print(f"making a {seconds}-s 720p take (once)…", file=sys.stderr)
        subprocess.run(
            [
                "ffmpeg",
                "-v",
                "error",
                "-y",
                "-f",
                "lavfi",
                "-i",
                f"testsrc2=s=1280x720:r=30:d={seconds}",
                "-f",
                "lavfi",
                "-i",
                f"sine=f=440:d={seconds}",
                "-c:v",
                "libx264",
                "-preset",
                "ultrafast",
                "-crf",
                "30",
                "-g",
                "30",
                "-bf",
                "0",
                "-c:a",
                "aac",
                "-movflags",
                "+faststart",
                str(path),
            ],
            check=True,
        )
    return path


def open_review(folder: Path, runs: int, seconds: int = 600) -> float:
    from PySide6.QtWidgets import QApplication

    from taketwo.domain.question import Question
    from taketwo.storage import Library
    from taketwo.ui.playback.review import ReviewScreen

    app = QApplication.instance() or QApplication([])
    library = Library.open(folder / "review-lib")
    question = library.add_question(Question(prompt="A long answer"))
    assert question.id is not None
    take = library.import_media(long_take(seconds), question.id)
    assert take.id is not None
    times = []
    for _ in range(runs):
        screen = ReviewScreen(library)
        screen.show()
        shown: list[float] = []
        screen.player.frame_shown.connect(lambda s=shown: s.append(time.perf_counter()))
        started = time.perf_counter()
        screen.show_take(take.id)
        deadline = time.monotonic() + 10
        while not shown and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.001)
        times.append((shown[0] if shown else float("inf")) - started)
        screen.close()
        screen.deleteLater()
        app.processEvents()
    library.close()
    return sorted(times)[len(times) // 2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--record-seconds", type=float, default=20)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--startup-pairs", type=int, default=7)
    parser.add_argument("--startup-only", action="store_true")
    parser.add_argument(
        "--preview-cost",
        action="store_true",
        help="measure the CPU of the idle preview and of a take under Xvfb instead",
    )
    parser.add_argument("--cost-seconds", type=float, default=10, help="each --preview-cost span")
    parser.add_argument(
        "--baseline",
        type=Path,
        help="another checkout's app/ folder: --preview-cost alternates its runs with ours",
    )
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="a quick run that the tests use: a few seconds of each part",
    )
    args = parser.parse_args()
    if args.smoke:
        args.record_seconds, args.runs, args.startup_pairs, args.cost_seconds = 2.0, 1, 1, 2
    take_seconds = 5 if args.smoke else 600
    if not args.preview_cost:
        with tempfile.TemporaryDirectory(prefix="taketwo-appbench-") as tmp:
            print_startup(startup_against_minimal(Path(tmp), args.startup_pairs))
            print()
    if args.startup_only:
        return
    if args.smoke and not all(shutil.which(tool) for tool in ("xvfb-run", "openbox")):
        print("preview cost skipped: needs xvfb-run and openbox")
    elif args.preview_cost or args.smoke:
        with tempfile.TemporaryDirectory(prefix="taketwo-appbench-") as tmp:
            cost = preview_cost(Path(tmp), args.cost_seconds, args.runs, args.baseline)
        names = list(cost)
        print(f"{args.cost_seconds:g} s each, demo devices at 1280x720@30, median of {args.runs}")
        print(f"{'metric':<36}" + "".join(f"{n:>10}" for n in names) + f"{'target':>10}")
        print("-" * (46 + 10 * len(names)))
        for label, key, target in (
            ("CPU, idle preview (cores)", "idle", "<= 0.10"),
            ("CPU, while recording (cores)", "recording", "<= 0.45"),
            ("preview frames painted/s, idle", "idle_fps", "-"),
            ("preview frames painted/s, recording", "recording_fps", "-"),
        ):
            cells = "".join(f"{cost[n][key]:>10.2f}" for n in names)
            print(f"{label:<36}{cells}{target:>10}")
        if not args.smoke:
            return
    with tempfile.TemporaryDirectory(prefix="taketwo-appbench-") as tmp:
        folder = Path(tmp)
        window_s, preview_s = cold_start(folder, args.runs)
        resp = responsiveness(folder, args.record_seconds)
        review_s = open_review(folder, args.runs, take_seconds)
    rows = [
        ("cold start to usable window (s)", f"{window_s:.2f}", "<= 1.5"),
        ("cold start to first preview frame (s)", f"{preview_s:.2f}", "-"),
        (f"open review of a {take_seconds} s take (s)", f"{review_s:.2f}", "<= 1.0"),
        ("event-loop stall while recording p99 (ms)", f"{resp['stall_p99']:.1f}", "<= 50"),
        ("event-loop stall while recording max (ms)", f"{resp['stall_max']:.1f}", "-"),
        ("preview frame interval p95 (ms)", f"{resp['preview_p95']:.1f}", "<= 40"),
        ("preview frames per second", f"{resp['preview_fps']:.1f}", "-"),
    ]
    print(f"{'metric':<44}{'measured':>10}{'target':>10}")
    print("-" * 64)
    for label, value, target in rows:
        print(f"{label:<44}{value:>10}{target:>10}")


if __name__ == "__main__":
    main()
