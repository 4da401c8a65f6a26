"""Save as you type: one save a moment after the last edit, none for the form's own filling."""

from __future__ import annotations

from PySide6.QtCore import QObject

from taketwo.ui.debrief.autosave import SaveAsYouType


def make(delay_ms: int = 50):
    saves: list[int] = []
    owner = QObject()
    autosave = SaveAsYouType(lambda: saves.append(1), owner, delay_ms)
    return owner, autosave, saves


def test_a_burst_of_edits_saves_once_after_the_pause(qtbot):
    _owner, autosave, saves = make()
    for _ in range(5):
        autosave.edited()
    assert autosave.pending
    qtbot.waitUntil(lambda: saves == [1], timeout=2000)
    assert not autosave.pending, "no second save is on its way"
    assert saves == [1]


def test_the_forms_own_filling_is_not_an_edit_even_nested(qtbot):
    _owner, autosave, saves = make()
    with autosave.filling():
        with autosave.filling():
            autosave.edited()
        autosave.edited()  # still filling: the inner block must not end the outer one
    assert not autosave.pending
    autosave.edited()
    assert autosave.pending


def test_flush_saves_now_and_cancel_forgets(qtbot):
    _owner, autosave, saves = make(delay_ms=10_000)
    autosave.flush()
    assert saves == []  # nothing typed: nothing to save
    autosave.edited()
    autosave.flush()
    assert saves == [1]
    autosave.edited()
    autosave.cancel()
    assert not autosave.pending, "the save was forgotten, not just put off"
    assert saves == [1]
