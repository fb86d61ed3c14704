using System.Text;
using FlexMigrate.Core.Sql;

namespace FlexMigrate.Core.Replication;

/// <summary>
/// The set-based statements that reproduce a foreign key's action on the child rows matching a list of parent key
/// tuples. Matching is done by the server with `=` on the child columns, so the child column's collation decides
/// (as InnoDB's search in the child index does) and a NULL never matches.
/// </summary>
internal static class CascadeSql
{
    /// <summary>Reads <paramref name="columns"/> of the matching child rows; with no columns, reads whether any row matches.</summary>
    public static CascadeStatement Select(ForeignKeyEdge fk, IReadOnlyCollection<string> columns, IReadOnlyList<object?[]> keys)
    {
        var parameters = new List<object?>();
        var list = columns.Count == 0 ? "1" : string.Join(", ", columns.Select(SqlText.Identifier));
        var sql = $"SELECT {list} FROM {fk.Child.Quoted} WHERE {Match(fk, keys, parameters)}";
        return new CascadeStatement(columns.Count == 0 ? sql + " LIMIT 1" : sql, parameters);
    }

    /// <summary>ON DELETE CASCADE: deletes the matching child rows.</summary>
    public static CascadeStatement Delete(ForeignKeyEdge fk, IReadOnlyList<object?[]> keys)
    {
        var parameters = new List<object?>();
        return new CascadeStatement($"DELETE FROM {fk.Child.Quoted} WHERE {Match(fk, keys, parameters)}", parameters);
    }

    /// <summary>SET NULL: InnoDB sets every column of the key to NULL, changed or not.</summary>
    public static CascadeStatement SetNull(ForeignKeyEdge fk, IReadOnlyList<object?[]> keys)
    {
        var parameters = new List<object?>();
        var set = string.Join(", ", fk.Columns.Select(c => SqlText.Identifier(c.Name) + " = NULL"));
        return new CascadeStatement($"UPDATE {fk.Child.Quoted} SET {set} WHERE {Match(fk, keys, parameters)}", parameters);
    }

    /// <summary>
    /// ON UPDATE CASCADE: sets only the child columns whose parent column changed (InnoDB's update vector holds only
    /// those), on the child rows matching the parent's old key.
    /// </summary>
    public static CascadeStatement Update(ForeignKeyEdge fk, object?[] oldKey, IReadOnlyList<ColumnChange> changes)
    {
        var parameters = new List<object?>();
        var set = string.Join(", ", changes.Select(change =>
        {
            var column = fk.Columns[change.Index];
            return SqlText.Identifier(column.Name) + " = " + Value(column, change.Value, parameters, collate: false);
        }));
        return new CascadeStatement($"UPDATE {fk.Child.Quoted} SET {set} WHERE {Match(fk, [oldKey], parameters)}", parameters);
    }

    /// <summary>`c` IN (..) for one column, (`a` = .. AND `b` = ..) OR .. for several.</summary>
    private static string Match(ForeignKeyEdge fk, IReadOnlyList<object?[]> keys, List<object?> parameters)
    {
        if (keys.Count == 0)
        {
            throw new ArgumentException($"No parent key to match for foreign key {fk}.", nameof(keys));
        }

        var sql = new StringBuilder();
        if (fk.Columns.Count == 1)
        {
            sql.Append(SqlText.Identifier(fk.Columns[0].Name)).Append(" IN (");
            sql.AppendJoin(", ", keys.Select(key => Value(fk.Columns[0], key[0], parameters, collate: true)));
            return sql.Append(')').ToString();
        }

        sql.AppendJoin(" OR ", keys.Select(key => "(" + string.Join(" AND ", fk.Columns.Select((column, i) =>
            SqlText.Identifier(column.Name) + " = " + Value(column, key[i], parameters, collate: true))) + ")"));
        return sql.ToString();
    }

    /// <summary>
    /// A placeholder for <paramref name="value"/>. Bytes meant for a text column are reinterpreted in the column's
    /// character set and compared in its collation: a bare binary parameter would make the comparison binary, and
    /// 'abc' would stop matching 'ABC' under a case-insensitive collation as InnoDB matches it.
    /// </summary>
    private static string Value(ForeignKeyColumn column, object? value, List<object?> parameters, bool collate)
    {
        var name = "@p" + parameters.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        parameters.Add(value);
        if (value is not byte[] || column.CharacterSet is null || column.CharacterSet == "binary")
        {
            return name;
        }

        var converted = $"CONVERT({name} USING {Word(column.CharacterSet)})";
        return collate && column.Collation is not null ? $"{converted} COLLATE {Word(column.Collation)}" : converted;
    }

    /// <summary>Character set and collation names are bare words; refuse anything else rather than splice it into SQL.</summary>
    private static string Word(string name) =>
        name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')
            ? name
            : throw new FormatException($"Unexpected character set or collation name '{name}' in information_schema.COLUMNS.");
}

/// <summary>A new value for the child column at <paramref name="Index"/> in the foreign key's column list.</summary>
internal readonly record struct ColumnChange(int Index, object? Value);
