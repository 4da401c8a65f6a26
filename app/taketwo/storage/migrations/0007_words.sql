-- The words of a take's transcript with their times, stored with the analysis they came from:
-- a JSON list of [word, start, end] (seconds from the start of the file). Kept out of the
-- result JSON so that lists of results (Progress, Compare) stay small for an hour-long take;
-- the transcript's text goes to takes.transcript, which the search index already follows.

ALTER TABLE take_analyses ADD COLUMN words TEXT NOT NULL DEFAULT '[]';
