using System.Text;
using FlexMigrate.Core.Sql;
using MySqlConnector;

namespace FlexMigrate.Core.Replication;

/// <summary>
/// Removes what cascade emulation cannot see during catch-up. The binlog does not carry cascaded child changes, and
/// while replay catches up, the target holds rows copied at different moments: when a parent delete cascaded through
/// a child to a grandchild on the source, and the child was copied AFTER that delete but the grandchild BEFORE it,
/// replay finds no child on the target to follow, and the grandchild stays (an orphan the source does not have).
/// Run once when replay has passed the copy's end (applier paused): for every ON DELETE CASCADE / SET NULL foreign
/// key, target child rows whose parent is missing on the target are compared with the source by key. A row the
/// source does not have is deleted (any later re-insert is still ahead in the binlog and will be replayed); a row it
/// has gets the source's current foreign-key values (NULL where the source's SET NULL acted; a row the source itself
/// keeps as an orphan keeps its values). Deleting orphans can orphan their own children, so passes repeat until one
/// changes nothing (InnoDB's cascade depth limit bounds the chain).
/// </summary>
public sealed class CascadeOrphanSweeper(string sourceConnectionString, string targetConnectionString)
{
    private const int MaxPasses = 16;
    private const int KeysPerQuery = 500;

    /// <summary>Sweeps every acting foreign key of <paramref name="databases"/>; returns rows deleted and rows re-pointed.</summary>
    public async Task<(long Deleted, long Updated)> SweepAsync(IReadOnlyList<string> databases, CancellationToken cancellationToken = default)
    {
        await using var source = new MySqlConnection(sourceConnectionString);
        await source.OpenAsync(cancellationToken);
        await using var target = new MySqlConnection(targetConnectionString);
        await target.OpenAsync(cancellationToken);
        await ExecAsync(target, "SET SESSION foreign_key_checks = 0", cancellationToken);
        var graph = await ForeignKeyGraph.ReadAsync(source, databases, cancellationToken);
        var shapes = new ReplicatedTableReader(source, target);
        long deleted = 0, updated = 0;
        for (var pass = 0; pass < MaxPasses; pass++)
        {
            long changed = 0;
            foreach (var edge in graph.Edges.Where(e => e.OnDelete.ActsOnChildren()))
            {
                var child = await shapes.GetAsync(edge.Child.Database, edge.Child.Table, null, cancellationToken);
                if (!child.HasKey)
                {
                    continue;
                }

                var (d, u) = await SweepEdgeAsync(source, target, edge, child, cancellationToken);
                deleted += d;
                updated += u;
                changed += d + u;
            }

            if (changed == 0)
            {
                break;
            }
        }

        return (deleted, updated);
    }

    private static async Task<(long Deleted, long Updated)> SweepEdgeAsync(
        MySqlConnection source, MySqlConnection target, ForeignKeyEdge edge, ReplicatedTable child, CancellationToken cancellationToken)
    {
        var orphans = await OrphanKeysAsync(target, edge, child, cancellationToken);
        long deleted = 0, updated = 0;
        foreach (var batch in orphans.Chunk(KeysPerQuery))
        {
            var onSource = await SourceRowsAsync(source, edge, child, batch, cancellationToken);
            foreach (var key in batch)
            {
                var keyText = KeyText(key);
                if (!onSource.TryGetValue(keyText, out var fkValues))
                {
                    deleted += await ExecAsync(target, $"DELETE FROM {child.QualifiedName} WHERE {KeyPredicate(child.KeyColumns)}",
                        cancellationToken, Parameters(child.KeyColumns, key));
                    continue;
                }

                var set = string.Join(", ", edge.Columns.Select((c, i) => $"{SqlText.Identifier(c.Name)} = @f{i}"));
                var parameters = Parameters(child.KeyColumns, key).Concat(fkValues.Select((v, i) => ($"@f{i}", v))).ToArray();
                updated += await ExecAsync(target, $"UPDATE {child.QualifiedName} SET {set} WHERE {KeyPredicate(child.KeyColumns)} AND NOT ({NullSafeEqual(edge)})",
                    cancellationToken, parameters);
            }
        }

        return (deleted, updated);
    }

