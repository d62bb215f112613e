-- What a merge changed, so one undo puts both records back: the kept record as it was (fields, emails, phones),
-- the dropped record's emails and phones, and which rows the merge moved from the dropped record to the kept one.
CREATE TABLE merge_undo (
    id          INTEGER PRIMARY KEY,
    entity      TEXT NOT NULL CHECK (entity IN ('contact', 'company')),
    keep_id     INTEGER NOT NULL,
    drop_id     INTEGER NOT NULL,
    before      TEXT NOT NULL, -- JSON
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    undone_at   TEXT
) STRICT;
