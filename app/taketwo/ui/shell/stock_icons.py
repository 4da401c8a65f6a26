"""The style Take Two runs under: Fusion, with Lucide icons where Qt would put its own stock
icons (a floppy disk on Save, a red X on Cancel and No) beside the Lucide set."""

from __future__ import annotations

import shiboken6
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle, QStyleOption, QWidget

from taketwo.ui.shell.theme import icon

SP = QStyle.StandardPixmap
# Which Lucide drawing stands in for each stock icon a dialog button asks for.
LUCIDE = {
    SP.SP_DialogSaveButton: "check",
    SP.SP_DialogOkButton: "check",
    SP.SP_DialogYesButton: "check",
    SP.SP_DialogApplyButton: "check",
    SP.SP_DialogCancelButton: "x",
    SP.SP_DialogNoButton: "x",
    SP.SP_DialogCloseButton: "x",
    SP.SP_DialogDiscardButton: "trash",
    SP.SP_DialogResetButton: "undo",
    SP.SP_DialogOpenButton: "folder",
    SP.SP_MessageBoxInformation: "info",
    # A search field's clear button: Fusion looks it up in the desktop's icon theme on disk,
    # which cost the first window 70-170 ms.
    SP.SP_LineEditClearButton: "x",
}


class LucideStyle(QProxyStyle):
    def standardIcon(  # noqa: N802 - Qt's name
        self,
        standardIcon: QStyle.StandardPixmap,  # noqa: N803 - Qt's name
        option: QStyleOption | None = None,
        widget: QWidget | None = None,
    ) -> QIcon:
        name = LUCIDE.get(standardIcon)
        if name is not None:
            return icon(name)
        return super().standardIcon(standardIcon, option, widget)


_installed: LucideStyle | None = None


def install(app: QApplication) -> None:
    """Fusion with Lucide dialog icons, once (again if something replaced it)."""
    global _installed
    if _installed is not None and shiboken6.isValid(_installed):
        return
    _installed = LucideStyle("Fusion")
    app.setStyle(_installed)
