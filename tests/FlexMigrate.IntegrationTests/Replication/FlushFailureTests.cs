using System.Text.RegularExpressions;
using FlexMigrate.Core.Binlog;
using FlexMigrate.Core.Replication;
using FlexMigrate.IntegrationTests.Infrastructure;
using MySqlConnector;

namespace FlexMigrate.IntegrationTests.Replication;

/// <summary>
/// Writes the target refuses before a group's commit fail as the commit does (<see cref="ReplicationCommitException"/>):
/// the message names the binlog range, what was being written, the target and the server's error, and nothing of the
/// group commits. One source transaction of 25,000 rows fills a table's buffer (20,000 rows) and flushes it while the
/// transaction is still being read; a constraint only the target has refuses row 17 in that flush.
/// </summary>
[Collection(ReplicationTestKit.Collection)]
public sealed class FlushFailureTests
{
    private const int Rows = 25_000;
    private const int Held = 17;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task A_mid_transaction_flush_the_target_refuses_names_the_range_the_table_and_the_target_and_commits_nothing(int threads)
    {
        var db = $"fm_repl_flush_fail_{threads}";
        await ServerPair.ResetDatabasesAsync(db);
        const string table = "CREATE TABLE t (id INT PRIMARY KEY, v INT NOT NULL)";
        await ServerPair.ExecSourceAsync($"CREATE DATABASE {db}; USE {db}; {table}");
        await ServerPair.ExecTargetAsync($"CREATE DATABASE {db}; USE {db}; {table}; ALTER TABLE t ADD CONSTRAINT not_{Held} CHECK (v <> {Held})");
        var p0 = await ReplicationTestKit.SourceEndAsync();
        await ServerPair.ExecSourceAsync($"USE {db}; INSERT INTO t SELECT seq, seq FROM seq_1_to_{Rows}");
        var end = await ReplicationTestKit.SourceEndAsync();
        var ends = await ReplicationTestKit.TransactionEndsAsync(db, p0, end);
        Assert.Single(ends);
        var applier = ReplicationTestKit.Applier(db, new ReplicationScope([db], [], []), group: 5, threads: threads);
        await applier.DropStateAsync();

        var failure = await Assert.ThrowsAsync<ReplicationCommitException>(
            () => ReplicationTestKit.ApplyUntilAsync(applier, new ReplicationCheckpoint(p0, null), end));

        // The flush, not the commit: only a write inside the open group says what it was writing.
        Assert.Contains($"writing rows of `{db}`.`t`", failure.Message, StringComparison.Ordinal);
        Assert.Contains($":{new MySqlConnectionStringBuilder(ServerPair.TargetConnectionString).Port} failed", failure.Message, StringComparison.Ordinal);
        Assert.Contains($"not_{Held}", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Fix the cause on the target", failure.Message, StringComparison.Ordinal);
        Assert.Contains($"not_{Held}", Assert.IsType<MySqlException>(failure.InnerException).Message, StringComparison.Ordinal);
        var range = Regex.Match(failure.Message, @"after (\S+) up to (\S+) on the target");
        Assert.True(range.Success, failure.Message);
        // Other tests write to the source meanwhile: the checkpoint may have passed their transactions, never this one.
        var from = BinlogPosition.Parse(range.Groups[1].Value);
        Assert.True(from >= p0 && from < ends[0], failure.Message);
        Assert.Equal(ends[0], BinlogPosition.Parse(range.Groups[2].Value));
        Assert.Equal(0, applier.Reconnects);
        Assert.True((await applier.ReadCheckpointAsync())?.Position is not { } stored || stored == from, "the checkpoint is not where the failure says it stays");
        Assert.Equal(0L, await ReplicationTestKit.CountAsync(ServerPair.TargetConnectionString, $"SELECT COUNT(*) FROM {db}.t"));

        await ServerPair.ExecTargetAsync($"ALTER TABLE {db}.t DROP CONSTRAINT not_{Held}");
        var (_, sum) = await ReplicationTestKit.ApplyUntilAsync(applier, new ReplicationCheckpoint(p0, null), end);

        Assert.Equal(Rows, sum.RowsInserted);
        await ReplicationTestKit.AssertSameAsync(db, "t");
    }
}
