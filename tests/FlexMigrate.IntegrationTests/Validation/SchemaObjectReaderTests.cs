using FlexMigrate.Core.Validation;
using FlexMigrate.IntegrationTests.Infrastructure;

namespace FlexMigrate.IntegrationTests.Validation;

/// <summary>
/// Schema validation reads tables, columns, indexes and foreign keys through the shared schema reader: the definitions
/// it compares are exactly the ones its own information_schema queries produced before the fold (the expected lines
/// below were printed by that reader on this schema), so no validation result changes.
/// </summary>
public sealed class SchemaObjectReaderTests
{
    private const string Db = "fm_validate_objects";

    [Fact]
    public async Task Tables_columns_indexes_and_foreign_keys_read_as_the_validation_compares_them()
    {
        await ServerPair.ResetDatabasesAsync(Db, Db + "_ref");
        await ServerPair.ExecSourceAsync($"""
            CREATE DATABASE {Db} CHARACTER SET latin1;
            CREATE DATABASE {Db}_ref;
            CREATE TABLE {Db}_ref.p (a INT NOT NULL, b INT NOT NULL, PRIMARY KEY (a, b));
            CREATE TABLE {Db}.parent (id INT NOT NULL PRIMARY KEY) COMMENT 'it''s';
            CREATE TABLE {Db}.`c-1` (
              id INT UNSIGNED NOT NULL AUTO_INCREMENT,
              name VARCHAR(20) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL DEFAULT 'x' COMMENT 'n''m',
              ts TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
              g INT AS (pid + 1) VIRTUAL, s INT AS (pid + 2) PERSISTENT, h INT INVISIBLE,
              pid INT, a INT, b INT, body TEXT,
              PRIMARY KEY (id), UNIQUE KEY uq (name(5), ts DESC), KEY k2 (a, b), FULLTEXT KEY ft (body),
              CONSTRAINT fk_p FOREIGN KEY (pid) REFERENCES {Db}.parent (id) ON DELETE CASCADE,
              CONSTRAINT fk_ref FOREIGN KEY (a, b) REFERENCES {Db}_ref.p (a, b) ON UPDATE SET NULL
            ) ENGINE=InnoDB AUTO_INCREMENT=7;
            CREATE TABLE {Db}.m (x INT) ENGINE=MyISAM;
            CREATE VIEW {Db}.v AS SELECT id FROM {Db}.parent;
            CREATE SEQUENCE {Db}.seq;
            """);
        await using var connection = await ServerPair.OpenSourceAsync();

        var objects = await new SchemaObjectReader(connection, Db, onSource: true, new ValidationOptions()).ReadAsync(CancellationToken.None);

        Assert.Equal(Expected, objects
            .Where(o => o.ObjectType is "table" or "column" or "index" or "foreign key")
            .Select(o => $"{o.ObjectType} {o.Name} [{o.Table}] {o.Definition}")
            .Order(StringComparer.Ordinal));
    }

    private static readonly string[] Expected =
    [
        $"column {Db}.c-1.a [c-1] #8 int NULL DEFAULT NULL",
        $"column {Db}.c-1.b [c-1] #9 int NULL DEFAULT NULL",
        $"column {Db}.c-1.body [c-1] #10 text NULL DEFAULT NULL  CHARSET latin1 COLLATE latin1_swedish_ci",
        $"column {Db}.c-1.g [c-1] #4 int NULL DEFAULT NULL VIRTUAL GENERATED   AS (`pid` + 1)",
        $"column {Db}.c-1.h [c-1] #6 int NULL DEFAULT NULL INVISIBLE",
        $"column {Db}.c-1.id [c-1] #1 int unsigned NOT NULL no default auto_increment",
        $"column {Db}.c-1.name [c-1] #2 varchar(20) NOT NULL DEFAULT 'x'  CHARSET utf8mb4 COLLATE utf8mb4_bin COMMENT 'n'm'",
        $"column {Db}.c-1.pid [c-1] #7 int NULL DEFAULT NULL",
        $"column {Db}.c-1.s [c-1] #5 int NULL DEFAULT NULL STORED GENERATED   AS (`pid` + 2)",
        $"column {Db}.c-1.ts [c-1] #3 timestamp(6) NOT NULL DEFAULT current_timestamp(6) on update current_timestamp(6)",
        $"column {Db}.m.x [m] #1 int NULL DEFAULT NULL",
        $"column {Db}.parent.id [parent] #1 int NOT NULL no default",
        $"foreign key {Db}.c-1.fk_p [c-1] (pid) REFERENCES {Db}.parent (id) ON UPDATE RESTRICT ON DELETE CASCADE",
        $"foreign key {Db}.c-1.fk_ref [c-1] (a, b) REFERENCES {Db}_ref.p (a, b) ON UPDATE SET NULL ON DELETE RESTRICT",
        $"index {Db}.c-1.PRIMARY [c-1] UNIQUE BTREE (id)",
        $"index {Db}.c-1.fk_p [c-1] BTREE (pid)",
        $"index {Db}.c-1.ft [c-1] FULLTEXT (body)",
        $"index {Db}.c-1.k2 [c-1] BTREE (a, b)",
        $"index {Db}.c-1.uq [c-1] UNIQUE BTREE (name(5), ts DESC)",
        $"index {Db}.parent.PRIMARY [parent] UNIQUE BTREE (id)",
        $"table {Db}.c-1 [c-1] ENGINE=InnoDB COLLATE=latin1_swedish_ci COMMENT=''",
        $"table {Db}.m [m] ENGINE=InnoDB COLLATE=latin1_swedish_ci COMMENT=''",
        $"table {Db}.parent [parent] ENGINE=InnoDB COLLATE=latin1_swedish_ci COMMENT='it's'",
    ];
}
