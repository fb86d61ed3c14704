using FlexMigrate.Azure.Arm;

namespace FlexMigrate.AzureTests.Arm;

public sealed class AzureServerTunerTests : IClassFixture<FakeArmFixture>
{
    private readonly FakeArmServer fake;

    public AzureServerTunerTests(FakeArmFixture fixture)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        fake = fixture.Fake;
        fake.Reset();
    }

    private Task<(string Id, AzureServerInfo Server, AzureServerTuner Tuner)> TargetAsync(Func<AzureArmOptions, AzureArmOptions>? adjust = null) =>
        DiscoverAsync(ArmFixtures.AddFlexible(fake, "fm-target"), adjust);

    private Task<(string Id, AzureServerInfo Server, AzureServerTuner Tuner)> SourceAsync() => DiscoverAsync(ArmFixtures.AddSingle(fake, "fm-source"), null);

    private async Task<(string Id, AzureServerInfo Server, AzureServerTuner Tuner)> DiscoverAsync(string id, Func<AzureArmOptions, AzureArmOptions>? adjust)
    {
        // Discovery always runs with the default test options, so a tiny timeout meant for the tuner cannot fail it.
        var server = await new AzureServerDiscovery(fake.Connect()).DiscoverAsync(id);
        return (id, server, new AzureServerTuner(fake.Connect(adjust)));
    }

    [Fact]
    public async Task Parameters_are_set_for_the_load_recorded_and_restored_exactly()
    {
        var (id, server, tuner) = await TargetAsync();
        var desired = new Dictionary<string, string>
        {
            ["max_allowed_packet"] = "1073741824",
            ["innodb_io_capacity"] = "2000",
            ["time_zone"] = "+00:00", // already so: not a change, so never "restored"
        };

        var changes = await tuner.SetParametersAsync(server, desired);

        Assert.Equal(
            [
                new AzureChange(id, AzureChangeKind.Parameter, "innodb_io_capacity", "200", "2000"),
                new AzureChange(id, AzureChangeKind.Parameter, "max_allowed_packet", "4194304", "1073741824"),
            ],
            changes);
        Assert.Equal("1073741824", fake.Parameter(id, "max_allowed_packet"));
        Assert.Equal("2000", fake.Parameter(id, "innodb_io_capacity"));
        Assert.Equal(2, fake.Requests.Count(r => r.Method == "PATCH"));
        Assert.Equal(2, fake.Requests.Count(r => r.Path.StartsWith("/operations/", StringComparison.Ordinal)));

        var outcomes = await tuner.RestoreAsync(changes);

        Assert.Equal([AzureRestoreStatus.Restored, AzureRestoreStatus.Restored], outcomes.Select(o => o.Status));
        Assert.Equal(changes.Reverse(), outcomes.Select(o => o.Change));
        Assert.Equal("4194304", fake.Parameter(id, "max_allowed_packet"));
        Assert.Equal("200", fake.Parameter(id, "innodb_io_capacity"));
        Assert.Equal("+00:00", fake.Parameter(id, "time_zone"));
    }

    [Fact]
    public async Task A_retried_apply_or_restore_sends_no_second_write()
    {
        var (id, server, tuner) = await TargetAsync();
        var changes = AzureServerTuner.PlanParameters(server, new Dictionary<string, string> { ["max_allowed_packet"] = "67108864" });

        await tuner.ApplyAsync(changes);
        await tuner.ApplyAsync(changes);
        var first = await tuner.RestoreAsync(changes);
        var second = await tuner.RestoreAsync(changes);

        Assert.Equal(2, fake.Requests.Count(r => r.Method == "PATCH"));
        Assert.Equal(AzureRestoreStatus.Restored, Assert.Single(first).Status);
        Assert.Equal(AzureRestoreStatus.AlreadyRestored, Assert.Single(second).Status);
        Assert.Equal("4194304", fake.Parameter(id, "max_allowed_packet"));
    }

    [Fact]
    public async Task A_value_changed_by_someone_else_is_left_alone_on_restore()
    {
        var (id, server, tuner) = await TargetAsync();
        var changes = await tuner.SetParametersAsync(server, new Dictionary<string, string> { ["innodb_io_capacity"] = "2000" });
        fake.SetParameter(id, "innodb_io_capacity", "3000");

        var outcome = Assert.Single(await tuner.RestoreAsync(changes));

        Assert.Equal(AzureRestoreStatus.ChangedElsewhere, outcome.Status);
        Assert.Equal("innodb_io_capacity is now '3000', set by someone else after FlexMigrate set '2000'; left as is.", outcome.Detail);
        Assert.Equal("3000", fake.Parameter(id, "innodb_io_capacity"));
    }

    [Fact]
    public async Task Single_server_parameters_are_written_with_put_on_the_2017_api()
    {
        var (id, server, tuner) = await SourceAsync();

        var changes = await tuner.SetParametersAsync(server, new Dictionary<string, string> { ["max_allowed_packet"] = "1073741824" });

        Assert.Single(changes);
        var write = Assert.Single(fake.Requests, r => r.Method == "PUT");
        Assert.Equal(id + "/configurations/max_allowed_packet", write.Path);
        Assert.Equal("2017-12-01", write.ApiVersion);
        Assert.Equal("""{"properties":{"value":"1073741824","source":"user-override"}}""", write.Body);
        Assert.Equal("1073741824", fake.Parameter(id, "max_allowed_packet"));
    }

    [Fact]
    public async Task Static_read_only_and_unknown_parameters_are_refused_with_what_to_do()
    {
        var (id, server, tuner) = await TargetAsync();

        var restart = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            tuner.SetParametersAsync(server, new Dictionary<string, string> { ["innodb_buffer_pool_size"] = "8589934592" }));
        var readOnly = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            tuner.SetParametersAsync(server, new Dictionary<string, string> { ["lower_case_table_names"] = "0" }));
        var unknown = Assert.Throws<ArgumentException>(() =>
            AzureServerTuner.PlanParameters(server, new Dictionary<string, string> { ["no_such_parameter"] = "1" }));

        Assert.StartsWith("Server parameter innodb_buffer_pool_size on fm-target is static", restart.Message, StringComparison.Ordinal);
        Assert.StartsWith("Server parameter lower_case_table_names on fm-target is read-only", readOnly.Message, StringComparison.Ordinal);
        Assert.StartsWith("Server fm-target has no parameter 'no_such_parameter'", unknown.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(fake.Requests, r => r.Method == "PATCH");
    }

    [Fact]
    public async Task Target_is_scaled_up_for_the_load_and_back_through_long_running_operations()
    {
        var (id, server, tuner) = await TargetAsync();
        var large = new AzureSku("Standard_E16ds_v4", "MemoryOptimized");

        var change = await tuner.ScaleAsync(server, large);

        Assert.Equal(new AzureChange(id, AzureChangeKind.Sku, "sku", "Standard_D2ds_v4 (GeneralPurpose)", "Standard_E16ds_v4 (MemoryOptimized)"), change);
        Assert.Equal("Standard_E16ds_v4", fake.Resource(id)["sku"]!["name"]!.GetValue<string>());
        Assert.Equal("MemoryOptimized", fake.Resource(id)["sku"]!["tier"]!.GetValue<string>());
        var patch = Assert.Single(fake.Requests, r => r.Method == "PATCH");
        // Only sku and location: a PATCH carrying "tags" or "properties" would overwrite the user's settings.
        Assert.Equal("""{"sku":{"name":"Standard_E16ds_v4","tier":"MemoryOptimized"},"location":"westeurope"}""", patch.Body);
        Assert.Single(fake.Requests, r => r.Path.StartsWith("/operations/", StringComparison.Ordinal));

        var outcome = Assert.Single(await tuner.RestoreAsync([change!]));

        Assert.Equal(AzureRestoreStatus.Restored, outcome.Status);
        Assert.Equal("Standard_D2ds_v4", fake.Resource(id)["sku"]!["name"]!.GetValue<string>());
        Assert.Equal("GeneralPurpose", fake.Resource(id)["sku"]!["tier"]!.GetValue<string>());
        Assert.Null(AzureServerTuner.PlanScale(server, server.Sku));
    }

    [Fact]
    public async Task Scaling_while_another_operation_runs_is_a_409_conflict()
    {
        var (id, server, tuner) = await TargetAsync();
        fake.FailNext("PATCH", id, 409, "ServerBusy");

        var error = await Assert.ThrowsAsync<AzureArmException>(() =>
            tuner.ScaleAsync(server, new AzureSku("Standard_D8ds_v4", "GeneralPurpose")));

        Assert.Equal(409, error.Status);
        Assert.Equal("ServerBusy", error.ErrorCode);
        Assert.Contains("scale to Standard_D8ds_v4 (GeneralPurpose)", error.Message, StringComparison.Ordinal);
        Assert.Contains("Another operation is running on this server", error.Message, StringComparison.Ordinal);
        Assert.Equal("Standard_D2ds_v4", fake.Resource(id)["sku"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Missing_write_permission_is_a_403_naming_the_action()
    {
        var (id, server, tuner) = await TargetAsync();
        fake.FailNext("PATCH", "/configurations/max_allowed_packet", 403, "AuthorizationFailed");

        var error = await Assert.ThrowsAsync<AzureArmException>(() =>
            tuner.SetParametersAsync(server, new Dictionary<string, string> { ["max_allowed_packet"] = "1073741824" }));

        Assert.Equal(403, error.Status);
        Assert.Contains("lacks permission 'Microsoft.DBforMySQL/flexibleServers/configurations/write'", error.Message, StringComparison.Ordinal);
        Assert.Equal("4194304", fake.Parameter(id, "max_allowed_packet"));
    }

    [Fact]
    public async Task Single_server_source_is_stopped_after_cutover_and_restarted_on_restore()
    {
        var (id, server, tuner) = await SourceAsync();

        var change = await tuner.StopAsync(server);

        Assert.Equal(new AzureChange(id, AzureChangeKind.State, "state", "Ready", "Stopped"), change);
        Assert.Equal("Stopped", fake.Resource(id)["properties"]!["userVisibleState"]!.GetValue<string>());
        var stop = Assert.Single(fake.Requests, r => r.Method == "POST");
        Assert.Equal((id + "/stop", "2020-01-01"), (stop.Path, stop.ApiVersion));

        var outcome = Assert.Single(await tuner.RestoreAsync([change!]));

        Assert.Equal(AzureRestoreStatus.Restored, outcome.Status);
        Assert.Equal("Ready", fake.Resource(id)["properties"]!["userVisibleState"]!.GetValue<string>());
        Assert.Equal(id + "/start", fake.Requests.Last(r => r.Method == "POST").Path);
    }

    [Fact]
    public async Task A_long_running_stop_is_polled_until_it_succeeds()
    {
        var (id, server, tuner) = await TargetAsync();
        fake.InProgressPolls = 3;

        await tuner.StopAsync(server);

        Assert.Equal("Stopped", fake.Resource(id)["properties"]!["state"]!.GetValue<string>());
        Assert.Equal(4, fake.Requests.Count(r => r.Path.StartsWith("/operations/", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_location_header_operation_is_polled_until_it_answers_200()
    {
        var (id, server, tuner) = await TargetAsync();
        fake.UseLocationHeader = true;
        fake.InProgressPolls = 2;

        var changes = await tuner.SetParametersAsync(server, new Dictionary<string, string> { ["max_allowed_packet"] = "1073741824" });

        Assert.Single(changes);
        Assert.Equal("1073741824", fake.Parameter(id, "max_allowed_packet"));
        Assert.Equal(3, fake.Requests.Count(r => r.Path.StartsWith("/operations/location/", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task An_operation_that_never_finishes_times_out_with_advice()
    {
        var (id, server, tuner) = await TargetAsync(o => o with { OperationTimeout = TimeSpan.FromMilliseconds(500) });
        fake.InProgressPolls = int.MaxValue;

        var error = await Assert.ThrowsAsync<AzureArmException>(() => tuner.StopAsync(server));

        Assert.Equal("OperationTimedOut", error.ErrorCode);
        Assert.Equal($"The Azure operation to stop the server on {id} did not finish within 00:00:00.5000000. It may still be running " +
            "in Azure: check the server's Activity log in the portal before retrying, or raise AzureArmOptions.OperationTimeout.", error.Message);
    }

    [Fact]
    public async Task A_failed_operation_reports_its_arm_error_code()
    {
        var (id, server, tuner) = await TargetAsync();
        fake.FailOperationsWithCode = "InternalServerError";

        var error = await Assert.ThrowsAsync<AzureArmException>(() => tuner.StopAsync(server));

        Assert.Equal("InternalServerError", error.ErrorCode);
        Assert.StartsWith($"The Azure operation to stop the server on {id} ended Failed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_restore_that_fails_is_reported_and_the_rest_still_restored()
    {
        var (id, server, tuner) = await TargetAsync();
        var changes = await tuner.SetParametersAsync(server, new Dictionary<string, string>
        {
            ["innodb_io_capacity"] = "2000",
            ["max_allowed_packet"] = "1073741824",
        });
        fake.FailNext("PATCH", "/configurations/max_allowed_packet", 403, "AuthorizationFailed");

        var outcomes = await tuner.RestoreAsync(changes);

        Assert.Equal([AzureRestoreStatus.Failed, AzureRestoreStatus.Restored], outcomes.Select(o => o.Status));
        Assert.StartsWith($"Could not set max_allowed_packet back to '4194304' on {id}: Azure Resource Manager refused", outcomes[0].Detail, StringComparison.Ordinal);
        Assert.Equal("200", fake.Parameter(id, "innodb_io_capacity"));
    }

    [Theory]
    [InlineData("Standard_D4ds_v4 (GeneralPurpose)", "Standard_D4ds_v4", "GeneralPurpose")]
    [InlineData("GP_Gen5_4", "GP_Gen5_4", "")]
    public void Sku_text_round_trips(string text, string name, string tier)
    {
        var sku = AzureSku.Parse(text);

        Assert.Equal(new AzureSku(name, tier), sku);
        Assert.Equal(text, sku.ToString());
    }
}
