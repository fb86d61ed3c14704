namespace FlexMigrate.Core.Validation;

/// <summary>Identifier and literal quoting for the SQL that validation generates.</summary>
internal static class SqlText
{
    /// <summary>Backtick-quotes an identifier, doubling embedded backticks (MySQL identifier rules).</summary>
    public static string Quote(string identifier) => "`" + identifier.Replace("`", "``", StringComparison.Ordinal) + "`";

    /// <summary>A single-quoted string literal for names compared in information_schema queries.</summary>
    public static string Literal(string value) =>
        "'" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "''", StringComparison.Ordinal) + "'";
}
