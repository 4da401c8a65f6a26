"""Helpers every command shares: opening the library named by ``--library``, printing text or
``--json``, and reading ids and text the user typed."""

from __future__ import annotations

import argparse
import dataclasses
import enum
import json
import math
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from taketwo.cli import CommandError
from taketwo.domain import DomainError, QuestionSummary
from taketwo.domain.formatting import one_line as one_line
from taketwo.domain.formatting import os_error_text
from taketwo.storage.errors import LibraryCorrupt, LibraryError

if TYPE_CHECKING:
    from taketwo.storage import Library

# How long a short write waits for another Taketwo command to let go of the library.
WRITE_WAIT_SECONDS = 5.0
MAX_ID = 2**63 - 1  # SQLite's largest integer


def library_folder(args: argparse.Namespace) -> Path:
    from taketwo.paths import default_library  # platformdirs: only for a library's commands

    return Path(args.library).expanduser().absolute() if args.library else default_library()


@contextmanager
def open_library(
    args: argparse.Namespace, *, readonly: bool = False, wait: float = WRITE_WAIT_SECONDS
) -> Iterator[Library]:
    """The library named by ``--library``; library and model errors become one-line errors.

    A command that only reads opens it read-only: no lock, so it works while the app runs, and
    on a library folder the user made read-only.
    """
    from taketwo.storage.library import Library  # only the commands that open one load it

    try:
        with Library.open(
            library_folder(args), readonly=readonly, wait=wait, purpose=f"taketwo {args.command}"
        ) as lib:
            yield lib
    except LibraryCorrupt as exc:
        raise CommandError(f"{exc}. {corrupt_hint(exc)}") from None
    except (LibraryError, DomainError) as exc:
        raise CommandError(str(exc)) from None
    except OSError as exc:  # a file the library had to move or write: permissions, disk
        raise CommandError(os_error_text(exc)) from None


def corrupt_hint(exc: LibraryCorrupt) -> str:
    if exc.backup is None:
        return "There is no automatic backup to restore."
    return (
        "Run `taketwo library check --restore-backup` to restore the automatic backup "
        f"{exc.backup.name}; takes recorded since will be found by `--repair`."
    )


def jsonable(value: Any) -> Any:
    """Domain objects as plain JSON values: enums by value, times in ISO 8601, paths as text."""
    if isinstance(value, QuestionSummary):
        return {
            **jsonable(value.question),
            "take_count": value.take_count,
            "best_take_id": value.best_take_id,
            "last_take_at": jsonable(value.last_take_at),
        }
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        if hasattr(value, "to_dict"):
            return jsonable(value.to_dict())
        return {f.name: jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [jsonable(v) for v in value]
    return value


# C0 controls but tab and newline, DEL, C1 controls, lone surrogates, and the Unicode line and
# bidi controls that reorder or break what a terminal shows.
_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
_CONTROL_IN_JSON = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """``text`` with every control character shown as an escape (``\\x1b``), the way ``ls``
    and ``git`` show them: text from data can never retitle, clear or hide the terminal."""
    return _CONTROL.sub(_escape, text)


def out(
    *values: object, sep: str = " ", end: str = "\n", file: Any = None, flush: bool = False
) -> None:
    """The one way a command prints text that may hold data: :func:`print`, made visible."""
    print(visible(sep.join(map(str, values))), end=end, file=file, flush=flush)


def emit(args: argparse.Namespace, data: Any, text: Callable[[], None] | str) -> None:
    """Print ``data`` as JSON with ``--json``, else the human text."""
    if args.json:
        dumped = json.dumps(jsonable(data), ensure_ascii=False, indent=2)  # escapes C0 itself
        print(_CONTROL_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", dumped))
    elif callable(text):
        text()
    else:
        out(text)


def read_text_arg(value: str) -> str:
    """``-`` means: read the text from standard input (for long notes in scripts)."""
    if value != "-":
        return value
    try:
        return sys.stdin.buffer.read().decode("utf-8")
    except UnicodeDecodeError:
        raise CommandError("the text on standard input is not valid UTF-8") from None


def shown(text: str, width: int = 24) -> str:
    """``text`` quoted for a one-line message, cut short when it is long."""
    return repr(text) if len(text) <= width else f"{text[:width]!r}… ({len(text):,} characters)"


def positive_id(text: str) -> int:
    digits = text.strip().lstrip("+")
    if digits.isdigit() and len(digits.lstrip("0")) > len(str(MAX_ID)):
        raise argparse.ArgumentTypeError(f"no id is that large ({shown(text)})")
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"an id is a whole number, not {shown(text)}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"ids start at 1, not {value}")
    if value > MAX_ID:
        raise argparse.ArgumentTypeError(f"no id is that large ({shown(text)})")
    return value


def whole_number(low: int, high: int) -> Callable[[str], int]:
    """An argparse type: a whole number from ``low`` to ``high``, refused in one line."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"a whole number, not {shown(text)}") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"between {low} and {high}, not {value}")
        return value

    return parse


MAX_SECONDS = 24 * 3600.0  # no take or clip is longer than a day


def seconds(text: str) -> float:
    """An argparse type: a time in seconds, decimals allowed; ``nan``, ``inf`` and times past
    a day refused (``1e308`` would overflow every frame count computed from it)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"a time is a number of seconds, not {shown(text)}"
        ) from None
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"a time is a number of seconds, not {shown(text)}")
    if abs(value) > MAX_SECONDS:
        raise argparse.ArgumentTypeError(
            f"{shown(text)} seconds is longer than any take (at most {MAX_SECONDS:g})"
        )
    return value
