using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MySqlConnector;

namespace FlexMigrate.IntegrationTests.Precheck;

/// <summary>
/// A short-lived MariaDB started by a test, for settings that cannot change at runtime (log_bin,
/// lower_case_table_names) or global changes that must not disturb tests using the shared pair. Ports 13360-13369,
/// data in a temp dir, stopped with SIGTERM and deleted on dispose. Options as in scripts/servers.sh.
/// </summary>
public sealed class ScratchServer : IAsyncDisposable
{
    private static readonly SemaphoreSlim StartLock = new(1, 1);
    private readonly Process _process;
    private readonly string _directory;

    private ScratchServer(Process process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString => $"Server=127.0.0.1;Port={Port};User ID=root";

    public static async Task<ScratchServer> StartAsync(string name, params string[] options)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"fm-precheck-{name}-{Environment.ProcessId}-{Guid.NewGuid():N}");
        var data = Path.Combine(directory, "data");
        var tmp = Path.Combine(directory, "tmp");
        Directory.CreateDirectory(tmp);
        await StartLock.WaitAsync();
        try
        {
            await InstallAsync(data, tmp);
            // Choosing a free port and binding it must not interleave with another scratch server's start.
            var port = FreePort();
            var process = Process.Start(new ProcessStartInfo(Mariadbd(),
                $"--no-defaults --user=root --datadir={data} --socket={directory}/mysqld.sock --pid-file={directory}/mysqld.pid " +
                $"--port={port} --bind-address=127.0.0.1 --log-error={directory}/error.log --tmpdir={tmp} --innodb-buffer-pool-size=16M " +
                "--key-buffer-size=1M --aria-pagecache-buffer-size=1M --query-cache-size=0 --table-open-cache=64 --max-connections=30 " +
                "--innodb-log-file-size=16M --character-set-server=utf8mb4 --collation-server=utf8mb4_general_ci " + string.Join(' ', options))
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            }) ?? throw new InvalidOperationException("mariadbd did not start.");
            var server = new ScratchServer(process, directory, port);
            await server.WaitUntilReadyAsync();
            return server;
        }
        finally
        {
            StartLock.Release();
        }
    }

    public async Task ExecAsync(string sql)
    {
        await using var c = new MySqlConnection(ConnectionString);
        await c.OpenAsync();
        await using var cmd = new MySqlCommand(sql, c);
        await cmd.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            using var term = Process.Start("kill", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill();
            }
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp dir is harmless; the next run uses a new name.
        }
    }

    private async Task WaitUntilReadyAsync()
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await using var c = new MySqlConnection(ConnectionString + ";Connection Timeout=2");
                await c.OpenAsync();
                return;
            }
            catch (MySqlException) when (clock.Elapsed < TimeSpan.FromSeconds(60) && !_process.HasExited)
            {
                await Task.Delay(100);
            }
            catch (MySqlException ex)
            {
                var log = Path.Combine(_directory, "error.log");
                throw new InvalidOperationException(
                    $"Scratch mariadbd on port {Port} did not become ready: {ex.Message}. Log: {(File.Exists(log) ? await File.ReadAllTextAsync(log) : "none")}", ex);
            }
        }
    }

    private static int FreePort()
    {
        for (var port = 13360; port <= 13369; port++)
        {
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                listener.Stop();
                return port;
            }
            catch (SocketException)
            {
                // Taken: try the next one.
            }
        }

        throw new InvalidOperationException("No free port in 13360-13369 for a scratch MariaDB.");
    }

    private static string Mariadbd() => File.Exists("/usr/sbin/mariadbd") ? "/usr/sbin/mariadbd" : "mariadbd";

    /// <summary>
    /// mariadb-install-db with a private tmpdir (extra options go to the bootstrap server): with the shared /tmp, a
    /// bootstrap once failed under load with "Could not remove temporary table" and a broken pipe. One retry.
    /// </summary>
    private static async Task InstallAsync(string data, string tmp)
    {
        var arguments = $"--no-defaults --user=root --datadir={data} --auth-root-authentication-method=normal --skip-test-db --tmpdir={tmp}";
        try
        {
            await RunAsync("mariadb-install-db", arguments);
        }
        catch (InvalidOperationException)
        {
            if (Directory.Exists(data))
            {
                Directory.Delete(data, recursive: true);
            }

            await RunAsync("mariadb-install-db", arguments);
        }
    }

    private static async Task RunAsync(string file, string arguments)
    {
        using var p = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })
                      ?? throw new InvalidOperationException($"{file} did not start.");
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {arguments} failed ({p.ExitCode}): {await output}{await error}");
        }
    }
}
