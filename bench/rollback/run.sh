#!/usr/bin/env bash
# Rollback benchmark (issue 16): the downtime of `flexmigrate rollback` beside the forward cutover's, on the same data
# and workload, RUNS times (median). Each run: `flexmigrate migrate --mode online --reverse-after-cutover` while
# sysbench writes to the source at a fixed rate through an account without SUPER / READ_ONLY ADMIN; once replay has
# caught up it replicates for HOLD s, then `flexmigrate cutover <id>` (forward downtime: source read-only -> target
# ready); the workload moves to the target and the instance replicates it back to the old source for HOLD s; then
# `flexmigrate rollback <id>` (rollback downtime: target read-only -> old source writable, with its triggers, events
# and AUTO_INCREMENT counters). Both servers are compared with CHECKSUM TABLE after the rollback.
#
#   bench/rollback/run.sh    RUNS=3 TABLES=4 TABLE_SIZE=50000 RATE=200 THREADS=2 HOLD=15
# Servers: FLEXMIGRATE_SERVERS_DIR (default /tmp/fm-rollback-bench), FLEXMIGRATE_SOURCE_PORT (13366),
# FLEXMIGRATE_TARGET_PORT (13367); the target logs ROW binlogs (scripts/servers.sh).
set -euo pipefail
cd "$(dirname "$0")/../.."

. bench/lib.sh
RUNS=${RUNS:-3}
TABLES=${TABLES:-4}
TABLE_SIZE=${TABLE_SIZE:-50000}
RATE=${RATE:-200}
THREADS=${THREADS:-2}
HOLD=${HOLD:-15}
DB=fm_rollbackbench
TABLE_LIST=$(seq -s, -f "$DB.sbtest%g" 1 "$TABLES")

bench_servers /tmp/fm-rollback-bench 13366
WORK=$FLEXMIGRATE_SERVERS_DIR/work
bench_cli
mkdir -p "$WORK"
WORKLOAD=
trap '[ -n "$WORKLOAD" ] && kill $WORKLOAD 2>/dev/null; "${SRC[@]}" -e "SET GLOBAL read_only = OFF" || true; "${DST[@]}" -e "SET GLOBAL read_only = OFF" || true' EXIT

sb() { # sb <port>: the fixed-rate write workload as the application's account, in the background
  sysbench --db-driver=mysql --mysql-host=127.0.0.1 --mysql-port="$1" --mysql-db=$DB --tables="$TABLES" --table-size="$TABLE_SIZE" \
    --mysql-user=app --mysql-password=app --threads="$THREADS" --rate="$RATE" --time=0 --events=0 --mysql-ignore-errors=all \
    oltp_write_only run >"$WORK/sysbench-$1.txt" 2>&1 &
  WORKLOAD=$!
}

wait_for() { # wait_for <pattern> <after-line>: a progress line of the running migrate
  until tail -n +"$2" "$WORK/migrate.log" 2>/dev/null | grep -q "$1"; do
    kill -0 "$MIGRATE" 2>/dev/null || { tail -20 "$WORK/migrate.log" >&2; exit 1; }
    sleep 0.5
  done
}

: >"$WORK/downtimes.tsv"
for run in $(seq 1 "$RUNS"); do
  echo "bench: run $run/$RUNS: preparing $TABLES x $TABLE_SIZE rows" >&2
  for side in SRC DST; do
    declare -n server=$side
    "${server[@]}" -e "SET GLOBAL read_only = OFF; DROP DATABASE IF EXISTS $DB; DROP DATABASE IF EXISTS flexmigrate_state;
      CREATE USER IF NOT EXISTS app@'127.0.0.1' IDENTIFIED BY 'app'; GRANT SELECT, INSERT, UPDATE, DELETE ON $DB.* TO app@'127.0.0.1'"
  done
  "${DST[@]}" -e "RESET MASTER"
  "${SRC[@]}" -e "CREATE DATABASE $DB"
  sysbench --db-driver=mysql --mysql-host=127.0.0.1 --mysql-port="$FLEXMIGRATE_SOURCE_PORT" --mysql-db=$DB --tables="$TABLES" \
    --table-size="$TABLE_SIZE" --mysql-user=root oltp_write_only prepare >/dev/null
  sb "$FLEXMIGRATE_SOURCE_PORT"
  export FLEXMIGRATE_CUTOVER_DIR=$WORK/cutover
  "${CLI[@]}" migrate --mode online --reverse-after-cutover --databases "$DB" --parallelism 4 --no-validate \
    --report "$WORK/report-$run.json" --json >/dev/null 2>"$WORK/migrate.log" &
  MIGRATE=$!
  wait_for "(caught up)" 1
  sleep "$HOLD"
  ID=$(grep -o 'migration-[0-9]\{8\}-[0-9]\{6\}-[0-9a-f]\{6\}' "$WORK/migrate.log" | head -1)
  mark=$(wc -l <"$WORK/migrate.log")
  "${CLI[@]}" cutover "$ID" --stop-writes read-only 2>/dev/null
  wait_for "\[ReplicatingBack\]" "$mark"
  kill $WORKLOAD; wait $WORKLOAD 2>/dev/null || true
  sb "$FLEXMIGRATE_TARGET_PORT"
  sleep "$HOLD"
  "${CLI[@]}" rollback "$ID" --stop-writes read-only 2>/dev/null
  wait $MIGRATE || { tail -20 "$WORK/migrate.log" >&2; exit 1; }
  kill $WORKLOAD; wait $WORKLOAD 2>/dev/null || true
  WORKLOAD=

  sum=$(checksums_equal "$TABLE_LIST")
  python3 - "$WORK/report-$run.json" >>"$WORK/downtimes.tsv" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
f, b = r["replication"], r["reverse"]
assert r["outcome"].lower() == "rolledback", r["outcome"]
print(f"{f['downtimeSeconds']}\t{b['downtimeSeconds']}\t{b['totals']['transactions']}\t{b['cutoverAttempts']}")
PY
  echo "bench: run $run: $(tail -1 "$WORK/downtimes.tsv") (forward s, rollback s, transactions replicated back, rollback attempts); equal ($sum)" >&2
done

python3 - "$WORK/downtimes.tsv" "$RATE" <<'PY'
import statistics, sys
rows = [l.split("\t") for l in open(sys.argv[1]).read().split("\n") if l]
fwd = [float(r[0]) for r in rows]; back = [float(r[1]) for r in rows]
print(f"runs                   {len(rows)} (sysbench oltp_write_only at {sys.argv[2]} tx/s as a non-SUPER account)")
print(f"cutover downtime       median {statistics.median(fwd):.2f} s  ({', '.join(f'{x:.2f}' for x in fwd)})  source read-only -> target ready")
print(f"rollback downtime      median {statistics.median(back):.2f} s  ({', '.join(f'{x:.2f}' for x in back)})  target read-only -> old source writable")
print(f"rollback / cutover     {statistics.median(back) / statistics.median(fwd):.2f}x")
PY
