using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FlexMigrate.Functions;

/// <summary>Logging set-up for Application Insights from the isolated worker.</summary>
internal static class ApplicationInsightsLogging
{
    private const string ProviderName = "Microsoft.Extensions.Logging.ApplicationInsights.ApplicationInsightsLoggerProvider";

    /// <summary>
    /// The Application Insights logger provider adds a filter rule that keeps only Warning and above; the migration's
    /// progress and per-table metrics are Information, so that rule is removed and host.json's levels apply
    /// (https://learn.microsoft.com/azure/azure-functions/dotnet-isolated-process-guide#managing-log-levels).
    /// </summary>
    public static void KeepInformationLogs(IServiceCollection services) =>
        services.Configure<LoggerFilterOptions>(options =>
        {
            var rule = options.Rules.FirstOrDefault(r => r.ProviderName == ProviderName);
            if (rule is not null)
            {
                options.Rules.Remove(rule);
            }
        });
}
