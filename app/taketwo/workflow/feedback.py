"""Bring a coach's feedback file into the library: what dropping it on the window and
``taketwo feedback import`` both do. The file is untrusted: its size is capped before it is
read, and :func:`~taketwo.storage.feedback.parse_feedback` checks it before the library sees it.
"""

from __future__ import annotations

from pathlib import Path

from taketwo.domain.formatting import os_error_text
from taketwo.files import NotAPlainFile, read_regular_file
from taketwo.storage import Library
from taketwo.storage.feedback import (
    MAX_FEEDBACK_BYTES,
    FeedbackError,
    FeedbackImport,
    parse_feedback,
)


def import_feedback_file(library: Library, path: Path) -> FeedbackImport:
    """Read, check and import one feedback file; nothing changes if any of it does not fit."""
    try:
        raw = read_regular_file(path, MAX_FEEDBACK_BYTES)  # a FIFO would hang a plain read
    except NotAPlainFile:
        raise FeedbackError(f"{path} is not a regular file; nothing was read") from None
    except OSError as exc:
        raise FeedbackError(f"cannot read {path}: {os_error_text(exc, path)}") from None
    try:
        feedback = parse_feedback(raw)
    except FeedbackError as exc:
        raise FeedbackError(f"{path.name}: {exc}") from None
    return library.import_feedback(feedback)
