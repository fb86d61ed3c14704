using FlexMigrate.Core.Sql;

namespace FlexMigrate.Core.Accounts;

/// <summary>The level a privilege applies at (https://dev.mysql.com/doc/refman/8.0/en/grant.html#grant-privileges).</summary>
public enum GrantLevel
{
    /// <summary>ON *.*.</summary>
    Global,

    /// <summary>ON `db`.*; the name is a LIKE pattern (`%`, `_`, `\` escapes), kept exactly as the source stores it.</summary>
    Database,

    /// <summary>ON `db`.`table` (table and column privileges).</summary>
    Table,

    /// <summary>ON PROCEDURE `db`.`p`.</summary>
    Procedure,

    /// <summary>ON FUNCTION `db`.`f`.</summary>
    Function,

    /// <summary>ON PACKAGE `db`.`p` (MariaDB Oracle mode).</summary>
    Package,

    /// <summary>ON PACKAGE BODY `db`.`p` (MariaDB Oracle mode).</summary>
    PackageBody,
}

/// <summary>What a grant is on: the level, and the database and object where the level has them.</summary>
public readonly record struct GrantObject(GrantLevel Level, string Database, string Name)
{
    public static GrantObject Global { get; } = new(GrantLevel.Global, "", "");

    /// <summary>Procedure, function or package: EXECUTE and ALTER ROUTINE live here.</summary>
    public bool IsRoutine => Level is GrantLevel.Procedure or GrantLevel.Function or GrantLevel.Package or GrantLevel.PackageBody;

    /// <summary>The ON part of a GRANT: *.*, `db`.*, `db`.`t`, PROCEDURE `db`.`p`.</summary>
    public string Sql => Level switch
    {
        GrantLevel.Global => "*.*",
        GrantLevel.Database => $"{SqlText.Identifier(Database)}.*",
        GrantLevel.Table => $"{SqlText.Identifier(Database)}.{SqlText.Identifier(Name)}",
        GrantLevel.Procedure => $"PROCEDURE {SqlText.Identifier(Database)}.{SqlText.Identifier(Name)}",
        GrantLevel.Function => $"FUNCTION {SqlText.Identifier(Database)}.{SqlText.Identifier(Name)}",
        GrantLevel.Package => $"PACKAGE {SqlText.Identifier(Database)}.{SqlText.Identifier(Name)}",
        _ => $"PACKAGE BODY {SqlText.Identifier(Database)}.{SqlText.Identifier(Name)}",
    };

    public override string ToString() => Sql;
}
