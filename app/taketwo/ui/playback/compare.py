"""Compare two takes of a question side by side, played and scrubbed as one (the pairing
itself is :class:`~taketwo.ui.playback.paired.PairedPlayback`).

Below the videos: what a person comparing two answers reads first (when, how long against the
target, how it felt, the notes), the measured differences, and the recording's technical facts
behind a Details toggle.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QHideEvent
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
from taketwo.tasks.events import Change, library_events
from taketwo.ui.playback.metrics_compare import MetricsComparison
from taketwo.ui.playback.paired import PairedPlayback
from taketwo.ui.playback.player import Player
from taketwo.ui.playback.take_facts import answer_facts, take_title, technical_facts
from taketwo.ui.playback.transport import TransportBar, add_shortcut
from taketwo.ui.widgets.empty_state import EmptyState, app_icon
from taketwo.ui.widgets.layouts import clear_layout
from taketwo.ui.widgets.plain_text import plain_label
from taketwo.ui.widgets.video_area import video_area

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
        self.events = library_events(library)
        self.events.changed.connect(self._library_changed)
        self.take_ids: list[int | None] = [None, None]
        self.takes: list[Take | None] = [None, None]
        self.players: list[Player] = []
        self.titles: list[QLabel] = []
        self.error_labels: list[QLabel] = []
        self.columns: list[QWidget] = []
        self._stacks = []
        self._codecs: dict[Path, str] = {}

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
        self.pair = PairedPlayback(self.players, self.transport, self)
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
        for player in self.players:
            # By player, not by side: a swap moves players between sides.
            player.error.connect(lambda m, p=player: self._show_error(self.players.index(p), m))
        add_shortcut(self, "Space", self.toggle)
        add_shortcut(self, ["Left", ","], lambda: self.step(-1))
        add_shortcut(self, ["Right", "."], lambda: self.step(1))
        add_shortcut(self, "Home", lambda: self.seek(0))
        add_shortcut(self, "[", lambda: t.change_speed(-1))
        add_shortcut(self, "]", lambda: t.change_speed(1))
        add_shortcut(self, "X", self.swap)
        add_shortcut(self, "D", self.details_button.toggle)

    def _library_changed(self, kind: str, item_id: int) -> None:
        """Show the takes as they are now: rated, noted, trashed or measured elsewhere."""
        if self.events.source is self:
            return
        if kind in (Change.LIBRARY, Change.QUESTION) or (
            kind in (Change.TAKE, Change.ANALYSIS) and item_id in self.take_ids
        ):
            self.refresh()

    # Choosing takes

    @property
    def is_empty(self) -> bool:
        return self.pages.currentWidget() is self.empty

    def compare(self, take_a_id: int, take_b_id: int) -> None:
        """Show the two takes side by side, both paused on their first frame."""
        self.pause()
        self.pair.forget_pending()
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
                self.pair.unload(self.players[side])
            elif before is None or before.path != now.path:
                self._load_side(side, now, at=self.position)
        self._fill_pickers()
        self._show_titles()
        self._show_facts()

    def _load_side(self, side: int, take: Take | None, at: float | None = None) -> None:
        player = self.players[side]
        if take is None:
            self.pair.unload(player)
            self.titles[side].setText("No take")
            return
        self._stacks[side].setCurrentIndex(0)
        self.pair.load(player, take.path, at)
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

    # One transport for both (the pair does the work)

    @property
    def leader(self) -> Player:
        return self.pair.leader

    @property
    def follower(self) -> Player:
        return self.pair.follower

    @property
    def position(self) -> float:
        return self.pair.position

    @property
    def is_playing(self) -> bool:
        return self.pair.is_playing

    @property
    def corrections(self) -> int:
        return self.pair.corrections

    def toggle(self) -> None:
        self.pair.toggle()

    def play(self) -> None:
        self.pair.play()

    def pause(self) -> None:
        self.pair.pause()

    def seek(self, seconds: float) -> None:
        self.pair.seek(seconds)

    def step(self, frames: int) -> None:
        self.pair.step(frames)

    # Coming back and leaving

    def hideEvent(self, event: QHideEvent) -> None:
        self.pause()
        super().hideEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.pause()
        for player in self.players:
            player.unload()
        super().closeEvent(event)
