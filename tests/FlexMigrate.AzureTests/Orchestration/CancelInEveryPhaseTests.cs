using FlexMigrate.Azure.Storage;
using FlexMigrate.AzureTests.Arm;
using FlexMigrate.AzureTests.Storage;
using FlexMigrate.IntegrationTests.Infrastructure;
using FlexMigrate.Orchestration.Activities;
using FlexMigrate.Orchestration.Azure;
using FlexMigrate.Orchestration.Cancellation;
using FlexMigrate.Orchestration.Contracts;
using FlexMigrate.Orchestration.Online;
using Microsoft.DurableTask.Client;

namespace FlexMigrate.AzureTests.Orchestration;

/// <summary>
/// A cancel is never lost, whatever the migration is doing: for every phase of the offline and the online migration
/// (the cutover's steps included) the test holds the real activity of that phase, raises cancel while the orchestration
/// waits on it, lets it finish, and expects outcome Cancelled with the Azure changes restored, the report artifact
/// written, and (during a cutover) the target switched back off. Real MariaDB pair, fake ARM, Azurite.
/// </summary>
public sealed class CancelInEveryPhaseTests(FakeArmFixture arm) : IClassFixture<FakeArmFixture>, IAsyncLifetime
{
    private const string Schema = """
        CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(40), code VARCHAR(12) NOT NULL, UNIQUE KEY uq_code (code), KEY ix_name (name));
        INSERT INTO items SELECT seq, CONCAT('name ', seq), CONCAT('c', seq) FROM seq_1_to_400;
        ANALYZE TABLE items;
        CREATE TABLE notes (id INT PRIMARY KEY, item_id INT, CONSTRAINT fk_item FOREIGN KEY (item_id) REFERENCES items (id));
        INSERT INTO notes VALUES (1, 1), (2, 2);
        CREATE TRIGGER t_items BEFORE INSERT ON items FOR EACH ROW SET NEW.name = UPPER(NEW.name);
        CREATE FUNCTION twice(x INT) RETURNS INT DETERMINISTIC RETURN x * 2;
        """;

    private const string OriginalPacket = "4194304";
    private const string OriginalSku = "Standard_D2ds_v4";

    private readonly BlobContainerClientHolder container = new();

    private FakeArmServer Fake => arm.Fake;

    public async Task InitializeAsync()
    {
        await Azurite.EnsureRunningAsync();
        Fake.Reset();
    }

    public async Task DisposeAsync() => await container.Client.DeleteIfExistsAsync();

    /// <summary>
    /// Mode, the activity held (its n-th call), and whether a cutover is raised first. `items` (ANALYZE'd, so the plan
    /// sees its 400 rows) takes the chunk path at 100 rows a chunk, `notes` the small-table batch (issue 20).
    /// </summary>
    public static TheoryData<string, string, int, bool> Phases() => new()
    {
        { "offline", nameof(AzurePrecheckActivity), 1, false },
        { "offline", nameof(PlanMigrationActivity), 1, false },
        { "offline", nameof(ApplyAzureChangesActivity), 1, false },
        { "offline", nameof(CreateTablesActivity), 1, false },
        { "offline", nameof(PlanChunksActivity), 1, false },
        { "offline", nameof(CopyChunkActivity), 1, false },
        { "offline", nameof(CopySmallTablesActivity), 1, false },
        { "offline", nameof(CreateRoutinesActivity), 1, false },
        { "offline", nameof(ValidateTablesActivity), 1, false },
        { "online", nameof(AzurePrecheckActivity), 1, false },
        { "online", nameof(RecordSourcePositionActivity), 1, false },
        { "online", nameof(PlanMigrationActivity), 1, false },
        { "online", nameof(ApplyAzureChangesActivity), 1, false },
        { "online", nameof(CreateTablesActivity), 1, false },
        { "online", nameof(PlanChunksActivity), 1, false },
        { "online", nameof(CopyChunkActivity), 1, false },
        { "online", nameof(CopySmallTablesActivity), 1, false },
        { "online", nameof(RecordSourcePositionActivity), 2, false },
        { "online", nameof(ApplyChangesActivity), 1, false },
        { "online", nameof(AddUniqueIndexesActivity), 1, false },
        { "online", nameof(ApplyChangesActivity), 2, false },
        { "online", nameof(StopSourceWritesActivity), 1, true },
        { "online", nameof(SwitchTargetOnActivity), 1, true },
        { "online", nameof(ValidateTablesActivity), 1, true },
    };

