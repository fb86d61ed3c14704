namespace FlexMigrate.Core.Replication;

/// <summary>
/// A foreign key's referential action (information_schema.REFERENTIAL_CONSTRAINTS UPDATE_RULE / DELETE_RULE).
/// InnoDB treats SET DEFAULT like RESTRICT (https://dev.mysql.com/doc/refman/8.0/en/create-table-foreign-keys.html).
/// </summary>
public enum ForeignKeyRule
{
    NoAction,
    Restrict,
    Cascade,
    SetNull,
    SetDefault,
}

/// <summary>Parsing of the rule names information_schema prints.</summary>
public static class ForeignKeyRules
{
    /// <summary>Parses "CASCADE", "SET NULL", "RESTRICT", "NO ACTION" or "SET DEFAULT".</summary>
    public static ForeignKeyRule Parse(string rule) => rule switch
    {
        "CASCADE" => ForeignKeyRule.Cascade,
        "SET NULL" => ForeignKeyRule.SetNull,
        "RESTRICT" => ForeignKeyRule.Restrict,
        "NO ACTION" => ForeignKeyRule.NoAction,
        "SET DEFAULT" => ForeignKeyRule.SetDefault,
        _ => throw new FormatException($"Unknown foreign key rule '{rule}' in information_schema.REFERENTIAL_CONSTRAINTS."),
    };

    /// <summary>True for the rules that change child rows (the ones the binlog does not carry).</summary>
    public static bool ActsOnChildren(this ForeignKeyRule rule) => rule is ForeignKeyRule.Cascade or ForeignKeyRule.SetNull;
}
