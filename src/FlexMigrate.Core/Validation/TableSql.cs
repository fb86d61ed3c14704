using System.Globalization;
using System.Text;
using FlexMigrate.Core.Sql;

namespace FlexMigrate.Core.Validation;

/// <summary>
/// Builds the validation statements for one table on one server, from that server's own column types (so each side
/// hashes its own types exactly). Pure: no I/O, unit-tested.
/// </summary>
internal sealed class TableSql
{
    /// <summary>Longest text per column when a whole row stands in for a key (tables without one).</summary>
    private const int RowDisplayChars = 200;

    private readonly string _from;
    private readonly TableShape _shape;
    private readonly int _fanOut;
    private readonly string _rowHash;
    private readonly string _rowHash64;
    private readonly string _keyId;

    public TableSql(TableRef table, TableShape shape, int fanOut)
    {
        _from = table.QuotedName;
        _shape = shape;
        _fanOut = fanOut;
        _rowHash = RowHashSql.RowHash(shape.Columns);
        _rowHash64 = RowHashSql.RowHash64(shape.Columns);
        _keyId = IsMultiset
            ? "CONCAT_WS('|'," + string.Join(",", shape.Columns.Select(c => $"IFNULL(LEFT({KeyCodec.ReadExpression(c)},{RowDisplayChars}),{RowHashSql.NullMarker})")) + ")"
            : "CONCAT_WS('|'," + string.Join(",", shape.Key.Select(KeyCodec.ReadExpression)) + ")";
    }

    public bool IsMultiset => _shape.KeyColumns.Count == 0;

    /// <summary>Columns whose encoded values make up a key id (all columns for a table without a key).</summary>
    public IReadOnlyList<ValidatedColumn> KeyIdColumns => IsMultiset ? _shape.Columns : _shape.Key;

    /// <summary>Rows of a chunk (and of a drill-down path inside it) as a WHERE clause with its parameters.</summary>
    public SqlQuery Where(ChunkBounds chunk, IReadOnlyList<int> path)
    {
        var conditions = new List<string>();
        var parameters = new List<KeyValuePair<string, string>>();
        if (chunk.Lower is not null)
        {
            conditions.Add(Compare(chunk.Lower, "@lo", inclusive: true, parameters));
        }

        if (chunk.Upper is not null)
        {
            conditions.Add(Compare(chunk.Upper, "@hi", inclusive: false, parameters));
        }

        for (var level = 0; level < path.Count; level++)
        {
            conditions.Add($"{Bucket(level)} = {path[level].ToString(CultureInfo.InvariantCulture)}");
        }

        return new SqlQuery(conditions.Count == 0 ? "1=1" : string.Join(" AND ", conditions), parameters);
    }

    /// <summary>COUNT(*) and the sum of 64-bit row hashes.</summary>
    public SqlQuery Aggregate(SqlQuery where) =>
        where with { Text = $"SELECT COUNT(*), CAST(COALESCE(SUM({_rowHash64}),0) AS CHAR) FROM {_from} WHERE {where.Text}" };

    /// <summary>
    /// Count and hash sum per drill-down bucket of the next level. GROUP BY 1, not an alias: MySQL resolves a GROUP BY
    /// name to a table column before a select alias, and user tables do have columns named b or h.
    /// </summary>
    public SqlQuery Buckets(SqlQuery where, int level) => where with
    {
        Text = $"SELECT {Bucket(level)}, COUNT(*), CAST(COALESCE(SUM({_rowHash64}),0) AS CHAR) FROM {_from} WHERE {where.Text} GROUP BY 1",
    };

    /// <summary>Keyed tables: key id and row hash of every row.</summary>
    public SqlQuery KeyedRows(SqlQuery where) =>
        where with { Text = $"SELECT {_keyId}, {_rowHash} FROM {_from} WHERE {where.Text}" };

    /// <summary>Tables without a key: each distinct row hash, its count, and one row's text to show.</summary>
    public SqlQuery MultisetRows(SqlQuery where) =>
        where with { Text = $"SELECT {_rowHash}, COUNT(*), MIN({_keyId}) FROM {_from} WHERE {where.Text} GROUP BY 1" };

