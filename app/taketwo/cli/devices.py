"""``taketwo devices``: the cameras and microphones Take Two can use, with their ids."""

from __future__ import annotations

import argparse
from typing import Any

from taketwo.cli.common import emit, out
from taketwo.devices.discovery import list_cameras, list_microphones


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("devices", parents=[common], help="list cameras and microphones")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    cameras = list_cameras()
    mics, problem = list_microphones()
    data = {
        "cameras": [{"id": d.id, "name": d.name, **d.details} for d in cameras],
        "microphones": [{"id": d.id, "name": d.name, **d.details} for d in mics],
        "problems": [problem] if problem else [],
    }

    def text() -> None:
        out("Cameras (--camera ID):")
        for d in cameras:
            out(f"  {d.id:<14} {d.name}")
        out("Microphones (--mic ID):")
        for d in mics:
            extra = (
                f"  [{d.details['api']}, {d.details['channels']} ch]" if "api" in d.details else ""
            )
            out(f"  {d.id:<14} {d.name}{extra}")
        if problem:
            out(f"Note: {problem}")
        out("Files play as devices too: --camera file:VIDEO --mic file:AUDIO_OR_VIDEO")

    emit(args, data, text)
    return 0
