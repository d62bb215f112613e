-- "Add to the end of a column" asks for max(position) within a stage: one index seek instead of a stage scan
-- (the scan made bulk-creating 200k deals quadratic).
DROP INDEX deals_stage;
CREATE INDEX deals_stage_position ON deals (stage_id, position);
