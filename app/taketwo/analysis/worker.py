"""The analysis child process (started by analysis/child.py, never by a user).

It speaks JSON lines on the stdout it was given: ``{"progress": f, "text": t}`` while it works,
then ``{"result": {...}}`` or ``{"error": "one line"}``. Everything else the libraries print
goes to stderr. It stops when its parent goes away (its stdin closes) and needs no cleanup, so
the parent cancels it by killing it.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import threading
from collections.abc import Sequence
from typing import IO, Any, NoReturn

EXIT_ERROR = 2  # the file cannot be analysed; the line said why
EXIT_ORPHANED = 3


def _send(channel: IO[str], message: dict[str, Any]) -> None:
    channel.write(json.dumps(message) + "\n")
    channel.flush()


def _exit_with_parent() -> None:
    # The raw descriptor, not sys.stdin: a daemon thread blocked in a buffered read makes the
    # interpreter abort at exit.
    while os.read(0, 4096):
        pass  # the parent never writes; EOF means it closed the pipe, or died
    os._exit(EXIT_ORPHANED)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="taketwo-analysis-worker")
    parser.add_argument("path")
    parser.add_argument("--target", type=float, default=None)
    parser.add_argument("--words-model", default=None)  # given (maybe ""): transcribe
    parser.add_argument("--key-point", action="append", default=[])
    args = parser.parse_args(argv)

    # Our own channel on the real stdout; fd 1 then points at stderr, so a library that prints
    # (Praat, pocketsphinx) cannot break a message line.
    channel = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    threading.Thread(target=_exit_with_parent, daemon=True, name="parent-watch").start()

    from taketwo.analysis.result import AnalysisError  # after the redirect: imports may print
    from taketwo.analysis.take import analyze_file
    from taketwo.analysis.words import WordsOptions

    def progress(fraction: float, text: str) -> bool:
        _send(channel, {"progress": fraction, "text": text})
        return True

    try:
        result = analyze_file(
            args.path,
            args.target,
            progress,
            words=None if args.words_model is None else WordsOptions(args.words_model),
            key_points=args.key_point,
        )
    except AnalysisError as exc:
        _send(channel, {"error": str(exc)})
        return EXIT_ERROR
    _send(channel, {"result": result})
    return 0


def run() -> NoReturn:
    """The child's entry point. It leaves without the interpreter's teardown (~0.1-0.3 s of
    freeing what Praat, OpenCV and numpy hold): the answer is sent and nothing needs closing."""
    code = main()
    sys.stderr.flush()
    os._exit(code)
