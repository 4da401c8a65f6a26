-- What `taketwo analyze` measured on each take: pauses, rate, loudness, pitch, framing as JSON.
-- Kept apart from takes.metrics (which the user-facing take details list as they are) so a
-- re-analysis replaces one row, and `analyze --all` can find takes measured by an older version.

CREATE TABLE take_analyses (
    take_id   INTEGER PRIMARY KEY REFERENCES takes(id) ON DELETE CASCADE,
    version   INTEGER NOT NULL,
    analyzed  TEXT NOT NULL,
    result    TEXT NOT NULL DEFAULT '{}',
    error     TEXT NOT NULL DEFAULT ''
);
