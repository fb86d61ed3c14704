using FlexMigrate.Core.Schema.Ddl;
using FlexMigrate.Core.Sql;
using FlexMigrate.Core.Testing;

namespace FlexMigrate.Core.Schema;

/// <summary>
/// Applies databases, tables, secondary indexes and foreign keys on the target, one phase per method. Every phase is
/// idempotent (CREATE ... IF NOT EXISTS, indexes and foreign keys already present are skipped), so a durable
/// activity may be retried after a partial success. Returns report notes; throws <see cref="SchemaMigrationException"/>
/// naming the object the target rejected.
/// </summary>
/// <param name="connectionString">Target connection string (MySqlConnector format).</param>
/// <param name="options">Engine and definer policy.</param>
public sealed class TargetSchemaWriter(string connectionString, SchemaOptions options)
{
    /// <summary>
    /// Finds objects the migration would create that already exist on the target (tables, views, routines, triggers,
    /// events of the selected databases). Refuses with <see cref="TargetConflictException"/> naming them, or with
    /// <paramref name="dropExisting"/> drops them and lists each drop. Also warns about name case folding.
    /// </summary>
    /// <param name="schema">The source schema to migrate.</param>
    /// <param name="dropExisting">Drop what is in the way instead of refusing.</param>
    /// <param name="ownExisting">What is on the target was created by this migration (a resumed run, after its first
    /// check passed): neither refused nor dropped.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<IReadOnlyList<MigrationNote>> CheckTargetAsync(SourceSchema schema, bool dropExisting, bool ownExisting = false,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(schema);
        await using var target = await ServerSession.OpenAsync(connectionString, "target", ct);
        var notes = new List<MigrationNote>();
        var conflicts = ownExisting ? [] : await TargetConflicts.FindAsync(target, schema, ct);
        if (conflicts.Count > 0 && !dropExisting)
        {
            const int Shown = 20;
            var list = string.Join(", ", conflicts.Take(Shown).Select(c => c.Describe))
                + (conflicts.Count > Shown ? $" and {conflicts.Count - Shown} more" : "");
            throw new TargetConflictException(
                $"The {target.Describe} already has objects this migration would create: {list}. Drop them, choose other "
                + "databases, or rerun with --drop-existing to drop them.",
                conflicts.Select(c => c.Describe).ToList());
        }

        foreach (var conflict in conflicts)
        {
            await TargetDdlExecutor.RunAsync(target, "DROP", conflict.Name.ToString(), conflict.DropStatement, ct);
            notes.Add(new MigrationNote(NoteSeverity.Warning, conflict.Name.ToString(),
                $"Existing {conflict.Kind} dropped on the target (--drop-existing)."));
        }

