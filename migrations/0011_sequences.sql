-- Sequences: why an enrollment stopped as a stable code beside the sentence (stats count by it), the
-- scheduler's due rows per sequence, and at most one outbound message per enrollment and step (a step is
-- never sent twice, whatever the scheduler does).
ALTER TABLE sequence_enrollments ADD COLUMN stop_code TEXT;
CREATE INDEX sequence_enrollments_sequence_due ON sequence_enrollments (sequence_id, status, next_run_at);
CREATE UNIQUE INDEX outbound_step_once ON outbound_messages (enrollment_id, step_id)
    WHERE enrollment_id IS NOT NULL AND step_id IS NOT NULL;
CREATE INDEX tasks_enrollment ON tasks (enrollment_id) WHERE enrollment_id IS NOT NULL;
