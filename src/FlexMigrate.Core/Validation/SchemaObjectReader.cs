using System.Globalization;
using FlexMigrate.Core.Sql;
using MySqlConnector;

namespace FlexMigrate.Core.Validation;

/// <summary>
/// Reads every schema object of one database on one server as normalized definition text: tables, columns, indexes and
/// foreign keys from information_schema; views, routines, triggers and events from SHOW CREATE (the server's own
/// canonical text), with definers normalized by <see cref="DefinitionNormalizer"/>.
/// </summary>
internal sealed class SchemaObjectReader(MySqlConnection connection, string database, bool onSource, ValidationOptions options)
{
    public async Task<List<SchemaObject>> ReadAsync(CancellationToken cancellationToken)
    {
        var objects = new List<SchemaObject>();
        var exists = await QueryAsync(
            "SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = @db", r => r.GetInt64(0), cancellationToken);
        if (exists[0] == 0)
        {
            return objects;
        }

        objects.Add(new SchemaObject("database", database, null, string.Empty));
        objects.AddRange(await TablesAsync(cancellationToken));
        objects.AddRange(await ColumnsAsync(cancellationToken));
        objects.AddRange(await IndexesAsync(cancellationToken));
        objects.AddRange(await ForeignKeysAsync(cancellationToken));
        objects.AddRange(await ShowCreateAsync("view", "SELECT TABLE_NAME, NULL, 'VIEW' FROM information_schema.VIEWS WHERE TABLE_SCHEMA = @db", "Create View", cancellationToken));
        objects.AddRange(await ShowCreateAsync("routine", "SELECT ROUTINE_NAME, NULL, ROUTINE_TYPE FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = @db", null, cancellationToken));
        objects.AddRange(await ShowCreateAsync("trigger", "SELECT TRIGGER_NAME, EVENT_OBJECT_TABLE, 'TRIGGER' FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = @db", "SQL Original Statement", cancellationToken));
        objects.AddRange(await ShowCreateAsync("event", "SELECT EVENT_NAME, NULL, 'EVENT' FROM information_schema.EVENTS WHERE EVENT_SCHEMA = @db", "Create Event", cancellationToken));
        return objects;
    }

    private Task<List<SchemaObject>> TablesAsync(CancellationToken cancellationToken) => QueryAsync(
        """
        SELECT TABLE_NAME, ENGINE, TABLE_COLLATION, TABLE_COMMENT FROM information_schema.TABLES
        WHERE TABLE_SCHEMA = @db AND TABLE_TYPE = 'BASE TABLE'
        """,
        r => new SchemaObject("table", Qualified(r.GetString(0)), r.GetString(0),
            $"ENGINE={DefinitionNormalizer.Engine(Text(r, 1), onSource)} COLLATE={Text(r, 2)} COMMENT='{Text(r, 3)}'"),
        cancellationToken);

    private Task<List<SchemaObject>> ColumnsAsync(CancellationToken cancellationToken) => QueryAsync(
        """
        SELECT c.TABLE_NAME, c.COLUMN_NAME, c.ORDINAL_POSITION, c.COLUMN_TYPE, c.IS_NULLABLE, c.COLUMN_DEFAULT, c.EXTRA,
               c.CHARACTER_SET_NAME, c.COLLATION_NAME, c.COLUMN_COMMENT, c.GENERATION_EXPRESSION
        FROM information_schema.COLUMNS c
        JOIN information_schema.TABLES t ON t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME AND t.TABLE_TYPE = 'BASE TABLE'
        WHERE c.TABLE_SCHEMA = @db
        """,
        r => new SchemaObject("column", Qualified(r.GetString(0), r.GetString(1)), r.GetString(0), string.Join(" ",
            $"#{Convert.ToInt64(r.GetValue(2), CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)}",
            DefinitionNormalizer.ColumnType(r.GetString(3)),
            r.GetString(4) == "YES" ? "NULL" : "NOT NULL",
            r.IsDBNull(5) ? "no default" : $"DEFAULT {r.GetString(5)}",
            DefinitionNormalizer.Extra(Text(r, 6)),
            r.IsDBNull(7) ? string.Empty : $"CHARSET {r.GetString(7)} COLLATE {Text(r, 8)}",
            Text(r, 9) is { Length: > 0 } comment ? $"COMMENT '{comment}'" : string.Empty,
            Text(r, 10) is { Length: > 0 } generated ? $"AS ({generated})" : string.Empty).Trim()),
        cancellationToken);

