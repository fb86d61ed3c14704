using FlexMigrate.Core.Cutover;
using FlexMigrate.Orchestration.Connections;
using FlexMigrate.Orchestration.Contracts;
using Microsoft.DurableTask;

namespace FlexMigrate.Orchestration.Activities;

/// <summary>
/// Reads the source's binlog end (file:pos and GTID state) and its read_only: P0 before the copy, and where the copy
/// finished after it. Read-only, so retries are harmless.
/// </summary>
public sealed class RecordSourcePositionActivity(IConnectionCatalog connections) : TaskActivity<MigrationRequest, SourcePositionRecorded>
{
    public override async Task<SourcePositionRecorded> RunAsync(TaskActivityContext context, MigrationRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var source = connections.Resolve(input.SourceConnection);
        var position = await SourcePositionReader.ReadAsync(source);
        var readOnly = await new SourceWriteGate(source).IsReadOnlyAsync();
        return new SourcePositionRecorded(position, readOnly);
    }
}
