"""Take Two's look, in one place: the Fusion style, a light or dark palette, the type scale and
spacing from ``resources/theme/tokens.json``, the stylesheet ``resources/theme/app.qss``, and the
icons in ``resources/icons/ui`` tinted to match.

The scheme follows the desktop (Qt's colour-scheme hint) unless ``TAKETWO_THEME`` or the
``theme`` setting says ``light`` or ``dark``. Widgets ask for a look with a property (``role``,
``primary``, ``warn``…) that the stylesheet styles; they never carry colours of their own.
"""

from __future__ import annotations

import atexit
import json
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QEvent, QObject, QPoint, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QIconEngine, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from taketwo.files import open_private
from taketwo.paths import resource_path

MODES = ("system", "light", "dark")
SCHEMES = ("light", "dark")
ENV = "TAKETWO_THEME"

# What each icon is for, and the Lucide drawing that shows it (files in resources/icons/ui).
ICONS = {
    "library": "library-big",
    "rehearse": "video",
    "review": "circle-play",
    "compare": "columns-2",
    "debrief": "notebook-pen",
    "progress": "chart-line",
    "new": "plus",
    "settings": "settings",
    "quit": "log-out",
    "record": "circle",
    "stop": "square",
    "play": "play",
    "pause": "pause",
    "back": "skip-back",
    "forward": "skip-forward",
    "export": "share",
    "trash": "trash-2",
    "star": "star",
    "search": "search",
    "undo": "undo-2",
    "swap": "arrow-left-right",
    "camera": "camera",
    "mic": "mic",
    "sample": "sparkles",
    "comfortable": "check",
    "folder": "folder-open",
    "checklist": "list-checks",
    "keyboard": "keyboard",
    "info": "info",
}


@dataclass(frozen=True)
class Theme:
    """The look in use: which scheme, and its colour tokens."""

    mode: str  # what was asked for: system, light or dark
    scheme: str  # what it came to: light or dark
    colours: dict[str, str]

    def colour(self, name: str) -> QColor:
        return QColor(self.colours[name])


@cache
def tokens() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(
        resource_path("theme", "tokens.json").read_text(encoding="utf-8")
    )
    return loaded


@cache
def _stylesheet_template() -> str:
    return resource_path("theme", "app.qss").read_text(encoding="utf-8")


def chosen_mode(setting: str | None = None) -> str:
    """``TAKETWO_THEME`` if it names a mode, else the setting, else ``system``."""
    for value in (os.environ.get(ENV, ""), setting or ""):
        value = value.strip().lower()
        if value in MODES:
            return value
    return "system"


def desktop_scheme() -> str:
    """The desktop's colour scheme, as Qt reports it; light when it cannot tell."""
    hints = QGuiApplication.styleHints()
    return "dark" if hints.colorScheme() is Qt.ColorScheme.Dark else "light"


def resolve(mode: str) -> str:
    return desktop_scheme() if mode == "system" else mode


def stylesheet(scheme: str) -> str:
    """``app.qss`` with every ``@name`` replaced by the scheme's colour or a size."""
    t = tokens()
    values = dict(t[scheme])
    values["check_mark"] = tinted_svg_file("check", values["accent_text"])
    values.update({k: f"{v}pt" for k, v in t["type"].items()})
    values.update({k: f"{v}px" for k, v in t["spacing"].items()})

    def token(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in values:
            raise KeyError(f"app.qss names an unknown token @{name}")
        return str(values[name])

    sheet = re.sub(r"/\*.*?\*/", "", _stylesheet_template(), flags=re.DOTALL)  # comments
    return re.sub(r"@([a-z_]+)", token, sheet)


@cache
def _tinted_folder() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="taketwo-look-"))  # made 0700
    atexit.register(shutil.rmtree, folder, True)
    return folder


@cache
def tinted_svg_file(name: str, colour_hex: str) -> str:
    """An icon drawn in ``colour_hex``, as a file a stylesheet's ``url()`` can name."""
    path = _tinted_folder() / f"{ICONS.get(name, name)}-{colour_hex.lstrip('#')}.svg"
    with open_private(path) as f:
        # Bolder than the icon's own stroke: at a box's 12 px a 2-unit line is one pixel thin.
        drawing = _svg(name).replace("currentColor", colour_hex)
        f.write(drawing.replace('stroke-width="2"', 'stroke-width="3.5"').encode("utf-8"))
    return path.as_posix()


