"""Analyse a file in a child process (analysis/worker.py), the way the app and `taketwo analyze`
both do it.

Why a process: Praat holds the GIL for long stretches, and PyAV, Praat and OpenCV cost ~180 MB
once imported; in a child the GUI never stalls on it, never carries that memory, and a crash
in a native library costs one take's analysis, not the app. Cancel kills the child: it writes
nothing, so a cancelled analysis leaves no partial result.
"""

from __future__ import annotations

import collections
import contextlib
import json
import os
import queue
import re
import signal
import subprocess
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

import taketwo
from taketwo.analysis.result import AnalysisCancelled, AnalysisError, Progress
from taketwo.analysis.words import WordsOptions

ERROR_LINE = re.compile(r"^[A-Za-z_][\w.]*(Error|Exception)\b")
POLL_S = 0.1  # how often the progress callback is asked whether to go on while the child works
WORKER = "from taketwo.analysis.worker import run; run()"
EXIT_GRACE_S = 5.0  # after its last line, the child has this long to exit before it is killed


def plan_command(
    path: Path,
    target_seconds: float | None,
    words: WordsOptions | None,
    key_points: Sequence[str],
) -> list[str]:
    # ``-c``: a PyInstaller bundle runs code this way too (packaging/bundle_main.py).
    command = [sys.executable, "-c", WORKER]
    if target_seconds is not None:
        command += ["--target", repr(float(target_seconds))]
    if words is not None:
        command += [f"--words-model={words.model_folder}"]
    for point in key_points:
        command += [f"--key-point={point}"]  # a point may start with "-"
    return [*command, "--", str(path)]  # and so may a file name


def _environment() -> dict[str, str]:
    env = dict(os.environ)
    if not getattr(sys, "frozen", False):
        # The child imports the same taketwo as this process, installed or not.
        here = str(Path(taketwo.__file__).resolve().parents[1])
        env["PYTHONPATH"] = os.pathsep.join(p for p in (here, env.get("PYTHONPATH")) if p)
    return env


def _read_lines(stream: IO[bytes], into: queue.Queue[bytes | None]) -> None:
    for line in stream:
        into.put(line)
    into.put(None)


def _keep_tail(stream: IO[bytes], tail: collections.deque[str]) -> None:
    for line in stream:
        text = line.decode("utf-8", "replace").strip()
        if text:
            tail.append(text)


def analyze_in_child(
    path: Path | str,
    target_seconds: float | None = None,
    progress: Progress = lambda f, t: True,
    *,
    words: WordsOptions | None = None,
    key_points: Sequence[str] = (),
) -> dict[str, Any]:
    """What :func:`taketwo.analysis.take.analyze_file` returns, measured in a child process.
    Raises :class:`AnalysisError` (one line) when the file cannot be read or the child dies,
    :class:`AnalysisCancelled` once ``progress`` returns False (the child is killed then)."""
    path = Path(path)
    try:
        child = subprocess.Popen(
            plan_command(path, target_seconds, words, key_points),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=_environment(),
        )
    except OSError as exc:
        raise AnalysisError(f"the analysis cannot start ({exc})") from None
    assert child.stdin is not None
    assert child.stdout is not None
    assert child.stderr is not None
    lines: queue.Queue[bytes | None] = queue.Queue()
    tail: collections.deque[str] = collections.deque(maxlen=5)
    readers = [
        threading.Thread(target=_read_lines, args=(child.stdout, lines), name="analysis-out"),
        threading.Thread(target=_keep_tail, args=(child.stderr, tail), name="analysis-err"),
    ]
    for reader in readers:
        reader.start()
    result: dict[str, Any] | None = None
    error: str | None = None
    try:
        fraction, text = 0.0, "Starting the analysis"
        while True:
            try:
                line = lines.get(timeout=POLL_S)
            except queue.Empty:
                if not progress(fraction, text):
                    raise AnalysisCancelled() from None
                continue
            if line is None:
                break
            message = _parse(line)
            if "progress" in message:
                fraction, text = float(message["progress"]), str(message.get("text", ""))
                if not progress(fraction, text):
                    raise AnalysisCancelled()
            elif "result" in message:
                result = message["result"]
            elif "error" in message:
                error = str(message["error"])
        # Stuck on its way out: killed below, and what it said still counts.
        with contextlib.suppress(subprocess.TimeoutExpired):
            child.wait(timeout=EXIT_GRACE_S)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        child.stdin.close()
        for reader in readers:
            reader.join()
        child.stdout.close()
        child.stderr.close()
    if error is not None:
        raise AnalysisError(error)
    if result is None:
        raise AnalysisError(_crash_line(path, child.returncode, tail))
    return result


def _parse(line: bytes) -> dict[str, Any]:
    try:
        message = json.loads(line)
    except ValueError:
        return {}
    return message if isinstance(message, dict) else {}


def _crash_line(path: Path, code: int, tail: Sequence[str]) -> str:
    if code < 0:
        try:
            how = f"it was stopped by {signal.Signals(-code).name}"
        except ValueError:
            how = f"it was stopped by signal {-code}"
    else:
        how = f"exit code {code}"
    # A traceback's last line names the exception; a launcher (PyInstaller) may add its own.
    errors = [line for line in tail if ERROR_LINE.match(line)]
    last = (errors or list(tail) or [""])[-1][:200]
    return f"the analysis of {path.name} stopped unexpectedly ({how}){': ' + last if last else ''}"
