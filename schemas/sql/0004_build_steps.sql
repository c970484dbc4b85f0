-- MathCurate store, migration 4: what each `curate build` step did, for the report and for reproducibility.
CREATE TABLE build_steps (
    build_id   TEXT    NOT NULL,             -- ISO 8601 start time of the build
    position   INTEGER NOT NULL,             -- step order within the build
    step       TEXT    NOT NULL,             -- ingest, extract, gradable, dedup, overlap, export
    status     TEXT    NOT NULL,             -- done | skipped
    rows_in    INTEGER NOT NULL,
    kept       INTEGER NOT NULL,
    dropped    TEXT    NOT NULL,             -- JSON object: reason -> rows
    note       TEXT    NOT NULL,
    seconds    REAL    NOT NULL,
    PRIMARY KEY (build_id, position)
);
