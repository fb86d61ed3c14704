#!/usr/bin/env bash
# Schema catalog benchmark (issue 13): the planning, create-tables and metadata phases plus chunk planning of 1,000
# tables (of a 2,000-table source database), run as the activities run them, two ways in alternation:
#   before: no stored catalog, each activity reads the source schema itself (what main did before issue 13)
#   after:  the plan reads it once and the others take it from the payload store
# Counts information_schema statements and SHOW CREATE TABLE on the source's general log (exact) and prints the median
# wall time of RUNS runs each. The 2,000-table source database (fm_catalog_many) is created for the run and dropped after it.
#
#   bench/catalog/run.sh                 RUNS=3
# Uses FLEXMIGRATE_SERVERS_DIR / FLEXMIGRATE_SOURCE_PORT / FLEXMIGRATE_TARGET_PORT like scripts/servers.sh and
# FLEXMIGRATE_BUFFER_POOL (1G).
set -euo pipefail
cd "$(dirname "$0")/../.."

. bench/lib.sh
export FLEXMIGRATE_CATALOG_BENCH_RUNS=${RUNS:-3}
bench_servers
dotnet test tests/FlexMigrate.IntegrationTests --settings tests/test.runsettings --logger "console;verbosity=detailed" \
  --filter "FullyQualifiedName~SchemaCatalogReadTests.Plan_create_tables_metadata_and_chunk_planning_read_the_source_schema_once" \
  | sed -n '/tables, plan + create tables/,/ratio/p'
