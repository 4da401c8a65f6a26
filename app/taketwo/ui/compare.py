"""Compare two takes of a question side by side, played and scrubbed as one.

The longer take leads: the slider follows it and, every half second of playback, the other one
is re-seeked if it has drifted more than :data:`MAX_DRIFT` away. The shorter take simply ends
and keeps its last frame while the longer one plays on.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCloseEvent, QHideEvent
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from taketwo.domain import Take
from taketwo.storage import Library, LibraryError
from taketwo.ui.metrics_compare import MetricsComparison
from taketwo.ui.player import Player
from taketwo.ui.review import video_area
from taketwo.ui.take_facts import all_facts, length_text, take_title
from taketwo.ui.transport import TransportBar, add_shortcut
from taketwo.ui.widgets.layouts import clear_layout

SYNC_INTERVAL_MS = 500
MAX_DRIFT = 0.08  # seconds
SIDES = ("Left", "Right")


class CompareScreen(QWidget):
    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.takes: list[Take | None] = [None, None]
        self.players: list[Player] = []
        self.titles: list[QLabel] = []
        self.error_labels: list[QLabel] = []
        self._stacks = []
        self._playing = False  # the user pressed play and the leader has not ended
        self.corrections = 0  # follower re-seeks made to keep the sides together

        self.pickers = [QComboBox(), QComboBox()]
        picker_row = QHBoxLayout()
        for side, (name, picker) in enumerate(zip(SIDES, self.pickers, strict=True)):
            picker.setAccessibleName(f"{name} take")
            picker.setToolTip(f"Choose the take on the {name.lower()} — Alt+{name[0]}")
            picker.setMinimumContentsLength(24)
            picker.activated.connect(lambda _i, s=side: self._picked(s))
            label = QLabel(f"&{name}:")
            label.setBuddy(picker)
            picker_row.addWidget(label)
            picker_row.addWidget(picker, 1)
            if side == 0:
                self.swap_button = QPushButton("⇄ Swap")
                self.swap_button.setAccessibleName("Swap sides")
                self.swap_button.setToolTip("Swap the left and right takes — X")
                self.swap_button.clicked.connect(self.swap)
                picker_row.addWidget(self.swap_button)

        videos = QHBoxLayout()
        for _side in range(2):
            column = QVBoxLayout()
            title = QLabel()
            title.setAccessibleName("Take")
            font = title.font()
            font.setBold(True)
            title.setFont(font)
            stack, video, message = video_area()
            player = Player(self, video)
            column.addWidget(title)
            column.addWidget(stack, 1)
            videos.addLayout(column, 1)
            self.titles.append(title)
            self.error_labels.append(message)
            self._stacks.append(stack)
            self.players.append(player)

        self.transport = TransportBar()
        self.facts_box = QGroupBox("Side by side")
        self.facts = QGridLayout(self.facts_box)
        self.facts.setColumnStretch(1, 1)
        self.facts.setColumnStretch(2, 1)

        facts_scroll = QScrollArea()
        facts_scroll.setWidget(self.facts_box)
        facts_scroll.setWidgetResizable(True)
        facts_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        facts_scroll.setMinimumHeight(160)

        layout = QVBoxLayout(self)
        layout.addLayout(picker_row)
        layout.addLayout(videos, 3)
        layout.addWidget(self.transport)
        self.measured = MetricsComparison(library)
        below = QHBoxLayout()
        below.addWidget(facts_scroll, 1)
        below.addWidget(self.measured, 1)
        layout.addLayout(below, 2)

        self._sync_timer = QTimer(self)
        self._sync_timer.setInterval(SYNC_INTERVAL_MS)
        self._sync_timer.timeout.connect(self.correct_drift)
        self._follow_frame = False  # the follower goes to the leader's next frame shown
        self._wire()

    def _wire(self) -> None:
        t = self.transport
        t.play_toggled.connect(self.toggle)
        t.seek_requested.connect(self.seek)
        t.step_requested.connect(self.step)
        t.speed_chosen.connect(self.set_speed)
        for side, player in enumerate(self.players):
            player.duration_changed.connect(lambda _d: self._durations_known())
            player.position_changed.connect(lambda _p, s=side: self._position_moved(s))
            player.state_changed.connect(lambda _s, s=side: self._state_moved(s))
            player.error.connect(lambda m, s=side: self._show_error(s, m))
            player.frame_shown.connect(lambda s=side: self._frame_shown(s))
        add_shortcut(self, "Space", self.toggle)
        add_shortcut(self, ["Left", ","], lambda: self.step(-1))
        add_shortcut(self, ["Right", "."], lambda: self.step(1))
        add_shortcut(self, "Home", lambda: self.seek(0))
        add_shortcut(self, "[", lambda: t.change_speed(-1))
        add_shortcut(self, "]", lambda: t.change_speed(1))
        add_shortcut(self, "X", self.swap)

    # Choosing takes

    def compare(self, take_a_id: int, take_b_id: int) -> None:
        """Show the two takes side by side, both paused on their first frame."""
        self.pause()
        loaded: list[Take | None] = []
        for side, take_id in enumerate((take_a_id, take_b_id)):
            try:
                loaded.append(self.library.get_take(take_id))
            except LibraryError as exc:
                loaded.append(None)
                self._show_error(side, f"Cannot show take {take_id}: {exc}")
        self.takes = loaded
        self._fill_pickers()
        for side, take in enumerate(self.takes):
            self._load_side(side, take)
        self._show_facts()
        self.setFocus(Qt.FocusReason.OtherFocusReason)  # so Space and the arrows reach it

    def _load_side(self, side: int, take: Take | None) -> None:
        player = self.players[side]
        if take is None:
            player.unload()
            self.titles[side].setText("No take")
            return
        self._stacks[side].setCurrentIndex(0)
        self.titles[side].setText(f"{SIDES[side]}: {take_title(take)}")
        player.load(take.path)
        player.set_speed(self.transport.speed)

    def _fill_pickers(self) -> None:
        question_id = next((t.question_id for t in self.takes if t is not None), None)
        choices: list[Take] = []
        if question_id is not None:
            try:
                choices = [t for t in self.library.list_takes(question_id) if t.state.playable]
            except LibraryError:
                choices = []
        for take in self.takes:  # a take shown must be listed even if it is not playable
            if take is not None and all(c.id != take.id for c in choices):
                choices.append(take)
        for picker, current in zip(self.pickers, self.takes, strict=True):
            picker.clear()
            for take in choices:
                length = length_text(take.duration) if take.duration is not None else "?"
                comfort = f", comfort {take.comfort}" if take.comfort else ""
                picker.addItem(f"{take_title(take)} ({length}{comfort})", take.id)
            if current is not None:
                picker.setCurrentIndex(picker.findData(current.id))

    def _picked(self, side: int) -> None:
        take_id = self.pickers[side].currentData()
        other = self.takes[1 - side]
        if take_id is None or other is None or other.id is None:
            return
        ids = [0, 0]
        ids[side], ids[1 - side] = int(take_id), other.id
        self.compare(ids[0], ids[1])

    def swap(self) -> None:
        a, b = self.takes
        if a is not None and b is not None and a.id is not None and b.id is not None:
            self.compare(b.id, a.id)

    def _show_facts(self) -> None:
        self.measured.show_pair(*self.takes)
        clear_layout(self.facts)
        columns = [dict(all_facts(t)) if t is not None else {} for t in self.takes]
        labels: list[str] = []
        for facts in columns:
            labels += [label for label in facts if label not in labels]
        for side, take in enumerate(self.takes):
            header = QLabel(take_title(take) if take is not None else "—")
            header.setAccessibleName(f"{SIDES[side]} take")
            font = header.font()
            font.setBold(True)
            header.setFont(font)
            self.facts.addWidget(header, 0, side + 1)
        for row, label in enumerate(labels, start=1):
            self.facts.addWidget(QLabel(f"{label}:"), row, 0)
            for side, facts in enumerate(columns):
                value = QLabel(facts.get(label, "—"))
                value.setAccessibleName(f"{SIDES[side]} {label.lower()}")
                value.setWordWrap(True)
                self.facts.addWidget(value, row, side + 1)

    def fact(self, side: int, label: str) -> str | None:
        """The text shown for ``label`` on ``side`` (0 left, 1 right) in the side-by-side table."""
        name = f"{SIDES[side]} {label.lower()}"
        for i in range(self.facts.count()):
            item = self.facts.itemAt(i)
            widget = item.widget() if item is not None else None
            if isinstance(widget, QLabel) and widget.accessibleName() == name:
                return widget.text()
        return None

    def _show_error(self, side: int, message: str) -> None:
        self.error_labels[side].setText(message)
        self._stacks[side].setCurrentIndex(1)

    # One transport for both

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

    def toggle(self) -> None:
        if self._playing:
            self.pause()
        else:
            self.play()

    def play(self) -> None:
        leader, follower = self.leader, self.follower
        if leader.state in ("empty", "error"):
            return
        start = 0.0 if leader.state == "ended" else leader.position
        if leader.duration - start < 0.05:
            start = 0.0
        self._follow_frame = False
        leader.seek(start)
        leader.play()
        if follower.state not in ("empty", "error"):
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
        if self.leader.state not in ("empty", "error"):
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
        if follower.state in ("empty", "error", "ended") or target >= follower.duration - 0.05:
            return
        if abs(follower.position - target) > MAX_DRIFT:
            self.corrections += 1
            follower.seek(target)
            if not follower.is_playing:
                follower.play()

    def _durations_known(self) -> None:
        self.transport.set_duration(max(p.duration for p in self.players))

    def _position_moved(self, side: int) -> None:
        if self.players[side] is self.leader:
            self.transport.set_position(self.leader.position)

    def _state_moved(self, side: int) -> None:
        player = self.players[side]
        if player is self.leader and player.state == "ended" and self._playing:
            self._playing = False
            self._sync_timer.stop()
            self.transport.set_playing(False)
            self.transport.set_position(player.duration)

    def _frame_shown(self, side: int) -> None:
        leader = self.leader
        if self._follow_frame and self.players[side] is leader and not self._playing:
            self._follow_frame = False
            self._align_follower()
            if leader.frame_start is not None:
                self.transport.set_position(leader.frame_start)

    # Leaving the screen

    def hideEvent(self, event: QHideEvent) -> None:
        self.pause()
        super().hideEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.pause()
        for player in self.players:
            player.unload()
        super().closeEvent(event)
