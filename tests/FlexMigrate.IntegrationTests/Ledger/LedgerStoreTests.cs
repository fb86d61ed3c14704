using FlexMigrate.Core.Chunking;
using FlexMigrate.Core.Copy;
using FlexMigrate.Core.Ledger;
using FlexMigrate.IntegrationTests.Copy;
using FlexMigrate.IntegrationTests.Infrastructure;

namespace FlexMigrate.IntegrationTests.Ledger;

/// <summary>The progress ledger on the real target: what is written is read back, once, and with the chunk's rows.</summary>
public sealed class LedgerStoreTests : IAsyncLifetime
{
    private readonly List<string> _ids = [];

    private string NewId()
    {
        var id = $"migration-test-{Guid.NewGuid():N}";
        _ids.Add(id);
        return id;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>Leaves no test migration in the shared target's ledger (a resume without an id would list it).</summary>
    public async Task DisposeAsync()
    {
        await using var target = await ServerPair.OpenTargetAsync();
        foreach (var id in _ids)
        {
            await MigrationLedger.ForgetAsync(target, id);
        }
    }

    private static async Task<MigrationIdentity> IdentityAsync(params string[] databases)
    {
        await using var source = await ServerPair.OpenSourceAsync();
        await using var target = await ServerPair.OpenTargetAsync();
        return new MigrationIdentity(
            await ServerIdentity.ReadAsync(source), await ServerIdentity.ReadAsync(target),
            new MigrationScope("offline", databases, [], [], new Dictionary<string, string>()));
    }

    [Fact]
    public async Task Opening_an_existing_ledger_is_one_query_and_no_ddl()
    {
        await using var target = await ServerPair.OpenTargetAsync();
        await LedgerSchema.EnsureAsync(target);

        var before = await SessionCountersAsync(target);
        await LedgerSchema.EnsureAsync(target);
        var after = await SessionCountersAsync(target);

        Assert.Equal(before["Com_create_db"], after["Com_create_db"]);
        Assert.Equal(before["Com_create_table"], after["Com_create_table"]);
        // One statement of the open, and the SHOW STATUS that read the counters.
        Assert.Equal(before["Questions"] + 2, after["Questions"]);
    }

    private static async Task<Dictionary<string, long>> SessionCountersAsync(MySqlConnector.MySqlConnection target)
    {
        await using var command = new MySqlConnector.MySqlCommand(
            "SHOW SESSION STATUS WHERE Variable_name IN ('Com_create_db', 'Com_create_table', 'Questions')", target);
        await using var reader = await command.ExecuteReaderAsync();
        var counters = new Dictionary<string, long>();
        while (await reader.ReadAsync())
        {
            counters[reader.GetString(0)] = long.Parse(reader.GetString(1), System.Globalization.CultureInfo.InvariantCulture);
        }

        return counters;
    }

    [Fact]
    public async Task Migration_row_round_trips_and_a_second_begin_keeps_the_first()
    {
        var id = NewId();
        var identity = await IdentityAsync("ledger_a", "ledger_b");
        await using var target = await ServerPair.OpenTargetAsync();

        await MigrationLedger.BeginAsync(target, id, "offline", identity, """{"request":1}""", "Precheck");
        await MigrationLedger.BeginAsync(target, id, "online", identity, """{"request":2}""", "Planning");
        await MigrationLedger.SetPhaseAsync(target, id, "CopyingData");

        var entry = await MigrationLedger.ReadAsync(target, id);
        Assert.NotNull(entry);
        Assert.Equal("offline", entry.Mode);
        Assert.Equal("""{"request":1}""", entry.RequestJson);
        Assert.Equal("CopyingData", entry.Phase);
        Assert.Equal(LedgerStatus.Running, entry.Status);
        Assert.Empty(identity.DifferencesFrom(entry.Identity));
        Assert.Equal(["ledger_a", "ledger_b"], entry.Identity.Scope.Databases);

        await MigrationLedger.FinishAsync(target, id, LedgerStatus.Succeeded);
        entry = await MigrationLedger.ReadAsync(target, id);
        Assert.Equal(LedgerStatus.Succeeded, entry!.Status);
        Assert.False(entry.IsUnfinished);
        Assert.Contains(await MigrationLedger.ListAsync(target), e => e.MigrationId == id);
        Assert.Null(await MigrationLedger.ReadAsync(target, NewId()));

        await MigrationLedger.ForgetAsync(target, id);
        Assert.Null(await MigrationLedger.ReadAsync(target, id));
        Assert.Empty(await RunLedger.ListAsync(target, id));
    }

    [Fact]
    public async Task Servers_identify_themselves_and_differ_from_each_other()
    {
        await using var source = await ServerPair.OpenSourceAsync();
        await using var target = await ServerPair.OpenTargetAsync();
        var s = await ServerIdentity.ReadAsync(source);
        var t = await ServerIdentity.ReadAsync(target);

        Assert.Equal(1, s.ServerId);
        Assert.Equal(2, t.ServerId);
        Assert.Null(s.ServerUuid); // MariaDB has no @@server_uuid.
        Assert.True(s.IsSameServer(await ServerIdentity.ReadAsync(source)));
        Assert.False(s.IsSameServer(t));
        Assert.DoesNotContain("Password", s.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_table_is_planned_once_and_a_later_plan_returns_the_stored_bounds()
    {
        var id = NewId();
        await using var target = await ServerPair.OpenTargetAsync();
        await LedgerSchema.EnsureAsync(target);
        var first = new[] { Chunk(0, null, 100), Chunk(1, 100, null) };
        var other = new[] { Chunk(0, null, 50), Chunk(1, 50, 70), Chunk(2, 70, null) };

        var stored = await ChunkLedger.PlanAsync(target, id, "db", "t", first);
        var again = await ChunkLedger.PlanAsync(target, id, "db", "t", other);

        Assert.Equal(first, stored.Select(c => c.Chunk));
        Assert.Equal(first, again.Select(c => c.Chunk));
        Assert.All(again, c => Assert.Equal(2, c.Count));
        Assert.All(again, c => Assert.False(c.IsCopied));
    }

    [Fact]
    public async Task Concurrent_planners_of_one_table_keep_exactly_one_plan()
    {
        var id = NewId();
        await using (var c = await ServerPair.OpenTargetAsync())
        {
            await LedgerSchema.EnsureAsync(c);
        }

        var plans = await Task.WhenAll(Enumerable.Range(0, 6).Select(async n =>
        {
            await using var target = await ServerPair.OpenTargetAsync();
            var chunks = Enumerable.Range(0, n + 1).Select(i => Chunk(i, i == 0 ? null : i * 10, i == n ? null : (i + 1) * 10)).ToArray();
            return await ChunkLedger.PlanAsync(target, id, "db", "t", chunks);
        }));

        var kept = plans[0].Select(c => c.Chunk).ToList();
        Assert.All(plans, p => Assert.Equal(kept, p.Select(c => c.Chunk)));
        Assert.Equal(kept.Count, plans[0][0].Count);
    }

    /// <summary>
    /// The small-table batch's ledger steps (issue 20): whole-table plans stored for many tables in one statement keep
    /// a plan already stored (here a two-chunk one), a second call changes nothing, an attempt is counted once per
    /// start and never for a copied chunk, and each table's rows come back as its own.
    /// </summary>
    [Fact]
    public async Task Whole_table_plans_and_attempts_of_a_batch_keep_stored_plans_and_skip_copied_chunks()
    {
        var id = NewId();
        await using var target = await ServerPair.OpenTargetAsync();
        await LedgerSchema.EnsureAsync(target);
        var split = new[] { Chunk(0, null, 100), Chunk(1, 100, null) };
        await ChunkLedger.PlanAsync(target, id, "db", "split", split);
        (string, string)[] tables = [("db", "a"), ("db", "split"), ("db2", "a"), ("db", "b")];

        var plans = await ChunkLedger.PlanWholeTablesAsync(target, id, tables);
        var again = await ChunkLedger.PlanWholeTablesAsync(target, id, tables);

        Assert.Equal(split, plans[("db", "split")].Select(c => c.Chunk));
        foreach (var table in tables.Where(t => t.Item2 != "split"))
        {
            Assert.Equal([CopyChunk.Whole], plans[table].Select(c => c.Chunk));
            Assert.Equal(1, plans[table][0].Count);
        }

        Assert.Equal(plans.Keys.Order(), again.Keys.Order());
        Assert.All(again, p => Assert.Equal(plans[p.Key].Select(c => c.Chunk), p.Value.Select(c => c.Chunk)));

        await using (var tx = await target.BeginTransactionAsync())
        {
            await ChunkLedger.MarkCopiedAsync(target, tx, id, "db", "b", 0, 5, 50);
            await tx.CommitAsync();
        }

        var started = await ChunkLedger.StartWholeTablesAsync(target, id, [("db", "a"), ("db2", "a"), ("db", "b")]);
        var twice = await ChunkLedger.StartWholeTablesAsync(target, id, [("db", "a")]);

        Assert.Equal(1, started[("db", "a")].Attempts);
        Assert.Equal(1, started[("db2", "a")].Attempts);
        Assert.Equal(2, twice[("db", "a")].Attempts);
        Assert.True(started[("db", "b")].IsCopied);
        Assert.Equal(0, started[("db", "b")].Attempts);
        Assert.Equal(5, started[("db", "b")].CopiedRows);
        Assert.Empty((await ChunkLedger.ReadTablesAsync(target, id, [("db", "never")]))[("db", "never")]);
    }

    [Fact]
    public async Task A_chunk_is_marked_copied_only_when_its_rows_commit()
    {
        const string db = "ledger_copy";
        await CopyRunner.CreateOnBothAsync(db, "CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(20));");
        await ServerPair.ExecSourceAsync($"USE `{db}`; INSERT INTO t SELECT seq, CONCAT('v', seq) FROM seq_1_to_1000");
        var id = NewId();
        var spec = await CopyTableSpecReader.ReadAsync(ServerPair.SourceConnectionString, db, "t");
        var chunks = await new ChunkPlanner(400).PlanAsync(ServerPair.SourceConnectionString, spec);
        await using var target = await ServerPair.OpenTargetAsync();
        await LedgerSchema.EnsureAsync(target);
        await ChunkLedger.PlanAsync(target, id, db, "t", chunks);
        await RunLedger.StartAsync(target, id, "instance-1");

        // A hook that fails after the ledger write: the rows and the completion roll back together.
        ChunkCommitHook failing = async (conn, tx, rows, bytes, ct) =>
        {
            await ChunkCompletion.For(id, db, "t", chunks[0].Index)(conn, tx, rows, bytes, ct);
            throw new InvalidOperationException("killed before commit");
        };
        await Assert.ThrowsAsync<InvalidOperationException>(() => new TableCopier().CopyChunkAsync(
            ServerPair.SourceConnectionString, ServerPair.TargetConnectionString, spec, chunks[0], beforeCommit: failing));
        Assert.Equal(0L, Convert.ToInt64(await ServerPair.ScalarAsync(ServerPair.TargetConnectionString, $"SELECT COUNT(*) FROM `{db}`.t")));
        Assert.False((await ChunkLedger.ReadAsync(target, id, db, "t"))[0].IsCopied);

        long copied = 0;
        foreach (var chunk in chunks)
        {
            var start = await ChunkLedger.StartAsync(target, id, db, "t", chunk.Index);
            Assert.False(start!.IsCopied);
            var result = await new TableCopier().CopyChunkAsync(ServerPair.SourceConnectionString, ServerPair.TargetConnectionString, spec, chunk,
                beforeCommit: ChunkCompletion.For(id, db, "t", chunk.Index));
            copied += result.Rows;
        }

        var ledger = await ChunkLedger.ReadAsync(target, id, db, "t");
        Assert.All(ledger, c => Assert.True(c.IsCopied));
        Assert.Equal(1000, ledger.Sum(c => c.CopiedRows));
        Assert.Equal(1000, copied);
        Assert.Equal(1000L, Convert.ToInt64(await ServerPair.ScalarAsync(ServerPair.TargetConnectionString, $"SELECT COUNT(*) FROM `{db}`.t")));
        Assert.Equal(1000, (await RunLedger.ListAsync(target, id)).Single().RowsCopied);

        // A copied chunk does not count a new attempt: a redelivered copy sees it done and skips.
        var redelivered = await ChunkLedger.StartAsync(target, id, db, "t", chunks[1].Index);
        Assert.True(redelivered!.IsCopied);
        Assert.Equal(1, redelivered.Attempts);
        Assert.Equal(new ChunkCounts(chunks.Count, chunks.Count, 0, 0), await ChunkLedger.CountAsync(target, id));
    }

    [Fact]
    public async Task A_resume_run_records_its_phase_and_the_chunks_it_skips_and_redoes()
    {
        var id = NewId();
        var identity = await IdentityAsync("ledger_runs");
        await using var target = await ServerPair.OpenTargetAsync();
        await MigrationLedger.BeginAsync(target, id, "offline", identity, "{}", "Precheck");
        await ChunkLedger.PlanAsync(target, id, "db", "t", [Chunk(0, null, 10), Chunk(1, 10, 20), Chunk(2, 20, null)]);
        var first = await RunLedger.StartAsync(target, id, "instance-1");
        Assert.Equal(first, await RunLedger.StartAsync(target, id, "instance-1"));

        // Run 1 copied chunk 0 and was copying chunk 1 when it died.
        await ChunkLedger.StartAsync(target, id, "db", "t", 0);
        await using (var tx = await target.BeginTransactionAsync())
        {
            await ChunkCompletion.For(id, "db", "t", 0)(target, tx, 10, 100, default);
            await tx.CommitAsync();
        }

        await ChunkLedger.StartAsync(target, id, "db", "t", 1);
        await MigrationLedger.SetPhaseAsync(target, id, "CopyingData");

        var second = await RunLedger.StartAsync(target, id, "instance-2");
        Assert.Equal(1, first.Run);
        Assert.Null(first.ResumedFromPhase);
        Assert.Equal(2, second.Run);
        Assert.Equal("CopyingData", second.ResumedFromPhase);
        Assert.Equal(1, second.ChunksSkipped);
        Assert.Equal(1, second.ChunksRedone);
        Assert.Equal(0, second.RowsCopied);

        // The redone chunk counts for the current (latest) run.
        await ChunkLedger.StartAsync(target, id, "db", "t", 1);
        await using (var tx = await target.BeginTransactionAsync())
        {
            await ChunkCompletion.For(id, "db", "t", 1)(target, tx, 7, 70, default);
            await tx.CommitAsync();
        }

        await RunLedger.FinishAsync(target, id, "Succeeded");
        var runs = await RunLedger.ListAsync(target, id);
        var chunks = await ChunkLedger.ReadAsync(target, id, "db", "t");
        Assert.Equal([1, 2, null], chunks.Select(c => c.CopiedInRun));
        Assert.Equal([1, 2, 0], chunks.Select(c => c.Attempts));
        Assert.Equal(new ChunkCounts(3, 2, 0, 1), await ChunkLedger.CountAsync(target, id));
        Assert.Equal([1, 2], runs.Select(r => r.Run));
        Assert.Equal([10L, 7L], runs.Select(r => r.RowsCopied));
        Assert.Equal("Succeeded", runs[1].Outcome);
        Assert.Null(runs[0].Outcome);
    }

    [Fact]
    public async Task A_step_keeps_its_first_value()
    {
        var id = NewId();
        await using var target = await ServerPair.OpenTargetAsync();
        await LedgerSchema.EnsureAsync(target);
        await StepLedger.RecordAsync(target, id, LedgerSteps.StartPosition, """{"file":"mysql-bin.000001","pos":4}""");
        await StepLedger.RecordAsync(target, id, LedgerSteps.StartPosition, """{"file":"mysql-bin.000009","pos":4}""");
        await StepLedger.RecordAsync(target, id, LedgerSteps.TableCreated("db", "t.x"));

        var steps = await StepLedger.ReadAsync(target, id);
        Assert.Equal("""{"file":"mysql-bin.000001","pos":4}""", steps[LedgerSteps.StartPosition]);
        Assert.True(steps.ContainsKey(LedgerSteps.TableCreated("db", "t.x")));
        Assert.False(steps.ContainsKey(LedgerSteps.TableCreated("db.t", "x")));
        Assert.Null(steps[LedgerSteps.TableCreated("db", "t.x")]);
    }

    private static CopyChunk Chunk(int index, int? from, int? to) =>
        new(index, from is null ? null : Bound(from.Value), to is null ? null : Bound(to.Value));

    private static ChunkBound Bound(int value) => new([KeyValue.FromInteger(value)]);
}
