"""Review, Compare and Progress look finished: guidance instead of black boxes, what a person
comparing two answers needs, swaps that keep the place, and views that stay current."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

pytest.register_assert_rewrite("tests.support.ui_fixtures")

from taketwo.domain.formatting import length_text  # noqa: E402
from taketwo.domain.question import Question  # noqa: E402
from taketwo.ui.playback.compare import CompareScreen  # noqa: E402
from taketwo.ui.playback.review import ReviewScreen  # noqa: E402
from taketwo.ui.playback.take_facts import comfort_text  # noqa: E402
from taketwo.ui.progress.screen import ProgressScreen  # noqa: E402
from taketwo.ui.shell.main_window import MainWindow  # noqa: E402
from tests.support.ui_fixtures import show_active, wait_for_any_frame, wait_loaded  # noqa: E402

pytest_plugins = ["tests.support.ui_fixtures"]

FRAME = 1 / 30


@pytest.fixture
def compare(qtbot, stocked_library, settings):
    screen = CompareScreen(stocked_library.library, settings=settings)
    qtbot.addWidget(screen)
    show_active(qtbot, screen)
    yield screen
    screen.close()


def open_pair(qtbot, screen, stocked, a: int = 0, b: int = 2) -> None:
    screen.compare(stocked.take_id(a), stocked.take_id(b))
    for player in screen.players:
        wait_loaded(qtbot, player)


# Empty screens say what to do


def test_review_with_nothing_loaded_says_how_to_pick_a_take(qtbot, library):
    screen = ReviewScreen(library)
    qtbot.addWidget(screen)
    show_active(qtbot, screen)
    assert screen.empty.isVisible()
    assert not screen.video_stack.isVisible()
    guidance = screen.empty.guidance.text()
    assert "Library (Ctrl+1)" in guidance
    assert "Enter" in guidance
    with qtbot.waitSignal(screen.library_requested):
        qtbot.mouseClick(screen.empty.button, Qt.MouseButton.LeftButton)
    screen.close()


def test_review_shows_the_take_instead_of_the_guidance(qtbot, stocked_library):
    screen = ReviewScreen(stocked_library.library)
    qtbot.addWidget(screen)
    show_active(qtbot, screen)
    screen.show_take(stocked_library.take_id(0))
    assert not screen.empty.isVisible()
    assert screen.video_stack.isVisible()
    screen.close()


def test_compare_with_nothing_loaded_says_it_needs_two_takes(qtbot, library, settings):
    screen = CompareScreen(library, settings=settings)
    qtbot.addWidget(screen)
    show_active(qtbot, screen)
    assert screen.empty.isVisible()
    guidance = screen.empty.guidance.text()
    assert "two takes of the same question" in guidance
    assert "press C" in guidance
    assert "Ctrl+1" in guidance
    assert not any(stack.isVisible() for stack in screen._stacks)
    screen.swap()  # nothing to swap: no harm
    assert screen.empty.isVisible()
    screen.close()


def test_progress_without_questions_or_takes_says_how_to_get_some(qtbot, library):
    screen = ProgressScreen(library)
    qtbot.addWidget(screen)
    screen.show()
    assert screen.empty.isVisible()
    assert "Rehearse (Ctrl+2)" in screen.empty.guidance.text()
    assert not screen.plot.isVisible()
    library.add_question(Question(prompt="Why this team?"))
    screen.reload()
    assert screen.empty.isVisible()
    assert screen.empty.title.text() == "No takes of this question yet"
    assert screen.question_picker.isVisible()  # another question may have takes
    screen.close()


# What a person comparing two answers needs


def test_compare_shows_question_dates_lengths_ratings_and_notes(qtbot, compare, stocked_library):
    lib = stocked_library.library
    lib.update_question(stocked_library.question.id, target_seconds=60)
    lib.rate_take(stocked_library.take_id(0), 2)
    lib.note_take(stocked_library.take_id(0), "rushed the ending")
    lib.rate_take(stocked_library.take_id(2), 4)
    open_pair(qtbot, compare, stocked_library)
    assert compare.question_label.text() == "Tell me about a conflict you resolved"
    assert compare.fact(0, "Comfort") == comfort_text(2)
    assert compare.fact(1, "Comfort") == comfort_text(4)
    assert compare.fact(0, "Notes") == "rushed the ending"
    assert compare.fact(1, "Notes") == "none"
    length = compare.fact(1, "Length")
    assert length.startswith(length_text(stocked_library.clips[2].duration))
    assert "under the 1:00 target" in length
    recorded = stocked_library.takes[0].created.astimezone()
    assert recorded.strftime("%H:%M") in compare.fact(0, "Recorded")
    assert compare.fact(0, "Coach comments") == "none"


def test_technical_facts_wait_behind_details_which_remembers(
    qtbot, compare, stocked_library, settings
):
    open_pair(qtbot, compare, stocked_library)
    assert not compare.details_button.isChecked()
    assert compare.fact(0, "Audio drift") is None
    assert compare.fact(0, "Codecs") is None
    qtbot.mouseClick(compare.details_button, Qt.MouseButton.LeftButton)
    assert "ppm" in compare.fact(0, "Audio drift")
    assert "ms" in compare.fact(0, "Audio drift")  # the worst sync error
    assert compare.fact(1, "Codecs") == "h264 video, aac audio"
    assert settings.get("compare_details") is True

    again = CompareScreen(stocked_library.library, settings=settings)
    qtbot.addWidget(again)
    assert again.details_button.isChecked()
    again.close()
    qtbot.keyClick(compare, Qt.Key.Key_D)
    assert compare.fact(0, "Audio drift") is None
    assert compare.fact(0, "Comfort") is not None
    assert settings.get("compare_details") is False


# Swapping and picking keep the place


def test_swap_keeps_the_playback_position(qtbot, compare, stocked_library):
    open_pair(qtbot, compare, stocked_library)
    left, right = compare.players
    compare.seek(1.5)
    long_clip = stocked_library.clips[2]
    wait_for_any_frame(qtbot, right, long_clip.frames_at(1.5))
    before = compare.position
    compare.swap()
    assert compare.players == [right, left]
    assert compare.titles[0].text() == "Left: Take 3"
    assert compare.titles[1].text() == "Right: Take 1"
    assert compare.pickers[0].currentData() == stocked_library.take_id(2)
    qtbot.wait(200)
    assert compare.position == pytest.approx(before, abs=FRAME)
    assert compare.transport.slider.value() == pytest.approx(before * 1000, abs=FRAME * 1000)
    assert compare.columns[0].x() < compare.columns[1].x()
    assert compare.columns[0].isAncestorOf(compare.titles[0])


def test_swap_while_playing_goes_on_playing(qtbot, compare, stocked_library):
    open_pair(qtbot, compare, stocked_library)
    compare.play()
    qtbot.waitUntil(lambda: compare.position > 0.5, timeout=3000)
    compare.swap()
    assert compare.is_playing
    assert all(p.is_playing for p in compare.players)
    compare.pause()


def test_picking_another_take_opens_it_where_the_screen_was(qtbot, compare, stocked_library):
    open_pair(qtbot, compare, stocked_library)
    compare.seek(1.2)
    qtbot.waitUntil(lambda: abs(compare.position - 1.2) < FRAME, timeout=3000)
    picker = compare.pickers[0]
    picker.setCurrentIndex(picker.findData(stocked_library.take_id(1)))
    picker.activated.emit(picker.currentIndex())
    assert compare.titles[0].text() == "Left: Take 2"
    new = compare.players[0]
    qtbot.waitUntil(lambda: abs(new.position - 1.2) < 2 * FRAME, timeout=3000)
    assert compare.position == pytest.approx(1.2, abs=2 * FRAME)


# Always current


@pytest.fixture
def window(qtbot, stocked_library, settings, runner):
    w = MainWindow(stocked_library.library, settings, runner)
    qtbot.addWidget(w)
    w.show()
    yield w
    w.controller.close_devices()
    w.close()


def test_compare_shows_a_rating_changed_elsewhere_when_it_comes_back(
    qtbot, window, stocked_library
):
    first, third = stocked_library.take_id(0), stocked_library.take_id(2)
    window.compare_takes(first, third)
    assert window.compare.fact(0, "Comfort") == comfort_text(None)
    window.review_take(first)
    qtbot.keyClick(window.review, Qt.Key.Key_2)  # rated in Review
    window.review.notes.setPlainText("slow start")
    stocked_library.library.rate_take(third, 5)  # or from the command line
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.compare
    assert window.compare.fact(0, "Comfort") == comfort_text(2)
    assert window.compare.fact(0, "Notes") == "slow start"
    assert window.compare.fact(1, "Comfort") == comfort_text(5)
    assert "comfort 5" in window.compare.pickers[1].currentText()


def test_a_take_trashed_elsewhere_still_plays_in_compare(qtbot, window, stocked_library):
    first, third = stocked_library.take_id(0), stocked_library.take_id(2)
    window.compare_takes(first, third)
    window.show_screen(window.library_view)
    stocked_library.library.trash_take(first)  # its file moves into the trash folder
    window.show_screen(window.compare)
    qtbot.waitUntil(lambda: window.compare.players[0].state == "paused", timeout=3000)
    assert "trash" in window.compare.players[0].path.parts


@pytest.mark.slow
def test_compare_and_progress_show_an_analysis_as_soon_as_it_finishes(
    qtbot, window, stocked_library
):
    first, third = stocked_library.take_id(0), stocked_library.take_id(2)
    window.compare_takes(first, third)
    measured = window.compare.measured
    assert measured.summary.text().startswith("Analyse both takes")
    for take_id in (first, third):
        with qtbot.waitSignal(window.analyzer.finished, timeout=30000):
            window.analyzer.analyze(take_id)
    assert measured.summary.text().startswith("Take 3 against take 1")

    window.show_screen(window.progress)
    window.progress.show_question(stocked_library.question.id, "length")
    assert [p.value is not None for p in window.progress.plot.points] == [True, False, True]
    with qtbot.waitSignal(window.analyzer.finished, timeout=30000):
        window.analyzer.analyze(stocked_library.take_id(1))
    assert all(p.value is not None for p in window.progress.plot.points)


def test_an_empty_screens_button_opens_the_library(qtbot, window):
    for screen in (window.review, window.compare):
        window.show_screen(screen)
        assert screen.empty.isVisible()
        qtbot.mouseClick(screen.empty.button, Qt.MouseButton.LeftButton)
        assert window.stack.currentWidget() is window.library_view


def test_review_folds_the_recording_details_away_and_dates_the_take(qtbot, stocked_library):
    screen = ReviewScreen(stocked_library.library)
    qtbot.addWidget(screen)
    show_active(qtbot, screen)
    take = stocked_library.takes[0]
    screen.show_take(stocked_library.take_id(0))
    assert take.created.astimezone().strftime("%H:%M") in screen.summary_label.text()
    camera = next(w for w in screen.findChildren(QLabel) if w.accessibleName() == "Camera")
    assert not camera.isVisible()
    qtbot.mouseClick(screen.details_button, Qt.MouseButton.LeftButton)
    assert camera.isVisible()
    assert camera.text() == "Demo camera"
    screen.close()
