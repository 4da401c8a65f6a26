"""The main window: Library, Rehearse, Review and Compare, one at a time, keyboard first."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from taketwo.devices.discovery import list_cameras, list_microphones
from taketwo.settings import Settings
from taketwo.storage import Library, LibraryError
from taketwo.tasks.runner import Job, TaskRunner
from taketwo.ui.compare import CompareScreen
from taketwo.ui.library_view import LibraryView
from taketwo.ui.question_dialog import QuestionDialog
from taketwo.ui.recorder_controller import RecorderController, RecState
from taketwo.ui.rehearse import RehearseScreen
from taketwo.ui.review import ReviewScreen
from taketwo.ui.settings_dialog import SettingsDialog

DevicesFound = tuple[list[tuple[str, str]], list[tuple[str, str]]]


def discover(job: Job) -> DevicesFound:
    cameras = [(d.id, d.name) for d in list_cameras()]
    mics, _problem = list_microphones()
    return cameras, [(d.id, d.name) for d in mics]


class MainWindow(QMainWindow):
    def __init__(self, library: Library, settings: Settings, runner: TaskRunner) -> None:
        super().__init__()
        self.library, self.settings, self.runner = library, settings, runner
        self.setWindowTitle("Take Two")
        self.controller = RecorderController(runner, self)
        self.devices: DevicesFound = ([], [])
        self.library_view = LibraryView(library, runner)
        self.rehearse = RehearseScreen(library, self.controller, settings)
        self.review = ReviewScreen(library)
        self.compare = CompareScreen(library)
        self.stack = QStackedWidget()
        for screen in (self.library_view, self.rehearse, self.review, self.compare):
            self.stack.addWidget(screen)
        self.banner = self._build_banner()
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.banner)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self._build_actions()
        self._wire()
        geometry = settings.get("geometry")
        if geometry:
            self.restoreGeometry(QByteArray(geometry))
        else:
            self.resize(1200, 780)
        self.library_view.reload()

    # -- building -------------------------------------------------------------------------
    def _build_banner(self) -> QWidget:
        banner = QWidget()
        banner.setObjectName("banner")
        banner.setStyleSheet("#banner { background: #3a2f12; border-radius: 4px; }")
        row = QHBoxLayout(banner)
        self.banner_text = QLabel()
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
        bar = QToolBar("Screens")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.addToolBar(bar)
        screens = (("Library", "Ctrl+1", self.library_view), ("Rehearse", "Ctrl+2", self.rehearse),
                   ("Review", "Ctrl+3", self.review), ("Compare", "Ctrl+4", self.compare))
        for name, keys, screen in screens:
            action = QAction(name, self)
            action.setShortcut(QKeySequence(keys))
            action.setToolTip(f"{name} — {keys}")
            action.triggered.connect(lambda _=False, s=screen: self.show_screen(s))
            bar.addAction(action)
        bar.addSeparator()
        for name, keys, slot in (("New question", "Ctrl+N", self.new_question),
                                 ("Settings", "Ctrl+,", self.open_settings),
                                 ("Quit", "Ctrl+Q", self.close)):
            action = QAction(name, self)
            action.setShortcut(QKeySequence(keys))
            action.setToolTip(f"{name} — {keys}")
            action.triggered.connect(slot)
            bar.addAction(action)
        for action in bar.actions():
            widget = bar.widgetForAction(action)
            if widget is not None and action.text():
                widget.setAccessibleName(action.text())

    def _wire(self) -> None:
        lv = self.library_view
        lv.question_activated.connect(self.rehearse_question)
        lv.take_activated.connect(self.review_take)
        lv.compare_requested.connect(self.compare_takes)
        lv.new_question_requested.connect(self.new_question)
        lv.trash_requested.connect(self.show_trash)
        self.rehearse.take_saved.connect(lambda _id: self.library_view.reload())
        self.rehearse.devices_chosen.connect(self.use_devices)
        self.rehearse.question_changed.connect(lambda _id: self.library_view.reload())
        self.review.take_changed.connect(lambda _id: self.library_view.reload())
        self.review.take_trashed.connect(lambda _id: self.library_view.reload())
        self.review.compare_requested.connect(self._compare_with_previous)
        self.controller.state_changed.connect(self._title)

    # -- screens --------------------------------------------------------------------------
    def show_screen(self, screen: QWidget) -> None:
        self.stack.setCurrentWidget(screen)
        screen.setFocus()
        self._title()

    def _title(self, *_: object) -> None:
        parts = ["Take Two"]
        question = self.rehearse.question
        if self.stack.currentWidget() is self.rehearse and question is not None:
            parts.append(question.prompt[:60])
        if self.controller.state is RecState.RECORDING:
            parts.append("recording")
        self.setWindowTitle(" — ".join(parts))

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

    # -- devices --------------------------------------------------------------------------
    def discover_devices(self, then_open: tuple[str, str] | None = None) -> None:
        def found(devices: DevicesFound) -> None:
            self.devices = devices
            cameras, mics = devices
            real = [c for c in cameras if c[0] != "demo"], [m for m in mics if m[0] != "demo"]
            camera, mic = then_open or (self.settings.get("camera"), self.settings.get("mic"))
            if not real[0] or not real[1]:
                missing = " or ".join(n for n, r in (("camera", real[0]), ("microphone", real[1]))
                                      if not r)
                self.banner_text.setText(
                    f"No {missing} was found on this computer. You can still rehearse with the "
                    "demo devices, or plug one in and pick it on the Rehearse screen.")
                self.banner.setVisible(not (camera and mic))
            if not camera and real[0]:
                camera = real[0][0][0]
            if not mic and real[1]:
                mic = "default" if any(m[1] == "default" for m in real[1]) else real[1][0][0]
            self.rehearse.fill_devices(cameras, mics, camera, mic)
            if camera and mic:
                self.use_devices(camera, mic)

        self.runner.submit("discover", discover, on_done=found,
                           on_error=lambda m: self.rehearse.say(m, warn=True))

    def use_devices(self, camera: str, mic: str) -> None:
        if self.controller.state in (RecState.RECORDING, RecState.FINISHING, RecState.COUNTDOWN):
            return
        self.settings.set("camera", camera)
        self.settings.set("mic", mic)
        self.banner.hide()
        cameras, mics = self.devices
        self.rehearse.fill_devices(cameras, mics, camera, mic)
        width, height = (int(v) for v in self.settings.get("size").split("x"))
        self.controller.open_devices(camera, mic, (width, height), float(self.settings.get("fps")))

    # -- dialogs --------------------------------------------------------------------------
    def new_question(self) -> None:
        dialog = QuestionDialog(int(self.settings.get("target_seconds")), self)
        while dialog.exec():
            question = dialog.question()
            if question is None:
                QMessageBox.warning(self, "New question", dialog.error)
                continue
            try:
                saved = self.library.add_question(question)
            except LibraryError as exc:
                QMessageBox.warning(self, "New question", str(exc))
                return
            self.library_view.reload()
            assert saved.id is not None
            self.rehearse_question(saved.id)
            return

    def open_settings(self) -> None:
        cameras, mics = self.devices
        dialog = SettingsDialog(self.settings, cameras, mics, self, check_sync=self.check_sync)
        if dialog.exec():
            dialog.save()
            self.rehearse.countdown.setValue(int(self.settings.get("countdown")))
            self.rehearse.mirror.setChecked(bool(self.settings.get("mirror")))
            if self.controller.state in (RecState.PREVIEW, RecState.OFF):
                self.use_devices(self.settings.get("camera"), self.settings.get("mic"))

    def check_sync(self) -> None:
        from taketwo.ui.sync_check_dialog import SyncCheckDialog

        SyncCheckDialog(self.controller, self.runner, self).exec()

    def show_trash(self) -> None:
        from taketwo.ui.trash_dialog import TrashDialog

        TrashDialog(self.library, self).exec()
        self.library_view.reload()

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
        self.controller.close_devices()
        self.review.close()
        self.compare.close()
        self.runner.shutdown()
        self.settings.set("geometry", bytes(self.saveGeometry().data()))
        self.settings.sync()
        event.accept()
