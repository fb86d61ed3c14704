using System.Text;

namespace FlexMigrate.Core.Binlog.Events;

/// <summary>
/// QUERY (2): `thread(4) exec(4) dblen(1) err(2) svlen(2) status_vars db NUL query`. MariaDB QUERY_COMPRESSED (165)
/// has the same layout with a zlib-compressed query. The query stays the bytes the client sent (in its
/// character_set_client); the status variables are the session it ran in.
/// See https://dev.mysql.com/doc/dev/mysql-server/latest/classmysql_1_1binlog_1_1event_1_1Query__event.html
/// </summary>
internal sealed record QueryEvent(string Database, byte[] Query, ushort ErrorCode, QueryStatus Status)
{
    /// <summary>The query as UTF-8 text: exact for BEGIN/COMMIT and ASCII statements (use the client charset for the rest).</summary>
    public string Ascii => Encoding.UTF8.GetString(Query);

    public static QueryEvent Parse(ReadOnlySpan<byte> body, bool compressed)
    {
        var r = new Protocol.ByteReader(body, compressed ? "QUERY_COMPRESSED event" : "QUERY event");
        r.Skip(8);
        var dbLength = r.ReadByte();
        var error = r.ReadUInt16();
        var statusLength = r.ReadUInt16();
        var status = QueryStatus.Parse(r.ReadBytes(statusLength));
        var db = Encoding.UTF8.GetString(r.ReadBytes(dbLength));
        r.Skip(1);
        var query = r.ReadToEnd();
        return new QueryEvent(db, compressed ? CompressedEventInflater.Inflate(query, "QUERY_COMPRESSED event") : query.ToArray(), error, status);
    }
}

/// <summary>
/// The status variables of a QUERY event: the source session's state the statement ran in, which a replica applies
/// before running it (MySQL libbinlogevents statement_events.h Q_* codes; MariaDB sql/log_event.h adds 0x80+). Each is
/// null when the server did not write it. Keys come in ascending order; an unknown key ends the walk, since its length
/// is unknown (servers write the ones that matter here first).
/// </summary>
internal sealed record QueryStatus
{
    /// <summary>Q_SQL_MODE_CODE (1): the sql_mode bits (<see cref="Sql.SqlModeFlags.FromBits"/>).</summary>
    public ulong? SqlMode { get; init; }

    /// <summary>Q_CHARSET_CODE (4): character_set_client as a collation id.</summary>
    public ushort? CharacterSetClient { get; init; }

    /// <summary>Q_CHARSET_CODE: collation_connection id.</summary>
    public ushort? CollationConnection { get; init; }

    /// <summary>Q_CHARSET_CODE: collation_server id.</summary>
    public ushort? CollationServer { get; init; }

    /// <summary>Q_TIME_ZONE_CODE (5), written when the statement used the time zone.</summary>
    public string? TimeZone { get; init; }

    /// <summary>Q_LC_TIME_NAMES_CODE (7): lc_time_names number, written when not en_US.</summary>
    public ushort? LcTimeNames { get; init; }

    /// <summary>Q_CHARSET_DATABASE_CODE (8): collation_database id, written when the session's differed from the database's.</summary>
    public ushort? CollationDatabase { get; init; }

    /// <summary>Q_MICROSECONDS (13) or MariaDB Q_HRNOW (0x80): the microseconds of the statement's start time.</summary>
    public uint? Microseconds { get; init; }

    /// <summary>Q_EXPLICIT_DEFAULTS_FOR_TIMESTAMP (16, MySQL 8.0).</summary>
    public bool? ExplicitDefaultsForTimestamp { get; init; }

    /// <summary>Q_DEFAULT_COLLATION_FOR_UTF8MB4 (18, MySQL 8.0): the collation id utf8mb4 meant for the statement.</summary>
    public ushort? DefaultCollationForUtf8Mb4 { get; init; }

    public static QueryStatus Parse(ReadOnlySpan<byte> status)
    {
        // Parsed into locals and built once: every transaction's BEGIN carries status variables too.
        var r = new Protocol.ByteReader(status, "QUERY status variables");
        ulong? sqlMode = null;
        ushort? client = null, connection = null, server = null, lcTimeNames = null, database = null, utf8mb4 = null;
        string? timeZone = null;
        uint? microseconds = null;
        bool? explicitDefaults = null;
        while (r.Remaining > 0)
        {
            switch (r.ReadByte())
            {
                case 0: r.Skip(4); break;                                      // Q_FLAGS2_CODE
                case 1: sqlMode = r.ReadUInt64(); break;
                case 2: r.Skip(r.ReadByte() + 1); break;                       // Q_CATALOG_CODE (len, name, NUL)
                case 3: r.Skip(4); break;                                      // Q_AUTO_INCREMENT (increment, offset)
                case 4: (client, connection, server) = (r.ReadUInt16(), r.ReadUInt16(), r.ReadUInt16()); break;
                case 5: timeZone = Encoding.ASCII.GetString(r.ReadBytes(r.ReadByte())); break;
                case 6: r.Skip(r.ReadByte()); break;                           // Q_CATALOG_NZ_CODE
                case 7: lcTimeNames = r.ReadUInt16(); break;
                case 8: database = r.ReadUInt16(); break;
                case 9: r.Skip(8); break;                                      // Q_TABLE_MAP_FOR_UPDATE_CODE
                case 10: r.Skip(4); break;                                     // Q_MASTER_DATA_WRITTEN_CODE
                case 11: r.Skip(r.ReadByte()); r.Skip(r.ReadByte()); break;    // Q_INVOKER (user, host)
                case 12: SkipUpdatedDatabases(ref r); break;                   // Q_UPDATED_DB_NAMES
                case 13 or 0x80: microseconds = r.ReadUInt24(); break;         // Q_MICROSECONDS, MariaDB Q_HRNOW
                case 16: explicitDefaults = r.ReadByte() != 0; break;
                case 17: r.Skip(8); break;                                     // Q_DDL_LOGGED_WITH_XID
                case 18: utf8mb4 = r.ReadUInt16(); break;
                case 19 or 20: r.Skip(1); break;                               // Q_SQL_REQUIRE_PRIMARY_KEY, Q_DEFAULT_TABLE_ENCRYPTION
                case 0x81: r.Skip(8); break;                                   // MariaDB Q_XID
                case 0x82: r.Skip(1); break;                                   // MariaDB Q_GTID_FLAGS3
                default: r.Skip(r.Remaining); break;
            }
        }

        return new QueryStatus
        {
            SqlMode = sqlMode, CharacterSetClient = client, CollationConnection = connection, CollationServer = server,
            TimeZone = timeZone, LcTimeNames = lcTimeNames, CollationDatabase = database, Microseconds = microseconds,
            ExplicitDefaultsForTimestamp = explicitDefaults, DefaultCollationForUtf8Mb4 = utf8mb4,
        };
    }

    private static void SkipUpdatedDatabases(ref Protocol.ByteReader r)
    {
        var count = r.ReadByte();
        if (count == 254)
        {
            return;
        }

        for (var i = 0; i < count; i++)
        {
            r.ReadNullTerminated();
        }
    }
}
