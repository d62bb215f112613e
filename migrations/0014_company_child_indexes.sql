-- Deleting a company (an import's undo, the Trash, a merge) sets these references to NULL through their foreign
-- keys; without an index each deleted company scanned both tables.
CREATE INDEX tasks_company ON tasks (company_id);
CREATE INDEX email_threads_company ON email_threads (company_id);
