namespace FlexMigrate.Core.Precheck;

/// <summary>Where a grant applies.</summary>
internal enum GrantScope
{
    /// <summary>`ON *.*`.</summary>
    Global,

    /// <summary>`ON db.*`; the database name is a LIKE pattern (`_` and `%` are wildcards, `\_` is literal).</summary>
    Database,

    /// <summary>`ON db.table` (or a column list on one table).</summary>
    Table,

    /// <summary>`ON PROCEDURE db.p` / `ON FUNCTION db.f`.</summary>
    Routine,

    /// <summary>`GRANT role TO user`: membership, no object.</summary>
    Role,
}

/// <summary>One parsed line of SHOW GRANTS.</summary>
/// <param name="Scope">Where it applies.</param>
/// <param name="Privileges">Upper-case privilege names with aliases folded (see <see cref="GrantParser"/>); "ALL PRIVILEGES" stays as is.</param>
/// <param name="Database">Database name or pattern (unescaped backticks), null for global and role grants.</param>
/// <param name="Table">Table or routine name, null otherwise.</param>
/// <param name="Roles">Role names for <see cref="GrantScope.Role"/> grants.</param>
internal sealed record Grant(
    GrantScope Scope,
    IReadOnlySet<string> Privileges,
    string? Database,
    string? Table,
    IReadOnlyList<string> Roles);
