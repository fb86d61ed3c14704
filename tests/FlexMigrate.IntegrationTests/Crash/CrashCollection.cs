namespace FlexMigrate.IntegrationTests.Crash;

/// <summary>
/// The crash tests run one at a time: each drives real processes that load both servers, and a kill's timing must
/// not depend on what other tests do to the machine at that moment.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CrashCollection
{
    public const string Name = "crash";
}
