"""``taketwo doctor``: is this machine ready to record? Says what to install when it is not."""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import av

from taketwo.cli.common import emit, library_folder
from taketwo.cli.gui import has_display
from taketwo.devices.discovery import list_cameras, list_microphones

QT_LIBS = (
    "libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 "
    "libxcb-xkb1 libxkbcommon-x11-0 libxcb-shape0 libxcb-randr0 libxcb-xinerama0 libegl1 libgl1"
)


@dataclass
class Check:
    name: str
    status: str  # ok, warn, fail
    detail: str
    fix: str = ""


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("doctor", parents=[common], help="check that this machine can record")
    p.set_defaults(handler=run)


def check_qt() -> Check:
    if not has_display():
        return Check(
            "Qt display",
            "warn",
            "no display (DISPLAY/WAYLAND_DISPLAY unset)",
            "run in a desktop session, or `xvfb-run taketwo`",
        )
    probe = (
        "from PySide6.QtWidgets import QApplication; a = QApplication([]); print(a.platformName())"
    )
    try:
        out = subprocess.run(
            [sys.executable, "-c", probe], capture_output=True, text=True, timeout=30
        )
    except subprocess.TimeoutExpired:
        return Check("Qt display", "fail", "Qt did not start within 30 s")
    if out.returncode == 0:
        return Check("Qt display", "ok", f"platform plugin {out.stdout.strip()}")
    last = (out.stderr.strip().splitlines() or ["Qt failed to start"])[-1]
    return Check("Qt display", "fail", last, f"sudo apt-get install {QT_LIBS}")


def check_portaudio() -> tuple[Check, Check]:
    mics, problem = list_microphones()
    real = [m for m in mics if m.id != "demo"]
    if problem:
        return (
            Check("PortAudio", "fail", problem, "sudo apt-get install libportaudio2"),
            Check("Microphones", "warn", "none usable; the demo microphone works"),
        )
    pa = Check("PortAudio", "ok", "loaded")
    if not real:
        return pa, Check(
            "Microphones",
            "warn",
            "none found; the demo microphone works",
            "plug in a microphone, or use --mic demo",
        )
    return pa, Check("Microphones", "ok", ", ".join(f"{m.name} ({m.id})" for m in real[:4]))


def check_cameras() -> Check:
    real = [c for c in list_cameras() if c.id != "demo"]
    if not real:
        return Check(
            "Cameras",
            "warn",
            "none found; the demo camera works",
            "plug in a webcam, or use --camera demo",
        )
    return Check("Cameras", "ok", ", ".join(f"{c.name} ({c.id})" for c in real))


def check_encoders() -> Check:
    missing = [name for name in ("libx264", "aac") if name not in av.codecs_available]
    if missing:
        return Check(
            "Encoders",
            "fail",
            f"PyAV lacks {', '.join(missing)}",
            "reinstall the av wheel from PyPI: pip install --force-reinstall av",
        )
    return Check("Encoders", "ok", f"libx264 + aac (PyAV {av.__version__})")


def check_disk(library: Path) -> Check:
    probe = library
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    free = shutil.disk_usage(probe).free
    minutes = free / (20 * 1024 * 1024)
    detail = f"{free / 1e9:.1f} GB free at {probe} (about {minutes:.0f} minutes of takes)"
    if free < 500 * 1024 * 1024:
        return Check(
            "Disk",
            "fail" if free < 50 * 1024 * 1024 else "warn",
            detail,
            "free some space or choose another library with --library",
        )
    return Check("Disk", "ok", detail)


def run(args: argparse.Namespace) -> int:
    library = library_folder(args)
    checks = [
        check_qt(),
        *check_portaudio(),
        check_cameras(),
        check_encoders(),
        check_disk(library),
    ]

    def text() -> None:
        for c in checks:
            print(f"[{c.status:>4}] {c.name:<12} {c.detail}")
            if c.fix and c.status != "ok":
                print(f"{'':19}fix: {c.fix}")

    emit(args, [asdict(c) for c in checks], text)
    return 1 if any(c.status == "fail" for c in checks) else 0
