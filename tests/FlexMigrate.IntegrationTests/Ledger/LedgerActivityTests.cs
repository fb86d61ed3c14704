using FlexMigrate.Core;
using FlexMigrate.Core.Ledger;
using FlexMigrate.IntegrationTests.Infrastructure;
using FlexMigrate.Orchestration.Connections;
using FlexMigrate.Orchestration.Contracts;
using FlexMigrate.Orchestration.Ledger;
using Microsoft.DurableTask;

namespace FlexMigrate.IntegrationTests.Ledger;

/// <summary>The ledger activities against the real pair: open (new, resumed, refused), phase, close.</summary>
public sealed class LedgerActivityTests : IAsyncLifetime
{
    private readonly List<string> _ids = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await using var target = await ServerPair.OpenTargetAsync();
        foreach (var id in _ids)
        {
            await MigrationLedger.ForgetAsync(target, id);
        }
    }

    private string NewId()
    {
        var id = $"migration-test-{Guid.NewGuid():N}";
        _ids.Add(id);
        return id;
    }

    private static readonly IConnectionCatalog Connections = new DictionaryConnectionCatalog(new Dictionary<string, string>
    {
        ["source"] = ServerPair.SourceConnectionString,
        ["target"] = ServerPair.TargetConnectionString,
    });

    private static readonly MigrationRequest Request = new("source", "target", ["ledger_shop"], [], ["ledger_shop.tmp"], new MigrationOptions(ChunkRows: 5000));

    [Fact]
    public async Task A_new_migration_opens_run_1_and_a_resume_opens_run_2_from_the_recorded_phase()
    {
        var id = NewId();
        var first = await Open(new LedgerOpening(id, id, Request));
        await new RecordPhaseActivity(Connections).RunAsync(Context, new LedgerPhase(id, MigrationPhase.CopyingData, "target"));
        var again = await Open(new LedgerOpening(id, id, Request));
        var resumed = await Open(new LedgerOpening(id, id + "-resume", Request with { Options = Request.Options with { Parallelism = 16 } }));
        var runs = await new CloseLedgerActivity(Connections).RunAsync(Context, new LedgerClosing(id, MigrationOutcome.Succeeded, "target"));

        Assert.Equal(new LedgerOpened(1, null, 0, 0, []), first with { DoneSteps = [] });
        Assert.False(first.IsResume);
        Assert.Equal(1, again.Run);
        Assert.Equal(2, resumed.Run);
        Assert.True(resumed.IsResume);
        Assert.Equal("CopyingData", resumed.ResumedFromPhase);
        Assert.Equal([null, "Succeeded"], runs.Select(r => r.Outcome));
        await using var target = await ServerPair.OpenTargetAsync();
        var entry = await MigrationLedger.ReadAsync(target, id);
        Assert.Equal(LedgerStatus.Succeeded, entry!.Status);
        Assert.Contains("\"SourceConnection\":\"source\"", entry.RequestJson, StringComparison.Ordinal);
        Assert.DoesNotContain("Server=", entry.RequestJson, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_resume_against_other_servers_or_options_is_refused_naming_each_difference()
    {
        var id = NewId();
        await Open(new LedgerOpening(id, id, Request));
        var swapped = new DictionaryConnectionCatalog(new Dictionary<string, string>
        {
            ["source"] = ServerPair.TargetConnectionString,
            ["target"] = ServerPair.TargetConnectionString,
        });
        var changed = Request with { Databases = ["ledger_shop", "ledger_crm"], Options = Request.Options with { KeepEngines = true } };

        var refused = await Assert.ThrowsAsync<UserActionRequiredException>(() =>
            new OpenLedgerActivity(swapped).RunAsync(Context, new LedgerOpening(id, id + "-resume", changed)));

        Assert.Contains($"Migration {id} was recorded on the target with other servers or options", refused.Message, StringComparison.Ordinal);
        Assert.Contains("source server: recorded 127.0.0.1:", refused.Message, StringComparison.Ordinal);
        Assert.Contains("server_id 1), now 127.0.0.1:", refused.Message, StringComparison.Ordinal);
        Assert.Contains("--databases: recorded ledger_shop, now ledger_shop,ledger_crm", refused.Message, StringComparison.Ordinal);
        Assert.Contains("--keep-engines: recorded false, now true", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("target server", refused.Message, StringComparison.Ordinal);
    }

    private static Task<LedgerOpened> Open(LedgerOpening opening) => new OpenLedgerActivity(Connections).RunAsync(Context, opening);

    private static readonly TaskActivityContext Context = new TestActivityContext();

    private sealed class TestActivityContext : TaskActivityContext
    {
        public override TaskName Name => "test";

        public override string InstanceId => "test";
    }
}
