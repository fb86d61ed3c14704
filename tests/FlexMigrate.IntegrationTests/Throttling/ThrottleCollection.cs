namespace FlexMigrate.IntegrationTests.Throttling;

/// <summary>
/// The throttle tests measure reactions in seconds and rates within 10 %: they run alone, after the parallel
/// collections, so another test's load on the two shared cores does not decide them.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ThrottleCollection
{
    public const string Name = "Throttle";
}
