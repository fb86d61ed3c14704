using FlexMigrate.IntegrationTests.Infrastructure;
using FlexMigrate.Orchestration;
using FlexMigrate.Orchestration.Activities;
using FlexMigrate.Orchestration.Connections;
using FlexMigrate.Orchestration.Contracts;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace FlexMigrate.IntegrationTests.Orchestration;

/// <summary>
/// The real MigrationOrchestrator and activities on the in-process durable engine against the real MariaDB pair:
/// fan-out over many chunks, a chunk that fails after writing and is retried, refusals the user must see.
/// </summary>
public class OfflineMigrationTests
{
    private static string Schema(string db) => $"""
        CREATE DATABASE `{db}` CHARACTER SET utf8mb4;
        USE `{db}`;
        CREATE TABLE customers (id INT UNSIGNED NOT NULL PRIMARY KEY, email VARCHAR(100) NOT NULL, UNIQUE KEY uq_email (email));
        CREATE TABLE orders (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, customer_id INT UNSIGNED NOT NULL,
          note VARCHAR(20) NULL, placed DATETIME(6) NOT NULL, KEY ix_c (customer_id),
          CONSTRAINT fk_c FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE);
        CREATE TABLE `lines` (order_id BIGINT NOT NULL, line SMALLINT NOT NULL, sku VARBINARY(8) NOT NULL, PRIMARY KEY (order_id, line));
        CREATE TABLE tags (label VARCHAR(30) NOT NULL PRIMARY KEY) COLLATE utf8mb4_general_ci;
        CREATE TABLE heap (v INT NULL, t TEXT NULL);
        INSERT INTO customers SELECT seq, CONCAT('c', seq, '@x') FROM seq_1_to_3000;
        INSERT INTO orders (customer_id, note, placed) SELECT 1 + seq % 3000, IF(seq % 7 = 0, NULL, IF(seq % 5 = 0, '', CONCAT('n', seq, '  '))),
          TIMESTAMP('2024-02-29 23:59:59.999999') - INTERVAL seq SECOND FROM seq_1_to_12000;
        INSERT INTO `lines` SELECT 1 + seq DIV 3, seq % 3, UNHEX(LPAD(HEX(seq), 4, '0')) FROM seq_0_to_8999;
        INSERT INTO tags SELECT CONCAT(CHAR(65 + seq % 26), 'tag ', seq) FROM seq_1_to_2500;
        INSERT INTO heap SELECT IF(seq % 10 = 0, NULL, seq % 50), REPEAT('x', seq % 9) FROM seq_1_to_4000;
        CREATE VIEW z_orders AS SELECT id, customer_id FROM orders;
        CREATE VIEW a_orders AS SELECT * FROM z_orders WHERE customer_id > 10 WITH CHECK OPTION;
        CREATE TRIGGER t_orders BEFORE INSERT ON orders FOR EACH ROW SET NEW.note = UPPER(NEW.note);
        """;

    private static readonly string[] Tables = ["customers", "orders", "lines", "tags", "heap"];

    private static async Task AssertTablesEqualAsync(string db)
    {
        foreach (var t in Tables)
        {
            var source = await TableFingerprint.OfAsync(ServerPair.SourceConnectionString, db, t);
            var target = await TableFingerprint.OfAsync(ServerPair.TargetConnectionString, db, t);
            Assert.True(source.Rows > 0, $"{db}.{t} is empty on the source");
            Assert.Equal(source, target);
        }
    }

    [Fact]
    public async Task Fans_out_many_chunks_and_the_target_equals_the_source()
    {
        const string db = "fm_orch_fanout";
        await ServerPair.ResetDatabasesAsync(db);
        await ServerPair.ExecSourceAsync(Schema(db));

        var meta = await InProcessMigration.RunAsync(InProcessMigration.Request([db], new MigrationOptions(Parallelism: 6, ChunkRows: 1000)));
        var report = InProcessMigration.ReportOf(meta);

        Assert.Equal(MigrationOutcome.Succeeded, report.Outcome);
        Assert.Equal(12000 + 3000 + 9000 + 2500 + 4000, report.RowsCopied);
        Assert.True(report.Tables.Single(t => t.Table == $"{db}.orders").Chunks >= 10, "orders should be split into >= 10 chunks");
        Assert.Equal(1, report.Tables.Single(t => t.Table == $"{db}.heap").Chunks);
        await AssertTablesEqualAsync(db);
        Assert.Equal(2L, await ServerPair.ScalarAsync(ServerPair.TargetConnectionString,
            $"SELECT COUNT(*) FROM information_schema.VIEWS WHERE TABLE_SCHEMA='{db}'"));
        Assert.Equal(1L, await ServerPair.ScalarAsync(ServerPair.TargetConnectionString,
            $"SELECT COUNT(*) FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA='{db}'"));
        Assert.Equal(1L, await ServerPair.ScalarAsync(ServerPair.TargetConnectionString,
            $"SELECT COUNT(*) FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA='{db}'"));
        Assert.Equal(1L, await ServerPair.ScalarAsync(ServerPair.TargetConnectionString,
            $"SELECT COUNT(*) FROM information_schema.STATISTICS WHERE TABLE_SCHEMA='{db}' AND TABLE_NAME='customers' AND INDEX_NAME='uq_email'"));
    }

