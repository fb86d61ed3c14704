using System.Globalization;
using System.Text;
using FlexMigrate.Core.Schema;
using FlexMigrate.IntegrationTests.Crash;
using FlexMigrate.IntegrationTests.Infrastructure;
using FlexMigrate.Orchestration.Contracts;
using MySqlConnector;

namespace FlexMigrate.IntegrationTests.Schema;

/// <summary>
/// Issue 20's database-per-tenant shape in small: 60 databases of 3 tables each, with mixed database character sets
/// and collations, views, routines, triggers and events spread across them, each made under its own client character
/// set and sql_mode, and some databases' collations changed after their objects were made. The migration must carry
/// every database whole (compared by an independent path: the test's own information_schema reading and row
/// fingerprints), and the schema read must not send a statement per database.
/// </summary>
[Collection(Orchestration.ScaleCollection.Name)]
public sealed class ManyDatabasesTests
{
    private const string Prefix = "fm_manydb_";
    private const int Databases = 60;

    private static readonly (string Charset, string Collation)[] DatabaseCollations =
        [("latin1", "latin1_swedish_ci"), ("utf8mb4", "utf8mb4_unicode_ci"), ("utf8mb3", "utf8mb3_general_ci"), ("latin1", "latin1_bin"), ("utf8mb4", "utf8mb4_bin")];

    private static readonly string[] ClientCharsets = ["utf8mb4", "latin1", "utf8mb3"];

    private static readonly string[] SqlModes = ["STRICT_TRANS_TABLES,NO_ENGINE_SUBSTITUTION", "ANSI_QUOTES,NO_AUTO_VALUE_ON_ZERO", ""];

    private static string Name(int i) => Prefix + i.ToString("D2", CultureInfo.InvariantCulture);

    private static IReadOnlyList<string> Names(int count) => [.. Enumerable.Range(0, count).Select(Name)];

    [Fact]
    public async Task Sixty_databases_migrate_whole_with_their_objects_collations_and_sessions()
    {
        await CreateSourceAsync();

        var report = InProcessMigration.ReportOf(await InProcessMigration.RunAsync(
            InProcessMigration.Request(Names(Databases), new MigrationOptions { Validate = false }), timeout: TimeSpan.FromMinutes(15)));

        Assert.Equal(MigrationOutcome.Succeeded, report.Outcome);
        var source = await CatalogAsync(ServerPair.SourceConnectionString);
        var target = await CatalogAsync(ServerPair.TargetConnectionString);
        // Per database: itself, a view, two routines, a trigger, an event and a foreign key (plus tables, columns, indexes).
        Assert.Equal(Databases * 7, source.Count(l => l.StartsWith("schema|", StringComparison.Ordinal)
            || l.StartsWith("object|", StringComparison.Ordinal) || l.StartsWith("fk|", StringComparison.Ordinal)));
        var differences = source.Except(target).Select(l => "source only: " + l).Concat(target.Except(source).Select(l => "target only: " + l)).ToList();
        Assert.True(differences.Count == 0, string.Join("\n", differences.Take(20)));
        Assert.Equal(source.Count, target.Count);
        foreach (var db in Names(Databases))
        {
            await DatabaseComparison.AssertEqualAsync(db);
        }
    }

