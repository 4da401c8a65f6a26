"""``taketwo record``: one take from the command line; Ctrl+C stops cleanly and keeps it."""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import signal
import sys
import threading
from pathlib import Path
from typing import Any

from taketwo.capture.recorder import TakeRecorder, TakeResult
from taketwo.capture.session import TAKE_ERROR, CaptureSession, Notice
from taketwo.cli import CommandError
from taketwo.cli.common import open_library, positive_id, whole_number
from taketwo.devices.base import Camera, DeviceError, Microphone
from taketwo.devices.discovery import list_cameras, list_microphones, open_camera, open_microphone

MIN_FPS, MAX_FPS = 1.0, 120.0


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("record", parents=[common], help="record one take")
    p.add_argument(
        "--camera", metavar="ID", help="camera id from `taketwo devices`, demo, file:PATH"
    )
    p.add_argument(
        "--mic", metavar="ID", help="microphone id from `taketwo devices`, demo, file:PATH"
    )
    p.add_argument("--seconds", type=float, help="stop after this long (default: until Ctrl+C)")
    p.add_argument("--output", metavar="PATH", help="where to write the MP4 (and its .json)")
    p.add_argument("--force", action="store_true",
                   help="replace an existing --output file and its .json sidecar")
    p.add_argument(
        "--question",
        type=positive_id,
        metavar="ID",
        help="record a take of this library question (instead of --output)",
    )
    p.add_argument("--size", default="1280x720", metavar="WxH", help="camera size (1280x720)")
    p.add_argument("--fps", type=float, default=30.0,
                   help=f"camera frame rate, {MIN_FPS:g} to {MAX_FPS:g} (30)")
    p.add_argument("--preset", default="veryfast", help=argparse.SUPPRESS)
    p.add_argument("--crf", type=whole_number(0, 51), default=23, help=argparse.SUPPRESS)
    p.add_argument("--quiet", action="store_true", help="no progress line")
    p.set_defaults(handler=run)


def check_numbers(args: argparse.Namespace) -> None:
    """Refuse, before any device opens, values that would record nothing or never stop."""
    if args.seconds is not None and not (math.isfinite(args.seconds) and args.seconds > 0):
        raise CommandError(f"--seconds must be a length above 0, not {args.seconds:g}")
    if not (math.isfinite(args.fps) and MIN_FPS <= args.fps <= MAX_FPS):
        raise CommandError(f"--fps must be between {MIN_FPS:g} and {MAX_FPS:g}, "
                           f"not {args.fps:g}")


def check_output(text: str, force: bool) -> Path:
    """The take's path, refused (one line, nothing created) if it is not a new ``.mp4`` in an
    existing folder we may write, or if it or its sidecar exists and ``force`` is off."""
    output = Path(text).expanduser().absolute()
    if output.suffix.lower() != ".mp4":
        raise CommandError("--output must end in .mp4")
    sidecar = output.with_suffix(".json")
    real_parent = Path(os.path.realpath(output.parent))
    if real_parent.parts[1:2] in (("proc",), ("sys",), ("dev",)):
        raise CommandError(f"--output cannot go under /{real_parent.parts[1]}; choose a folder "
                           "of your own")
    for ancestor in (output.parent, *output.parent.parents):
        if ancestor.exists() and not ancestor.is_dir():
            raise CommandError(f"--output: {ancestor} is a file, not a folder")
        if ancestor.exists():
            break
    if not output.parent.is_dir():
        raise CommandError(f"--output: no such folder {output.parent}; create it first")
    if output.is_dir() or sidecar.is_dir():
        raise CommandError(f"--output: {output if output.is_dir() else sidecar} is a folder")
    if not os.access(output.parent, os.W_OK):
        raise CommandError(f"--output: not allowed to write in {output.parent}")
    existing = [p for p in (output, sidecar) if p.exists() or p.is_symlink()]
    if existing and not force:
        raise CommandError(f"{existing[0]} already exists; choose another name, or add --force "
                           "to replace it")
    return output


def parse_size(text: str) -> tuple[int, int]:
    try:
        w, h = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise CommandError(f"--size takes WIDTHxHEIGHT, like 1280x720, not {text!r}") from None
    if not (16 <= w <= 7680 and 16 <= h <= 4320):
        raise CommandError(f"--size {text} is outside 16x16 to 7680x4320")
    return w, h


def _no_devices(kind: str) -> CommandError:
    cameras = [d for d in list_cameras() if d.id != "demo"]
    mics = [d for d in list_microphones()[0] if d.id != "demo"]
    found = ", ".join(f"{d.name} ({d.id})" for d in cameras + mics) or "none"
    return CommandError(
        f"no {kind} found (devices found: {found}). "
        "To rehearse without hardware use: --camera demo --mic demo"
    )


