"""Recording benchmark: a demo take at 1280x720@30, measured from outside the recorder.

Runs `taketwo record` as its own process and reads its CPU time and peak RSS from the kernel,
its sync from the finished file with ffmpeg (the same independent check the tests use), and
its counters from the take's sidecar. Prints a table next to the targets of issue 2.

    .venv/bin/python bench/record.py                 # 60 s at 100 and 1000 ppm
    .venv/bin/python bench/record.py --seconds 600   # the 10-minute run
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.support.media_checks import sync_marks  # noqa: E402

TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def run(seconds: float, drift: float, folder: Path) -> dict:
    out = folder / f"bench-{int(drift)}ppm-{int(seconds)}s.mp4"
    cmd = [sys.executable, "-m", "taketwo", "record", "--camera", "demo",
           "--mic", f"demo:drift_ppm={drift}", "--seconds", str(seconds), "--size", "1280x720",
           "--fps", "30", "--output", str(out), "--json"]
    launched = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    sidecar = out.with_suffix(".json")
    while not sidecar.exists() and proc.poll() is None:
        time.sleep(0.005)
    started = time.monotonic()
    cpu_start = cpu_seconds(proc.pid)
    time.sleep(max(0.0, seconds - 0.5))
    cpu_end = cpu_seconds(proc.pid)
    recording_wall = time.monotonic() - started
    _, status, usage = os.wait4(proc.pid, 0)
    stdout = proc.stdout.read() if proc.stdout else ""
    if status != 0:
        raise SystemExit(f"record failed: {proc.stderr.read() if proc.stderr else ''}")
    report = json.loads(stdout)
    sync = sync_marks(out)
    size = out.stat().st_size
    return {
        "drift": drift,
        "seconds": seconds,
        "dropped": report["dropped_frames"],
        "duplicated": report["duplicated_frames"],
        "marks": len(sync.offsets_ms),
        "expected_marks": int(report["duration"] - 1e-6),
        "max_abs_offset_ms": float(abs(sync.offsets_ms).max()),
        "most_early_ms": float(max(0.0, -sync.offsets_ms.min())),
        "cpu_cores_recording": (cpu_end - cpu_start) / recording_wall,
        "cpu_cores_whole": (usage.ru_utime + usage.ru_stime) / (time.monotonic() - launched),
        "peak_rss_mb": usage.ru_maxrss / 1024,
        "first_frame_ms": report["first_frame_ms"],
        "stop_to_final_ms": report["stop_to_final_ms"],
        "mb_per_minute": size / 1e6 / (report["duration"] / 60),
        "measured_drift_ppm": report.get("drift_ppm"),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--drift", type=float, nargs="*", default=[100, 1000])
    parser.add_argument("--keep", action="store_true", help="keep the recorded files")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="taketwo-bench-") as tmp:
        folder = Path(tmp)
        if args.keep:
            folder = ROOT / "bench" / "out"
            folder.mkdir(exist_ok=True)
        rows = [run(args.seconds, d, folder) for d in args.drift]
    targets = [
        ("dropped frames", "dropped", "{:.0f}", "0"),
        ("duplicated frames", "duplicated", "{:.0f}", "-"),
        ("marks found / expected", None, None, "all"),
        ("max |A/V offset| ms", "max_abs_offset_ms", "{:.1f}", "<= 15"),
        ("audio early by at most ms", "most_early_ms", "{:.1f}", "<= 15"),
        ("CPU while recording (cores)", "cpu_cores_recording", "{:.2f}", "<= 0.75"),
        ("CPU whole process (cores)", "cpu_cores_whole", "{:.2f}", "-"),
        ("peak RSS MB", "peak_rss_mb", "{:.0f}", "<= 350"),
        ("first frame after start ms", "first_frame_ms", "{:.1f}", "<= 200"),
        ("stop -> final MP4 ms", "stop_to_final_ms", "{:.0f}", "<= 500"),
        ("MB per minute", "mb_per_minute", "{:.1f}", "<= 20"),
        ("measured mic drift ppm", "measured_drift_ppm", "{:.0f}", "-"),
    ]
    columns = [f"{r['seconds']:.0f} s @ {r['drift']:.0f} ppm" for r in rows]
    head = f"{'metric':<30}" + "".join(f"{c:>18}" for c in columns) + f"{'target':>10}"
    print(head)
    print("-" * len(head))
    for label, key, fmt, target in targets:
        if key is None:
            cells = [f"{r['marks']}/{r['expected_marks']}" for r in rows]
        else:
            cells = [fmt.format(r[key]) if r[key] is not None else "-" for r in rows]
        print(f"{label:<30}" + "".join(f"{c:>18}" for c in cells) + f"{target:>10}")


if __name__ == "__main__":
    main()
