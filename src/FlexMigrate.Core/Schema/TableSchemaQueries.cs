using FlexMigrate.Core.Schema.Ddl;
using FlexMigrate.Core.Sql;
using MySqlConnector;

namespace FlexMigrate.Core.Schema;

/// <summary>
/// Reads tables of one or many databases in a few set-based information_schema queries (not one per table: a database
/// may hold thousands; not one per database: a server may hold thousands, issue 20), plus SHOW CREATE TABLE of each
/// table, up to 100 a round trip (<see cref="ShowCreateBatch"/>). Each query names at most
/// <see cref="SqlInList.DefaultBatchSize"/> databases as UNION ALL branches filtered with '='
/// (<see cref="SqlInList.UnionOfEquals"/>), so the server opens only the selected databases' tables.
/// </summary>
internal static class TableSchemaQueries
{
    /// <summary>Reads base tables of <paramref name="databases"/> accepted by <paramref name="include"/>, database by database in the given order.</summary>
    /// <param name="session">An open source session.</param>
    /// <param name="databases">Database names (exact).</param>
    /// <param name="onlyTable">Restrict to one table name (re-reading a single table), or null.</param>
    /// <param name="include">Filter on (database, table) names.</param>
    /// <param name="notes">Receives notes about tables not migrated (sequences, system-versioned tables).</param>
    /// <param name="ct">Cancellation.</param>
    public static Task<List<TableSchema>> ReadAsync(
        ServerSession session, IReadOnlyList<string> databases, string? onlyTable, Func<string, string, bool> include,
        List<MigrationNote> notes, CancellationToken ct) =>
        // Binary results for SHOW CREATE TABLE's sake (see CreateTableText); information_schema text arrives as UTF-8 bytes.
        session.WithBinaryResultsAsync(() => ReadTablesAsync(session, databases, onlyTable, include, notes, ct), ct);

    /// <summary>
    /// The columns, keys and row estimate of base tables of <paramref name="database"/> (all, or only
    /// <paramref name="onlyTable"/>) in three set-based queries, without SHOW CREATE: what the copy spec, validation's
    /// table shape and replication's key need. The same queries and builders as the full read, so every path sees the
    /// same columns and keys.
    /// </summary>
    public static Task<List<TableShapeFacts>> ReadShapesAsync(
        MySqlConnection connection, MySqlTransaction? transaction, string database, string? onlyTable, CancellationToken ct) =>
        ShapesAsync((sql, p) => DbRow.QueryAsync(connection, transaction, sql, ct, p), [database], onlyTable, withForeignKeys: false);

    /// <summary>Every table's shape (views included, as <see cref="TableShapeFacts.TableType"/> says) in <paramref name="databases"/>: what the precheck inspects.</summary>
    public static Task<List<TableShapeFacts>> ReadDatabaseShapesAsync(MySqlConnection connection, IReadOnlyList<string> databases, CancellationToken ct) =>
        ShapesAsync((sql, p) => DbRow.QueryAsync(connection, null, sql, ct, p), databases, null, withForeignKeys: false);

    /// <summary>
    /// Every base table's shape in <paramref name="databases"/> with its foreign keys (one more set query), five set
    /// queries per batch of databases: what schema validation compares on each server
    /// (<see cref="Validation.SchemaObjectReader"/>), and replay's foreign keys and table keys at each batch's start
    /// (<see cref="Replication.ChangeApplier"/>: one round trip per database and kind made a 100-database cutover's
    /// drain spend 0.27 s on it).
    /// </summary>
    public static async Task<List<TableShapeFacts>> ReadDefinitionsAsync(MySqlConnection connection, IReadOnlyList<string> databases, CancellationToken ct) =>
        [.. (await ShapesAsync((sql, p) => DbRow.QueryAsync(connection, null, sql, ct, p), databases, null, withForeignKeys: true))
            .Where(t => t.TableType == "BASE TABLE")];

