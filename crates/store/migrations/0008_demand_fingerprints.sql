-- Fingerprints of the distinct postings each ingest counted, so a later file's reposts of them
-- are recognized instead of counted again. Compact and non-textual: the month as YYYYMM (NULL
-- when the posting's date was unreadable), the exact hash, and the 16 32-bit MinHash values
-- packed two per column (h0 holds values 0 and 1, high and low halves). No text, no ids.
-- Plain BIGINTs, which SQLite and PostgreSQL both accept; no primary key (the same text may be
-- counted again once it falls outside the de-duplication window).
CREATE TABLE demand_fingerprints (
    month BIGINT,
    exact BIGINT NOT NULL,
    h0    BIGINT NOT NULL,
    h1    BIGINT NOT NULL,
    h2    BIGINT NOT NULL,
    h3    BIGINT NOT NULL,
    h4    BIGINT NOT NULL,
    h5    BIGINT NOT NULL,
    h6    BIGINT NOT NULL,
    h7    BIGINT NOT NULL
);
CREATE INDEX demand_fingerprints_month ON demand_fingerprints (month);
