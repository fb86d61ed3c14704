using System.Globalization;
using System.Text.RegularExpressions;
using FlexMigrate.Core.Ledger;
using FlexMigrate.IntegrationTests.Infrastructure;
using FlexMigrate.IntegrationTests.Online;

namespace FlexMigrate.IntegrationTests.Crash;

/// <summary>
/// The crash suite's reverse kill points (issue 16): a real `flexmigrate migrate --mode online --reverse-after-cutover`
/// cuts over by itself, the target takes writes, and the process is SIGKILLed while replicating back, in a rollback's
/// window (the target set read-only, before the drain) or half-way through a finish (the old source's triggers being
/// created again). `flexmigrate resume` must go on replicating back (never forward again over the new primary) and the
/// migration end as asked: the old source equal to the target by an independent per-row comparison
/// (<see cref="DatabaseComparison"/>), the target never left read-only by a process that is gone, the audit trigger's
/// rows once per write, the old source's triggers and events there exactly once, no checkpoint left behind.
/// Each point runs on the in-memory default (the resumed run rebuilds reverse replication from the target's ledger)
/// and with --state-store (the same durable instance continues).
/// </summary>
[Collection(CrashCollection.Name)]
public sealed class ReverseKillResumeTests
{
    private const string Db = "crash_reverse";
    private static readonly TimeSpan Step = TimeSpan.FromMinutes(4);

    public static TheoryData<string, bool> Points => new()
    {
        { "replicating", true }, { "replicating", false },
        { "rollback", true }, { "rollback", false },
        { "finish", true }, { "finish", false },
    };

    [Theory]
    [MemberData(nameof(Points))]
    public async Task Killed_while_replicating_back_then_resumed_ends_as_asked(string point, bool stateStore)
    {
        await RestoreAsync();
        await ServerPair.ResetDatabasesAsync(Db);
        await ServerPair.ExecSourceAsync(OnlineWorkload.Schema(Db));
        await AppWorkload.GrantAsync(Db);
        string[] store = stateStore ? ["--state-store", StateStoreAccount.ConnectionString] : [];
        using var stopSource = new CancellationTokenSource();
        var sourceWrites = Task.Run(() => new AppWorkload(Db, seed: 17).RunAsync(stopSource.Token));
        var pauseAt = point switch
        {
            "replicating" => "apply-commit@reverse-start",
            "rollback" => "cutover-stop-writes#2",
            _ => "metadata@reverse-start",
        };
        try
        {
            string id;
            await using (var first = CliProcess.Start(
                ["migrate", "--mode", "online", "--reverse-after-cutover", "--databases", Db, "--chunk-rows", "500", "--cutover-when-lag-below", "5", .. store], pauseAt))
            {
                id = await first.MigrationIdAsync(Step);
                await WaitForPhaseAsync(id, "ReplicatingBack", first);
                await stopSource.CancelAsync();
                await sourceWrites;
                await WriteOnTargetAsync(seed: 21, keyBase: 3_000_000);
                if (point != "replicating")
                {
                    await SignalAsync(point == "rollback" ? "rollback" : "finish", id);
                }

                await first.WaitForPauseAsync(Step);
                await first.KillAsync();
            }

            if (point == "rollback")
            {
                Assert.Equal(1L, await ReadOnlyAsync(ServerPair.TargetConnectionString));
            }
            else
            {
                // The applications go on writing on the new primary while no process replicates back.
                await WriteOnTargetAsync(seed: 22, keyBase: 4_000_000);
            }

            await using var resumed = CliProcess.Start(["resume", id, .. store]);
            if (point == "rollback" && !stateStore)
            {
                // The new run undoes the rollback the killed one began: the target takes writes again; then a new rollback.
                await WaitForAsync(async () => await ReadOnlyAsync(ServerPair.TargetConnectionString) == 0, "the target writable again", resumed);
                await WriteOnTargetAsync(seed: 23, keyBase: 5_000_000);
                await SignalAsync("rollback", id);
            }
            else if (point == "replicating")
            {
                await WaitForPhaseAsync(id, "ReplicatingBack", resumed);
                await WriteOnTargetAsync(seed: 23, keyBase: 5_000_000);
                await SignalAsync("rollback", id);
            }

            var exit = await resumed.ExitCodeAsync(Step);
            Assert.True(exit == 0, $"{point}: resume exited {exit}\nstderr:\n{resumed.Stderr}\nstdout:\n{resumed.Stdout}");
            var expected = point == "finish" ? "Succeeded" : "RolledBack";
            Assert.Matches($@"Migration {Regex.Escape(id)}(-resume-\S+)?: {expected}", resumed.Stdout);
            await AssertEndedAsync(id, rolledBack: point != "finish");
        }
        finally
        {
            await stopSource.CancelAsync();
            await RestoreAsync();
        }
    }

