namespace FlexMigrate.Core.Sql;

/// <summary>
/// The sql_mode flags MySQL 5.6-8.0 and MariaDB know: their bit in the 8-byte value the binlog writes (QUERY event
/// status Q_SQL_MODE_CODE), and the one list of translations for a target that lacks a flag (the flag is dropped,
/// and the note says what that changes). Bits: MySQL include/my_sqlcommand/system_variables.h (MODE_* and
/// MODE_IGNORED_MASK), MariaDB sql/sql_class.h; checked on MariaDB 10.11 with SET sql_mode = 1 &lt;&lt; n.
/// </summary>
public static class SqlModeFlags
{
    private const string MySql80Removals = "https://dev.mysql.com/doc/refman/8.0/en/mysql-nutshell.html#mysql-nutshell-removals";
    private const string MariaDbModes = "https://mariadb.com/kb/en/sql-mode/";

    // Bits 0-31 mean the same on both servers except bit 4; bit 32 differs; 33-34 are MariaDB's.
    private static readonly string?[] SharedBits =
    [
        "REAL_AS_FLOAT", "PIPES_AS_CONCAT", "ANSI_QUOTES", "IGNORE_SPACE", null, "ONLY_FULL_GROUP_BY",
        "NO_UNSIGNED_SUBTRACTION", "NO_DIR_IN_CREATE", "POSTGRESQL", "ORACLE", "MSSQL", "DB2", "MAXDB", "NO_KEY_OPTIONS",
        "NO_TABLE_OPTIONS", "NO_FIELD_OPTIONS", "MYSQL323", "MYSQL40", "ANSI", "NO_AUTO_VALUE_ON_ZERO",
        "NO_BACKSLASH_ESCAPES", "STRICT_TRANS_TABLES", "STRICT_ALL_TABLES", "NO_ZERO_IN_DATE", "NO_ZERO_DATE",
        "ALLOW_INVALID_DATES", "ERROR_FOR_DIVISION_BY_ZERO", "TRADITIONAL", "NO_AUTO_CREATE_USER", "HIGH_NOT_PRECEDENCE",
        "NO_ENGINE_SUBSTITUTION", "PAD_CHAR_TO_FULL_LENGTH",
    ];

    private static readonly string?[] MariaDbBits = [.. SharedBits[..4], "IGNORE_BAD_TABLE_OPTIONS", .. SharedBits[5..],
        "EMPTY_STRING_IS_NULL", "SIMULTANEOUS_ASSIGNMENT", "TIME_ROUND_FRACTIONAL"];

    // MySQL's bit 4 is MODE_NOT_USED (never shown).
    private static readonly string?[] MySqlBits = [.. SharedBits, "TIME_TRUNCATE_FRACTIONAL"];

    /// <summary>What dropping a flag the target lacks changes, and where that is documented.</summary>
    private static readonly Dictionary<string, Translation> Translations = new(StringComparer.OrdinalIgnoreCase)
    {
        ["NO_AUTO_CREATE_USER"] = new(false, "it only kept GRANT from creating accounts, which MySQL 8.0 never does", MySql80Removals),
        ["NO_KEY_OPTIONS"] = new(false, "it only shaped SHOW CREATE TABLE output", MySql80Removals),
        ["NO_TABLE_OPTIONS"] = new(false, "it only shaped SHOW CREATE TABLE output", MySql80Removals),
        ["NO_FIELD_OPTIONS"] = new(false, "it only shaped SHOW CREATE TABLE output", MySql80Removals),
        ["POSTGRESQL"] = Combination(), ["MSSQL"] = Combination(), ["DB2"] = Combination(), ["MAXDB"] = Combination(),
        ["MYSQL323"] = Combination(), ["MYSQL40"] = Combination(),
        ["ORACLE"] = new(true, "on MySQL it only named a set of flags, which stay; MariaDB's ORACLE mode also parses PL/SQL "
            + "syntax, which a MySQL target cannot", MariaDbModes),
        ["IGNORE_BAD_TABLE_OPTIONS"] = new(false, "it only affects table options in CREATE/ALTER TABLE", MariaDbModes),
        ["TIME_ROUND_FRACTIONAL"] = new(false, "MySQL rounds fractional seconds by default, as this MariaDB flag asks", MariaDbModes),
        ["TIME_TRUNCATE_FRACTIONAL"] = new(false, "MariaDB truncates fractional seconds by default, as this MySQL flag asks",
            "https://dev.mysql.com/doc/refman/8.0/en/sql-mode.html#sqlmode_time_truncate_fractional"),
        ["EMPTY_STRING_IS_NULL"] = new(true, "'' is no longer read as NULL in the object's statements", MariaDbModes),
        ["SIMULTANEOUS_ASSIGNMENT"] = new(true, "UPDATE ... SET assigns left to right instead of all at once", MariaDbModes),
    };

    /// <summary>The flag names of a binlog sql_mode value, in the server's order, comma-separated as @@sql_mode shows them.</summary>
    /// <param name="bits">Q_SQL_MODE_CODE.</param>
    /// <param name="mariaDb">The source is MariaDB (bits 4 and 32 differ).</param>
    /// <exception cref="FormatException">A bit no server defines (the value is corrupt or from a newer server).</exception>
    public static string FromBits(ulong bits, bool mariaDb)
    {
        var names = mariaDb ? MariaDbBits : MySqlBits;
        var list = new List<string>();
        for (var bit = 0; bit < 64; bit++)
        {
            if ((bits & (1UL << bit)) == 0)
            {
                continue;
            }

            if (bit >= names.Length)
            {
                throw new FormatException($"sql_mode bit {bit} (value {bits}) is not a flag {(mariaDb ? "MariaDB" : "MySQL")} defines.");
            }

            if (names[bit] is { } name)
            {
                list.Add(name);
            }
        }

        return string.Join(",", list);
    }

    /// <summary>The flags of a comma-separated sql_mode.</summary>
    public static IReadOnlyList<string> Split(string? sqlMode) =>
        (sqlMode ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Whether <paramref name="sqlMode"/> holds <paramref name="flag"/>.</summary>
    public static bool Has(string? sqlMode, string flag) => Split(sqlMode).Contains(flag, StringComparer.OrdinalIgnoreCase);

    /// <summary>NO_BACKSLASH_ESCAPES: a backslash in a string literal is an ordinary character.</summary>
    public static bool NoBackslashEscapes(string? sqlMode) => Has(sqlMode, "NO_BACKSLASH_ESCAPES");

    /// <summary>
    /// The remark for a statement run without <paramref name="flag"/> because the target lacks it ("without sql_mode
    /// flag X, ...": it continues "Created" or "Run"): what that changes and where it is documented;
    /// <c>ChangesBehaviour</c> when the object may act differently.
    /// </summary>
    public static (bool ChangesBehaviour, string Note) Dropped(string flag)
    {
        ArgumentNullException.ThrowIfNull(flag);
        return Translations.TryGetValue(flag, out var t)
            ? (t.ChangesBehaviour, $"without sql_mode flag {flag}, which the target does not know: {t.Effect} ({t.Source}).")
            : (true, $"without sql_mode flag {flag}, which the target does not know; check the object behaves the same.");
    }

    private static Translation Combination() =>
        new(false, "it only named a set of flags, which are stored beside it and stay", MySql80Removals);

    private sealed record Translation(bool ChangesBehaviour, string Effect, string Source);
}
