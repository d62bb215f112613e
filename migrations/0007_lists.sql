-- Lists sort on any indexed column by keyset (see store/lists): each sortable column gets an index ending in the
-- id, so a page at any depth is an index seek. NULLs sort first, as the keyset cursor expects.
CREATE INDEX contacts_title ON contacts (title COLLATE NOCASE, id);
CREATE INDEX contacts_city ON contacts (city COLLATE NOCASE, id);
CREATE INDEX contacts_country ON contacts (country COLLATE NOCASE, id);
CREATE INDEX contacts_lifecycle_source ON contacts (lifecycle, lead_source, id);
CREATE INDEX companies_industry ON companies (industry COLLATE NOCASE, id);
CREATE INDEX companies_city ON companies (city COLLATE NOCASE, id);
CREATE INDEX companies_country ON companies (country COLLATE NOCASE, id);
CREATE INDEX companies_created ON companies (created_at, id);
CREATE INDEX deals_title ON deals (title COLLATE NOCASE, id);
CREATE INDEX deals_value ON deals (value_cents, id);
CREATE INDEX deals_expected_close ON deals (expected_close, id);
CREATE INDEX deals_created ON deals (created_at, id);

-- A bulk edit keeps the values it replaced, record by record, so one Undo puts back exactly those.
CREATE TABLE bulk_edits (
    id          INTEGER PRIMARY KEY,
    entity      TEXT NOT NULL CHECK (entity IN ('contact', 'company', 'deal')),
    change      TEXT NOT NULL, -- JSON of the change, as asked
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    undone_at   TEXT
) STRICT;

CREATE TABLE bulk_edit_changes (
    edit_id     INTEGER NOT NULL REFERENCES bulk_edits (id) ON DELETE CASCADE,
    entity_id   INTEGER NOT NULL,
    before      TEXT NOT NULL, -- JSON: the columns and custom keys as they were, or whether the tag was there
    PRIMARY KEY (edit_id, entity_id)
) STRICT, WITHOUT ROWID;
