using FlexMigrate.Core.Replication;
using FlexMigrate.Orchestration.Connections;
using FlexMigrate.Orchestration.Contracts;
using Microsoft.DurableTask;

namespace FlexMigrate.Orchestration.Activities;

/// <summary>After a successful cutover: removes the applier's checkpoint from the target. Idempotent.</summary>
public sealed class DropReplicationStateActivity(IConnectionCatalog connections) : TaskActivity<ApplyChangesStep, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, ApplyChangesStep input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var request = input.Request;
        await new ReplicationApplier(
                connections.Resolve(request.SourceConnection),
                connections.Resolve(request.TargetConnection),
                ReplicationScopes.Of(request),
                new ReplicationApplierOptions { MigrationId = input.MigrationId })
            .DropStateAsync();
        return true;
    }
}
