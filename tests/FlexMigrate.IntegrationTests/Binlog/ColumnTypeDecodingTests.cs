using System.Text;
using FlexMigrate.Core.Binlog;
using FlexMigrate.IntegrationTests.Infrastructure;
using MySqlConnector;

namespace FlexMigrate.IntegrationTests.Binlog;

/// <summary>
/// Every column type with edge values, decoded from the real MariaDB binlog: exact expected values, then the decoded
/// values written to the target through MySqlConnector parameters must reproduce the source table bit for bit
/// (CHECKSUM TABLE and a HEX dump of every column).
/// </summary>
[Collection(BinlogCollection.Name)]
public sealed class ColumnTypeDecodingTests
{
    private const string Db = "fm_binlog_types";

    private const string Table = """
        CREATE TABLE fm_binlog_types.t (
          id INT PRIMARY KEY,
          ti TINYINT, tiu TINYINT UNSIGNED, si SMALLINT, siu SMALLINT UNSIGNED, mi MEDIUMINT, miu MEDIUMINT UNSIGNED,
          i INT, iu INT UNSIGNED, bi BIGINT, biu BIGINT UNSIGNED,
          d65 DECIMAL(65,30), d10 DECIMAL(10,0), d55 DECIMAL(5,5), d184 DECIMAL(18,4),
          f FLOAT, db DOUBLE, b1 BIT(1), b64 BIT(64), y YEAR,
          dt0 DATE, dtm DATETIME, dtm6 DATETIME(6), ts TIMESTAMP(6) NULL DEFAULT NULL, ts0 TIMESTAMP NULL DEFAULT NULL,
          tm TIME, tm1 TIME(1), tm3 TIME(3), tm6 TIME(6),
          c10 CHAR(10), c300 CHAR(255) CHARACTER SET utf8mb4, vc VARCHAR(300), vcl VARCHAR(20) CHARACTER SET latin1,
          bn BINARY(8), vb VARBINARY(20), tt TINYTEXT, tx TEXT, mt MEDIUMTEXT, lb LONGBLOB,
          e ENUM('a','b','c'), st SET('x','y','z'), j JSON, g GEOMETRY
        ) ENGINE=InnoDB
        """;

