"""The rehearsal loop never fights the keyboard: keys go where the screen expects them.

Keys are sent to whatever widget has focus, as a real keyboard does, so a field that keeps
focus (and would swallow Space or a digit) fails these tests.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from taketwo.domain.question import Question
from taketwo.ui.library.question_dialog import QuestionDialog
from taketwo.ui.rehearse.recorder_controller import RecorderController, RecState
from taketwo.ui.rehearse.screen import RehearseScreen
from taketwo.ui.shell import theme
from taketwo.ui.shell.focus_ring import install_focus_ring
from taketwo.ui.shell.main_window import MainWindow
from tests.support.ui_fixtures import show_active
from tests.support.waits import flush_events, wait_recorded


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier):
    """Press ``key`` on the focused widget, as a keyboard would."""
    target = QApplication.focusWidget()
    assert target is not None, "nothing has focus"
    qtbot.keyClick(target, key, modifier)


@pytest.fixture
def screen(qtbot, library, settings, runner, question):
    controller = RecorderController(runner)
    widget = RehearseScreen(library, controller, settings)
    qtbot.addWidget(widget)
    widget.set_question(question.id)
    show_active(qtbot, widget)
    widget.setFocus()
    yield widget
    controller.close_devices()


@pytest.fixture
def window(qtbot, library, settings, runner):
    w = MainWindow(library, settings, runner)
    qtbot.addWidget(w)
    show_active(qtbot, w)
    yield w
    w.controller.close_devices()


def open_demo(qtbot, screen):
    screen.controller.open_devices("demo", "demo", (320, 240), 30)
    qtbot.waitUntil(lambda: screen.controller.state is RecState.PREVIEW, timeout=10000)


def record_take(qtbot, screen, seconds=1.2):
    press(qtbot, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: screen.controller.state is RecState.RECORDING, timeout=5000)
    wait_recorded(qtbot, screen.controller, seconds)
    with qtbot.waitSignal(screen.take_saved, timeout=15000) as saved:
        press(qtbot, Qt.Key.Key_Space)
    return saved.args[0]


@pytest.mark.parametrize("leave", [Qt.Key.Key_Return, Qt.Key.Key_Escape])
def test_a_note_then_return_or_esc_gives_space_and_digits_back(qtbot, screen, library, leave):
    open_demo(qtbot, screen)
    take_id = record_take(qtbot, screen)
    press(qtbot, Qt.Key.Key_N)
    assert screen.rating.note.hasFocus()
    qtbot.keyClicks(screen.rating.note, "slow start")
    press(qtbot, leave)
    assert not screen.rating.note.hasFocus()
    assert library.get_take(take_id).notes == "slow start"
    press(qtbot, Qt.Key.Key_4)
    assert library.get_take(take_id).comfort == 4
    press(qtbot, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: screen.controller.state is RecState.RECORDING, timeout=5000)
    assert library.get_take(take_id).notes == "slow start", "nothing was typed into the note"
    screen.controller.stop_take(discard=True)
    qtbot.waitUntil(lambda: screen.controller.state is RecState.PREVIEW, timeout=10000)


def test_tab_reaches_the_device_and_countdown_controls_and_keys_still_work(qtbot, screen):
    seen = []
    for _ in range(8):
        press(qtbot, Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    seen = [screen.countdown if w is screen.countdown.lineEdit() else w for w in seen]
    for control in (screen.camera_box, screen.mic_box, screen.countdown, screen.record):
        assert control in seen, control.accessibleName()
    assert seen.index(screen.camera_box) < seen.index(screen.mic_box)
    screen.countdown.setFocus()
    screen.countdown.setValue(3)
    press(qtbot, Qt.Key.Key_Up)
    assert screen.countdown.value() == 4, "arrows set the countdown"
    press(qtbot, Qt.Key.Key_5)
    assert screen.countdown.value() == 4, "a digit is a rating key, not typed into the countdown"


def test_the_focused_control_has_a_ring_you_can_see(qtbot, screen):
    ring = install_focus_ring()
    screen.camera_box.setFocus()
    qtbot.waitUntil(lambda: ring.frame is not None and ring.frame.isVisible())
    assert ring.frame.widget() is screen.camera_box
    flush_events()
    image = screen.grab().toImage()
    box = screen.camera_box.geometry().adjusted(-3, -3, 3, 3)
    colour = theme.colour("focus")

    def ring_pixels():
        return sum(
            1
            for x in range(box.left(), box.right() + 1)
            for y in (box.top(), box.top() + 1, box.bottom(), box.bottom() - 1)
            if 0 <= x < image.width()
            and 0 <= y < image.height()
            and abs(image.pixelColor(x, y).blue() - colour.blue()) < 40
            and abs(image.pixelColor(x, y).red() - colour.red()) < 40
        )

    assert ring_pixels() > box.width(), "a bold ring around the focused control"
    screen.setFocus()
    image = screen.grab().toImage()
    assert ring_pixels() < 10, "and none once focus has moved away"


def test_tab_leaves_the_question_box_of_the_new_question_dialog(qtbot):
    dialog = QuestionDialog(90)
    qtbot.addWidget(dialog)
    show_active(qtbot, dialog)
    dialog.prompt.setFocus()
    qtbot.keyClicks(dialog.prompt, "Why us?")
    press(qtbot, Qt.Key.Key_Tab)
    assert dialog.points.hasFocus()
    press(qtbot, Qt.Key.Key_Tab)
    assert dialog.star["situation"].hasFocus()
    press(qtbot, Qt.Key.Key_Backtab)
    press(qtbot, Qt.Key.Key_Backtab)
    assert dialog.prompt.hasFocus()
    assert dialog.prompt.toPlainText() == "Why us?"


def test_ctrl_1_puts_focus_in_the_library_tree_so_arrows_and_enter_work(qtbot, window, library):
    first = library.add_question(Question(prompt="Tell me about yourself"))
    second = library.add_question(Question(prompt="Why this company?"))
    window.library_view.reload()
    window.show_screen(window.rehearse)
    press(qtbot, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.library_view
    assert window.library_view.tree.hasFocus()
    assert window.library_view.selected("question") == [first.id]
    press(qtbot, Qt.Key.Key_Down)
    assert window.library_view.selected("question") == [second.id]
    press(qtbot, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.rehearse
    assert window.rehearse.question.id == second.id


def test_search_hands_the_keys_back_to_the_tree(qtbot, window, library):
    library.add_question(Question(prompt="Describe a failure"))
    window.library_view.reload()
    window.show_screen(window.library_view)
    press(qtbot, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.library_view.search.hasFocus()
    qtbot.keyClicks(window.library_view.search, "failure")
    press(qtbot, Qt.Key.Key_Return)
    assert window.library_view.tree.hasFocus()
    press(qtbot, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.rehearse
    assert window.rehearse.question.prompt == "Describe a failure"


def test_ctrl_return_saves_the_question_from_the_question_box(qtbot):
    dialog = QuestionDialog(90)
    qtbot.addWidget(dialog)
    show_active(qtbot, dialog)
    dialog.prompt.setFocus()
    qtbot.keyClicks(dialog.prompt, "Why us?")
    with qtbot.waitSignal(dialog.accepted, timeout=1000):
        press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.question().prompt == "Why us?"