def open_devices(
    camera_id: str | None, mic_id: str | None, size: tuple[int, int], fps: float
) -> tuple[Camera, Microphone]:
    """The devices the user asked for, or the first real ones; clear errors otherwise."""
    if camera_id is None:
        real = [d for d in list_cameras() if d.id != "demo"]
        if not real:
            raise _no_devices("camera")
        camera_id = real[0].id
    if mic_id is None:
        mics, _ = list_microphones()
        if not [d for d in mics if d.id != "demo"]:
            raise _no_devices("microphone")
        mic_id = "default"
    try:
        camera = open_camera(camera_id, size[0], size[1], fps)
    except DeviceError as exc:
        raise CommandError(f"camera: {exc}") from None
    try:
        microphone = open_microphone(mic_id)
    except DeviceError as exc:
        stop = getattr(camera, "stop", None)
        if stop is not None:
            stop()
        raise CommandError(f"microphone: {exc}") from None
    return camera, microphone


def _print_notice(notice: Notice) -> None:
    if notice.kind != TAKE_ERROR:  # the final error is printed once, at the end
        print(f"\n{notice.message}", file=sys.stderr)


def record_take(args: argparse.Namespace, output: Path) -> TakeResult:
    """Open devices, record until --seconds, Ctrl+C or a device/disk problem, and finish."""
    camera, microphone = open_devices(args.camera, args.mic, parse_size(args.size), args.fps)
    session = CaptureSession(camera, microphone)
    try:
        session.start()
    except DeviceError as exc:
        raise CommandError(str(exc)) from None
    interrupted = threading.Event()
    progress = not args.quiet and not args.json and sys.stderr.isatty()
    previous = {
        sig: signal.signal(sig, lambda *_: interrupted.set())
        for sig in (signal.SIGINT, signal.SIGTERM)
    }
    recorder = TakeRecorder(
        session,
        output,
        fps=args.fps,
        preset=args.preset,
        crf=args.crf,
        on_notice=_print_notice,
    )
    try:
        recorder.start()
        while not interrupted.is_set() and recorder.result is None:
            if args.seconds is not None and recorder.elapsed >= args.seconds:
                break
            interrupted.wait(0.1)
            if progress:  # a rewritten line only makes sense on a terminal
                level = session.level()
                print(
                    f"\rrecording {recorder.elapsed:6.1f} s   level {level.rms_dbfs:6.1f} dBFS",
                    end="",
                    file=sys.stderr,
                    flush=True,
                )
        result = recorder.stop()
    finally:
        session.stop()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    if progress:
        print(file=sys.stderr)
    if result is None:
        raise CommandError("the encoder did not finish in time; the take file may be incomplete")
    return result


def run(args: argparse.Namespace) -> int:
    check_numbers(args)
    parse_size(args.size)
    if args.question is not None:
        if args.output:
            raise CommandError("give --question or --output, not both")
        return run_into_library(args)
    if not args.output:
        raise CommandError("record needs --output PATH (or --question ID to use the library)")
    output = check_output(args.output, args.force)
    result = record_take(args, output)
    if not result.path.exists():  # nothing could be written: leave nothing behind
        result.path.with_suffix(".json").unlink(missing_ok=True)
    return report(args, result)


def run_into_library(args: argparse.Namespace) -> int:
    """A take of a library question: its row says `recording` before capture starts."""
    from taketwo.media.probe import MediaError
    from taketwo.storage import LibraryError

    with open_library(args) as library:
        take = library.begin_take(args.question, {"camera": args.camera, "microphone": args.mic})
        assert take.path is not None
        assert take.id is not None
        try:
            result = record_take(args, take.path)
        except CommandError:
            library.discard_take(take.id)
            raise
        if result.finalized:
            library.finish_take(take.id, result.duration, sidecar={"capture": result.stats})
        elif not result.discarded:
            # The file is the fragmented one (disk full at finalize, say): make it a take now
            # if it can be; otherwise `library check --repair` will, once there is room.
            with contextlib.suppress(LibraryError, MediaError, OSError):
                library.recover_take(take.id)
        return report(args, result, take_id=take.id)


def report(args: argparse.Namespace, result: TakeResult, take_id: int | None = None) -> int:
    data = {
        **({"id": take_id} if take_id is not None else {}),
        "path": str(result.path),
        "duration": round(result.duration, 3),
        "finalized": result.finalized,
        "error": result.error,
        "warnings": result.warnings,
        **result.stats,
    }
    if args.json:
        print(json.dumps(data, indent=2))
    else:
        state = ("saved" if result.finalized else "kept (not finalized)"
                 if result.path.exists() else "not saved")
        label = f"take {take_id} " if take_id is not None else ""
        print(
            f"{state}: {label}{result.path} ({result.duration:.1f} s, "
            f"{result.stats.get('dropped_frames', 0)} dropped, "
            f"{result.stats.get('duplicated_frames', 0)} duplicated frames)"
        )
        if result.error:
            print(f"taketwo: {result.error}", file=sys.stderr)
    return 0 if result.error is None else 1
