"""Keep PySide6's lost references to None, True and False from crashing Python 3.11.

The PySide6 6.12 wheels (abi3, built with Python 3.12+ headers, where these objects are immortal)
drop one reference to ``None`` on every void call (``setText``, ``setPosition``...) and one to
``True`` on every ``Signal.emit()`` when run by Python 3.11. After a few hundred emits the
interpreter dies with "Fatal Python error: bool_dealloc". Measured here; see the report.
Call :func:`protect_singletons` once, before the first Qt call; it does nothing on 3.12+.
"""

from __future__ import annotations

import ctypes
import sys

_MARGIN = 1 << 40  # more references than a process can lose in its lifetime
_done = False


def protect_singletons() -> bool:
    """Give ``None``, ``True`` and ``False`` references to spare; True if it was needed."""
    global _done
    if _done or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    for obj in (None, True, False):
        ctypes.c_ssize_t.from_address(id(obj)).value += _MARGIN
    _done = True
    return True
