"""The main window: a sidebar of screens (Library, Rehearse, Review, Compare, Debrief,
Progress) and the current one beside it, keyboard first; a first-start page on a new library."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QByteArray, QSize
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from taketwo.domain.formatting import elide_words
from taketwo.settings import Settings
from taketwo.storage import Library
from taketwo.storage.check import Finding, FindingKind
from taketwo.tasks.events import Change, library_events
from taketwo.tasks.runner import TaskRunner
from taketwo.ui.library.question_actions import TITLE_PROMPT_CHARS, QuestionActions
from taketwo.ui.library.view import LibraryView
from taketwo.ui.playback.feedback_drop import feedback_files, import_feedback
from taketwo.ui.rehearse.recorder_controller import RecorderController, RecState
from taketwo.ui.shell.device_choice import DeviceChoice, DevicesFound
from taketwo.ui.shell.focus_ring import install_focus_ring
from taketwo.ui.shell.navigation import Navigation, window_action
from taketwo.ui.shell.recovered_banner import RecoveredBanner, recovered_names
from taketwo.ui.shell.screen_fit import ScreenFit, clamp_to_screen
from taketwo.ui.shell.settings_dialog import SettingsDialog
from taketwo.ui.shell.shutdown import ready_to_close, stop_all
from taketwo.ui.shell.sidebar import Sidebar
from taketwo.ui.shell.theme import apply_theme, chosen_mode, icon

if TYPE_CHECKING:  # built on first show: these bring playback, analysis and plotting
    from taketwo.tasks.analysis import TakeAnalyzer
    from taketwo.ui.debrief.screen import DebriefScreen
    from taketwo.ui.playback.compare import CompareScreen
    from taketwo.ui.playback.review import ReviewScreen
    from taketwo.ui.progress.screen import ProgressScreen
    from taketwo.ui.rehearse.screen import RehearseScreen
    from taketwo.ui.shell.welcome import WelcomeScreen

__all__ = ["MainWindow", "elide_words", "first_size", "recovery_message"]


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


def first_size(available: QSize) -> QSize:
    """The window's size on a first start: roomy, but never taller or wider than the desktop
    (a 1366x768 laptop keeps a panel and the title bar in view)."""
    return QSize(min(1200, available.width() - 40), min(780, available.height() - 60))


class MainWindow(QMainWindow):
    """Puts the screens together and routes between them; each job it hands on lives in its
    own module (navigation, device choice, question actions, feedback drop, shutdown)."""

    def __init__(self, library: Library, settings: Settings, runner: TaskRunner) -> None:
        super().__init__()
        self.library, self.settings, self.runner = library, settings, runner
        install_focus_ring()
        self.setWindowTitle("Take Two")
        self.controller = RecorderController(runner, self)
        self.library_view = LibraryView(library, runner)
        self._analyzer: TakeAnalyzer | None = None
        self.events = library_events(library)
        self._fresh_take: int | None = None  # saved in Rehearse, not yet seen in Review
        self.questions = QuestionActions(library, settings, self)
        self.device_choice = DeviceChoice(
            settings,
            runner,
            self.controller,
            lambda: self.rehearse,
            lambda: cast("WelcomeScreen | None", self.navigation.built("welcome")),
            lambda: self.stack.currentWidget() is self.navigation.built("welcome"),
            self,
        )
        self.banner = self.device_choice.banner
        self.stack = QStackedWidget()
        self.sidebar = Sidebar()
        self.navigation = Navigation(self, self.stack, self.sidebar)
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
        self._build_navigation()
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
    def _build_navigation(self) -> None:
        nav = self.navigation
        nav.add_screen("Library", "Ctrl+1", "library", lambda: self.library_view, lazy=False)
        # The others are built when first shown: the window shows sooner, and the screens
        # bring playback, analysis and plots with them.
        nav.add_screen("Rehearse", "Ctrl+2", "rehearse", self._build_rehearse, lazy=True)
        nav.add_screen("Review", "Ctrl+3", "review", self._build_review, lazy=True)
        nav.add_screen("Compare", "Ctrl+4", "compare", self._build_compare, lazy=True)
        nav.add_screen("Debrief", "Ctrl+5", "debrief", self._build_debrief, lazy=True)
        nav.add_screen("Progress", "Ctrl+6", "progress", self._build_progress, lazy=True)
        nav.add_page("welcome", self._build_welcome)
        nav.add_command("New question", "New", "Ctrl+N", "new", self.new_question)
        nav.add_command("Settings", "Settings", "Ctrl+,", "settings", self.open_settings)
        window_action(self, "Quit", "Ctrl+Q", "quit").triggered.connect(self.close)

    def _build_rehearse(self) -> QWidget:
        from taketwo.ui.rehearse.screen import RehearseScreen

        rehearse = RehearseScreen(self.library, self.controller, self.settings)
        # Measured in the background.
        rehearse.take_saved.connect(lambda take_id: self.analyzer.analyze(take_id))
        rehearse.take_saved.connect(self._review_next_time)
        rehearse.devices_chosen.connect(self.use_devices)
        if rehearse.comfortable.icon().isNull():
            rehearse.comfortable.setIcon(icon("comfortable"))
        # After the screen's own listener, so the title shows its prompt as now edited.
        self.events.changed.connect(self._title)
        return rehearse

    def _build_welcome(self) -> QWidget:
        from taketwo.ui.shell.welcome import WelcomeScreen

        welcome = WelcomeScreen()
        welcome.new_question_requested.connect(self.new_question)
        welcome.sample_chosen.connect(self.try_sample)
        welcome.demo_requested.connect(lambda: self.use_devices("demo", "demo"))
        welcome.dismissed.connect(self.dismiss_welcome)
        welcome.show_devices(*self.devices, *(self.device_choice.opened or ("", "")))
        return welcome

    def _build_review(self) -> QWidget:
        from taketwo.ui.playback.review import ReviewScreen

        review = ReviewScreen(self.library, runner=self.runner)
        review.metrics.set_analyzer(self.analyzer)
        review.compare_requested.connect(self._compare_with_previous)
        review.library_requested.connect(lambda: self.show_screen(self.library_view))
        return review

    def _build_compare(self) -> QWidget:
        from taketwo.ui.playback.compare import CompareScreen

        compare = CompareScreen(self.library, settings=self.settings)
        compare.library_requested.connect(lambda: self.show_screen(self.library_view))
        return compare

    def _build_debrief(self) -> QWidget:
        from taketwo.ui.debrief.screen import DebriefScreen

        debrief = DebriefScreen(self.library)
        debrief.rehearse_requested.connect(self.rehearse_question)
        return debrief

    def _build_progress(self) -> QWidget:
        from taketwo.ui.progress.screen import ProgressScreen

        progress = ProgressScreen(self.library)
        progress.library_requested.connect(lambda: self.show_screen(self.library_view))
        return progress

    @property
    def rehearse(self) -> RehearseScreen:
        return cast("RehearseScreen", self.navigation.screen("rehearse"))

    @property
    def welcome(self) -> WelcomeScreen:
        return cast("WelcomeScreen", self.navigation.screen("welcome"))

    @property
    def review(self) -> ReviewScreen:
        return cast("ReviewScreen", self.navigation.screen("review"))

    @property
    def compare(self) -> CompareScreen:
        return cast("CompareScreen", self.navigation.screen("compare"))

    @property
    def debrief(self) -> DebriefScreen:
        return cast("DebriefScreen", self.navigation.screen("debrief"))

    @property
    def progress(self) -> ProgressScreen:
        return cast("ProgressScreen", self.navigation.screen("progress"))

    @property
    def analyzer(self) -> TakeAnalyzer:
        """Made with the first take to measure (or the first screen that shows measuring)."""
        if self._analyzer is None:
            from taketwo.tasks.analysis import TakeAnalyzer
            from taketwo.workflow.analyze import AnalyzeOptions

            self._analyzer = TakeAnalyzer(
                self.library,
                self.runner,
                self,
                options=lambda: AnalyzeOptions.from_environment(
                    self.settings.get("words_model") or None
                ),
            )
            for ended in (self._analyzer.finished, self._analyzer.failed):  # saved with the take
                ended.connect(lambda take_id, _r: self.events.announce(Change.ANALYSIS, take_id))
        return self._analyzer

    def _decorate(self) -> None:
        """Icons on the main actions of every screen, from the one icon set."""
        rehearse_icons = ((self.banner.findChild(QPushButton), "rehearse"),)
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
        self.questions.added.connect(self.rehearse_question)
        self.questions.undo_offered.connect(lv.offer_undo)
        # Measured in the background.
        self.controller.state_changed.connect(self._title)
        lv.interview_activated.connect(self.debrief_interview)
        self.stack.currentChanged.connect(self._screen_changed)
        self.navigation.showing.append(self._showing)

    # -- screens --------------------------------------------------------------------------
    def show_screen(self, screen: QWidget) -> None:
        self.navigation.show(screen)
        self._title()  # the screen may be current already, with a new question

    def _showing(self, screen: QWidget) -> None:
        self.events.catch_up()  # a write nobody announced (a script, a test) shows now
        if self._fresh_take is not None and screen is self.navigation.built("review"):
            fresh, self._fresh_take = self._fresh_take, None
            cast("ReviewScreen", screen).show_take(fresh)

    def _review_next_time(self, take_id: int) -> None:
        """Ctrl+3 right after a take reviews that take, not whatever Review held before."""
        self._fresh_take = take_id

    def _title(self, *_: object) -> None:
        parts = ["Take Two"]
        rehearse = cast("RehearseScreen | None", self.navigation.built("rehearse"))
        question = rehearse.question if rehearse is not None else None
        if self.stack.currentWidget() is rehearse and question is not None:
            parts.append(elide_words(question.prompt, TITLE_PROMPT_CHARS))
        if self.controller.state is RecState.RECORDING:
            parts.append("recording")
        self.setWindowTitle(" — ".join(parts))

    def _screen_changed(self, _index: int) -> None:
        current = self.stack.currentWidget()
        self._title()
        if current is self.navigation.built("welcome"):
            self.banner.hide()  # the page says itself which devices were found
        debrief = self.navigation.built("debrief")
        if debrief is not None and current is not debrief:
            cast("DebriefScreen", debrief).flush()

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
        self._fresh_take = None  # the take asked for wins over the one just recorded
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
        from taketwo.ui.shell.welcome import sample_question

        self.questions.add(sample_question(index), "Sample question")

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
                self.events.announce(Change.LIBRARY)

        self.runner.submit(
            "recover",
            lambda _job: self.library.recover_interrupted(),
            on_done=done,
            on_error=lambda m: self.statusBar().showMessage(
                f"Could not recover interrupted takes: {m}"
            ),
        )

    # -- devices --------------------------------------------------------------------------
    @property
    def devices(self) -> DevicesFound:
        return self.device_choice.devices

    @devices.setter
    def devices(self, found: DevicesFound) -> None:
        self.device_choice.devices = found

    def discover_devices(self, then_open: tuple[str, str] | None = None) -> None:
        self.device_choice.discover(then_open)

    def use_devices(self, camera: str, mic: str) -> None:
        self.device_choice.use(camera, mic)

    # -- questions ------------------------------------------------------------------------
    def new_question(self) -> None:
        self.questions.new()

    def edit_question(self, question_id: int) -> None:
        self.questions.edit(question_id)

    # -- dialogs --------------------------------------------------------------------------
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
            rehearse = cast("RehearseScreen | None", self.navigation.built("rehearse"))
            if rehearse is not None:  # one built later reads the settings itself
                rehearse.countdown.setValue(int(self.settings.get("countdown")))
                rehearse.mirror.setChecked(bool(self.settings.get("mirror")))
            if self.controller.state in (RecState.PREVIEW, RecState.OFF):
                self.use_devices(self.settings.get("camera"), self.settings.get("mic"))

    def check_sync(self) -> None:
        from taketwo.ui.rehearse.sync_check_dialog import SyncCheckDialog

        SyncCheckDialog(self.controller, self.runner, self).exec()

    def show_trash(self) -> None:
        from taketwo.ui.library.trash_dialog import TrashDialog

        TrashDialog(self.library, self).exec()
        self.events.announce(Change.LIBRARY)  # restored or emptied: every screen may show it

    # -- a coach's feedback, dropped on the window -----------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if feedback_files(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        event.acceptProposedAction()
        for path in feedback_files(event.mimeData()):
            import_feedback(self.library, path, self, lambda: self.review, self.review_take)

    # -- closing --------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        """Quit in order: finish a take in progress, stop devices, wait for jobs, save."""
        review = cast("ReviewScreen | None", self.navigation.built("review"))
        rehearse = cast("RehearseScreen | None", self.navigation.built("rehearse"))
        if not ready_to_close(self, self.controller, rehearse, review):
            event.ignore()
            return
        debrief = self.navigation.built("debrief")
        if debrief is not None:
            cast("DebriefScreen", debrief).flush()
        players = [self.navigation.built(n) for n in ("review", "compare")]
        stop_all(self.controller, [p for p in players if p is not None], self.runner)
        self.settings.set("geometry", bytes(self.saveGeometry().data()))
        self.settings.sync()
        event.accept()
