"""PySide6 must not leak references to None/True on this Python (6.12 on 3.11 does, and the
interpreter then aborts with "bool_dealloc" after a few hundred signal emits)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class Emitter(QObject):
    changed = Signal(bool)


def test_signal_emits_and_void_calls_keep_singleton_refcounts(qapp):
    from PySide6.QtWidgets import QLabel

    emitter = Emitter()
    emitter.changed.connect(lambda _v: None)
    label = QLabel()
    true_before, none_before = sys.getrefcount(True), sys.getrefcount(None)
    for _ in range(200):  # few enough not to abort even on a leaking build
        emitter.changed.emit(True)
        label.setText("x")
    assert true_before - sys.getrefcount(True) < 50
    assert none_before - sys.getrefcount(None) < 50
