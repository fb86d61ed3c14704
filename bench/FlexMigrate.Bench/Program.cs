using System.Diagnostics;
using System.Globalization;
using FlexMigrate.Core.Chunking;
using FlexMigrate.Core.Copy;
using MySqlConnector;

// Usage: FlexMigrate.Bench <database> <parallelism> [chunkRows]
// Connection strings come from FLEXMIGRATE_SOURCE / FLEXMIGRATE_TARGET. The target database must not exist: the
// driver creates it and its tables with the source's DDL (SHOW CREATE TABLE), then copies every chunk of every
// table through a shared queue of <parallelism> workers, and prints one result line.
var source = Environment.GetEnvironmentVariable("FLEXMIGRATE_SOURCE") ?? throw new InvalidOperationException("FLEXMIGRATE_SOURCE is not set");
var target = Environment.GetEnvironmentVariable("FLEXMIGRATE_TARGET") ?? throw new InvalidOperationException("FLEXMIGRATE_TARGET is not set");
var database = args[0];
var parallelism = int.Parse(args[1], CultureInfo.InvariantCulture);
var chunkRows = args.Length > 2 ? long.Parse(args[2], CultureInfo.InvariantCulture) : ChunkPlanner.DefaultChunkRows;

var clock = Stopwatch.StartNew();
var tables = await BenchSchema.CreateTargetTablesAsync(source, target, database);
var planner = new ChunkPlanner(chunkRows);
var work = new List<(CopyTableSpec Spec, CopyChunk Chunk)>();
foreach (var table in tables)
{
    var spec = await CopyTableSpecReader.ReadAsync(source, database, table);
    foreach (var chunk in await planner.PlanAsync(source, spec))
        work.Add((spec, chunk));
}
var planned = clock.Elapsed;

var copier = new TableCopier();
long rows = 0, bytes = 0;
await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (item, ct) =>
{
    var result = await copier.CopyChunkAsync(source, target, item.Spec, item.Chunk, null, ct);
    Interlocked.Add(ref rows, result.Rows);
    Interlocked.Add(ref bytes, result.Bytes);
});
var total = clock.Elapsed.TotalSeconds;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"flexmigrate-copy tables={tables.Count} chunks={work.Count} parallelism={parallelism} chunkRows={chunkRows} rows={rows} " +
    $"bytes={bytes} plan_s={planned.TotalSeconds:F2} total_s={total:F2} rows_per_s={rows / total:F0} " +
    $"peak_working_set_mb={Process.GetCurrentProcess().PeakWorkingSet64 >> 20}"));

internal static class BenchSchema
{
    public static async Task<List<string>> CreateTargetTablesAsync(string source, string target, string database)
    {
        await using var src = new MySqlConnection(source);
        await src.OpenAsync();
        var tables = new List<string>();
        await using (var list = new MySqlCommand(
            "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = @db AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME", src))
        {
            list.Parameters.AddWithValue("@db", database);
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                tables.Add(reader.GetString(0));
        }
        await using var dst = new MySqlConnection(target);
        await dst.OpenAsync();
        await Exec(dst, $"CREATE DATABASE `{database}`");
        foreach (var table in tables)
        {
            await using var show = new MySqlCommand($"SHOW CREATE TABLE `{database}`.`{table}`", src);
            await using var reader = await show.ExecuteReaderAsync();
            await reader.ReadAsync();
            var ddl = reader.GetString(1);
            await reader.CloseAsync();
            await Exec(dst, $"USE `{database}`; {ddl}");
        }
        return tables;
    }

    private static async Task Exec(MySqlConnection connection, string sql)
    {
        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
