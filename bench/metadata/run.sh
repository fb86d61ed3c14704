#!/usr/bin/env bash
# Stored-object benchmark: COUNT procedures, functions, views, triggers and events (default 200 of each) made on the
# source by latin1, utf8mb4 and gbk clients under three sql_modes, then side by side, RUNS times each:
#   (a) `flexmigrate migrate --no-validate` (schema, empty table, every object re-created from its bytes under its session)
#   (b) `mariadb-dump --no-data --routines --events --triggers | mariadb` (the reference tool for exact stored objects)
#   (c) `flexmigrate migrate --no-validate` of the same database without the objects (its fixed cost: process start,
#       durable engine, precheck, table), so (a) - (c) is what the objects cost
# and `flexmigrate validate` once after (a), which must find the target equal (it compares every attribute).
# The gbk text avoids characters whose second byte is 0x5C (乗, 表 in sjis): the mariadb client scanning a dump reads
# that byte before a quote as an escape and stops ("Unknown command '\''"), so (b) could not run at all; FlexMigrate
# moves them (tests/FlexMigrate.IntegrationTests/Fidelity).
#
#   bench/metadata/run.sh
#   COUNT=200 RUNS=3 bench/metadata/run.sh
#
# Uses this helper's server pair (FLEXMIGRATE_SERVERS_DIR / _SOURCE_PORT / _TARGET_PORT, as scripts/servers.sh).
set -euo pipefail
cd "$(dirname "$0")/../.."

COUNT=${COUNT:-200}
RUNS=${RUNS:-3}
DB=fm_metadata_bench
. bench/lib.sh
bench_servers /tmp/flexmigrate-servers 13306

# One client's objects: $1 charset, $2 iconv name, $3 literal, $4 first index.
objects() {
  local charset=$1 iconv=$2 text=$3 first=$4 modes=("" "PIPES_AS_CONCAT,ANSI_QUOTES" "NO_BACKSLASH_ESCAPES")
  {
    echo "USE $DB;"
    echo "DELIMITER ;;"
    for i in $(seq "$first" 3 "$COUNT"); do
      echo "SET SESSION sql_mode = '${modes[$((i % 3))]}';;"
      echo "CREATE PROCEDURE p_$i() COMMENT '$text' INSERT INTO t VALUES ($i, '$text a\\\\b');;"
      echo "CREATE FUNCTION f_$i() RETURNS TEXT DETERMINISTIC RETURN CONCAT('$text', $i);;"
      echo "CREATE VIEW v_$i AS SELECT '$text' AS a, $i AS b;;"
      echo "CREATE TRIGGER tr_$i BEFORE INSERT ON t FOR EACH ROW SET @fm_$i = '$text';;"
      echo "CREATE EVENT e_$i ON SCHEDULE EVERY 1 DAY STARTS '2030-01-01 00:00:00' DISABLE COMMENT '$text' DO DELETE FROM t WHERE id = $i;;"
    done
    echo "DELIMITER ;"
  } | iconv -f UTF-8 -t "$iconv" | "${SRC[@]}" --default-character-set="$charset" --binary-mode
}

have=$("${SRC[@]}" -N -e "SELECT COUNT(*) FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = '$DB'")
if [ "$have" -ne $((COUNT * 2)) ]; then
  echo "bench: making $((COUNT * 5)) stored objects on the source" >&2
  "${SRC[@]}" -e "DROP DATABASE IF EXISTS $DB; CREATE DATABASE $DB CHARACTER SET utf8mb4; CREATE TABLE $DB.t (id INT NOT NULL PRIMARY KEY, v TEXT)"
  objects latin1 LATIN1 "Grüße café" 1
  objects utf8mb4 UTF-8 "Grüße 中文 😀" 2
  objects gbk GBK "中文字" 3
fi
"${SRC[@]}" -e "DROP DATABASE IF EXISTS ${DB}_empty; CREATE DATABASE ${DB}_empty CHARACTER SET utf8mb4; CREATE TABLE ${DB}_empty.t (id INT NOT NULL PRIMARY KEY, v TEXT)"

bench_cli
fresh_target() { "${DST[@]}" -e "DROP DATABASE IF EXISTS $DB; DROP DATABASE IF EXISTS ${DB}_empty"; }

flex=() dump=() empty=()
for _ in $(seq 1 "$RUNS"); do
  fresh_target
  t0=$(now)
  "${CLI[@]}" migrate --databases $DB --no-validate >/dev/null
  flex+=("$(elapsed "$t0")")
  t0=$(now)
  "${CLI[@]}" validate --databases $DB >/dev/null || { echo "bench: flexmigrate left a target that differs from the source" >&2; exit 1; }
  validate=$(elapsed "$t0")

  fresh_target
  t0=$(now)
  mariadb-dump --no-defaults -h127.0.0.1 -P"$FLEXMIGRATE_SOURCE_PORT" -uroot --no-data --routines --events --triggers --databases $DB \
    | "${DST[@]}" --binary-mode
  dump+=("$(elapsed "$t0")")

  fresh_target
  t0=$(now)
  "${CLI[@]}" migrate --databases ${DB}_empty --no-validate >/dev/null
  empty+=("$(elapsed "$t0")")
done

f=$(printf '%s\n' "${flex[@]}" | median)
d=$(printf '%s\n' "${dump[@]}" | median)
e=$(printf '%s\n' "${empty[@]}" | median)
echo "objects: $((COUNT * 5)) (latin1, utf8mb4, gbk clients; 3 sql_modes); runs: $RUNS (median)"
echo "flexmigrate migrate --no-validate: ${f} s   (runs: ${flex[*]})"
echo "mariadb-dump | mariadb:            ${d} s   (runs: ${dump[*]})"
echo "flexmigrate, no objects:           ${e} s   (runs: ${empty[*]})"
echo "flexmigrate validate (equal):      ${validate} s"
awk -v f="$f" -v d="$d" -v e="$e" 'BEGIN { printf "ratio flexmigrate / dump: %.2f; objects alone (a - c): %.2f s, %.2f of dump\n", f / d, f - e, (f - e) / d }'
