"""Screenshots of Review and Compare, empty and with takes loaded, at 1366x768 under a real X
server (run by tests/ui/test_playback_screenshots.py inside xvfb-run, with openbox).

    python -m tests.support.playback_screenshots LIBRARY_FOLDER OUT_DIR TAKE_ID TAKE_ID
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from taketwo.settings import Settings
from taketwo.storage import Library
from taketwo.tasks.runner import TaskRunner

SIZE = (1366, 768)
SETTLE_MS = 700  # frames decoded and painted before the shot


def main(folder: Path, out: Path, first: int, second: int) -> int:
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    from taketwo.ui.shell.main_window import MainWindow

    library = Library.open(folder)
    library.rate_take(first, 2)
    library.note_take(first, "Rushed the ending; never said what I changed afterwards.")
    library.rate_take(second, 4)
    library.note_take(second, "Calmer. Said the result first.")
    with tempfile.TemporaryDirectory() as tmp:
        runner = TaskRunner()
        window = MainWindow(library, Settings(Path(tmp) / "settings.ini"), runner)
        window.resize(*SIZE)
        window.showMaximized()  # the screen is 1366x768: the window fills it, as on a laptop

        def shot(name: str) -> Callable[[], None]:
            return lambda: window.screen().grabWindow(0).save(str(out / f"{name}.png"))

        steps: list[tuple[Callable[[], object], int]] = [
            (lambda: window.show_screen(window.review), SETTLE_MS),
            (shot("review-empty"), 0),
            (lambda: window.show_screen(window.compare), SETTLE_MS),
            (shot("compare-empty"), 0),
            (lambda: window.review_take(second), SETTLE_MS),
            (lambda: window.review.player.seek(1.2), SETTLE_MS),
            (shot("review"), 0),
            (lambda: window.compare_takes(first, second), SETTLE_MS),
            (lambda: window.compare.seek(1.2), SETTLE_MS),
            (shot("compare"), 0),
            (lambda: window.compare.details_button.setChecked(True), SETTLE_MS),
            (shot("compare-details"), 0),
        ]

        def run_next() -> None:
            if not steps:
                window.close()
                app.quit()
                return
            step, wait = steps.pop(0)
            step()
            QTimer.singleShot(wait, run_next)

        done = 0

        def analysed(*_: object) -> None:
            nonlocal done
            done += 1
            if done == 2:
                QTimer.singleShot(0, run_next)

        window.analyzer.finished.connect(analysed)
        window.analyzer.failed.connect(analysed)
        window.analyzer.analyze(first)
        window.analyzer.analyze(second)
        app.exec()
        runner.shutdown()
        library.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])))
