using FlexMigrate.IntegrationTests.Infrastructure;

namespace FlexMigrate.IntegrationTests.Copy;

/// <summary>Every column type with its edge values survives the copy bit for bit.</summary>
public class ColumnTypeCopyTests
{
    private const string Db = "fm_copy_types";

    internal const string Table = """
        CREATE TABLE every_type (
          id INT PRIMARY KEY,
          ti TINYINT, tiu TINYINT UNSIGNED, si SMALLINT, siu SMALLINT UNSIGNED, mi MEDIUMINT, miu MEDIUMINT UNSIGNED,
          i INT, iu INT UNSIGNED, bi BIGINT, biu BIGINT UNSIGNED, zf INT(6) UNSIGNED ZEROFILL,
          dec65 DECIMAL(65,30), dec0 DECIMAL(10,0),
          f FLOAT, d DOUBLE, fp FLOAT(7,3),
          b1 BIT(1), b64 BIT(64),
          dt DATE, dtm DATETIME, dtm6 DATETIME(6), ts TIMESTAMP(6) NULL DEFAULT NULL, tm TIME, tm6 TIME(6), y YEAR,
          c CHAR(10), vc VARCHAR(100), vl VARCHAR(50) CHARACTER SET latin1, txt TEXT, mt MEDIUMTEXT CHARACTER SET latin1,
          lt LONGTEXT, cb CHAR(6) COLLATE utf8mb4_bin,
          bn BINARY(8), vb VARBINARY(64), tb TINYBLOB, bl BLOB, mb MEDIUMBLOB, lb LONGBLOB,
          e ENUM('a','b',''), s SET('x','y','z'),
          j JSON, g GEOMETRY, pt POINT,
          u UUID, ip INET6,
          gv INT AS (i + 1) VIRTUAL, gs VARCHAR(110) AS (UPPER(vc)) STORED
        ) ENGINE=InnoDB;
        """;

    private const string Columns =
        "id, ti, tiu, si, siu, mi, miu, i, iu, bi, biu, zf, dec65, dec0, f, d, fp, b1, b64, dt, dtm, dtm6, ts, tm, tm6, y, " +
        "c, vc, vl, txt, mt, lt, cb, bn, vb, tb, bl, mb, lb, e, s, j, g, pt, u, ip";