    [Theory]
    [MemberData(nameof(Phases))]
    public async Task A_cancel_raised_while_the_phase_runs_ends_the_migration_cancelled_with_everything_undone(
        string mode, string activity, int occurrence, bool cutover)
    {
        var name = $"{mode[..2]}{activity[..Math.Min(12, activity.Length)]}{occurrence}".ToLowerInvariant();
        var db = $"fm_az_cx_{name}";
        await MariaDbPair.CreateSourceAsync(db, Schema);
        var (source, target) = (ArmFixtures.AddSingle(Fake, $"fm-cx-{name}-src"), ArmFixtures.AddFlexible(Fake, $"fm-cx-{name}-tgt"));
        var gate = new ActivityGate(activity, occurrence);
        var store = new MigrationArtifactStore(container.Client);
        await using var host = await AzureMigrationHost.StartAsync(Fake.Connect(), store, replace: gate.Replacement());
        var online = mode == "online";
        var request = AzureMigrationHost.Request(db, new AzureMigrationOptions(source, target, TuneTarget: true, ScaleTargetSku: "Standard_D8ds_v4"));
        request = request with
        {
            Options = request.Options with
            {
                Mode = online ? MigrationMode.Online : MigrationMode.Offline,
                ChunkRows = 100,
                ApplyBatchSeconds = 2,
                CutoverPollMilliseconds = 100,
            },
        };
        var id = await host.StartAsync(request);
        if (cutover)
        {
            await WaitForStatusAsync(host, id, s => s.Replication is { CaughtUp: true });
            await host.Client.RaiseEventAsync(id, OnlineMigrationOrchestrator.CutoverEvent, new CutoverRequest(StopWritesMode.Confirmed, 120, "test"));
        }

        await gate.Reached.Task.WaitAsync(TimeSpan.FromMinutes(2));
        await host.Client.RaiseEventAsync(id, CancelSignal.EventName, "test cancel");
        // Let the orchestration take the event while it still waits on the held activity (the case that used to lose it).
        await Task.Delay(TimeSpan.FromMilliseconds(700));
        gate.Release();
        var meta = await host.WaitAsync(id);

        Assert.True(meta.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{meta.RuntimeStatus}: {meta.FailureDetails?.ErrorMessage}");
        var report = meta.ReadOutputAs<MigrationReport>()!;
        Assert.Equal(MigrationOutcome.Cancelled, report.Outcome);
        Assert.Equal(MigrationPhase.Cancelled, meta.ReadCustomStatusAs<MigrationStatus>()!.Phase);
        Assert.True(report.Azure is null || report.Azure.FullyRestored, "Azure changes not restored: " + string.Join(", ", report.Azure?.Restores.Select(r => r.Status) ?? []));
        Assert.Equal(OriginalPacket, Fake.Parameter(target, "max_allowed_packet"));
        Assert.Equal(OriginalSku, Fake.Resource(target)["sku"]!["name"]!.GetValue<string>());
        Assert.Contains("\"outcome\": \"cancelled\"", (await store.GetArtifactAsync(id, ArtifactKind.MigrationReport))!, StringComparison.Ordinal);
        if (activity == nameof(ValidateTablesActivity))
        {
            // The validation sub-orchestration was told and stopped early, rather than comparing every table first.
            var validation = await host.Client.GetInstanceAsync($"{id}-validation", getInputsAndOutputs: true);
            Assert.Equal(OrchestrationRuntimeStatus.Failed, validation!.RuntimeStatus);
            Assert.Contains("cancelled (test cancel)", validation.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
        }

        if (cutover)
        {
            // The cutover was undone: the source stays the primary and the target has no trigger firing on it.
            Assert.Equal(0L, await MariaDbPair.ScalarAsync(MariaDbPair.Target, $"SELECT COUNT(*) FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = '{db}'"));
            Assert.Contains(report.Notes, n => n.Message.Contains("test cancel", StringComparison.Ordinal));
        }
    }

    private static Task<MigrationStatus> WaitForStatusAsync(AzureMigrationHost host, string id, Func<MigrationStatus, bool> condition) =>
        MigrationStatusWaiter.WaitAsync(host.Client, id, condition, TimeSpan.FromMinutes(2), TimeSpan.FromMilliseconds(100));

    /// <summary>One Azurite container per test class instance, deleted afterwards.</summary>
    private sealed class BlobContainerClientHolder
    {
        public global::Azure.Storage.Blobs.BlobContainerClient Client { get; } = Azurite.NewContainer();
    }
}
