using FlexMigrate.Core.Copy;
using FlexMigrate.IntegrationTests.Infrastructure;

namespace FlexMigrate.IntegrationTests.Copy;

/// <summary>
/// Tables chunked on every kind of key are copied with no row lost or doubled: the chunk row counts add up to the
/// table's and the ordered row hashes match on both servers.
/// </summary>
public class KeyChunkingCopyTests
{
    private const long Rows = 3_000;

    [Theory]
    [InlineData("fm_copy_key_composite", "a INT NOT NULL, b VARCHAR(20) NOT NULL, v INT, PRIMARY KEY (a, b)",
        "seq % 7, CONCAT('k', seq), seq")]
    [InlineData("fm_copy_key_varchar_ci", "k VARCHAR(30) COLLATE utf8mb4_general_ci PRIMARY KEY, v INT",
        "CONCAT(ELT(seq % 6 + 1, 'a', 'Ä', 'b', 'ß', 'é', 'Z'), seq, IF(seq % 3 = 0, '  ', '')), seq")]
    [InlineData("fm_copy_key_latin1", "k VARCHAR(30) CHARACTER SET latin1 PRIMARY KEY, v INT",
        "CONCAT(ELT(seq % 4 + 1, _latin1 X'E9', 'e', _latin1 X'C9', 'f'), seq), seq")]
    [InlineData("fm_copy_key_binary", "k VARBINARY(16) PRIMARY KEY, v INT", "UNHEX(MD5(seq)), seq")]
    [InlineData("fm_copy_key_binary_padded", "k BINARY(4) PRIMARY KEY, v INT", "UNHEX(LPAD(HEX(seq * 16), 4, '0')), seq")]
    [InlineData("fm_copy_key_decimal", "k DECIMAL(20,6) PRIMARY KEY, v INT", "seq * 1.000001 - 1500, seq")]
    [InlineData("fm_copy_key_datetime", "k DATETIME(6) PRIMARY KEY, v INT",
        "TIMESTAMP('1999-12-31 23:00:00') + INTERVAL seq * 37 SECOND + INTERVAL seq MICROSECOND, seq")]
    [InlineData("fm_copy_key_time", "k TIME(6) PRIMARY KEY, v INT", "SEC_TO_TIME(CAST(seq AS SIGNED) * 997 - 1500000) + INTERVAL seq MICROSECOND, seq")]
    [InlineData("fm_copy_key_sparse", "k BIGINT UNSIGNED PRIMARY KEY, v INT", "seq * 6148914691236517, seq")]
    [InlineData("fm_copy_key_unique", "u VARCHAR(20) NOT NULL, n INT NULL, v INT, UNIQUE KEY (n), UNIQUE KEY (u)",
        "CONCAT('u', seq), seq, seq")]
    public async Task Chunks_cover_the_table_without_gap_or_overlap(string db, string columns, string select)
    {
        await CopyRunner.CreateOnBothAsync(db, $"CREATE TABLE t ({columns})");
        await ServerPair.ExecSourceAsync($"USE {db}; INSERT INTO t SELECT {select} FROM seq_1_to_{Rows}");

        var (spec, chunks, rows) = await CopyRunner.CopyTableAsync(db, "t", chunkRows: 250, estimatedRows: Rows);

        Assert.True(spec.HasKey);
        Assert.Equal(12, chunks.Count);
        Assert.Equal(Rows, rows);
        await TableFingerprint.AssertEqualAsync(db, "t", Rows);
    }

    [Fact]
    public async Task A_table_without_a_usable_key_is_copied_whole_and_a_second_copy_replaces_the_first()
    {
        const string db = "fm_copy_keyless";
        await CopyRunner.CreateOnBothAsync(db, "CREATE TABLE t (n INT NULL, v VARCHAR(10), UNIQUE KEY (n))");
        await ServerPair.ExecSourceAsync($"USE {db}; INSERT INTO t SELECT NULL, seq % 10 FROM seq_1_to_500");

        var (spec, chunks, _) = await CopyRunner.CopyTableAsync(db, "t", chunkRows: 100, estimatedRows: 500);
        var again = await new TableCopier().CopyChunkAsync(ServerPair.SourceConnectionString, ServerPair.TargetConnectionString,
            spec, chunks[0]);

        Assert.False(spec.HasKey);
        Assert.Equal([CopyChunk.Whole], chunks);
        Assert.Equal(500, again.Rows);
        await TableFingerprint.AssertEqualAsync(db, "t", 500);
    }

    [Fact]
    public async Task A_20_MB_row_is_copied_and_a_row_over_the_limit_fails_naming_table_and_key()
    {
        const string db = "fm_copy_big_row";
        await CopyRunner.CreateOnBothAsync(db, "CREATE TABLE t (id INT PRIMARY KEY, b LONGBLOB)");
        await ServerPair.ExecSourceAsync(
            $"USE {db}; INSERT INTO t VALUES (1, 'small'), (2, REPEAT(X'000A5C09FF', 4194304)), (3, NULL)");

        var (spec, _, rows) = await CopyRunner.CopyTableAsync(db, "t", chunkRows: 1_000);
        await TableFingerprint.AssertEqualAsync(db, "t", 3);
        Assert.Equal(3, rows);

        var limited = new TableCopier { MaxRowBytesOverride = 1 << 20 };
        var error = await Assert.ThrowsAsync<RowTooLargeException>(() => limited.CopyChunkAsync(
            ServerPair.SourceConnectionString, ServerPair.TargetConnectionString, spec, CopyChunk.Whole));
        Assert.Contains("fm_copy_big_row.t", error.Message, StringComparison.Ordinal);
        Assert.Contains("(id=2)", error.Message, StringComparison.Ordinal);
        // "2" and the 20 MiB value, each with its separator.
        Assert.Equal(2 + 20_971_520 + 1, error.RowBytes);
    }
}