    // sql_mode '' so the source can hold zero dates, partial zero dates and the ENUM error value (index 0).
    internal static readonly string Rows = $$$"""
        SET SESSION sql_mode = '', SESSION time_zone = '+00:00';
        INSERT INTO every_type ({{{Columns}}}) VALUES
        (1, -128, 0, -32768, 0, -8388608, 0, -2147483648, 0, -9223372036854775808, 0, 0,
         -99999999999999999999999999999999999.999999999999999999999999999999, -9999999999,
         -3.4028234663852886e38, -1.7976931348623157e308, -9999.999,
         b'0', b'0', '1000-01-01', '1000-01-01 00:00:00', '1000-01-01 00:00:00.000000', '1970-01-01 00:00:01.000000',
         '-838:59:59', '-838:59:59.000000', 1901,
         'a', '', _latin1 X'E9', '', '', '', 'A',
         X'00', X'', X'', X'', X'', X'', 'a', '', '{}', ST_GeomFromText('POINT(0 0)'), ST_GeomFromText('POINT(-180 -90)', 4326),
         '00000000-0000-0000-0000-000000000000', '::'),
        (2, 127, 255, 32767, 65535, 8388607, 16777215, 2147483647, 4294967295, 9223372036854775807, 18446744073709551615, 999999,
         99999999999999999999999999999999999.999999999999999999999999999999, 9999999999,
         3.4028234663852886e38, 1.7976931348623157e308, 9999.999,
         b'1', b'1111111111111111111111111111111111111111111111111111111111111111',
         '9999-12-31', '9999-12-31 23:59:59', '9999-12-31 23:59:59.999999', '2038-01-19 03:14:07.999999',
         '838:59:59', '838:59:59.999999', 2155,
         'zzzzzzzzzz', REPEAT('z', 100), _latin1 X'FF', REPEAT('x', 65535), _latin1 X'00FF', 'long', 'Zz',
         X'FFFFFFFFFFFFFFFF', REPEAT(X'FF', 64), REPEAT(X'FF', 255), REPEAT(X'FF', 65535), X'FF', X'FF', 'b', 'x,y,z',
         '[1, 2.5, "x", null, true, {"k": "v"}]',
         ST_GeomFromText('POLYGON((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 3 2, 3 3, 2 2))'), ST_GeomFromText('POINT(180 90)', 4326),
         'ffffffff-ffff-ffff-ffff-ffffffffffff', 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff'),
        (3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
         0.000000000000000000000000000001, 0,
         1.401298464324817e-45, 4.9406564584124654e-324, 0.001,
         b'0', b'1', '0000-00-00', '0000-00-00 00:00:00', '2020-00-15 10:00:00.000001', '0000-00-00 00:00:00',
         '00:00:00', '-00:00:00.000001', 0,
         '', '', '', '', '', '', '',
         X'', X'00', X'00', X'00', X'00', X'00', 'not-a-member', '', '""', NULL, NULL,
         NULL, NULL),
        (4, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
         NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
         NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
        (5, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 42,
         0.1, 1,
         0.1, 0.1, 1.5,
         b'1', b'1000000000000000000000000000000000000000000000000000000000000001',
         '2020-02-00', '2020-02-29 12:34:56', '1969-12-31 23:59:59.999999', '1970-01-01 00:00:00.000001',
         '100:00:00', '-12:34:56.789012', 1970,
         'pad  ', 'trail  ', _latin1 X'E9E8E0A0', CONCAT('tab', CHAR(9), 'nl', CHAR(10), 'cr', CHAR(13), 'bs', CHAR(92), 'nul', CHAR(0), 'end'),
         _latin1 X'5C4E', '\\N', '😀',
         'ab', X'00FF5C0A090D4E00', X'5C4E', X'0A', X'09', X'5C', '', 'x,z',
         '{"emoji": "😀", "nul": "\\u0000", "nested": {"a": [1, {"b": null}]}}',
         ST_GeomFromText('GEOMETRYCOLLECTION(POINT(1 1), LINESTRING(0 0, 1 1))', 3857), ST_GeomFromText('POINT(1.5 -2.25)'),
         '123e4567-e89b-12d3-a456-426655440000', '2001:db8::ff00:42:8329'),
        (6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 16777217, 0.30000000000000004, 0, b'0', b'0',
         NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
         REPEAT(X'00FF5C0A090D', 600000), REPEAT(X'0A5C00', 1000000), NULL, NULL, NULL, NULL, NULL, NULL, NULL);
        """;

    [Fact]
    public async Task Every_type_with_edge_values_is_copied_bit_for_bit()
    {
        await CopyRunner.CreateOnBothAsync(Db, Table);
        await ServerPair.ExecSourceAsync($"USE {Db}; {Rows}");

        var (spec, chunks, rows) = await CopyRunner.CopyTableAsync(Db, "every_type", chunkRows: 2, estimatedRows: 6);

        Assert.DoesNotContain(spec.Columns, c => c.Name is "gv" or "gs");
        Assert.Equal(3, chunks.Count);
        Assert.Equal(6, rows);
        await TableFingerprint.AssertEqualAsync(Db, "every_type", 6);
    }

    [Fact]
    public async Task Float_double_and_decimal_extremes_read_back_identical()
    {
        const string db = Db + "_numbers";
        await CopyRunner.CreateOnBothAsync(db, "CREATE TABLE n (id INT PRIMARY KEY, f FLOAT, d DOUBLE, x DECIMAL(65,30))");
        await ServerPair.ExecSourceAsync($"""
            USE {db}; INSERT INTO n VALUES (1, 3.4028234663852886e38, 2.2250738585072014e-308, 12345678901234567890123456789012345.123456789012345678901234567890),
            (2, 1.1754943508222875e-38, 5e-324, -0.000000000000000000000000000001), (3, 0.1, 0.1, 1);
            """);

        await CopyRunner.CopyTableAsync(db, "n", chunkRows: 100);

        const string probe = "SELECT GROUP_CONCAT(CONCAT_WS(' ', id, CAST(f AS DOUBLE), d, x) ORDER BY id SEPARATOR ';') FROM n";
        var source = await ServerPair.ScalarAsync(ServerPair.SourceConnectionString, $"USE {db}; {probe}");
        var target = await ServerPair.ScalarAsync(ServerPair.TargetConnectionString, $"USE {db}; {probe}");
        Assert.Equal(
            "1 3.4028234663852886e38 2.2250738585072014e-308 12345678901234567890123456789012345.123456789012345678901234567890;" +
            "2 1.1754943508222875e-38 5e-324 -0.000000000000000000000000000001;3 0.10000000149011612 0.1 1.000000000000000000000000000000",
            source);
        Assert.Equal(source, target);
    }
}
