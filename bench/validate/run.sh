#!/usr/bin/env bash
# Validation benchmark: sysbench tables (default 4 x 1,000,000 rows) on the source, copied to the target with
# mariadb-dump | mariadb, then timed: `flexmigrate validate`, CHECKSUM TABLE on both servers, and the dump copy itself.
#
#   bench/validate/run.sh                  prepare (if missing), copy, measure
#   TABLES=4 TABLE_SIZE=1000000 PARALLELISM=4 bench/validate/run.sh
#
# Uses this helper's server pair (override FLEXMIGRATE_SERVERS_DIR / _SOURCE_PORT / _TARGET_PORT) started with a 1G
# buffer pool. Generated data stays in the servers' data directories; nothing is written into the repository.
set -euo pipefail
cd "$(dirname "$0")/../.."

. bench/lib.sh
TABLES=${TABLES:-4}
TABLE_SIZE=${TABLE_SIZE:-1000000}
PARALLELISM=${PARALLELISM:-4}
DB=fm_validate_bench
ROWS=$((TABLES * TABLE_SIZE))

bench_servers /tmp/fm-validation 13346
if [ "$("${SRC[@]}" -N -e 'SELECT @@innodb_buffer_pool_size')" -lt 1073741824 ]; then
  scripts/servers.sh stop # started earlier with a smaller pool: the figures below want both tables in memory
  scripts/servers.sh start
fi

rate() { awk -v r="$1" -v s="$2" 'BEGIN { printf "%.1f s, %.0f rows/s", s, r / s }'; }

have=$("${SRC[@]}" -N -e "SELECT COALESCE(SUM(TABLE_ROWS),0) FROM information_schema.TABLES WHERE TABLE_SCHEMA='$DB'")
if [ "$have" -lt $((ROWS * 9 / 10)) ]; then
  echo "bench: preparing $TABLES x $TABLE_SIZE rows with sysbench" >&2
  "${SRC[@]}" -e "DROP DATABASE IF EXISTS $DB; CREATE DATABASE $DB"
  sysbench oltp_read_only --mysql-host=127.0.0.1 --mysql-port="$FLEXMIGRATE_SOURCE_PORT" --mysql-user=root \
    --mysql-db=$DB --tables="$TABLES" --table-size="$TABLE_SIZE" --threads=2 prepare >/dev/null
  "${SRC[@]}" -e "ANALYZE TABLE $(seq -s, -f "$DB.sbtest%g" 1 "$TABLES")" >/dev/null

  echo "bench: copying with mariadb-dump | mariadb" >&2
  "${DST[@]}" -e "DROP DATABASE IF EXISTS $DB"
  t0=$(now)
  mariadb-dump --no-defaults -h127.0.0.1 -P"$FLEXMIGRATE_SOURCE_PORT" -uroot --single-transaction --databases $DB \
    | "${DST[@]}"
  t1=$(now)
  echo "copy (mariadb-dump | mariadb): $(rate $ROWS "$(elapsed "$t0" "$t1")")"
  "${DST[@]}" -e "ANALYZE TABLE $(seq -s, -f "$DB.sbtest%g" 1 "$TABLES")" >/dev/null
fi

echo "bench: building flexmigrate (Release)" >&2
bench_cli

# Warm both buffer pools the same way for every measurement that follows.
"${SRC[@]}" -e "CHECKSUM TABLE $(seq -s, -f "$DB.sbtest%g" 1 "$TABLES")" >/dev/null
"${DST[@]}" -e "CHECKSUM TABLE $(seq -s, -f "$DB.sbtest%g" 1 "$TABLES")" >/dev/null

t0=$(now)
"${CLI[@]}" validate --databases $DB --parallelism "$PARALLELISM" --json /tmp/fm-validate-bench.json >/tmp/fm-validate-bench.txt 2>/dev/null \
  || { echo "bench: validate reported differences or failed:"; cat /tmp/fm-validate-bench.txt; exit 1; }
t1=$(now)
echo "flexmigrate validate --parallelism $PARALLELISM: $(rate $ROWS "$(elapsed "$t0" "$t1")")"
tail -n 1 /tmp/fm-validate-bench.txt

t0=$(now)
"${SRC[@]}" -e "CHECKSUM TABLE $(seq -s, -f "$DB.sbtest%g" 1 "$TABLES")" >/dev/null &
"${DST[@]}" -e "CHECKSUM TABLE $(seq -s, -f "$DB.sbtest%g" 1 "$TABLES")" >/dev/null &
wait
t1=$(now)
echo "CHECKSUM TABLE, both servers at once (no keys named, no snapshot): $(rate $ROWS "$(elapsed "$t0" "$t1")")"
