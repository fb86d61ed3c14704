using FlexMigrate.IntegrationTests.Infrastructure;
using FlexMigrate.Orchestration.Contracts;
using FlexMigrate.Orchestration.Online;

namespace FlexMigrate.IntegrationTests.Accounts;

/// <summary>
/// Online migration with --users: the accounts are copied once replay has caught up, and account statements the
/// source runs while replication goes on (GRANT, ALTER USER, SET PASSWORD, CREATE/DROP USER, role grants) take effect
/// on the target before any cutover; statements about accounts outside --users stay skipped with a note.
/// </summary>
public sealed class OnlineAccountReplayTests : IAsyncLifetime
{
    private const string Db = "fmo_db";

    public async Task InitializeAsync() => await CleanUpAsync();

    public async Task DisposeAsync() => await CleanUpAsync();

    [Fact]
    public async Task Account_statements_on_the_source_during_replication_take_effect_on_the_target()
    {
        await ServerPair.ExecSourceAsync($"""
            CREATE DATABASE {Db}; CREATE TABLE {Db}.t1 (id INT PRIMARY KEY, v INT); CREATE TABLE {Db}.t2 (id INT PRIMARY KEY);
            INSERT INTO {Db}.t1 VALUES (1, 1), (2, 2); INSERT INTO {Db}.t2 VALUES (1);
            CREATE USER fmo_app@'%' IDENTIFIED BY 'Pw-app'; GRANT SELECT ON {Db}.t1 TO fmo_app@'%';
            CREATE USER fmo_pw@'%' IDENTIFIED BY 'Pw-old'; GRANT SELECT ON {Db}.* TO fmo_pw@'%';
            CREATE USER fmo_gone@'%' IDENTIFIED BY 'Pw-gone';
            CREATE USER fmo_lock@'%' IDENTIFIED BY 'Pw-lock';
            CREATE ROLE fmo_role; GRANT SELECT, INSERT ON {Db}.* TO fmo_role;
            """);
        await using var host = await InProcessMigration.StartHostAsync();
        var request = InProcessMigration.Request([Db], new MigrationOptions(
            Mode: MigrationMode.Online, Parallelism: 2, ApplyBatchSeconds: 1, CutoverPollMilliseconds: 200)) with { Users = new UserMigrationOptions(["fmo%"]) };
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(OnlineMigrationOrchestrator), new OnlineMigrationInput(request));
        await MigrationStatusWaiter.WaitAsync(host.Client, id, s => s.Replication is { CaughtUp: true }, TimeSpan.FromMinutes(3), TimeSpan.FromMilliseconds(200));
        Assert.Equal("ok", await AccountTestKit.OutcomeAsync(ServerPair.TargetConnectionString, "fmo_pw", "Pw-old", $"SELECT * FROM {Db}.t1"));
        Assert.Equal("ok", await AccountTestKit.OutcomeAsync(ServerPair.TargetConnectionString, "fmo_gone", "Pw-gone", null));

        await ServerPair.ExecSourceAsync($"""
            GRANT SELECT ON {Db}.t2 TO fmo_app@'%';
            ALTER USER fmo_app@'%' WITH MAX_QUERIES_PER_HOUR 77;
            ALTER USER fmo_lock@'%' ACCOUNT LOCK;
            SET PASSWORD FOR fmo_pw@'%' = PASSWORD('Pw-new');
            CREATE USER fmo_new@'%' IDENTIFIED BY 'Pw-fresh'; GRANT fmo_role TO fmo_new@'%'; SET DEFAULT ROLE fmo_role FOR fmo_new@'%';
            DROP USER fmo_gone@'%';
            CREATE USER fmx_outside@'%' IDENTIFIED BY 'Pw-outside'; GRANT SELECT ON {Db}.* TO fmx_outside@'%';
            """);

        // Replay, not the cutover, carries them: wait on the target while the migration still replicates.
        await WaitUntilAsync(async () =>
            await AccountTestKit.OutcomeAsync(ServerPair.TargetConnectionString, "fmo_pw", "Pw-new", null) == "ok"
            && await AccountTestKit.OutcomeAsync(ServerPair.TargetConnectionString, "fmo_new", "Pw-fresh", $"SELECT * FROM {Db}.t2") == "ok"
            && await AccountTestKit.OutcomeAsync(ServerPair.TargetConnectionString, "fmo_app", "Pw-app", $"SELECT * FROM {Db}.t2") == "ok"
            && await AccountTestKit.OutcomeAsync(ServerPair.TargetConnectionString, "fmo_lock", "Pw-lock", null) == "login error 4151"
            && await AccountTestKit.OutcomeAsync(ServerPair.TargetConnectionString, "fmo_gone", "Pw-gone", null) == "login error 1045");
        Assert.Equal("login error 1045", await AccountTestKit.OutcomeAsync(ServerPair.TargetConnectionString, "fmo_pw", "Pw-old", null));
        Assert.Contains("MAX_QUERIES_PER_HOUR 77", string.Join(" ", await AccountTestKit.CreateUserAsync(ServerPair.TargetConnectionString, "`fmo_app`@`%`")), StringComparison.Ordinal);
        Assert.Empty(await AccountTestKit.ListAsync(ServerPair.TargetConnectionString, "SELECT User FROM mysql.user WHERE User = 'fmx_outside'"));
        var running = await host.Client.GetInstanceAsync(id, getInputsAndOutputs: true);
        Assert.Equal(Microsoft.DurableTask.Client.OrchestrationRuntimeStatus.Running, running!.RuntimeStatus);

        await host.Client.RaiseEventAsync(id, OnlineMigrationOrchestrator.CutoverEvent, new CutoverRequest(StopWritesMode.Confirmed, 120, "test"));
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var report = InProcessMigration.ReportOf(await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token));

        Assert.True(report.Outcome == MigrationOutcome.Succeeded,
            $"{report.Outcome}: " + string.Join(" | ", report.Validation?.Accounts?.Differences.Select(d => $"{d.Account} {d.Kind} {d.Detail}") ?? []));
        Assert.True(report.Validation!.Accounts is { Equal: true, Compared: 5 }, $"{report.Validation.Accounts?.Compared} accounts compared");
        var notes = report.Replication!.Notes;
        Assert.Contains(notes, n => n.Contains("replayed: SET PASSWORD for 'fmo_pw'@'%'", StringComparison.Ordinal));
        Assert.Contains(notes, n => n.Contains("not replicated (no account of it is selected by --users): CREATE USER for 'fmx_outside'@'%'", StringComparison.Ordinal));
        Assert.DoesNotContain(notes, n => n.Contains("Pw-", StringComparison.Ordinal));
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the account changes did not reach the target within 90 s");
            await Task.Delay(500);
        }
    }

    private static async Task CleanUpAsync()
    {
        await AccountTestKit.DropAccountsAsync("fmo_");
        await AccountTestKit.DropAccountsAsync("fmx_outside");
        await ServerPair.ResetDatabasesAsync(Db);
    }
}
