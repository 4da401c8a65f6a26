"""A coach's feedback file dropped on the window: imported, then shown on Review."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData
from PySide6.QtWidgets import QMessageBox, QWidget

from taketwo.storage import Library, LibraryError
from taketwo.tasks.events import Change, library_events
from taketwo.ui.widgets.plain_text import show_message
from taketwo.workflow.feedback import import_feedback_file

if TYPE_CHECKING:
    from taketwo.ui.playback.review import ReviewScreen


def feedback_files(mime: QMimeData) -> list[Path]:
    """The dropped files when every one is a local ``.json`` file, else none."""
    urls = mime.urls()
    if urls and all(u.isLocalFile() and u.toLocalFile().lower().endswith(".json") for u in urls):
        return [Path(u.toLocalFile()) for u in urls]
    return []


def import_feedback(
    library: Library,
    path: Path,
    parent: QWidget,
    review: Callable[[], ReviewScreen],
    review_take: Callable[[int], None],
) -> None:
    """Import ``path`` and show its first take's comments; a refusal is one message."""
    try:
        result = import_feedback_file(library, path)
    except LibraryError as exc:
        show_message(parent, "Coach feedback", f"Nothing was imported. {exc}")
        return
    if not result.takes:
        show_message(
            parent,
            "Coach feedback",
            f"{path.name} holds no comments.",
            QMessageBox.Icon.Information,
        )
        return
    events = library_events(library)
    for take_id in result.takes:
        events.announce(Change.FEEDBACK, take_id)  # Review redraws its comments if it shows one
    screen = review()
    if screen.take_id not in result.takes:
        review_take(result.takes[0])
    takes = ", ".join(str(t) for t in result.takes)
    screen.message.say(f"Imported {result.comments} coach comments on take(s) {takes}.")
