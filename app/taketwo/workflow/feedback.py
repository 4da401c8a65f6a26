"""Bring a coach's feedback file into the library: what dropping it on the window and
``taketwo feedback import`` both do. The file is untrusted: its size is capped before it is
read, and :func:`~taketwo.storage.feedback.parse_feedback` checks it before the library sees it.
"""

from __future__ import annotations

from pathlib import Path

from taketwo.domain.formatting import os_error_text
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
        with open(path, "rb") as f:
            raw = f.read(MAX_FEEDBACK_BYTES + 1)
    except OSError as exc:
        raise FeedbackError(f"cannot read {path}: {os_error_text(exc, path)}") from None
    try:
        feedback = parse_feedback(raw)
    except FeedbackError as exc:
        raise FeedbackError(f"{path.name}: {exc}") from None
    return library.import_feedback(feedback)
