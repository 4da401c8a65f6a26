"""Turning a take's fragmented MP4 into a normal one, by stream copy (no re-encode).

The recorder writes fragmented MP4 so a crash loses at most the last fragment. A clean stop,
or recovery after a crash, copies the packets into a faststart MP4 beside it and atomically
replaces the original, so the take's path never holds a half-written file.
"""

from __future__ import annotations

import os
from pathlib import Path

from taketwo.files import create_private, fsync_dir
from taketwo.media.probe import MediaError


def _copy_packets(src: Path, dst: Path) -> int:
    """Copy every readable packet; a torn final fragment ends the copy instead of failing it."""
    import av  # when first used: the app starts without FFmpeg's libraries

    copied = 0
    create_private(dst)
    with (
        av.open(str(src)) as inp,
        av.open(str(dst), "w", format="mp4", options={"movflags": "+faststart"}) as out,
    ):
        mapping = {}
        for stream in inp.streams:
            if stream.type in ("video", "audio"):
                mapping[stream.index] = out.add_stream_from_template(stream)
        if not mapping:
            raise MediaError(f"{src.name} holds no audio or video")
        try:
            for packet in inp.demux(*[inp.streams[i] for i in mapping]):
                if packet.dts is None:  # the demuxer's end-of-stream marker
                    continue
                if packet.is_corrupt:  # cut short by the tear: a partial frame decodes to junk
                    continue
                packet.stream = mapping[packet.stream.index]
                out.mux(packet)
                copied += 1
        except av.error.InvalidDataError:
            pass  # truncated by a crash: keep everything before the tear
    return copied


def finalize(src: str | Path, dst: str | Path | None = None) -> Path:
    """Stream-copy ``src`` into a faststart MP4 at ``dst`` (default: replace ``src``) atomically."""
    import av

    src = Path(src)
    dst = Path(dst) if dst is not None else src
    tmp = dst.with_name(f".{dst.name}.finalizing")
    try:
        try:
            copied = _copy_packets(src, tmp)
        except av.FFmpegError as exc:
            if isinstance(exc, OSError) and exc.errno not in (None, 0) and tmp.exists():
                raise  # writing failed (disk full, permissions): not the source's fault
            raise MediaError(f"cannot read {src.name}: {exc}") from exc
        if copied == 0:
            raise MediaError(f"{src.name} holds no complete fragment")
        with open(tmp, "rb") as f:
            os.fsync(f.fileno())
        os.replace(tmp, dst)
    finally:
        tmp.unlink(missing_ok=True)
    fsync_dir(dst.parent)
    return dst
