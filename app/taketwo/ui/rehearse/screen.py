"""Rehearse: the question, the live preview, and takes one after another, keyboard first.

Space starts (countdown, then take) and stops; Esc cancels a countdown or, after asking,
discards the take being recorded; 1-5 rates the take just recorded and N adds a note.
The library row is written before capture starts and finished when the file is final.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from taketwo.domain.formatting import length_text
from taketwo.domain.progress import suggest_comfortable
from taketwo.domain.question import Question, QuestionStatus
from taketwo.settings import Settings
from taketwo.storage import Library, LibraryError
from taketwo.tasks.events import Change, library_events
from taketwo.ui.rehearse.question_panel import QuestionPanel
from taketwo.ui.rehearse.recorder_controller import RecorderController, RecState
from taketwo.ui.shell.theme import IconMark, icon, set_look
from taketwo.ui.widgets.level_meter import LevelMeter
from taketwo.ui.widgets.marked_text import plain_tip
from taketwo.ui.widgets.plain_text import plain_label
from taketwo.ui.widgets.preview import PreviewView
from taketwo.ui.widgets.rating_bar import RatingBar

if TYPE_CHECKING:  # the capture engine loads with the devices, after the window shows
    from taketwo.capture.recorder import TakeResult
    from taketwo.workflow.take import TakeWorkflow

AMBER_AT = 0.85  # of the target length
SAVING = "Saving the take…"
KEYS_IDLE = "Space starts a take after the countdown · M mirrors · K marks it comfortable"
KEYS_COUNTDOWN = "Space starts now · Esc cancels"
KEYS_RECORDING = "Space stops the take · Esc throws it away"


class RehearseScreen(QWidget):
    take_saved = Signal(int)  # take id, once its file is final and its row says so
    take_rated = Signal(int)
    devices_chosen = Signal(str, str)  # camera id, microphone id
    question_changed = Signal(int)

    def __init__(
        self,
        library: Library,
        controller: RecorderController,
        settings: Settings,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.library, self.controller, self.settings = library, controller, settings
        self.question: Question | None = None
        self.workflow: TakeWorkflow | None = None  # the take being counted in or recorded
        self.last_take_id: int | None = None
        self.takes_this_session = 0
        self.events = library_events(library)
        self.events.changed.connect(self._library_changed)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # so Space and 1-5 reach it
        self._build()
        self._wire()

    # -- layout ---------------------------------------------------------------------------
    def _build(self) -> None:
        self.prompt = plain_label("Choose a question to rehearse (Ctrl+N adds one).")
        self.prompt.setWordWrap(True)
        self.prompt.setObjectName("prompt")
        self.prompt.setAccessibleName("Question")
        self.prompt.setProperty("role", "title")
        self.sample_badge = QLabel("Sample question")
        self.sample_badge.setProperty("role", "badge")
        self.sample_badge.setAccessibleName("Sample question")
        self.sample_badge.setToolTip("One of the bundled samples, not a question you wrote")
        self.sample_badge.hide()
        header = QHBoxLayout()
        header.addWidget(self.prompt, 1)
        header.addWidget(self.sample_badge, 0, Qt.AlignmentFlag.AlignTop)

        self.preview = PreviewView()
        self.panel = QuestionPanel()
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.preview)
        split.addWidget(self.panel)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)

        self.meter = LevelMeter()
        self.elapsed = QLabel("0:00")
        self.elapsed.setObjectName("elapsed")
        self.elapsed.setAccessibleName("Elapsed time against the target length")
        self.elapsed.setToolTip("Elapsed time / target: amber near the target, red past it")
        self.counter = QLabel("Take 1")
        self.counter.setAccessibleName("Take counter")
        self.status = plain_label("")
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Status")
        info = QHBoxLayout()
        mic_mark = IconMark("mic")
        mic_mark.setToolTip("Microphone level")
        info.addWidget(mic_mark)
        info.addWidget(self.meter, 1)
        info.addSpacing(12)
        info.addWidget(self.elapsed)
        info.addSpacing(12)
        info.addWidget(self.counter)

        self.rating = RatingBar()
        # Hidden until a take is saved, but its room is kept: the preview never shrinks for it.
        keep = self.rating.sizePolicy()
        keep.setRetainSizeWhenHidden(True)
        self.rating.setSizePolicy(keep)
        self.rating.hide()

        self.camera_box = QComboBox()
        self.camera_box.setAccessibleName("Camera")
        self.camera_box.setToolTip("Camera to record with")
        self.mic_box = QComboBox()
        self.mic_box.setAccessibleName("Microphone")
        self.mic_box.setToolTip("Microphone to record with")
        self.mirror = QCheckBox("Mirror")
        self.mirror.setAccessibleName("Mirror preview")
        self.mirror.setToolTip("Show the preview like a mirror (M); the take is never mirrored")
        self.mirror.setChecked(bool(self.settings.get("mirror")))
        self.countdown = QSpinBox()
        self.countdown.setRange(0, 10)
        self.countdown.setSuffix(" s countdown")
        self.countdown.setValue(int(self.settings.get("countdown")))
        self.countdown.setAccessibleName("Countdown length")
        self.countdown.setToolTip("Seconds to count down before a take (Space skips it)")
        self.comfortable = QPushButton(icon("comfortable"), "Comfortable")
        self.comfortable.setCheckable(True)
        self.comfortable.setAccessibleName("Mark comfortable")
        self.comfortable.setToolTip("This question feels comfortable now — K")
        self.record = QPushButton(icon("record", token="on_danger", filled=True), "Record (Space)")
        self.record.setObjectName("record")
        self.record.setAccessibleName("Record or stop")
        self.record.setToolTip("Start a take, or stop the one being recorded — Space")
        # Tab reaches every control; Space, 1-5 and the letters still reach the screen from
        # them (they are shortcuts), and the countdown is set with the arrow keys.
        self.countdown.lineEdit().setReadOnly(True)
        order = (
            self,
            self.camera_box,
            self.mic_box,
            self.mirror,
            self.countdown,
            self.comfortable,
            self.record,
            self.rating.note,
        )
        for w in order[1:]:
            w.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        for button in self.rating.buttons.values():
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        devices = QHBoxLayout()
        for name, box in (("camera", self.camera_box), ("mic", self.mic_box)):
            mark = IconMark(name)
            mark.setToolTip(box.toolTip())
            devices.addWidget(mark)
            devices.addWidget(box, 1)
            box.setMinimumContentsLength(12)
            box.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
        devices.addWidget(self.mirror)
        devices.addWidget(self.countdown)
        devices.addSpacing(12)
        devices.addWidget(self.comfortable)
        devices.addWidget(self.record)
        self._hold_still()

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(split, 1)
        layout.addLayout(info)
        layout.addWidget(self.status)
        # The keys, in the rating bar's place until a take is saved (the same cell, so the
        # row's height never changes).
        self.keys_hint = QLabel(KEYS_IDLE)
        self.keys_hint.setProperty("role", "muted")
        self.keys_hint.setAccessibleName("Keys")
        after_take = QGridLayout()
        after_take.setContentsMargins(0, 0, 0, 0)
        after_take.addWidget(self.keys_hint, 0, 0)
        after_take.addWidget(self.rating, 0, 0)
        self.rating.installEventFilter(self)
        layout.addLayout(after_take)
        layout.addLayout(devices)
        for first, second in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def _hold_still(self) -> None:
        """Give the labels and buttons whose text changes while recording the width of their
        widest text, and the status line room for two lines, so nothing moves mid-take."""
        metrics = self.fontMetrics()
        self.elapsed.setMinimumWidth(metrics.horizontalAdvance("00:00 / 00:00") + 8)
        self.counter.setMinimumWidth(metrics.horizontalAdvance("Take 000") + 8)
        # Two lines, always: a longer message is cut (and whole in the tooltip), never taller.
        self.status.setFixedHeight(metrics.lineSpacing() * 2 + 2)
        self.status.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        widths = []
        for text in ("Record (Space)", "Stop (Space)"):
            self.record.setText(text)
            widths.append(self.record.sizeHint().width())
        self.record.setText("Record (Space)")
        self.record.setMinimumWidth(max(widths) + 16)

    def _wire(self) -> None:
        c = self.controller
        c.frame_ready.connect(self.preview.show_frame)
        c.level.connect(self.meter.set_level)
        c.elapsed.connect(self._show_elapsed)
        c.countdown.connect(self._show_countdown)
        c.state_changed.connect(self._on_state)
        c.take_finished.connect(self._on_take_finished)
        c.notice.connect(lambda _kind, message: self.say(message, warn=True))
        c.error.connect(lambda message: self.say(message, warn=True))
        self.record.clicked.connect(self.space)
        self.mirror.toggled.connect(self._set_mirror)
        self.countdown.valueChanged.connect(lambda v: self.settings.set("countdown", v))
        self.rating.rated.connect(self._rate)
        self.rating.note_changed.connect(self._note)
        self.rating.note.returnPressed.connect(self._leave_note)
        self.comfortable.clicked.connect(self.set_comfortable)
        self.camera_box.activated.connect(self._device_chosen)
        self.mic_box.activated.connect(self._device_chosen)
        self._set_mirror(self.mirror.isChecked())
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for key, slot in (
            (Qt.Key.Key_Space, self.space),
            (Qt.Key.Key_Escape, self.escape),
            (Qt.Key.Key_N, self._focus_note),
            (Qt.Key.Key_M, self.mirror.toggle),
            (Qt.Key.Key_K, lambda: self.set_comfortable(not self.comfortable.isChecked())),
        ):
            QShortcut(QKeySequence(key), self, slot, context=context)
        for value in range(1, 6):
            QShortcut(
                QKeySequence(str(value)), self, lambda v=value: self._rate_key(v), context=context
            )

    # -- devices --------------------------------------------------------------------------
    def fill_devices(
        self,
        cameras: list[tuple[str, str]],
        mics: list[tuple[str, str]],
        camera_id: str,
        mic_id: str,
    ) -> None:
        """Offer (id, name) pairs in the pickers and select the ones in use."""
        for box, items, current in (
            (self.camera_box, cameras, camera_id),
            (self.mic_box, mics, mic_id),
        ):
            box.blockSignals(True)
            box.clear()
            for device_id, name in items:
                box.addItem(name, device_id)
            index = box.findData(current)
            if index < 0 and current:
                box.addItem(current, current)
                index = box.count() - 1
            box.setCurrentIndex(max(index, 0))
            box.blockSignals(False)

    def _device_chosen(self) -> None:
        self.devices_chosen.emit(
            self.camera_box.currentData() or "", self.mic_box.currentData() or ""
        )

    # -- question -------------------------------------------------------------------------
    def set_question(self, question_id: int) -> None:
        if self.controller.state in (RecState.RECORDING, RecState.FINISHING, RecState.COUNTDOWN):
            self.say("Finish the take first (Space stops it).", warn=True)
            return
        self.question = self.library.get_question(question_id)
        self.settings.set("last_question_id", question_id)
        self.prompt.setText(self.question.prompt)
        self.sample_badge.setVisible(self.question.is_sample)
        self.panel.show_question(self.question, self.target_seconds())
        self.takes_this_session = 0
        self.last_take_id = None
        self.comfortable.setChecked(self.question.status is QuestionStatus.COMFORTABLE)
        self.rating.hide()
        self._update_counter()
        self._show_elapsed(0.0)

    def target_seconds(self) -> int:
        if self.question is not None and self.question.target_seconds:
            return self.question.target_seconds
        return int(self.settings.get("target_seconds"))

    def _update_counter(self) -> None:
        if self.question is None or self.question.id is None:
            self.counter.setText("")
            return
        # The number the next take will get: trashed takes keep theirs, so counting is wrong.
        taken = [t.number for t in self.library.list_takes(self.question.id, include_trashed=True)]
        self.counter.setText(f"Take {max(taken, default=0) + 1}")

    # -- keys -----------------------------------------------------------------------------
    def space(self) -> None:
        state = self.controller.state
        if state is RecState.PREVIEW:
            self._start_take()
        elif state is RecState.COUNTDOWN:
            self.controller.skip_countdown()
        elif state is RecState.RECORDING:
            self.controller.stop_take()
        elif state is RecState.OFF:
            self.say("No camera and microphone are open: pick them below.", warn=True)

    def escape(self) -> None:
        state = self.controller.state
        if state is RecState.COUNTDOWN:
            self.controller.cancel_countdown()
            self._drop_pending_row()
            self.say("Countdown cancelled.")
        elif state is RecState.RECORDING:
            answer = QMessageBox.question(
                self,
                "Discard this take?",
                "Throw away the take you are recording? It cannot be undone.",
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer == QMessageBox.StandardButton.Discard:
                self.controller.stop_take(discard=True)
        elif self.rating.note.hasFocus():
            self._leave_note()

    def _start_take(self) -> None:
        if self.question is None or self.question.id is None:
            self.say("Choose or add a question first (Ctrl+N).", warn=True)
            return
        self._keep_note()
        session = self.controller.session
        if session is None:
            return
        from taketwo.workflow.take import TakeWorkflow  # loaded with the devices

        workflow = TakeWorkflow(
            session,
            self.controller.camera_id,
            self.controller.mic_id,
            library=self.library,
            question_id=self.question.id,
        )
        try:
            workflow.reserve()
        except (LibraryError, OSError) as exc:
            self.say(f"Could not start a take: {exc}", warn=True)
            return
        self.workflow = workflow
        self.rating.hide()
        self.say("")
        self.controller.start_countdown(self.countdown.value(), workflow)

    def _drop_pending_row(self) -> None:
        if self.workflow is not None:
            self.workflow.abandon()
            self.workflow = None

    # -- take results ---------------------------------------------------------------------
    def _on_take_finished(self, result: TakeResult) -> None:
        from taketwo.workflow.take import Outcome

        workflow, self.workflow = self.workflow, None
        if self.status.text() == SAVING:
            self.say("")
        if workflow is None:
            return
        settled = workflow.settle(result)
        take_id = settled.take_id
        if settled.outcome is Outcome.DISCARDED:
            self.say("Take discarded.")
        elif settled.outcome is Outcome.TOO_SHORT:
            self.say(
                "That take lasted under a second, so it was not kept. Press Space to "
                "start a take and Space again to stop it.",
                warn=True,
            )
            self._update_counter()
            return
        elif settled.outcome in (Outcome.FINAL, Outcome.RECOVERED) and take_id is not None:
            self.last_take_id = take_id
            self.takes_this_session += 1
            self.rating.reset()
            self.rating.show()
            self.rating.prompt.setText(
                f"Take saved ({length_text(settled.duration)}). How did it feel?"
            )
            self.take_saved.emit(take_id)
            self.events.announce(Change.TAKE, take_id, source=self)
        if settled.error:
            self.say(settled.error, warn=True)
        elif settled.warnings:
            self.say(" ".join(settled.warnings), warn=True)
        self._update_counter()

    def _rate_key(self, value: int) -> None:
        if self.last_take_id is not None and self.rating.isVisible():
            self.rating.rate(value)

    def _rate(self, value: int) -> None:
        if self.last_take_id is not None:
            self.library.rate_take(self.last_take_id, value)
            self.take_rated.emit(self.last_take_id)
            self.events.announce(Change.TAKE, self.last_take_id, source=self)
            self._maybe_suggest_comfortable()

    def _maybe_suggest_comfortable(self) -> None:
        question = self.question
        if question is None or question.id is None or self.comfortable.isChecked():
            return
        if suggest_comfortable(self.library.list_takes(question.id), self.target_seconds()):
            self.say(
                "Your last three takes were rated 4 or more and within the target length. "
                "Ready to mark this question comfortable? (K)"
            )

    def set_comfortable(self, on: bool) -> None:
        """The user says the question is comfortable now (or not yet)."""
        if self.question is None or self.question.id is None:
            return
        status = QuestionStatus.COMFORTABLE if on else QuestionStatus.PRACTISING
        self.question = self.library.update_question(self.question.id, status=status)
        self.comfortable.setChecked(on)
        takes = [t for t in self.library.list_takes(self.question.id) if t.state.playable]
        if not on:
            self.say("Back to practising.")
        elif not takes:  # nothing to be pleased about yet
            self.say("Marked comfortable, with no takes yet. Record one (Space) to be sure.")
        else:
            self.say("Marked comfortable. Well done.")
        self.question_changed.emit(self.question.id)
        self.events.announce(Change.QUESTION, self.question.id, source=self)

    def _note(self, text: str) -> None:
        if self.last_take_id is not None:
            self.library.note_take(self.last_take_id, text)
            self.events.announce(Change.TAKE, self.last_take_id, source=self)

    def _keep_note(self) -> None:
        if self.rating.isVisible() and self.rating.note.text():
            self._note(self.rating.note.text())

    def _focus_note(self) -> None:
        if self.rating.isVisible():
            self.rating.note.setFocus()

    def _leave_note(self) -> None:
        """Return or Esc in the note: keep it and give the keys back to the screen."""
        self._keep_note()
        self.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _library_changed(self, kind: str, item_id: int) -> None:
        question = self.question
        if self.events.source is self or question is None or question.id is None:
            return
        if kind in (Change.QUESTION, Change.LIBRARY):
            with contextlib.suppress(LibraryError):  # trashed meanwhile: keep what is shown
                self.refresh_question(item_id or question.id)

    def refresh_question(self, question_id: int) -> None:
        """Show an edited question's text without leaving the take just recorded."""
        if self.question is None or self.question.id != question_id:
            return
        self.question = self.library.get_question(question_id)
        self.prompt.setText(self.question.prompt)
        self.sample_badge.setVisible(self.question.is_sample)
        self.panel.show_question(self.question, self.target_seconds())

    # -- display --------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.rating and event.type() in (QEvent.Type.Show, QEvent.Type.Hide):
            self.keys_hint.setVisible(event.type() is QEvent.Type.Hide)
        return super().eventFilter(watched, event)

    def _on_state(self, state: str) -> None:
        recording = state == RecState.RECORDING.value
        self.keys_hint.setText(
            KEYS_RECORDING
            if recording
            else KEYS_COUNTDOWN
            if state == RecState.COUNTDOWN.value
            else KEYS_IDLE
        )
        self.preview.recording = recording
        busy = state in (
            RecState.RECORDING.value,
            RecState.FINISHING.value,
            RecState.COUNTDOWN.value,
        )
        for w in (self.camera_box, self.mic_box):
            w.setEnabled(not busy)
        self.record.setText("Stop (Space)" if recording else "Record (Space)")
        self.record.setIcon(
            icon("stop", token="on_danger", filled=True)
            if recording
            else icon("record", token="on_danger", filled=True)
        )
        self.record.setEnabled(state != RecState.FINISHING.value)
        if state == RecState.OFF.value:
            self.preview.clear("No camera open. Pick a camera and a microphone below.")
        elif state == RecState.OPENING.value:
            self.preview.clear("Opening the camera and microphone…")
        elif state == RecState.FINISHING.value:
            self.say(SAVING)
        self.preview.update()

    def _show_countdown(self, left: int) -> None:
        self.preview.countdown = left
        self.preview.update()

    def _show_elapsed(self, seconds: float) -> None:
        target = self.target_seconds()
        self.elapsed.setText(f"{length_text(seconds)} / {length_text(target)}")
        zone = "red" if seconds > target else "amber" if seconds >= AMBER_AT * target else "ok"
        set_look(self.elapsed, "zone", zone)  # coloured by the theme's stylesheet

    def _set_mirror(self, on: bool) -> None:
        self.controller.mirror = on
        self.settings.set("mirror", on)

    def say(self, message: str, warn: bool = False) -> None:
        self.status.setText(message)
        self.status.setToolTip(plain_tip(message))
        set_look(self.status, "warn", bool(warn and message))
