#!/usr/bin/env bash
# Where the time of one `flexmigrate migrate` of the scale set goes (issue 20), read from outside the tool like
# bench/copy/profile.sh: both servers' slow query log at long_query_time=0 records every statement, the ledger's phase
# updates split the run into phases, and bench/scale/profile.py counts the statements of each phase by shape (literals
# and names replaced) and says which shapes ran once per database (bench/profile.py --shapes: the same tool as
# bench/copy/profile.sh's --chunks view).
#
#   DATABASES=1000 TABLES=10 bench/scale/profile.sh     (the set bench/scale/run.sh makes; ONLY=prepare makes it)
#   CLI_DLL=/path/flexmigrate.dll ...                   (a CLI built beforehand instead of building the worktree's)
# Uses FLEXMIGRATE_SERVERS_DIR / FLEXMIGRATE_SOURCE_PORT / FLEXMIGRATE_TARGET_PORT like scripts/servers.sh.
set -euo pipefail
cd "$(dirname "$0")/../.."

. bench/lib.sh

DATABASES=${DATABASES:-1000}
TABLES=${TABLES:-10}
PARALLELISM=${PARALLELISM:-4}
MODE=${MODE:-offline}
PREFIX=${PREFIX:-fm_s${DATABASES}x${TABLES}}
WORK=${BENCH_WORK:-/tmp/fm-bench-scale-profile}
mkdir -p "$WORK"

bench_servers
[ "$("${SRC[@]}" -N -e "SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE '${PREFIX}\_%'")" = "$DATABASES" ] \
  || { echo "profile: the source lacks the set; run DATABASES=$DATABASES TABLES=$TABLES ONLY=prepare bench/scale/run.sh" >&2; exit 2; }
bench_cli
"${DST[@]}" -N -e "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE '${PREFIX}\_%'" \
  | while read -r db; do echo "DROP DATABASE \`$db\`;"; done | "${DST[@]}"

args=(migrate --databases "$(for d in $(seq 1 "$DATABASES"); do printf '%s_%04d\n' "$PREFIX" "$d"; done | paste -sd, -)"
  --no-validate --parallelism "$PARALLELISM" --json)
[ "$MODE" = online ] && args+=(--mode online --cutover-when-lag-below 5)
statement_log_on SRC; statement_log_on DST
start=$(date +%s.%N)
/usr/bin/time -f '%U %S %M' -o "$WORK/profile.cpu" "${CLI[@]}" "${args[@]}" >"$WORK/report.json"
end=$(date +%s.%N)
statement_log_off SRC; statement_log_off DST
{ statement_log_dump SRC source; statement_log_dump DST target; } >"$WORK/profile.log"
echo "profile: $DATABASES database(s) x $TABLES tables, parallelism $PARALLELISM, $MODE, $(load_average)"
python3 bench/profile.py "$WORK/profile.log" "$start" "$end" --shapes "$DATABASES"
awk '{ printf "flexmigrate process: CPU %.1f s (user %.1f, system %.1f), peak RSS %.0f MiB\n", $1 + $2, $1, $2, $3 / 1024 }' "$WORK/profile.cpu"
