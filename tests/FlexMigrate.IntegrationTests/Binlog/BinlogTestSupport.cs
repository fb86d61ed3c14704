using FlexMigrate.Core.Binlog;
using FlexMigrate.IntegrationTests.Infrastructure;

namespace FlexMigrate.IntegrationTests.Binlog;

/// <summary>
/// The binlog tests share one source binlog; some flush or purge it or switch global compression, so they run one
/// class at a time in this collection.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BinlogCollection
{
    public const string Name = "binlog (serial)";
}

internal static class BinlogTestSupport
{
    public static BinlogClient Client() => new(ServerPair.SourceConnectionString);

    /// <summary>Fresh database with table t (<paramref name="columns"/>); returns the binlog position after it.</summary>
    public static async Task<BinlogPosition> CreateTableAsync(string database, string columns)
    {
        await ServerPair.ResetDatabasesAsync(database);
        await ServerPair.ExecSourceAsync($"CREATE DATABASE {database}; CREATE TABLE {database}.t {columns}");
        return await Client().GetCurrentPositionAsync();
    }

    /// <summary>Reads from <paramref name="from"/> to the current end, keeping only <paramref name="database"/>.</summary>
    public static async Task<List<BinlogTransaction>> ReadToEndAsync(BinlogPosition from, string database, BinlogReadOptions? options = null)
    {
        var client = Client();
        var list = new List<BinlogTransaction>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var o = (options ?? new BinlogReadOptions()) with { StopAtEnd = true, DatabaseFilter = db => db == database };
        await foreach (var tx in client.ReadTransactionsAsync(BinlogStartPosition.At(from), o, timeout.Token))
        {
            if (tx.Changes.Count > 0)
            {
                list.Add(tx);
            }
        }

        return list;
    }

    public static IEnumerable<RowChange> Rows(this IEnumerable<BinlogTransaction> txs) =>
        txs.SelectMany(t => t.Changes).OfType<RowChange>();

    public static object? Value(this RowChange row, string column, bool after = true)
    {
        var index = row.Columns.Select(c => c.Name).ToList().IndexOf(column);
        Assert.True(index >= 0, $"no column {column}");
        return (after ? row.After : row.Before)![index];
    }
}
