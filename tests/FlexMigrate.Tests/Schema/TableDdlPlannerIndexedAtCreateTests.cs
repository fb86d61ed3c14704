using FlexMigrate.Core.Schema;
using FlexMigrate.Core.Schema.Ddl;

namespace FlexMigrate.Tests.Schema;

/// <summary>The CREATE a small table gets when its indexes are built at creation (issue 20).</summary>
public class TableDdlPlannerIndexedAtCreateTests
{
    [Fact]
    public void Create_with_indexes_keeps_every_secondary_index_in_source_order_and_leaves_foreign_keys_for_later()
    {
        const string Indexes = """
              PRIMARY KEY (`id`),
              UNIQUE KEY `uq` (`c`),
              KEY `ix` (`c`(3),`p`) COMMENT 'k, (1)',
              FULLTEXT KEY `ft` (`c`)
            """;
        var ddl = TableDdlPlanner.Plan(TableDdlPlannerTests.Table($"""
            CREATE TABLE `t` (
              `id` int(11) NOT NULL,
              `c` varchar(10) NOT NULL,
              `p` int(11) DEFAULT NULL,
            {Indexes},
              CONSTRAINT `fk` FOREIGN KEY (`p`) REFERENCES `other`.`p` (`id`) ON DELETE CASCADE
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4
            """), SchemaOptions.Default);

        Assert.Equal($"""
            CREATE TABLE IF NOT EXISTS `t` (
              `id` int(11) NOT NULL,
              `c` varchar(10) NOT NULL,
              `p` int(11) DEFAULT NULL,
            {Indexes}
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4
            """, ddl.CreateWithIndexes);
        Assert.Equal(["fk"], ddl.ForeignKeys.Select(f => f.Name));
    }

    /// <summary>
    /// Online, a small table's CREATE holds its secondary indexes but the UNIQUE ones (the catch-up adds those), and a
    /// table without a primary key keeps the UNIQUE key InnoDB clusters it on (the copy splits by it).
    /// </summary>
    [Fact]
    public void Create_with_non_unique_indexes_leaves_unique_keys_for_the_catch_up_but_keeps_the_clustering_one()
    {
        var ddl = TableDdlPlanner.Plan(TableDdlPlannerTests.Table("""
            CREATE TABLE `t` (
              `id` int(11) NOT NULL,
              `c` varchar(10) NOT NULL,
              `p` int(11) DEFAULT NULL,
              UNIQUE KEY `uq_id` (`id`),
              UNIQUE KEY `uq_c` (`c`),
              KEY `ix` (`p`),
              CONSTRAINT `fk` FOREIGN KEY (`p`) REFERENCES `other`.`p` (`id`)
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4
            """), SchemaOptions.Default);

        Assert.Equal("""
            CREATE TABLE IF NOT EXISTS `t` (
              `id` int(11) NOT NULL,
              `c` varchar(10) NOT NULL,
              `p` int(11) DEFAULT NULL,
              UNIQUE KEY `uq_id` (`id`),
              KEY `ix` (`p`)
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4
            """, ddl.CreateWithNonUniqueIndexes);
        Assert.Equal(["uq_c", "ix"], ddl.Indexes.Select(i => i.Name));
    }
}
