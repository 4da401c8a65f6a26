"""File writes shared by the recorder, media and storage layers: private from the first byte,
durable, never half-written."""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import stat
from pathlib import Path
from typing import BinaryIO

PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700
PRIVATE_UMASK = 0o077  # what the whole process runs under: nothing we create is shared


def open_private(path: Path, *, exclusive: bool = False) -> BinaryIO:
    """``path`` opened for writing (truncated), created 0600 so no other user can ever read
    a byte of it; an existing file loses any group/other access before it is written."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)
    if exclusive:
        flags |= os.O_EXCL
    fd = os.open(path, flags, PRIVATE_FILE)
    try:
        if hasattr(os, "fchmod"):
            mode = os.fstat(fd).st_mode & 0o777
            if mode & ~PRIVATE_FILE:
                os.fchmod(fd, mode & PRIVATE_FILE)
        return os.fdopen(fd, "wb")
    except BaseException:
        os.close(fd)
        raise


def create_private(path: Path) -> None:
    """Create ``path`` empty and 0600, for a writer (FFmpeg) that then opens it by name."""
    open_private(path).close()


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


def write_json_atomic(path: Path, data: object, *, mode: int = PRIVATE_FILE) -> None:
    """Replace ``path`` with ``data`` as JSON, never leaving a half-written file (or a temp
    file, if the disk is full). The file is private (``mode``) from its first byte."""
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        with open_private(tmp) as f:
            f.write(
                json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True, default=str).encode(
                    "utf-8"
                )
            )
            f.flush()
            os.fsync(f.fileno())
        if mode != PRIVATE_FILE:
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


class NotAPlainFile(OSError):
    """A name we were about to read is a link, a FIFO, a device or a folder."""


def read_regular_file(path: Path, limit: int, *, follow_links: bool = True) -> bytes:
    """At most ``limit`` + 1 bytes of ``path``, only if it is a regular file: a FIFO or device
    is refused without blocking (``O_NONBLOCK``), a link too unless ``follow_links``."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    if not follow_links:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise NotAPlainFile(errno.ELOOP, "it is a link, not a file", str(path)) from None
        raise
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise NotAPlainFile(errno.EINVAL, "it is not a regular file", str(path))
        chunks = []
        left = limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


MAX_JSON_DEPTH = 64  # our files nest 4 deep; Python's parser recurses, so cap it first
_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")


class TooDeep(ValueError):
    """JSON nested deeper than any file of ours could be."""


def nesting_checked(text: str, limit: int = MAX_JSON_DEPTH) -> str:
    """``text`` unchanged, once its JSON is known to nest at most ``limit`` deep (checked
    without recursion, before :func:`json.loads` would hit RecursionError)."""
    depth = 0
    for ch in _NOT_BRACKET.sub("", _JSON_STRING.sub("", text)):
        depth += 1 if ch in "[{" else -1
        if depth > limit:
            raise TooDeep(f"it nests more than {limit} levels deep")
    return text


def process_alive(pid: int) -> bool:
    """Whether process ``pid`` still runs: a working file named after a live maker is not stale."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
