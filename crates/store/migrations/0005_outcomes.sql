-- Outcomes: aggregates only. No person keys, no person rows: runs, published cells (after
-- suppression and optional noise), quarantined-record reasons, and imported published tables.
CREATE TABLE outcome_runs (
    run_id          TEXT PRIMARY KEY,
    computed_at     TEXT NOT NULL,
    participants_file TEXT NOT NULL,
    wage_files      TEXT NOT NULL,
    participants    BIGINT NOT NULL,
    wage_rows       BIGINT NOT NULL,
    rejected        BIGINT NOT NULL,
    wage_window     TEXT NOT NULL,
    min_cell        BIGINT NOT NULL,
    epsilon         DOUBLE PRECISION,
    level           DOUBLE PRECISION NOT NULL,
    method          TEXT NOT NULL
);

CREATE TABLE outcome_credentials (
    run_id          TEXT NOT NULL,
    credential_id   TEXT NOT NULL,
    exit_first      TEXT,
    exit_last       TEXT,
    not_observable  BIGINT NOT NULL,
    unmatched       BIGINT NOT NULL,
    PRIMARY KEY (run_id, credential_id)
);
CREATE INDEX outcome_credentials_id ON outcome_credentials (credential_id);

CREATE TABLE outcome_cells (
    run_id          TEXT NOT NULL,
    credential_id   TEXT NOT NULL,
    dimension       TEXT NOT NULL,
    category        TEXT NOT NULL,
    metric          TEXT NOT NULL,
    value           DOUBLE PRECISION,
    lower_bound     DOUBLE PRECISION,
    upper_bound     DOUBLE PRECISION,
    n               BIGINT,
    suppressed      TEXT,
    PRIMARY KEY (run_id, credential_id, dimension, category, metric)
);

CREATE TABLE outcome_rejects (
    run_id          TEXT NOT NULL,
    file            TEXT NOT NULL,
    record          TEXT NOT NULL,
    field           TEXT NOT NULL,
    reason          TEXT NOT NULL
);
CREATE INDEX outcome_rejects_run ON outcome_rejects (run_id);

CREATE TABLE published_outcomes (
    format           TEXT NOT NULL,
    institution      TEXT NOT NULL,
    cip              TEXT NOT NULL,
    degree_level     TEXT NOT NULL,
    cohort           TEXT NOT NULL,
    detail           TEXT NOT NULL,
    measure          TEXT NOT NULL,
    institution_name TEXT,
    value            DOUBLE PRECISION,
    n                BIGINT,
    status           TEXT NOT NULL,
    file             TEXT NOT NULL,
    file_sha256      TEXT NOT NULL,
    imported_at      TEXT NOT NULL,
    PRIMARY KEY (format, institution, cip, degree_level, cohort, detail, measure)
);
CREATE INDEX published_outcomes_cip ON published_outcomes (cip);
