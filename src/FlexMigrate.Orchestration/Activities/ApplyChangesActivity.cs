using System.Diagnostics;
using FlexMigrate.Core.Binlog;
using FlexMigrate.Core.Replication;
using FlexMigrate.Orchestration.Connections;
using FlexMigrate.Orchestration.Contracts;
using Microsoft.DurableTask;

namespace FlexMigrate.Orchestration.Activities;

/// <summary>
/// One replication batch: applies source changes from the checkpoint for a bounded time and returns the new
/// checkpoint, counts and lag. Idempotent and crash-safe: the applier commits its checkpoint on the target in the
/// same transaction as the changes and resumes from it, so a retried or repeated batch never loses or doubles one.
/// </summary>
public sealed class ApplyChangesActivity(IConnectionCatalog connections) : TaskActivity<ApplyChangesStep, ChangesApplied>
{
    public override async Task<ChangesApplied> RunAsync(TaskActivityContext context, ApplyChangesStep input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var request = input.Request;
        var applier = new ReplicationApplier(
            connections.Resolve(request.SourceConnection),
            connections.Resolve(request.TargetConnection),
            ReplicationScopes.Of(request),
            new ReplicationApplierOptions
            {
                MigrationId = input.MigrationId,
                CatchUpPosition = BinlogPosition.Parse(input.CatchUpPosition.Position),
                MaxBatchDuration = TimeSpan.FromSeconds(input.MaxSeconds),
                Accounts = request.Users is null ? null : UserSteps.Selection(request, connections.Resolve(request.SourceConnection)),
            });
        var watch = Stopwatch.StartNew();
        var result = await applier.ApplyAsync(new ReplicationCheckpoint(BinlogPosition.Parse(input.From.Position), input.From.Gtid));
        return ChangesApplied.From(result, watch.Elapsed);
    }
}
