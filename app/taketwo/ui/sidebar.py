"""The sidebar: one entry per screen, the current one highlighted, and the few window-wide
actions (new question, settings) at the bottom. The keys live on the actions (Ctrl+1…6,
Ctrl+N), so they work wherever focus is; the buttons take no focus of their own."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QFrame, QLabel, QSizePolicy, QToolButton, QVBoxLayout, QWidget

from taketwo.ui import theme

ICON_SIZE = QSize(20, 20)


class Sidebar(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sidebar")
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
        name = QLabel("Take Two")
        name.setObjectName("appName")
        self._column.addWidget(name)
        self._screens_end = self._column.count()
        self._column.addStretch(1)
        self.keys = QLabel("Ctrl+1…6 switch screens")
        self.keys.setProperty("role", "shortcut")
        self.keys.setWordWrap(True)
        self._column.addWidget(self.keys)

    def _button(self, action: QAction) -> QToolButton:
        button = QToolButton()
        button.setDefaultAction(action)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
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
        self._column.insertWidget(self._column.count() - 1, button)
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
