"""How long work (export, pack, analysis, import, opening devices) reports progress and stops.

One vocabulary for every layer: the work calls ``progress(fraction, text)`` now and then and
stops, leaving nothing behind, once it returns False, raising :class:`Cancelled`. The task
runner hands its jobs a ``Progress``; the command line hands one that watches Ctrl+C.
"""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[float, str], bool]  # fraction 0..1, what is happening -> keep going?


class Cancelled(Exception):
    """The progress callback asked to stop; the work left nothing behind."""

    def __init__(self, what: str = "cancelled") -> None:
        super().__init__(what)


def keep_going(fraction: float, text: str) -> bool:
    """The progress of work nobody watches: never stops it."""
    return True
