-- MathCurate store, migration 1: problems as ingested, and every input row that could not be one.
-- Applied by GRDB's DatabaseMigrator (CurateStore/Store+Migrations.swift) in file-name order.

-- One row per problem per source. (source, source_key) identifies a row in its source; re-ingesting the same
-- row with the same content changes nothing, and different content never overwrites what is stored.
CREATE TABLE problems (
    id             INTEGER PRIMARY KEY,
    source         TEXT    NOT NULL,          -- the source name given at ingest (--source)
    source_key     TEXT    NOT NULL,          -- id, file[index], file:line or URL of the row in its source
    source_file    TEXT    NOT NULL,          -- the file the row was read from (path as given)
    url            TEXT,                      -- the page of the problem, where known
    contest        TEXT,                      -- AIME, AMC 8, AMC 10A, ...
    year           INTEGER,
    number         INTEGER,                   -- problem number within the contest
    problem        TEXT    NOT NULL,          -- statement, LaTeX as written
    solution       TEXT,                      -- official solution(s)
    choices        TEXT,                      -- JSON array of multiple-choice options, A first
    answer         TEXT,                      -- final answer as the source writes it
    answer_origin  TEXT,                      -- source-field | solution-boxed | answer-key | model
    extra          TEXT,                      -- JSON object of source fields with no column of their own
    problem_hash   TEXT    NOT NULL,          -- sha256 of the normalised problem text (lower case, spaces folded)
    content_hash   TEXT    NOT NULL,          -- 128-bit fingerprint of every ingested field: detects a changed row
    ingested_at    TEXT    NOT NULL,          -- ISO 8601 UTC
    UNIQUE (source, source_key)
);
CREATE INDEX problems_problem_hash ON problems (problem_hash);
CREATE INDEX problems_contest ON problems (contest, year, number);

-- Input rows that could not be stored as problems. Never deleted by ingest.
CREATE TABLE rejects (
    id           INTEGER PRIMARY KEY,
    source       TEXT NOT NULL,
    file         TEXT NOT NULL,
    location     TEXT NOT NULL,               -- "line 12", "element 7", "page"
    reason       TEXT NOT NULL,               -- a RejectReason value, e.g. malformed-json
    detail       TEXT NOT NULL,
    raw          TEXT NOT NULL,               -- the row's text, cut to 4 KiB
    rejected_at  TEXT NOT NULL,
    UNIQUE (source, file, location, reason)
);

-- Answer letters from separate answer keys (e.g. the AMC 10 files), joined onto problems by contest, year and number.
CREATE TABLE answer_keys (
    id        INTEGER PRIMARY KEY,
    source    TEXT    NOT NULL,
    contest   TEXT    NOT NULL,
    year      INTEGER NOT NULL,
    number    INTEGER NOT NULL,
    answer    TEXT    NOT NULL,
    url       TEXT,
    UNIQUE (contest, year, number)
);

-- Each file ingested, by content hash: lets `curate build` skip files that did not change.
CREATE TABLE ingested_files (
    path         TEXT NOT NULL,
    sha256       TEXT NOT NULL,
    source       TEXT NOT NULL,
    format       TEXT NOT NULL,
    stored       INTEGER NOT NULL,
    unchanged    INTEGER NOT NULL,
    rejected     INTEGER NOT NULL,
    ingested_at  TEXT NOT NULL,
    PRIMARY KEY (path, source)
);
