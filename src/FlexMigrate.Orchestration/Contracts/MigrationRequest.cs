namespace FlexMigrate.Orchestration.Contracts;

/// <summary>
/// Input of <see cref="Offline.MigrationOrchestrator"/>. Source and target are connection NAMES resolved by the
/// host's <see cref="Connections.IConnectionCatalog"/> inside activities, so no password ever enters the durable
/// history, custom status or report.
/// </summary>
/// <param name="SourceConnection">Name of the source connection (e.g. "source").</param>
/// <param name="TargetConnection">Name of the target connection.</param>
/// <param name="Databases">Databases to migrate.</param>
/// <param name="Tables">Only these tables ("db.table"); empty means all.</param>
/// <param name="ExcludeTables">Tables ("db.table") left out.</param>
/// <param name="Options">User options.</param>
public sealed record MigrationRequest(
    string SourceConnection,
    string TargetConnection,
    IReadOnlyList<string> Databases,
    IReadOnlyList<string> Tables,
    IReadOnlyList<string> ExcludeTables,
    MigrationOptions Options)
{
    /// <summary>Azure servers to discover, tune, restore and stop through Resource Manager; null when the servers are
    /// not (or not known to be) in Azure.</summary>
    public AzureMigrationOptions? Azure { get; init; }

    /// <summary>
    /// The migration this run belongs to (the key of its progress ledger, replication checkpoint and artifacts):
    /// null for a new migration, whose id is its first instance's id; set when a new instance resumes an earlier
    /// migration from its ledger.
    /// </summary>
    public string? MigrationId { get; init; }

    /// <summary>Users, roles and grants to migrate with the data; null migrates none.</summary>
    public UserMigrationOptions? Users { get; init; }

    /// <summary>
    /// The same migration with the roles swapped: the target is read and the source written. Reverse replication after
    /// a cutover hands this to the same activities the forward direction uses (apply, stop and resume writes, position,
    /// triggers, events, AUTO_INCREMENT), so the engine has one implementation for both directions, --apply-threads
    /// included (RollbackTests run with 1 and 4 lanes).
    /// </summary>
    public MigrationRequest Reversed() => this with { SourceConnection = TargetConnection, TargetConnection = SourceConnection };
}
