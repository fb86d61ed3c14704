using System.Diagnostics;
using MySqlConnector;

namespace FlexMigrate.IntegrationTests.Fidelity;

/// <summary>
/// Runs a script through the mariadb command-line client with --default-character-set, so the server receives the
/// script's bytes as a client of that character set sends them: the way legacy applications created their objects,
/// and a path independent of the engine's own protocol client.
/// </summary>
internal static class MariaDbClient
{
    public static async Task RunAsync(string connectionString, string charset, byte[] script)
    {
        var csb = new MySqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo("mariadb")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
        {
            "--no-defaults", $"--host={csb.Server}", $"--port={csb.Port}", $"--user={csb.UserID}",
            $"--default-character-set={charset}", "--binary-mode", "--batch",
        })
        {
            start.ArgumentList.Add(argument);
        }

        if (csb.Password.Length > 0)
        {
            start.Environment["MYSQL_PWD"] = csb.Password;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("mariadb did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardInput.BaseStream.WriteAsync(script);
        process.StandardInput.Close();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"mariadb --default-character-set={charset} failed ({process.ExitCode}): {await error}{await output}");
    }
}
