using FlexMigrate.Core.Precheck;

namespace FlexMigrate.Orchestration.Contracts;

/// <summary>
/// The orchestration's custom status: what `GET /api/migrations/{id}` and the CLI show while it runs. Kept small
/// (the tables list holds only tables in progress) because it is stored with every history update.
/// </summary>
public sealed record MigrationStatus(
    MigrationPhase Phase,
    DateTime StartedUtc,
    int TablesTotal,
    int TablesCopied,
    long RowsEstimated,
    long RowsCopied,
    long BytesCopied,
    double RowsPerSecond,
    double? EtaSeconds,
    IReadOnlyList<TableProgress> TablesInProgress,
    int Notes,
    IReadOnlyList<PrecheckFinding> PrecheckFindings)
{
    /// <summary>Online migrations once the copy is done: replication position, lag and rates.</summary>
    public ReplicationStatus? Replication { get; init; }

    /// <summary>Azure changes made so far and their restore outcomes; null without Azure options.</summary>
    public Azure.AzureReport? Azure { get; init; }

    /// <summary>Chunk copies running now (the copy's units in flight).</summary>
    public int ChunksInFlight { get; init; }

    /// <summary>Throttled or not and why, time throttled per condition, the settings in force, control commands taken.</summary>
    public ThrottleStatus? Throttle { get; init; }
}
