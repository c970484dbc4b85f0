#!/usr/bin/env bash
# Builds the Python wheel of python/mathcurate with libmathcurate inside it.
#   1. builds the library: `swift build -c debug --product mathcurate`, or for release scripts/build-release.sh (the
#      profile-guided, LTO build of the grading code); MATHCURATE_SKIP_SWIFT_BUILD=1 uses the library already built;
#   2. stages it and libmathcurate_embed (the encoder) into python/mathcurate/_native/ with every Swift runtime
#      library they load and the encoder's OpenBLAS and Fortran runtime (found with ldd, copied
#      from the toolchain), RUNPATH set to $ORIGIN with patchelf, and checks with ldd that they resolve there;
#   3. builds the platform-tagged wheel into python/dist/ with pip (no build isolation when setuptools and wheel are
#      importable, else pip fetches them from PyPI).
# The last line on stdout is the wheel's path. Needs: swift, patchelf (Debian: apt-get install -y patchelf), ldd.
# Usage: bash scripts/build-wheel.sh [debug|release]
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
config="${1:-debug}"
case "$config" in
    debug|release) ;;
    *) echo "usage: bash scripts/build-wheel.sh [debug|release]" >&2; exit 2 ;;
esac
command -v patchelf >/dev/null || { echo "build-wheel: patchelf is missing (apt-get install -y patchelf)" >&2; exit 1; }
python="${PYTHON:-python3}"

# 1. The library.
if [ "${MATHCURATE_SKIP_SWIFT_BUILD:-0}" = 1 ]; then
    if [ "$config" = release ] && [ -f "$root/.build/pgo/release/libmathcurate.so" ]; then
        bin="$root/.build/pgo/release"
    else
        bin="$root/.build/$config"
    fi
    echo "build-wheel: MATHCURATE_SKIP_SWIFT_BUILD=1: using the library in $bin" >&2
elif [ "$config" = release ]; then
    bin="$(bash scripts/build-release.sh mathcurate mathcurate_embed | tail -n 1)"
else
    swift build -c debug --product mathcurate >&2
    swift build -c debug --product mathcurate_embed >&2
    bin="$(swift build -c debug --show-bin-path)"
fi
lib="$bin/libmathcurate.so"
embed_lib="$bin/libmathcurate_embed.so"
[ -f "$lib" ] || { echo "build-wheel: $lib was not built" >&2; exit 1; }
[ -f "$embed_lib" ] || { echo "build-wheel: $embed_lib was not built (swift build --product mathcurate_embed)" >&2; exit 1; }

# 2. Stage the libraries and the Swift runtime they need; for the encoder also OpenBLAS and the Fortran runtime it
#    loads (Debian's libopenblas0, libgfortran5, libquadmath0), so the wheel needs none of them installed.
native="$root/python/mathcurate/_native"
rm -rf "$native"
mkdir -p "$native"
cp "$lib" "$embed_lib" "$native/"
swift_bin="$(dirname "$(readlink -f "$(command -v swiftc || command -v swift)")")"
runtime_dirs=("${SWIFT_RUNTIME_DIR:-$swift_bin/../lib/swift/linux}" "$bin")
copied=()
# ldd lists the whole dependency tree; copy what resolves into the toolchain's runtime or the build directory.
while read -r name _ path _; do
    [ -n "${path:-}" ] && [ -f "$path" ] || continue
    [ -f "$native/$name" ] && continue
    case "$name" in
        libopenblas*|libgfortran*|libquadmath*) cp -L "$path" "$native/$name"; copied+=("$name"); continue ;;
    esac
    dir="$(cd "$(dirname "$path")" && pwd -P)"
    for runtime in "${runtime_dirs[@]}"; do
        if [ -d "$runtime" ] && [ "$dir" = "$(cd "$runtime" && pwd -P)" ]; then
            cp -L "$path" "$native/$name"
            copied+=("$name")
            break
        fi
    done
done < <({ ldd "$lib"; ldd "$embed_lib"; } | grep '=>')
chmod u+w "$native"/*.so*
for file in "$native"/*.so*; do
    runpath="$(patchelf --print-rpath "$file")"
    case "$(basename "$file")" in libmathcurate*|libopenblas*|libgfortran*|libquadmath*) runpath=force ;; esac
    if [ -n "$runpath" ] && [ "$runpath" != '$ORIGIN' ]; then
        patchelf --set-rpath '$ORIGIN' "$file"
    fi
done
# Every dependency must now resolve inside _native/ or to the system's libraries.
unresolved="$({ ldd "$native/libmathcurate.so"; ldd "$native/libmathcurate_embed.so"; } | awk -v n="$native" '/=>/ && ($3 == "not" || ($3 !~ "^" n && $3 ~ /swift|openblas|gfortran|quadmath/)) { print }')"
if [ -n "$unresolved" ]; then
    echo "build-wheel: these libraries do not resolve inside $native:" >&2
    echo "$unresolved" >&2
    exit 1
fi
echo "build-wheel: staged libmathcurate.so, libmathcurate_embed.so + ${#copied[@]} runtime libraries ($(du -sh "$native" | cut -f1)): ${copied[*]}" >&2

# 3. The wheel.
rm -rf "$root/python/build" "$root"/python/*.egg-info
mkdir -p "$root/python/dist"
rm -f "$root"/python/dist/mathcurate-*.whl
isolation=(--no-build-isolation)
if ! "$python" -c 'import setuptools, sys
major, minor = (int(x) for x in setuptools.__version__.split(".")[:2])
if (major, minor) < (70, 1):
    import wheel' 2>/dev/null; then
    echo "build-wheel: setuptools/wheel not importable here; pip builds in an isolated environment (PyPI)" >&2
    isolation=()
fi
"$python" -m pip wheel --no-deps ${isolation[@]+"${isolation[@]}"} -w "$root/python/dist" "$root/python" >&2
wheel="$(ls -t "$root"/python/dist/mathcurate-*.whl | head -n 1)"
rm -rf "$root/python/build" "$root"/python/*.egg-info
echo "$wheel"
