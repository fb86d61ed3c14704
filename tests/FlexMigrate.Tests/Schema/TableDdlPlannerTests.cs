using FlexMigrate.Core.Schema;
using FlexMigrate.Core.Schema.Ddl;

namespace FlexMigrate.Tests.Schema;

public class TableDdlPlannerTests
{
    private const string Types = """
        CREATE TABLE `t` (
          `id` int(11) NOT NULL AUTO_INCREMENT,
          `c` varchar(10) DEFAULT 'a,b) KEY `x` (y)' COMMENT 'KEY, FOREIGN KEY',
          `g` int(11) GENERATED ALWAYS AS (`id` * 2) VIRTUAL,
          `p` point NOT NULL,
          PRIMARY KEY (`id`),
          UNIQUE KEY `uq` (`c`),
          KEY `ix` (`c`(3),`g`) COMMENT 'k, (1)',
          FULLTEXT KEY `ft` (`c`),
          SPATIAL KEY `sp` (`p`),
          CONSTRAINT `fk` FOREIGN KEY (`g`) REFERENCES `other`.`p` (`id`) ON DELETE CASCADE,
          CONSTRAINT `chk` CHECK (`id` > 0)
        ) ENGINE=InnoDB AUTO_INCREMENT=42 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci COMMENT='x, (y)'
        """;

    [Fact]
    public void Load_table_keeps_columns_primary_key_checks_and_options_only()
    {
        var ddl = TableDdlPlanner.Plan(Table(Types), SchemaOptions.Default);

        Assert.Equal("""
            CREATE TABLE IF NOT EXISTS `t` (
              `id` int(11) NOT NULL AUTO_INCREMENT,
              `c` varchar(10) DEFAULT 'a,b) KEY `x` (y)' COMMENT 'KEY, FOREIGN KEY',
              `g` int(11) GENERATED ALWAYS AS (`id` * 2) VIRTUAL,
              `p` point NOT NULL,
              PRIMARY KEY (`id`),
              CONSTRAINT `chk` CHECK (`id` > 0)
            ) ENGINE=InnoDB AUTO_INCREMENT=42 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci COMMENT='x, (y)'
            """, ddl.CreateForLoad);
        Assert.Empty(ddl.Notes);
    }

    [Fact]
    public void Secondary_indexes_are_added_in_one_alter_in_source_order()
    {
        var ddl = TableDdlPlanner.Plan(Table(Types), SchemaOptions.Default);

        Assert.Equal(["uq", "ix", "ft", "sp"], ddl.Indexes.Select(i => i.Name));
        Assert.Equal(
            "ALTER TABLE `db`.`t` ADD UNIQUE KEY `uq` (`c`), ADD KEY `ix` (`c`(3),`g`) COMMENT 'k, (1)', "
            + "ADD FULLTEXT KEY `ft` (`c`), ADD SPATIAL KEY `sp` (`p`)",
            ddl.AlterTableAdd(ddl.Indexes));
        Assert.Equal(
            "ALTER TABLE `db`.`t` ADD CONSTRAINT `fk` FOREIGN KEY (`g`) REFERENCES `other`.`p` (`id`) ON DELETE CASCADE",
            ddl.AlterTableAdd(ddl.ForeignKeys));
    }

    [Fact]
    public void Myisam_becomes_innodb_with_a_note_and_keeps_the_index_its_auto_increment_needs()
    {
        const string Legacy = """
            CREATE TABLE `legacy` (
              `u` bigint(20) NOT NULL,
              `id` int(10) unsigned NOT NULL AUTO_INCREMENT,
              `b` text DEFAULT NULL,
              PRIMARY KEY (`u`,`id`),
              KEY `ix_b` (`b`(10)),
              UNIQUE KEY `uq_id` (`id`),
              FULLTEXT KEY `ft` (`b`)
            ) ENGINE=MyISAM AUTO_INCREMENT=77 DEFAULT CHARSET=latin1 ROW_FORMAT=FIXED PAGE_CHECKSUM=1 COMMENT='x'
            """;

        var ddl = TableDdlPlanner.Plan(Table(Legacy), SchemaOptions.Default);

        Assert.Equal("""
            CREATE TABLE IF NOT EXISTS `legacy` (
              `u` bigint(20) NOT NULL,
              `id` int(10) unsigned NOT NULL AUTO_INCREMENT,
              `b` text DEFAULT NULL,
              PRIMARY KEY (`u`,`id`),
              KEY `ix_b` (`b`(10)),
              UNIQUE KEY `uq_id` (`id`)
            ) ENGINE=InnoDB AUTO_INCREMENT=77 DEFAULT CHARSET=latin1 COMMENT='x'
            """, ddl.CreateForLoad);
        Assert.Equal(["ft"], ddl.Indexes.Select(i => i.Name));
        Assert.Equal(
            [
                (NoteSeverity.Info, "Engine MyISAM converted to InnoDB (Flexible Server supports only InnoDB). Options InnoDB does "
                    + "not support were dropped: ROW_FORMAT=FIXED PAGE_CHECKSUM=1. Use --keep-engines to keep MyISAM."),
                (NoteSeverity.Warning, "The AUTO_INCREMENT column is not the first column of the primary key: MyISAM numbers it "
                    + "per group of the leading columns, InnoDB numbers it across the whole table. Review the application or keep the engine."),
            ],
            ddl.Notes.Select(n => (n.Severity, n.Message)));
    }

