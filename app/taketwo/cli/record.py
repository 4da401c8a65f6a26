"""``taketwo record``: one take from the command line; Ctrl+C stops cleanly and keeps it."""

from __future__ import annotations

import argparse
import json
import math
import os
import signal
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from taketwo.capture.recorder import TakeResult
from taketwo.capture.session import TAKE_ERROR, CaptureSession, Notice
from taketwo.cli import CommandError
from taketwo.cli.common import library_folder, open_library, out, positive_id, whole_number
from taketwo.devices.base import DeviceError
from taketwo.domain.formatting import position_text
from taketwo.media.h264 import CRF, PRESET
from taketwo.safe_output import inside
from taketwo.storage.errors import LibraryError

if TYPE_CHECKING:
    from taketwo.storage import Library
from taketwo.workflow.devices import choose_devices
from taketwo.workflow.take import MIN_TAKE_SECONDS, Outcome, SettledTake, TakeWorkflow

MIN_FPS, MAX_FPS = 1.0, 120.0
MAX_SECONDS = 24 * 3600.0  # a take under a second is refused by the take workflow itself
X264_PRESETS = (
    "ultrafast",
    "superfast",
    "veryfast",
    "faster",
    "fast",
    "medium",
    "slow",
    "slower",
    "veryslow",
)


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
    p.add_argument(
        "--force",
        action="store_true",
        help="replace an existing --output file and its .json sidecar",
    )
    p.add_argument(
        "--question",
        type=positive_id,
        metavar="ID",
        help="record a take of this library question (instead of --output)",
    )
    p.add_argument("--size", default="1280x720", metavar="WxH", help="camera size (1280x720)")
    p.add_argument(
        "--fps",
        type=float,
        default=30.0,
        help=f"camera frame rate, {MIN_FPS:g} to {MAX_FPS:g} (30)",
    )
    p.add_argument("--preset", default=PRESET, choices=X264_PRESETS, help=argparse.SUPPRESS)
    p.add_argument("--crf", type=whole_number(0, 51), default=CRF, help=argparse.SUPPRESS)
    p.add_argument("--quiet", action="store_true", help="no progress line")
    p.set_defaults(handler=run)


def check_numbers(args: argparse.Namespace) -> None:
    """Refuse, before any device opens, values that would record nothing or never stop."""
    if args.seconds is not None and not (
        math.isfinite(args.seconds) and 0 < args.seconds <= MAX_SECONDS
    ):
        raise CommandError(
            f"--seconds must be above 0 and at most {MAX_SECONDS:g}, not {args.seconds:g}"
        )
    if not (math.isfinite(args.fps) and MIN_FPS <= args.fps <= MAX_FPS):
        raise CommandError(f"--fps must be between {MIN_FPS:g} and {MAX_FPS:g}, not {args.fps:g}")


def check_output(text: str, force: bool, library: Path) -> Path:
    """The take's path, refused (one line, nothing created) if it is not a new ``.mp4`` in an
    existing folder we may write, or if it or its sidecar exists and ``force`` is off."""
    output = Path(text).expanduser().absolute()
    if output.suffix.lower() != ".mp4":
        raise CommandError("--output must end in .mp4")
    if inside(output, library):
        raise CommandError(
            "--output must be outside the library folder; use --question to record into it"
        )
    sidecar = output.with_suffix(".json")
    real_parent = Path(os.path.realpath(output.parent))
    if real_parent.parts[1:2] in (("proc",), ("sys",), ("dev",)):
        raise CommandError(
            f"--output cannot go under /{real_parent.parts[1]}; choose a folder of your own"
        )
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
        raise CommandError(
            f"{existing[0]} already exists; choose another name, or add --force to replace it"
        )
    return output


def clear_for_take(output: Path) -> None:
    """Remove what ``--force`` replaces, only once the devices are open: a camera or
    microphone that fails to open leaves the old take where it was. The names are replaced,
    never written through: a link there goes, not what it points to."""
    for path in (output, output.with_suffix(".json")):
        if path.exists() or path.is_symlink():
            path.unlink()


