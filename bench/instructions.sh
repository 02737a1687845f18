#!/usr/bin/env bash
# Instructions a one-thread run executes (valgrind's callgrind), for two builds side by side:
# a count that the machine's load does not move, where wall and user seconds on a shared
# machine move by ±15%. Use it to judge a change of a few percent; the seconds are still what
# the targets are stated in (bench/ab.sh).
#
#   bench/instructions.sh OLD_BINARY NEW_BINARY CASES.csv ROSTER.csv [FORMAT]
#
# FORMAT is an `eval` format (default: `check`, the command). Needs valgrind
# (apt-get install valgrind). The binaries are stripped of their debug sections into a
# temporary folder first: valgrind 3.19 cannot read the DWARF 5 that Swift 6.3 writes.
set -euo pipefail
cd "$(dirname "$0")/.."
A=$1 B=$2 CASES=$3 ROSTER=$4 FORMAT=${5:-check}
command -v valgrind >/dev/null || { echo "needs valgrind: apt-get install valgrind" >&2; exit 2; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
count() {
    strip --strip-debug -o "$TMP/bin" "$1"
    local args=(check)
    [ "$FORMAT" = check ] || args=(eval --format "$FORMAT")
    # check exits 1 when it finds violations: that is its normal outcome here.
    RULEBOOK_THREADS=1 valgrind --tool=callgrind --callgrind-out-file=/dev/null "$TMP/bin" "${args[@]}" \
        --rules rules/s1-complaint-handling.yaml --cases "$CASES" --roster "$ROSTER" \
        --as-of 2026-12-31T18:00+08:00 -o "$TMP/out" 2> "$TMP/log" || [ $? = 1 ]
    awk '/Collected/ {print $4}' "$TMP/log"
}
a=$(count "$A"); b=$(count "$B")
printf '%-50s %14s instructions\n' "$A" "$a" "$B" "$b"
awk -v a="$a" -v b="$b" 'BEGIN { printf "ratio %.3f\n", b / a }'
