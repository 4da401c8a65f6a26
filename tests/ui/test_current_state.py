"""State that is always current: every view showing a fact updates when the fact changes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from taketwo.domain.formatting import elide_words, length_text
from taketwo.domain.question import Question
from taketwo.domain.take import TakeState
from taketwo.media.mp4 import is_fragmented
from taketwo.ui.library.trash_dialog import TrashDialog
from taketwo.ui.library.view import ID, KIND, Col
from taketwo.ui.playback.review import ReviewScreen
from taketwo.ui.playback.take_facts import comfort_text
from taketwo.ui.rehearse.recorder_controller import RecorderController, RecState
from taketwo.ui.rehearse.screen import SAVING, RehearseScreen
from taketwo.ui.shell.main_window import MainWindow
from taketwo.ui.shell.settings_dialog import SettingsDialog
from tests.support.library_media import ffprobe_duration, make_video
from tests.support.ui_fixtures import show_active


def finished_take(library, question, seconds=1.5):
    take = library.begin_take(question.id, {"camera": "demo", "microphone": "demo"})
    make_video(take.path, seconds)
    return library.finish_take(take.id, seconds)


@pytest.fixture
def screen(qtbot, library, settings, runner, question):
    controller = RecorderController(runner)
    widget = RehearseScreen(library, controller, settings)
    qtbot.addWidget(widget)
    widget.set_question(question.id)
    widget.show()
    yield widget
    controller.close_devices()


@pytest.fixture
def window(qtbot, library, settings, runner):
    w = MainWindow(library, settings, runner)
    qtbot.addWidget(w)
    w.show()
    yield w
    w.controller.close_devices()


@pytest.fixture
def review(qtbot, library):
    widget = ReviewScreen(library)
    qtbot.addWidget(widget)
    yield widget
    widget.close()


def open_demo(qtbot, screen):
    screen.controller.open_devices("demo", "demo", (320, 240), 30)
    qtbot.waitUntil(lambda: screen.controller.state is RecState.PREVIEW, timeout=10000)


def test_saving_the_take_gives_way_to_take_saved(qtbot, screen):
    open_demo(qtbot, screen)
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: screen.controller.state is RecState.RECORDING, timeout=5000)
    qtbot.wait(1200)
    with qtbot.waitSignal(screen.take_saved, timeout=15000):
        qtbot.keyClick(screen, Qt.Key.Key_Space)
        assert screen.status.text() == SAVING
    assert screen.status.text() != SAVING
    assert screen.rating.prompt.text().startswith("Take saved (0:01)")


def test_a_take_under_a_second_is_refused_with_a_word(qtbot, screen, library, question):
    open_demo(qtbot, screen)
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: screen.controller.state is RecState.RECORDING, timeout=5000)
    qtbot.wait(300)
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: screen.controller.state is RecState.PREVIEW, timeout=10000)
    assert "under a second" in screen.status.text()
    assert library.list_takes(question.id, include_trashed=True) == []
    assert not [p for p in library.layout.media_dir.rglob("*") if p.is_file()]
    assert screen.counter.text() == "Take 1"


def test_the_take_counter_never_announces_a_number_already_taken(screen, library, question):
    finished_take(library, question)
    second = finished_take(library, question)
    finished_take(library, question)
    library.trash_take(second.id)
    screen.set_question(question.id)
    assert screen.counter.text() == "Take 4"


def test_review_details_follow_a_rating_key(qtbot, review, library, question):
    take = finished_take(library, question)
    review.show_take(take.id)
    show_active(qtbot, review)
    review.setFocus()
    assert review.detail("Comfort") == comfort_text(None)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_2)
    assert library.get_take(take.id).comfort == 2
    assert review.detail("Comfort") == comfort_text(2)
    assert review.rating_text.text() == comfort_text(2)


def test_a_starred_take_keeps_its_star_through_trash_and_undo(qtbot, review, library, question):
    take = finished_take(library, question)
    review.show_take(take.id)
    review.toggle_star()
    review.trash()
    review.undo_trash()
    assert library.get_take(take.id).starred
    assert review.star_button.isChecked()
    assert "★" in review.title.text()
    assert library.list_questions()[0].best_take_id == take.id


def test_a_starred_take_restored_from_the_trash_dialog_keeps_its_star(qtbot, library, question):
    take = finished_take(library, question)
    library.star_take(take.id)
    library.trash_take(take.id)
    dialog = TrashDialog(library)
    qtbot.addWidget(dialog)
    dialog.items.setCurrentRow(0)
    dialog.restore()
    assert library.get_take(take.id).starred


def test_settings_name_the_library_actually_in_use(qtbot, window, library, settings, monkeypatch):
    settings.set("library", "")
    shown = []

    def look(dialog):
        shown.append((dialog.in_use.text(), dialog.library.placeholderText()))
        return 0

    monkeypatch.setattr(SettingsDialog, "exec", look)
    window.open_settings()
    [(in_use, placeholder)] = shown
    assert str(library.folder) in in_use
    assert placeholder == str(library.folder)


def test_a_take_left_recording_is_recovered_at_start_up_and_said(
    qtbot, library, settings, runner, question
):
    take = library.begin_take(question.id, {"camera": "demo"})
    make_video(take.path, 2.0, fragmented=True)
    empty = library.begin_take(question.id, {})
    library._recording.clear()  # as if the app had been killed and started again
    window = MainWindow(library, settings, runner)
    qtbot.addWidget(window)
    window.show()
    window.recover_interrupted()
    qtbot.waitUntil(lambda: "ecovered 1 take" in window.statusBar().currentMessage(), timeout=10000)
    assert "removed 1 empty take" in window.statusBar().currentMessage()
    recovered = library.get_take(take.id)
    assert recovered.state is TakeState.RECOVERED
    assert not is_fragmented(take.path)
    assert recovered.duration == pytest.approx(ffprobe_duration(take.path), abs=0.1)
    assert [t.id for t in library.list_takes(question.id)] == [take.id]
    assert empty.id not in [t.id for t in library.list_takes(include_trashed=True)]
    tree = window.library_view.tree
    item = next(
        tree.topLevelItem(0).child(i)
        for i in range(tree.topLevelItem(0).childCount())
        if tree.topLevelItem(0).child(i).data(0, ID) == question.id
    )
    item.setExpanded(True)
    [child] = [item.child(i) for i in range(item.childCount())]
    assert child.data(0, KIND) == "take"
    assert child.text(Col.TAKE) == "recovered"
    assert length_text(recovered.duration) in child.text(0)
    # The start-up names it, it is measured like any other take, and Review says what it is.
    banner = window.recovered
    assert banner.isVisible()
    assert f"“{question.prompt}” take {take.number}" in banner.text.text()
    qtbot.waitUntil(lambda: library.get_analysis(take.id) is not None, timeout=30000)
    banner.review_button.click()
    assert window.review.take_id == take.id
    assert window.review.recovered_label.isVisible()
    assert window.review.recovered_label.text() == (
        "Recovered after a crash; the last second or so may be missing."
    )


def test_nothing_to_recover_says_nothing(qtbot, window, library, question):
    finished_take(library, question)
    window.recover_interrupted()
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=5000)
    qtbot.wait(50)  # the job's result is delivered on the GUI thread
    assert window.statusBar().currentMessage() == ""
    assert library.list_takes(question.id)[0].state is TakeState.FINAL


def test_one_length_format_wherever_a_length_is_shown():
    assert length_text(0.9) == "0:01"
    assert length_text(3.8) == "0:04"
    assert length_text(65.2) == "1:05"


def test_the_window_title_is_cut_at_a_word_with_an_ellipsis(window, library):
    prompt = (
        "What did you do when a deadline slipped because another team was late, "
        "and how did you tell your manager?"
    )
    question = library.add_question(Question(prompt=prompt))
    window.rehearse_question(question.id)
    title = window.windowTitle()
    assert title.endswith("…")
    shown = title.split(" — ")[1].rstrip("…")
    assert prompt.startswith(shown)
    assert prompt[len(shown)] == " ", "cut between words"
    assert elide_words("Short one", 60) == "Short one"


def test_a_rating_and_note_in_rehearse_show_at_once_in_the_library(
    qtbot, window, library, question
):
    take = finished_take(library, question)
    tree = window.library_view.tree

    def take_item():
        group = tree.topLevelItem(0)
        question_item = group.child(0)
        question_item.setExpanded(True)
        return question_item.child(0)

    window.library_view.reload()
    assert take_item().text(Col.COMFORT) == ""  # the tree has the take, unrated
    window.rehearse_question(question.id)
    window.rehearse.last_take_id = take.id
    window.rehearse.rating.show()
    window.rehearse.rating.rate(4)
    window.rehearse.rating.note.setText("more numbers")
    window.rehearse.rating.note.editingFinished.emit()
    assert take_item().text(Col.COMFORT) == "4"
    assert "more numbers" in take_item().text(0)


def test_review_shows_changes_made_on_other_screens_when_it_comes_back(
    qtbot, window, library, question
):
    take = finished_take(library, question)
    window.review_take(take.id)
    window.show_screen(window.library_view)
    library.rate_take(take.id, 5)  # as Rehearse or the command line would
    library.star_take(take.id)
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.review
    assert window.review.detail("Comfort") == comfort_text(5)
    assert window.review.star_button.isChecked()
