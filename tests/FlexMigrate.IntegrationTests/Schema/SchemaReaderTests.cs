using System.Text.Json;
using FlexMigrate.Core.Metadata;
using FlexMigrate.Core.Schema;
using FlexMigrate.IntegrationTests.Infrastructure;

namespace FlexMigrate.IntegrationTests.Schema;

/// <summary>The structured records the copy and validation phases rely on, read from a real server.</summary>
public sealed class SchemaReaderTests
{
    private const string Db = "fm_schema_read";

    [Fact]
    public async Task Table_columns_keys_and_metadata_are_read_as_declared()
    {
        await SchemaSession.ResetAsync(Db);
        await ServerPair.ExecSourceAsync($"""
            CREATE DATABASE {Db} CHARACTER SET latin1;
            CREATE TABLE {Db}.parent (id INT NOT NULL PRIMARY KEY);
            CREATE TABLE {Db}.t (
              id INT UNSIGNED ZEROFILL NOT NULL AUTO_INCREMENT,
              name VARCHAR(20) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL DEFAULT 'x' COMMENT 'n',
              ts TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
              g INT AS (pid + 1) VIRTUAL, s INT AS (pid + 2) STORED, h INT INVISIBLE,
              pid INT,
              PRIMARY KEY (id), UNIQUE KEY uq (name(5), ts DESC), FULLTEXT KEY ft (name),
              CONSTRAINT fk_p FOREIGN KEY (pid) REFERENCES {Db}.parent (id) ON DELETE CASCADE
            ) ENGINE=InnoDB AUTO_INCREMENT=500 COMMENT='tc';
            """);
        await ServerPair.ExecSourceAsync($"CREATE TABLE {Db}.nofk (id INT NOT NULL PRIMARY KEY) ENGINE=InnoDB PARTITION BY KEY (id) PARTITIONS 2");
        await ServerPair.ExecSourceAsync($"""
            CREATE TABLE {Db}.p2 (id INT NOT NULL PRIMARY KEY);
            CREATE VIEW {Db}.v AS SELECT id FROM {Db}.parent;
            CREATE VIEW {Db}.w AS SELECT id FROM {Db}.v;
            """);
        var reader = new SchemaReader(SchemaSession.Source);

        var t = await reader.ReadTableAsync(new ObjectName(Db, "t"));

        Assert.Equal(("InnoDB", "latin1", "latin1_swedish_ci", "tc", false, 500L), (t.Engine, t.CharacterSet, t.Collation, t.Comment, t.IsPartitioned, t.AutoIncrement));
        Assert.Equal(
            [
                "id|int(10) unsigned zerofill||False||||None|False|True",
                "name|varchar(20)|utf8mb4_bin|False|'x'|||None|False|False",
                "ts|timestamp(6)||False|current_timestamp(6)|current_timestamp(6)||None|False|False",
                "g|int(11)||True|NULL|||Virtual|False|False",
                "s|int(11)||True|NULL|||Stored|False|False",
                "h|int(11)||True|NULL|||None|True|False",
                "pid|int(11)||True|NULL|||None|False|False",
            ],
            t.Columns.Select(c => $"{c.Name}|{c.ColumnType}|{c.Collation}|{c.IsNullable}|{c.Default}|{c.OnUpdate}||{c.Generated}|{c.IsInvisible}|{c.IsAutoIncrement}"));
        Assert.Equal(["`pid` + 1", "`pid` + 2"], t.Columns.Where(c => c.GenerationExpression is not null).Select(c => c.GenerationExpression));
        Assert.Equal(new IndexColumn("id", null, false), Assert.Single(t.PrimaryKey!.Columns));
        Assert.Equal(
            ["uq Unique name:5:False,ts::True", "fk_p NonUnique pid::False", "ft Fulltext name::False"],
            t.Indexes.Select(i => $"{i.Name} {i.Kind} {string.Join(",", i.Columns.Select(c => $"{c.Name}:{c.PrefixLength}:{c.Descending}"))}"));
        var fk = Assert.Single(t.ForeignKeys);
        Assert.Equal(("fk_p", "pid", $"`{Db}`.`parent`", "id", "RESTRICT", "CASCADE"),
            (fk.Name, string.Join(",", fk.Columns), fk.ReferencedTable.ToString(), string.Join(",", fk.ReferencedColumns), fk.OnUpdate, fk.OnDelete));

        var schema = await reader.ReadAsync(SchemaSelection.Create([Db], excludeTables: [$"{Db}.p2"]));
        Assert.Equal(["nofk", "parent", "t"], schema.Tables.Select(x => x.Name.Name));
        Assert.Equal([true, false, false], schema.Tables.Select(x => x.IsPartitioned));
        Assert.Equal(["v:", "w:v"], schema.Views.Select(v => $"{v.Name.Name}:{string.Join(",", v.DependsOn.Select(d => d.Name))}"));
        Assert.Equal(JsonSerializer.Serialize(t), JsonSerializer.Serialize(schema.Tables.Single(x => x.Name.Name == "t")));
        Assert.Equal([new ObjectName(Db, "nofk"), new ObjectName(Db, "parent"), new ObjectName(Db, "t")],
            await reader.ListTablesAsync(SchemaSelection.Create([Db], excludeTables: [$"{Db}.p2"])));
        var back = JsonSerializer.Deserialize<SourceSchema>(JsonSerializer.Serialize(schema))!;
        Assert.Equal(JsonSerializer.Serialize(schema), JsonSerializer.Serialize(back));
        Assert.IsType<ViewSchema>(back.Views[0]);
    }
}
