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
public sealed record TableDdl(
    ObjectName Table,
    string CreateForLoad,
    IReadOnlyList<AddClause> Indexes,
    IReadOnlyList<AddClause> ForeignKeys,
    IReadOnlyList<MigrationNote> Notes)
{
    /// <summary>One ALTER TABLE adding <paramref name="clauses"/> at once (one table rebuild at most, not one per index).</summary>
    public string AlterTableAdd(IEnumerable<AddClause> clauses) =>
        $"ALTER TABLE {Table} " + string.Join(", ", clauses.Select(c => "ADD " + c.Clause));
}
