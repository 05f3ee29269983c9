-- Registry records: the normalized view in columns for querying, the whole record as JSON for lossless export.
CREATE TABLE records (
    id              TEXT PRIMARY KEY,
    registry_ctid   TEXT,
    ctdl_type       TEXT NOT NULL,
    class           TEXT NOT NULL,
    classified      BIGINT NOT NULL,
    name            TEXT NOT NULL,
    description     TEXT,
    lifecycle       TEXT NOT NULL,
    body            TEXT NOT NULL,
    content_sha256  TEXT NOT NULL,
    source          TEXT NOT NULL,
    source_file     TEXT NOT NULL,
    source_pointer  TEXT NOT NULL,
    version         BIGINT NOT NULL,
    first_seen_at   TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX records_class ON records (class);
CREATE INDEX records_ctid ON records (registry_ctid);

-- Every distinct content a record has had: change history.
CREATE TABLE record_versions (
    record_id       TEXT NOT NULL,
    version         BIGINT NOT NULL,
    content_sha256  TEXT NOT NULL,
    body            TEXT NOT NULL,
    source_file     TEXT NOT NULL,
    recorded_at     TEXT NOT NULL,
    PRIMARY KEY (record_id, version)
);

CREATE TABLE record_codes (
    record_id TEXT NOT NULL,
    scheme    TEXT NOT NULL,
    code      TEXT NOT NULL,
    label     TEXT
);
CREATE INDEX record_codes_lookup ON record_codes (scheme, code);
CREATE INDEX record_codes_record ON record_codes (record_id);

CREATE TABLE record_agents (
    record_id  TEXT NOT NULL,
    role       TEXT NOT NULL,
    agent_id   TEXT,
    agent_name TEXT
);
CREATE INDEX record_agents_record ON record_agents (record_id);
CREATE INDEX record_agents_agent ON record_agents (agent_id);

-- One row per import of one file, with what happened to its records.
CREATE TABLE import_runs (
    run_id       TEXT PRIMARY KEY,
    kind         TEXT NOT NULL,
    file         TEXT NOT NULL,
    file_sha256  TEXT NOT NULL,
    started_at   TEXT NOT NULL,
    inserted     BIGINT NOT NULL,
    updated      BIGINT NOT NULL,
    unchanged    BIGINT NOT NULL,
    rejected     BIGINT NOT NULL,
    warnings     BIGINT NOT NULL
);

CREATE TABLE import_diagnostics (
    run_id   TEXT NOT NULL,
    severity TEXT NOT NULL,
    file     TEXT NOT NULL,
    record   TEXT,
    field    TEXT,
    message  TEXT NOT NULL
);
CREATE INDEX import_diagnostics_run ON import_diagnostics (run_id);