def parse_size(text: str) -> tuple[int, int]:
    try:
        w, h = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise CommandError(f"--size takes WIDTHxHEIGHT, like 1280x720, not {text!r}") from None
    if not (16 <= w <= 7680 and 16 <= h <= 4320):
        raise CommandError(f"--size {text} is outside 16x16 to 7680x4320")
    return w, h


def _print_notice(notice: Notice) -> None:
    if notice.kind != TAKE_ERROR:  # the final error is printed once, at the end
        out(f"\n{notice.message}", file=sys.stderr)


def record_take(
    args: argparse.Namespace, output: Path | None = None, library: Library | None = None
) -> tuple[TakeResult, SettledTake]:
    """Open devices, record until --seconds, Ctrl+C or a device/disk problem, and settle."""
    try:
        camera, microphone = choose_devices(args.camera, args.mic, parse_size(args.size), args.fps)
    except DeviceError as exc:
        raise CommandError(str(exc)) from None
    session = CaptureSession(camera, microphone)
    try:
        session.start()
    except DeviceError as exc:
        raise CommandError(str(exc)) from None
    workflow = TakeWorkflow(
        session,
        args.camera or "",
        args.mic or "default",
        library=library,
        question_id=args.question,
        output=output,
    )
    if output is not None:
        try:
            clear_for_take(output)
        except OSError:
            session.stop()
            raise
    interrupted = threading.Event()
    progress = not args.quiet and not args.json and sys.stderr.isatty()
    previous = {
        sig: signal.signal(sig, lambda *_: interrupted.set())
        for sig in (signal.SIGINT, signal.SIGTERM)
    }
    try:
        try:
            recorder = workflow.start(
                fps=args.fps, preset=args.preset, crf=args.crf, on_notice=_print_notice
            )
        except LibraryError as exc:
            raise CommandError(str(exc)) from None
        except OSError as exc:
            workflow.abandon()
            raise CommandError(f"could not start the take: {exc}") from None
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
    return result, workflow.settle(result)


def run(args: argparse.Namespace) -> int:
    check_numbers(args)
    parse_size(args.size)
    if args.question is not None:
        if args.output:
            raise CommandError("give --question or --output, not both")
        return run_into_library(args)
    if not args.output:
        raise CommandError("record needs --output PATH (or --question ID to use the library)")
    if args.seconds is not None and args.seconds < MIN_TAKE_SECONDS:
        raise CommandError(  # what the library refuses to keep is no take in a file either
            f"--seconds must be at least {MIN_TAKE_SECONDS:g}: a take under a second is not kept"
        )
    output = check_output(args.output, args.force, library_folder(args))
    result, settled = record_take(args, output=output)
    if not output.exists():  # nothing could be written: leave nothing behind
        output.with_suffix(".json").unlink(missing_ok=True)
    return report(args, result, settled)


def run_into_library(args: argparse.Namespace) -> int:
    """A take of a library question: its row says `recording` before capture starts."""
    with open_library(args) as library:
        result, settled = record_take(args, library=library)
        return report(args, result, settled)


def report(args: argparse.Namespace, result: TakeResult, settled: SettledTake) -> int:
    take_id = settled.take_id
    data = {
        **({"id": take_id} if take_id is not None else {}),
        "path": str(settled.path),
        "duration": round(settled.duration, 3),
        "finalized": result.finalized,
        "state": settled.outcome.value,
        "error": settled.error,
        "warnings": settled.warnings,
        **settled.stats.as_dict(),
    }
    if args.json:
        print(json.dumps(data, indent=2))
    else:
        state = {
            Outcome.FINAL: "saved",
            Outcome.RECOVERED: "recovered",
            Outcome.FAILED: "kept (not finalized)" if settled.path.exists() else "not saved",
            Outcome.DISCARDED: "discarded",
            Outcome.TOO_SHORT: "not kept",
        }[settled.outcome]
        label = f"take {take_id} " if take_id is not None else ""
        out(
            f"{state}: {label}{settled.path} ({position_text(settled.duration)}, "
            f"{settled.stats.dropped_frames} dropped, "
            f"{settled.stats.duplicated_frames} duplicated frames)"
        )
        if settled.error:
            out(f"taketwo: {settled.error}", file=sys.stderr)
    return 0 if settled.error is None else 1
