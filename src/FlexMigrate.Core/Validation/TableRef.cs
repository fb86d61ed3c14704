using FlexMigrate.Core.Sql;

namespace FlexMigrate.Core.Validation;

/// <summary>One table to validate, named the same on source and target.</summary>
/// <param name="Database">Schema (database) name.</param>
/// <param name="Table">Table name.</param>
public sealed record TableRef(string Database, string Table)
{
    /// <summary>`db`.`table`, quoted for SQL.</summary>
    public string QuotedName => SqlText.Qualified(Database, Table);

    public override string ToString() => $"{Database}.{Table}";
}
