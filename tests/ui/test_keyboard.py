"""The keyboard on the Debrief and in the dialogs: each mnemonic (Alt+letter) is bound once per
screen and dialog, Tab follows reading order, switching a tab moves focus into it, and Tab
leaves short multi-line fields; the coach-pack dialog forgets a clip's "Saved …" line."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QGroupBox,
    QLabel,
    QPlainTextEdit,
    QTabBar,
    QWidget,
)

from taketwo.domain import Interview, Mistake, Question, Take
from taketwo.ui.shell.main_window import MainWindow
from tests.support.ui_fixtures import show_active

MNEMONIC = re.compile(r"(?<!&)&([^&\s])")


def mnemonics(root: QWidget) -> list[tuple[str, str]]:
    """(letter, where) for every Alt+letter that ``root``'s controls bind."""
    found = []

    def add(text: str, where: str) -> None:
        for match in MNEMONIC.finditer(text):
            found.append((match.group(1).lower(), where))

    for widget in root.findChildren(QWidget):
        if isinstance(widget, QAbstractButton):
            add(widget.text(), f"button {widget.text()!r}")
        elif isinstance(widget, QLabel) and widget.buddy() is not None:
            add(widget.text(), f"label {widget.text()!r}")
        elif isinstance(widget, QGroupBox):
            add(widget.title(), f"group {widget.title()!r}")
        elif isinstance(widget, QTabBar):
            for i in range(widget.count()):
                add(widget.tabText(i), f"tab {widget.tabText(i)!r}")
    return found


def assert_unique(root: QWidget, name: str) -> list[str]:
    found = mnemonics(root)
    counts = Counter(letter for letter, _ in found)
    twice = {k: [w for letter, w in found if letter == k] for k, n in counts.items() if n > 1}
    assert not twice, f"{name}: Alt+letter bound more than once: {twice}"
    return sorted(letter for letter, _ in found)


@pytest.fixture
def window(qtbot, library, settings, runner):
    w = MainWindow(library, settings, runner)
    qtbot.addWidget(w)
    show_active(qtbot, w)
    yield w
    w.controller.close_devices()


def test_every_screen_binds_each_mnemonic_once(window):
    listed = {}
    for name in ("library_view", "rehearse", "review", "compare", "debrief", "progress", "welcome"):
        listed[name] = assert_unique(getattr(window, name), name)
    # The Debrief's, as a person would look them up.
    assert listed["debrief"] == sorted("abcdefghiklmnoprstuvwxy")


def test_every_dialog_binds_each_mnemonic_once(qtbot, library, settings, runner, tmp_path):
    from taketwo.ui.debrief.pick_question import PickQuestionDialog
    from taketwo.ui.library.question_dialog import QuestionDialog
    from taketwo.ui.library.trash_dialog import TrashDialog
    from taketwo.ui.playback.export_dialog import ExportDialog
    from taketwo.ui.shell.settings_dialog import SettingsDialog

    take = Take(question_id=1, number=1, file_name="t.mp4", id=1, path=tmp_path / "t.mp4")
    dialogs = {
        "settings": SettingsDialog(settings, [], [], your_name=("", lambda _n: None)),
        "export": ExportDialog(library, runner, take, "Why us?"),
        "question": QuestionDialog(60, mistakes=[(7, "Salary expectations")]),
        "pick question": PickQuestionDialog((Question(prompt="Why us?", id=1),)),
        "trash": TrashDialog(library),
    }
    for name, dialog in dialogs.items():
        qtbot.addWidget(dialog)
        assert_unique(dialog, name)


def focus_chain(start: QWidget, count: int) -> list[QWidget]:
    """Where Tab goes from ``start``: the next ``count`` controls that take focus by Tab."""
    out, widget = [], start
    while len(out) < count:
        widget = widget.nextInFocusChain()
        if widget is start:
            break
        if (
            widget.isVisible()
            and widget.isEnabled()
            and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
        ):
            out.append(widget)
    return out


