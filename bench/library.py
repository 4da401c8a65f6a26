"""Library benchmark: 10,000 takes over 500 questions (rows plus small real media files).

    .venv/bin/python bench/library.py [--keep DIR] [--runs N]
    .venv/bin/python bench/library.py --smoke     # seconds: 200 takes over 20 questions

Prints the time to open the library and list every question with its take count, to list
one question's takes, to search, and to run `library check`, against the issue's targets.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from fractions import Fraction
from pathlib import Path

import av
import numpy as np

from taketwo.domain import Question, StarNotes, Take, TakeState, sidecar_for
from taketwo.storage import Library
from taketwo.storage.layout import make_private, take_file_name
from taketwo.storage.rows import insert_sql, take_values

QUESTIONS, TAKES_PER_QUESTION = 500, 20
# A small vocabulary on purpose: most transcripts share most words, the worst case for search.
WORDS = [
    "team",
    "conflict",
    "deadline",
    "customer",
    "launch",
    "latency",
    "migration",
    "budget",
    "mentor",
    "feedback",
    "stakeholder",
    "roadmap",
    "outage",
    "hiring",
    "scope",
    "risk",
    "metric",
    "revenue",
    "design",
    "review",
    "pager",
    "incident",
    "architecture",
    "onboarding",
    "release",
    "quality",
    "growth",
    "leadership",
    "ownership",
    "trust",
    "relocation",
    "travel",
    "salary",
    "notice",
    "compromise",
    "priority",
    "failure",
    "lesson",
    "impact",
]


def tiny_mp4(path: Path) -> Path:
    """Half a second of 64x48 H.264 + AAC: every take's file is a copy of this."""
    with av.open(str(path), "w", format="mp4", options={"movflags": "+faststart"}) as out:
        video = out.add_stream("libx264", rate=15, options={"preset": "ultrafast"})
        video.width, video.height, video.pix_fmt = 64, 48, "yuv420p"
        for i in range(8):
            frame = av.VideoFrame.from_ndarray(np.full((48, 64, 3), i * 20, np.uint8), "rgb24")
            frame.pts, frame.time_base = i, Fraction(1, 15)
            out.mux(video.encode(frame))
        out.mux(video.encode(None))
    return path


def sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


def generate(folder: Path, questions_wanted: int, takes_per_question: int) -> None:
    rng = random.Random(3)
    sample = tiny_mp4(Path(tempfile.mkdtemp()) / "sample.mp4").read_bytes()
    with Library.open(folder) as lib:
        questions = [
            lib.add_question(
                Question(
                    prompt=f"Tell me about a time with {sentence(rng, 6)} ({i})",
                    key_points=[sentence(rng, 4) for _ in range(3)],
                    star=StarNotes(
                        sentence(rng, 12), sentence(rng, 8), sentence(rng, 20), sentence(rng, 10)
                    ),
                )
            )
            for i in range(questions_wanted)
        ]
        start = datetime(2026, 1, 1, tzinfo=UTC)
        with lib._writing() as conn:  # one transaction: generating is not what is measured
            for q in questions:
                assert q.id is not None
                media = lib.layout.media_dir / q.folder
                media.mkdir(mode=0o700)
                for n in range(1, takes_per_question + 1):
                    created = start + timedelta(minutes=q.id * 100 + n)
                    name = take_file_name(n, created)
                    take = Take(
                        question_id=q.id,
                        number=n,
                        file_name=name,
                        state=TakeState.FINAL,
                        duration=0.5,
                        devices={"camera": "demo", "mic": "demo"},
                        comfort=rng.randint(1, 5),
                        notes=sentence(rng, 8),
                        transcript=sentence(rng, 120),
                        created=created,
                        starred=n == takes_per_question,
                    )
                    values = take_values(take)
                    conn.execute(insert_sql("takes", values), values)
                    (media / name).write_bytes(sample)
                    sidecar_for(media / name).write_text(json.dumps({"fps": 15}))
                    make_private(media / name)


def timed(fn: Callable[[], object], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="build (or reuse) the library in this folder")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument(
        "--smoke", action="store_true", help="a quick run that the tests use: 200 takes, 2 runs"
    )
    args = parser.parse_args()
    questions, per_question = (20, 10) if args.smoke else (QUESTIONS, TAKES_PER_QUESTION)
    if args.smoke:
        args.runs = 2
    takes = questions * per_question
    folder = args.keep or Path(tempfile.mkdtemp(prefix="taketwo-bench-")) / "library"
    if not (folder / "taketwo.sqlite3").exists():
        t0 = time.perf_counter()
        generate(folder, questions, per_question)
        print(
            f"generated {takes} takes over {questions} questions in "
            f"{time.perf_counter() - t0:.1f} s at {folder}",
            flush=True,
        )
    db_mb = (folder / "taketwo.sqlite3").stat().st_size / 1e6

    first_open = timed(lambda: Library.open(folder).close(), 1)  # may make the daily backup

    def open_and_list() -> None:
        with Library.open(folder) as lib:
            summaries = lib.list_questions()
            assert len(summaries) == questions
            assert sum(s.take_count for s in summaries) == takes

    rows: list[tuple[str, float, list[float]]] = []
    rows.append(
        ("open + list all questions with take counts", 300, timed(open_and_list, args.runs))
    )
    with Library.open(folder) as lib:
        ids = [s.question.id for s in lib.list_questions()]
        rng = random.Random(5)

        def one_question() -> None:
            assert len(lib.list_takes(rng.choice(ids))) == per_question

        rows.append(("list one question's takes", 20, timed(one_question, args.runs * 5)))
        queries = [
            "relocation",
            "stakeholder roadmap",
            "lat",
            "incident outage pager",
            "compromise lesson impact",
            "nothingmatchesthis",
        ]
        for query in queries:
            rows.append((f"search {query!r}", 50, timed(lambda q=query: lib.search(q), args.runs)))
        report = None

        def check() -> None:
            nonlocal report
            report = lib.check()

        rows.append((f"library check ({takes:,} takes + sidecars)", 5000, timed(check, 3)))
        assert report is not None
        assert report.ok, report
    print(
        f"\nLibrary: {questions} questions, {takes} takes, "
        f"database {db_mb:.1f} MB; first open of the day {first_open[0]:.0f} ms "
        "(includes the daily backup)\n"
    )
    print(f"{'operation':<46} {'target':>9} {'median':>9} {'max':>9}")
    print("-" * 80)
    worst = True
    for name, target, times in rows:
        median, peak = statistics.median(times), max(times)
        ok = peak <= target
        worst &= ok
        print(
            f"{name:<46} {target:>6} ms {median:>6.1f} ms {peak:>6.1f} ms  {'ok' if ok else 'OVER'}"
        )
    if args.keep is None:
        shutil.rmtree(folder.parent, ignore_errors=True)
    return 0 if worst or args.smoke else 1  # a smoke run checks that it runs, not the targets


if __name__ == "__main__":
    raise SystemExit(main())
