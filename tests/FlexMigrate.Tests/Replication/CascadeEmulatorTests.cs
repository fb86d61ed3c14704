using FlexMigrate.Core.Replication;

namespace FlexMigrate.Tests.Replication;

public sealed class CascadeEmulatorTests
{
    private static readonly TableId Account = new("app", "account");

    private static readonly CascadeEmulator Emulator = new(new ForeignKeyGraph(
    [
        new ForeignKeyEdge("by_login", new TableId("app", "post"), [new ForeignKeyColumn("author", "utf8mb4", "utf8mb4_general_ci")],
            Account, ["login"], ForeignKeyRule.Cascade, ForeignKeyRule.SetNull),
        new ForeignKeyEdge("by_id", new TableId("app", "invoice"), [new ForeignKeyColumn("account_id", null, null)],
            Account, ["id"], ForeignKeyRule.Restrict, ForeignKeyRule.Cascade),
    ]));

    private static Dictionary<string, object?> Row(int id, string? login, string name) =>
        new() { ["id"] = id, ["LOGIN"] = login, ["name"] = name };

    [Fact]
    public void Only_a_byte_for_byte_change_of_a_column_an_on_update_action_references_may_cascade()
    {
        Assert.True(Emulator.UpdateMayCascade("app", "account", Row(1, "ann", "A"), Row(1, "ANN", "A")));
        Assert.False(Emulator.UpdateMayCascade("app", "account", Row(1, "ann", "A"), Row(1, "ann", "B")));
        Assert.False(Emulator.UpdateMayCascade("app", "account", Row(1, "ann", "A"), Row(2, "ann", "A")));
        Assert.False(Emulator.UpdateMayCascade("app", "account", Row(1, null, "A"), Row(1, "ann", "A")));
        Assert.False(Emulator.UpdateMayCascade("app", "invoice", Row(1, "ann", "A"), Row(1, "bob", "A")));
    }

    [Fact]
    public void The_graph_tells_delete_and_update_actions_apart()
    {
        var graph = new ForeignKeyGraph(
        [
            new ForeignKeyEdge("r", new TableId("d", "c"), [new ForeignKeyColumn("p", null, null)], new TableId("d", "p"), ["id"],
                ForeignKeyRule.Restrict, ForeignKeyRule.NoAction),
            new ForeignKeyEdge("u", new TableId("d", "c"), [new ForeignKeyColumn("q", null, null)], new TableId("d", "q"), ["id"],
                ForeignKeyRule.SetNull, ForeignKeyRule.Restrict),
        ]);

        Assert.False(graph.HasActionsOn("d", "p"));
        Assert.True(graph.HasActionsOn("d", "q"));
        Assert.True(graph.HasUpdateActionsOn("d", "q"));
        Assert.False(graph.HasDeleteActionsOn("d", "q"));
        Assert.False(graph.HasActionsOn("D", "q"));
        Assert.Equal(2, graph.Edges.Count);
    }
}
