using System.Globalization;

namespace FlexMigrate.Core.Sql;

/// <summary>
/// The session settings a statement was written under. They decide how the server parses it (sql_mode: quotes,
/// backslashes, ||; character_set_client: how its bytes read; collation_connection: the character set and collation of
/// its string literals) and, for views, routines, triggers and events, they are stored with the object and applied
/// again each time it runs (https://dev.mysql.com/doc/refman/8.0/en/stored-objects-metadata.html ... "character set
/// variables and sql_mode at creation"). Re-creating an object, or replaying a statement from the binlog, under the same
/// settings is what keeps its bytes and behaviour: mysqldump writes SET statements around each object for this, and a
/// replica applies the status variables of each QUERY event.
/// </summary>
/// <remarks>
/// Values are written into SET as given: a name (quoted as a string) or a number (collation ids and lc_time_names
/// numbers, as the binlog carries them and as mysqlbinlog prints them). Null means the session's default (the target's
/// global value).
/// </remarks>
public sealed record SessionState
{
    /// <summary>sql_mode flags, comma-separated ("" is an empty mode; null: the engine's schema mode).</summary>
    public string? SqlMode { get; init; }

    /// <summary>character_set_client: a name, or a collation id whose character set is meant.</summary>
    public string CharacterSetClient { get; init; } = "utf8mb4";

    /// <summary>collation_connection: a name or an id.</summary>
    public string? CollationConnection { get; init; }

    /// <summary>collation_server (decides CREATE DATABASE without a character set): a name or an id.</summary>
    public string? CollationServer { get; init; }

    /// <summary>collation_database when the source session's differed from its default database's: a name or an id.</summary>
    public string? CollationDatabase { get; init; }

    /// <summary>time_zone (an event's schedule is read in it; TIMESTAMP defaults are converted with it).</summary>
    public string? TimeZone { get; init; }

    /// <summary>lc_time_names: a locale name or its number.</summary>
    public string? LcTimeNames { get; init; }

    /// <summary>explicit_defaults_for_timestamp, when the source logged it.</summary>
    public bool? ExplicitDefaultsForTimestamp { get; init; }

    /// <summary>The statement's time on the source (NOW() in it), when replaying the binlog.</summary>
    public DateTimeOffset? Timestamp { get; init; }

    /// <summary>Engine-written SQL: utf8mb4 both ways, the schema sql_mode.</summary>
    public static SessionState Engine { get; } = new() { CollationConnection = "utf8mb4_general_ci" };

    /// <summary>
    /// The SET assignments of this state but sql_mode (fitted to the target first) and collation_database (set only
    /// when given: USE sets it to the database's own), in a stable order; null values become DEFAULT.
    /// </summary>
    public IReadOnlyList<(string Variable, string Value)> Assignments(bool noBackslashEscapes) =>
    [
        ("character_set_client", Value(CharacterSetClient, noBackslashEscapes)),
        ("collation_connection", Value(CollationConnection, noBackslashEscapes)),
        ("collation_server", Value(CollationServer, noBackslashEscapes)),
        ("time_zone", Value(TimeZone, noBackslashEscapes)),
        ("lc_time_names", Value(LcTimeNames, noBackslashEscapes)),
        ("explicit_defaults_for_timestamp", ExplicitDefaultsForTimestamp is { } e ? (e ? "1" : "0") : "DEFAULT"),
        ("timestamp", Timestamp is { } t
            ? ((t.UtcTicks - DateTime.UnixEpoch.Ticks) / (decimal)TimeSpan.TicksPerSecond).ToString("0.000000", CultureInfo.InvariantCulture)
            : "DEFAULT"),
    ];

    private static string Value(string? value, bool noBackslashEscapes) =>
        value is null ? "DEFAULT" : value.All(char.IsAsciiDigit) ? value : SqlText.Literal(value, noBackslashEscapes);
}
