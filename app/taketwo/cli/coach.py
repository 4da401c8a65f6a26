"""``taketwo take export``, ``taketwo pack`` and ``taketwo feedback import|list``: clips and
packs for a coach, and the coach's comments coming back."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from taketwo.cli import CommandError
from taketwo.cli.common import emit, open_library, out, positive_id, seconds
from taketwo.domain.formatting import frame_text, position_text
from taketwo.domain.work import Cancelled, Progress
from taketwo.media.export import ExportError
from taketwo.safe_output import inside
from taketwo.workflow.export import export_clip
from taketwo.workflow.feedback import import_feedback_file


def id_list(text: str) -> list[int]:
    """``1,2,3``; an id named twice counts once (the pack holds each take once)."""
    ids = [positive_id(part.strip()) for part in text.split(",") if part.strip()]
    return list(dict.fromkeys(ids))


def add_take_export(actions: Any, common: argparse.ArgumentParser) -> None:
    """``take export``, added to the ``take`` command's actions."""
    a = actions.add_parser(
        "export", parents=[common], help="export a take (or part of it) as an MP4 clip"
    )
    a.add_argument("id", type=positive_id)
    a.add_argument("--start", type=seconds, metavar="S", help="from S seconds (default: 0)")
    a.add_argument("--end", type=seconds, metavar="E", help="to E seconds (default: the end)")
    a.add_argument("--output", required=True, metavar="FILE.mp4", help="the clip to write")
    a.add_argument(
        "--title-card", action="store_true", help="show the question for the first 2 seconds"
    )
    what = a.add_mutually_exclusive_group()
    what.add_argument("--audio-only", action="store_true", help="sound only")
    what.add_argument("--video-only", action="store_true", help="picture only")
    a.add_argument("--force", action="store_true", help="replace FILE if it exists")
    a.set_defaults(handler=run_export)


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "pack", parents=[common], help="a zip of takes and a page a coach opens in any browser"
    )
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument(
        "--question", type=positive_id, metavar="ID", help="the question's finished takes"
    )
    which.add_argument("--takes", type=id_list, metavar="ID[,ID...]", help="these takes")
    p.add_argument("--ask", default="", metavar="TEXT", help="what you want feedback on")
    p.add_argument("--output", required=True, metavar="PACK.zip")
    p.add_argument("--force", action="store_true", help="replace PACK.zip if it exists")
    p.set_defaults(handler=run_pack)

    p = sub.add_parser("feedback", parents=[common], help="a coach's comments on your takes")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    a = actions.add_parser("import", parents=[common], help="import a coach's feedback file")
    a.add_argument("file", metavar="FILE.json")
    a.set_defaults(handler=run_feedback_import)
    a = actions.add_parser("list", parents=[common], help="a take's comments")
    a.add_argument("take", type=positive_id, metavar="TAKE_ID")
    a.set_defaults(handler=run_feedback_list)


@contextmanager
def progress_reporter(args: argparse.Namespace) -> Iterator[Progress]:
    """Progress on standard error (a terminal only); Ctrl+C cancels cleanly between steps."""
    stop = threading.Event()
    show = sys.stderr.isatty() and not args.json

    def progress(fraction: float, text: str) -> bool:
        if show:
            print(f"\r{fraction * 100:5.1f}%  {text[:50]:<50}", end="", file=sys.stderr)
        return not stop.is_set()

    previous = signal.signal(signal.SIGINT, lambda *_: stop.set())
    try:
        yield progress
    finally:
        signal.signal(signal.SIGINT, previous)
        if show:
            print("\r" + " " * 60 + "\r", end="", file=sys.stderr)


def run_export(args: argparse.Namespace) -> int:
    output = Path(args.output).expanduser().absolute()
    with open_library(args, readonly=True) as lib:
        if inside(output, lib.folder):
            raise CommandError("write the clip outside the library folder; its files are its own")
        take = lib.get_take(args.id)
        title = lib.get_question(take.question_id).prompt if args.title_card else None
    try:
        with progress_reporter(args) as progress:
            plan = export_clip(
                progress,
                take,
                output,
                args.start,
                args.end,
                video=not args.audio_only,
                audio=not args.video_only,
                title=title,
                force=args.force,
            )
    except Cancelled:
        raise CommandError("export cancelled; nothing was written", 130) from None
    except ExportError as exc:
        raise CommandError(str(exc)) from None
    data = {
        "take_id": take.id,
        "output": output,
        "start": plan.start,
        "end": plan.end,
        "duration": round(plan.duration, 3),
        "title_card": bool(title),
        "video": plan.video,
        "audio": plan.audio,
        "copied_gops": plan.smart,
    }
    emit(
        args,
        data,
        f"exported take {take.id} ({frame_text(plan.start)}-{frame_text(plan.end)}) to {output}",
    )
    return 0


def run_pack(args: argparse.Namespace) -> int:
    from taketwo.workflow.pack import make_pack

    output = Path(args.output).expanduser().absolute()
    with open_library(args) as lib:
        try:
            with progress_reporter(args) as progress:
                plan = make_pack(
                    lib,
                    output,
                    take_ids=args.takes,
                    question_id=args.question,
                    ask=args.ask,
                    force=args.force,
                    progress=progress,
                )
        except Cancelled:
            raise CommandError("pack cancelled; nothing was written", 130) from None
        except ExportError as exc:
            raise CommandError(str(exc)) from None
    data = {
        "pack_id": plan.pack_id,
        "output": output,
        "takes": [t.take_id for t in plan.takes],
        "question": plan.question,
        "ask": plan.ask,
        "skipped": list(plan.skipped),
    }
    left_out = f"; left out {'; '.join(plan.skipped)}" if plan.skipped else ""
    emit(args, data, f"packed {len(plan.takes)} takes into {output}{left_out}")
    return 0


def run_feedback_import(args: argparse.Namespace) -> int:
    with open_library(args) as lib:
        result = import_feedback_file(lib, Path(args.file).expanduser())
    takes = ", ".join(str(t) for t in result.takes) or "none"
    emit(
        args,
        result,
        f"imported {result.comments} comments on takes {takes}"
        + (f" ({result.already_present} were already here)" if result.already_present else ""),
    )
    return 0


def run_feedback_list(args: argparse.Namespace) -> int:
    with open_library(args, readonly=True) as lib:
        comments = lib.list_feedback(args.take)

    def text() -> None:
        if not comments:
            out(f"no comments on take {args.take}")
        for c in comments:
            who = f" ({c.coach})" if c.coach else ""
            out(f"{position_text(c.at)}{who}  {c.text}")

    emit(args, comments, text)
    return 0
