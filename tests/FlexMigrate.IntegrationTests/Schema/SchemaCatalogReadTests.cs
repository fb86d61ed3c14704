using System.Diagnostics;
using FlexMigrate.Core.Schema;
using FlexMigrate.IntegrationTests.Infrastructure;
using FlexMigrate.Orchestration.Activities;
using FlexMigrate.Orchestration.Azure;
using FlexMigrate.Orchestration.Connections;
using FlexMigrate.Orchestration.Contracts;
using Microsoft.DurableTask;
using Xunit.Abstractions;

namespace FlexMigrate.IntegrationTests.Schema;

/// <summary>
/// The source schema is read with set queries per database (never one information_schema query per table) and, in a
/// migration, once: the activities after the plan take it from the stored catalog. Counted on the source server's own
/// general log, an independent path: every statement the server received that names information_schema and the
/// database.
/// </summary>
[Collection(nameof(GeneralLogCollection))]
public sealed class SchemaCatalogReadTests(ITestOutputHelper output) : IClassFixture<SchemaCatalogReadTests.ManyTables>
{
    private const string Many = "fm_catalog_many";
    private const string One = "fm_catalog_one";
    private const int ManyTableCount = 2000;
    private const int MigratedTables = 1000;

    private static readonly IConnectionCatalog Connections = new DictionaryConnectionCatalog(new Dictionary<string, string>
    {
        ["source"] = ServerPair.SourceConnectionString,
        ["target"] = ServerPair.TargetConnectionString,
    });

    /// <summary>
    /// A database's schema in set queries, whatever its table count: SCHEMATA, TABLES, COLUMNS, STATISTICS, foreign key
    /// rules (REFERENTIAL_CONSTRAINTS) and columns (KEY_COLUMN_USAGE; two queries, since joined MariaDB scans every
    /// database), VIEWS, ROUTINES, TRIGGERS, EVENTS.
    /// </summary>
    private const int SetQueries = 10;

    [Fact]
    public async Task Reading_a_database_of_thousands_of_tables_takes_the_same_information_schema_queries_as_one_table()
    {
        await SchemaSession.ResetAsync(One);
        await ServerPair.ExecSourceAsync($"CREATE DATABASE {One}; CREATE TABLE {One}.t1 (id INT NOT NULL PRIMARY KEY, v VARCHAR(20))");
        var reader = new SchemaReader(ServerPair.SourceConnectionString);

        var (one, oneCount) = await CountingAsync(One, () => reader.ReadAsync(SchemaSelection.Create([One], [], [])));
        var (many, manyCount) = await CountingAsync(Many, () => reader.ReadAsync(SchemaSelection.Create([Many], [], [])));

        Assert.Single(one.Tables);
        Assert.Equal(ManyTableCount, many.Tables.Count);
        Assert.Equal(oneCount.InformationSchema, manyCount.InformationSchema);
        Assert.Equal(SetQueries, manyCount.InformationSchema);
        // The exact bytes of each table's DDL come from SHOW CREATE TABLE, sent 100 tables a round trip (ShowCreateBatch;
        // the general log has one entry per round trip).
        Assert.Equal(ManyTableCount / 100, manyCount.ShowCreateTable);
    }

    [Fact]
    public async Task Plan_create_tables_metadata_and_chunk_planning_read_the_source_schema_once()
    {
        var request = new MigrationRequest("source", "target", [Many],
            [.. Enumerable.Range(1, MigratedTables).Select(i => $"{Many}.t{i}")], [], new MigrationOptions(DropExisting: true));

        // bench/catalog/run.sh sets more runs (alternating, median of the wall times); the suite checks the counts once.
        var runs = int.TryParse(Environment.GetEnvironmentVariable("FLEXMIGRATE_CATALOG_BENCH_RUNS"), out var n) && n > 0 ? n : 1;
        var measured = new List<(bool Stored, QueryCount Count, double Seconds)>();
        for (var run = 0; run < runs; run++)
        {
            var (count, seconds) = await MeasureAsync(request, payloads: null);
            measured.Add((false, count, seconds));
            (count, seconds) = await MeasureAsync(request, new InMemoryPayloadStore());
            measured.Add((true, count, seconds));
        }

        var before = Summary(measured, stored: false);
        var after = Summary(measured, stored: true);
        output.WriteLine($"{MigratedTables} tables, plan + create tables + 5 metadata activities + chunk planning, median of {runs}:");
        output.WriteLine($"  each activity reads the source: {before.Count.InformationSchema} information_schema queries, {before.Count.ShowCreateTable} SHOW CREATE TABLE round trips, {before.Seconds:F1} s");
        output.WriteLine($"  one stored catalog:             {after.Count.InformationSchema} information_schema queries, {after.Count.ShowCreateTable} SHOW CREATE TABLE round trips, {after.Seconds:F1} s");
        output.WriteLine($"  wall time ratio after/before:   {after.Seconds / before.Seconds:F2}");
        Assert.All(measured, m => Assert.Equal(m.Stored ? after.Count : before.Count, m.Count));
        // The plan's one read of the catalog, nothing after it: the set queries, SHOW CREATE TABLE of every table in
        // round trips of 100.
        Assert.Equal(new QueryCount(SetQueries, MigratedTables / 100), after.Count);
        // Without the catalog: the plan, create tables and the five metadata activities each read the schema (7 x the
        // set queries, 7 x 1,000 SHOW CREATE in 7 x 10 round trips), and chunk planning reads each table's shape (3
        // queries per table).
        Assert.Equal(new QueryCount(7 * SetQueries + 3 * MigratedTables, 7 * MigratedTables / 100), before.Count);
    }

