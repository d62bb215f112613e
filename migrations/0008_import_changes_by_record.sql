-- A record's timeline shows the imports that created or updated it: look import_changes up by record.
CREATE INDEX import_changes_record ON import_changes (entity, entity_id);
