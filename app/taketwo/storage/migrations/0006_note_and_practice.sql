-- What the thank-you note may mention comes from a field meant for it, not from "How it went".
ALTER TABLE interviews ADD COLUMN note_topics TEXT NOT NULL DEFAULT '';

-- One practice question per mistake: it may link to a question that already exists (the same
-- question asked in two interviews) instead of copying it.
ALTER TABLE mistakes ADD COLUMN question_id INTEGER REFERENCES questions(id) ON DELETE SET NULL;
UPDATE mistakes SET question_id = (
    SELECT q.id FROM questions q
    WHERE q.mistake_id = mistakes.id AND q.source = 'mistake' AND q.trashed_at IS NULL
    ORDER BY q.id DESC LIMIT 1
);
