"""A focus ring a keyboard user can see: one frame drawn around whichever control has focus.

The default style's focus cue is a faint tint. A QFocusFrame sits outside the focused widget,
so the ring is bold without restyling (or resizing) the control it surrounds. Its colour is the
theme's focus colour, looked up on every move, so it follows a switch between light and dark.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QFocusFrame,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from taketwo.ui.shell import theme

RINGED = (
    QAbstractButton,
    QComboBox,
    QAbstractSpinBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QAbstractItemView,
    QAbstractSlider,
)


class FocusRing(QObject):
    """Moves one frame to the focused control; a new frame when a closed window took it."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.frame: QFocusFrame | None = None

    def follow(self, _old: QWidget | None, new: QWidget | None) -> None:
        target = new
        if isinstance(target, QLineEdit) and isinstance(
            target.parentWidget(), QAbstractSpinBox | QComboBox
        ):
            target = target.parentWidget()  # a spin box's or combo box's own line edit
        if target is not None and not isinstance(target, RINGED):
            target = None
        if self.frame is None or not shiboken6.isValid(self.frame):
            if target is None:
                return
            self.frame = QFocusFrame()
            self.frame.setObjectName("focusRing")
            self.frame.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        ring = theme.colour("focus").name()
        sheet = f"#focusRing {{ border: 2px solid {ring}; border-radius: 3px; }}"
        if self.frame.styleSheet() != sheet:
            self.frame.setStyleSheet(sheet)
        # The stub leaves out None, but Qt takes nullptr: the ring lets go of the old widget.
        self.frame.setWidget(target)  # type: ignore[arg-type]
        self.frame.setVisible(target is not None)


_ring: FocusRing | None = None


def install_focus_ring() -> FocusRing | None:
    """Install the ring once for the application; later calls return the same one."""
    global _ring
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return None
    if _ring is None or not shiboken6.isValid(_ring):
        _ring = FocusRing(app)
        app.focusChanged.connect(_ring.follow)
    return _ring
