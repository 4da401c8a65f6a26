"""A PulseAudio virtual microphone for testing the real PortAudio capture path."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

SCRIPT = Path(__file__).with_name("pulse-virtual-mic.sh")


def start_virtual_mic(runtime_dir: Path) -> dict[str, str] | None:
    """Start the daemon; return the environment that reaches it, or None if it can't run here."""
    if not (shutil.which("pulseaudio") and shutil.which("pactl") and shutil.which("paplay")):
        return None
    env = dict(os.environ, XDG_RUNTIME_DIR=str(runtime_dir))
    out = subprocess.run(
        ["bash", "-c", f"source {SCRIPT} >/dev/null 2>&1; pactl info >/dev/null && env"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    if out.returncode != 0:
        return None
    started = dict(line.split("=", 1) for line in out.stdout.splitlines() if "=" in line)
    return {k: started[k] for k in ("XDG_RUNTIME_DIR", "PULSE_RUNTIME_PATH") if k in started}


def stop_virtual_mic(env: dict[str, str]) -> None:
    pid_file = Path(env["XDG_RUNTIME_DIR"]) / "keepalive.pid"
    if pid_file.exists():
        subprocess.run(["kill", pid_file.read_text().strip()], capture_output=True)
        pid_file.unlink()
    subprocess.run(
        ["pulseaudio", "--kill"], env=dict(os.environ, **env), capture_output=True, timeout=30
    )
