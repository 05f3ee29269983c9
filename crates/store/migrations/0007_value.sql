-- Credentials of value: imported credential lists (a state's approved list, a district's awards
-- by year) kept by name so reports can be re-run; a re-import replaces the list whole.
CREATE TABLE value_lists (
    name        TEXT PRIMARY KEY,
    file        TEXT NOT NULL,
    file_sha256 TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    entries     BIGINT NOT NULL,
    rejected    BIGINT NOT NULL
);

CREATE TABLE value_list_entries (
    list_name TEXT NOT NULL,
    line      BIGINT NOT NULL,
    list_id   TEXT,
    name      TEXT NOT NULL,
    issuer    TEXT,
    awards    BIGINT,
    year      BIGINT,
    cluster   TEXT,
    soc       TEXT,
    PRIMARY KEY (list_name, line)
);
