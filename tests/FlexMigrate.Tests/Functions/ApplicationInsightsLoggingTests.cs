using FlexMigrate.Functions;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FlexMigrate.Tests.Functions;

/// <summary>
/// The worker's Application Insights set-up as Program.cs does it: it must start (the Functions integration and the
/// WorkerService SDK must agree on Microsoft.ApplicationInsights' major version) and must keep the migration's
/// metrics, which are Information logs, although the SDK's logger provider keeps only Warning by default.
/// </summary>
public class ApplicationInsightsLoggingTests
{
    private const string Provider = "Microsoft.Extensions.Logging.ApplicationInsights.ApplicationInsightsLoggerProvider";

    [Fact]
    public void The_worker_application_insights_set_up_starts_and_keeps_information_logs()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddApplicationInsightsTelemetryWorkerService().ConfigureFunctionsApplicationInsights();
        Assert.Contains(Rules(services), r => r.ProviderName == Provider && r.LogLevel == LogLevel.Warning);

        ApplicationInsightsLogging.KeepInformationLogs(services);

        Assert.DoesNotContain(Rules(services), r => r.ProviderName == Provider || (r.CategoryName is null && r.LogLevel > LogLevel.Information));
    }

    private static List<LoggerFilterRule> Rules(IServiceCollection services)
    {
        using var provider = services.BuildServiceProvider();
        return [.. provider.GetRequiredService<IOptions<LoggerFilterOptions>>().Value.Rules];
    }
}
