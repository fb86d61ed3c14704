#!/usr/bin/env bash
# Cutover downtime per step (issue 18, issue 20): an online migration of DBS databases, each with TABLES small tables
# (AUTO_INCREMENT keys, a UNIQUE key deferred to the catch-up point), an audit table, TRIGGERS triggers on t1 (and
# one on every table with TABLE_TRIGGERS=1) and one event, while a fixed-rate workload (RATE inserts+updates per second, spread over the databases, through an account
# without SUPER / READ_ONLY ADMIN) writes to the source. The migration cuts over by itself with read_only once replay
# has caught up and lags less than LAG_BELOW seconds (`--cutover-when-lag-below`, default 1: how a user keeps the
# drain short); LAG_BELOW= (empty) instead replicates HOLD seconds after catch-up and runs `flexmigrate cutover <id>`
# whatever the lag then. The report's replication.steps split the downtime (writes stopped to target ready) per step,
# and the summary adds "window" = downtime without the drain (what the cutover itself adds: stop writes + switch on)
# and the lag the last sample showed when the cutover began. RUNS runs per variant, printed as median (min-max) per step; every run checks
# the target equal to the source (CHECKSUM TABLE of every table) and the trigger/event counts equal.
#
#   bench/cutover/run.sh                       # one database and a hundred
#   VARIANTS="1x3 100x3" RUNS=3 bench/cutover/run.sh
#   LAG_BELOW= HOLD=5 bench/cutover/run.sh       # cut over HOLD s after catch-up at whatever lag (the drain grows with it)
#   VARIANTS="1x10000" TABLE_TRIGGERS=1 ROWS=5 RUNS=1 bench/cutover/run.sh   # issue 20: 10,000 tables with triggers
#   BASELINE=/path/to/checkout bench/cutover/run.sh                # also the CLI built there, side by side (total only
#                                                                  # when that build has no per-step split)
# A variant is DBSxTABLES. Servers: FLEXMIGRATE_SERVERS_DIR (default /tmp/fm-cutover), FLEXMIGRATE_SOURCE_PORT (13386),
# FLEXMIGRATE_TARGET_PORT (13387), FLEXMIGRATE_BUFFER_POOL (512M), as scripts/servers.sh.
set -euo pipefail
cd "$(dirname "$0")/../.."

. bench/lib.sh
VARIANTS=${VARIANTS:-"1x3 100x3"}
RUNS=${RUNS:-3}
TRIGGERS=${TRIGGERS:-1}
TABLE_TRIGGERS=${TABLE_TRIGGERS:-0}
RATE=${RATE:-200}
HOLD=${HOLD:-10}
LAG_BELOW=${LAG_BELOW-1}
ROWS=${ROWS:-200}

