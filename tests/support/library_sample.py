"""A library that looks lived in: interviews, mistakes, questions with rated and starred takes.

Used by the Library screen's tests and its screenshots (``python -m tests.support.library_sample
OUT_DIR [WIDTHxHEIGHT]`` grabs the screen browsing and searching).
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path

from taketwo.domain import Interview, Mistake, Question
from taketwo.domain.interview import InterviewOutcome
from taketwo.domain.question import QuestionStatus
from taketwo.storage import Library

LONG_PROMPT = (
    "Tell me about a time you disagreed with your manager about a technical decision, what "
    "you did about it, and what you would do differently if it happened again tomorrow"
)


def add_take(
    library: Library, question_id: int, comfort: int | None, notes: str = "", starred=False
) -> int:
    take = library.begin_take(question_id, {})
    take.path.write_bytes(b"x")
    library.finish_take(take.id, 42.0 + 7 * (comfort or 0))
    if comfort is not None:
        library.rate_take(take.id, comfort)
    if notes:
        library.note_take(take.id, notes)
    if starred:
        library.star_take(take.id)
    return take.id


def stock(library: Library) -> dict[str, int]:
    """Fill ``library``; returns the ids a test may want, by name."""
    today = dt.date.today()
    acme = library.add_interview(
        Interview(
            company="Acme Robotics",
            role="Platform Engineer",
            date=today,
            notes="Panel of three; asked a lot about on-call & incident reviews",
        )
    )
    globex = library.add_interview(
        Interview(
            company="Globex",
            role="Data Engineer",
            date=today - dt.timedelta(days=12),
            outcome=InterviewOutcome.REJECTED,
        )
    )
    outage = library.add_mistake(
        Mistake(
            interview_id=acme.id,
            asked="Tell me about an outage you handled",
            what_went_wrong="Never said what I changed afterwards",
            do_or_die=True,
        )
    )
    library.add_mistake(
        Mistake(
            interview_id=globex.id,
            asked="Why do you want to leave your current job?",
            what_went_wrong="Sounded bitter about my manager",
            kind="delivery",
        )
    )
    from_mistake = library.add_question_from_mistake(outage.id)
    for comfort in (2, 3, 3, 4):
        add_take(library, from_mistake.id, comfort, starred=comfort == 4)
    long_one = library.add_question(Question(prompt=LONG_PROMPT, target_seconds=120))
    for comfort, notes in ((1, "froze after the first sentence"), (2, ""), (4, "")):
        add_take(library, long_one.id, comfort, notes)
    strength = library.add_question(Question(prompt="What is your greatest strength?"))
    for comfort in (4, 5, 4):
        add_take(library, strength.id, comfort)
    library.update_question(strength.id, status=QuestionStatus.COMFORTABLE)
    tricky = library.add_question(
        Question(prompt="How do you handle <b>tight</b> deadlines & scope?")
    )
    add_take(
        library, tricky.id, 3, notes="said <b>we</b> & <i>they</i> — mention the rollback plan"
    )
    library.add_question(Question(prompt="Where do you see yourself in five years?"))
    return {"acme": acme.id, "outage": outage.id, "long": long_one.id, "tricky": tricky.id}


def screenshots(out: Path, width: int, height: int) -> list[Path]:
    from PySide6.QtWidgets import QApplication

    from taketwo.settings import Settings
    from taketwo.tasks.runner import TaskRunner
    from taketwo.ui.shell.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv)
    out.mkdir(parents=True, exist_ok=True)
    shots = []
    with tempfile.TemporaryDirectory() as tmp:
        library = Library.open(Path(tmp) / "library")
        stock(library)
        runner = TaskRunner()
        window = MainWindow(library, Settings(Path(tmp) / "settings.ini"), runner)
        window.resize(width, height)
        window.show()
        window.show_screen(window.library_view)
        view = window.library_view
        deadline = dt.datetime.now() + dt.timedelta(seconds=5)
        while runner.busy and dt.datetime.now() < deadline:
            app.processEvents()
        app.processEvents()
        for name, text in (
            ("library", ""),
            ("library-search", "rollback"),
            ("library-search2", "tell"),
            ("library-nothing", "pineapple"),
        ):
            view.search.setText(text)
            while runner.busy and dt.datetime.now() < deadline:
                app.processEvents()
            app.processEvents()
            path = out / f"{name}-{width}x{height}.png"
            window.grab().save(str(path))
            shots.append(path)
        window.close()
        runner.shutdown()
        library.close()
    return shots


if __name__ == "__main__":
    size = sys.argv[2] if len(sys.argv) > 2 else "1366x768"
    w, h = (int(n) for n in size.split("x"))
    for shot in screenshots(Path(sys.argv[1]), w, h):
        print(shot)
