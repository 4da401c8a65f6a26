"""Starting the desktop app: settings, the library (with its lock), the window."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QGuiApplication, QIcon, QWindow
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from taketwo import __version__
from taketwo.paths import resource_path
from taketwo.settings import Settings
from taketwo.storage import Library, LibraryError
from taketwo.tasks.runner import TaskRunner
from taketwo.ui.shell.media_logging import quiet_media_logging
from taketwo.ui.shell.termination import close_on_termination
from taketwo.ui.shell.theme import apply_theme, chosen_mode
from taketwo.ui.shell.welcome import sample_question
from taketwo.ui.widgets.plain_text import show_message

__all__ = ["run", "sample_question", "starting_question"]

DESKTOP_ID = "io.github.taketwo.TakeTwo"  # packaging/linux/ names its files after it


def starting_question(library: Library, settings: Settings) -> int | None:
    """The most recently used question, else the newest one; None on an empty library (the
    first-start screen offers samples there, rather than saving one as the user's)."""
    questions = [s.question for s in library.list_questions()]
    ids = {q.id for q in questions}
    last = int(settings.get("last_question_id"))
    if last in ids:
        return last
    if questions and questions[-1].id is not None:
        return questions[-1].id
    return None


class _FirstExpose(QObject):
    """Calls ``then`` once, on the next event-loop turn after ``window`` is first on screen."""

    def __init__(self, window: QWidget, then: Callable[[], None]) -> None:
        super().__init__(window)
        self._then = then
        handle = window.windowHandle()
        if handle is None or handle.isExposed():
            QTimer.singleShot(0, then)
        else:
            handle.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        exposed = isinstance(watched, QWindow) and watched.isExposed()
        if event.type() == QEvent.Type.Expose and exposed:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._then)
        return False


def after_exposed(window: QWidget, then: Callable[[], None]) -> None:
    """Run ``then`` once ``window`` is on screen, so work it starts (threads that import
    OpenCV, a screen built) cannot hold the window back."""
    _FirstExpose(window, then)


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
        show_message(
            None,
            "Take Two",
            f"The library could not be opened:\n\n{library}",
            QMessageBox.Icon.Critical,
        )
        print(f"taketwo: {library}", file=sys.stderr)
        return 1
    apply_theme(chosen_mode(settings.get("theme")))
    from taketwo.ui.shell.main_window import MainWindow

    runner = TaskRunner()
    window = MainWindow(library, settings, runner)
    welcome = window.first_start()
    if (args.camera or args.mic) and not welcome:
        question_id = starting_question(library, settings)
        if question_id is not None:
            window.rehearse_question(question_id)
    window.show()
    window.raise_()
    window.activateWindow()
    close_on_termination(window)

    def after_showing() -> None:
        """Work that need not hold the window back: its threads would compete with it."""
        window.recover_interrupted()
        if args.camera or args.mic:
            window.discover_devices((args.camera or "demo", args.mic or "demo"))
        else:
            window.discover_devices()

    after_exposed(window, after_showing)
    try:
        return int(app.exec())
    finally:
        library.close()
