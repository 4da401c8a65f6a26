"""Desktop app benchmark: start-up, responsiveness while recording, opening a long take.

    .venv/bin/python bench/app.py                  # all of it (makes a 10-min file once)
    .venv/bin/python bench/app.py --record-seconds 30
    .venv/bin/python bench/app.py --startup-only     # the window against a minimal one

Runs offscreen (QT_QPA_PLATFORM=offscreen) with the demo devices at 1280x720@30, and prints
a table next to the targets of issue 4.
"""

from __future__ import annotations

import argparse
import os
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
        if w.rehearse.preview.frames_shown:
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


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def cold_start(folder: Path, runs: int) -> tuple[float, float]:
    import json

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
    window.controller.frame_ready.connect(lambda _img: frames.append(clock.nsecsElapsed() / 1e6))
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
        "preview_fps": len(frames) / seconds,
    }


def long_take() -> Path:
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / "ten-minutes.mp4"
    if not path.exists():
        print("making a 10-minute 720p take (once)…", file=sys.stderr)
        subprocess.run(
            [
                "ffmpeg",
                "-v",
                "error",
                "-y",
                "-f",
                "lavfi",
                "-i",
                "testsrc2=s=1280x720:r=30:d=600",
                "-f",
                "lavfi",
                "-i",
                "sine=f=440:d=600",
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


def open_review(folder: Path, runs: int) -> float:
    from PySide6.QtWidgets import QApplication

    from taketwo.domain.question import Question
    from taketwo.storage import Library
    from taketwo.ui.playback.review import ReviewScreen

    app = QApplication.instance() or QApplication([])
    library = Library.open(folder / "review-lib")
    question = library.add_question(Question(prompt="A long answer"))
    assert question.id is not None
    take = library.import_media(long_take(), question.id)
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
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="taketwo-appbench-") as tmp:
        print_startup(startup_against_minimal(Path(tmp), args.startup_pairs))
        print()
    if args.startup_only:
        return
    with tempfile.TemporaryDirectory(prefix="taketwo-appbench-") as tmp:
        folder = Path(tmp)
        window_s, preview_s = cold_start(folder, args.runs)
        resp = responsiveness(folder, args.record_seconds)
        review_s = open_review(folder, args.runs)
    rows = [
        ("cold start to usable window (s)", f"{window_s:.2f}", "<= 1.5"),
        ("cold start to first preview frame (s)", f"{preview_s:.2f}", "-"),
        ("open review of a 10-min take (s)", f"{review_s:.2f}", "<= 1.0"),
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
