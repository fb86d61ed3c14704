#!/usr/bin/env bash
# Copy benchmark: the same sysbench dataset copied from the source to a fresh target database by
#   (a) mariadb-dump --single-transaction | mariadb
#   (b) mydumper + myloader, both with -t $PARALLELISM
#   (c) FlexMigrate's TableCopier (bench/FlexMigrate.Bench), $PARALLELISM chunks at a time
#   (d) `flexmigrate migrate` end to end (precheck, schema, chunked copy, indexes; --no-validate), --parallelism $PARALLELISM
# on this machine's server pair (scripts/servers.sh, started with a 1G buffer pool). Prints one line per run.
#
#   bench/copy/run.sh                 TABLES=8 TABLE_SIZE=500000 PARALLELISM=4 CHUNK_ROWS=100000 RUNS=1
# Uses FLEXMIGRATE_SERVERS_DIR / FLEXMIGRATE_SOURCE_PORT / FLEXMIGRATE_TARGET_PORT like scripts/servers.sh.
set -euo pipefail
cd "$(dirname "$0")/../.."

TABLES=${TABLES:-8}
TABLE_SIZE=${TABLE_SIZE:-500000}
PARALLELISM=${PARALLELISM:-4}
CHUNK_ROWS=${CHUNK_ROWS:-100000}
RUNS=${RUNS:-1}
ONLY=${ONLY:-dump,mydumper,flexmigrate}
DB=fm_bench
SRC_PORT=${FLEXMIGRATE_SOURCE_PORT:-13306}
DST_PORT=${FLEXMIGRATE_TARGET_PORT:-13307}
SRC="mariadb --no-defaults -h127.0.0.1 -P$SRC_PORT -uroot"
DST="mariadb --no-defaults -h127.0.0.1 -P$DST_PORT -uroot"
WORK=${BENCH_WORK:-/tmp/fm-bench-copy}
ROWS=$((TABLES * TABLE_SIZE))

FLEXMIGRATE_BUFFER_POOL=${FLEXMIGRATE_BUFFER_POOL:-1G} scripts/servers.sh start
eval "$(scripts/servers.sh env)"
export FLEXMIGRATE_SOURCE FLEXMIGRATE_TARGET

prepare() {
  local have
  have=$($SRC -N -e "SELECT COALESCE(SUM(TABLE_ROWS),0) FROM information_schema.TABLES WHERE TABLE_SCHEMA='$DB'")
  if [ "$($SRC -N -e "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA='$DB'")" = "$TABLES" ] && [ "$have" -gt 0 ]; then
    return
  fi
  echo "bench: preparing $TABLES x $TABLE_SIZE rows with sysbench (once)" >&2
  $SRC -e "DROP DATABASE IF EXISTS $DB; CREATE DATABASE $DB"
  sysbench oltp_read_only --db-driver=mysql --mysql-host=127.0.0.1 --mysql-port="$SRC_PORT" --mysql-user=root \
    --mysql-db=$DB --tables="$TABLES" --table-size="$TABLE_SIZE" prepare >/dev/null
  $SRC -e "ANALYZE TABLE $(seq -s, -f "$DB.sbtest%g" 1 "$TABLES")" >/dev/null
}

fresh_target() { $DST -e "DROP DATABASE IF EXISTS $DB; SET GLOBAL innodb_max_dirty_pages_pct=90"; }

# name seconds
report() { awk -v n="$1" -v s="$2" -v r="$ROWS" 'BEGIN { printf "%-28s rows=%d seconds=%.2f rows_per_s=%.0f\n", n, r, s, r / s }'; }

checksum() { $1 -N -e "CHECKSUM TABLE $(seq -s, -f "$DB.sbtest%g" 1 "$TABLES")" | awk '{print $2}' | md5sum | cut -c1-12; }

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { print b - a }'; }

run_dump() {
  fresh_target
  local t0; t0=$(now)
  $DST -e "CREATE DATABASE $DB"
  mariadb-dump --no-defaults -h127.0.0.1 -P"$SRC_PORT" -uroot --single-transaction $DB | $DST $DB
  report "mariadb-dump|mariadb" "$(elapsed "$t0")"
}

run_mydumper() {
  fresh_target
  rm -rf "$WORK/dump"; mkdir -p "$WORK"
  local t0 t1; t0=$(now)
  mydumper -h 127.0.0.1 -P "$SRC_PORT" -u root -B $DB -t "$PARALLELISM" --rows "$CHUNK_ROWS" -o "$WORK/dump" >/dev/null
  t1=$(now)
  myloader -h 127.0.0.1 -P "$DST_PORT" -u root -B $DB -t "$PARALLELISM" -d "$WORK/dump" -o >/dev/null
  report "mydumper -t $PARALLELISM (dump)" "$(awk -v a="$t0" -v b="$t1" 'BEGIN{print b-a}')"
  report "myloader -t $PARALLELISM (load)" "$(elapsed "$t1")"
  report "mydumper+myloader -t $PARALLELISM" "$(elapsed "$t0")"
}

run_flexmigrate() {
  fresh_target
  local t0; t0=$(now)
  dotnet bench/FlexMigrate.Bench/bin/Release/net10.0/FlexMigrate.Bench.dll $DB "$PARALLELISM" "$CHUNK_ROWS" >&2
  report "flexmigrate copy -p $PARALLELISM" "$(elapsed "$t0")"
}

run_cli() {
  fresh_target
  local t0; t0=$(now)
  dotnet src/FlexMigrate.Cli/bin/Release/net10.0/flexmigrate.dll migrate --databases $DB --parallelism "$PARALLELISM" \
    --chunk-rows "$CHUNK_ROWS" --no-validate >/dev/null
  report "flexmigrate migrate -p $PARALLELISM" "$(elapsed "$t0")"
}

prepare
dotnet build src/FlexMigrate.Cli -c Release -v q -nologo >/dev/null
dotnet build bench/FlexMigrate.Bench -c Release -v q -nologo >/dev/null
SOURCE_SUM=$(checksum "$SRC")
for _ in $(seq 1 "$RUNS"); do
  for tool in ${ONLY//,/ }; do
    "run_$tool"
    [ "$(checksum "$DST")" = "$SOURCE_SUM" ] || { echo "bench: $tool left a target that differs from the source" >&2; exit 1; }
  done
done
