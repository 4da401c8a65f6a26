"""The ``taketwo`` command: the desktop app with no arguments, subcommands for everything else.

Each subcommand module has ``register(subparsers, common)``; ``common`` is a parent parser with
the options every command takes (``--library``, ``--json``). Commands return an exit code and
raise ``CommandError`` for anything the user can fix: one clear line, never a traceback.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import sys
from collections.abc import Sequence

from taketwo import __version__
from taketwo.files import PRIVATE_UMASK

COMMAND_MODULES = [
    "devices",
    "record",
    "sync_check",
    "doctor",
    "analyze",
    "interview",
    "mistake",
    "question",
    "takes",
    "search",
    "library",
    "note",
    "checklist",
    "plan",
    "coach",
]
# Commands whose module has another name. Only the named command's module is imported, so
# `taketwo record` does not pay for the analysis stack (scipy: ~2 s of CPU and 130 MB).
COMMAND_MODULE_OF = {"sync-check": "sync_check", "feedback": "coach"}
VALUE_OPTIONS = {"--library", "--camera", "--mic"}  # global options that take the next word


def command_module(argv: Sequence[str]) -> str | None:
    """The module of the command ``argv`` names, or None when it names none (help, the app)."""
    words = iter(argv)
    for word in words:
        if word in VALUE_OPTIONS:
            next(words, None)
        elif not word.startswith("-"):
            module = COMMAND_MODULE_OF.get(word, word)
            return module if module in COMMAND_MODULES else None
    return None


def modules_to_load(argv: Sequence[str]) -> list[str]:
    """The command modules the parser needs for ``argv``: the named command's; none when the
    words start the app (their imports, NumPy and PyAV among them, would hold the window
    back); all of them for help or a word that is no command, so both can list them."""
    named = command_module(argv)
    if named is not None:
        return [named]
    words = iter(argv)
    for word in words:
        if word in ("-h", "--help") or not word.startswith("-"):
            return COMMAND_MODULES
        if word in VALUE_OPTIONS:
            next(words, None)
    return []


class CommandError(Exception):
    """A problem the user can act on; printed as one line, exit status 1 (or ``code``)."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


def common_options() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--library",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="library folder (default: $TAKETWO_LIBRARY or the user data folder)",
    )
    common.add_argument(
        "--json", action="store_true", default=argparse.SUPPRESS, help="print machine-readable JSON"
    )
    return common


def build_parser(modules: Sequence[str] = COMMAND_MODULES) -> argparse.ArgumentParser:
    common = common_options()
    parser = argparse.ArgumentParser(
        prog="taketwo",
        parents=[common],
        description="Rehearse the interview answer you fumbled. With no command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"taketwo {__version__}")
    parser.add_argument("--camera", metavar="ID", help="camera for the app (see `taketwo devices`)")
    parser.add_argument("--mic", metavar="ID", help="microphone for the app")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in modules:
        importlib.import_module(f"taketwo.cli.{name}").register(sub, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    for arg in argv:
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            print(
                f"taketwo: {arg.encode('utf-8', 'surrogateescape')!r} is not valid UTF-8 "
                "text; Take Two stores text as UTF-8",
                file=sys.stderr,
            )
            return 2
    # Loading the command's modules makes objects that live as long as the process: the
    # collector would only walk them again and again. It rests meanwhile, and they are set
    # aside for good (gc.freeze) before the command runs.
    gc.disable()
    try:
        parser = build_parser(modules_to_load(argv))
        args = parser.parse_args(argv)
    finally:
        gc.freeze()
        gc.enable()
    args.library = getattr(args, "library", None)
    args.json = getattr(args, "json", False)
    handler = getattr(args, "handler", None)
    umask = os.umask(PRIVATE_UMASK)  # every file and folder we create is the user's alone
    try:
        if handler is None:
            from taketwo.cli.gui import run_app

            return run_app(args)
        code = int(handler(args) or 0)
        sys.stdout.flush()  # inside the try: a reader that went away is seen here, not at exit
        return code
    except BrokenPipeError:
        return _reader_gone()
    except CommandError as exc:
        from taketwo.cli.common import visible

        print(f"taketwo: {visible(str(exc))}", file=sys.stderr)
        return exc.code
    except KeyboardInterrupt:
        return 130
    except OSError as exc:  # a disk or permission problem no command foresaw
        from taketwo.cli.common import visible
        from taketwo.domain.formatting import os_error_text

        print(f"taketwo: {visible(os_error_text(exc))}", file=sys.stderr)
        return 1
    except Exception as exc:
        from taketwo.cli.common import visible

        if os.environ.get("TAKETWO_DEBUG"):
            raise
        print(
            f"taketwo: unexpected error ({type(exc).__name__}: {visible(str(exc))}); run again "
            "with TAKETWO_DEBUG=1 for the details, and please report it",
            file=sys.stderr,
        )
        return 1
    finally:
        os.umask(umask)


def _reader_gone() -> int:
    """Standard output's reader left (``taketwo takes list | head -1``): stop quietly, as
    coreutils do, with the status a shell gives a command ended by SIGPIPE."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())  # the interpreter's last flush must not fail again
    os.close(devnull)
    return 128 + 13
