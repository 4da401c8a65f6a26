"""The one change signal: after the app writes to a library it says what changed, as
``(kind, id)``, and every screen that shows that fact listens here. No screen reloads another
by hand, so a new write needs one ``announce`` and no new wiring.

There is one hub per open library (:func:`library_events`), so screens built apart from the
main window (tests, dialogs) still hear each other."""

from __future__ import annotations

import weakref
from enum import StrEnum

from PySide6.QtCore import QObject, Signal

from taketwo.storage import Library


class Change(StrEnum):
    """What a change was about; the id is of that kind (0 for ``LIBRARY``)."""

    QUESTION = "question"
    TAKE = "take"  # recorded, rated, starred, noted, trashed or restored
    ANALYSIS = "analysis"  # a take's measurements (id: the take)
    FEEDBACK = "feedback"  # a coach's comments on a take (id: the take)
    INTERVIEW = "interview"  # an interview, its note, its checklist
    MISTAKE = "mistake"
    LIBRARY = "library"  # many things at once, or a write nobody announced


class LibraryEvents(QObject):
    changed = Signal(str, int)  # Change, id

    def __init__(self, library: Library) -> None:
        super().__init__()
        self._library = weakref.ref(library)
        self._seen = library.changes
        self.source: object | None = None  # who is announcing, while ``changed`` runs

    def announce(self, kind: Change, item_id: int | None = 0, source: object = None) -> None:
        """Tell every listener that ``kind`` ``item_id`` changed (``source`` made the change,
        so it can skip redrawing what it already shows)."""
        library = self._library()
        if library is not None and not library.closed:
            self._seen = library.changes
        before, self.source = self.source, source
        try:
            self.changed.emit(str(kind), item_id or 0)
        finally:
            self.source = before

    def catch_up(self) -> None:
        """Announce ``LIBRARY`` when the library was written without an announcement (by
        code that is not a screen, such as a script driving the library directly)."""
        library = self._library()
        if library is not None and not library.closed and library.changes != self._seen:
            self.announce(Change.LIBRARY)


_hubs: weakref.WeakKeyDictionary[Library, LibraryEvents] = weakref.WeakKeyDictionary()


def library_events(library: Library) -> LibraryEvents:
    """The hub of ``library``, made on first use."""
    hub = _hubs.get(library)
    if hub is None:
        hub = _hubs[library] = LibraryEvents(library)
    return hub
