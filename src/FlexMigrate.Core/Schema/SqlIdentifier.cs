namespace FlexMigrate.Core.Schema;

/// <summary>Quoting of identifiers and string literals for SQL the engine generates.</summary>
public static class SqlIdentifier
{
    /// <summary>Backtick-quotes a name, doubling embedded backticks (https://dev.mysql.com/doc/refman/8.0/en/identifiers.html).</summary>
    public static string Quote(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return "`" + name.Replace("`", "``", StringComparison.Ordinal) + "`";
    }

    /// <summary>Single-quotes a string literal valid under any sql_mode (no backslash escapes relied upon).</summary>
    public static string Literal(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
    }
}
