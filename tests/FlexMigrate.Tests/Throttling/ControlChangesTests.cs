using FlexMigrate.Api;
using FlexMigrate.Core.Throttling;
using FlexMigrate.Orchestration.Contracts;
using FlexMigrate.Orchestration.Control;

namespace FlexMigrate.Tests.Throttling;

/// <summary>What each control command does to the settings, and how a bad one is refused (CLI, HTTP, queue alike).</summary>
public sealed class ControlChangesTests
{
    private static readonly ControlSettings Start = new(4, 200_000, new ThrottleSettings(MaxRowsPerSecond: 1000));

    [Theory]
    [InlineData("parallelism", "2", "parallelism 2")]
    [InlineData("chunk-rows", "5000", "chunk-rows 5000")]
    [InlineData("max-rows-per-second", "none", "max-rows-per-second=none")]
    [InlineData("max-rows-per-second", "0", "max-rows-per-second=none")]
    [InlineData("max-rows-per-second", "250", "max-rows-per-second=250")]
    [InlineData("max-source-load", "Threads_running=30", "max-rows-per-second=1000 max-source-load=Threads_running=30")]
    [InlineData("max-target-load", "Threads_running=9,Threads_connected=100", "max-rows-per-second=1000 max-target-load=Threads_running=9,Threads_connected=100")]
    [InlineData("critical-source-load", "Threads_running=90", "max-rows-per-second=1000 critical-source-load=Threads_running=90 critical-hibernate-seconds=60")]
    [InlineData("max-replica-lag", "5", "max-rows-per-second=1000 max-replica-lag=5")]
    [InlineData("PARALLELISM", "8", "parallelism 8")]
    public void Set_changes_one_setting(string name, string value, string expected)
    {
        var next = ControlChanges.Apply(Start, new ControlRequest("set", name, value));
        var described = expected.StartsWith("parallelism", StringComparison.Ordinal) ? $"parallelism {next.Parallelism}"
            : expected.StartsWith("chunk-rows", StringComparison.Ordinal) ? $"chunk-rows {next.ChunkRows}"
            : next.Throttle.Describe() is { Length: > 0 } d ? d : "max-rows-per-second=none";
        Assert.Equal(expected, described);
        Assert.False(next.Paused);
    }

    [Fact]
    public void Pause_and_unpause_toggle_and_keep_the_settings()
    {
        var paused = ControlChanges.Apply(Start, new ControlRequest("Pause"));
        Assert.True(paused.Paused);
        Assert.Equal(Start, ControlChanges.Apply(paused, new ControlRequest("unpause")));
    }

    [Theory]
    [InlineData("stop", null, null, "'stop' is not a control action")]
    [InlineData("set", "speed", "1", "'speed' is not a setting control can change")]
    [InlineData("set", "parallelism", "0", "parallelism must be a whole number from 1 to 64, not '0'")]
    [InlineData("set", "parallelism", "two", "parallelism must be a whole number from 1 to 64, not 'two'")]
    [InlineData("set", "max-source-load", "Threads_running", "'Threads_running' is not a load limit")]
    [InlineData("set", null, null, "'' is not a setting control can change")]
    public void A_bad_command_is_refused_with_what_to_send(string action, string? name, string? value, string message)
    {
        Assert.Contains(message, ControlChanges.Validate(new ControlRequest(action, name, value)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"action":"set","name":"parallelism","value":2}""", "set parallelism=2")]
    [InlineData("""{"action":"set","name":"max-source-load","value":"Threads_running=25"}""", "set max-source-load=Threads_running=25")]
    [InlineData("""{"action":"PAUSE"}""", "pause")]
    public void The_http_body_and_queue_message_read_numbers_and_text(string body, string change)
    {
        var parsed = ControlRequestParser.Parse(body, "http", requireMigrationId: false);
        Assert.Empty(parsed.Errors);
        Assert.Equal(change, parsed.Request!.Describe());
        Assert.Equal("http", parsed.Request.RequestedBy);
    }

    [Theory]
    [InlineData("", "body")]
    [InlineData("[1]", "body")]
    [InlineData("{", "body")]
    [InlineData("""{"name":"parallelism"}""", "action")]
    [InlineData("""{"action":"set","name":"parallelism","value":0}""", "value")]
    [InlineData("""{"action":"set","name":"nope","value":1}""", "name")]
    [InlineData("""{"action":"jump"}""", "action")]
    public void A_bad_body_names_the_field(string body, string field)
    {
        var parsed = ControlRequestParser.Parse(body, "http", requireMigrationId: false);
        Assert.Null(parsed.Request);
        Assert.Contains(field, parsed.Errors.Keys);
    }
}
