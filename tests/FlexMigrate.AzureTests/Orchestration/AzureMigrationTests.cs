using Azure.Core;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using FlexMigrate.Azure.Arm;
using FlexMigrate.Azure.Storage;
using FlexMigrate.AzureTests.Arm;
using FlexMigrate.AzureTests.Storage;
using FlexMigrate.Core;
using FlexMigrate.Core.Precheck;
using FlexMigrate.IntegrationTests.Infrastructure;
using FlexMigrate.Orchestration;
using FlexMigrate.Orchestration.Activities;
using FlexMigrate.Orchestration.Azure;
using FlexMigrate.Orchestration.Cancellation;
using FlexMigrate.Orchestration.Connections;
using FlexMigrate.Orchestration.Contracts;
using FlexMigrate.Orchestration.Online;
using FlexMigrate.Orchestration.Precheck;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace FlexMigrate.AzureTests.Orchestration;

/// <summary>
/// The offline migration with Azure options, end to end on the in-process durable engine: the real MariaDB pair for the
/// data, the fake ARM server for discovery/tuning/restore, Azurite for the artifacts.
/// </summary>
public sealed class AzureMigrationTests(FakeArmFixture arm) : IClassFixture<FakeArmFixture>, IAsyncLifetime
{
    private const string Schema = """
        CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(40), KEY ix_name (name));
        INSERT INTO items VALUES (1, 'a'), (2, 'b'), (3, 'c');
        CREATE TABLE notes (id INT PRIMARY KEY, item_id INT, CONSTRAINT fk_item FOREIGN KEY (item_id) REFERENCES items (id));
        INSERT INTO notes VALUES (1, 1);
        """;

    private const string LoadPacket = "1073741824";
    private const string OriginalPacket = "4194304";
    private const string OriginalSku = "Standard_D2ds_v4";

    private readonly BlobContainerHolder container = new();

    private FakeArmServer Fake => arm.Fake;

    public async Task InitializeAsync()
    {
        await Azurite.EnsureRunningAsync();
        Fake.Reset();
    }

    public async Task DisposeAsync() => await container.Client.DeleteIfExistsAsync();

