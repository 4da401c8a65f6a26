"""The thank-you note after an interview: composed from the debrief, due a day later.

The draft follows the debrief (mistakes, triage, practice) until the user edits it; from then on
the user's text is kept as it is. It is made only from fields meant for it: "How it went",
"You said", the kind of mistake, take notes and ratings are the user's own and never go in it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import quote

from taketwo.domain.interview import Interview
from taketwo.domain.mistake import Mistake
from taketwo.domain.question import Question
from taketwo.domain.recovery import RecoveryAction, key_points_from, recovery_action

FALLBACK_GREETING = "Dear hiring team,"
LATE_APOLOGY = "I am sorry again for arriving late, and thank you for your patience."
RESUME_LINE = (
    "I am sorry I sent the wrong version of my résumé; the right one for this role is attached."
)
CLOSING = "Thank you again for your time. I look forward to hearing from you."
SIGN_OFF = "Best regards,"
DUE_AFTER = dt.timedelta(hours=24)
# A note more than two weeks late is no longer worth a reminder on every start-up.
STOP_NAGGING_AFTER = dt.timedelta(days=14)
# Windows' ShellExecute and several mail clients cut mailto: links at about 2,000 characters.
MAILTO_LIMIT = 2000
_TOPIC_LIMIT = 160
_TOPICS = 3
# Where each paragraph comes from, named as the Debrief labels its fields.
SOURCE_PEOPLE = "Interviewers"
SOURCE_INTERVIEW = "Company, Role, Date"
SOURCE_TOPICS = "What you talked about (for the note)"
SOURCE_FIXED = "Standard wording"
SOURCE_NAME = "Settings → Your name"


@dataclass(frozen=True, slots=True)
class Practice:
    """What a mistake's practice question has to offer the note, and its progress."""

    question: Question
    take_count: int = 0
    comfort: int | None = None  # the best take's rating
    best_take_notes: str = ""  # private: shown to the user, never put in the note


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str
    source: str  # the debrief field it was made from, as the Debrief names it


@dataclass(frozen=True, slots=True)
class NoteDraft:
    to: tuple[str, ...]  # e-mail addresses that are known
    subject: str
    body: str
    paragraphs: tuple[Paragraph, ...] = ()
    signed: bool = True  # False: no name to sign with yet

    @property
    def sources(self) -> tuple[str, ...]:
        """One entry per paragraph, in order: which debrief field it comes from."""
        return tuple(f"¶{n} {p.source}" for n, p in enumerate(self.paragraphs, 1))


def compose_note(
    interview: Interview,
    mistakes: Sequence[Mistake],
    practice: Mapping[int, Practice] | None = None,
    your_name: str = "",
) -> NoteDraft:
    """The draft, made only from fields meant for it: never from how it went, what the user
    said, the mistake's kind, take notes or ratings."""
    practice = practice or {}
    people = interview.people
    paragraphs = [
        Paragraph(_greeting([p.name for p in people]), SOURCE_PEOPLE if people else SOURCE_FIXED),
        Paragraph(_thanks(interview), SOURCE_INTERVIEW),
        _interest(interview),
    ]
    for mistake in mistakes:
        if recovery_action(mistake) is RecoveryAction.CLARIFY_IN_NOTE:
            found = practice.get(mistake.id) if mistake.id is not None else None
            paragraphs.append(_clarify(mistake, found))
    seen: set[str] = set()
    for m in mistakes:
        action = recovery_action(m)
        line = {
            RecoveryAction.APOLOGISE_IN_NOTE: LATE_APOLOGY,
            RecoveryAction.SEND_RIGHT_RESUME: RESUME_LINE,
        }.get(action)
        if line and line not in seen:  # each line once
            seen.add(line)
            paragraphs.append(Paragraph(line, "Do or die? Yes, on a logistics mistake"))
    paragraphs.append(Paragraph(CLOSING, SOURCE_FIXED))
    name = " ".join(your_name.split())
    signature = f"{SIGN_OFF}\n{name}" if name else SIGN_OFF
    paragraphs.append(Paragraph(signature, SOURCE_NAME + ("" if name else " (not set yet)")))
    subject = (
        f"Thank you — {_flat(interview.role)} at {_flat(interview.company)}"
        if interview.role.strip()
        else f"Thank you — {_flat(interview.company)}"
    )
    return NoteDraft(
        tuple(p.email for p in people if p.email),
        subject,
        "\n\n".join(p.text for p in paragraphs) + "\n",
        tuple(paragraphs),
        bool(name),
    )