    [Fact]
    public async Task The_schema_read_sends_as_many_set_queries_for_sixty_databases_as_for_six()
    {
        await CreateSourceAsync();
        var reader = new SchemaReader(ServerPair.SourceConnectionString);

        var six = await StatementLog.OfAsync(() => reader.ReadAsync(new SchemaSelection(Names(6), [], [])));
        var sixty = await StatementLog.OfAsync(() => reader.ReadAsync(new SchemaSelection(Names(Databases), [], [])));

        static bool IsShowCreate(string s) => s.StartsWith("SHOW CREATE", StringComparison.OrdinalIgnoreCase);
        static int Statements(IEnumerable<string> log) => log.Where(IsShowCreate).Sum(s => s.Split("SHOW CREATE").Length - 1);
        static int StoredObjectRoundTrips(IEnumerable<string> log) => log.Count(s => IsShowCreate(s) && !s.StartsWith("SHOW CREATE TABLE", StringComparison.Ordinal));
        // Per object one SHOW CREATE (3 tables, a view, two routines, a trigger, an event per database), the rest fixed.
        Assert.Equal(6 * 8, Statements(six));
        Assert.Equal(Databases * 8, Statements(sixty));
        // Stored objects' SHOW CREATEs go up to 100 a round trip (ShowCreateBatch): one per kind for six databases; for
        // sixty, the 120 routines take two.
        Assert.Equal(4, StoredObjectRoundTrips(six));
        Assert.Equal(5, StoredObjectRoundTrips(sixty));
        // The same set queries (each naming every database as a UNION ALL branch), not ten more per database.
        Assert.Contains(sixty, s => s.Contains($"= @db{Databases - 1}", StringComparison.Ordinal));
        Assert.Equal(six.Count(s => !IsShowCreate(s)), sixty.Count(s => !IsShowCreate(s)));
    }

    private static async Task CreateSourceAsync()
    {
        await ServerPair.ResetDatabasesAsync([.. Names(Databases)]);
        var script = new StringBuilder();
        for (var i = 0; i < Databases; i++)
        {
            var db = Name(i);
            var (charset, collation) = DatabaseCollations[i % DatabaseCollations.Length];
            script.AppendLine(CultureInfo.InvariantCulture, $"""
                SET NAMES utf8mb4; SET SESSION sql_mode = DEFAULT;
                CREATE DATABASE {db} CHARACTER SET {charset} COLLATE {collation};
                CREATE TABLE {db}.t1 (id INT NOT NULL PRIMARY KEY, v VARCHAR(20) NOT NULL, KEY v (v)) ENGINE=InnoDB;
                CREATE TABLE {db}.t2 (id INT NOT NULL PRIMARY KEY, t1_id INT NOT NULL, n DECIMAL(8,2),
                  CONSTRAINT fk_t1 FOREIGN KEY (t1_id) REFERENCES {db}.t1 (id) ON DELETE CASCADE) ENGINE=InnoDB;
                CREATE TABLE {db}.t3 (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, note TEXT) ENGINE=InnoDB;
                INSERT INTO {db}.t1 VALUES (1, 'café {i}'), (2, 'two'), ({i + 3}, 'n{i}');
                INSERT INTO {db}.t2 VALUES (1, 1, {i}.25), (2, {i + 3}, NULL);
                INSERT INTO {db}.t3 (note) VALUES ('a'), (REPEAT('x', {i * 10}));
                SET NAMES {ClientCharsets[i % ClientCharsets.Length]}; SET SESSION sql_mode = '{SqlModes[i % SqlModes.Length]}';
                CREATE VIEW {db}.v AS SELECT t1.id, t1.v, t2.n FROM {db}.t1 JOIN {db}.t2 ON t2.t1_id = t1.id;
                CREATE PROCEDURE {db}.p (IN x INT) SELECT COUNT(*) + x FROM {db}.t1;
                CREATE FUNCTION {db}.f (x INT) RETURNS VARCHAR(20) DETERMINISTIC RETURN CONCAT('f{i}-', x);
                CREATE TRIGGER {db}.tr BEFORE INSERT ON {db}.t3 FOR EACH ROW SET NEW.note = CONCAT('t{i}:', NEW.note);
                CREATE EVENT {db}.e ON SCHEDULE EVERY 1 DAY DISABLE DO DELETE FROM {db}.t3 WHERE id < 0;
                """);
            if (i % 7 == 0)
            {
                // The objects keep the database collation they were made under (issue 12); the database moves on.
                script.AppendLine(CultureInfo.InvariantCulture, $"SET NAMES utf8mb4; ALTER DATABASE {db} CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci;");
            }
        }

        await ServerPair.ExecSourceAsync(script.ToString());
    }

