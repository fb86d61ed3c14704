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
/// as the CLI does. <paramref name="customize"/> may replace a task registration (fault injection).
/// </summary>
internal static class InProcessMigration
{
    public const string Source = "source";
    public const string Target = "target";

    public static MigrationRequest Request(IReadOnlyList<string> databases, MigrationOptions? options = null) =>
        new(Source, Target, databases, [], [], options ?? new MigrationOptions());

    public static async Task<OrchestrationMetadata> RunAsync(
        MigrationRequest request, Action<DurableTaskRegistry>? customize = null, TimeSpan? timeout = null)
    {
        var catalog = new DictionaryConnectionCatalog(new Dictionary<string, string>
        {
            [Source] = ServerPair.SourceConnectionString,
            [Target] = ServerPair.TargetConnectionString,
        });
        await using var host = await DurableTaskTestHost.StartAsync(
            registry =>
            {
                TaskCatalog.Register(registry);
                customize?.Invoke(registry);
            },
            new DurableTaskTestHostOptions { ConfigureServices = s => s.AddSingleton<IConnectionCatalog>(catalog) });
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(MigrationOrchestrator), request);
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(3));
        return await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, cts.Token);
    }

    /// <summary>The report of a run that must have completed; fails with the durable failure message otherwise.</summary>
    public static MigrationReport ReportOf(OrchestrationMetadata meta)
    {
        ArgumentNullException.ThrowIfNull(meta);
        var failure = meta.FailureDetails;
        while (failure?.InnerFailure is not null)
        {
            failure = failure.InnerFailure;
        }

        Assert.True(meta.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{meta.RuntimeStatus}: {failure?.ErrorType}: {failure?.ErrorMessage}");
        return meta.ReadOutputAs<MigrationReport>()!;
    }
}
