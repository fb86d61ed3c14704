using FlexMigrate.Core.Schema;
using FlexMigrate.Core.Validation;
using FlexMigrate.IntegrationTests.Infrastructure;
using FlexMigrate.IntegrationTests.Schema;

namespace FlexMigrate.IntegrationTests.Fidelity;

/// <summary>
/// Validation sees every attribute of a stored object: objects migrated exactly compare equal; then one attribute per
/// object is changed on the target (the same text from another client character set, another sql_mode, another
/// collation, security type, status, schedule, time zone, comment) and each is reported naming object and attribute.
/// </summary>
public sealed class StoredObjectValidationTests
{
    private const string Db = "fm_fidelity_validate";

    private static readonly string Objects = $"""
        USE {Db};
        CREATE TABLE t (id INT NOT NULL PRIMARY KEY);
        SET SESSION sql_mode = 'STRICT_TRANS_TABLES';
        DELIMITER ;;
        CREATE PROCEDURE p_charset() SELECT 'café';;
        CREATE PROCEDURE p_mode() SELECT 1;;
        CREATE PROCEDURE p_security() SQL SECURITY DEFINER SELECT 1;;
        CREATE PROCEDURE p_body() SELECT 'a';;
        CREATE FUNCTION f_collation() RETURNS INT DETERMINISTIC RETURN 1;;
        CREATE FUNCTION f_db() RETURNS TEXT DETERMINISTIC RETURN 'x';;
        CREATE VIEW v_security AS SELECT 1 AS a;;
        CREATE VIEW v_charset AS SELECT 'é' AS a;;
        CREATE TRIGGER tr_mode BEFORE INSERT ON t FOR EACH ROW SET @fm_x = 1;;
        CREATE EVENT e_status ON SCHEDULE EVERY 1 DAY STARTS '2030-01-01 00:00:00' ENABLE DO SELECT 1;;
        CREATE EVENT e_schedule ON SCHEDULE EVERY 1 DAY STARTS '2030-01-01 00:00:00' DISABLE DO SELECT 1;;
        CREATE EVENT e_comment ON SCHEDULE EVERY 1 DAY STARTS '2030-01-01 00:00:00' DISABLE COMMENT 'nightly' DO SELECT 1;;
        SET time_zone = '+05:30';;
        CREATE EVENT e_tz ON SCHEDULE EVERY 1 DAY STARTS '2030-01-01 00:00:00' DISABLE DO SELECT 1;;
        DELIMITER ;
        """;

    /// <summary>Each object re-made on the target with one attribute changed; the rest of its session as the source's.</summary>
    private static readonly (string Charset, string Sql)[] Tampering =
    [
        ("utf8mb4", "DROP PROCEDURE p_charset;; CREATE PROCEDURE p_charset() SELECT 'café';;"),
        ("latin1", "SET sql_mode = 'STRICT_ALL_TABLES';; DROP PROCEDURE p_mode;; CREATE PROCEDURE p_mode() SELECT 1;;"),
        ("latin1", "DROP PROCEDURE p_security;; CREATE PROCEDURE p_security() SQL SECURITY INVOKER SELECT 1;;"),
        ("latin1", "DROP PROCEDURE p_body;; CREATE PROCEDURE p_body() SELECT 'b';;"),
        ("latin1", "SET collation_connection = latin1_bin;; DROP FUNCTION f_collation;; CREATE FUNCTION f_collation() RETURNS INT DETERMINISTIC RETURN 1;;"),
        ("latin1", $"ALTER DATABASE {Db} CHARACTER SET latin1;; DROP FUNCTION f_db;; CREATE FUNCTION f_db() RETURNS TEXT DETERMINISTIC RETURN 'x';; ALTER DATABASE {Db} CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci;;"),
        ("latin1", "CREATE OR REPLACE SQL SECURITY INVOKER VIEW v_security AS SELECT 1 AS a;;"),
        ("utf8mb4", "CREATE OR REPLACE VIEW v_charset AS SELECT 'é' AS a;;"),
        ("latin1", "SET sql_mode = '';; DROP TRIGGER tr_mode;; CREATE TRIGGER tr_mode BEFORE INSERT ON t FOR EACH ROW SET @fm_x = 1;;"),
        ("latin1", "DROP EVENT e_status;; CREATE EVENT e_status ON SCHEDULE EVERY 1 DAY STARTS '2030-01-01 00:00:00' DISABLE DO SELECT 1;;"),
        ("latin1", "DROP EVENT e_schedule;; CREATE EVENT e_schedule ON SCHEDULE EVERY 2 DAY STARTS '2030-01-01 00:00:00' DISABLE DO SELECT 1;;"),
        ("latin1", "DROP EVENT e_comment;; CREATE EVENT e_comment ON SCHEDULE EVERY 1 DAY STARTS '2030-01-01 00:00:00' DISABLE COMMENT 'weekly' DO SELECT 1;;"),
        ("latin1", "DROP EVENT e_tz;; CREATE EVENT e_tz ON SCHEDULE EVERY 1 DAY STARTS '2030-01-01 00:00:00' DISABLE DO SELECT 1;;"),
        ("latin1", $"ALTER DATABASE {Db} COMMENT 'other';;"),
    ];

