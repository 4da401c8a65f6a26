"""The whole window: question → takes with Space → rate → compare → comfortable."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeWidgetItemIterator

from taketwo.domain.question import Question, QuestionStatus
from taketwo.domain.take import TakeState
from taketwo.ui.library.question_dialog import QuestionDialog
from taketwo.ui.library.view import ID, KIND, Col
from taketwo.ui.rehearse.recorder_controller import RecState
from taketwo.ui.shell.main_window import MainWindow
from taketwo.ui.widgets.comfort_trend import TREND
from tests.support.waits import wait_recorded


@pytest.fixture
def window(qtbot, library, settings, runner):
    w = MainWindow(library, settings, runner)
    qtbot.addWidget(w)
    w.show()
    yield w
    w.controller.close_devices()


def items(tree, kind):
    found = []
    it = QTreeWidgetItemIterator(tree)
    while it.value():
        if it.value().data(0, KIND) == kind:
            found.append(it.value())
        it += 1
    return found


def record(qtbot, window):
    rehearse = window.rehearse
    qtbot.keyClick(rehearse, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: window.controller.state is RecState.RECORDING, timeout=5000)
    wait_recorded(qtbot, window.controller, 1.2)
    with qtbot.waitSignal(rehearse.take_saved, timeout=15000) as saved:
        qtbot.keyClick(rehearse, Qt.Key.Key_Space)
    return saved.args[0]


def test_question_takes_rating_compare_and_comfortable(qtbot, window, library, monkeypatch):
    def fill(dialog):
        dialog.prompt.setPlainText("What is your biggest weakness?")
        dialog.points.setPlainText("a real one\nwhat you do about it")
        dialog.target.setValue(30)
        return 1

    monkeypatch.setattr(QuestionDialog, "exec", fill)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.rehearse
    question = window.rehearse.question
    assert question.prompt == "What is your biggest weakness?"
    assert window.windowTitle().startswith("Take Two")

    window.use_devices("demo", "demo")
    qtbot.waitUntil(lambda: window.controller.state is RecState.PREVIEW, timeout=10000)
    first = record(qtbot, window)
    qtbot.keyClick(window.rehearse, Qt.Key.Key_4)
    second = record(qtbot, window)
    qtbot.keyClick(window.rehearse, Qt.Key.Key_5)
    takes = library.list_takes(question.id)
    assert [t.id for t in takes] == [first, second]
    assert [t.comfort for t in takes] == [4, 5]
    assert all(t.path.exists() and t.state is TakeState.FINAL for t in takes)

    third = record(qtbot, window)
    qtbot.keyClick(window.rehearse, Qt.Key.Key_4)
    assert "mark this question comfortable" in window.rehearse.status.text()

    window.library_view.reload()
    question_item = next(
        i for i in items(window.library_view.tree, "question") if i.data(0, ID) == question.id
    )
    assert question_item.text(1) == "3"
    question_item.setExpanded(True)
    take_items = items(window.library_view.tree, "take")
    assert {i.data(0, ID) for i in take_items} == {first, second, third}
    assert question_item.text(Col.COMFORT) == "4→4"
    assert question_item.data(Col.COMFORT, TREND) == [4, 5, 4]

    for item in take_items[:2]:
        item.setSelected(True)
    window.library_view.compare_button.click()
    assert window.stack.currentWidget() is window.compare
    assert {t.id for t in window.compare.takes} == {first, second}

    window.show_screen(window.rehearse)
    qtbot.keyClick(window.rehearse, Qt.Key.Key_K)
    assert library.get_question(question.id).status is QuestionStatus.COMFORTABLE


def test_an_empty_library_says_how_to_begin(window):
    assert window.library_view.empty.isVisible()
    assert "Ctrl+N" in window.library_view.empty.text()


def test_ctrl_q_finishes_the_take_in_progress_before_quitting(qtbot, window, library):
    question = library.add_question(Question(prompt="Tell me about yourself"))
    window.rehearse_question(question.id)
    window.use_devices("demo", "demo")
    qtbot.waitUntil(lambda: window.controller.state is RecState.PREVIEW, timeout=10000)
    qtbot.keyClick(window.rehearse, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: window.controller.state is RecState.RECORDING, timeout=5000)
    wait_recorded(qtbot, window.controller, 1.3)  # past a second: shorter takes are refused
    window.close()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=15000)
    [take] = library.list_takes(question.id)
    assert take.state is TakeState.FINAL
    assert take.path.exists()


def test_a_library_with_thousands_of_takes_lists_counts_and_opens_a_question(
    qtbot, window, library
):
    for q in range(40):
        question = library.add_question(Question(prompt=f"Question number {q}"))
        for _ in range(50):
            take = library.begin_take(question.id, {})
            take.path.write_bytes(b"")
            library.finish_take(take.id, 12.0)
    window.library_view.reload()
    questions = items(window.library_view.tree, "question")
    assert len(questions) == 40
    assert {i.text(1) for i in questions} == {"50"}
    questions[7].setExpanded(True)
    assert questions[7].childCount() == 50


def test_first_start_window_fits_a_1366x768_desktop():
    from PySide6.QtCore import QSize

    from taketwo.ui.shell.main_window import first_size

    size = first_size(QSize(1366, 740))  # 768 less a panel
    assert size.width() <= 1366
    assert size.height() <= 740 - 40
    assert first_size(QSize(2560, 1400)) == QSize(1200, 780)


def test_ctrl_3_right_after_a_take_reviews_that_take(qtbot, window, library):
    question = library.add_question(Question(prompt="Why this team?"))
    window.rehearse_question(question.id)
    window.use_devices("demo", "demo")
    qtbot.waitUntil(lambda: window.controller.state is RecState.PREVIEW, timeout=10000)
    first = record(qtbot, window)
    window.review_take(first)  # Review holds an older take when the next one is recorded
    window.show_screen(window.rehearse)
    second = record(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.review
    assert window.review.take.id == second
    window.review_take(first)  # asked for by name, an older take still opens
    assert window.review.take.id == first
