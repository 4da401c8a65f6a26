"""How the app and the command line write times, lengths, cut-down lines and failed writes:
one way each, so a length reads the same on every screen and in every command.

Times are clock-style everywhere: ``1:05`` for a length or a target, ``1:05.3`` for a playing
position, ``1:05.033`` for a frame (a trim point), and :func:`span_text` for a measured length
or a difference (tenths under ten seconds, where they matter).
"""

from __future__ import annotations

import errno
from pathlib import Path

_DISK_FULL = (errno.ENOSPC, errno.EDQUOT)
_NOT_ALLOWED = (errno.EACCES, errno.EPERM, errno.EROFS)


def clock(seconds: float, digits: int = 0) -> str:
    """``1:05`` (``digits`` 0), ``1:05.3`` (1) or ``1:05.033`` (3); negative counts as 0."""
    scale = 10**digits
    units = int(round(max(0.0, seconds) * scale))
    minutes, rest = divmod(units, 60 * scale)
    whole, part = divmod(rest, scale)
    return f"{minutes}:{whole:02d}" + (f".{part:0{digits}d}" if digits else "")


def length_text(seconds: float) -> str:
    """``1:05``: a take's or a target's length, to the nearest second."""
    return clock(seconds)


def position_text(seconds: float) -> str:
    """``1:05.3``: a position while playing, the precision a scrubbing person reads."""
    return clock(seconds, 1)


def frame_text(seconds: float) -> str:
    """``1:05.033``: milliseconds, enough to name one frame (a trim point is a frame)."""
    return clock(seconds, 3)


def span_text(seconds: float) -> str:
    """A measured length or a difference, sign dropped: ``0:06.9`` under ten seconds, else
    ``1:53``."""
    seconds = abs(seconds)
    return clock(seconds, 1 if seconds < 9.95 else 0)


def one_line(text: str, width: int = 60) -> str:
    """``text`` on one line (runs of spaces and newlines made one space), cut with "…" to fit
    ``width`` characters."""
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def elide_words(text: str, limit: int) -> str:
    """``text`` cut at the last whole word that fits in ``limit`` characters, with "…"."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut and not text[limit - 1].isspace():
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.-—") + "…"


def disk_full_text(folder: Path | str) -> str:
    return f"the disk holding {folder} is full; free some space and try again"


def os_error_text(exc: OSError, path: Path | str | None = None) -> str:
    """One line for a file operation that failed, in the user's words: a full disk, a place
    not allowed, or what the system said. ``path`` is the file meant (else the error's own)."""
    target = Path(path) if path is not None else Path(exc.filename) if exc.filename else None
    if exc.errno in _DISK_FULL:
        return disk_full_text(target.parent if target is not None else "this folder")
    reason = exc.strerror or str(exc)
    if exc.errno in _NOT_ALLOWED:
        return f"no permission for {target or 'that place'} ({reason})"
    return f"{reason}: {target}" if target is not None else reason
