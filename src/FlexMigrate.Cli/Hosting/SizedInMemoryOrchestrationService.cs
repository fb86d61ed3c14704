using DurableTask.Core;
using Microsoft.DurableTask.Testing.Sidecar;
using Microsoft.Extensions.Logging;

namespace FlexMigrate.Cli.Hosting;

/// <summary>
/// The in-process engine's in-memory store with the dispatcher limits of <see cref="EngineConcurrency"/> instead of
/// the processor count. Re-implementing the interface replaces only these two members; everything else is the
/// package's service, so the CLI needs no second process start with DOTNET_PROCESSOR_COUNT set.
/// </summary>
internal sealed class SizedInMemoryOrchestrationService(ILoggerFactory? loggerFactory)
    : InMemoryOrchestrationService(loggerFactory), IOrchestrationService
{
    int IOrchestrationService.MaxConcurrentTaskOrchestrationWorkItems => EngineConcurrency.OrchestrationWorkItems;

    int IOrchestrationService.MaxConcurrentTaskActivityWorkItems => EngineConcurrency.ActivityWorkItems;
}
