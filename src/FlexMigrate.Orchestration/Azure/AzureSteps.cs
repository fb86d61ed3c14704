using System.Text.Json;
using System.Text.Json.Serialization;
using FlexMigrate.Azure.Arm;
using FlexMigrate.Azure.Storage;
using FlexMigrate.Core.Precheck;
using FlexMigrate.Orchestration.Activities;
using FlexMigrate.Orchestration.Contracts;
using FlexMigrate.Orchestration.Logging;
using FlexMigrate.Orchestration.Pipeline;
using Microsoft.DurableTask;

namespace FlexMigrate.Orchestration.Azure;

/// <summary>
/// The Azure steps of a migration, called by the offline and online orchestrators alike. Each either schedules an
/// activity or is pure, so it is safe in orchestrator code. The durable pattern: discover (a snapshot in history), plan
/// from it (pure), keep the plan in an <see cref="AzureReport"/>, apply, and restore that same list on success, failure
/// and cancel: a replay or retry can neither lose nor repeat a change.
/// <code>
/// var discovery = await AzureSteps.DiscoverAsync(context, input);          // null without resource ids
/// var precheck  = await AzureSteps.PrecheckAsync(context, input, discovery);
/// var azure     = AzureSteps.Plan(input, discovery);                        // keep it before applying
/// await AzureSteps.ApplyAsync(context, azure);
/// ... load ...
/// azure = await AzureSteps.RestoreAsync(context, azure);                    // also in catch/cancel paths
/// azure = await AzureSteps.StopSourceAsync(context, input, azure);          // online, after a successful cutover
/// </code>
/// </summary>
public static class AzureSteps
{
    /// <summary>Tables read per <see cref="ReadTablePageActivity"/> call when a plan's list travels by reference.</summary>
    public const int TablePageSize = BlobPayloadStore.DefaultInlineTableLimit;

    /// <summary>Artifacts are indented JSON with camelCase names and enum names, like the HTTP API.</summary>
    internal static JsonSerializerOptions ArtifactJson { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>Reads the source and target from Resource Manager; null when the request names no resource id.</summary>
    public static async Task<AzureDiscovery?> DiscoverAsync(TaskOrchestrationContext context, MigrationRequest request)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        if (request.Azure is not { } azure || (azure.SourceResourceId is null && azure.TargetResourceId is null))
        {
            return null;
        }

        return await context.CallActivityAsync<AzureDiscovery>(nameof(DiscoverAzureServersActivity),
            new AzureDiscoveryStep(azure, request.Options.Mode == MigrationMode.Online), RetryPolicies.Transient);
    }

    /// <summary>The precheck, with the Azure server parameters, storage and findings when <paramref name="discovery"/> is given.</summary>
    public static Task<PrecheckReport> PrecheckAsync(TaskOrchestrationContext context, MigrationRequest request, AzureDiscovery? discovery)
    {
        ArgumentNullException.ThrowIfNull(context);
        return discovery is null
            ? context.CallActivityAsync<PrecheckReport>(nameof(PrecheckActivity), request, RetryPolicies.Transient)
            : context.CallActivityAsync<PrecheckReport>(nameof(AzurePrecheckActivity), new AzurePrecheckStep(request, discovery), RetryPolicies.Transient);
    }

