"""Coach packs and the feedback that comes back from them.

A feedback file is untrusted: ``parse_feedback`` checks its shape and sizes before anything is
read from it, and ``import_feedback`` changes the library only if every comment in it fits
(the pack was made here, every take it names still exists). Comments merge by identity (take,
time, text, coach): importing the same file twice never doubles them, and a later file with
fewer comments never removes the ones the user already has.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from datetime import datetime

from taketwo.domain import utc_now
from taketwo.files import TooDeep, nesting_checked
from taketwo.storage.errors import LibraryError
from taketwo.storage.rows import parse_stamp, stamp, to_json
from taketwo.storage.store import Store

FEEDBACK_FORMAT = "taketwo-feedback"
MAX_FEEDBACK_BYTES = 2_000_000
MAX_COMMENTS = 5000
MAX_TEXT = 5000
AT_SLACK = 1.0  # seconds past a take's end a comment may sit (a player's rounding)


class FeedbackError(LibraryError):
    """A feedback file that cannot be imported; nothing was changed."""


@dataclass(frozen=True, slots=True)
class Comment:
    take_id: int
    at: float  # seconds into the take
    text: str
    coach: str = ""
    pack_id: str = ""
    id: int | None = None
    imported: datetime | None = None


@dataclass(frozen=True, slots=True)
class Feedback:
    pack_id: str
    coach: str
    comments: tuple[Comment, ...]


@dataclass(frozen=True, slots=True)
class FeedbackImport:
    pack_id: str
    comments: int
    takes: tuple[int, ...]
    already_present: int  # comments an earlier import already brought


def parse_feedback(raw: bytes) -> Feedback:
    """A feedback file's content, or FeedbackError saying what is wrong with it."""
    if len(raw) > MAX_FEEDBACK_BYTES:
        raise FeedbackError("this file is too large to be Take Two feedback")
    try:
        data = json.loads(nesting_checked(raw.decode("utf-8")))
    except TooDeep as exc:
        raise FeedbackError(f"this is not a Take Two feedback file ({exc})") from None
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise FeedbackError("this is not a Take Two feedback file (it is not JSON)") from None
    if not isinstance(data, dict) or data.get("format") != FEEDBACK_FORMAT:
        raise FeedbackError("this is not a Take Two feedback file")
    if data.get("version") != 1:
        raise FeedbackError(
            "this feedback file was written by a newer Take Two; update to import it"
        )
    pack_id, coach, items = data.get("pack_id"), data.get("coach", ""), data.get("comments")
    if not isinstance(pack_id, str) or not 8 <= len(pack_id) <= 64 or not pack_id.isalnum():
        raise FeedbackError("the feedback file does not say which pack it answers")
    if not isinstance(coach, str) or len(coach) > 200 or not _unicode(coach):
        raise FeedbackError("the feedback file's coach name is not text")
    if not isinstance(items, list) or len(items) > MAX_COMMENTS:
        raise FeedbackError("the feedback file holds no list of comments")
    comments = []
    for n, item in enumerate(items, 1):
        if not isinstance(item, dict):
            raise FeedbackError(f"comment {n} in the feedback file is not a comment")
        take_id, at, text = item.get("take_id"), item.get("at"), item.get("text")
        if isinstance(take_id, bool) or not isinstance(take_id, int) or take_id < 1:
            raise FeedbackError(f"comment {n} does not name a take")
        if (
            isinstance(at, bool)
            or not isinstance(at, int | float)
            or not math.isfinite(at)
            or at < 0
        ):
            raise FeedbackError(f"comment {n} has no valid time")
        if not isinstance(text, str) or len(text) > MAX_TEXT:
            raise FeedbackError(f"comment {n} has no text (or far too much)")
        if not _unicode(text):
            raise FeedbackError(
                f"comment {n} holds text that is not valid Unicode (a lone surrogate)"
            )
        if text.strip():
            comments.append(
                Comment(take_id, round(float(at), 3), text.strip(), coach.strip(), pack_id)
            )
    return Feedback(pack_id, coach.strip(), tuple(comments))


def _unicode(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


class FeedbackStore(Store):
    def record_pack(self, pack_id: str, take_ids: list[int], ask: str = "") -> None:
        """Remember a pack that was written, so its feedback can come back."""
        with self._writing() as conn:
            conn.execute(
                "INSERT INTO packs (id, takes, ask, created) VALUES (?, ?, ?, ?)",
                (pack_id, to_json(take_ids), ask, stamp(utc_now())),
            )

    def import_feedback(self, feedback: Feedback) -> FeedbackImport:
        """Add the comments of one feedback file, all of them or none."""
        with self._writing() as conn:
            row = conn.execute(
                "SELECT takes FROM packs WHERE id = ?", (feedback.pack_id,)
            ).fetchone()
            if row is None:
                raise FeedbackError(
                    "this feedback answers a pack this library did not make "
                    "(it may come from another library)"
                )
            in_pack = set(json.loads(row["takes"]))
            takes = sorted({c.take_id for c in feedback.comments})
            for take_id in takes:
                if take_id not in in_pack:
                    raise FeedbackError(
                        f"the feedback names take {take_id}, which was not in that pack"
                    )
                take = conn.execute(
                    "SELECT duration FROM takes WHERE id = ?", (take_id,)
                ).fetchone()
                if take is None:
                    raise FeedbackError(
                        f"the feedback is about take {take_id}, which no longer "
                        "exists; nothing was imported"
                    )
                length = take["duration"]
                late = [c.at for c in feedback.comments if c.take_id == take_id]
                if length is not None and max(late) > length + AT_SLACK:
                    raise FeedbackError(
                        f"a comment at {max(late):g} s is past the end of take {take_id} "
                        f"({length:.1f} s long); nothing was imported"
                    )
            have = {
                (r["take_id"], r["at"], r["text"], r["coach"])
                for r in conn.execute(
                    "SELECT take_id, at, text, coach FROM feedback WHERE pack_id = ?",
                    (feedback.pack_id,),
                )
            }
            new = []
            for c in feedback.comments:
                key = (c.take_id, c.at, c.text, c.coach)
                if key not in have:
                    have.add(key)
                    new.append(c)
            now = stamp(utc_now())
            conn.executemany(
                "INSERT INTO feedback (pack_id, take_id, at, text, coach, imported) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                [(feedback.pack_id, c.take_id, c.at, c.text, c.coach, now) for c in new],
            )
        return FeedbackImport(
            feedback.pack_id, len(new), tuple(takes), len(feedback.comments) - len(new)
        )

    def list_feedback(self, take_id: int) -> list[Comment]:
        """A take's comments in time order (the take must exist)."""
        with self._reading() as conn:
            self._load_take(conn, take_id)
            rows = conn.execute(
                "SELECT * FROM feedback WHERE take_id = ? ORDER BY at, id", (take_id,)
            ).fetchall()
        return [
            Comment(
                r["take_id"],
                r["at"],
                r["text"],
                r["coach"],
                r["pack_id"],
                r["id"],
                parse_stamp(r["imported"]),
            )
            for r in rows
        ]
