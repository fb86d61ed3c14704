using FlexMigrate.Core.Replication;

namespace FlexMigrate.Tests.Replication;

public sealed class ReplicationScopeTests
{
    [Fact]
    public void Empty_table_list_means_every_table_of_the_databases_minus_exclusions()
    {
        var scope = new ReplicationScope(["app", "Sales"], [], ["app.audit", "Sales.tmp.x"]);

        Assert.True(scope.IncludesDatabase("app"));
        Assert.False(scope.IncludesDatabase("App"));
        Assert.False(scope.IncludesDatabase(ReplicationApplier.StateDatabase));
        Assert.True(scope.IncludesTable("app", "orders"));
        Assert.False(scope.IncludesTable("app", "audit"));
        Assert.False(scope.IncludesTable("Sales", "tmp.x"));
        Assert.True(scope.IncludesTable("Sales", "tmp"));
        Assert.False(scope.IncludesTable("sales", "tmp"));
        Assert.False(scope.IncludesTable("other", "orders"));
    }

    [Fact]
    public void A_table_list_narrows_the_databases()
    {
        var scope = new ReplicationScope(["app"], ["app.orders", "other.t"], []);

        Assert.True(scope.IncludesTable("app", "orders"));
        Assert.False(scope.IncludesTable("app", "customers"));
        Assert.False(scope.IncludesTable("other", "t"));
    }

    [Fact]
    public void A_table_name_without_database_is_refused()
    {
        var scope = new ReplicationScope(["app"], ["orders"], []);

        Assert.Throws<ArgumentException>(() => scope.IncludesTable("app", "orders"));
    }
}
