using FlexMigrate.Core.Schema.Ddl;
using FlexMigrate.Core.Sql;
using MySqlConnector;

namespace FlexMigrate.Core.Schema;

/// <summary>
/// Reads tables of one database in a few set-based information_schema queries (not one per table: a database may
/// hold thousands), plus one SHOW CREATE TABLE per table.
/// </summary>
internal static class TableSchemaQueries
{
    /// <summary>Reads base tables of <paramref name="database"/> accepted by <paramref name="include"/>.</summary>
    /// <param name="session">An open source session.</param>
    /// <param name="database">Database name.</param>
    /// <param name="onlyTable">Restrict to one table (re-reading a single table), or null.</param>
    /// <param name="include">Filter on table names.</param>
    /// <param name="notes">Receives notes about tables not migrated (sequences, system-versioned tables).</param>
    /// <param name="ct">Cancellation.</param>
    public static Task<List<TableSchema>> ReadAsync(
        ServerSession session, string database, string? onlyTable, Func<string, bool> include, List<MigrationNote> notes,
        CancellationToken ct) =>
        // Binary results for SHOW CREATE TABLE's sake (see ShowCreateTableAsync); information_schema text arrives as UTF-8 bytes.
        session.WithBinaryResultsAsync(() => ReadTablesAsync(session, database, onlyTable, include, notes, ct), ct);

    /// <summary>
    /// The columns, keys and row estimate of base tables of <paramref name="database"/> (all, or only
    /// <paramref name="onlyTable"/>) in three set-based queries, without SHOW CREATE: what the copy spec, validation's
    /// table shape and replication's key need. The same queries and builders as the full read, so every path sees the
    /// same columns and keys.
    /// </summary>
    public static Task<List<TableShapeFacts>> ReadShapesAsync(
        MySqlConnection connection, MySqlTransaction? transaction, string database, string? onlyTable, CancellationToken ct) =>
        ShapesAsync((sql, p) => DbRow.QueryAsync(connection, transaction, sql, ct, p), database, onlyTable, withForeignKeys: false);

    /// <summary>
    /// Every base table's shape in <paramref name="database"/> with its foreign keys (one more set query): what schema
    /// validation compares on each server (<see cref="Validation.SchemaObjectReader"/>).
    /// </summary>
    public static async Task<List<TableShapeFacts>> ReadDefinitionsAsync(MySqlConnection connection, string database, CancellationToken ct) =>
        [.. (await ShapesAsync((sql, p) => DbRow.QueryAsync(connection, null, sql, ct, p), database, null, withForeignKeys: true))
            .Where(t => t.TableType == "BASE TABLE")];

    private static async Task<List<TableShapeFacts>> ShapesAsync(
        Func<string, (string, object?)[], Task<List<DbRow>>> query, string database, string? onlyTable, bool withForeignKeys)
    {
        var (tableRows, columns, statistics) = await QueryShapesAsync(query, database, onlyTable);
        var foreignKeys = withForeignKeys ? await QueryForeignKeysAsync(query, database, onlyTable) : [];
        return tableRows
            .Where(t => t.Text("TABLE_TYPE") is not "VIEW" && columns.ContainsKey(t.Text("TABLE_NAME")))
            .Select(t =>
            {
                var name = t.Text("TABLE_NAME");
                var indexes = BuildIndexes(statistics.GetValueOrDefault(name, []));
                return new TableShapeFacts(new ObjectName(database, name), t.Long("TABLE_ROWS") ?? 0,
                    columns[name].Select(BuildColumn).ToList(), indexes.FirstOrDefault(i => i.Kind == IndexKind.Primary),
                    indexes.Where(i => i.Kind != IndexKind.Primary).ToList(),
                    t.Text("TABLE_TYPE"), t.String("ENGINE"), (t.Long("DATA_LENGTH") ?? 0) + (t.Long("INDEX_LENGTH") ?? 0), t.String("TABLE_COLLATION"))
                {
                    Comment = t.Text("TABLE_COMMENT"),
                    ForeignKeys = BuildForeignKeys(foreignKeys.GetValueOrDefault(name, [])),
                };
            })
            .ToList();
    }

    /// <summary>
    /// Every collation's id (information_schema.COLLATIONS.ID), by name: what binlog TABLE_MAP metadata carries for a
    /// text column, to describe columns read here the same way (<see cref="Binlog.Schema.TableSchemaCatalog"/>).
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, int>> ReadCollationIdsAsync(MySqlConnection connection, CancellationToken ct)
    {
        var rows = await DbRow.QueryAsync(connection, null, "SELECT COLLATION_NAME, ID FROM information_schema.COLLATIONS", ct);
        return rows.ToDictionary(r => r.Text("COLLATION_NAME"), r => (int)(r.Long("ID") ?? 0), StringComparer.OrdinalIgnoreCase);
    }

