using System.Diagnostics;
using System.Globalization;
using FlexMigrate.IntegrationTests.Infrastructure;
using FlexMigrate.IntegrationTests.Online;

namespace FlexMigrate.IntegrationTests.Crash;

/// <summary>
/// The crash suite: a real `flexmigrate migrate` is stopped at a named point of each phase (<see cref="Core.Testing.PausePoint"/>),
/// SIGKILLed there, and `flexmigrate resume` must finish the migration: the target equal to the source by an
/// independent per-row comparison (<see cref="DatabaseComparison"/>), nothing lost or doubled, at most the chunks in
/// flight copied again, an interrupted cutover completed (or undone with the source writable), never half-switched.
/// Each point runs on the in-memory default (resume rebuilds the run from the target's ledger) and with
/// --state-store on Azurite (the same durable instance continues).
/// </summary>
[Collection(CrashCollection.Name)]
public sealed class KillResumeSuite
{
    private const string Db = "crash_suite";
    private const string OnlineDb = "crash_suite_online";
    private static readonly TimeSpan Step = TimeSpan.FromMinutes(4);

    /// <summary>Offline kill points: (phase as reported, pause point, hits that must stand paused before the kill).</summary>
    public static TheoryData<string, string, int, bool> OfflinePoints => Expand(
    [
        ("precheck", "precheck", 1),
        ("table creation", "create-table#3", 1),
        ("mid-copy, four chunks in flight", "chunk-commit#3", 4),
        ("secondary index build", "add-indexes#2", 1),
        ("metadata", "metadata#2", 1),
        ("validation", "validate-table#2", 1),
    ]);

    /// <summary>Online kill points: the applications write until the kill; the resume cuts over once caught up.</summary>
    public static TheoryData<string, string, int, bool> ReplicationPoints => Expand(
    [
        ("online catch-up", "apply-commit#1", 1),
        ("steady replication", "apply-commit#12", 1),
    ]);

    /// <summary>
    /// Cutover kill points: the applications write until the first run cuts over by itself (the read-only source then
    /// stops them), and the run is killed in a cutover step.
    /// </summary>
    public static TheoryData<string, string, int, bool> CutoverPoints => Expand(
    [
        ("cutover: source set read-only", "cutover-stop-writes", 1),
        ("cutover: drain", "apply-commit@cutover-stop-writes", 1),
        ("cutover: triggers and events", "metadata@cutover-stop-writes", 1),
        ("cutover: auto-increment sync", "cutover-auto-increment", 1),
        ("cutover: validation", "validate-table#1", 1),
    ]);

    [Theory]
    [MemberData(nameof(OfflinePoints))]
    public async Task Offline_killed_then_resumed_ends_equal(string phase, string pauseAt, int paused, bool stateStore)
    {
        await CrashDataset.CreateAsync(Db);
        await KillAndResumeAsync(phase, pauseAt, paused, stateStore,
            ["migrate", "--databases", Db, "--chunk-rows", "2000", "--parallelism", "4"], []);
        await DatabaseComparison.AssertEqualAsync(Db);
    }

    [Theory]
    [MemberData(nameof(ReplicationPoints))]
    public async Task Online_killed_while_replicating_then_resumed_cuts_over_equal(string phase, string pauseAt, int paused, bool stateStore)
    {
        await ServerPair.ResetDatabasesAsync(OnlineDb);
        await ServerPair.ExecSourceAsync(OnlineWorkload.Schema(OnlineDb));
        await AppWorkload.GrantAsync(OnlineDb);
        using var stop = new CancellationTokenSource();
        var writes = Task.Run(() => new AppWorkload(OnlineDb, seed: 11).RunAsync(stop.Token));
        try
        {
            await KillAndResumeAsync(phase, pauseAt, paused, stateStore,
                ["migrate", "--mode", "online", "--databases", OnlineDb, "--chunk-rows", "500"],
                ["--cutover-when-lag-below", "5"],
                afterKill: () => StopWorkloadAsync(stop, writes));
            await AssertCutOverAsync();
        }
        finally
        {
            await stop.CancelAsync();
            await ServerPair.ExecSourceAsync("SET GLOBAL read_only = OFF");
        }
    }

