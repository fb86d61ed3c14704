using FlexMigrate.Core.Copy;
using FlexMigrate.IntegrationTests.Infrastructure;

namespace FlexMigrate.IntegrationTests.Copy;

public class IntegerKeyCopyTests
{
    private const string Db = "fm_copy_int";

    [Fact]
    public async Task Dense_integer_key_is_split_arithmetically_and_copied_exactly()
    {
        await CopyRunner.CreateOnBothAsync(Db, "CREATE TABLE dense (id BIGINT PRIMARY KEY, v VARCHAR(40), n INT)");
        await ServerPair.ExecSourceAsync(
            $"USE {Db}; INSERT INTO dense SELECT seq, CONCAT('row-', seq), seq % 97 FROM seq_1_to_20000");

        var (spec, chunks, rows) = await CopyRunner.CopyTableAsync(Db, "dense", chunkRows: 1_000, estimatedRows: 20_000);

        Assert.Equal(["id"], spec.KeyColumns.Select(c => c.Name));
        Assert.Equal(20, chunks.Count);
        Assert.Equal(20_000, rows);
        await TableFingerprint.AssertEqualAsync(Db, "dense", 20_000);
    }

    [Fact]
    public async Task A_chunk_copied_twice_leaves_no_duplicate()
    {
        const string db = Db + "_twice";
        await CopyRunner.CreateOnBothAsync(db, "CREATE TABLE t (id INT UNSIGNED PRIMARY KEY, v VARCHAR(20))");
        await ServerPair.ExecSourceAsync($"USE {db}; INSERT INTO t SELECT seq, seq FROM seq_1_to_5000");
        var (spec, chunks, _) = await CopyRunner.CopyTableAsync(db, "t", chunkRows: 1_000, estimatedRows: 5_000);

        var progress = new LastProgress();
        var again = await new TableCopier().CopyChunkAsync(ServerPair.SourceConnectionString, ServerPair.TargetConnectionString,
            spec, chunks[2], progress);

        Assert.Equal(1_000, again.Rows);
        Assert.Equal(new CopyProgress(again.Rows, again.Bytes), progress.Last);
        await TableFingerprint.AssertEqualAsync(db, "t", 5_000);
    }

    /// <summary>Keeps the last report synchronously (Progress&lt;T&gt; would post it later on the thread pool).</summary>
    private sealed class LastProgress : IProgress<CopyProgress>
    {
        public CopyProgress? Last { get; private set; }

        public void Report(CopyProgress value) => Last = value;
    }
}
