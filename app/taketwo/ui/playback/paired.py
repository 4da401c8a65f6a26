"""Two players driven as one, behind one transport bar.

The longer take leads: the slider follows it and, every half second of playback, the other one
is re-seeked if it has drifted more than :data:`MAX_DRIFT` away. The shorter take simply ends
and keeps its last frame while the longer one plays on. Paused, the follower shows the instant
the leader's frame shows.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTimer

from taketwo.ui.playback.player import Player
from taketwo.ui.playback.transport import TransportBar

SYNC_INTERVAL_MS = 500
MAX_DRIFT = 0.08  # seconds
NOT_LOADED = ("empty", "error")


class PairedPlayback(QObject):
    def __init__(
        self, players: list[Player], transport: TransportBar, parent: QObject | None = None
    ) -> None:
        """``players`` is the screen's own list: a swap that reverses it swaps them here too."""
        super().__init__(parent)
        self.players, self.transport = players, transport
        self._playing = False  # the user pressed play and the leader has not ended
        self._pending_seek: dict[Player, float] = {}  # a side loaded anew goes to the position
        self._follow_frame = False  # the follower goes to the leader's next frame shown
        self.corrections = 0  # follower re-seeks made to keep the sides together
        self._sync_timer = QTimer(self)
        self._sync_timer.setInterval(SYNC_INTERVAL_MS)
        self._sync_timer.timeout.connect(self.correct_drift)
        transport.play_toggled.connect(self.toggle)
        transport.seek_requested.connect(self.seek)
        transport.step_requested.connect(self.step)
        transport.speed_chosen.connect(self.set_speed)
        for player in players:
            # By player, not by side: a swap moves players between sides.
            player.duration_changed.connect(lambda _d, p=player: self._durations_known(p))
            player.position_changed.connect(lambda _pos, p=player: self._position_moved(p))
            player.state_changed.connect(lambda _s, p=player: self._state_moved(p))
            player.frame_shown.connect(lambda p=player: self._frame_shown(p))

    @property
    def leader(self) -> Player:
        """The longer take: it sets the slider and the pace."""
        a, b = self.players
        return b if b.duration > a.duration else a

    @property
    def follower(self) -> Player:
        return self.players[1] if self.leader is self.players[0] else self.players[0]

    @property
    def position(self) -> float:
        return self.leader.position

    @property
    def is_playing(self) -> bool:
        return self._playing

    def load(self, player: Player, path: Path | None, at: float | None = None) -> None:
        """Open ``path`` on ``player`` at the current speed; it goes to ``at`` once loaded."""
        self._pending_seek.pop(player, None)
        player.load(path)
        player.set_speed(self.transport.speed)
        if at:
            self._pending_seek[player] = at

    def unload(self, player: Player) -> None:
        self._pending_seek.pop(player, None)
        player.unload()

    def forget_pending(self) -> None:
        """Two new takes: neither goes to where the old ones were."""
        self._pending_seek.clear()

    def toggle(self) -> None:
        if self._playing:
            self.pause()
        else:
            self.play()

    def play(self) -> None:
        leader, follower = self.leader, self.follower
        if leader.state in NOT_LOADED:
            return
        start = 0.0 if leader.state == "ended" else leader.position
        if leader.duration - start < 0.05:
            start = 0.0
        self._follow_frame = False
        leader.seek(start)
        leader.play()
        if follower.state not in NOT_LOADED:
            follower.seek(start)
            if start < follower.duration - 0.05:
                follower.play()
        self._playing = True
        self._sync_timer.start()
        self.transport.set_playing(True)

    def pause(self) -> None:
        self._playing = False
        self._sync_timer.stop()
        for player in self.players:
            player.pause()
        self.transport.set_playing(False)
        if self.leader.state not in NOT_LOADED:
            self._align_follower()
            self._follow_frame = True  # a frame still on its way from the decoder moves it

    def _align_follower(self) -> None:
        """Show on the follower the instant the leader shows (the middle of its frame)."""
        leader = self.leader
        if leader.frame_start is None:
            self.follower.seek(leader.position)
        else:
            self.follower.seek(leader.frame_start + 0.5 / leader.frame_rate)

    def seek(self, seconds: float) -> None:
        self._follow_frame = False
        for player in self.players:
            player.seek(seconds)
            if self._playing and seconds < player.duration - 0.05:
                player.play()
        self.transport.set_position(seconds)

    def step(self, frames: int) -> None:
        """Step the leader by frames; the other side follows to the same instant."""
        if self._playing:
            self.pause()
        self._follow_frame = True
        self.leader.step(frames)

    def set_speed(self, speed: float) -> None:
        for player in self.players:
            player.set_speed(speed)

    def correct_drift(self) -> None:
        """Re-seek the follower if it is more than MAX_DRIFT off the leader."""
        leader, follower = self.leader, self.follower
        if not self._playing or not leader.is_playing:
            return
        target = leader.position
        if follower.state in (*NOT_LOADED, "ended") or target >= follower.duration - 0.05:
            return
        if abs(follower.position - target) > MAX_DRIFT:
            self.corrections += 1
            follower.seek(target)
            if not follower.is_playing:
                follower.play()

    def _durations_known(self, player: Player) -> None:
        self.transport.set_duration(max(p.duration for p in self.players))
        self._seek_pending(player)

    def _seek_pending(self, player: Player) -> None:
        """A side loaded anew (picked or moved) opens at the position the screen was at."""
        if player in self._pending_seek and player.state == "paused" and player.duration > 0:
            at = self._pending_seek.pop(player)
            player.seek(at)
            if player is self.leader:
                self.transport.set_position(at)

    def _position_moved(self, player: Player) -> None:
        if player is self.leader and player not in self._pending_seek:
            self.transport.set_position(self.leader.position)

    def _state_moved(self, player: Player) -> None:
        self._seek_pending(player)
        if player is self.leader and player.state == "ended" and self._playing:
            self._playing = False
            self._sync_timer.stop()
            self.transport.set_playing(False)
            self.transport.set_position(player.duration)

    def _frame_shown(self, player: Player) -> None:
        leader = self.leader
        if self._follow_frame and player is leader and not self._playing:
            self._follow_frame = False
            self._align_follower()
            if leader.frame_start is not None:
                self.transport.set_position(leader.frame_start)
