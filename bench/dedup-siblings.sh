#!/usr/bin/env bash
# Issue 15's reading aid: every pair the template rule kept apart in a build, counted by the rule that decided
# (numbers that differ in the math, or answers the grader finds different), and a fixed sample shown the way
# `curate dedup --explain` shows it (comparison texts, answers, cosine, the numbers or answers that differ), for a
# person to read and judge: are the two rows really different problems?
#
# Usage: bash bench/dedup-siblings.sh STORE [SAMPLE]
#   STORE   a store built by bench/build-shared.sh (read only)
#   SAMPLE  how many pairs to show (default 20); the sample is fixed by the pair ids, so a rerun shows the same pairs
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"

die() { echo "dedup-siblings: error: $*" >&2; exit 1; }
[[ $# -ge 1 ]] || die "usage: bash bench/dedup-siblings.sh STORE [SAMPLE]"
store="$1"
sample="${2:-20}"
[[ -f "$store" ]] || die "no store at $store (build one with bench/build-shared.sh)"
[[ "$sample" =~ ^[0-9]+$ ]] || die "SAMPLE must be a whole number, got '$sample'"
command -v sqlite3 >/dev/null || die "sqlite3 is missing (apt-get install -y sqlite3)"
bin="$root/.build/release/curate"
[[ -x "$bin" ]] || die "no release curate at $bin (swift build -c release --product curate)"

pairs="$(sqlite3 "$store" "SELECT a || ' ' || b FROM similar_pairs
                            WHERE step = 'dedup' AND kind = 'template-sibling'
                            ORDER BY (a * 7919 + b * 104729) % 10007, a, b")"
total="$(printf '%s\n' "$pairs" | grep -c . || true)"
echo "template siblings kept apart: $total pair(s) in $store"
[[ "$total" -gt 0 ]] || exit 0

# The rule of one pair, as --explain states it: "numbers differ: ..." or "answers differ: ...".
rule_line() {
    "$bin" dedup --explain "$1" --db "$store" | grep -E "#$1 - #$2 |#$2 - #$1 " | head -1 || true
}

numbers=0; answers=0; other=0
while read -r a b; do
    line="$(rule_line "$a" "$b")"
    case "$line" in
        *"numbers differ"*) numbers=$((numbers + 1)) ;;
        *"answers differ"*) answers=$((answers + 1)) ;;
        *) other=$((other + 1)); echo "  unexplained: #$a - #$b: ${line:-no rule line}" ;;
    esac
done <<< "$pairs"
echo "  by the numbers in the math: $numbers"
echo "  by answers the grader finds different: $answers"
[[ "$other" -eq 0 ]] || echo "  without a rule line in --explain: $other"

echo
echo "sample of $sample (fixed order by pair ids):"
printf '%s\n' "$pairs" | head -n "$sample" | while read -r a b; do
    echo "=== #$a against #$b"
    "$bin" dedup --explain "$a" --db "$store" \
        | awk -v a="#$a " -v b="#$b " '
            /^  #[0-9]+ / { member = ($1 " " == a || $1 " " == b); if (member) print; next }
            /^    comparison:/ { if (member) print substr($0, 1, 400); next }
            index($0, a "- " b) || index($0, b "- " a) { print }'
done