    private async Task<List<SchemaObject>> IndexesAsync(CancellationToken cancellationToken)
    {
        var parts = await QueryAsync(
            """
            SELECT TABLE_NAME, INDEX_NAME, NON_UNIQUE, INDEX_TYPE, COLUMN_NAME, SUB_PART, COLLATION
            FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = @db ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX
            """,
            r => (Table: r.GetString(0), Index: r.GetString(1),
                Head: $"{(Convert.ToInt64(r.GetValue(2), CultureInfo.InvariantCulture) == 0 ? "UNIQUE " : string.Empty)}{r.GetString(3)}",
                Part: Text(r, 4) + (r.IsDBNull(5) ? string.Empty : $"({r.GetValue(5)})") + (Text(r, 6) == "D" ? " DESC" : string.Empty)),
            cancellationToken);
        return parts
            .GroupBy(p => (p.Table, p.Index))
            .Select(g => new SchemaObject("index", Qualified(g.Key.Table, g.Key.Index), g.Key.Table,
                $"{g.First().Head} ({string.Join(", ", g.Select(p => p.Part))})"))
            .ToList();
    }

    private Task<List<SchemaObject>> ForeignKeysAsync(CancellationToken cancellationToken) => QueryAsync(
        """
        SELECT rc.TABLE_NAME, rc.CONSTRAINT_NAME,
               GROUP_CONCAT(k.COLUMN_NAME ORDER BY k.ORDINAL_POSITION SEPARATOR ', '),
               MAX(k.REFERENCED_TABLE_SCHEMA), rc.REFERENCED_TABLE_NAME,
               GROUP_CONCAT(k.REFERENCED_COLUMN_NAME ORDER BY k.ORDINAL_POSITION SEPARATOR ', '),
               rc.UPDATE_RULE, rc.DELETE_RULE
        FROM information_schema.REFERENTIAL_CONSTRAINTS rc
        JOIN information_schema.KEY_COLUMN_USAGE k ON k.CONSTRAINT_SCHEMA = rc.CONSTRAINT_SCHEMA
             AND k.TABLE_NAME = rc.TABLE_NAME AND k.CONSTRAINT_NAME = rc.CONSTRAINT_NAME
        WHERE rc.CONSTRAINT_SCHEMA = @db
        GROUP BY rc.TABLE_NAME, rc.CONSTRAINT_NAME, rc.REFERENCED_TABLE_NAME, rc.UPDATE_RULE, rc.DELETE_RULE
        """,
        r => new SchemaObject("foreign key", Qualified(r.GetString(0), r.GetString(1)), r.GetString(0),
            $"({r.GetString(2)}) REFERENCES {r.GetString(3)}.{r.GetString(4)} ({r.GetString(5)}) ON UPDATE {r.GetString(6)} ON DELETE {r.GetString(7)}"),
        cancellationToken);

    /// <summary>Lists objects with <paramref name="listSql"/> (name, table, kind), then reads each one's SHOW CREATE text.</summary>
    private async Task<List<SchemaObject>> ShowCreateAsync(string objectType, string listSql, string? column, CancellationToken cancellationToken)
    {
        var found = await QueryAsync(listSql, r => (Name: r.GetString(0), Table: Text(r, 1), Kind: r.GetString(2)), cancellationToken);
        var result = new List<SchemaObject>();
        foreach (var (name, table, kind) in found)
        {
            var type = objectType == "routine" ? kind.ToLowerInvariant() : objectType;
            var sql = $"SHOW CREATE {kind} {SqlText.Qualified(database, name)}";
            await using var command = new MySqlCommand(sql, connection);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                continue;
            }

            var ordinal = reader.GetOrdinal(column ?? (kind == "PROCEDURE" ? "Create Procedure" : "Create Function"));
            var text = reader.IsDBNull(ordinal)
                ? "(definition not readable: the validating user lacks the privilege to see it)"
                : reader.GetString(ordinal);
            result.Add(new SchemaObject(type, Qualified(name), table, NormalizeDefiner(text)));
        }

        return result;
    }

    private string NormalizeDefiner(string text) => onSource
        ? DefinitionNormalizer.Definer(text, options.MigrationDefiner, ignore: options.MigrationDefiner is null)
        : DefinitionNormalizer.Definer(text, null, ignore: options.MigrationDefiner is null);

    private string Qualified(string name) => $"{database}.{name}";

    private string Qualified(string table, string name) => $"{database}.{table}.{name}";

    private static string Text(MySqlDataReader reader, int i) => reader.IsDBNull(i) ? string.Empty : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture) ?? string.Empty;

    private async Task<List<T>> QueryAsync<T>(string sql, Func<MySqlDataReader, T> map, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand(sql, connection);
        command.Parameters.AddWithValue("@db", database);
        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(map(reader));
        }

        return rows;
    }
}
