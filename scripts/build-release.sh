#!/usr/bin/env bash
# Optimised release build of the given products (default: all), for the binaries that grade. Two steps on top of
# `swift build -c release`:
#   - profile-guided: the grading modules are compiled with the branch and call counts in pgo/grading.profdata
#     (see pgo/README.md), which lays out their hot paths together (~13 % faster grading);
#   - whole-program (full LTO): the modules are optimised together at link time (~5 % more; the link is slower,
#     about 5 minutes for curate on two cores). MATHCURATE_LTO=0 leaves it out.
# It builds in its own directory, .build/pgo (.build/pgo-nolto without LTO), because SwiftPM does not rebuild a module
# when only the compiler flags or the profile change. Without the profile, with a toolchain that cannot read it, or
# with MATHCURATE_PGO=0, it is a plain `swift build -c release` in .build. Build output goes to stderr; the last line
# on stdout is the directory of the binaries.
# Usage: bin="$(bash scripts/build-release.sh [PRODUCT...])"
set -euo pipefail
cd "$(dirname "$0")/.."
profile="$PWD/pgo/grading.profdata"
build_path=.build
flags=()
if [ "${MATHCURATE_PGO:-1}" != 0 ] && [ -f "$profile" ]; then
    profdata="$(dirname "$(readlink -f "$(command -v swift)")")/llvm-profdata"
    if [ -x "$profdata" ] && "$profdata" show "$profile" >/dev/null 2>&1; then
        flags=(-Xswiftc -Xfrontend -Xswiftc "-ir-profile-use=$profile")
        if [ "${MATHCURATE_LTO:-1}" != 0 ]; then
            build_path=.build/pgo
            flags+=(--experimental-lto-mode=full)
        else
            build_path=.build/pgo-nolto
        fi
    else
        echo "build-release: this toolchain cannot read $profile; building without the profile" >&2
    fi
fi
# A build made with another profile is removed (SwiftPM would keep it).
stamp="$build_path/profile-used"
if [ ${#flags[@]} -gt 0 ] && ! cmp -s "$profile" "$stamp"; then
    rm -rf "$build_path/release" "$build_path"/*-linux-gnu/release "$stamp"
fi
products=("$@")
if [ ${#products[@]} -eq 0 ]; then
    swift build -c release --build-path "$build_path" ${flags[@]+"${flags[@]}"} >&2
else
    for product in "${products[@]}"; do
        swift build -c release --build-path "$build_path" --product "$product" ${flags[@]+"${flags[@]}"} >&2
    done
fi
if [ ${#flags[@]} -gt 0 ]; then cp "$profile" "$stamp"; fi
echo "$PWD/$build_path/release"
