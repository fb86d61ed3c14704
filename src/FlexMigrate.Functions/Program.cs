using FlexMigrate.Core.Replication;
using FlexMigrate.Functions;
using FlexMigrate.Orchestration.Connections;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();

// Application Insights from the worker itself (the host sends only its own logs): structured logs with their
// properties (MigrationId, Table, Rows, RowsPerSecond ...) as customDimensions. Without
// APPLICATIONINSIGHTS_CONNECTION_STRING (local runs) nothing is sent. WorkerService stays on 2.23: the Functions
// integration 2.51.0 is built on Microsoft.ApplicationInsights 2.x (ITelemetryInitializer), which 3.x removed
// (ConfigureFunctionsApplicationInsights threw TypeLoadException with WorkerService 3.2.0).
builder.Services.AddApplicationInsightsTelemetryWorkerService().ConfigureFunctionsApplicationInsights();
ApplicationInsightsLogging.KeepInformationLogs(builder.Services);

builder.Services.AddSingleton<ConfigurationConnectionCatalog>();
builder.Services.AddSingleton<IConnectionCatalog>(sp => sp.GetRequiredService<ConfigurationConnectionCatalog>());
// One per worker: a migration's next replication batch (a cutover's drain) reuses the table shapes the last one read.
builder.Services.AddSingleton<ScopeTablesCache>();
AzureServices.Add(builder.Services, builder.Configuration);
builder.Build().Run();
