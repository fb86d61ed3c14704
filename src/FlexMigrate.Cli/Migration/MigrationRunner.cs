using System.Diagnostics;
using FlexMigrate.Cli.Hosting;
using FlexMigrate.Orchestration;
using FlexMigrate.Orchestration.Cancellation;
using FlexMigrate.Orchestration.Connections;
using FlexMigrate.Orchestration.Contracts;
using FlexMigrate.Orchestration.Control;
using FlexMigrate.Orchestration.Offline;
using FlexMigrate.Orchestration.Online;
using Grpc.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging.Abstractions;

namespace FlexMigrate.Cli.Migration;

/// <summary>More that a run of `migrate` wires in: connections besides source and target, the id as soon as it exists.</summary>
/// <param name="Connections">Extra named connections (the throttle replicas).</param>
/// <param name="Started">Told the migration id right after the orchestration is scheduled.</param>
/// <param name="ControlDiagnostics">When set, `flexmigrate control` commands are taken and a garbled one reported here.</param>
internal sealed record MigrationHooks(IReadOnlyDictionary<string, string>? Connections, Action<string>? Started, TextWriter? ControlDiagnostics);

/// <summary>What came out of running a migration orchestration on the embedded engine.</summary>
/// <param name="InstanceId">The durable instance id (the migration id).</param>
/// <param name="Report">The report when the orchestration completed; null when it failed.</param>
/// <param name="Failure">The innermost failure message when it failed.</param>
internal sealed record MigrationRun(string InstanceId, MigrationReport? Report, string? Failure);

/// <summary>
/// Runs <see cref="MigrationOrchestrator"/> (or <see cref="OnlineMigrationOrchestrator"/> for online requests) on
/// the embedded engine, reports its custom status while it runs, raises the cutover event when a signal asks and the
/// control event for each `flexmigrate control` command (<see cref="ControlFiles"/>), and
/// lets an attached watcher (the dashboard) use the engine's client for the same instance.
/// The connection strings stay inside this process's <see cref="IConnectionCatalog"/>; the orchestration only
/// ever sees the names "source" and "target".
/// </summary>
internal static class MigrationRunner
{
    public const string SourceName = "source";
    public const string TargetName = "target";

    public static async Task<MigrationRun> RunAsync(
        string sourceConnectionString,
        string targetConnectionString,
        MigrationRequest request,
        Action<MigrationStatus>? onStatus,
        CancellationToken cancellationToken,
        Func<string, CutoverSignals>? cutoverSignals = null,
        Func<DurableTaskClient, string, Task<IAsyncDisposable>>? attach = null,
        string? stateStoreConnection = null,
        Action<string>? onStarted = null,
        string? instanceId = null,
        MigrationHooks? hooks = null)
    {
        var id = instanceId ?? NewMigrationId();
        var migrationId = request.MigrationId ?? id;
        // Printed before anything runs: a killed process never reaches its summary, and resume needs the id.
        onStarted?.Invoke(migrationId);
        var store = stateStoreConnection is null ? null : StateStore.ForMigration(stateStoreConnection, migrationId);
        MigrationRun run;
        await using (var engine = await StartEngineAsync(sourceConnectionString, targetConnectionString, store, cancellationToken, hooks?.Connections))
        {
            if (request.Options.Mode == MigrationMode.Online)
            {
                await engine.Client.ScheduleNewOrchestrationInstanceAsync(
                    nameof(OnlineMigrationOrchestrator), new OnlineMigrationInput(request), new StartOrchestrationOptions(id), cancellationToken);
            }
            else
            {
                await engine.Client.ScheduleNewOrchestrationInstanceAsync(
                    nameof(MigrationOrchestrator), request, new StartOrchestrationOptions(id), cancellationToken);
            }

            hooks?.Started?.Invoke(id);

            // Something else that watches or steers this instance while it runs (the dashboard server); ended after it.
            await using var attached = attach is null ? null : await attach(engine.Client, id);
            run = await WatchOrCancelAsync(engine.Client, id, onStatus, cutoverSignals?.Invoke(migrationId), hooks?.ControlDiagnostics, cancellationToken);
        }

        await ForgetFinishedAsync(store, run);
        return run;
    }

    /// <summary>
    /// Continues a migration whose durable history is in <paramref name="store"/>: the engine reconnects to its task
    /// hub, and the same instance replays its history and goes on from the last completed step; the work the killed
    /// process had in flight is delivered again once its queue messages become visible.
    /// </summary>
    /// <returns>The run, or null when the task hub holds no live instance of that id (none, or one that ended:
    /// a failed or terminated instance is resumed as a new one from the ledger instead).</returns>
    public static async Task<MigrationRun?> ContinueAsync(
        string sourceConnectionString,
        string targetConnectionString,
        string id,
        StateStore store,
        Action<MigrationStatus>? onStatus,
        CancellationToken cancellationToken,
        Func<string, CutoverSignals>? cutoverSignals = null,
        Func<Task>? onContinuing = null,
        Func<DurableTaskClient, string, Task<IAsyncDisposable>>? attach = null)
    {
        MigrationRun run;
        await using (var engine = await StartEngineAsync(sourceConnectionString, targetConnectionString, store, cancellationToken))
        {
            if (await engine.Client.GetInstanceAsync(id, cancellationToken) is not { } instance
                || instance.RuntimeStatus is not (OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Suspended))
            {
                return null;
            }

            if (onContinuing is not null)
            {
                await onContinuing();
            }

            await using var attached = attach is null ? null : await attach(engine.Client, id);
            run = await WatchOrCancelAsync(engine.Client, id, onStatus, cutoverSignals?.Invoke(id), null, cancellationToken);
        }

        await ForgetFinishedAsync(store, run);
        return run;
    }

