using FlexMigrate.IntegrationTests.Infrastructure;
using MySqlConnector;

namespace FlexMigrate.IntegrationTests.Crash;

/// <summary>
/// The crash tests' verdict, independent of FlexMigrate's own validation: every table of the source database
/// compared row by row with the target by <see cref="TableFingerprint.RowsAsync"/> (SQL hashes on each server),
/// naming each row lost, doubled, extra or changed.
/// </summary>
internal static class DatabaseComparison
{
    public static async Task<IReadOnlyList<string>> DifferencesAsync(string database)
    {
        var differences = new List<string>();
        var sourceTables = await TablesAsync(ServerPair.SourceConnectionString, database);
        var targetTables = await TablesAsync(ServerPair.TargetConnectionString, database);
        differences.AddRange(sourceTables.Except(targetTables).Select(t => $"{database}.{t}: missing on the target"));
        differences.AddRange(targetTables.Except(sourceTables).Select(t => $"{database}.{t}: on the target only"));
        foreach (var table in sourceTables.Intersect(targetTables))
        {
            var source = await TableFingerprint.RowsAsync(ServerPair.SourceConnectionString, database, table);
            var target = await TableFingerprint.RowsAsync(ServerPair.TargetConnectionString, database, table);
            differences.AddRange(Compare($"{database}.{table}", source, target));
        }

        return differences;
    }

    public static async Task AssertEqualAsync(string database)
    {
        var differences = await DifferencesAsync(database);
        Assert.True(differences.Count == 0, $"target differs from source:\n{string.Join("\n", differences.Take(20))}");
    }

    private static IEnumerable<string> Compare(string table, IReadOnlyList<TableFingerprint.RowPrint> source, IReadOnlyList<TableFingerprint.RowPrint> target)
    {
        // Multisets of (key, hash): a doubled row (possible only without a primary key) counts twice.
        var counts = new Dictionary<TableFingerprint.RowPrint, int>();
        foreach (var row in source)
        {
            counts[row] = counts.GetValueOrDefault(row) + 1;
        }

        foreach (var row in target)
        {
            counts[row] = counts.GetValueOrDefault(row) - 1;
        }

        foreach (var (row, n) in counts.Where(kv => kv.Value != 0).Take(20))
        {
            var key = row.Key.Length == 0 ? $"row hash {row.Hash[..12]}" : $"key {row.Key}";
            yield return n > 0 ? $"{table} {key}: lost ({n} missing on the target)" : $"{table} {key}: doubled or extra ({-n} more on the target)";
        }

        if (source.Count != target.Count)
        {
            yield return $"{table}: {source.Count} rows on the source, {target.Count} on the target";
        }
    }

    private static async Task<List<string>> TablesAsync(string connectionString, string database)
    {
        await using var c = new MySqlConnection(connectionString);
        await c.OpenAsync();
        await using var cmd = new MySqlCommand(
            "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = @d AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME", c);
        cmd.Parameters.AddWithValue("@d", database);
        var tables = new List<string>();
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync())
        {
            tables.Add(r.GetString(0));
        }

        return tables;
    }
}
