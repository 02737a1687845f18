#!/usr/bin/env bash
# The rulebook benchmark: builds release, generates synthetic S1/S2 exports into a temporary
# folder, and measures validate, eval (CSV and JSON Lines in, JSONL, table and CSV out) and check:
# median wall time of RUNS runs, cases per second, peak resident memory (GNU time's maxrss).
#
#   bench/run.sh                      # 100k and 1M cases, 3 runs each
#   SIZES="100000" RUNS=1 bench/run.sh
#   SCALE=1 bench/run.sh              # also 2M cases (memory growth, S1 CSV)
#   KEEP=/tmp/rb-data bench/run.sh    # keep (and reuse) the generated data there
#   RULEBOOK_BIN=/path/to/rulebook bench/run.sh   # measure that binary, no build
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=${SIZES:-"100000 1000000"}
RUNS=${RUNS:-3}
SEED=${SEED:-42}
AS_OF=2026-12-31T18:00+08:00

[ -x /usr/bin/time ] || { echo "needs GNU time: apt-get install time" >&2; exit 2; }
if [ -n "${RULEBOOK_BIN:-}" ]; then
    BIN=$RULEBOOK_BIN  # measure another build (e.g. the one before an optimisation)
else
    swift build -c release >&2
    BIN=$(swift build -c release --show-bin-path)/rulebook
fi

DATA=${KEEP:-$(mktemp -d)}
mkdir -p "$DATA"
[ -n "${KEEP:-}" ] || trap 'rm -rf "$DATA"' EXIT

gen() {  # policy count format
    local f="$DATA/$1-$2.$3"
    [ -s "$f" ] || "$BIN" generate --policy "$1" --count "$2" --seed "$SEED" --format "$3" -o "$f" --roster "$DATA/$1-roster.csv"
    echo "$f"
}

printf '%-44s %10s %9s %12s %9s\n' measurement cases "wall s" "cases/s" "peak MB"
printf '%-44s %10s %9s %12s %9s\n' -------------------------------------------- ---------- --------- ------------ ---------

# measure NAME CASES -- command...: median wall and its peak RSS over RUNS runs.
measure() {
    local name=$1 cases=$2; shift 3
    local results=()
    for _ in $(seq "$RUNS"); do
        local rc=0
        /usr/bin/time -f '%e %M' -o "$DATA/time.txt" "$@" >/dev/null 2>"$DATA/stderr.txt" || rc=$?
        if [ "$rc" -gt 1 ]; then echo "$name failed ($rc):" >&2; cat "$DATA/stderr.txt" >&2; exit 1; fi
        results+=("$(tail -1 "$DATA/time.txt")")
    done
    local median
    median=$(printf '%s\n' "${results[@]}" | sort -n | sed -n "$(( (RUNS + 1) / 2 ))p")
    local wall=${median% *} kb=${median#* }
    awk -v n="$name" -v c="$cases" -v w="$wall" -v kb="$kb" 'BEGIN {
        printf "%-44s %10s %9.2f %12s %9.1f\n", n, (c > 0 ? c : "-"), w, (c > 0 && w > 0 ? sprintf("%.0f", c / w) : "-"), kb / 1024 }'
}

measure "validate rules/ (all shipped policies)" 0 -- "$BIN" validate -q rules

for n in $SIZES; do
    for fmt in csv jsonl; do
        cases=$(gen s1 "$n" "$fmt")
        common=(--rules rules/s1-complaint-handling.yaml --cases "$cases" --roster "$DATA/s1-roster.csv" --as-of "$AS_OF")
        measure "eval S1 $fmt -> jsonl" "$n" -- "$BIN" eval "${common[@]}" --format jsonl -o "$DATA/out.jsonl"
        [ "$fmt" = csv ] && measure "eval S1 $fmt -> jsonl, one thread" "$n" -- env RULEBOOK_THREADS=1 "$BIN" eval "${common[@]}" --format jsonl -o "$DATA/out1.jsonl"
        [ "$fmt" = csv ] && { cmp -s "$DATA/out.jsonl" "$DATA/out1.jsonl" || { echo "one- and two-thread reports differ" >&2; exit 1; }; }
        measure "eval S1 $fmt -> table" "$n" -- "$BIN" eval "${common[@]}" --format table -o "$DATA/out.txt"
        [ "$fmt" = csv ] && measure "eval S1 $fmt -> csv" "$n" -- "$BIN" eval "${common[@]}" --format csv -o "$DATA/out.csv"
        measure "check S1 $fmt" "$n" -- "$BIN" check "${common[@]}"
    done
    cases=$(gen s2 "$n" csv)
    measure "eval S2 csv -> jsonl" "$n" -- "$BIN" eval --rules rules/s2-case-management.yaml --cases "$cases" \
        --roster "$DATA/s2-roster.csv" --as-of "$AS_OF" --format jsonl -o "$DATA/out.jsonl"
done

if [ -n "${SCALE:-}" ]; then
    cases=$(gen s1 2000000 csv)
    measure "eval S1 csv -> jsonl" 2000000 -- "$BIN" eval --rules rules/s1-complaint-handling.yaml --cases "$cases" \
        --roster "$DATA/s1-roster.csv" --as-of "$AS_OF" --format jsonl -o "$DATA/out.jsonl"
    measure "check S1 csv" 2000000 -- "$BIN" check --rules rules/s1-complaint-handling.yaml --cases "$cases" \
        --roster "$DATA/s1-roster.csv" --as-of "$AS_OF"
fi
