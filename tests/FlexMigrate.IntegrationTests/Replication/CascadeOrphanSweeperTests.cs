using FlexMigrate.Core.Replication;
using FlexMigrate.IntegrationTests.Infrastructure;
using MySqlConnector;

namespace FlexMigrate.IntegrationTests.Replication;

/// <summary>
/// Regression for the data bug the online end-to-end test found: a parent delete cascaded on the source through a
/// child the copy took AFTER the delete to a grandchild it took BEFORE; replay has no child on the target to follow,
/// so the grandchild stayed. The target here is built in exactly that mixed state, with the source's own legitimate
/// orphans (written with foreign_key_checks=0) next to it, which the sweep must keep.
/// </summary>
public sealed class CascadeOrphanSweeperTests
{
    private const string Db = "fm_repl_sweep";

    private const string Schema = $"""
        CREATE DATABASE {Db};
        CREATE TABLE {Db}.parent (id INT PRIMARY KEY);
        CREATE TABLE {Db}.child (id INT PRIMARY KEY, parent_id INT NOT NULL,
          CONSTRAINT fk_c FOREIGN KEY (parent_id) REFERENCES {Db}.parent (id) ON DELETE CASCADE);
        CREATE TABLE {Db}.grandchild (id INT PRIMARY KEY, child_id INT NOT NULL,
          CONSTRAINT fk_g FOREIGN KEY (child_id) REFERENCES {Db}.child (id) ON DELETE CASCADE);
        CREATE TABLE {Db}.note (id INT PRIMARY KEY, parent_id INT NULL,
          CONSTRAINT fk_n FOREIGN KEY (parent_id) REFERENCES {Db}.parent (id) ON DELETE SET NULL);
        """;

    [Fact]
    public async Task Orphans_the_source_does_not_have_are_deleted_or_re_pointed_and_the_sources_own_orphans_stay()
    {
        await ServerPair.ResetDatabasesAsync(Db);
        await ServerPair.ExecSourceAsync(Schema + $"""
            INSERT INTO {Db}.parent VALUES (1);
            INSERT INTO {Db}.child VALUES (10, 1);
            INSERT INTO {Db}.grandchild VALUES (100, 10);
            INSERT INTO {Db}.note VALUES (1000, NULL);
            SET SESSION foreign_key_checks = 0;
            INSERT INTO {Db}.grandchild VALUES (102, 12);
            INSERT INTO {Db}.note VALUES (1001, 3);
            """);
        // The target as catch-up leaves it: child 11 and parent 2 were deleted on the source (cascading to grandchild
        // 101, its grandchild 1010 one level further, and setting note 1000 to NULL) after the copy took the
        // grandchildren and notes but before it took the children and parents.
        await ServerPair.ExecTargetAsync(Schema + $"""
            SET SESSION foreign_key_checks = 0;
            CREATE TABLE {Db}.great (id INT PRIMARY KEY, grandchild_id INT NOT NULL);
            INSERT INTO {Db}.parent VALUES (1);
            INSERT INTO {Db}.child VALUES (10, 1);
            INSERT INTO {Db}.grandchild VALUES (100, 10), (101, 11), (102, 12);
            INSERT INTO {Db}.note VALUES (1000, 2), (1001, 3);
            """);
        await ServerPair.ExecSourceAsync($"""
            CREATE TABLE {Db}.great (id INT PRIMARY KEY, grandchild_id INT NOT NULL,
              CONSTRAINT fk_x FOREIGN KEY (grandchild_id) REFERENCES {Db}.grandchild (id) ON DELETE CASCADE);
            """);
        await ServerPair.ExecTargetAsync($"INSERT INTO {Db}.great VALUES (1010, 101)");

        var (deleted, updated) = await new CascadeOrphanSweeper(ServerPair.SourceConnectionString, ServerPair.TargetConnectionString)
            .SweepAsync([Db]);

        Assert.Equal((2L, 1L), (deleted, updated));
        Assert.Equal("100:10,102:12", await RowsAsync("SELECT id, child_id FROM grandchild ORDER BY id"));
        Assert.Equal("", await RowsAsync("SELECT id, grandchild_id FROM great ORDER BY id"));
        Assert.Equal("1000:NULL,1001:3", await RowsAsync("SELECT id, parent_id FROM note ORDER BY id"));
        Assert.Equal("10:1", await RowsAsync("SELECT id, parent_id FROM child ORDER BY id"));

        // A second sweep finds nothing: the activity may be retried.
        Assert.Equal((0L, 0L), await new CascadeOrphanSweeper(ServerPair.SourceConnectionString, ServerPair.TargetConnectionString).SweepAsync([Db]));
    }

    private static async Task<string> RowsAsync(string sql)
    {
        await using var connection = new MySqlConnection(ServerPair.TargetConnectionString);
        await connection.OpenAsync();
        await connection.ChangeDatabaseAsync(Db);
        await using var command = new MySqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add($"{reader.GetValue(0)}:{(reader.IsDBNull(1) ? "NULL" : reader.GetValue(1))}");
        }

        return string.Join(",", rows);
    }
}