    [Theory]
    [InlineData("`a` int(11) NOT NULL", "UNIQUE KEY `u` (`a`)", true)]
    [InlineData("`a` int(11) DEFAULT NULL", "UNIQUE KEY `u` (`a`)", false)]
    [InlineData("`a` varchar(20) NOT NULL", "UNIQUE KEY `u` (`a`(5))", false)]
    [InlineData("`a` int(11) GENERATED ALWAYS AS (`b` is not null) VIRTUAL", "UNIQUE KEY `u` (`a`)", false)]
    public void A_table_without_primary_key_keeps_its_clustering_unique_key_for_the_load(string column, string key, bool kept)
    {
        var create = $"CREATE TABLE `t` (\n  {column},\n  `b` int(11) NOT NULL,\n  {key},\n  KEY `ix` (`b`)\n) ENGINE=InnoDB";

        var ddl = TableDdlPlanner.Plan(Table(create), SchemaOptions.Default);

        Assert.Equal(kept ? ["ix"] : ["u", "ix"], ddl.Indexes.Select(i => i.Name));
        Assert.Equal(kept, ddl.CreateForLoad.Contains(key, StringComparison.Ordinal));
    }

    [Fact]
    public void Keep_engines_leaves_the_trailer_alone()
    {
        const string Aria = "CREATE TABLE `a` (\n  `id` int(11) NOT NULL,\n  PRIMARY KEY (`id`)\n) ENGINE=Aria DEFAULT CHARSET=latin1 PAGE_CHECKSUM=1";

        var ddl = TableDdlPlanner.Plan(Table(Aria), new SchemaOptions(KeepEngines: true));

        Assert.Equal(Aria.Replace("CREATE TABLE", "CREATE TABLE IF NOT EXISTS", StringComparison.Ordinal), ddl.CreateForLoad);
        Assert.Empty(ddl.Notes);
    }

    [Fact]
    public void Partition_engines_are_converted_and_the_partition_clause_kept()
    {
        const string Trailer = ") ENGINE=MyISAM DEFAULT CHARSET=latin1\n PARTITION BY RANGE (`id`)\n(PARTITION `p0` VALUES LESS THAN (10) ENGINE = MyISAM,\n PARTITION `p1` VALUES LESS THAN MAXVALUE ENGINE = MyISAM)";

        var conversion = EngineConverter.ToInnoDb(Trailer);

        Assert.Equal(Trailer.Replace("MyISAM", "InnoDB", StringComparison.Ordinal), conversion.Trailer);
        Assert.Equal("MyISAM", conversion.FromEngine);
    }

    [Fact]
    public void Versioned_partition_clause_is_found()
    {
        const string Trailer = ") ENGINE=InnoDB AUTO_INCREMENT=5 /*!50100 PARTITION BY KEY (`id`) PARTITIONS 4 */";

        Assert.Equal(5, new CreateTableDefinition("", [], Trailer).NumericOption("AUTO_INCREMENT"));
        Assert.Equal("/*!50100", SqlTokenizer.Tokenize(Trailer)[TableOptions.PartitionStart(SqlTokenizer.Tokenize(Trailer))].Text);
    }

    [Fact]
    public void Parsing_then_rebuilding_gives_the_statement_back()
    {
        Assert.Equal(Types, CreateTableDefinition.Parse(Types).ToSql());
    }

    [Fact]
    public void Items_are_classified_with_names_and_first_key_columns()
    {
        var items = CreateTableDefinition.Parse(Types).Items;

        Assert.Equal(
            [
                (TableItemKind.Column, "id", null), (TableItemKind.Column, "c", null), (TableItemKind.Column, "g", null),
                (TableItemKind.Column, "p", null), (TableItemKind.PrimaryKey, "PRIMARY", "id"), (TableItemKind.UniqueKey, "uq", "c"),
                (TableItemKind.Key, "ix", "c"), (TableItemKind.FulltextKey, "ft", "c"), (TableItemKind.SpatialKey, "sp", "p"),
                (TableItemKind.ForeignKey, "fk", null), (TableItemKind.Check, "chk", null),
            ],
            items.Select(i => (i.Kind, i.Name, i.FirstKeyColumn)));
    }

    [Fact]
    public void Unparseable_text_names_the_table()
    {
        var ex = Assert.Throws<SchemaMigrationException>(() => TableDdlPlanner.Plan(Table("CREATE TABLE `t` AS SELECT 1"), SchemaOptions.Default));

        Assert.Contains("`db`.`t`", ex.Message, StringComparison.Ordinal);
    }

    internal static TableSchema Table(string create) => new(
        new ObjectName("db", "t"), "InnoDB", null, "utf8mb4", "utf8mb4_general_ci", "", false, null, 0, 0, 0, create, [], null, [], []);
}
