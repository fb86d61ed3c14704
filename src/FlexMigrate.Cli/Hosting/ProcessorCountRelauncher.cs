using System.Diagnostics;

namespace FlexMigrate.Cli.Hosting;

/// <summary>
/// The embedded durable engine sizes its dispatchers by Environment.ProcessorCount and polls every 500 ms when
/// they are saturated: on a 2-core machine a fan-out of 100 activities took 25 s instead of 0.5 s (stack-facts).
/// The count is read once at runtime start from DOTNET_PROCESSOR_COUNT, and runtimeconfig knobs do not set it,
/// so the CLI starts itself again once with the variable set. The child inherits the terminal.
/// </summary>
internal static class ProcessorCountRelauncher
{
    private const string Variable = "DOTNET_PROCESSOR_COUNT";
    private const string Value = "64";

    /// <summary>The child's exit code, or null when this process already runs with the setting.</summary>
    public static async Task<int?> RelaunchIfNeededAsync(string[] args)
    {
        if (Environment.GetEnvironmentVariable(Variable) is not null || Environment.ProcessPath is not { } exe)
        {
            return null;
        }

        var start = new ProcessStartInfo(exe) { UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(exe) == "dotnet")
        {
            // Started as `dotnet flexmigrate.dll ...`: pass the assembly again.
            start.ArgumentList.Add(typeof(ProcessorCountRelauncher).Assembly.Location);
        }

        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment[Variable] = Value;
        start.Environment["Logging__LogLevel__Default"] = "Warning";

        // Ctrl+C reaches the child too (same process group); the parent just waits for its exit code.
        Console.CancelKeyPress += (_, e) => e.Cancel = true;
        using var child = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {exe}.");
        await child.WaitForExitAsync();
        return child.ExitCode;
    }
}
