-- MathCurate store, migration 5: answer extraction (curate extract) and the cache of model calls.

-- Every model reply that was usable, by a SHA-256 of the canonical request (protocol, model, prompt version,
-- prompts, generation settings). A rerun finds its answers here and makes no call. The API key is never stored.
CREATE TABLE llm_cache (
    request_hash  TEXT PRIMARY KEY,
    api           TEXT    NOT NULL,           -- gemini | openai
    model         TEXT    NOT NULL,
    response      TEXT    NOT NULL,           -- the raw 200 body
    tokens_in     INTEGER NOT NULL,
    tokens_out    INTEGER NOT NULL,
    created_at    TEXT    NOT NULL
);

-- What extraction decided for a problem. The ingested row is never rewritten: an answer found for a row without
-- one also fills problems.answer (answer_origin says how); a multiple-choice problem's free-form rewrite lives here.
CREATE TABLE extractions (
    problem_id    INTEGER PRIMARY KEY REFERENCES problems (id) ON DELETE CASCADE,
    status        TEXT    NOT NULL,           -- answered | proof | no-answer | failed | review
    origin        TEXT    NOT NULL,           -- solution-boxed | answer-key | choice-value | model | none
    answer        TEXT,                       -- the final answer (LaTeX), when answered
    problem       TEXT,                       -- free-form statement of a multiple-choice problem, when rewritten
    reason        TEXT,                       -- why it failed, or the disagreeing samples of a review
    samples       TEXT,                       -- JSON array of the sampled answers (with --samples N)
    request_hash  TEXT,                       -- the model call it came from
    attempts      INTEGER NOT NULL DEFAULT 0,
    extracted_at  TEXT    NOT NULL
);
CREATE INDEX extractions_status ON extractions (status);

-- Problems as training sees them: the free-form rewrite and its answer where extraction made one.
CREATE VIEW curated_problems AS
SELECT p.id, p.source, p.source_key, p.url, p.contest, p.year, p.number,
       COALESCE(e.problem, p.problem) AS problem,
       COALESCE(e.answer, p.answer) AS answer,
       p.choices, p.solution
FROM problems p LEFT JOIN extractions e ON e.problem_id = p.id AND e.status = 'answered';
