"""Labels and message boxes that show text from data exactly as written.

A QLabel or QMessageBox guesses rich text from the text itself (``Qt.AutoText``): a prompt,
comment or file name holding ``<img src=...>`` would be drawn as HTML and load that file.
Anything that can hold text from the library, an archive or a coach goes through here.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget


def plain(label: QLabel) -> QLabel:
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def plain_label(text: str = "") -> QLabel:
    """A label that never reads its text as markup."""
    return plain(QLabel(text))


def show_message(
    parent: QWidget | None,
    title: str,
    text: str,
    icon: QMessageBox.Icon = QMessageBox.Icon.Warning,
) -> None:
    """QMessageBox.warning/information/critical, with ``text`` shown as plain text."""
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.exec()


def ask(parent: QWidget | None, title: str, text: str) -> bool:
    """QMessageBox.question (Yes/No) with ``text`` as plain text: True for Yes."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        parent,
    )
    box.setTextFormat(Qt.TextFormat.PlainText)
    return box.exec() == QMessageBox.StandardButton.Yes
