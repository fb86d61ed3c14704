#!/usr/bin/env bash
# Resume benchmark: what a stop costs. On the same sysbench data, median of RUNS runs each:
#   memory         `flexmigrate migrate` uninterrupted, durable state in memory (the default)
#   store          the same with --state-store (history in Azurite: what the Azure Storage backend adds)
#   memory-killed  SIGKILL once half the chunks are copied (counted in the target's ledger), then `flexmigrate resume`:
#                  total wall time of both processes, the resume's own time, chunks the resume copied again
#   store-killed   the same with --state-store: the same durable instance continues
# Every target is checked equal to the source with CHECKSUM TABLE.
#
#   bench/resume/run.sh      TABLES=4 TABLE_SIZE=250000 CHUNK_ROWS=50000 RUNS=3
# Servers: FLEXMIGRATE_SERVERS_DIR (default /tmp/fm-resumebench), FLEXMIGRATE_SOURCE_PORT (13376), FLEXMIGRATE_TARGET_PORT
# (13377), FLEXMIGRATE_BUFFER_POOL (1G); Azurite: FLEXMIGRATE_AZURITE_DIR (/tmp/fm-resumebench-azurite),
# FLEXMIGRATE_AZURITE_BLOB_PORT (10453, queue and table on the next two ports).
set -euo pipefail
cd "$(dirname "$0")/../.."

. bench/lib.sh
export FLEXMIGRATE_AZURITE_DIR=${FLEXMIGRATE_AZURITE_DIR:-/tmp/fm-resumebench-azurite}
export FLEXMIGRATE_AZURITE_BLOB_PORT=${FLEXMIGRATE_AZURITE_BLOB_PORT:-10453}
export FLEXMIGRATE_AZURITE_QUEUE_PORT=$((FLEXMIGRATE_AZURITE_BLOB_PORT + 1))
export FLEXMIGRATE_AZURITE_TABLE_PORT=$((FLEXMIGRATE_AZURITE_BLOB_PORT + 2))
TABLES=${TABLES:-4}
TABLE_SIZE=${TABLE_SIZE:-250000}
CHUNK_ROWS=${CHUNK_ROWS:-50000}
RUNS=${RUNS:-3}
DB=fm_resumebench

bench_servers /tmp/fm-resumebench 13376
WORK=$FLEXMIGRATE_SERVERS_DIR/work
scripts/azurite.sh start
eval "$(scripts/azurite.sh env)"
trap 'scripts/azurite.sh stop >/dev/null 2>&1 || true' EXIT
bench_cli
mkdir -p "$WORK"

echo "bench: preparing $TABLES x $TABLE_SIZE rows" >&2
"${SRC[@]}" -e "DROP DATABASE IF EXISTS $DB; CREATE DATABASE $DB"
sysbench --db-driver=mysql --mysql-host=127.0.0.1 --mysql-port="$FLEXMIGRATE_SOURCE_PORT" --mysql-user=root --mysql-db=$DB \
  --tables="$TABLES" --table-size="$TABLE_SIZE" oltp_read_only prepare >/dev/null
CHUNKS=$(( TABLES * ((TABLE_SIZE + CHUNK_ROWS - 1) / CHUNK_ROWS) ))

reset_target() { "${DST[@]}" -e "DROP DATABASE IF EXISTS $DB; DROP DATABASE IF EXISTS flexmigrate_state"; }
checked() { checksums_equal "$(seq -s, -f "$DB.sbtest%g" 1 "$TABLES")" >/dev/null; }
store_args() { if [ "$1" = store ]; then echo --state-store "$FLEXMIGRATE_STATE_STORE"; fi; }
copied() { "${DST[@]}" -N -e "SELECT COUNT(*) FROM flexmigrate_state.migration_chunk WHERE copied_rows IS NOT NULL" 2>/dev/null || echo 0; }

uninterrupted() {
  reset_target
  local t0; t0=$(now)
  # shellcheck disable=SC2046
  "${CLI[@]}" migrate --databases $DB --chunk-rows "$CHUNK_ROWS" --no-validate $(store_args "$1") >"$WORK/$1.out" 2>"$WORK/$1.err"
  elapsed "$t0" "$(now)"
  checked
}

killed() {
  reset_target
  local t0 pid id t1 t2
  t0=$(now)
  # shellcheck disable=SC2046
  "${CLI[@]}" migrate --databases $DB --chunk-rows "$CHUNK_ROWS" --no-validate $(store_args "$1") >"$WORK/$1-k.out" 2>"$WORK/$1-k.err" &
  pid=$!
  until [ "$(copied)" -ge $((CHUNKS / 2)) ]; do kill -0 $pid 2>/dev/null || { tail "$WORK/$1-k.err" >&2; exit 1; }; sleep 0.2; done
  kill -9 $pid; wait $pid 2>/dev/null || true
  id=$(grep -o 'Migration migration-[0-9a-z-]* started' "$WORK/$1-k.err" | awk '{print $2}')
  t1=$(now)
  # shellcheck disable=SC2046
  "${CLI[@]}" resume "$id" $(store_args "$1") >"$WORK/$1-r.out" 2>"$WORK/$1-r.err"
  t2=$(now)
  checked
  local redone; redone=$("${DST[@]}" -N -e "SELECT COUNT(*) FROM flexmigrate_state.migration_chunk WHERE migration_id = '$id' AND attempts > 1")
  echo "$(elapsed "$t0" "$t2") $(elapsed "$t1" "$t2") $redone"
}

for mode in memory store; do
  for _ in $(seq 1 "$RUNS"); do uninterrupted $mode; done | median >"$WORK/$mode.median"
  for _ in $(seq 1 "$RUNS"); do killed $mode; done >"$WORK/$mode-killed.runs"
done

base=$(cat "$WORK/memory.median")
printf '%-14s %10s %10s %12s\n' "run" "total s" "ratio" "resume s / chunks redone"
printf '%-14s %10s %10s\n' memory "$base" "1.00"
for mode in store; do printf '%-14s %10s %10s\n' $mode "$(cat "$WORK/$mode.median")" "$(awk -v a="$base" -v b="$(cat "$WORK/$mode.median")" 'BEGIN { printf "%.2f", b / a }')"; done
for mode in memory store; do
  total=$(awk '{print $1}' "$WORK/$mode-killed.runs" | median)
  resume=$(awk '{print $2}' "$WORK/$mode-killed.runs" | median)
  redone=$(awk '{print $3}' "$WORK/$mode-killed.runs" | tr '\n' ' ')
  printf '%-14s %10s %10s %12s\n' "$mode-killed" "$total" "$(awk -v a="$base" -v b="$total" 'BEGIN { printf "%.2f", b / a }')" "$resume / $redone"
done
echo "($CHUNKS chunks of $CHUNK_ROWS rows, $TABLES x $TABLE_SIZE rows, median of $RUNS)"
