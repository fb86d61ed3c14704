using FlexMigrate.Core.Sql;

namespace FlexMigrate.Core.Replication;

/// <summary>
/// What replay needs to know about one table: its replication key (PRIMARY KEY, else the first UNIQUE key whose
/// columns are all NOT NULL), its generated columns (never written: the target computes them) and every unique key
/// (the parallel applier's conflict rule, <see cref="ConflictKeys"/>). <see cref="Known"/> is false for a table
/// neither server has any more (dropped later in the stream).
/// </summary>
internal sealed record ReplicatedTable(string Database, string Table, IReadOnlyList<string> KeyColumns, IReadOnlySet<string> GeneratedColumns)
{
    public string QualifiedName { get; } = SqlText.Qualified(Database, Table);

    public bool HasKey => KeyColumns.Count > 0;

    /// <summary>The PRIMARY KEY and every UNIQUE key, each as its parts (name and prefix length) in key order.</summary>
    public IReadOnlyList<IReadOnlyList<Schema.IndexColumn>> UniqueKeys { get; init; } = [];

    /// <summary>False when the table was found on neither server.</summary>
    public bool Known { get; init; } = true;
}
