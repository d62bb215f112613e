-- Keyset sorting by score must not skip contacts that have none yet: the list sorts by ifnull(score, -1).
DROP INDEX contacts_score;
CREATE INDEX contacts_score ON contacts (ifnull(score, -1), id);
