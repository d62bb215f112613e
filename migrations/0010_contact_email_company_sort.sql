-- Contacts sort by email and by company through the keyset list engine, which seeks an index on the list's own
-- table. The values live elsewhere (the primary email in contact_points, the company's name in companies, else
-- the free-text company_name), so contacts keep a copy of each, maintained by the triggers below whatever code
-- path changes the company (forms, imports, merges, bulk edits, company renames).
ALTER TABLE contacts ADD COLUMN primary_email TEXT;
ALTER TABLE contacts ADD COLUMN company_display TEXT;

UPDATE contacts SET
    primary_email = (SELECT value FROM contact_points p WHERE p.contact_id = contacts.id AND p.kind = 'email' AND p.is_primary),
    company_display = COALESCE((SELECT name FROM companies co WHERE co.id = contacts.company_id), company_name);

CREATE INDEX contacts_primary_email ON contacts (primary_email COLLATE NOCASE, id);
CREATE INDEX contacts_company_display ON contacts (company_display COLLATE NOCASE, id);

-- The primary email is kept by the store's contact_points writes (store/contact_points.rs, store/merge.rs)
-- and the company shown by the contact insert itself, not by triggers: on a table with foreign keys any
-- trigger makes SQLite keep a statement journal for every write, which more than doubled an import's
-- per-row cost. Renames and relinks are rare writes from many code paths, so triggers keep those.
CREATE TRIGGER contacts_company_display_update AFTER UPDATE OF company_id, company_name ON contacts
BEGIN
    UPDATE contacts SET company_display =
        COALESCE((SELECT name FROM companies co WHERE co.id = NEW.company_id), NEW.company_name)
    WHERE id = NEW.id;
END;

CREATE TRIGGER companies_name_display AFTER UPDATE OF name ON companies
BEGIN
    UPDATE contacts SET company_display = NEW.name WHERE company_id = NEW.id;
END;
