"""Save as you type, for the Debrief screen's forms: a save a moment after the last edit, none
for the changes a form makes itself while it fills its widgets from the library."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import QObject, QTimer

SAVE_AFTER_MS = 400  # typing pauses this long before the form is saved


class SaveAsYouType(QObject):
    """Connect every field's edit signal to :meth:`edited`; fill the fields inside
    :meth:`filling`; call :meth:`flush` before the form shows something else."""

    def __init__(
        self, save: Callable[[], object], parent: QObject, delay_ms: int = SAVE_AFTER_MS
    ) -> None:
        super().__init__(parent)
        self._save = save
        self._depth = 0
        self._timer = QTimer(self, singleShot=True, interval=delay_ms)
        self._timer.timeout.connect(self._save)

    @property
    def is_filling(self) -> bool:
        return self._depth > 0

    @property
    def pending(self) -> bool:
        """Whether something typed is not saved yet."""
        return self._timer.isActive()

    @contextmanager
    def filling(self) -> Iterator[None]:
        """Changes made inside are the form's own, not the user's (nests)."""
        self._depth += 1
        try:
            yield
        finally:
            self._depth -= 1

    def edited(self, *_: object) -> None:
        if not self.is_filling:
            self._timer.start()

    def flush(self) -> None:
        """Save now what was typed since the last save."""
        if self._timer.isActive():
            self._timer.stop()
            self._save()

    def cancel(self) -> None:
        """Forget the pending save (the form saves itself now, or drops what was typed)."""
        self._timer.stop()
