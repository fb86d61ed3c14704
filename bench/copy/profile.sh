#!/usr/bin/env bash
# Where the time of one `flexmigrate migrate` goes, phase by phase and inside the copy, read from outside the tool:
# both servers' slow query log with long_query_time=0 (log_output=TABLE: each statement's start and duration to the
# microsecond) records every statement FlexMigrate sends, the ledger's phase updates mark the phases, and the
# process's own start and exit frame them.
# Nothing in FlexMigrate is instrumented, so the profile measures the same binary the copy benchmark runs.
#
#   bench/copy/profile.sh        DATASET=8x200000 PARALLELISM=4 CHUNK_ROWS=100000
# Uses the dataset bench/copy/run.sh prepares (database fm_bench_DATASET) and the same server pair.
set -euo pipefail
cd "$(dirname "$0")/../.."

DATASET=${DATASET:-8x200000}
PARALLELISM=${PARALLELISM:-4}
CHUNK_ROWS=${CHUNK_ROWS:-100000}
DB=${DB:-fm_bench_$DATASET}
SRC_PORT=${FLEXMIGRATE_SOURCE_PORT:-13306}
DST_PORT=${FLEXMIGRATE_TARGET_PORT:-13307}
SRC="mariadb --no-defaults -h127.0.0.1 -P$SRC_PORT -uroot"
DST="mariadb --no-defaults -h127.0.0.1 -P$DST_PORT -uroot"
WORK=${BENCH_WORK:-/tmp/fm-bench-copy}
mkdir -p "$WORK"

FLEXMIGRATE_BUFFER_POOL=${FLEXMIGRATE_BUFFER_POOL:-1G} scripts/servers.sh start
eval "$(scripts/servers.sh env)"
export FLEXMIGRATE_SOURCE FLEXMIGRATE_TARGET
[ "$($SRC -N -e "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA='$DB'")" != 0 ] \
  || { echo "profile: $DB is missing on the source; run DATASETS=$DATASET bench/copy/run.sh once" >&2; exit 2; }
dotnet build src/FlexMigrate.Cli -c Release -v q -nologo >/dev/null
$DST -e "DROP DATABASE IF EXISTS $DB; DROP DATABASE IF EXISTS flexmigrate_state"

log_on() {
  $1 -e "SET GLOBAL log_output='TABLE', GLOBAL long_query_time=0, GLOBAL log_slow_admin_statements=ON; TRUNCATE mysql.slow_log;
    SET GLOBAL slow_query_log=1"
}
log_off() { $1 -e "SET GLOBAL slow_query_log=0; SET GLOBAL long_query_time=10"; }
dump_log() {
  $1 -N -B -e "SELECT '$2', UNIX_TIMESTAMP(start_time), thread_id, TIME_TO_SEC(query_time) + MICROSECOND(query_time) / 1e6,
      REPLACE(REPLACE(LEFT(CONVERT(sql_text USING utf8mb4), 300), '\t', ' '), '\n', ' ')
    FROM mysql.slow_log WHERE sql_text NOT LIKE '%slow_query_log%' ORDER BY start_time"
}

# CPU seconds (user + system) a server has used so far, from /proc.
server_cpu() {
  awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$(cat "${FLEXMIGRATE_SERVERS_DIR:-/tmp/flexmigrate-servers}/$1/mysqld.pid")/stat"
}

log_on "$SRC"; log_on "$DST"
src_cpu=$(server_cpu source) dst_cpu=$(server_cpu target)
start=$(date +%s.%N)
/usr/bin/time -f '%U %S' -o "$WORK/profile.cpu" dotnet src/FlexMigrate.Cli/bin/Release/net10.0/flexmigrate.dll migrate \
  --databases "$DB" --parallelism "$PARALLELISM" --chunk-rows "$CHUNK_ROWS" --no-validate >/dev/null
end=$(date +%s.%N)
src_cpu=$(awk -v a="$src_cpu" -v b="$(server_cpu source)" 'BEGIN { print b - a }')
dst_cpu=$(awk -v a="$dst_cpu" -v b="$(server_cpu target)" 'BEGIN { print b - a }')
log_off "$SRC"; log_off "$DST"
{ dump_log "$SRC" source; dump_log "$DST" target; } >"$WORK/profile.log"
$SRC -e "TRUNCATE mysql.slow_log"; $DST -e "TRUNCATE mysql.slow_log"
echo "profile: $DB, parallelism $PARALLELISM, chunk rows $CHUNK_ROWS, load average $(cut -d' ' -f1-3 /proc/loadavg)"
python3 bench/copy/profile.py "$WORK/profile.log" "$start" "$end" "$PARALLELISM"
awk -v s="$src_cpu" -v t="$dst_cpu" '{ printf "CPU seconds: source server %.1f, target server %.1f, flexmigrate process %.1f (user %.1f, system %.1f)\n", s, t, $1 + $2, $1, $2 }' "$WORK/profile.cpu"
