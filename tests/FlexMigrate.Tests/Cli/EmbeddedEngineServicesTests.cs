using FlexMigrate.Cli.Hosting;
using FlexMigrate.Core.Replication;
using FlexMigrate.Orchestration.Connections;
using Microsoft.Extensions.DependencyInjection;

namespace FlexMigrate.Tests.Cli;

/// <summary>
/// The CLI's engine holds one <see cref="ScopeTablesCache"/> for every replication batch it runs, so a migration's next
/// batch (a cutover's drain after its close-in) reuses the table shapes; without it each batch would read them again.
/// </summary>
public sealed class EmbeddedEngineServicesTests
{
    [Fact]
    public async Task The_engine_holds_one_scope_tables_cache_for_all_its_replication_batches()
    {
        await using var engine = await EmbeddedDurableEngine.StartAsync(
            new DictionaryConnectionCatalog(new Dictionary<string, string>()), null, CancellationToken.None);

        var cache = engine.Services.GetService<ScopeTablesCache>();

        Assert.NotNull(cache);
        Assert.Same(cache, engine.Services.GetService<ScopeTablesCache>());
    }
}
