"""Export a clip of a take, or a coach pack of the question's takes, with progress and cancel.

The work runs on the task runner through the workflow functions ``taketwo take export`` and
``taketwo pack`` call; the dialog only collects choices and shows how far along it is.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from taketwo.domain import Take
from taketwo.domain.formatting import frame_text
from taketwo.safe_output import inside
from taketwo.storage import Library
from taketwo.tasks.runner import Job, TaskRunner
from taketwo.ui.widgets.plain_text import ask as ask_yes_no
from taketwo.ui.widgets.plain_text import plain_label
from taketwo.workflow.export import export_clip
from taketwo.workflow.pack import clip_name, make_pack

CLIP, PACK = "clip", "pack"
STREAMS = (
    ("Picture and sound", True, True),
    ("Sound only", False, True),
    ("Picture only", True, False),
)


def default_folder() -> Path:
    for kind in (
        QStandardPaths.StandardLocation.DocumentsLocation,
        QStandardPaths.StandardLocation.HomeLocation,
    ):
        folder = QStandardPaths.writableLocation(kind)
        if folder and Path(folder).is_dir():
            return Path(folder)
    return Path.home()


class ExportDialog(QDialog):
    def __init__(
        self,
        library: Library,
        runner: TaskRunner,
        take: Take,
        prompt: str,
        start: float | None = None,
        end: float | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.library, self.runner, self.take, self.prompt = library, runner, take, prompt
        self.start, self.end = start, end
        self.job: Job | None = None
        self.result_path: Path | None = None
        self.setWindowTitle("Export for a coach")
        self.setMinimumWidth(520)

        self.mode = QComboBox()
        self.mode.addItem("A clip of this take (MP4)", CLIP)
        self.mode.addItem("A coach pack: takes and a page to comment on (zip)", PACK)
        self.mode.setAccessibleName("What to export")
        self.mode.currentIndexChanged.connect(self._mode_changed)

        self.output = QLineEdit()
        self.output.setAccessibleName("Save as")
        browse = QPushButton("C&hoose…")
        browse.clicked.connect(self._browse)
        out_row = QHBoxLayout()
        out_row.addWidget(self.output, 1)
        out_row.addWidget(browse)

        whole = start is None and end is None
        range_text = (
            "the whole take"
            if whole
            else (
                f"{frame_text(start or 0.0)} to {frame_text(end) if end is not None else 'the end'}"
            )
        )
        self.range_label = plain_label(range_text)
        self.range_label.setAccessibleName("Range")
        self.title_card = QCheckBox("Show the &question for the first 2 seconds")
        self.title_card.setAccessibleName("Title card")
        self.streams = QComboBox()
        for name, _v, _a in STREAMS:
            self.streams.addItem(name)
        self.streams.setAccessibleName("Streams")
        self.pack_takes = QComboBox()
        self.pack_takes.addItem("All finished takes of this question", "question")
        self.pack_takes.addItem("Only this take", "take")
        self.pack_takes.setAccessibleName("Takes in the pack")
        self.ask = QPlainTextEdit()
        self.ask.setPlaceholderText("What would you like feedback on? (shown to your coach)")
        self.ask.setAccessibleName("What you want feedback on")
        self.ask.setFixedHeight(70)
        self.ask.setTabChangesFocus(True)  # Tab moves on, as in every other form field

        self.form = QFormLayout()
        self.form.addRow("Ex&port:", self.mode)
        save_as = QLabel("Save &as:")
        save_as.setBuddy(self.output)
        self.form.addRow(save_as, out_row)
        self.form.addRow("Range:", self.range_label)
        self.form.addRow("", self.title_card)
        self.form.addRow("&Include:", self.streams)
        self.form.addRow("&Takes:", self.pack_takes)
        self.form.addRow("As&k:", self.ask)

        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setAccessibleName("Export progress")
        self.progress.hide()
        self.status = plain_label()
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Export status")
        self.export_button = QPushButton("&Export")
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.start_export)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.cancel_button)

        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self._mode_changed()

    # Choices

    @property
    def exporting(self) -> bool:
        return self.job is not None

    def _mode_changed(self) -> None:
        clip = self.mode.currentData() == CLIP
        if not self.exporting:  # what the other kind of export said no longer applies
            self.progress.hide()
            self.progress.setValue(0)
            self.status.setText("")
            self.cancel_button.setText("Cancel")
        for widget, show in (
            (self.range_label, clip),
            (self.title_card, clip),
            (self.streams, clip),
            (self.pack_takes, not clip),
            (self.ask, not clip),
        ):
            widget.setVisible(show)
            label = self.form.labelForField(widget)
            if label is not None:
                label.setVisible(show)
        suffix = ".mp4" if clip else ".zip"
        name = clip_name(self.prompt, self.take.number, suffix)
        if not clip:
            name = name.replace(f"-take-{self.take.number:02d}", "-coach-pack")
        current = Path(self.output.text()) if self.output.text() else default_folder() / name
        self.output.setText(str(current.with_name(name) if self.output.text() else current))

    def _browse(self) -> None:
        clip = self.mode.currentData() == CLIP
        chosen, _ = QFileDialog.getSaveFileName(
            self, "Save as", self.output.text(), "MP4 video (*.mp4)" if clip else "Zip (*.zip)"
        )
        if chosen:
            self.output.setText(chosen)

    # Running

    def start_export(self) -> None:
        if self.exporting:
            return
        output = Path(self.output.text()).expanduser().absolute()
        if inside(output, self.library.folder):
            self.status.setText("Save it outside the library folder; its files are its own.")
            return
        force = False
        if output.exists() or output.is_symlink():
            if not ask_yes_no(self, "Replace?", f"{output.name} already exists. Replace it?"):
                return
            force = True
        if self.mode.currentData() == CLIP:
            _name, video, audio = STREAMS[self.streams.currentIndex()]
            title = self.prompt if self.title_card.isChecked() else None
            self.job = self.runner.submit(
                "export",
                export_clip,
                self.take,
                output,
                self.start,
                self.end,
                video,
                audio,
                title,
                force,
                on_done=lambda _plan: self._done(output),
                on_error=self._failed,
                on_progress=self._progress,
            )
        else:
            only_this = self.pack_takes.currentData() == "take"
            take_ids = [self.take.id] if only_this and self.take.id is not None else None
            question_id = None if only_this else self.take.question_id
            ask = self.ask.toPlainText()
            self.job = self.runner.submit(
                "pack",
                lambda progress: make_pack(
                    self.library,
                    output,
                    take_ids=take_ids,
                    question_id=question_id,
                    ask=ask,
                    force=force,
                    progress=progress,
                ),
                on_done=lambda _plan: self._done(output),
                on_error=self._failed,
                on_progress=self._progress,
            )
        self.job.cancelled_signal.connect(self._cancelled)
        self.export_button.setEnabled(False)
        self.progress.setValue(0)
        self.progress.show()
        self.status.setText("Exporting…")

    def _progress(self, fraction: float, text: str) -> None:
        if self.exporting:
            self.progress.setValue(int(fraction * 1000))
            self.status.setText(text)

    def _done(self, path: Path) -> None:
        self.job = None
        self.result_path = path
        self.progress.setValue(1000)
        self.status.setText(f"Saved {path}")
        self.cancel_button.setText("Close")
        self.export_button.setEnabled(True)

    def _failed(self, message: str) -> None:
        self.job = None
        self.progress.hide()
        self.status.setText(f"Could not export: {message}")
        self.export_button.setEnabled(True)

    def _cancelled(self) -> None:
        self.job = None
        self.progress.hide()
        self.status.setText("Export cancelled; nothing was written.")
        self.export_button.setEnabled(True)

    def cancel_export(self) -> None:
        if self.job is not None:
            self.status.setText("Cancelling…")
            self.job.cancel()

    def reject(self) -> None:
        """Cancel stops a running export first; a second press closes."""
        if self.exporting:
            self.cancel_export()
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.exporting:
            answer = QMessageBox.question(
                self, "Stop the export?", "An export is running. Stop it?"
            )
            if answer == QMessageBox.StandardButton.Yes:
                self.cancel_export()
            event.ignore()
            return
        super().closeEvent(event)
