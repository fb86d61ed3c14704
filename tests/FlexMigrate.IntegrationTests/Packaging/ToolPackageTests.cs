using System.Diagnostics;
using System.IO.Compression;
using FlexMigrate.IntegrationTests.Infrastructure;

namespace FlexMigrate.IntegrationTests.Packaging;

/// <summary>
/// `flexmigrate` as users get it: packed as a .NET tool, installed from that local folder into a fresh tool path
/// (no other package source), and run by its command name, in one process whatever the processor count: `--info`
/// shows the real count and the engine's fixed concurrency (docs/architecture.md).
/// </summary>
public sealed class ToolPackageTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("flexmigrate-tool-").FullName;

    [Fact]
    public async Task The_packed_tool_installs_from_a_local_folder_and_runs_by_name()
    {
        var feed = Path.Combine(_work, "feed");
        var root = TestArtifacts.RepositoryRoot();
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        // The CLI was built with the tests (project reference); pack those binaries as they are.
        await RunAsync("dotnet", ["pack", Path.Combine(root, "src", "FlexMigrate.Cli"), "--no-build", "--no-restore", "-c", configuration, "-o", feed, "-nologo"]);
        var package = Assert.Single(Directory.GetFiles(feed, "*.nupkg"));
        Assert.Equal("flexmigrate.0.1.0.nupkg", Path.GetFileName(package));
        using (var zip = ZipFile.OpenRead(package))
        {
            Assert.Contains(zip.Entries, e => e.FullName == "tools/net10.0/any/flexmigrate.dll");
            Assert.Contains(zip.Entries, e => e.FullName == "tools/net10.0/any/DotnetToolSettings.xml");
        }

        // Only the local folder as a source: nothing may come from (or be shadowed by) a registry.
        var config = Path.Combine(_work, "nuget.config");
        await File.WriteAllTextAsync(config, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration><packageSources><clear /><add key="local" value="{feed}" /></packageSources></configuration>
            """);
        var tools = Path.Combine(_work, "tools");
        await RunAsync("dotnet", ["tool", "install", "flexmigrate", "--tool-path", tools, "--configfile", config, "--version", "0.1.0"]);
        var flexmigrate = Path.Combine(tools, "flexmigrate");

        var version = await RunAsync(flexmigrate, ["--version"]);
        Assert.Equal("flexmigrate 0.1.0", version.Trim());

        var help = await RunAsync(flexmigrate, ["--help"]);
        Assert.StartsWith("flexmigrate: move MySQL/MariaDB databases", help, StringComparison.Ordinal);
        Assert.Contains("  migrate ", help, StringComparison.Ordinal);
        Assert.Contains("  cutover ", help, StringComparison.Ordinal);
        Assert.Contains("--dashboard [host:]port", await RunAsync(flexmigrate, ["migrate", "--help"]), StringComparison.Ordinal);

        // Started by name without the test run's DOTNET_PROCESSOR_COUNT: no relaunch sets it any more.
        var info = await RunAsync(flexmigrate, ["--info"]);
        Assert.Matches(@"processor count:  \d+\r?\n", info);
        Assert.Contains("engine:           128 activities, 128 orchestrations at once", info, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(tools, ".store", "flexmigrate", "0.1.0"), info, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);

    /// <summary>Runs a command as a user's shell would: without the test run's DOTNET_PROCESSOR_COUNT.</summary>
    private static async Task<string> RunAsync(string file, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment.Remove("DOTNET_PROCESSOR_COUNT");
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"{file} {string.Join(' ', start.ArgumentList)} exited {process.ExitCode}:\n{await output}\n{await error}");
        return await output;
    }
}
