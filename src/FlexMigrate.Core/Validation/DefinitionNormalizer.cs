using System.Text.RegularExpressions;

namespace FlexMigrate.Core.Validation;

/// <summary>
/// Removes from definitions what a correct migration legitimately changes, so only real differences remain:
/// DEFINER clauses (rewritten to the migration user), MyISAM becoming InnoDB, integer display widths (dropped by
/// MySQL 8.0.19+), and the DEFAULT_GENERATED marker MySQL 8.0 adds to EXTRA. Pure, unit-tested.
/// </summary>
internal static partial class DefinitionNormalizer
{
    /// <summary>Written in place of a definer that is not compared.</summary>
    public const string AnyDefiner = "DEFINER=*";

    /// <summary>
    /// Replaces the DEFINER=user@host clause: with <paramref name="expected"/> when given (what the migration writes),
    /// else keeps the definer's canonical unquoted form. Pass <c>null</c> for <paramref name="expected"/> and
    /// <paramref name="ignore"/> true to drop definers from the comparison.
    /// </summary>
    public static string Definer(string definition, string? expected, bool ignore)
    {
        return DefinerClause().Replace(definition, m =>
        {
            if (ignore)
            {
                return AnyDefiner;
            }

            return "DEFINER=" + (expected is null ? Canonical(m.Groups["user"].Value, m.Groups["host"].Value) : CanonicalDefiner(expected));
        });
    }

    /// <summary>"`app`@`%`", "'app'@'%'" and "app@%" all become "app@%".</summary>
    public static string CanonicalDefiner(string definer)
    {
        var at = DefinerParts().Match(definer);
        return at.Success ? Canonical(at.Groups["user"].Value, at.Groups["host"].Value) : definer.Trim();
    }

    /// <summary>
    /// The migration converts every non-InnoDB table (MyISAM, Aria, MEMORY, ...) to InnoDB, the only engine Flexible
    /// Server takes for user data (EngineConverter): a source table of any engine counts as InnoDB. An Aria table was
    /// reported as changed before this (end-to-end migration test, table `keyless`).
    /// </summary>
    public static string Engine(string? engine, bool onSource) =>
        onSource && !string.IsNullOrEmpty(engine) ? "InnoDB" : engine ?? string.Empty;

    /// <summary>int(11) and int are the same type; MySQL 8.0.19+ no longer shows display widths.</summary>
    public static string ColumnType(string columnType) => DisplayWidth().Replace(columnType, "${type}");

    /// <summary>MySQL 8.0 marks expression defaults with DEFAULT_GENERATED in EXTRA; MariaDB does not.</summary>
    public static string Extra(string? extra) =>
        (extra ?? string.Empty).Replace("DEFAULT_GENERATED", string.Empty, StringComparison.OrdinalIgnoreCase).Trim();

    private static string Canonical(string user, string host) => Unquote(user) + "@" + Unquote(host);

    private static string Unquote(string part) =>
        part.Length >= 2 && (part[0] is '`' or '\'' or '"') && part[^1] == part[0] ? part[1..^1] : part;

    [GeneratedRegex(@"DEFINER\s*=\s*(?<user>`[^`]*`|'[^']*'|""[^""]*""|[^\s@]+)@(?<host>`[^`]*`|'[^']*'|""[^""]*""|\S+)", RegexOptions.IgnoreCase)]
    private static partial Regex DefinerClause();

    [GeneratedRegex(@"^\s*(?<user>`[^`]*`|'[^']*'|""[^""]*""|[^\s@]+)@(?<host>`[^`]*`|'[^']*'|""[^""]*""|\S+)\s*$")]
    private static partial Regex DefinerParts();

    [GeneratedRegex(@"\b(?<type>tinyint|smallint|mediumint|int|integer|bigint|year)\(\d+\)", RegexOptions.IgnoreCase)]
    private static partial Regex DisplayWidth();
}
