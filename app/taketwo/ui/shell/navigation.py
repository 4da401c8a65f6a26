"""Moving between screens: one stack, one action per screen (Ctrl+1…6, so the keys work from
anywhere in the window) and its entry in the sidebar, which always shows the current one.

A screen is built the first time it is wanted, not at start-up: the window shows sooner, and
a screen built late still shows the library as it is then (it listens to the change hub)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

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


@dataclass
class _Slot:
    action: QAction | None  # None for a page with no sidebar entry
    build: Callable[[], QWidget]
    widget: QWidget  # a placeholder until built
    built: bool = False


class Navigation:
    def __init__(self, window: QWidget, stack: QStackedWidget, sidebar: Sidebar) -> None:
        self.window, self.stack, self.sidebar = window, stack, sidebar
        self._slots: dict[str, _Slot] = {}
        self.showing: list[Callable[[QWidget], None]] = []  # called before a screen shows
        stack.currentChanged.connect(lambda _i: self._highlight())

    def add_screen(
        self, name: str, keys: str, icon_name: str, build: Callable[[], QWidget], lazy: bool
    ) -> None:
        """A screen with its action and sidebar entry; ``build`` makes it now, or on first
        use when ``lazy``."""
        action = window_action(self.window, name, keys, icon_name)
        key = name.lower()  # what screen() and built() take
        action.triggered.connect(lambda _=False: self.show(self.screen(key)))
        self.sidebar.add_screen(action)
        slot = _Slot(action, build, QWidget() if lazy else build(), built=not lazy)
        self._slots[key] = slot
        self.stack.addWidget(slot.widget)
        self._highlight()

    def screen(self, name: str) -> QWidget:
        """The screen called ``name`` (lower case), built now if it was not yet."""
        slot = self._slots[name]
        if not slot.built:
            slot.built = True
            placeholder, slot.widget = slot.widget, slot.build()
            index = self.stack.indexOf(placeholder)
            self.stack.insertWidget(index, slot.widget)
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
        return slot.widget

    def built(self, name: str) -> QWidget | None:
        """The screen if it was built, else None (nothing to flush or close)."""
        slot = self._slots[name]
        return slot.widget if slot.built else None

    def add_page(self, name: str, build: Callable[[], QWidget]) -> None:
        """A page with no entry of its own (the first-start page), built on first use."""
        slot = _Slot(None, build, QWidget())
        self._slots[name] = slot
        self.stack.addWidget(slot.widget)

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
        action = next((s.action for s in self._slots.values() if s.widget is current), None)
        self.sidebar.show_current(action)
