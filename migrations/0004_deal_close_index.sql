-- Win rate and sales cycle read deals closed since a date.
CREATE INDEX deals_closed ON deals (pipeline_id, status, closed_at) WHERE closed_at IS NOT NULL;
