"""Starting the desktop app: settings, the library (with its lock), the window."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from taketwo import __version__
from taketwo.domain.question import Question, QuestionSource
from taketwo.paths import resource_path
from taketwo.settings import Settings
from taketwo.storage import Library, LibraryError
from taketwo.tasks.runner import TaskRunner
from taketwo.ui.media_logging import quiet_media_logging

DESKTOP_ID = "io.github.taketwo.TakeTwo"  # packaging/linux/ names its files after it


def sample_question() -> Question:
    bank = json.loads(resource_path("question_bank.json").read_text(encoding="utf-8"))
    first = bank["questions"][0]
    return Question(
        prompt=first["prompt"],
        key_points=first["key_points"],
        target_seconds=first["target_seconds"],
        source=QuestionSource.BANK,
        bank_ref="question_bank.json#0",
    )


def starting_question(library: Library, settings: Settings) -> int:
    """The most recently used question, else the newest one, else a sample question."""
    questions = [s.question for s in library.list_questions()]
    ids = {q.id for q in questions}
    last = int(settings.get("last_question_id"))
    if last in ids:
        return last
    if questions and questions[-1].id is not None:
        return questions[-1].id
    added = library.add_question(sample_question())
    assert added.id is not None
    return added.id


def open_library(folder: Path | None) -> Library | str:
    try:
        return Library.open(folder, purpose="the Take Two window")
    except LibraryError as exc:
        return str(exc)


def run(args: argparse.Namespace) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Take Two")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("TakeTwo")
    quiet_media_logging()  # before the window imports QtMultimedia
    # Static, like the three above; instance() is typed QCoreApplication, which lacks these two.
    QGuiApplication.setDesktopFileName(DESKTOP_ID)  # Wayland matches the window to its entry
    QGuiApplication.setWindowIcon(QIcon(str(resource_path("icons", "taketwo.svg"))))
    settings = Settings()
    folder = args.library or settings.get("library") or None
    library = open_library(Path(folder).expanduser() if folder else None)
    if isinstance(library, str):
        QMessageBox.critical(None, "Take Two", f"The library could not be opened:\n\n{library}")
        print(f"taketwo: {library}", file=sys.stderr)
        return 1
    from taketwo.ui.main_window import MainWindow

    runner = TaskRunner()
    window = MainWindow(library, settings, runner)
    window.show()
    window.raise_()
    window.activateWindow()
    window.recover_interrupted()
    if args.camera or args.mic:
        window.rehearse_question(starting_question(library, settings))
        window.discover_devices((args.camera or "demo", args.mic or "demo"))
    else:
        window.discover_devices()
    try:
        return int(app.exec())
    finally:
        library.close()
