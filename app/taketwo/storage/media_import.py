"""Importing video or audio files the user already has as takes of a question.

The file is validated with PyAV first; one that isn't media, or is cut short, changes nothing.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from taketwo.domain import Take, TakeState, utc_now
from taketwo.files import fsync_dir
from taketwo.media.mp4 import is_fragmented
from taketwo.media.probe import MediaError, MediaInfo, probe
from taketwo.media.remux import finalize
from taketwo.storage.errors import LibraryError
from taketwo.storage.layout import (
    MEDIA_EXTENSIONS,
    ensure_private_dir,
    make_private,
)
from taketwo.storage.rows import insert_sql, take_values, to_json
from taketwo.storage.takes import TakesStore

# A file whose packets stop this much short of the length its header declares is cut short.
TRUNCATION_TOLERANCE = 0.3  # seconds, on top of 2% of the declared length


# Codecs of a single picture: FFmpeg reads a PNG renamed .mp4 as a one-frame "video".
STILL_IMAGE_CODECS = frozenset(
    {"png", "apng", "mjpeg", "jpeg2000", "jpegls", "bmp", "gif", "webp", "tiff", "qoi"}
    | {"ppm", "pgm", "pam", "pbm", "pcx", "sgi", "targa", "xbm", "xwd"}
)
MIN_TAKE_SECONDS = 0.2


def validate_media(src: Path) -> MediaInfo:
    """``src``'s media info, or a :class:`LibraryError` saying plainly why it can't be a take."""
    if not src.is_file():
        raise LibraryError(f"no such file: {src}")
    if src.suffix.lower() not in MEDIA_EXTENSIONS:
        raise LibraryError(
            f"{src.name} is not a video or audio file Take Two imports "
            f"({', '.join(sorted(MEDIA_EXTENSIONS))})"
        )
    try:
        declared = probe(src)
        measured = probe(src, exact=True)
    except MediaError:
        raise LibraryError(f"{src.name} is not a video or audio file Take Two can read") from None
    if not measured.has_audio and measured.video_codec in STILL_IMAGE_CODECS:
        raise LibraryError(
            f"{src.name} is a picture ({measured.video_codec}), not a recording; "
            "import a video or audio file"
        )
    if measured.duration < MIN_TAKE_SECONDS:
        raise LibraryError(
            f"{src.name} holds no playable audio or video "
            f"(it lasts {measured.duration:.2f} s; a take lasts at least {MIN_TAKE_SECONDS} s)"
        )
    if declared.duration - measured.duration > TRUNCATION_TOLERANCE + 0.02 * declared.duration:
        raise LibraryError(
            f"{src.name} is cut short: it should last {declared.duration:.1f} s "
            f"but holds only {measured.duration:.1f} s"
        )
    return measured


class MediaImportStore(TakesStore):
    def import_media(self, src: Path, question_id: int) -> Take:
        """Copy ``src`` into the question's folder as a new final take."""
        src = Path(src)
        info = validate_media(src)
        with self._reading() as conn:
            question = self._load_question(conn, question_id)
        if question.trashed:
            raise LibraryError(f"question {question_id} is in the trash; restore it first")
        folder = ensure_private_dir(self.layout.question_dir(question.folder, False))
        tmp = folder / f".import-{os.getpid()}-{src.name[:40]}.partial"
        try:
            with open(src, "rb") as fin, open(tmp, "wb") as fout:
                shutil.copyfileobj(fin, fout, 1 << 20)
                fout.flush()
                os.fsync(fout.fileno())
            if is_fragmented(tmp):
                finalize(tmp)  # a crash-left recording: import it as a normal MP4
            make_private(tmp)
            created = utc_now()
            with self._writing() as conn:
                number, name = self._free_name(conn, question_id, folder, created, src.suffix)
                take = Take(
                    question_id=question_id,
                    number=number,
                    file_name=name,
                    state=TakeState.FINAL,
                    duration=info.duration,
                    created=created,
                    devices={"imported_from": src.name},
                )
                values = {**take_values(take), "capture": to_json(_describe(info, src))}
                take.id = conn.execute(insert_sql("takes", values), values).lastrowid
                os.replace(tmp, folder / name)  # inside the transaction: no row without file
        finally:
            tmp.unlink(missing_ok=True)
        fsync_dir(folder)
        take.path = folder / name
        return take


def _describe(info: MediaInfo, src: Path) -> dict[str, object]:
    return {
        "imported": {
            "file": src.name,
            "video_codec": info.video_codec,
            "audio_codec": info.audio_codec,
            "width": info.width,
            "height": info.height,
            "fps": info.fps,
            "sample_rate": info.sample_rate,
        }
    }
