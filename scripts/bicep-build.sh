#!/usr/bin/env bash
# Compiles and lints infra/main.bicep with the Bicep CLI, which comes from the NuGet package
# Azure.Bicep.CommandLine.linux-x64 (a native binary inside the package): a restore-only project downloads it with
# `dotnet restore`, so CI needs nothing but the NuGet registry. Fails on any compile error or linter warning.
#   scripts/bicep-build.sh            -> .local/bicep/main.json (the ARM template)
set -euo pipefail
cd "$(dirname "$0")/.."

VERSION=0.49.2
DIR=${FLEXMIGRATE_BICEP_DIR:-$PWD/.local/bicep}
BICEP="$DIR/packages/azure.bicep.commandline.linux-x64/$VERSION/tools/bicep"

if [ ! -x "$BICEP" ]; then
  mkdir -p "$DIR/restore"
  cat >"$DIR/restore/bicep-cli.csproj" <<PROJ
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>
  <ItemGroup><PackageDownload Include="Azure.Bicep.CommandLine.linux-x64" Version="[$VERSION]" /></ItemGroup>
</Project>
PROJ
  echo "bicep: restoring Azure.Bicep.CommandLine.linux-x64 $VERSION" >&2
  # The repository's Directory.*.props (central package versions, analyzers) must not apply to this helper project.
  dotnet restore "$DIR/restore/bicep-cli.csproj" --packages "$DIR/packages" \
    -p:ImportDirectoryBuildProps=false -p:ImportDirectoryPackagesProps=false >"$DIR/restore.log" 2>&1 \
    || { echo "bicep: restore failed, see $DIR/restore.log" >&2; tail -n 20 "$DIR/restore.log" >&2; exit 1; }
  chmod +x "$BICEP"
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 BICEP_TRACING_ENABLED=false
out=$("$BICEP" build infra/main.bicep --outfile "$DIR/main.json" 2>&1) || { echo "$out" >&2; echo "bicep: build failed" >&2; exit 1; }
lint=$("$BICEP" lint infra/main.bicep 2>&1) || { echo "$lint" >&2; echo "bicep: lint failed" >&2; exit 1; }
params=$("$BICEP" build-params infra/main.bicepparam --outfile "$DIR/main.parameters.json" 2>&1) \
  || { echo "$params" >&2; echo "bicep: infra/main.bicepparam does not match main.bicep" >&2; exit 1; }
out="$out$params"
if [ -n "$out$lint" ]; then
  printf '%s\n%s\n' "$out" "$lint" >&2
  echo "bicep: warnings above; fix them (CI treats Bicep warnings as errors like the C# build)" >&2
  exit 1
fi
echo "bicep: infra/main.bicep and main.bicepparam compile and lint clean ($DIR/main.json)" >&2
