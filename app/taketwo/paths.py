"""Where Take Two keeps things: the library folder and bundled resources."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "TakeTwo"


def default_library() -> Path:
    """``TAKETWO_LIBRARY`` if set, else the per-user data folder."""
    override = os.environ.get("TAKETWO_LIBRARY")
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "Library"


def resource_path(*parts: str) -> Path:
    """A file under ``resources/``, found in a source checkout and in a PyInstaller bundle."""
    frozen = getattr(sys, "_MEIPASS", None)
    base = (
        Path(frozen) / "resources" if frozen else Path(__file__).resolve().parents[2] / "resources"
    )
    return base.joinpath(*parts)
