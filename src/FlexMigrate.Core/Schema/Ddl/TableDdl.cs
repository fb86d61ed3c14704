namespace FlexMigrate.Core.Schema.Ddl;

/// <summary>A named clause for ALTER TABLE ... ADD (an index or a foreign key).</summary>
/// <param name="Name">Index or constraint name, used to skip it when it already exists on the target.</param>
/// <param name="Clause">The definition as in SHOW CREATE TABLE, e.g. "UNIQUE KEY `u` (`a`)".</param>
public sealed record AddClause(string Name, string Clause)
{
    /// <summary>A UNIQUE index: online migrations add these only after replay has caught up (rows copied at
    /// different moments may collide on them before that point).</summary>
    public bool IsUnique { get; init; }
}

/// <summary>The DDL for one table, split into the phases of a load.</summary>
/// <param name="Table">The table.</param>
/// <param name="CreateForLoad">CREATE TABLE IF NOT EXISTS with columns, primary key, checks and table options but no
/// secondary index or foreign key (except an index InnoDB needs for the AUTO_INCREMENT column), unqualified: run it
/// with the table's database as the current database.</param>
/// <param name="Indexes">Secondary indexes to add after the load, in the source's order.</param>
/// <param name="ForeignKeys">Foreign keys to add after the indexes.</param>
/// <param name="Notes">What differs from the source on purpose (engine conversion).</param>
/// <param name="CreateWithIndexes">The same CREATE with every secondary index in it (foreign keys still wait): for a
/// small table, where maintaining the indexes during its load costs less than the ALTER that would add them after
/// (see <see cref="IndexedAtCreateMaxRows"/>).</param>
/// <param name="CreateWithNonUniqueIndexes">The same for an online load: every secondary index but the UNIQUE ones the
/// catch-up adds (<see cref="AddClause.IsUnique"/>), so a small table needs no ALTER before then.</param>
public sealed record TableDdl(
    ObjectName Table,
    string CreateForLoad,
    IReadOnlyList<AddClause> Indexes,
    IReadOnlyList<AddClause> ForeignKeys,
    IReadOnlyList<MigrationNote> Notes,
    string CreateWithIndexes,
    string CreateWithNonUniqueIndexes)
{
    /// <summary>
    /// Tables estimated at this many rows or fewer are created with their secondary indexes (offline loads, where
    /// UNIQUE keys need not wait for replay). Building indexes after the load wins for big tables (one sorted build
    /// instead of random inserts into every index), but for small ones the ALTER's own cost (a DDL transaction, ~25 ms
    /// on a local MariaDB) is most of the table's time: 10,000 tables of a few rows spent more in ALTERs than in their
    /// copy (issue 20, bench/scale/run.sh).
    /// </summary>
    public const long IndexedAtCreateMaxRows = 10_000;

    /// <summary>One ALTER TABLE adding <paramref name="clauses"/> at once (one table rebuild at most, not one per index).</summary>
    public string AlterTableAdd(IEnumerable<AddClause> clauses) =>
        $"ALTER TABLE {Table} " + string.Join(", ", clauses.Select(c => "ADD " + c.Clause));
}
