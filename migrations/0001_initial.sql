-- Outpost schema v1: the whole domain. Later versions add migrations; this file is never edited.
--
-- Conventions
--   * Timestamps are UTC ISO-8601 text ('2026-11-22T10:00:00.000Z'): sortable as text, readable in any SQLite tool.
--   * User records carry created_at/updated_at and a soft-delete deleted_at (the Trash). Hard deletes only for
--     link rows and derived data.
--   * Money is integer minor units (value_cents) plus an ISO currency code: no float rounding.
--   * Custom field values live as a JSON object in `custom` on the record, keyed by custom_fields.key.
--   * Records created or updated by an import carry (import_id, import_row); import_changes keeps before-images.
--   * Leads are contacts with lifecycle = 'lead' (see README, "Leads"): one person, one row, one dedup key, and
--     converting a lead flips lifecycle instead of copying rows between tables.

CREATE TABLE settings (
    key         TEXT PRIMARY KEY,
    value       TEXT NOT NULL, -- JSON
    updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;

CREATE TABLE import_jobs (
    id           INTEGER PRIMARY KEY,
    file_name    TEXT NOT NULL,
    file_hash    TEXT NOT NULL,
    sheet        TEXT,
    entity       TEXT NOT NULL CHECK (entity IN ('contacts', 'companies', 'deals')),
    mapping      TEXT NOT NULL DEFAULT '{}', -- JSON
    policy       TEXT NOT NULL DEFAULT 'skip' CHECK (policy IN ('skip', 'update', 'fill')),
    status       TEXT NOT NULL DEFAULT 'running'
                 CHECK (status IN ('running', 'completed', 'failed', 'cancelled', 'undone')),
    rows_in      INTEGER NOT NULL DEFAULT 0,
    created      INTEGER NOT NULL DEFAULT 0,
    updated      INTEGER NOT NULL DEFAULT 0,
    merged       INTEGER NOT NULL DEFAULT 0,
    skipped      INTEGER NOT NULL DEFAULT 0,
    rejected     INTEGER NOT NULL DEFAULT 0,
    error        TEXT,
    started_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    finished_at  TEXT,
    duration_ms  INTEGER,
    undone_at    TEXT,
    created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;

-- What an import did to each record, with the before-image needed to undo an update.
CREATE TABLE import_changes (
    import_id   INTEGER NOT NULL REFERENCES import_jobs (id) ON DELETE CASCADE,
    entity      TEXT NOT NULL CHECK (entity IN ('contact', 'company', 'deal')),
    entity_id   INTEGER NOT NULL,
    row         INTEGER NOT NULL,
    action      TEXT NOT NULL CHECK (action IN ('created', 'updated', 'merged')),
    before      TEXT, -- JSON of the record before the import touched it
    PRIMARY KEY (import_id, entity, entity_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE import_rejects (
    import_id   INTEGER NOT NULL REFERENCES import_jobs (id) ON DELETE CASCADE,
    row         INTEGER NOT NULL,
    reason      TEXT NOT NULL,
    raw         TEXT NOT NULL DEFAULT '[]', -- JSON array of the row's cells
    PRIMARY KEY (import_id, row)
) STRICT, WITHOUT ROWID;

CREATE TABLE import_presets (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL,
    entity       TEXT NOT NULL,
    header_key   TEXT NOT NULL, -- normalized, sorted header set
    mapping      TEXT NOT NULL, -- JSON
    created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    UNIQUE (entity, header_key)
) STRICT;

CREATE TABLE companies (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL,
    domain       TEXT, -- registrable domain, lower case ('acme.com'); unique when present
    website      TEXT,
    industry     TEXT,
    size         TEXT,
    phone        TEXT,
    city         TEXT,
    country      TEXT,
    description  TEXT,
    custom       TEXT NOT NULL DEFAULT '{}',
    import_id    INTEGER REFERENCES import_jobs (id) ON DELETE SET NULL,
    import_row   INTEGER,
    created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    deleted_at   TEXT
) STRICT;
CREATE UNIQUE INDEX companies_domain ON companies (domain) WHERE domain IS NOT NULL AND deleted_at IS NULL;
CREATE INDEX companies_name ON companies (name COLLATE NOCASE, id);
CREATE INDEX companies_updated ON companies (updated_at, id);

CREATE TABLE contacts (
    id                INTEGER PRIMARY KEY,
    first_name        TEXT NOT NULL DEFAULT '',
    last_name         TEXT NOT NULL DEFAULT '',
    title             TEXT,
    company_id        INTEGER REFERENCES companies (id) ON DELETE SET NULL,
    company_name      TEXT, -- free text until linked to a company (typical for fresh leads)
    lifecycle         TEXT NOT NULL DEFAULT 'contact' CHECK (lifecycle IN ('lead', 'contact', 'customer')),
    lead_status       TEXT CHECK (lead_status IN
                      ('new', 'contacted', 'engaged', 'qualified', 'disqualified', 'nurturing')),
    lead_source       TEXT CHECK (lead_source IN
                      ('website', 'referral', 'cold_call', 'cold_email', 'event', 'social', 'partner', 'import', 'other')),
    score             INTEGER, -- 0..100
    score_grade       TEXT,
    score_factors     TEXT, -- JSON breakdown
    city              TEXT,
    country           TEXT,
    timezone          TEXT,
    linkedin          TEXT,
    bounced_at        TEXT,
    bounce_reason     TEXT,
    unsubscribed_at   TEXT,
    last_activity_at  TEXT,
    converted_at      TEXT,
    custom            TEXT NOT NULL DEFAULT '{}',
    import_id         INTEGER REFERENCES import_jobs (id) ON DELETE SET NULL,
    import_row        INTEGER,
    created_at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    deleted_at        TEXT
) STRICT;
CREATE INDEX contacts_company ON contacts (company_id);
CREATE INDEX contacts_last_name ON contacts (last_name COLLATE NOCASE, first_name COLLATE NOCASE, id);
CREATE INDEX contacts_first_name ON contacts (first_name COLLATE NOCASE, id);
CREATE INDEX contacts_updated ON contacts (updated_at, id);
CREATE INDEX contacts_created ON contacts (created_at, id);
CREATE INDEX contacts_lifecycle ON contacts (lifecycle, lead_status);
CREATE INDEX contacts_score ON contacts (score, id);
CREATE INDEX contacts_import ON contacts (import_id) WHERE import_id IS NOT NULL;

-- Emails and phones; several per contact, one primary per kind. `normalized` is the dedup key
-- (lower-cased trimmed email, E.164 or digits-only phone).
CREATE TABLE contact_points (
    id           INTEGER PRIMARY KEY,
    contact_id   INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    kind         TEXT NOT NULL CHECK (kind IN ('email', 'phone')),
    value        TEXT NOT NULL,
    normalized   TEXT NOT NULL,
    label        TEXT,
    is_primary   INTEGER NOT NULL DEFAULT 0 CHECK (is_primary IN (0, 1)),
    created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;
CREATE INDEX contact_points_contact ON contact_points (contact_id, kind);
CREATE INDEX contact_points_normalized ON contact_points (kind, normalized);
CREATE UNIQUE INDEX contact_points_one_primary ON contact_points (contact_id, kind) WHERE is_primary = 1;

CREATE TABLE pipelines (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL,
    position     INTEGER NOT NULL DEFAULT 0,
    is_default   INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
    created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    deleted_at   TEXT
) STRICT;

CREATE TABLE stages (
    id           INTEGER PRIMARY KEY,
    pipeline_id  INTEGER NOT NULL REFERENCES pipelines (id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    position     INTEGER NOT NULL,
    probability  INTEGER NOT NULL DEFAULT 0 CHECK (probability BETWEEN 0 AND 100),
    color        TEXT NOT NULL DEFAULT '#6366f1',
    kind         TEXT NOT NULL DEFAULT 'open' CHECK (kind IN ('open', 'won', 'lost')),
    created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    deleted_at   TEXT
) STRICT;
CREATE INDEX stages_pipeline ON stages (pipeline_id, position);

CREATE TABLE deals (
    id                INTEGER PRIMARY KEY,
    title             TEXT NOT NULL,
    pipeline_id       INTEGER NOT NULL REFERENCES pipelines (id),
    stage_id          INTEGER NOT NULL REFERENCES stages (id),
    company_id        INTEGER REFERENCES companies (id) ON DELETE SET NULL,
    contact_id        INTEGER REFERENCES contacts (id) ON DELETE SET NULL,
    value_cents       INTEGER NOT NULL DEFAULT 0,
    currency          TEXT NOT NULL DEFAULT 'USD',
    probability       INTEGER CHECK (probability BETWEEN 0 AND 100), -- overrides the stage's when set
    expected_close    TEXT, -- YYYY-MM-DD
    status            TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'won', 'lost')),
    loss_reason       TEXT,
    position          REAL NOT NULL DEFAULT 0, -- order within its stage column
    stage_changed_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    closed_at         TEXT,
    custom            TEXT NOT NULL DEFAULT '{}',
    import_id         INTEGER REFERENCES import_jobs (id) ON DELETE SET NULL,
    import_row        INTEGER,
    created_at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    deleted_at        TEXT
) STRICT;
CREATE INDEX deals_board ON deals (pipeline_id, status, stage_id, position) WHERE deleted_at IS NULL;
CREATE INDEX deals_stage ON deals (stage_id);
CREATE INDEX deals_company ON deals (company_id);
CREATE INDEX deals_contact ON deals (contact_id);
CREATE INDEX deals_close ON deals (status, expected_close);
CREATE INDEX deals_updated ON deals (updated_at, id);

-- Further people on a deal besides its primary contact.
CREATE TABLE deal_contacts (
    deal_id     INTEGER NOT NULL REFERENCES deals (id) ON DELETE CASCADE,
    contact_id  INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    role        TEXT,
    PRIMARY KEY (deal_id, contact_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX deal_contacts_contact ON deal_contacts (contact_id);

-- Stage names are snapshotted so history still reads right after a stage is renamed or removed.
CREATE TABLE deal_stage_history (
    id               INTEGER PRIMARY KEY,
    deal_id          INTEGER NOT NULL REFERENCES deals (id) ON DELETE CASCADE,
    from_stage_id    INTEGER,
    to_stage_id      INTEGER NOT NULL,
    from_stage_name  TEXT,
    to_stage_name    TEXT NOT NULL,
    changed_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    seconds_in_from  INTEGER
) STRICT;
CREATE INDEX deal_stage_history_deal ON deal_stage_history (deal_id, changed_at);

-- The timeline. `meta` holds a snapshot of the labels the entry shows (names, stage names, subjects).
CREATE TABLE activities (
    id           INTEGER PRIMARY KEY,
    kind         TEXT NOT NULL CHECK (kind IN ('note', 'call', 'meeting', 'email_out', 'email_in',
                 'stage_change', 'import', 'task', 'lead_converted', 'merge', 'sequence', 'other')),
    subject      TEXT NOT NULL DEFAULT '',
    body         TEXT,
    occurred_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    contact_id   INTEGER REFERENCES contacts (id) ON DELETE CASCADE,
    company_id   INTEGER REFERENCES companies (id) ON DELETE CASCADE,
    deal_id      INTEGER REFERENCES deals (id) ON DELETE CASCADE,
    meta         TEXT NOT NULL DEFAULT '{}',
    created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    deleted_at   TEXT
) STRICT;
CREATE INDEX activities_contact ON activities (contact_id, occurred_at) WHERE contact_id IS NOT NULL;
CREATE INDEX activities_company ON activities (company_id, occurred_at) WHERE company_id IS NOT NULL;
CREATE INDEX activities_deal ON activities (deal_id, occurred_at) WHERE deal_id IS NOT NULL;
CREATE INDEX activities_when ON activities (occurred_at, kind);

CREATE TABLE notes (
    id           INTEGER PRIMARY KEY,
    body         TEXT NOT NULL,
    contact_id   INTEGER REFERENCES contacts (id) ON DELETE CASCADE,
    company_id   INTEGER REFERENCES companies (id) ON DELETE CASCADE,
    deal_id      INTEGER REFERENCES deals (id) ON DELETE CASCADE,
    pinned       INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1)),
    created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    deleted_at   TEXT
) STRICT;
CREATE INDEX notes_contact ON notes (contact_id) WHERE contact_id IS NOT NULL;
CREATE INDEX notes_company ON notes (company_id) WHERE company_id IS NOT NULL;
CREATE INDEX notes_deal ON notes (deal_id) WHERE deal_id IS NOT NULL;

CREATE TABLE tasks (
    id            INTEGER PRIMARY KEY,
    title         TEXT NOT NULL,
    kind          TEXT NOT NULL DEFAULT 'follow_up'
                  CHECK (kind IN ('call', 'email', 'meeting', 'follow_up', 'demo', 'proposal', 'other')),
    priority      TEXT NOT NULL DEFAULT 'normal' CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
    status        TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'cancelled')),
    due_at        TEXT, -- UTC instant, or a date (YYYY-MM-DD) when all_day
    all_day       INTEGER NOT NULL DEFAULT 0 CHECK (all_day IN (0, 1)),
    reminder_at   TEXT,
    reminded_at   TEXT,
    rrule         TEXT, -- RFC 5545 recurrence rule; completing one creates the next occurrence
    series_id     INTEGER, -- first task of a recurring series
    notes         TEXT,
    contact_id    INTEGER REFERENCES contacts (id) ON DELETE SET NULL,
    company_id    INTEGER REFERENCES companies (id) ON DELETE SET NULL,
    deal_id       INTEGER REFERENCES deals (id) ON DELETE SET NULL,
    enrollment_id INTEGER REFERENCES sequence_enrollments (id) ON DELETE SET NULL,
    completed_at  TEXT,
    created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    deleted_at    TEXT
) STRICT;
CREATE INDEX tasks_due ON tasks (status, due_at) WHERE deleted_at IS NULL;
CREATE INDEX tasks_reminder ON tasks (reminder_at) WHERE reminder_at IS NOT NULL AND reminded_at IS NULL;
CREATE INDEX tasks_contact ON tasks (contact_id) WHERE contact_id IS NOT NULL;
CREATE INDEX tasks_deal ON tasks (deal_id) WHERE deal_id IS NOT NULL;

CREATE TABLE tags (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL COLLATE NOCASE UNIQUE,
    color       TEXT NOT NULL DEFAULT '#64748b',
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;

CREATE TABLE taggings (
    tag_id      INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    entity      TEXT NOT NULL CHECK (entity IN ('contact', 'company', 'deal')),
    entity_id   INTEGER NOT NULL,
    PRIMARY KEY (tag_id, entity, entity_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX taggings_entity ON taggings (entity, entity_id);

CREATE TABLE custom_fields (
    id           INTEGER PRIMARY KEY,
    entity       TEXT NOT NULL CHECK (entity IN ('contact', 'company', 'deal')),
    key          TEXT NOT NULL,
    label        TEXT NOT NULL,
    field_type   TEXT NOT NULL CHECK (field_type IN ('text', 'number', 'date', 'select', 'multiselect', 'bool')),
    options      TEXT NOT NULL DEFAULT '[]', -- JSON array for select/multiselect
    required     INTEGER NOT NULL DEFAULT 0 CHECK (required IN (0, 1)),
    validation   TEXT NOT NULL DEFAULT '{}', -- JSON: min, max, pattern, max_length
    position     INTEGER NOT NULL DEFAULT 0,
    created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    deleted_at   TEXT,
    UNIQUE (entity, key)
) STRICT;

CREATE TABLE saved_views (
    id           INTEGER PRIMARY KEY,
    entity       TEXT NOT NULL CHECK (entity IN ('contact', 'company', 'deal', 'lead', 'task')),
    name         TEXT NOT NULL,
    filter       TEXT NOT NULL DEFAULT '{}', -- JSON filter tree (AND/OR of field/operator/value)
    sort         TEXT NOT NULL DEFAULT '[]', -- JSON [{field, dir}]
    columns      TEXT NOT NULL DEFAULT '[]', -- JSON [field]
    is_default   INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
    position     INTEGER NOT NULL DEFAULT 0,
    created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    deleted_at   TEXT
) STRICT;

-- Mailboxes hold no secrets: the password lives in the OS keychain under the mailbox's keychain_ref.
CREATE TABLE mailboxes (
    id                 INTEGER PRIMARY KEY,
    name               TEXT NOT NULL,
    email              TEXT NOT NULL,
    display_name       TEXT,
    smtp_host          TEXT NOT NULL,
    smtp_port          INTEGER NOT NULL,
    smtp_security      TEXT NOT NULL CHECK (smtp_security IN ('starttls', 'tls', 'none')),
    imap_host          TEXT NOT NULL,
    imap_port          INTEGER NOT NULL,
    imap_security      TEXT NOT NULL CHECK (imap_security IN ('starttls', 'tls', 'none')),
    username           TEXT NOT NULL,
    keychain_ref       TEXT NOT NULL UNIQUE,
    ca_pem             TEXT, -- an extra trusted certificate (public, not a secret)
    daily_limit        INTEGER NOT NULL DEFAULT 200,
    min_spacing_secs   INTEGER NOT NULL DEFAULT 30,
    send_window        TEXT NOT NULL DEFAULT '{}', -- JSON: days, start, end, timezone
    sync_days          INTEGER NOT NULL DEFAULT 90,
    state              TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'paused', 'auth_failed')),
    state_reason       TEXT,
    created_at         TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at         TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    deleted_at         TEXT
) STRICT;

CREATE TABLE templates (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL,
    subject      TEXT NOT NULL,
    body_text    TEXT NOT NULL,
    body_html    TEXT,
    created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    deleted_at   TEXT
) STRICT;

CREATE TABLE sequences (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL,
    mailbox_id   INTEGER REFERENCES mailboxes (id) ON DELETE SET NULL,
    status       TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'active', 'paused', 'archived')),
    kind         TEXT NOT NULL DEFAULT 'sequence' CHECK (kind IN ('sequence', 'campaign')),
    settings     TEXT NOT NULL DEFAULT '{}', -- JSON: send window, timezone mode, thread mode, auto-reply delay
    created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    deleted_at   TEXT
) STRICT;

CREATE TABLE sequence_steps (
    id             INTEGER PRIMARY KEY,
    sequence_id    INTEGER NOT NULL REFERENCES sequences (id) ON DELETE CASCADE,
    position       INTEGER NOT NULL,
    kind           TEXT NOT NULL CHECK (kind IN ('email', 'wait', 'task')),
    template_id    INTEGER REFERENCES templates (id) ON DELETE SET NULL,
    wait_days      INTEGER,
    business_days  INTEGER NOT NULL DEFAULT 0 CHECK (business_days IN (0, 1)),
    task_kind      TEXT,
    task_title     TEXT,
    thread_mode    TEXT NOT NULL DEFAULT 'same' CHECK (thread_mode IN ('same', 'new')),
    created_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    deleted_at     TEXT
) STRICT;
CREATE INDEX sequence_steps_sequence ON sequence_steps (sequence_id, position);

CREATE TABLE sequence_enrollments (
    id                 INTEGER PRIMARY KEY,
    sequence_id        INTEGER NOT NULL REFERENCES sequences (id) ON DELETE CASCADE,
    contact_id         INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    status             TEXT NOT NULL DEFAULT 'active'
                       CHECK (status IN ('active', 'paused', 'completed', 'stopped')),
    current_step       INTEGER NOT NULL DEFAULT 0,
    next_run_at        TEXT,
    stop_reason        TEXT,
    stopped_at         TEXT,
    snapshot           TEXT NOT NULL DEFAULT '{}', -- JSON: templates as promised at enrollment
    thread_message_id  TEXT,
    enrolled_at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at         TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    UNIQUE (sequence_id, contact_id)
) STRICT;
CREATE INDEX sequence_enrollments_due ON sequence_enrollments (status, next_run_at);
CREATE INDEX sequence_enrollments_contact ON sequence_enrollments (contact_id, status);

-- The outbox. message_id is generated and stored before the first attempt, so a crash mid-send can be
-- resolved by looking for it in the Sent folder instead of sending twice.
CREATE TABLE outbound_messages (
    id               INTEGER PRIMARY KEY,
    mailbox_id       INTEGER NOT NULL REFERENCES mailboxes (id),
    message_id       TEXT NOT NULL UNIQUE,
    to_addr          TEXT NOT NULL,
    cc               TEXT,
    subject          TEXT NOT NULL,
    body_text        TEXT NOT NULL,
    body_html        TEXT,
    in_reply_to      TEXT,
    "references"     TEXT,
    is_bulk          INTEGER NOT NULL DEFAULT 0 CHECK (is_bulk IN (0, 1)),
    status           TEXT NOT NULL DEFAULT 'queued'
                     CHECK (status IN ('queued', 'sending', 'sent', 'failed', 'cancelled')),
    attempts         INTEGER NOT NULL DEFAULT 0,
    not_before       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    last_error       TEXT,
    server_reply     TEXT,
    contact_id       INTEGER REFERENCES contacts (id) ON DELETE SET NULL,
    deal_id          INTEGER REFERENCES deals (id) ON DELETE SET NULL,
    template_id      INTEGER REFERENCES templates (id) ON DELETE SET NULL,
    enrollment_id    INTEGER REFERENCES sequence_enrollments (id) ON DELETE SET NULL,
    step_id          INTEGER REFERENCES sequence_steps (id) ON DELETE SET NULL,
    replied_at       TEXT,
    sent_at          TEXT,
    created_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;
CREATE INDEX outbound_due ON outbound_messages (mailbox_id, status, not_before);
CREATE INDEX outbound_sent_day ON outbound_messages (mailbox_id, sent_at) WHERE sent_at IS NOT NULL;
CREATE INDEX outbound_contact ON outbound_messages (contact_id) WHERE contact_id IS NOT NULL;

-- IMAP sync state per folder: the watermark advances only after the messages are committed.
CREATE TABLE mail_folders (
    id               INTEGER PRIMARY KEY,
    mailbox_id       INTEGER NOT NULL REFERENCES mailboxes (id) ON DELETE CASCADE,
    name             TEXT NOT NULL,
    role             TEXT CHECK (role IN ('inbox', 'sent', 'other')),
    enabled          INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
    uidvalidity      INTEGER,
    uidnext          INTEGER,
    highestmodseq    INTEGER,
    last_synced_at   TEXT,
    UNIQUE (mailbox_id, name)
) STRICT;

CREATE TABLE email_threads (
    id               INTEGER PRIMARY KEY,
    mailbox_id       INTEGER REFERENCES mailboxes (id) ON DELETE SET NULL,
    subject          TEXT NOT NULL DEFAULT '',
    contact_id       INTEGER REFERENCES contacts (id) ON DELETE SET NULL,
    company_id       INTEGER REFERENCES companies (id) ON DELETE SET NULL,
    deal_id          INTEGER REFERENCES deals (id) ON DELETE SET NULL,
    last_message_at  TEXT,
    unread_count     INTEGER NOT NULL DEFAULT 0,
    snippet          TEXT,
    created_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;
CREATE INDEX email_threads_recent ON email_threads (last_message_at);
CREATE INDEX email_threads_contact ON email_threads (contact_id) WHERE contact_id IS NOT NULL;

CREATE TABLE email_messages (
    id                     INTEGER PRIMARY KEY,
    thread_id              INTEGER REFERENCES email_threads (id) ON DELETE SET NULL,
    mailbox_id             INTEGER REFERENCES mailboxes (id) ON DELETE SET NULL,
    message_id             TEXT NOT NULL UNIQUE,
    in_reply_to            TEXT,
    "references"           TEXT,
    direction              TEXT NOT NULL CHECK (direction IN ('in', 'out')),
    from_addr              TEXT NOT NULL DEFAULT '',
    from_name              TEXT,
    to_addrs               TEXT NOT NULL DEFAULT '[]', -- JSON
    cc_addrs               TEXT NOT NULL DEFAULT '[]', -- JSON
    subject                TEXT NOT NULL DEFAULT '',
    sent_at                TEXT,
    body_text              TEXT,
    body_html              TEXT, -- as received; sanitized when shown
    snippet                TEXT,
    attachments            TEXT NOT NULL DEFAULT '[]', -- JSON metadata; content fetched on demand
    flags                  TEXT NOT NULL DEFAULT '[]',
    is_read                INTEGER NOT NULL DEFAULT 0 CHECK (is_read IN (0, 1)),
    classification         TEXT NOT NULL DEFAULT 'unknown'
                           CHECK (classification IN ('reply', 'auto_reply', 'bounce', 'unsubscribe', 'other', 'unknown')),
    classification_reason  TEXT,
    contact_id             INTEGER REFERENCES contacts (id) ON DELETE SET NULL,
    outbound_id            INTEGER REFERENCES outbound_messages (id) ON DELETE SET NULL,
    parse_warning          TEXT,
    remote_images_allowed  INTEGER NOT NULL DEFAULT 0 CHECK (remote_images_allowed IN (0, 1)),
    created_at             TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;
CREATE INDEX email_messages_thread ON email_messages (thread_id, sent_at);
CREATE INDEX email_messages_contact ON email_messages (contact_id) WHERE contact_id IS NOT NULL;

-- Where a message sits on the server (one message may be in several folders).
CREATE TABLE email_locations (
    message_id   INTEGER NOT NULL REFERENCES email_messages (id) ON DELETE CASCADE,
    folder_id    INTEGER NOT NULL REFERENCES mail_folders (id) ON DELETE CASCADE,
    uidvalidity  INTEGER NOT NULL,
    uid          INTEGER NOT NULL,
    PRIMARY KEY (folder_id, uidvalidity, uid)
) STRICT, WITHOUT ROWID;
CREATE INDEX email_locations_message ON email_locations (message_id);

CREATE TABLE suppressions (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('email', 'domain', 'company')),
    value       TEXT NOT NULL, -- lower-cased email or domain, or a company id
    reason      TEXT NOT NULL CHECK (reason IN ('manual', 'hard_bounce', 'unsubscribe', 'complaint')),
    note        TEXT,
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    UNIQUE (kind, value)
) STRICT;

-- One full-text index over contacts, companies, deals and notes, written by the store (never by triggers:
-- per-row FTS triggers make bulk imports ~10x slower). rowid = entity id * 4 + entity tag
-- (0 contact, 1 company, 2 deal, 3 note), so an entry is replaced or removed by rowid.
CREATE VIRTUAL TABLE search_index USING fts5 (
    title,
    body,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);
