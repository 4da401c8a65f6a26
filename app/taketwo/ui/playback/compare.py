"""Compare two takes of a question side by side, played and scrubbed as one.

The longer take leads: the slider follows it and, every half second of playback, the other one
is re-seeked if it has drifted more than :data:`MAX_DRIFT` away. The shorter take simply ends
and keeps its last frame while the longer one plays on.

Below the videos: what a person comparing two answers reads first (when, how long against the
target, how it felt, the notes), the measured differences, and the recording's technical facts
behind a Details toggle.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedLayout,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from taketwo.domain import Take
from taketwo.domain.formatting import length_text
from taketwo.media.probe import MediaError, probe
from taketwo.settings import Settings
from taketwo.storage import Library, LibraryError
from taketwo.tasks.analysis import TakeAnalyzer
from taketwo.ui.playback.metrics_compare import MetricsComparison
from taketwo.ui.playback.player import Player
from taketwo.ui.playback.review import video_area
from taketwo.ui.playback.take_facts import answer_facts, take_title, technical_facts
from taketwo.ui.playback.transport import TransportBar, add_shortcut
from taketwo.ui.widgets.empty_state import EmptyState, app_icon
from taketwo.ui.widgets.layouts import clear_layout
from taketwo.ui.widgets.plain_text import plain_label

SYNC_INTERVAL_MS = 500
MAX_DRIFT = 0.08  # seconds
SIDES = ("Left", "Right")
DETAILS_SETTING = "compare_details"


def scrolled(widget: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidget(widget)
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    return area


class CompareScreen(QWidget):
    library_requested = Signal()  # the empty screen's button: go and pick two takes

    def __init__(
        self,
        library: Library,
        parent: QWidget | None = None,
        settings: Settings | None = None,
    ) -> None:
        super().__init__(parent)
        self.library = library
        self.settings = settings
        self.take_ids: list[int | None] = [None, None]
        self.takes: list[Take | None] = [None, None]
        self.players: list[Player] = []
        self.titles: list[QLabel] = []
        self.error_labels: list[QLabel] = []
        self.columns: list[QWidget] = []
        self._stacks = []
        self._playing = False  # the user pressed play and the leader has not ended
        self._pending_seek: dict[Player, float] = {}  # a side loaded anew goes to the position
        self._codecs: dict[Path, str] = {}
        self.corrections = 0  # follower re-seeks made to keep the sides together

        self.question_label = plain_label()
        self.question_label.setWordWrap(True)
        self.question_label.setAccessibleName("Question")
        font = self.question_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.question_label.setFont(font)
        self.question_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

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

        self.videos = QHBoxLayout()
        for _side in range(2):
            column = QWidget()
            column_layout = QVBoxLayout(column)
            column_layout.setContentsMargins(0, 0, 0, 0)
            title = plain_label()
            title.setAccessibleName("Take")
            font = title.font()
            font.setBold(True)
            title.setFont(font)
            stack, video, message = video_area()
            player = Player(self, video)
            column_layout.addWidget(title)
            column_layout.addWidget(stack, 1)
            self.videos.addWidget(column, 1)
            self.columns.append(column)
            self.titles.append(title)
            self.error_labels.append(message)
            self._stacks.append(stack)
            self.players.append(player)

        self.transport = TransportBar()
        self.measured = MetricsComparison(library)

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.question_label)
        layout.addLayout(picker_row)
        layout.addLayout(self.videos, 3)
        layout.addWidget(self.transport)
        below = QHBoxLayout()
        below.addWidget(scrolled(self._build_side_by_side()), 1)
        below.addWidget(scrolled(self.measured), 1)
        layout.addLayout(below, 2)
        self.content = content

        self.empty = EmptyState(
            "Nothing to compare yet",
            "Compare needs two takes of the same question. In the Library (Ctrl+1), open a "
            "question with the → key, select two of its takes (Shift+↓ or Ctrl+click) and "
            "press C. While reviewing a take (Ctrl+3), C compares it with your best other take.",
            button_text="Open the Library",
            button_tip="Go to the Library to pick two takes — Ctrl+1",
            icon=app_icon(),
        )
        self.empty.button.clicked.connect(self.library_requested.emit)
        self.pages = QStackedLayout(self)
        self.pages.addWidget(self.empty)
        self.pages.addWidget(self.content)

        self._sync_timer = QTimer(self)
        self._sync_timer.setInterval(SYNC_INTERVAL_MS)
        self._sync_timer.timeout.connect(self.correct_drift)
        self._follow_frame = False  # the follower goes to the leader's next frame shown
        self._wire()

    def _build_side_by_side(self) -> QWidget:
        self.facts_box = QGroupBox("Side by side")
        column = QVBoxLayout(self.facts_box)
        self.facts = QGridLayout()  # the technical rows share it, so the columns line up
        self.facts.setColumnStretch(1, 1)
        self.facts.setColumnStretch(2, 1)
        column.addLayout(self.facts)
        column.addStretch(1)
        self._detail_widgets: list[QWidget] = []
        self.details_button = QToolButton()
        self.details_button.setText("Details")
        self.details_button.setCheckable(True)
        self.details_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.details_button.setAutoRaise(True)
        self.details_button.setAccessibleName("Details")
        self.details_button.setToolTip(
            "Show or hide how each take was recorded: devices, frames, audio drift and sync, "
            "codecs — D"
        )
        opened = bool(self.settings.get(DETAILS_SETTING)) if self.settings is not None else False
        self.details_button.setChecked(opened)
        self.details_button.toggled.connect(self._details_toggled)
        self._show_details_state()
        return self.facts_box

    def _wire(self) -> None:
        t = self.transport
        t.play_toggled.connect(self.toggle)
        t.seek_requested.connect(self.seek)
        t.step_requested.connect(self.step)
        t.speed_chosen.connect(self.set_speed)
        for player in self.players:
            # By player, not by side: a swap moves players between sides.
            player.duration_changed.connect(lambda _d, p=player: self._durations_known(p))
            player.position_changed.connect(lambda _pos, p=player: self._position_moved(p))
            player.state_changed.connect(lambda _s, p=player: self._state_moved(p))
            player.error.connect(lambda m, p=player: self._show_error(self.players.index(p), m))
            player.frame_shown.connect(lambda p=player: self._frame_shown(p))
        add_shortcut(self, "Space", self.toggle)
        add_shortcut(self, ["Left", ","], lambda: self.step(-1))
        add_shortcut(self, ["Right", "."], lambda: self.step(1))
        add_shortcut(self, "Home", lambda: self.seek(0))
        add_shortcut(self, "[", lambda: t.change_speed(-1))
        add_shortcut(self, "]", lambda: t.change_speed(1))
        add_shortcut(self, "X", self.swap)
        add_shortcut(self, "D", self.details_button.toggle)

    def set_analyzer(self, analyzer: TakeAnalyzer) -> None:
        """Show a take's measurements as soon as its background analysis finishes."""
        analyzer.finished.connect(self._analysis_ended)
        analyzer.failed.connect(self._analysis_ended)

    # Choosing takes

    @property
    def is_empty(self) -> bool:
        return self.pages.currentWidget() is self.empty

    def compare(self, take_a_id: int, take_b_id: int) -> None:
        """Show the two takes side by side, both paused on their first frame."""
        self.pause()
        self._pending_seek.clear()
        self.pages.setCurrentWidget(self.content)
        self.take_ids = [take_a_id, take_b_id]
        self.takes = [self._fetch(side, take_id) for side, take_id in enumerate(self.take_ids)]
        self._fill_pickers()
        for side, take in enumerate(self.takes):
            self._load_side(side, take)
        self._show_facts()
        self.setFocus(Qt.FocusReason.OtherFocusReason)  # so Space and the arrows reach it

    def _fetch(self, side: int, take_id: int | None) -> Take | None:
        if take_id is None:
            return None
        try:
            return self.library.get_take(take_id)
        except LibraryError as exc:
            self._show_error(side, f"Cannot show take {take_id}: {exc}")
            return None

    def refresh(self) -> None:
        """Show the takes as the library has them now: another screen may have rated, noted,
        starred, trashed or measured them. Playback stays where it is unless a file moved."""
        if self.is_empty:
            return
        for side, take_id in enumerate(self.take_ids):
            before, now = self.takes[side], self._fetch(side, take_id)
            self.takes[side] = now
            if now is None:
                self.players[side].unload()
            elif before is None or before.path != now.path:
                self._load_side(side, now, at=self.position)
        self._fill_pickers()
        self._show_titles()
        self._show_facts()

    def _load_side(self, side: int, take: Take | None, at: float | None = None) -> None:
        player = self.players[side]
        self._pending_seek.pop(player, None)
        if take is None:
            player.unload()
            self.titles[side].setText("No take")
            return
        self._stacks[side].setCurrentIndex(0)
        player.load(take.path)
        player.set_speed(self.transport.speed)
        if at:
            self._pending_seek[player] = at
        self._show_titles()

    def _show_titles(self) -> None:
        for side, take in enumerate(self.takes):
            self.titles[side].setText(
                f"{SIDES[side]}: {take_title(take)}" if take is not None else "No take"
            )

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
        """Put another take on one side; it opens where the other side is."""
        take_id = self.pickers[side].currentData()
        if take_id is None or int(take_id) == self.take_ids[side]:
            return
        if int(take_id) == self.take_ids[1 - side]:
            self.swap()  # the take already on the other side: trade places
            return
        self.pause()
        at = self.position
        self.take_ids[side] = int(take_id)
        self.takes[side] = self._fetch(side, int(take_id))
        self._load_side(side, self.takes[side], at=at)
        self._fill_pickers()
        self._show_facts()

    def swap(self) -> None:
        """Trade sides without reloading: both takes stay where they are, playing or not."""
        if self.is_empty:
            return
        for items in (
            self.take_ids,
            self.takes,
            self.players,
            self.titles,
            self.error_labels,
            self._stacks,
            self.columns,
        ):
            items.reverse()
        for column in self.columns:
            self.videos.removeWidget(column)
        for column in self.columns:
            self.videos.addWidget(column, 1)
        self._show_titles()
        self._fill_pickers()
        self._show_facts()

    # What is shown about the takes

    def _question(self) -> tuple[str, int | None]:
        take = next((t for t in self.takes if t is not None), None)
        if take is None:
            return "", None
        try:
            question = self.library.get_question(take.question_id)
        except LibraryError:
            return "", None
        return question.prompt, question.target_seconds

    def _coach_comments(self, take: Take) -> int | None:
        if take.id is None:
            return None
        try:
            return len(self.library.list_feedback(take.id))
        except LibraryError:
            return None

    def _show_facts(self) -> None:
        prompt, target = self._question()
        self.question_label.setText(prompt)
        self.question_label.setToolTip(
            f"The question both takes answer; target length {length_text(target)}"
            if target
            else "The question both takes answer"
        )
        self.measured.show_pair(*self.takes)
        opened = self.details_button.isChecked()
        answers = [
            dict(answer_facts(t, target, self._coach_comments(t))) if t is not None else {}
            for t in self.takes
        ]
        technical = [  # codecs are read from the files only once someone looks
            dict(technical_facts(t, self._codecs_of(t) if opened else None))
            if t is not None
            else {}
            for t in self.takes
        ]
        self.facts.removeWidget(self.details_button)  # kept: it is not a row's label
        clear_layout(self.facts)
        for side, take in enumerate(self.takes):
            header = plain_label(take_title(take) if take is not None else "—")
            header.setAccessibleName(f"{SIDES[side]} take")
            font = header.font()
            font.setBold(True)
            header.setFont(font)
            self.facts.addWidget(header, 0, side + 1)
        row, _ = self._add_rows(answers, 1)
        self.facts.addWidget(self.details_button, row, 0, 1, 3, Qt.AlignmentFlag.AlignLeft)
        _, self._detail_widgets = self._add_rows(technical, row + 1)
        self._show_details_state()

    def _codecs_of(self, take: Take) -> str | None:
        """``h264 video, aac audio``, read from the file header once (a few milliseconds)."""
        if take.path is None:
            return None
        if take.path not in self._codecs:
            try:
                info = probe(take.path)
            except MediaError:
                return None
            parts = [f"{info.video_codec} video"] if info.video_codec else []
            parts += [f"{info.audio_codec} audio"] if info.audio_codec else []
            self._codecs[take.path] = ", ".join(parts)
        return self._codecs[take.path]

    def _add_rows(self, columns: list[dict[str, str]], first: int) -> tuple[int, list[QWidget]]:
        """One row per label either side has; returns the next free row and the widgets."""
        labels: list[str] = []
        for facts in columns:
            labels += [label for label in facts if label not in labels]
        added: list[QWidget] = []
        top = Qt.AlignmentFlag.AlignTop
        for row, label in enumerate(labels, start=first):
            name = QLabel(f"{label}:")
            self.facts.addWidget(name, row, 0, top)
            added.append(name)
            for side, facts in enumerate(columns):
                value = plain_label(facts.get(label, "—"))
                value.setAccessibleName(f"{SIDES[side]} {label.lower()}")
                value.setWordWrap(True)
                value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                self.facts.addWidget(value, row, side + 1, top)
                added.append(value)
        return first + len(labels), added

    def _details_toggled(self, opened: bool) -> None:
        if self.settings is not None:
            self.settings.set(DETAILS_SETTING, opened)
        if opened and not self.is_empty:
            self._show_facts()  # with the codecs, read now
        self._show_details_state()

    def _show_details_state(self) -> None:
        opened = self.details_button.isChecked()
        self.details_button.setArrowType(
            Qt.ArrowType.DownArrow if opened else Qt.ArrowType.RightArrow
        )
        for widget in self._detail_widgets:
            widget.setVisible(opened)

    def fact(self, side: int, label: str) -> str | None:
        """The text shown for ``label`` on ``side`` (0 left, 1 right), None when not shown
        (technical facts are shown only while Details is open)."""
        name = f"{SIDES[side]} {label.lower()}"
        for i in range(self.facts.count()):
            item = self.facts.itemAt(i)
            widget = item.widget() if item is not None else None
            if isinstance(widget, QLabel) and widget.accessibleName() == name:
                hidden = widget in self._detail_widgets and not self.details_button.isChecked()
                return None if hidden else widget.text()
        return None

    def _show_error(self, side: int, message: str) -> None:
        self.error_labels[side].setText(message)
        self._stacks[side].setCurrentIndex(1)

    def _analysis_ended(self, take_id: int, _result: object = None) -> None:
        if take_id in self.take_ids and self.isVisible():
            self.refresh()

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

    # Coming back and leaving

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self.refresh()  # the library may have changed while another screen was showing

    def hideEvent(self, event: QHideEvent) -> None:
        self.pause()
        super().hideEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.pause()
        for player in self.players:
            player.unload()
        super().closeEvent(event)
