using System.Diagnostics;

namespace FlexMigrate.IntegrationTests.Crash;

/// <summary>
/// Crashes and restarts a server of the local pair through scripts/servers.sh (<c>kill</c>: SIGKILL, no clean
/// shutdown; <c>start</c>: InnoDB crash recovery), with the same FLEXMIGRATE_SERVERS_DIR and ports as the tests.
/// </summary>
internal static class ServerControl
{
    public static async Task KillAndRestartAsync(string role)
    {
        await RunScriptAsync("servers.sh", null, "kill", role);
        await RunScriptAsync("servers.sh", null, "start");
    }

    /// <summary>Runs scripts/<paramref name="script"/> with <paramref name="args"/>, the test's environment plus <paramref name="environment"/>.</summary>
    public static async Task RunScriptAsync(string script, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var start = new ProcessStartInfo("bash") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(Path.Combine(RepositoryRoot(), "scripts", script));
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"scripts/{script} {string.Join(' ', args)} failed: {await stderr}");
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "scripts", "servers.sh")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No scripts/servers.sh above {AppContext.BaseDirectory}.");
    }
}
