-- What an import created, as runs of ids instead of a row per record: an import holds the write lock from
-- start to commit, so the records it creates are exactly the ids above the highest it found at its start, one
-- run per table. A million-row import wrote two million `import_changes` rows to say that (a tenth of its
-- time). A record deleted for good (the Trash) splits its run, so an id used again later is never taken for
-- the import's. `import_changes` keeps what only a row can hold: updates and their before-images.
CREATE TABLE import_created (
    import_id   INTEGER NOT NULL REFERENCES import_jobs (id) ON DELETE CASCADE,
    entity      TEXT NOT NULL CHECK (entity IN ('contact', 'company', 'deal')),
    first_id    INTEGER NOT NULL,
    last_id     INTEGER NOT NULL CHECK (last_id >= first_id),
    PRIMARY KEY (entity, first_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX import_created_import ON import_created (import_id, entity);

-- The runs of the rows already there: consecutive ids of one completed import and table (a purged record's
-- row went with it, so runs already split where it was). An undone import's rows name records it deleted,
-- whose ids may belong to others by now: it has nothing left to undo, so they go.
INSERT INTO import_created (import_id, entity, first_id, last_id)
SELECT import_id, entity, min(entity_id), max(entity_id)
FROM (
    SELECT import_id, entity, entity_id,
           entity_id - row_number() OVER (PARTITION BY import_id, entity ORDER BY entity_id) AS run
    FROM import_changes
    WHERE action = 'created' AND import_id IN (SELECT id FROM import_jobs WHERE status = 'completed')
)
GROUP BY import_id, entity, run;
DELETE FROM import_changes WHERE action = 'created';
