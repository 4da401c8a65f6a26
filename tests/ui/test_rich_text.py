"""Text from data is drawn as text, never as Qt rich text: with markup in every text field
(an ``<img>`` naming a file outside the library), no label showing data is rich text, no
tooltip passes the markup on, and no screen opens the file the markup names."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QListWidget, QTreeWidget, QWidget

from taketwo.settings import Settings
from taketwo.storage import Library
from taketwo.ui.shell.main_window import MainWindow
from tests.support.hostile_library import HostileIds, fill_library
from tests.support.needs import require

REPO = Path(__file__).parents[2]


def markup(marker: Path) -> str:
    return f'<img src="{marker}" width="400" height="400"><b>bold</b>&amp;'


def visit_every_screen(window: MainWindow, ids: HostileIds) -> None:
    window.show()
    for step in (
        lambda: window.show_screen(window.library_view),
        lambda: window.rehearse_question(ids.question),
        lambda: window.review_take(ids.take),
        lambda: window.compare_takes(ids.take - 1, ids.take),
        lambda: window.debrief_interview(ids.interview),
        lambda: (window.show_screen(window.progress), window.progress.show_question(ids.question)),
        lambda: window.stack.setCurrentWidget(window.welcome),
    ):
        step()
        QApplication.processEvents()
        window.grab()  # draws every label: rich text would load its images here


def open_every_dialog(window: MainWindow, ids: HostileIds, text: str) -> list[QWidget]:
    """The dialogs that show data, each filled with ``text`` and drawn once; the question is
    trashed last, for the Trash dialog to list it."""
    from taketwo.ui.library.question_dialog import QuestionDialog
    from taketwo.ui.library.trash_dialog import TrashDialog
    from taketwo.ui.shell.settings_dialog import SettingsDialog

    library = window.library
    dialogs: list[QWidget] = [
        QuestionDialog(
            60,
            window,
            mistakes=[(ids.mistake, text)],
            editing=library.get_question(ids.question),
        ),
        SettingsDialog(
            window.settings,
            [("demo", text)],
            [("demo", text)],
            window,
            library_in_use=Path(text),
            your_name=(text, lambda _name: None),
        ),
    ]
    library.trash_question(ids.question)
    dialogs.append(TrashDialog(library, window))
    for dialog in dialogs:
        dialog.show()
        QApplication.processEvents()
        dialog.grab()  # draws every label: rich text would load its images here
    return dialogs


def rich_data(window: QWidget, needle: str) -> list[str]:
    """Every label and tooltip that shows ``needle`` (raw markup) as rich text."""
    found = []
    for label in window.findChildren(QLabel):
        if needle in label.text() and label.textFormat() != Qt.TextFormat.PlainText:
            where = type(label.parent()).__name__
            found.append(f"label {label.objectName() or label.text()[:40]!r} in {where}")
    for widget in [window, *window.findChildren(QWidget)]:
        if needle in widget.toolTip():
            found.append(f"tooltip of {type(widget).__name__}")
    for tree in window.findChildren(QTreeWidget):
        stack = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
        while stack:
            item = stack.pop()
            stack.extend(item.child(i) for i in range(item.childCount()))
            found.extend(
                f"tooltip of a {type(tree).__name__} row"
                for c in range(tree.columnCount())
                if needle in item.toolTip(c)
            )
    for view in window.findChildren(QListWidget):
        found.extend(
            f"tooltip of a {type(view).__name__} item"
            for i in range(view.count())
            if needle in view.item(i).toolTip()
        )
    return found


@pytest.fixture
def hostile_window(qtbot, tmp_path, runner):
    marker = tmp_path / "outside" / "marker.png"
    folder = tmp_path / "library"
    ids = fill_library(folder, markup(marker))
    library = Library.open(folder)
    window = MainWindow(library, Settings(tmp_path / "settings.ini"), runner)
    qtbot.addWidget(window)
    yield window, ids
    window.review.close()
    window.compare.close()
    library.close()


def test_no_label_or_tooltip_draws_data_as_rich_text(hostile_window):
    window, ids = hostile_window
    visit_every_screen(window, ids)
    found = rich_data(window, "<img src=")
    assert not found, "\n".join(found)
    for dialog in open_every_dialog(window, ids, markup(Path("/nowhere/marker.png"))):
        found = rich_data(dialog, "<img src=")
        assert not found, f"{type(dialog).__name__}: " + "\n".join(found)
        dialog.close()


WALK = """
import sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
from taketwo.settings import Settings
from taketwo.storage import Library
from taketwo.tasks.runner import TaskRunner
from taketwo.ui.shell.main_window import MainWindow
from tests.support.hostile_library import fill_library
from tests.ui.test_rich_text import markup, open_every_dialog, visit_every_screen

base, marker = Path(sys.argv[1]), Path(sys.argv[2])
app = QApplication([])
ids = fill_library(base / "library", markup(marker))
runner = TaskRunner()
with Library.open(base / "library") as library:
    window = MainWindow(library, Settings(base / "settings.ini"), runner)
    visit_every_screen(window, ids)
    for dialog in open_every_dialog(window, ids, markup(marker)):
        dialog.close()
    window.review.close()
    window.compare.close()
    window.close()
runner.shutdown()
print("walked")
"""


def test_no_screen_opens_a_file_that_markup_names(tmp_path):
    require(shutil.which("strace") is not None, "strace, to watch which files are opened")
    marker = tmp_path / "outside" / "marker.png"
    marker.parent.mkdir()
    marker.write_bytes(b"\x89PNG\r\n\x1a\n")
    log = tmp_path / "opens.log"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": os.pathsep.join(sys.path)}
    proc = subprocess.run(
        [
            "strace",
            "-f",
            "-qq",
            "-e",
            "trace=open,openat,stat,newfstatat,statx,access",
            "-o",
            str(log),
            sys.executable,
            "-c",
            WALK,
            str(tmp_path),
            str(marker),
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "walked" in proc.stdout
    touched = [line for line in log.read_text().splitlines() if "marker.png" in line]
    assert touched == [], touched[:5]
