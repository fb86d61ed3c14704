using FlexMigrate.Functions.Http;

namespace FlexMigrate.Tests.Functions;

public class StartMigrationValidatorTests
{
    private static bool Configured(string name) => name is "source" or "target";

    [Fact]
    public void A_complete_body_becomes_a_request_with_defaults()
    {
        var v = StartMigrationValidator.Validate("""{"source":"source","target":"target","databases":["shop"],"parallelism":8}""", Configured);
        Assert.Empty(v.Errors);
        Assert.NotNull(v.Request);
        Assert.Equal(["shop"], v.Request.Databases);
        Assert.Equal(8, v.Request.Options.Parallelism);
        Assert.True(v.Request.Options.Validate);
        Assert.Equal(200_000, v.Request.Options.ChunkRows);
    }

    [Fact]
    public void A_throttle_object_becomes_the_throttle_settings_by_the_control_commands_rules()
    {
        var v = StartMigrationValidator.Validate("""
            {"source":"source","target":"target","databases":["shop"],"throttle":{"maxRowsPerSecond":5000,"maxSourceLoad":"Threads_running=25",
             "maxReplicaLag":2.5,"throttleReplicas":["replica1"],"criticalSourceLoad":"Threads_running=80","criticalHibernateSeconds":30}}
            """, name => name is "source" or "target" or "replica1");
        Assert.Empty(v.Errors);
        Assert.Equal("max-rows-per-second=5000 max-source-load=Threads_running=25 max-replica-lag=2.5 throttle-replicas=replica1 "
            + "critical-source-load=Threads_running=80 critical-hibernate-seconds=30", v.Request!.Options.Throttle!.Describe());
        Assert.Null(StartMigrationValidator.Validate("""{"source":"source","target":"target","databases":["a"],"throttle":{}}""", Configured).Request!.Options.Throttle);
    }

    [Theory]
    [InlineData("online", FlexMigrate.Orchestration.Contracts.MigrationMode.Online)]
    [InlineData("Offline", FlexMigrate.Orchestration.Contracts.MigrationMode.Offline)]
    public void Mode_is_offline_or_online(string mode, FlexMigrate.Orchestration.Contracts.MigrationMode expected)
    {
        var v = StartMigrationValidator.Validate($$"""{"source":"source","target":"target","databases":["shop"],"mode":"{{mode}}"}""", Configured);
        Assert.Empty(v.Errors);
        Assert.Equal(expected, v.Request!.Options.Mode);
    }

    [Theory]
    [InlineData("""{"target":"target","databases":["a"]}""", "source")]
    [InlineData("""{"source":"nope","target":"target","databases":["a"]}""", "source")]
    [InlineData("""{"source":"Server=x;Password=secret","target":"target","databases":["a"]}""", "source")]
    [InlineData("""{"source":"source","target":"target","databases":[]}""", "databases")]
    [InlineData("""{"source":"source","target":"target","databases":["a"],"tables":["justname"]}""", "tables")]
    [InlineData("""{"source":"source","target":"target","databases":["a"],"parallelism":0}""", "parallelism")]
    [InlineData("""{"source":"source","target":"target","databases":["a"],"mode":"sideways"}""", "mode")]
    [InlineData("""{"source":"source","target":"target","databases":"a"}""", "databases")]
    [InlineData("""not json""", "body")]
    [InlineData("""{"source":"source","target":"target","databases":["a"],"throttle":{"maxSourceLoad":"Threads_running"}}""", "throttle.maxSourceLoad")]
    [InlineData("""{"source":"source","target":"target","databases":["a"],"throttle":{"maxRowsPerSecond":-5}}""", "throttle.maxRowsPerSecond")]
    [InlineData("""{"source":"source","target":"target","databases":["a"],"throttle":{"maxReplicaLag":5}}""", "throttle.maxReplicaLag")]
    [InlineData("""{"source":"source","target":"target","databases":["a"],"throttle":{"maxReplicaLag":5,"throttleReplicas":["nope"]}}""", "throttle.throttleReplicas")]
    public void A_bad_body_names_the_field(string body, string field)
    {
        var v = StartMigrationValidator.Validate(body, Configured);
        Assert.Null(v.Request);
        Assert.True(v.Errors.ContainsKey(field), $"expected an error for '{field}', got: {string.Join("; ", v.Errors)}");
    }

    [Theory]
    [InlineData("\"all\"", false, "all")]
    [InlineData("\"app, report@10.%\"", false, "app|report@10.%")]
    [InlineData("[\"app\", \"'alice@contoso.com'@%\"]", true, "app|'alice@contoso.com'@%")]
    public void Users_are_a_string_or_a_list_of_accounts(string users, bool replace, string expected)
    {
        var v = StartMigrationValidator.Validate(
            $$"""{"source":"source","target":"target","databases":["shop"],"users":{{users}},"replaceUsers":{{(replace ? "true" : "false")}}}""", Configured);

        Assert.Empty(v.Errors);
        Assert.Equal(expected, string.Join("|", v.Request!.Users!.Select));
        Assert.Equal(replace, v.Request.Users.Replace);
    }

    [Theory]
    [InlineData("\"none\"")]
    [InlineData("null")]
    public void Users_none_migrates_no_account(string users)
    {
        var v = StartMigrationValidator.Validate($$"""{"source":"source","target":"target","databases":["shop"],"users":{{users}}}""", Configured);

        Assert.Empty(v.Errors);
        Assert.Null(v.Request!.Users);
    }

    [Theory]
    [InlineData("42")]
    [InlineData("[\"app\", 7]")]
    [InlineData("\"all,app\"")]
    [InlineData("\"@host\"")]
    public void Bad_users_name_the_field(string users)
    {
        var v = StartMigrationValidator.Validate($$"""{"source":"source","target":"target","databases":["shop"],"users":{{users}}}""", Configured);

        Assert.Null(v.Request);
        Assert.True(v.Errors.ContainsKey("users"), string.Join("; ", v.Errors));
    }

    [Fact]
    public void A_connection_string_in_the_body_is_never_echoed_back()
    {
        var v = StartMigrationValidator.Validate("""{"source":"Server=x;Password=secret","target":"target","databases":["a"]}""", Configured);
        Assert.DoesNotContain(v.Errors.Values, m => m.Contains("secret", StringComparison.Ordinal));
    }
}