    [Fact]
    public async Task Tuning_is_in_place_while_tables_are_created_and_restored_at_the_end_with_every_artifact_written()
    {
        await MariaDbPair.CreateSourceAsync("fm_az_tune", Schema);
        var (source, target) = Servers("tune");
        string? packetDuringLoad = null;
        string? skuDuringLoad = null;
        var store = new MigrationArtifactStore(container.Client);
        await using var host = await AzureMigrationHost.StartAsync(Fake.Connect(), store, replace: Probe(() =>
        {
            packetDuringLoad = Fake.Parameter(target, "max_allowed_packet");
            skuDuringLoad = Fake.Resource(target)["sku"]!["name"]!.GetValue<string>();
            return Task.CompletedTask;
        }));

        var id = await host.StartAsync(AzureMigrationHost.Request("fm_az_tune",
            new AzureMigrationOptions(source, target, TuneTarget: true, ScaleTargetSku: "Standard_D8ds_v4")));
        var meta = await host.WaitAsync(id);

        var report = ReportOf(meta);
        Assert.Equal(MigrationOutcome.Succeeded, report.Outcome);
        Assert.Equal(3, await MariaDbPair.CountAsync(MariaDbPair.Target, "fm_az_tune.items"));
        Assert.Equal((LoadPacket, "Standard_D8ds_v4"), (packetDuringLoad, skuDuringLoad));
        Assert.Equal(
            [
                new AzureChange(target, AzureChangeKind.Sku, "sku", "Standard_D2ds_v4 (GeneralPurpose)", "Standard_D8ds_v4 (GeneralPurpose)"),
                new AzureChange(target, AzureChangeKind.Parameter, "max_allowed_packet", OriginalPacket, LoadPacket),
            ],
            report.Azure!.Changes);
        Assert.Equal(["max_allowed_packet", "sku"], report.Azure.Restores.Select(r => r.Change.Setting));
        Assert.All(report.Azure.Restores, r => Assert.Equal(AzureRestoreStatus.Restored, r.Status));
        AssertRestored(target);

        // The Azure precheck finding names the Azure parameter to change.
        var finding = Assert.Single(report.Precheck!.Findings, f => f.Rule == "azure.max_allowed_packet");
        Assert.Equal(PrecheckSeverity.Warning, finding.Severity);
        Assert.Contains("az mysql flexible-server parameter set", finding.Message, StringComparison.Ordinal);

        Assert.Equal([ArtifactKind.PrecheckReport, ArtifactKind.SchemaSnapshot, ArtifactKind.ValidationReport], report.Artifacts!.Select(a => a.Kind));
        var stored = await store.ListArtifactsAsync(id);
        Assert.Equal(Enum.GetValues<ArtifactKind>(), stored.Select(a => a.Kind));
        Assert.All(stored, a => Assert.StartsWith(id + "/", a.BlobName, StringComparison.Ordinal));
        var snapshot = (await store.GetArtifactAsync(id, ArtifactKind.SchemaSnapshot))!;
        Assert.Contains("CREATE DATABASE IF NOT EXISTS `fm_az_tune`", snapshot, StringComparison.Ordinal);
        Assert.Contains("ADD KEY `ix_name` (`name`)", snapshot, StringComparison.Ordinal);
        Assert.Contains("ADD CONSTRAINT `fk_item` FOREIGN KEY (`item_id`) REFERENCES `items` (`id`)", snapshot, StringComparison.Ordinal);
        var migrationReport = (await store.GetArtifactAsync(id, ArtifactKind.MigrationReport))!;
        Assert.Contains("\"outcome\": \"succeeded\"", migrationReport, StringComparison.Ordinal);
        Assert.Contains("\"status\": \"restored\"", migrationReport, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_online_migration_ends_like_an_offline_one_with_every_artifact_and_its_Azure_changes_restored()
    {
        await MariaDbPair.CreateSourceAsync("fm_az_online", Schema);
        var (source, target) = Servers("online");
        var store = new MigrationArtifactStore(container.Client);
        await using var host = await AzureMigrationHost.StartAsync(Fake.Connect(), store);
        var request = AzureMigrationHost.Request("fm_az_online", new AzureMigrationOptions(source, target, TuneTarget: true, ScaleTargetSku: "Standard_D8ds_v4"));
        request = request with { Options = request.Options with { Mode = MigrationMode.Online, ApplyBatchSeconds = 2, CutoverPollMilliseconds = 100 } };

        var id = await host.StartAsync(request);
        await MigrationStatusWaiter.WaitAsync(host.Client, id, s => s.Replication is { CaughtUp: true }, TimeSpan.FromMinutes(2), TimeSpan.FromMilliseconds(100));
        await host.Client.RaiseEventAsync(id, OnlineMigrationOrchestrator.CutoverEvent, new CutoverRequest(StopWritesMode.Confirmed, 120, "test"));
        var report = ReportOf(await host.WaitAsync(id));

        Assert.Equal(MigrationOutcome.Succeeded, report.Outcome);
        Assert.True(report.Validation!.Equal);
        Assert.Equal(2, report.Azure!.Restores.Count);
        Assert.True(report.Azure.FullyRestored);
        AssertRestored(target);
        Assert.Equal([ArtifactKind.PrecheckReport, ArtifactKind.SchemaSnapshot, ArtifactKind.ValidationReport], report.Artifacts!.Select(a => a.Kind));
        Assert.Equal(Enum.GetValues<ArtifactKind>(), (await store.ListArtifactsAsync(id)).Select(a => a.Kind));
        Assert.Contains("\"outcome\": \"succeeded\"", (await store.GetArtifactAsync(id, ArtifactKind.MigrationReport))!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_precheck_alone_reads_the_Azure_servers_like_the_migration_and_changes_nothing()
    {
        await MariaDbPair.CreateSourceAsync("fm_az_precheck", Schema);
        var (source, target) = Servers("precheck");
        await using var host = await AzureMigrationHost.StartAsync(Fake.Connect(), artifacts: null);

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(PrecheckOrchestrator),
            AzureMigrationHost.Request("fm_az_precheck", new AzureMigrationOptions(source, target, TuneTarget: true)));
        var meta = await host.WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, meta.RuntimeStatus);
        var finding = Assert.Single(meta.ReadOutputAs<PrecheckReport>()!.Findings, f => f.Rule == "azure.max_allowed_packet");
        Assert.Equal(PrecheckSeverity.Warning, finding.Severity);
        AssertRestored(target);
        Assert.False(await MariaDbPair.ExistsAsync(MariaDbPair.Target, "fm_az_precheck"));
    }

    [Fact]
    public async Task Cancel_event_stops_the_migration_restores_the_changes_and_ends_cancelled()
    {
        await MariaDbPair.CreateSourceAsync("fm_az_cancel", Schema);
        var (source, target) = Servers("cancel");
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var store = new MigrationArtifactStore(container.Client);
        await using var host = await AzureMigrationHost.StartAsync(Fake.Connect(), store, replace: Probe(async () =>
        {
            reached.TrySetResult();
            await release.Task;
        }));

        var id = await host.StartAsync(AzureMigrationHost.Request("fm_az_cancel",
            new AzureMigrationOptions(source, target, TuneTarget: true, ScaleTargetSku: "Standard_D8ds_v4")));
        await reached.Task.WaitAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(LoadPacket, Fake.Parameter(target, "max_allowed_packet"));
        await host.Client.RaiseEventAsync(id, CancelSignal.EventName, "test");
        release.SetResult();
        var meta = await host.WaitAsync(id);

        var report = ReportOf(meta);
        Assert.Equal(MigrationOutcome.Cancelled, report.Outcome);
        Assert.DoesNotContain(report.Tables, t => t.Rows > 0);
        Assert.Equal(0, await MariaDbPair.CountAsync(MariaDbPair.Target, "fm_az_cancel.items"));
        Assert.Equal(2, report.Azure!.Restores.Count);
        Assert.True(report.Azure.FullyRestored);
        AssertRestored(target);
        Assert.Contains("\"outcome\": \"cancelled\"", (await store.GetArtifactAsync(id, ArtifactKind.MigrationReport))!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_step_restores_the_changes_writes_a_failed_report_and_fails_with_its_error()
    {
        await MariaDbPair.CreateSourceAsync("fm_az_fail", Schema);
        var (_, target) = Servers("fail");
        var store = new MigrationArtifactStore(container.Client);
        await using var host = await AzureMigrationHost.StartAsync(Fake.Connect(), store, replace: Probe(() =>
            throw new UserActionRequiredException("fm_az_fail.items was rejected by the test.")));

        var id = await host.StartAsync(AzureMigrationHost.Request("fm_az_fail", new AzureMigrationOptions(null, target, TuneTarget: true)));
        var meta = await host.WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, meta.RuntimeStatus);
        Assert.Equal("fm_az_fail.items was rejected by the test.", meta.FailureDetails.Innermost()!.ErrorMessage);
        AssertRestored(target);
        var failed = (await store.GetArtifactAsync(id, ArtifactKind.MigrationReport))!;
        Assert.Contains("\"outcome\": \"failed\"", failed, StringComparison.Ordinal);
        Assert.Contains("\"failure\": \"fm_az_fail.items was rejected by the test.\"", failed, StringComparison.Ordinal);
        Assert.Contains("\"status\": \"restored\"", failed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_restore_that_cannot_run_is_reported_per_change_with_the_value_to_set_by_hand()
    {
        await MariaDbPair.CreateSourceAsync("fm_az_norestore", Schema);
        var (_, target) = Servers("norestore");
        var replace = new Dictionary<string, Func<IServiceProvider, ITaskActivity>>
        {
            [nameof(RestoreAzureChangesActivity)] = _ => new UnreachableRestoreActivity(),
        };
        await using var host = await AzureMigrationHost.StartAsync(Fake.Connect(), artifacts: null, replace: replace);

        var id = await host.StartAsync(AzureMigrationHost.Request("fm_az_norestore", new AzureMigrationOptions(null, target, TuneTarget: true)));
        var report = ReportOf(await host.WaitAsync(id));

        Assert.Equal(MigrationOutcome.Succeeded, report.Outcome);
        Assert.False(report.Azure!.FullyRestored);
        var restore = Assert.Single(report.Azure.Restores);
        Assert.Equal(AzureRestoreStatus.Failed, restore.Status);
        Assert.Equal($"Could not set max_allowed_packet back to '{OriginalPacket}' on {target}: Resource Manager is unreachable. Set it by hand.", restore.Detail);
        Assert.Equal(LoadPacket, Fake.Parameter(target, "max_allowed_packet"));
    }

    [Fact]
    public async Task A_table_list_over_the_inline_limit_travels_by_reference_and_every_table_is_copied()
    {
        await MariaDbPair.CreateSourceAsync("fm_az_many", """
            CREATE TABLE t1 (id INT PRIMARY KEY); INSERT INTO t1 VALUES (1);
            CREATE TABLE t2 (id INT PRIMARY KEY); INSERT INTO t2 VALUES (1), (2);
            CREATE TABLE t3 (id INT PRIMARY KEY); INSERT INTO t3 VALUES (1), (2), (3);
            """);
        var store = new MigrationArtifactStore(container.Client);
        await using var host = await AzureMigrationHost.StartAsync(Fake.Connect(), store, new BlobPayloadStore(store, inlineTableLimit: 2));

        var id = await host.StartAsync(AzureMigrationHost.Request("fm_az_many", azure: null));
        var report = ReportOf(await host.WaitAsync(id));

        Assert.Equal(MigrationOutcome.Succeeded, report.Outcome);
        Assert.Equal([("fm_az_many.t1", 1L), ("fm_az_many.t2", 2L), ("fm_az_many.t3", 3L)],
            report.Tables.Select(t => (t.Table, t.Rows)).OrderBy(t => t.Table, StringComparer.Ordinal));
        Assert.Null(report.Azure);
        var payloads = new List<string>();
        await foreach (var blob in container.Client.GetBlobsAsync(new GetBlobsOptions { Prefix = $"{id}/payloads/" }))
        {
            payloads.Add(blob.Name);
        }

        // The plan's schema catalog is stored beside the table list: the later activities read it from there.
        Assert.Collection(payloads.Order(StringComparer.Ordinal),
            p => Assert.StartsWith($"{id}/payloads/schema-catalog-", p, StringComparison.Ordinal),
            p => Assert.StartsWith($"{id}/payloads/tables-", p, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_retried_artifact_write_whose_first_response_was_lost_leaves_one_unchanged_blob()
    {
        var lost = new LostResponsePolicy();
        var options = Azurite.FastOptions();
        options.AddPolicy(lost, HttpPipelinePosition.PerRetry);
        var store = new MigrationArtifactStore(new BlobContainerClient(
            Azurite.ConnectionString, container.Client.Name, options));
        var activity = new WriteArtifactActivity(store);
        var write = new ArtifactWrite(ArtifactKind.PrecheckReport, """{"findings":[]}""");

        lost.LoseNextUploadResponse();
        var first = await activity.RunAsync(new DirectActivityContext(nameof(WriteArtifactActivity), "fm-az-retried"), write);
        var retry = await activity.RunAsync(new DirectActivityContext(nameof(WriteArtifactActivity), "fm-az-retried"), write);

        Assert.Equal(first, retry);
        Assert.Equal(2, lost.Puts);
        Assert.Equal("""{"findings":[]}""", await store.GetArtifactAsync("fm-az-retried", ArtifactKind.PrecheckReport));
        Assert.Single(await store.ListArtifactsAsync("fm-az-retried"));
    }

    [Fact]
    public async Task Without_an_artifact_store_the_write_activity_does_nothing()
    {
        var result = await new WriteArtifactActivity().RunAsync(
            new DirectActivityContext(nameof(WriteArtifactActivity), "fm-az-none"), new ArtifactWrite(ArtifactKind.MigrationReport, "{}"));
        Assert.Null(result);
    }

    [Fact]
    public async Task Stopping_the_source_stops_it_once_and_a_retry_changes_nothing()
    {
        var source = ArmFixtures.AddSingle(Fake, "fm-az-stop-src");
        var activity = new StopSourceServerActivity(Fake.Connect());

        var first = await activity.RunAsync(new DirectActivityContext(nameof(StopSourceServerActivity), "fm-az-stop"), source);
        var retry = await activity.RunAsync(new DirectActivityContext(nameof(StopSourceServerActivity), "fm-az-stop"), source);

        Assert.Equal(new AzureChange(source, AzureChangeKind.State, "state", "Ready", "Stopped"), first);
        Assert.Null(retry);
        Assert.Equal("Stopped", Fake.Resource(source)["properties"]!["userVisibleState"]!.GetValue<string>());
    }

    private (string? Source, string Target) Servers(string name) =>
        (ArmFixtures.AddSingle(Fake, $"fm-az-{name}-src"), ArmFixtures.AddFlexible(Fake, $"fm-az-{name}-tgt"));

    private void AssertRestored(string target)
    {
        Assert.Equal(OriginalPacket, Fake.Parameter(target, "max_allowed_packet"));
        Assert.Equal(OriginalSku, Fake.Resource(target)["sku"]!["name"]!.GetValue<string>());
    }

    private static Dictionary<string, Func<IServiceProvider, ITaskActivity>> Probe(Func<Task> before) => new()
    {
        [nameof(CreateTablesActivity)] = sp => new ProbedCreateTablesActivity(sp.GetRequiredService<IConnectionCatalog>(), before),
    };

    private static MigrationReport ReportOf(OrchestrationMetadata meta)
    {
        var failure = meta.FailureDetails.Innermost();
        Assert.True(meta.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{meta.RuntimeStatus}: {failure?.ErrorType}: {failure?.ErrorMessage}");
        return meta.ReadOutputAs<MigrationReport>()!;
    }

    /// <summary>One Azurite container per test class instance (fm-az-...), deleted afterwards.</summary>
    private sealed class BlobContainerHolder
    {
        public BlobContainerClient Client { get; } = Azurite.NewContainer();
    }
}
