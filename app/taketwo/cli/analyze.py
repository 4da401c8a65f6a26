"""``taketwo analyze FILE_OR_TAKE_ID [--json]`` and ``taketwo analyze --all``: measure pauses,
speaking rate, loudness, pitch and framing. A take's results are stored with it."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from taketwo.analysis.child import analyze_in_child
from taketwo.analysis.explain import describe
from taketwo.analysis.result import VERSION, AnalysisCancelled, AnalysisError
from taketwo.analysis.transcript import find_transcriber
from taketwo.cli import CommandError
from taketwo.cli.common import emit, open_library, out, positive_id


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "analyze",
        parents=[common],
        help="measure pauses, pace, loudness, pitch and framing of a take",
    )
    p.add_argument(
        "target",
        nargs="?",
        metavar="FILE_OR_TAKE_ID",
        help="a media file, or the id of a take in the library",
    )
    p.add_argument(
        "--all", action="store_true", help="analyse every take not yet analysed by this version"
    )
    p.add_argument("--again", action="store_true", help="with --all: re-analyse every take")
    p.add_argument(
        "--transcript",
        action="store_true",
        help="also transcribe offline, if pocketsphinx or faster-whisper (with a "
        "model already on disk) is installed; slow, and nothing is downloaded",
    )
    p.set_defaults(handler=run_analyze)


def _transcript(args: argparse.Namespace) -> bool:
    """Whether to ask the analysis for a transcript (it finds the engine itself)."""
    if not args.transcript:
        return False
    if find_transcriber() is None:
        out(
            "taketwo: no offline speech-to-text engine is installed (pip install "
            "pocketsphinx); measuring without a transcript",
            file=sys.stderr,
        )
        return False
    return True


def _measure(
    path: Path,
    target_seconds: float | None = None,
    transcript: bool = False,
    key_points: Sequence[str] = (),
) -> dict[str, Any]:
    try:
        result = analyze_in_child(
            path, target_seconds, transcript=transcript, key_points=key_points
        )
    except AnalysisError as exc:
        raise CommandError(str(exc)) from None
    if "truncated" in result["warnings"]:
        out(
            f"taketwo: {path.name} is cut short; measured its first {result['readable_s']:.1f} s",
            file=sys.stderr,
        )
    return result


def _print_result(result: dict[str, Any]) -> None:
    for label, value, why in describe(result):
        if value:
            out(f"{label + ':':<16} {value}\n{'':<17}{why}")
        else:
            out(f"{label + ':':<16} {why}")


def _exists(name: str) -> bool:
    try:
        return Path(name).exists()
    except OSError:  # a name too long to be a file: 5,000 digits
        return False


def run_analyze(args: argparse.Namespace) -> int:
    if args.all:
        if args.target:
            raise CommandError("give either FILE_OR_TAKE_ID or --all, not both")
        return _run_all(args)
    if not args.target:
        raise CommandError("say what to analyse: a media file, a take id, or --all")
    if args.target.isdigit() and not _exists(args.target):
        try:
            take_id = positive_id(args.target)
        except argparse.ArgumentTypeError as exc:
            raise CommandError(f"take id: {exc}") from None
        return _run_take(args, take_id)
    result = _measure(Path(args.target).expanduser(), transcript=_transcript(args))
    emit(args, result, lambda: _print_result(result))
    return 0


def _run_take(args: argparse.Namespace, take_id: int) -> int:
    with open_library(args) as lib:
        take = lib.get_take(take_id)
        if not take.state.playable or take.path is None:
            raise CommandError(
                f"take {take_id} is {take.state.value}; only a finished take can be analysed"
            )
        question = lib.get_question(take.question_id)
        try:
            result = _measure(
                take.path, question.target_seconds, _transcript(args), question.key_points
            )
        except CommandError as exc:
            lib.save_analysis(take_id, {"version": VERSION}, error=str(exc))
            raise
        lib.save_analysis(take_id, result)
        if result.get("transcript"):
            lib.set_transcript(take_id, result["transcript"]["text"])  # searchable
    emit(args, result, lambda: _print_result(result))
    return 0


def _run_all(args: argparse.Namespace) -> int:
    done, failed = [], []
    with open_library(args) as lib:
        takes = lib.takes_to_analyze(VERSION, again=args.again)
        for i, take in enumerate(takes, 1):
            assert take.id is not None
            assert take.path is not None
            if not args.json:
                out(f"[{i}/{len(takes)}] take {take.id} ", end="", flush=True)
            target = lib.get_question(take.question_id).target_seconds
            try:
                result = analyze_in_child(take.path, target)
            except (AnalysisError, AnalysisCancelled) as exc:
                lib.save_analysis(take.id, {"version": VERSION}, error=str(exc))
                failed.append({"take_id": take.id, "error": str(exc)})
                if not args.json:
                    out(f"failed: {exc}")
                continue
            lib.save_analysis(take.id, result)
            done.append(take.id)
            if not args.json:
                out("done")
    summary = {"analyzed": done, "failed": failed}
    emit(
        args,
        summary,
        f"analysed {len(done)} take(s), {len(failed)} failed"
        if takes
        else "every take is already analysed",
    )
    if failed and not args.json:
        out(f"taketwo: {len(failed)} take(s) could not be analysed", file=sys.stderr)
    return 1 if failed else 0