    private static async Task<(List<DbRow> Tables, Dictionary<string, List<DbRow>> Columns, Dictionary<string, List<DbRow>> Statistics)> QueryShapesAsync(
        Func<string, (string, object?)[], Task<List<DbRow>>> query, string database, string? onlyTable)
    {
        var filter = onlyTable is null ? "" : " AND TABLE_NAME = @t";
        var p = new[] { ("@db", (object?)database), ("@t", (object?)onlyTable) };
        var tableRows = await query(
            "SELECT * FROM information_schema.TABLES WHERE TABLE_SCHEMA = @db" + filter + " ORDER BY TABLE_NAME", p);
        var columns = Group(await query(
            "SELECT * FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = @db" + filter + " ORDER BY TABLE_NAME, ORDINAL_POSITION", p));
        var statistics = Group(await query(
            "SELECT * FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = @db" + filter, p));
        return (tableRows, columns, statistics);
    }

    private static async Task<Dictionary<string, List<DbRow>>> QueryForeignKeysAsync(
        Func<string, (string, object?)[], Task<List<DbRow>>> query, string database, string? onlyTable) =>
        Group(await query(
            "SELECT k.*, r.UPDATE_RULE, r.DELETE_RULE FROM information_schema.KEY_COLUMN_USAGE k "
            + "JOIN information_schema.REFERENTIAL_CONSTRAINTS r ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA "
            + "AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME AND r.TABLE_NAME = k.TABLE_NAME "
            + "WHERE k.TABLE_SCHEMA = @db AND k.REFERENCED_TABLE_NAME IS NOT NULL" + (onlyTable is null ? "" : " AND k.TABLE_NAME = @t")
            + " ORDER BY k.TABLE_NAME, k.CONSTRAINT_NAME, k.ORDINAL_POSITION",
            [("@db", database), ("@t", onlyTable)]));

    private static List<ForeignKeySchema> BuildForeignKeys(List<DbRow> rows) =>
        rows.GroupBy(f => f.Text("CONSTRAINT_NAME"), StringComparer.Ordinal).Select(BuildForeignKey).ToList();

    private static async Task<List<TableSchema>> ReadTablesAsync(
        ServerSession session, string database, string? onlyTable, Func<string, bool> include, List<MigrationNote> notes,
        CancellationToken ct)
    {
        Task<List<DbRow>> Query(string sql, (string, object?)[] args) => session.QueryAsync(sql, ct, args);
        var (tableRows, columns, statistics) = await QueryShapesAsync(Query, database, onlyTable);
        var foreignKeys = await QueryForeignKeysAsync(Query, database, onlyTable);

        var tables = new List<TableSchema>();
        foreach (var row in tableRows)
        {
            var name = row.Text("TABLE_NAME");
            var type = row.Text("TABLE_TYPE");
            if (type == "VIEW" || !include(name))
            {
                continue;
            }

            if (type != "BASE TABLE")
            {
                notes.Add(new MigrationNote(NoteSeverity.Warning, new ObjectName(database, name).ToString(),
                    $"Not migrated: {type} objects are not supported; create it on the target by hand."));
                continue;
            }

            var create = await ShowCreateTableAsync(session, new ObjectName(database, name), ct);
            tables.Add(Build(database, row, create, columns.GetValueOrDefault(name, []),
                statistics.GetValueOrDefault(name, []), foreignKeys.GetValueOrDefault(name, [])));
        }

        return tables;
    }

    /// <summary>
    /// SHOW CREATE TABLE read as the bytes the server prints (UTF-8 text with, on MariaDB, the raw bytes of binary
    /// defaults inside their quotes); those literals become hex (<see cref="StatementBytes.Utf8WithHexLiterals"/>), which
    /// a UTF-8 reader would otherwise turn into U+FFFD and the target would store as different bytes.
    /// </summary>
    private static async Task<string> ShowCreateTableAsync(ServerSession session, ObjectName table, CancellationToken ct)
    {
        var rows = await session.QueryAsync($"SHOW CREATE TABLE {table}", ct);
        return new StatementBytes(rows[0].Bytes("Create Table") ?? [], SqlCharset.Utf8Mb4).Utf8WithHexLiterals();
    }

    private static Dictionary<string, List<DbRow>> Group(List<DbRow> rows) =>
        rows.GroupBy(r => r.Text("TABLE_NAME"), StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);

    private static TableSchema Build(
        string database, DbRow table, string create, List<DbRow> columns, List<DbRow> statistics, List<DbRow> foreignKeys)
    {
        var collation = table.Text("TABLE_COLLATION");
        var indexes = BuildIndexes(statistics);
        var createOptions = table.Text("CREATE_OPTIONS");
        return new TableSchema(
            new ObjectName(database, table.Text("TABLE_NAME")),
            table.Text("ENGINE"),
            table.String("ROW_FORMAT"),
            CharsetOf(collation),
            collation,
            table.Text("TABLE_COMMENT"),
            createOptions.Contains("partitioned", StringComparison.OrdinalIgnoreCase),
            CreateTableDefinition.Parse(create).NumericOption("AUTO_INCREMENT"),
            table.Long("TABLE_ROWS") ?? 0,
            table.Long("DATA_LENGTH") ?? 0,
            table.Long("INDEX_LENGTH") ?? 0,
            create,
            columns.Select(BuildColumn).ToList(),
            indexes.FirstOrDefault(i => i.Kind == IndexKind.Primary),
            indexes.Where(i => i.Kind != IndexKind.Primary).ToList(),
            BuildForeignKeys(foreignKeys));
    }

