-- A contact point's link to its contact is checked at commit instead of after each statement. An import
-- inserts new contacts' points many rows to a statement (`store::contact_points::add_new`); with an immediate
-- foreign key SQLite plans for such a statement to abort halfway and copies every page it touches into a
-- statement journal first, a fifth of the time those inserts took. Deferred, nothing can abort the statement
-- halfway (it is `INSERT OR FAIL`), and a point whose contact is missing still fails the commit.
--
-- SQLite cannot change a constraint in place, so the table is rebuilt under the same name, ids and indexes.
-- A point whose contact is gone (it could only come from a write with foreign keys off) is not carried over:
-- the new table's check would refuse it.
CREATE TABLE contact_points_new (
    id           INTEGER PRIMARY KEY,
    contact_id   INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    kind         TEXT NOT NULL CHECK (kind IN ('email', 'phone')),
    value        TEXT NOT NULL,
    normalized   TEXT NOT NULL,
    label        TEXT,
    is_primary   INTEGER NOT NULL DEFAULT 0 CHECK (is_primary IN (0, 1)),
    created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;

INSERT INTO contact_points_new (id, contact_id, kind, value, normalized, label, is_primary, created_at)
SELECT p.id, p.contact_id, p.kind, p.value, p.normalized, p.label, p.is_primary, p.created_at
FROM contact_points p
WHERE EXISTS (SELECT 1 FROM contacts c WHERE c.id = p.contact_id);

DROP TABLE contact_points;
ALTER TABLE contact_points_new RENAME TO contact_points;

CREATE INDEX contact_points_contact ON contact_points (contact_id, kind);
CREATE INDEX contact_points_normalized ON contact_points (kind, normalized);
CREATE UNIQUE INDEX contact_points_one_primary ON contact_points (contact_id, kind) WHERE is_primary = 1;
-- Built here with the others; a build still queued for it from an import would find it there.
DELETE FROM index_builds WHERE name LIKE 'contact\_points\_%' ESCAPE '\';