    private static async Task<List<TableShapeFacts>> ShapesAsync(DatabaseSetQuery.Runner query, IReadOnlyList<string> databases, string? onlyTable, bool withForeignKeys)
    {
        var (tableRows, columns, statistics) = await QueryShapesAsync(query, databases, onlyTable);
        var foreignKeys = withForeignKeys ? await QueryForeignKeysAsync(query, databases, onlyTable) : [];
        return tableRows
            .Where(t => t.Text("TABLE_TYPE") is not "VIEW" && columns.ContainsKey(KeyOf(t)))
            .Select(t =>
            {
                var key = KeyOf(t);
                var indexes = BuildIndexes(statistics.GetValueOrDefault(key, []));
                return new TableShapeFacts(new ObjectName(key.Database, key.Table), t.Long("TABLE_ROWS") ?? 0,
                    columns[key].Select(BuildColumn).ToList(), indexes.FirstOrDefault(i => i.Kind == IndexKind.Primary),
                    indexes.Where(i => i.Kind != IndexKind.Primary).ToList(),
                    t.Text("TABLE_TYPE"), t.String("ENGINE"), (t.Long("DATA_LENGTH") ?? 0) + (t.Long("INDEX_LENGTH") ?? 0), t.String("TABLE_COLLATION"))
                {
                    Comment = t.Text("TABLE_COMMENT"),
                    ForeignKeys = BuildForeignKeys(foreignKeys.GetValueOrDefault(key, [])),
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

    private static async Task<(List<DbRow> Tables, Dictionary<(string Database, string Table), List<DbRow>> Columns,
        Dictionary<(string Database, string Table), List<DbRow>> Statistics)> QueryShapesAsync(DatabaseSetQuery.Runner query, IReadOnlyList<string> databases, string? onlyTable)
    {
        var tableRows = await QueryEachAsync(query, databases, onlyTable,
            "SELECT * FROM information_schema.TABLES", "TABLE_SCHEMA", "TABLE_SCHEMA, TABLE_NAME");
        var columns = Group(await QueryEachAsync(query, databases, onlyTable,
            "SELECT * FROM information_schema.COLUMNS", "TABLE_SCHEMA", "TABLE_SCHEMA, TABLE_NAME, ORDINAL_POSITION"));
        var statistics = Group(await QueryEachAsync(query, databases, onlyTable,
            "SELECT * FROM information_schema.STATISTICS", "TABLE_SCHEMA", null));
        return (tableRows, columns, statistics);
    }

    /// <summary><paramref name="select"/> over <paramref name="databases"/> and, when given, only <paramref name="onlyTable"/>.</summary>
    private static Task<List<DbRow>> QueryEachAsync(
        DatabaseSetQuery.Runner query, IReadOnlyList<string> databases, string? onlyTable, string select, string schemaColumn, string? orderBy,
        string andFilter = "") =>
        DatabaseSetQuery.QueryAsync(query, databases, select, schemaColumn, orderBy,
            andFilter + (onlyTable is null ? "" : " AND TABLE_NAME = @t"), ("@t", onlyTable));

    /// <summary>
    /// The foreign keys' columns with their rules. Two queries joined here, not one SQL join: the server scans
    /// REFERENTIAL_CONSTRAINTS of every table of every database when it is joined (its constant filters are not pushed
    /// through the join; EXPLAIN says "Scanned all databases"), which made reading one table of a 10,000-table database
    /// take ~0.35 s (issue 20).
    /// </summary>
    private static async Task<Dictionary<(string Database, string Table), List<DbRow>>> QueryForeignKeysAsync(
        DatabaseSetQuery.Runner query, IReadOnlyList<string> databases, string? onlyTable)
    {
        var rules = (await QueryEachAsync(query, databases, onlyTable,
                "SELECT CONSTRAINT_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, UPDATE_RULE, DELETE_RULE FROM information_schema.REFERENTIAL_CONSTRAINTS",
                "CONSTRAINT_SCHEMA", null))
            .ToDictionary(r => (r.Text("CONSTRAINT_SCHEMA"), r.Text("TABLE_NAME"), r.Text("CONSTRAINT_NAME")));
        return Group([.. (await QueryEachAsync(query, databases, onlyTable,
                "SELECT * FROM information_schema.KEY_COLUMN_USAGE", "TABLE_SCHEMA", "TABLE_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, ORDINAL_POSITION",
                " AND REFERENCED_TABLE_NAME IS NOT NULL"))
            .Select(k => (Key: (k.Text("TABLE_SCHEMA"), k.Text("TABLE_NAME"), k.Text("CONSTRAINT_NAME")), Row: k))
            .Where(k => rules.ContainsKey(k.Key))
            .Select(k => k.Row.With(rules[k.Key]))]);
    }

    private static List<ForeignKeySchema> BuildForeignKeys(List<DbRow> rows) =>
        rows.GroupBy(f => f.Text("CONSTRAINT_NAME"), StringComparer.Ordinal).Select(BuildForeignKey).ToList();

    private static async Task<List<TableSchema>> ReadTablesAsync(
        ServerSession session, IReadOnlyList<string> databases, string? onlyTable, Func<string, string, bool> include,
        List<MigrationNote> notes, CancellationToken ct)
    {
        Task<List<DbRow>> Query(string sql, (string, object?)[] args) => session.QueryAsync(sql, ct, args);
        var (tableRows, columns, statistics) = await QueryShapesAsync(Query, databases, onlyTable);
        var foreignKeys = await QueryForeignKeysAsync(Query, databases, onlyTable);

        var listed = new List<(DbRow Row, ObjectName Name)>();
        foreach (var row in tableRows)
        {
            var key = KeyOf(row);
            var name = new ObjectName(key.Database, key.Table);
            var type = row.Text("TABLE_TYPE");
            if (type == "VIEW" || !include(key.Database, key.Table))
            {
                continue;
            }

            if (type != "BASE TABLE")
            {
                notes.Add(new MigrationNote(NoteSeverity.Warning, name.ToString(),
                    $"Not migrated: {type} objects are not supported; create it on the target by hand."));
                continue;
            }

            listed.Add((row, name));
        }

        var shows = await ShowCreateBatch.ReadAsync(session, [.. listed.Select(t => ("TABLE", t.Name))], ct);
        var tables = new List<TableSchema>(listed.Count);
        foreach (var ((row, name), show) in listed.Zip(shows))
        {
            var key = KeyOf(row);
            tables.Add(Build(name, row, CreateTableText(show), columns.GetValueOrDefault(key, []),
                statistics.GetValueOrDefault(key, []), foreignKeys.GetValueOrDefault(key, [])));
        }

        return tables;
    }

    /// <summary>
    /// SHOW CREATE TABLE read as the bytes the server prints (UTF-8 text with, on MariaDB, the raw bytes of binary
    /// defaults inside their quotes); those literals become hex (<see cref="StatementBytes.Utf8WithHexLiterals"/>), which
    /// a UTF-8 reader would otherwise turn into U+FFFD and the target would store as different bytes.
    /// </summary>
    private static string CreateTableText(DbRow show) =>
        new StatementBytes(show.Bytes("Create Table") ?? [], SqlCharset.Utf8Mb4).Utf8WithHexLiterals();

    private static (string Database, string Table) KeyOf(DbRow row) => (row.Text("TABLE_SCHEMA"), row.Text("TABLE_NAME"));

    private static Dictionary<(string Database, string Table), List<DbRow>> Group(List<DbRow> rows) =>
        rows.GroupBy(KeyOf).ToDictionary(g => g.Key, g => g.ToList());

    private static TableSchema Build(
        ObjectName name, DbRow table, string create, List<DbRow> columns, List<DbRow> statistics, List<DbRow> foreignKeys)
    {
        var collation = table.Text("TABLE_COLLATION");
        var indexes = BuildIndexes(statistics);
        var createOptions = table.Text("CREATE_OPTIONS");
        return new TableSchema(
            name,
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
