using FlexMigrate.Core.Sql;

namespace FlexMigrate.Core.Replication;

/// <summary>A table by database and name, compared exactly as the server reports them (ordinal).</summary>
public readonly record struct TableId(string Database, string Table)
{
    /// <summary>`database`.`table`, quoted for SQL text.</summary>
    public string Quoted => SqlText.Qualified(Database, Table);

    public override string ToString() => Database + "." + Table;
}
