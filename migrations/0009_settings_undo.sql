-- What undo needs to put back a deleted tag, stage or pipeline: the tag's row and taggings (the tag itself is
-- gone), or the deals a stage or pipeline delete moved, as they were, with the history rows the move wrote.
CREATE TABLE settings_undo (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('tag', 'stage', 'pipeline')),
    before      TEXT NOT NULL, -- JSON
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    undone_at   TEXT
) STRICT;
