using System.Globalization;
using System.Net;
using System.Text;
using FlexMigrate.Api;
using FlexMigrate.Cli.Dashboard;
using FlexMigrate.Core.Throttling;
using FlexMigrate.IntegrationTests.Infrastructure;
using FlexMigrate.Orchestration.Contracts;
using FlexMigrate.Orchestration.Offline;
using Microsoft.DurableTask.Client;
using Xunit.Abstractions;

namespace FlexMigrate.IntegrationTests.Throttling;

/// <summary>
/// Issue 17 on the real server pair with real load (docs/throttling.md): source load above --max-source-load stops
/// new chunks and they resume when it drops, --max-rows-per-second holds the copy rate, critical load hibernates and
/// the migration completes, and pause / unpause / set parallelism change a running copy through the HTTP route
/// (`POST /api/migrations/{id}/control`, served by the CLI's dashboard server on the shared parser and raiser).
/// Reaction times are printed:
/// <c>scripts/test.sh --filter FullyQualifiedName~ThrottleTests --logger "console;verbosity=detailed"</c>.
/// </summary>
[Collection(ThrottleCollection.Name)]
public sealed class ThrottleTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);

    [Fact]
    public async Task Source_load_above_the_limit_stops_new_chunks_and_they_resume_when_it_drops()
    {
        const string db = "fm_throttle_load";
        await CreateTableAsync(db, 100_000);
        var recorder = new ChunkCallRecorder(TimeSpan.Zero);
        await using var host = await InProcessMigration.StartHostAsync(recorder.Replacement());
        var throttle = new ThrottleSettings(MaxRowsPerSecond: 5_000, MaxSourceLoad: [new LoadLimit("Threads_running", 10)]);
        var id = await StartAsync(host.Client, db, new MigrationOptions(Parallelism: 2, ChunkRows: 2_000, Validate: false, Throttle: throttle));
        await MigrationStatusWaiter.WaitAsync(host.Client, id, s => s.RowsCopied >= 10_000, TimeSpan.FromMinutes(2), Poll);

        var loadStart = recorder.Clock.Elapsed;
        var load = await SourceLoad.StartAsync(sessions: 14, seconds: 8);
        output.WriteLine($"Threads_running under load: {await SourceLoad.ThreadsRunningAsync()}");
        var throttled = await MigrationStatusWaiter.WaitAsync(host.Client, id, s => s.Throttle is { Throttled: true }, TimeSpan.FromSeconds(20), Poll);
        var statusSeen = recorder.Clock.Elapsed - loadStart;
        await load;
        var loadEnd = recorder.Clock.Elapsed;
        var report = InProcessMigration.ReportOf(await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Timeout(5)));

        var starts = recorder.CopiesStarted;
        var lastBefore = starts.Where(t => t >= loadStart && t < loadEnd).DefaultIfEmpty(loadStart).Max() - loadStart;
        var firstAfter = starts.Where(t => t >= loadEnd).Min() - loadEnd;
        output.WriteLine(FormattableString.Invariant(
            $"load on -> status throttled {statusSeen.TotalSeconds:0.00} s; last chunk start after load on {lastBefore.TotalSeconds:0.00} s; load off -> first chunk start {firstAfter.TotalSeconds:0.00} s"));
        Assert.Equal(ThrottleConditions.MaxSourceLoad, throttled.Throttle!.Reason!.Condition);
        Assert.Equal("Threads_running", throttled.Throttle.Reason.Subject);
        Assert.True(throttled.Throttle.Reason.Value > 10, throttled.Throttle.Reason.Describe());
        Assert.True(lastBefore < TimeSpan.FromSeconds(2), $"a chunk started {lastBefore.TotalSeconds:0.00} s after the load rose");
        Assert.True(firstAfter < TimeSpan.FromSeconds(2.5), $"the copy resumed {firstAfter.TotalSeconds:0.00} s after the load dropped");
        Assert.True(report.Throttle!.SecondsByCondition[ThrottleConditions.MaxSourceLoad] >= 4, string.Join(", ", report.Throttle.SecondsByCondition));
        await AssertEqualAsync(db);
    }

    [Fact]
    public async Task Max_rows_per_second_holds_the_copy_rate_within_ten_percent()
    {
        const string db = "fm_throttle_rate";
        const int rate = 3_000;
        await CreateTableAsync(db, 63_000);
        var report = InProcessMigration.ReportOf(await InProcessMigration.RunAsync(InProcessMigration.Request([db],
            new MigrationOptions(Parallelism: 4, ChunkRows: 3_000, Validate: false, Throttle: new ThrottleSettings(MaxRowsPerSecond: rate))), timeout: TimeSpan.FromMinutes(3)));

        var table = Assert.Single(report.Tables);
        var measured = table.Rows / table.Seconds;
        output.WriteLine(FormattableString.Invariant($"--max-rows-per-second {rate}: {table.Rows} rows in {table.Seconds:0.0} s = {measured:0} rows/s ({measured / rate - 1:+0.0%;-0.0%})"));
        Assert.Equal(63_000, table.Rows);
        Assert.InRange(measured, rate * 0.9, rate * 1.1);
        Assert.True(report.Throttle!.SecondsByCondition[ThrottleConditions.MaxRowsPerSecond] > 5);
        await AssertEqualAsync(db);
    }

    [Fact]
    public async Task Critical_source_load_hibernates_and_the_migration_then_completes()
    {
        const string db = "fm_throttle_critical";
        await CreateTableAsync(db, 60_000);
        await using var host = await InProcessMigration.StartHostAsync();
        var throttle = new ThrottleSettings(MaxRowsPerSecond: 10_000, CriticalSourceLoad: [new LoadLimit("Threads_running", 10)], CriticalHibernateSeconds: 3);
        var id = await StartAsync(host.Client, db, new MigrationOptions(Parallelism: 2, ChunkRows: 2_000, Validate: false, Throttle: throttle));
        await MigrationStatusWaiter.WaitAsync(host.Client, id, s => s.RowsCopied >= 6_000, TimeSpan.FromMinutes(2), Poll);

        var load = await SourceLoad.StartAsync(sessions: 14, seconds: 5);
        var hibernating = await MigrationStatusWaiter.WaitAsync(host.Client, id, s => s.Throttle is { HibernatingUntilUtc: not null }, TimeSpan.FromSeconds(20), Poll);
        await load;
        var report = InProcessMigration.ReportOf(await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Timeout(5)));

        Assert.Equal(ThrottleConditions.CriticalSourceLoad, hibernating.Throttle!.Reason!.Condition);
        Assert.Equal(MigrationOutcome.Succeeded, report.Outcome);
        Assert.True(report.Throttle!.SecondsByCondition[ThrottleConditions.CriticalSourceLoad] >= 3, string.Join(", ", report.Throttle.SecondsByCondition));
        await AssertEqualAsync(db);
    }

    [Fact]
    public async Task Pause_unpause_and_set_parallelism_change_a_running_copy_through_the_http_route()
    {
        const string db = "fm_throttle_control";
        await CreateTableAsync(db, 80_000);
        var recorder = new ChunkCallRecorder(TimeSpan.FromMilliseconds(300));
        await using var host = await InProcessMigration.StartHostAsync(recorder.Replacement());
        var id = await StartAsync(host.Client, db, new MigrationOptions(Parallelism: 4, ChunkRows: 500, Validate: false));
        await using var server = await DashboardServer.StartAsync(DashboardEndpoint.Parse("127.0.0.1:0"), host.Client, id, CancellationToken.None);
        using var http = new HttpClient { BaseAddress = new Uri(server.PageUrl.GetLeftPart(UriPartial.Authority)) };
        http.DefaultRequestHeaders.Add("x-functions-key", server.Token);
        var control = (string body, int changes) => ControlAsync(http, host.Client, id, body, changes);
        await MigrationStatusWaiter.WaitAsync(host.Client, id, s => s.ChunksInFlight >= 3, TimeSpan.FromMinutes(2), Poll);
        Assert.True(recorder.MaxInFlight >= 3);

        await control("""{"action":"set","name":"parallelism","value":1}""", 1);
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        recorder.ResetMaxInFlight();
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(1, recorder.MaxInFlight);

        var paused = await control("""{"action":"pause"}""", 2);
        Assert.True(paused.Throttle!.Paused);
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var before = recorder.CopiesStarted.Count;
        var rowsBefore = (await StatusAsync(host.Client, id)).RowsCopied;
        await Task.Delay(TimeSpan.FromSeconds(4));
        Assert.Equal(before, recorder.CopiesStarted.Count);
        Assert.Equal(rowsBefore, (await StatusAsync(host.Client, id)).RowsCopied);

        await control("""{"action":"set","name":"parallelism","value":"4"}""", 3);
        await control("""{"action":"unpause"}""", 4);
        recorder.ResetMaxInFlight();
        await MigrationStatusWaiter.WaitAsync(host.Client, id, s => s.RowsCopied > rowsBefore, TimeSpan.FromSeconds(5), Poll);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.True(recorder.MaxInFlight >= 3, $"max in flight after set parallelism=4: {recorder.MaxInFlight}");

        var report = InProcessMigration.ReportOf(await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Timeout(5)));
        Assert.Equal(["set parallelism=1", "pause", "set parallelism=4", "unpause"], report.Throttle!.Changes.Select(c => c.Change));
        Assert.All(report.Throttle.Changes, c => Assert.Null(c.Refused));
        Assert.True(report.Throttle.SecondsByCondition["paused"] >= 4);
        await AssertEqualAsync(db);
    }

    [Fact]
    public async Task A_refused_command_is_acknowledged_with_the_reason_and_changes_nothing()
    {
        var parsed = ControlRequestParser.Parse("""{"action":"set","name":"parallelism","value":0}""", "http", requireMigrationId: false);
        Assert.Null(parsed.Request);
        Assert.Contains("parallelism must be a whole number from 1 to 64", parsed.Errors["value"], StringComparison.Ordinal);
        var unknown = ControlRequestParser.Parse("""{"action":"set","name":"speed","value":1}""", "http", requireMigrationId: false);
        Assert.Contains("not a setting", unknown.Errors["name"], StringComparison.Ordinal);
        var queue = ControlRequestParser.Parse("""{"action":"pause"}""", "queue", requireMigrationId: true);
        Assert.Contains("migrationId", queue.Errors.Keys);

        await using var host = await InProcessMigration.StartHostAsync();
        Assert.Equal(404, (await ControlRaiser.RaiseAsync(host.Client, "migration-none", new ControlRequest("pause")))!.Status);
    }

    /// <summary>POSTs a control body to the migration's control route; waits until the status acknowledges it.</summary>
    private static async Task<MigrationStatus> ControlAsync(HttpClient http, DurableTaskClient client, string id, string body, int changes)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri($"/api/migrations/{id}/control", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return await MigrationStatusWaiter.WaitAsync(client, id, s => s.Throttle?.Changes.Count >= changes, TimeSpan.FromSeconds(10), Poll);
    }

    private static async Task<MigrationStatus> StatusAsync(DurableTaskClient client, string id) =>
        (await client.GetInstanceAsync(id, getInputsAndOutputs: true))!.ReadCustomStatusAs<MigrationStatus>()!;

    private static Task<string> StartAsync(DurableTaskClient client, string db, MigrationOptions options) =>
        client.ScheduleNewOrchestrationInstanceAsync(nameof(MigrationOrchestrator), InProcessMigration.Request([db], options));

    private static CancellationToken Timeout(int minutes) => new CancellationTokenSource(TimeSpan.FromMinutes(minutes)).Token;

    private static async Task CreateTableAsync(string db, int rows)
    {
        await ServerPair.ResetDatabasesAsync(db);
        await ServerPair.ExecSourceAsync(string.Create(CultureInfo.InvariantCulture, $"""
            CREATE DATABASE `{db}`; USE `{db}`;
            CREATE TABLE t (id INT NOT NULL PRIMARY KEY, v VARCHAR(40) NOT NULL);
            INSERT INTO t SELECT seq, MD5(seq) FROM seq_1_to_{rows};
            ANALYZE TABLE t;
            """));
    }

    private static async Task AssertEqualAsync(string db) =>
        Assert.Equal(await TableFingerprint.OfAsync(ServerPair.SourceConnectionString, db, "t"), await TableFingerprint.OfAsync(ServerPair.TargetConnectionString, db, "t"));
}
