using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using FlexMigrate.IntegrationTests.Infrastructure;
using FlexMigrate.IntegrationTests.Terminal;

namespace FlexMigrate.IntegrationTests.Browser;

/// <summary>
/// The dashboard as a person uses it: `flexmigrate migrate --dashboard` runs a real migration of the MariaDB pair,
/// headless Chromium opens the printed address, and the test reads the page's DOM: the tables, numbers and lag it
/// shows must be those of the status the API returned for the same update (compared by its lastUpdatedAt), and the
/// cutover button must cut an online migration over. Screenshots are kept under TestResults/artifacts/dashboard.
/// The page must raise no script error and no Content-Security-Policy violation.
/// </summary>
[Collection(TerminalCollection.Name)]
public sealed partial class DashboardBrowserTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);

    private static int Port => int.Parse(Environment.GetEnvironmentVariable("FLEXMIGRATE_DASHBOARD_TEST_PORT") ?? "13349", CultureInfo.InvariantCulture);

    [Fact]
    public async Task An_offline_migration_shows_its_tables_and_numbers_then_its_result()
    {
        const string db = "ux_dash_offline";
        await TerminalDataset.CreateAsync(db, rowsPerTable: 60_000);
        // Paced so the copy lasts about 18 s with a status update about every second, whatever the machine's load: the
        // page is compared with the API while it copies, which needs a moment with no update between the two reads.
        await using var cli = CliProcess.Start("migrate", "--databases", db, "--parallelism", "2", "--chunk-rows", "20000", "--max-rows-per-second", "20000",
            "--dashboard", $"127.0.0.1:{Port}");
        var url = new Uri(await cli.WaitForLineAsync(DashboardLine(), Limit));
        Assert.Contains("#key=", url.ToString(), StringComparison.Ordinal);
        await using var browser = await HeadlessChromium.StartAsync(1280, 1000);

        await browser.NavigateAsync(url);
        await browser.WaitForAsync("document.querySelector('[data-field=phase]').textContent === 'Copying data' && document.querySelectorAll('#table-rows tr').length >= 2", Limit);

        // The key was taken out of the address bar once read.
        Assert.DoesNotContain("key=", (await browser.EvaluateAsync("location.href")).GetString(), StringComparison.Ordinal);
        var (dom, view) = await SameUpdateAsync(browser, url);
        var progress = view.GetProperty("progress");
        Assert.Equal("Copying data", dom.GetProperty("phase").GetString());
        Assert.Equal($"{progress.GetProperty("tablesCopied").GetInt32()} / {progress.GetProperty("tablesTotal").GetInt32()}", dom.GetProperty("tables").GetString());
        Assert.Equal($"{Count(progress, "rowsCopied")} / {Count(progress, "rowsEstimated")}", dom.GetProperty("rows").GetString());
        var expectedTables = progress.GetProperty("tablesInProgress").EnumerateArray().Select(t =>
            $"{t.GetProperty("table").GetString()}|{Count(t, "rowsCopied")} / {Count(t, "rowsEstimated")}|{t.GetProperty("chunksDone").GetInt32()} / {t.GetProperty("chunksTotal").GetInt32()}").ToList();
        var shownTables = dom.GetProperty("tableRows").EnumerateArray().Select(r => r.GetString()!).ToList();
        Assert.Equal(expectedTables, shownTables);
        Assert.All(shownTables, t => Assert.Contains(t.Split('|')[0], TerminalDataset.Tables.Select(n => $"{db}.{n}")));
        await browser.ScreenshotAsync(TestArtifacts.PathFor("dashboard", "offline-copying.png"));

        await browser.WaitForAsync("document.querySelector('[data-fact=outcome]') && document.querySelector('[data-fact=outcome]').textContent === 'Succeeded'", Limit);
        var sourceRows = await SourceRowsAsync(db);
        Assert.Equal(sourceRows.ToString("N0", CultureInfo.InvariantCulture), await browser.TextAsync("[data-fact=rows]"));
        Assert.Equal(TerminalDataset.Tables.Length.ToString(CultureInfo.InvariantCulture), await browser.TextAsync("[data-fact=tables]"));
        Assert.StartsWith("target equals source", await browser.TextAsync("[data-fact=validation]"), StringComparison.Ordinal);
        Assert.Equal("Completed", await browser.TextAsync("[data-field=runtime]"));
        await browser.ScreenshotAsync(TestArtifacts.PathFor("dashboard", "offline-done.png"));

        var (exit, _) = await cli.WaitForExitAsync(Limit);
        Assert.Equal(0, exit);
        Assert.Empty(browser.PageProblems);
    }

    /// <summary>Issue 19 asked for the throttling controls once they exist (issue 17): pause, unpause, parallelism, rows/s.</summary>
    [Fact]
    public async Task The_throttling_controls_pause_retune_and_unpause_a_running_migration()
    {
        const string db = "ux_dash_throttle";
        await TerminalDataset.CreateAsync(db, rowsPerTable: 10_000);
        await using var cli = CliProcess.Start("migrate", "--databases", db, "--parallelism", "2", "--chunk-rows", "1000", "--max-rows-per-second", "3000",
            "--no-validate", "--dashboard", $"127.0.0.1:{Port}");
        var url = new Uri(await cli.WaitForLineAsync(DashboardLine(), Limit));
        await using var browser = await HeadlessChromium.StartAsync(1280, 1200);
        await browser.NavigateAsync(url);
        await browser.WaitForAsync("document.querySelector('[data-field=phase]').textContent === 'Copying data' && !document.querySelector('#throttle').hidden", Limit);
        Assert.StartsWith("parallelism 2, rows/s 3000", await browser.TextAsync("[data-field=throttle-settings]"), StringComparison.Ordinal);

        await ActAsync(browser, "pause", null);
        await browser.WaitForAsync("document.querySelector('[data-field=throttle-state]').dataset.state === 'paused' && !!document.querySelector('[data-action=unpause]')", TimeSpan.FromSeconds(15));
        await browser.ScreenshotAsync(TestArtifacts.PathFor("dashboard", "throttle-paused.png"));
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var paused = await TargetRowsAsync(db);
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(paused, await TargetRowsAsync(db));

        await ActAsync(browser, "parallelism", "4");
        await WaitForChangeAsync(browser, "set parallelism=4");
        await ActAsync(browser, "max-rows-per-second", "0");
        await WaitForChangeAsync(browser, "set max-rows-per-second=0");
        await ActAsync(browser, "unpause", null);
        await WaitForChangeAsync(browser, "unpause");
        await browser.ScreenshotAsync(TestArtifacts.PathFor("dashboard", "throttle-retuned.png"));
        Assert.StartsWith("parallelism 4, rows/s unlimited", await browser.TextAsync("[data-field=throttle-settings]"), StringComparison.Ordinal);

        await browser.WaitForAsync("document.querySelector('[data-fact=outcome]') && document.querySelector('[data-fact=outcome]').textContent === 'Succeeded'", Limit);
        var (exit, _) = await cli.WaitForExitAsync(Limit);
        Assert.Equal(0, exit);
        Assert.Matches(@"Control: set parallelism=4 took effect at \d\d:\d\d:\d\d UTC \(dashboard\)", cli.ErrorText);
        Assert.Empty(browser.PageProblems);
        Assert.Equal(await SourceRowsAsync(db), await TargetRowsAsync(db));
    }

    /// <summary>Opens an action's form, sets its value field when given, confirms, and waits until the API accepted it.</summary>
    private static async Task ActAsync(HeadlessChromium browser, string action, string? value)
    {
        await browser.EvaluateAsync("document.querySelector('[data-field=action-result]').removeAttribute('data-outcome')");
        await browser.ClickAsync($"[data-action='{action}']");
        await browser.WaitForAsync($"document.querySelector('#action-form').dataset.open === '{action}'", TimeSpan.FromSeconds(10));
        if (value is not null)
        {
            await browser.EvaluateAsync($"document.querySelector('[data-field-name=value]').value = '{value}'");
        }

        await browser.ClickAsync("#action-confirm");
        await browser.WaitForAsync("document.querySelector('[data-field=action-result]').dataset.outcome === 'accepted'", TimeSpan.FromSeconds(15));
    }

    private static Task WaitForChangeAsync(HeadlessChromium browser, string change) =>
        browser.WaitForAsync($"!!document.querySelector('[data-field=throttle-changes] li[data-change=\"{change}\"]')", TimeSpan.FromSeconds(15));

    [Fact]
    public async Task An_online_migration_shows_its_lag_and_the_cutover_button_cuts_it_over()
    {
        const string db = "ux_dash_online";
        await TerminalDataset.CreateAsync(db, rowsPerTable: 20_000);
        using var stopWorkload = new CancellationTokenSource();
        var workload = SmallWorkload.RunAsync(db, TerminalDataset.Tables[0], stopWorkload.Token);
        try
        {
            await using var cli = CliProcess.Start("migrate", "--mode", "online", "--databases", db, "--parallelism", "2", "--chunk-rows", "5000",
                "--dashboard", $"127.0.0.1:{Port}");
            var url = new Uri(await cli.WaitForLineAsync(DashboardLine(), Limit));
            await AssertTheApiGuardsItselfAsync(url);
            await using var browser = await HeadlessChromium.StartAsync(1280, 1100);
            await browser.NavigateAsync(url);

            // Replicating, caught up, with some lag history drawn.
            await browser.WaitForAsync(
                "document.querySelector('[data-field=phase]').textContent === 'Replicating' && document.querySelector('[data-field=caught-up]').textContent === 'caught up'"
                + " && Number(document.querySelector('[data-field=lag-chart]').dataset.points) >= 4 && document.querySelector('[data-field=applied-rows]').textContent !== '0 rows applied'", Limit);
            var (dom, view) = await SameUpdateAsync(browser, url);
            var replication = view.GetProperty("progress").GetProperty("replication");
            Assert.Equal(replication.GetProperty("lagSeconds").GetDouble().ToString("F1", CultureInfo.InvariantCulture) + " s", dom.GetProperty("lag").GetString());
            Assert.Equal($"{Count(replication, "transactionsApplied")} tx", dom.GetProperty("applied").GetString());
            Assert.Equal($"{Count(replication, "rowsApplied")} rows applied", dom.GetProperty("appliedRows").GetString());
            Assert.Equal(
                $"applied {replication.GetProperty("appliedPosition").GetString()} of {replication.GetProperty("sourcePosition").GetString()}",
                dom.GetProperty("positions").GetString()!.Split(" · ")[0]);
            // The chart holds the loop's history plus the latest status, drawn by uPlot on a canvas.
            Assert.True(dom.GetProperty("chartPoints").GetInt32() >= view.GetProperty("lagHistory").GetArrayLength());
            Assert.Equal(JsonValueKind.True, (await browser.EvaluateAsync("!!document.querySelector('[data-field=lag-chart] .uplot canvas')")).ValueKind);
            Assert.Equal(["cutover", "pause", "parallelism", "max-rows-per-second", "cancel"], view.GetProperty("actions").EnumerateArray().Select(a => a.GetProperty("name").GetString()!).ToArray());
            await browser.ScreenshotAsync(TestArtifacts.PathFor("dashboard", "online-replicating.png"));

            // The applications "stop": then cut over from the page, telling it writes are stopped already.
            await stopWorkload.CancelAsync();
            await workload;
            await browser.ClickAsync("[data-action=cutover]");
            await browser.WaitForAsync("document.querySelector('#action-form').dataset.open === 'cutover'", TimeSpan.FromSeconds(10));
            await browser.EvaluateAsync("document.querySelector('[data-field-name=stopWrites]').value = 'confirmed'");
            await browser.ScreenshotAsync(TestArtifacts.PathFor("dashboard", "online-cutover-form.png"));
            await browser.ClickAsync("#action-confirm");
            await browser.WaitForAsync("document.querySelector('[data-field=action-result]').dataset.outcome === 'accepted'", TimeSpan.FromSeconds(30));
            await browser.WaitForAsync("document.querySelector('[data-fact=outcome]') && document.querySelector('[data-fact=outcome]').textContent === 'Succeeded'", Limit);
            Assert.Matches(@"^\d+\.\d\d s \(confirmed, requested by dashboard\)$", await browser.TextAsync("[data-fact=downtime]"));
            Assert.StartsWith("target equals source", await browser.TextAsync("[data-fact=validation]"), StringComparison.Ordinal);
            await browser.ScreenshotAsync(TestArtifacts.PathFor("dashboard", "online-cut-over.png"));

            var (exit, output) = await cli.WaitForExitAsync(Limit);
            Assert.True(exit == 0, $"exit {exit}:\n{output}\n{cli.ErrorText}");
            Assert.Contains("requested by dashboard", output, StringComparison.Ordinal);
            Assert.Empty(browser.PageProblems);
            Assert.Equal(await SourceRowsAsync(db), await TargetRowsAsync(db));
        }
        finally
        {
            await stopWorkload.CancelAsync();
            await workload;
        }
    }

    [Fact]
    public async Task After_a_cutover_the_page_shows_replication_back_and_its_rollback_button_rolls_back()
    {
        const string db = "ux_dash_reverse";
        await TerminalDataset.CreateAsync(db, rowsPerTable: 2_000);
        // Writes stop "by the user" (confirmed): no global read_only switched under the tests running beside this one.
        await using var cli = CliProcess.Start("migrate", "--mode", "online", "--reverse-after-cutover", "--databases", db, "--chunk-rows", "5000",
            "--stop-writes", "confirmed", "--cutover-when-lag-below", "30", "--dashboard", $"127.0.0.1:{Port}");
        var url = new Uri(await cli.WaitForLineAsync(DashboardLine(), Limit));
        await using var browser = await HeadlessChromium.StartAsync(1280, 1100);
        await browser.NavigateAsync(url);

        // Cut over by itself, then replicating back: the direction, the reverse lag, rollback and finish instead of cutover.
        await browser.WaitForAsync("document.querySelector('[data-field=replication-title]').textContent === 'Replicating back'"
            + " && !!document.querySelector('[data-action=rollback]')", Limit);
        // A write on the new primary, replicated back before the rollback's drain ends.
        await ServerPair.ExecTargetAsync($"INSERT INTO {db}.{TerminalDataset.Tables[0]} VALUES (9000001, 1, 'written on the target')");
        Assert.StartsWith("Direction: target → old source", await browser.TextAsync("[data-field=direction]"), StringComparison.Ordinal);
        Assert.Equal("Reverse lag", await browser.TextAsync("#lag-label"));
        var (_, view) = await SameUpdateAsync(browser, url);
        Assert.Equal(["rollback", "finish", "pause", "parallelism", "max-rows-per-second", "cancel"],
            view.GetProperty("actions").EnumerateArray().Select(a => a.GetProperty("name").GetString()!).ToArray());
        await browser.ScreenshotAsync(TestArtifacts.PathFor("dashboard", "online-replicating-back.png"));

        await browser.ClickAsync("[data-action=rollback]");
        await browser.WaitForAsync("document.querySelector('#action-form').dataset.open === 'rollback'", TimeSpan.FromSeconds(10));
        await browser.EvaluateAsync("document.querySelector('[data-field-name=stopWrites]').value = 'confirmed'");
        await browser.ClickAsync("#action-confirm");
        await browser.WaitForAsync("document.querySelector('[data-field=action-result]').dataset.outcome === 'accepted'", TimeSpan.FromSeconds(30));
        await browser.WaitForAsync("document.querySelector('[data-fact=outcome]') && document.querySelector('[data-fact=outcome]').textContent === 'Rolled back'", Limit);
        Assert.StartsWith("rolled back", await browser.TextAsync("[data-fact='final state']"), StringComparison.Ordinal);
        Assert.Matches(@"^\d+\.\d\d s \(confirmed, requested by dashboard\)$", await browser.TextAsync("[data-fact='rollback downtime']"));
        await browser.ScreenshotAsync(TestArtifacts.PathFor("dashboard", "online-rolled-back.png"));

        var (exit, output) = await cli.WaitForExitAsync(Limit);
        Assert.True(exit == 0, $"exit {exit}:\n{output}\n{cli.ErrorText}");
        Assert.Empty(browser.PageProblems);
        Assert.Equal(await TargetRowsAsync(db), await SourceRowsAsync(db));
    }

    /// <summary>Actions need the token; on loopback, a request for another host name (DNS rebinding) is refused.</summary>
    private static async Task AssertTheApiGuardsItselfAsync(Uri pageUrl)
    {
        using var http = new HttpClient();
        var api = new Uri(pageUrl, "../migrations");
        var list = await http.GetFromJsonAsync<JsonElement>(api);
        var id = list[0].GetProperty("id").GetString()!;
        var noKey = await http.PostAsync(new Uri(pageUrl, $"../migrations/{id}/cutover"), new StringContent("{}"));
        Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
        using var wrongKey = new HttpRequestMessage(HttpMethod.Post, new Uri(pageUrl, $"../migrations/{id}/cancel"));
        wrongKey.Headers.Add("x-functions-key", "not-the-token");
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(wrongKey)).StatusCode);
        using var rebound = new HttpRequestMessage(HttpMethod.Get, api);
        rebound.Headers.Host = $"attacker.example:{pageUrl.Port}";
        Assert.Equal(HttpStatusCode.Forbidden, (await http.SendAsync(rebound)).StatusCode);
        var page = await http.GetAsync(pageUrl);
        Assert.Equal("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
            page.Headers.GetValues("Content-Security-Policy").Single());
    }

    /// <summary>
    /// What the page shows and the API's view of the same status update: read the DOM, fetch the view, and retry
    /// until both are of the same lastUpdatedAt (the migration moves on between the two reads).
    /// </summary>
    private static async Task<(JsonElement Dom, JsonElement View)> SameUpdateAsync(HeadlessChromium browser, Uri pageUrl)
    {
        using var http = new HttpClient();
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var dom = await browser.EvaluateAsync("""
                (() => {
                  const t = (s) => { const e = document.querySelector(s); return e ? e.textContent : null; };
                  return {
                    updated: document.body.dataset.updated, id: t('[data-field=id]'), phase: t('[data-field=phase]'), tables: t('[data-field=tables]'),
                    rows: t('[data-field=rows]'), lag: t('[data-field=lag]'), applied: t('[data-field=applied]'), appliedRows: t('[data-field=applied-rows]'),
                    positions: t('[data-field=positions]'), chartPoints: Number(document.querySelector('[data-field=lag-chart]').dataset.points || 0),
                    tableRows: [...document.querySelectorAll('#table-rows tr')].map(r => r.dataset.table + '|' + r.querySelector('[data-col=rows]').textContent + '|' + r.querySelector('[data-col=chunks]').textContent),
                  };
                })()
                """);
            var id = dom.GetProperty("id").GetString()!;
            var view = await http.GetFromJsonAsync<JsonElement>(new Uri(pageUrl, $"../migrations/{id}"));
            if (view.GetProperty("lastUpdatedAt").GetString() == dom.GetProperty("updated").GetString())
            {
                return (dom, view);
            }

            await Task.Delay(150);
        }

        throw new TimeoutException("The page and the API never showed the same status update.");
    }

    private static string Count(JsonElement e, string property) =>
        e.GetProperty(property).GetDouble().ToString("N0", CultureInfo.InvariantCulture);

    private static Task<long> SourceRowsAsync(string db) => RowsAsync(ServerPair.SourceConnectionString, db);

    private static Task<long> TargetRowsAsync(string db) => RowsAsync(ServerPair.TargetConnectionString, db);

    private static async Task<long> RowsAsync(string connectionString, string db)
    {
        long total = 0;
        foreach (var table in TerminalDataset.Tables)
        {
            total += Convert.ToInt64(await ServerPair.ScalarAsync(connectionString, $"SELECT COUNT(*) FROM `{db}`.`{table}`"), CultureInfo.InvariantCulture);
        }

        return total;
    }

    [GeneratedRegex(@"^Dashboard: (http://\S+)")]
    private static partial Regex DashboardLine();
}
