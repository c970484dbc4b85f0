#!/usr/bin/env bash
# Issue 14's real-data must-show: near-duplicate search on the real MiniLM embeddings of everything in ../shared/data.
# On a store built by bench/build-shared.sh (never modified: the runs use copies):
#   1. `curate dedup` as the build ran it (exact all-pairs: fewer than 100,000 rows), timed with /usr/bin/time -v;
#   2. the same with --partition-above 0 (k-means partitions, 4 probes), timed;
#   3. the search alone on the same vectors in one process (EmbedBench partitioned: exact and partitioned, with
#      dedup's partitions of ~2,000 rows and with smaller ones: 1,000, 500, 200);
#   4. mathcurate.ray.near_duplicates(ds, threshold=0.9) on ray.init(num_cpus=2) over the same vectors;
# then prints pairs, recall against exact, whether the dropped rows are identical, times and peak RSS
# (bench/dedup_real.py compares). Exit status 1 when recall < 0.995 or the Ray path's decisions differ.
#
# Usage: bash bench/dedup-real.sh STORE [CONFIG]
#   STORE   a store built by bench/build-shared.sh (e.g. /tmp/mc-issue14/shared.sqlite)
#   CONFIG  the build config it was built with (default: bench/shared.toml; sources, priority, threshold, model)
# Set KEEP_WORK=1 to keep the copies and logs (their folder is printed).
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"

die() { echo "dedup-real: error: $*" >&2; exit 1; }
[[ $# -ge 1 ]] || die "usage: bash bench/dedup-real.sh STORE [CONFIG]  (build STORE with bench/build-shared.sh)"
store="$(cd "$(dirname "$1")" 2>/dev/null && pwd)/$(basename "$1")" || die "no folder for $1"
[[ -f "$store" ]] || die "no store at $store (build one with bench/build-shared.sh)"
config="${2:-$root/bench/shared.toml}"
[[ -f "$config" ]] || die "no config at $config"
[[ -x /usr/bin/time ]] || die "/usr/bin/time is missing (apt-get install -y time)"
python3 -c 'import mathcurate.ray, mathcurate.search, ray, pyarrow' 2>/dev/null \
    || die "python3 cannot import mathcurate.ray, ray and pyarrow (install the wheel: scripts/build-wheel.sh)"

# What the build's dedup ran with: read from the config.
eval "$(python3 - "$config" <<'PY'
import shlex, sys
sys.path.insert(0, "bench")
from dedup_real import load_config
c = load_config(sys.argv[1])
print(f"threshold={c.threshold}; priority={shlex.quote(','.join(c.priority))}; sources=({' '.join(map(shlex.quote, c.sources))})")
PY
)"

echo "dedup-real: building release curate and EmbedBench (waits if another SwiftPM build holds the lock)" >&2
swift build -c release --product curate >&2 || die "swift build -c release --product curate failed"
swift build -c release --product EmbedBench >&2 || die "swift build -c release --product EmbedBench failed"
bash scripts/fetch-model.sh >/dev/null || die "the model is missing (scripts/fetch-model.sh)"
curate="$root/.build/release/curate"
embedbench="$root/.build/release/EmbedBench"

work="$(mktemp -d /tmp/dedup-real.XXXXXX)"
if [[ "${KEEP_WORK:-0}" == 1 ]]; then echo "work folder (kept): $work"; else trap 'rm -rf "$work"' EXIT; fi
python3 bench/dedup_real.py copy "$store" "$work/exact.sqlite" || die "could not copy $store"
python3 bench/dedup_real.py copy "$store" "$work/partitioned.sqlite" || die "could not copy $store"

bash bench/serve/cpu.sh
if git rev-parse --git-dir >/dev/null 2>&1; then
    echo "source: git $(git rev-parse --short HEAD), $(git status --porcelain -- Sources Package.swift | wc -l) uncommitted change(s) under Sources/ and Package.swift compiled in"
else
    echo "source: $root (not a git checkout)"
fi
echo "store: $store; dedup: cos > $threshold, priority $priority, ${#sources[@]} sources"

run_dedup() {  # NAME EXTRA_FLAGS...
    local name="$1"; shift
    echo "load average before $name dedup: $(cut -d' ' -f1-3 /proc/loadavg)"
    /usr/bin/time -v -o "$work/$name.time" "$curate" dedup --db "$work/$name.sqlite" --embedding-model "$root/models/all-MiniLM-L6-v2" \
        --threshold "$threshold" --priority "$priority" "$@" --sources "${sources[@]}" > "$work/$name.out" 2> "$work/$name.err" \
        || { cat "$work/$name.err" >&2; die "curate dedup ($name) failed"; }
    tail -n 1 "$work/$name.out"
}
run_dedup exact
run_dedup partitioned --partition-above 0

rows="$(python3 bench/dedup_real.py dump "$work/exact.sqlite" "$config" "$work/vectors.f32")" || die "could not dump the vectors"
echo "load average before the search-only run ($rows vectors): $(cut -d' ' -f1-3 /proc/loadavg)"
"$embedbench" partitioned "$work/vectors.f32" "$threshold" 2000 4 | tee "$work/embedbench.out" \
    || die "EmbedBench partitioned failed"
# Smaller partitions than dedup's default 2,000 (13,600 rows make only ~7, so 4 probes reach half the rows): a harder
# test of the probes on the same real vectors, search only.
for size in 1000 500 200; do
    "$embedbench" partitioned "$work/vectors.f32" "$threshold" "$size" 4 || die "EmbedBench partitioned ($size) failed"
done

echo "load average before the Ray run: $(cut -d' ' -f1-3 /proc/loadavg)"
status=0
python3 bench/dedup_real.py report "$store" "$config" "$work" || status=$?
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
[[ $status -eq 0 ]] || die "the comparison failed (status $status): see the lines above"
