-- Full-text search over questions, mistakes, interview notes and take notes/transcripts.
-- One FTS5 table kept current by triggers; rowid = id * 8 + kind code so updates are O(log n).
-- kind codes: 1 interview, 2 mistake, 3 question, 4 take.

CREATE VIRTUAL TABLE search_index USING fts5(
    kind UNINDEXED,
    ref UNINDEXED,
    title,
    body,
    tokenize = 'unicode61 remove_diacritics 2'
);
-- Rank by title and body only, titles counting double; FTS5 then sorts by rank internally,
-- so a search computes snippets for the rows it returns, not for every match.
INSERT INTO search_index(search_index, rank) VALUES ('rank', 'bm25(0.0, 0.0, 2.0, 1.0)');

CREATE TRIGGER interviews_ai AFTER INSERT ON interviews BEGIN
    INSERT INTO search_index(rowid, kind, ref, title, body) VALUES (
        new.id * 8 + 1, 'interview', new.id, new.company || ' ' || new.role,
        new.notes || char(10) || (SELECT coalesce(group_concat(value, ', '), '')
                                  FROM json_each(new.interviewers)));
END;
CREATE TRIGGER interviews_au AFTER UPDATE OF company, role, notes, interviewers ON interviews BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 8 + 1;
    INSERT INTO search_index(rowid, kind, ref, title, body) VALUES (
        new.id * 8 + 1, 'interview', new.id, new.company || ' ' || new.role,
        new.notes || char(10) || (SELECT coalesce(group_concat(value, ', '), '')
                                  FROM json_each(new.interviewers)));
END;
CREATE TRIGGER interviews_ad AFTER DELETE ON interviews BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 8 + 1;
END;

CREATE TRIGGER mistakes_ai AFTER INSERT ON mistakes BEGIN
    INSERT INTO search_index(rowid, kind, ref, title, body) VALUES (
        new.id * 8 + 2, 'mistake', new.id, new.asked,
        new.what_went_wrong || char(10) || new.recovery_plan || char(10) || new.resolution);
END;
CREATE TRIGGER mistakes_au AFTER UPDATE OF asked, what_went_wrong, recovery_plan, resolution
ON mistakes BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 8 + 2;
    INSERT INTO search_index(rowid, kind, ref, title, body) VALUES (
        new.id * 8 + 2, 'mistake', new.id, new.asked,
        new.what_went_wrong || char(10) || new.recovery_plan || char(10) || new.resolution);
END;
CREATE TRIGGER mistakes_ad AFTER DELETE ON mistakes BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 8 + 2;
END;

CREATE TRIGGER questions_ai AFTER INSERT ON questions BEGIN
    INSERT INTO search_index(rowid, kind, ref, title, body) VALUES (
        new.id * 8 + 3, 'question', new.id, new.prompt,
        (SELECT coalesce(group_concat(value, char(10)), '') FROM json_each(new.key_points))
        || char(10) || new.star_situation || char(10) || new.star_task
        || char(10) || new.star_action || char(10) || new.star_result);
END;
CREATE TRIGGER questions_au AFTER UPDATE OF prompt, key_points, star_situation, star_task,
    star_action, star_result ON questions BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 8 + 3;
    INSERT INTO search_index(rowid, kind, ref, title, body) VALUES (
        new.id * 8 + 3, 'question', new.id, new.prompt,
        (SELECT coalesce(group_concat(value, char(10)), '') FROM json_each(new.key_points))
        || char(10) || new.star_situation || char(10) || new.star_task
        || char(10) || new.star_action || char(10) || new.star_result);
END;
CREATE TRIGGER questions_ad AFTER DELETE ON questions BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 8 + 3;
END;

CREATE TRIGGER takes_ai AFTER INSERT ON takes BEGIN
    INSERT INTO search_index(rowid, kind, ref, title, body)
    VALUES (new.id * 8 + 4, 'take', new.id, new.notes, new.transcript);
END;
CREATE TRIGGER takes_au AFTER UPDATE OF notes, transcript ON takes BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 8 + 4;
    INSERT INTO search_index(rowid, kind, ref, title, body)
    VALUES (new.id * 8 + 4, 'take', new.id, new.notes, new.transcript);
END;
CREATE TRIGGER takes_ad AFTER DELETE ON takes BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 8 + 4;
END;

-- Index what a version-1 library already holds.
INSERT INTO search_index(rowid, kind, ref, title, body)
SELECT id * 8 + 1, 'interview', id, company || ' ' || role,
       notes || char(10) || (SELECT coalesce(group_concat(value, ', '), '')
                             FROM json_each(interviews.interviewers))
FROM interviews;
INSERT INTO search_index(rowid, kind, ref, title, body)
SELECT id * 8 + 2, 'mistake', id, asked,
       what_went_wrong || char(10) || recovery_plan || char(10) || resolution
FROM mistakes;
INSERT INTO search_index(rowid, kind, ref, title, body)
SELECT id * 8 + 3, 'question', id, prompt,
       (SELECT coalesce(group_concat(value, char(10)), '') FROM json_each(questions.key_points))
       || char(10) || star_situation || char(10) || star_task
       || char(10) || star_action || char(10) || star_result
FROM questions;
INSERT INTO search_index(rowid, kind, ref, title, body)
SELECT id * 8 + 4, 'take', id, notes, transcript FROM takes;
