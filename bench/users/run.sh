#!/usr/bin/env bash
# Accounts benchmark: N accounts with roles, default roles, database, table and column grants on the source, migrated
# to an empty target by `flexmigrate users` (read, translate, write, then compare both sides) and, side by side, by
# MariaDB's own `mariadb-dump --system=users --insert-ignore | mariadb` (no translation, no selection, no check).
# Each is run RUNS times; the median is printed.
#
#   bench/users/run.sh                 ACCOUNTS=1000 RUNS=3
#
# Uses the server pair scripts/servers.sh starts (FLEXMIGRATE_SERVERS_DIR / _SOURCE_PORT / _TARGET_PORT as there).
# Bench accounts are named fmb_*; they are dropped on both servers at the end.
set -euo pipefail
cd "$(dirname "$0")/../.."

ACCOUNTS=${ACCOUNTS:-1000}
RUNS=${RUNS:-3}
DB=fmb_db
. bench/lib.sh
bench_servers /tmp/flexmigrate-servers 13306

drop_accounts() {
  "$@" -N -e "SELECT IF(is_role = 'Y', CONCAT('DROP ROLE IF EXISTS \`', User, '\`;'), CONCAT('DROP USER IF EXISTS \`', User, '\`@\`', Host, '\`;')) FROM mysql.user WHERE User LIKE 'fmb\\_%'" | "$@"
}

echo "bench: creating $ACCOUNTS accounts on the source" >&2
drop_accounts "${SRC[@]}"
for side in SRC DST; do
  declare -n server=$side
  "${server[@]}" -e "DROP DATABASE IF EXISTS $DB; CREATE DATABASE $DB; CREATE TABLE $DB.t (id INT PRIMARY KEY, a INT, b INT);"
done
{
  for r in 1 2 3 4 5; do echo "CREATE ROLE fmb_role$r; GRANT SELECT ON $DB.* TO fmb_role$r;"; done
  for i in $(seq 1 "$ACCOUNTS"); do
    r=$((i % 5 + 1))
    echo "CREATE USER fmb_u$i@'%' IDENTIFIED BY 'pw$i' WITH MAX_USER_CONNECTIONS 10;"
    echo "GRANT INSERT, UPDATE ON $DB.* TO fmb_u$i@'%'; GRANT DELETE ON $DB.t TO fmb_u$i@'%'; GRANT SELECT (a, b) ON $DB.t TO fmb_u$i@'%';"
    echo "GRANT fmb_role$r TO fmb_u$i@'%'; SET DEFAULT ROLE fmb_role$r FOR fmb_u$i@'%';"
  done
} | "${SRC[@]}"

echo "bench: building flexmigrate (Release)" >&2
bench_cli

flex=() ; dump=()
for run in $(seq 1 "$RUNS"); do
  drop_accounts "${DST[@]}"
  t0=$(now)
  "${CLI[@]}" users --users 'fmb%' --databases $DB >/tmp/fmb-users.out
  flex+=("$(elapsed "$t0")")
  tail -n 1 /tmp/fmb-users.out | grep -q "EQUAL" || { echo "bench: flexmigrate users did not end EQUAL" >&2; tail -n 5 /tmp/fmb-users.out >&2; exit 1; }

  drop_accounts "${DST[@]}"
  t0=$(now)
  mariadb-dump --no-defaults -h127.0.0.1 -P"$FLEXMIGRATE_SOURCE_PORT" -uroot --system=users --insert-ignore | "${DST[@]}"
  dump+=("$(elapsed "$t0")")
  echo "run $run: flexmigrate users ${flex[-1]} s, mariadb-dump --system=users ${dump[-1]} s" >&2
done

f=$(printf '%s\n' "${flex[@]}" | median)
d=$(printf '%s\n' "${dump[@]}" | median)
total=$((ACCOUNTS + 5))
echo "accounts: $total (fmb_*: $ACCOUNTS users, 5 roles), median of $RUNS runs"
awk -v f="$f" -v d="$d" -v n="$total" 'BEGIN {
  printf "flexmigrate users (read, translate, write, compare): %.2f s (%.0f accounts/s)\n", f, n / f;
  printf "mariadb-dump --system=users | mariadb (all accounts, no check): %.2f s (%.0f accounts/s)\n", d, n / d;
  printf "ratio flexmigrate / dump: %.2f\n", f / d }'

drop_accounts "${DST[@]}"
drop_accounts "${SRC[@]}"
"${SRC[@]}" -e "DROP DATABASE IF EXISTS $DB"
"${DST[@]}" -e "DROP DATABASE IF EXISTS $DB"
