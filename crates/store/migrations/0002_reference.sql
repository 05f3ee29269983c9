-- Public reference data loaded by `credence init`, with the file each table came from.
CREATE TABLE reference_files (
    name       TEXT PRIMARY KEY,
    path       TEXT NOT NULL,
    source     TEXT NOT NULL,
    vintage    TEXT NOT NULL,
    license    TEXT NOT NULL,
    url        TEXT NOT NULL,
    sha256     TEXT NOT NULL,
    bytes      BIGINT NOT NULL,
    loaded_at  TEXT NOT NULL
);
CREATE TABLE soc_occupations (
    code       TEXT PRIMARY KEY,
    title      TEXT NOT NULL,
    level      TEXT NOT NULL,
    parent     TEXT,
    definition TEXT
);
CREATE TABLE soc_crosswalk (
    soc2010        TEXT NOT NULL,
    soc2010_title  TEXT NOT NULL,
    soc2018        TEXT NOT NULL,
    soc2018_title  TEXT NOT NULL
);
CREATE INDEX soc_crosswalk_2010 ON soc_crosswalk (soc2010);
CREATE TABLE onet_occupations (
    code        TEXT PRIMARY KEY,
    soc         TEXT NOT NULL,
    title       TEXT NOT NULL,
    description TEXT NOT NULL
);
CREATE INDEX onet_occupations_soc ON onet_occupations (soc);
CREATE TABLE onet_alternate_titles (
    code        TEXT NOT NULL,
    title       TEXT NOT NULL,
    short_title TEXT
);
CREATE INDEX onet_alternate_titles_code ON onet_alternate_titles (code);
CREATE TABLE onet_job_zones (
    code TEXT PRIMARY KEY,
    zone BIGINT NOT NULL
);
CREATE TABLE job_zone_names (
    zone BIGINT PRIMARY KEY,
    name TEXT NOT NULL
);
CREATE TABLE onet_related (
    code    TEXT NOT NULL,
    related TEXT NOT NULL,
    tier    TEXT NOT NULL,
    rank    BIGINT NOT NULL
);
CREATE INDEX onet_related_code ON onet_related (code);
CREATE TABLE onet_tech_skills (
    code            TEXT NOT NULL,
    example         TEXT NOT NULL,
    commodity_code  TEXT,
    commodity_title TEXT,
    hot             BIGINT NOT NULL,
    in_demand       BIGINT NOT NULL
);
CREATE INDEX onet_tech_skills_code ON onet_tech_skills (code);
CREATE TABLE cip_soc (
    cip       TEXT NOT NULL,
    cip_title TEXT NOT NULL,
    soc       TEXT NOT NULL
);
CREATE INDEX cip_soc_soc ON cip_soc (soc);
CREATE INDEX cip_soc_cip ON cip_soc (cip);
CREATE TABLE naics (
    code  TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    level BIGINT NOT NULL
);
CREATE TABLE oews_wages (
    soc        TEXT PRIMARY KEY,
    title      TEXT NOT NULL,
    o_group    TEXT NOT NULL,
    tot_emp    DOUBLE PRECISION,
    emp_prse   DOUBLE PRECISION,
    a_mean     DOUBLE PRECISION,
    mean_prse  DOUBLE PRECISION,
    a_pct10    DOUBLE PRECISION,
    a_pct25    DOUBLE PRECISION,
    a_median   DOUBLE PRECISION,
    a_pct75    DOUBLE PRECISION,
    a_pct90    DOUBLE PRECISION,
    h_median   DOUBLE PRECISION,
    top_coded  TEXT NOT NULL
);
