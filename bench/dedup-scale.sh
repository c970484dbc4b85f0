#!/usr/bin/env bash
# Near-duplicate search past one machine's all-pairs budget: the partitioned search (spherical k-means, 4 probes)
# against the exact all-pairs search. Recall on real embeddings (the first N DeepScaleR MATH problems, partitions
# kept small so that each row sees only a seventh or a tenth of the others), then 1,000,000 clustered synthetic
# vectors (recall on the first 100,000 against the exact search with 4, 3 and 5 probes; time on all of them with 4).
# Usage: bash bench/dedup-scale.sh [SHARED_DATA_DIR] [N_REAL=6000] [N_SYNTHETIC=1000000]
set -euo pipefail
cd "$(dirname "$0")/.."
data="$(cd "${1:-../shared/data}" && pwd)"
n_real="${2:-6000}"; n_synthetic="${3:-1000000}"
bash scripts/fetch-model.sh >/dev/null
swift build -c release --product EmbedBench >&2
bin=.build/release/EmbedBench
bash bench/serve/cpu.sh
vectors="$(mktemp -d)/real.f32"
"$bin" dump models/all-MiniLM-L6-v2 "$data/deepscaler/train/math.json" "$n_real" "$vectors"
for threshold in 0.9 0.8; do
    "$bin" partitioned "$vectors" "$threshold" 200 4   # 30 partitions: each row sees 4/30 of the rows
    "$bin" partitioned "$vectors" "$threshold" 150 4   # 40 partitions: a tenth
done
"$bin" partitioned-synthetic "$n_synthetic" 100000 0.9 4 3 5
rm -rf "$(dirname "$vectors")"
