-- Credit articulation rules (ACE-style recommendations, credit for prior learning): holding a
-- credential earns credits toward a program (CIP) at an institution. Replaced whole per file.
CREATE TABLE credit_rules (
    source_file    TEXT NOT NULL,
    position       BIGINT NOT NULL,
    credential_id  TEXT NOT NULL,
    institution    TEXT NOT NULL,
    program_cip    TEXT NOT NULL,
    program_name   TEXT,
    credits        DOUBLE PRECISION NOT NULL,
    credit_type    TEXT NOT NULL,
    source         TEXT NOT NULL,
    PRIMARY KEY (source_file, position)
);
CREATE INDEX credit_rules_credential ON credit_rules (credential_id);
