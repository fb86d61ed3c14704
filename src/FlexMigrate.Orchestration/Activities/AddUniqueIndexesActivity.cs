using FlexMigrate.Core.Schema;
using FlexMigrate.Orchestration.Connections;
using FlexMigrate.Orchestration.Contracts;
using Microsoft.DurableTask;

namespace FlexMigrate.Orchestration.Activities;

/// <summary>
/// Online migrations: adds the UNIQUE indexes of a batch of tables, one table after another, once replay has passed
/// the copy's end. Before that point the target holds rows copied at different moments, which may collide on a unique
/// key until replay reconciles them. Each table's definition is read from the source as it is now (replicated DDL may
/// have changed it since the plan). One call per batch, not per table, keeps the catch-up's history and replay linear
/// in the table count (issue 20). Idempotent: indexes present are skipped.
/// </summary>
public sealed class AddUniqueIndexesActivity(IConnectionCatalog connections) : TaskActivity<TablesStep, IReadOnlyList<MigrationNote>>
{
    public override async Task<IReadOnlyList<MigrationNote>> RunAsync(TaskActivityContext context, TablesStep input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (source, target) = (connections.Resolve(input.Request.SourceConnection), connections.Resolve(input.Request.TargetConnection));
        var options = SchemaSteps.Options(input.Request);
        var notes = new List<MigrationNote>();
        foreach (var table in input.Tables)
        {
            notes.AddRange(await SchemaSteps.AddIndexesAsync(source, target, options, table, known: null, includeUnique: true));
        }

        return notes;
    }
}
