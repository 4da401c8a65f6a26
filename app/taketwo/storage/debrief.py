"""Debrief and recovery in the library: triage, steps, practice questions, the checklists and
the thank-you note's state. The rules live in ``taketwo.domain``; this part stores them."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3
from dataclasses import dataclass
from typing import Any

from taketwo.domain import DomainError, Interview, Mistake, Question, QuestionSource, utc_now
from taketwo.domain.checklist import (
    LISTS,
    ChecklistItem,
    Defaults,
    check_item_text,
    list_title,
    parse_defaults,
)
from taketwo.domain.interview import TEXT_LIMIT, check_length
from taketwo.domain.note import (
    MailLink,
    NoteDraft,
    NoteState,
    NoteStatus,
    Practice,
    best_take_notes,
    compose_note,
    mailto_link,
    note_due,
    note_status,
    note_text,
)
from taketwo.domain.plan import DebriefPlan, MistakePlan, MistakeState, mistake_state
from taketwo.domain.question import same_text
from taketwo.domain.recovery import (
    Step,
    checklist_suggestions,
    practice_question,
    recovery_action,
    set_step,
    standing,
    triage,
)
from taketwo.paths import resource_path
from taketwo.storage.errors import LibraryError, NotFound
from taketwo.storage.records import RecordsStore
from taketwo.storage.rows import (
    insert_sql,
    iso_or_none,
    mistake_values,
    question_from_row,
    stamp,
    update_sql,
)
from taketwo.storage.takes import TakesStore

DEFAULTS_FILE = ("checklists", "default.json")
SEEDED_FACT = "checklists_seeded"
YOUR_NAME_FACT = "your_name"
NAME_LIMIT = 200
NOTE_LIMIT = TEXT_LIMIT


def load_defaults() -> Defaults:
    path = resource_path(*DEFAULTS_FILE)
    try:
        return parse_defaults(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise LibraryError(f"the default checklists in {path} cannot be read ({exc})") from None


@dataclass(frozen=True, slots=True)
class DeletedMistake:
    """What undoing a mistake's deletion needs: the mistake and the links to it."""

    mistake: Mistake
    question_ids: tuple[int, ...]
    item_ids: tuple[int, ...]


