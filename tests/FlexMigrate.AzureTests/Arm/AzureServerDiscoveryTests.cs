using FlexMigrate.Azure.Arm;

namespace FlexMigrate.AzureTests.Arm;

public sealed class AzureServerDiscoveryTests : IClassFixture<FakeArmFixture>
{
    private readonly FakeArmServer fake;

    public AzureServerDiscoveryTests(FakeArmFixture fixture)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        fake = fixture.Fake;
        fake.Reset();
    }

    [Fact]
    public async Task Flexible_server_facts_and_every_parameter_across_pages_are_read()
    {
        var id = ArmFixtures.AddFlexible(fake, "fm-target");

        var info = await new AzureServerDiscovery(fake.Connect()).DiscoverAsync(id);

        Assert.Equal(id, info.ResourceId);
        Assert.Equal(AzureServerKind.FlexibleServer, info.Kind);
        Assert.Equal("fm-target", info.Name);
        Assert.Equal("westeurope", info.Location);
        Assert.Equal("8.0.21", info.Version);
        Assert.Equal(new AzureSku("Standard_D2ds_v4", "GeneralPurpose"), info.Sku);
        Assert.Equal(128, info.StorageGb);
        Assert.True(info.StorageAutoGrow);
        Assert.Equal(7, info.BackupRetentionDays);
        Assert.Equal("Ready", info.State);
        Assert.Equal("None", info.ReplicationRole);
        Assert.Equal("ZoneRedundant", info.HighAvailability);
        Assert.Equal("fm-target.mysql.database.azure.com", info.FullyQualifiedDomainName);
        Assert.Equal(
            ["binlog_expire_logs_seconds", "innodb_buffer_pool_size", "innodb_io_capacity", "lower_case_table_names",
             "max_allowed_packet", "sql_mode", "time_zone"],
            info.Parameters.Keys);
        Assert.Equal("4194304", info.Parameter("MAX_ALLOWED_PACKET"));
        Assert.Equal("ONLY_FULL_GROUP_BY,STRICT_TRANS_TABLES", info.Parameters["sql_mode"]);
        Assert.Null(info.Parameter("no_such_parameter"));
        // One server GET and three configuration pages (3 + 3 + 1), all with the pinned api-version.
        Assert.Equal(
            ["GET " + id, "GET " + id + "/configurations", "GET " + id + "/configurations", "GET " + id + "/configurations"],
            fake.Requests.Select(r => r.Method + " " + r.Path));
        Assert.All(fake.Requests, r => Assert.Equal("2023-12-30", r.ApiVersion));
    }

    [Fact]
    public async Task Single_server_storage_profile_role_and_parameters_are_read()
    {
        var id = ArmFixtures.AddSingle(fake, "fm-source");

        var info = await new AzureServerDiscovery(fake.Connect()).DiscoverAsync(id);

        Assert.Equal(AzureServerKind.SingleServer, info.Kind);
        Assert.Equal("5.7", info.Version);
        Assert.Equal("GP_Gen5_4 (GeneralPurpose)", info.Sku.ToString());
        Assert.Equal(100, info.StorageGb);
        Assert.False(info.StorageAutoGrow);
        Assert.Equal(35, info.BackupRetentionDays);
        Assert.Equal("Ready", info.State);
        Assert.Equal("Master", info.ReplicationRole);
        Assert.Equal(string.Empty, info.HighAvailability);
        Assert.Equal("ON", info.Parameter("log_bin"));
        Assert.Equal(4, info.Parameters.Count);
        Assert.All(fake.Requests, r => Assert.Equal("2017-12-01", r.ApiVersion));
    }

    [Fact]
    public async Task Server_info_survives_a_json_round_trip_as_durable_history_does()
    {
        var id = ArmFixtures.AddSingle(fake, "fm-source");
        var info = await new AzureServerDiscovery(fake.Connect()).DiscoverAsync(id);

        var copy = System.Text.Json.JsonSerializer.Deserialize<AzureServerInfo>(System.Text.Json.JsonSerializer.Serialize(info))!;

        Assert.Equal(info with { Parameters = copy.Parameters }, copy);
        Assert.Equal(info.Parameters.OrderBy(p => p.Key), copy.Parameters.OrderBy(p => p.Key));
    }

    [Fact]
    public async Task Unknown_server_is_a_404_naming_the_resource_and_what_to_check()
    {
        var id = FakeArmServer.FlexibleId("fm-missing");

        var error = await Assert.ThrowsAsync<AzureArmException>(() => new AzureServerDiscovery(fake.Connect()).DiscoverAsync(id));

        Assert.Equal(404, error.Status);
        Assert.Equal("ResourceNotFound", error.ErrorCode);
        Assert.Equal(id, error.ResourceId);
        Assert.Contains($"read server on {id}", error.Message, StringComparison.Ordinal);
        Assert.Contains("Check the subscription id, resource group and server name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_read_permission_is_a_403_naming_the_action()
    {
        var id = ArmFixtures.AddFlexible(fake, "fm-target");
        fake.FailNext("GET", "/configurations", 403, "AuthorizationFailed");

        var error = await Assert.ThrowsAsync<AzureArmException>(() => new AzureServerDiscovery(fake.Connect()).DiscoverAsync(id));

        Assert.Equal(403, error.Status);
        Assert.Equal("AuthorizationFailed", error.ErrorCode);
        Assert.Contains("lacks permission 'Microsoft.DBforMySQL/flexibleServers/configurations/read'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Throttling_is_retried_after_the_servers_retry_after()
    {
        var id = ArmFixtures.AddFlexible(fake, "fm-target");
        fake.FailNext("GET", id, 429, "TooManyRequests", times: 1, retryAfterSeconds: 1);
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var info = await new AzureServerDiscovery(fake.Connect()).DiscoverAsync(id);

        Assert.Equal("Ready", info.State);
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(0.9), $"retried after {watch.Elapsed}, before Retry-After");
        Assert.Equal(2, fake.Requests.Count(r => r.Method == "GET" && r.Path == id));
    }

    [Fact]
    public async Task Throttling_that_outlasts_the_retries_reports_429_with_retry_after()
    {
        var id = ArmFixtures.AddFlexible(fake, "fm-target");
        fake.FailNext("GET", "/configurations", 429, "TooManyRequests", times: 10, retryAfterSeconds: 1);
        var connection = fake.Connect(o => o with { MaxRetries = 1 });

        var error = await Assert.ThrowsAsync<AzureArmException>(() => new AzureServerDiscovery(connection).DiscoverAsync(id));

        Assert.Equal(429, error.Status);
        Assert.Equal("TooManyRequests", error.ErrorCode);
        Assert.Equal(TimeSpan.FromSeconds(1), error.RetryAfter);
        Assert.Contains("still throttled after retries (Retry-After: 1 s)", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, fake.Requests.Count(r => r.Path.EndsWith("/configurations", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task An_unreachable_endpoint_is_reported_as_no_response()
    {
        var id = FakeArmServer.FlexibleId("fm-target");
        // Port 1 on loopback: nothing listens there, the connection is refused at once.
        var connection = fake.Connect(o => o with { Endpoint = new Uri("https://127.0.0.1:1"), MaxRetries = 0 });

        var error = await Assert.ThrowsAsync<AzureArmException>(() => new AzureServerDiscovery(connection).DiscoverAsync(id));

        Assert.Equal(0, error.Status);
        Assert.Equal("NoResponse", error.ErrorCode);
        Assert.Contains("No response from Resource Manager (network)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not-an-id")]
    [InlineData("/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.Sql/servers/x")]
    public async Task A_resource_id_that_is_not_a_mysql_server_is_rejected_before_any_call(string id)
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => new AzureServerDiscovery(fake.Connect()).DiscoverAsync(id));

        Assert.Contains(id, error.Message, StringComparison.Ordinal);
        Assert.Empty(fake.Requests);
    }
}
