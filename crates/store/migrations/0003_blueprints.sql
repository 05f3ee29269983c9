-- Exam blueprints: the domains an assessment covers and their weights (percent, summing to 100).
CREATE TABLE blueprints (
    credential_id  TEXT NOT NULL,
    position       BIGINT NOT NULL,
    domain         TEXT NOT NULL,
    weight_percent DOUBLE PRECISION NOT NULL,
    source_file    TEXT NOT NULL,
    PRIMARY KEY (credential_id, position)
);
