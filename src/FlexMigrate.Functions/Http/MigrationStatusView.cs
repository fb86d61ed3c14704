using FlexMigrate.Azure.Storage;
using FlexMigrate.Orchestration;
using FlexMigrate.Orchestration.Contracts;
using Microsoft.DurableTask.Client;

namespace FlexMigrate.Functions.Http;

/// <summary>What `GET /api/migrations/{id}` returns: durable state plus the migration's own phase and progress.</summary>
public sealed record MigrationStatusView(
    string Id,
    string RuntimeStatus,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastUpdatedAt,
    MigrationStatus? Progress,
    MigrationReport? Report,
    string? Failure)
{
    /// <summary>Links to the migration's artifacts in Blob Storage (precheck report, schema snapshot, reports); null
    /// when the app has no artifact store.</summary>
    public IReadOnlyList<ArtifactReference>? Artifacts { get; init; }

    /// <param name="meta">The instance, fetched with its inputs and outputs (they hold the status and the report).</param>
    /// <param name="withReport">Include the report (single migration); a list leaves it out.</param>
    public static MigrationStatusView From(OrchestrationMetadata meta, bool withReport = true)
    {
        ArgumentNullException.ThrowIfNull(meta);
        return new MigrationStatusView(
            meta.InstanceId,
            meta.RuntimeStatus.ToString(),
            meta.CreatedAt,
            meta.LastUpdatedAt,
            meta.SerializedCustomStatus is null ? null : meta.ReadCustomStatusAs<MigrationStatus>(),
            withReport && meta.RuntimeStatus == OrchestrationRuntimeStatus.Completed && meta.SerializedOutput is not null
                ? meta.ReadOutputAs<MigrationReport>() : null,
            meta.FailureDetails.Innermost()?.ErrorMessage);
    }
}
