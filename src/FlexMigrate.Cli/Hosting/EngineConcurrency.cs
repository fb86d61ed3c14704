namespace FlexMigrate.Cli.Hosting;

/// <summary>
/// How many work items the embedded engine runs at once, fixed here rather than derived from the processor count.
/// The in-process sidecar (Microsoft.DurableTask.InProcessTestHost) takes its dispatchers' limits from
/// <c>InMemoryOrchestrationService.MaxConcurrentTask*WorkItems</c>, which return Environment.ProcessorCount, and polls
/// every 500 ms while they are full: on 2 cores a fan-out of 100 activities took 25 s instead of 0.5 s (stack-facts).
/// The orchestrations bound their own fan-outs (ActivityPool: parallelism, apply threads); these limits only have to
/// stay above what they ask for, on any machine.
/// </summary>
internal static class EngineConcurrency
{
    /// <summary>Activities running at once: above any pool an orchestration opens (parallelism, apply threads &lt;= 64).</summary>
    public const int ActivityWorkItems = 128;

    /// <summary>Orchestration episodes running at once (the migration, its sub-orchestrations).</summary>
    public const int OrchestrationWorkItems = 128;
}
