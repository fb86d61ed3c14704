#!/usr/bin/env bash
# The test command (README, .ci/run): starts the local servers, then runs every test project.
#   scripts/test.sh [extra dotnet test args, e.g. --filter FullyQualifiedName~Binlog]
set -euo pipefail
cd "$(dirname "$0")/.."
# What the tests need beyond the .NET SDK, installed with apt when missing (as root), so this one command works on a
# fresh Debian machine: npm for Azurite (the Azure Storage emulator), tmux for the terminal tests, Debian's Chromium
# for the dashboard tests. (MariaDB is installed by scripts/servers.sh.)
need=()
command -v npm >/dev/null 2>&1 || need+=(nodejs npm)
command -v tmux >/dev/null 2>&1 || need+=(tmux)
[ -x /usr/bin/chromium ] || need+=(chromium)
if [ ${#need[@]} -gt 0 ]; then
  [ "$(id -u)" -eq 0 ] || { echo "test: missing ${need[*]}; install them (apt-get install -y ${need[*]})" >&2; exit 1; }
  DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
scripts/servers.sh start
# The third server is the source's read replica for the --max-replica-lag tests (docs/throttling.md).
scripts/servers.sh start-replica
if [ -x scripts/azurite.sh ]; then scripts/azurite.sh start; fi
if [ -x scripts/bicep-build.sh ]; then scripts/bicep-build.sh; fi
# The dashboard's vendored chart library must be exactly the pinned npm package.
if [ -x scripts/vendor-dashboard.sh ]; then scripts/vendor-dashboard.sh --check; fi
eval "$(scripts/servers.sh env)"
export FLEXMIGRATE_SOURCE FLEXMIGRATE_TARGET FLEXMIGRATE_REPLICA
# The crash tests' durable state store (Azurite's queue and table endpoints besides the blob one), under a name of
# its own: exported as FLEXMIGRATE_STATE_STORE, every CLI run of every test (in-process ones too) would use it.
if [ -x scripts/azurite.sh ]; then
  FLEXMIGRATE_TEST_STATE_STORE=$(eval "$(scripts/azurite.sh env)"; echo "$FLEXMIGRATE_STATE_STORE"); export FLEXMIGRATE_TEST_STATE_STORE
fi
dotnet test Functions.sln --settings tests/test.runsettings --logger "console;verbosity=normal" "$@"
