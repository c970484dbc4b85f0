-- MathCurate store, migration 3: cached sentence embeddings, and the similar pairs that dedup and overlap found.

-- One float32 vector per (model, normalised text): nothing is embedded twice.
CREATE TABLE embeddings (
    model       TEXT    NOT NULL,             -- model folder name, e.g. all-MiniLM-L6-v2
    text_hash   TEXT    NOT NULL,             -- sha256 of the normalised text embedded (ProblemText.comparisonHash)
    dimension   INTEGER NOT NULL,
    vector      BLOB    NOT NULL,             -- dimension little-endian float32 values, L2-normalised
    created_at  TEXT    NOT NULL,
    PRIMARY KEY (model, text_hash)
);

-- Pairs of problems above the similarity threshold: the evidence behind dedup and overlap drops.
CREATE TABLE similar_pairs (
    step       TEXT    NOT NULL,              -- dedup | overlap
    a          INTEGER NOT NULL REFERENCES problems (id) ON DELETE CASCADE,   -- the kept or training row
    b          INTEGER NOT NULL REFERENCES problems (id) ON DELETE CASCADE,   -- the other row (eval row for overlap)
    cosine     REAL    NOT NULL,
    kind       TEXT    NOT NULL,              -- exact-duplicate | duplicate | template-sibling | eval-exact | eval-near
    PRIMARY KEY (step, a, b)
);