    [Fact]
    public async Task Every_type_decodes_exactly_and_writes_back_identically()
    {
        await ServerPair.ResetDatabasesAsync(Db);
        await ServerPair.ExecSourceAsync($"CREATE DATABASE {Db}");
        await ServerPair.ExecTargetAsync($"CREATE DATABASE {Db}");
        await ServerPair.ExecSourceAsync(Table);
        await ServerPair.ExecTargetAsync(Table);
        var from = await BinlogTestSupport.Client().GetCurrentPositionAsync();
        await ServerPair.ExecSourceAsync("""
            SET SESSION sql_mode = '', time_zone = '+00:00';
            INSERT INTO fm_binlog_types.t VALUES
            (1, -128, 255, -32768, 65535, -8388608, 16777215, -2147483648, 4294967295, -9223372036854775808, 18446744073709551615,
             '-99999999999999999999999999999999999.999999999999999999999999999999', -9999999999, 0.00001, -0.0001,
             -3.4028235e38, -1.7976931348623157e308, b'1', b'1111111111111111111111111111111111111111111111111111111111111111', 0,
             '0000-00-00', '0000-00-00 00:00:00', '2024-00-15 23:59:59.999999', '2038-01-19 03:14:07.999999', '0000-00-00 00:00:00',
             '-838:59:59', '-00:00:00.5', '-12:34:56.789', '838:59:59.000000',
             'abc', REPEAT('é', 255), REPEAT('x', 300), X'636166E9',
             X'0100000000000000', X'00', '', 'τεστ 😀', REPEAT('m', 70000), X'00FF00FF',
             'c', 'x,z', '{"k": [1, 2.5, "s", null, true]}', ST_GeomFromText('POINT(1 2)')),
            (2, 127, 0, 32767, 0, 8388607, 0, 2147483647, 0, 9223372036854775807, 0,
             '99999999999999999999999999999999999.999999999999999999999999999999', 0, -0.99999, 12345678901234.5678,
             1.5, 2.2250738585072014e-308, b'0', b'0', 2155,
             '9999-12-31', '9999-12-31 23:59:59', '1000-01-01 00:00:00.000001', '1970-01-01 00:00:01.000000', '2000-02-29 12:00:00',
             '00:00:00', '00:00:00.1', '00:00:00.001', '-00:00:00.000001',
             '', '', '', '',
             X'', X'', NULL, NULL, NULL, X'',
             'a', '', '[]', NULL),
            (3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
             NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
            """);

        var rows = (await BinlogTestSupport.ReadToEndAsync(from, Db)).Rows().ToList();

        Assert.Equal(3, rows.Count);
        var r1 = rows[0];
        Assert.Equal(-128L, r1.Value("ti"));
        Assert.Equal(255UL, r1.Value("tiu"));
        Assert.Equal(-8388608L, r1.Value("mi"));
        Assert.Equal(16777215UL, r1.Value("miu"));
        Assert.Equal(4294967295UL, r1.Value("iu"));
        Assert.Equal(long.MinValue, r1.Value("bi"));
        Assert.Equal(ulong.MaxValue, r1.Value("biu"));
        Assert.Equal("-99999999999999999999999999999999999.999999999999999999999999999999", r1.Value("d65"));
        Assert.Equal("-9999999999", r1.Value("d10"));
        Assert.Equal("0.00001", r1.Value("d55"));
        Assert.Equal("-0.0001", r1.Value("d184"));
        Assert.Equal(-3.4028235e38f, r1.Value("f"));
        Assert.Equal(-1.7976931348623157e308, r1.Value("db"));
        Assert.Equal(1UL, r1.Value("b1"));
        Assert.Equal(ulong.MaxValue, r1.Value("b64"));
        Assert.Equal(0, r1.Value("y"));
        Assert.Equal("0000-00-00", r1.Value("dt0"));
        Assert.Equal("0000-00-00 00:00:00", r1.Value("dtm"));
        Assert.Equal("2024-00-15 23:59:59.999999", r1.Value("dtm6"));
        Assert.Equal("2038-01-19 03:14:07.999999", r1.Value("ts"));
        Assert.Equal("0000-00-00 00:00:00", r1.Value("ts0"));
        Assert.Equal("-838:59:59", r1.Value("tm"));
        Assert.Equal("-00:00:00.5", r1.Value("tm1"));
        Assert.Equal("-12:34:56.789", r1.Value("tm3"));
        Assert.Equal("838:59:59.000000", r1.Value("tm6"));
        Assert.Equal("abc"u8.ToArray(), r1.Value("c10"));
        Assert.Equal(Encoding.UTF8.GetBytes(new string('é', 255)), r1.Value("c300"));
        Assert.Equal(new byte[] { (byte)'c', (byte)'a', (byte)'f', 0xE9 }, r1.Value("vcl"));
        Assert.Equal(new byte[] { 1, 0, 0, 0, 0, 0, 0, 0 }, r1.Value("bn"));
        Assert.Equal(new byte[] { 0 }, r1.Value("vb"));
        Assert.Equal("τεστ 😀"u8.ToArray(), r1.Value("tx"));
        Assert.Equal(70000, ((byte[])r1.Value("mt")!).Length);
        Assert.Equal(3, r1.Value("e"));
        Assert.Equal(5UL, r1.Value("st"));
        Assert.Equal("""{"k": [1, 2.5, "s", null, true]}"""u8.ToArray(), r1.Value("j"));
        Assert.Equal(25, ((byte[])r1.Value("g")!).Length);
        var r2 = rows[1];
        Assert.Equal(2155, r2.Value("y"));
        Assert.Equal("-0.99999", r2.Value("d55"));
        Assert.Equal("12345678901234.5678", r2.Value("d184"));
        Assert.Equal("1970-01-01 00:00:01.000000", r2.Value("ts"));
        Assert.Equal("-00:00:00.000001", r2.Value("tm6"));
        Assert.Equal(new byte[8], r2.Value("bn"));
        Assert.All(rows[2].After!.Skip(1), Assert.Null);
        Assert.Contains(rows[0].Columns, c => c.Name == "biu" && c.IsUnsigned);
        Assert.Equal([0], rows[0].PrimaryKey);

        await WriteBackAsync(rows);
        Assert.Equal(await DumpAsync(ServerPair.SourceConnectionString), await DumpAsync(ServerPair.TargetConnectionString));
        Assert.Equal(await ChecksumAsync(ServerPair.SourceConnectionString), await ChecksumAsync(ServerPair.TargetConnectionString));
    }

