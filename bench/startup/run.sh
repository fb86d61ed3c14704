#!/usr/bin/env bash
# Start-up benchmark (issue 18): the CLI's fixed cost, measured as `flexmigrate migrate --no-validate` of one database
# holding one 1-row table: process start, engine start, ledger, precheck, planning, the copy of one row, metadata,
# report and exit. Prints per run the wall seconds and the CPU seconds (user + sys, /usr/bin/time) of the CLI's
# process, then the median (min-max) of each; with BASELINE=<another checkout> the baseline build runs back to back
# with this one in every repetition, and the ratios of the medians are printed. Every target is checked equal to the
# source by CHECKSUM TABLE. On a shared machine read the CPU seconds: wall time follows the other processes' load.
#
#   bench/startup/run.sh                                   RUNS=5
#   CLI_DLL=/path/flexmigrate.dll BASELINE=/path/to/older/checkout bench/startup/run.sh
# Runs from the repository root (the current directory of a user's run matters: the CLI must not walk it).
# Uses FLEXMIGRATE_SERVERS_DIR / FLEXMIGRATE_SOURCE_PORT / FLEXMIGRATE_TARGET_PORT like scripts/servers.sh and
# BENCH_WORK (/tmp/fm-bench-startup).
set -euo pipefail
cd "$(dirname "$0")/../.."

. bench/lib.sh

RUNS=${RUNS:-5}
WORK=${BENCH_WORK:-/tmp/fm-bench-startup}
DB=fm_bench_startup

bench_servers
bench_cli
bench_baseline_cli
mkdir -p "$WORK"; : >"$WORK/results.tsv"

"${SRC[@]}" -e "CREATE DATABASE IF NOT EXISTS $DB; CREATE TABLE IF NOT EXISTS $DB.t (id INT PRIMARY KEY, v VARCHAR(10));
  INSERT IGNORE INTO $DB.t VALUES (1, 'a')"

# tool cli-words...: one migration into a fresh target database, its wall and CPU seconds appended to the results.
run_one() {
  local tool=$1; shift
  "${DST[@]}" -e "DROP DATABASE IF EXISTS $DB"
  local t0; t0=$(now)
  /usr/bin/time -f '%U %S' -o "$WORK/cpu" "$@" migrate --databases "$DB" --no-validate >/dev/null 2>"$WORK/err" \
    || { cat "$WORK/err" >&2; exit 1; }
  local wall cpu; wall=$(elapsed "$t0"); cpu=$(awk 'END { printf "%.2f", $1 + $2 }' "$WORK/cpu")
  checksums_equal "$DB.t" >/dev/null
  printf '%s\t%s\t%s\n' "$tool" "$wall" "$cpu" >>"$WORK/results.tsv"
  printf '%-10s wall %6.2f s  cpu %5.2f s\n' "$tool" "$wall" "$cpu"
}

echo "bench: $(date -u +%FT%TZ), $(load_average)" >&2
for run in $(seq 1 "$RUNS"); do
  echo "-- run $run" >&2
  run_one cli "${CLI[@]}"
  [ -n "${BASELINE:-}" ] && run_one baseline "${BASELINE_CLI[@]}"
done
echo "bench: done $(date -u +%FT%TZ), $(load_average)" >&2

echo
echo "median (min-max) of $RUNS runs"
for tool in cli baseline; do
  grep -q "^$tool	" "$WORK/results.tsv" || continue
  read -r wm wlo whi < <(awk -F'\t' -v t="$tool" '$1 == t { print $2 }' "$WORK/results.tsv" | spread)
  read -r cm clo chi < <(awk -F'\t' -v t="$tool" '$1 == t { print $3 }' "$WORK/results.tsv" | spread)
  printf '%-10s wall %6.2f (%.2f-%.2f) s   cpu %5.2f (%.2f-%.2f) s\n' "$tool" "$wm" "$wlo" "$whi" "$cm" "$clo" "$chi"
  eval "${tool}_wall=$wm ${tool}_cpu=$cm"
done
if [ -n "${BASELINE:-}" ]; then
  awk -v bw="$baseline_wall" -v cw="$cli_wall" -v bc="$baseline_cpu" -v cc="$cli_cpu" \
    'BEGIN { printf "baseline / cli: wall %.2fx, cpu %.2fx\n", bw / cw, bc / cc }'
fi
