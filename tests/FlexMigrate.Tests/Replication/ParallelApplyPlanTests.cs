using FlexMigrate.Core.Replication;

namespace FlexMigrate.Tests.Replication;

public sealed class ParallelApplyPlanTests
{
    [Fact]
    public void Transactions_sharing_a_key_directly_or_through_a_chain_land_in_one_lane_in_source_order()
    {
        // 0-2-4 are chained by keys 10 and 11; 1 and 3 are independent.
        IReadOnlyCollection<long>[] keys = [[10], [20], [10, 11], [30], [11]];
        var plan = LanePlanner.Plan(keys, [1, 1, 1, 1, 1], 3);

        Assert.Equal(3, plan.Count);
        Assert.Contains(plan, lane => lane.SequenceEqual([0, 2, 4]));
        Assert.Contains(plan, lane => lane.SequenceEqual([1]));
        Assert.Contains(plan, lane => lane.SequenceEqual([3]));
    }

    [Fact]
    public void Groups_go_largest_first_to_the_least_loaded_lane()
    {
        IReadOnlyCollection<long>[] keys = [[1], [2], [3], [4]];
        var plan = LanePlanner.Plan(keys, [10, 1, 1, 8], 2);

        Assert.Equal([0], plan[0]);
        Assert.Equal([1, 2, 3], plan[1]);
    }

    [Fact]
    public void One_lane_keeps_every_transaction_in_order()
    {
        IReadOnlyCollection<long>[] keys = [[1], [2], [1]];
        Assert.Equal([0, 1, 2], Assert.Single(LanePlanner.Plan(keys, [1, 1, 1], 1)));
    }

    [Theory]
    [InlineData("Straße", "STRASSE")] // unicode_ci: ß = ss
    [InlineData("Straße", "strase")] // general_ci: ß = s
    [InlineData("Müller", "Mueller")] // german2_ci: ü = ue
    [InlineData("Åse", "aase")] // danish_ci: å = aa
    [InlineData("Vik", "wik")] // swedish_ci: v = w
    [InlineData("café", "CAFE ")] // accent, case and PAD SPACE
    [InlineData("Ａｂｃ１", "abc1")] // full-width forms
    [InlineData("Ærø", "aero")]
    [InlineData("ıstanbul", "ISTANBUL")] // dotless i
    public void Text_equal_under_some_collation_folds_to_one_key(string a, string b) =>
        Assert.Equal(ConflictKeys.Fold(a), ConflictKeys.Fold(b));

    [Theory]
    [InlineData("alice@example.com", "bob@example.com")]
    [InlineData("order-1001", "order-1002")]
    public void Different_keys_stay_apart(string a, string b) =>
        Assert.NotEqual(ConflictKeys.Fold(a), ConflictKeys.Fold(b));
}