    private static (QueryCount Count, double Seconds) Summary(List<(bool Stored, QueryCount Count, double Seconds)> measured, bool stored)
    {
        var runs = measured.Where(m => m.Stored == stored).ToList();
        var seconds = runs.Select(m => m.Seconds).Order().ToList();
        return (runs[0].Count, seconds[seconds.Count / 2]);
    }

    private static async Task<(QueryCount Count, double Seconds)> MeasureAsync(MigrationRequest request, IPayloadStore? payloads)
    {
        await ServerPair.ExecTargetAsync($"DROP DATABASE IF EXISTS {Many}");
        var context = new Context($"fm-catalog-{Guid.NewGuid():N}");
        var (seconds, count) = await CountingAsync(Many, async () =>
        {
            var clock = Stopwatch.StartNew();
            var plan = await new PlanMigrationActivity(Connections, payloads).RunAsync(context, request);
            Assert.Equal(payloads is not null, plan.Catalog is not null);
            var step = new SchemaStep(request, plan.Catalog);
            Assert.Empty(await new CreateTablesActivity(Connections, payloads).RunAsync(context, step));
            MetadataActivity[] metadata =
            [
                new CreateRoutinesActivity(Connections, payloads), new CreateViewsActivity(Connections, payloads),
                new CreateTriggersActivity(Connections, payloads), new CreateEventsActivity(Connections, payloads),
                new AddForeignKeysActivity(Connections, payloads),
            ];
            foreach (var activity in metadata)
            {
                await activity.RunAsync(context, step);
            }

            foreach (var table in plan.Tables)
            {
                var chunks = await new PlanChunksActivity(Connections, payloads).RunAsync(context, new PlanChunksStep("source", table, 1000, Catalog: plan.Catalog));
                Assert.Equal(["id", "v"], chunks.Spec.Spec!.Columns.Select(c => c.Name));
            }

            return clock.Elapsed.TotalSeconds;
        });
        var tables = await ServerPair.ScalarAsync(ServerPair.TargetConnectionString,
            $"SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '{Many}'");
        Assert.Equal((long)MigratedTables, Convert.ToInt64(tables, System.Globalization.CultureInfo.InvariantCulture));
        return (count, seconds);
    }

    /// <summary>Runs <paramref name="work"/> with the source's general log on and counts what it sent about <paramref name="database"/>.</summary>
    private static async Task<(T Result, QueryCount Count)> CountingAsync<T>(string database, Func<Task<T>> work)
    {
        await ServerPair.ExecSourceAsync("SET GLOBAL log_output = 'TABLE'; TRUNCATE TABLE mysql.general_log; SET GLOBAL general_log = 1");
        T result;
        try
        {
            result = await work();
        }
        finally
        {
            await ServerPair.ExecSourceAsync("SET GLOBAL general_log = 0");
        }

        var named = $"FROM mysql.general_log WHERE command_type = 'Query' AND CONVERT(argument USING utf8mb4) LIKE '%{database}%'";
        var informationSchema = await ServerPair.ScalarAsync(ServerPair.SourceConnectionString,
            $"SELECT COUNT(*) {named} AND CONVERT(argument USING utf8mb4) LIKE '%information\\_schema%'");
        var showCreate = await ServerPair.ScalarAsync(ServerPair.SourceConnectionString,
            $"SELECT COUNT(*) {named} AND CONVERT(argument USING utf8mb4) LIKE 'SHOW CREATE TABLE%'");
        await ServerPair.ExecSourceAsync("TRUNCATE TABLE mysql.general_log");
        return (result, new QueryCount(
            Convert.ToInt32(informationSchema, System.Globalization.CultureInfo.InvariantCulture),
            Convert.ToInt32(showCreate, System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>
    /// The source database of <see cref="ManyTableCount"/> small tables, created once for the class and dropped after it:
    /// left on the shared server it would slow every information_schema query of other tests that is not limited to
    /// one schema by '=' (the server then opens every table).
    /// </summary>
    public sealed class ManyTables : IAsyncLifetime
    {
        public async Task InitializeAsync()
        {
            await SchemaSession.ResetAsync(Many);
            await ServerPair.ExecSourceAsync($"CREATE DATABASE {Many}");
            for (var first = 1; first <= ManyTableCount; first += 200)
            {
                await ServerPair.ExecSourceAsync(string.Concat(Enumerable.Range(first, 200).Select(i =>
                    $"CREATE TABLE {Many}.t{i} (id INT NOT NULL PRIMARY KEY, v VARCHAR(20)) ENGINE=InnoDB;\n")));
            }
        }

        public Task DisposeAsync() => SchemaSession.ResetAsync(Many);
    }

    /// <summary>Statements about the database in the general log: information_schema queries, and SHOW CREATE TABLE round trips (up to 100 tables each).</summary>
    private sealed record QueryCount(int InformationSchema, int ShowCreateTable);

    private sealed class Context(string instanceId) : TaskActivityContext
    {
        public override TaskName Name => "test";

        public override string InstanceId { get; } = instanceId;
    }
}

/// <summary>Tests that switch the source's global general log on run one at a time.</summary>
[CollectionDefinition(nameof(GeneralLogCollection), DisableParallelization = true)]
public sealed class GeneralLogCollection;
