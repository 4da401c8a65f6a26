"""The main window: a sidebar of screens (Library, Rehearse, Review, Compare, Debrief,
Progress) and the current one beside it, keyboard first; a first-start page on a new library."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QByteArray, QSize, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from taketwo.domain.errors import DomainError
from taketwo.domain.formatting import elide_words
from taketwo.domain.question import Question
from taketwo.settings import Settings
from taketwo.storage import Library, LibraryError
from taketwo.storage.check import Finding, FindingKind
from taketwo.tasks.analysis import TakeAnalyzer
from taketwo.tasks.runner import Progress, TaskRunner
from taketwo.ui.debrief.screen import DebriefScreen
from taketwo.ui.library.question_dialog import QuestionDialog
from taketwo.ui.library.view import LibraryView
from taketwo.ui.playback.compare import CompareScreen
from taketwo.ui.playback.review import ReviewScreen
from taketwo.ui.progress.screen import ProgressScreen
from taketwo.ui.rehearse.recorder_controller import RecorderController, RecState
from taketwo.ui.rehearse.screen import RehearseScreen
from taketwo.ui.shell.focus_ring import install_focus_ring
from taketwo.ui.shell.recovered_banner import RecoveredBanner, recovered_names
from taketwo.ui.shell.screen_fit import ScreenFit, clamp_to_screen
from taketwo.ui.shell.settings_dialog import SettingsDialog
from taketwo.ui.shell.sidebar import Sidebar
from taketwo.ui.shell.theme import apply_theme, chosen_mode, icon
from taketwo.ui.shell.welcome import WelcomeScreen, sample_question
from taketwo.ui.widgets.plain_text import plain_label, show_message
from taketwo.workflow.analyze import AnalyzeOptions
from taketwo.workflow.devices import default_devices, listed_devices
from taketwo.workflow.feedback import import_feedback_file

DevicesFound = tuple[list[tuple[str, str]], list[tuple[str, str]]]
TITLE_PROMPT_CHARS = 60


def recovery_message(findings: list[Finding]) -> str:
    """What start-up recovery did, in one line for the status bar ("" when nothing)."""
    kept = sum(1 for f in findings if f.fixed and f.kind is FindingKind.INTERRUPTED)
    dropped = sum(1 for f in findings if f.fixed and f.kind is FindingKind.EMPTY_RECORDING)
    failed = sum(1 for f in findings if not f.fixed)
    parts = []
    if kept:
        parts.append(
            f"recovered {kept} take{'s' if kept > 1 else ''} interrupted when Take Two last stopped"
        )
    if dropped:
        parts.append(f"removed {dropped} empty take{'s' if dropped > 1 else ''}")
    if failed:
        parts.append(f"{failed} could not be recovered (run `taketwo library check`)")
    return ("; ".join(parts)[:1].upper() + "; ".join(parts)[1:] + ".") if parts else ""


def discover(progress: Progress) -> DevicesFound:
    return listed_devices()


def first_size(available: QSize) -> QSize:
    """The window's size on a first start: roomy, but never taller or wider than the desktop
    (a 1366x768 laptop keeps a panel and the title bar in view)."""
    return QSize(min(1200, available.width() - 40), min(780, available.height() - 60))


class MainWindow(QMainWindow):
    def __init__(self, library: Library, settings: Settings, runner: TaskRunner) -> None:
        super().__init__()
        self.library, self.settings, self.runner = library, settings, runner
        install_focus_ring()
        self.setWindowTitle("Take Two")
        self.controller = RecorderController(runner, self)
        self.devices: DevicesFound = ([], [])
        self.library_view = LibraryView(library, runner)
        self.rehearse = RehearseScreen(library, self.controller, settings)
        self.review = ReviewScreen(library, runner=runner)
        self.compare = CompareScreen(library, settings=settings)
        self.debrief = DebriefScreen(library)
        self.progress = ProgressScreen(library)
        self.welcome = WelcomeScreen()
        self.analyzer = TakeAnalyzer(
            library,
            runner,
            self,
            options=lambda: AnalyzeOptions.from_environment(settings.get("words_model") or None),
        )
        self.review.metrics.set_analyzer(self.analyzer)
        self.compare.set_analyzer(self.analyzer)  # measurements show as soon as they are made
        self.progress.set_analyzer(self.analyzer)
        self.stack = QStackedWidget()
        for screen in (
            self.library_view,
            self.rehearse,
            self.review,
            self.compare,
            self.debrief,
            self.progress,
            self.welcome,
        ):
            self.stack.addWidget(screen)
        self.banner = self._build_banner()
        self.sidebar = Sidebar()
        content = QVBoxLayout()
        content.setContentsMargins(6, 6, 6, 2)
        content.addWidget(self.banner)
        self.recovered = RecoveredBanner(self.review_take)
        content.addWidget(self.recovered)
        content.addWidget(self.stack, 1)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.sidebar)
        layout.addLayout(content, 1)
        self.setCentralWidget(central)
        self._build_actions()
        self._decorate()
        self._wire()
        self._screen_changed(self.stack.currentIndex())
        geometry = settings.get("geometry")
        if geometry:
            self.restoreGeometry(QByteArray(geometry))
            clamp_to_screen(self)  # saved on a bigger screen, or grown past this one
        else:
            self.resize(first_size(self.screen().availableGeometry().size()))
        self.library_view.reload()
        self._remind_notes()
        self.setAcceptDrops(True)  # a coach's feedback file
        self._fit = ScreenFit(self)

    # -- building -------------------------------------------------------------------------
    def _build_banner(self) -> QWidget:
        banner = QWidget()
        banner.setObjectName("banner")  # styled by the theme's stylesheet
        row = QHBoxLayout(banner)
        self.banner_text = plain_label()
        self.banner_text.setWordWrap(True)
        self.banner_text.setAccessibleName("Device notice")
        demo = QPushButton("Use demo devices")
        demo.setAccessibleName("Use demo devices")
        demo.setToolTip("Rehearse with a test pattern and a quiet demo microphone")
        demo.clicked.connect(lambda: self.use_devices("demo", "demo"))
        row.addWidget(self.banner_text, 1)
        row.addWidget(demo)
        banner.hide()
        return banner

    def _build_actions(self) -> None:
        """The screens and window-wide commands as actions on the window (so their keys work
        from anywhere in it), shown in the sidebar."""
        screens = (
            ("Library", "Ctrl+1", "library", self.library_view),
            ("Rehearse", "Ctrl+2", "rehearse", self.rehearse),
            ("Review", "Ctrl+3", "review", self.review),
            ("Compare", "Ctrl+4", "compare", self.compare),
            ("Debrief", "Ctrl+5", "debrief", self.debrief),
            ("Progress", "Ctrl+6", "progress", self.progress),
        )
        self.screen_actions: dict[QWidget, QAction] = {}
        for name, keys, icon_name, screen in screens:
            action = self._action(name, keys, icon_name)
            action.triggered.connect(lambda _=False, s=screen: self.show_screen(s))
            self.sidebar.add_screen(action)
            self.screen_actions[screen] = action
        for name, short, keys, icon_name, slot in (
            ("New question", "New", "Ctrl+N", "new", self.new_question),
            ("Settings", "Settings", "Ctrl+,", "settings", self.open_settings),
        ):
            action = self._action(name, keys, icon_name)
            action.setIconText(short)  # the rail's label; the tooltip says it in full
            action.triggered.connect(slot)
            self.sidebar.add_action(action)
        self._action("Quit", "Ctrl+Q", "quit").triggered.connect(self.close)

    def _action(self, name: str, keys: str, icon_name: str) -> QAction:
        action = QAction(icon(icon_name), name, self)
        action.setShortcut(QKeySequence(keys))
        action.setToolTip(f"{name} — {keys}")
        self.addAction(action)
        return action

    def _decorate(self) -> None:
        """Icons on the main actions of every screen, from the one icon set."""
        rehearse_icons = (
            (self.rehearse.comfortable, "comfortable"),
            (self.banner.findChild(QPushButton), "rehearse"),
        )
        # Review's and Compare's own buttons are being reworked on their own (issue 10): they
        # take icons from theme.icon() there, where their room is known.
        others = (
            ("library_view", "new_button", "new"),
            ("library_view", "rehearse_button", "rehearse"),
            ("library_view", "compare_button", "compare"),
            ("library_view", "trash_button", "trash"),
        )
        buttons = list(rehearse_icons)
        for screen, attribute, icon_name in others:
            # Screens other work may reshape: a button gone is left alone, never an error.
            button = getattr(getattr(self, screen), attribute, None)
            if isinstance(button, QPushButton):
                buttons.append((button, icon_name))
        for button, icon_name in buttons:
            if button is not None and button.icon().isNull():
                button.setIcon(icon(icon_name))

    def _wire(self) -> None:
        lv = self.library_view
        lv.question_activated.connect(self.rehearse_question)
        lv.take_activated.connect(self.review_take)
        lv.compare_requested.connect(self.compare_takes)
        lv.new_question_requested.connect(self.new_question)
        lv.trash_requested.connect(self.show_trash)
        lv.edit_question_requested.connect(self.edit_question)
        self.rehearse.take_saved.connect(lambda _id: self.library_view.reload())
        self.rehearse.take_rated.connect(lambda _id: self.library_view.reload())
        # Connected after the screen's own slot, so the note is saved before the tree reloads.
        self.rehearse.rating.note_changed.connect(lambda _text: self.library_view.reload())
        self.rehearse.take_saved.connect(self.analyzer.analyze)  # measured in the background
        self.rehearse.devices_chosen.connect(self.use_devices)
        self.rehearse.question_changed.connect(lambda _id: self.library_view.reload())
        self.review.take_changed.connect(lambda _id: self.library_view.reload())
        self.review.take_trashed.connect(lambda _id: self.library_view.reload())
        self.review.compare_requested.connect(self._compare_with_previous)
        self.controller.state_changed.connect(self._title)
        lv.interview_activated.connect(self.debrief_interview)
        self.debrief.rehearse_requested.connect(self.rehearse_question)
        self.debrief.changed.connect(self.library_view.reload)
        self.stack.currentChanged.connect(self._screen_changed)
        for empty in (self.review, self.compare, self.progress):  # their empty screens' button
            empty.library_requested.connect(lambda: self.show_screen(self.library_view))
        self.welcome.new_question_requested.connect(self.new_question)
        self.welcome.sample_chosen.connect(self.try_sample)
        self.welcome.demo_requested.connect(lambda: self.use_devices("demo", "demo"))
        self.welcome.dismissed.connect(self.dismiss_welcome)

    # -- screens --------------------------------------------------------------------------
    def show_screen(self, screen: QWidget) -> None:
        if screen is self.review:
            self.review.refresh()
        self.stack.setCurrentWidget(screen)
        # Again, for a click on the entry already current (which unchecks it).
        self.sidebar.show_current(self.screen_actions.get(screen))
        screen.setFocus()
        self._title()

    def _title(self, *_: object) -> None:
        parts = ["Take Two"]
        question = self.rehearse.question
        if self.stack.currentWidget() is self.rehearse and question is not None:
            parts.append(elide_words(question.prompt, TITLE_PROMPT_CHARS))
        if self.controller.state is RecState.RECORDING:
            parts.append("recording")
        self.setWindowTitle(" — ".join(parts))

    def _screen_changed(self, _index: int) -> None:
        current = self.stack.currentWidget()
        self.sidebar.show_current(self.screen_actions.get(current) if current else None)
        if current is self.welcome:
            self.banner.hide()  # the page says itself which devices were found
        if current is self.debrief:
            self.debrief.refresh()  # takes recorded or rated since change the note
        else:
            self.debrief.flush()

    def debrief_interview(self, interview_id: int) -> None:
        self.debrief.show_interview(interview_id)
        self.show_screen(self.debrief)

    def _remind_notes(self) -> None:
        """A thank-you note due or overdue is worth a word as soon as the window opens."""
        pending = [
            (i, s)
            for i, s in self.library.notes_due(datetime.now())
            if s.value in ("due", "overdue")
        ]
        if pending:
            names = ", ".join(f"{i.company} ({s.value})" for i, s in pending[:3])
            self.statusBar().showMessage(
                f"Thank-you note to send: {names} — open Debrief (Ctrl+5)."
            )

    def rehearse_question(self, question_id: int) -> None:
        self.rehearse.set_question(question_id)
        self.show_screen(self.rehearse)

    def review_take(self, take_id: int) -> None:
        self.review.show_take(take_id)
        self.show_screen(self.review)

    def compare_takes(self, a: int, b: int) -> None:
        self.compare.compare(a, b)
        self.show_screen(self.compare)

    def _compare_with_previous(self, take_id: int) -> None:
        take = self.library.get_take(take_id)
        others = [t for t in self.library.list_takes(take.question_id) if t.id != take_id]
        if not others:
            QMessageBox.information(self, "Compare", "This question has only one take so far.")
            return
        best = next((t for t in others if t.starred), others[-1])
        assert best.id is not None
        self.compare_takes(best.id, take_id)

    # -- start-up -------------------------------------------------------------------------
    def first_start(self) -> bool:
        """Show the first-start page on a library with no questions, unless it was dismissed
        before; say whether it is shown."""
        if self.settings.get("welcome_done") or self.library.list_questions():
            return False
        self.stack.setCurrentWidget(self.welcome)
        self.welcome.setFocus()
        self._title()
        return True

    def dismiss_welcome(self) -> None:
        """Never show the first-start page again, and go to the library."""
        self.settings.set("welcome_done", True)
        self.show_screen(self.library_view)

    def try_sample(self, index: int) -> None:
        """Rehearse a bundled sample question, saved marked as a sample."""
        self._add_and_rehearse(sample_question(index), "Sample question")

    def _add_and_rehearse(self, question: Question, title: str) -> None:
        """Save a new question and go straight to rehearsing it; a refusal is one message."""
        try:
            saved = self.library.add_question(question)
        except LibraryError as exc:
            show_message(self, title, str(exc))
            return
        self.settings.set("welcome_done", True)  # past the first start for good
        self.library_view.reload()
        assert saved.id is not None
        self.rehearse_question(saved.id)

    def recover_interrupted(self) -> None:
        """Finish takes a crash left ``recording`` (as `library check --repair` does), then say
        so in the status bar."""

        def done(findings: list[Finding]) -> None:
            message = recovery_message(findings)
            kept = [
                f.take_id
                for f in findings
                if f.fixed and f.kind is FindingKind.INTERRUPTED and f.take_id is not None
            ]
            for take_id in kept:  # measured like any other take
                self.analyzer.analyze(take_id)
            self.recovered.show_takes(kept, recovered_names(self.library, kept))
            if message:
                self.statusBar().showMessage(message)
                self.library_view.reload()

        self.runner.submit(
            "recover",
            lambda _job: self.library.recover_interrupted(),
            on_done=done,
            on_error=lambda m: self.statusBar().showMessage(
                f"Could not recover interrupted takes: {m}"
            ),
        )

    # -- devices --------------------------------------------------------------------------
    def discover_devices(self, then_open: tuple[str, str] | None = None) -> None:
        def found(devices: DevicesFound) -> None:
            self.devices = devices
            cameras, mics = devices
            real = [c for c in cameras if c[0] != "demo"], [m for m in mics if m[0] != "demo"]
            camera, mic = then_open or (self.settings.get("camera"), self.settings.get("mic"))
            if not real[0] or not real[1]:
                missing = " or ".join(
                    n for n, r in (("camera", real[0]), ("microphone", real[1])) if not r
                )
                self.banner_text.setText(
                    f"No {missing} was found on this computer. You can still rehearse with the "
                    "demo devices, or plug one in and pick it on the Rehearse screen."
                )
                self.banner.setVisible(not (camera and mic))
            camera, mic = default_devices(cameras, mics, camera, mic)
            self.rehearse.fill_devices(cameras, mics, camera, mic)
            self.welcome.show_devices(cameras, mics, camera, mic)
            if self.stack.currentWidget() is self.welcome:
                self.banner.hide()
            if camera and mic:
                self.use_devices(camera, mic)

        self.runner.submit(
            "discover", discover, on_done=found, on_error=lambda m: self.rehearse.say(m, warn=True)
        )

    def use_devices(self, camera: str, mic: str) -> None:
        if self.controller.state in (RecState.RECORDING, RecState.FINISHING, RecState.COUNTDOWN):
            return
        self.settings.set("camera", camera)
        self.settings.set("mic", mic)
        self.banner.hide()
        cameras, mics = self.devices
        self.rehearse.fill_devices(cameras, mics, camera, mic)
        self.welcome.show_devices(cameras, mics, camera, mic)
        width, height = (int(v) for v in self.settings.get("size").split("x"))
        self.controller.open_devices(camera, mic, (width, height), float(self.settings.get("fps")))

    # -- dialogs --------------------------------------------------------------------------
    def _mistake_choices(self) -> list[tuple[int, str]]:
        choices = []
        for mistake in self.library.list_mistakes():
            if mistake.id is not None:
                choices.append(
                    (
                        mistake.id,
                        elide_words(mistake.asked or mistake.what_went_wrong, TITLE_PROMPT_CHARS),
                    )
                )
        return choices

    def new_question(self) -> None:
        dialog = QuestionDialog(
            int(self.settings.get("target_seconds")), self, mistakes=self._mistake_choices()
        )
        while dialog.exec():
            question = dialog.question()
            if question is None:
                show_message(self, "New question", dialog.error)
                continue
            self._add_and_rehearse(question, "New question")
            return

    def edit_question(self, question_id: int) -> None:
        """Edit a question's text, target and the mistake it came from; Undo puts it back."""
        try:
            before = self.library.get_question(question_id)
        except LibraryError as exc:
            show_message(self, "Edit question", str(exc))
            return
        dialog = QuestionDialog(
            int(self.settings.get("target_seconds")),
            self,
            mistakes=self._mistake_choices(),
            editing=before,
        )
        while dialog.exec():
            edited = dialog.question()
            if edited is None:
                show_message(self, "Edit question", dialog.error)
                continue
            if not self._save_question(question_id, edited):
                continue
            self.library_view.offer_undo(
                "Question saved.", lambda: self._save_question(question_id, before)
            )
            return

    def _save_question(self, question_id: int, q: Question) -> bool:
        try:
            self.library.update_question(
                question_id,
                prompt=q.prompt,
                key_points=q.key_points,
                star=q.star,
                target_seconds=q.target_seconds,
                source=q.source,
                mistake_id=q.mistake_id,
            )
        except (LibraryError, DomainError) as exc:
            show_message(self, "Edit question", str(exc))
            return False
        self.library_view.reload()
        self.rehearse.refresh_question(question_id)
        self._title()
        return True

    def open_settings(self) -> None:
        cameras, mics = self.devices
        dialog = SettingsDialog(
            self.settings,
            cameras,
            mics,
            self,
            library_in_use=self.library.folder,
            check_sync=self.check_sync,
            your_name=(self.library.your_name(), self.library.set_your_name),
        )
        look = self.settings.get("theme")
        if dialog.exec():
            dialog.save()
            if self.settings.get("theme") != look:
                apply_theme(chosen_mode(self.settings.get("theme")))
            self.rehearse.countdown.setValue(int(self.settings.get("countdown")))
            self.rehearse.mirror.setChecked(bool(self.settings.get("mirror")))
            if self.controller.state in (RecState.PREVIEW, RecState.OFF):
                self.use_devices(self.settings.get("camera"), self.settings.get("mic"))

    def check_sync(self) -> None:
        from taketwo.ui.rehearse.sync_check_dialog import SyncCheckDialog

        SyncCheckDialog(self.controller, self.runner, self).exec()

    def show_trash(self) -> None:
        from taketwo.ui.library.trash_dialog import TrashDialog

        TrashDialog(self.library, self).exec()
        self.library_view.reload()

    # -- a coach's feedback, dropped on the window -----------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        urls = event.mimeData().urls()
        if urls and all(
            u.isLocalFile() and u.toLocalFile().lower().endswith(".json") for u in urls
        ):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        event.acceptProposedAction()
        for url in event.mimeData().urls():
            self.import_feedback(Path(url.toLocalFile()))

    def import_feedback(self, path: Path) -> None:
        try:
            result = import_feedback_file(self.library, path)
        except LibraryError as exc:
            show_message(self, "Coach feedback", f"Nothing was imported. {exc}")
            return
        if not result.takes:
            show_message(
                self,
                "Coach feedback",
                f"{path.name} holds no comments.",
                QMessageBox.Icon.Information,
            )
            return
        first = result.takes[0]
        if self.review.take_id in result.takes:
            self.review.reload_feedback()
        else:
            self.review_take(first)
        takes = ", ".join(str(t) for t in result.takes)
        self.review.message.say(f"Imported {result.comments} coach comments on take(s) {takes}.")

    # -- closing --------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        """Quit in order: finish a take in progress, stop devices, wait for jobs, save."""
        if self.controller.state is RecState.COUNTDOWN:
            self.rehearse.escape()  # cancels it and drops the row written for the take
        if self.controller.state is RecState.RECORDING:
            self.rehearse.say("Finishing the take before quitting…")
            self.controller.stop_take()
        if self.controller.state is RecState.FINISHING:
            self.controller.take_finished.connect(lambda _r: QTimer.singleShot(0, self.close))
            event.ignore()
            return
        self.debrief.flush()
        dialog = self.review.export_dialog
        if dialog is not None and dialog.exporting:
            answer = QMessageBox.question(self, "Quit", "An export is running. Stop it and quit?")
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
            dialog.cancel_export()
        self.controller.close_devices()
        self.review.close()
        self.compare.close()
        self.runner.shutdown()
        self.settings.set("geometry", bytes(self.saveGeometry().data()))
        self.settings.sync()
        event.accept()
