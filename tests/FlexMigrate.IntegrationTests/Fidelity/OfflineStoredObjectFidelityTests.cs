using FlexMigrate.IntegrationTests.Infrastructure;
using FlexMigrate.Orchestration.Contracts;

namespace FlexMigrate.IntegrationTests.Fidelity;

/// <summary>
/// The offline migration of the whole <see cref="StoredObjectMatrix"/> (100 objects made by latin1, utf8mb3, utf8mb4,
/// gbk and sjis clients under four sql_modes), plus a table whose definition carries bytes a UTF-8 reader loses: every
/// object's stored bytes and session equal the source's (read as mysqldump reads them), every object writes the same
/// bytes when run, and the migration's validation agrees. The database's collation changed after the objects were made,
/// so their recorded database collation differs from the database's.
/// </summary>
public sealed class OfflineStoredObjectFidelityTests
{
    private const string Db = "fm_fidelity_offline";

    [Fact]
    public async Task Every_object_keeps_its_bytes_session_and_behaviour()
    {
        await ServerPair.ResetDatabasesAsync(Db);
        await ServerPair.ExecSourceAsync(StoredObjectMatrix.Tables(Db));
        // The events are enabled and due every second: from their creation until the validation has compared out_t,
        // neither server's scheduler may run them (other tests switch it on to run theirs).
        var report = await StoredObjectMatrix.WithSchedulerOffAsync(async () =>
        {
            foreach (var charset in StoredObjectMatrix.Charsets)
            {
                await MariaDbClient.RunAsync(ServerPair.SourceConnectionString, charset.Name, StoredObjectMatrix.Script(Db, charset));
            }

            await MariaDbClient.RunAsync(ServerPair.SourceConnectionString, "latin1", LegacyTable);
            await ServerPair.ExecSourceAsync($"ALTER DATABASE {Db} CHARACTER SET latin1 COLLATE latin1_swedish_ci");
            return InProcessMigration.ReportOf(await InProcessMigration.RunAsync(InProcessMigration.Request([Db]), timeout: TimeSpan.FromMinutes(5)));
        });

        Assert.True(report.Validation!.Schema.IsEqual, string.Join("\n", report.Validation.Schema.Differences.Select(d => $"{d.ObjectType} {d.Name} {d.Attribute}: {d.Source} / {d.Target}")));
        Assert.Equal(MigrationOutcome.Succeeded, report.Outcome);
        Assert.DoesNotContain(report.Notes, n => n.Message.Contains("sql_mode", StringComparison.Ordinal) || n.Message.Contains("said", StringComparison.Ordinal));
        await FidelityAssert.StoredObjectsEqualAsync(Db);
        await FidelityAssert.TableBytesEqualAsync(Db, "legacy");
        await FidelityAssert.BehaviourEqualAsync(Db);
    }

    /// <summary>
    /// Made by a latin1 client: a BINARY default that is not UTF-8 (MariaDB prints it raw in SHOW CREATE TABLE), a
    /// latin1 column comment, a table comment with a backslash.
    /// </summary>
    private static byte[] LegacyTable => StoredObjectMatrix.Encode("latin1", $"""
        USE {Db};
        CREATE TABLE legacy (id INT NOT NULL PRIMARY KEY, b BINARY(2) NOT NULL DEFAULT 0xFF01, vb VARBINARY(4) DEFAULT 0xFE5C27,
          c VARCHAR(10) CHARACTER SET latin1 DEFAULT 'café' COMMENT 'Größe in café', u VARCHAR(10) CHARACTER SET utf8mb4 DEFAULT 'ü\\x')
          COMMENT 'path C:\\temp\\new ''quoted'' é';
        INSERT INTO legacy (id) VALUES (1);
        """);
}
