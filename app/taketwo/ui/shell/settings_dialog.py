"""Settings: devices, picture size and rate, countdown, mirror, target length, library, and the
analysis's words model."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from taketwo.analysis.words_model import model_status
from taketwo.domain import DomainError
from taketwo.settings import Settings
from taketwo.storage import LibraryError
from taketwo.ui.widgets.plain_text import plain_label, show_message

SIZES = ["640x360", "960x540", "1280x720", "1920x1080"]
THEMES = [("system", "Follow the desktop"), ("light", "Light"), ("dark", "Dark")]


class SettingsDialog(QDialog):
    def __init__(
        self,
        settings: Settings,
        cameras: list[tuple[str, str]],
        mics: list[tuple[str, str]],
        parent: QWidget | None = None,
        *,
        library_in_use: Path | None = None,
        check_sync: Callable[[], object] | None = None,
        your_name: tuple[str, Callable[[str], object]] | None = None,
    ) -> None:
        """``your_name``: the name thank-you notes are signed with, and how to keep a new one."""
        super().__init__(parent)
        self.setWindowTitle("Settings")
        self.settings = settings
        self.camera = self._combo(cameras, settings.get("camera"), "Camera")
        self.mic = self._combo(mics, settings.get("mic"), "Microphone")
        self.size_box = QComboBox()
        self.size_box.addItems(SIZES)
        self.size_box.setCurrentText(settings.get("size"))
        self.fps = QSpinBox()
        self.fps.setRange(5, 60)
        self.fps.setValue(settings.get("fps"))
        self.countdown = QSpinBox()
        self.countdown.setRange(0, 10)
        self.countdown.setSuffix(" s")
        self.countdown.setValue(settings.get("countdown"))
        self.mirror = QCheckBox("Mirror the preview")
        self.mirror.setChecked(settings.get("mirror"))
        self.target = QSpinBox()
        self.target.setRange(10, 1800)
        self.target.setSuffix(" s")
        self.target.setValue(settings.get("target_seconds"))
        self.theme = QComboBox()
        for mode, label in THEMES:
            self.theme.addItem(label, mode)
        self.theme.setCurrentIndex(max(0, self.theme.findData(settings.get("theme"))))
        self.your_name = QLineEdit(your_name[0] if your_name else "")
        self.your_name.setPlaceholderText("How you sign your thank-you notes")
        self._keep_name = your_name[1] if your_name else None
        self.library = QLineEdit(settings.get("library"))
        self.library.setPlaceholderText(str(library_in_use) if library_in_use else "default folder")
        # The folder actually open now, which --library or TAKETWO_LIBRARY may have chosen.
        self.in_use = plain_label(f"In use now: {library_in_use}" if library_in_use else "")
        self.in_use.setWordWrap(True)
        self.in_use.setAccessibleName("Library folder in use")
        self.in_use.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        browse = QPushButton("Choose…")
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.library, 1)
        row.addWidget(browse)
        form = QFormLayout(self)
        for label, widget in (
            ("Camera", self.camera),
            ("Microphone", self.mic),
            ("Picture size", self.size_box),
            ("Frames per second", self.fps),
            ("Countdown", self.countdown),
            ("", self.mirror),
            ("Default target length", self.target),
            ("Appearance", self.theme),
            ("Your name", self.your_name),
        ):
            widget.setAccessibleName(label or "Mirror")
            widget.setToolTip(label or "Mirror the preview")
            form.addRow(label, widget)
        self.library.setAccessibleName("Library folder")
        self.library.setToolTip("Where takes are kept (takes effect at the next start)")
        browse.setAccessibleName("Choose library folder")
        browse.setToolTip("Choose the library folder")
        form.addRow("Library folder", row)
        form.addRow("", self.in_use)
        # Analysis: where the words model comes from (empty: the installed one), in one line.
        self.words_model = QLineEdit(settings.get("words_model"))
        self.words_model.setPlaceholderText("the installed model (taketwo[words])")
        self.words_model.setAccessibleName("Words model folder")
        self.words_model.setToolTip("A faster-whisper model folder; empty: the installed one")
        self.words_status = QLabel()
        self.words_status.setTextFormat(Qt.TextFormat.PlainText)
        self.words_status.setWordWrap(True)
        self.words_status.setAccessibleName("Words model")
        self.words_status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.words_model.textChanged.connect(self._show_words_status)
        self._show_words_status()
        form.addRow("Analysis: words model", self.words_model)
        form.addRow("", self.words_status)
        if check_sync is not None:
            sync = QPushButton("Check sync…")
            sync.setAccessibleName("Check sync")
            sync.setToolTip("Clap in view to measure how late the sound is, and correct it")
            sync.clicked.connect(check_sync)
            form.addRow("Sound and picture", sync)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _combo(self, items: list[tuple[str, str]], current: str, name: str) -> QComboBox:
        box = QComboBox()
        for device_id, label in items:
            box.addItem(label, device_id)
        index = box.findData(current)
        box.setCurrentIndex(max(0, index))
        return box

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Library folder", self.library.text())
        if folder:
            self.library.setText(folder)

    def _show_words_status(self) -> None:
        self.words_status.setText(model_status(self.words_model.text().strip() or None))

    def save(self) -> None:
        s = self.settings
        s.set("camera", self.camera.currentData() or "")
        s.set("mic", self.mic.currentData() or "")
        s.set("size", self.size_box.currentText())
        s.set("fps", self.fps.value())
        s.set("countdown", self.countdown.value())
        s.set("mirror", self.mirror.isChecked())
        s.set("target_seconds", self.target.value())
        s.set("library", self.library.text().strip())
        s.set("theme", self.theme.currentData() or "system")
        s.set("words_model", self.words_model.text().strip())
        s.sync()
        if self._keep_name is not None:
            try:
                self._keep_name(self.your_name.text())
            except (DomainError, LibraryError) as exc:  # a read-only library, say
                show_message(self, "Your name", f"Your name was not saved: {exc}.")