    /// <summary>The changes the request asks for (pure; see <see cref="AzureTuning.Plan"/>), nothing applied yet.</summary>
    public static AzureReport Plan(MigrationRequest request, AzureDiscovery? discovery)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Azure is { } options && discovery is not null
            ? new AzureReport(AzureTuning.Plan(options, discovery), [])
            : AzureReport.Empty;
    }

    /// <summary>
    /// Applies <see cref="AzureReport.Changes"/> (a SKU scale is polled to completion). When it fails, some changes may be
    /// applied: restore the same report (<see cref="RestoreAsync"/>) in the failure path.
    /// </summary>
    public static async Task ApplyAsync(TaskOrchestrationContext context, AzureReport azure)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(azure);
        if (azure.Changes.Count > 0)
        {
            await context.CallActivityAsync<IReadOnlyList<AzureChange>>(
                nameof(ApplyAzureChangesActivity), azure.Changes, RetryPolicies.Transient);
        }
    }

    /// <summary>
    /// Undoes the changes in reverse order and returns the report with one outcome per change. Runs once per report:
    /// a report that already has its outcomes (or has no change) is returned as is, so success, failure and cancel paths
    /// may all call it.
    /// </summary>
    public static async Task<AzureReport> RestoreAsync(TaskOrchestrationContext context, AzureReport azure)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(azure);
        if (azure.Changes.Count == 0 || azure.Restores.Count > 0)
        {
            return azure;
        }

        try
        {
            var outcomes = await context.CallActivityAsync<IReadOnlyList<AzureRestoreOutcome>>(
                nameof(RestoreAzureChangesActivity), azure.Changes, RetryPolicies.Transient);
            return azure with { Restores = outcomes };
        }
        catch (TaskFailedException e)
        {
            // The activity itself failed after its retries (e.g. Resource Manager unreachable): the migration still ends
            // and reports each change as not restored, with the value to set by hand, instead of hiding its own outcome.
            var error = e.FailureDetails.Innermost()?.ErrorMessage ?? e.Message;
            return azure with
            {
                Restores = [.. azure.Changes.Reverse().Select(c => new AzureRestoreOutcome(c, AzureRestoreStatus.Failed,
                    $"Could not set {c.Setting} back to '{c.Before}' on {c.ResourceId}: {error} Set it by hand."))],
            };
        }
    }

    /// <summary>Stops the source server when the request asks for it (call only after a successful final cutover).</summary>
    public static async Task<AzureReport> StopSourceAsync(TaskOrchestrationContext context, MigrationRequest request, AzureReport azure)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(azure);
        if (request.Azure is not { StopSourceAfterCutover: true, SourceResourceId: { Length: > 0 } source })
        {
            return azure;
        }

        var stop = await context.CallActivityAsync<AzureChange?>(
            nameof(StopSourceServerActivity), source, RetryPolicies.Transient);
        return azure with { SourceStopped = stop };
    }

    /// <summary>
    /// Writes an artifact (a report as indented JSON) into the migration's folder. Best effort: when the store is not
    /// configured the result is null; when the write fails after retries the failure is logged and null returned, since
    /// a missing artifact must not fail a migration whose data is in.
    /// </summary>
    public static Task<ArtifactReference?> WriteArtifactAsync<T>(TaskOrchestrationContext context, ArtifactKind kind, T report) =>
        WriteArtifactAsync(context, new ArtifactWrite(kind, JsonSerializer.Serialize(report, ArtifactJson)));

    /// <summary>Writes the schema snapshot (the DDL as migrated), derived by the activity from the plan's stored schema.</summary>
    public static Task<ArtifactReference?> WriteSchemaSnapshotAsync(TaskOrchestrationContext context, MigrationRequest request, PayloadReference? catalog) =>
        WriteArtifactAsync(context, new ArtifactWrite(ArtifactKind.SchemaSnapshot, null, request, catalog));

    /// <summary>The plan's tables: inline, or read page by page when the list travels by reference.</summary>
    public static Task<IReadOnlyList<TableWork>> TablesOfAsync(TaskOrchestrationContext context, MigrationPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return TablesOfAsync(context, new TableListing(plan.TableCount, plan.Tables, plan.TablesReference));
    }

    /// <summary>A listing's tables: inline, or read page by page when the list travels by reference.</summary>
    public static Task<IReadOnlyList<TableWork>> TablesOfAsync(TaskOrchestrationContext context, TableListing listing)
    {
        ArgumentNullException.ThrowIfNull(listing);
        return listing.Reference is { } reference ? PageAsync(context, reference, 0, listing.Count) : Task.FromResult(listing.Tables);
    }

    /// <summary>
    /// Entries <paramref name="skip"/> to <paramref name="skip"/> + <paramref name="take"/> of a stored table list, read
    /// <see cref="TablePageSize"/> at a time, so no history event holds more than a page.
    /// </summary>
    public static async Task<IReadOnlyList<TableWork>> PageAsync(TaskOrchestrationContext context, PayloadReference tables, int skip, int take)
    {
        ArgumentNullException.ThrowIfNull(context);
        var range = new List<TableWork>(take);
        for (var from = skip; from < skip + take; from += TablePageSize)
        {
            range.AddRange(await context.CallActivityAsync<IReadOnlyList<TableWork>>(nameof(ReadTablePageActivity),
                new TablePageStep(tables, from, Math.Min(TablePageSize, skip + take - from)), RetryPolicies.Transient));
        }

        return range;
    }

    private static async Task<ArtifactReference?> WriteArtifactAsync(TaskOrchestrationContext context, ArtifactWrite write)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            return await context.CallActivityAsync<ArtifactReference?>(nameof(WriteArtifactActivity), write, RetryPolicies.Transient);
        }
        catch (TaskFailedException e)
        {
            context.CreateReplaySafeLogger(nameof(AzureSteps)).ArtifactWriteFailed(
                context.InstanceId, write.Kind.ToString(), e.FailureDetails.Innermost()?.ErrorMessage ?? e.Message);
            return null;
        }
    }
}