    [Theory]
    [MemberData(nameof(CutoverPoints))]
    public async Task Online_killed_in_a_cutover_step_then_resumed_completes_the_cutover(string phase, string pauseAt, int paused, bool stateStore)
    {
        await ServerPair.ResetDatabasesAsync(OnlineDb);
        await ServerPair.ExecSourceAsync(OnlineWorkload.Schema(OnlineDb));
        await AppWorkload.GrantAsync(OnlineDb);
        using var stop = new CancellationTokenSource();
        var writes = Task.Run(() => new AppWorkload(OnlineDb, seed: 13).RunAsync(stop.Token));
        try
        {
            await KillAndResumeAsync(phase, pauseAt, paused, stateStore,
                ["migrate", "--mode", "online", "--databases", OnlineDb, "--chunk-rows", "500", "--cutover-when-lag-below", "5"],
                ["--cutover-when-lag-below", "5"],
                afterKill: () => StopWorkloadAsync(stop, writes));
            await AssertCutOverAsync();
        }
        finally
        {
            await stop.CancelAsync();
            await ServerPair.ExecSourceAsync("SET GLOBAL read_only = OFF");
        }
    }

    /// <summary>Stops the applications (they may have stopped already: the cutover made the source read-only).</summary>
    private static async Task StopWorkloadAsync(CancellationTokenSource stop, Task writes)
    {
        await stop.CancelAsync();
        await writes;
    }

    /// <summary>A completed cutover: target equal, its triggers and events in place, the source left read-only.</summary>
    private static async Task AssertCutOverAsync()
    {
        await DatabaseComparison.AssertEqualAsync(OnlineDb);
        foreach (var sql in new[]
        {
            $"SELECT COUNT(*) FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = '{OnlineDb}'",
            $"SELECT COUNT(*) FROM information_schema.EVENTS WHERE EVENT_SCHEMA = '{OnlineDb}'",
            $"SELECT COUNT(*) FROM information_schema.TABLE_CONSTRAINTS WHERE TABLE_SCHEMA = '{OnlineDb}' AND CONSTRAINT_TYPE IN ('UNIQUE', 'FOREIGN KEY')",
        })
        {
            Assert.Equal(await ServerPair.ScalarAsync(ServerPair.SourceConnectionString, sql), await ServerPair.ScalarAsync(ServerPair.TargetConnectionString, sql));
        }

        Assert.Equal(1L, Convert.ToInt64(await ServerPair.ScalarAsync(ServerPair.SourceConnectionString, "SELECT @@GLOBAL.read_only"), CultureInfo.InvariantCulture));
    }

    private static async Task KillAndResumeAsync(string phase, string pauseAt, int paused, bool stateStore, string[] migrate, string[] resumeExtra,
        Func<Task>? afterKill = null)
    {
        string[] store = stateStore ? ["--state-store", StateStoreAccount.ConnectionString] : [];
        string id;
        await using (var first = CliProcess.Start([.. migrate, .. store], pauseAt))
        {
            id = await first.MigrationIdAsync(Step);
            await first.WaitForPauseAsync(Step, paused);
            await first.KillAsync();
        }

        if (afterKill is not null)
        {
            await afterKill();
        }

        var clock = Stopwatch.StartNew();
        await using var resumed = CliProcess.Start(["resume", id, .. store, .. resumeExtra]);
        var exit = await resumed.ExitCodeAsync(Step);
        clock.Stop();
        Assert.True(exit == 0, $"{phase}: resume exited {exit}\nstderr:\n{resumed.Stderr}\nstdout:\n{resumed.Stdout}");
        Assert.Contains($"Migration {id}: Succeeded", resumed.Stdout, StringComparison.Ordinal);
        CrashSummary.Record(phase, stateStore ? "state-store" : "memory", paused, null, clock.Elapsed);
    }

    private static TheoryData<string, string, int, bool> Expand(IEnumerable<(string Phase, string PauseAt, int Paused)> points)
    {
        var data = new TheoryData<string, string, int, bool>();
        foreach (var (phase, pauseAt, paused) in points)
        {
            data.Add(phase, pauseAt, paused, true);
        }

        return data;
    }
}
