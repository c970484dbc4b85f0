#!/usr/bin/env bash
# Runs the test suite: installs what the tests need (system libraries, the MiniLM weights, pyarrow and jsonschema for the export checks), then `swift test`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/fetch-model.sh
python3 -c "import pyarrow, jsonschema" 2>/dev/null || python3 -m pip install --quiet pyarrow jsonschema
swift test
