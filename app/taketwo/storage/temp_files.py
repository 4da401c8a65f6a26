"""The library's own temporary folder, ``<library>/.tmp``: copies of a user's data made while
exporting or packing live here (not in /tmp), so a run killed half-way leaves nothing outside
the library, and the next start or ``library check --repair`` removes what it left."""

from __future__ import annotations

import os
import re
import shutil
import stat
import tempfile
from pathlib import Path

from taketwo.files import process_alive
from taketwo.storage.errors import LibraryError

TEMP_DIR = ".tmp"
_OURS = re.compile(r"^[a-z]+-(?P<pid>\d+)-")


def temp_root(folder: Path) -> Path:
    """``<folder>/.tmp``, made private if missing; refused in one line if it is a link."""
    root = folder / TEMP_DIR
    try:
        info = os.lstat(root)
    except FileNotFoundError:
        os.mkdir(root, 0o700)
        return root
    if not stat.S_ISDIR(info.st_mode):
        raise LibraryError(
            f"{root} is a link or a file, not the library's own temporary folder; "
            "move it away and try again"
        )
    return root


def make_temp_dir(folder: Path, purpose: str) -> Path:
    """A new private folder for one job's temporary copies, named so a later run can tell
    whether the process that made it is gone. Falls back to the system's temporary folder
    only when the library folder cannot be written (a read-only library)."""
    prefix = f"{purpose}-{os.getpid()}-"
    try:
        return Path(tempfile.mkdtemp(prefix=prefix, dir=temp_root(folder)))
    except PermissionError:
        return Path(tempfile.mkdtemp(prefix=f"taketwo-{prefix}"))


def clean_temp(folder: Path) -> list[str]:
    """Remove what jobs that are no longer running left in ``<folder>/.tmp``."""
    root = folder / TEMP_DIR
    try:
        if not stat.S_ISDIR(os.lstat(root).st_mode):
            return []
        entries = list(os.scandir(root))
    except OSError:
        return []
    removed = []
    for entry in entries:
        match = _OURS.match(entry.name)
        if match is not None and process_alive(int(match["pid"])):
            continue
        if entry.is_dir(follow_symlinks=False):
            shutil.rmtree(entry.path, ignore_errors=True)
        else:
            try:
                os.unlink(entry.path)
            except OSError:
                continue
        removed.append(entry.name)
    return removed
