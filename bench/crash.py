"""Crash benchmark: how much of a take a killed recorder loses, worst case over repeated kills.

Runs `taketwo record` as its own process, kills it with SIGKILL at a random moment, and
measures with ffprobe (not our reader) how much of the take the file still holds, against
how long it had been recording (from when the recorder wrote the take's sidecar, right
after it started, to the kill). Prints each kill and a table of the mean and worst loss.

    .venv/bin/python bench/crash.py                # 10 kills
    .venv/bin/python bench/crash.py --kills 30 --size 1280x720
    .venv/bin/python bench/crash.py --smoke        # seconds: two early kills
"""

from __future__ import annotations

import argparse
import json
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def held_seconds(path: Path) -> float:
    """The end of the last whole packet ffprobe can read, over both streams."""
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
    )
    packets = json.loads(out.stdout or "{}").get("packets", [])
    ends = [
        float(p["pts_time"]) + float(p.get("duration_time") or 0)
        for p in packets
        if p.get("pts_time") not in (None, "N/A")
    ]
    return max(ends, default=0.0)


def one_kill(folder: Path, index: int, size: str, low: float, high: float) -> dict:
    out = folder / f"crash-{index}.mp4"
    child = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "taketwo",
            "record",
            "--camera",
            "demo",
            "--mic",
            "demo",
            "--size",
            size,
            "--output",
            str(out),
            "--quiet",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    sidecar = out.with_suffix(".json")
    deadline = time.monotonic() + 60
    while not sidecar.exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(random.uniform(low, high))
    child.send_signal(signal.SIGKILL)
    killed = time.time()
    child.wait()
    # While recording, the sidecar names the devices only; it is written once the recorder
    # has started, so its modification time is the take's start (to within milliseconds).
    recording = killed - sidecar.stat().st_mtime
    held = held_seconds(out)
    return {
        "kill": index,
        "recording_s": recording,
        "held_s": held,
        "lost_s": max(0.0, recording - held),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=10)
    parser.add_argument("--size", default="640x360")
    parser.add_argument(
        "--after",
        type=float,
        nargs=2,
        default=(1.0, 6.0),
        metavar=("MIN", "MAX"),
        help="kill between MIN and MAX seconds into the take",
    )
    parser.add_argument(
        "--smoke", action="store_true", help="a quick run that the tests use: 2 early kills"
    )
    args = parser.parse_args()
    if args.smoke:
        args.kills, args.after = 2, (2.0, 2.5)
    random.seed(7)
    rows = []
    with tempfile.TemporaryDirectory(prefix="taketwo-crash-") as tmp:
        for index in range(1, args.kills + 1):
            rows.append(one_kill(Path(tmp), index, args.size, *args.after))
            r = rows[-1]
            print(
                f"{r['kill']:>4}  recording {r['recording_s']:6.2f} s  file holds "
                f"{r['held_s']:6.2f} s  lost {r['lost_s']:5.2f} s",
                flush=True,
            )
    worst = max(r["lost_s"] for r in rows)
    mean = sum(r["lost_s"] for r in rows) / len(rows)
    print()
    print("| kills | size | kill after | mean loss | worst loss |")
    print("|---|---|---|---|---|")
    print(
        f"| {len(rows)} | {args.size} | {args.after[0]:g}-{args.after[1]:g} s | {mean:.2f} s "
        f"| {worst:.2f} s |"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
