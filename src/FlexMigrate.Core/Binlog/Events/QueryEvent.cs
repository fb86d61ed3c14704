using System.Text;

namespace FlexMigrate.Core.Binlog.Events;

/// <summary>
/// QUERY (2): `thread(4) exec(4) dblen(1) err(2) svlen(2) status_vars db NUL query`. MariaDB QUERY_COMPRESSED (165)
/// has the same layout with a zlib-compressed query.
/// See https://dev.mysql.com/doc/dev/mysql-server/latest/classmysql_1_1binlog_1_1event_1_1Query__event.html
/// </summary>
internal sealed record QueryEvent(string Database, string Sql, ushort ErrorCode, int? CharsetClient)
{
    public static QueryEvent Parse(ReadOnlySpan<byte> body, bool compressed)
    {
        var r = new Protocol.ByteReader(body, compressed ? "QUERY_COMPRESSED event" : "QUERY event");
        r.Skip(8);
        var dbLength = r.ReadByte();
        var error = r.ReadUInt16();
        var statusLength = r.ReadUInt16();
        var status = r.ReadBytes(statusLength);
        var charset = ReadCharset(status);
        var db = Encoding.UTF8.GetString(r.ReadBytes(dbLength));
        r.Skip(1);
        var sqlBytes = r.ReadToEnd();
        var sql = compressed
            ? Encoding.UTF8.GetString(CompressedEventInflater.Inflate(sqlBytes, "QUERY_COMPRESSED event"))
            : Encoding.UTF8.GetString(sqlBytes);
        return new QueryEvent(db, sql, error, charset);
    }

    /// <summary>Walks the status variables for Q_CHARSET_CODE; an unknown key ends the walk (its length is unknown).</summary>
    private static int? ReadCharset(ReadOnlySpan<byte> status)
    {
        var r = new Protocol.ByteReader(status, "QUERY status variables");
        while (r.Remaining > 0)
        {
            var key = r.ReadByte();
            switch (key)
            {
                case 0: r.Skip(4); break;                        // flags2
                case 1: r.Skip(8); break;                        // sql_mode
                case 2: r.Skip(r.ReadByte() + 1); break;         // catalog (old)
                case 3: r.Skip(4); break;                        // auto_increment
                case 4: var client = r.ReadUInt16(); r.Skip(4); return client;
                case 5: r.Skip(r.ReadByte()); break;             // time_zone
                case 6: r.Skip(r.ReadByte()); break;             // catalog
                case 7: r.Skip(2); break;                        // lc_time_names
                case 8: r.Skip(2); break;                        // charset_database
                case 9: r.Skip(8); break;                        // table_map_for_update
                case 10: r.Skip(4); break;                       // master_data_written
                case 11: r.Skip(r.ReadByte()); r.Skip(r.ReadByte()); break; // invoker user, host
                case 12: SkipUpdatedDatabases(ref r); break;
                case 13: r.Skip(3); break;                       // microseconds
                case 16: r.Skip(1); break;                       // explicit_defaults_for_timestamp
                case 17: r.Skip(8); break;                       // ddl_logged_with_xid
                case 18: r.Skip(2); break;                       // default_collation_for_utf8mb4
                case 19: r.Skip(1); break;                       // sql_require_primary_key
                case 20: r.Skip(1); break;                       // default_table_encryption
                case 0x80: r.Skip(3); break;                     // MariaDB hrnow
                case 0x81: r.Skip(8); break;                     // MariaDB xid
                default: return null;
            }
        }

        return null;
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
