-- MathCurate store, migration 2: gradability of each stored answer, and rows dropped by a pipeline step.

-- What the equivalence engine makes of each problem's answer (curate gradable). A row is re-checked when its
-- answer or the engine version changes.
CREATE TABLE answer_checks (
    problem_id   INTEGER PRIMARY KEY REFERENCES problems (id) ON DELETE CASCADE,
    answer_hash  TEXT    NOT NULL,            -- sha256 of the answer text that was checked
    gradable     INTEGER NOT NULL,            -- 1 when the engine can grade answers against it
    answer_type  TEXT,                        -- integer, rational, decimal, closed form, expression, interval, set,
                                              -- tuple, matrix, equation, inequality, multiple choice, text
    reason       TEXT,                        -- why it is not gradable
    engine       TEXT    NOT NULL,            -- engine version that checked it
    checked_at   TEXT    NOT NULL
);
CREATE INDEX answer_checks_type ON answer_checks (gradable, answer_type);

-- Rows a step keeps out of training. Problems are never deleted: a drop names its step, reason and evidence.
CREATE TABLE drops (
    problem_id  INTEGER NOT NULL REFERENCES problems (id) ON DELETE CASCADE,
    step        TEXT    NOT NULL,             -- gradable, dedup, overlap, extract ...
    reason      TEXT    NOT NULL,             -- e.g. not-gradable, near-duplicate, eval-overlap
    evidence    TEXT,                         -- e.g. "near-duplicate of #123, cos 0.943"
    dropped_at  TEXT    NOT NULL,
    PRIMARY KEY (problem_id, step)
);