class DebriefStore(TakesStore, RecordsStore):
    # Mistakes: delete with undo, triage, steps, practice

    def delete_mistake(self, mistake_id: int) -> DeletedMistake:
        with self._writing() as conn:
            mistake = self._load_mistake(conn, mistake_id)
            questions = tuple(
                r[0]
                for r in conn.execute(
                    "SELECT id FROM questions WHERE mistake_id = ?", (mistake_id,)
                )
            )
            items = tuple(
                r[0]
                for r in conn.execute(
                    "SELECT id FROM checklist_items WHERE mistake_id = ?", (mistake_id,)
                )
            )
            # The practice question keeps its takes; it only stops naming the mistake.
            conn.execute("UPDATE questions SET source = 'free' WHERE mistake_id = ?", (mistake_id,))
            conn.execute("DELETE FROM mistakes WHERE id = ?", (mistake_id,))
            return DeletedMistake(mistake, questions, items)

    def restore_mistake(self, deleted: DeletedMistake) -> Mistake:
        with self._writing() as conn:
            values = {"id": deleted.mistake.id, **mistake_values(deleted.mistake)}
            if values["interview_id"] is not None:
                self._load_interview(conn, values["interview_id"])
            conn.execute(insert_sql("mistakes", values), values)
            for qid in deleted.question_ids:
                conn.execute(
                    "UPDATE questions SET mistake_id = ?, source = 'mistake' "
                    "WHERE id = ? AND mistake_id IS NULL",
                    (deleted.mistake.id, qid),
                )
            for iid in deleted.item_ids:
                conn.execute(
                    "UPDATE checklist_items SET mistake_id = ? WHERE id = ?",
                    (deleted.mistake.id, iid),
                )
            return deleted.mistake

    def triage_mistake(self, mistake_id: int, do_or_die: bool, on: dt.date) -> Mistake:
        """Answer the do-or-die question; a logistics slip also goes on the checklists."""
        with self._writing() as conn:
            updated = triage(self._load_mistake(conn, mistake_id), do_or_die, on)
            self._save_mistake(conn, updated)
            self._seed_checklists(conn)
            for suggestion in checklist_suggestions(updated):
                known = conn.execute(
                    "SELECT 1 FROM checklist_items WHERE list_key = ? AND text = ?",
                    (suggestion.list_key, suggestion.text),
                ).fetchone()
                if known is None:
                    self._insert_item(conn, suggestion.list_key, suggestion.text, mistake_id)
            return updated

    def set_mistake_step(self, mistake_id: int, step: Step, on: dt.date | None) -> Mistake:
        with self._writing() as conn:
            updated = set_step(self._load_mistake(conn, mistake_id), Step(step), on)
            self._save_mistake(conn, updated)
            return updated

    def _save_mistake(self, conn: sqlite3.Connection, mistake: Mistake) -> None:
        values = mistake_values(mistake)
        conn.execute(update_sql("mistakes", values), {**values, "id": mistake.id})

    def rehearse_mistake(self, mistake_id: int, question_id: int | None = None) -> Question:
        """The mistake's one practice question: ``question_id`` if the user picked one, else the
        one linked before, else a question with the same text; a new one only when none is."""
        with self._writing() as conn:
            mistake = self._load_mistake(conn, mistake_id)
            if question_id is not None:
                found: Question | None = self._load_question(conn, question_id)
                if found is not None and found.trashed:
                    raise LibraryError(f"question {question_id} is in the trash")
            else:
                found = self._practice_question(conn, mistake) or self._same_question(conn, mistake)
            if found is None:
                try:
                    found = self._insert_question(conn, practice_question(mistake))
                except DomainError as exc:
                    raise LibraryError(str(exc)) from None
            if mistake.question_id != found.id:
                conn.execute(
                    "UPDATE mistakes SET question_id = ? WHERE id = ?", (found.id, mistake_id)
                )
            return found

    def linked_or_same_question(self, mistake_id: int) -> Question | None:
        """The question "Rehearse this" would use without asking: linked, or the same text."""
        with self._reading() as conn:
            mistake = self._load_mistake(conn, mistake_id)
            return self._practice_question(conn, mistake) or self._same_question(conn, mistake)

    def practice_candidates(self, mistake_id: int, limit: int = 5) -> list[Question]:
        """Questions the user may mean, for a short list to pick from: those sharing the most
        words with what was asked (the exact match, if any, first)."""
        mistake = self.get_mistake(mistake_id)
        wanted = set(same_text(mistake.asked or mistake.what_went_wrong).split())
        scored = []
        for summary in self.list_questions():
            q = summary.question
            words = set(same_text(q.prompt).split())
            shared = len(wanted & words) / max(1, len(wanted | words))
            if shared >= 0.3:
                scored.append((-shared, q.id or 0, q))
        return [q for *_, q in sorted(scored, key=lambda t: t[:2])[:limit]]

    def _practice_question(self, conn: sqlite3.Connection, mistake: Mistake) -> Question | None:
        if mistake.question_id is not None:
            row = conn.execute(
                "SELECT * FROM questions WHERE id = ? AND trashed_at IS NULL",
                (mistake.question_id,),
            ).fetchone()
        else:  # made before links were kept: the question that names the mistake
            row = conn.execute(
                "SELECT * FROM questions WHERE mistake_id = ? AND source = ? "
                "AND trashed_at IS NULL ORDER BY id DESC LIMIT 1",
                (mistake.id, QuestionSource.MISTAKE.value),
            ).fetchone()
        return question_from_row(row) if row is not None else None

    def _same_question(self, conn: sqlite3.Connection, mistake: Mistake) -> Question | None:
        """A question whose text is the mistake's question, ignoring case, punctuation and
        spacing (the oldest, which has the takes)."""
        wanted = same_text(mistake.asked.strip() or mistake.what_went_wrong)
        if not wanted:
            return None
        for row in conn.execute(
            "SELECT * FROM questions WHERE trashed_at IS NULL ORDER BY id"
        ).fetchall():
            if same_text(row["prompt"]) == wanted:
                return question_from_row(row)
        return None

    def practice(self, mistake_id: int) -> Practice | None:
        """The practice question of a mistake with its take count and best take."""
        with self._reading() as conn:
            question = self._practice_question(conn, self._load_mistake(conn, mistake_id))
        if question is None or question.id is None:
            return None
        takes = [t for t in self.list_takes(question.id) if t.state.playable]
        comfort, notes = best_take_notes((t.comfort, t.starred, t.notes) for t in takes)
        return Practice(question, len(takes), comfort, notes)

    def mistake_states(
        self, mistakes: list[Mistake] | None = None
    ) -> dict[int, tuple[MistakeState, Practice | None]]:
        """Every mistake's state and practice, from two queries: for lists of many."""
        mistakes = self.list_mistakes() if mistakes is None else mistakes
        summaries = {s.question.id: s for s in self.list_questions()}
        by_source = {
            s.question.mistake_id: s
            for s in sorted(summaries.values(), key=lambda s: s.question.id or 0)
            if s.question.source is QuestionSource.MISTAKE
        }
        out: dict[int, tuple[MistakeState, Practice | None]] = {}
        for m in mistakes:
            if m.id is None:
                continue
            summary = (
                summaries.get(m.question_id) if m.question_id is not None else by_source.get(m.id)
            )
            practice = Practice(summary.question, summary.take_count) if summary else None
            out[m.id] = (mistake_state(m, practice), practice)
        return out

    def your_name(self) -> str:
        """The name the thank-you note is signed with (Settings → Your name); empty if unset."""
        with self._reading() as conn:
            row = conn.execute(
                "SELECT value FROM library_facts WHERE key = ?", (YOUR_NAME_FACT,)
            ).fetchone()
        return str(row[0]) if row is not None else ""

    def set_your_name(self, name: str) -> str:
        name = " ".join(name.split())
        check_length("your name", name, NAME_LIMIT)
        with self._writing() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO library_facts (key, value) VALUES (?, ?)",
                (YOUR_NAME_FACT, name),
            )
        return name

    # Checklists

    def _seed_checklists(self, conn: sqlite3.Connection) -> None:
        """The first time the checklists are needed, copy the shipped defaults in."""
        if conn.execute("SELECT 1 FROM library_facts WHERE key = ?", (SEEDED_FACT,)).fetchone():
            return
        for list_key, text in load_defaults().items:
            self._insert_item(conn, list_key, text, None)
        conn.execute(
            "INSERT INTO library_facts (key, value) VALUES (?, ?)", (SEEDED_FACT, stamp(utc_now()))
        )

    def _insert_item(
        self, conn: sqlite3.Connection, list_key: str, text: str, mistake_id: int | None
    ) -> int:
        last = conn.execute(
            "SELECT coalesce(max(position), 0) FROM checklist_items WHERE list_key = ?", (list_key,)
        ).fetchone()[0]
        cursor = conn.execute(
            "INSERT INTO checklist_items (list_key, position, text, mistake_id, created) "
            "VALUES (?, ?, ?, ?, ?)",
            (list_key, int(last) + 1, text, mistake_id, stamp(utc_now())),
        )
        return int(cursor.lastrowid or 0)

    def checklist(self, interview_id: int | None = None) -> list[ChecklistItem]:
        """Every item, in list order, ticked as for ``interview_id``."""
        if not self.readonly:
            with self._writing() as conn:
                self._seed_checklists(conn)
        with self._reading() as conn:
            if interview_id is not None:
                self._load_interview(conn, interview_id)
            seeded = conn.execute(
                "SELECT 1 FROM library_facts WHERE key = ?", (SEEDED_FACT,)
            ).fetchone()
            rows = conn.execute(
                "SELECT i.*, t.ticked_on FROM checklist_items i LEFT JOIN checklist_ticks t "
                "ON t.item_id = i.id AND t.interview_id = ? ORDER BY i.position, i.id",
                (interview_id,),
            ).fetchall()
        if not seeded:  # a read-only library that never needed its checklists: show defaults
            return [
                ChecklistItem(-n, key, n, text)
                for n, (key, text) in enumerate(load_defaults().items, 1)
            ]
        items = [
            ChecklistItem(
                r["id"],
                r["list_key"],
                r["position"],
                r["text"],
                r["mistake_id"],
                dt.date.fromisoformat(r["ticked_on"]) if r["ticked_on"] else None,
            )
            for r in rows
        ]
        order = {key: n for n, key in enumerate(LISTS)}
        return sorted(items, key=lambda i: (order.get(i.list_key, len(order)), i.position, i.id))

    def add_checklist_item(self, list_key: str, text: str) -> int:
        list_title(list_key)
        text = check_item_text(text)
        with self._writing() as conn:
            self._seed_checklists(conn)
            return self._insert_item(conn, list_key, text, None)

    def edit_checklist_item(self, item_id: int, text: str) -> None:
        text = check_item_text(text)
        with self._writing() as conn:
            self._load_item(conn, item_id)
            conn.execute("UPDATE checklist_items SET text = ? WHERE id = ?", (text, item_id))

    def remove_checklist_item(self, item_id: int) -> None:
        with self._writing() as conn:
            self._load_item(conn, item_id)
            conn.execute("DELETE FROM checklist_items WHERE id = ?", (item_id,))

    def move_checklist_item(self, item_id: int, offset: int) -> None:
        """Move an item up (negative) or down its list; past either end it stays put."""
        with self._writing() as conn:
            row = self._load_item(conn, item_id)
            ids = [
                r[0]
                for r in conn.execute(
                    "SELECT id FROM checklist_items WHERE list_key = ? ORDER BY position, id",
                    (row["list_key"],),
                )
            ]
            index = ids.index(item_id)
            ids.insert(max(0, min(len(ids) - 1, index + offset)), ids.pop(index))
            for position, iid in enumerate(ids, 1):
                conn.execute(
                    "UPDATE checklist_items SET position = ? WHERE id = ?", (position, iid)
                )

    def tick_checklist_item(self, interview_id: int, item_id: int, on: dt.date | None) -> None:
        with self._writing() as conn:
            self._load_interview(conn, interview_id)
            self._load_item(conn, item_id)
            if on is None:
                conn.execute(
                    "DELETE FROM checklist_ticks WHERE interview_id = ? AND item_id = ?",
                    (interview_id, item_id),
                )
            else:
                conn.execute(
                    "INSERT OR REPLACE INTO checklist_ticks VALUES (?, ?, ?)",
                    (interview_id, item_id, on.isoformat()),
                )

    def _load_item(self, conn: sqlite3.Connection, item_id: int) -> sqlite3.Row:
        row = conn.execute("SELECT * FROM checklist_items WHERE id = ?", (item_id,)).fetchone()
        if row is None:
            raise NotFound(f"no checklist item with id {item_id}")
        return row  # type: ignore[no-any-return]

    # The thank-you note

    def note_state(self, interview_id: int) -> NoteState:
        with self._reading() as conn:
            self._load_interview(conn, interview_id)
            return self._note_state(conn, interview_id)

    def _note_state(self, conn: sqlite3.Connection, interview_id: int) -> NoteState:
        row = conn.execute(
            "SELECT * FROM thank_you_notes WHERE interview_id = ?", (interview_id,)
        ).fetchone()
        if row is None:
            return NoteState()
        return NoteState(
            row["text"],
            bool(row["edited"]),
            dt.date.fromisoformat(row["sent_on"]) if row["sent_on"] else None,
        )

    def _put_note(self, interview_id: int, **changes: Any) -> NoteState:
        with self._writing() as conn:
            self._load_interview(conn, interview_id)
            state = dataclasses.replace(self._note_state(conn, interview_id), **changes)
            conn.execute(
                "INSERT OR REPLACE INTO thank_you_notes VALUES (?, ?, ?, ?)",
                (interview_id, state.text, int(state.edited), iso_or_none(state.sent_on)),
            )
            return state

    def save_note_text(self, interview_id: int, text: str) -> NoteState:
        """The user edited the note: from now on it is theirs and the draft stops following."""
        check_length("the note", text, NOTE_LIMIT)
        return self._put_note(interview_id, text=text, edited=True)

    def reset_note(self, interview_id: int) -> NoteState:
        return self._put_note(interview_id, text="", edited=False)

    def mark_note_sent(self, interview_id: int, on: dt.date | None) -> NoteState:
        return self._put_note(interview_id, sent_on=on)

    def thank_you_note(self, interview_id: int) -> tuple[NoteDraft, NoteState, str]:
        """The composed draft, the stored state, and the text the note holds now."""
        interview = self.get_interview(interview_id)
        mistakes = self.list_mistakes(interview_id)
        practice = {
            m.id: p for m in mistakes if m.id is not None and (p := self.practice(m.id)) is not None
        }
        draft = compose_note(interview, mistakes, practice, self.your_name())
        state = self.note_state(interview_id)
        return draft, state, note_text(state, draft)

    def note_mail_link(self, interview_id: int) -> MailLink:
        draft, _state, text = self.thank_you_note(interview_id)
        return mailto_link(draft.to, draft.subject, text)

    def notes_due(self, now: dt.datetime) -> list[tuple[Interview, NoteStatus]]:
        """Interviews whose thank-you note is due, overdue or not sent; ``now`` is local."""
        with self._reading() as conn:
            states = {r["interview_id"]: r for r in conn.execute("SELECT * FROM thank_you_notes")}
        out: list[tuple[Interview, NoteStatus]] = []
        for interview in self.list_interviews():
            row = states.get(interview.id)
            state = NoteState(
                sent_on=dt.date.fromisoformat(row["sent_on"])
                if row is not None and row["sent_on"]
                else None
            )
            status = note_status(interview, state, now)
            if status in (NoteStatus.DUE, NoteStatus.OVERDUE, NoteStatus.NOT_SENT):
                out.append((interview, status))
        return out

    # Everything together

    def debrief_plan(self, interview_id: int, now: dt.datetime) -> DebriefPlan:
        interview = self.get_interview(interview_id)
        mistakes = self.list_mistakes(interview_id)
        practice = {
            m.id: p for m in mistakes if m.id is not None and (p := self.practice(m.id)) is not None
        }
        draft, state, text = self.thank_you_note(interview_id)
        return DebriefPlan(
            interview=interview,
            mistakes=tuple(
                MistakePlan(
                    m,
                    recovery_action(m),
                    standing(m),
                    practice.get(m.id) if m.id is not None else None,
                )
                for m in mistakes
            ),
            checklist=tuple(self.checklist(interview_id)),
            draft=draft,
            note=state,
            note_text=text,
            note_status=note_status(interview, state, now),
            note_due=note_due(interview),
        )
