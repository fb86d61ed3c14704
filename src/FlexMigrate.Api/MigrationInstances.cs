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

    /// <summary>The request a migration was started with, whichever mode (an online instance carries it in its input).</summary>
    public static MigrationRequest RequestOf(OrchestrationMetadata meta)
    {
        ArgumentNullException.ThrowIfNull(meta);
        return IsOnline(meta) ? meta.ReadInputAs<OnlineMigrationInput>()!.Request : meta.ReadInputAs<MigrationRequest>()!;
    }
}