    /// <summary>Collation names start with their character set name ("utf8mb4_bin"); no charset name holds "_".</summary>
    internal static string CharsetOf(string collation)
    {
        var underscore = collation.IndexOf('_', StringComparison.Ordinal);
        return underscore < 0 ? collation : collation[..underscore];
    }

    /// <summary>
    /// Whether a column is generated. IS_GENERATED (MySQL 5.7+, MariaDB 10.2+) is ALWAYS for generated columns; EXTRA
    /// reads 'VIRTUAL GENERATED' / 'STORED GENERATED' (MySQL 5.7+, MariaDB 10.2+) or 'VIRTUAL' / 'PERSISTENT' (older
    /// MariaDB), and MySQL 8.0 also writes 'DEFAULT_GENERATED' for an ordinary column with an expression default
    /// (CURRENT_TIMESTAMP included), which must still be copied and written.
    /// </summary>
    internal static GeneratedKind GeneratedKindOf(string? isGenerated, string extra)
    {
        var flags = extra.ToUpperInvariant().Replace("DEFAULT_GENERATED", "", StringComparison.Ordinal);
        var generated = isGenerated == "ALWAYS" || flags.Contains("GENERATED", StringComparison.Ordinal)
            || flags.Contains("VIRTUAL", StringComparison.Ordinal) || flags.Contains("PERSISTENT", StringComparison.Ordinal);
        return !generated ? GeneratedKind.None
            : flags.Contains("VIRTUAL", StringComparison.Ordinal) ? GeneratedKind.Virtual
            : GeneratedKind.Stored;
    }

    private static ColumnSchema BuildColumn(DbRow c)
    {
        var extra = c.Text("EXTRA");
        var generated = GeneratedKindOf(c.String("IS_GENERATED"), extra);
        var onUpdateAt = extra.IndexOf("on update ", StringComparison.OrdinalIgnoreCase);
        return new ColumnSchema(
            c.Text("COLUMN_NAME"),
            (int)(c.Long("ORDINAL_POSITION") ?? 0),
            c.Text("DATA_TYPE"),
            c.Text("COLUMN_TYPE"),
            c.String("CHARACTER_SET_NAME"),
            c.String("COLLATION_NAME"),
            c.Text("IS_NULLABLE") == "YES",
            c.String("COLUMN_DEFAULT"),
            onUpdateAt < 0 ? null : extra[(onUpdateAt + "on update ".Length)..].Trim(),
            generated,
            generated == GeneratedKind.None ? null : c.String("GENERATION_EXPRESSION"),
            extra.Contains("INVISIBLE", StringComparison.OrdinalIgnoreCase),
            extra.Contains("auto_increment", StringComparison.OrdinalIgnoreCase),
            c.Text("COLUMN_COMMENT"),
            SmallInt(c.Long("NUMERIC_PRECISION")),
            SmallInt(c.Long("NUMERIC_SCALE")),
            SmallInt(c.Long("DATETIME_PRECISION")),
            extra.Length == 0 ? null : extra);
    }

    private static int? SmallInt(long? value) => value is null ? null : (int)Math.Min(int.MaxValue, value.Value);

    private static List<IndexSchema> BuildIndexes(List<DbRow> statistics) =>
        statistics.GroupBy(s => s.Text("INDEX_NAME"), StringComparer.Ordinal).Select(BuildIndex).ToList();

    private static IndexSchema BuildIndex(IGrouping<string, DbRow> rows)
    {
        var first = rows.First();
        var type = first.Text("INDEX_TYPE");
        var kind = rows.Key == "PRIMARY" ? IndexKind.Primary
            : type == "FULLTEXT" ? IndexKind.Fulltext
            : type is "SPATIAL" or "RTREE" ? IndexKind.Spatial
            : first.Long("NON_UNIQUE") == 0 ? IndexKind.Unique
            : IndexKind.NonUnique;
        var columns = rows.OrderBy(r => r.Long("SEQ_IN_INDEX"))
            .Select(r => new IndexColumn(r.String("COLUMN_NAME"), (int?)r.Long("SUB_PART"), r.Text("COLLATION") == "D"))
            .ToList();
        return new IndexSchema(rows.Key, kind, columns, type, first.Text("INDEX_COMMENT"));
    }

    private static ForeignKeySchema BuildForeignKey(IGrouping<string, DbRow> rows)
    {
        var first = rows.First();
        return new ForeignKeySchema(
            rows.Key,
            rows.Select(r => r.Text("COLUMN_NAME")).ToList(),
            new ObjectName(first.Text("REFERENCED_TABLE_SCHEMA"), first.Text("REFERENCED_TABLE_NAME")),
            rows.Select(r => r.Text("REFERENCED_COLUMN_NAME")).ToList(),
            first.Text("UPDATE_RULE"),
            first.Text("DELETE_RULE"));
    }
}
