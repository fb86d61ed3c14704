#!/usr/bin/env bash
# The test command (README, .ci/run): starts the local servers, then runs every test project.
#   scripts/test.sh [extra dotnet test args, e.g. --filter FullyQualifiedName~Binlog]
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v npm >/dev/null 2>&1; then
  # Azurite (the Azure Storage emulator the blob tests use) comes from npm.
  [ "$(id -u)" -eq 0 ] || { echo "test: npm is missing; install nodejs and npm (apt-get install -y nodejs npm)" >&2; exit 1; }
  DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
fi
scripts/servers.sh start
if [ -x scripts/azurite.sh ]; then scripts/azurite.sh start; fi
if [ -x scripts/bicep-build.sh ]; then scripts/bicep-build.sh; fi
# The dashboard's vendored chart library must be exactly the pinned npm package.
if [ -x scripts/vendor-dashboard.sh ]; then scripts/vendor-dashboard.sh --check; fi
eval "$(scripts/servers.sh env)"
export FLEXMIGRATE_SOURCE FLEXMIGRATE_TARGET
dotnet test Functions.sln --settings tests/test.runsettings --logger "console;verbosity=normal" "$@"
