"""Analysis results kept with their take: one row per take in ``take_analyses``, and a copy under
``"analysis"`` in the take's sidecar so the numbers travel with the file.

A transcript's words (with their times) sit in the row's own ``words`` column, not in the
result's JSON, and its text in ``takes.transcript`` for the search index; :meth:`get_analysis`
puts the words back where the analysis had them."""

from __future__ import annotations

import json
from typing import Any

from taketwo.domain import Take, utc_now
from taketwo.storage.rows import stamp, to_json
from taketwo.storage.takes import TakesStore


class AnalysisStore(TakesStore):
    def save_analysis(self, take_id: int, result: dict[str, Any], error: str = "") -> Take:
        """Replace the take's analysis (or record why it failed) and update its sidecar."""
        stored, words = _split_words(result)
        with self._writing() as conn:
            take = self._load_take(conn, take_id)
            conn.execute(
                "INSERT OR REPLACE INTO take_analyses "
                "(take_id, version, analyzed, result, error, words) VALUES (?, ?, ?, ?, ?, ?)",
                (
                    take_id,
                    int(result.get("version", 0)),
                    stamp(utc_now()),
                    to_json(stored),
                    error,
                    json.dumps(words, ensure_ascii=False, separators=(",", ":")),
                ),
            )
            transcript = stored.get("transcript")
            if not error and isinstance(transcript, dict):
                conn.execute(
                    "UPDATE takes SET transcript = ? WHERE id = ?",
                    (str(transcript.get("text") or ""), take_id),
                )
        if take.path is not None and take.path.exists():
            self._write_sidecar_file(take, {"analysis": result if not error else {"error": error}})
        return take

    def get_analysis(self, take_id: int) -> dict[str, Any] | None:
        """The stored result, or None when the take was never analysed (or it failed)."""
        with self._reading() as conn:
            self._load_take(conn, take_id)
            row = conn.execute(
                "SELECT result, error, words FROM take_analyses WHERE take_id = ?", (take_id,)
            ).fetchone()
        result = _result(row)
        if result is not None and isinstance(result.get("transcript"), dict):
            result["transcript"]["words"] = _words(row["words"])
        return result

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

    def best_take_coverage(self, question_id: int) -> tuple[int, int] | None:
        """(key points said, key points) in the question's best take: the starred one, else
        the highest comfort rating (latest wins), else the latest; None when that take has
        no words measured, or the question no key points."""
        takes = [t for t in self.list_takes(question_id) if t.state.playable and t.id]
        if not takes:
            return None
        starred = [t for t in takes if t.starred]
        rated = [t for t in takes if t.comfort is not None]
        best = (
            starred[0]
            if starred
            else max(rated, key=lambda t: (t.comfort or 0, t.number))
            if rated
            else max(takes, key=lambda t: t.number)
        )
        assert best.id is not None
        result = self.get_analysis(best.id)
        points = result.get("key_points") if result else None
        if not isinstance(points, list) or not points:
            return None
        said = sum(1 for p in points if isinstance(p, dict) and p.get("said"))
        return said, len(points)

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


def _split_words(result: dict[str, Any]) -> tuple[dict[str, Any], list[list[Any]]]:
    """The result without its transcript's words, and the words as [word, start, end]."""
    transcript = result.get("transcript")
    if not isinstance(transcript, dict) or not isinstance(transcript.get("words"), list):
        return result, []
    words = [
        [str(w.get("word", "")), w.get("start"), w.get("end")]
        for w in transcript["words"]
        if isinstance(w, dict)
    ]
    rest = {k: v for k, v in transcript.items() if k != "words"}
    return {**result, "transcript": rest}, words


def _words(raw: Any) -> list[dict[str, Any]]:
    """The stored words back in the analysis's shape; anything malformed is left out."""
    try:
        rows = json.loads(raw or "[]")
    except (TypeError, ValueError):
        return []
    out = []
    for row in rows if isinstance(rows, list) else []:
        if (
            isinstance(row, list)
            and len(row) == 3
            and isinstance(row[0], str)
            and all(isinstance(t, int | float) and not isinstance(t, bool) for t in row[1:])
        ):
            out.append({"word": row[0], "start": row[1], "end": row[2]})
    return out
