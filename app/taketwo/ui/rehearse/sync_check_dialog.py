"""Settings > Check sync: the user claps in view; the sound's lateness is measured and kept.

The check records from the devices already open for preview (a webcam cannot be opened
twice), on the task runner, and shows the median offset with its spread.
"""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget

from taketwo.tasks.runner import Job, TaskRunner
from taketwo.ui.rehearse.recorder_controller import RecorderController, RecState
from taketwo.ui.widgets.plain_text import plain_label
from taketwo.workflow.calibration import load_offset
from taketwo.workflow.sync_check import MIN_CLAPS, SyncCheckResult, run_sync_check

SECONDS = 10.0


class SyncCheckDialog(QDialog):
    def __init__(
        self, controller: RecorderController, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Check sync")
        self.controller, self.runner = controller, runner
        self._stop = threading.Event()
        self._job: Job | None = None
        stored = load_offset(controller.camera_id, controller.mic_id) * 1000
        self.info = QLabel(
            f"Clap {MIN_CLAPS}-6 times in view of the camera, about a second apart, during "
            f"the {SECONDS:.0f} seconds after Start. Now applied: {stored:+.0f} ms."
        )
        self.info.setWordWrap(True)
        self.result_label = plain_label("")
        self.result_label.setAccessibleName("Sync check result")
        self.result_label.setWordWrap(True)
        self.start = QPushButton("Start")
        self.start.setAccessibleName("Start the sync check")
        self.start.setToolTip("Record ten seconds of claps and measure the sound's delay")
        self.start.clicked.connect(self._run)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.info, self.start, self.result_label, close):
            layout.addWidget(widget)

    def _run(self) -> None:
        session = self.controller.session
        if session is None or self.controller.state is not RecState.PREVIEW:
            self.result_label.setText("Open a camera and a microphone first (and finish any take).")
            return
        self.start.setEnabled(False)
        self.result_label.setText("Listening… clap now.")
        self._job = self.runner.submit(
            "sync-check",
            lambda _job: run_sync_check(
                session, self.controller.camera_id, self.controller.mic_id, SECONDS, stop=self._stop
            ),
            on_done=self._done,
            on_error=self._failed,
        )

    def _done(self, result: SyncCheckResult) -> None:
        self.start.setEnabled(True)
        if not result.usable:
            self.result_label.setText(
                f"Found {result.claps} claps in both sound and picture; need "
                f"{MIN_CLAPS}. Clap louder, in view, a second apart."
            )
            return
        late = "later" if result.offset >= 0 else "earlier"
        self.result_label.setText(
            f"Sound arrives {abs(result.offset) * 1000:.0f} ms {late} than "
            f"the picture (spread {result.spread * 1000:.0f} ms over "
            f"{result.claps} claps). Later takes are corrected by it."
        )

    def _failed(self, message: str) -> None:
        self.start.setEnabled(True)
        self.result_label.setText(f"The check could not record: {message}")

    def reject(self) -> None:
        self._stop.set()  # a check still listening ends at once
        super().reject()
