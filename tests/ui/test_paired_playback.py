"""Paired playback on its own, without the Compare screen: the longer take leads, a seek moves
both, a step on the leader brings the follower to the same instant, and a swap of the
screen's list swaps the lead."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QObject
from PySide6.QtMultimedia import QVideoSink

from taketwo.ui.playback.paired import PairedPlayback
from taketwo.ui.playback.player import Player
from taketwo.ui.playback.transport import TransportBar
from tests.support.ui_fixtures import wait_for_frame, wait_loaded

pytest_plugins = ["tests.support.ui_fixtures"]


@pytest.fixture
def pair(qtbot, stocked_library):
    owner = QObject()
    players = [Player(owner, QVideoSink(owner)), Player(owner, QVideoSink(owner))]
    transport = TransportBar()
    qtbot.addWidget(transport)
    paired = PairedPlayback(players, transport, owner)
    for player, index in zip(players, (0, 2), strict=True):  # 2 s and 3 s takes
        paired.load(player, stocked_library.library.get_take(stocked_library.take_id(index)).path)
    for player in players:
        wait_loaded(qtbot, player)
    yield paired
    for player in players:
        player.unload()


def test_the_longer_take_leads_and_sets_the_slider(pair, stocked_library):
    assert pair.leader is pair.players[1]
    assert pair.follower is pair.players[0]
    assert pair.transport.slider.maximum() == pytest.approx(
        stocked_library.clips[2].duration * 1000, abs=60
    )
    pair.players.reverse()  # as the screen's swap does
    assert pair.leader is pair.players[0]


def test_a_seek_and_a_step_keep_both_sides_on_one_instant(qtbot, pair, stocked_library):
    clips = [stocked_library.clips[0], stocked_library.clips[2]]
    target = max(clip.white[0] for clip in clips) + 0.001
    pair.seek(target)
    for player, clip in zip(pair.players, clips, strict=True):
        wait_for_frame(qtbot, player, clip.frame_after(target, 0))
    pair.step(6)  # a fifth of a second on: the follower must follow, not stay behind
    lead_next = clips[1].frame_after(target, 6)
    wait_for_frame(qtbot, pair.leader, lead_next)
    qtbot.waitUntil(
        lambda: abs(pair.follower.frame_start - pair.leader.frame_start) < 0.05, timeout=3000
    )
    assert not pair.is_playing
