using FlexMigrate.Core.Copy;
using FlexMigrate.Core.Replication;
using FlexMigrate.Core.Validation;
using FlexMigrate.IntegrationTests.Infrastructure;

namespace FlexMigrate.IntegrationTests.Schema;

/// <summary>
/// The copy, validation and replication read a table's columns and key through one reader and one key rule. Before,
/// each had its own: for a table without a primary key and two usable UNIQUE keys, the copy took the narrower one,
/// validation and replication the alphabetically first.
/// </summary>
public sealed class RowIdentityTests
{
    private const string Db = "fm_row_identity";

    [Fact]
    public async Task Copy_validation_and_replication_choose_the_same_key()
    {
        await ServerPair.ResetDatabasesAsync(Db);
        await ServerPair.ExecSourceAsync($"""
            CREATE DATABASE {Db};
            CREATE TABLE {Db}.t (
              x INT NOT NULL, y INT NOT NULL, z VARCHAR(10) NOT NULL, n INT NULL, g INT AS (x + 1) STORED,
              UNIQUE KEY a_wide (x, y), UNIQUE KEY b_nullable (n), UNIQUE KEY c_generated (g), UNIQUE KEY z_narrow (z));
            INSERT INTO {Db}.t (x, y, z) VALUES (1, 2, 'a'), (3, 4, 'b');
            ANALYZE TABLE {Db}.t;
            """);

        var copy = await CopyTableSpecReader.ReadAsync(ServerPair.SourceConnectionString, Db, "t");
        await using var connection = await ServerPair.OpenSourceAsync();
        var validation = await TableShapeReader.ReadAsync(connection, new TableRef(Db, "t"), CancellationToken.None);
        await using var target = await ServerPair.OpenTargetAsync();
        var replication = await new ReplicatedTableReader(connection, target).GetAsync(Db, "t", null, CancellationToken.None);

        Assert.Equal(["z"], copy.KeyColumns.Select(c => c.Name));
        Assert.Equal(["x", "y", "z", "n"], copy.Columns.Select(c => c.Name));
        Assert.Equal(["z"], validation!.KeyColumns);
        Assert.Equal(["z"], replication.KeyColumns);
        Assert.Equal(["g"], replication.GeneratedColumns);
        Assert.Equal(2, copy.EstimatedRows);
    }

    [Fact]
    public async Task A_prefix_key_identifies_rows_for_validation_and_replication_but_does_not_bound_copy_chunks()
    {
        await ServerPair.ResetDatabasesAsync(Db);
        await ServerPair.ExecSourceAsync($"""
            CREATE DATABASE {Db};
            CREATE TABLE {Db}.p (k VARCHAR(40) NOT NULL, v INT, UNIQUE KEY k_prefix (k(8)));
            """);

        var copy = await CopyTableSpecReader.ReadAsync(ServerPair.SourceConnectionString, Db, "p");
        await using var connection = await ServerPair.OpenSourceAsync();
        var validation = await TableShapeReader.ReadAsync(connection, new TableRef(Db, "p"), CancellationToken.None);
        await using var target = await ServerPair.OpenTargetAsync();
        var replication = await new ReplicatedTableReader(connection, target).GetAsync(Db, "p", null, CancellationToken.None);

        Assert.Empty(copy.KeyColumns);
        Assert.Equal(["k"], validation!.KeyColumns);
        Assert.True(validation.KeyHasPrefix);
        Assert.Equal(["k"], replication.KeyColumns);
    }
}
