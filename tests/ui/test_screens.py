"""Every screen at 1366x768 and 1920x1080, light and dark: each one's key controls are shown
inside the window, and a PNG of it is kept for a person to look at (tests/artifacts/screens/,
or $TAKETWO_ARTIFACTS/screens/)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QDialogButtonBox, QWidget

from taketwo.settings import Settings
from taketwo.ui.shell import theme
from taketwo.ui.shell.main_window import MainWindow, first_size
from taketwo.ui.shell.settings_dialog import SettingsDialog
from tests.support.debrief_screenshots import stock as stock_interview
from tests.support.waits import flush_events

pytest_plugins = ["tests.support.ui_fixtures"]

SIZES = ((1366, 768), (1920, 1080))
# A 1366x768 desktop less a panel (28 px) and a title bar (about 30 px).
SMALL_DESKTOP = QSize(1366, 768 - 28 - 30)


def artifacts() -> Path:
    root = os.environ.get("TAKETWO_ARTIFACTS")
    base = Path(root) if root else Path(__file__).parents[1] / "artifacts"
    folder = base / "screens"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def camera_picture(width: int = 640, height: int = 360) -> QImage:
    """A stand-in camera frame: a soft gradient with a head-and-shoulders shape."""
    image = QImage(width, height, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    for y in range(height):
        painter.setPen(QColor(70 + y * 60 // height, 80 + y * 50 // height, 95))
        painter.drawLine(0, y, width, y)
    painter.setBrush(QColor(200, 160, 130))
    painter.setPen(QColor(0, 0, 0, 0))
    painter.drawEllipse(QPoint(width // 2, height // 2 - 30), 55, 70)
    painter.setBrush(QColor(40, 60, 90))
    painter.drawEllipse(QPoint(width // 2, height + 60), 170, 140)
    painter.end()
    return image


def shown_inside(widget: QWidget, window: QWidget) -> bool:
    """``widget`` is visible and all of it lies within the window."""
    if not widget.isVisible() or widget.width() <= 0 or widget.height() <= 0:
        return False
    top_left = widget.mapTo(window, QPoint(0, 0))
    return window.rect().contains(QRect(top_left, widget.size()))


@pytest.fixture(params=theme.SCHEMES)
def scheme(request, qapp):
    theme.apply_theme(request.param)
    yield request.param
    theme.reset_theme()


@pytest.fixture
def window(qtbot, stocked_library, tmp_path, runner, scheme):
    library = stocked_library.library
    for index, rating in enumerate((2, 4, 3)):
        library.rate_take(stocked_library.take_id(index), rating)
    library.note_take(stocked_library.take_id(1), "Slower at the start; name the result.")
    stock_interview(library)
    settings = Settings(tmp_path / "settings.ini")
    w = MainWindow(library, settings, runner)
    qtbot.addWidget(w)
    w.devices = ([("demo", "Demo camera")], [("demo", "Demo microphone")])
    w.rehearse.fill_devices(*w.devices, "demo", "demo")
    w.welcome.show_devices(*w.devices, "", "")
    yield w
    w.controller.close_devices()
    w.review.close()
    w.compare.close()


def screens(w: MainWindow) -> list[tuple[str, QWidget, list[QWidget]]]:
    """(name, screen, key controls) for every screen."""
    return [
        ("library", w.library_view, [w.library_view.search, w.library_view.tree]),
        (
            "rehearse",
            w.rehearse,
            [
                w.rehearse.prompt,
                w.rehearse.preview,
                w.rehearse.meter,
                w.rehearse.camera_box,
                w.rehearse.mic_box,
                w.rehearse.countdown,
                w.rehearse.record,
            ],
        ),
        ("review", w.review, [w.review.title, w.review.transport, w.review.export_button]),
        ("compare", w.compare, [*w.compare.pickers, w.compare.transport]),
        ("debrief", w.debrief, [w.debrief.picker, w.debrief.tabs]),
        ("progress", w.progress, [w.progress.question_picker, w.progress.plot]),
        ("welcome", w.welcome, [w.welcome.add_button, w.welcome.skip_button]),
    ]


def show(w: MainWindow, name: str, stocked) -> None:
    if name == "rehearse":
        w.rehearse_question(stocked.question.id)
        w.rehearse.preview.show_image(camera_picture())
        w.rehearse.rating.show()  # as after a take
        w.rehearse.rating.prompt.setText("Take saved (0:02). How did it feel?")
    elif name == "review":
        w.review_take(stocked.take_id(1))
    elif name == "compare":
        w.compare_takes(stocked.take_id(0), stocked.take_id(1))
    elif name == "debrief":
        interviews = w.library.list_interviews()
        w.debrief_interview(interviews[0].id)
    elif name == "progress":
        w.show_screen(w.progress)
        w.progress.show_question(stocked.question.id)
    elif name == "welcome":
        w.stack.setCurrentWidget(w.welcome)
    else:
        w.show_screen(w.library_view)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_screen_fits_and_is_kept_as_a_picture(qtbot, window, stocked_library, scheme, size):
    out = artifacts()
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    for name, screen, controls in screens(window):
        show(window, name, stocked_library)
        flush_events()
        assert window.stack.currentWidget() is screen, name
        assert (window.width(), window.height()) == size, f"{name} makes the window grow"
        hidden = [
            c.accessibleName() or type(c).__name__ for c in controls if not shown_inside(c, window)
        ]
        assert not hidden, f"{name} at {size}: not shown inside the window: {hidden}"
        window.grab().save(str(out / f"{name}-{size[0]}x{size[1]}-{scheme}.png"))


def test_settings_fit_and_are_kept_as_a_picture(qtbot, window, scheme):
    dialog = SettingsDialog(window.settings, *window.devices, window, library_in_use=None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    assert dialog.height() <= SMALL_DESKTOP.height()
    assert shown_inside(buttons, dialog)
    dialog.grab().save(str(artifacts() / f"settings-{scheme}.png"))


def test_the_window_fits_a_1366x768_desktop_with_its_panel(qtbot, window):
    """Whatever screen is shown, the window can be as small as a laptop desktop leaves."""
    window.show()
    for index in range(window.stack.count()):
        window.stack.setCurrentIndex(index)
        hint = window.minimumSizeHint()
        name = window.stack.currentWidget().accessibleName() or index
        assert hint.width() <= SMALL_DESKTOP.width() - 12, name  # and the window's frame
        assert hint.height() <= SMALL_DESKTOP.height(), name
    first = first_size(SMALL_DESKTOP)
    assert first.width() <= SMALL_DESKTOP.width()
    assert first.height() <= SMALL_DESKTOP.height()
