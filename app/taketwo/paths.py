"""Where Take Two keeps things: the library folder and bundled resources."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "TakeTwo"
_HERE = Path(__file__).resolve().parent


def default_library() -> Path:
    """``TAKETWO_LIBRARY`` if set, else the per-user data folder."""
    override = os.environ.get("TAKETWO_LIBRARY")
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "Library"


def resources_dir() -> Path:
    """The ``resources/`` folder, wherever this copy of Take Two was installed from.

    A wheel carries it inside the package (setup.py copies it there), and so does the PyInstaller
    bundle, whose modules live under ``sys._MEIPASS``; a source checkout or an editable install
    reads the top-level folder itself.
    """
    frozen = getattr(sys, "_MEIPASS", None)
    package = Path(frozen) / "taketwo" if frozen else _HERE
    inside = package / "resources"
    return inside if inside.is_dir() else _HERE.parents[1] / "resources"


def resource_path(*parts: str) -> Path:
    """A file under ``resources/`` (see ``resources_dir``)."""
    return resources_dir().joinpath(*parts)