    [Fact]
    public async Task A_chunk_that_fails_after_writing_is_retried_without_duplicating_rows()
    {
        const string db = "fm_orch_retry";
        await ServerPair.ResetDatabasesAsync(db);
        await ServerPair.ExecSourceAsync(Schema(db));
        var failures = new FailureLog();
        var replace = new Dictionary<string, Func<IServiceProvider, ITaskActivity>>
        {
            [nameof(CopyChunkActivity)] = sp => new FlakyCopyChunkActivity(
                sp.GetRequiredService<IConnectionCatalog>(),
                step => step.Chunk.Index is 1 or 3 || step.Spec.Spec!.Table == "heap",
                failures),
        };

        var meta = await InProcessMigration.RunAsync(
            InProcessMigration.Request([db], new MigrationOptions(Parallelism: 4, ChunkRows: 1000)), replace);
        var report = InProcessMigration.ReportOf(meta);

        Assert.True(failures.Count >= 5, $"expected injected failures on several tables, got {failures.Count}");
        Assert.Equal(12000 + 3000 + 9000 + 2500 + 4000, report.RowsCopied);
        await AssertTablesEqualAsync(db);
    }

    [Fact]
    public async Task Chunk_planning_runs_through_the_same_bounded_pool_as_the_copy()
    {
        const string db = "fm_orch_plan_pool";
        await ServerPair.ResetDatabasesAsync(db);
        await ServerPair.ExecSourceAsync($"CREATE DATABASE `{db}`; USE `{db}`; " + string.Concat(Enumerable.Range(1, 6).Select(i =>
            $"CREATE TABLE t{i} (id INT PRIMARY KEY, v INT); INSERT INTO t{i} SELECT seq, seq FROM seq_1_to_{i * 100};")));
        var probe = new ConcurrencyProbe(nameof(PlanChunksActivity), TimeSpan.FromMilliseconds(400));

        var meta = await InProcessMigration.RunAsync(InProcessMigration.Request([db], new MigrationOptions(Parallelism: 2, ChunkRows: 50)), probe.Replacement());

        Assert.Equal(MigrationOutcome.Succeeded, InProcessMigration.ReportOf(meta).Outcome);
        Assert.Equal(6, probe.Calls);
        Assert.Equal(2, probe.MaxConcurrent);
    }

    [Fact]
    public async Task A_table_already_on_the_target_is_refused_unless_drop_existing()
    {
        const string db = "fm_orch_existing";
        await ServerPair.ResetDatabasesAsync(db);
        await ServerPair.ExecSourceAsync(Schema(db));
        await ServerPair.ExecTargetAsync($"CREATE DATABASE `{db}`; CREATE TABLE `{db}`.tags (x INT PRIMARY KEY); INSERT INTO `{db}`.tags VALUES (1)");

        var refused = await InProcessMigration.RunAsync(InProcessMigration.Request([db], new MigrationOptions(SkipPrecheck: true)));
        Assert.Equal(OrchestrationRuntimeStatus.Failed, refused.RuntimeStatus);
        Assert.Contains($"`{db}`.`tags`", refused.FailureDetails.Innermost()?.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(1L, await ServerPair.ScalarAsync(ServerPair.TargetConnectionString, $"SELECT COUNT(*) FROM `{db}`.tags"));

        var dropped = await InProcessMigration.RunAsync(InProcessMigration.Request([db], new MigrationOptions(DropExisting: true, ChunkRows: 5000)));
        Assert.Equal(MigrationOutcome.Succeeded, InProcessMigration.ReportOf(dropped).Outcome);
        await AssertTablesEqualAsync(db);
    }

    [Fact]
    public async Task A_database_missing_on_the_source_fails_with_its_name()
    {
        var meta = await InProcessMigration.RunAsync(InProcessMigration.Request(["fm_orch_no_such_db"], new MigrationOptions(SkipPrecheck: true)));
        Assert.Equal(OrchestrationRuntimeStatus.Failed, meta.RuntimeStatus);
        Assert.Contains("fm_orch_no_such_db", meta.FailureDetails.Innermost()?.ErrorMessage, StringComparison.Ordinal);
    }
}
