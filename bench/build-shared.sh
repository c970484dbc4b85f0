#!/usr/bin/env bash
# The whole build over every source in ../shared/data (bench/shared.toml): ingest, deterministic answers (no API),
# gradable, dedup, overlap against DeepScaleR's five test sets, Parquet export. Builds the release `curate`, runs
# `curate build` into STORE (default: a new temp dir) and prints each step, the wall time, peak RSS, CPU model and
# flags and the load average before and after. The store is kept: bench/dedup-real.sh reads it.
#
# Usage: bash bench/build-shared.sh [STORE]        e.g. bash bench/build-shared.sh /tmp/shared-build/shared.sqlite
#   STORE's folder also receives the config actually used (shared.toml, absolute paths) and the shards (shards/).
#   An existing STORE is rebuilt incrementally (only what changed), which is the "second build" figure.
# Takes 5-8 minutes from an empty store on 2 cores (embedding ~14,000 texts), seconds on a rebuild.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
bench="$root/bench"

die() { echo "build-shared: error: $*" >&2; exit 1; }
[[ -f "$bench/shared.toml" ]] || die "bench/shared.toml is missing"
[[ -x /usr/bin/time ]] || die "/usr/bin/time is missing (apt-get install -y time)"
[[ -d "$root/../shared/data" ]] || die "../shared/data is missing (expected at $(cd "$root/.." && pwd)/shared/data)"

if [[ $# -ge 1 ]]; then
    store="$1"
    mkdir -p "$(dirname "$store")"
    store="$(cd "$(dirname "$store")" && pwd)/$(basename "$store")"
else
    store="$(mktemp -d /tmp/mathcurate-shared.XXXXXX)/shared.sqlite"
fi
dir="$(dirname "$store")"
config="$dir/shared.toml"
[[ "$config" != "$bench/shared.toml" ]] || die "STORE must not be in bench/ (the run's config is written next to it)"
fresh=yes; [[ -e "$store" ]] && fresh=no

# The config actually used: bench/shared.toml with its relative paths made absolute and the store and export
# folder moved next to STORE (curate build has no --db; the config names its store).
data_parent="$(cd "$root/.." && pwd)"
sed -E -e "s#\"\\.\\./\\.\\./#\"$data_parent/#g" \
       -e "s#\"\\.\\./#\"$root/#g" \
       -e "s#^store = .*#store = \"$store\"#" \
       -e "s#^out = .*#out = \"$dir/shards\"#" "$bench/shared.toml" > "$config"
grep -q "^store = \"$store\"" "$config" || die "could not set the store path in $config"

bash scripts/fetch-model.sh >/dev/null || die "the model is missing and could not be fetched (scripts/fetch-model.sh)"
echo "build-shared: building release curate (waits if another SwiftPM build holds the lock)" >&2
swift build -c release --product curate >&2 || die "swift build -c release --product curate failed"
bin="$root/.build/release/curate"

bash bench/serve/cpu.sh
if git rev-parse --git-dir >/dev/null 2>&1; then
    echo "source: git $(git rev-parse --short HEAD), $(git status --porcelain -- Sources Package.swift | wc -l) uncommitted change(s) under Sources/ and Package.swift compiled in"
else
    echo "source: $root (not a git checkout)"
fi
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "store: $store ($( [[ $fresh == yes ]] && echo 'new' || echo 'existing: incremental rebuild'))"
echo "config: $config"
timing="$dir/build-time.txt"
/usr/bin/time -v -o "$timing" "$bin" build --config "$config" || die "curate build failed (store kept at $store; timing in $timing)"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
wall="$(grep 'Elapsed (wall clock)' "$timing" | awk '{print $NF}')"
user="$(grep 'User time' "$timing" | awk '{print $NF}')"
sys="$(grep 'System time' "$timing" | awk '{print $NF}')"
rss="$(grep 'Maximum resident' "$timing" | awk '{print $NF}')"
echo "curate build: wall $wall, user $user s, sys $sys s, peak RSS $((rss / 1024)) MiB"

python3 - "$store" <<'PY'
import sqlite3, sys
db = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
one = lambda sql: db.execute(sql).fetchone()[0]
print(f"store: {one('SELECT count(*) FROM ingested_files')} files ingested, {one('SELECT count(*) FROM problems')} problems, "
      f"{one('SELECT count(*) FROM rejects')} rejected, {one('SELECT count(*) FROM answer_keys')} answer-key entries, "
      f"{one('SELECT count(*) FROM embeddings')} embeddings")
for step, reason, n in db.execute("SELECT step, reason, count(*) FROM drops GROUP BY step, reason ORDER BY step, reason"):
    print(f"  dropped by {step}: {reason}: {n}")
for step, kind, n in db.execute("SELECT step, kind, count(*) FROM similar_pairs GROUP BY step, kind ORDER BY step, kind"):
    print(f"  {step} pairs: {kind}: {n}")
PY
if [[ -f "$dir/shards/manifest.json" ]]; then
    python3 - "$dir/shards/manifest.json" <<'PY' || echo "export: manifest at $dir/shards/manifest.json (could not summarise it)"
import json, sys
manifest = json.load(open(sys.argv[1]))
print(f"export: {manifest['total_rows']} rows in {len(manifest['shards'])} shard(s), {sys.argv[1]}")
PY
fi
echo "store kept: $store"
