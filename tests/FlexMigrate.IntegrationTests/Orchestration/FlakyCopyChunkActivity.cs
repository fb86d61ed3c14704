using FlexMigrate.Orchestration.Activities;
using FlexMigrate.Orchestration.Connections;
using FlexMigrate.Orchestration.Contracts;
using Microsoft.DurableTask;

namespace FlexMigrate.IntegrationTests.Orchestration;

/// <summary>
/// The real chunk copy, failing AFTER it wrote its rows the first time each chosen chunk runs: the worst case for
/// idempotency (work done, acknowledgement lost), so the retry must not duplicate a row.
/// </summary>
internal sealed class FlakyCopyChunkActivity(IConnectionCatalog connections, Func<ChunkStep, bool> failOnce, FailureLog log)
    : TaskActivity<ChunkStep, ChunkCopied>
{
    public override async Task<ChunkCopied> RunAsync(TaskActivityContext context, ChunkStep input)
    {
        var result = await new CopyChunkActivity(connections).RunAsync(context, input);
        if (failOnce(input) && log.FirstTime($"{input.Spec.Spec!.DisplayName}#{input.Chunk.Index}"))
        {
            throw new IOException($"injected: connection lost after copying chunk {input.Chunk.Index} of {input.Spec.Spec!.DisplayName}");
        }

        return result;
    }
}

/// <summary>Remembers which injected failures already happened (shared by all activity instances of a run).</summary>
internal sealed class FailureLog
{
    private readonly HashSet<string> _seen = [];

    public int Count { get; private set; }

    public bool FirstTime(string key)
    {
        lock (_seen)
        {
            if (!_seen.Add(key))
            {
                return false;
            }

            Count++;
            return true;
        }
    }
}
