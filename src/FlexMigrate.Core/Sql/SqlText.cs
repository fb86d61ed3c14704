using System.Text.RegularExpressions;

namespace FlexMigrate.Core.Sql;

/// <summary>
/// The engine's one place for SQL text it writes itself: quoted identifiers and string or binary literals. String
/// literals depend on the session's sql_mode: with NO_BACKSLASH_ESCAPES a backslash is an ordinary character, without
/// it a backslash starts an escape (https://dev.mysql.com/doc/refman/8.0/en/string-literals.html). The caller says
/// which mode the statement will be parsed under; hex literals read the same under every mode.
/// </summary>
public static partial class SqlText
{
    /// <summary>Backtick-quotes a name, doubling embedded backticks (https://dev.mysql.com/doc/refman/8.0/en/identifiers.html).</summary>
    public static string Identifier(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return "`" + name.Replace("`", "``", StringComparison.Ordinal) + "`";
    }

    /// <summary>`db`.`name`.</summary>
    public static string Qualified(string database, string name) => Identifier(database) + "." + Identifier(name);

    /// <summary>
    /// A single-quoted string literal that reads back as <paramref name="value"/> under the given mode: quotes are
    /// doubled; without NO_BACKSLASH_ESCAPES backslashes are doubled and NUL is written \0 (so a script run through the
    /// mysql client, which refuses raw NUL, still works).
    /// </summary>
    /// <param name="value">The text.</param>
    /// <param name="noBackslashEscapes">True when the statement runs under sql_mode NO_BACKSLASH_ESCAPES.</param>
    public static string Literal(string value, bool noBackslashEscapes = false)
    {
        ArgumentNullException.ThrowIfNull(value);
        var quoted = value.Replace("'", "''", StringComparison.Ordinal);
        if (!noBackslashEscapes)
        {
            quoted = quoted.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\0", "\\0", StringComparison.Ordinal);
        }

        return "'" + quoted + "'";
    }

    /// <summary>X'0A1B': the exact bytes as a binary string, the same under every sql_mode.</summary>
    public static string HexLiteral(ReadOnlySpan<byte> bytes) => "X'" + Convert.ToHexString(bytes) + "'";

    /// <summary>
    /// _latin1 X'E9': the exact bytes as a string of <paramref name="characterSet"/> (an introducer keeps them as they
    /// are, with no conversion from the connection's character set).
    /// </summary>
    /// <exception cref="FormatException">The character set name is not a plain name (it is written into the SQL).</exception>
    public static string HexLiteral(ReadOnlySpan<byte> bytes, string characterSet)
    {
        ArgumentNullException.ThrowIfNull(characterSet);
        return CharsetName().IsMatch(characterSet)
            ? "_" + characterSet + " " + HexLiteral(bytes)
            : throw new FormatException($"'{characterSet}' is not a character set name.");
    }

    /// <summary>
    /// The bytes a quoted string literal stands for: quotes removed, a doubled quote made one, and (without
    /// NO_BACKSLASH_ESCAPES) escapes resolved: \0 \b \n \r \t \Z and \x for x itself, except \% and \_, which
    /// keep their backslash (https://dev.mysql.com/doc/refman/8.0/en/string-literals.html, table 11.1). For text in
    /// an ASCII-safe character set (UTF-8, latin1), where no byte of a multi-byte character is a backslash or quote.
    /// </summary>
    /// <exception cref="FormatException">Not a quoted literal.</exception>
    public static byte[] LiteralValue(ReadOnlySpan<byte> literal, bool noBackslashEscapes = false)
    {
        if (literal.Length < 2 || literal[0] is not ((byte)'\'' or (byte)'"') || literal[^1] != literal[0])
        {
            throw new FormatException("Not a quoted string literal.");
        }

        var quote = literal[0];
        var content = literal[1..^1];
        var value = new List<byte>(content.Length);
        for (var i = 0; i < content.Length; i++)
        {
            var b = content[i];
            if (b == quote && i + 1 < content.Length && content[i + 1] == quote)
            {
                value.Add(quote);
                i++;
            }
            else if (b == (byte)'\\' && !noBackslashEscapes && i + 1 < content.Length)
            {
                var c = content[++i];
                if (c is (byte)'%' or (byte)'_')
                {
                    value.Add(b);
                }

                value.Add(c switch { (byte)'0' => 0, (byte)'b' => 8, (byte)'n' => 10, (byte)'r' => 13, (byte)'t' => 9, (byte)'Z' => 26, _ => c });
            }
            else
            {
                value.Add(b);
            }
        }

        return [.. value];
    }

    [GeneratedRegex("^[A-Za-z0-9_]{1,64}$")]
    private static partial Regex CharsetName();
}
