using FlexMigrate.Core.Sql;

namespace FlexMigrate.Core.Schema;

/// <summary>A schema object's database and name, e.g. a table, view, routine, trigger or event.</summary>
public sealed record ObjectName(string Database, string Name)
{
    /// <summary>The backtick-quoted, database-qualified form, as used in SQL and in messages: <c>`db`.`t`</c>.</summary>
    public override string ToString() => SqlText.Qualified(Database, Name);
}