    [Fact]
    public async Task An_exact_target_is_clean_and_each_changed_attribute_is_named()
    {
        await SchemaSession.ResetAsync(Db);
        await ServerPair.ExecSourceAsync($"CREATE DATABASE {Db} CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci COMMENT 'orders'");
        await MariaDbClient.RunAsync(ServerPair.SourceConnectionString, "latin1", StoredObjectMatrix.Encode("latin1", Objects));
        var schema = await new SchemaReader(SchemaSession.Source).ReadAsync(SchemaSelection.Create([Db]));
        await SchemaMigrationRunner.RunAsync(schema, SchemaOptions.Default);

        var clean = await CompareAsync();
        Assert.True(clean.IsEqual, string.Join("\n", clean.Differences.Select(Describe)));

        foreach (var (charset, sql) in Tampering)
        {
            var script = $"USE {Db};\nSET sql_mode = 'STRICT_TRANS_TABLES';\nDELIMITER ;;\n{sql}\nDELIMITER ;\n";
            await MariaDbClient.RunAsync(ServerPair.TargetConnectionString, charset, StoredObjectMatrix.Encode(charset, script));
        }

        var tampered = await CompareAsync();

        Assert.Equal(
            [
                "database fm_fidelity_validate comment: orders / other",
                "event fm_fidelity_validate.e_comment comment: nightly / weekly",
                "event fm_fidelity_validate.e_comment definition",
                "event fm_fidelity_validate.e_schedule definition",
                "event fm_fidelity_validate.e_schedule interval_value: 1 / 2",
                "event fm_fidelity_validate.e_status definition",
                "event fm_fidelity_validate.e_status status: ENABLED / DISABLED",
                "event fm_fidelity_validate.e_tz time_zone: +05:30 / SYSTEM",
                "function fm_fidelity_validate.f_collation collation_connection: latin1_swedish_ci / latin1_bin",
                "function fm_fidelity_validate.f_db database_collation: utf8mb4_general_ci / latin1_swedish_ci",
                "function fm_fidelity_validate.f_db definition",
                "function fm_fidelity_validate.f_db returns_character_set: utf8mb4 / latin1",
                "function fm_fidelity_validate.f_db returns_collation: utf8mb4_general_ci / latin1_swedish_ci",
                "procedure fm_fidelity_validate.p_body definition",
                "procedure fm_fidelity_validate.p_charset character_set_client: latin1 / utf8mb4",
                "procedure fm_fidelity_validate.p_charset collation_connection: latin1_swedish_ci / utf8mb4_general_ci",
                "procedure fm_fidelity_validate.p_charset definition",
                "procedure fm_fidelity_validate.p_mode sql_mode: STRICT_TRANS_TABLES / STRICT_ALL_TABLES",
                "procedure fm_fidelity_validate.p_security definition",
                "procedure fm_fidelity_validate.p_security security_type: DEFINER / INVOKER",
                "trigger fm_fidelity_validate.tr_mode sql_mode: STRICT_TRANS_TABLES / ",
                "view fm_fidelity_validate.v_charset character_set_client: latin1 / utf8mb4",
                "view fm_fidelity_validate.v_charset collation_connection: latin1_swedish_ci / utf8mb4_general_ci",
                "view fm_fidelity_validate.v_charset definition",
                "view fm_fidelity_validate.v_security definition",
                "view fm_fidelity_validate.v_security security_type: DEFINER / INVOKER",
            ],
            tampered.Differences.Select(Describe).Order(StringComparer.Ordinal));
        var charsetDefinition = tampered.Differences.Single(d => d.Name.EndsWith("p_charset", StringComparison.Ordinal) && d.Attribute == "definition");
        // The same text on both sides, other bytes: the report shows the text and the bytes.
        Assert.Matches("SELECT 'café' \\[bytes [0-9A-F]*27636166E927\\]$", charsetDefinition.Source);
        Assert.Matches("SELECT 'café' \\[bytes [0-9A-F]*27636166C3A927\\]$", charsetDefinition.Target);
    }

    private static Task<SchemaComparison> CompareAsync() =>
        SchemaComparer.CompareAsync(SchemaSession.Source, SchemaSession.Target, [Db], new ValidationOptions(), null, CancellationToken.None);

    // Definitions are long: their values are checked apart.
    private static string Describe(SchemaDifference d) =>
        $"{d.ObjectType} {d.Name}" + (d.Attribute is null ? $" {d.Kind}" : d.Attribute == "definition" ? " definition" : $" {d.Attribute}: {d.Source} / {d.Target}");
}
