using FlexMigrate.Core.Ledger;
using FlexMigrate.Core.Schema;
using FlexMigrate.Orchestration.Azure;
using FlexMigrate.Orchestration.Connections;
using FlexMigrate.Orchestration.Contracts;
using Microsoft.DurableTask;

namespace FlexMigrate.Orchestration.Activities;

/// <summary>
/// Reads the selected source schema, refuses objects already on the target (or drops them with
/// <see cref="MigrationOptions.DropExisting"/>), and returns the tables to copy, largest first. The check passing is
/// recorded in the migration's ledger: a resumed run finds the objects its earlier runs created and keeps them.
/// </summary>
/// <remarks>This is where a migration reads the source schema (<see cref="SchemaReader"/>): the schema is stored through
/// the host's <see cref="IPayloadStore"/> and the plan carries its reference (<see cref="MigrationPlan.Catalog"/>) to the
/// activities that create tables and metadata, plan chunks and write the schema snapshot. A plan of more than <see cref="IPayloadStore.InlineTableLimit"/> tables is stored by reference when the host
/// registered an <see cref="IPayloadStore"/>.</remarks>
public sealed class PlanMigrationActivity(IConnectionCatalog connections, IPayloadStore? payloads = null) : TaskActivity<MigrationRequest, MigrationPlan>
{
    public override async Task<MigrationPlan> RunAsync(TaskActivityContext context, MigrationRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var schema = await SchemaSteps.ReadSourceAsync(connections.Resolve(input.SourceConnection), input);
        var target = connections.Resolve(input.TargetConnection);
        var writer = new TargetSchemaWriter(target, SchemaSteps.Options(input));
        await using var ledger = await TargetLedger.OpenAsync(target, input.MigrationId ?? context.InstanceId);
        var checkedBefore = (await ledger.StepsAsync()).ContainsKey(LedgerSteps.TargetChecked);
        var notes = await writer.CheckTargetAsync(schema, input.Options.DropExisting, ownExisting: checkedBefore);
        await ledger.RecordStepAsync(LedgerSteps.TargetChecked);
        var tables = schema.Tables
            .Select(t => new TableWork(t.Name.Database, t.Name.Name, t.EstimatedRows, t.DataBytes + t.IndexBytes, SchemaSteps.HasUsableKey(t)))
            .OrderByDescending(t => t.DataBytes)
            .ThenBy(t => t.Name, StringComparer.Ordinal)
            .ToList();
        IReadOnlyList<MigrationNote> planNotes = [.. schema.Notes, .. notes];
        var catalog = await SchemaCatalogs.StoreAsync(payloads, context.InstanceId, schema);
        if (payloads is not null && tables.Count > payloads.InlineTableLimit)
        {
            var reference = await payloads.PutAsync(context.InstanceId, "tables", tables);
            return new MigrationPlan([], planNotes) { TablesReference = reference, TableCount = tables.Count, Catalog = catalog };
        }

        return new MigrationPlan(tables, planNotes) { TableCount = tables.Count, Catalog = catalog };
    }
}
