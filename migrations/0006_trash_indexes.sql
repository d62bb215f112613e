-- The Trash lists deleted contacts, companies and deals newest first. Partial indexes hold only deleted rows,
-- so they stay tiny and the list never scans the live records.
CREATE INDEX contacts_trash ON contacts (deleted_at) WHERE deleted_at IS NOT NULL;
CREATE INDEX companies_trash ON companies (deleted_at) WHERE deleted_at IS NOT NULL;
CREATE INDEX deals_trash ON deals (deleted_at) WHERE deleted_at IS NOT NULL;
