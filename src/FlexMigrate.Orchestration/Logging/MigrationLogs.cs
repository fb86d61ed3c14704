using Microsoft.Extensions.Logging;

namespace FlexMigrate.Orchestration.Logging;

/// <summary>
/// The structured log events of migrations (stable event ids; every value is a named property, which Application
/// Insights stores as customDimensions.prop__&lt;Name&gt;, so dashboards can chart rows/s per table and phase durations).
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

    [LoggerMessage(EventId = 110, Level = LogLevel.Information,
        Message = "Azure change applied on {ResourceId}: {Setting} '{Before}' -> '{After}'")]
    public static partial void AzureChangeApplied(this ILogger logger, string resourceId, string setting, string before, string after);

    [LoggerMessage(EventId = 111, Level = LogLevel.Information,
        Message = "Azure change restored on {ResourceId}: {Setting} {Status}: {Detail}")]
    public static partial void AzureChangeRestored(this ILogger logger, string resourceId, string setting, string status, string detail);

    [LoggerMessage(EventId = 120, Level = LogLevel.Warning,
        Message = "Migration {MigrationId}: artifact {Kind} could not be written: {Error}")]
    public static partial void ArtifactWriteFailed(this ILogger logger, string migrationId, string kind, string error);
}
