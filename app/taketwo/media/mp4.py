"""Looking inside an MP4 without decoding it."""

from __future__ import annotations

import os
from pathlib import Path


def is_fragmented(path: Path) -> bool:
    """Whether an MP4 is fragmented (``moof`` boxes, or ``mvex`` in its ``moov``)."""
    try:
        with open(path, "rb") as f:
            size_on_disk = os.fstat(f.fileno()).st_size
            offset = 0
            while offset + 8 <= size_on_disk:
                f.seek(offset)
                header = f.read(16)
                size, kind = int.from_bytes(header[:4], "big"), header[4:8]
                if size == 1 and len(header) >= 16:
                    size = int.from_bytes(header[8:16], "big")
                elif size == 0:
                    size = size_on_disk - offset
                if kind == b"moof":
                    return True
                if kind == b"moov":
                    return b"mvex" in f.read(min(size, 1 << 20))
                if size < 8:
                    return False
                offset += size
    except OSError:
        return False
    return False
