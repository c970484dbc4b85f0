#!/usr/bin/env bash
# The main job on the bundled samples: build curate (release), ingest every sample source in fixtures/sources
# into ./curate.sqlite, and print the store's summary. Safe to run again: a second run stores nothing new.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
swift build -c release --product curate >&2
curate=".build/release/curate"
db="${CURATE_DB:-curate.sqlite}"
s=fixtures/sources
"$curate" ingest aime-csv "$s/aime_sample.csv" --db "$db" --source aime
"$curate" ingest json "$s/deepscaler_math_sample.json" --db "$db" --source deepscaler-math
"$curate" ingest json "$s/deepscaler_amc_sample.json" --db "$db" --source deepscaler-amc
"$curate" ingest jsonl "$s/omni_math_sample.jsonl" --db "$db" --source omni-math
"$curate" ingest jsonl "$s/olympiadbench_sample.jsonl" --db "$db" --source olympiadbench
"$curate" ingest jsonl "$s/liveaopsbench_sample.jsonl" --db "$db" --source liveaopsbench
"$curate" ingest aops-html "$s"/aops/*.html --db "$db" --source aops-amc8
"$curate" ingest answer-key "$s/amc8_1999_key.csv" --db "$db" --source amc8-key
"$curate" ingest mapping "$s/custom_contest.csv" --mapping "$s/custom_contest.mapping.json" --db "$db" --source springfield
"$curate" stats --db "$db"
