"""Durable file writes shared by the recorder, media and storage layers."""

from __future__ import annotations

import contextlib
import errno
import json
import os
from pathlib import Path


def fsync_dir(folder: Path) -> None:
    """Make a rename or a new file in ``folder`` survive a power cut (best effort)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)


def write_json_atomic(path: Path, data: object, *, mode: int | None = None) -> None:
    """Replace ``path`` with ``data`` as JSON, never leaving a half-written file (or a temp
    file, if the disk is full)."""
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(data, f, ensure_ascii=False, indent=2, sort_keys=True, default=str)
            f.flush()
            os.fsync(f.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    fsync_dir(path.parent)


def write_new_text(path: Path, text: str) -> None:
    """Write ``text`` to a new file ``path`` (0600), never over an existing file and never
    leaving half of it: it is written beside, then linked into place in one step."""
    if path.exists():
        raise FileExistsError(errno.EEXIST, "the file already exists", str(path))
    tmp = path.with_name(f".{path.name}.{os.getpid()}.partial")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.link(tmp, path)  # fails, rather than overwrite, if the name was taken meanwhile
    finally:
        tmp.unlink(missing_ok=True)
    fsync_dir(path.parent)
