#!/usr/bin/env bash
# Where the time of one `flexmigrate migrate` of the scale set goes (issue 20), read from outside the tool like
# bench/copy/profile.sh: both servers' slow query log at long_query_time=0 records every statement, the ledger's phase
# updates split the run into phases, and bench/scale/profile.py counts the statements of each phase by shape (literals
# and names replaced) and says which shapes ran once per database.
#
#   DATABASES=1000 TABLES=10 bench/scale/profile.sh     (the set bench/scale/run.sh makes; ONLY=prepare makes it)
#   CLI_DLL=/path/flexmigrate.dll ...                   (a CLI built beforehand instead of building the worktree's)
# Uses FLEXMIGRATE_SERVERS_DIR / FLEXMIGRATE_SOURCE_PORT / FLEXMIGRATE_TARGET_PORT like scripts/servers.sh.
set -euo pipefail
cd "$(dirname "$0")/../.."

DATABASES=${DATABASES:-1000}
TABLES=${TABLES:-10}
PARALLELISM=${PARALLELISM:-4}
MODE=${MODE:-offline}
PREFIX=${PREFIX:-fm_s${DATABASES}x${TABLES}}
SRC_PORT=${FLEXMIGRATE_SOURCE_PORT:-13306}
DST_PORT=${FLEXMIGRATE_TARGET_PORT:-13307}
SRC=(mariadb --no-defaults -h127.0.0.1 -P"$SRC_PORT" -uroot)
DST=(mariadb --no-defaults -h127.0.0.1 -P"$DST_PORT" -uroot)
WORK=${BENCH_WORK:-/tmp/fm-bench-scale-profile}
mkdir -p "$WORK"

scripts/servers.sh start >/dev/null
eval "$(scripts/servers.sh env)"
export FLEXMIGRATE_SOURCE FLEXMIGRATE_TARGET
[ "$("${SRC[@]}" -N -e "SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE '${PREFIX}\_%'")" = "$DATABASES" ] \
  || { echo "profile: the source lacks the set; run DATABASES=$DATABASES TABLES=$TABLES ONLY=prepare bench/scale/run.sh" >&2; exit 2; }
if [ -z "${CLI_DLL:-}" ]; then
  dotnet build src/FlexMigrate.Cli -c Release -v q -nologo >/dev/null
  CLI_DLL=src/FlexMigrate.Cli/bin/Release/net10.0/flexmigrate.dll
fi
"${DST[@]}" -N -e "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE '${PREFIX}\_%'" \
  | while read -r db; do echo "DROP DATABASE \`$db\`;"; done | "${DST[@]}"

log_on() {
  "$@" -e "SET GLOBAL log_output='TABLE', GLOBAL long_query_time=0, GLOBAL log_slow_admin_statements=ON; TRUNCATE mysql.slow_log;
    SET GLOBAL slow_query_log=1"
}
log_off() { "$@" -e "SET GLOBAL slow_query_log=0; SET GLOBAL long_query_time=10"; }
dump_log() {
  local name=$1; shift
  "$@" -N -B -e "SELECT '$name', UNIX_TIMESTAMP(start_time), thread_id, TIME_TO_SEC(query_time) + MICROSECOND(query_time) / 1e6,
      REPLACE(REPLACE(REPLACE(LEFT(CONVERT(sql_text USING utf8mb4), 400), '\t', ' '), '\n', ' '), '\r', ' ')
    FROM mysql.slow_log WHERE sql_text NOT LIKE '%slow_query_log%' ORDER BY start_time"
}

args=(migrate --databases "$(for d in $(seq 1 "$DATABASES"); do printf '%s_%04d\n' "$PREFIX" "$d"; done | paste -sd, -)"
  --no-validate --parallelism "$PARALLELISM" --json)
[ "$MODE" = online ] && args+=(--mode online --cutover-when-lag-below 5)
log_on "${SRC[@]}"; log_on "${DST[@]}"
start=$(date +%s.%N)
/usr/bin/time -f '%U %S %M' -o "$WORK/profile.cpu" dotnet "$CLI_DLL" "${args[@]}" >"$WORK/report.json"
end=$(date +%s.%N)
log_off "${SRC[@]}"; log_off "${DST[@]}"
{ dump_log source "${SRC[@]}"; dump_log target "${DST[@]}"; } >"$WORK/profile.log"
"${SRC[@]}" -e "TRUNCATE mysql.slow_log"; "${DST[@]}" -e "TRUNCATE mysql.slow_log"
echo "profile: $DATABASES database(s) x $TABLES tables, parallelism $PARALLELISM, $MODE, load average $(cut -d' ' -f1-3 /proc/loadavg)"
python3 bench/scale/profile.py "$WORK/profile.log" "$start" "$end" "$DATABASES"
awk '{ printf "flexmigrate process: CPU %.1f s (user %.1f, system %.1f), peak RSS %.0f MiB\n", $1 + $2, $1, $2, $3 / 1024 }' "$WORK/profile.cpu"
