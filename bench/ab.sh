#!/usr/bin/env bash
# Side by side: runs two rulebook binaries in turn on the same export and prints the median
# wall and user seconds of each, then checks that their reports are the same bytes.
#
#   bench/ab.sh OLD_BINARY NEW_BINARY CASES.csv ROSTER.csv [RUNS] [FORMAT]
#
# FORMAT is an `eval` format (default jsonl), or `check` to time `rulebook check` (its lines
# compared the same way). RULEBOOK_THREADS=1 in the environment times one thread.
#
# Alternating the runs spreads the machine's load over both binaries (on a shared machine a
# run of one after the other measures the neighbours as much as the change).
#
# FRESH=1 removes each side's last report (and syncs) before its next run, outside the timing:
# a report put in place over an earlier one of 1.3 GB (1M cases, JSON Lines) costs the kernel
# 1–4 s on this machine at the rename (the old file's pages freed, the new one's flushed by
# ext4), which swamps the change being measured. Without it, each run replaces the last.
set -euo pipefail
cd "$(dirname "$0")/.."
A=$1 B=$2 CASES=$3 ROSTER=$4 RUNS=${5:-5} FORMAT=${6:-jsonl}
[ -x /usr/bin/time ] || { echo "needs GNU time: apt-get install time" >&2; exit 2; }
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
for _ in $(seq "$RUNS"); do
    for side in a b; do
        bin=$A; [ "$side" = b ] && bin=$B
        if [ "${FRESH:-0}" = 1 ]; then rm -f "$OUT/$side.out"; sync; fi
        if [ "$FORMAT" = check ]; then
            # check exits 1 when it finds violations: that is its normal outcome here.
            /usr/bin/time -f "$side %e %U" -a -o "$OUT/times" "$bin" check --rules rules/s1-complaint-handling.yaml \
                --cases "$CASES" --roster "$ROSTER" --as-of 2026-12-31T18:00+08:00 -o "$OUT/$side.out" || [ $? = 1 ]
        else
            /usr/bin/time -f "$side %e %U" -a -o "$OUT/times" "$bin" eval --rules rules/s1-complaint-handling.yaml \
                --cases "$CASES" --roster "$ROSTER" --as-of 2026-12-31T18:00+08:00 --format "$FORMAT" -o "$OUT/$side.out"
        fi
    done
done
for side in a b; do
    bin=$A; [ "$side" = b ] && bin=$B
    wall=$(awk -v s=$side '$1 == s {print $2}' "$OUT/times" | sort -n | awk '{v[NR]=$1} END {print v[int((NR + 1) / 2)]}')
    user=$(awk -v s=$side '$1 == s {print $3}' "$OUT/times" | sort -n | awk '{v[NR]=$1} END {print v[int((NR + 1) / 2)]}')
    printf '%-50s wall %6s s   user %6s s   (median of %s)\n' "$bin" "$wall" "$user" "$RUNS"
done
cmp -s "$OUT/a.out" "$OUT/b.out" && echo "reports identical" || { echo "reports differ" >&2; exit 1; }
