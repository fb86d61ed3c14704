using FlexMigrate.Orchestration.Contracts;
using FlexMigrate.Orchestration.Offline;
using FlexMigrate.Orchestration.Online;
using Microsoft.DurableTask.Client;

namespace FlexMigrate.Api;

/// <summary>
/// The one way every route finds a migration by id: a durable instance of either migration orchestrator (offline or
/// online; a validation or precheck instance is not a migration). Shared by the Functions routes and the CLI's dashboard.
/// </summary>
public static class MigrationInstances
{
    /// <summary>The orchestrators whose instances are migrations.</summary>
    public static IReadOnlyList<string> Orchestrators { get; } = [nameof(MigrationOrchestrator), nameof(OnlineMigrationOrchestrator)];

    public static bool IsMigration(OrchestrationMetadata meta)
    {
        ArgumentNullException.ThrowIfNull(meta);
        return Orchestrators.Contains(meta.Name);
    }

    public static bool IsOnline(OrchestrationMetadata meta)
    {
        ArgumentNullException.ThrowIfNull(meta);
        return meta.Name == nameof(OnlineMigrationOrchestrator);
    }

    /// <summary>The migration's instance, or null when <paramref name="id"/> names none.</summary>
    public static async Task<OrchestrationMetadata?> FindAsync(DurableTaskClient client, string id, bool inputsAndOutputs)
    {
        ArgumentNullException.ThrowIfNull(client);
        var meta = await client.GetInstanceAsync(id, getInputsAndOutputs: inputsAndOutputs);
        return meta is not null && IsMigration(meta) ? meta : null;
    }

    /// <summary>
    /// A migration that can be resumed from its ledger: it failed, was terminated, completed as cancelled, or was rolled
    /// back (resuming goes forward again from the rollback's position, without a copy). One still running continues by
    /// itself, and one that succeeded has nothing left to do.
    /// </summary>
    public static bool IsResumable(OrchestrationMetadata meta)
    {
        ArgumentNullException.ThrowIfNull(meta);
        return meta.RuntimeStatus is OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated
            || (meta.RuntimeStatus == OrchestrationRuntimeStatus.Completed && meta.SerializedOutput is not null
                && meta.ReadOutputAs<MigrationReport>()?.Outcome is MigrationOutcome.Cancelled or MigrationOutcome.RolledBack);
    }

    /// <summary>The migration an instance works for: the first run's instance id (a resume's instance names it in its request).</summary>
    public static string MigrationIdOf(OrchestrationMetadata meta)
    {
        ArgumentNullException.ThrowIfNull(meta);
        return (meta.SerializedInput is null ? null : RequestOf(meta).MigrationId) ?? meta.InstanceId;
    }

    /// <summary>Instance ids of a migration's resumes start with this, so its status can list them.</summary>
    public static string ResumePrefix(string migrationId) => migrationId + "-resume-";

    /// <summary>The instances that resumed <paramref name="migrationId"/>, oldest first.</summary>
    public static async Task<IReadOnlyList<string>> ResumesOfAsync(DurableTaskClient client, string migrationId)
    {
        ArgumentNullException.ThrowIfNull(client);
        var resumes = new List<(DateTimeOffset CreatedAt, string Id)>();
        await foreach (var meta in client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = ResumePrefix(migrationId) }))
        {
            resumes.Add((meta.CreatedAt, meta.InstanceId));
        }

        return [.. resumes.OrderBy(r => r.CreatedAt).Select(r => r.Id)];
    }

    /// <summary>The request a migration was started with, whichever mode (an online instance carries it in its input).</summary>
    public static MigrationRequest RequestOf(OrchestrationMetadata meta)
    {
        ArgumentNullException.ThrowIfNull(meta);
        return IsOnline(meta) ? meta.ReadInputAs<OnlineMigrationInput>()!.Request : meta.ReadInputAs<MigrationRequest>()!;
    }
}
