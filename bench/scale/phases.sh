#!/usr/bin/env bash
# Phase timeline of a running migration (issue 20), from the target's ledger (flexmigrate_state.migration_ledger, the
# phase each run records as it enters it, with the time it did): run it beside bench/scale/run.sh, e.g.
#   bench/scale/phases.sh > /tmp/phases.log & DATABASES=1 TABLES=10000 ONLY=flexmigrate MODE=online bench/scale/run.sh; kill %1
# Prints "<UTC time> <migration id> <phase> <status>" each time the newest migration's phase or status changes, polling
# every POLL seconds (default 1); the seconds between lines are the phases' durations (load = start to CatchingUp,
# catch-up = CatchingUp to CuttingOver, cutover = CuttingOver to Completed). Uses FLEXMIGRATE_TARGET_PORT like run.sh.
set -euo pipefail
DST=(mariadb --no-defaults -h127.0.0.1 -P"${FLEXMIGRATE_TARGET_PORT:-13307}" -uroot -N)
POLL=${POLL:-1}
last=""
while true; do
  row=$("${DST[@]}" -e "SELECT migration_id, phase, status FROM flexmigrate_state.migration_ledger ORDER BY created_at DESC LIMIT 1" 2>/dev/null || true)
  if [ -n "$row" ] && [ "$row" != "$last" ]; then
    printf '%s %s\n' "$(date -u +%H:%M:%S.%N | cut -c1-12)" "$row" | tr '\t' ' '
    last=$row
  fi
  sleep "$POLL"
done
