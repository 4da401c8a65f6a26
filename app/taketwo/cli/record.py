"""``taketwo record``: one take from the command line; Ctrl+C stops cleanly and keeps it."""

from __future__ import annotations

import argparse
import contextlib
import json
import signal
import sys
import threading
from pathlib import Path
from typing import Any

from taketwo.capture.recorder import TakeRecorder, TakeResult
from taketwo.capture.session import TAKE_ERROR, CaptureSession, Notice
from taketwo.cli import CommandError
from taketwo.devices.base import Camera, DeviceError, Microphone
from taketwo.devices.discovery import list_cameras, list_microphones, open_camera, open_microphone


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("record", parents=[common], help="record one take")
    p.add_argument(
        "--camera", metavar="ID", help="camera id from `taketwo devices`, demo, file:PATH"
    )
    p.add_argument(
        "--mic", metavar="ID", help="microphone id from `taketwo devices`, demo, file:PATH"
    )
    p.add_argument("--seconds", type=float, help="stop after this long (default: until Ctrl+C)")
    p.add_argument("--output", metavar="PATH", help="where to write the MP4")
    p.add_argument(
        "--question",
        type=int,
        metavar="ID",
        help="record a take of this library question (instead of --output)",
    )
    p.add_argument("--size", default="1280x720", metavar="WxH", help="camera size (1280x720)")
    p.add_argument("--fps", type=float, default=30.0, help="camera frame rate (30)")
    p.add_argument("--preset", default="veryfast", help=argparse.SUPPRESS)
    p.add_argument("--crf", type=int, default=23, help=argparse.SUPPRESS)
    p.add_argument("--quiet", action="store_true", help="no progress line")
    p.set_defaults(handler=run)


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
            if not args.quiet and not args.json:
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
    if not args.quiet and not args.json:
        print(file=sys.stderr)
    if result is None:
        raise CommandError("the encoder did not finish in time; the take file may be incomplete")
    return result


def run(args: argparse.Namespace) -> int:
    if args.question is not None:
        if args.output:
            raise CommandError("give --question or --output, not both")
        return run_into_library(args)
    if not args.output:
        raise CommandError("record needs --output PATH (or --question ID to use the library)")
    output = Path(args.output).expanduser()
    if output.suffix.lower() != ".mp4":
        raise CommandError("--output must end in .mp4")
    result = record_take(args, output)
    return report(args, result)


def run_into_library(args: argparse.Namespace) -> int:
    """A take of a library question: its row says `recording` before capture starts."""
    from taketwo.media.probe import MediaError
    from taketwo.storage import Library, LibraryError

    try:
        library = Library.open(
            Path(args.library).expanduser() if args.library else None, purpose="taketwo record"
        )
    except LibraryError as exc:
        raise CommandError(str(exc)) from None
    with library:
        try:
            take = library.begin_take(
                args.question, {"camera": args.camera, "microphone": args.mic}
            )
        except LibraryError as exc:
            raise CommandError(str(exc)) from None
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
        state = "saved" if result.finalized else "kept (not finalized)"
        label = f"take {take_id} " if take_id is not None else ""
        print(
            f"{state}: {label}{result.path} ({result.duration:.1f} s, "
            f"{result.stats.get('dropped_frames', 0)} dropped, "
            f"{result.stats.get('duplicated_frames', 0)} duplicated frames)"
        )
        if result.error:
            print(f"taketwo: {result.error}", file=sys.stderr)
    return 0 if result.error is None else 1
