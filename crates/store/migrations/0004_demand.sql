-- Employer demand: additive counts per credential x SOC x region x month, occupation totals,
-- employers, and the files already counted (so re-ingesting a file never double-counts).
CREATE TABLE demand_files (
    sha256      TEXT PRIMARY KEY,
    file        TEXT NOT NULL,
    ingested_at TEXT NOT NULL,
    records     BIGINT NOT NULL,
    postings    BIGINT NOT NULL,
    rejected    BIGINT NOT NULL,
    duplicates  BIGINT NOT NULL,
    mentions    BIGINT NOT NULL
);

CREATE TABLE demand_credentials (
    credential_key TEXT PRIMARY KEY,
    name           TEXT NOT NULL,
    kind           TEXT NOT NULL
);

CREATE TABLE demand_cells (
    credential_key  TEXT NOT NULL,
    soc             TEXT NOT NULL,
    region          TEXT NOT NULL,
    month           TEXT NOT NULL,
    postings        BIGINT NOT NULL,
    unique_postings BIGINT NOT NULL,
    required        BIGINT NOT NULL,
    preferred       BIGINT NOT NULL,
    after_hire      BIGINT NOT NULL,
    PRIMARY KEY (credential_key, soc, region, month)
);
CREATE INDEX demand_cells_soc ON demand_cells (soc);

CREATE TABLE demand_occupation (
    soc             TEXT NOT NULL,
    region          TEXT NOT NULL,
    month           TEXT NOT NULL,
    unique_postings BIGINT NOT NULL,
    PRIMARY KEY (soc, region, month)
);

CREATE TABLE demand_employers (
    credential_key  TEXT NOT NULL,
    employer        TEXT NOT NULL,
    unique_postings BIGINT NOT NULL,
    PRIMARY KEY (credential_key, employer)
);
