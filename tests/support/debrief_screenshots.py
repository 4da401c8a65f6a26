"""Screenshots of the Debrief screen, its note composer and its checklists, under a real X
server (run by tests/ui/test_debrief_screenshots.py inside xvfb-run, with openbox).

    python -m tests.support.debrief_screenshots OUT_DIR
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from taketwo.domain import Interview, Mistake
from taketwo.settings import Settings
from taketwo.storage import Library
from taketwo.tasks.runner import TaskRunner

SIZE = (1366, 768)
# A line edit's frame and its text margins, each side (Fusion: 2 px frame + 2 px margin).
FRAME_AND_MARGIN = 4


def stock(library: Library) -> int:
    today = dt.date.today()
    interview = library.add_interview(
        Interview(
            company="Northwind Analytics",
            role="Senior Data Engineer",
            date=today,
            time=dt.time(9, 30),
            stage="onsite",
            interviewers=["Ana Ruiz <ana.ruiz@northwind.example>", "Ben Okafor"],
            notes="Felt rushed in the second half.",
            note_topics="- their move from nightly batches to streaming\n- the on-call rota",
        )
    )
    assert interview.id is not None
    outage = library.add_mistake(
        Mistake(
            interview_id=interview.id,
            asked="Tell me about an outage you handled",
            what_went_wrong="I told the story but never said what I changed afterwards",
            meant="- the impact: 40 minutes of lost orders\n- the fix: idempotent retries\n"
            "- what I changed: alerts on queue depth",
            kind="omission",
        )
    )
    late = library.add_mistake(
        Mistake(
            interview_id=interview.id,
            asked="",
            what_went_wrong="Arrived 15 minutes late",
            kind="late",
        )
    )
    library.add_mistake(
        Mistake(
            interview_id=interview.id,
            asked="Why Northwind?",
            what_went_wrong="Spent too long on my first job",
            kind="irrelevant_detail",
        )
    )
    assert outage.id is not None
    assert late.id is not None
    library.triage_mistake(outage.id, True, today)
    library.triage_mistake(late.id, True, today)
    library.set_mistake_step(outage.id, "face", today)
    library.rehearse_mistake(outage.id)
    items = library.checklist(interview.id)
    for item in items[:3]:
        library.tick_checklist_item(interview.id, item.id, today)
    return interview.id


def line_edit_fits(window: QWidget) -> list[str]:
    """Every visible line edit on the Debrief whose text (or placeholder) is cut off."""
    cut = []
    for edit in window.debrief.findChildren(QLineEdit):
        if not edit.isVisibleTo(window):
            continue
        text = edit.text() or edit.placeholderText()
        room = edit.contentsRect().width() - 2 * FRAME_AND_MARGIN
        if edit.fontMetrics().horizontalAdvance(text) > room:
            cut.append(
                f"{edit.accessibleName()}: {text!r} needs "
                f"{edit.fontMetrics().horizontalAdvance(text)} px, has {room}"
            )
    return cut


def big_screen_geometry() -> bytes:
    """What a window 1900x1000 at (300, 200) on a bigger screen saved."""
    widget = QWidget()
    widget.setGeometry(300, 200, 1900, 1000)
    return bytes(widget.saveGeometry().data())


def main(out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setQuitOnLastWindowClosed(False)  # the light window closes before the dark one opens
    from taketwo.ui.shell.main_window import MainWindow
    from taketwo.ui.shell.theme import apply_theme

    report: dict[str, object] = {}
    with tempfile.TemporaryDirectory() as tmp:
        library = Library.open(Path(tmp) / "library")
        interview_id = stock(library)
        runner = TaskRunner()
        themes = ["light", "dark"]
        state: dict[str, MainWindow] = {}

        def open_window() -> None:
            theme = themes[0]
            apply_theme(theme)
            settings = Settings(Path(tmp) / f"{theme}.ini")
            if theme == "dark":  # a geometry saved on a bigger screen: restored, clamped
                settings.set("geometry", big_screen_geometry())
            window = MainWindow(library, settings, runner)
            state["window"] = window
            window.show()  # light: the first-start size, not maximised: it must not grow
            window.debrief_interview(interview_id)
            window.debrief.mistakes.list.setCurrentRow(0)
            QTimer.singleShot(500, tick)

        def tick() -> None:
            window = state["window"]
            for box in window.debrief.mistakes.steps.values():
                if not box.isChecked():
                    box.click()
            QTimer.singleShot(500, measure)

        def measure() -> None:
            window = state["window"]
            theme = themes.pop(0)
            available = window.screen().availableGeometry()
            frame = window.frameGeometry()
            report[theme] = {
                "available": [available.x(), available.y(), available.width(), available.height()],
                "frame": [frame.x(), frame.y(), frame.width(), frame.height()],
                "fits": available.contains(frame),
                "cut_line_edits": line_edit_fits(window),
            }
            window.screen().grabWindow(0).save(str(out / f"debrief-{theme}.png"))
            if theme == "light":
                window.debrief.tabs.grab().save(str(out / "note.png"))
                window.debrief.tabs.setCurrentIndex(1)
                QTimer.singleShot(300, lambda: after_checklist(window))
            else:
                window.close()
                finish()

        def after_checklist(window: MainWindow) -> None:
            window.debrief.tabs.grab().save(str(out / "checklist.png"))
            window.close()
            QTimer.singleShot(100, open_window)

        def finish() -> None:
            (out / "debrief-fit.json").write_text(json.dumps(report, indent=2), "utf-8")
            app.quit()

        QTimer.singleShot(300, open_window)
        app.exec()
        runner.shutdown()
        library.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
