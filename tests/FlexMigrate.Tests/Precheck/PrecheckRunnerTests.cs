using FlexMigrate.Core.Precheck;

namespace FlexMigrate.Tests.Precheck;

/// <summary>The runner without servers: connection failures become findings; findings per rule are capped.</summary>
public class PrecheckRunnerTests
{
    private const string Nowhere = "Server=127.0.0.1;Port=1;User ID=x;Connection Timeout=3";

    [Fact]
    public async Task Unreachable_servers_and_bad_connection_strings_are_findings_not_exceptions()
    {
        var report = await new PrecheckRunner().RunAsync(new PrecheckRequest(Nowhere, "Server=h;Bogus Option=1", ["app"]));

        Assert.Equal(
            ["connectivity.connection-string target Error", "connectivity.reachable source 127.0.0.1:1 Error", "connectivity.rules-skipped precheck Info"],
            report.Findings.Select(f => $"{f.Rule} {f.Object} {f.Severity}"));
        Assert.True(report.HasErrors);
        Assert.Null(report.SourceVersion);
    }

    [Fact]
    public async Task More_than_the_cap_of_findings_per_rule_are_summed_up()
    {
        var runner = new PrecheckRunner([new ManyFindingsRule(60)]);

        var report = await runner.RunAsync(new PrecheckRequest(Nowhere, Nowhere, ["app"]));

        var many = report.Findings.Where(f => f.Rule == "test.many").ToList();
        Assert.Equal(PrecheckRunner.MaxFindingsPerRule, many.Count);
        var summary = Assert.Single(many, f => f.Object == "11 more objects");
        Assert.StartsWith("11 more objects have the same problem, e.g. t49, t50", summary.Message, StringComparison.Ordinal);
    }

    private sealed class ManyFindingsRule(int count) : IPrecheckRule
    {
        public PrecheckGroup Group => PrecheckGroup.Compatibility;

        public PrecheckNeeds Needs => PrecheckNeeds.None;

        public Task<IReadOnlyList<PrecheckFinding>> EvaluateAsync(PrecheckContext context, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<PrecheckFinding>>(Enumerable.Range(0, count)
                .Select(i => new PrecheckFinding("test.many", PrecheckSeverity.Warning, $"t{i:00}", "m", "w", "r")).ToList());
    }
}
