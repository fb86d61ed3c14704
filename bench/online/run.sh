#!/usr/bin/env bash
# Online migration benchmark: the whole `flexmigrate migrate --mode online` while sysbench writes to the source at a
# fixed rate through an account without SUPER / READ_ONLY ADMIN (as applications should); once replay has caught up it
# replicates for HOLD seconds, then `flexmigrate cutover <id>` (from this script, as from another terminal) asks for
# the cutover: FlexMigrate sets the source read-only (the account's writes start failing: that is
# the downtime window), drains, creates triggers/events, sets AUTO_INCREMENT, validates. Prints the copy and catch-up
# figures, replication totals and the downtime from the report, and checks the target equals the source
# (CHECKSUM TABLE) after the cutover.
#
#   bench/online/run.sh      TABLES=4 TABLE_SIZE=250000 RATE=200 THREADS=2 HOLD=20
# Servers: FLEXMIGRATE_SERVERS_DIR (default /tmp/fm-online), FLEXMIGRATE_SOURCE_PORT (13366), FLEXMIGRATE_TARGET_PORT
# (13367), FLEXMIGRATE_BUFFER_POOL (1G).
set -euo pipefail
cd "$(dirname "$0")/../.."

. bench/lib.sh
TABLES=${TABLES:-4}
TABLE_SIZE=${TABLE_SIZE:-250000}
RATE=${RATE:-200}
THREADS=${THREADS:-2}
HOLD=${HOLD:-20}
DB=fm_onlinebench
TABLE_LIST=$(seq -s, -f "$DB.sbtest%g" 1 "$TABLES")

bench_servers /tmp/fm-online 13366
WORK=$FLEXMIGRATE_SERVERS_DIR/work
bench_cli
mkdir -p "$WORK"

echo "bench: preparing $TABLES x $TABLE_SIZE rows" >&2
"${SRC[@]}" -e "SET GLOBAL read_only = OFF; DROP DATABASE IF EXISTS $DB; CREATE DATABASE $DB;
  CREATE USER IF NOT EXISTS app@'127.0.0.1' IDENTIFIED BY 'app'; GRANT SELECT, INSERT, UPDATE, DELETE ON $DB.* TO app@'127.0.0.1'"
"${DST[@]}" -e "DROP DATABASE IF EXISTS $DB"
SB="sysbench --db-driver=mysql --mysql-host=127.0.0.1 --mysql-port=$FLEXMIGRATE_SOURCE_PORT --mysql-db=$DB --tables=$TABLES --table-size=$TABLE_SIZE"
$SB --mysql-user=root oltp_write_only prepare >/dev/null

echo "bench: sysbench oltp_write_only at $RATE tx/s as 'app' during the whole migration" >&2
$SB --mysql-user=app --mysql-password=app --threads="$THREADS" --rate="$RATE" --time=0 --events=0 --report-interval=1 \
  --mysql-ignore-errors=all oltp_write_only run >"$WORK/sysbench.txt" 2>&1 &
WORKLOAD=$!
trap 'kill $WORKLOAD 2>/dev/null || true; "${SRC[@]}" -e "SET GLOBAL read_only = OFF" || true' EXIT

START=$(now)
export FLEXMIGRATE_CUTOVER_DIR=$WORK/cutover
"${CLI[@]}" migrate --mode online --databases "$DB" --parallelism 4 --stop-writes read-only \
  --report "$WORK/report.json" --json >/dev/null 2>"$WORK/migrate.log" &
MIGRATE=$!
until grep -q "(caught up)" "$WORK/migrate.log" 2>/dev/null; do
  kill -0 $MIGRATE 2>/dev/null || { tail -20 "$WORK/migrate.log" >&2; exit 1; }
  sleep 1
done
echo "bench: caught up after $(elapsed "$START") s; replicating for $HOLD s" >&2
sleep "$HOLD"
ID=$(grep -o 'migration-[0-9]\{8\}-[0-9]\{6\}-[0-9a-f]\{6\}' "$WORK/migrate.log" | head -1)
"${CLI[@]}" cutover "$ID" --stop-writes read-only 2>&2
wait $MIGRATE || { tail -20 "$WORK/migrate.log" >&2; exit 1; }
END=$(now)
kill $WORKLOAD 2>/dev/null || true
wait $WORKLOAD 2>/dev/null || true

sum=$(checksums_equal "$TABLE_LIST")

python3 - "$WORK/report.json" "$START" "$END" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
rep = r["replication"]; t = rep["totals"]
lag = max((s["lagSeconds"] for s in rep["lagHistory"]), default=0)
print(f"outcome                {r['outcome']}, validation equal: {r['validation']['equal'] if r.get('validation') else 'skipped'}")
print(f"wall time              {float(sys.argv[3]) - float(sys.argv[2]):.1f} s (copy {r['rowsCopied']:,} rows at {r['rowsPerSecond']:,.0f} rows/s, catch-up, replication, cutover, validation)")
print(f"replicated             {t['transactions']:,} transactions, {t['rowsInserted']:,} ins / {t['rowsUpdated']:,} upd / {t['rowsDeleted']:,} del, {rep['generations']} loop generations, max lag {lag:.1f} s")
print(f"cutover                requested by {rep['requestedBy']}, {rep['stopWrites']}, attempt {rep['cutoverAttempts']}")
print(f"downtime               {rep['downtimeSeconds']:.2f} s (source read-only -> target ready: drained, triggers, events, AUTO_INCREMENT)")
PY
echo "target equals source (CHECKSUM TABLE $sum)"
