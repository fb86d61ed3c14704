using FlexMigrate.Core.Metadata;
using FlexMigrate.Core.Schema;
using FlexMigrate.IntegrationTests.Infrastructure;

namespace FlexMigrate.IntegrationTests.Schema;

/// <summary>
/// A stored object whose sql_mode holds a flag the target does not know (as NO_AUTO_CREATE_USER on MySQL 8.0) is
/// created without it, with a note; its non-UTF-8 definition bytes and client character set arrive as they were.
/// </summary>
public sealed class StoredObjectContextTests
{
    private const string Db = "fm_schema_ctx";

    [Fact]
    public async Task Unknown_sql_mode_flags_are_dropped_with_a_note_and_latin1_bytes_stay_latin1()
    {
        await SchemaSession.ResetAsync(Db);
        await ServerPair.ExecTargetAsync($"CREATE DATABASE {Db}");
        var name = new ObjectName(Db, "p_ctx");
        var routine = new RoutineSchema(name, RoutineKind.Procedure, "root@localhost",
            System.Text.Encoding.Latin1.GetBytes("CREATE DEFINER=`root`@`localhost` PROCEDURE `p_ctx`() SELECT 'é' AS e, 'a' || 'b' AS j"),
            new StoredObjectContext("PIPES_AS_CONCAT,FM_NOT_A_MODE", "latin1", "latin1_swedish_ci", "latin1_swedish_ci"));

        var notes = await new MetadataWriter(SchemaSession.Target, SchemaOptions.Default).CreateRoutinesAsync([routine]);

        Assert.Equal(
            [
                "Warning Created without sql_mode flag FM_NOT_A_MODE, which the target does not know; check the object behaves the same.",
                "Info DEFINER `root`@`localhost` of procedure rewritten to the migration user (CURRENT_USER). Use "
                    + "--keep-definers to keep it (needs SUPER or SET_USER_ID on the target).",
            ],
            notes.Select(n => $"{n.Severity} {n.Message}"));
        Assert.All(notes, n => Assert.Equal("`fm_schema_ctx`.`p_ctx`", n.Object));
        Assert.Equal(
            "PIPES_AS_CONCAT|latin1|latin1_swedish_ci",
            await ServerPair.ScalarAsync(SchemaSession.Target,
                $"SELECT CONCAT_WS('|', SQL_MODE, CHARACTER_SET_CLIENT, COLLATION_CONNECTION) FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = '{Db}'"));
        Assert.Equal(
            "SELECT 'é' AS e, 'a' || 'b' AS j",
            await ServerPair.ScalarAsync(SchemaSession.Target,
                $"SELECT ROUTINE_DEFINITION FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = '{Db}'"));
        var stored = await Fidelity.StoredBytes.ShowCreateAsync(SchemaSession.Target, "PROCEDURE", Db, "p_ctx");
        Assert.EndsWith("SELECT 'é' AS e, 'a' || 'b' AS j", System.Text.Encoding.Latin1.GetString(stored.Definition), StringComparison.Ordinal);
    }
}