def _flat(text: str) -> str:
    return " ".join(text.split())


def _greeting(names: Sequence[str]) -> str:
    if not names:
        return FALLBACK_GREETING
    return f"Dear {_and(names)},"


def _and(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def _thanks(interview: Interview) -> str:
    when = f" on {interview.date.day} {interview.date:%B}" if interview.date else ""
    about = (
        f"the {_flat(interview.role)} role at {_flat(interview.company)}"
        if interview.role.strip()
        else f"working at {_flat(interview.company)}"
    )
    return f"Thank you for taking the time to speak with me{when} about {about}."


def _interest(interview: Interview) -> Paragraph:
    topics = [_clause(t) for t in key_points_from(interview.note_topics) if len(t) <= _TOPIC_LIMIT]
    topics = [t for t in topics if t][:_TOPICS]
    if not topics:
        return Paragraph(
            "I enjoyed our conversation, and I am very interested in the role.", SOURCE_FIXED
        )
    return Paragraph(
        f"I enjoyed our conversation about {_and(topics)}, and it left me even more "
        "interested in the role.",
        SOURCE_TOPICS,
    )


# A label the user typed at the start of a point ("Own it: ...", "Result - ...").
_LABEL = re.compile(r"^\s*[A-Za-z][\w'’ ]{0,24}?\s*[:–—]\s+(?=\S)")
_QUOTES = "\"'“”‘’«»„`"
_END = ".,;:!?…" + _QUOTES


def _clause(text: str) -> str:
    """A point as a clause to go inside a sentence: no label, no quotes or end punctuation
    around it, its first letter small unless it is "I" or an acronym."""
    text = _LABEL.sub("", _flat(text), count=1).strip(_END + " ")
    if len(text) > 1 and text[0].isupper() and text[1].islower() and not text.startswith("I "):
        text = text[0].lower() + text[1:]
    return text


def _quoted(text: str) -> str:
    """What was asked, in one quoting style: curly double quotes outside, single inside."""
    text = _flat(text).strip(_QUOTES + " ").rstrip(".,;:" + _QUOTES + " ")
    text = text.replace('"', "‘").replace("“", "‘").replace("”", "’")
    return f"“{text}”"


def _clarify(mistake: Mistake, practice: Practice | None) -> Paragraph:
    asked = mistake.asked.strip()
    points_from_question = bool(practice and practice.question.key_points)
    raw = (
        practice.question.key_points
        if practice and points_from_question
        else key_points_from(mistake.meant)
    )
    points = [c for c in (_clause(p) for p in raw) if c]
    about = f"your question {_quoted(asked)}" if asked else "one of your questions"
    parts = [
        f"I have been thinking more about {about}, and I would like to clarify and expand "
        "on my answer."
    ]
    if points:
        parts.append(f"In particular, I would add: {_joined(points)}.")
    parts.append("I would be glad to go into more detail.")
    source = "What was asked" if asked else SOURCE_FIXED
    if points:
        source += ", " + ("Key points of its question" if points_from_question else "You meant")
    return Paragraph(" ".join(parts), source)


def _joined(points: Sequence[str]) -> str:
    """A list inside a sentence; points with commas of their own are kept apart by semicolons."""
    if len(points) == 1:
        return points[0]
    if any("," in p for p in points):
        return f"{'; '.join(points[:-1])}; and {points[-1]}"
    return _and(points)


def best_take_notes(takes: Iterable[tuple[int | None, bool, str]]) -> tuple[int | None, str]:
    """(comfort, notes) of the best take among (comfort, starred, notes): the starred one, else
    the highest rated (the later one on a tie). Unrated takes have not been judged yet."""
    best: tuple[int | None, str] | None = None
    best_key = (-1, -1)
    for comfort, starred, notes in takes:
        if not starred and comfort is None:
            continue
        key = (1 if starred else 0, comfort or 0)
        if key >= best_key:
            best, best_key = (comfort, notes), key
    return best if best is not None else (None, "")


# The note's state: edited or not, sent or not, due when.


@dataclass(frozen=True, slots=True)
class NoteState:
    text: str = ""  # the user's edited text; empty while the draft is untouched
    edited: bool = False
    sent_on: dt.date | None = None


def note_text(state: NoteState, draft: NoteDraft) -> str:
    """What the note says now: the user's text once edited, the fresh draft until then."""
    return state.text if state.edited else draft.body


class NoteStatus(StrEnum):
    NONE = ""  # no date, or the interview is still ahead
    DUE = "due"
    OVERDUE = "overdue"
    NOT_SENT = "not sent"  # long overdue: shown, but not nagged about
    SENT = "sent"


def note_due(interview: Interview) -> dt.datetime | None:
    """24 hours after the interview; without a time, the end of the next day."""
    if interview.date is None:
        return None
    if interview.time is None:
        return dt.datetime.combine(interview.date + dt.timedelta(days=1), dt.time(23, 59))
    start = interview.starts_at
    assert start is not None
    return start + DUE_AFTER


def note_status(interview: Interview, state: NoteState, now: dt.datetime) -> NoteStatus:
    """``now`` is local wall-clock time, like the interview's date and time."""
    if state.sent_on is not None:
        return NoteStatus.SENT
    due, start = note_due(interview), interview.starts_at
    if due is None or start is None or now < start:
        return NoteStatus.NONE
    if now <= due:
        return NoteStatus.DUE
    return NoteStatus.OVERDUE if now - due <= STOP_NAGGING_AFTER else NoteStatus.NOT_SENT


def describe_due(interview: Interview, state: NoteState, now: dt.datetime) -> str:
    status = note_status(interview, state, now)
    due = note_due(interview)
    if status is NoteStatus.SENT and state.sent_on is not None:
        return f"Sent on {state.sent_on.isoformat()}"
    if status is NoteStatus.DUE and due is not None:
        hours = max(1, round((due - now).total_seconds() / 3600))
        return f"Due in {hours} h ({due:%Y-%m-%d %H:%M})"
    if status in (NoteStatus.OVERDUE, NoteStatus.NOT_SENT) and due is not None:
        return f"Overdue since {due:%Y-%m-%d %H:%M}"
    if due is not None:
        return f"Due {due:%Y-%m-%d %H:%M}, a day after the interview"
    return "Due a day after the interview (give its date)"


# Sending it.


@dataclass(frozen=True, slots=True)
class MailLink:
    url: str
    body_included: bool  # False: too long for a link; the body must go by the clipboard


def mailto_link(to: Sequence[str], subject: str, body: str, limit: int = MAILTO_LIMIT) -> MailLink:
    """A ``mailto:`` URL (RFC 6068): every part percent-encoded as UTF-8, line breaks as CRLF."""
    address = ",".join(quote(a, safe="@") for a in to)
    head = f"mailto:{address}?subject={quote(subject, safe='')}"
    crlf = body.replace("\r\n", "\n").replace("\n", "\r\n")
    full = f"{head}&body={quote(crlf, safe='')}"
    if len(full) <= limit:
        return MailLink(full, True)
    return MailLink(head, False)


def plain_text_file(draft: NoteDraft, text: str) -> str:
    """The note as a .txt file: who it is for and the subject above the body."""
    head = [f"To: {', '.join(draft.to)}"] if draft.to else []
    return "\n".join([*head, f"Subject: {draft.subject}", "", text.rstrip("\n")]) + "\n"
