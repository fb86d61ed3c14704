using System.Collections.Concurrent;
using FlexMigrate.Functions;
using FlexMigrate.Orchestration.Logging;
using Microsoft.ApplicationInsights;
using Microsoft.ApplicationInsights.Channel;
using Microsoft.ApplicationInsights.DataContracts;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FlexMigrate.Tests.Functions;

/// <summary>
/// What a migration log line becomes in Application Insights, with the worker's own set-up (Program.cs) and the
/// SDK's telemetry captured before it leaves the process: a trace whose customDimensions hold every named value of
/// the message, the EventId, and the MigrationId of the scope. The workbook and alert queries rely on exactly these
/// names (MonitoringQueryTests).
/// </summary>
public sealed class ApplicationInsightsFieldsTests
{
    [Fact]
    public async Task A_migration_event_arrives_with_its_values_event_id_and_migration_id_as_custom_dimensions()
    {
        var channel = new CapturingChannel();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<Microsoft.Extensions.Configuration.IConfiguration>(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        services.AddSingleton<ITelemetryChannel>(channel);
        services.AddApplicationInsightsTelemetryWorkerService(o => o.ConnectionString = "InstrumentationKey=00000000-0000-0000-0000-000000000000");
        services.ConfigureFunctionsApplicationInsights();
        ApplicationInsightsLogging.KeepInformationLogs(services);
        await using var provider = services.BuildServiceProvider();
        var logger = provider.GetRequiredService<ILoggerFactory>().CreateLogger("FlexMigrate.Orchestration.Online.ReplicationTurn");

        using (logger.BeginMigrationScope("migration-1"))
        {
            logger.ReplicationBatchApplied("migration-1", 12, 340, 1.5, 2.25, 4096, caughtUp: true);
        }

        provider.GetRequiredService<TelemetryClient>().Flush();
        var trace = Assert.Single(channel.Items.OfType<TraceTelemetry>(), t => t.Message.Contains("replication batch", StringComparison.Ordinal));
        var d = trace.Properties;
        Assert.Equal("105", d["EventId"]);
        Assert.Equal("migration-1", d["MigrationId"]);
        Assert.Equal("12", d["Transactions"]);
        Assert.Equal("340", d["Rows"]);
        Assert.Equal("2.25", d["LagSeconds"]);
        Assert.Equal("4096", d["LagBytes"]);
        Assert.Equal("True", d["CaughtUp"]);
        Assert.Equal(SeverityLevel.Information, trace.SeverityLevel);
    }

    private sealed class CapturingChannel : ITelemetryChannel
    {
        public ConcurrentQueue<ITelemetry> Items { get; } = new();

        public bool? DeveloperMode { get; set; }

        public string EndpointAddress { get; set; } = "https://localhost/";

        public void Send(ITelemetry item) => Items.Enqueue(item);

        public void Flush()
        {
        }

        public void Dispose()
        {
        }
    }
}
