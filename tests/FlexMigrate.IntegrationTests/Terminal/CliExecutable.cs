namespace FlexMigrate.IntegrationTests.Terminal;

/// <summary>The built `flexmigrate` (copied next to the tests by the project reference), run as a user runs it.</summary>
internal static class CliExecutable
{
    public static string DllPath { get; } = Path.Combine(AppContext.BaseDirectory, "flexmigrate.dll");

    /// <summary>
    /// A shell command line that runs the CLI with these arguments (each quoted for sh) in the environment a user's
    /// shell has: without the test run's DOTNET_PROCESSOR_COUNT, so the CLI sees the machine's processor count as it
    /// does for a user (its engine's concurrency does not depend on it, docs/architecture.md).
    /// </summary>
    public static string CommandLine(params string[] args) =>
        "env -u DOTNET_PROCESSOR_COUNT -u Logging__LogLevel__Default " + string.Join(' ', new[] { "dotnet", DllPath }.Concat(args).Select(Quote));

    public static string Quote(string arg) => "'" + arg.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>The connection strings (passed in the environment, as the README advises) and quiet dotnet.</summary>
    public static Dictionary<string, string> UserEnvironment(params (string Name, string Value)[] extra)
    {
        var env = new Dictionary<string, string>
        {
            ["FLEXMIGRATE_SOURCE"] = Infrastructure.ServerPair.SourceConnectionString,
            ["FLEXMIGRATE_TARGET"] = Infrastructure.ServerPair.TargetConnectionString,
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
        };
        foreach (var (name, value) in extra)
        {
            env[name] = value;
        }

        return env;
    }
}
