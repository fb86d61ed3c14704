using FlexMigrate.Core.Schema;
using FlexMigrate.Orchestration.Connections;
using FlexMigrate.Orchestration.Contracts;
using Microsoft.DurableTask;

namespace FlexMigrate.Orchestration.Activities;

/// <summary>
/// Reads the selected source schema, refuses objects already on the target (or drops them with
/// <see cref="MigrationOptions.DropExisting"/>), and returns the tables to copy, largest first.
/// </summary>
public sealed class PlanMigrationActivity(IConnectionCatalog connections) : TaskActivity<MigrationRequest, MigrationPlan>
{
    public override async Task<MigrationPlan> RunAsync(TaskActivityContext context, MigrationRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var schema = await SchemaSteps.ReadSourceAsync(connections.Resolve(input.SourceConnection), input);
        var writer = new TargetSchemaWriter(connections.Resolve(input.TargetConnection), SchemaSteps.Options(input));
        var notes = await writer.CheckTargetAsync(schema, input.Options.DropExisting);
        var tables = schema.Tables
            .Select(t => new TableWork(t.Name.Database, t.Name.Name, t.EstimatedRows, t.DataBytes + t.IndexBytes, SchemaSteps.HasUsableKey(t)))
            .OrderByDescending(t => t.DataBytes)
            .ThenBy(t => t.Name, StringComparer.Ordinal)
            .ToList();
        return new MigrationPlan(tables, SchemaSteps.Notes(schema.Notes.Concat(notes)));
    }
}
