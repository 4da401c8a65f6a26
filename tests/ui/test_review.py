"""Review screen: keyboard-driven playback and edits that must reach the library."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

pytest.register_assert_rewrite("tests.support.ui_fixtures")

from taketwo.domain import TakeState  # noqa: E402
from taketwo.domain.formatting import length_text  # noqa: E402
from taketwo.ui.playback.review import ReviewScreen  # noqa: E402
from tests.support.ui_fixtures import (  # noqa: E402
    WHITE,
    assert_controls_are_named,
    lightness,
    show_active,
    wait_for_frame,
    wait_loaded,
)

pytest_plugins = ["tests.support.ui_fixtures"]


@pytest.fixture
def screen(qtbot, stocked_library):
    review = ReviewScreen(stocked_library.library)
    qtbot.addWidget(review)
    show_active(qtbot, review)
    yield review
    review.close()


def open_take(qtbot, screen, stocked, index: int = 0):
    screen.show_take(stocked.take_id(index))
    wait_loaded(qtbot, screen.player)
    return stocked.take_id(index)


def key(qtbot, screen, k, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(screen.focusWidget() or screen, k, modifier)


def test_shows_the_take_with_its_details(qtbot, screen, stocked_library):
    stocked = stocked_library
    stocked.library.set_metrics(stocked.take_id(0), {"words_per_minute": 142.5, "fillers": 3})
    open_take(qtbot, screen, stocked)
    assert screen.title.text() == "Take 1"
    assert screen.question_label.text() == stocked.question.prompt
    assert screen.detail("Duration") == length_text(stocked.clips[0].duration)
    assert screen.detail("Words per minute") == "142.5"
    assert screen.detail("Fillers") == "3"
    assert screen.detail("Camera") == "Demo camera"
    assert screen.detail("Frame rate").startswith("30 fps")
    assert screen.detail("Frames").startswith(f"{stocked.clips[0].sidecar['dropped_frames']} ")
    assert "ppm" in screen.detail("Audio drift")
    assert screen.video_stack.currentIndex() == 0
    assert screen.transport.slider.maximum() == pytest.approx(2000, abs=100)


def test_space_plays_and_pauses(qtbot, screen, stocked_library):
    open_take(qtbot, screen, stocked_library)
    key(qtbot, screen, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: screen.player.state == "playing")
    qtbot.waitUntil(lambda: screen.transport.slider.value() > 200, timeout=3000)
    key(qtbot, screen, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: screen.player.state == "paused")
    assert screen.transport.time_label.text().startswith("0:00.")


def test_arrow_and_period_keys_step_one_frame(qtbot, screen, stocked_library):
    clip = stocked_library.clips[0]
    open_take(qtbot, screen, stocked_library)
    white = clip.white[0]
    screen.player.seek(white + 0.01)
    wait_for_frame(qtbot, screen.player, white)
    key(qtbot, screen, Qt.Key.Key_Right)
    wait_for_frame(qtbot, screen.player, clip.frame_after(white, 1))
    key(qtbot, screen, Qt.Key.Key_Comma)
    wait_for_frame(qtbot, screen.player, white)
    assert lightness(screen.player.frame_image()) > WHITE
    key(qtbot, screen, Qt.Key.Key_Left)
    wait_for_frame(qtbot, screen.player, clip.frame_after(white, -1))
    key(qtbot, screen, Qt.Key.Key_Period)
    wait_for_frame(qtbot, screen.player, white)


def test_scrubbing_the_slider_seeks(qtbot, screen, stocked_library):
    clip = stocked_library.clips[0]
    open_take(qtbot, screen, stocked_library)
    white = clip.white[0]
    screen.transport.slider.setValue(int((white + 0.01) * 1000))
    wait_for_frame(qtbot, screen.player, white)


def test_bracket_keys_change_speed(qtbot, screen, stocked_library):
    open_take(qtbot, screen, stocked_library)
    key(qtbot, screen, Qt.Key.Key_BracketRight)
    assert screen.transport.speed_combo.currentText() == "1.25×"
    assert screen.player.speed == 1.25
    for _ in range(3):
        key(qtbot, screen, Qt.Key.Key_BracketLeft)
    assert screen.player.speed == 0.5
    key(qtbot, screen, Qt.Key.Key_BracketLeft)  # stays at the slowest
    assert screen.player.speed == 0.5


def test_rating_key_persists_to_the_library(qtbot, screen, stocked_library):
    take_id = open_take(qtbot, screen, stocked_library)
    with qtbot.waitSignal(screen.take_changed) as changed:
        key(qtbot, screen, Qt.Key.Key_4)
    assert changed.args == [take_id]
    assert stocked_library.library.get_take(take_id).comfort == 4
    assert screen.rating_buttons[4].isChecked()
    assert not screen.rating_buttons[3].isChecked()
    qtbot.mouseClick(screen.rating_buttons[4], Qt.MouseButton.LeftButton)  # again: cleared
    assert stocked_library.library.get_take(take_id).comfort is None
    assert not screen.rating_buttons[4].isChecked()


def test_typing_in_notes_keeps_its_keys_and_saves_on_focus_out(qtbot, screen, stocked_library):
    take_id = open_take(qtbot, screen, stocked_library)
    screen.notes.setFocus()
    qtbot.waitUntil(screen.notes.hasFocus)
    qtbot.keyClicks(screen.notes, "Lead with 4 numbers")
    assert screen.player.state == "paused"  # the space typed a space, not play
    assert stocked_library.library.get_take(take_id).comfort is None  # "4" was text
    screen.transport.slider.setFocus()
    qtbot.waitUntil(
        lambda: stocked_library.library.get_take(take_id).notes == "Lead with 4 numbers",
        timeout=1000,
    )


def test_notes_save_after_a_pause_in_typing(qtbot, screen, stocked_library):
    take_id = open_take(qtbot, screen, stocked_library)
    screen.notes.setFocus()
    with qtbot.waitSignal(screen.take_changed, timeout=3000):
        qtbot.keyClicks(screen.notes, "slow down")
    assert stocked_library.library.get_take(take_id).notes == "slow down"
    screen.show_take(stocked_library.take_id(1))
    assert screen.notes.toPlainText() == ""


def test_star_makes_it_the_only_best_take(qtbot, screen, stocked_library):
    lib = stocked_library.library
    first = open_take(qtbot, screen, stocked_library, 0)
    key(qtbot, screen, Qt.Key.Key_S)
    assert lib.get_take(first).starred
    assert screen.title.text() == "Take 1 ★"
    second = open_take(qtbot, screen, stocked_library, 1)
    key(qtbot, screen, Qt.Key.Key_S)
    assert lib.get_take(second).starred
    assert not lib.get_take(first).starred
    assert [t.id for t in lib.list_takes(stocked_library.question.id) if t.starred] == [second]
    key(qtbot, screen, Qt.Key.Key_S)  # toggles off
    assert not lib.get_take(second).starred


def test_delete_trashes_and_undo_restores(qtbot, screen, stocked_library):
    lib = stocked_library.library
    take_id = open_take(qtbot, screen, stocked_library, 1)
    with qtbot.waitSignal(screen.take_trashed) as trashed:
        key(qtbot, screen, Qt.Key.Key_Delete)
    assert trashed.args == [take_id]
    take = lib.get_take(take_id)
    assert take.state is TakeState.TRASHED
    assert take.path.is_file()
    assert "trash" in take.path.parts
    assert screen.message.isVisible()
    assert screen.message.action.isVisible()
    assert "Take 2" in screen.message.label.text()
    assert screen.player.state == "empty"
    with qtbot.waitSignal(screen.take_changed):
        qtbot.mouseClick(screen.message.action, Qt.MouseButton.LeftButton)
    restored = lib.get_take(take_id)
    assert restored.state is TakeState.FINAL
    assert "trash" not in restored.path.parts
    wait_loaded(qtbot, screen.player)
    assert screen.take_id == take_id


def test_ctrl_z_undoes_a_trash(qtbot, screen, stocked_library):
    take_id = open_take(qtbot, screen, stocked_library, 2)
    key(qtbot, screen, Qt.Key.Key_Delete)
    assert stocked_library.library.get_take(take_id).state is TakeState.TRASHED
    key(qtbot, screen, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stocked_library.library.get_take(take_id).state is TakeState.FINAL


def test_c_asks_to_compare_this_take(qtbot, screen, stocked_library):
    take_id = open_take(qtbot, screen, stocked_library)
    with qtbot.waitSignal(screen.compare_requested) as asked:
        key(qtbot, screen, Qt.Key.Key_C)
    assert asked.args == [take_id]


def test_a_missing_file_shows_a_readable_message(qtbot, screen, stocked_library):
    take = stocked_library.takes[0]
    take.path.unlink()
    screen.show_take(stocked_library.take_id(0))
    qtbot.waitUntil(lambda: screen.video_stack.currentIndex() == 1)
    assert "missing" in screen.error_label.text()
    assert take.path.name in screen.error_label.text()
    assert not screen.transport.isEnabled()
    key(qtbot, screen, Qt.Key.Key_Space)  # nothing to play, nothing raised
    key(qtbot, screen, Qt.Key.Key_3)  # the take can still be rated
    assert stocked_library.library.get_take(take.id).comfort == 3


def test_a_corrupt_file_shows_a_readable_message(qtbot, screen, stocked_library):
    take = stocked_library.takes[0]
    take.path.write_bytes(b"garbage" * 1000)
    screen.show_take(stocked_library.take_id(0))
    qtbot.waitUntil(lambda: screen.video_stack.currentIndex() == 1, timeout=3000)
    assert "damaged" in screen.error_label.text()


def test_an_unknown_take_shows_a_message(qtbot, screen):
    screen.show_take(9999)
    assert screen.video_stack.currentIndex() == 1
    assert "9999" in screen.error_label.text()
    assert not screen.trash_button.isEnabled()


def test_every_control_has_a_name_and_a_tooltip(qtbot, screen, stocked_library):
    open_take(qtbot, screen, stocked_library)
    assert_controls_are_named(screen)
    assert "Space" in screen.transport.play_button.toolTip()
    assert "Delete" in screen.trash_button.toolTip()
    assert "key 4" in screen.rating_buttons[4].toolTip()
