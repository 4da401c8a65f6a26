"""The look in one place: both schemes from resources/theme, the desktop followed unless told
otherwise, tinted icons shipped with their licence, and a focus ring in the theme's colour."""

from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLineEdit, QProxyStyle, QWidget

from taketwo.paths import resource_path
from taketwo.ui.shell import theme
from taketwo.ui.shell.focus_ring import install_focus_ring


@pytest.fixture
def app(qapp):
    yield qapp
    theme.reset_theme()


def darkest(pixmap) -> QColor:
    image = pixmap.toImage()
    seen = [
        image.pixelColor(x, y)
        for x in range(image.width())
        for y in range(image.height())
        if image.pixelColor(x, y).alpha() > 200
    ]
    assert seen, "the icon draws something"
    return min(seen, key=lambda c: c.lightness())


def test_both_schemes_apply_from_the_resources_folder(app):
    light = theme.apply_theme("light")
    assert light is not None
    assert light.scheme == "light"
    window_light = app.palette().color(QPalette.ColorRole.Window)
    sheet = app.styleSheet()
    assert theme.tokens()["light"]["accent"] in sheet
    assert "@" not in sheet, "every token in app.qss is replaced"
    assert "#sidebar" in sheet, "the stylesheet is the one in resources/theme"

    dark = theme.apply_theme("dark")
    assert dark is not None
    assert dark.scheme == "dark"
    window_dark = app.palette().color(QPalette.ColorRole.Window)
    assert window_dark != window_light
    assert window_dark.lightness() < 60 < 200 < window_light.lightness()
    assert app.palette().color(QPalette.ColorRole.Text).lightness() > 200
    assert theme.tokens()["dark"]["accent"] in app.styleSheet()
    theme.reset_theme()
    style = app.style()
    base = style.baseStyle() if isinstance(style, QProxyStyle) else style  # Lucide dialog icons
    assert base.name().lower() == "fusion", "the same style everywhere"


def test_the_environment_beats_the_setting_and_system_is_the_default(monkeypatch):
    monkeypatch.delenv(theme.ENV, raising=False)
    assert theme.chosen_mode(None) == "system"
    assert theme.chosen_mode("dark") == "dark"
    monkeypatch.setenv(theme.ENV, "Light")
    assert theme.chosen_mode("dark") == "light"
    monkeypatch.setenv(theme.ENV, "purple")
    assert theme.chosen_mode("dark") == "dark", "a word we do not know is ignored"


def test_system_mode_follows_the_desktop_when_it_switches(app, monkeypatch):
    monkeypatch.setattr(theme, "desktop_scheme", lambda: "dark")
    assert theme.apply_theme("system").scheme == "dark"
    monkeypatch.setattr(theme, "desktop_scheme", lambda: "light")
    theme._desktop_changed(None)
    assert theme.current().scheme == "light"
    assert app.palette().color(QPalette.ColorRole.Window) == QColor(
        theme.tokens()["light"]["window"]
    )
    theme.apply_theme("dark")
    theme._desktop_changed(None)
    assert theme.current().scheme == "dark", "a chosen scheme stays whatever the desktop does"


def test_every_icon_is_shipped_with_its_licence():
    folder = resource_path("icons", "ui")
    licence = (folder / "LICENSE").read_text(encoding="utf-8")
    assert "ISC License" in licence
    for purpose, file in theme.ICONS.items():
        svg = (folder / f"{file}.svg").read_text(encoding="utf-8")
        assert "currentColor" in svg, f"{purpose}: tintable"
        assert "lucide" in svg


def test_icons_are_tinted_for_the_scheme(app):
    theme.apply_theme("light")
    on_light = darkest(theme.icon("play").pixmap(24, 24))
    theme.apply_theme("dark")
    on_dark = darkest(theme.icon("play").pixmap(24, 24))
    assert on_light.lightness() < 80, "dark strokes on a light window"
    assert on_dark.lightness() > 180, "light strokes on a dark window"
    red = darkest(theme.icon("record", token="danger", filled=True).pixmap(24, 24))
    assert red.red() > 150 > red.green()


def test_an_unknown_icon_fails_where_it_is_asked_for():
    with pytest.raises(FileNotFoundError):
        theme.icon("no-such-icon")


def test_the_focus_ring_takes_the_scheme_colour(app, qtbot):
    theme.apply_theme("dark")
    ring = install_focus_ring()
    host = QWidget()
    qtbot.addWidget(host)
    field = QLineEdit(host)
    host.show()
    host.activateWindow()
    qtbot.waitExposed(host)
    field.setFocus()
    # An earlier test's window may have taken the old frame down with it; the next focus
    # change makes a new one, so wait for a live, visible frame.
    qtbot.waitUntil(
        lambda: ring.frame is not None and shiboken6.isValid(ring.frame) and ring.frame.isVisible()
    )
    assert theme.tokens()["dark"]["focus"] in ring.frame.styleSheet()
    QApplication.processEvents()


def test_the_scheme_chosen_in_settings_applies_at_once(
    app, qtbot, library, settings, runner, monkeypatch
):
    from taketwo.ui.shell.main_window import MainWindow
    from taketwo.ui.shell.settings_dialog import SettingsDialog

    monkeypatch.delenv(theme.ENV, raising=False)
    window = MainWindow(library, settings, runner)
    qtbot.addWidget(window)

    def choose_dark(dialog):
        dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
        return 1

    monkeypatch.setattr(SettingsDialog, "exec", choose_dark)
    monkeypatch.setattr(window, "use_devices", lambda *_: None)  # no camera to reopen here
    window.open_settings()
    assert settings.get("theme") == "dark"
    assert theme.current().scheme == "dark"
    assert app.palette().color(QPalette.ColorRole.Window) == QColor(
        theme.tokens()["dark"]["window"]
    )


def test_live_state_is_coloured_by_the_stylesheet(app, qtbot):
    from PySide6.QtWidgets import QLabel

    theme.apply_theme("dark")
    status, elapsed = QLabel("x"), QLabel("0:59")
    status.setObjectName("status")
    elapsed.setObjectName("elapsed")
    for label in (status, elapsed):
        qtbot.addWidget(label)
        label.show()
    text = QPalette.ColorRole.WindowText
    assert status.palette().color(text) == QColor(theme.tokens()["dark"]["text"])
    theme.set_look(status, "warn", True)
    theme.set_look(elapsed, "zone", "red")
    assert status.palette().color(text) == QColor(theme.tokens()["dark"]["warning"])
    assert elapsed.palette().color(text) == QColor(theme.tokens()["dark"]["danger"])
