#!/usr/bin/env bash
# Installs the system packages MathCurate builds and tests against, when they are missing (Debian/Ubuntu, as root or
# with sudo).
set -euo pipefail
# openjdk-17-jre-headless: Java for Spark (python/tests/test_spark.py, bench/engines.py).
needed=(libsqlite3-dev libxml2-dev libcurl4-openssl-dev libopenblas-dev zlib1g-dev pkg-config patchelf
        openjdk-17-jre-headless)
missing=()
for pkg in "${needed[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}" >&2
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi
