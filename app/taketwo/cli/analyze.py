"""``taketwo analyze FILE_OR_TAKE_ID [--json]`` and ``taketwo analyze --all``: measure pauses,
speaking rate, loudness, pitch, framing and the words (transcript, fillers, key points said).
A take's results are stored with it, through workflow/analyze.py as the app stores them."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from taketwo.analysis.explain import describe
from taketwo.analysis.result import AnalysisError
from taketwo.cli import CommandError
from taketwo.cli.common import emit, open_library, out, positive_id
from taketwo.domain import Take
from taketwo.workflow.analyze import AnalyzeOptions, analyze_all, analyze_path, analyze_take


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "analyze",
        parents=[common],
        help="measure pauses, pace, loudness, pitch, framing and the words of a take",
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
        "--no-words",
        action="store_true",
        help="skip the transcript, fillers and key points (faster)",
    )
    p.add_argument(
        "--words-model",
        metavar="FOLDER",
        default=None,
        help="a faster-whisper model folder (default: TAKETWO_WORDS_MODEL, else the installed "
        "taketwo[words] model, else the Hugging Face cache); nothing is downloaded",
    )
    # Before words were always measured, a transcript had to be asked for: still accepted.
    p.add_argument("--transcript", action="store_true", help=argparse.SUPPRESS)
    p.set_defaults(handler=run_analyze)


def _options(args: argparse.Namespace) -> AnalyzeOptions:
    return AnalyzeOptions.from_environment(args.words_model, words=not args.no_words)


def _report(path: Path, result: dict[str, Any]) -> None:
    """Side notes on stderr, so --json output stays the result alone."""
    if "truncated" in result["warnings"]:
        out(
            f"taketwo: {path.name} is cut short; measured its first {result['readable_s']:.1f} s",
            file=sys.stderr,
        )
    if result.get("words_note"):
        out(f"taketwo: {result['words_note']}", file=sys.stderr)


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
    path = Path(args.target).expanduser()
    try:
        result = analyze_path(path, _options(args))
    except AnalysisError as exc:
        raise CommandError(str(exc)) from None
    _report(path, result)
    emit(args, result, lambda: _print_result(result))
    return 0


def _run_take(args: argparse.Namespace, take_id: int) -> int:
    with open_library(args) as lib:
        try:
            result = analyze_take(lib, take_id, _options(args))
        except AnalysisError as exc:
            raise CommandError(str(exc)) from None
        _report(lib.get_take(take_id).path or Path(str(take_id)), result)
    emit(args, result, lambda: _print_result(result))
    return 0


def _run_all(args: argparse.Namespace) -> int:
    def starting(i: int, n: int, take: Take) -> None:
        if not args.json:
            out(f"[{i}/{n}] take {take.id} ", end="", flush=True)

    def finished(take: Take, result: dict[str, Any] | None, error: str | None) -> None:
        if not args.json:
            out(f"failed: {error}" if error else "done", flush=True)

    with open_library(args) as lib:
        done, failed = analyze_all(
            lib, _options(args), again=args.again, on_take=starting, on_done=finished
        )
    summary = {"analyzed": done, "failed": failed}
    emit(
        args,
        summary,
        f"analysed {len(done)} take(s), {len(failed)} failed"
        if done or failed
        else "every take is already analysed",
    )
    if failed and not args.json:
        out(f"taketwo: {len(failed)} take(s) could not be analysed", file=sys.stderr)
    return 1 if failed else 0
