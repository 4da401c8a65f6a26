"""One writer per library: an OS lock on ``taketwo.lock``, which also names its holder.

The OS releases the lock when the process dies, so a crash never leaves the library locked;
the file's contents only serve to tell a second process who has it.
"""

from __future__ import annotations

import errno
import json
import os
import socket
import sys
import time
from pathlib import Path

from taketwo.storage.errors import LibraryError, LibraryLocked

if sys.platform == "win32":
    import msvcrt
else:
    import fcntl

_LOCK_OFFSET = 1 << 20  # Windows locks byte ranges and blocks reads of them: lock past the text


class LibraryLock:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self, purpose: str = "", wait: float = 0.0) -> None:
        """Take the lock; ``wait`` seconds lets a short command that holds it finish first."""
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o600)
        except OSError as exc:
            if exc.errno != errno.ELOOP:
                raise
            raise LibraryError(
                f"the library's {self.path.name} is a link; Take Two never writes through one: "
                "remove it and try again"
            ) from None
        deadline = time.monotonic() + wait
        while True:
            try:
                _lock(fd)
                break
            except OSError:
                if time.monotonic() < deadline:
                    time.sleep(0.05)
                    continue
                os.close(fd)
                raise self._locked_error() from None
        info = {
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "purpose": purpose,
            "since": time.strftime("%Y-%m-%d %H:%M:%S"),
        }
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, json.dumps(info).encode())
        self._fd = fd

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            os.ftruncate(fd, 0)
            _unlock(fd)
        finally:
            os.close(fd)

    def is_held_elsewhere(self) -> bool:
        """Whether another process holds the lock now (it is released at once if free)."""
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_NOFOLLOW)
        except OSError:
            return False
        try:
            _lock(fd)
        except OSError:
            return True
        else:
            _unlock(fd)
            return False
        finally:
            os.close(fd)

    def holder(self) -> dict[str, object]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8") or "{}")
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def _locked_error(self) -> LibraryLocked:
        info = self.holder()
        pid = info.get("pid")
        who = "another Take Two process"
        if isinstance(pid, int):
            details = [f"pid {pid}"]
            if info.get("purpose"):
                details.append(str(info["purpose"]))
            if info.get("host") and info.get("host") != socket.gethostname():
                details.append(f"on {info['host']}")
            if info.get("since"):
                details.append(f"since {info['since']}")
            who = f"another Take Two process ({', '.join(details)})"
        return LibraryLocked(
            f"the library at {self.path.parent} is in use by {who}; close it and try again",
            pid=pid if isinstance(pid, int) else None,
        )


def _lock(fd: int) -> None:
    if sys.platform == "win32":
        os.lseek(fd, _LOCK_OFFSET, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    else:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


def _unlock(fd: int) -> None:
    if sys.platform == "win32":
        os.lseek(fd, _LOCK_OFFSET, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)
