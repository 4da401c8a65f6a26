"""Review one take: watch it (frame by frame, slower or faster), rate it, note it, star or trash it,
trim it (I and O) and export it for a coach; the coach's comments show on the timeline.

Every edit goes straight to the library and is announced with ``take_changed``; trashing can be
undone from the message bar until another take is shown.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QHideEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QStackedLayout,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from taketwo.domain import Take, TakeState
from taketwo.storage import Library, LibraryError
from taketwo.tasks.events import Change, library_events
from taketwo.tasks.runner import TaskRunner
from taketwo.ui.playback.feedback_list import FeedbackList
from taketwo.ui.playback.metrics_panel import MetricsPanel
from taketwo.ui.playback.player import Player
from taketwo.ui.playback.take_facts import (
    all_facts,
    comfort_text,
    length_against_target,
    recorded_text,
    take_title,
)
from taketwo.ui.playback.transcript_view import TranscriptView
from taketwo.ui.playback.transport import TransportBar, add_shortcut
from taketwo.ui.widgets.empty_state import EmptyState, app_icon
from taketwo.ui.widgets.message_bar import MessageBar
from taketwo.ui.widgets.pause_strip import PauseStrip
from taketwo.ui.widgets.plain_text import plain_label
from taketwo.ui.widgets.rating_bar import LABELS as COMFORT_LABELS
from taketwo.ui.widgets.video_area import video_area

if TYPE_CHECKING:  # imported when first used: the dialog pulls in the export code
    from taketwo.ui.playback.export_dialog import ExportDialog

NOTES_DEBOUNCE_MS = 1200


RECOVERED_NOTE = "Recovered after a crash; the last second or so may be missing."


class ReviewScreen(QWidget):
    take_changed = Signal(int)
    take_trashed = Signal(int)
    compare_requested = Signal(int)
    library_requested = Signal()  # the empty screen's button: go and pick a take

    def __init__(
        self, library: Library, parent: QWidget | None = None, runner: TaskRunner | None = None
    ) -> None:
        super().__init__(parent)
        self.library = library
        self._own_runner = runner is None
        self.runner = runner or TaskRunner(threads=1)
        self.export_dialog: ExportDialog | None = None
        self.take: Take | None = None
        self._trashed_id: int | None = None
        self._saved_notes = ""
        self.events = library_events(library)
        self.events.changed.connect(self._library_changed)

        self.title = plain_label("No take chosen")
        self.title.setAccessibleName("Take")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.question_label = plain_label()
        self.question_label.setWordWrap(True)
        self.question_label.setAccessibleName("Question")
        self.summary_label = plain_label()
        self.summary_label.setAccessibleName("Recorded and length")
        self.recovered_label = QLabel(RECOVERED_NOTE)
        self.recovered_label.setAccessibleName("Recovered take")
        self.recovered_label.setObjectName("status")  # styled as a warning by the stylesheet
        self.recovered_label.setProperty("warn", True)
        self.recovered_label.hide()
        self.message = MessageBar()
        self.message.action.clicked.connect(self.undo_trash)

        self.video_stack, self.video, self.error_label = video_area()
        self.player = Player(self, self.video)
        self.transport = TransportBar()
        self.pause_strip = PauseStrip()
        self.metrics = MetricsPanel(library)
        self.words = TranscriptView()

        left = QVBoxLayout()
        left.addWidget(self.video_stack, 1)
        left.addWidget(self.transport)
        left.addWidget(self.pause_strip)
        left.addWidget(self.words)
        body = QHBoxLayout()
        body.addLayout(left, 1)
        body.addWidget(self._build_side_panel())

        self.content = QWidget()
        layout = QVBoxLayout(self.content)
        layout.setContentsMargins(0, 0, 0, 0)
        heading = QHBoxLayout()
        heading.addWidget(self.title)
        heading.addWidget(self.summary_label, 1, Qt.AlignmentFlag.AlignBottom)
        layout.addLayout(heading)
        layout.addWidget(self.question_label)
        layout.addWidget(self.recovered_label)
        layout.addWidget(self.message)
        layout.addLayout(body, 1)
        self.empty = EmptyState(
            "No take to review yet",
            "Pick a take in the Library (Ctrl+1): open a question with the → key, choose one "
            "of its takes and press Enter. Takes you record in Rehearse (Ctrl+2) are listed "
            "there.",
            button_text="Open the Library",
            button_tip="Go to the Library to pick a take — Ctrl+1",
            icon=app_icon(),
        )
        self.empty.button.clicked.connect(self.library_requested.emit)
        self.pages = QStackedLayout(self)
        self.pages.addWidget(self.empty)
        self.pages.addWidget(self.content)

        self._notes_timer = QTimer(self)
        self._notes_timer.setSingleShot(True)
        self._notes_timer.setInterval(NOTES_DEBOUNCE_MS)
        self._notes_timer.timeout.connect(self.save_notes)
        self._wire()
        self._set_enabled(False)

    def _build_side_panel(self) -> QWidget:
        panel = QWidget()
        panel.setFixedWidth(330)
        column = QVBoxLayout(panel)
        column.setContentsMargins(0, 0, 0, 0)

        comfort = QGroupBox("How did it feel?")
        comfort_layout = QVBoxLayout(comfort)
        row = QHBoxLayout()
        comfort_layout.addLayout(row)
        self.rating_buttons: dict[int, QPushButton] = {}
        for value, text in COMFORT_LABELS.items():
            button = QPushButton(str(value))
            button.setCheckable(True)
            button.setAccessibleName(f"Comfort {value}: {text}")
            button.setToolTip(f"Comfort {value} of 5 ({text}) — key {value}; click again to clear")
            button.clicked.connect(lambda _=False, v=value: self._rating_clicked(v))
            row.addWidget(button)
            self.rating_buttons[value] = button
        self.rating_text = QLabel()
        self.rating_text.setAccessibleName("Comfort rating")
        comfort_layout.addWidget(self.rating_text)
        column.addWidget(comfort)

        actions = QHBoxLayout()
        self.star_button = QPushButton("☆ Best take")
        self.star_button.setCheckable(True)
        self.star_button.setAccessibleName("Best take")
        self.star_button.setToolTip("Mark as this question's best take — S")
        self.star_button.clicked.connect(self.toggle_star)
        self.compare_button = QPushButton("Compare…")
        self.compare_button.setAccessibleName("Compare with another take")
        self.compare_button.setToolTip("Compare with another take of this question — C")
        self.compare_button.clicked.connect(self._request_compare)
        self.trash_button = QPushButton("Trash")
        self.trash_button.setAccessibleName("Move to trash")
        self.trash_button.setToolTip("Move this take to the trash (undo: Ctrl+Z) — Delete")
        self.trash_button.clicked.connect(self.trash)
        self.export_button = QPushButton("Export…")
        self.export_button.setAccessibleName("Export for a coach")
        self.export_button.setToolTip("Export the clip between I and O, or a coach pack — E")
        self.export_button.clicked.connect(self.open_export)
        for button in (
            self.star_button,
            self.compare_button,
            self.export_button,
            self.trash_button,
        ):
            actions.addWidget(button)
        column.addLayout(actions)

        notes = QGroupBox("Notes")
        notes_layout = QVBoxLayout(notes)
        self.notes = QPlainTextEdit()
        self.notes.setPlaceholderText("What to keep, what to change next time…")
        self.notes.setAccessibleName("Notes")
        self.notes.setToolTip(
            "Notes on this take; saved as you type — N to start typing, Esc to leave"
        )
        self.notes.setTabChangesFocus(True)
        self.notes.installEventFilter(self)
        notes_layout.addWidget(self.notes)
        column.addWidget(notes, 1)

        self.feedback = FeedbackList()
        column.addWidget(self.feedback)

        self.details_button = QToolButton()
        self.details_button.setText("Details")
        self.details_button.setCheckable(True)
        self.details_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.details_button.setArrowType(Qt.ArrowType.RightArrow)
        self.details_button.setAutoRaise(True)
        self.details_button.setAccessibleName("Details")
        self.details_button.setToolTip(
            "Show or hide how the take was recorded: devices, frames, audio drift and sync"
        )
        column.addWidget(self.details_button, 0, Qt.AlignmentFlag.AlignLeft)
        details = QWidget()  # closed at first: the measurements below need the room
        details.hide()
        self.details = QFormLayout(details)
        self.details.setContentsMargins(8, 0, 0, 0)
        self.details.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.details_button.toggled.connect(details.setVisible)
        self.details_button.toggled.connect(
            lambda on: self.details_button.setArrowType(
                Qt.ArrowType.DownArrow if on else Qt.ArrowType.RightArrow
            )
        )
        column.addWidget(details)
        measured = QScrollArea()
        measured.setWidget(self.metrics)
        measured.setWidgetResizable(True)
        measured.setFrameShape(QScrollArea.Shape.NoFrame)
        column.addWidget(measured, 2)
        return panel

    def _wire(self) -> None:
        p, t = self.player, self.transport
        p.duration_changed.connect(t.set_duration)
        p.position_changed.connect(t.set_position)
        p.state_changed.connect(lambda s: t.set_playing(s == "playing"))
        p.error.connect(self._show_error)
        t.play_toggled.connect(p.toggle)
        t.seek_requested.connect(p.seek)
        t.step_requested.connect(p.step)
        t.speed_chosen.connect(p.set_speed)
        p.duration_changed.connect(self.pause_strip.set_duration)
        p.position_changed.connect(self.pause_strip.set_position)
        self.pause_strip.seek_requested.connect(p.seek)
        self.metrics.pauses_changed.connect(self.pause_strip.set_pauses)
        self.metrics.result_changed.connect(self._show_words)
        p.position_changed.connect(self.words.set_position)
        self.words.seek_requested.connect(p.seek)
        self.notes.textChanged.connect(self._notes_edited)
        add_shortcut(self, "Space", p.toggle)
        add_shortcut(self, ["Left", ","], lambda: p.step(-1))
        add_shortcut(self, ["Right", "."], lambda: p.step(1))
        add_shortcut(self, "Home", lambda: p.seek(0))
        add_shortcut(self, "[", lambda: t.change_speed(-1))
        add_shortcut(self, "]", lambda: t.change_speed(1))
        for value in COMFORT_LABELS:
            add_shortcut(self, str(value), partial(self.rate, value))
        add_shortcut(self, "S", self.toggle_star)
        add_shortcut(self, "C", self._request_compare)
        add_shortcut(self, "N", self.notes.setFocus)
        add_shortcut(self, "Delete", self.trash)
        add_shortcut(self, "Ctrl+Z", self.undo_trash)
        add_shortcut(self, "I", self.mark_in)
        add_shortcut(self, "O", self.mark_out)
        add_shortcut(self, "E", self.open_export)
        self.feedback.seek_requested.connect(p.seek)

    # Showing a take

    @property
    def take_id(self) -> int | None:
        return self.take.id if self.take is not None else None

    def show_take(self, take_id: int) -> None:
        """Load the take (its first frame only) and everything known about it."""
        self.save_notes()
        self._trashed_id = None
        self.message.hide()
        self.pages.setCurrentWidget(self.content)
        try:
            take = self.library.get_take(take_id)
        except LibraryError as exc:
            self.take = None
            self.player.unload()
            self._set_enabled(False)
            self.title.setText("No take")
            self.summary_label.clear()
            self._show_error(f"Cannot show take {take_id}: {exc}")
            return
        self.take = take
        self.transport.clear_range()
        self.reload_feedback()
        self._show_details(take)
        self.metrics.show_take(take)
        self.video_stack.setCurrentIndex(0)
        self._set_enabled(True)
        self.player.load(take.path)  # a missing file reports (and disables playback) at once
        self.player.set_speed(self.transport.speed)
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def _library_changed(self, kind: str, item_id: int) -> None:
        take = self.take
        if self.events.source is self or take is None:
            return
        if kind == Change.FEEDBACK and item_id == take.id:
            self.reload_feedback()
        elif (
            kind == Change.LIBRARY
            or (kind in (Change.TAKE, Change.ANALYSIS) and item_id == take.id)
            or (kind == Change.QUESTION and item_id == take.question_id)
        ):
            self.refresh()

    def refresh(self) -> None:
        """Show the take as the library has it now: another screen may have changed it."""
        if self.take is None or self.take.id is None:
            return
        self.save_notes()
        try:
            self.take = self.library.get_take(self.take.id)
        except LibraryError:
            return
        self._show_details(self.take)

    def _show_words(self, result: dict[str, Any] | None) -> None:
        self.words.show_result(result)
        fillers = (result or {}).get("fillers") or []
        self.pause_strip.set_fillers([float(f["start"]) for f in fillers if "start" in f])

    def _show_details(self, take: Take) -> None:
        try:
            question = self.library.get_question(take.question_id)
            prompt, target = question.prompt, question.target_seconds
        except LibraryError:
            prompt, target = "", None
        self.summary_label.setText(
            f"  ·  {recorded_text(take)}  ·  {length_against_target(take.duration, target)}"
        )
        self.title.setText(
            take_title(take) + ("  (in the trash)" if take.state == "trashed" else "")
        )
        self.question_label.setText(prompt)
        self.recovered_label.setVisible(take.state is TakeState.RECOVERED)
        self._show_rating(take.comfort)
        self.star_button.setChecked(take.starred)
        self.star_button.setText("★ Best take" if take.starred else "☆ Best take")
        self.notes.blockSignals(True)
        self.notes.setPlainText(take.notes)
        self.notes.blockSignals(False)
        self._saved_notes = take.notes
        self._show_facts(take)

    def _show_facts(self, take: Take) -> None:
        """The Details form, refilled whenever the take changes so it never shows old facts."""
        while self.details.rowCount():
            self.details.removeRow(0)
        for label, value in all_facts(take):
            field = plain_label(value)
            field.setWordWrap(True)
            field.setAccessibleName(label)
            field.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.details.addRow(f"{label}:", field)

    def detail(self, label: str) -> str | None:
        """The text shown for ``label`` in the details form (None if absent)."""
        for row in range(self.details.rowCount()):
            item = self.details.itemAt(row, QFormLayout.ItemRole.FieldRole)
            widget = item.widget() if item is not None else None
            if isinstance(widget, QLabel) and widget.accessibleName() == label:
                return widget.text()
        return None

    def _show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.video_stack.setCurrentIndex(1)
        self.transport.setEnabled(False)  # nothing to play; rating and notes still work

    def _set_enabled(self, enabled: bool) -> None:
        for widget in (
            self.transport,
            self.star_button,
            self.compare_button,
            self.trash_button,
            self.export_button,
            self.notes,
            *self.rating_buttons.values(),
        ):
            widget.setEnabled(enabled)

    def _edit(self, change: Callable[[int], Take]) -> Take | None:
        """Run one library change on the current take; problems go to the message bar."""
        if self.take is None or self.take.id is None:
            return None
        take_id = self.take.id
        try:
            self.take = change(take_id)
        except LibraryError as exc:
            self.message.say(f"Could not save that: {exc}")
            return None
        self._show_facts(self.take)
        self.take_changed.emit(take_id)
        self.events.announce(Change.TAKE, take_id, source=self)
        return self.take

    # Rating, star, notes

    def rate(self, value: int | None) -> None:
        take = self._edit(lambda i: self.library.rate_take(i, value))
        if take is not None:
            self._show_rating(take.comfort)

    def _rating_clicked(self, value: int) -> None:
        current = self.take.comfort if self.take is not None else None
        self.rate(None if current == value else value)

    def _show_rating(self, comfort: int | None) -> None:
        for value, button in self.rating_buttons.items():
            button.setChecked(value == comfort)
        self.rating_text.setText(comfort_text(comfort))

    def toggle_star(self) -> None:
        if self.take is None:
            return
        starred = not self.take.starred
        take = self._edit(lambda i: self.library.star_take(i, starred))
        if take is not None:
            self.star_button.setChecked(take.starred)
            self.star_button.setText("★ Best take" if take.starred else "☆ Best take")
            self.title.setText(take_title(take))
        else:
            self.star_button.setChecked(self.take.starred)

    def _notes_edited(self) -> None:
        self._notes_timer.start()

    def save_notes(self) -> None:
        """Write the notes if they changed since the last save."""
        self._notes_timer.stop()
        text = self.notes.toPlainText()
        if self.take is None or text == self._saved_notes:
            return
        if self._edit(lambda i: self.library.note_take(i, text)) is not None:
            self._saved_notes = text

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.notes:
            if event.type() == QEvent.Type.FocusOut:
                self.save_notes()
            elif event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Escape:  # type: ignore[attr-defined]
                self.save_notes()
                self.setFocus(Qt.FocusReason.ShortcutFocusReason)
                return True
        return super().eventFilter(watched, event)

    # Trim, export and the coach's comments

    def _here(self) -> float:
        """The frame on screen when paused (trim points are frames), else the position."""
        start = self.player.frame_start
        return start if start is not None and not self.player.is_playing else self.player.position

    def mark_in(self) -> None:
        if self.take is not None:
            self.transport.set_in(self._here())

    def mark_out(self) -> None:
        if self.take is not None:
            self.transport.set_out(self._here())

    def open_export(self) -> None:
        from taketwo.ui.playback.export_dialog import ExportDialog

        if self.take is None or not self.take.state.playable:
            return
        self.player.pause()
        prompt = self.question_label.text()
        self.export_dialog = ExportDialog(
            self.library,
            self.runner,
            self.take,
            prompt,
            self.transport.in_point,
            self.transport.out_point,
            self,
        )
        self.export_dialog.open()

    def reload_feedback(self) -> None:
        comments = []
        if self.take is not None and self.take.id is not None:
            try:
                comments = self.library.list_feedback(self.take.id)
            except LibraryError:
                comments = []
        self.feedback.show_comments(comments)
        self.transport.set_markers([c.at for c in comments])

    # Compare, trash, undo

    def _request_compare(self) -> None:
        if self.take is not None and self.take.id is not None:
            self.save_notes()
            self.compare_requested.emit(self.take.id)

    def trash(self) -> None:
        if self.take is None or self.take.id is None or self.take.state == "trashed":
            return
        self.save_notes()
        take_id, number = self.take.id, self.take.number
        try:
            self.library.trash_take(take_id)
        except LibraryError as exc:
            self.message.say(f"Could not move take {number} to the trash: {exc}")
            return
        self.player.unload()
        self.take = None
        self._trashed_id = take_id
        self._set_enabled(False)
        self.title.setText(f"Take {number} is in the trash")
        self.summary_label.clear()
        self.message.say(f"Take {number} moved to the trash.", action=True)
        self.take_trashed.emit(take_id)
        self.events.announce(Change.TAKE, take_id, source=self)

    def undo_trash(self) -> None:
        if self._trashed_id is None:
            return
        take_id, self._trashed_id = self._trashed_id, None
        try:
            self.library.restore_take(take_id)
        except LibraryError as exc:
            self.message.say(f"Could not restore the take: {exc}")
            return
        self.show_take(take_id)
        self.message.say("Take restored.")
        self.take_changed.emit(take_id)
        self.events.announce(Change.TAKE, take_id, source=self)

    # Leaving the screen

    def hideEvent(self, event: QHideEvent) -> None:
        self.save_notes()
        self.player.pause()
        super().hideEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_notes()
        self.player.unload()
        if self._own_runner:
            self.runner.shutdown()
        super().closeEvent(event)
