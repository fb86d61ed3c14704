#!/usr/bin/env bash
# Online migration benchmark: the whole `flexmigrate migrate --mode online` while sysbench writes to the source at a
# fixed rate through an account without SUPER / READ_ONLY ADMIN (as applications should), then an automatic cutover
# once replay lags less than 1 s: FlexMigrate sets the source read-only (the account's writes start failing: that is
# the downtime window), drains, creates triggers/events, sets AUTO_INCREMENT, validates. Prints the copy and catch-up
# figures, replication totals and the downtime from the report, and checks the target equals the source
# (CHECKSUM TABLE) after the cutover.
#
#   bench/online/run.sh      TABLES=4 TABLE_SIZE=250000 RATE=200 THREADS=2 LAG=1
# Servers: FLEXMIGRATE_SERVERS_DIR (default /tmp/fm-online), FLEXMIGRATE_SOURCE_PORT (13366), FLEXMIGRATE_TARGET_PORT
# (13367), FLEXMIGRATE_BUFFER_POOL (1G).
set -euo pipefail
cd "$(dirname "$0")/../.."

export FLEXMIGRATE_SERVERS_DIR=${FLEXMIGRATE_SERVERS_DIR:-/tmp/fm-online}
export FLEXMIGRATE_SOURCE_PORT=${FLEXMIGRATE_SOURCE_PORT:-13366}
export FLEXMIGRATE_TARGET_PORT=${FLEXMIGRATE_TARGET_PORT:-13367}
export FLEXMIGRATE_BUFFER_POOL=${FLEXMIGRATE_BUFFER_POOL:-1G}
TABLES=${TABLES:-4}
TABLE_SIZE=${TABLE_SIZE:-250000}
RATE=${RATE:-200}
THREADS=${THREADS:-2}
LAG=${LAG:-1}
DB=fm_onlinebench
WORK=$FLEXMIGRATE_SERVERS_DIR/work
SRC="mariadb --no-defaults -h127.0.0.1 -P$FLEXMIGRATE_SOURCE_PORT -uroot"
DST="mariadb --no-defaults -h127.0.0.1 -P$FLEXMIGRATE_TARGET_PORT -uroot"
TABLE_LIST=$(seq -s, -f "$DB.sbtest%g" 1 "$TABLES")

scripts/servers.sh start
eval "$(scripts/servers.sh env)"
dotnet build -c Release src/FlexMigrate.Cli -v q -nologo >/dev/null
CLI="dotnet src/FlexMigrate.Cli/bin/Release/net10.0/flexmigrate.dll"
mkdir -p "$WORK"

echo "bench: preparing $TABLES x $TABLE_SIZE rows" >&2
$SRC -e "SET GLOBAL read_only = OFF; DROP DATABASE IF EXISTS $DB; CREATE DATABASE $DB;
  CREATE USER IF NOT EXISTS app@'127.0.0.1' IDENTIFIED BY 'app'; GRANT SELECT, INSERT, UPDATE, DELETE ON $DB.* TO app@'127.0.0.1'"
$DST -e "DROP DATABASE IF EXISTS $DB"
SB="sysbench --db-driver=mysql --mysql-host=127.0.0.1 --mysql-port=$FLEXMIGRATE_SOURCE_PORT --mysql-db=$DB --tables=$TABLES --table-size=$TABLE_SIZE"
$SB --mysql-user=root oltp_write_only prepare >/dev/null

echo "bench: sysbench oltp_write_only at $RATE tx/s as 'app' during the whole migration" >&2
$SB --mysql-user=app --mysql-password=app --threads="$THREADS" --rate="$RATE" --time=0 --events=0 --report-interval=1 \
  --mysql-ignore-errors=all oltp_write_only run >"$WORK/sysbench.txt" 2>&1 &
WORKLOAD=$!
trap 'kill $WORKLOAD 2>/dev/null || true; $SRC -e "SET GLOBAL read_only = OFF" || true' EXIT

START=$(date +%s.%N)
$CLI migrate --mode online --databases "$DB" --parallelism 4 --cutover-when-lag-below "$LAG" --stop-writes read-only \
  --report "$WORK/report.json" --json >/dev/null 2>"$WORK/migrate.log" || { tail -20 "$WORK/migrate.log" >&2; exit 1; }
END=$(date +%s.%N)
kill $WORKLOAD 2>/dev/null || true
wait $WORKLOAD 2>/dev/null || true

src_sum=$($SRC -N -e "CHECKSUM TABLE $TABLE_LIST" | awk '{print $2}' | md5sum | cut -c1-12)
dst_sum=$($DST -N -e "CHECKSUM TABLE $TABLE_LIST" | awk '{print $2}' | md5sum | cut -c1-12)
[ "$src_sum" = "$dst_sum" ] || { echo "bench: target does NOT equal the source after cutover" >&2; exit 1; }

python3 - "$WORK/report.json" "$START" "$END" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
rep = r["Replication"]; t = rep["Totals"]
print(f"outcome                {r['Outcome']}, validation equal: {r['Validation']['Equal'] if r.get('Validation') else 'skipped'}")
print(f"wall time              {float(sys.argv[3]) - float(sys.argv[2]):.1f} s (copy {r['RowsCopied']:,} rows at {r['RowsPerSecond']:,.0f} rows/s, then catch-up and replication)")
print(f"replicated             {t['Transactions']:,} transactions, {t['RowsInserted']:,} ins / {t['RowsUpdated']:,} upd / {t['RowsDeleted']:,} del, {rep['Generations']} loop generations")
print(f"cutover                requested by {rep['RequestedBy']}, {rep['StopWrites']}, attempt {rep['CutoverAttempts']}")
print(f"downtime               {rep['DowntimeSeconds']:.2f} s (source read-only -> target ready: drained, triggers, events, AUTO_INCREMENT)")
PY
echo "target equals source (CHECKSUM TABLE $src_sum)"
