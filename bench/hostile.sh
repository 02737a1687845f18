#!/usr/bin/env bash
# Hostile sizes: time and peak memory of validate/eval on inputs that used to be quadratic or
# unbounded, at two sizes each, so the ratio shows the growth (10× the input should cost ~10×,
# not ~100×). Figures are recorded in bench/README.md.
#
#   bench/hostile.sh                        # release build, then measure
#   RULEBOOK_BIN=/path/to/rulebook bench/hostile.sh
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x /usr/bin/time ] || { echo "needs GNU time: apt-get install time" >&2; exit 2; }
if [ -n "${RULEBOOK_BIN:-}" ]; then
    BIN=$RULEBOOK_BIN
else
    swift build -c release >&2
    BIN=$(swift build -c release --show-bin-path)/rulebook
fi
ROOT=$PWD
DATA=$(mktemp -d)
trap 'rm -rf "$DATA"' EXIT

python3 - "$DATA" "$ROOT" <<'PY'
import sys, csv
data, root = sys.argv[1], sys.argv[2]
head = open(f"{root}/rules/s1-complaint-handling.yaml", encoding="utf-8").read()
head = head.replace("calendar: calendars/cn-office.yaml", f"calendar: {root}/rules/calendars/cn-office.yaml")
for n in (10_000, 100_000):
    items = ", ".join(f"v{i}" for i in range(n))
    open(f"{data}/flow-{n}.yaml", "w").write(head.replace("values: [general, major]", f"values: [general, major, {items}]"))
    chain = "".join(f"  d{i}: d{i-1}\n" if i else "  d0: received_at\n" for i in range(n))
    open(f"{data}/derive-{n}.yaml", "w").write(head.replace("derive:\n", "derive:\n" + chain))
for n in (2_000, 20_000):
    dl = "".join(f"  - id: dl{i}\n    from: received_at\n    to: form_issued_at\n    within: 1h\n" for i in range(n))
    open(f"{data}/deadlines-{n}.yaml", "w").write(head.replace("deadlines:\n", "deadlines:\n" + dl))
rows = list(csv.reader(open(f"{root}/fixtures/s1/cases.csv", encoding="utf-8")))
col = [k for k, c in enumerate(rows[0]) if c in ("接收时间", "received_at")][0]
for mb in (1, 10):
    r = rows[1][:]; r[col] = "9" * (mb << 20)
    w = csv.writer(open(f"{data}/field-{mb}m.csv", "w", newline="", encoding="utf-8"))
    w.writerow(rows[0]); w.writerow(r)
    ident = head.replace('when: severity == "general"', "when: " + "x" * (mb << 20) + ' == "general"', 1)
    open(f"{data}/ident-{mb}m.yaml", "w").write(ident)
PY
# Exports whose rows repeat case ids, with --rejects: a generated export written twice over,
# and every row of it given the first row's id (each repeat used to be held to the end).
for n in 20000 200000; do
    "$BIN" generate --policy s1 --count $n --seed 42 --format csv -o "$DATA/gen-$n.csv" --roster "$DATA/roster-$n.csv" >/dev/null
    { cat "$DATA/gen-$n.csv"; tail -n +2 "$DATA/gen-$n.csv"; } > "$DATA/doubled-$n.csv"
    python3 - "$DATA/gen-$n.csv" "$DATA/oneid-$n.csv" <<'PY'
import sys, csv
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig")))
w = csv.writer(open(sys.argv[2], "w", newline="", encoding="utf-8"))
w.writerow(rows[0])
for r in rows[1:]: w.writerow([rows[1][0]] + r[1:])
PY
done

printf '%-34s %9s %9s\n' measurement "wall s" "peak MB"
run() {  # name command...: one run (these are seconds, not microseconds); exit codes 0 or 2 both count
    local name=$1; shift
    /usr/bin/time -o "$DATA/time" -f '%e %M' "$@" >/dev/null 2>&1 || true
    read -r wall rss < <(tail -1 "$DATA/time") || true
    rss=${rss:-0}
    printf '%-34s %9s %9s\n' "$name" "$wall" "$(( rss / 1024 ))"
}
for n in 10000 100000; do run "validate flow list $n" "$BIN" validate "$DATA/flow-$n.yaml"; done
for n in 10000 100000; do run "validate derive chain $n" "$BIN" validate "$DATA/derive-$n.yaml"; done
for n in 2000 20000; do run "validate deadlines $n" "$BIN" validate "$DATA/deadlines-$n.yaml"; done
for mb in 1 10; do run "validate unknown name ${mb} MB" "$BIN" validate "$DATA/ident-${mb}m.yaml"; done
for mb in 1 10; do
    run "eval bad field ${mb} MB --rejects" "$BIN" eval --rules rules/s1-complaint-handling.yaml --cases "$DATA/field-${mb}m.csv" \
        --roster fixtures/s1/roster.csv --as-of 2026-11-30T18:00+08:00 --rejects "$DATA/rejects.csv"
done
for n in 20000 200000; do
    for kind in doubled oneid; do
        run "eval $kind $n --rejects" "$BIN" eval --rules rules/s1-complaint-handling.yaml --cases "$DATA/$kind-$n.csv" \
            --roster "$DATA/roster-$n.csv" --as-of 2026-12-31T18:00+08:00 --format jsonl -o "$DATA/out.jsonl" --rejects "$DATA/rejects.csv"
    done
done
run "eval --cases /dev/zero (csv)" "$BIN" eval --rules rules/s1-complaint-handling.yaml --cases /dev/zero --roster fixtures/s1/roster.csv
run "eval --cases /dev/zero (jsonl)" "$BIN" eval --rules rules/s1-complaint-handling.yaml --cases /dev/zero --cases-format jsonl --roster fixtures/s1/roster.csv
