using FlexMigrate.Core.Replication;
using FlexMigrate.Orchestration.Contracts;

namespace FlexMigrate.Orchestration.Activities;

/// <summary>The replication scope of a migration request: the same databases and tables the copy took.</summary>
internal static class ReplicationScopes
{
    public static ReplicationScope Of(MigrationRequest request) => new(request.Databases, request.Tables, request.ExcludeTables);
}
