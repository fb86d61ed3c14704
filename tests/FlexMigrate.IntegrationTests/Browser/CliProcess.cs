using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;
using FlexMigrate.IntegrationTests.Terminal;

namespace FlexMigrate.IntegrationTests.Browser;

/// <summary>`flexmigrate` started as its own process (as a user starts it: no DOTNET_PROCESSOR_COUNT), stderr read line by line.</summary>
internal sealed class CliProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _errorLines = new();
    private readonly Task<string> _output;
    private readonly Task _errors;

    private CliProcess(Process process)
    {
        _process = process;
        _output = process.StandardOutput.ReadToEndAsync();
        _errors = Task.Run(async () =>
        {
            while (await process.StandardError.ReadLineAsync() is { } line)
            {
                _errorLines.Enqueue(line);
            }
        });
    }

    public string ErrorText => string.Join('\n', _errorLines);

    public static CliProcess Start(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        start.ArgumentList.Add(CliExecutable.DllPath);
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment.Remove("DOTNET_PROCESSOR_COUNT");
        start.Environment.Remove("Logging__LogLevel__Default");
        foreach (var (name, value) in CliExecutable.UserEnvironment())
        {
            start.Environment[name] = value;
        }

        return new CliProcess(Process.Start(start) ?? throw new InvalidOperationException("flexmigrate did not start."));
    }

    /// <summary>Waits for a stderr line matching <paramref name="pattern"/>; returns its first group.</summary>
    public async Task<string> WaitForLineAsync(Regex pattern, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_errorLines.Select(l => pattern.Match(l)).FirstOrDefault(m => m.Success) is { } match)
            {
                return match.Groups[1].Value;
            }

            if (_process.HasExited)
            {
                break;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"flexmigrate printed no line like /{pattern}/:\n{ErrorText}");
    }

    /// <summary>Waits for the exit; returns the exit code and stdout.</summary>
    public async Task<(int ExitCode, string Output)> WaitForExitAsync(TimeSpan timeout)
    {
        using var limit = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(limit.Token);
        await _errors;
        return (_process.ExitCode, await _output);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
