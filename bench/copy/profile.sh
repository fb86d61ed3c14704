#!/usr/bin/env bash
# Where the time of one `flexmigrate migrate` goes, phase by phase and inside the copy, read from outside the tool:
# both servers' slow query log with long_query_time=0 (log_output=TABLE: each statement's start and duration to the
# microsecond) records every statement FlexMigrate sends, the ledger's phase updates mark the phases, and the
# process's own start and exit frame them.
# Nothing in FlexMigrate is instrumented, so the profile measures the same binary the copy benchmark runs.
#
#   bench/copy/profile.sh        DATASET=8x200000 PARALLELISM=4 CHUNK_ROWS=100000
#   CLI_DLL=/path/flexmigrate.dll ...                  (a CLI built beforehand instead of building the worktree's)
# Uses the dataset bench/copy/run.sh prepares (database fm_bench_DATASET) and the same server pair; bench/profile.py
# --chunks reads the log (the view bench/scale/profile.sh's --shapes is the other of).
set -euo pipefail
cd "$(dirname "$0")/../.."

. bench/lib.sh

DATASET=${DATASET:-8x200000}
PARALLELISM=${PARALLELISM:-4}
CHUNK_ROWS=${CHUNK_ROWS:-100000}
DB=${DB:-fm_bench_$DATASET}
WORK=${BENCH_WORK:-/tmp/fm-bench-copy}
mkdir -p "$WORK"

bench_servers
[ "$("${SRC[@]}" -N -e "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA='$DB'")" != 0 ] \
  || { echo "profile: $DB is missing on the source; run DATASETS=$DATASET bench/copy/run.sh once" >&2; exit 2; }
bench_cli
"${DST[@]}" -e "DROP DATABASE IF EXISTS $DB; DROP DATABASE IF EXISTS flexmigrate_state"

# CPU seconds (user + system) a server has used so far, from /proc.
server_cpu() {
  awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$(cat "$FLEXMIGRATE_SERVERS_DIR/$1/mysqld.pid")/stat"
}

statement_log_on SRC; statement_log_on DST
src_cpu=$(server_cpu source) dst_cpu=$(server_cpu target)
start=$(date +%s.%N)
/usr/bin/time -f '%U %S' -o "$WORK/profile.cpu" "${CLI[@]}" migrate \
  --databases "$DB" --parallelism "$PARALLELISM" --chunk-rows "$CHUNK_ROWS" --no-validate >/dev/null
end=$(date +%s.%N)
src_cpu=$(awk -v a="$src_cpu" -v b="$(server_cpu source)" 'BEGIN { print b - a }')
dst_cpu=$(awk -v a="$dst_cpu" -v b="$(server_cpu target)" 'BEGIN { print b - a }')
statement_log_off SRC; statement_log_off DST
{ statement_log_dump SRC source; statement_log_dump DST target; } >"$WORK/profile.log"
echo "profile: $DB, parallelism $PARALLELISM, chunk rows $CHUNK_ROWS, $(load_average)"
python3 bench/profile.py "$WORK/profile.log" "$start" "$end" --chunks "$PARALLELISM"
awk -v s="$src_cpu" -v t="$dst_cpu" '{ printf "CPU seconds: source server %.1f, target server %.1f, flexmigrate process %.1f (user %.1f, system %.1f)\n", s, t, $1 + $2, $1, $2 }' "$WORK/profile.cpu"
