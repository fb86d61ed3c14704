using FlexMigrate.Core.Precheck;
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
}
