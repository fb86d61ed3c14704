using FlexMigrate.Cli.Hosting;
using FlexMigrate.Orchestration;
using FlexMigrate.Orchestration.Cancellation;
using FlexMigrate.Orchestration.Connections;
using FlexMigrate.Orchestration.Contracts;
using FlexMigrate.Orchestration.Control;
using FlexMigrate.Orchestration.Offline;
using FlexMigrate.Orchestration.Online;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

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
        MigrationHooks? hooks = null)
    {
        var connections = new Dictionary<string, string>(hooks?.Connections ?? new Dictionary<string, string>(), StringComparer.Ordinal)
        {
            [SourceName] = sourceConnectionString,
            [TargetName] = targetConnectionString,
        };
        var catalog = new DictionaryConnectionCatalog(connections);
        await using var engine = await EmbeddedDurableEngine.StartAsync(catalog, null, cancellationToken);
        var id = $"migration-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Guid.NewGuid().ToString("N")[..6]}";
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
        try
        {
            return await WatchAsync(engine.Client, id, onStatus, cutoverSignals?.Invoke(id), hooks?.ControlDiagnostics, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await CancelAsync(engine.Client, id);
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

            var meta = await client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken)
                ?? throw new InvalidOperationException($"Migration {id} vanished from the embedded engine.");
            if (meta.SerializedCustomStatus is not null && meta.ReadCustomStatusAs<MigrationStatus>() is { } status)
            {
                onStatus?.Invoke(status);
                if (meta.RuntimeStatus == OrchestrationRuntimeStatus.Running && signals?.Poll(status) is { } cutover)
                {
                    await client.RaiseEventAsync(id, OnlineMigrationOrchestrator.CutoverEvent, cutover, cancellationToken);
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
}
