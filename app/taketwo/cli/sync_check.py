"""``taketwo sync-check``: clap in view a few times; the sound's lateness is measured and kept."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from taketwo.capture.session import CaptureSession
from taketwo.cli import CommandError
from taketwo.cli.common import out
from taketwo.devices.base import DeviceError
from taketwo.workflow.devices import choose_devices
from taketwo.workflow.sync_check import MIN_CLAPS, run_sync_check


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "sync-check",
        parents=[common],
        help="measure and store how late sound is against picture (clap a few times in view)",
    )
    p.add_argument("--camera", metavar="ID", help="camera id from `taketwo devices`")
    p.add_argument("--mic", metavar="ID", help="microphone id from `taketwo devices`")
    p.add_argument("--seconds", type=float, default=10.0, help="how long to listen (10)")
    p.add_argument("--no-save", action="store_true", help="measure only; keep the stored offset")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    if not 2 <= args.seconds <= 120:
        raise CommandError("--seconds takes 2 to 120")
    try:
        camera, microphone = choose_devices(args.camera, args.mic)
    except DeviceError as exc:
        raise CommandError(str(exc)) from None
    session = CaptureSession(camera, microphone)
    try:
        session.start()
    except DeviceError as exc:
        raise CommandError(str(exc)) from None
    json_out = getattr(args, "json", False)
    if not json_out:
        out(f"Clap {MIN_CLAPS}-6 times in view of the camera, a second apart...", file=sys.stderr)
    try:
        result = run_sync_check(
            session, args.camera or "", args.mic or "default", args.seconds, save=not args.no_save
        )
    except (OSError, ValueError) as exc:
        raise CommandError(f"the sync check could not record: {exc}") from None
    finally:
        session.stop()
    data = {
        "offset_ms": round(result.offset * 1000, 1),
        "spread_ms": round(result.spread * 1000, 1),
        "claps": result.claps,
        "offsets_ms": [round(x * 1000, 1) for x in result.offsets],
        "saved": result.saved,
    }
    if json_out:
        print(json.dumps(data, indent=2))
    elif result.usable:
        late = "later" if result.offset >= 0 else "earlier"
        out(
            f"Sound arrives {abs(result.offset) * 1000:.0f} ms {late} than the picture "
            f"(spread {result.spread * 1000:.0f} ms over {result.claps} claps)"
            + ("; stored for these devices." if result.saved else ".")
        )
    if not result.usable:
        raise CommandError(
            f"found {result.claps} claps in both sound and picture; need "
            f"{MIN_CLAPS}: clap louder, in view, a second apart"
        )
    return 0
