#!/usr/bin/env bash
# Checks the Swift sources against the house layout (.swift-format) with the toolchain's `swift format`; exits
# non-zero and names each file, line and rule when something differs. `bash scripts/lint.sh --fix` rewrites the files
# in place instead (then review `git diff`).
set -euo pipefail
cd "$(dirname "$0")/.."
paths=(Package.swift Sources Tests)
if [[ "${1:-}" == "--fix" ]]; then
    swift format format --in-place --recursive --configuration .swift-format "${paths[@]}"
    echo "lint: formatted ${paths[*]}"
else
    swift format lint --strict --recursive --configuration .swift-format "${paths[@]}"
    echo "lint: ${paths[*]} follow .swift-format"
fi