    /// <summary>
    /// A migration that ended with a report no longer needs its durable history: the task hub is deleted (the
    /// report and the target's ledger keep what happened). A failed or terminated one keeps it for diagnosis.
    /// </summary>
    private static async Task ForgetFinishedAsync(StateStore? store, MigrationRun run)
    {
        if (store is null || run.Report is null)
        {
            return;
        }

        try
        {
            await AzureStorageSidecar.DeleteTaskHubAsync(store, NullLoggerFactory.Instance);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The migration is done; a leftover task hub costs storage, not correctness.
        }
    }

    /// <summary>A new migration id: sortable by start time, unique enough for one target.</summary>
    public static string NewMigrationId() => $"migration-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Guid.NewGuid().ToString("N")[..6]}";

    private static Task<EmbeddedDurableEngine> StartEngineAsync(
        string sourceConnectionString, string targetConnectionString, StateStore? store, CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string>? extraConnections = null)
    {
        // Extra named connections: the throttle's replicas (--throttle-replicas).
        var catalog = new DictionaryConnectionCatalog(new Dictionary<string, string>(extraConnections ?? new Dictionary<string, string>(), StringComparer.Ordinal)
        {
            [SourceName] = sourceConnectionString,
            [TargetName] = targetConnectionString,
        });
        return EmbeddedDurableEngine.StartAsync(catalog, null, cancellationToken, store);
    }

    private static async Task<MigrationRun> WatchOrCancelAsync(
        DurableTaskClient client, string id, Action<MigrationStatus>? onStatus, CutoverSignals? cutoverSignals, TextWriter? controlDiagnostics,
        CancellationToken cancellationToken)
    {
        try
        {
            return await WatchAsync(client, id, onStatus, cutoverSignals, controlDiagnostics, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await CancelAsync(client, id);
            throw;
        }
    }

    /// <summary>
    /// Ctrl+C: the cooperative cancel of the HTTP API (the orchestration lets running chunks finish, restores what it
    /// changed and ends Cancelled); terminated only when it has not ended within <see cref="CancelGrace"/>.
    /// </summary>
    private static async Task CancelAsync(DurableTaskClient client, string id)
    {
        await client.RaiseEventAsync(id, CancelSignal.EventName, "cancelled by the user", CancellationToken.None);
        using var grace = new CancellationTokenSource(CancelGrace);
        try
        {
            await client.WaitForInstanceCompletionAsync(id, grace.Token);
        }
        catch (OperationCanceledException) when (grace.IsCancellationRequested)
        {
            await client.TerminateInstanceAsync(id, "cancelled by the user", CancellationToken.None);
        }
    }

    /// <summary>How long Ctrl+C waits for the chunks in flight (200k-row chunks take seconds) before terminating.</summary>
    private static readonly TimeSpan CancelGrace = TimeSpan.FromSeconds(30);

    private static async Task<MigrationRun> WatchAsync(
        DurableTaskClient client, string id, Action<MigrationStatus>? onStatus, CutoverSignals? signals, TextWriter? controlDiagnostics,
        CancellationToken cancellationToken)
    {
        while (true)
        {
            foreach (var command in controlDiagnostics is null ? [] : ControlFiles.Take(id, controlDiagnostics))
            {
                await client.RaiseEventAsync(id, ControlChanges.EventName, command, cancellationToken);
            }

            var meta = await ReadInstanceAsync(client, id, cancellationToken);
            if (meta.SerializedCustomStatus is not null && meta.ReadCustomStatusAs<MigrationStatus>() is { } status)
            {
                onStatus?.Invoke(status);
                if (meta.RuntimeStatus == OrchestrationRuntimeStatus.Running && signals?.Poll(status) is { } signal)
                {
                    await client.RaiseEventAsync(id, signal.Event, signal.Request, cancellationToken);
                }
            }

            switch (meta.RuntimeStatus)
            {
                case OrchestrationRuntimeStatus.Completed:
                    return new MigrationRun(id, meta.ReadOutputAs<MigrationReport>(), null);
                case OrchestrationRuntimeStatus.Failed:
                case OrchestrationRuntimeStatus.Terminated:
                    return new MigrationRun(id, null, meta.FailureDetails.Innermost()?.ErrorMessage ?? $"Migration {id} ended as {meta.RuntimeStatus}.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
        }
    }

    /// <summary>
    /// How long the watch rides out an engine that cannot read the instance (with --state-store: the storage account or
    /// Azurite restarting, a network blip) before it gives up; the orchestration itself waits for the store meanwhile.
    /// </summary>
    private static readonly TimeSpan StoreOutageGrace = TimeSpan.FromMinutes(2);

    private static async Task<OrchestrationMetadata> ReadInstanceAsync(DurableTaskClient client, string id, CancellationToken cancellationToken)
    {
        var outage = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return await client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken)
                    ?? throw new InvalidOperationException($"Migration {id} vanished from the embedded engine.");
            }
            catch (RpcException) when (outage.Elapsed < StoreOutageGrace && !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
        }
    }
}
