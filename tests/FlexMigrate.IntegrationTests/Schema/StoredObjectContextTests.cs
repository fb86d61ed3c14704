using FlexMigrate.Core.Metadata;
using FlexMigrate.Core.Schema;
using FlexMigrate.IntegrationTests.Infrastructure;

namespace FlexMigrate.IntegrationTests.Schema;

/// <summary>
/// Stored objects whose recorded settings the target cannot take as is: an sql_mode flag it does not know (as
/// NO_AUTO_CREATE_USER on MySQL 8.0) and a non-UTF-8 client character set with non-ASCII text.
/// </summary>
public sealed class StoredObjectContextTests
{
    private const string Db = "fm_schema_ctx";

    [Fact]
    public async Task Unknown_sql_mode_flags_and_non_utf8_client_charsets_are_worked_around_with_warnings()
    {
        await SchemaSession.ResetAsync(Db);
        await ServerPair.ExecTargetAsync($"CREATE DATABASE {Db}");
        var name = new ObjectName(Db, "p_ctx");
        var routine = new RoutineSchema(name, RoutineKind.Procedure, "root@localhost",
            "CREATE DEFINER=`root`@`localhost` PROCEDURE `p_ctx`() SELECT 'é' AS e, 'a' || 'b' AS j",
            new StoredObjectContext("PIPES_AS_CONCAT,FM_NOT_A_MODE", "latin1", "latin1_swedish_ci", "latin1_swedish_ci"));

        var notes = await new MetadataWriter(SchemaSession.Target, SchemaOptions.Default).CreateRoutinesAsync([routine]);

        Assert.Equal(
            [
                "Warning Created without sql_mode flag(s) FM_NOT_A_MODE, which the target does not know.",
                "Warning Created with character_set_client utf8mb4 instead of latin1: its text holds non-ASCII characters "
                    + "that only travel intact as UTF-8. String literals in its body now have character set utf8mb4.",
                "Info DEFINER `root`@`localhost` of procedure rewritten to the migration user (CURRENT_USER). Use "
                    + "--keep-definers to keep it (needs SUPER or SET_USER_ID on the target).",
            ],
            notes.Select(n => $"{n.Severity} {n.Message}"));
        Assert.All(notes, n => Assert.Equal("`fm_schema_ctx`.`p_ctx`", n.Object));
        Assert.Equal(
            "PIPES_AS_CONCAT|utf8mb4|utf8mb4_general_ci",
            await ServerPair.ScalarAsync(SchemaSession.Target,
                $"SELECT CONCAT_WS('|', SQL_MODE, CHARACTER_SET_CLIENT, COLLATION_CONNECTION) FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = '{Db}'"));
        Assert.Equal(
            "SELECT 'é' AS e, 'a' || 'b' AS j",
            await ServerPair.ScalarAsync(SchemaSession.Target,
                $"SELECT ROUTINE_DEFINITION FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = '{Db}'"));
    }
}
