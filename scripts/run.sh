#!/usr/bin/env bash
# The main job on the bundled samples: build curate (release), fetch the embedding model, run the build described
# by ./curate.toml (ingest the sample sources into ./curate.sqlite, classify answers, deduplicate, check overlap
# with the evaluation sample, export verl shards to ./out/shards) and print the store's summary.
# Safe to run again: a second run reads no unchanged file and embeds nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/fetch-model.sh >&2
bin="$(bash scripts/build-release.sh curate)"
"$bin/curate" build --config curate.toml
"$bin/curate" stats --db curate.sqlite
