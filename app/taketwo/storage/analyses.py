"""Analysis results kept with their take: one row per take in ``take_analyses``, and a copy under
``"analysis"`` in the take's sidecar so the numbers travel with the file."""

from __future__ import annotations

import json
from typing import Any

from taketwo.domain import Take, utc_now
from taketwo.storage.rows import stamp, to_json
from taketwo.storage.takes import TakesStore


class AnalysisStore(TakesStore):
    def save_analysis(self, take_id: int, result: dict[str, Any], error: str = "") -> Take:
        """Replace the take's analysis (or record why it failed) and update its sidecar."""
        with self._writing() as conn:
            take = self._load_take(conn, take_id)
            conn.execute(
                "INSERT OR REPLACE INTO take_analyses (take_id, version, analyzed, result, error) "
                "VALUES (?, ?, ?, ?, ?)",
                (take_id, int(result.get("version", 0)), stamp(utc_now()), to_json(result), error),
            )
        if take.path is not None and take.path.exists():
            self._write_sidecar_file(take, {"analysis": result if not error else {"error": error}})
        return take

    def get_analysis(self, take_id: int) -> dict[str, Any] | None:
        """The stored result, or None when the take was never analysed (or it failed)."""
        with self._reading() as conn:
            self._load_take(conn, take_id)
            row = conn.execute(
                "SELECT result, error FROM take_analyses WHERE take_id = ?", (take_id,)
            ).fetchone()
        return _result(row)

    def analysis_error(self, take_id: int) -> str:
        with self._reading() as conn:
            row = conn.execute(
                "SELECT error FROM take_analyses WHERE take_id = ?", (take_id,)
            ).fetchone()
        return str(row["error"]) if row else ""

    def analyses_for_question(self, question_id: int) -> dict[int, dict[str, Any]]:
        with self._reading() as conn:
            rows = conn.execute(
                "SELECT a.take_id, a.result, a.error FROM take_analyses a "
                "JOIN takes t ON t.id = a.take_id WHERE t.question_id = ?",
                (question_id,),
            ).fetchall()
        found = {int(row["take_id"]): _result(row) for row in rows}
        return {take_id: result for take_id, result in found.items() if result is not None}

    def analysed_takes(self, question_id: int) -> set[int]:
        """Takes of the question that analysis has finished with, measured or not."""
        with self._reading() as conn:
            rows = conn.execute(
                "SELECT a.take_id FROM take_analyses a "
                "JOIN takes t ON t.id = a.take_id WHERE t.question_id = ?",
                (question_id,),
            ).fetchall()
        return {int(row["take_id"]) for row in rows}

    def takes_to_analyze(self, version: int, *, again: bool = False) -> list[Take]:
        """Playable takes not analysed by ``version`` or later (every one with ``again``)."""
        with self._reading() as conn:
            done = {
                int(r["take_id"])
                for r in conn.execute(
                    "SELECT take_id FROM take_analyses WHERE version >= ?", (version,)
                )
            }
        return [t for t in self.list_takes() if t.state.playable and (again or t.id not in done)]


def _result(row: Any) -> dict[str, Any] | None:
    if row is None or row["error"]:
        return None
    try:
        value = json.loads(row["result"])
    except ValueError:
        return None
    return value if isinstance(value, dict) else None
