using FlexMigrate.Core.Precheck;
using FlexMigrate.IntegrationTests.Infrastructure;
using MySqlConnector;

namespace FlexMigrate.IntegrationTests.Precheck;

/// <summary>Runs the precheck and asserts findings exactly (rule id, severity, object).</summary>
internal static class PrecheckTestKit
{
    public static Task<PrecheckReport> RunAsync(string source, string target, PrecheckMode mode, params string[] databases) =>
        new PrecheckRunner().RunAsync(new PrecheckRequest(source, target, databases, mode));

    public static Task<PrecheckReport> RunOnPairAsync(PrecheckMode mode, params string[] databases) =>
        RunAsync(ServerPair.SourceConnectionString, ServerPair.TargetConnectionString, mode, databases);

    /// <summary>"source 127.0.0.1:13356": how findings name a server.</summary>
    public static string Label(string role, string connectionString)
    {
        var b = new MySqlConnectionStringBuilder(connectionString);
        return $"{role} {b.Server}:{b.Port}";
    }

    /// <summary>The one finding of <paramref name="rule"/> on <paramref name="obj"/>; fails listing all findings otherwise.</summary>
    public static PrecheckFinding Single(PrecheckReport report, string rule, string obj, PrecheckSeverity severity)
    {
        var matches = report.Findings.Where(f => f.Rule == rule && f.Object == obj).ToList();
        Assert.True(matches.Count == 1, $"Expected one {rule} finding on '{obj}', got {matches.Count}. All findings:\n{Describe(report)}");
        Assert.Equal(severity, matches[0].Severity);
        return matches[0];
    }

    public static void None(PrecheckReport report, string rule) =>
        Assert.True(report.Findings.All(f => f.Rule != rule), $"Expected no {rule} finding. All findings:\n{Describe(report)}");

    public static string Describe(PrecheckReport report) =>
        string.Join('\n', report.Findings.Select(f => $"  {f.Severity} {f.Rule} [{f.Object}] {f.Message}"));
}
