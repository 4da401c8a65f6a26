"""Screenshots of the Debrief screen, its note composer and its checklists, under a real X
server (run by tests/ui/test_debrief_screenshots.py inside xvfb-run, with openbox).

    python -m tests.support.debrief_screenshots OUT_DIR
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from taketwo.domain import Interview, Mistake
from taketwo.settings import Settings
from taketwo.storage import Library
from taketwo.tasks.runner import TaskRunner

SIZE = (1366, 768)


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
            notes="- their move from nightly batches to streaming\n- the on-call rota\n"
            "Felt rushed in the second half.",
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


def main(out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    from taketwo.ui.shell.main_window import MainWindow

    with tempfile.TemporaryDirectory() as tmp:
        library = Library.open(Path(tmp) / "library")
        interview_id = stock(library)
        runner = TaskRunner()
        window = MainWindow(library, Settings(Path(tmp) / "settings.ini"), runner)
        window.resize(*SIZE)
        window.showMaximized()  # the screen is 1366x768: the window fills it, as on a laptop
        window.debrief_interview(interview_id)
        debrief = window.debrief
        debrief.mistakes.list.setCurrentRow(0)
        shots = [("debrief", 0), ("note", 0), ("checklist", 1)]

        def shoot() -> None:
            name, tab = shots.pop(0)
            debrief.tabs.setCurrentIndex(tab)
            QTimer.singleShot(
                300,
                lambda: (
                    # The whole screen as X shows it (window frame included), or the tabs alone.
                    (
                        window.screen().grabWindow(0) if name == "debrief" else debrief.tabs.grab()
                    ).save(str(out / f"{name}.png")),
                    shoot() if shots else finish(),
                ),
            )

        def finish() -> None:
            window.close()
            app.quit()

        QTimer.singleShot(800, shoot)
        app.exec()
        runner.shutdown()
        library.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
