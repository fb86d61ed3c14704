using System.Text;
using FlexMigrate.Core.Schema;
using FlexMigrate.Core.Sql;

namespace FlexMigrate.Core.Copy;

/// <summary>
/// The SQL text of a copy: what is selected from the source (every value as exact bytes in a binary-charset
/// result, so no client-side conversion can alter it), the key-range predicates, and how LOAD DATA assigns each
/// field on the target.
/// </summary>
internal static class CopySql
{
    /// <summary>
    /// The source expression for a column. Every expression is CAST to BINARY so MySqlConnector hands over the
    /// server's bytes untouched: no transcoding of text, no DateTime conversion of zero dates, no decimal overflow.
    /// </summary>
    public static string SelectExpression(CopyColumn column)
    {
        var name = SqlText.Identifier(column.Name);
        return column.Kind switch
        {
            // FLOAT's own text keeps ~6 significant digits; widened to DOUBLE it is exact and the server prints the
            // shortest text that round-trips (checked: 3.4028234663852886e38, 1.401298464324817e-45).
            ColumnTypeFamily.Float => $"CAST({name} + 0e0 AS BINARY)",
            ColumnTypeFamily.Bit or ColumnTypeFamily.Enum or ColumnTypeFamily.Set => $"CAST({name} + 0 AS BINARY)",
            _ => $"CAST({name} AS BINARY)",
        };
    }

    /// <summary>The column as compared and ordered in key-range predicates.</summary>
    public static string KeyExpression(CopyColumn column) => column.Kind is ColumnTypeFamily.Enum or ColumnTypeFamily.Set
        ? $"({SqlText.Identifier(column.Name)} + 0)"
        : SqlText.Identifier(column.Name);

    /// <summary>ORDER BY list of the key.</summary>
    public static string OrderBy(CopyTableSpec spec) => string.Join(", ", spec.KeyColumns.Select(KeyExpression));

    /// <summary>The WHERE condition selecting the chunk's rows, or null for the whole table.</summary>
    public static string? RangePredicate(CopyTableSpec spec, CopyChunk chunk)
    {
        var parts = new List<string>(2);
        if (chunk.From is not null)
            parts.Add(Compare(spec, chunk.From, ">"));
        if (chunk.To is not null)
            parts.Add(Compare(spec, chunk.To, "<"));
        return parts.Count == 0 ? null : string.Join(" AND ", parts);
    }

    /// <summary>
    /// key &gt;= bound (op "&gt;") or key &lt; bound (op "&lt;") over a composite key, expanded into
    /// (k1 op a1) OR (k1 = a1 AND k2 op a2) ... OR (k1 = a1 AND ... AND kn op= an), a form every MySQL and MariaDB
    /// version turns into index ranges.
    /// </summary>
    public static string Compare(CopyTableSpec spec, ChunkBound bound, string op)
    {
        if (bound.Values.Count != spec.KeyColumns.Count)
            throw new FormatException(
                $"Chunk bound of {spec.DisplayName} has {bound.Values.Count} values but the key has {spec.KeyColumns.Count} columns; plan the table again.");
        var n = spec.KeyColumns.Count;
        var terms = new List<string>(n);
        for (var i = 0; i < n; i++)
        {
            var sb = new StringBuilder("(");
            for (var j = 0; j < i; j++)
                sb.Append(KeyExpression(spec.KeyColumns[j])).Append(" = ").Append(bound.Values[j].ToSqlLiteral()).Append(" AND ");
            var last = i == n - 1 && op == ">" ? ">=" : op;
            sb.Append(KeyExpression(spec.KeyColumns[i])).Append(' ').Append(last).Append(' ').Append(bound.Values[i].ToSqlLiteral()).Append(')');
            terms.Add(sb.ToString());
        }
        return "(" + string.Join(" OR ", terms) + ")";
    }

    /// <summary>SELECT of a chunk's rows: the copied columns, then the key columns, in key order.</summary>
    public static string SelectChunk(CopyTableSpec spec, CopyChunk chunk)
    {
        var sql = new StringBuilder("SELECT ");
        sql.AppendJoin(", ", spec.Columns.Concat(spec.KeyColumns).Select(SelectExpression));
        sql.Append(" FROM ").Append(spec.QualifiedName);
        var where = RangePredicate(spec, chunk);
        if (where is not null)
            sql.Append(" WHERE ").Append(where);
        if (spec.HasKey)
            sql.Append(" ORDER BY ").Append(OrderBy(spec));
        return sql.ToString();
    }

    /// <summary>
    /// The LOAD DATA column list and SET clauses: numbers that stand for BIT/ENUM/SET values go through a user
    /// variable and CAST AS UNSIGNED (a string would be taken as a member name or as raw BIT bytes); MySQL's JSON
    /// type refuses binary-charset input, so it is converted to utf8mb4.
    /// </summary>
    public static (List<string> Columns, List<string> Expressions) LoadTargets(CopyTableSpec spec)
    {
        var columns = new List<string>(spec.Columns.Count);
        var expressions = new List<string>();
        for (var i = 0; i < spec.Columns.Count; i++)
        {
            var column = spec.Columns[i];
            var name = SqlText.Identifier(column.Name);
            var variable = "@v" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            switch (column.Kind)
            {
                case ColumnTypeFamily.Bit or ColumnTypeFamily.Enum or ColumnTypeFamily.Set:
                    columns.Add(variable);
                    expressions.Add($"{name} = CAST({variable} AS UNSIGNED)");
                    break;
                case ColumnTypeFamily.Json:
                    columns.Add(variable);
                    expressions.Add($"{name} = CONVERT({variable} USING utf8mb4)");
                    break;
                default:
                    columns.Add(name);
                    break;
            }
        }
        return (columns, expressions);
    }
}
