"""The first start: what Take Two is for, the camera and microphone it found, and a way in —
the user's own question (Ctrl+N) or a sample, marked as one. Shown on a library with no
questions until it is dismissed."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from taketwo.domain.question import Question, QuestionSource
from taketwo.paths import resource_path
from taketwo.ui.shell import theme
from taketwo.ui.widgets.marked_text import plain_tip
from taketwo.ui.widgets.plain_text import plain_label

SAMPLES_SHOWN = 3


def _bank() -> list[dict[str, Any]]:
    data = json.loads(resource_path("question_bank.json").read_text(encoding="utf-8"))
    return list(data["questions"])


def sample_question(index: int = 0) -> Question:
    """A question from the bundled bank, marked as a sample so it never passes for the user's."""
    item = _bank()[index]
    return Question(
        prompt=str(item["prompt"]),
        key_points=[str(p) for p in item["key_points"]],
        target_seconds=int(item["target_seconds"]),
        source=QuestionSource.SAMPLE,
        bank_ref=f"question_bank.json#{index}",
    )


def device_line(kind: str, devices: list[tuple[str, str]], chosen: str) -> tuple[str, bool]:
    """What to say about the camera or microphone: its name, or that none was found; and
    whether a real one is there."""
    real = [(i, n) for i, n in devices if i != "demo"]
    names = dict(devices)
    if chosen == "demo":
        return f"{kind}: the demo {kind.lower()} (a test signal)", bool(real)
    if chosen and chosen in names:
        return f"{kind}: {names[chosen]}", True
    if real:
        return f"{kind}: {real[0][1]}", True
    return f"No {kind.lower()} was found.", False


def _card(title: str, body: str) -> tuple[QFrame, QVBoxLayout]:
    card = QFrame()
    card.setProperty("role", "card")
    layout = QVBoxLayout(card)
    layout.setContentsMargins(16, 12, 16, 12)
    heading = QLabel(title)
    heading.setProperty("role", "heading")
    layout.addWidget(heading)
    if body:
        text = QLabel(body)
        text.setWordWrap(True)
        layout.addWidget(text)
    return card, layout


class WelcomeScreen(QWidget):
    new_question_requested = Signal()
    sample_chosen = Signal(int)  # index in the question bank
    demo_requested = Signal()
    dismissed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Welcome")
        title = QLabel("Welcome to Take Two")
        title.setProperty("role", "title")
        self.intro = intro = QLabel(
            "Rehearse your answers to interview questions on camera, one take after another. "
            "Rate each take, note what to change, and compare takes to hear yourself improve. "
            "Everything stays on this computer."
        )
        intro.setWordWrap(True)

        devices, device_rows = _card("Camera and microphone", "")
        self.camera_line = plain_label("Looking for a camera…")
        self.camera_line.setAccessibleName("Camera found")
        self.mic_line = plain_label("Looking for a microphone…")
        self.mic_line.setAccessibleName("Microphone found")
        self.demo_button = QPushButton(theme.icon("rehearse"), "Use demo devices")
        self.demo_button.setAccessibleName("Use demo devices")
        self.demo_button.setToolTip("Rehearse with a test pattern and a quiet demo microphone")
        self.demo_button.clicked.connect(self.demo_requested.emit)
        self.demo_button.hide()
        for icon_name, line in (("camera", self.camera_line), ("mic", self.mic_line)):
            row = QHBoxLayout()
            row.addWidget(theme.IconMark(icon_name, 18))
            row.addWidget(line, 1)
            device_rows.addLayout(row)
        device_rows.addWidget(self.demo_button, 0, Qt.AlignmentFlag.AlignLeft)

        own, own_rows = _card(
            "Your own question",
            "Start with the question that tripped you up, or the one you expect to be asked. "
            "You can add key points to hit and a target length.",
        )
        self.add_button = QPushButton(
            theme.icon("new", token="accent_text"), "Add a question (Ctrl+N)"
        )
        self.add_button.setProperty("primary", True)
        self.add_button.setAccessibleName("Add a question")
        self.add_button.setToolTip("Write the question you want to rehearse — Ctrl+N")
        self.add_button.clicked.connect(self.new_question_requested.emit)
        own_rows.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)

        samples, sample_rows = _card(
            "Or try a sample",
            "Sample questions are marked as samples in your library, so they never pass for "
            "your own.",
        )
        self.sample_buttons: list[QPushButton] = []
        for index, item in enumerate(_bank()[:SAMPLES_SHOWN]):
            row = QHBoxLayout()
            badge = QLabel("Sample")
            badge.setProperty("role", "badge")
            prompt = plain_label(str(item["prompt"]))
            prompt.setWordWrap(True)
            button = QPushButton("Try it")
            button.setAccessibleName(f"Try sample question {index + 1}")
            button.setToolTip(plain_tip(f"Rehearse the sample question: {item['prompt']}"))
            button.clicked.connect(lambda _=False, i=index: self.sample_chosen.emit(i))
            row.addWidget(badge, 0, Qt.AlignmentFlag.AlignTop)
            row.addWidget(prompt, 1)
            row.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
            sample_rows.addLayout(row)
            self.sample_buttons.append(button)

        self.skip_button = QPushButton("Go to the library")
        self.skip_button.setAccessibleName("Go to the library")
        self.skip_button.setToolTip("Close this page; it will not be shown again — Ctrl+1")
        self.skip_button.clicked.connect(self.dismissed.emit)
        keys = QLabel("Ctrl+1 to Ctrl+6 move between screens; Ctrl+N adds a question.")
        keys.setProperty("role", "small")
        footer = QHBoxLayout()
        footer.addWidget(keys, 1)
        footer.addWidget(self.skip_button)

        body = QWidget()
        body.setMaximumWidth(760)
        column = QVBoxLayout(body)
        column.setSpacing(12)
        column.addWidget(title)
        column.addWidget(intro)
        column.addWidget(devices)
        column.addWidget(own)
        column.addWidget(samples)
        column.addLayout(footer)
        column.addStretch(1)
        centred = QWidget()
        around = QHBoxLayout(centred)
        around.addStretch(1)
        around.addWidget(body, 4)
        around.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(centred)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self.setFocusProxy(self.add_button)
        order = (self.add_button, *self.sample_buttons, self.demo_button, self.skip_button)
        for first, second in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def show_devices(
        self,
        cameras: list[tuple[str, str]],
        mics: list[tuple[str, str]],
        camera: str,
        mic: str,
    ) -> None:
        """Say which camera and microphone are in use, or that none was found (and offer the
        demo devices then)."""
        camera_text, camera_real = device_line("Camera", cameras, camera)
        mic_text, mic_real = device_line("Microphone", mics, mic)
        self.camera_line.setText(camera_text)
        self.mic_line.setText(mic_text)
        using_demo = camera == "demo" and mic == "demo"
        self.demo_button.setVisible(not (camera_real and mic_real) and not using_demo)
