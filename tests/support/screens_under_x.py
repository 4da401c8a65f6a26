"""Screenshots of the main screens under a real X server and window manager, light then dark
(run by tests/ui/test_screens_under_x.py inside xvfb-run with openbox). Beside the PNGs,
``places.json`` says where each screen's key controls ended up on the X screen.

    python -m tests.support.screens_under_x OUT_DIR
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from taketwo.domain.question import Question
from taketwo.settings import Settings
from taketwo.storage import Library
from taketwo.tasks.runner import TaskRunner
from taketwo.ui.shell import theme
from tests.support.debrief_screenshots import stock

STEP_MS = 500


def on_screen(widget: QWidget) -> list[int]:
    top_left = widget.mapToGlobal(QPoint(0, 0))
    rect = QRect(top_left, widget.size())
    return [rect.x(), rect.y(), rect.width(), rect.height(), int(widget.isVisible())]


def main(out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    theme.apply_theme("light")
    from taketwo.ui.shell.main_window import MainWindow

    places: dict[str, dict[str, list[int]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        library = Library.open(Path(tmp) / "library")
        interview_id = stock(library)
        question = library.add_question(
            Question(
                prompt="Tell me about a time you changed a team's mind with data.",
                key_points=["the decision at stake", "what the data showed", "what changed"],
                target_seconds=90,
            )
        )
        assert question.id is not None
        runner = TaskRunner()
        window = MainWindow(library, Settings(Path(tmp) / "settings.ini"), runner)
        window.showMaximized()  # the screen is 1366x768: the window fills it, as on a laptop
        window.use_devices("demo", "demo")
        rehearse = window.rehearse
        steps = [
            ("light", "welcome", lambda: window.stack.setCurrentWidget(window.welcome)),
            ("light", "library", lambda: window.show_screen(window.library_view)),
            ("light", "rehearse", lambda: window.rehearse_question(question.id)),
            ("light", "debrief", lambda: window.debrief_interview(interview_id)),
            ("dark", "rehearse", lambda: window.rehearse_question(question.id)),
            ("dark", "welcome", lambda: window.stack.setCurrentWidget(window.welcome)),
        ]
        keys = {
            "welcome": [window.welcome.add_button, window.welcome.skip_button],
            "library": [window.library_view.tree, window.library_view.new_button],
            "rehearse": [
                rehearse.preview,
                rehearse.camera_box,
                rehearse.mic_box,
                rehearse.countdown,
                rehearse.record,
            ],
            "debrief": [window.debrief.picker, window.debrief.tabs],
        }

        def shoot() -> None:
            scheme, name, show = steps.pop(0)
            if theme.current().scheme != scheme:
                theme.apply_theme(scheme)
            show()

            def grab() -> None:
                shot = f"{name}-{scheme}"
                window.screen().grabWindow(0).save(str(out / f"{shot}.png"))
                places[shot] = {w.accessibleName(): on_screen(w) for w in keys[name]}
                places[shot]["window"] = on_screen(window)
                if steps:
                    shoot()
                else:
                    finish()

            QTimer.singleShot(STEP_MS, grab)

        def finish() -> None:
            (out / "places.json").write_text(json.dumps(places, indent=1))
            window.close()
            app.quit()

        QTimer.singleShot(1200, shoot)  # the demo camera's first frames
        app.exec()
        runner.shutdown()
        library.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