        notes.AddRange(await CaseFoldingNotesAsync(target, schema, ct));
        return notes;
    }

    /// <summary>Creates the databases and every table for load (see <see cref="CreateTableAsync(TableSchema, CancellationToken)"/>).</summary>
    public Task<IReadOnlyList<MigrationNote>> CreateDatabasesAndTablesAsync(SourceSchema schema, CancellationToken ct = default) =>
        CreateDatabasesAndTablesAsync(schema, new TableCreation(), ct);

    /// <summary>
    /// Creates the databases, then every table for load on up to <see cref="TableCreation.Parallelism"/> sessions at
    /// once (10,000 tables one after another took minutes of DDL round trips, issue 20); with
    /// <see cref="TableCreation.IndexesAtCreate"/>, small tables get their secondary indexes in their CREATE (see
    /// <see cref="TableDdl.IndexedAtCreateMaxRows"/>). Notes come back in the schema's table order.
    /// </summary>
    public async Task<IReadOnlyList<MigrationNote>> CreateDatabasesAndTablesAsync(SourceSchema schema, TableCreation creation, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(creation);
        var notes = new List<MigrationNote>();
        await using (var target = await ServerSession.OpenAsync(connectionString, "target", ct))
        {
            foreach (var db in schema.Databases)
            {
                notes.AddRange(await CreateDatabaseAsync(target, db, ct));
            }
        }

        var tableNotes = new IReadOnlyList<MigrationNote>[schema.Tables.Count];
        var next = -1;
        var workers = Enumerable.Range(0, Math.Clamp(creation.Parallelism, 1, Math.Max(1, schema.Tables.Count))).Select(async _ =>
        {
            await using var target = await ServerSession.OpenAsync(connectionString, "target", ct);
            for (var i = Interlocked.Increment(ref next); i < schema.Tables.Count; i = Interlocked.Increment(ref next))
            {
                var table = schema.Tables[i];
                var indexed = creation.IndexesAtCreate && table.EstimatedRows <= TableDdl.IndexedAtCreateMaxRows;
                tableNotes[i] = await CreateTableAsync(target, table, ddl => !indexed ? ddl.CreateForLoad
                    : creation.UniqueIndexesAtCreate ? ddl.CreateWithIndexes : ddl.CreateWithNonUniqueIndexes, ct);
            }
        });
        await Task.WhenAll(workers);
        notes.AddRange(tableNotes.SelectMany(n => n));
        return notes;
    }

    /// <summary>
    /// CREATE TABLE IF NOT EXISTS for load: columns, primary key, checks, partitioning and table options, no secondary
    /// index or foreign key (see <see cref="TableDdlPlanner"/>). The database must exist.
    /// </summary>
    public async Task<IReadOnlyList<MigrationNote>> CreateTableAsync(TableSchema table, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        await using var target = await ServerSession.OpenAsync(connectionString, "target", ct);
        return await CreateTableAsync(target, table, ddl => ddl.CreateForLoad, ct);
    }

    /// <summary>One ALTER TABLE adding every secondary index the target table lacks (none: no statement).</summary>
    public Task<IReadOnlyList<MigrationNote>> AddSecondaryIndexesAsync(TableSchema table, CancellationToken ct = default) =>
        AddSecondaryIndexesAsync(table, includeUnique: true, ct);

    /// <summary>
    /// One ALTER TABLE adding the secondary indexes the target table lacks; without <paramref name="includeUnique"/>
    /// UNIQUE ones wait (online migrations add them once replay has caught up with the copy).
    /// </summary>
    public async Task<IReadOnlyList<MigrationNote>> AddSecondaryIndexesAsync(TableSchema table, bool includeUnique, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        await using var target = await ServerSession.OpenAsync(connectionString, "target", ct);
        var existing = await ExistingNamesAsync(target,
            "SELECT DISTINCT INDEX_NAME AS NAME FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = @db AND TABLE_NAME = @t", table.Name, ct);
        await AddMissingIndexesAsync(target, table, existing, includeUnique, ct);
        return [];
    }

    /// <summary>One ALTER TABLE adding the indexes of <paramref name="table"/> not in <paramref name="existing"/>.</summary>
    private async Task AddMissingIndexesAsync(ServerSession target, TableSchema table, HashSet<string> existing, bool includeUnique, CancellationToken ct)
    {
        var ddl = TableDdlPlanner.Plan(table, options);
        var missing = ddl.Indexes.Where(i => !existing.Contains(i.Name) && (includeUnique || !i.IsUnique)).ToList();
        if (missing.Count > 0)
        {
            await target.UseDatabaseAsync(table.Name.Database, ct);
            await TargetDdlExecutor.RunAsync(target, "ADD INDEX", table.Name.ToString(), ddl.AlterTableAdd(missing), ct);
            // Crash tests stop here: the indexes built, the activity not yet acknowledged.
            await PausePoint.ReachAsync("add-indexes", ct);
        }
    }

    /// <summary>
    /// <see cref="AddSecondaryIndexesAsync(TableSchema, bool, CancellationToken)"/> for many tables on one session, the
    /// target's index names of the tables read by <see cref="TableSetQuery"/> (each table named by '=', so the server
    /// opens only those tables): a batch of small tables whose indexes came with their CREATE paid a session
    /// and an information_schema read a table to learn that nothing was missing (issue 20).
    /// </summary>
    public async Task<IReadOnlyList<MigrationNote>> AddSecondaryIndexesAsync(IReadOnlyList<TableSchema> tables, bool includeUnique, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(tables);
        if (tables.Count == 0)
        {
            return [];
        }

        await using var target = await ServerSession.OpenAsync(connectionString, "target", ct);
        var rows = await TableSetQuery.QueryAsync((sql, p) => target.QueryAsync(sql, ct, p), [.. tables.Select(t => t.Name)],
            "SELECT DISTINCT TABLE_SCHEMA, TABLE_NAME, INDEX_NAME AS NAME FROM information_schema.STATISTICS");
        // Names compared as the one-table read's '=' does: a target with lower_case_table_names=1 (Flexible Server's
        // default) reports `Orders` as `orders`.
        var existing = rows.ToLookup(r => r.Text("TABLE_SCHEMA") + "\0" + r.Text("TABLE_NAME"), r => r.Text("NAME"), StringComparer.OrdinalIgnoreCase);
        foreach (var table in tables)
        {
            var names = existing[table.Name.Database + "\0" + table.Name.Name].ToHashSet(StringComparer.OrdinalIgnoreCase);
            await AddMissingIndexesAsync(target, table, names, includeUnique, ct);
        }

        return [];
    }

    /// <summary>One ALTER TABLE adding every foreign key of <paramref name="table"/> the target lacks.</summary>
    public async Task<IReadOnlyList<MigrationNote>> AddForeignKeysAsync(TableSchema table, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        await using var target = await ServerSession.OpenAsync(connectionString, "target", ct);
        await AddForeignKeysAsync(target, table, ct);
        return [];
    }

    /// <summary>Adds the foreign keys of all <paramref name="tables"/> (after their secondary indexes).</summary>
    public async Task<IReadOnlyList<MigrationNote>> AddForeignKeysAsync(IEnumerable<TableSchema> tables, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(tables);
        await using var target = await ServerSession.OpenAsync(connectionString, "target", ct);
        foreach (var table in tables)
        {
            await AddForeignKeysAsync(target, table, ct);
        }

        return [];
    }

    private async Task AddForeignKeysAsync(ServerSession target, TableSchema table, CancellationToken ct)
    {
        var ddl = TableDdlPlanner.Plan(table, options);
        if (ddl.ForeignKeys.Count == 0)
        {
            return;
        }

        var existing = await ExistingNamesAsync(target,
            "SELECT CONSTRAINT_NAME AS NAME FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = @db AND TABLE_NAME = @t",
            table.Name, ct);
        var missing = ddl.ForeignKeys.Where(f => !existing.Contains(f.Name)).ToList();
        if (missing.Count > 0)
        {
            // Same-database REFERENCES are unqualified in SHOW CREATE TABLE: resolve them in the child's database.
            await target.UseDatabaseAsync(table.Name.Database, ct);
            await TargetDdlExecutor.RunAsync(target, "ADD FOREIGN KEY", table.Name.ToString(), ddl.AlterTableAdd(missing), ct);
        }
    }

    private static async Task<IReadOnlyList<MigrationNote>> CreateDatabaseAsync(ServerSession target, DatabaseSchema db, CancellationToken ct)
    {
        var name = SqlText.Identifier(db.Name);
        var rows = await target.QueryAsync(
            "SELECT DEFAULT_COLLATION_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = @db", ct, ("@db", db.Name));
        var options = $"DEFAULT CHARACTER SET {db.CharacterSet} COLLATE {db.Collation}"
            + (db.Comment.Length > 0 ? $" COMMENT {SqlText.Literal(db.Comment)}" : "");
        if (rows.Count == 0)
        {
            await TargetDdlExecutor.RunAsync(target, "CREATE DATABASE", name, $"CREATE DATABASE IF NOT EXISTS {name} {options}", ct);
            return [];
        }

        var current = rows[0].Text("DEFAULT_COLLATION_NAME");
        if (current == db.Collation)
        {
            return [];
        }

        // Routines and events record the database collation at creation: align it before they are created.
        await TargetDdlExecutor.RunAsync(target, "ALTER DATABASE", name, $"ALTER DATABASE {name} {options}", ct);
        return [new MigrationNote(NoteSeverity.Info, name,
            $"Database already existed on the target with collation {current}; changed to the source's {db.Collation}.")];
    }

    /// <summary>Creates <paramref name="table"/> with the <paramref name="create"/> statement of its DDL.</summary>
    private async Task<IReadOnlyList<MigrationNote>> CreateTableAsync(ServerSession target, TableSchema table, Func<TableDdl, string> create, CancellationToken ct)
    {
        var ddl = TableDdlPlanner.Plan(table, options);
        await target.UseDatabaseAsync(table.Name.Database, ct);
        await TargetDdlExecutor.RunAsync(target, "CREATE TABLE", table.Name.ToString(), create(ddl), ct);
        await PausePoint.ReachAsync("create-table", ct);
        return ddl.Notes;
    }

    private static async Task<HashSet<string>> ExistingNamesAsync(ServerSession target, string sql, ObjectName table, CancellationToken ct)
    {
        var rows = await target.QueryAsync(sql, ct, ("@db", table.Database), ("@t", table.Name));
        return rows.Select(r => r.Text("NAME")).ToHashSet(StringComparer.OrdinalIgnoreCase);
    }

    private static async Task<IReadOnlyList<MigrationNote>> CaseFoldingNotesAsync(ServerSession target, SourceSchema schema, CancellationToken ct)
    {
        var lower = await target.ScalarTextAsync("SELECT @@lower_case_table_names", ct);
        if (lower == "0")
        {
            return [];
        }

        return schema.Databases.Select(d => new ObjectName(d.Name, ""))
            .Concat(schema.Tables.Select(t => t.Name)).Concat(schema.Views.Select(v => v.Name))
            .Where(n => n.Database.Any(char.IsUpper) || n.Name.Any(char.IsUpper))
            .Select(n => new MigrationNote(NoteSeverity.Warning, n.Name.Length == 0 ? SqlText.Identifier(n.Database) : n.ToString(),
                $"The target has lower_case_table_names={lower}: this name will be stored in lower case there."))
            .ToList();
    }
}
