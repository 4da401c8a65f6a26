"""Questions in the Library: edited, linked to the mistake they came from, trashed, undone."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication, QTreeWidgetItemIterator

from taketwo.domain.mistake import Mistake
from taketwo.domain.question import Question, QuestionSource
from taketwo.ui.library.question_dialog import QuestionDialog
from taketwo.ui.library.view import ID, KIND
from taketwo.ui.shell.main_window import MainWindow
from tests.support.library_media import make_video
from tests.support.ui_fixtures import show_active


@pytest.fixture
def window(qtbot, library, settings, runner):
    w = MainWindow(library, settings, runner)
    qtbot.addWidget(w)
    show_active(qtbot, w)
    w.show_screen(w.library_view)
    yield w
    w.controller.close_devices()


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(QApplication.focusWidget(), key, modifier)


def choose(tree, item):
    tree.setCurrentItem(item, 0, QItemSelectionModel.SelectionFlag.ClearAndSelect)


def item_for(tree, kind, item_id):
    it = QTreeWidgetItemIterator(tree)
    while it.value():
        if it.value().data(0, KIND) == kind and it.value().data(0, ID) == item_id:
            return it.value()
        it += 1
    return None


def select_a_new_take(window, library, question):
    """Record a 1-s take of ``question``, and select its row in the Library."""
    take = library.begin_take(question.id, {})
    make_video(take.path, 1.0)
    library.finish_take(take.id, 1.0)
    view = window.library_view
    view.reload()
    item_for(view.tree, "question", question.id).setExpanded(True)
    choose(view.tree, item_for(view.tree, "take", take.id))
    return view, take


def test_delete_trashes_the_question_and_ctrl_z_brings_it_back(qtbot, window, library, question):
    view = window.library_view
    view.reload()
    choose(view.tree, item_for(view.tree, "question", question.id))
    view.tree.setFocus()
    press(qtbot, Qt.Key.Key_Delete)
    assert library.get_question(question.id).trashed
    assert item_for(view.tree, "question", question.id) is None
    assert view.message.isVisible()
    assert view.message.action.isVisible()
    press(qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert not library.get_question(question.id).trashed
    assert item_for(view.tree, "question", question.id) is not None


def test_delete_trashes_a_take_and_the_undo_button_restores_it(qtbot, window, library, question):
    view, take = select_a_new_take(window, library, question)
    view.tree.setFocus()
    press(qtbot, Qt.Key.Key_Delete)
    assert library.list_takes(question.id) == []
    assert not library.get_question(question.id).trashed
    view.message.action.click()
    assert [t.id for t in library.list_takes(question.id)] == [take.id]


def test_the_context_menu_offers_edit_and_trash(qtbot, window, library, question):
    view = window.library_view
    view.reload()
    item = item_for(view.tree, "question", question.id)
    choose(view.tree, item)
    actions = view.context_menu(item).actions()
    assert any(a.text().startswith("Edit question") for a in actions)
    next(a for a in actions if a.text().startswith("Move to trash")).trigger()
    assert library.get_question(question.id).trashed


def test_f2_edits_a_question_and_links_it_to_its_mistake_with_undo(
    qtbot, window, library, question, monkeypatch
):
    mistake = library.add_mistake(Mistake(asked="Why did you leave your last job?"))
    seen = {}

    def fill(dialog):
        seen["title"] = dialog.windowTitle()
        seen["prompt"] = dialog.prompt.toPlainText()
        dialog.prompt.setPlainText("Why are you leaving your current job?")
        dialog.mistake.setCurrentIndex(dialog.mistake.findData(mistake.id))
        return 1

    monkeypatch.setattr(QuestionDialog, "exec", fill)
    view = window.library_view
    view.reload()
    choose(view.tree, item_for(view.tree, "question", question.id))
    view.tree.setFocus()
    press(qtbot, Qt.Key.Key_F2)
    assert seen == {"title": "Edit question", "prompt": "Why do you want this job?"}
    edited = library.get_question(question.id)
    assert edited.prompt == "Why are you leaving your current job?"
    assert edited.mistake_id == mistake.id
    assert edited.source is QuestionSource.MISTAKE
    assert edited.key_points == ["the product", "the team"], "untouched fields are kept"
    item = item_for(view.tree, "question", question.id)
    assert item.parent().data(0, KIND) == "mistake", "listed under the mistake it came from"
    view.tree.setFocus()
    press(qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    back = library.get_question(question.id)
    assert (back.prompt, back.mistake_id, back.source) == (
        "Why do you want this job?",
        None,
        QuestionSource.FREE,
    )


def test_an_edited_question_shows_at_once_in_rehearse(
    qtbot, window, library, question, monkeypatch
):
    window.rehearse_question(question.id)

    def fill(dialog):
        dialog.prompt.setPlainText("Why do you want to work here?")
        return 1

    monkeypatch.setattr(QuestionDialog, "exec", fill)
    window.edit_question(question.id)
    assert window.rehearse.prompt.text() == "Why do you want to work here?"
    assert "Why do you want to work here?" in window.windowTitle()


def test_unlinking_a_question_made_from_a_mistake(qtbot, library):
    mistake = library.add_mistake(Mistake(asked="Where do you see yourself?"))
    question = library.add_question_from_mistake(mistake.id)
    dialog = QuestionDialog(
        60, mistakes=[(mistake.id, "Where do you see yourself?")], editing=question
    )
    qtbot.addWidget(dialog)
    assert dialog.mistake.currentData() == mistake.id
    dialog.mistake.setCurrentIndex(0)
    edited = dialog.question()
    assert edited is not None
    assert (edited.mistake_id, edited.source) == (None, QuestionSource.FREE)


def test_new_question_dialog_can_link_a_mistake(qtbot):
    dialog = QuestionDialog(60, mistakes=[(7, "Salary expectations")])
    qtbot.addWidget(dialog)
    dialog.prompt.setPlainText("What salary do you expect?")
    dialog.mistake.setCurrentIndex(1)
    made = dialog.question()
    assert isinstance(made, Question)
    assert (made.mistake_id, made.source) == (7, QuestionSource.MISTAKE)


def test_rehearse_works_from_a_selected_take_too(qtbot, window, library, question):
    """A take row stands for its question: Rehearse (enabled) rehearses that question."""
    view, _take = select_a_new_take(window, library, question)
    assert view.rehearse_button.isEnabled()
    with qtbot.waitSignal(view.question_activated) as rehearsed:
        view.rehearse_button.click()
    assert rehearsed.args == [question.id]
    view.tree.clearSelection()
    assert not view.rehearse_button.isEnabled()
