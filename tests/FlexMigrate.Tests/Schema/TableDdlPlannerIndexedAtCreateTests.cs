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
}