    /// <summary>Keys of target child rows whose (all non-NULL) foreign-key values match no target parent row.</summary>
    private static async Task<List<object?[]>> OrphanKeysAsync(MySqlConnection target, ForeignKeyEdge edge, ReplicatedTable child, CancellationToken cancellationToken)
    {
        var keys = string.Join(", ", child.KeyColumns.Select(k => "c." + SqlText.Identifier(k)));
        var notNull = string.Join(" AND ", edge.Columns.Select(c => $"c.{SqlText.Identifier(c.Name)} IS NOT NULL"));
        var join = string.Join(" AND ", edge.Columns.Select((c, i) => $"p.{SqlText.Identifier(edge.ReferencedColumns[i])} = c.{SqlText.Identifier(c.Name)}"));
        var sql = $"SELECT {keys} FROM {edge.Child.Quoted} c WHERE {notNull} AND NOT EXISTS (SELECT 1 FROM {edge.Parent.Quoted} p WHERE {join})";
        await using var command = new MySqlCommand(sql, target) { CommandTimeout = 0 };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var list = new List<object?[]>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var key = new object?[reader.FieldCount];
            reader.GetValues(key!);
            list.Add(key);
        }

        return list;
    }

    /// <summary>The source's current foreign-key values of the given child keys (absent keys: not in the map).</summary>
    private static async Task<Dictionary<string, object?[]>> SourceRowsAsync(
        MySqlConnection source, ForeignKeyEdge edge, ReplicatedTable child, object?[][] keys, CancellationToken cancellationToken)
    {
        var select = string.Join(", ", child.KeyColumns.Concat(edge.Columns.Select(c => c.Name)).Select(SqlText.Identifier));
        var where = new StringBuilder();
        var parameters = new List<(string, object?)>();
        for (var i = 0; i < keys.Length; i++)
        {
            where.Append(i == 0 ? "" : " OR ").Append('(')
                .Append(string.Join(" AND ", child.KeyColumns.Select((k, j) => $"{SqlText.Identifier(k)} = @k{i}_{j}"))).Append(')');
            parameters.AddRange(keys[i].Select((v, j) => ($"@k{i}_{j}", v)));
        }

        await using var command = new MySqlCommand($"SELECT {select} FROM {edge.Child.Quoted} WHERE {where}", source);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        var rows = new Dictionary<string, object?[]>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var values = new object?[reader.FieldCount];
            reader.GetValues(values!);
            var key = values.Take(child.KeyColumns.Count).ToArray();
            rows[KeyText(key)] = values.Skip(child.KeyColumns.Count).Select(v => v is DBNull ? null : v).ToArray();
        }

        return rows;
    }

    private static string KeyPredicate(IReadOnlyList<string> keyColumns) =>
        string.Join(" AND ", keyColumns.Select((k, j) => $"{SqlText.Identifier(k)} = @k{j}"));

    private static string NullSafeEqual(ForeignKeyEdge edge) =>
        string.Join(" AND ", edge.Columns.Select((c, i) => $"{SqlText.Identifier(c.Name)} <=> @f{i}"));

    private static (string, object?)[] Parameters(IReadOnlyList<string> keyColumns, object?[] key) =>
        keyColumns.Select((_, j) => ($"@k{j}", key[j] is DBNull ? null : key[j])).ToArray();

    /// <summary>Key identity across the two servers' readers: type-stable text of each part (binary keys as hex).</summary>
    private static string KeyText(object?[] key) =>
        string.Join("\u0001", key.Select(v => v switch
        {
            byte[] bytes => Convert.ToHexString(bytes),
            IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
            null or DBNull => "\u0000",
            _ => v.ToString(),
        }));

    private static async Task<long> ExecAsync(MySqlConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = new MySqlCommand(sql, connection) { CommandTimeout = 0 };
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
