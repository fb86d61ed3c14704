using ColumnTypeCopyTests = FlexMigrate.IntegrationTests.Copy.ColumnTypeCopyTests;
using FlexMigrate.IntegrationTests.Infrastructure;
using FlexMigrate.Orchestration.Contracts;

namespace FlexMigrate.IntegrationTests.Orchestration;

/// <summary>
/// The whole offline migration (orchestrator, every activity, the engine) on the real pair: every column type with
/// edge values, two databases referencing each other, reserved-word and non-ASCII identifiers, a partitioned table,
/// a table without a key, and every metadata kind. Equality is checked by an independent path (per-row hashes
/// computed on each server), and the migration's own validation must agree.
/// </summary>
public class EndToEndMigrationTests
{
    private const string Main = "fm_e2e_main";
    private const string Ref = "fm_e2e_ref";

    private static readonly string Schema = $"""
        CREATE DATABASE {Ref} CHARACTER SET latin1;
        CREATE DATABASE {Main} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
        USE {Main};
        {ColumnTypeCopyTests.Table}
        {ColumnTypeCopyTests.Rows}
        SET SESSION sql_mode = DEFAULT;
        CREATE TABLE `order` (`select` INT NOT NULL PRIMARY KEY, `größe` VARCHAR(20) COLLATE utf8mb4_german2_ci NOT NULL,
          ref_id INT NULL, KEY `ix größe` (`größe`(5))) COMMENT 'reserved words and umlauts';
        CREATE TABLE `straße` (id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY, v DOUBLE NOT NULL) AUTO_INCREMENT = 1000;
        CREATE TABLE parts (id INT NOT NULL, region TINYINT NOT NULL, PRIMARY KEY (id, region))
          PARTITION BY LIST (region) (PARTITION p_eu VALUES IN (1, 2), PARTITION p_us VALUES IN (3));
        CREATE TABLE keyless (a INT NULL, b VARCHAR(10) NULL) ENGINE=Aria;
        INSERT INTO `order` SELECT seq, CONCAT('Größe ', seq), 1 + seq % 3 FROM seq_1_to_500;
        INSERT INTO `straße` (v) SELECT seq / 7 FROM seq_1_to_300;
        INSERT INTO parts SELECT seq, 1 + seq % 3 FROM seq_1_to_900;
        INSERT INTO keyless VALUES (1, 'x'), (1, 'x'), (NULL, NULL), (2, '');
        CREATE TABLE {Ref}.lookup (id INT NOT NULL PRIMARY KEY, main_order INT NULL,
          CONSTRAINT fk_back FOREIGN KEY (main_order) REFERENCES {Main}.`order` (`select`));
        INSERT INTO {Ref}.lookup VALUES (1, 1), (2, NULL), (3, 3);
        ALTER TABLE `order` ADD CONSTRAINT fk_ref FOREIGN KEY (ref_id) REFERENCES {Ref}.lookup (id) ON DELETE SET NULL;
        CREATE VIEW v_base AS SELECT `select`, `größe` FROM `order`;
        CREATE VIEW a_top AS SELECT * FROM v_base WHERE `select` < 10 WITH CASCADED CHECK OPTION;
        CREATE FUNCTION twice(x INT) RETURNS INT DETERMINISTIC RETURN x * 2;
        CREATE VIEW v_calls AS SELECT twice(`select`) AS t FROM `order`;
        CREATE PROCEDURE bump() MODIFIES SQL DATA UPDATE `straße` SET v = v + 1;
        CREATE TRIGGER order_upper BEFORE INSERT ON `order` FOR EACH ROW SET NEW.`größe` = UPPER(NEW.`größe`);
        CREATE EVENT nightly ON SCHEDULE EVERY 1 DAY DISABLE DO CALL bump();
        """;

    private static readonly (string Db, string Table, int Rows)[] Tables =
    [
        (Main, "every_type", 6), (Main, "order", 500), (Main, "straße", 300), (Main, "parts", 900), (Main, "keyless", 4), (Ref, "lookup", 3),
    ];

    [Fact]
    public async Task Every_type_and_object_arrives_exactly_and_validation_agrees()
    {
        await ServerPair.ResetDatabasesAsync(Main, Ref);
        await ServerPair.ExecSourceAsync(Schema);

        var meta = await InProcessMigration.RunAsync(
            InProcessMigration.Request([Main, Ref], new MigrationOptions(Parallelism: 4, ChunkRows: 100)), timeout: TimeSpan.FromMinutes(5));
        var report = InProcessMigration.ReportOf(meta);

        Assert.True(report.Outcome == MigrationOutcome.Succeeded,
            $"{report.Outcome}: " + string.Join(" | ", report.Validation?.Tables.Where(t => t.Status != Core.Validation.TableStatus.Equal)
                .Select(t => $"{t.Database}.{t.Table} {t.Status} {t.Message} changed={string.Join(",", t.Changed.Rows.SelectMany(r => r.Columns))}") ?? [])
            + string.Join(" | ", report.Validation?.Schema.Differences.Select(d => $"{d.ObjectType} {d.Name} {d.Kind}") ?? []));
        foreach (var (db, table, rows) in Tables)
        {
            var source = await TableFingerprint.OfAsync(ServerPair.SourceConnectionString, db, table);
            var target = await TableFingerprint.OfAsync(ServerPair.TargetConnectionString, db, table);
            Assert.Equal(rows, source.Rows);
            Assert.Equal(source, target);
        }

        Assert.Contains(report.Notes, n => n.Object.Contains("keyless", StringComparison.Ordinal) && n.Message.Contains("InnoDB", StringComparison.Ordinal));
        const string nextId = $"SELECT AUTO_INCREMENT FROM information_schema.TABLES WHERE TABLE_SCHEMA='{Main}' AND TABLE_NAME='straße'";
        Assert.Equal(
            await ServerPair.ScalarAsync(ServerPair.SourceConnectionString, nextId),
            await ServerPair.ScalarAsync(ServerPair.TargetConnectionString, nextId));
        foreach (var (kind, count) in new[] { ("VIEWS", 3L), ("ROUTINES", 2L), ("TRIGGERS", 1L), ("EVENTS", 1L), ("PARTITIONS", 2L) })
        {
            var schemaColumn = kind switch { "ROUTINES" => "ROUTINE_SCHEMA", "TRIGGERS" => "TRIGGER_SCHEMA", "EVENTS" => "EVENT_SCHEMA", _ => "TABLE_SCHEMA" };
            var filter = kind == "PARTITIONS" ? " AND TABLE_NAME='parts'" : string.Empty;
            Assert.Equal(count, await ServerPair.ScalarAsync(ServerPair.TargetConnectionString,
                $"SELECT COUNT(*) FROM information_schema.{kind} WHERE {schemaColumn}='{Main}'{filter}"));
        }

        Assert.Equal(2L, await ServerPair.ScalarAsync(ServerPair.TargetConnectionString,
            $"SELECT COUNT(*) FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA IN ('{Main}', '{Ref}')"));
    }
}
