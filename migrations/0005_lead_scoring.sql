-- Lead scoring: the temperature (hot, warm, cold) derived from the score sits next to the grade, so lists show it
-- without re-reading the rules. No CHECK here: adding a column with one would scan every existing contact.
ALTER TABLE contacts ADD COLUMN score_temperature TEXT;
-- The Leads view pages leads by score or by last change: with lifecycle first, a page is one index seek instead
-- of a walk over every contact's entry in the plain sort index.
CREATE INDEX contacts_lifecycle_score ON contacts (lifecycle, ifnull(score, -1), id);
CREATE INDEX contacts_lifecycle_updated ON contacts (lifecycle, updated_at, id);
