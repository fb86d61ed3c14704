#!/usr/bin/env bash
# The test command (README, .ci/run): starts the local servers, then runs every test project.
#   scripts/test.sh [extra dotnet test args, e.g. --filter FullyQualifiedName~Binlog]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/servers.sh start
if [ -x scripts/azurite.sh ]; then scripts/azurite.sh start; fi
if [ -x scripts/bicep-build.sh ]; then scripts/bicep-build.sh; fi
eval "$(scripts/servers.sh env)"
export FLEXMIGRATE_SOURCE FLEXMIGRATE_TARGET
dotnet test Functions.sln --settings tests/test.runsettings --logger "console;verbosity=normal" "$@"
