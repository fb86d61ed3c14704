using FlexMigrate.Core.Throttling;

namespace FlexMigrate.Tests.Throttling;

/// <summary>Load limits as the options write them, and the settings' one-line form (also their equality).</summary>
public sealed class ThrottleSettingsTests
{
    [Fact]
    public void A_list_of_limits_parses_and_formats_back()
    {
        var limits = LoadLimit.ParseList(" Threads_running=25 , Threads_connected=500");
        Assert.Equal([new LoadLimit("Threads_running", 25), new LoadLimit("Threads_connected", 500)], limits);
        Assert.Equal("Threads_running=25,Threads_connected=500", LoadLimit.Format(limits));
        Assert.Empty(LoadLimit.ParseList(""));
    }

    [Theory]
    [InlineData("Threads_running")]
    [InlineData("Threads_running=")]
    [InlineData("Threads_running=-1")]
    [InlineData("Threads_running=2.5")]
    [InlineData("=5")]
    [InlineData("Threads running=5")]
    [InlineData("Threads_running=5=6")]
    public void A_bad_limit_is_refused_naming_the_part(string text)
    {
        var error = Assert.Throws<FormatException>(() => LoadLimit.ParseList(text));
        Assert.Contains($"'{text.Trim()}' is not a load limit", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_lists_the_set_conditions_and_equal_settings_describe_alike()
    {
        var settings = new ThrottleSettings(MaxRowsPerSecond: 5000, MaxSourceLoad: LoadLimit.ParseList("Threads_running=25"),
            MaxReplicaLagSeconds: 2.5, ThrottleReplicas: ["replica1"], CriticalSourceLoad: LoadLimit.ParseList("Threads_running=80"), CriticalHibernateSeconds: 30);
        Assert.Equal("max-rows-per-second=5000 max-source-load=Threads_running=25 max-replica-lag=2.5 throttle-replicas=replica1 "
            + "critical-source-load=Threads_running=80 critical-hibernate-seconds=30", settings.Describe());
        Assert.Equal(settings.Describe(), (settings with { MaxSourceLoad = LoadLimit.ParseList("Threads_running=25") }).Describe());
        Assert.True(ThrottleSettings.None.IsEmpty);
        Assert.False(new ThrottleSettings(MaxRowsPerSecond: 1).SamplesServers);
        Assert.False(new ThrottleSettings(MaxReplicaLagSeconds: 1).SamplesServers);
    }

    [Fact]
    public void A_reason_reads_as_condition_value_and_limit()
    {
        Assert.Equal("max-source-load: Threads_running 40 > 25", new ThrottleReason("max-source-load", "Threads_running", 40, 25).Describe());
        Assert.Equal("max-replica-lag: replica1 not measurable (limit 2.5)", new ThrottleReason("max-replica-lag", "replica1", -1, 2.5).Describe());
    }
}
