using Microsoft.Extensions.Logging;

namespace FlexMigrate.Orchestration.Logging;

/// <summary>
/// The structured log events of migrations (stable event ids; every value is a named property, which Application
/// Insights stores as customDimensions.&lt;Name&gt;, next to customDimensions.EventId, so the workbook and alert rules
/// in infra/monitoring read them: rows/s per table, phase durations, replication lag, cutovers).
/// Orchestrators log only through context.CreateReplaySafeLogger, so a replay does not log twice. No secret is logged:
/// connections are names, servers are ARM ids.
/// </summary>
public static partial class MigrationLogs
{
    /// <summary>A scope that puts MigrationId on every log line inside it (customDimensions.MigrationId).</summary>
    public static IDisposable? BeginMigrationScope(this ILogger logger, string migrationId)
    {
        ArgumentNullException.ThrowIfNull(logger);
        return logger.BeginScope(new Dictionary<string, object> { ["MigrationId"] = migrationId });
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Information,
        Message = "Migration {MigrationId}: phase {Phase} took {Seconds} s")]
    public static partial void PhaseCompleted(this ILogger logger, string migrationId, string phase, double seconds);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information,
        Message = "Migration {MigrationId}: table {Table} copied, {Rows} rows, {Bytes} bytes in {Seconds} s ({RowsPerSecond} rows/s)")]
    public static partial void TableCopied(this ILogger logger, string migrationId, string table, long rows, long bytes, double seconds, double rowsPerSecond);

    [LoggerMessage(EventId = 102, Level = LogLevel.Information,
        Message = "Migration {MigrationId} ended {Outcome}: {Rows} rows, {Bytes} bytes in {Seconds} s ({RowsPerSecond} rows/s)")]
    public static partial void MigrationEnded(this ILogger logger, string migrationId, string outcome, long rows, long bytes, double seconds, double rowsPerSecond);

    [LoggerMessage(EventId = 103, Level = LogLevel.Error,
        Message = "Migration {MigrationId} failed in phase {Phase}: {Error}")]
    public static partial void MigrationFailed(this ILogger logger, string migrationId, string phase, string error);

    [LoggerMessage(EventId = 104, Level = LogLevel.Warning,
        Message = "Migration {MigrationId} cancelled in phase {Phase}: {Reason}")]
    public static partial void MigrationCancelled(this ILogger logger, string migrationId, string phase, string reason);

    [LoggerMessage(EventId = 105, Level = LogLevel.Information,
        Message = "Migration {MigrationId}: replication batch applied {Transactions} transactions, {Rows} rows in {Seconds} s; lag {LagSeconds} s, {LagBytes} bytes behind, caught up {CaughtUp}")]
    public static partial void ReplicationBatchApplied(this ILogger logger, string migrationId, long transactions, long rows, double seconds, double lagSeconds, long lagBytes, bool caughtUp);

    [LoggerMessage(EventId = 106, Level = LogLevel.Information,
        Message = "Migration {MigrationId}: cutover attempt {Attempt} started, requested by {RequestedBy}, writes stopped by {StopWrites}")]
    public static partial void CutoverStarted(this ILogger logger, string migrationId, int attempt, string requestedBy, string stopWrites);

    [LoggerMessage(EventId = 107, Level = LogLevel.Warning,
        Message = "Migration {MigrationId}: cutover attempt {Attempt} undone, replication goes on: {Reason}")]
    public static partial void CutoverUndone(this ILogger logger, string migrationId, int attempt, string reason);

    [LoggerMessage(EventId = 108, Level = LogLevel.Information,
        Message = "Migration {MigrationId}: cut over on attempt {Attempt}, downtime {DowntimeSeconds} s")]
    public static partial void CutoverCompleted(this ILogger logger, string migrationId, int attempt, double downtimeSeconds);

    [LoggerMessage(EventId = 109, Level = LogLevel.Information,
        Message = "Migration {MigrationId}: reverse replication starts from {Position} of the target's binlog (target ready)")]
    public static partial void ReverseStarted(this ILogger logger, string migrationId, string position);

    [LoggerMessage(EventId = 112, Level = LogLevel.Information,
        Message = "Migration {MigrationId}: reverse replication finished at {Position}; the target stays the primary")]
    public static partial void ReverseFinished(this ILogger logger, string migrationId, string position);

    [LoggerMessage(EventId = 113, Level = LogLevel.Information,
        Message = "Migration {MigrationId}: rollback attempt {Attempt} started, requested by {RequestedBy}, writes on the target stopped by {StopWrites}")]
    public static partial void RollbackStarted(this ILogger logger, string migrationId, int attempt, string requestedBy, string stopWrites);

    [LoggerMessage(EventId = 114, Level = LogLevel.Warning,
        Message = "Migration {MigrationId}: rollback attempt {Attempt} undone, reverse replication goes on: {Reason}")]
    public static partial void RollbackUndone(this ILogger logger, string migrationId, int attempt, string reason);

    [LoggerMessage(EventId = 115, Level = LogLevel.Information,
        Message = "Migration {MigrationId}: rolled back on attempt {Attempt}, downtime {DowntimeSeconds} s")]
    public static partial void RollbackCompleted(this ILogger logger, string migrationId, int attempt, double downtimeSeconds);

    [LoggerMessage(EventId = 110, Level = LogLevel.Information,
        Message = "Azure change applied on {ResourceId}: {Setting} '{Before}' -> '{After}'")]
    public static partial void AzureChangeApplied(this ILogger logger, string resourceId, string setting, string before, string after);

    [LoggerMessage(EventId = 111, Level = LogLevel.Information,
        Message = "Azure change restored on {ResourceId}: {Setting} {Status}: {Detail}")]
    public static partial void AzureChangeRestored(this ILogger logger, string resourceId, string setting, string status, string detail);

    [LoggerMessage(EventId = 120, Level = LogLevel.Warning,
        Message = "Migration {MigrationId}: artifact {Kind} could not be written: {Error}")]
    public static partial void ArtifactWriteFailed(this ILogger logger, string migrationId, string kind, string error);

    [LoggerMessage(EventId = 121, Level = LogLevel.Warning,
        Message = "Migration {MigrationId}: its run could not be closed in the target's ledger (resume will list it as stopped): {Error}")]
    public static partial void LedgerNotClosed(this ILogger logger, string migrationId, string error);
}
