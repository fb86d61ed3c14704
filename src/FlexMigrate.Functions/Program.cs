using FlexMigrate.Functions;
using FlexMigrate.Orchestration.Connections;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddSingleton<ConfigurationConnectionCatalog>();
builder.Services.AddSingleton<IConnectionCatalog>(sp => sp.GetRequiredService<ConfigurationConnectionCatalog>());
builder.Build().Run();
