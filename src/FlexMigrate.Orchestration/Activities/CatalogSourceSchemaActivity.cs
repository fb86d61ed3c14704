using FlexMigrate.Azure.Storage;
using FlexMigrate.Orchestration.Azure;
using FlexMigrate.Orchestration.Connections;
using FlexMigrate.Orchestration.Contracts;
using Microsoft.DurableTask;

namespace FlexMigrate.Orchestration.Activities;

/// <summary>
/// Online catch-up: reads the source's schema as it is now (replicated DDL may have changed it since the plan) and
/// stores it in the payload store, so the steps that follow (UNIQUE indexes per batch of tables, foreign keys,
/// routines, views) take it from there instead of each reading every table again: at 10,000 tables each full read is
/// 10,000 SHOW CREATE TABLE and the per-table reads 10,000 sets of information_schema queries (issue 20). Null
/// without a payload store: each step then reads the source itself, as before. Read-only, so retries are safe.
/// </summary>
public sealed class CatalogSourceSchemaActivity(IConnectionCatalog connections, IPayloadStore? payloads = null) : TaskActivity<MigrationRequest, PayloadReference?>
{
    public override async Task<PayloadReference?> RunAsync(TaskActivityContext context, MigrationRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        return payloads is null
            ? null
            : await SchemaCatalogs.StoreAsync(payloads, context.InstanceId,
                await SchemaSteps.ReadSourceAsync(connections.Resolve(input.SourceConnection), input), "schema-catalog-caught-up");
    }
}