    /// <summary>The first key ids of a range (in key order), to list rows missing from the other side.</summary>
    public SqlQuery FirstKeys(SqlQuery where, int limit)
    {
        var order = IsMultiset ? string.Empty : " ORDER BY " + string.Join(",", _shape.Key.Select(c => SqlText.Identifier(c.Name)));
        return where with
        {
            Text = $"SELECT {_keyId} FROM {_from} WHERE {where.Text}{order} LIMIT {limit.ToString(CultureInfo.InvariantCulture)}",
        };
    }

    /// <summary>Per-column hashes of the rows with the given key ids, to name the columns that differ.</summary>
    public SqlQuery ColumnHashes(SqlQuery where, IReadOnlyList<string> keyIds)
    {
        var parameters = where.Parameters.ToList();
        var names = new List<string>();
        for (var i = 0; i < keyIds.Count; i++)
        {
            var name = "@k" + i.ToString(CultureInfo.InvariantCulture);
            names.Add(name);
            parameters.Add(new(name, keyIds[i]));
        }

        var hashes = string.Join(",", _shape.Columns.Select(c => $"MD5({RowHashSql.Value(c)})"));
        return new SqlQuery(
            $"SELECT {_keyId}, {hashes} FROM {_from} WHERE {where.Text} AND {_keyId} IN ({string.Join(",", names)})",
            parameters);
    }

    /// <summary>Smallest and largest value of a single-column integer key.</summary>
    public SqlQuery KeyMinMax()
    {
        var k = SqlText.Identifier(_shape.Key[0].Name);
        return new SqlQuery($"SELECT CAST(MIN({k}) AS CHAR), CAST(MAX({k}) AS CHAR) FROM {_from}");
    }

    /// <summary>The key id <paramref name="offset"/> rows into [lower, end) in index order: the next chunk boundary.</summary>
    public SqlQuery NextBoundary(IReadOnlyList<string>? lower, int offset)
    {
        var where = Where(new ChunkBounds(lower, null), []);
        var order = string.Join(",", _shape.Key.Select(c => SqlText.Identifier(c.Name)));
        return where with
        {
            Text = $"SELECT {_keyId} FROM {_from} WHERE {where.Text} ORDER BY {order} LIMIT 1 OFFSET {offset.ToString(CultureInfo.InvariantCulture)}",
        };
    }

    private string Bucket(int level) =>
        $"MOD(CRC32(CONCAT('{level.ToString(CultureInfo.InvariantCulture)}|',{(IsMultiset ? _rowHash : _keyId)})),{_fanOut.ToString(CultureInfo.InvariantCulture)})";

    /// <summary>
    /// (k1, k2, ...) &gt;= or &lt; a bound, written as the expanded OR of prefixes (k1 &gt; v1 OR (k1 = v1 AND k2 &gt;= v2) ...),
    /// which every MySQL/MariaDB version turns into an index range scan.
    /// </summary>
    private string Compare(IReadOnlyList<string> bound, string prefix, bool inclusive, List<KeyValuePair<string, string>> parameters)
    {
        var key = _shape.Key;
        if (bound.Count != key.Count)
        {
            throw new ArgumentException($"Chunk bound has {bound.Count} values but the key of {_from} has {key.Count} columns.", nameof(bound));
        }

        var values = new string[key.Count];
        for (var i = 0; i < key.Count; i++)
        {
            var name = prefix + i.ToString(CultureInfo.InvariantCulture);
            parameters.Add(new(name, bound[i]));
            values[i] = KeyCodec.ParameterExpression(key[i], name);
        }

        var strict = inclusive ? ">" : "<";
        var terms = new List<string>();
        for (var i = 0; i < key.Count; i++)
        {
            var term = new StringBuilder();
            for (var j = 0; j < i; j++)
            {
                term.Append(CultureInfo.InvariantCulture, $"{SqlText.Identifier(key[j].Name)} = {values[j]} AND ");
            }

            var last = i == key.Count - 1 && inclusive ? ">=" : strict;
            term.Append(CultureInfo.InvariantCulture, $"{SqlText.Identifier(key[i].Name)} {last} {values[i]}");
            terms.Add(terms.Count == 0 && key.Count == 1 ? term.ToString() : "(" + term + ")");
        }

        return terms.Count == 1 ? terms[0] : "(" + string.Join(" OR ", terms) + ")";
    }
}
