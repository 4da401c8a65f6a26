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

DB_NAME = "taketwo.sqlite3"
LOCK_NAME = "taketwo.lock"
MEDIA_DIR = "media"
TRASH_DIR = "trash"
BACKUPS_DIR = "backups"
# Names a library folder may hold; anything else means the folder is not a library.
LIBRARY_ENTRIES = frozenset(
    {DB_NAME, f"{DB_NAME}-wal", f"{DB_NAME}-shm", f"{DB_NAME}-journal", LOCK_NAME,
     MEDIA_DIR, TRASH_DIR, BACKUPS_DIR}
)
MEDIA_EXTENSIONS = frozenset(
    {".mp4", ".m4v", ".mov", ".mkv", ".webm", ".m4a", ".aac", ".mp3", ".wav", ".ogg", ".opus",
     ".flac"}
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

    def take_path(self, question_folder: str, file_name: str, trashed: bool) -> Path:
        return self.root(trashed) / question_folder / file_name


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
    ext = (name if name.startswith(".") and name.count(".") == 1 else
           os.path.splitext(name)[1]).lower()
    return ext if ext in MEDIA_EXTENSIONS else default


def take_file_name(number: int, created: datetime, extension: str = ".mp4") -> str:
    """``take-003-2026-11-22_1405.mp4``: the number keeps it unique, the local time readable."""
    local = created.astimezone()
    return f"take-{number:03d}-{local:%Y-%m-%d_%H%M}{safe_extension(extension)}"


def take_number_from_name(name: str) -> int | None:
    match = _TAKE_NUMBER.match(name)
    return int(match.group(1)) if match else None


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` (and any missing parents) readable by the owner only."""
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
        os.chmod(path, 0o700)
    return path


def make_private(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.chmod(path, 0o600)
