"""Widgets a screen reader can name."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtWidgets import QWidget

WidgetT = TypeVar("WidgetT", bound=QWidget)


def named(widget: WidgetT, name: str, tip: str) -> WidgetT:
    """``widget`` with its accessible name and tooltip set."""
    widget.setAccessibleName(name)
    widget.setToolTip(tip)
    return widget
