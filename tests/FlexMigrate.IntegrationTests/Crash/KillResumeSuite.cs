using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using FlexMigrate.Core.Ledger;
using FlexMigrate.Core.Testing;
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

    /// <summary>
    /// Offline kill points: (phase as reported, pause point, hits that must stand paused before the kill), each on the
    /// in-memory default (a new instance rebuilt from the ledger) and with --state-store (the same instance).
    /// </summary>
    public static TheoryData<string, string, int, bool> OfflinePoints => Expand(
    [
        ("precheck", "precheck", 1),
        ("table creation", "create-table#3", 1),
        ("mid-copy, four chunks in flight", "chunk-commit#3", 4),
        ("late copy, four chunks in flight", "chunk-commit#30", 4),
        ("secondary index build", "add-indexes#2", 1),
        ("metadata", "metadata#2", 1),
        ("validation", "validate-table#2", 1),
    ], memory: true);

    /// <summary>
    /// Online kill points: the applications write until the kill; the resume cuts over once caught up. On the in-memory
    /// default the new instance replays from the ledger's P0 through the migration's checkpoint, copying nothing again.
    /// </summary>
    public static TheoryData<string, string, int, bool> ReplicationPoints => Expand(
    [
        ("online catch-up", "apply-commit#1", 1),
        ("steady replication", "apply-commit#12", 1),
    ], memory: true);

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
    ], memory: true);

    [Theory]
    [MemberData(nameof(OfflinePoints))]
    public async Task Offline_killed_then_resumed_ends_equal(string phase, string pauseAt, int paused, bool stateStore)
    {
        await CrashDataset.CreateAsync(Db);
        await KillAndResumeAsync(phase, pauseAt, paused, stateStore,
            ["migrate", "--databases", Db, "--chunk-rows", "2000", "--parallelism", "4"], []);
        await DatabaseComparison.AssertEqualAsync(Db);
    }

    /// <summary>
    /// The copy by chunk groups (issue 20: more than <see cref="FlexMigrate.Orchestration.Pipeline.ChunkGroups.InlineChunks"/>
    /// chunks, here ~780 of 100 rows), killed while four groups each stand before a chunk's commit: the state store's
    /// instance replays its groups, the in-memory default plans again from the ledger and copies only the rest.
    /// </summary>
    public static TheoryData<string, string, int, bool> GroupedCopyPoints => Expand(
    [
        ("copy by chunk groups, four chunks in flight", "chunk-commit#40", 4),
    ], memory: true);

    [Theory]
    [MemberData(nameof(GroupedCopyPoints))]
    public async Task Offline_copy_by_chunk_groups_killed_then_resumed_ends_equal(string phase, string pauseAt, int paused, bool stateStore)
    {
        await CrashDataset.CreateAsync(Db);
        await KillAndResumeAsync(phase, pauseAt, paused, stateStore,
            ["migrate", "--databases", Db, "--chunk-rows", "100", "--parallelism", "4"], []);
        await DatabaseComparison.AssertEqualAsync(Db);
    }

    [Theory]
    [MemberData(nameof(ReplicationPoints))]
    public Task Online_killed_while_replicating_then_resumed_cuts_over_equal(string phase, string pauseAt, int paused, bool stateStore) =>
        OnlineKillAndResumeAsync(phase, pauseAt, paused, stateStore, seed: 11, firstRunExtra: []);

    [Theory]
    [MemberData(nameof(CutoverPoints))]
    public Task Online_killed_in_a_cutover_step_then_resumed_completes_the_cutover(string phase, string pauseAt, int paused, bool stateStore) =>
        OnlineKillAndResumeAsync(phase, pauseAt, paused, stateStore, seed: 13, firstRunExtra: ["--cutover-when-lag-below", "5"]);

    /// <summary>
    /// An online migration under the applications' writes, killed at the point, resumed with a cutover once the lag is
    /// under 5 s (the applications stop at the kill, so the resumed run can catch up): it must end cut over and equal.
    /// </summary>
    private static async Task OnlineKillAndResumeAsync(string phase, string pauseAt, int paused, bool stateStore, int seed, string[] firstRunExtra)
    {
        await ServerPair.ResetDatabasesAsync(OnlineDb);
        await ServerPair.ExecSourceAsync(OnlineWorkload.Schema(OnlineDb));
        await AppWorkload.GrantAsync(OnlineDb);
        using var stop = new CancellationTokenSource();
        var writes = Task.Run(() => new AppWorkload(OnlineDb, seed).RunAsync(stop.Token));
        try
        {
            // Closing in (CutoverProcedure.CloseInAsync) can leave the drain nothing to apply when no write lands between
            // its last batch and the write stop; the drain's kill point has the stop wait for one (DrainWork), so the first
            // run must be killed inside a drain that applies: a first run that cuts over unkilled fails here.
            Dictionary<string, string>? environment = pauseAt.StartsWith("apply-commit@cutover-stop-writes", StringComparison.Ordinal)
                ? new() { [DrainWork.Variable] = "1" } : null;
            await KillAndResumeAsync(phase, pauseAt, paused, stateStore,
                ["migrate", "--mode", "online", "--databases", OnlineDb, "--chunk-rows", "500", .. firstRunExtra],
                ["--cutover-when-lag-below", "5"],
                afterKill: () => StopWorkloadAsync(stop, writes), firstRunEnvironment: environment);
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
        Func<Task>? afterKill = null, IReadOnlyDictionary<string, string>? firstRunEnvironment = null)
    {
        string[] store = stateStore ? ["--state-store", StateStoreAccount.ConnectionString] : [];
        string id;
        await using (var first = CliProcess.Start([.. migrate, .. store], pauseAt, firstRunEnvironment))
        {
            id = await first.MigrationIdAsync(Step);
            await first.WaitForPauseAsync(Step, paused);
            await first.KillAsync();
        }

        if (afterKill is not null)
        {
            await afterKill();
        }

        // What the killed process had in flight, as the ledger saw it: chunks started and not committed (an index
        // build shares the copy's pool, so chunks may be in flight whatever the pause point).
        var inFlight = (await ChunkCountsAsync(id)).InFlight;
        if (pauseAt.StartsWith("chunk-commit", StringComparison.Ordinal))
        {
            Assert.True(inFlight >= paused, $"{phase}: the ledger shows {inFlight} chunks in flight, {paused} stood paused before their commit");
        }

        var reportPath = Path.Combine(Path.GetTempPath(), $"flexmigrate-crash-report-{Guid.NewGuid():N}.json");
        var clock = Stopwatch.StartNew();
        await using var resumed = CliProcess.Start(["resume", id, .. store, .. resumeExtra, "--report", reportPath]);
        var exit = await resumed.ExitCodeAsync(Step);
        clock.Stop();
        Assert.True(exit == 0, $"{phase}: resume exited {exit}\nstderr:\n{resumed.Stderr}\nstdout:\n{resumed.Stdout}");
        // The same instance with a state store; a new one ({id}-resume-...) for the same migration without.
        Assert.Matches($@"Migration {Regex.Escape(id)}(-resume-\S+)?: Succeeded", resumed.Stdout);
        AssertRunsReported(phase, stateStore, reportPath);

        // The ledger counts every chunk copy started: at most the chunks the killed process had in flight were copied again.
        var chunks = await ChunkCountsAsync(id);
        Assert.True(chunks.Repeated <= inFlight, $"{phase}: {chunks.Repeated} chunks copied again, {inFlight} were in flight");
        Assert.Equal(chunks.Planned, chunks.Copied);
        CrashSummary.Record(phase, stateStore ? "state-store" : "memory", inFlight, chunks.Repeated, clock.Elapsed);
    }

    private static async Task<ChunkCounts> ChunkCountsAsync(string migrationId)
    {
        await using var ledger = await TargetLedger.OpenAsync(ServerPair.TargetConnectionString, migrationId);
        return await ledger.CountChunksAsync();
    }

    /// <summary>
    /// The resumed run's report lists the killed run and itself; on the in-memory default (a new instance) its
    /// rowsCopied is exactly what it copied, as the ledger counted it in the chunks' own transactions. With a state
    /// store the same instance reports all its rows, which the runs add up to.
    /// </summary>
    private static void AssertRunsReported(string phase, bool stateStore, string reportPath)
    {
        using var report = JsonDocument.Parse(File.ReadAllText(reportPath));
        File.Delete(reportPath);
        var root = report.RootElement;
        var runs = root.GetProperty("runs").EnumerateArray().ToList();
        Assert.True(runs.Count >= 2, $"{phase}: {runs.Count} runs reported");
        Assert.Equal(JsonValueKind.String, runs[^1].GetProperty("resumedFromPhase").ValueKind);
        var rows = root.GetProperty("rowsCopied").GetInt64();
        Assert.Equal(stateStore ? runs.Sum(r => r.GetProperty("rowsCopied").GetInt64()) : runs[^1].GetProperty("rowsCopied").GetInt64(), rows);
    }

    private static TheoryData<string, string, int, bool> Expand(IEnumerable<(string Phase, string PauseAt, int Paused)> points, bool memory = false)
    {
        var data = new TheoryData<string, string, int, bool>();
        foreach (var (phase, pauseAt, paused) in points)
        {
            data.Add(phase, pauseAt, paused, true);
            if (memory)
            {
                data.Add(phase, pauseAt, paused, false);
            }
        }

        return data;
    }
}
