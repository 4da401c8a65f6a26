"""Where things live inside a library folder, and names that are safe on any filesystem.

A person browsing the folder sees
``media/0042-tell-me-about-a-conflict/take-003-2026-11-22_1405.mp4`` with its ``.json`` sidecar
beside it; trashed takes move to the same place under ``trash/``.
"""

from __future__ import annotations

import contextlib
import os
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from taketwo.storage.errors import LibraryError

DB_NAME = "taketwo.sqlite3"
LOCK_NAME = "taketwo.lock"
MEDIA_DIR = "media"
TRASH_DIR = "trash"
BACKUPS_DIR = "backups"
# Names a library folder may hold; anything else means the folder is not a library.
LIBRARY_ENTRIES = frozenset(
    {
        DB_NAME,
        f"{DB_NAME}-wal",
        f"{DB_NAME}-shm",
        f"{DB_NAME}-journal",
        LOCK_NAME,
        MEDIA_DIR,
        TRASH_DIR,
        BACKUPS_DIR,
        ".tmp",  # storage.temp_files.TEMP_DIR
    }
)
MEDIA_EXTENSIONS = frozenset(
    {
        ".mp4",
        ".m4v",
        ".mov",
        ".mkv",
        ".webm",
        ".m4a",
        ".aac",
        ".mp3",
        ".wav",
        ".ogg",
        ".opus",
        ".flac",
    }
)
SLUG_MAX = 48
_TAKE_NUMBER = re.compile(r"^take-(\d{1,6})-")


@dataclass(frozen=True, slots=True)
class LibraryLayout:
    folder: Path

    @property
    def db_path(self) -> Path:
        return self.folder / DB_NAME

    @property
    def lock_path(self) -> Path:
        return self.folder / LOCK_NAME

    @property
    def media_dir(self) -> Path:
        return self.folder / MEDIA_DIR

    @property
    def trash_dir(self) -> Path:
        return self.folder / TRASH_DIR

    @property
    def backups_dir(self) -> Path:
        return self.folder / BACKUPS_DIR

    def root(self, trashed: bool) -> Path:
        return self.trash_dir if trashed else self.media_dir

    def question_dir(self, question_folder: str, trashed: bool) -> Path:
        """A question's folder under ``media/`` or ``trash/``; :class:`UnsafePath` if the stored
        name is not a plain folder name or the folder leads out of the library."""
        return self.inside(self.root(trashed) / plain_name(question_folder, "question folder"))

    def take_path(self, question_folder: str, file_name: str, trashed: bool) -> Path:
        folder = self.question_dir(question_folder, trashed)
        return self.inside(folder / plain_name(file_name, "take file"))

    def inside(self, path: Path) -> Path:
        """``path`` itself, once sure that it (symlinks followed) stays in the library folder."""
        root = os.path.realpath(self.folder)
        real = os.path.realpath(path)
        if os.path.commonpath([root, real]) != root:
            raise UnsafePath(f"{path} leads outside the library folder {self.folder}")
        return path


class UnsafePath(LibraryError):
    """A name stored in the database (or an archive) that would lead outside the library."""


def is_plain_name(name: object) -> bool:
    """One ordinary file or folder name: no separators, no ``..``, not hidden, not too long."""
    return (
        isinstance(name, str)
        and 0 < len(name) <= 255
        and not name.startswith(".")
        and not any(c in name for c in "/\\:\0")
        and name.strip() == name
        and all(ord(c) >= 32 for c in name)
    )


def plain_name(name: str, what: str) -> str:
    if not is_plain_name(name):
        raise UnsafePath(
            f"the library names a {what} {name!r} that is not a plain name; it was refused"
        )
    return name


def slugify(text: str, max_len: int = SLUG_MAX) -> str:
    """Lowercase ASCII words joined by hyphens; ``question`` when nothing usable is left."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > max_len:
            break
        slug = candidate
    if not slug and words:
        slug = words[0][:max_len]
    return slug or "question"


def question_folder_name(question_id: int, prompt: str) -> str:
    """The id keeps names unique and short of any reserved name (CON, NUL...) on Windows."""
    return f"{question_id:04d}-{slugify(prompt)}"


def prompt_from_folder(folder: str) -> str:
    """A readable prompt for a question rebuilt from its folder name alone."""
    words = folder.split("-")
    if words and words[0].isdigit():
        words = words[1:]
    text = " ".join(words).strip()
    return text[:1].upper() + text[1:] if text else "Recovered takes"


def safe_extension(name: str, default: str = ".mp4") -> str:
    """The extension of a file name (or an extension like ``.WAV``) if it is a media one."""
    ext = (
        name if name.startswith(".") and name.count(".") == 1 else os.path.splitext(name)[1]
    ).lower()
    return ext if ext in MEDIA_EXTENSIONS else default


def take_file_name(number: int, created: datetime, extension: str = ".mp4") -> str:
    """``take-003-2026-11-22_1405.mp4``: the number keeps it unique, the local time readable."""
    local = created.astimezone()
    return f"take-{number:03d}-{local:%Y-%m-%d_%H%M}{safe_extension(extension)}"


def take_number_from_name(name: str) -> int | None:
    match = _TAKE_NUMBER.match(name)
    return int(match.group(1)) if match else None


OWN_NAMES = (MEDIA_DIR, TRASH_DIR, BACKUPS_DIR, LOCK_NAME, ".import-staging", ".tmp")


def refuse_linked_names(folder: Path) -> None:
    """The library's own names must be its own: a ``media/`` (or lock, staging, backups...)
    that is a symbolic link would make Take Two read, write or delete outside the folder."""
    for name in OWN_NAMES:
        path = folder / name
        if path.is_symlink():
            raise LibraryError(
                f"the library's {name} is a link (to {os.readlink(path)}); Take Two keeps its "
                "own files inside the library folder: move the whole library instead and "
                "choose it in Settings (or --library)"
            )


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` (and any missing parents) readable by the owner only; an existing folder
    loses any group or other access, but a stricter mode the user chose (0500) stays. A link
    where the folder should be is refused, never followed."""
    if path.is_symlink():
        raise LibraryError(f"{path} is a link, not a folder; move it away and try again")
    missing = []
    for folder in (path, *path.parents):
        if folder.is_dir():
            break
        missing.append(folder)
    for folder in reversed(missing):
        with contextlib.suppress(FileExistsError):
            folder.mkdir(mode=0o700)
        os.chmod(folder, 0o700)
    if not missing:
        _tighten(path, 0o700)
    return path


def make_private(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        _tighten(path, 0o600)


def _tighten(path: Path, most: int) -> None:
    mode = os.stat(path).st_mode & 0o777
    if mode & ~most:
        os.chmod(path, mode & most)
