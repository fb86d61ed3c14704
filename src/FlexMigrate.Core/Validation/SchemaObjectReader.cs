using System.Globalization;
using FlexMigrate.Core.Schema;
using FlexMigrate.Core.Sql;
using MySqlConnector;

namespace FlexMigrate.Core.Validation;

/// <summary>
/// Reads every schema object of one database on one server for comparison: the database's character set, collation
/// and comment; tables, columns, indexes and foreign keys through the shared schema reader as normalized definition text;
/// views, routines, triggers and events attribute by attribute (definition bytes from SHOW CREATE, the session they
/// were created in, and what information_schema adds), with definers normalized by <see cref="DefinitionNormalizer"/>.
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

        // SHOW CREATE VIEW prints for the session's sql_mode (ANSI_QUOTES would quote with "): read both servers the same way.
        await ExecuteAsync("SET SESSION sql_mode = ''", cancellationToken);
        objects.Add(await DatabaseAsync(cancellationToken));
        objects.AddRange(await TableObjectsAsync(cancellationToken));
        objects.AddRange(await StoredObjectsAsync(cancellationToken));
        return objects;
    }

    /// <summary>
    /// Tables, then their columns, indexes and foreign keys, from the shared schema reader
    /// (<see cref="TableSchemaQueries.ReadDefinitionsAsync"/>: the columns and keys every other path sees), each as one
    /// normalized definition text.
    /// </summary>
    private async Task<List<SchemaObject>> TableObjectsAsync(CancellationToken cancellationToken)
    {
        var tables = await TableSchemaQueries.ReadDefinitionsAsync(connection, [database], cancellationToken);
        return
        [
            .. tables.Select(t => new SchemaObject("table", Qualified(t.Name.Name), t.Name.Name,
                $"ENGINE={DefinitionNormalizer.Engine(t.Engine ?? "", onSource)} COLLATE={t.Collation} COMMENT='{t.Comment}'")),
            .. tables.SelectMany(t => t.Columns.Select(c => Column(t.Name.Name, c))),
            .. tables.SelectMany(t => (t.PrimaryKey is { } primary ? [primary, .. t.Indexes] : t.Indexes).Select(i => Index(t.Name.Name, i))),
            .. tables.SelectMany(t => t.ForeignKeys.Select(f => new SchemaObject("foreign key", Qualified(t.Name.Name, f.Name), t.Name.Name,
                $"({string.Join(", ", f.Columns)}) REFERENCES {f.ReferencedTable.Database}.{f.ReferencedTable.Name} ({string.Join(", ", f.ReferencedColumns)}) "
                + $"ON UPDATE {f.OnUpdate} ON DELETE {f.OnDelete}"))),
        ];
    }

    private SchemaObject Column(string table, ColumnSchema c) => new("column", Qualified(table, c.Name), table, string.Join(" ",
        $"#{c.Ordinal.ToString(CultureInfo.InvariantCulture)}",
        DefinitionNormalizer.ColumnType(c.ColumnType),
        c.IsNullable ? "NULL" : "NOT NULL",
        c.Default is null ? "no default" : $"DEFAULT {c.Default}",
        DefinitionNormalizer.Extra(c.Extra),
        c.CharacterSet is null ? string.Empty : $"CHARSET {c.CharacterSet} COLLATE {c.Collation}",
        c.Comment is { Length: > 0 } comment ? $"COMMENT '{comment}'" : string.Empty,
        c.GenerationExpression is { Length: > 0 } generated ? $"AS ({generated})" : string.Empty).Trim());

    private SchemaObject Index(string table, IndexSchema index) => new("index", Qualified(table, index.Name), table,
        $"{(index.Kind is IndexKind.Primary or IndexKind.Unique ? "UNIQUE " : string.Empty)}{index.IndexType} ("
        + string.Join(", ", index.Columns.Select(p => (p.Name ?? "") + (p.PrefixLength is { } prefix ? $"({prefix})" : "") + (p.Descending ? " DESC" : "")))
        + ")");

    /// <summary>Default character set, collation and (MariaDB) comment of the database.</summary>
    private async Task<SchemaObject> DatabaseAsync(CancellationToken cancellationToken)
    {
        var rows = await RowsAsync("SELECT * FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = @db", cancellationToken);
        var row = rows.First(r => r.Text("SCHEMA_NAME") == database);
        return new SchemaObject("database", database, null, Attributes(row,
            ("character_set", "DEFAULT_CHARACTER_SET_NAME"), ("collation", "DEFAULT_COLLATION_NAME"), ("comment", "SCHEMA_COMMENT")));
    }

    /// <summary>
    /// Views, routines, triggers and events: per object its SHOW CREATE definition as the bytes the server stores
    /// (read with character_set_results = binary, compared byte for byte, the definer normalized), the session it was
    /// created in, and the information_schema attributes SHOW CREATE does not print. Each difference names the attribute.
    /// </summary>
    private async Task<List<SchemaObject>> StoredObjectsAsync(CancellationToken cancellationToken)
    {
        await ExecuteAsync("SET SESSION character_set_results = binary", cancellationToken);
        try
        {
            var objects = new List<SchemaObject>();
            foreach (var view in await RowsAsync("SELECT * FROM information_schema.VIEWS WHERE TABLE_SCHEMA = @db", cancellationToken))
            {
                objects.Add(await StoredObjectAsync("view", "VIEW", view.Text("TABLE_NAME"), null, "Create View", Attributes(view,
                    ("security_type", "SECURITY_TYPE"), ("check_option", "CHECK_OPTION"), ("is_updatable", "IS_UPDATABLE"), ("algorithm", "ALGORITHM")), cancellationToken));
            }

            foreach (var routine in await RowsAsync("SELECT * FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = @db", cancellationToken))
            {
                var kind = routine.Text("ROUTINE_TYPE");
                objects.Add(await StoredObjectAsync(kind.ToLowerInvariant(), kind, routine.Text("ROUTINE_NAME"), null,
                    kind == "PROCEDURE" ? "Create Procedure" : "Create Function", Attributes(routine,
                        ("security_type", "SECURITY_TYPE"), ("is_deterministic", "IS_DETERMINISTIC"), ("sql_data_access", "SQL_DATA_ACCESS"),
                        ("comment", "ROUTINE_COMMENT"), ("returns", "DTD_IDENTIFIER"), ("returns_character_set", "CHARACTER_SET_NAME"),
                        ("returns_collation", "COLLATION_NAME")), cancellationToken));
            }

            foreach (var trigger in await RowsAsync("SELECT * FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = @db", cancellationToken))
            {
                objects.Add(await StoredObjectAsync("trigger", "TRIGGER", trigger.Text("TRIGGER_NAME"), trigger.Text("EVENT_OBJECT_TABLE"),
                    "SQL Original Statement", Attributes(trigger, ("table", "EVENT_OBJECT_TABLE"), ("timing", "ACTION_TIMING"),
                        ("event", "EVENT_MANIPULATION"), ("action_order", "ACTION_ORDER")), cancellationToken));
            }

            foreach (var e in await RowsAsync("SELECT * FROM information_schema.EVENTS WHERE EVENT_SCHEMA = @db", cancellationToken))
            {
                objects.Add(await StoredObjectAsync("event", "EVENT", e.Text("EVENT_NAME"), null, "Create Event", Attributes(e,
                    ("time_zone", "TIME_ZONE"), ("status", "STATUS"), ("event_type", "EVENT_TYPE"), ("execute_at", "EXECUTE_AT"),
                    ("interval_value", "INTERVAL_VALUE"), ("interval_field", "INTERVAL_FIELD"), ("starts", "STARTS"), ("ends", "ENDS"),
                    ("on_completion", "ON_COMPLETION"), ("comment", "EVENT_COMMENT")), cancellationToken));
            }

            return objects;
        }
        finally
        {
            await ExecuteAsync("SET SESSION character_set_results = utf8mb4", cancellationToken);
        }
    }

    /// <summary>SHOW CREATE of one object: the definition (bytes, definer normalized), then its session attributes, then <paramref name="more"/>.</summary>
    private async Task<SchemaObject> StoredObjectAsync(
        string objectType, string kind, string name, string? table, string column, IEnumerable<SchemaAttribute> more, CancellationToken cancellationToken)
    {
        var show = (await RowsAsync($"SHOW CREATE {kind} {SqlText.Qualified(database, name)}", cancellationToken)).FirstOrDefault();
        var attributes = new List<SchemaAttribute>();
        if (show?.Bytes(column) is { } definition)
        {
            var charset = SqlCharset.Of(show.Text("character_set_client"));
            attributes.Add(Definition(new StatementBytes(definition, charset), !SqlModeFlags.NoBackslashEscapes(show.String("sql_mode"))));
        }
        else
        {
            attributes.Add(new SchemaAttribute("definition", "(definition not readable: the validating user lacks the privilege to see it)"));
        }

        if (show is not null)
        {
            attributes.AddRange(Attributes(show, ("character_set_client", "character_set_client"), ("collation_connection", "collation_connection"),
                ("database_collation", "Database Collation"), ("sql_mode", "sql_mode")));
        }

        attributes.AddRange(more);
        return new SchemaObject(objectType, Qualified(name), table, attributes);
    }

    /// <summary>The definition with its DEFINER clause normalized: shown as text, compared as bytes.</summary>
    private SchemaAttribute Definition(StatementBytes statement, bool backslashEscapes)
    {
        var bytes = statement.Bytes.ToArray();
        if (Schema.Ddl.DefinerRewriter.Locate(statement, backslashEscapes) is { } definer)
        {
            var normalized = NormalizeDefiner("DEFINER=" + definer.Definer);
            bytes = [.. bytes.AsSpan(0, definer.Offset), .. System.Text.Encoding.UTF8.GetBytes(normalized), .. bytes.AsSpan(definer.Offset + definer.Length)];
            var text = statement.Charset.Decode(statement.Bytes.Span[..definer.Offset]) + normalized
                + statement.Charset.Decode(statement.Bytes.Span[(definer.Offset + definer.Length)..]);
            return new SchemaAttribute("definition", text, Convert.ToHexString(bytes));
        }

        return new SchemaAttribute("definition", statement.Text, Convert.ToHexString(bytes));
    }

    /// <summary>Attributes read by column name; a column this server does not have (MariaDB's ALGORITHM on MySQL) is left out.</summary>
    private static List<SchemaAttribute> Attributes(DbRow row, params (string Name, string Column)[] columns) =>
        [.. columns.Where(c => row.Has(c.Column)).Select(c => new SchemaAttribute(c.Name, Format(row[c.Column])))];

    private static string Format(object? value) => value switch
    {
        null => "NULL",
        byte[] bytes => System.Text.Encoding.UTF8.GetString(bytes),
        DateTime time => time.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    private async Task<List<DbRow>> RowsAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand(sql, connection);
        command.Parameters.AddWithValue("@db", database);
        var rows = new List<DbRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(DbRow.From(reader));
        }

        return rows;
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private string NormalizeDefiner(string text) => onSource
        ? DefinitionNormalizer.Definer(text, options.MigrationDefiner, ignore: options.MigrationDefiner is null)
        : DefinitionNormalizer.Definer(text, null, ignore: options.MigrationDefiner is null);

    private string Qualified(string name) => $"{database}.{name}";

    private string Qualified(string table, string name) => $"{database}.{table}.{name}";

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
