-- A message removed from a folder on the server (expunged, or moved away by another client) keeps its CRM
-- history: its location is marked with when the sync noticed, never deleted.
ALTER TABLE email_locations ADD COLUMN vanished_at TEXT;