    // What an applier does: one INSERT per row with every decoded value as a parameter.
    /// <summary>
    /// Regression (found by the online end-to-end test): MariaDB counts GEOMETRY columns among the character columns
    /// that TABLE_MAP's DEFAULT_CHARSET metadata indexes, MySQL does not; text columns after a GEOMETRY column got
    /// the wrong collation, or the event was refused as malformed.
    /// </summary>
    [Fact]
    public async Task Text_columns_after_geometry_columns_get_their_own_collations()
    {
        const string db = "fm_binlog_geo_cs";
        var from = await BinlogTestSupport.CreateTableAsync(db, """
            (id INT PRIMARY KEY, a VARCHAR(10) CHARACTER SET latin1, g GEOMETRY, b VARCHAR(10) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
             p POINT, c VARCHAR(10) CHARACTER SET latin1, bl BLOB, u UUID, d TEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci) ENGINE=InnoDB
            """);
        await ServerPair.ExecSourceAsync($"INSERT INTO {db}.t VALUES (1, 'a', POINT(1, 2), 'b', POINT(3, 4), 'c', X'00', UUID(), 'd')");

        var row = Assert.IsType<RowChange>(Assert.Single(Assert.Single(await BinlogTestSupport.ReadToEndAsync(from, db)).Changes));

        var expected = new Dictionary<string, int> { ["a"] = 8, ["b"] = 46, ["c"] = 8, ["d"] = 224, ["g"] = 63, ["p"] = 63, ["bl"] = 63 };
        foreach (var (column, collation) in expected)
        {
            Assert.Equal((column, collation), (column, row.Columns.Single(c => c.Name == column).CollationId));
        }

        Assert.Equal("d", Encoding.UTF8.GetString((byte[])row.After![8]!));
    }

    private static async Task WriteBackAsync(List<RowChange> rows)
    {
        await using var c = await ServerPair.OpenTargetAsync();
        await using (var session = new MySqlCommand("SET SESSION sql_mode = '', time_zone = '+00:00'", c))
        {
            await session.ExecuteNonQueryAsync();
        }

        foreach (var row in rows)
        {
            var names = string.Join(",", row.Columns.Select(x => $"`{x.Name}`"));
            var marks = string.Join(",", row.Columns.Select((_, i) => $"@p{i}"));
            await using var insert = new MySqlCommand($"INSERT INTO {Db}.t ({names}) VALUES ({marks})", c);
            for (var i = 0; i < row.Columns.Count; i++)
            {
                insert.Parameters.AddWithValue($"@p{i}", row.After![i]);
            }

            await insert.ExecuteNonQueryAsync();
        }
    }

    private static async Task<string> DumpAsync(string connectionString)
    {
        await using var c = new MySqlConnection(connectionString);
        await c.OpenAsync();
        await using (var tz = new MySqlCommand("SET time_zone = '+00:00'", c))
        {
            await tz.ExecuteNonQueryAsync();
        }

        var columns = new List<string>();
        await using (var cols = new MySqlCommand($"SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA='{Db}' AND TABLE_NAME='t' ORDER BY ORDINAL_POSITION", c))
        await using (var reader = await cols.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                columns.Add(reader.GetString(0));
            }
        }

        var select = string.Join(",", columns.Select(x => $"IFNULL(HEX(CAST(`{x}` AS BINARY)),'NULL')"));
        var sb = new StringBuilder();
        await using var cmd = new MySqlCommand($"SELECT CONCAT_WS('|', {select}) FROM {Db}.t ORDER BY id", c);
        await using var rows = await cmd.ExecuteReaderAsync();
        while (await rows.ReadAsync())
        {
            sb.AppendLine(rows.GetString(0));
        }

        return sb.ToString();
    }

    // CHECKSUM TABLE hashes the stored record bytes: it catches float/double bits that text renderings round.
    private static async Task<string> ChecksumAsync(string connectionString)
    {
        await using var c = new MySqlConnection(connectionString);
        await c.OpenAsync();
        await using var cmd = new MySqlCommand($"CHECKSUM TABLE {Db}.t", c);
        await using var reader = await cmd.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return Convert.ToString(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture)!;
    }
}
