-- Interviews, mistakes, questions and takes. Lists and dicts are JSON text; times are UTC ISO 8601.

CREATE TABLE interviews (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    company       TEXT NOT NULL,
    role          TEXT NOT NULL DEFAULT '',
    date          TEXT,
    stage         TEXT NOT NULL DEFAULT 'other',
    interviewers  TEXT NOT NULL DEFAULT '[]',
    notes         TEXT NOT NULL DEFAULT '',
    outcome       TEXT NOT NULL DEFAULT 'pending',
    created       TEXT NOT NULL
);

CREATE TABLE mistakes (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    interview_id     INTEGER REFERENCES interviews(id) ON DELETE SET NULL,
    asked            TEXT NOT NULL DEFAULT '',
    what_went_wrong  TEXT NOT NULL DEFAULT '',
    kind             TEXT NOT NULL,
    do_or_die        INTEGER NOT NULL DEFAULT 0 CHECK (do_or_die IN (0, 1)),
    recovery_plan    TEXT NOT NULL DEFAULT '',
    resolution       TEXT NOT NULL DEFAULT '',
    status           TEXT NOT NULL DEFAULT 'open',
    created          TEXT NOT NULL
);
CREATE INDEX mistakes_by_interview ON mistakes(interview_id);

CREATE TABLE questions (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    prompt          TEXT NOT NULL,
    key_points      TEXT NOT NULL DEFAULT '[]',
    star_situation  TEXT NOT NULL DEFAULT '',
    star_task       TEXT NOT NULL DEFAULT '',
    star_action     TEXT NOT NULL DEFAULT '',
    star_result     TEXT NOT NULL DEFAULT '',
    target_seconds  INTEGER,
    status          TEXT NOT NULL DEFAULT 'practising',
    source          TEXT NOT NULL DEFAULT 'free',
    mistake_id      INTEGER REFERENCES mistakes(id) ON DELETE SET NULL,
    bank_ref        TEXT,
    folder          TEXT NOT NULL UNIQUE,
    created         TEXT NOT NULL,
    trashed_at      TEXT
);
CREATE INDEX questions_by_mistake ON questions(mistake_id);

CREATE TABLE takes (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    question_id         INTEGER NOT NULL REFERENCES questions(id) ON DELETE CASCADE,
    number              INTEGER NOT NULL CHECK (number >= 1),
    file_name           TEXT NOT NULL,
    state               TEXT NOT NULL
                        CHECK (state IN ('recording', 'final', 'recovered', 'trashed')),
    duration            REAL,
    devices             TEXT NOT NULL DEFAULT '{}',
    capture             TEXT NOT NULL DEFAULT '{}',
    comfort             INTEGER CHECK (comfort BETWEEN 1 AND 5),
    notes               TEXT NOT NULL DEFAULT '',
    starred             INTEGER NOT NULL DEFAULT 0 CHECK (starred IN (0, 1)),
    metrics             TEXT NOT NULL DEFAULT '{}',
    transcript          TEXT NOT NULL DEFAULT '',
    created             TEXT NOT NULL,
    trashed_at          TEXT,
    state_before_trash  TEXT,
    UNIQUE (question_id, number),
    UNIQUE (question_id, file_name)
);
CREATE INDEX takes_by_question ON takes(question_id, created);
CREATE INDEX takes_by_state ON takes(state);
-- Only one take per question can be starred as the best.
CREATE UNIQUE INDEX one_best_take ON takes(question_id) WHERE starred = 1;
