namespace FlexMigrate.IntegrationTests.Orchestration;

/// <summary>
/// The tests that migrate a thousand tables or sixty databases run one at a time, not beside the others: they load
/// both shared servers for minutes, and beside them other tests' statements hit their command timeouts on a loaded
/// machine (seen in a suite run at load average 40: eleven validation and fidelity tests timed out).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ScaleCollection
{
    public const string Name = "scale";
}
