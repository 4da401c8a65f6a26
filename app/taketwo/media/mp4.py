"""Looking inside an MP4 without decoding it."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO


def _top_level(f: BinaryIO, size_on_disk: int) -> Iterator[tuple[bytes, int, int]]:
    """(kind, offset, declared size) of each top-level box, up to the first one that does not
    fit in the file (its size runs past the end, or is impossible): the walk stops there.
    A header itself cut off is yielded with an empty kind."""
    offset = 0
    while offset < size_on_disk:
        f.seek(offset)
        header = f.read(16)
        size, kind = int.from_bytes(header[:4], "big"), header[4:8]
        if len(header) < 8 or (size == 1 and len(header) < 16):
            yield b"", offset, 16
            return
        if size == 1:
            size = int.from_bytes(header[8:16], "big")
        elif size == 0:  # "runs to the end of the file"
            size = size_on_disk - offset
        yield kind, offset, size
        if size < 8 or offset + size > size_on_disk:
            return
        offset += size


def is_fragmented(path: Path) -> bool:
    """Whether an MP4 is fragmented (``moof`` boxes, or ``mvex`` in its ``moov``)."""
    try:
        with open(path, "rb") as f:
            for kind, offset, size in _top_level(f, os.fstat(f.fileno()).st_size):
                if kind == b"moof":
                    return True
                if kind == b"moov":
                    f.seek(offset)
                    return b"mvex" in f.read(min(size, 1 << 20))
    except OSError:
        return False
    return False


def truncation(path: Path) -> str | None:
    """Why the MP4 at ``path`` is cut short, in the user's words, or None when its boxes are
    whole. A cut leaves a box whose declared size runs past the end of the file; a fragmented
    MP4 that was closed ends with its fragment index (``mfra``), which every fragmented MP4
    Take Two or ffmpeg writes carries, so one without it lost its last fragments. Files that
    are not MP4 (no ``ftyp`` first) are not judged here."""
    try:
        with open(path, "rb") as f:
            size_on_disk = os.fstat(f.fileno()).st_size
            kinds: list[bytes] = []
            for kind, offset, size in _top_level(f, size_on_disk):
                if not kinds and kind != b"ftyp":
                    return None
                if size < 8:
                    return f"its data is damaged at byte {offset}"
                if offset + size > size_on_disk:
                    return (
                        f"it ends inside its data ({size_on_disk - offset} of the "
                        f"{size} bytes of its last part are there)"
                    )
                kinds.append(kind)
    except OSError:
        return None  # unreadable files are the reader's to report
    if b"moof" in kinds and kinds[-1] != b"mfra":
        return "it stops after a fragment and was never closed"
    return None
