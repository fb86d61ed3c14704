using FlexMigrate.Core.Precheck;

namespace FlexMigrate.Tests.Precheck;

public class ReservedWordsTests
{
    [Fact]
    public void From_57_to_80_adds_the_window_function_words_but_not_57_ones()
    {
        var words = ReservedWords.NewlyReserved(ServerVersion.Parse("5.7.44"), ServerVersion.Parse("8.0.36"));

        Assert.Contains("RANK", words);
        Assert.Contains("rank", words);
        Assert.Contains("LATERAL", words);
        Assert.Contains("INTERSECT", words);
        Assert.DoesNotContain("GENERATED", words);
        Assert.DoesNotContain("SELECT", words);
    }

    [Fact]
    public void Words_reserved_after_the_target_release_are_not_reported()
    {
        var words = ReservedWords.NewlyReserved(ServerVersion.Parse("5.7.44"), ServerVersion.Parse("8.0.21"));

        Assert.Contains("LATERAL", words);
        Assert.DoesNotContain("INTERSECT", words);
    }

    [Fact]
    public void From_56_to_57_adds_generated_stored_virtual()
    {
        var words = ReservedWords.NewlyReserved(ServerVersion.Parse("5.6.47.0"), ServerVersion.Parse("5.7.44"));

        Assert.Equal(["GENERATED", "OPTIMIZER_COSTS", "STORED", "VIRTUAL"], words.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void MariaDB_source_to_MySQL_80_gets_all_and_a_MariaDB_target_none()
    {
        var maria = ServerVersion.Parse("10.11.6-MariaDB");

        Assert.Equal(33, ReservedWords.NewlyReserved(maria, ServerVersion.Parse("8.0.36")).Count);
        Assert.Empty(ReservedWords.NewlyReserved(ServerVersion.Parse("5.7.44"), maria));
    }
}
