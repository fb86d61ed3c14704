using FlexMigrate.Core.Sql;

namespace FlexMigrate.Core.Replication;

/// <summary>
/// What replay needs to know about one table: its replication key (PRIMARY KEY, else the first UNIQUE key whose
/// columns are all NOT NULL) and its generated columns (never written: the target computes them).
/// </summary>
internal sealed record ReplicatedTable(string Database, string Table, IReadOnlyList<string> KeyColumns, IReadOnlySet<string> GeneratedColumns)
{
    public string QualifiedName { get; } = SqlText.Qualified(Database, Table);

    public bool HasKey => KeyColumns.Count > 0;
}
