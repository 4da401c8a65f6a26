-- Coach packs this library made, and the timestamped comments that came back from them.
-- A feedback file names its pack's id: a pack unknown here came from another library.

CREATE TABLE packs (
    id       TEXT PRIMARY KEY,
    takes    TEXT NOT NULL DEFAULT '[]',
    ask      TEXT NOT NULL DEFAULT '',
    created  TEXT NOT NULL
);

CREATE TABLE feedback (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    pack_id   TEXT NOT NULL REFERENCES packs(id) ON DELETE CASCADE,
    take_id   INTEGER NOT NULL REFERENCES takes(id) ON DELETE CASCADE,
    at        REAL NOT NULL CHECK (at >= 0),
    text      TEXT NOT NULL,
    coach     TEXT NOT NULL DEFAULT '',
    imported  TEXT NOT NULL
);
CREATE INDEX feedback_by_take ON feedback(take_id, at);
