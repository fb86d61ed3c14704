#!/usr/bin/env bash
# Regenerates every packages.lock.json after a deliberate change in Directory.Packages.props (or a project's
# PackageReference). Everything else restores in locked mode (Directory.Build.props) and fails when the graph would
# differ from the committed lock files. Restores into an empty package folder so the result is what a fresh machine
# gets, then prints the lock files that changed: review them and commit them with the version change.
#   scripts/update-lock-files.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export NUGET_PACKAGES=${NUGET_PACKAGES:-$(mktemp -d /tmp/flexmigrate-nuget.XXXXXX)}
projects=(Functions.sln bench/FlexMigrate.Bench/FlexMigrate.Bench.csproj)
for p in "${projects[@]}"; do
  dotnet restore "$p" -p:RestoreLockedMode=false --force-evaluate
done
# The Functions worker's generated extensions project is restored by the build, not by `dotnet restore`.
rm -f src/FlexMigrate.Functions.WorkerExtensions/packages.lock.json
dotnet build src/FlexMigrate.Functions -p:RestoreLockedMode=false --no-restore -v:q -nologo
git status --short -- '*packages.lock.json'
