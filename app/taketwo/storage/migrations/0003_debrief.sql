-- Debrief and recovery: the interview's time, the mistake's triage and steps, the routine
-- checklists with their ticks per interview, and the thank-you note's state.

ALTER TABLE interviews ADD COLUMN time TEXT;  -- HH:MM, local wall-clock time

ALTER TABLE mistakes ADD COLUMN meant TEXT NOT NULL DEFAULT '';
ALTER TABLE mistakes ADD COLUMN triaged_on TEXT;  -- dates, YYYY-MM-DD
ALTER TABLE mistakes ADD COLUMN faced_on TEXT;
ALTER TABLE mistakes ADD COLUMN embraced_on TEXT;
ALTER TABLE mistakes ADD COLUMN erased_on TEXT;
-- A mistake already marked do-or-die was triaged when it was noted.
UPDATE mistakes SET triaged_on = substr(created, 1, 10) WHERE do_or_die = 1;

-- The user's checklists: seeded once from resources/checklists/default.json, then theirs.
CREATE TABLE checklist_items (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    list_key    TEXT NOT NULL,
    position    INTEGER NOT NULL,
    text        TEXT NOT NULL,
    mistake_id  INTEGER REFERENCES mistakes(id) ON DELETE SET NULL,
    created     TEXT NOT NULL
);
CREATE INDEX checklist_items_by_list ON checklist_items(list_key, position);

CREATE TABLE checklist_ticks (
    interview_id  INTEGER NOT NULL REFERENCES interviews(id) ON DELETE CASCADE,
    item_id       INTEGER NOT NULL REFERENCES checklist_items(id) ON DELETE CASCADE,
    ticked_on     TEXT NOT NULL,
    PRIMARY KEY (interview_id, item_id)
);

CREATE TABLE thank_you_notes (
    interview_id  INTEGER PRIMARY KEY REFERENCES interviews(id) ON DELETE CASCADE,
    text          TEXT NOT NULL DEFAULT '',
    edited        INTEGER NOT NULL DEFAULT 0 CHECK (edited IN (0, 1)),
    sent_on       TEXT
);

-- One-off facts about the library, such as whether the default checklists were seeded.
CREATE TABLE library_facts (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
);

-- Search finds what the user meant to say, too.
DROP TRIGGER mistakes_ai;
DROP TRIGGER mistakes_au;
CREATE TRIGGER mistakes_ai AFTER INSERT ON mistakes BEGIN
    INSERT INTO search_index(rowid, kind, ref, title, body) VALUES (
        new.id * 8 + 2, 'mistake', new.id, new.asked,
        new.what_went_wrong || char(10) || new.meant || char(10) || new.recovery_plan
        || char(10) || new.resolution);
END;
CREATE TRIGGER mistakes_au AFTER UPDATE OF asked, what_went_wrong, meant, recovery_plan,
    resolution ON mistakes BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 8 + 2;
    INSERT INTO search_index(rowid, kind, ref, title, body) VALUES (
        new.id * 8 + 2, 'mistake', new.id, new.asked,
        new.what_went_wrong || char(10) || new.meant || char(10) || new.recovery_plan
        || char(10) || new.resolution);
END;