def palette(scheme: str) -> QPalette:
    c = {k: QColor(v) for k, v in tokens()[scheme].items()}
    p = QPalette()
    role = QPalette.ColorRole
    for r, colour in (
        (role.Window, c["window"]),
        (role.WindowText, c["text"]),
        (role.Base, c["surface"]),
        (role.AlternateBase, c["surface_alt"]),
        (role.ToolTipBase, c["surface"]),
        (role.ToolTipText, c["text"]),
        (role.PlaceholderText, c["muted"]),
        (role.Text, c["text"]),
        (role.Button, c["surface"]),
        (role.ButtonText, c["text"]),
        (role.BrightText, c["danger"]),
        (role.Highlight, c["accent"]),
        (role.HighlightedText, c["accent_text"]),
        (role.Link, c["accent"]),
        (role.LinkVisited, c["accent"]),
        (role.Light, c["surface"].lighter(115)),
        (role.Midlight, c["surface_alt"]),
        (role.Mid, c["border"]),
        (role.Dark, c["border"].darker(130)),
        (role.Shadow, QColor(0, 0, 0, 90)),
        (role.Accent, c["accent"]),
    ):
        p.setColor(r, colour)
    disabled = QPalette.ColorGroup.Disabled
    for r in (role.WindowText, role.Text, role.ButtonText):
        p.setColor(disabled, r, c["muted"])
    p.setColor(disabled, role.Base, c["surface_alt"])
    p.setColor(disabled, role.Button, c["surface_alt"])
    return p


_current: Theme | None = None
_follower: QObject | None = None


def current() -> Theme:
    """The theme applied to the application (light, not yet applied, in widget-only tests)."""
    if _current is not None:
        return _current
    return Theme("light", "light", dict(tokens()["light"]))


def colour(name: str) -> QColor:
    """A colour token of the scheme in use: for widgets that paint themselves."""
    return current().colour(name)


def apply_theme(mode: str = "system") -> Theme | None:
    """Give the application the Fusion style, the scheme's palette, font and stylesheet; in
    ``system`` mode, follow the desktop when it switches between light and dark."""
    global _current, _follower
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return None
    scheme = resolve(mode)
    # First, so widgets repainting on the palette change below already see the new colours.
    _current = Theme(mode, scheme, dict(tokens()[scheme]))
    from taketwo.ui.shell.stock_icons import install  # it draws with icon() from here

    install(app)  # Fusion, with Lucide icons on Save, Cancel, Yes and No
    font = app.font()
    font.setPointSizeF(float(tokens()["type"]["base_pt"]))
    app.setFont(font)
    app.setPalette(palette(scheme))
    app.setStyleSheet(stylesheet(scheme))
    if _follower is None:
        _follower = QObject(app)
        QGuiApplication.styleHints().colorSchemeChanged.connect(_desktop_changed)
    for widget in app.topLevelWidgets():
        widget.update()
    return _current


def _desktop_changed(_scheme: Qt.ColorScheme) -> None:
    if _current is not None and _current.mode == "system":
        apply_theme("system")


def set_look(widget: QWidget, name: str, value: object) -> None:
    """Set a property the stylesheet styles on (``role``, ``warn``…) and restyle the widget."""
    if widget.property(name) == value:
        return
    widget.setProperty(name, value)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()


# -- icons -----------------------------------------------------------------------------------
@cache
def _svg(name: str) -> str:
    file = ICONS.get(name, name)
    return resource_path("icons", "ui", f"{file}.svg").read_text(encoding="utf-8")


class TintedIcon(QIconEngine):
    """An SVG drawn in the palette's text colour (or a named token) at paint time, so it
    follows a switch between light and dark without being made again."""

    def __init__(self, name: str, token: str | None = None, filled: bool = False) -> None:
        super().__init__()
        self.name, self.token, self.filled = name, token, filled

    def _colour(self, mode: QIcon.Mode) -> QColor:
        if mode is QIcon.Mode.Disabled:
            return colour("muted")
        if self.token is not None:
            return colour(self.token)
        return colour("text")

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        text = _svg(self.name).replace("currentColor", self._colour(mode).name())
        if self.filled:
            text = text.replace('fill="none"', f'fill="{self._colour(mode).name()}"')
        renderer = QSvgRenderer(QByteArray(text.encode()))
        side = min(rect.width(), rect.height())
        square = QRectF(0, 0, side, side)
        square.moveCenter(QRectF(rect).center())
        renderer.render(painter, square)

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        pixmap = QPixmap(size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.paint(painter, QRect(QPoint(0, 0), size), mode, state)
        painter.end()
        return pixmap

    def clone(self) -> QIconEngine:
        return TintedIcon(self.name, self.token, self.filled)


def icon(name: str, token: str | None = None, filled: bool = False) -> QIcon:
    """An interface icon by purpose (``ICONS``) or Lucide file name, tinted for the scheme."""
    _svg(name)  # a missing file fails here, where it is asked for, not when first painted
    return QIcon(TintedIcon(name, token, filled))


class IconMark(QLabel):
    """A small icon standing beside a control, tinted again when the scheme changes."""

    def __init__(self, name: str, size: int = 16, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name, self.side = name, size
        self._paint()

    def _paint(self) -> None:
        self.setPixmap(icon(self.name).pixmap(self.side, self.side))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() is QEvent.Type.PaletteChange:
            self._paint()
        super().changeEvent(event)


def reset_theme() -> None:
    """Back to Qt's own look (tests that apply a theme put things back with this)."""
    global _current
    app = QApplication.instance()
    _current = None
    if isinstance(app, QApplication):
        app.setStyleSheet("")
        app.setPalette(app.style().standardPalette())
