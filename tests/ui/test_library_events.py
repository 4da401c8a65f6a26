"""One change signal: a write on one screen reaches every other screen that shows the fact
through the library's event hub, with no reload wired between screens."""

from __future__ import annotations

import pytest
import shiboken6

from taketwo.domain.question import Question
from taketwo.tasks.events import Change, library_events
from taketwo.ui.library.view import ID, KIND, Col
from taketwo.ui.playback.review import ReviewScreen
from taketwo.ui.playback.take_facts import comfort_text
from taketwo.ui.shell.main_window import MainWindow
from tests.support.library_media import make_video


def finished_take(library, question, seconds=1.5):
    take = library.begin_take(question.id, {"camera": "demo", "microphone": "demo"})
    make_video(take.path, seconds)
    return library.finish_take(take.id, seconds)


@pytest.fixture
def window(qtbot, library, settings, runner):
    w = MainWindow(library, settings, runner)
    qtbot.addWidget(w)
    w.show()
    yield w
    w.controller.close_devices()
    w.close()


@pytest.fixture
def heard(library):
    events: list[tuple[str, int]] = []
    library_events(library).changed.connect(lambda kind, item: events.append((kind, item)))
    return events


def take_rows(window):
    tree = window.library_view.tree
    rows = {}
    for g in range(tree.topLevelItemCount()):
        group = tree.topLevelItem(g)
        for q in range(group.childCount()):
            question_item = group.child(q)
            question_item.setExpanded(True)
            for t in range(question_item.childCount()):
                item = question_item.child(t)
                if item.data(0, KIND) == "take":
                    rows[int(item.data(0, ID))] = item
    return rows


def test_a_rating_on_rehearse_reaches_every_screen_that_shows_it(
    qtbot, window, library, question, heard
):
    first, second = finished_take(library, question), finished_take(library, question, 2.0)
    window.library_view.reload()
    window.compare_takes(first.id, second.id)
    window.progress.show_question(question.id, "length")
    window.review_take(first.id)
    window.rehearse_question(question.id)  # Rehearse shows; the others are hidden
    window.rehearse.last_take_id = first.id
    window.rehearse.rating.show()
    window.rehearse.rating.rate(4)
    assert ("take", first.id) in heard
    assert take_rows(window)[first.id].text(Col.COMFORT) == "4"
    assert window.review.detail("Comfort") == comfort_text(4)
    assert window.compare.fact(0, "Comfort") == comfort_text(4)
    assert [p.comfort for p in window.progress.plot.points] == [4, None]


def test_a_change_on_review_reaches_compare_and_the_library(
    qtbot, window, library, question, heard
):
    first, second = finished_take(library, question), finished_take(library, question, 2.0)
    window.compare_takes(first.id, second.id)
    window.review_take(second.id)
    window.review.trash()
    assert ("take", second.id) in heard
    assert second.id not in take_rows(window)
    assert "trash" in window.compare.takes[1].path.parts


def test_an_edited_question_shows_on_rehearse_review_and_in_the_title(
    qtbot, window, library, question
):
    take = finished_take(library, question)
    window.review_take(take.id)
    window.rehearse_question(question.id)
    edited = Question(prompt="What drew you to this team?", target_seconds=90)
    assert window.questions.save(question.id, edited)
    assert window.rehearse.prompt.text() == "What drew you to this team?"
    assert window.review.question_label.text() == "What drew you to this team?"
    assert "What drew you to this team?" in window.windowTitle()


def test_a_write_nobody_announced_is_announced_once_when_caught_up(library, question, heard):
    events = library_events(library)
    take = finished_take(library, question)
    events.catch_up()
    assert heard == [("library", 0)]
    events.catch_up()
    library.rate_take(take.id, 3)
    events.announce(Change.TAKE, take.id)  # announced: nothing left to catch up
    events.catch_up()
    assert heard == [("library", 0), ("take", take.id)]


def test_a_deleted_screen_no_longer_listens(qtbot, library, question):
    take = finished_take(library, question)
    screen = ReviewScreen(library)
    screen.show_take(take.id)
    screen.close()
    shiboken6.delete(screen)
    library_events(library).announce(Change.TAKE, take.id)  # no slot of a dead widget runs


def test_each_open_library_has_its_own_hub(library, tmp_path):
    from taketwo.storage import Library

    other = Library.open(tmp_path / "other")
    try:
        assert library_events(library) is library_events(library)
        assert library_events(other) is not library_events(library)
    finally:
        other.close()
