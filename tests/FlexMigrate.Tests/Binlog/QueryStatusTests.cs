using System.Text;
using FlexMigrate.Core.Binlog;
using FlexMigrate.Core.Sql;
using static FlexMigrate.Tests.Binlog.EventBuilder;

namespace FlexMigrate.Tests.Binlog;

/// <summary>
/// QUERY event status variables (the source session a DDL ran in) from byte fixtures of the MySQL 8.0 and MariaDB
/// layouts (libbinlogevents statement_events.h, MariaDB log_event.h), and the statement's bytes in its client charset.
/// </summary>
public sealed class QueryStatusTests
{
    private static readonly DateTimeOffset Time = DateTimeOffset.FromUnixTimeSeconds(1700000000);

    private static byte[] Str(string s) => [(byte)s.Length, .. Encoding.ASCII.GetBytes(s)];

    [Fact]
    public void MySql80_status_variables_give_the_session_and_the_latin1_bytes_stay()
    {
        const ulong Mode = 0x1_0000_0000UL | (1UL << 1) | (1UL << 2) | (1UL << 20) | (1UL << 21); // TIME_TRUNCATE_FRACTIONAL + PIPES, QUOTES, NBE, STRICT
        byte[] status =
        [
            0, .. U32(0),                                   // Q_FLAGS2_CODE
            1, .. U64(Mode),                                // Q_SQL_MODE_CODE
            6, .. Str("std"),                               // Q_CATALOG_NZ_CODE
            3, .. U16(1), .. U16(1),                        // Q_AUTO_INCREMENT
            4, .. U16(8), .. U16(48), .. U16(255),          // Q_CHARSET_CODE: latin1 client, latin1_general_ci, utf8mb4_0900_ai_ci
            5, .. Str("Europe/Berlin"),                     // Q_TIME_ZONE_CODE
            7, .. U16(3),                                   // Q_LC_TIME_NAMES_CODE
            8, .. U16(47),                                  // Q_CHARSET_DATABASE_CODE (latin1_bin)
            9, .. U64(3),                                   // Q_TABLE_MAP_FOR_UPDATE_CODE
            11, .. Str("root"), .. Str("localhost"),        // Q_INVOKER
            12, 2, .. "shop\0"u8.ToArray(), .. "crm\0"u8.ToArray(), // Q_UPDATED_DB_NAMES
            13, 0x40, 0xE2, 0x01,                           // Q_MICROSECONDS 123456
            16, 1,                                          // Q_EXPLICIT_DEFAULTS_FOR_TIMESTAMP
            17, .. U64(99),                                 // Q_DDL_LOGGED_WITH_XID
            18, .. U16(255),                                // Q_DEFAULT_COLLATION_FOR_UTF8MB4
            19, 0,                                          // Q_SQL_REQUIRE_PRIMARY_KEY
            20, 0,                                          // Q_DEFAULT_TABLE_ENCRYPTION
        ];
        byte[] query = [.. "CREATE TABLE t (c VARCHAR(5) DEFAULT 'caf"u8, 0xE9, .. "', d VARCHAR(3) DEFAULT 'a\\b')"u8.ToArray()];

        var ddl = Decode(MySqlFixture.Preamble(), QueryEvent("shop", status, query, 400));

        Assert.Equal(query, ddl.Statement!.Bytes.ToArray());
        Assert.Equal("latin1", ddl.Statement.Charset.Name);
        Assert.Equal("CREATE TABLE t (c VARCHAR(5) DEFAULT 'café', d VARCHAR(3) DEFAULT 'a\\b')", ddl.Sql);
        Assert.Equal(new SessionState
        {
            SqlMode = "PIPES_AS_CONCAT,ANSI_QUOTES,NO_BACKSLASH_ESCAPES,STRICT_TRANS_TABLES,TIME_TRUNCATE_FRACTIONAL",
            CharacterSetClient = "latin1",
            CollationConnection = "48",
            CollationServer = "255",
            CollationDatabase = "47",
            TimeZone = "Europe/Berlin",
            LcTimeNames = "3",
            ExplicitDefaultsForTimestamp = true,
            Timestamp = Time.AddTicks(1_234_560),
        }, ddl.Session);
    }

    [Fact]
    public void MariaDb_status_variables_read_its_own_flag_bits_and_high_resolution_time()
    {
        byte[] status =
        [
            0, .. U32(0),
            1, .. U64(0x1_0000_0010UL),                     // IGNORE_BAD_TABLE_OPTIONS, EMPTY_STRING_IS_NULL on MariaDB
            2, .. Str("std"), 0,                            // old Q_CATALOG_CODE (length, name, NUL)
            3, .. U16(1), .. U16(1),
            4, .. U16(28), .. U16(28), .. U16(45),          // gbk
            0x80, 0x07, 0x00, 0x00,                         // Q_HRNOW: 7 microseconds
            0x81, .. U64(5),                                // Q_XID
        ];
        byte[] query = [.. "CREATE VIEW v AS SELECT '"u8, 0x81, 0x5C, .. "' AS x"u8.ToArray()]; // 乗 ends in a backslash byte

        var ddl = Decode([FakeRotate(MySqlFixture.File, 4), FormatDescription("10.11.6-MariaDB-log")], QueryEvent("app", status, query, 300));

        Assert.Equal("CREATE VIEW v AS SELECT '\u4e57' AS x", ddl.Sql);
        Assert.Equal("IGNORE_BAD_TABLE_OPTIONS,EMPTY_STRING_IS_NULL", ddl.Session!.SqlMode);
        Assert.Equal(("gbk", "28", "45"), (ddl.Session.CharacterSetClient, ddl.Session.CollationConnection, ddl.Session.CollationServer));
        Assert.Equal(Time.AddTicks(70), ddl.Session.Timestamp);
        Assert.Null(ddl.Session.TimeZone);
    }

    [Fact]
    public void An_unknown_key_ends_the_walk_and_keeps_what_came_before()
    {
        byte[] status = [1, .. U64(1UL << 20), 4, .. U16(33), .. U16(33), .. U16(8), 0x7E, 1, 2, 3, 5, .. Str("+01:00")];

        var ddl = Decode(MySqlFixture.Preamble(), QueryEvent("shop", status, "DROP VIEW v"u8.ToArray(), 400));

        Assert.Equal(("NO_BACKSLASH_ESCAPES", "utf8mb3", "33"), (ddl.Session!.SqlMode, ddl.Session.CharacterSetClient, ddl.Session.CollationConnection));
        Assert.Null(ddl.Session.TimeZone);
    }

    [Fact]
    public void An_sql_mode_bit_no_server_defines_fails_naming_the_position()
    {
        byte[] status = [1, .. U64(1UL << 45)];

        var ex = Assert.Throws<BinlogFormatException>(() => Decode(MySqlFixture.Preamble(), QueryEvent("shop", status, "DROP VIEW v"u8.ToArray(), 400)));

        Assert.Contains($"{MySqlFixture.File}:400", ex.Message, StringComparison.Ordinal);
        Assert.Contains("sql_mode bit 45", ex.Message, StringComparison.Ordinal);
    }

    private static DdlChange Decode(IEnumerable<byte[]> preamble, byte[] query) =>
        Assert.IsType<DdlChange>(Assert.Single(Assert.Single(MySqlFormatDecodingTests.Decode([.. preamble, query])).Changes));
}
