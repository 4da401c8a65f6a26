"""Storage: the library folder, its SQLite database (migrations, backups, search), the media
layout, the single-writer lock, trash, recovery, archives and media import. No Qt here."""

from taketwo.storage.archive import ArchiveSummary, read_manifest
from taketwo.storage.backups import Backup, list_backups, newest_sound_backup, restore_backup
from taketwo.storage.check import CheckReport, Finding, FindingKind
from taketwo.storage.errors import (
    LibraryCorrupt,
    LibraryError,
    LibraryLocked,
    NotFound,
    ReadOnlyLibrary,
)
from taketwo.storage.layout import LibraryLayout, slugify
from taketwo.storage.library import Library
from taketwo.storage.media_import import validate_media
from taketwo.storage.search import SearchHit
from taketwo.storage.trash import TrashContents

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
