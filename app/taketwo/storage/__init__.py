"""Storage: the library folder, its SQLite database (migrations, backups, search), the media
layout, the single-writer lock, trash, recovery, archives and media import. No Qt here.

The names below load with the module that holds them, on first use: a command that never
opens a library (``taketwo record --output``) does not pay for importing all of storage.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the names as the type checker and readers see them
    from taketwo.storage.archive import ArchiveSummary as ArchiveSummary
    from taketwo.storage.archive import read_manifest as read_manifest
    from taketwo.storage.backups import Backup as Backup
    from taketwo.storage.backups import list_backups as list_backups
    from taketwo.storage.backups import newest_sound_backup as newest_sound_backup
    from taketwo.storage.backups import restore_backup as restore_backup
    from taketwo.storage.check import CheckReport as CheckReport
    from taketwo.storage.check import Finding as Finding
    from taketwo.storage.check import FindingKind as FindingKind
    from taketwo.storage.errors import LibraryCorrupt as LibraryCorrupt
    from taketwo.storage.errors import LibraryError as LibraryError
    from taketwo.storage.errors import LibraryLocked as LibraryLocked
    from taketwo.storage.errors import NotFound as NotFound
    from taketwo.storage.errors import ReadOnlyLibrary as ReadOnlyLibrary
    from taketwo.storage.layout import LibraryLayout as LibraryLayout
    from taketwo.storage.layout import slugify as slugify
    from taketwo.storage.library import Library as Library
    from taketwo.storage.media_import import validate_media as validate_media
    from taketwo.storage.search import SearchHit as SearchHit
    from taketwo.storage.trash import TrashContents as TrashContents

_HOMES = {
    "ArchiveSummary": "archive",
    "read_manifest": "archive",
    "Backup": "backups",
    "list_backups": "backups",
    "newest_sound_backup": "backups",
    "restore_backup": "backups",
    "CheckReport": "check",
    "Finding": "check",
    "FindingKind": "check",
    "LibraryCorrupt": "errors",
    "LibraryError": "errors",
    "LibraryLocked": "errors",
    "NotFound": "errors",
    "ReadOnlyLibrary": "errors",
    "LibraryLayout": "layout",
    "slugify": "layout",
    "Library": "library",
    "validate_media": "media_import",
    "SearchHit": "search",
    "TrashContents": "trash",
}

__all__ = [
    "ArchiveSummary",
    "Backup",
    "CheckReport",
    "Finding",
    "FindingKind",
    "Library",
    "LibraryCorrupt",
    "LibraryError",
    "LibraryLayout",
    "LibraryLocked",
    "NotFound",
    "ReadOnlyLibrary",
    "SearchHit",
    "TrashContents",
    "list_backups",
    "newest_sound_backup",
    "read_manifest",
    "restore_backup",
    "slugify",
    "validate_media",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_HOMES])
