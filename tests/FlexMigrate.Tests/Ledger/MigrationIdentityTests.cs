using FlexMigrate.Core.Ledger;

namespace FlexMigrate.Tests.Ledger;

public sealed class MigrationIdentityTests
{
    private static readonly ServerIdentity Source = new("127.0.0.1:3306", null, 1, "db1", 3306);
    private static readonly ServerIdentity Target = new("flex.mysql.database.azure.com:3306", "3e11fa47-71ca-11e1-9e33-c80aa9429562", 7, "flex", 3306);

    private static MigrationIdentity Identity(ServerIdentity? source = null, string[]? databases = null, string[]? tables = null,
        Dictionary<string, string>? options = null, string mode = "online") =>
        new(source ?? Source, Target, new MigrationScope(mode, databases ?? ["shop", "crm"], tables ?? [], [], options ?? new Dictionary<string, string>()));

    [Fact]
    public void The_same_migration_has_no_difference_whatever_the_order_of_its_lists_or_the_address_used()
    {
        var recorded = Identity();
        var now = Identity(source: Source with { Address = "localhost:3306" }, databases: ["crm", "shop"]);

        Assert.Empty(recorded.DifferencesFrom(now));
    }

    [Fact]
    public void Each_difference_is_named_with_the_recorded_and_the_current_value()
    {
        var recorded = Identity(options: new Dictionary<string, string> { ["--keep-engines"] = "false" });
        var now = Identity(
            source: Source with { ServerId = 9 },
            databases: ["shop"],
            tables: ["shop.orders"],
            options: new Dictionary<string, string> { ["--chunk-rows"] = "5000" },
            mode: "offline");

        var differences = recorded.DifferencesFrom(now);

        Assert.Equal(
        [
            "source server: recorded 127.0.0.1:3306 (hostname db1, port 3306, server_id 1), now 127.0.0.1:3306 (hostname db1, port 3306, server_id 9)",
            "--mode: recorded online, now offline",
            "--databases: recorded shop,crm, now shop",
            "--tables: recorded (none), now shop.orders",
            "--chunk-rows: recorded (not set), now 5000",
            "--keep-engines: recorded false, now (not set)",
        ], differences);
    }

    [Fact]
    public void Server_uuid_decides_when_both_servers_report_one()
    {
        var target = Target;
        Assert.True(target.IsSameServer(target with { Hostname = "other", ServerId = 99 }));
        Assert.False(target.IsSameServer(target with { ServerUuid = "4e11fa47-71ca-11e1-9e33-c80aa9429562" }));
        Assert.True(Source.IsSameServer(Source with { Address = "db1.internal:3306" }));
        Assert.False(Source.IsSameServer(Source with { Port = 3307 }));
    }
}
