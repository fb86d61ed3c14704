#!/usr/bin/env bash
# The quick-start demo: start the local MariaDB pair, load a sample shop database on the source, migrate it to
# the target with the flexmigrate CLI (on its embedded durable engine), and show the result.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/servers.sh start
eval "$(scripts/servers.sh env)"
export FLEXMIGRATE_SOURCE FLEXMIGRATE_TARGET
src=(mariadb --no-defaults -h127.0.0.1 -P"${FLEXMIGRATE_SOURCE_PORT:-13306}" -uroot)
tgt=(mariadb --no-defaults -h127.0.0.1 -P"${FLEXMIGRATE_TARGET_PORT:-13307}" -uroot)

echo "== Loading the sample database demo_shop on the source"
"${src[@]}" < scripts/demo/shop.sql
"${tgt[@]}" -e "DROP DATABASE IF EXISTS demo_shop"

echo "== Building flexmigrate"
dotnet build src/FlexMigrate.Cli -c Release -v quiet -nologo >/dev/null

echo "== flexmigrate migrate --databases demo_shop"
status=0
dotnet src/FlexMigrate.Cli/bin/Release/net10.0/flexmigrate.dll migrate --databases demo_shop \
  --report .local/demo-report.json || status=$?

echo "== On the target now"
"${tgt[@]}" -t -e "SELECT table_name, table_type, engine, table_rows FROM information_schema.tables WHERE table_schema='demo_shop' ORDER BY table_name;
SELECT routine_type, routine_name FROM information_schema.routines WHERE routine_schema='demo_shop';
SELECT trigger_name, event_object_table FROM information_schema.triggers WHERE trigger_schema='demo_shop';
SELECT event_name, status FROM information_schema.events WHERE event_schema='demo_shop';"
echo "Report: .local/demo-report.json (exit code $status)"
exit $status
