-- Indexes a bulk write set aside and left to be built after its commit (`store::indexes`): a large import
-- commits without the list-sorting indexes it never reads, and a builder on its own thread creates each one
-- from the SQL kept here, then takes its row out. A process stopped before then resumes at the next open.
-- Unique indexes are never left here: they are rebuilt inside the write, where a violation fails it.
CREATE TABLE index_builds (
    name       TEXT PRIMARY KEY,
    sql        TEXT NOT NULL,
    queued_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;
