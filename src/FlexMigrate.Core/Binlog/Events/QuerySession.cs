using System.Globalization;
using FlexMigrate.Core.Sql;

namespace FlexMigrate.Core.Binlog.Events;

/// <summary>
/// A QUERY event as the statement a replica runs: its bytes in the client's character set, and the session state
/// its status variables describe, as a replica's SQL thread applies them (and as mysqlbinlog prints them:
/// SET @@session.sql_mode=..., @@session.character_set_client=33,@@session.collation_connection=33,...).
/// Collations travel as ids, which name the same collations on source and target of the same family.
/// </summary>
internal static class QuerySession
{
    /// <summary>The query's bytes in the character set of its character_set_client (utf8mb4 when not logged or unknown).</summary>
    public static StatementBytes Statement(QueryEvent query) =>
        new(query.Query, query.Status.CharacterSetClient is { } id ? SqlCharset.OfCollationId(id) ?? SqlCharset.Utf8Mb4 : SqlCharset.Utf8Mb4);

    /// <summary>The session the statement ran in on the source.</summary>
    /// <param name="status">The event's status variables.</param>
    /// <param name="timestamp">The event header's timestamp (seconds).</param>
    /// <param name="mariaDb">The source is MariaDB (sql_mode bits 4 and 32 differ).</param>
    /// <param name="position">file:offset, for the error message.</param>
    /// <exception cref="BinlogFormatException">The sql_mode holds a bit no server defines.</exception>
    public static SessionState State(QueryStatus status, uint timestamp, bool mariaDb, string position)
    {
        ArgumentNullException.ThrowIfNull(status);
        string? sqlMode;
        try
        {
            sqlMode = status.SqlMode is { } bits ? SqlModeFlags.FromBits(bits, mariaDb) : null;
        }
        catch (FormatException ex)
        {
            throw new BinlogFormatException($"QUERY event at {position}: {ex.Message} Replaying it under another sql_mode could change it; apply it by hand.", ex);
        }

        return new SessionState
        {
            SqlMode = sqlMode,
            CharacterSetClient = status.CharacterSetClient is { } client ? SqlCharset.OfCollationId(client)?.Name ?? Id(client) : "utf8mb4",
            CollationConnection = status.CollationConnection is { } connection ? Id(connection) : null,
            CollationServer = status.CollationServer is { } server ? Id(server) : null,
            CollationDatabase = status.CollationDatabase is { } database ? Id(database) : null,
            TimeZone = status.TimeZone,
            LcTimeNames = status.LcTimeNames is { } locale ? Id(locale) : null,
            ExplicitDefaultsForTimestamp = status.ExplicitDefaultsForTimestamp,
            Timestamp = DateTimeOffset.FromUnixTimeSeconds(timestamp).AddTicks((status.Microseconds ?? 0) * 10L),
        };
    }

    private static string Id(ushort id) => id.ToString(CultureInfo.InvariantCulture);
}
