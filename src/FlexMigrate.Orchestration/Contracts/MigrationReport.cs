using FlexMigrate.Core.Precheck;
using FlexMigrate.Core.Schema;
using FlexMigrate.Core.Validation;

namespace FlexMigrate.Orchestration.Contracts;

/// <summary>Output of the migration orchestration: what was done, how fast, and what the user should know.</summary>
public sealed record MigrationReport(
    MigrationOutcome Outcome,
    DateTime StartedUtc,
    DateTime FinishedUtc,
    long RowsCopied,
    long BytesCopied,
    double RowsPerSecond,
    IReadOnlyList<TableReport> Tables,
    IReadOnlyList<MigrationNote> Notes,
    bool PrecheckSkipped,
    PrecheckReport? Precheck,
    ValidationReport? Validation)
{
    /// <summary>Online migrations: replication and cutover; null for offline ones.</summary>
    public ReplicationReport? Replication { get; init; }

    /// <summary>
    /// Reverse replication after the cutover (reverseAfterCutover): positions in the target's binlog, what was applied
    /// back to the old source and, after a rollback, its downtime (writes stopped on the target to the old source
    /// writable). Null without reverse replication.
    /// </summary>
    public ReplicationReport? Reverse { get; init; }

    /// <summary>Changes made to the Azure servers (before/after) and how each restore went; null without Azure options.</summary>
    public Azure.AzureReport? Azure { get; init; }

    /// <summary>Artifacts written to Blob Storage so far (the migration report itself is written after this list).</summary>
    public IReadOnlyList<FlexMigrate.Azure.Storage.ArtifactReference>? Artifacts { get; init; }

    /// <summary>The error that ended a failed migration (only in the migration-report artifact of a failed run).</summary>
    public string? Failure { get; init; }

    /// <summary>
    /// Every run of the migration from the target's ledger, first to last (a resume adds one: when it started, the
    /// phase it resumed from, chunks skipped and redone, rows it copied). <see cref="RowsCopied"/> counts this run's rows.
    /// </summary>
    public IReadOnlyList<FlexMigrate.Core.Ledger.LedgerRun>? Runs { get; init; }

    /// <summary>Throttling and control over the run: time throttled per condition, final settings, commands taken.</summary>
    public ThrottleStatus? Throttle { get; init; }
}
