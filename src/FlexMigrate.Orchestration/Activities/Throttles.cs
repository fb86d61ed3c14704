using FlexMigrate.Core.Throttling;
using FlexMigrate.Orchestration.Connections;

namespace FlexMigrate.Orchestration.Activities;

/// <summary>
/// The activities' way to their migration's throttle: the process-wide <see cref="ThrottleRegistry"/> keyed by the
/// orchestration instance id (the migration id; ContinueAsNew keeps it), with the settings the unit's payload carries.
/// Settings travel in payloads, not in this process's memory, because the units of one migration may run in several
/// worker processes of the Functions app (docs/throttling.md).
/// </summary>
internal static class Throttles
{
    public static MigrationThrottle For(string migrationId, IConnectionCatalog connections, string source, string target, ThrottleSettings settings) =>
        ThrottleRegistry.Shared.For(migrationId,
            new ThrottleServers(connections.Resolve(source), connections.Resolve(target),
                (settings.ThrottleReplicas ?? []).Distinct(StringComparer.Ordinal).ToDictionary(name => name, connections.Resolve, StringComparer.Ordinal)),
            settings);
}
