using System.Text.Json;
using FlexMigrate.Cli;
using FlexMigrate.Cli.Commands;
using FlexMigrate.Core.Replication;
using FlexMigrate.IntegrationTests.Infrastructure;

namespace FlexMigrate.IntegrationTests.Replication;

/// <summary>
/// `flexmigrate replicate` end to end: a binlog range applied onto the target leaves it equal to the source, and the
/// counts are the online migration's (ReplicationTotals): rows include the child rows cascades deleted.
/// </summary>
public sealed class ReplicateCommandTests
{
    private const string Database = "fm_cascade_cli";
    private const string MigrationId = "fm_cascade_cli_test";

    private static async Task<(int Exit, string Out, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CliApplication.RunAsync(["replicate", .. args], new CommandConsole(output, error, IsInteractive: false));
        return (exit, output.ToString(), error.ToString());
    }

    private static async Task<string> SourcePositionAsync()
    {
        await using var source = await ServerPair.OpenSourceAsync();
        await using var command = new MySqlConnector.MySqlCommand("SHOW MASTER STATUS", source);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), "the source has no binlog (SHOW MASTER STATUS is empty)");
        return $"{reader.GetString(0)}:{reader.GetInt64(1)}";
    }

    [Fact]
    public async Task A_range_of_inserts_updates_deletes_and_cascades_is_applied_until_the_given_position()
    {
        await ServerPair.ResetDatabasesAsync(Database);
        var create = $"""
            CREATE DATABASE {Database};
            USE {Database};
            CREATE TABLE {Database}.item (id INT PRIMARY KEY, name VARCHAR(20), qty INT NOT NULL);
            INSERT INTO {Database}.item SELECT seq, CONCAT('n', seq), seq FROM seq_1_to_100;
            CREATE TABLE {Database}.note (id INT PRIMARY KEY, item_id INT NOT NULL,
              CONSTRAINT fk_note_item FOREIGN KEY (item_id) REFERENCES {Database}.item (id) ON DELETE CASCADE);
            INSERT INTO {Database}.note SELECT seq, 50 + seq % 5 FROM seq_1_to_10;
            """;
        await ServerPair.ExecSourceAsync(create);
        await ServerPair.ExecTargetAsync(create);
        var from = await SourcePositionAsync();
        await ServerPair.ExecSourceAsync($"""
            USE {Database};
            INSERT INTO {Database}.item SELECT seq, CONCAT('m', seq), 0 FROM seq_101_to_130;
            UPDATE {Database}.item SET qty = qty + 1 WHERE id <= 40;
            UPDATE {Database}.item SET id = 1000 WHERE id = 7;
            DELETE FROM {Database}.item WHERE id BETWEEN 50 AND 59;
            """);
        var until = await SourcePositionAsync();
        await HoldStateDatabaseAsync(from);

        var run = await RunAsync("--source", ServerPair.SourceConnectionString, "--target", ServerPair.TargetConnectionString,
            "--database", Database, "--from", from, "--until", until, "--idle-ms", "100", "--migration-id", MigrationId, "--json");

        Assert.True(run.Exit == ExitCodes.Success, run.Out + run.Error);
        using var summary = JsonDocument.Parse(run.Out);
        Assert.Equal(30, summary.RootElement.GetProperty("rowsInserted").GetInt64());
        Assert.Equal(41, summary.RootElement.GetProperty("rowsUpdated").GetInt64());
        Assert.Equal(10, summary.RootElement.GetProperty("rowsDeleted").GetInt64());
        Assert.Equal(10, summary.RootElement.GetProperty("cascadedRows").GetInt64());
        Assert.Equal(30 + 41 + 10 + 10, summary.RootElement.GetProperty("rows").GetInt64());
        foreach (var table in new[] { "item", "note" })
        {
            Assert.Equal(
                await TableFingerprint.OfAsync(ServerPair.SourceConnectionString, Database, table),
                await TableFingerprint.OfAsync(ServerPair.TargetConnectionString, Database, table));
        }

        Assert.Equal(0L, (await TableFingerprint.OfAsync(ServerPair.TargetConnectionString, Database, "note")).Rows);
        Assert.Equal(120L, (await TableFingerprint.OfAsync(ServerPair.TargetConnectionString, Database, "item")).Rows);
        await using var target = await ServerPair.OpenTargetAsync();
        await CheckpointStore.DropAsync(target, MigrationId, CancellationToken.None);
    }

    /// <summary>
    /// Stores this test's checkpoint at the start position before the command runs: other test classes drop the
    /// shared state database when they find no checkpoint row in it, which would pull it away mid-run.
    /// </summary>
    private static async Task HoldStateDatabaseAsync(string from)
    {
        await using var target = await ServerPair.OpenTargetAsync();
        await CheckpointStore.EnsureAsync(target, CancellationToken.None);
        await CheckpointStore.WriteAsync(target, null, MigrationId,
            new ReplicationCheckpoint(FlexMigrate.Core.Binlog.BinlogPosition.Parse(from), null), 0, CancellationToken.None);
    }

    [Fact]
    public async Task A_malformed_position_is_a_usage_error()
    {
        var run = await RunAsync("--source", ServerPair.SourceConnectionString, "--target", ServerPair.TargetConnectionString,
            "--database", Database, "--from", "mysql-bin.000001");

        Assert.Equal(ExitCodes.Usage, run.Exit);
        Assert.Contains("--from takes a binlog position", run.Error, StringComparison.Ordinal);
    }
}