bench_servers /tmp/fm-cutover 13386 512M
WORK=$FLEXMIGRATE_SERVERS_DIR/cutover-bench
bench_cli
bench_baseline_cli
# name=command words (the paths hold no spaces)
TOOLS=("cli=${CLI[*]}")
[ -n "${BASELINE:-}" ] && TOOLS+=("baseline=${BASELINE_CLI[*]}")
mkdir -p "$WORK"
rm -f "$WORK"/*.steps
# Server settings stay as they are (the event scheduler too: the suites expect the servers' defaults).
"${SRC[@]}" -e "SET GLOBAL read_only = OFF; CREATE USER IF NOT EXISTS app@'127.0.0.1' IDENTIFIED BY 'app'"

# The schema of one variant: DBS databases fm_cut_1..N, each TABLES tables t1..tN.
prepare() {
  local dbs=$1 tables=$2
  python3 - "$dbs" "$tables" "$TRIGGERS" "$TABLE_TRIGGERS" "$ROWS" >"$WORK/schema.sql" <<'PY'
import sys
dbs, tables, triggers, table_triggers, rows = map(int, sys.argv[1:])
print("SET GLOBAL read_only = OFF;")
for d in range(1, dbs + 1):
    db = f"fm_cut_{d}"
    print(f"DROP DATABASE IF EXISTS {db}; CREATE DATABASE {db}; USE {db};")
    print("CREATE TABLE audit (id BIGINT AUTO_INCREMENT PRIMARY KEY, tbl VARCHAR(64), k BIGINT, at DATETIME(6));")
    for t in range(1, tables + 1):
        print(f"CREATE TABLE t{t} (id BIGINT AUTO_INCREMENT PRIMARY KEY, code VARCHAR(32) NOT NULL, n INT NOT NULL, "
              f"note VARCHAR(100), UNIQUE KEY uk_code (code), KEY k_n (n)) AUTO_INCREMENT = {1000 * t};")
        values = ",".join(f"('c{t}-{i}', {i}, 'row {i}')" for i in range(1, rows + 1))
        print(f"INSERT INTO t{t} (code, n, note) VALUES {values};")
        # TRIGGERS triggers on t1 (after insert, after update, before delete); every table one with TABLE_TRIGGERS=1.
        kinds = [("AFTER", "INSERT"), ("AFTER", "UPDATE"), ("BEFORE", "DELETE")]
        for timing, op in kinds[:triggers] if t == 1 else kinds[:table_triggers]:
            row = "OLD" if op == "DELETE" else "NEW"
            print(f"CREATE TRIGGER t{t}_{op.lower()} {timing} {op} ON t{t} FOR EACH ROW "
                  f"INSERT INTO audit (tbl, k, at) VALUES ('t{t}', {row}.id, NOW(6));")
    print("CREATE EVENT purge_audit ON SCHEDULE EVERY 1 HOUR DO DELETE FROM audit WHERE at < NOW() - INTERVAL 1 DAY;")
    print(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {db}.* TO app@'127.0.0.1';")
PY
  "${SRC[@]}" <"$WORK/schema.sql"
}

# Fixed-rate writes through one app session: RATE statements a second over every database's first three tables.
workload() {
  local dbs=$1 tables=$2
  python3 -u - "$dbs" "$tables" "$RATE" <<'PY' | mariadb --no-defaults -h127.0.0.1 -P"$FLEXMIGRATE_SOURCE_PORT" -uapp -papp --force >/dev/null 2>&1
import random, sys, time
dbs, tables, rate = map(int, sys.argv[1:])
i, start = 0, time.time()
while True:
    db, t = random.randint(1, dbs), random.randint(1, min(tables, 3))
    i += 1
    if i % 2:
        print(f"INSERT INTO fm_cut_{db}.t{t} (code, n, note) VALUES ('w{i}-{random.random()}', {i}, 'workload');")
    else:
        print(f"UPDATE fm_cut_{db}.t{t} SET n = n + 1 WHERE code = 'c{t}-{i % 50 + 1}';")
    time.sleep(max(0, start + i / rate - time.time()))
PY
}

# The workload is a pipeline in a background subshell: its python and mariadb processes are the subshell's children,
# which killing the subshell alone leaves writing into the next run.
stop_writer() { pkill -P "$1" 2>/dev/null || true; kill "$1" 2>/dev/null || true; }

# Every table of a variant, comma-separated.
table_list() {
  local dbs=$1 tables=$2
  for d in $(seq 1 "$dbs"); do for t in $(seq 1 "$tables") audit; do printf "fm_cut_%s.t%s," "$d" "$t"; done; done | sed 's/fm_cut_\([0-9]*\).taudit/fm_cut_\1.audit/g; s/,$//'
}

objects() { local -n side=$1; "${side[@]}" -N -e "SELECT (SELECT COUNT(*) FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA LIKE 'fm\\_cut\\_%'), (SELECT COUNT(*) FROM information_schema.EVENTS WHERE EVENT_SCHEMA LIKE 'fm\\_cut\\_%')"; }

run_once() {
  local name=$1 cli=$2 dbs=$3 tables=$4 run=$5 out="$WORK/$1-$3x$4-$5"
  # Every fm_cut_ database of an earlier variant goes too, so the object counts compare this variant's only.
  for side in SRC DST; do
    local -n client=$side
    "${client[@]}" -e "$("${client[@]}" -N -e "SELECT CONCAT('DROP DATABASE \`', SCHEMA_NAME, '\`;') FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE 'fm\\_cut\\_%'") SELECT 1" >/dev/null
  done
  "${DST[@]}" -e "DROP DATABASE IF EXISTS flexmigrate_state"
  prepare "$dbs" "$tables"
  workload "$dbs" "$tables" &
  local writer=$!
  export FLEXMIGRATE_CUTOVER_DIR=$WORK/flags
  local list
  list=$(seq -s, -f "fm_cut_%g" 1 "$dbs")
  local when=()
  [ -n "$LAG_BELOW" ] && when=(--cutover-when-lag-below "$LAG_BELOW")
  $cli migrate --mode online --databases "$list" --parallelism 4 --stop-writes read-only --no-validate "${when[@]}" \
    --report "$out.json" --json >/dev/null 2>"$out.log" &
  local migrate=$!
  until grep -q "(caught up)" "$out.log" 2>/dev/null; do
    kill -0 $migrate 2>/dev/null || { stop_writer $writer; tail -20 "$out.log" >&2; exit 1; }
    sleep 1
  done
  if [ -z "$LAG_BELOW" ]; then
    sleep "$HOLD"
    local id
    id=$(grep -o 'migration-[0-9]\{8\}-[0-9]\{6\}-[0-9a-f]\{6\}' "$out.log" | head -1)
    $cli cutover "$id" --stop-writes read-only >/dev/null
  fi
  wait $migrate || { stop_writer $writer; tail -20 "$out.log" >&2; exit 1; }
  stop_writer $writer
  wait $writer 2>/dev/null || true
  checksums_equal "$(table_list "$dbs" "$tables")" >/dev/null \
    || { echo "bench: $name $dbs x $tables run $run: target does NOT equal the source" >&2; exit 1; }
  [ "$(objects SRC)" = "$(objects DST)" ] || { echo "bench: triggers/events differ: $(objects SRC) vs $(objects DST)" >&2; exit 1; }
  python3 - "$out.json" >>"$WORK/$name-$dbs-$tables.steps" <<'PY'
import json, sys
from datetime import datetime
rep = json.load(open(sys.argv[1]))["replication"]
steps = rep.get("steps", [])
import re
for s in steps:
    print(f"{s['step']}\t{s['seconds']}")
    # The switch's parts ran at once; its detail says how long each took ("read 0.057 s, created 0.361 s ... (0.055 s)").
    parts = re.search(r"read ([0-9.]+) s, created ([0-9.]+) s\).*?\(([0-9.]+) s\)", s.get("detail") or "")
    if s["step"] == "switch on" and parts:
        for name, seconds in zip(("switch: read", "switch: create", "switch: counters"), parts.groups()):
            print(f"{name}\t{seconds}")
drain = sum(s["seconds"] for s in steps if s["step"] == "drain")
if steps:
    print(f"window\t{round(rep['downtimeSeconds'] - drain, 3)}")
# The last lag sample before writes stopped: how far behind replay was when the cutover began (the drain follows it).
stopped = datetime.fromisoformat(rep["writesStoppedUtc"])
before = [s for s in rep.get("lagHistory") or [] if datetime.fromisoformat(s["utc"]) <= stopped]
if before:
    print(f"lag at cutover\t{before[-1]['lagSeconds']}")
print(f"downtime\t{rep['downtimeSeconds']}")
PY
  "${SRC[@]}" -e "SET GLOBAL read_only = OFF"
  echo "bench: $name $dbs db x $tables tables run $run: downtime $(tail -1 "$WORK/$name-$dbs-$tables.steps" | cut -f2) s (equal, $(objects DST | tr '\t' '/') triggers/events)" >&2
}

trap '"${SRC[@]}" -e "SET GLOBAL read_only = OFF" 2>/dev/null || true; jobs -p | xargs -r kill 2>/dev/null || true' EXIT
echo "bench: $(load_average) at start" >&2
for variant in $VARIANTS; do
  dbs=${variant%x*} tables=${variant#*x}
  for run in $(seq 1 "$RUNS"); do
    for tool in "${TOOLS[@]}"; do
      run_once "${tool%%=*}" "${tool#*=}" "$dbs" "$tables" "$run"
    done
  done
done
echo "bench: $(load_average) at end" >&2

python3 - "$WORK" $VARIANTS <<'PY'
import glob, os, statistics, sys
work, variants = sys.argv[1], sys.argv[2:]
print(f"{'tool':<9} {'variant':<16} {'step':<20} {'median s':>9} {'min':>7} {'max':>7}")
for path in sorted(glob.glob(os.path.join(work, "*.steps"))):
    tool, dbs, tables = os.path.basename(path)[:-6].split("-")
    if f"{dbs}x{tables}" not in variants:
        continue
    steps = {}
    for line in open(path):
        step, seconds = line.rstrip("\n").split("\t")
        steps.setdefault(step, []).append(float(seconds))
    for step, values in steps.items():
        print(f"{tool:<9} {dbs + ' db x ' + tables:<16} {step:<20} {statistics.median(values):>9.3f} {min(values):>7.3f} {max(values):>7.3f}")
PY
