using FlexMigrate.Azure.Storage;
using FlexMigrate.Orchestration;
using FlexMigrate.Orchestration.Contracts;
using Microsoft.DurableTask.Client;

namespace FlexMigrate.Api;

/// <summary>
/// What `GET /api/migrations/{id}` returns, from the Functions app and from the CLI's dashboard alike: durable
/// state, the migration's own phase and progress, the replication lag history of an online migration, and the
/// actions it offers now.
/// </summary>
public sealed record MigrationStatusView(
    string Id,
    string RuntimeStatus,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastUpdatedAt,
    MigrationStatus? Progress,
    MigrationReport? Report,
    string? Failure)
{
    /// <summary>"offline" or "online"; null for an instance that is not a migration.</summary>
    public string? Mode { get; init; }

    /// <summary>Lag after each replication batch (thinned to a fixed size over days), for the lag chart; null
    /// offline, or when the view was built without the instance's input (the list route).</summary>
    public IReadOnlyList<LagSample>? LagHistory { get; init; }

    /// <summary>What can be done to the migration now (cutover, cancel), for the dashboard's buttons.</summary>
    public IReadOnlyList<MigrationAction> Actions { get; init; } = [];

    /// <summary>The migration this instance resumes (its first instance's id); null for a migration's first instance.</summary>
    public string? ResumeOf { get; init; }

    /// <summary>The instances that resumed this migration, oldest first (filled by the single-migration route).</summary>
    public IReadOnlyList<string>? ResumedBy { get; init; }

    /// <summary>Links to the migration's artifacts in Blob Storage (precheck report, schema snapshot, reports); null
    /// when the app has no artifact store.</summary>
    public IReadOnlyList<ArtifactReference>? Artifacts { get; init; }

    /// <param name="meta">The instance, fetched with its inputs and outputs (they hold the status and the report).</param>
    /// <param name="withReport">Include the report (single migration); a list leaves it out.</param>
    public static MigrationStatusView From(OrchestrationMetadata meta, bool withReport = true)
    {
        ArgumentNullException.ThrowIfNull(meta);
        var progress = meta.SerializedCustomStatus is null ? null : meta.ReadCustomStatusAs<MigrationStatus>();
        var online = MigrationInstances.IsOnline(meta);
        return new MigrationStatusView(
            meta.InstanceId,
            meta.RuntimeStatus.ToString(),
            meta.CreatedAt,
            meta.LastUpdatedAt,
            progress,
            withReport && meta.RuntimeStatus == OrchestrationRuntimeStatus.Completed && meta.SerializedOutput is not null
                ? meta.ReadOutputAs<MigrationReport>() : null,
            meta.FailureDetails.Innermost()?.ErrorMessage)
        {
            Mode = online ? "online" : MigrationInstances.IsMigration(meta) ? "offline" : null,
            LagHistory = online ? LagHistoryOf(meta) : null,
            Actions = MigrationActions.For(meta, progress),
            ResumeOf = MigrationInstances.IsMigration(meta) && MigrationInstances.MigrationIdOf(meta) is var migration && migration != meta.InstanceId
                ? migration : null,
        };
    }

    /// <summary>
    /// The samples the replication loop carries in its input (ContinueAsNew generation state), so the chart shows
    /// the past of a migration however late the page is opened; after the cutover the report has them.
    /// </summary>
    private static IReadOnlyList<LagSample>? LagHistoryOf(OrchestrationMetadata meta)
    {
        if (meta.RuntimeStatus == OrchestrationRuntimeStatus.Completed && meta.SerializedOutput is not null)
        {
            return meta.ReadOutputAs<MigrationReport>()?.Replication?.LagHistory;
        }

        return meta.SerializedInput is null ? null : meta.ReadInputAs<OnlineMigrationInput>()?.State?.LagHistory;
    }
}
