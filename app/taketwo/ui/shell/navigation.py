"""Moving between screens: one stack, one action per screen (Ctrl+1…6, so the keys work from
anywhere in the window) and its entry in the sidebar, which always shows the current one."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QStackedWidget, QWidget

from taketwo.ui.shell.sidebar import Sidebar
from taketwo.ui.shell.theme import icon


def window_action(window: QWidget, name: str, keys: str, icon_name: str) -> QAction:
    """An action on ``window`` with its key and a tooltip that names the key."""
    action = QAction(icon(icon_name), name, window)
    action.setShortcut(QKeySequence(keys))
    action.setToolTip(f"{name} — {keys}")
    window.addAction(action)
    return action


class Navigation:
    def __init__(self, window: QWidget, stack: QStackedWidget, sidebar: Sidebar) -> None:
        self.window, self.stack, self.sidebar = window, stack, sidebar
        self.actions: dict[QWidget, QAction] = {}
        self.showing: list[Callable[[QWidget], None]] = []  # called before a screen shows
        stack.currentChanged.connect(lambda _i: self._highlight())

    def add_screen(self, name: str, keys: str, icon_name: str, screen: QWidget) -> None:
        """A screen in the stack with its action and sidebar entry."""
        action = window_action(self.window, name, keys, icon_name)
        action.triggered.connect(lambda _=False: self.show(screen))
        self.sidebar.add_screen(action)
        self.actions[screen] = action
        self.stack.addWidget(screen)
        self._highlight()

    def add_page(self, page: QWidget) -> None:
        """A page with no entry of its own (the first-start page)."""
        self.stack.addWidget(page)

    def add_command(
        self, name: str, short: str, keys: str, icon_name: str, slot: Callable[[], None]
    ) -> None:
        """A window-wide command at the foot of the sidebar."""
        action = window_action(self.window, name, keys, icon_name)
        action.setIconText(short)  # the rail's label; the tooltip says it in full
        action.triggered.connect(slot)
        self.sidebar.add_action(action)

    def show(self, screen: QWidget) -> None:
        for callback in self.showing:
            callback(screen)
        self.stack.setCurrentWidget(screen)
        # Again, for a click on the entry already current (which unchecks it).
        self._highlight()
        screen.setFocus()

    def current(self) -> QWidget | None:
        return self.stack.currentWidget()

    def _highlight(self) -> None:
        current = self.stack.currentWidget()
        self.sidebar.show_current(self.actions.get(current) if current else None)
