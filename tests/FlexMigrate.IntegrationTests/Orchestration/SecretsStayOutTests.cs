using FlexMigrate.IntegrationTests.Infrastructure;
using FlexMigrate.Orchestration;
using FlexMigrate.Orchestration.Connections;
using FlexMigrate.Orchestration.Contracts;
using FlexMigrate.Orchestration.Offline;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.DependencyInjection;
using MySqlConnector;

namespace FlexMigrate.IntegrationTests.Orchestration;

/// <summary>
/// Durable history is persisted and shown in the portal: a migration run with password-bearing connections must
/// leave the password nowhere in its input, output, custom status or failure details.
/// </summary>
public class SecretsStayOutTests
{
    private const string Db = "fm_orch_secrets";
    private const string User = "fm_orch_secret_user";
    private const string Password = "Pa55-w0rd-that-must-not-leak";

    [Fact]
    public async Task No_password_appears_in_durable_input_output_status_or_failure()
    {
        await ServerPair.ResetDatabasesAsync(Db);
        foreach (var cs in new[] { ServerPair.SourceConnectionString, ServerPair.TargetConnectionString })
        {
            await ServerPair.ExecAsync(cs, $"""
                DROP USER IF EXISTS '{User}'@'%'; DROP USER IF EXISTS '{User}'@'localhost';
                CREATE USER '{User}'@'localhost' IDENTIFIED BY '{Password}'; GRANT ALL PRIVILEGES ON *.* TO '{User}'@'localhost';
                """);
        }

        await ServerPair.ExecSourceAsync($"CREATE DATABASE {Db}; CREATE TABLE {Db}.t (id INT PRIMARY KEY, v VARCHAR(10)); INSERT INTO {Db}.t VALUES (1, 'a'), (2, 'b');");
        var catalog = new DictionaryConnectionCatalog(new Dictionary<string, string>
        {
            ["source"] = WithUser(ServerPair.SourceConnectionString),
            ["target"] = WithUser(ServerPair.TargetConnectionString),
        });

        var ok = await RunAsync(catalog, [Db], new MigrationOptions(DropExisting: true));
        Assert.Equal(OrchestrationRuntimeStatus.Completed, ok.RuntimeStatus);
        var failed = await RunAsync(catalog, ["fm_orch_secrets_missing_db"], new MigrationOptions(SkipPrecheck: true));
        Assert.Equal(OrchestrationRuntimeStatus.Failed, failed.RuntimeStatus);

        foreach (var meta in new[] { ok, failed })
        {
            var everything = string.Join("\n", meta.SerializedInput, meta.SerializedOutput, meta.SerializedCustomStatus,
                meta.FailureDetails?.ErrorMessage, meta.FailureDetails?.StackTrace, meta.FailureDetails.Innermost()?.ErrorMessage);
            Assert.Contains("source", everything, StringComparison.Ordinal);
            Assert.DoesNotContain(Password, everything, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// Migrating users moves password hashes from source to target inside one activity: neither the hashes nor the
    /// passwords may show in the durable input, output, status or failure, including the notes of an account the
    /// target refuses (forced through with --skip-precheck).
    /// </summary>
    [Fact]
    public async Task No_account_hash_or_password_appears_when_users_are_migrated()
    {
        const string AccountPassword = "Acc0unt-pass-that-must-not-leak";
        await ServerPair.ResetDatabasesAsync(Db);
        await Accounts.AccountTestKit.DropAccountsAsync("fm_orch_secret_acct");
        await Accounts.AccountTestKit.InstallEd25519OnSourceAsync();
        await ServerPair.ExecSourceAsync($"""
            CREATE DATABASE {Db}; CREATE TABLE {Db}.t (id INT PRIMARY KEY);
            CREATE USER fm_orch_secret_acct@'%' IDENTIFIED BY '{AccountPassword}'; GRANT SELECT ON {Db}.* TO fm_orch_secret_acct@'%';
            CREATE USER fm_orch_secret_acct_ed@'%' IDENTIFIED VIA ed25519 USING PASSWORD('{AccountPassword}');
            """);
        try
        {
            var hashes = await Accounts.AccountTestKit.ListAsync(ServerPair.SourceConnectionString,
                "SELECT JSON_VALUE(Priv, '$.authentication_string') FROM mysql.global_priv WHERE User LIKE 'fm_orch_secret_acct%'");
            var catalog = new DictionaryConnectionCatalog(new Dictionary<string, string>
            {
                ["source"] = ServerPair.SourceConnectionString,
                ["target"] = ServerPair.TargetConnectionString,
            });
            var request = InProcessMigration.Request([Db], new MigrationOptions(DropExisting: true, SkipPrecheck: true))
                with { Users = new UserMigrationOptions(["fm_orch_secret_acct%"]) };
            await using var host = await DurableTaskTestHost.StartAsync(
                FlexMigrate.Orchestration.TaskCatalog.Register,
                new DurableTaskTestHostOptions { ConfigureServices = s => s.AddSingleton<IConnectionCatalog>(catalog), Port = FlexMigrate.Cli.Hosting.LoopbackPort.Free() });
            var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(MigrationOrchestrator), request);
            using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            var meta = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, cts.Token);

            var everything = string.Join("\n", meta.SerializedInput, meta.SerializedOutput, meta.SerializedCustomStatus, meta.FailureDetails?.ErrorMessage);
            Assert.Contains("plugin-unsupported", everything, StringComparison.Ordinal);
            Assert.Contains("fm_orch_secret_acct_ed", everything, StringComparison.Ordinal);
            Assert.Equal(2, hashes.Count);
            foreach (var secret in hashes.Append(AccountPassword))
            {
                Assert.DoesNotContain(secret, everything, StringComparison.Ordinal);
            }
        }
        finally
        {
            await Accounts.AccountTestKit.DropAccountsAsync("fm_orch_secret_acct");
        }
    }

    private static string WithUser(string connectionString) =>
        new MySqlConnectionStringBuilder(connectionString) { UserID = User, Password = Password }.ConnectionString;

    private static async Task<OrchestrationMetadata> RunAsync(IConnectionCatalog catalog, IReadOnlyList<string> databases, MigrationOptions options)
    {
        await using var host = await DurableTaskTestHost.StartAsync(
            FlexMigrate.Orchestration.TaskCatalog.Register,
            new DurableTaskTestHostOptions { ConfigureServices = s => s.AddSingleton(catalog), Port = FlexMigrate.Cli.Hosting.LoopbackPort.Free() });
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(
            nameof(MigrationOrchestrator), InProcessMigration.Request(databases, options));
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        return await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, cts.Token);
    }
}
