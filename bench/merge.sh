#!/usr/bin/env bash
# The cost of evaluating an export in slices (`eval --partial` per slice, then `merge`), against
# one run over the whole export: the merge's time and the partial files' size as shares of the
# one run's, for a split into 2, 4 and 8 slices (rows dealt round robin, so every slice spans
# every month and every person). Also checks that each merged report is the same bytes as the
# one run's.
#
#   bench/merge.sh BINARY CASES.csv ROSTER.csv [FORMAT] [RUNS]
#
# Times are medians of RUNS (default 3) with GNU time; the slices are evaluated one after the
# other, each on one thread (on a cluster they run at once on different machines).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=$1 CASES=$2 ROSTER=$3 FORMAT=${4:-jsonl} RUNS=${5:-3}
[ -x /usr/bin/time ] || { echo "needs GNU time: apt-get install time" >&2; exit 2; }
RULES=${RULES:-rules/s1-complaint-handling.yaml}
ASOF=2026-12-31T18:00+08:00
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR + 1) / 2)]}'; }
timed() {  # timed LABEL COMMAND…: appends "LABEL wall" to $OUT/times
    local label=$1; shift
    /usr/bin/time -f "$label %e" -a -o "$OUT/times" "$@"
}
for _ in $(seq "$RUNS"); do
    timed one "$BIN" eval --rules "$RULES" --cases "$CASES" --roster "$ROSTER" --as-of $ASOF --format "$FORMAT" -o "$OUT/one.out"
done
one=$(awk '$1 == "one" {print $2}' "$OUT/times" | median)
report=$(stat -c %s "$OUT/one.out")
printf 'one run: %s s (median of %s), report %s bytes\n' "$one" "$RUNS" "$report"
printf '%6s %12s %12s %14s %12s %10s\n' slices "partials s" "merge s" "merge/one" "partial MB" "size/report"
for n in 2 4 8; do
    rm -f "$OUT"/slice-* "$OUT"/*.partial
    # Deal the records round robin into n CSV files under the header. A quoted field may hold a
    # line break (the generator writes some), so records are told by Python's CSV parser.
    python3 - "$CASES" "$OUT" "$n" <<'PY'
import csv, io, sys
cases, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
text = open(cases, encoding="utf-8-sig", newline="").read()
lines = text.splitlines(keepends=True)
reader = csv.reader(io.StringIO(text))
files = [open(f"{out}/slice-{i}.csv", "w", encoding="utf-8", newline="") for i in range(n)]
start, k = 0, -1
for _ in reader:
    record = "".join(lines[start:reader.line_num])
    start = reader.line_num
    if k < 0:
        for f in files: f.write(record)
    else:
        files[k % n].write(record)
    k += 1
for f in files: f.close()
PY
    start=$(date +%s.%N)
    for i in $(seq 0 $((n - 1))); do
        RULEBOOK_THREADS=1 "$BIN" eval --rules "$RULES" --cases "$OUT/slice-$i.csv" --roster "$ROSTER" --as-of $ASOF \
            --partial "$OUT/$i.partial"
    done
    partials=$(echo "$(date +%s.%N) - $start" | bc)
    for _ in $(seq "$RUNS"); do
        timed "merge$n" "$BIN" merge --rules "$RULES" --roster "$ROSTER" --input-name "$CASES" --format "$FORMAT" \
            -o "$OUT/merged.out" "$OUT"/*.partial
    done
    cmp -s "$OUT/one.out" "$OUT/merged.out" || { echo "merged report of $n slices differs from one run" >&2; exit 1; }
    merge=$(awk -v l="merge$n" '$1 == l {print $2}' "$OUT/times" | median)
    size=$(cat "$OUT"/*.partial | wc -c)
    printf '%6s %12.2f %12s %14.2f %12.1f %10.2f\n' $n "$partials" "$merge" "$(echo "$merge / $one" | bc -l)" \
        "$(echo "$size / 1000000" | bc -l)" "$(echo "$size / $report" | bc -l)"
done
echo "merged reports identical to the one run's"
