"""Starting the desktop app from the command line."""

from __future__ import annotations

import argparse
import os
import sys


def has_display() -> bool:
    if sys.platform != "linux":
        return True
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if platform.startswith(("offscreen", "minimal", "vnc", "eglfs", "linuxfb")):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def run_app(args: argparse.Namespace) -> int:
    if not has_display():
        print(
            "taketwo: no display to open the window on. Run it in a desktop session, or "
            "`xvfb-run taketwo`, or use the command line (`taketwo --help`).",
            file=sys.stderr,
        )
        return 2
    from taketwo.ui.shell.app import run

    return run(args)
