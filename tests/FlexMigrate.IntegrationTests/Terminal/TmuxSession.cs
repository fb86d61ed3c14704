using System.Diagnostics;

namespace FlexMigrate.IntegrationTests.Terminal;

/// <summary>
/// A detached tmux session of a fixed size on a private server socket: the test runs a command in it as a person
/// would in a terminal of that size, reads the screen as they would see it (capture-pane -J joins lines the
/// terminal wrapped, so a wrapped line shows up wider than the screen) and types keys.
/// </summary>
internal sealed class TmuxSession : IAsyncDisposable
{
    private readonly string _socket = $"flexmigrate-test-{Guid.NewGuid():N}"[..32];

    private TmuxSession(int width, int height)
    {
        Width = width;
        Height = height;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Starts <paramref name="command"/> (a shell command line) in a new session; the shell stays after it
    /// ends so the last screen can still be read.</summary>
    public static async Task<TmuxSession> StartAsync(int width, int height, string command, IReadOnlyDictionary<string, string> environment)
    {
        var session = new TmuxSession(width, height);
        List<string> args = ["-f", "/dev/null", "new-session", "-d", "-s", "main", "-x", width.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-y", height.ToString(System.Globalization.CultureInfo.InvariantCulture)];
        foreach (var (name, value) in environment)
        {
            args.AddRange(["-e", $"{name}={value}"]);
        }

        args.Add($"{command}; echo \"__exit=$?__\"; sleep 600");
        await session.TmuxAsync(args);
        return session;
    }

    /// <summary>
    /// The screen and what scrolled off its top (so leftovers of a torn redraw cannot hide there), wrapped lines
    /// joined; with <paramref name="escapes"/> the colour sequences too.
    /// </summary>
    public async Task<IReadOnlyList<string>> CaptureAsync(bool escapes = false)
    {
        List<string> args = ["capture-pane", "-p", "-J", "-S", "-", "-t", "main"];
        if (escapes)
        {
            args.Add("-e");
        }

        var text = await TmuxAsync(args);
        return text.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
    }

    public Task SendKeysAsync(string keys) => TmuxAsync(["send-keys", "-t", "main", keys]);

    /// <summary>The command's exit code once it has ended (the shell printed it), else null.</summary>
    public static int? ExitCode(IEnumerable<string> screen) =>
        screen.Select(l => System.Text.RegularExpressions.Regex.Match(l, "__exit=(\\d+)__")).FirstOrDefault(m => m.Success) is { } m
            ? int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : null;

    public async ValueTask DisposeAsync()
    {
        try
        {
            await TmuxAsync(["kill-server"]);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private async Task<string> TmuxAsync(IEnumerable<string> args)
    {
        var start = new ProcessStartInfo("tmux") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-L");
        start.ArgumentList.Add(_socket);
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("tmux did not start.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("tmux is not installed: apt-get install -y tmux (.ci/run installs it).", ex);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"tmux {string.Join(' ', args)} failed ({process.ExitCode}): {await error}");
            }

            return await output;
        }
    }
}
