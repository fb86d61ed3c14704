using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using FlexMigrate.Core.Testing;
using FlexMigrate.IntegrationTests.Infrastructure;

namespace FlexMigrate.IntegrationTests.Crash;

/// <summary>
/// A real <c>flexmigrate</c> process (the CLI built beside the tests) against the server pair, for the crash tests:
/// started with an optional <see cref="PausePoint"/>, killed with SIGKILL (no handler runs, nothing is flushed:
/// the same as an OOM kill or a power cut), or waited for. It runs as a user starts it, without the test run's
/// DOTNET_PROCESSOR_COUNT: one process, the one the kill reaches.
/// </summary>
internal sealed partial class CliProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly string _marker;

    private CliProcess(Process process, string marker)
    {
        _process = process;
        _marker = marker;
    }

    public string Stdout
    {
        get
        {
            lock (_stdout)
            {
                return _stdout.ToString();
            }
        }
    }

    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    public static CliProcess Start(IEnumerable<string> args, string? pauseAt = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var marker = Path.Combine(Path.GetTempPath(), $"flexmigrate-pause-{Guid.NewGuid():N}");
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "flexmigrate.dll"));
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["FLEXMIGRATE_SOURCE"] = ServerPair.SourceConnectionString;
        start.Environment["FLEXMIGRATE_TARGET"] = ServerPair.TargetConnectionString;
        start.Environment.Remove("DOTNET_PROCESSOR_COUNT");
        start.Environment.Remove("FLEXMIGRATE_STATE_STORE");
        if (pauseAt is not null)
        {
            start.Environment[PausePoint.Variable] = pauseAt;
            start.Environment[PausePoint.MarkerVariable] = marker;
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet flexmigrate.dll.");
        var cli = new CliProcess(process, marker);
        process.OutputDataReceived += (_, e) => cli.Append(cli._stdout, e.Data);
        process.ErrorDataReceived += (_, e) => cli.Append(cli._stderr, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.StandardInput.Close();
        return cli;
    }

    /// <summary>The migration id the CLI prints on stderr as it starts.</summary>
    public async Task<string> MigrationIdAsync(TimeSpan timeout) =>
        await WaitForAsync(() => StartedLine().Match(Stderr) is { Success: true } m ? m.Groups[1].Value : null, timeout, "its migration id");

    /// <summary>Waits until <paramref name="count"/> hits of the pause point stand paused (lines in the marker file).</summary>
    public Task WaitForPauseAsync(TimeSpan timeout, int count = 1) =>
        WaitForAsync(() => File.Exists(_marker) && File.ReadAllLines(_marker).Length >= count ? "" : null, timeout, $"{count} paused point(s)");

    /// <summary>Lets every paused point go on (and every later hit pass).</summary>
    public void Release() => File.WriteAllText(_marker + ".release", "");

    /// <summary>SIGKILL the process and wait until it is gone.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>The exit code once the process ends by itself.</summary>
    public async Task<int> ExitCodeAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            await KillAsync();
            throw new TimeoutException($"flexmigrate did not finish within {timeout}.\nstderr:\n{Stderr}\nstdout:\n{Stdout}");
        }

        // The asynchronous readers may still hold the last lines.
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
        File.Delete(_marker);
        File.Delete(_marker + ".release");
    }

    private void Append(StringBuilder buffer, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (buffer)
        {
            buffer.AppendLine(line);
        }
    }

    private async Task<T> WaitForAsync<T>(Func<T?> probe, TimeSpan timeout, string what)
        where T : class
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (probe() is { } value)
            {
                return value;
            }

            if (_process.HasExited)
            {
                throw new InvalidOperationException($"flexmigrate exited ({_process.ExitCode}) before {what}.\nstderr:\n{Stderr}\nstdout:\n{Stdout}");
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"flexmigrate did not reach {what} within {timeout}.\nstderr:\n{Stderr}");
            }

            await Task.Delay(50);
        }
    }

    [GeneratedRegex(@"Migration (\S+) started")]
    private static partial Regex StartedLine();
}
