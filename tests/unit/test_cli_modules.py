"""The command line loads only what the words ask for: starting the app loads no command
module (their imports, NumPy and PyAV among them, held the window back), a command loads its
own, and help or an unknown word loads them all so they can be listed."""

from __future__ import annotations

import subprocess
import sys

import pytest

from taketwo.cli import COMMAND_MODULES, modules_to_load


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        ([], []),
        (["--library", "lib", "--camera", "demo", "--mic", "demo"], []),
        (["--version"], []),
        (["record", "--seconds", "3"], ["record"]),
        (["--library", "record", "takes", "list"], ["takes"]),  # an option's value is no command
        (["feedback", "list", "1"], ["coach"]),
        (["--help"], COMMAND_MODULES),
        (["bogus"], COMMAND_MODULES),
    ],
)
def test_only_the_modules_the_words_need(argv, expected):
    assert modules_to_load(argv) == expected


def test_starting_the_app_imports_no_command_module(tmp_path):
    code = (
        "import sys, taketwo.cli as cli, taketwo.cli.gui as gui\n"
        "gui.run_app = lambda args: 0\n"
        f"assert cli.main(['--library', {str(tmp_path)!r}]) == 0\n"
        "loaded = sorted(m for m in sys.modules if m.startswith('taketwo.cli.') and m not in "
        "('taketwo.cli.gui',))\n"
        "heavy = sorted(m for m in ('numpy', 'av', 'cv2') if m in sys.modules)\n"
        "print(loaded, heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[] []"


def test_help_still_lists_every_command(capsys):
    from taketwo.cli import main

    with pytest.raises(SystemExit):
        main(["--help"])
    listed = capsys.readouterr().out
    for command in ("record", "analyze", "question", "feedback", "sync-check"):
        assert command in listed


def test_recording_to_a_file_loads_no_library_code():
    """`taketwo record --output` opens no library: storage's modules (SQLite, archives, the
    debrief's stores) stay unloaded, which is start-up CPU a take would pay beside ffmpeg."""
    code = (
        "import sys, taketwo.cli.record\n"
        "print(sorted(m for m in sys.modules if m.startswith('taketwo.storage.') "
        "and m != 'taketwo.storage.errors'), 'sqlite3' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[] False"


def test_storage_names_load_on_first_use():
    """Every name ``taketwo.storage`` offers is listed once, resolves to its module's own
    object, and an unknown name is an AttributeError like any module's."""
    import taketwo.storage as storage
    from taketwo.storage import errors, library

    assert storage.__all__ == sorted(storage._HOMES)
    for name in storage.__all__:
        assert getattr(storage, name) is getattr(
            __import__(f"taketwo.storage.{storage._HOMES[name]}", fromlist=[name]), name
        )
    assert storage.Library is library.Library
    assert storage.LibraryError is errors.LibraryError
    with pytest.raises(AttributeError):
        _ = storage.NoSuchThing