    /// <summary>
    /// What must be equal on both servers, read by the test's own queries: each database's character set and collation;
    /// each table's collation, columns, indexes and foreign keys; each view, routine, trigger and event with its
    /// definition and the session it was made under (client character set, connection and database collations, sql_mode).
    /// </summary>
    private static async Task<List<string>> CatalogAsync(string connectionString)
    {
        const string InScope = "LIKE 'fm!_manydb!_%' ESCAPE '!'";
        var sql = $"""
            SELECT CONCAT_WS('|', 'schema', SCHEMA_NAME, DEFAULT_CHARACTER_SET_NAME, DEFAULT_COLLATION_NAME) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME {InScope}
            UNION ALL SELECT CONCAT_WS('|', 'table', TABLE_SCHEMA, TABLE_NAME, TABLE_TYPE, ENGINE, TABLE_COLLATION) FROM information_schema.TABLES WHERE TABLE_SCHEMA {InScope}
            UNION ALL SELECT CONCAT_WS('|', 'column', TABLE_SCHEMA, TABLE_NAME, ORDINAL_POSITION, COLUMN_NAME, COLUMN_TYPE, IFNULL(COLLATION_NAME, '-'), IS_NULLABLE, IFNULL(COLUMN_DEFAULT, '-'), EXTRA) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA {InScope}
            UNION ALL SELECT CONCAT_WS('|', 'index', TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX, COLUMN_NAME, NON_UNIQUE) FROM information_schema.STATISTICS WHERE TABLE_SCHEMA {InScope}
            UNION ALL SELECT CONCAT_WS('|', 'fk', CONSTRAINT_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, REFERENCED_TABLE_NAME, UPDATE_RULE, DELETE_RULE) FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA {InScope}
            UNION ALL SELECT CONCAT_WS('|', 'object', 'view', TABLE_SCHEMA, TABLE_NAME, VIEW_DEFINITION, CHECK_OPTION, SECURITY_TYPE, CHARACTER_SET_CLIENT, COLLATION_CONNECTION) FROM information_schema.VIEWS WHERE TABLE_SCHEMA {InScope}
            UNION ALL SELECT CONCAT_WS('|', 'object', ROUTINE_TYPE, ROUTINE_SCHEMA, ROUTINE_NAME, ROUTINE_DEFINITION, IS_DETERMINISTIC, SQL_MODE, CHARACTER_SET_CLIENT, COLLATION_CONNECTION, DATABASE_COLLATION) FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA {InScope}
            UNION ALL SELECT CONCAT_WS('|', 'object', 'trigger', TRIGGER_SCHEMA, TRIGGER_NAME, EVENT_OBJECT_TABLE, ACTION_TIMING, EVENT_MANIPULATION, ACTION_STATEMENT, SQL_MODE, CHARACTER_SET_CLIENT, COLLATION_CONNECTION, DATABASE_COLLATION) FROM information_schema.TRIGGERS WHERE EVENT_OBJECT_SCHEMA {InScope}
            UNION ALL SELECT CONCAT_WS('|', 'object', 'event', EVENT_SCHEMA, EVENT_NAME, EVENT_DEFINITION, INTERVAL_VALUE, INTERVAL_FIELD, SQL_MODE, CHARACTER_SET_CLIENT, COLLATION_CONNECTION, DATABASE_COLLATION) FROM information_schema.EVENTS WHERE EVENT_SCHEMA {InScope}
            ORDER BY 1
            """;
        await using var c = new MySqlConnection(connectionString);
        await c.OpenAsync();
        await using var cmd = new MySqlCommand(sql, c) { CommandTimeout = 600 };
        var lines = new List<string>();
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync())
        {
            lines.Add(r.GetString(0));
        }

        return lines;
    }
}
