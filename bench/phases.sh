#!/usr/bin/env bash
# Where a run's wall time goes, thread by thread: `eval` (or `check`) of generated S1 cases under
# `perf record`, its samples grouped by the name each of rulebook's threads gives itself
# (rulebook-read, rulebook-eval, rulebook-render, rulebook-write; the main thread is
# `rulebook`). Two phases: reading and evaluating (until the last sample of a reading or
# evaluating thread), then writing the report (merging, rendering, writing). For each, its
# wall time, each role's CPU seconds, and how much of the machine's cores the process kept
# busy; BINS=0.25 adds a table of each role's busy share per quarter second; FREQ sets perf's
# samples a second (999).
#
#   bench/phases.sh BINARY                       # eval of 1,000,000 cases to JSON Lines
#   COMMAND=check COUNT=200000 THREADS=1 bench/phases.sh BINARY
#   DATA=/tmp/rb RULES=/old/checkout/rules BINS=0.5 bench/phases.sh BINARY
#
# The report goes to a new file (the last one removed and the disk synced first, as in
# bench/targets.sh). Needs `perf` (Debian: linux-perf) and GNU time.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -eq 1 ] && [ -x "$1" ] || { echo "usage: bench/phases.sh BINARY (an executable)" >&2; exit 2; }
command -v perf >/dev/null || { echo "needs perf: apt-get install linux-perf" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "needs GNU time: apt-get install time" >&2; exit 2; }
BIN=$1
COMMAND=${COMMAND:-eval}
COUNT=${COUNT:-1000000}
FREQ=${FREQ:-999}
case "$COMMAND" in eval|check) ;; *) echo "COMMAND is eval or check: $COMMAND" >&2; exit 2 ;; esac
[[ "$COUNT" =~ ^[1-9][0-9]{0,8}$ ]] || { echo "COUNT must be a count of cases: $COUNT" >&2; exit 2; }
[[ "${BINS:-0}" =~ ^[0-9]*\.?[0-9]+$ ]] || { echo "BINS must be seconds: $BINS" >&2; exit 2; }
# perf refuses 0 and quietly caps a frequency above the system's limit (kernel.perf_event_max_sample_rate).
[[ "$FREQ" =~ ^[1-9][0-9]{0,3}$ ]] || { echo "FREQ must be samples a second, 1 to 9999: $FREQ" >&2; exit 2; }
# The CLI ignores a RULEBOOK_THREADS that is no whole number: the profile would not be the one asked for.
[[ "${THREADS:-1}" =~ ^[1-9][0-9]{0,1}$ ]] || { echo "THREADS must be a count of threads, 1 to 99: $THREADS" >&2; exit 2; }
RULES=${RULES:-rules}/s1-complaint-handling.yaml
OUT=$(mktemp -d)
DATA=${DATA:-$OUT}
mkdir -p "$DATA"
trap 'rm -rf "$OUT"' EXIT

[ -s "$DATA/s1-$COUNT.csv" ] || "$BIN" generate --policy s1 --count "$COUNT" --seed 42 --format csv \
    -o "$DATA/s1-$COUNT.csv" --roster "$DATA/s1-roster.csv"
args=(--rules "$RULES" --roster "$DATA/s1-roster.csv" --as-of 2026-12-31T18:00+08:00 --cases "$DATA/s1-$COUNT.csv")
if [ "$COMMAND" = eval ]; then args+=(--format jsonl -o "$OUT/report.jsonl"); else args+=(-o "$OUT/report.txt"); fi
sync
rc=0
env ${THREADS:+RULEBOOK_THREADS=$THREADS} /usr/bin/time -f "%e %U %S %M" -o "$OUT/time" \
    perf record -q -F "$FREQ" -e cpu-clock -o "$OUT/perf.data" "$BIN" "$COMMAND" "${args[@]}" 2>"$OUT/stderr" || rc=$?
# check exits 1 when it finds violations: its normal outcome here.
if [ "$rc" -gt 1 ]; then echo "$COMMAND failed ($rc):" >&2; cat "$OUT/stderr" >&2; exit 1; fi
# GNU time puts "Command exited with non-zero status 1" first when check found violations.
read -r wall user sys rss < <(tail -n 1 "$OUT/time")
cores=$(nproc)
echo "$COMMAND of $COUNT cases: wall $wall s, user $user s, system $sys s, peak $((rss / 1024)) MB, $cores cores"

perf script -i "$OUT/perf.data" -F comm,time 2>/dev/null | awk -v freq="$FREQ" -v cores="$cores" -v bins="${BINS:-0}" '
{
    t = $NF; sub(":", "", t); t += 0
    comm = $1; for (i = 2; i < NF; i++) comm = comm " " $i
    n++; T[n] = t; C[n] = comm
    if (n == 1 || t < t0) t0 = t
    if (t > t1) t1 = t
    if ((comm == "rulebook-read" || comm == "rulebook-eval") && t > e) e = t
    roles[comm] = 1
}
END {
    if (n == 0) { print "no samples"; exit 1 }
    if (e == 0) e = t1  # one thread: a single phase
    for (i = 1; i <= n; i++) {
        p = (T[i] <= e) ? 1 : 2
        cpu[p, C[i]]++; all[p]++
        if (bins > 0) { b = int((T[i] - t0) / bins); busy[b, C[i]]++; if (b > last) last = b }
    }
    printf "samples span %.2f s of the wall time (the rest: perf starting and stopping, the process waiting)\n", t1 - t0
    split("reading and evaluating|writing the report", name, "|")
    for (p = 1; p <= 2; p++) {
        w = (p == 1) ? e - t0 : t1 - e
        if (p == 2 && w <= 0) continue
        printf "%s: %.2f s wall, %.2f CPU s, %.0f%% of %d cores\n", name[p], w, all[p] / freq, (w > 0 ? 100 * all[p] / freq / (w * cores) : 0), cores
        for (r in roles) if (cpu[p, r] > 0) printf "  %-16s %6.2f CPU s\n", r, cpu[p, r] / freq
    }
    if (bins > 0) {
        printf "\nbusy share of one core, per %s s:\n%6s", bins, "from"
        for (r in roles) printf " %16s", r
        printf "\n"
        for (b = 0; b <= last; b++) {
            printf "%6.2f", b * bins
            for (r in roles) printf " %15.0f%%", 100 * busy[b, r] / (freq * bins)
            printf "\n"
        }
    }
}'
