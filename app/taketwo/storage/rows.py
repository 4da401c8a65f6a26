"""Turning database rows into domain objects and domain values into column values."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, date, datetime, time
from typing import Any

from taketwo.domain import (
    Interview,
    Mistake,
    Question,
    StarNotes,
    Take,
    TakeState,
    as_utc,
)

_STAMP = "%Y-%m-%dT%H:%M:%S.%f+00:00"  # fixed width, so text order is time order


def stamp(value: datetime) -> str:
    return as_utc(value).strftime(_STAMP)


def stamp_or_none(value: datetime | None) -> str | None:
    return stamp(value) if value is not None else None


def parse_stamp(text: str) -> datetime:
    return as_utc(datetime.fromisoformat(text)).astimezone(UTC)


def parse_stamp_or_none(text: str | None) -> datetime | None:
    return parse_stamp(text) if text else None


def day_or_none(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def iso_or_none(value: date | time | None) -> str | None:
    return (
        value.isoformat(timespec="minutes")
        if isinstance(value, time)
        else (value.isoformat() if value is not None else None)
    )


def to_json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def from_json_dict(text: str | None) -> dict[str, object]:
    data = json.loads(text) if text else {}
    return data if isinstance(data, dict) else {}


def from_json_list(text: str | None) -> list[str]:
    data = json.loads(text) if text else []
    return [str(item) for item in data] if isinstance(data, list) else []


def interview_from_row(row: sqlite3.Row) -> Interview:
    return Interview(
        id=row["id"],
        company=row["company"],
        role=row["role"],
        date=day_or_none(row["date"]),
        time=time.fromisoformat(row["time"]) if row["time"] else None,
        stage=row["stage"],
        interviewers=from_json_list(row["interviewers"]),
        notes=row["notes"],
        outcome=row["outcome"],
        created=parse_stamp(row["created"]),
        note_topics=row["note_topics"],
    )


def interview_values(item: Interview) -> dict[str, Any]:
    return {
        "company": item.company,
        "role": item.role,
        "date": iso_or_none(item.date),
        "time": iso_or_none(item.time),
        "stage": item.stage.value,
        "interviewers": to_json(item.interviewers),
        "notes": item.notes,
        "outcome": item.outcome.value,
        "created": stamp(item.created),
        "note_topics": item.note_topics,
    }


def mistake_from_row(row: sqlite3.Row) -> Mistake:
    return Mistake(
        id=row["id"],
        interview_id=row["interview_id"],
        asked=row["asked"],
        what_went_wrong=row["what_went_wrong"],
        kind=row["kind"],
        do_or_die=bool(row["do_or_die"]),
        meant=row["meant"],
        triaged_on=day_or_none(row["triaged_on"]),
        faced_on=day_or_none(row["faced_on"]),
        embraced_on=day_or_none(row["embraced_on"]),
        erased_on=day_or_none(row["erased_on"]),
        recovery_plan=row["recovery_plan"],
        resolution=row["resolution"],
        status=row["status"],
        created=parse_stamp(row["created"]),
        question_id=row["question_id"],
    )


def mistake_values(item: Mistake) -> dict[str, Any]:
    return {
        "interview_id": item.interview_id,
        "asked": item.asked,
        "what_went_wrong": item.what_went_wrong,
        "kind": item.kind.value,
        "do_or_die": int(item.do_or_die),
        "meant": item.meant,
        "triaged_on": iso_or_none(item.triaged_on),
        "faced_on": iso_or_none(item.faced_on),
        "embraced_on": iso_or_none(item.embraced_on),
        "erased_on": iso_or_none(item.erased_on),
        "recovery_plan": item.recovery_plan,
        "resolution": item.resolution,
        "status": item.status.value,
        "created": stamp(item.created),
        "question_id": item.question_id,
    }


def question_from_row(row: sqlite3.Row) -> Question:
    return Question(
        id=row["id"],
        prompt=row["prompt"],
        key_points=from_json_list(row["key_points"]),
        star=StarNotes(
            row["star_situation"], row["star_task"], row["star_action"], row["star_result"]
        ),
        target_seconds=row["target_seconds"],
        status=row["status"],
        source=row["source"],
        mistake_id=row["mistake_id"],
        bank_ref=row["bank_ref"],
        folder=row["folder"],
        created=parse_stamp(row["created"]),
        trashed_at=parse_stamp_or_none(row["trashed_at"]),
    )


def question_values(item: Question) -> dict[str, Any]:
    return {
        "prompt": item.prompt,
        "key_points": to_json(item.key_points),
        "star_situation": item.star.situation,
        "star_task": item.star.task,
        "star_action": item.star.action,
        "star_result": item.star.result,
        "target_seconds": item.target_seconds,
        "status": item.status.value,
        "source": item.source.value,
        "mistake_id": item.mistake_id,
        "bank_ref": item.bank_ref,
        "folder": item.folder,
        "created": stamp(item.created),
        "trashed_at": stamp_or_none(item.trashed_at),
    }


TAKE_COLUMNS = (
    "t.id, t.question_id, t.number, t.file_name, t.state, t.duration, t.devices, t.comfort, "
    "t.notes, t.starred, t.metrics, t.transcript, t.created, t.trashed_at, "
    "t.state_before_trash, q.folder AS question_folder, q.trashed_at AS question_trashed_at"
)


def take_from_row(row: sqlite3.Row) -> Take:
    return Take(
        id=row["id"],
        question_id=row["question_id"],
        number=row["number"],
        file_name=row["file_name"],
        state=row["state"],
        duration=row["duration"],
        devices=from_json_dict(row["devices"]),
        comfort=row["comfort"],
        notes=row["notes"],
        starred=bool(row["starred"]),
        metrics=from_json_dict(row["metrics"]),
        transcript=row["transcript"],
        created=parse_stamp(row["created"]),
        trashed_at=parse_stamp_or_none(row["trashed_at"]),
        state_before_trash=TakeState(row["state_before_trash"])
        if row["state_before_trash"]
        else None,
    )


def take_values(item: Take) -> dict[str, Any]:
    return {
        "question_id": item.question_id,
        "number": item.number,
        "file_name": item.file_name,
        "state": item.state.value,
        "duration": item.duration,
        "devices": to_json(item.devices),
        "comfort": item.comfort,
        "notes": item.notes,
        "starred": int(item.starred),
        "metrics": to_json(item.metrics),
        "transcript": item.transcript,
        "created": stamp(item.created),
        "trashed_at": stamp_or_none(item.trashed_at),
        "state_before_trash": item.state_before_trash.value if item.state_before_trash else None,
    }


def insert_sql(table: str, values: dict[str, Any]) -> str:
    columns = ", ".join(values)
    marks = ", ".join(f":{name}" for name in values)
    return f"INSERT INTO {table} ({columns}) VALUES ({marks})"


def update_sql(table: str, values: dict[str, Any]) -> str:
    sets = ", ".join(f"{name} = :{name}" for name in values)
    return f"UPDATE {table} SET {sets} WHERE id = :id"
