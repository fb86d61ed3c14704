using FlexMigrate.Cli.Hosting;
using FlexMigrate.Orchestration;
using FlexMigrate.Orchestration.Connections;
using FlexMigrate.Orchestration.Contracts;
using FlexMigrate.Orchestration.Offline;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FlexMigrate.IntegrationTests.Infrastructure;

/// <summary>
/// Runs the real orchestrator and activity classes on the in-process durable engine against the real server pair,
/// as the CLI does; an activity can be replaced by a wrapper for fault injection.
/// </summary>
internal static class InProcessMigration
{
    public const string Source = "source";
    public const string Target = "target";

    public static MigrationRequest Request(IReadOnlyList<string> databases, MigrationOptions? options = null) =>
        new(Source, Target, databases, [], [], options ?? new MigrationOptions());

    /// <param name="request">The migration.</param>
    /// <param name="replaceActivities">Activities registered instead of the catalog's class of the same name.</param>
    /// <param name="timeout">How long the run may take.</param>
    /// <param name="catalog">The connections (default: the pair as root).</param>
    public static Task<OrchestrationMetadata> RunAsync(
        MigrationRequest request,
        IReadOnlyDictionary<string, Func<IServiceProvider, ITaskActivity>>? replaceActivities = null,
        TimeSpan? timeout = null,
        IConnectionCatalog? catalog = null) =>
        RunOrchestrationAsync(nameof(MigrationOrchestrator), request, replaceActivities, timeout, catalog);

    /// <summary>Runs any orchestrator of the catalog with <paramref name="input"/>.</summary>
    public static async Task<OrchestrationMetadata> RunOrchestrationAsync(
        string orchestrator,
        object input,
        IReadOnlyDictionary<string, Func<IServiceProvider, ITaskActivity>>? replaceActivities = null,
        TimeSpan? timeout = null,
        IConnectionCatalog? catalog = null)
    {
        await using var host = await StartHostAsync(replaceActivities, catalog);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(orchestrator, input);
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(3));
        return await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, cts.Token);
    }

    /// <summary>
    /// An in-process engine with the catalog registered (and <paramref name="replaceActivities"/> instead of the
    /// catalog's classes of the same names), for tests that talk to a running instance (events, status).
    /// </summary>
    /// <param name="replaceActivities">Activities registered instead of the catalog's class of the same name.</param>
    /// <param name="catalog">The connections (default: the pair as root).</param>
    public static Task<DurableTaskTestHost> StartHostAsync(
        IReadOnlyDictionary<string, Func<IServiceProvider, ITaskActivity>>? replaceActivities = null, IConnectionCatalog? catalog = null)
    {
        catalog ??= new DictionaryConnectionCatalog(new Dictionary<string, string>
        {
            [Source] = ServerPair.SourceConnectionString,
            [Target] = ServerPair.TargetConnectionString,
        });
        return DurableTaskTestHost.StartAsync(
            registry =>
            {
                foreach (var o in TaskCatalog.Orchestrators)
                {
                    registry.AddOrchestrator(o);
                }

                foreach (var a in TaskCatalog.Activities)
                {
                    if (replaceActivities?.ContainsKey(a.Name) != true)
                    {
                        registry.AddActivity(a);
                    }
                }

                foreach (var (name, factory) in replaceActivities ?? new Dictionary<string, Func<IServiceProvider, ITaskActivity>>())
                {
                    registry.AddActivity(name, factory);
                }
            },
            new DurableTaskTestHostOptions
            {
                ConfigureServices = s => s.AddSingleton<IConnectionCatalog>(catalog),

                Port = LoopbackPort.Free(),
            });
    }

    /// <summary>The report of a run that must have completed; fails with the durable failure message otherwise.</summary>
    public static MigrationReport ReportOf(OrchestrationMetadata meta)
    {
        ArgumentNullException.ThrowIfNull(meta);
        var failure = meta.FailureDetails.Innermost();
        Assert.True(meta.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{meta.RuntimeStatus}: {failure?.ErrorType}: {failure?.ErrorMessage}");
        // An instance that completes without its report would otherwise surface later as a NullReferenceException;
        // say what the engine holds (the orchestrator's logs do not reach the test host's output).
        var report = meta.ReadOutputAs<MigrationReport>();
        Assert.True(report is not null, $"{meta.InstanceId} completed without a report: output {meta.SerializedOutput ?? "null"}, "
            + $"status {meta.SerializedCustomStatus?[..Math.Min(2000, meta.SerializedCustomStatus.Length)] ?? "null"}");
        var blockers = report.Precheck?.Findings.Where(f => f.Severity == FlexMigrate.Core.Precheck.PrecheckSeverity.Error)
            .Select(f => $"[{f.Rule}] {f.Object}: {f.Message}") ?? [];
        Assert.True(report.Outcome != MigrationOutcome.PrecheckBlocked, "precheck blocked: " + string.Join(" | ", blockers));
        return report;
    }
}
