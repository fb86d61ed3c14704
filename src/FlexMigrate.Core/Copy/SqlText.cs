namespace FlexMigrate.Core.Copy;

/// <summary>Small helpers to build SQL text safely.</summary>
internal static class SqlText
{
    /// <summary>Quotes an identifier with backticks, doubling embedded ones (MySQL identifier rules).</summary>
    public static string QuoteIdentifier(string name) => "`" + name.Replace("`", "``", StringComparison.Ordinal) + "`";
}
