using FlexMigrate.Core.Metadata;
using FlexMigrate.Core.Schema;

namespace FlexMigrate.Tests.Schema;

public class ViewOrderingTests
{
    private static readonly StoredObjectContext Context = new(null, "utf8mb4", "utf8mb4_general_ci", null);

    [Fact]
    public void A_view_over_a_later_sorting_view_comes_after_it()
    {
        var views = new[]
        {
            View("a_top", "z_mid"), View("m_other"), View("z_mid", "zz_base"), View("zz_base"),
        };

        Assert.Equal(["m_other", "zz_base", "z_mid", "a_top"], ViewOrderer.Order(views).Select(v => v.Name.Name));
    }

    [Fact]
    public void Dependencies_across_databases_are_ordered()
    {
        var views = new[]
        {
            View("a", "v_b") with { Name = new ObjectName("db1", "a"), DependsOn = [new ObjectName("db2", "v_b")] },
            View("v_b") with { Name = new ObjectName("db2", "v_b") },
        };

        Assert.Equal(["`db2`.`v_b`", "`db1`.`a`"], ViewOrderer.Order(views).Select(v => v.Name.ToString()));
    }

    [Fact]
    public void A_cycle_names_the_views_in_it()
    {
        var ex = Assert.Throws<SchemaMigrationException>(() => ViewOrderer.Order([View("a", "b"), View("b", "a"), View("c")]));

        Assert.Contains("`db`.`a`, `db`.`b`", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dependencies_are_found_in_qualified_and_unqualified_references_only_for_quoted_names()
    {
        var known = new HashSet<ObjectName>
        {
            new("db", "v2"), new("db", "count"), new("other", "v3"), new("db", "self"), new("db", "unused"),
        };
        const string Create = "CREATE ALGORITHM=UNDEFINED DEFINER=`root`@`localhost` SQL SECURITY DEFINER VIEW `self` AS "
            + "select count(`v2`.`x`) AS `x`,`other`.`v3`.`y` AS `y`, 'unused' AS `s` from (`v2` join `other`.`v3`) "
            + "where `self`.`x` = 1";

        var found = ViewDependencyAnalyzer.FindDependencies(new ObjectName("db", "self"), Create, known);

        Assert.Equal(["`db`.`v2`", "`other`.`v3`"], found.Select(f => f.ToString()));
    }

    private static ViewSchema View(string name, params string[] dependsOn) => new(
        new ObjectName("db", name), "root@localhost", "DEFINER", "NONE", System.Text.Encoding.UTF8.GetBytes($"CREATE VIEW `{name}` AS select 1"),
        Context, dependsOn.Select(d => new ObjectName("db", d)).ToList());
}
