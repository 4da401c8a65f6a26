"""The sidebar: a narrow rail with one entry per screen (icon over name), the current one
highlighted, and the few window-wide actions (new question, settings) at the bottom. Narrow, so
a 1366-pixel laptop keeps its width for the screens. The keys live on the actions (Ctrl+1…6,
Ctrl+N), so they work wherever focus is; the buttons take no focus of their own."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QActionGroup, QIcon
from PySide6.QtWidgets import QFrame, QLabel, QSizePolicy, QToolButton, QVBoxLayout, QWidget

from taketwo.paths import resource_path
from taketwo.ui.shell import theme

ICON_SIZE = QSize(22, 22)
LOGO_SIZE = 34


class Sidebar(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sidebar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)  # a subclass: QSS paints it so
        self.setAccessibleName("Screens")
        self.setFixedWidth(int(theme.tokens()["spacing"]["sidebar"]))
        self.group = QActionGroup(self)
        # Optional: on the first-start page no screen is current, so none is highlighted.
        self.group.setExclusionPolicy(QActionGroup.ExclusionPolicy.ExclusiveOptional)
        self.screen_buttons: list[QToolButton] = []
        self.action_buttons: list[QToolButton] = []
        self._column = QVBoxLayout(self)
        self._column.setContentsMargins(0, 8, 0, 8)
        self._column.setSpacing(2)
        logo = QLabel()
        logo.setObjectName("appName")
        logo.setPixmap(
            QIcon(str(resource_path("icons", "taketwo.svg"))).pixmap(LOGO_SIZE, LOGO_SIZE)
        )
        logo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        logo.setToolTip("Take Two — Ctrl+1 to Ctrl+6 move between screens")
        self._column.addWidget(logo)
        self._screens_end = self._column.count()
        self._column.addStretch(1)

    def _button(self, action: QAction) -> QToolButton:
        button = QToolButton()
        button.setDefaultAction(action)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
        button.setIconSize(ICON_SIZE)
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setAccessibleName(action.text())
        return button

    def add_screen(self, action: QAction) -> QToolButton:
        action.setCheckable(True)
        self.group.addAction(action)
        button = self._button(action)
        self._column.insertWidget(self._screens_end, button)
        self._screens_end += 1
        self.screen_buttons.append(button)
        return button

    def add_action(self, action: QAction) -> QToolButton:
        button = self._button(action)
        button.setObjectName("sidebarAction")
        self._column.addWidget(button)
        self.action_buttons.append(button)
        return button

    def show_current(self, action: QAction | None) -> None:
        """Highlight ``action``'s entry, or none."""
        if action is not None:
            action.setChecked(True)
        elif (checked := self.group.checkedAction()) is not None:
            checked.setChecked(False)

    def current(self) -> str:
        checked = self.group.checkedAction()
        return checked.text() if checked is not None else ""
