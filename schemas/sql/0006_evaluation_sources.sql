-- The sources that hold evaluation sets (benchmarks), as the last overlap check named them (`curate overlap --eval`,
-- or a build's [overlap] eval): later overlap checks compare training rows against them too, and export leaves them
-- out of training shards unless they are named.
CREATE TABLE evaluation_sources (
    source     TEXT PRIMARY KEY,
    marked_at  TEXT NOT NULL
);
