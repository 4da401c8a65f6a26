"""Compare screen: two real takes played, seeked and stepped as one."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

pytest.register_assert_rewrite("tests.support.ui_fixtures")

from taketwo.domain.formatting import length_text  # noqa: E402
from taketwo.ui.playback.compare import CompareScreen  # noqa: E402
from tests.support.ui_fixtures import (  # noqa: E402
    WHITE,
    assert_controls_are_named,
    lightness,
    show_active,
    wait_for_any_frame,
    wait_for_frame,
    wait_loaded,
)

pytest_plugins = ["tests.support.ui_fixtures"]

SYNC_TOLERANCE = 0.1  # seconds between what the two sides show


@pytest.fixture
def screen(qtbot, stocked_library):
    compare = CompareScreen(stocked_library.library)
    qtbot.addWidget(compare)
    show_active(qtbot, compare)
    yield compare
    compare.close()


def open_pair(qtbot, screen, stocked, a: int = 0, b: int = 2) -> None:
    """Takes 1 (2 s) and 3 (3 s) by default: the right one is longer and leads."""
    screen.compare(stocked.take_id(a), stocked.take_id(b))
    for player in screen.players:
        wait_loaded(qtbot, player)


def shown_apart(screen) -> float:
    a, b = (p.frame_start for p in screen.players)
    return abs(a - b)


def key(qtbot, screen, k) -> None:
    qtbot.keyClick(screen.focusWidget() or screen, k)


def test_shows_both_takes_with_their_facts_side_by_side(qtbot, screen, stocked_library):
    stocked = stocked_library
    stocked.library.rate_take(stocked.take_id(0), 2)
    stocked.library.rate_take(stocked.take_id(2), 5)
    stocked.library.set_metrics(stocked.take_id(2), {"words_per_minute": 150.0})
    open_pair(qtbot, screen, stocked)
    assert screen.titles[0].text() == "Left: Take 1"
    assert screen.titles[1].text() == "Right: Take 3"
    assert screen.fact(0, "Comfort") == "2 of 5 — Shaky"
    assert screen.fact(1, "Comfort") == "5 of 5 — Nailed it"
    assert screen.fact(0, "Length").startswith(length_text(stocked.clips[0].duration))
    assert screen.fact(1, "Length").startswith(length_text(stocked.clips[2].duration))
    screen.details_button.setChecked(True)
    assert screen.fact(0, "Words per minute") == "—"
    assert screen.fact(1, "Words per minute") == "150"
    assert screen.fact(0, "Camera") == "Demo camera"
    assert screen.leader is screen.players[1]
    assert screen.transport.slider.maximum() == pytest.approx(
        stocked.clips[2].duration * 1000, abs=60
    )
    for picker in screen.pickers:
        assert picker.count() == 3


def test_a_synced_seek_shows_the_same_instant_on_both_sides(qtbot, screen, stocked_library):
    open_pair(qtbot, screen, stocked_library)
    clips = [stocked_library.clips[0], stocked_library.clips[2]]
    whites = [clip.white[0] for clip in clips]
    target = max(whites) + 0.001  # inside the white frame of both takes (they are < 1 frame apart)
    screen.seek(target)
    for player, clip in zip(screen.players, clips, strict=True):
        wait_for_any_frame(qtbot, player, clip.frames_at(target))
    assert [lightness(p.frame_image()) > WHITE for p in screen.players] == [True, True]


def test_playing_keeps_both_sides_together(qtbot, screen, stocked_library):
    open_pair(qtbot, screen, stocked_library)
    key(qtbot, screen, Qt.Key.Key_Space)
    assert screen.is_playing
    for until in (0.3, 0.7, 1.1, 1.5):
        qtbot.waitUntil(lambda t=until: screen.leader.frame_start > t, timeout=3000)
        assert shown_apart(screen) < SYNC_TOLERANCE
    key(qtbot, screen, Qt.Key.Key_Space)
    assert not screen.is_playing
    qtbot.waitUntil(lambda: all(p.state == "paused" for p in screen.players))
    qtbot.waitUntil(lambda: shown_apart(screen) < SYNC_TOLERANCE, timeout=2000)


def test_seeking_while_playing_keeps_both_sides_together(qtbot, screen, stocked_library):
    open_pair(qtbot, screen, stocked_library)
    screen.play()
    qtbot.waitUntil(lambda: screen.leader.frame_start > 0.2, timeout=3000)
    screen.transport.slider.setValue(1200)
    qtbot.waitUntil(lambda: screen.leader.frame_start > 1.3, timeout=3000)
    assert shown_apart(screen) < SYNC_TOLERANCE
    assert screen.is_playing


def test_drift_is_corrected_within_one_check(qtbot, screen, stocked_library):
    open_pair(qtbot, screen, stocked_library)
    screen.play()
    qtbot.waitUntil(lambda: screen.leader.frame_start > 0.2, timeout=3000)
    screen.follower.seek(screen.leader.position + 0.5)  # knock the follower off by 0.5 s
    qtbot.waitUntil(lambda: shown_apart(screen) > 0.3, timeout=2000)
    qtbot.waitUntil(lambda: screen.corrections >= 1, timeout=1500)
    qtbot.waitUntil(lambda: shown_apart(screen) < SYNC_TOLERANCE, timeout=1000)


def test_the_shorter_take_ends_while_the_longer_plays_on(qtbot, screen, stocked_library):
    open_pair(qtbot, screen, stocked_library)
    screen.transport.change_speed(2)  # 1.5×
    screen.seek(1.4)
    screen.play()
    short, long_ = screen.players
    qtbot.waitUntil(lambda: short.state == "ended", timeout=4000)
    assert long_.state == "playing"
    assert screen.is_playing
    qtbot.waitUntil(lambda: lightness(short.frame_image()) >= 0)  # its last frame comes back
    assert short.frame_start == pytest.approx(stocked_library.clips[0].frames[-1], abs=0.002)
    qtbot.waitUntil(lambda: long_.state == "ended", timeout=4000)
    assert not screen.is_playing
    screen.toggle()  # play again: both start over
    qtbot.waitUntil(lambda: all(p.state == "playing" for p in screen.players), timeout=2000)
    qtbot.waitUntil(lambda: screen.leader.frame_start < 0.5)


def test_frame_step_moves_the_leader_one_frame_and_the_other_side_along(
    qtbot, screen, stocked_library
):
    open_pair(qtbot, screen, stocked_library)
    leader, follower = screen.players[1], screen.players[0]  # take 3 is the longer
    lead_clip, follow_clip = stocked_library.clips[2], stocked_library.clips[0]
    white = lead_clip.white[0]
    screen.seek(white + 0.005)
    wait_for_frame(qtbot, leader, white)
    key(qtbot, screen, Qt.Key.Key_Right)
    after = lead_clip.frame_after(white, 1)
    wait_for_frame(qtbot, leader, after)
    assert lightness(leader.frame_image()) < WHITE
    wait_for_any_frame(qtbot, follower, follow_clip.frames_at(after + 1 / 60))
    key(qtbot, screen, Qt.Key.Key_Left)
    wait_for_frame(qtbot, leader, white)
    assert lightness(leader.frame_image()) > WHITE
    wait_for_any_frame(qtbot, follower, follow_clip.frames_at(white + 1 / 60))


def test_the_pickers_swap_a_side(qtbot, screen, stocked_library):
    open_pair(qtbot, screen, stocked_library)
    picker = screen.pickers[0]
    picker.setCurrentIndex(picker.findData(stocked_library.take_id(1)))
    picker.activated.emit(picker.currentIndex())
    assert screen.takes[0].id == stocked_library.take_id(1)
    assert screen.players[0].path == stocked_library.takes[1].path
    wait_loaded(qtbot, screen.players[0])
    key(qtbot, screen, Qt.Key.Key_X)  # swap sides
    assert [t.id for t in screen.takes] == [stocked_library.take_id(2), stocked_library.take_id(1)]
    assert screen.pickers[0].currentData() == stocked_library.take_id(2)


def test_speed_applies_to_both_sides(qtbot, screen, stocked_library):
    open_pair(qtbot, screen, stocked_library)
    key(qtbot, screen, Qt.Key.Key_BracketRight)
    key(qtbot, screen, Qt.Key.Key_BracketRight)
    assert [p.speed for p in screen.players] == [1.5, 1.5]


def test_a_missing_file_on_one_side_is_shown_there(qtbot, screen, stocked_library):
    stocked_library.takes[2].path.unlink()
    screen.compare(stocked_library.take_id(0), stocked_library.take_id(2))
    wait_loaded(qtbot, screen.players[0])
    assert "missing" in screen.error_labels[1].text()
    assert screen._stacks[1].currentIndex() == 1
    screen.play()  # the side that can play still plays
    qtbot.waitUntil(lambda: screen.players[0].state == "playing")
    screen.pause()


def test_every_control_has_a_name_and_a_tooltip(qtbot, screen, stocked_library):
    open_pair(qtbot, screen, stocked_library)
    assert_controls_are_named(screen)