    /// <summary>
    /// After a rollback the old source equals the target row by row and the audit trigger fired once per write (its
    /// rows came back as rows); after a finish the old source is left where reverse replication stopped (finish does not
    /// drain: the target is final). Either way the primary (old source after a rollback, target after a finish) is
    /// writable and the other read-only, the old source has the target's triggers and events exactly once, and no
    /// reverse checkpoint is left.
    /// </summary>
    private static async Task AssertEndedAsync(string id, bool rolledBack)
    {
        if (rolledBack)
        {
            await DatabaseComparison.AssertEqualAsync(Db);
            var audit = $"SELECT COUNT(*) FROM {Db}.audit";
            Assert.Equal(await CountAsync(ServerPair.TargetConnectionString, audit), await CountAsync(ServerPair.SourceConnectionString, audit));
        }

        Assert.Equal(rolledBack ? 0L : 1L, await ReadOnlyAsync(ServerPair.SourceConnectionString));
        Assert.Equal(rolledBack ? 1L : 0L, await ReadOnlyAsync(ServerPair.TargetConnectionString));
        foreach (var sql in new[]
        {
            $"SELECT COUNT(*) FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = '{Db}'",
            $"SELECT COUNT(*) FROM information_schema.EVENTS WHERE EVENT_SCHEMA = '{Db}'",
        })
        {
            Assert.Equal(await CountAsync(ServerPair.TargetConnectionString, sql), await CountAsync(ServerPair.SourceConnectionString, sql));
        }

        Assert.True(await CountAsync(ServerPair.SourceConnectionString, $"SELECT COUNT(*) FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = '{Db}'") > 0,
            "the old source has no triggers");
        Assert.Equal(0L, await CountAsync(ServerPair.SourceConnectionString,
            $"SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = 'flexmigrate_state' AND TABLE_NAME = 'replication_checkpoint'") == 0
            ? 0L
            : await CountAsync(ServerPair.SourceConnectionString, $"SELECT COUNT(*) FROM flexmigrate_state.replication_checkpoint WHERE migration_id = '{id}'"));
    }

    /// <summary>Writes on the new primary for a few seconds (inserts, key-changing updates, cascading deletes, the audit trigger).</summary>
    private static async Task WriteOnTargetAsync(int seed, int keyBase)
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        await new OnlineWorkload(Db, seed, ServerPair.TargetConnectionString, keyBase).RunAsync(stop.Token);
    }

    /// <summary>`flexmigrate rollback|finish &lt;id&gt;`: the flag file the running process (first or resumed) watches.</summary>
    private static async Task SignalAsync(string command, string id)
    {
        await using var signal = CliProcess.Start([command, id, "--timeout", "120"]);
        var exit = await signal.ExitCodeAsync(TimeSpan.FromMinutes(1));
        Assert.True(exit == 0, $"{command} exited {exit}: {signal.Stderr}");
    }

    private static Task WaitForPhaseAsync(string id, string phase, CliProcess process) => WaitForAsync(async () =>
        (await TargetLedger.ListAsync(ServerPair.TargetConnectionString)).Any(e => e.MigrationId == id && e.Phase == phase), $"phase {phase}", process);

    private static async Task WaitForAsync(Func<Task<bool>> condition, string what, CliProcess process)
    {
        var deadline = DateTime.UtcNow + Step;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"no {what} within {Step}\nstderr:\n{process.Stderr}");
            await Task.Delay(200);
        }
    }

    private static async Task RestoreAsync()
    {
        await ServerPair.ExecSourceAsync("SET GLOBAL read_only = OFF");
        await ServerPair.ExecTargetAsync("SET GLOBAL read_only = OFF");
    }

    private static async Task<long> ReadOnlyAsync(string connectionString) => await CountAsync(connectionString, "SELECT @@GLOBAL.read_only");

    private static async Task<long> CountAsync(string connectionString, string sql) =>
        Convert.ToInt64(await ServerPair.ScalarAsync(connectionString, sql) ?? 0L, CultureInfo.InvariantCulture);
}