def test_tab_follows_reading_order_and_a_switched_tab_takes_focus(qtbot, window, library):
    i = library.add_interview(Interview(company="Acme"))
    library.add_mistake(Mistake(asked="Why us?", interview_id=i.id))
    window.debrief_interview(i.id)
    debrief = window.debrief
    expected = [
        w
        for w in debrief.reading_order()
        if w.isVisible() and w.isEnabled() and w.focusPolicy() & Qt.FocusPolicy.TabFocus
    ]
    assert focus_chain(expected[0], len(expected) - 1) == expected[1:]

    debrief.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is debrief.checklist.tree, timeout=2000)
    debrief.tabs.setCurrentIndex(0)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is debrief.note.body, timeout=2000)


def test_triage_is_reachable_before_a_new_mistake_is_saved(qtbot, window, library):
    i = library.add_interview(Interview(company="Acme"))
    window.debrief_interview(i.id)
    panel = window.debrief.mistakes
    panel.new_mistake()
    qtbot.keyClicks(panel.asked, "Why us?")
    assert panel.triage_yes.isEnabled()
    assert panel.triage_yes in focus_chain(panel.asked, 6)
    panel.triage_yes.click()  # saves the mistake first, then triages it
    [saved] = library.list_mistakes(i.id)
    assert saved.asked == "Why us?"
    assert saved.do_or_die


def test_short_multi_line_fields_let_tab_move_on(window):
    boxes = [
        box
        for screen in (window.debrief, window.review)
        for box in screen.findChildren(QPlainTextEdit)
        if box.maximumHeight() < 200
    ]
    assert boxes
    for box in boxes:
        assert box.tabChangesFocus(), box.accessibleName()


def test_the_coach_pack_dialog_lets_tab_out_and_forgets_the_clips_result(
    qtbot, library, runner, tmp_path
):
    from taketwo.ui.playback.export_dialog import PACK, ExportDialog

    take = Take(question_id=1, number=1, file_name="t.mp4", id=1, path=tmp_path / "t.mp4")
    dialog = ExportDialog(library, runner, take, "Why us?")
    qtbot.addWidget(dialog)
    assert dialog.ask.tabChangesFocus()
    dialog._done(tmp_path / "clip.mp4")  # a clip was saved
    dialog.progress.show()
    assert dialog.status.text().startswith("Saved")
    dialog.mode.setCurrentIndex(dialog.mode.findData(PACK))
    assert dialog.status.text() == ""
    assert not dialog.progress.isVisibleTo(dialog)


def test_k_on_a_question_with_no_takes_is_not_praise(qtbot, window, library):
    from tests.support.library_sample import add_take

    q = library.add_question(Question(prompt="Why us?"))
    window.rehearse.set_question(q.id)
    window.rehearse.set_comfortable(True)
    assert "no takes yet" in window.rehearse.status.text()
    assert "Well done" not in window.rehearse.status.text()
    add_take(library, q.id, 4)
    window.rehearse.set_comfortable(True)
    assert window.rehearse.status.text() == "Marked comfortable. Well done."


def test_columns_keep_their_widths_and_ticks_do_not_widen_the_window(qtbot, window, library):
    import datetime as dt

    from PySide6.QtWidgets import QSplitter

    from taketwo.domain.recovery import Step

    today = dt.date.today()
    i = library.add_interview(Interview(company="Acme"))
    long = library.add_mistake(
        Mistake(
            asked="Tell me about a project that failed and what you would do differently now "
            "that you have had time to think about it properly",
            interview_id=i.id,
        )
    )
    library.add_mistake(Mistake(asked="Why us?", interview_id=i.id))
    library.rehearse_mistake(long.id)
    window.resize(1366, 740)
    window.debrief_interview(i.id)
    debrief = window.debrief
    split = debrief.findChild(QSplitter)
    panel = debrief.mistakes
    panel.list.setCurrentRow(1)
    qtbot.wait(20)
    sizes, minimum = split.sizes(), window.minimumSizeHint().width()
    panel.list.setCurrentRow(0)
    for step in Step:
        library.set_mistake_step(long.id, step, today)
    panel.reload()
    for box in panel.steps.values():
        assert box.isChecked()
    qtbot.wait(20)
    assert split.sizes() == sizes
    assert window.minimumSizeHint().width() <= minimum
    panel.list.setCurrentRow(1)
    qtbot.wait(20)
    assert split.sizes() == sizes
