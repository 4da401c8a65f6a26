"""Save an interview's thank-you note as a text file the user chose: the Debrief screen's
"Save .txt…" and ``taketwo note save`` both do it. The library only supplies the note."""

from __future__ import annotations

from pathlib import Path

from taketwo.domain.note import plain_text_file
from taketwo.files import write_new_text
from taketwo.storage import Library, LibraryError


def save_note_file(library: Library, interview_id: int, path: Path) -> Path:
    """The note as a new .txt file (0600); an existing file is never overwritten."""
    draft, _state, text = library.thank_you_note(interview_id)
    path = Path(path).expanduser().absolute()
    if not path.parent.is_dir():
        raise LibraryError(f"no such folder: {path.parent}")
    try:
        write_new_text(path, plain_text_file(draft, text))
    except FileExistsError:
        raise LibraryError(f"{path} already exists; choose another name") from None
    return path
