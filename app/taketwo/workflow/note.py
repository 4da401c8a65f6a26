"""The thank-you note as the Debrief shows it, the one way both the app and ``taketwo note
draft`` put it together: who it goes to, the subject, the text, where each paragraph comes
from, whether it is edited or sent, and when it is due; and saving it to a .txt file the user
chose."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from taketwo.domain.note import NoteStatus, describe_due, note_due, note_status, plain_text_file
from taketwo.files import write_new_text
from taketwo.safe_output import inside
from taketwo.storage import Library, LibraryError

NO_NAME_HINT = "Not signed yet: give your name (Settings → Your name) and the draft signs it."


@dataclass(frozen=True, slots=True)
class NoteView:
    interview_id: int
    addresses: tuple[str, ...]
    to: str  # the addresses, and who has none
    subject: str
    text: str
    sources: str  # which debrief field each paragraph comes from; empty once edited
    state: str  # draft, edited or sent
    due: str
    status: NoteStatus
    due_at: dt.datetime | None
    edited: bool
    sent_on: dt.date | None


def note_view(library: Library, interview_id: int, now: dt.datetime) -> NoteView:
    """``now`` is local wall-clock time, like the interview's date and time."""
    draft, state, text = library.thank_you_note(interview_id)
    interview = library.get_interview(interview_id)
    missing = [p.name for p in interview.people if not p.email]
    to = ", ".join(draft.to) or "no e-mail address yet"
    if missing:
        to += f" (no e-mail for {', '.join(missing)}: add it as Name <e-mail>)"
    if state.sent_on is not None:
        line = f"Sent on {state.sent_on.isoformat()}: kept as it was sent."
    elif state.edited:
        line = "Edited: your text is kept as it is. Reset to draft to follow the debrief again."
    else:
        line = "Draft: it follows your debrief until you edit it."
    if not state.edited and not draft.signed:
        line += " " + NO_NAME_HINT
    sources = (
        "" if state.edited else "Where each paragraph (¶) comes from: " + " · ".join(draft.sources)
    )
    return NoteView(
        interview_id,
        draft.to,
        to,
        draft.subject,
        text,
        sources,
        line,
        describe_due(interview, state, now),
        note_status(interview, state, now),
        note_due(interview),
        state.edited,
        state.sent_on,
    )


def note_view_text(view: NoteView) -> str:
    """The note exactly as the Debrief shows it, as plain text for the terminal."""
    parts = [
        f"To: {view.to}",
        f"Subject: {view.subject}",
        "",
        view.text.rstrip("\n"),
        "",
    ]
    if view.sources:
        parts += [view.sources, ""]
    parts += [view.state, view.due]
    return "\n".join(parts) + "\n"


def save_note_file(library: Library, interview_id: int, path: Path) -> Path:
    """The note as a new .txt file (0600); an existing file is never overwritten."""
    draft, _state, text = library.thank_you_note(interview_id)
    path = Path(path).expanduser().absolute()
    if inside(path, library.folder):
        raise LibraryError("save the note outside the library folder; its files are its own")
    if not path.parent.is_dir():
        raise LibraryError(f"no such folder: {path.parent}")
    try:
        write_new_text(path, plain_text_file(draft, text))
    except FileExistsError:
        raise LibraryError(f"{path} already exists; choose another name") from None
    return path
