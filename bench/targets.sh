#!/usr/bin/env bash
# The speed targets of issue 13 ("The evaluation core, round three"), measured for one build or
# for two side by side (their runs alternating, so that the machine's load falls on both):
#
#   bench/targets.sh NEW_BINARY                     # the targets, this build
#   bench/targets.sh OLD_BINARY NEW_BINARY          # and an earlier build beside it
#   RUNS=5 DATA=/tmp/rb RULES=/old/checkout/rules bench/targets.sh OLD NEW
#
# The lines: `check` of 1,000,000 S1 cases (two threads, violations to /dev/null); `eval` of
# the same to JSON Lines, written to a new file (the last run's report is removed, and the
# disk synced, before each run and outside its timing: putting a 1.3 GB report over an earlier
# one costs this machine 1–4 s of its own, see bench/README.md); `check` of 200,000 cases on
# one thread, per case (its 20 MB of violations also to a new file, the last removed and the
# disk synced first, as for `eval`). Each with its median wall time over RUNS runs (3 by default), the
# fastest and slowest, and the peak resident memory; the reports of the two builds must be
# the same bytes (COMPARE=0 for a build whose reports differ by design: an earlier format).
#
# RULES is a folder holding `s1-complaint-handling.yaml` (default: this checkout's `rules`):
# for a build older than the shipped policy, give both builds that build's copy. DATA holds the
# generated exports (made with the newest build when missing; default a temporary folder).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x /usr/bin/time ] || { echo "needs GNU time: apt-get install time" >&2; exit 2; }
[ $# -ge 1 ] && [ $# -le 2 ] || { echo "usage: bench/targets.sh [OLD_BINARY] NEW_BINARY" >&2; exit 2; }
BINS=("$@")
for b in "${BINS[@]}"; do [ -x "$b" ] || { echo "not an executable: $b" >&2; exit 2; }; done
NEWEST=${BINS[$#-1]}
RUNS=${RUNS:-3}
[[ "$RUNS" =~ ^[1-9][0-9]{0,2}$ ]] || { echo "RUNS must be a count of runs, 1 to 999: $RUNS" >&2; exit 2; }
RULES=${RULES:-rules}/s1-complaint-handling.yaml
AS_OF=2026-12-31T18:00+08:00
OUT=$(mktemp -d)
DATA=${DATA:-$OUT}
mkdir -p "$DATA"
trap 'rm -rf "$OUT"' EXIT

for n in 200000 1000000; do
    [ -s "$DATA/s1-$n.csv" ] || "$NEWEST" generate --policy s1 --count "$n" --seed 42 --format csv \
        -o "$DATA/s1-$n.csv" --roster "$DATA/s1-roster.csv"
done

# run SIDE LINE -- command...: appends "SIDE LINE wall maxrss-KB" to $OUT/times.
run() {
    local side=$1 line=$2 rc=0; shift 3
    /usr/bin/time -f "$side $line %e %M" -a -o "$OUT/times" "$@" 2>"$OUT/stderr" || rc=$?
    # check exits 1 when it finds violations: its normal outcome here.
    if [ "$rc" -gt 1 ]; then echo "$side $line failed ($rc):" >&2; cat "$OUT/stderr" >&2; exit 1; fi
}

for _ in $(seq "$RUNS"); do
    for side in "${!BINS[@]}"; do
        bin=${BINS[$side]}
        common=(--rules "$RULES" --roster "$DATA/s1-roster.csv" --as-of "$AS_OF")
        run "$side" check1M -- "$bin" check "${common[@]}" --cases "$DATA/s1-1000000.csv" -o /dev/null
        rm -f "$OUT/eval-$side.jsonl"; sync
        run "$side" eval1M -- "$bin" eval "${common[@]}" --cases "$DATA/s1-1000000.csv" --format jsonl -o "$OUT/eval-$side.jsonl"
        rm -f "$OUT/check-$side.txt"; sync
        run "$side" check200k1t -- env RULEBOOK_THREADS=1 "$bin" check "${common[@]}" --cases "$DATA/s1-200000.csv" -o "$OUT/check-$side.txt"
    done
done

# Medians (the middle run, the upper of two), ranges and the targets.
awk -v runs="$RUNS" -v sides=$# -v a="${BINS[0]}" -v b="${BINS[$#-1]}" '
    { t[$1, $2, ++n[$1, $2]] = $3; m[$1, $2] = ($4 > m[$1, $2] ? $4 : m[$1, $2]) }
    function median(s, l,   i, j, v, k, tmp) {
        k = n[s, l]
        for (i = 1; i <= k; i++) v[i] = t[s, l, i]
        for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (v[j] < v[i]) { tmp = v[i]; v[i] = v[j]; v[j] = tmp }
        lo[s, l] = v[1]; hi[s, l] = v[k]
        return v[int(k / 2) + 1]
    }
    END {
        split("check1M eval1M check200k1t", lines, " ")
        name["check1M"] = "check 1,000,000 S1 cases, two threads"; target["check1M"] = 2; per["check1M"] = 1
        name["eval1M"] = "eval 1,000,000 S1 CSV -> JSONL, to a new file"; target["eval1M"] = 3; per["eval1M"] = 1
        name["check200k1t"] = "check one thread (200,000 cases), per case"; target["check200k1t"] = 3; per["check200k1t"] = 200000
        printf "median of %d runs%s\n", runs, (sides == 2 ? ", the builds alternating" : "")
        for (s = 0; s < sides; s++) printf "  build %d: %s\n", s, (s == 0 ? a : b)
        for (i = 1; i <= 3; i++) {
            l = lines[i]
            unit = (per[l] > 1 ? "µs" : "s")
            scale = (per[l] > 1 ? 1e6 / per[l] : 1)
            printf "%-48s target < %g %s\n", name[l], target[l], unit
            for (s = 0; s < sides; s++) {
                v = median(s, l) * scale
                printf "  build %d: %7.2f %s (%.2f–%.2f), peak %.1f MB%s\n", s, v, unit, lo[s, l] * scale, hi[s, l] * scale,
                    m[s, l] / 1024, (s == sides - 1 ? (v < target[l] ? "   met" : "   NOT met") : "")
            }
            if (sides == 2) printf "  ratio (build 1 / build 0): %.2f\n", median(1, l) / median(0, l)
        }
    }' "$OUT/times"

if [ $# = 2 ] && [ "${COMPARE:-1}" = 1 ]; then
    for f in eval-%s.jsonl check-%s.txt; do
        # shellcheck disable=SC2059
        cmp -s "$OUT/$(printf "$f" 0)" "$OUT/$(printf "$f" 1)" || { echo "the two builds' reports differ ($f)" >&2; exit 1; }
    done
    echo "the two builds' reports are the same bytes"
fi
